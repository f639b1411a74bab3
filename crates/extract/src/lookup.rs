//! Looking up what a short label names — a table's header cell, title row
//! or sheet name — with the same lexicon the extraction reads text with:
//! countries, indicator words, scale words and units. Statistics tables
//! (read by `tandem-ingest`) use it, so that a header in Kazakh, Uzbek or
//! Russian is understood exactly as the same words in a news item.

use crate::context::Doc;
use crate::lexicon::{self, GROUP};
use crate::matcher::Tag;

/// What a label names, each list in the order of the words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelTerms {
    /// ISO 3166-1 alpha-2 codes of the countries named (groups of
    /// countries such as "CIS" left out).
    pub countries: Vec<String>,
    /// Indicator ids of the indicator words (`trade.export`, …).
    pub indicators: Vec<String>,
    /// Scale words (`млн` → 1e6).
    pub scales: Vec<f64>,
    /// Units (`USD`, `tonne`, …), from unit words and currency symbols.
    pub units: Vec<String>,
}

/// Reads the countries, indicator words, scales and units a label names
/// ("Внешняя торговля Республики Казахстан, млн долл. США" → KZ, trade
/// words, 1e6, USD). An empty result when the lexicon cannot be loaded.
pub fn label_terms(label: &str) -> LabelTerms {
    let mut out = LabelTerms::default();
    let Ok(lex) = lexicon::lexicon() else {
        return out;
    };
    let doc = Doc::new(label, lex);
    let mut i = 0;
    while i < doc.toks.toks.len() {
        // the longest phrase starting here names one thing
        let Some((m, tag)) = doc.tags(i).max_by_key(|(m, _)| m.end) else {
            i += 1;
            continue;
        };
        let end = m.end.max(i + 1);
        match tag {
            Tag::Country(code, _) if code != GROUP => out.countries.push(code.clone()),
            Tag::Indicator(ind) => out.indicators.push(ind.clone()),
            Tag::Scale(s) => out.scales.push(*s),
            Tag::Unit(u) | Tag::PrefixUnit(u) => out.units.push(u.clone()),
            _ => {}
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_countries_indicators_and_units_of_labels() {
        let t = label_terms("Внешняя торговля Республики Казахстан, млн долл. США");
        assert_eq!(t.countries, ["KZ"]);
        assert_eq!(t.scales, [1e6]);
        assert_eq!(t.units, ["USD"]);
        assert_eq!(label_terms("Узбекистан").countries, ["UZ"]);
        assert_eq!(label_terms("Uzbekistan").countries, ["UZ"]);
        assert_eq!(label_terms("Өзбекстан").countries, ["UZ"]);
        assert_eq!(label_terms("Qozog'iston").countries, ["KZ"]);
        assert_eq!(label_terms("Экспорт").indicators, ["trade.export"]);
        assert_eq!(label_terms("Imports").indicators, ["trade.import"]);
        assert_eq!(label_terms("Товарооборот").indicators, ["trade.turnover"]);
        assert!(label_terms("2024").countries.is_empty());
    }
}
