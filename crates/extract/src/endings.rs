//! Case endings of country names by language, looked up by the suffixes of
//! a word (longest first) instead of comparing every ending.

use crate::lexicon::Case;
use crate::matcher::FxMap;

/// Endings of one language (or of all languages) with their role.
#[derive(Debug)]
struct EndingSet {
    /// Ending → role (the first listed wins when an ending repeats).
    roles: FxMap<String, Case>,
    /// The same endings read backwards, as a byte trie (node 0 is the
    /// root, the empty ending): a word's endings are found in one walk
    /// back from its last byte.
    nodes: Vec<EndingNode>,
    /// Bit `c as u8`: some ending was listed with role `c` (whether or not
    /// an earlier listing of the same ending won it).
    cases: u8,
}

/// A node of [`EndingSet::nodes`]: the ending spelled by the path to it.
#[derive(Debug, Default)]
struct EndingNode {
    /// The byte before, and the node it leads to.
    children: Vec<(u8, u32)>,
    /// The role of this ending, if it is one.
    role: Option<Case>,
}

impl Default for EndingSet {
    fn default() -> EndingSet {
        EndingSet {
            roles: FxMap::default(),
            nodes: vec![EndingNode::default()],
            cases: 0,
        }
    }
}

impl EndingSet {
    fn insert(&mut self, ending: &str, case: Case) {
        self.cases |= 1 << case as u8;
        let mut node = 0;
        for &b in ending.as_bytes().iter().rev() {
            node = match self.nodes[node].children.iter().find(|c| c.0 == b) {
                Some(&(_, next)) => next as usize,
                None => {
                    self.nodes.push(EndingNode::default());
                    let next = self.nodes.len() - 1;
                    self.nodes[node].children.push((b, next as u32));
                    next
                }
            };
        }
        self.nodes[node].role.get_or_insert(case);
        self.roles.entry(ending.to_string()).or_insert(case);
    }

    /// The role of the longest ending `word` ends with (that starts at a
    /// character of it).
    fn longest(&self, word: &str) -> Option<Case> {
        let mut node = &self.nodes[0];
        let mut found = node.role;
        for (k, &b) in word.as_bytes().iter().enumerate().rev() {
            let Some(&(_, next)) = node.children.iter().find(|c| c.0 == b) else {
                break;
            };
            node = &self.nodes[next as usize];
            if node.role.is_some() && word.is_char_boundary(k) {
                found = node.role;
            }
        }
        found
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
