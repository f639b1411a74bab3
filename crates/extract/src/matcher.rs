//! Matching lexicon words and phrases against tokens.
//!
//! A lexicon entry is a sequence of pattern tokens; each is matched exactly,
//! as a prefix (`доллар*`), or as the word plus one of its file's endings.
//! All entries are indexed by their first token, so one pass over the
//! tokens finds every match.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiply-rotate hasher (FxHash): the first-token index is looked
/// up once per word and key length, where SipHash dominated the profile.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash of a byte string fed one byte at a time, so that the hashes of all
/// prefixes of a word come out of one pass over it.
#[derive(Clone, Copy, Default)]
struct PrefixHash(u64);

impl PrefixHash {
    fn push(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn of(s: &str) -> u64 {
        let mut h = PrefixHash::default();
        s.bytes().for_each(|b| h.push(b));
        h.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

use crate::lexicon::{Approx, Case, TimeCue};
use crate::tokens::{Kind, Tokens};

/// What a matched word or phrase means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tag {
    /// A unit after a number (`USD`, `percent`, `tonne`…).
    Unit(String),
    /// A currency symbol that may stand before the number (`$`).
    PrefixUnit(String),
    /// A counted noun: unit (`count`, `person`) and indicator.
    Noun(String, String),
    /// Numeral word with its value.
    Numeral(f64),
    /// Multiplier word (жүз = 100).
    Multiplier(f64),
    /// Fraction word (жарым = 0.5).
    Fraction(f64),
    /// Scale word (млн = 1e6).
    Scale(f64),
    /// Approximation cue; `true` when it follows the figure.
    Approx(Approx, bool),
    /// Indicator word.
    Indicator(String),
    /// Growth word.
    Up,
    /// Decline word.
    Down,
    /// Share word.
    Share,
    /// A possessive ending glued to a percentage ("70%-ы" = 70 % of it).
    ShareEnding,
    /// Index word: a percentage of a base level ("темп роста 112%").
    Index,
    /// Target cue.
    Target,
    /// Forecast cue.
    Forecast,
    /// Country name (`false`) or adjective (`true`).
    Country(String, bool),
    /// Preposition giving a country's role.
    Prep(Case),
    /// "between", "mutual".
    Between,
    /// "of which".
    Anaphora,
    /// "and".
    Conj,
    /// "number of".
    NumberOf,
    /// "worth", "на общую сумму".
    Worth,
    /// A word that turns a numeral into an adjective ("уч томонлама").
    NotCounted,
    /// A transit cue: the country next to it is crossed, not a side
    /// (`true`: the cue follows the name, "Қазақстан арқылы"; `false`: it
    /// precedes it, "через территорию Казахстана").
    Transit(bool),
    /// A country's total with the whole world ("внешнеторговый оборот
    /// страны", "total foreign trade"): no partner.
    NationalTotal,
    /// "с", "with" before a country: the country is a partner.
    With,
    /// Time cue.
    Time(TimeCue),
    /// Month name.
    MonthName(u32),
    /// A span of months ("первый квартал" = 1..3).
    MonthSpan(u32, u32),
    /// An exchange-rate word ("курс"): the number next to it is a quote.
    RateWord,
    /// Uzbek counter "та".
    Counter,
}

#[derive(Debug)]
struct PatTok {
    text: String,
    kind: Kind,
    prefix: bool,
    case_sensitive: bool,
    optional: bool,
}

#[derive(Debug)]
struct Pattern {
    toks: Vec<PatTok>,
    /// Byte length of the lower-cased first token.
    stem_len: usize,
    suffix_set: usize,
    tag: Tag,
    langs: u8,
}

/// Language codes in the order of their bits in a language mask.
pub(crate) const LANG_BITS: [&str; 7] = ["kk", "uz-Cyrl", "uz-Latn", "ky", "tg", "ru", "en"];

/// The mask of language codes (`*` = every language; unknown codes: none).
pub(crate) fn lang_mask(codes: &[String]) -> u8 {
    codes.iter().fold(0u8, |m, c| {
        if c == "*" {
            u8::MAX
        } else {
            m | LANG_BITS.iter().position(|l| l == c).map_or(0, |i| 1 << i)
        }
    })
}

/// A match of a lexicon entry: tokens `start..end` of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    pat: u32,
}

/// Every lexicon entry, indexed by first token.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    patterns: Vec<Pattern>,
    /// Entries by their lower-cased first token, keyed by its [`PrefixHash`]
    /// (with the token itself to tell hash collisions apart).
    first: FxMap<u64, Vec<(String, Vec<u32>)>>,
    /// Byte lengths of the index keys, by the keys' first character.
    /// Byte lengths of the first-token keys, by their first two characters
    /// (`None` for one-character keys).
    key_lens: FxMap<(char, Option<char>), Vec<usize>>,
    suffix_sets: Vec<HashSet<String, BuildHasherDefault<FxHasher>>>,
}

