//! Suffix folding for the agglutinative languages (Kazakh, Uzbek, Kyrgyz,
//! Tajik): endings from `data/languages/<lang>.toml`, folded to keys, are
//! stripped from the end of a folded word, one per slot, so that every
//! inflected form of a word meets its stem. The same files list the
//! endings that Russian and English proper names take, and each
//! language's stop words.

use foldhash::{HashSet, HashSetExt as _};

use serde::Deserialize;

use crate::error::SearchError;
use crate::fold::Fold;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    min_stem: usize,
    stopwords: Vec<String>,
    #[serde(default)]
    protected: Vec<String>,
    #[serde(default)]
    slot: Vec<SlotFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotFile {
    name: String,
    #[serde(default)]
    names_only: bool,
    #[serde(default = "one")]
    times: usize,
    suffixes: Vec<String>,
}

fn one() -> usize {
    1
}

/// One slot: a set of alternative endings of which at most `times` are stripped.
#[derive(Debug)]
struct Slot {
    suffixes: HashSet<String>,
    max_len: usize,
    names_only: bool,
    times: usize,
}

/// The endings and stop words of one language.
#[derive(Debug)]
pub struct LanguageRules {
    min_stem: usize,
    vowels: Vec<char>,
    slots: Vec<Slot>,
    stopwords: HashSet<String>,
    protected: HashSet<String>,
}

impl LanguageRules {
    /// Parses a language file; endings and stop words are folded with `fold`.
    pub fn parse(file: &'static str, raw: &str, fold: &Fold) -> Result<LanguageRules, SearchError> {
        let parsed: LanguageFile = toml::from_str(raw).map_err(|e| SearchError::Data {
            file,
            message: e.to_string(),
        })?;
        let mut slots = Vec::new();
        for slot in parsed.slot {
            let mut suffixes = HashSet::new();
            for s in &slot.suffixes {
                let key = fold.key(s);
                if key.is_empty() || key.contains(' ') {
                    return Err(SearchError::Data {
                        file,
                        message: format!(
                            "ending `{s}` of slot `{}` folds to an empty key or has a space",
                            slot.name
                        ),
                    });
                }
                suffixes.insert(key);
            }
            let max_len = suffixes.iter().map(String::len).max().unwrap_or(0);
            slots.push(Slot {
                suffixes,
                max_len,
                names_only: slot.names_only,
                times: slot.times,
            });
        }
        let stopwords = parsed.stopwords.iter().map(|w| w.to_lowercase()).collect();
        let protected = parsed.protected.iter().map(|w| fold.key(w)).collect();
        Ok(LanguageRules {
            min_stem: parsed.min_stem,
            protected,
            vowels: fold.vowels().to_vec(),
            slots,
            stopwords,
        })
    }

    /// Whether `lower` (a lower-cased word) is a stop word of this language.
    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    /// The protected stem `key` is an inflected form of (a word the
    /// stemmer would cut inconsistently, like `визит` → `виз`).
    pub fn protected_stem<'a>(&self, key: &'a str) -> Option<&'a str> {
        if self.protected.is_empty() {
            return None;
        }
        if self.protected.contains(key) {
            return Some(key);
        }
        let len = self.find_stem(key, |stem| {
            self.protected.contains(stem).then_some(stem.len())
        })?;
        key.get(..len)
    }

    /// Whether `word[cut..]` is an ending of `slot` that may be stripped:
    /// it leaves at least `min_stem` letters, and an ending made of vowels
    /// only follows a consonant (`жүгүртүү` keeps its `ү`, `жүгүртүүсү`
    /// loses `сү`).
    fn may_strip(&self, slot: &Slot, word: &str, cut: usize) -> bool {
        if !word.is_char_boundary(cut) || !slot.suffixes.contains(&word[cut..]) {
            return false;
        }
        let stem = &word[..cut];
        if stem.chars().count() < self.min_stem {
            return false;
        }
        let vowel_only = word[cut..].chars().all(|c| self.vowels.contains(&c));
        !(vowel_only
            && stem
                .chars()
                .next_back()
                .is_some_and(|c| self.vowels.contains(&c)))
    }

    /// The longest ending of `slot` that may be stripped from `key[..end]`;
    /// returns the new end.
    fn strip_slot(&self, slot: &Slot, key: &str, end: usize) -> Option<usize> {
        let word = &key[..end];
        (1..=slot.max_len.min(end))
            .rev()
            .map(|len| end - len)
            .find(|&cut| self.may_strip(slot, word, cut))
    }

    /// The length in bytes of the stem of `key` (ordinary words: slots
    /// marked `names_only` are skipped).
    pub fn stem_len(&self, key: &str) -> usize {
        let mut end = key.len();
        for slot in self.slots.iter().filter(|s| !s.names_only) {
            for _ in 0..slot.times {
                match self.strip_slot(slot, key, end) {
                    Some(cut) => end = cut,
                    None => break,
                }
            }
        }
        end
    }

    /// Calls `found` with every stem reachable by stripping endings slot by
    /// slot (any matching ending of each slot, names-only slots included);
    /// returns the first `Some`.
    pub fn find_stem<T>(&self, key: &str, mut found: impl FnMut(&str) -> Option<T>) -> Option<T> {
        self.search_from(key, key.len(), 0, &mut found)
    }

    fn search_from<T>(
        &self,
        key: &str,
        end: usize,
        slot_index: usize,
        found: &mut impl FnMut(&str) -> Option<T>,
    ) -> Option<T> {
        let slot = self.slots.get(slot_index)?;
        let word = &key[..end];
        for len in (1..=slot.max_len.min(end)).rev() {
            let cut = end - len;
            if self.may_strip(slot, word, cut) {
                if let Some(hit) = found(&key[..cut]) {
                    return Some(hit);
                }
                if let Some(hit) = self.search_from(key, cut, slot_index + 1, found) {
                    return Some(hit);
                }
            }
        }
        self.search_from(key, end, slot_index + 1, found)
    }
}
