//! The language groups the index keeps apart: one analyser and one pair of
//! index fields per group. Uzbek in Cyrillic and in Latin share a group,
//! since the transliteration fold maps both onto the same keys.

/// A language group with its own analyser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LangGroup {
    /// Kazakh (Cyrillic or Latin).
    Kk,
    /// Uzbek (Cyrillic or Latin).
    Uz,
    /// Kyrgyz.
    Ky,
    /// Tajik.
    Tg,
    /// Russian.
    Ru,
    /// English.
    En,
    /// Undetermined: folded, never stemmed.
    Und,
}

impl LangGroup {
    /// Every group, in index-field order.
    pub const ALL: [LangGroup; 7] = [
        LangGroup::Kk,
        LangGroup::Uz,
        LangGroup::Ky,
        LangGroup::Tg,
        LangGroup::Ru,
        LangGroup::En,
        LangGroup::Und,
    ];

    /// The group of a document language code (`kk`, `uz-Cyrl`, `uz-Latn`,
    /// `ky`, `tg`, `ru`, `en`; anything else is [`LangGroup::Und`]).
    pub fn from_code(code: &str) -> LangGroup {
        let base = code.split(['-', '_']).next().unwrap_or("");
        match base.to_ascii_lowercase().as_str() {
            "kk" => LangGroup::Kk,
            "uz" => LangGroup::Uz,
            "ky" => LangGroup::Ky,
            "tg" => LangGroup::Tg,
            "ru" => LangGroup::Ru,
            "en" => LangGroup::En,
            _ => LangGroup::Und,
        }
    }

    /// The short name used in field and tokenizer names (`kk`, `uz`, ...).
    pub fn name(self) -> &'static str {
        match self {
            LangGroup::Kk => "kk",
            LangGroup::Uz => "uz",
            LangGroup::Ky => "ky",
            LangGroup::Tg => "tg",
            LangGroup::Ru => "ru",
            LangGroup::En => "en",
            LangGroup::Und => "und",
        }
    }

    /// Position of the group in [`LangGroup::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}
