//! Facts: figures that state the same thing (indicator, sides, goods,
//! measure, kind, period, unit) grouped together, with the value most
//! sources agree on and a flag when some of them disagree. Figures about
//! different goods (wheat and cement exports of the same pair and year)
//! and figures of different measures (a level and an absolute change,
//! `change_abs`) never fall together.

use std::collections::BTreeMap;

use serde::Serialize;
use tandem_model::{SourceKind, DIRECTED_INDICATORS};

use crate::agreement::{allowed, Tolerance};
use crate::period::Period;
use tandem_store::FigureRecord;

/// The two sides of a figure, normalised: for undirected indicators the
/// pair is sorted (and a lone side stands first), so that "KZ–UZ" and
/// "UZ–KZ" turnover fall together; directed indicators keep their order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Sides {
    /// First side (exporter, investor, …; or the alphabetically first).
    pub subject: Option<String>,
    /// Second side.
    pub partner: Option<String>,
}

/// Whether the order of the two sides matters for an indicator.
pub fn is_directed(indicator: &str) -> bool {
    DIRECTED_INDICATORS.contains(&indicator)
}

impl Sides {
    /// Normalises the sides of a figure of `indicator`.
    pub fn new(indicator: &str, subject: Option<&str>, partner: Option<&str>) -> Sides {
        let (s, p) = (subject.map(str::to_owned), partner.map(str::to_owned));
        if is_directed(indicator) {
            return Sides {
                subject: s,
                partner: p,
            };
        }
        match (s, p) {
            (Some(a), Some(b)) if b < a => Sides {
                subject: Some(b),
                partner: Some(a),
            },
            (None, Some(b)) => Sides {
                subject: Some(b),
                partner: None,
            },
            (s, p) => Sides {
                subject: s,
                partner: p,
            },
        }
    }

    /// Parses `KZ-UZ` (a pair) or `KZ` (one side, no partner) for `indicator`.
    pub fn parse(indicator: &str, pair: &str) -> Result<Sides, String> {
        let code = |c: &str| -> Result<String, String> {
            let c = c.trim();
            if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
                Ok(c.to_ascii_uppercase())
            } else {
                Err(format!(
                    "`{pair}` is not a country pair like KZ-UZ (ISO 3166-1 alpha-2 codes)"
                ))
            }
        };
        match pair.split_once('-') {
            Some((a, b)) => Ok(Sides::new(indicator, Some(&code(a)?), Some(&code(b)?))),
            None => Ok(Sides::new(indicator, Some(&code(pair)?), None)),
        }
    }

    /// `KZ-UZ`, `KZ` (no partner named), `?-KZ` (a directed figure whose
    /// first side is not named: investment into KZ from unnamed investors)
    /// or `-` (no side named).
    pub fn label(&self) -> String {
        match (&self.subject, &self.partner) {
            (Some(a), Some(b)) => format!("{a}-{b}"),
            (Some(a), None) => a.clone(),
            (None, Some(b)) => format!("?-{b}"),
            (None, None) => "-".to_owned(),
        }
    }
}

/// What a group of figures is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FactKey {
    /// Indicator id.
    pub indicator: String,
    /// Normalised sides.
    #[serde(flatten)]
    pub sides: Sides,
    /// Goods: the two-digit HS chapter, `None` for all goods or none.
    pub product: Option<String>,
    /// `level`, `change_pct`, `share_pct`, `ratio` or `change_abs`.
    pub measure: String,
    /// `actual`, `target` or `forecast`.
    pub kind: String,
    /// Canonical period string.
    pub period: String,
    /// Unit of the values.
    pub unit: String,
    /// `official` (statistics tables) or `news` (text): the statistics and
    /// the news are separate facts, compared but never averaged together.
    pub source_kind: SourceKind,
}

/// The value a fact reports: the stated value most documents agree with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reported {
    /// The value.
    pub value: f64,
    /// Upper end when the chosen statement is a range.
    pub value_max: Option<f64>,
    /// Its qualifier (`exact`, `about`, `over`, `under`).
    pub approx: String,
    /// The figure it was taken from.
    pub figure_id: i64,
    /// How many documents state a value that agrees with it.
    pub agreeing_documents: usize,
}

