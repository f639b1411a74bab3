//! Language data embedded from `crates/text/data/` and parsed once.
//!
//! Every table here is data, not code: to teach the crate a new look-alike
//! letter, compound or abbreviation, edit the data file.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::Lang;

/// Non-empty, non-comment lines of a data file.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Latin ↔ Cyrillic look-alike letters.
pub(crate) struct LookAlikes {
    latin_to_cyrillic: HashMap<char, char>,
    cyrillic_to_latin: HashMap<char, char>,
}

impl LookAlikes {
    /// The Cyrillic twin of a Latin letter.
    pub(crate) fn to_cyrillic(&self, c: char) -> Option<char> {
        self.latin_to_cyrillic.get(&c).copied()
    }

    /// The Latin twin of a Cyrillic letter.
    pub(crate) fn to_latin(&self, c: char) -> Option<char> {
        self.cyrillic_to_latin.get(&c).copied()
    }
}

/// The look-alike table from `data/lookalikes.tsv`.
pub(crate) fn look_alikes() -> &'static LookAlikes {
    static TABLE: OnceLock<LookAlikes> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut latin_to_cyrillic = HashMap::new();
        let mut cyrillic_to_latin = HashMap::new();
        for line in data_lines(include_str!("../data/lookalikes.tsv")) {
            let mut chars = line.split_whitespace().filter_map(|f| f.chars().next());
            if let (Some(lat), Some(cyr)) = (chars.next(), chars.next()) {
                latin_to_cyrillic.insert(lat, cyr);
                cyrillic_to_latin.insert(cyr, lat);
            }
        }
        LookAlikes {
            latin_to_cyrillic,
            cyrillic_to_latin,
        }
    })
}

/// Known hyphenated compounds (see `data/compounds.txt`).
pub(crate) struct Compounds {
    /// `(first, second_prefix)` pairs.
    pairs: Vec<(String, String)>,
    firsts: HashSet<String>,
    second_prefixes: Vec<String>,
}

impl Compounds {
    /// Whether `first-second` (both lowercase) is a known compound.
    pub(crate) fn is_compound(&self, first: &str, second: &str) -> bool {
        self.firsts.contains(first)
            || self
                .pairs
                .iter()
                .any(|(f, s)| f == first && second.starts_with(s.as_str()))
            || self
                .second_prefixes
                .iter()
                .any(|s| second.starts_with(s.as_str()))
    }
}

/// The compound table from `data/compounds.txt`.
pub(crate) fn compounds() -> &'static Compounds {
    static TABLE: OnceLock<Compounds> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Compounds {
            pairs: Vec::new(),
            firsts: HashSet::new(),
            second_prefixes: Vec::new(),
        };
        for line in data_lines(include_str!("../data/compounds.txt")) {
            let line = line.to_lowercase();
            if let Some(second) = line.strip_prefix('-') {
                table.second_prefixes.push(second.to_owned());
            } else if let Some(first) = line.strip_suffix('-') {
                table.firsts.insert(first.to_owned());
            } else if let Some((first, second)) = line.split_once('-') {
                table.pairs.push((first.to_owned(), second.to_owned()));
            }
        }
        table
    })
}

/// How an abbreviation behaves before the next word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Precedes what it qualifies (`Dr. Smith`, `им. Абая`, `г. Алматы`):
    /// never ends a sentence.
    Before,
    /// Follows what it qualifies (`5 млрд. теңге`, `т.б.`): ends a sentence
    /// only when a capitalised word follows.
    After,
    /// A year or city marker (`ж.`, `г.`): after a number it behaves like
    /// [`AbbrevKind::After`], otherwise like [`AbbrevKind::Before`].
    Year,
}

/// Abbreviations (lowercase, without the final dot) for one language.
#[derive(Default)]
pub(crate) struct Abbreviations {
    kinds: HashMap<String, AbbrevKind>,
    /// Characters in the longest abbreviation without an inner dot.
    longest_plain: usize,
}

impl Abbreviations {
    /// How the abbreviation `word` (lowercase, without the final dot)
    /// behaves, if it is one.
    pub(crate) fn get(&self, word: &str) -> Option<&AbbrevKind> {
        self.kinds.get(word)
    }

