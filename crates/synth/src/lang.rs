//! Per-language template data, loaded from `data/<lang>.toml` (embedded).

use std::collections::BTreeMap;
use std::io;

use serde::Deserialize;

use crate::template::slots;

/// Slots a title or body sentence may use (see `document.rs`).
const SENTENCE_SLOTS: [&str; 13] = [
    "a",
    "b",
    "c",
    "period",
    "year",
    "target_year",
    "bn",
    "mn",
    "pct",
    "times",
    "int",
    "big",
    "uniq",
];

/// The embedded data files, one per language, in generation order.
const SOURCES: [(&str, &str); 7] = [
    ("kk", include_str!("../data/kk.toml")),
    ("uz-Cyrl", include_str!("../data/uz-Cyrl.toml")),
    ("uz-Latn", include_str!("../data/uz-Latn.toml")),
    ("ky", include_str!("../data/ky.toml")),
    ("tg", include_str!("../data/tg.toml")),
    ("ru", include_str!("../data/ru.toml")),
    ("en", include_str!("../data/en.toml")),
];

/// Everything the generator knows about one language.
#[derive(Debug, Deserialize)]
pub(crate) struct LangData {
    /// Language code (`kk`, `uz-Cyrl`, ...), also the output sub-directory.
    pub(crate) code: String,
    /// Decimal separator.
    pub(crate) decimal: String,
    /// Thousands separator.
    pub(crate) group: String,
    /// Month names as used in period phrases (January first).
    pub(crate) months: Vec<String>,
    /// Month names as used in datelines, when they differ (e.g. genitive).
    #[serde(default)]
    pub(crate) months_date: Vec<String>,
    /// Apostrophe variants; the first one is used in the data and is replaced
    /// per document by a randomly chosen one.
    #[serde(default)]
    pub(crate) apostrophes: Vec<String>,
    /// Dateline template with `{city}`, `{day}`, `{month}`.
    pub(crate) dateline: String,
    /// Cities for datelines.
    pub(crate) cities: Vec<String>,
    /// Period phrases for a whole year (`{year}`).
    pub(crate) period_year: Vec<String>,
    /// Period phrases for a span of months (`{year}`, `{m1}`, `{m2}`).
    pub(crate) period_months: Vec<String>,
    /// Headline templates.
    pub(crate) titles: Vec<String>,
    /// Lead sentences; each has a `{uniq}` slot that makes the document unique.
    pub(crate) leads: Vec<String>,
    /// Sentences carrying figures.
    pub(crate) sentences: Vec<String>,
    /// Sentences without figures.
    pub(crate) fillers: Vec<String>,
    /// Web-page boilerplate strings.
    pub(crate) ui: Ui,
    /// Countries with their inflected forms.
    pub(crate) countries: Vec<Country>,
}

/// Strings of the HTML boilerplate.
#[derive(Debug, Deserialize)]
pub(crate) struct Ui {
    /// Site name.
    pub(crate) site: String,
    /// Navigation menu items.
    pub(crate) menu: Vec<String>,
    /// Cookie banner text.
    pub(crate) cookie: String,
    /// Cookie banner button.
    pub(crate) accept: String,
    /// Heading of the related-links sidebar.
    pub(crate) related: String,
    /// Footer text.
    pub(crate) footer: String,
}

/// A country and its forms (`nom` is required; others as the templates need).
#[derive(Debug, Deserialize)]
pub(crate) struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub(crate) code: String,
    /// Form name → word form.
    pub(crate) forms: BTreeMap<String, String>,
}

impl Country {
    /// The form `name`, falling back to the nominative.
    pub(crate) fn form(&self, name: &str) -> &str {
        self.forms
            .get(name)
            .or_else(|| self.forms.get("nom"))
            .map(String::as_str)
            .unwrap_or("")
    }
}

impl LangData {
    /// Month name for datelines (1-based month).
    pub(crate) fn date_month(&self, month: u32) -> &str {
        let list = if self.months_date.len() == 12 {
            &self.months_date
        } else {
            &self.months
        };
        list.get(month as usize - 1)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Month name for periods (1-based month).
    pub(crate) fn month(&self, month: u32) -> &str {
        self.months
            .get(month as usize - 1)
            .map(String::as_str)
            .unwrap_or("")
    }

    fn check(&self) -> Result<(), String> {
        let non_empty = [
            ("cities", self.cities.len()),
            ("period_year", self.period_year.len()),
            ("period_months", self.period_months.len()),
            ("titles", self.titles.len()),
            ("leads", self.leads.len()),
            ("sentences", self.sentences.len()),
            ("fillers", self.fillers.len()),
        ];
        for (name, len) in non_empty {
            if len == 0 {
                return Err(format!("{}: `{name}` is empty", self.code));
            }
        }
        if self.months.len() != 12 {
            return Err(format!("{}: `months` must list 12 months", self.code));
        }
        if self.countries.len() < 3 {
            return Err(format!("{}: at least 3 countries are needed", self.code));
        }
        if let Some(c) = self.countries.iter().find(|c| !c.forms.contains_key("nom")) {
            return Err(format!(
                "{}: country {} has no `nom` form",
                self.code, c.code
            ));
        }
        if let Some(l) = self.leads.iter().find(|l| !l.contains("{uniq}")) {
            return Err(format!("{}: lead without {{uniq}}: {l}", self.code));
        }
        let sentences = self
            .titles
            .iter()
            .chain(&self.leads)
            .chain(&self.sentences)
            .chain(&self.fillers);
        for t in sentences {
            for (name, form) in slots(t) {
                if !SENTENCE_SLOTS.contains(&name) {
                    return Err(format!("{}: unknown slot {{{name}}} in {t}", self.code));
                }
                let Some(form) = form else { continue };
                if let Some(c) = self.countries.iter().find(|c| !c.forms.contains_key(form)) {
                    return Err(format!(
                        "{}: country {} lacks form `{form}` used in {t}",
                        self.code, c.code
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Parses and checks the data of all seven languages.
pub(crate) fn load_all() -> io::Result<Vec<LangData>> {
    SOURCES
        .iter()
        .map(|(name, src)| {
            let data: LangData = toml::from_str(src).map_err(|e| {
                io::Error::new(io::ErrorKind::InvalidData, format!("data/{name}.toml: {e}"))
            })?;
            data.check()
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            Ok(data)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_languages_load_in_the_public_order() {
        let langs = load_all().unwrap();
        let codes: Vec<&str> = langs.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, crate::LANGUAGES);
    }

    #[test]
    fn check_rejects_unknown_slots_and_missing_forms() {
        let src = SOURCES[5].1;
        let bad_slot = src.replacen("{bn} млрд", "{bogus} млрд", 1);
        let data: LangData = toml::from_str(&bad_slot).unwrap();
        assert!(data.check().unwrap_err().contains("bogus"));
        let bad_form = src.replacen("{b:gen}", "{b:dative}", 1);
        let data: LangData = toml::from_str(&bad_form).unwrap();
        assert!(data.check().unwrap_err().contains("dative"));
    }
}
