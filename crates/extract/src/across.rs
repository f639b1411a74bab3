//! Reading across documents: the country a document leaves unnamed, taken
//! from another document that states the same figures with it.
//!
//! An agency's report is often published twice: once naming the country
//! ("экспорт Республики Таджикистан за девять месяцев составил 1 млрд 189
//! млн долларов"), once without it ("экспорт отечественной продукции за
//! девять месяцев составил 1189,0 млн долларов"). A reader of the second
//! who has read the first knows whose exports these are; so does Tandem,
//! for documents read together (one `tandem extract` run, one ingest
//! batch):
//!
//! 1. a figure with no side named takes the sides of a figure of another
//!    document with the same value, unit, indicator, measure, kind and
//!    period, when every such figure names the same sides. Only values
//!    with at least [`SPECIFIC_DIGITS`] significant digits are compared:
//!    "10 %" in two documents is no sign of one report, "1189,0 млн" is;
//! 2. in a document where this found one country, the figures that still
//!    name no subject — national totals, and exports or imports with only
//!    the other side named ("в Афганистан") — are that country's too.
//!
//! A figure whose text names a side is never changed.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use tandem_model::Figure;

/// Significant digits a value needs for two documents' figures to be read
/// as one report's.
pub const SPECIFIC_DIGITS: usize = 3;

/// Sides of a figure: (subject, partner).
type Sides = (Option<Cow<'static, str>>, Option<Cow<'static, str>>);

/// What must agree for two documents' figures to be the same figure.
#[derive(PartialEq, Eq, Hash)]
struct Key<'a> {
    value: u64,
    value_max: Option<u64>,
    unit: &'a str,
    indicator: &'a str,
    measure: &'a str,
    kind: &'a str,
    period: &'a str,
}

