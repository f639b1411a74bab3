//! Letter cues and function words per language, from `data/langid/`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::chars::{is_letter, lower, script_of, Script};
use crate::data::data_lines;
use crate::Lang;

/// Index of a language in score arrays (the order of [`Lang::ALL`]).
pub(crate) fn index(lang: Lang) -> Option<usize> {
    Lang::ALL.iter().position(|l| *l == lang)
}

/// Per-language weights for one cue.
pub(crate) type Weights = [i8; 7];

/// A word-at-a-time multiplicative hash (as in rustc's FxHash) for the
/// function-word table: it is hit once per word, and its keys are short,
/// trusted strings, so eight bytes per multiply beat SipHash and FNV.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The table indexes by the low bits: bring the well-mixed high
        // bits of the last multiply down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(rest.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b)));
        }
    }
}

/// Characters below this code point are described by a flat table.
const TABLE_LIMIT: usize = 0x530;

/// The script of a letter, `None` for anything else; fast for ASCII and
/// Cyrillic.
fn letter_script(c: char) -> Option<Script> {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => Some(Script::Latin),
        0x400..=0x481 | 0x48A..=0x52F => Some(Script::Cyrillic),
        0x00..=0x7F => None,
        _ => is_letter(c).then(|| script_of(c)),
    }
}

/// What counting needs to know about one character, in one byte (so that
/// the table of Latin and Cyrillic stays in a few cache lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CharClass {
    bits: u8,
}

impl CharClass {
    const SCRIPT: u8 = 0b11;
    /// [`CharClass::script_code`] of Latin letters.
    pub(crate) const LATIN: u8 = 1;
    /// [`CharClass::script_code`] of Cyrillic letters.
    pub(crate) const CYRILLIC: u8 = 2;
    /// [`CharClass::script_code`] of letters of other scripts.
    pub(crate) const OTHER_LETTER: u8 = 3;
    const CUE: u8 = 4;
    const ENDS_BIGRAM: u8 = 8;
    const CHANGES_CASE: u8 = 16;

    fn new(letter: Option<Script>, changes_case: bool, cue: bool, ends_bigram: bool) -> Self {
        let script = match letter {
            None => 0,
            Some(Script::Latin) => Self::LATIN,
            Some(Script::Cyrillic) => Self::CYRILLIC,
            Some(Script::Other) => Self::OTHER_LETTER,
        };
        let flag = |on: bool, bit: u8| u8::from(on) * bit;
        CharClass {
            bits: script
                | flag(changes_case, Self::CHANGES_CASE)
                | flag(cue, Self::CUE)
                | flag(ends_bigram, Self::ENDS_BIGRAM),
        }
    }

    /// Whether the character is a letter.
    #[inline]
    pub(crate) fn is_letter(&self) -> bool {
        self.bits & Self::SCRIPT != 0
    }

    /// 0 for a character that is not a letter, else the script of the
    /// letter: [`CharClass::LATIN`], [`CharClass::CYRILLIC`] or
    /// [`CharClass::OTHER_LETTER`].
    #[inline]
    pub(crate) fn script_code(&self) -> u8 {
        self.bits & Self::SCRIPT
    }

    /// Whether the lowercase of the character differs from it.
    #[inline]
    pub(crate) fn changes_case(&self) -> bool {
        self.bits & Self::CHANGES_CASE != 0
    }

    /// Whether the letter has weights ([`Cues::weights`]).
    #[inline]
    pub(crate) fn is_cue(&self) -> bool {
        self.bits & Self::CUE != 0
    }

    /// Whether the lowercase of the character is the second letter of a
    /// two-letter cue.
    #[inline]
    pub(crate) fn ends_bigram(&self) -> bool {
        self.bits & Self::ENDS_BIGRAM != 0
    }
}

