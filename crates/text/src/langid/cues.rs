//! Letter cues and function words per language, from `data/langid/`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::data::data_lines;
use crate::Lang;

/// Index of a language in score arrays (the order of [`Lang::ALL`]).
pub(crate) fn index(lang: Lang) -> Option<usize> {
    Lang::ALL.iter().position(|l| *l == lang)
}

/// Per-language weights for one cue.
pub(crate) type Weights = [i8; 7];

/// FNV-1a: the function-word table is hit once per word, and its keys are
/// short, trusted strings, so a simple fast hash beats SipHash.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The weights as eight bytes, for a one-instruction zero test.
#[inline]
fn pad(w: &Weights) -> [u8; 8] {
    let mut out = [0u8; 8];
    for (o, x) in out.iter_mut().zip(w) {
        *o = x.to_ne_bytes()[0];
    }
    out
}

/// Letters below this code point are looked up in a flat table.
const TABLE_LIMIT: usize = 0x530;

/// The cue tables.
pub(crate) struct Cues {
    /// Weights of letters below [`TABLE_LIMIT`] (Latin and Cyrillic).
    letter_table: Vec<Weights>,
    /// Weights of other letters.
    letters: HashMap<char, Weights>,
    /// Two-letter sequences, matched in lowercased words.
    pub(crate) bigrams: Vec<(String, Weights)>,
    /// Function words: bit `i` set for language `Lang::ALL[i]`.
    pub(crate) words: HashMap<String, u8, BuildHasherDefault<Fnv>>,
    /// Length in bytes of the longest function word.
    pub(crate) longest_word: usize,
}

impl Cues {
    /// The weights of a letter, if it is a cue.
    #[inline]
    pub(crate) fn letter(&self, c: char) -> Option<&Weights> {
        match self.letter_table.get(c as usize) {
            Some(w) if u64::from_ne_bytes(pad(w)) != 0 => Some(w),
            Some(_) => None,
            None => self.letters.get(&c),
        }
    }
}

/// The cue tables, parsed once.
pub(crate) fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues = Cues {
            letter_table: vec![[0; 7]; TABLE_LIMIT],
            letters: HashMap::new(),
            bigrams: Vec::new(),
            words: HashMap::default(),
            longest_word: 0,
        };
        for line in data_lines(include_str!("../../data/langid/letters.txt")) {
            let mut fields = line.split_whitespace();
            let (Some(lang), Some(weight)) = (fields.next(), fields.next()) else {
                continue;
            };
            let (Some(i), Ok(weight)) =
                (Lang::from_code(lang).and_then(index), weight.parse::<i8>())
            else {
                continue;
            };
            for token in fields {
                let mut chars = token.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(c), None, _) => {
                        let slot = match cues.letter_table.get_mut(c as usize) {
                            Some(slot) => slot,
                            None => cues.letters.entry(c).or_insert([0; 7]),
                        };
                        slot[i] += weight;
                    }
                    (Some(a), Some(b), None) => {
                        let mut w = [0; 7];
                        w[i] = weight;
                        cues.bigrams.push((format!("{a}{b}"), w));
                    }
                    _ => {}
                }
            }
        }
        let lists = [
            (Lang::Kk, include_str!("../../data/langid/words/kk.txt")),
            (
                Lang::UzCyrl,
                include_str!("../../data/langid/words/uz-Cyrl.txt"),
            ),
            (
                Lang::UzLatn,
                include_str!("../../data/langid/words/uz-Latn.txt"),
            ),
            (Lang::Ky, include_str!("../../data/langid/words/ky.txt")),
            (Lang::Tg, include_str!("../../data/langid/words/tg.txt")),
            (Lang::Ru, include_str!("../../data/langid/words/ru.txt")),
            (Lang::En, include_str!("../../data/langid/words/en.txt")),
        ];
        for (lang, list) in lists {
            let Some(i) = index(lang) else { continue };
            for word in data_lines(list) {
                let word = word.to_lowercase();
                cues.longest_word = cues.longest_word.max(word.len());
                *cues.words.entry(word).or_insert(0) |= 1 << i;
            }
        }
        cues
    })
}
