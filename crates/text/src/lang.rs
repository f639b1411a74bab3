//! The languages this crate tells apart.

/// A language (and, for Uzbek, a script) of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Kazakh (Cyrillic or 2021 Latin).
    Kk,
    /// Uzbek in Cyrillic script.
    UzCyrl,
    /// Uzbek in Latin script.
    UzLatn,
    /// Kyrgyz.
    Ky,
    /// Tajik.
    Tg,
    /// Russian.
    Ru,
    /// English.
    En,
    /// Undetermined.
    Und,
}

impl Lang {
    /// Every determined language (all but [`Lang::Und`]).
    pub const ALL: [Lang; 7] = [
        Lang::Kk,
        Lang::UzCyrl,
        Lang::UzLatn,
        Lang::Ky,
        Lang::Tg,
        Lang::Ru,
        Lang::En,
    ];

    /// The BCP 47 code: `kk`, `uz-Cyrl`, `uz-Latn`, `ky`, `tg`, `ru`, `en`, `und`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::UzCyrl => "uz-Cyrl",
            Lang::UzLatn => "uz-Latn",
            Lang::Ky => "ky",
            Lang::Tg => "tg",
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }

    /// Parses a code produced by [`Lang::code`] (case-insensitive).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .chain(std::iter::once(Lang::Und))
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL.into_iter().chain([Lang::Und]) {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("UZ-latn"), Some(Lang::UzLatn));
        assert_eq!(Lang::from_code("uz"), None);
    }
}