/// The cue tables.
pub(crate) struct Cues {
    /// Classes of the characters below [`TABLE_LIMIT`] (Latin and
    /// Cyrillic), by code point.
    classes: Vec<CharClass>,
    /// Weights of letters below [`TABLE_LIMIT`], by code point.
    letter_table: Vec<Weights>,
    /// Weights of letters at or above [`TABLE_LIMIT`].
    letters: HashMap<char, Weights>,
    /// Two-letter sequences, matched in lowercased words.
    bigrams: Vec<(char, char, Weights)>,
    /// Function words: bit `i` set for language `Lang::ALL[i]`.
    words: HashMap<Box<[u8]>, u8, BuildHasherDefault<WordHasher>>,
    /// Length in bytes of the longest function word.
    pub(crate) longest_word: usize,
    /// For each length in bytes, bit `b & 63` is set for the last byte `b`
    /// of every function word of that length: a quick test that rules out
    /// most other words before hashing them.
    endings: Vec<u64>,
}

impl Cues {
    /// The class of a character.
    #[inline]
    pub(crate) fn class(&self, c: char) -> CharClass {
        match self.listed(c) {
            Some(class) => *class,
            None => self.classify(c),
        }
    }

    /// The class of a character below [`TABLE_LIMIT`] (from the table).
    #[inline]
    pub(crate) fn listed(&self, c: char) -> Option<&CharClass> {
        self.classes.get(c as usize)
    }

    fn classify(&self, c: char) -> CharClass {
        let letter = letter_script(c);
        let lower = lower(c);
        let cue = letter.is_some() && self.weights(c).is_some();
        CharClass::new(
            letter,
            lower != c,
            cue,
            self.bigrams.iter().any(|(_, second, _)| *second == lower),
        )
    }

    /// The weights of a letter, if it is a cue.
    #[inline]
    pub(crate) fn weights(&self, c: char) -> Option<&Weights> {
        match self.letter_table.get(c as usize) {
            Some(w) if w.iter().any(|x| *x != 0) => Some(w),
            Some(_) => None,
            None => self.letters.get(&c),
        }
    }

    /// The function-word bits of a lowercased word (bit `i` for
    /// `Lang::ALL[i]`), if it is a function word.
    #[inline]
    pub(crate) fn function_word(&self, word: &[u8]) -> Option<u8> {
        let last = *word.last()?;
        let ending = self.endings.get(word.len())?;
        if ending >> (last & 63) & 1 == 0 {
            return None;
        }
        self.words.get(word).copied()
    }

    /// The weights of the two-letter cue `first` `second` (lowercase), if
    /// it is one.
    #[inline]
    pub(crate) fn bigram(&self, first: char, second: char) -> Option<&Weights> {
        self.bigrams
            .iter()
            .find(|(a, b, _)| *b == second && *a == first)
            .map(|(_, _, w)| w)
    }
}

/// The cue tables, parsed once.
pub(crate) fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues = Cues {
            classes: Vec::new(),
            letter_table: vec![[0; 7]; TABLE_LIMIT],
            letters: HashMap::new(),
            bigrams: Vec::new(),
            words: HashMap::default(),
            longest_word: 0,
            endings: Vec::new(),
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
                        cues.bigrams.push((a, b, w));
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
                *cues
                    .words
                    .entry(word.into_bytes().into_boxed_slice())
                    .or_insert(0) |= 1 << i;
            }
        }
        cues.endings = vec![0; cues.longest_word + 1];
        for word in cues.words.keys() {
            if let (Some(ending), Some(last)) = (cues.endings.get_mut(word.len()), word.last()) {
                *ending |= 1 << (last & 63);
            }
        }
        cues.classes = (0..TABLE_LIMIT as u32)
            .map(|code| cues.classify(char::from_u32(code).unwrap_or('\0')))
            .collect();
        cues
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_test_keeps_every_function_word() {
        let cues = cues();
        assert!(!cues.words.is_empty());
        for (word, bits) in &cues.words {
            assert_eq!(cues.function_word(word), Some(*bits), "{word:?}");
        }
        for other in ["", "экономика", "trade", "өсті", "x"] {
            assert_eq!(
                cues.function_word(other.as_bytes()),
                cues.words.get(other.as_bytes()).copied()
            );
        }
    }
}
