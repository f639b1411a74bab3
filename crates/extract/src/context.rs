//! Shared look-ups over one document: tokens, lexicon matches and
//! convenience queries used by every extraction step.

use crate::lexicon::{Case, Lexicon};
use crate::matcher::{Match, Matches, Tag};
use crate::tokens::{Kind, Tokens};

/// One document being extracted.
pub(crate) struct Doc<'a> {
    /// Tokens of the view.
    pub toks: Tokens<'a>,
    /// Lexicon matches, by start token.
    pub matches: Matches,
    /// The lexicon.
    pub lex: &'static Lexicon,
}

impl<'a> Doc<'a> {
    /// Tokenises and tags `view`.
    pub fn new(view: &'a str, lex: &'static Lexicon) -> Doc<'a> {
        let toks = Tokens::new(view);
        let matches = lex.matcher.scan(&toks);
        Doc { toks, matches, lex }
    }

    /// Matches starting at token `i`, with their tags.
    pub fn tags(&self, i: usize) -> impl Iterator<Item = (&Match, &Tag)> {
        self.matches
            .at(i)
            .iter()
            .map(move |m| (m, self.lex.matcher.tag(m)))
    }

    /// The longest match at `i` whose tag satisfies `pred`, not ending after `limit`.
    pub fn longest(
        &self,
        i: usize,
        limit: usize,
        pred: impl Fn(&Tag) -> bool,
    ) -> Option<(usize, &Tag)> {
        // longest phrase first, then the most specific (longest) stem
        let mut best: Option<(usize, usize, &Tag)> = None;
        for (m, t) in self.tags(i) {
            let stem = self.lex.matcher.stem_len(m);
            if m.end <= limit && pred(t) && best.is_none_or(|(e, s, _)| (m.end, stem) > (e, s)) {
                best = Some((m.end, stem, t));
            }
        }
        best.map(|(e, _, t)| (e, t))
    }

    /// Whether some match at `i` of language `lang` satisfies `pred`.
    pub fn has_in(&self, i: usize, lang: &str, pred: impl Fn(&Tag) -> bool) -> bool {
        self.tags(i)
            .any(|(m, t)| pred(t) && self.lex.matcher.in_lang(m, lang))
    }

    /// Whether some match at `i` satisfies `pred`.
    pub fn has(&self, i: usize, pred: impl Fn(&Tag) -> bool) -> bool {
        self.tags(i).any(|(_, t)| pred(t))
    }

    /// Whether token `i` is a word glued to a number suffix list entry.
    pub fn is_number_suffix(&self, i: usize) -> bool {
        self.toks.kind(i) == Kind::Word
            && self
                .lex
                .number_suffixes
                .iter()
                .any(|s| s == self.toks.norm(i))
    }

    /// Whether token `i` is an ordinal ending.
    pub fn is_ordinal_suffix(&self, i: usize) -> bool {
        self.toks.kind(i) == Kind::Word
            && self
                .lex
                .ordinal_suffixes
                .iter()
                .any(|s| s == self.toks.norm(i))
    }

    /// The case role an ending gives in language `lang` (the longest ending
    /// of that language that `rest` ends with; any language when `lang` has
    /// no endings of its own).
    pub fn case_of_ending(&self, rest: &str, lang: &str) -> Option<Case> {
        let own = self
            .lex
            .case_endings
            .iter()
            .any(|(_, _, l)| l.iter().any(|x| x == lang));
        let mut best: Option<(usize, Case)> = None;
        for (e, c, langs) in &self.lex.case_endings {
            if own && !langs.iter().any(|x| x == lang) {
                continue;
            }
            if rest.ends_with(e.as_str()) && best.is_none_or(|(l, _)| e.len() > l) {
                best = Some((e.len(), *c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// Value of a 4-digit year token, if token `i` is one (1900..=2100).
    pub fn year_at(&self, i: usize) -> Option<i32> {
        if self.toks.kind(i) != Kind::Num {
            return None;
        }
        let s = self.toks.norm(i);
        if s.len() != 4 {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    }
}
