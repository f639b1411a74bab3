//! The transliteration fold: maps a lower-case word in any Cyrillic or
//! Latin spelling onto an ASCII search key (`Тоқаев`, `Токаев`, `Tokayev`
//! and `Toqaev` all become `tokaev`). The tables live in
//! `data/translit.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::SearchError;

const FILE: &str = "data/translit.toml";
/// Letters below this code point are looked up in a dense table.
const DENSE: usize = 0x0500;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FoldFile {
    letters: HashMap<String, String>,
    rewrite: HashMap<String, String>,
    glide: Glide,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Glide {
    letter: String,
    vowels: String,
    otherwise: String,
}

/// A compiled transliteration fold.
#[derive(Debug)]
pub struct Fold {
    dense: Vec<Option<Box<str>>>,
    /// For each character below [`DENSE`], what its lower case gives
    /// through the letter tables: the first step of [`Fold::key_into`] for
    /// most characters, a look-up instead of a case conversion and a
    /// look-up per letter.
    lowered: Vec<Box<str>>,
    sparse: HashMap<char, Box<str>>,
    /// Rewrite rules, longest `from` first.
    rewrites: Vec<(Box<str>, Box<str>)>,
    glide: char,
    vowels: Vec<char>,
    otherwise: Box<str>,
}

fn single_char(s: &str, what: &str) -> Result<char, SearchError> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(SearchError::Data {
            file: FILE,
            message: format!("{what} `{s}` must be a single character"),
        }),
    }
}

impl Fold {
    /// Parses the fold tables from the text of `data/translit.toml`.
    pub fn parse(raw: &str) -> Result<Fold, SearchError> {
        let file: FoldFile = toml::from_str(raw).map_err(|e| SearchError::Data {
            file: FILE,
            message: e.to_string(),
        })?;
        let mut dense = vec![None; DENSE];
        let mut sparse = HashMap::new();
        for (from, to) in file.letters {
            let c = single_char(&from, "letter")?;
            if (c as usize) < DENSE {
                dense[c as usize] = Some(to.into_boxed_str());
            } else {
                sparse.insert(c, to.into_boxed_str());
            }
        }
        let mut rewrites: Vec<(Box<str>, Box<str>)> = file
            .rewrite
            .into_iter()
            .map(|(a, b)| (a.into_boxed_str(), b.into_boxed_str()))
            .collect();
        if rewrites.iter().any(|(from, _)| from.is_empty()) {
            return Err(SearchError::Data {
                file: FILE,
                message: "a rewrite rule has an empty left side".into(),
            });
        }
        rewrites.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut fold = Fold {
            dense,
            lowered: Vec::new(),
            sparse,
            rewrites,
            glide: single_char(&file.glide.letter, "glide letter")?,
            vowels: file.glide.vowels.chars().collect(),
            otherwise: file.glide.otherwise.into_boxed_str(),
        };
        fold.lowered = (0..DENSE as u32)
            .filter_map(char::from_u32)
            .map(|c| {
                let mut mapped = String::new();
                fold.push_lowered(c, &mut mapped);
                mapped.into_boxed_str()
            })
            .collect();
        Ok(fold)
    }

    /// Writes the lower case of `c` through the letter tables to `out`.
    fn push_lowered(&self, c: char, out: &mut String) {
        for lc in c.to_lowercase() {
            match self.letter(lc) {
                Some(mapped) => out.push_str(mapped),
                None => out.push(lc),
            }
        }
    }

    fn letter(&self, c: char) -> Option<&str> {
        if (c as usize) < DENSE {
            self.dense[c as usize].as_deref()
        } else {
            self.sparse.get(&c).map(|s| &**s)
        }
    }

    /// Lower-cases `word` and writes its key to `out` (cleared first);
    /// `scratch` is a reusable buffer.
    pub fn key_into(&self, word: &str, scratch: &mut String, out: &mut String) {
        scratch.clear();
        out.clear();
        for c in word.chars() {
            match self.lowered.get(c as usize) {
                Some(mapped) => scratch.push_str(mapped),
                None => self.push_lowered(c, scratch),
            }
        }
        let mut rest = scratch.as_str();
        'outer: while let Some(c) = rest.chars().next() {
            for (from, to) in &self.rewrites {
                if rest.starts_with(&**from) {
                    out.push_str(to);
                    rest = &rest[from.len()..];
                    continue 'outer;
                }
            }
            rest = &rest[c.len_utf8()..];
            if c == self.glide {
                match rest.chars().next() {
                    Some(next) if self.vowels.contains(&next) => out.push(c),
                    _ => out.push_str(&self.otherwise),
                }
            } else {
                out.push(c);
            }
        }
    }

    /// The vowels of keys (`aeiou`).
    pub fn vowels(&self) -> &[char] {
        &self.vowels
    }

    /// The key of `word` as a new string.
    pub fn key(&self, word: &str) -> String {
        let mut scratch = String::new();
        let mut out = String::new();
        self.key_into(word, &mut scratch, &mut out);
        out
    }
}