/// All matches in a text, grouped by start token.
#[derive(Debug, Default)]
pub(crate) struct Matches {
    all: Vec<Match>,
    /// `index[i]..index[i+1]` are the matches starting at token `i`.
    index: Vec<u32>,
}

impl Matcher {
    /// Adds an entry (see `common.toml` for the syntax).
    pub fn add(
        &mut self,
        form: &str,
        tag: Tag,
        suffixes: &[String],
        langs: u8,
    ) -> Result<(), String> {
        let mut toks = Vec::new();
        for word in form.split_whitespace() {
            let (word, star) = match word.strip_suffix('*') {
                Some(w) if !w.is_empty() => (w, true),
                _ => (word, false),
            };
            let t = Tokens::new(word);
            let n = t.len();
            for i in 0..n {
                let raw = t.text(i);
                let upper = raw.chars().count() >= 2
                    && raw.chars().all(|c| c.is_uppercase())
                    && t.kind(i) == Kind::Word;
                toks.push(PatTok {
                    text: if upper {
                        raw.to_string()
                    } else {
                        t.norm(i).to_string()
                    },
                    kind: t.kind(i),
                    prefix: star && i + 1 == n,
                    case_sensitive: upper,
                    optional: false,
                });
            }
        }
        if toks.is_empty() {
            return Err(format!("empty entry for {tag:?}"));
        }
        let n = toks.len();
        if n >= 2 && toks[n - 1].kind == Kind::Punct && toks[n - 1].text == "." {
            let before = &toks[n - 2];
            if before.kind == Kind::Word && before.text.chars().count() >= 3 {
                toks[n - 1].optional = true;
            }
        }
        let set: HashSet<String, BuildHasherDefault<FxHasher>> = suffixes.iter().cloned().collect();
        let suffix_set = match self.suffix_sets.iter().position(|s| *s == set) {
            Some(i) => i,
            None => {
                self.suffix_sets.push(set);
                self.suffix_sets.len() - 1
            }
        };
        let key = toks[0].text.to_lowercase();
        let id = self.patterns.len() as u32;
        self.patterns.push(Pattern {
            toks,
            stem_len: key.len(),
            suffix_set,
            tag,
            langs,
        });
        let bucket = self.first.entry(PrefixHash::of(&key)).or_default();
        match bucket.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ids)) => ids.push(id),
            None => bucket.push((key, vec![id])),
        }
        Ok(())
    }

    /// Finishes the index after the last [`Matcher::add`].
    pub fn finish(&mut self) {
        let mut lens: FxMap<(char, Option<char>), Vec<usize>> = FxMap::default();
        for k in self.first.values().flatten().map(|(k, _)| k) {
            let mut chars = k.chars();
            if let Some(c) = chars.next() {
                lens.entry((c, chars.next())).or_default().push(k.len());
            }
        }
        for v in lens.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        self.key_lens = lens;
    }

    fn tok_matches(&self, pt: &PatTok, set: usize, toks: &Tokens, i: usize) -> bool {
        let t = &toks.toks[i];
        if t.kind != pt.kind {
            return false;
        }
        let s = if pt.case_sensitive {
            toks.text(i)
        } else {
            toks.norm(i)
        };
        if pt.prefix {
            return s.starts_with(pt.text.as_str());
        }
        if s == pt.text {
            return true;
        }
        s.len() > pt.text.len()
            && s.starts_with(pt.text.as_str())
            && self.suffix_sets[set].contains(&toks.norm(i)[pt.text.len()..])
    }

    /// Tries pattern `p` at token `i`; returns the end token on success.
    fn try_at(&self, p: &Pattern, toks: &Tokens, i: usize) -> Option<usize> {
        let mut j = i;
        for (k, pt) in p.toks.iter().enumerate() {
            if k > 0 {
                // one optional space between pattern tokens
                if j < toks.len() && toks.kind(j) == Kind::Space {
                    j += 1;
                }
            }
            if j < toks.len() && self.tok_matches(pt, p.suffix_set, toks, j) {
                j += 1;
            } else if pt.optional {
                // an optional final dot: end before the skipped space
                return Some(if k > 0 && j > i && toks.kind(j - 1) == Kind::Space {
                    j - 1
                } else {
                    j
                });
            } else {
                return None;
            }
        }
        Some(j)
    }

    /// Finds every match in `toks`.
    pub fn scan(&self, toks: &Tokens) -> Matches {
        let mut all = Vec::new();
        let mut index = Vec::with_capacity(toks.len() + 1);
        let mut cands: Vec<u32> = Vec::new();
        for i in 0..toks.len() {
            index.push(all.len() as u32);
            let kind = toks.kind(i);
            if kind != Kind::Word && kind != Kind::Punct {
                continue;
            }
            let w = toks.norm(i);
            cands.clear();
            let mut chars = w.chars();
            let Some(c0) = chars.next() else { continue };
            // one-character keys first, then longer ones: shortest key first
            let single = self.key_lens.get(&(c0, None));
            let longer = chars
                .next()
                .and_then(|c1| self.key_lens.get(&(c0, Some(c1))));
            let bytes = w.as_bytes();
            let mut hash = PrefixHash::default();
            let mut hashed = 0;
            for &l in single.into_iter().chain(longer).flatten() {
                if l > w.len() {
                    break;
                }
                while hashed < l {
                    hash.push(bytes[hashed]);
                    hashed += 1;
                }
                if !w.is_char_boundary(l) {
                    continue;
                }
                let prefix = &w[..l];
                let found = self.first.get(&hash.0).and_then(|bucket| {
                    bucket.iter().find(|(k, _)| k == prefix).map(|(_, ids)| ids)
                });
                if let Some(v) = found {
                    cands.extend_from_slice(v);
                }
            }
            for &c in &cands {
                let p = &self.patterns[c as usize];
                if let Some(end) = self.try_at(p, toks, i) {
                    all.push(Match {
                        start: i,
                        end,
                        pat: c,
                    });
                }
            }
        }
        index.push(all.len() as u32);
        Matches { all, index }
    }

    /// Byte length of the first pattern token of a match (the stem of a
    /// prefix entry), to find the ending of the matched word.
    pub fn stem_len(&self, m: &Match) -> usize {
        self.patterns[m.pat as usize].stem_len
    }

    /// Whether the entry of a match belongs to language `lang` (any
    /// language when `lang` is not one of [`LANG_BITS`]).
    pub fn in_lang(&self, m: &Match, lang: &str) -> bool {
        match LANG_BITS.iter().position(|l| *l == lang) {
            Some(i) => self.patterns[m.pat as usize].langs & (1 << i) != 0,
            None => true,
        }
    }

    /// The tag of a match.
    pub fn tag(&self, m: &Match) -> &Tag {
        &self.patterns[m.pat as usize].tag
    }
}