impl<'a> Key<'a> {
    /// The figure's key, if its value is specific and its period known.
    fn of(f: &'a Figure) -> Option<Key<'a>> {
        if significant_digits(f.value) < SPECIFIC_DIGITS {
            return None;
        }
        Some(Key {
            value: f.value.to_bits(),
            value_max: f.value_max.map(f64::to_bits),
            unit: &f.unit,
            indicator: &f.indicator,
            measure: &f.measure,
            kind: &f.kind,
            period: f.period.as_deref()?,
        })
    }
}

/// Significant digits of a value as written in base units, trailing zeros
/// not counted (1189000000 → 4, 54.8 → 3, 16000000000 → 2).
fn significant_digits(v: f64) -> usize {
    let s = format!("{}", v.abs());
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// Fills in, across the documents of `figures`, the sides a document
/// leaves unnamed (see the module doc). Figures of one document share
/// their `doc`.
pub fn lend_sides(figures: &mut [Figure]) {
    // (most figures name their sides: only values of those that name none
    // are looked for, without reading every figure's key)
    let unnamed = |f: &Figure| f.subject.is_none() && f.partner.is_none();
    let wanted: HashSet<u64> = figures
        .iter()
        .filter(|f| unnamed(f))
        .map(|f| f.value.to_bits())
        .collect();
    if wanted.is_empty() {
        return;
    }
    // the sides each key is stated with, per document
    let mut stated: HashMap<Key<'_>, Vec<(&str, Sides)>> = HashMap::new();
    for f in figures
        .iter()
        .filter(|f| f.subject.is_some() && wanted.contains(&f.value.to_bits()))
    {
        if let Some(key) = Key::of(f) {
            stated
                .entry(key)
                .or_default()
                .push((&f.doc, (f.subject.clone(), f.partner.clone())));
        }
    }
    let mut lent: Vec<(usize, Sides)> = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        if !unnamed(f) {
            continue;
        }
        let Some(others) = Key::of(f).and_then(|k| stated.get(&k)) else {
            continue;
        };
        let mut sides = others
            .iter()
            .filter(|(doc, _)| *doc != f.doc)
            .map(|(_, s)| s);
        if let Some(first) = sides.next() {
            if sides.all(|s| s == first) {
                lent.push((i, first.clone()));
            }
        }
    }
    // the one country each document was found to speak of
    let mut country: HashMap<String, Option<Cow<'static, str>>> = HashMap::new();
    for (i, (subject, _)) in &lent {
        country
            .entry(figures[*i].doc.clone())
            .and_modify(|c| {
                if c != subject {
                    *c = None;
                }
            })
            .or_insert_with(|| subject.clone());
    }
    for (i, (subject, partner)) in lent {
        figures[i].subject = subject;
        figures[i].partner = partner;
    }
    for f in figures.iter_mut().filter(|f| f.subject.is_none()) {
        let Some(Some(c)) = country.get(&f.doc) else {
            continue;
        };
        let directed = matches!(&*f.indicator, "trade.export" | "trade.import");
        if (f.partner.is_none() || directed) && f.partner.as_ref() != Some(c) {
            f.subject = Some(c.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(
        doc: &str,
        value: f64,
        subject: Option<&'static str>,
        partner: Option<&'static str>,
    ) -> Figure {
        Figure {
            doc: doc.into(),
            text: String::new(),
            occurrence: 1,
            value,
            value_max: None,
            unit: "USD".into(),
            approx: "exact".into(),
            indicator: "trade.export".into(),
            measure: "level".into(),
            subject: subject.map(Cow::Borrowed),
            partner: partner.map(Cow::Borrowed),
            kind: "actual".into(),
            period: Some("2020-01..2020-09".into()),
            product: None,
            start: 0,
            end: 0,
            sentence: String::new(),
            source_kind: Default::default(),
            cell: None,
        }
    }

    #[test]
    fn significant_digits_ignore_scale_zeros() {
        assert_eq!(significant_digits(1_189_000_000.0), 4);
        assert_eq!(significant_digits(54.8), 3);
        assert_eq!(significant_digits(16_000_000_000.0), 2);
        assert_eq!(significant_digits(0.05), 1);
    }

    #[test]
    fn a_figure_stated_with_its_country_elsewhere_takes_it_and_so_does_its_document() {
        let mut figs = vec![
            fig("named", 1_189_000_000.0, Some("TJ"), None),
            fig("unnamed", 1_189_000_000.0, None, None),
            fig("unnamed", 189_000.0, None, Some("AF")),
            fig("unnamed", 250_000.0, None, None),
        ];
        lend_sides(&mut figs);
        assert_eq!(figs[1].subject.as_deref(), Some("TJ"));
        assert_eq!(figs[2].subject.as_deref(), Some("TJ"));
        assert_eq!(figs[2].partner.as_deref(), Some("AF"));
        assert_eq!(figs[3].subject.as_deref(), Some("TJ"));
    }

    /// The subject of the last of `figs` once they are read together.
    fn last_subject(mut figs: Vec<Figure>) -> Option<Cow<'static, str>> {
        lend_sides(&mut figs);
        figs.pop().and_then(|f| f.subject)
    }

    #[test]
    fn round_values_other_periods_and_disagreeing_sources_lend_nothing() {
        let round = vec![
            fig("a", 10_000_000.0, Some("TJ"), None),
            fig("b", 10_000_000.0, None, None),
        ];
        assert_eq!(last_subject(round), None);

        let mut other_period = vec![
            fig("a", 1_189_000_000.0, Some("TJ"), None),
            fig("b", 1_189_000_000.0, None, None),
        ];
        other_period[1].period = Some("2019".into());
        assert_eq!(last_subject(other_period), None);

        let disagree = vec![
            fig("a", 1_189_000_000.0, Some("TJ"), None),
            fig("c", 1_189_000_000.0, Some("KG"), None),
            fig("b", 1_189_000_000.0, None, None),
        ];
        assert_eq!(last_subject(disagree), None);

        let same_doc = vec![
            fig("a", 1_189_000_000.0, Some("TJ"), None),
            fig("a", 1_189_000_000.0, None, None),
        ];
        assert_eq!(last_subject(same_doc), None);
    }
}
