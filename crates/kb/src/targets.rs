//! Targets: figures of kind `target` tracked over time. Restatements of the
//! same goal are merged; a goal that changed ("$5 bn by 2020", later
//! "$10 bn by 2030") keeps its history. Each target is set against the
//! latest yearly actual of the same indicator, pair, goods, measure and
//! unit.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::agreement::{allowed, Tolerance};
use crate::facts::{Fact, Sides};
use crate::period::Period;
use tandem_store::FigureRecord;

/// One statement of a goal, possibly made by several documents.
#[derive(Debug, Clone, Serialize)]
pub struct TargetStatement {
    /// Target value.
    pub value: f64,
    /// Upper end when stated as a range.
    pub value_max: Option<f64>,
    /// Qualifier.
    pub approx: String,
    /// The year it is due.
    pub year: i32,
    /// The period as stated (`..2030`).
    pub period: String,
    /// Date of the earliest document stating it, when known.
    pub first_stated: Option<String>,
    /// Date of the latest document stating it, when known.
    pub last_stated: Option<String>,
    /// Number of documents stating it.
    pub documents: usize,
    /// Every figure stating it.
    pub sources: Vec<FigureRecord>,
}

/// How far the latest actual is from a target.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// The latest yearly actual value.
    pub actual: f64,
    /// Its year.
    pub actual_year: i32,
    /// The figure it was reported by.
    pub actual_figure_id: i64,
    /// `actual / target` (1.0 = reached).
    pub share: f64,
    /// Years from the actual's year to the deadline.
    pub years_left: i32,
    /// Whether the actual already reaches the target.
    pub reached: bool,
    /// Compound yearly growth (percent) still needed to reach the target on
    /// time; `None` once reached or when the deadline has passed.
    pub required_growth_pct: Option<f64>,
}

/// A tracked target.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// Indicator id.
    pub indicator: String,
    /// Sides.
    #[serde(flatten)]
    pub sides: Sides,
    /// Goods: the two-digit HS chapter, `None` for all goods or none.
    pub product: Option<String>,
    /// Measure of the target value.
    pub measure: String,
    /// Unit.
    pub unit: String,
    /// The statement in force: the one stated most recently.
    pub current: TargetStatement,
    /// Every distinct statement, in the order they were first made.
    pub history: Vec<TargetStatement>,
    /// Whether the goal was ever changed (more than one statement).
    pub changed: bool,
    /// Progress of the current statement, when a yearly actual exists.
    pub progress: Option<Progress>,
}

/// (indicator, sides, product, measure, unit).
type TargetKey = (String, Sides, Option<String>, String, String);

fn statement(year: i32, first: &FigureRecord) -> TargetStatement {
    let f = &first.figure;
    TargetStatement {
        value: f.value,
        value_max: f.value_max,
        approx: f.approx.to_string(),
        year,
        period: f.period.clone().unwrap_or_default(),
        first_stated: None,
        last_stated: None,
        documents: 0,
        sources: Vec::new(),
    }
}

fn finish(mut s: TargetStatement) -> TargetStatement {
    let mut dates: Vec<&str> = s
        .sources
        .iter()
        .filter_map(|r| r.document.date.as_deref())
        .collect();
    dates.sort_unstable();
    s.first_stated = dates.first().map(|d| (*d).to_owned());
    s.last_stated = dates.last().map(|d| (*d).to_owned());
    let mut docs: Vec<&str> = s.sources.iter().map(|r| r.figure.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    s.documents = docs.len();
    s
}

/// Builds the tracked targets from facts (as [`crate::facts::build_facts`]
/// returns them): target facts give the goals, yearly actual facts the progress.
pub fn build_targets(facts: &[Fact], tolerance: &Tolerance) -> Vec<Target> {
    let mut by_key: BTreeMap<TargetKey, Vec<(i32, &FigureRecord)>> = BTreeMap::new();
    for fact in facts.iter().filter(|f| f.key.kind == "target") {
        let Some(year) = fact.parsed_period.deadline_year() else {
            continue;
        };
        let k = &fact.key;
        let key = (
            k.indicator.clone(),
            k.sides.clone(),
            k.product.clone(),
            k.measure.clone(),
            k.unit.clone(),
        );
        by_key
            .entry(key)
            .or_default()
            .extend(fact.sources.iter().map(|r| (year, r)));
    }
    by_key
        .into_iter()
        .filter_map(|((indicator, sides, product, measure, unit), mut figs)| {
            figs.sort_by(|a, b| a.1.date_key().cmp(b.1.date_key()).then(a.1.id.cmp(&b.1.id)));
            let mut statements: Vec<TargetStatement> = Vec::new();
            for (year, r) in figs {
                let iv = allowed(
                    r.figure.value,
                    r.figure.value_max,
                    &r.figure.approx,
                    tolerance,
                );
                let same = statements.iter_mut().find(|s| {
                    s.year == year && allowed(s.value, s.value_max, &s.approx, tolerance).meets(&iv)
                });
                match same {
                    Some(s) => s.sources.push(r.clone()),
                    None => {
                        let mut s = statement(year, r);
                        s.sources.push(r.clone());
                        statements.push(s);
                    }
                }
            }
            let history: Vec<TargetStatement> = statements.into_iter().map(finish).collect();
            let current = history
                .iter()
                .enumerate()
                .max_by(|(i, a), (j, b)| a.last_stated.cmp(&b.last_stated).then(i.cmp(j)))
                .map(|(_, s)| s.clone())?;
            let of = Of {
                indicator: &indicator,
                sides: &sides,
                product: product.as_deref(),
                measure: &measure,
                unit: &unit,
            };
            let progress = progress(facts, &of, &current);
            Some(Target {
                changed: history.len() > 1,
                indicator,
                sides,
                product,
                measure,
                unit,
                current,
                history,
                progress,
            })
        })
        .collect()
}

/// What a target is about: the actuals it is set against share all of it.
struct Of<'a> {
    indicator: &'a str,
    sides: &'a Sides,
    product: Option<&'a str>,
    measure: &'a str,
    unit: &'a str,
}

