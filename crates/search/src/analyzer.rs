//! The analyser chain of one language group, as a chain of small steps:
//! word segmentation → lower case → proper names (any script, any ending)
//! → stemming (Snowball for Russian and English, suffix folding for
//! Kazakh, Uzbek, Kyrgyz and Tajik) → transliteration fold. Documents and
//! queries go through the same chain, so whatever meets in one meets in the
//! other.

use foldhash::HashMap;
use frostem::{Algorithm, Stemmer};

use crate::error::SearchError;
use crate::lang::LangGroup;
use crate::lexicon::Lexicon;

/// Words longer than this (in bytes) are not indexed.
pub const MAX_WORD_BYTES: usize = 120;

/// Characters that join the two halves of an Uzbek Latin word (`o'z`, `g'alla`).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʻ' | 'ʼ' | '`')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // the Cyrillic block is letters and combining marks, but for `҂`
    if ('\u{0400}'..='\u{04ff}').contains(&c) {
        return c != '\u{0482}';
    }
    c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Splits text into words: runs of letters, digits and combining marks,
/// with apostrophes kept inside a word. Yields byte ranges.
#[derive(Clone, Debug)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// The words of `text` as byte ranges.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Whether the character at byte `i` of `text` (a character boundary) is a
/// word character ([`is_word_char`]), and its length in bytes; `None` at
/// the end. ASCII and the Cyrillic block, nearly all of the text, are told
/// from their bytes without decoding.
#[inline(always)]
fn word_char_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    Some(match b {
        0..=0x7f => (b.is_ascii_alphanumeric(), 1),
        // U+0400..=U+04FF, but for `҂` (U+0482, D2 82)
        0xd0..=0xd3 => (!(b == 0xd2 && bytes[i + 1] == 0x82), 2),
        _ => {
            let c = text[i..].chars().next()?;
            (is_word_char(c), c.len_utf8())
        }
    })
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let mut start = self.pos;
        loop {
            let (word, len) = word_char_at(self.text, start)?;
            if word {
                break;
            }
            start += len;
        }
        let mut end = start;
        let mut i = start;
        while let Some((word, len)) = word_char_at(self.text, i) {
            let at = i;
            i += len;
            if word {
                end = i;
            } else if !(self.text[at..].starts_with(is_apostrophe)
                && self.text[i..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic))
            {
                break;
            }
        }
        self.pos = end;
        Some((start, end))
    }
}

/// Most words whose terms a [`Scratch`] remembers; it forgets them all
/// when full.
const CACHE_WORDS: usize = 30_000;

/// Reusable buffers for [`Analyzer::term_into`], with a cache of the terms
/// of words already seen (word frequencies are skewed, so most words of a
/// text hit it).
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    lower: String,
    key: String,
    tmp: String,
    cache: HashMap<Box<str>, Box<str>>,
}

/// The analyser of one language group.
#[derive(Clone)]
pub struct Analyzer {
    lang: LangGroup,
    lexicon: &'static Lexicon,
    stemmer: Option<Stemmer>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Analyzer {
    /// The analyser of `lang`.
    pub fn new(lang: LangGroup) -> Result<Analyzer, SearchError> {
        let stemmer = match lang {
            LangGroup::Ru => Some(Stemmer::new(Algorithm::Russian)),
            LangGroup::En => Some(Stemmer::new(Algorithm::English)),
            _ => None,
        };
        Ok(Analyzer {
            lang,
            lexicon: Lexicon::get()?,
            stemmer,
        })
    }

    /// The language group of this analyser.
    pub fn lang(&self) -> LangGroup {
        self.lang
    }

    /// Writes the index term of one word (as cut by [`words`]) to `out`;
    /// returns `false` when the word yields no term.
    /// A `Scratch` must stay with one analyser: it caches its terms.
    pub fn term_into(&self, word: &str, scratch: &mut Scratch, out: &mut String) -> bool {
        out.clear();
        if word.len() > MAX_WORD_BYTES {
            return false;
        }
        if let Some(term) = scratch.cache.get(word) {
            out.push_str(term);
            return !out.is_empty();
        }
        self.analyze_word(word, scratch, out);
        if scratch.cache.len() >= CACHE_WORDS {
            scratch.cache.clear();
        }
        scratch.cache.insert(word.into(), out.as_str().into());
        !out.is_empty()
    }

    fn analyze_word(&self, word: &str, scratch: &mut Scratch, out: &mut String) {
        let lex = self.lexicon;
        lex.fold.key_into(word, &mut scratch.tmp, &mut scratch.key);
        if scratch.key.is_empty() {
            return;
        }
        if let Some(id) = lex.names.lookup(&scratch.key, &lex.rules) {
            out.push_str(id);
            return;
        }
        if let Some(stem) = lex.rules(self.lang).protected_stem(&scratch.key) {
            out.push_str(stem);
            return;
        }
        match &self.stemmer {
            Some(stemmer) => {
                scratch.lower.clear();
                for c in word.chars().flat_map(char::to_lowercase) {
                    scratch.lower.push(if c == 'ё' { 'е' } else { c });
                }
                let stem = stemmer.stem(&scratch.lower);
                lex.fold.key_into(&stem, &mut scratch.tmp, out);
            }
            None => {
                let end = lex.rules(self.lang).stem_len(&scratch.key);
                out.push_str(&scratch.key[..end]);
            }
        }
    }

    /// The index term of one word, if it yields one.
    pub fn term(&self, word: &str) -> Option<String> {
        let mut out = String::new();
        self.term_into(word, &mut Scratch::default(), &mut out)
            .then_some(out)
    }

    /// The index terms of a text, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut scratch = Scratch::default();
        let mut out = String::new();
        let mut terms = Vec::new();
        for (s, e) in words(text) {
            if self.term_into(&text[s..e], &mut scratch, &mut out) {
                terms.push(out.clone());
            }
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_word_characters_with_inner_apostrophes() {
        let text = "Товарооборот «Қазақстан–Ўзбекистон» o'zaro g‘alla, ҂5 x' 'y 12,5% \
                    Ӂ҃ café naïve ２０２５ ab'' d'1 e’f";
        let got: Vec<&str> = words(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            got,
            [
                "Товарооборот",
                "Қазақстан",
                "Ўзбекистон",
                "o'zaro",
                "g‘alla",
                "5",
                "x",
                "y",
                "12",
                "5",
                "Ӂ҃",
                "café",
                "naïve",
                "２０２５",
                "ab",
                "d",
                "1",
                "e’f"
            ]
        );
    }
}