/// One distinct value stated for a fact, with how many documents state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedValue {
    /// The value.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// Qualifier.
    pub approx: String,
    /// Documents stating exactly this.
    pub documents: usize,
    /// Figures stating exactly this.
    pub figure_ids: Vec<i64>,
}

/// A group of figures stating the same thing, with its reported value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// What it is about.
    #[serde(flatten)]
    pub key: FactKey,
    /// The parsed period.
    #[serde(skip)]
    pub parsed_period: Period,
    /// The reported value.
    pub reported: Reported,
    /// Whether two of its figures disagree beyond the tolerance.
    pub conflict: bool,
    /// An `actual` whose period starts after the latest of its (dated)
    /// documents: stated before it could have happened, so most likely a
    /// misread target or forecast. Kept, but not used as progress and not
    /// drawn into a series' line.
    pub before_its_period: bool,
    /// Number of distinct documents.
    pub documents: usize,
    /// Every distinct stated value.
    pub values: Vec<StatedValue>,
    /// Every figure, with its document, sentence and span.
    pub sources: Vec<FigureRecord>,
}

fn distinct_documents<'a>(it: impl Iterator<Item = &'a FigureRecord>) -> usize {
    let mut ids: Vec<&str> = it.map(|r| r.figure.doc.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// Chooses the reported value of a group: the statement the most documents
/// agree with, ties broken by the most recent document, then by the lower
/// figure id. `None` only for an empty group.
pub fn reported(figures: &[FigureRecord], tolerance: &Tolerance) -> Option<Reported> {
    let intervals: Vec<_> = figures
        .iter()
        .map(|r| {
            allowed(
                r.figure.value,
                r.figure.value_max,
                &r.figure.approx,
                tolerance,
            )
        })
        .collect();
    let mut best: Option<(usize, &str, i64, usize)> = None;
    for (i, candidate) in figures.iter().enumerate() {
        let support = distinct_documents(
            figures
                .iter()
                .zip(&intervals)
                .filter(|(_, iv)| iv.meets(&intervals[i]))
                .map(|(r, _)| r),
        );
        let better = match best {
            None => true,
            Some((s, date, id, _)) => {
                (
                    support,
                    candidate.date_key(),
                    std::cmp::Reverse(candidate.id),
                ) > (s, date, std::cmp::Reverse(id))
            }
        };
        if better {
            best = Some((support, candidate.date_key(), candidate.id, i));
        }
    }
    best.map(|(support, _, _, i)| {
        let f = &figures[i].figure;
        Reported {
            value: f.value,
            value_max: f.value_max,
            approx: f.approx.to_string(),
            figure_id: figures[i].id,
            agreeing_documents: support,
        }
    })
}

/// Whether some two figures of a group disagree beyond the tolerance.
pub fn has_conflict(figures: &[FigureRecord], tolerance: &Tolerance) -> bool {
    let intervals: Vec<_> = figures
        .iter()
        .map(|r| {
            allowed(
                r.figure.value,
                r.figure.value_max,
                &r.figure.approx,
                tolerance,
            )
        })
        .collect();
    intervals
        .iter()
        .enumerate()
        .any(|(i, a)| intervals[i + 1..].iter().any(|b| !a.meets(b)))
}

fn stated_values(figures: &[FigureRecord]) -> Vec<StatedValue> {
    let mut out: Vec<(StatedValue, Vec<&str>)> = Vec::new();
    for r in figures {
        let f = &r.figure;
        match out
            .iter_mut()
            .find(|(v, _)| v.value == f.value && v.value_max == f.value_max && v.approx == f.approx)
        {
            Some((v, docs)) => {
                v.figure_ids.push(r.id);
                docs.push(&f.doc);
            }
            None => out.push((
                StatedValue {
                    value: f.value,
                    value_max: f.value_max,
                    approx: f.approx.to_string(),
                    documents: 0,
                    figure_ids: vec![r.id],
                },
                vec![&f.doc],
            )),
        }
    }
    out.into_iter()
        .map(|(mut v, mut docs)| {
            docs.sort_unstable();
            docs.dedup();
            v.documents = docs.len();
            v
        })
        .collect()
}

/// Whether every dated source was written in a year before `period` starts
/// (false when no source is dated).
fn stated_before(period: &Period, sources: &[FigureRecord]) -> bool {
    let latest = sources
        .iter()
        .filter_map(|r| r.document.date.as_deref()?.get(..4)?.parse::<i32>().ok())
        .max();
    latest.is_some_and(|year| period.sort_key().0 > year)
}

/// Groups figures into facts. Figures without a period (or with one this
/// crate cannot parse) belong to no fact: they cannot be placed in time.
/// Facts come out ordered by key, then by period start.
pub fn build_facts(figures: Vec<FigureRecord>, tolerance: &Tolerance) -> Vec<Fact> {
    let mut groups: BTreeMap<FactKey, (Period, Vec<FigureRecord>)> = BTreeMap::new();
    for r in figures {
        let Some(period) = r.figure.period.as_deref().and_then(Period::parse) else {
            continue;
        };
        let f = &r.figure;
        let key = FactKey {
            indicator: f.indicator.to_string(),
            sides: Sides::new(&f.indicator, f.subject.as_deref(), f.partner.as_deref()),
            product: f.product.as_deref().map(str::to_string),
            measure: f.measure.to_string(),
            kind: f.kind.to_string(),
            period: period.to_string(),
            unit: f.unit.to_string(),
            source_kind: f.source_kind,
        };
        groups
            .entry(key)
            .or_insert_with(|| (period, Vec::new()))
            .1
            .push(r);
    }
    let mut facts: Vec<Fact> = groups
        .into_iter()
        .filter_map(|(key, (parsed_period, mut sources))| {
            sources.sort_by(|a, b| b.date_key().cmp(a.date_key()).then(a.id.cmp(&b.id)));
            let reported = reported(&sources, tolerance)?;
            Some(Fact {
                conflict: has_conflict(&sources, tolerance),
                before_its_period: key.kind == "actual" && stated_before(&parsed_period, &sources),
                documents: distinct_documents(sources.iter()),
                values: stated_values(&sources),
                key,
                parsed_period,
                reported,
                sources,
            })
        })
        .collect();
    facts.sort_by(|a, b| {
        (
            &a.key.indicator,
            &a.key.sides,
            &a.key.product,
            &a.key.measure,
            &a.key.kind,
            &a.key.unit,
            a.key.source_kind,
        )
            .cmp(&(
                &b.key.indicator,
                &b.key.sides,
                &b.key.product,
                &b.key.measure,
                &b.key.kind,
                &b.key.unit,
                b.key.source_kind,
            ))
            .then(a.parsed_period.sort_key().cmp(&b.parsed_period.sort_key()))
    });
    facts
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use tandem_model::Figure;
    use tandem_store::DocMeta;

    /// A figure record for tests: `spec` is `indicator subject partner measure kind period unit`,
    /// with `-` for a missing side or period.
    pub(crate) fn rec(
        id: i64,
        doc: &str,
        date: &str,
        value: f64,
        approx: &str,
        spec: &str,
    ) -> FigureRecord {
        let p: Vec<&str> = spec.split_whitespace().collect();
        let opt = |s: &str| (s != "-").then(|| s.to_owned());
        FigureRecord {
            id,
            figure: Figure {
                doc: doc.to_owned(),
                text: format!("{value}"),
                occurrence: 1,
                value,
                value_max: None,
                unit: p[6].to_owned().into(),
                approx: approx.to_owned().into(),
                indicator: p[0].to_owned().into(),
                measure: p[3].to_owned().into(),
                subject: opt(p[1]).map(Into::into),
                partner: opt(p[2]).map(Into::into),
                kind: p[4].to_owned().into(),
                period: opt(p[5]),
                product: None,
                start: 0,
                end: 1,
                sentence: format!("sentence of figure {id}"),
                source_kind: Default::default(),
                cell: None,
            },
            document: DocMeta {
                id: doc.to_owned(),
                name: format!("name-{doc}"),
                title: Some(format!("Title {doc}")),
                date: (!date.is_empty()).then(|| date.to_owned()),
                language: Some("ru".to_owned()),
            },
        }
    }

    const TURNOVER_2024: &str = "trade.turnover KZ UZ level actual 2024 USD";

    #[test]
    fn undirected_sides_fall_together_directed_do_not() {
        assert_eq!(
            Sides::new("trade.turnover", Some("UZ"), Some("KZ")),
            Sides::new("trade.turnover", Some("KZ"), Some("UZ"))
        );
        assert_ne!(
            Sides::new("trade.export", Some("UZ"), Some("KZ")),
            Sides::new("trade.export", Some("KZ"), Some("UZ"))
        );
        assert_eq!(Sides::new("gdp", None, Some("KZ")).label(), "KZ");
        assert_eq!(
            Sides::new("investment", None, Some("KZ")).label(),
            "?-KZ",
            "unnamed investors into KZ are not KZ investing"
        );
        assert_eq!(
            Sides::parse("trade.turnover", "uz-kz").unwrap().label(),
            "KZ-UZ"
        );
        assert_eq!(
            Sides::parse("trade.export", "UZ-KZ").unwrap().label(),
            "UZ-KZ"
        );
        assert!(Sides::parse("trade.export", "Uzbekistan").is_err());
    }

    #[test]
    fn majority_value_is_reported_and_disagreement_flagged() {
        let figs = vec![
            rec(1, "a", "2025-01-10", 4.0e9, "exact", TURNOVER_2024),
            rec(
                2,
                "b",
                "2025-02-10",
                4.01e9,
                "exact",
                "trade.turnover UZ KZ level actual 2024 USD",
            ),
            rec(3, "c", "2025-03-10", 4.6e9, "exact", TURNOVER_2024),
            rec(
                4,
                "d",
                "2025-03-10",
                1.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2023 USD",
            ),
        ];
        let facts = build_facts(figs, &Tolerance::default());
        assert_eq!(facts.len(), 2);
        assert_eq!(facts[0].key.period, "2023");
        let f = &facts[1];
        assert!(f.conflict);
        assert_eq!(f.documents, 3);
        assert_eq!(f.reported.agreeing_documents, 2);
        assert!(
            (f.reported.value - 4.0e9).abs() < 2e7,
            "reported {}",
            f.reported.value
        );
        assert_eq!(f.values.len(), 3);
        assert!(!facts[0].conflict);
    }

    #[test]
    fn ties_go_to_the_most_recent_document_and_qualifiers_do_not_conflict() {
        let figs = vec![
            rec(1, "old", "2024-05-01", 3.0e9, "exact", TURNOVER_2024),
            rec(2, "new", "2025-05-01", 3.5e9, "exact", TURNOVER_2024),
        ];
        let facts = build_facts(figs, &Tolerance::default());
        assert_eq!(facts[0].reported.figure_id, 2);
        let figs = vec![
            rec(1, "a", "2025", 4.0e9, "over", TURNOVER_2024),
            rec(2, "b", "2025", 4.1e9, "exact", TURNOVER_2024),
        ];
        let facts = build_facts(figs, &Tolerance::default());
        assert!(!facts[0].conflict);
        assert_eq!(facts[0].reported.agreeing_documents, 2);
    }

    #[test]
    fn an_actual_for_a_later_year_than_its_documents_is_flagged() {
        let figs = vec![
            rec(
                1,
                "a",
                "2025-02-01",
                1.0e10,
                "exact",
                "trade.turnover KZ UZ level actual 2030 USD",
            ),
            rec(2, "b", "2025-02-01", 4.0e9, "exact", TURNOVER_2024),
            rec(
                3,
                "c",
                "",
                5.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2029 USD",
            ),
            rec(
                4,
                "d",
                "2025-02-01",
                1.0e10,
                "exact",
                "trade.turnover KZ UZ level target ..2030 USD",
            ),
        ];
        let facts = build_facts(figs, &Tolerance::default());
        let flagged: Vec<&str> = facts
            .iter()
            .filter(|f| f.before_its_period)
            .map(|f| f.key.period.as_str())
            .collect();
        assert_eq!(
            flagged,
            ["2030"],
            "undated sources and targets are not flagged"
        );
    }

    #[test]
    fn figures_without_period_or_with_other_units_stay_apart() {
        let figs = vec![
            rec(
                1,
                "a",
                "2025",
                4.0e9,
                "exact",
                "trade.turnover KZ UZ level actual - USD",
            ),
            rec(
                2,
                "b",
                "2025",
                9.0e12,
                "exact",
                "trade.turnover KZ UZ level actual 2024 KZT",
            ),
            rec(3, "c", "2025", 4.0e9, "exact", TURNOVER_2024),
        ];
        let facts = build_facts(figs, &Tolerance::default());
        assert_eq!(facts.len(), 2);
        assert!(facts.iter().all(|f| !f.conflict));
    }
}
