//! Case endings of country names by language, looked up by the suffixes of
//! a word (longest first) instead of comparing every ending.

use crate::lexicon::Case;
use crate::matcher::FxMap;

/// Endings of one language (or of all languages) with their role.
#[derive(Debug, Default)]
struct EndingSet {
    /// Ending → role (the first listed wins when an ending repeats).
    roles: FxMap<String, Case>,
    /// Byte length of the longest ending.
    max_len: usize,
    /// Bit `n`: some ending is `n` bytes long (bit 63: 63 or more).
    lens: u64,
    /// Bit `b`: some ending ends with byte `b` (an empty ending sets them all).
    last_bytes: [u64; 4],
    /// Bit `c as u8`: some ending was listed with role `c` (whether or not
    /// an earlier listing of the same ending won it).
    cases: u8,
}

impl EndingSet {
    fn insert(&mut self, ending: &str, case: Case) {
        self.max_len = self.max_len.max(ending.len());
        self.lens |= 1 << ending.len().min(63);
        self.cases |= 1 << case as u8;
        match ending.as_bytes().last() {
            Some(&b) => self.last_bytes[b as usize >> 6] |= 1 << (b & 63),
            None => self.last_bytes = [u64::MAX; 4],
        }
        self.roles.entry(ending.to_string()).or_insert(case);
    }

    /// The role of the longest ending `word` ends with. (Most words end in
    /// a byte no ending ends with, and most suffix lengths are no ending's:
    /// those are passed over without hashing.)
    fn longest(&self, word: &str) -> Option<Case> {
        let ends_fit = word
            .as_bytes()
            .last()
            .is_none_or(|&b| self.last_bytes[b as usize >> 6] & (1 << (b & 63)) != 0);
        if !ends_fit {
            return None;
        }
        let role_at = |i: usize| {
            word.is_char_boundary(i)
                .then(|| self.roles.get(&word[i..]).copied())
                .flatten()
        };
        if self.max_len >= 63 {
            // (`lens` does not tell such lengths apart: every start is tried)
            let from = word.len().saturating_sub(self.max_len);
            return (from..=word.len()).find_map(role_at);
        }
        // the lengths endings come in, up to the word's, longest first
        let mut lens = self.lens & (u64::MAX >> (63 - self.max_len.min(word.len())));
        while lens != 0 {
            let len = 63 - lens.leading_zeros() as usize;
            lens &= !(1 << len);
            if let Some(case) = role_at(word.len() - len) {
                return Some(case);
            }
        }
        None
    }
}

/// Case endings of every language, as listed in the lexicon files.
#[derive(Debug, Default)]
pub(crate) struct CaseEndings {
    /// Each language's own endings.
    by_lang: FxMap<String, EndingSet>,
    /// The endings of all languages (for a language without its own).
    all: EndingSet,
}

impl CaseEndings {
    /// Adds an ending of the languages `langs`.
    pub fn add(&mut self, ending: String, case: Case, langs: &[String]) {
        for l in langs {
            self.by_lang
                .entry(l.clone())
                .or_default()
                .insert(&ending, case);
        }
        self.all.insert(&ending, case);
    }

    /// The case role an ending gives in language `lang`: the longest ending
    /// of that language that `word` ends with (of any language when `lang`
    /// has no endings of its own).
    pub fn role(&self, word: &str, lang: &str) -> Option<Case> {
        self.by_lang.get(lang).unwrap_or(&self.all).longest(word)
    }

    /// The role of `ending` as a whole ending of language `lang` (none
    /// when `lang` lists no endings).
    pub fn exact(&self, ending: &str, lang: &str) -> Option<Case> {
        self.by_lang.get(lang)?.roles.get(ending).copied()
    }

    /// Whether language `lang` has an ending with role `case`.
    pub fn has(&self, lang: &str, case: Case) -> bool {
        self.by_lang
            .get(lang)
            .is_some_and(|set| set.cases & (1 << case as u8) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_ending_of_the_language_wins() {
        let kk = vec!["kk".to_string()];
        let ru = vec!["ru".to_string()];
        let mut e = CaseEndings::default();
        e.add("ға".into(), Case::To, &kk);
        e.add("нан".into(), Case::From, &kk);
        e.add("ан".into(), Case::Of, &kk);
        e.add("а".into(), Case::Of, &ru);
        assert_eq!(e.role("қазақстаннан", "kk"), Some(Case::From));
        assert_eq!(e.role("ресейге", "kk"), None);
        assert_eq!(e.role("ресейға", "kk"), Some(Case::To));
        // Russian only has its own ending; a language without endings takes all
        assert_eq!(e.role("казахстана", "ru"), Some(Case::Of));
        assert_eq!(e.role("казахстаннан", "ru"), None);
        assert_eq!(e.role("казахстаннан", "en"), Some(Case::From));
        assert!(e.has("kk", Case::From) && !e.has("ru", Case::From));
    }
}