fn progress(facts: &[Fact], of: &Of<'_>, target: &TargetStatement) -> Option<Progress> {
    let latest = facts
        .iter()
        .filter(|f| {
            f.key.kind == "actual"
                && f.key.indicator == of.indicator
                && f.key.sides == *of.sides
                && f.key.product.as_deref() == of.product
                && f.key.measure == of.measure
                && f.key.unit == of.unit
        })
        .filter_map(|f| match f.parsed_period {
            Period::Year(y) if !f.before_its_period => Some((y, f)),
            _ => None,
        })
        .max_by_key(|(y, _)| *y)?;
    let (actual_year, fact) = latest;
    let actual = fact.reported.value;
    let goal = target.value;
    let share = if goal != 0.0 { actual / goal } else { 0.0 };
    let years_left = target.year - actual_year;
    let reached = actual >= goal;
    let required_growth_pct = (!reached && years_left > 0 && actual > 0.0 && goal > 0.0)
        .then(|| ((goal / actual).powf(1.0 / f64::from(years_left)) - 1.0) * 100.0);
    Some(Progress {
        actual,
        actual_year,
        actual_figure_id: fact.reported.figure_id,
        share,
        years_left,
        reached,
        required_growth_pct,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::build_facts;
    use crate::facts::tests::rec;

    #[test]
    fn restated_targets_merge_and_changed_ones_keep_history() {
        let figs = vec![
            rec(
                1,
                "a",
                "2017-09-01",
                5.0e9,
                "exact",
                "trade.turnover UZ KZ level target ..2020 USD",
            ),
            rec(
                2,
                "b",
                "2018-03-01",
                5.0e9,
                "exact",
                "trade.turnover KZ UZ level target ..2020 USD",
            ),
            rec(
                3,
                "c",
                "2024-08-01",
                10.0e9,
                "exact",
                "trade.turnover KZ UZ level target ..2030 USD",
            ),
            rec(
                4,
                "d",
                "2025-01-01",
                10.0e9,
                "exact",
                "trade.turnover KZ UZ level target ..2030 USD",
            ),
            rec(
                5,
                "d",
                "2025-01-01",
                4.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2024 USD",
            ),
            rec(
                6,
                "e",
                "2024-01-01",
                3.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2023 USD",
            ),
            // An "actual" for a year after its document was written is a misreading: not progress.
            rec(
                7,
                "f",
                "2025-02-01",
                10.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2030 USD",
            ),
        ];
        let t = Tolerance::default();
        let targets = build_targets(&build_facts(figs, &t), &t);
        assert_eq!(targets.len(), 1);
        let tg = &targets[0];
        assert!(tg.changed);
        assert_eq!(tg.history.len(), 2);
        assert_eq!(tg.history[0].year, 2020);
        assert_eq!(tg.history[0].documents, 2);
        assert_eq!(tg.history[0].first_stated.as_deref(), Some("2017-09-01"));
        assert_eq!(tg.current.year, 2030);
        assert_eq!(tg.current.documents, 2);
        let p = tg.progress.as_ref().unwrap();
        assert_eq!(p.actual_year, 2024);
        assert!((p.share - 0.4).abs() < 1e-12);
        assert_eq!(p.years_left, 6);
        let need = p.required_growth_pct.unwrap();
        assert!((need - ((2.5f64).powf(1.0 / 6.0) - 1.0) * 100.0).abs() < 1e-9);
        assert!(need > 16.0 && need < 17.0);
    }

    #[test]
    fn reached_target_needs_no_growth_and_lone_target_has_no_progress() {
        let figs = vec![
            rec(
                1,
                "a",
                "2023",
                1.0e9,
                "exact",
                "investment CN KZ level target ..2026 USD",
            ),
            rec(
                2,
                "b",
                "2025",
                1.2e9,
                "exact",
                "investment CN KZ level actual 2024 USD",
            ),
            rec(
                3,
                "c",
                "2025",
                100.0,
                "exact",
                "projects KZ UZ level target ..2030 count",
            ),
        ];
        let t = Tolerance::default();
        let targets = build_targets(&build_facts(figs, &t), &t);
        assert_eq!(targets.len(), 2);
        let inv = targets
            .iter()
            .find(|t| t.indicator == "investment")
            .unwrap();
        let p = inv.progress.as_ref().unwrap();
        assert!(p.reached);
        assert!(p.required_growth_pct.is_none());
        assert!(!inv.changed);
        let projects = targets.iter().find(|t| t.indicator == "projects").unwrap();
        assert!(projects.progress.is_none());
    }
}