impl Matches {
    /// Matches starting at token `i`.
    pub fn at(&self, i: usize) -> &[Match] {
        match (self.index.get(i), self.index.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.all[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(entries: &[(&str, Tag)], suffixes: &[&str]) -> Matcher {
        let suffixes: Vec<String> = suffixes.iter().map(|s| s.to_string()).collect();
        let mut m = Matcher::default();
        for (e, t) in entries {
            m.add(e, t.clone(), &suffixes, u8::MAX).unwrap();
        }
        m.finish();
        m
    }

    #[test]
    fn prefix_suffix_and_phrases() {
        let m = matcher(
            &[
                ("доллар*", Tag::Unit("USD".into())),
                ("АҚШ долл.", Tag::Unit("USD".into())),
                ("жеті", Tag::Numeral(7.0)),
                ("АҚШ", Tag::Country("US".into(), false)),
            ],
            &["ге", "ден"],
        );
        let t = Tokens::new("жетіге долларға АҚШ долл. жетіп ақш");
        let ms = m.scan(&t);
        let tags: Vec<_> = (0..t.len())
            .flat_map(|i| {
                ms.at(i)
                    .iter()
                    .map(|x| (x.start, x.end, m.tag(x).clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(tags.contains(&(0, 1, Tag::Numeral(7.0))));
        assert!(tags.contains(&(2, 3, Tag::Unit("USD".into()))));
        assert!(tags.contains(&(4, 8, Tag::Unit("USD".into()))));
        assert!(tags.contains(&(4, 5, Tag::Country("US".into(), false))));
        // "жетіп" is not "жеті" + a known ending; lower-case "ақш" is not the acronym
        assert!(!tags.iter().any(|(s, _, _)| *s == 9 || *s == 11));
    }
}
