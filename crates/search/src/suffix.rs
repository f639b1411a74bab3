//! Suffix folding for the agglutinative languages (Kazakh, Uzbek, Kyrgyz,
//! Tajik): endings from `data/languages/<lang>.toml`, folded to keys, are
//! stripped from the end of a folded word, one per slot, so that every
//! inflected form of a word meets its stem. The same files list the
//! endings that Russian and English proper names take, and each
//! language's stop words.

use std::collections::HashSet;

use serde::Deserialize;

use crate::error::SearchError;
use crate::fold::Fold;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    min_stem: usize,
    stopwords: Vec<String>,
    #[serde(default)]
    slot: Vec<SlotFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotFile {
    name: String,
    #[serde(default)]
    names_only: bool,
    suffixes: Vec<String>,
}

/// One slot: a set of alternative endings of which at most one is stripped.
#[derive(Debug)]
struct Slot {
    suffixes: HashSet<String>,
    max_len: usize,
    names_only: bool,
}

/// The endings and stop words of one language.
#[derive(Debug)]
pub struct LanguageRules {
    min_stem: usize,
    slots: Vec<Slot>,
    stopwords: HashSet<String>,
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
            });
        }
        let stopwords = parsed.stopwords.iter().map(|w| w.to_lowercase()).collect();
        Ok(LanguageRules {
            min_stem: parsed.min_stem,
            slots,
            stopwords,
        })
    }

    /// Whether `lower` (a lower-cased word) is a stop word of this language.
    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    /// The longest ending of `slot` that `key[..end]` ends with, leaving a
    /// stem of at least `min_stem` letters; returns the new end.
    fn strip_slot(&self, slot: &Slot, key: &str, end: usize) -> Option<usize> {
        let word = &key[..end];
        let longest = slot.max_len.min(end);
        for len in (1..=longest).rev() {
            let cut = end - len;
            if !word.is_char_boundary(cut) || !slot.suffixes.contains(&word[cut..]) {
                continue;
            }
            if word[..cut].chars().count() >= self.min_stem {
                return Some(cut);
            }
        }
        None
    }

    /// The length in bytes of the stem of `key` (ordinary words: slots
    /// marked `names_only` are skipped).
    pub fn stem_len(&self, key: &str) -> usize {
        let mut end = key.len();
        for slot in self.slots.iter().filter(|s| !s.names_only) {
            if let Some(cut) = self.strip_slot(slot, key, end) {
                end = cut;
            }
        }
        end
    }

    /// Calls `found` with every stem reached by stripping endings slot by
    /// slot (every slot, names-only ones included); stops at the first
    /// stem for which `found` returns `Some`.
    pub fn find_stem<T>(&self, key: &str, mut found: impl FnMut(&str) -> Option<T>) -> Option<T> {
        let mut end = key.len();
        for slot in &self.slots {
            if let Some(cut) = self.strip_slot(slot, key, end) {
                end = cut;
                if let Some(hit) = found(&key[..end]) {
                    return Some(hit);
                }
            }
        }
        None
    }
}
