//! The language data, parsed once per process from the files embedded at
//! build time: the transliteration fold, the endings and stop words of
//! each language and the proper-name table.

use std::sync::OnceLock;

use crate::error::SearchError;
use crate::fold::Fold;
use crate::lang::LangGroup;
use crate::names::Names;
use crate::suffix::LanguageRules;

/// The embedded language files, in [`LangGroup::ALL`] order.
const LANGUAGE_FILES: [(&str, &str); 7] = [
    (
        "data/languages/kk.toml",
        include_str!("../data/languages/kk.toml"),
    ),
    (
        "data/languages/uz.toml",
        include_str!("../data/languages/uz.toml"),
    ),
    (
        "data/languages/ky.toml",
        include_str!("../data/languages/ky.toml"),
    ),
    (
        "data/languages/tg.toml",
        include_str!("../data/languages/tg.toml"),
    ),
    (
        "data/languages/ru.toml",
        include_str!("../data/languages/ru.toml"),
    ),
    (
        "data/languages/en.toml",
        include_str!("../data/languages/en.toml"),
    ),
    (
        "data/languages/und.toml",
        include_str!("../data/languages/und.toml"),
    ),
];

/// All language data the analysers need.
#[derive(Debug)]
pub struct Lexicon {
    /// The transliteration fold.
    pub fold: Fold,
    /// Endings and stop words, indexed by [`LangGroup::index`].
    pub rules: Vec<LanguageRules>,
    /// The proper-name table.
    pub names: Names,
}

impl Lexicon {
    fn load() -> Result<Lexicon, SearchError> {
        let fold = Fold::parse(include_str!("../data/translit.toml"))?;
        let rules = LANGUAGE_FILES
            .iter()
            .map(|(file, raw)| LanguageRules::parse(file, raw, &fold))
            .collect::<Result<Vec<_>, _>>()?;
        let names = Names::parse(include_str!("../data/names.toml"), &fold)?;
        Ok(Lexicon { fold, rules, names })
    }

    /// The process-wide lexicon, parsed on first use.
    pub fn get() -> Result<&'static Lexicon, SearchError> {
        static LEXICON: OnceLock<Result<Lexicon, String>> = OnceLock::new();
        match LEXICON.get_or_init(|| Lexicon::load().map_err(|e| e.to_string())) {
            Ok(lexicon) => Ok(lexicon),
            Err(message) => Err(SearchError::Data {
                file: "embedded language data",
                message: message.clone(),
            }),
        }
    }

    /// The endings and stop words of `lang`.
    pub fn rules(&self, lang: LangGroup) -> &LanguageRules {
        &self.rules[lang.index()]
    }

    /// Whether the lower-cased `word` is a stop word in any language.
    pub fn is_stopword_anywhere(&self, lower: &str) -> bool {
        self.rules.iter().any(|r| r.is_stopword(lower))
    }
}
