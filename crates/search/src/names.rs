//! Proper names (countries, capitals, leaders) from `data/names.toml`:
//! every spelling, in any script and with any ending of any language,
//! becomes one token, so `Өзбекстанға`, `Узбекистана` and
//! `O'zbekistonning` all index as `uzbekistan`. This runs before any
//! stemmer, which protects names from Snowball's inconsistent stems.

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};

use serde::Deserialize;

use crate::error::SearchError;
use crate::fold::Fold;
use crate::suffix::LanguageRules;

const FILE: &str = "data/names.toml";
/// Names with keys this short only match exactly, never with endings.
const MIN_INFLECTED: usize = 4;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesFile {
    name: Vec<NameEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameEntry {
    id: String,
    forms: Vec<String>,
}

/// The name table: folded key → canonical token.
#[derive(Debug)]
pub struct Names {
    by_key: HashMap<String, Box<str>>,
    /// First `MIN_INFLECTED` bytes of every key long enough to take endings.
    prefixes: HashSet<[u8; MIN_INFLECTED]>,
}

fn prefix(key: &str) -> Option<[u8; MIN_INFLECTED]> {
    key.as_bytes().get(..MIN_INFLECTED)?.try_into().ok()
}

impl Names {
    /// Parses `data/names.toml`, folding every form with `fold`.
    pub fn parse(raw: &str, fold: &Fold) -> Result<Names, SearchError> {
        let file: NamesFile = toml::from_str(raw).map_err(|e| SearchError::Data {
            file: FILE,
            message: e.to_string(),
        })?;
        let mut by_key = HashMap::new();
        let mut prefixes = HashSet::new();
        for entry in file.name {
            let id: Box<str> = entry.id.to_lowercase().into_boxed_str();
            for form in &entry.forms {
                let key = fold.key(form);
                if key.is_empty() || !key.chars().all(char::is_alphanumeric) {
                    return Err(SearchError::Data {
                        file: FILE,
                        message: format!("form `{form}` of `{id}` must be one word"),
                    });
                }
                if let Some(other) = by_key.get(&key) {
                    if *other != id {
                        return Err(SearchError::Data {
                            file: FILE,
                            message: format!("form `{form}` belongs to both `{other}` and `{id}`"),
                        });
                    }
                }
                if key.chars().count() >= MIN_INFLECTED {
                    if let Some(p) = prefix(&key) {
                        prefixes.insert(p);
                    }
                }
                by_key.insert(key, id.clone());
            }
        }
        Ok(Names { by_key, prefixes })
    }

    /// The canonical token of the folded word `key`, trying the endings of
    /// every language in `rules`.
    pub fn lookup<'a>(&'a self, key: &str, rules: &[LanguageRules]) -> Option<&'a str> {
        if let Some(id) = self.by_key.get(key) {
            return Some(id);
        }
        if !self.prefixes.contains(&prefix(key)?) {
            return None;
        }
        rules.iter().find_map(|r| {
            r.find_stem(key, |stem| {
                if stem.chars().count() < MIN_INFLECTED {
                    return None;
                }
                self.by_key.get(stem).map(|id| &**id)
            })
        })
    }
}