    /// Whether a word without dots of `chars` characters is too long to be
    /// an abbreviation (lowercasing never shortens a word in characters).
    pub(crate) fn too_long(&self, chars: usize) -> bool {
        chars > self.longest_plain
    }

    fn insert(&mut self, word: String, kind: AbbrevKind) {
        if !word.contains('.') {
            self.longest_plain = self.longest_plain.max(word.chars().count());
        }
        self.kinds.insert(word, kind);
    }
}

fn parse_abbreviations(text: &str, into: &mut Abbreviations) {
    for line in data_lines(text) {
        let mut fields = line.split_whitespace();
        let (Some(word), kind) = (fields.next(), fields.next()) else {
            continue;
        };
        let kind = match kind {
            Some("before") => AbbrevKind::Before,
            Some("year") => AbbrevKind::Year,
            _ => AbbrevKind::After,
        };
        let word = word.trim_end_matches('.').to_lowercase();
        into.insert(word, kind);
    }
}

/// Abbreviations for `lang` (its own file plus the shared one).
pub(crate) fn abbreviations(lang: Lang) -> &'static Abbreviations {
    static TABLES: OnceLock<Vec<(Lang, Abbreviations)>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let common = include_str!("../data/abbreviations/common.txt");
        let per_lang = [
            (Lang::Kk, include_str!("../data/abbreviations/kk.txt")),
            (Lang::UzCyrl, include_str!("../data/abbreviations/uz.txt")),
            (Lang::UzLatn, include_str!("../data/abbreviations/uz.txt")),
            (Lang::Ky, include_str!("../data/abbreviations/ky.txt")),
            (Lang::Tg, include_str!("../data/abbreviations/tg.txt")),
            (Lang::Ru, include_str!("../data/abbreviations/ru.txt")),
            (Lang::En, include_str!("../data/abbreviations/en.txt")),
            (Lang::Und, ""),
        ];
        per_lang
            .into_iter()
            .map(|(lang, text)| {
                let mut table = Abbreviations::default();
                parse_abbreviations(common, &mut table);
                // Cyrillic-script languages borrow the Russian abbreviations.
                if matches!(lang, Lang::Kk | Lang::UzCyrl | Lang::Ky | Lang::Tg) {
                    parse_abbreviations(include_str!("../data/abbreviations/ru.txt"), &mut table);
                }
                parse_abbreviations(text, &mut table);
                (lang, table)
            })
            .collect()
    });
    tables
        .iter()
        .find(|(l, _)| *l == lang)
        .or_else(|| tables.last())
        .map(|(_, t)| t)
        .unwrap_or_else(|| empty_abbreviations())
}

fn empty_abbreviations() -> &'static Abbreviations {
    static EMPTY: OnceLock<Abbreviations> = OnceLock::new();
    EMPTY.get_or_init(Abbreviations::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_are_loaded_both_ways() {
        let t = look_alikes();
        assert_eq!(t.to_cyrillic('K'), Some('К'));
        assert_eq!(t.to_latin('а'), Some('a'));
        assert_eq!(t.to_latin('ж'), None);
    }

    #[test]
    fn compounds_match_inflected_second_halves() {
        let c = compounds();
        assert!(c.is_compound("іс", "қимылды"));
        assert!(c.is_compound("қарым", "қатынастарды"));
        assert!(!c.is_compound("ынтымақтас", "тық"));
    }

    #[test]
    fn abbreviations_per_language() {
        assert_eq!(abbreviations(Lang::Kk).get("ж"), Some(&AbbrevKind::Year));
        assert_eq!(abbreviations(Lang::Ru).get("г"), Some(&AbbrevKind::Year));
        assert_eq!(abbreviations(Lang::En).get("dr"), Some(&AbbrevKind::Before));
        assert_eq!(
            abbreviations(Lang::Ru).get("млрд"),
            Some(&AbbrevKind::After)
        );
        assert!(!abbreviations(Lang::Ru).too_long("млрд".chars().count()));
        assert!(abbreviations(Lang::Ru).too_long("экономика".chars().count()));
    }
}
