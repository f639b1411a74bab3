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
}

impl EndingSet {
    fn insert(&mut self, ending: &str, case: Case) {
        self.max_len = self.max_len.max(ending.len());
        self.roles.entry(ending.to_string()).or_insert(case);
    }

    /// The role of the longest ending `word` ends with.
    fn longest(&self, word: &str) -> Option<Case> {
        let from = word.len().saturating_sub(self.max_len);
        (from..=word.len())
            .filter(|&i| word.is_char_boundary(i))
            .find_map(|i| self.roles.get(&word[i..]).copied())
    }
}

/// Case endings of every language, as listed in the lexicon files.
#[derive(Debug, Default)]
pub(crate) struct CaseEndings {
    /// Each language's own endings.
    by_lang: FxMap<String, EndingSet>,
    /// The endings of all languages (for a language without its own).
    all: EndingSet,
    /// Every entry: ending, role and the languages of its file.
    entries: Vec<(String, Case, Vec<String>)>,
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
        self.entries.push((ending, case, langs.to_vec()));
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
        self.entries
            .iter()
            .any(|(_, c, langs)| *c == case && langs.iter().any(|l| l == lang))
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
