//! Shared look-ups over one document: tokens, lexicon matches and
//! convenience queries used by every extraction step.

use crate::lexicon::{Case, Lexicon};
use crate::matcher::{kind::Kinds, Match, Matches, Tag};
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
    pub fn tags(&self, i: usize) -> impl Iterator<Item = (&Match, &'static Tag)> {
        let lex = self.lex;
        self.matches
            .at(i)
            .iter()
            .map(move |m| (m, lex.matcher.tag(m)))
    }

    /// The longest match at `i` with a tag of one of the kinds in `mask`
    /// (bits of [`crate::matcher::kind`]), not ending after `limit`.
    #[inline]
    pub fn longest(&self, i: usize, limit: usize, mask: Kinds) -> Option<(usize, &'static Tag)> {
        self.longest_where(i, limit, mask, |_| true)
    }

    /// [`Doc::longest`] among the entries that may be read in language
    /// `lang` ([`crate::matcher::Matcher::fits_lang`]).
    #[inline]
    pub fn longest_in(
        &self,
        i: usize,
        limit: usize,
        lang: &str,
        mask: Kinds,
    ) -> Option<(usize, &'static Tag)> {
        self.longest_where(i, limit, mask, |m| self.lex.matcher.fits_lang(m, lang))
    }

    #[inline]
    fn longest_where(
        &self,
        i: usize,
        limit: usize,
        mask: Kinds,
        keep: impl Fn(&Match) -> bool,
    ) -> Option<(usize, &'static Tag)> {
        // (inlined: most calls end at the kind bits, with no call at all)
        if !self.has_kind(i, mask) {
            return None;
        }
        self.longest_of(i, limit, mask, keep)
    }

    /// [`Doc::longest_where`] once the kind bits at `i` say a match may be there.
    fn longest_of(
        &self,
        i: usize,
        limit: usize,
        mask: Kinds,
        keep: impl Fn(&Match) -> bool,
    ) -> Option<(usize, &'static Tag)> {
        // longest phrase first, then the most specific (longest) stem
        let mut best: Option<(usize, usize, &'static Tag)> = None;
        for (m, t) in self.tags(i) {
            let stem = self.lex.matcher.stem_len(m);
            if m.end <= limit
                && self.lex.matcher.bit(m) & mask != 0
                && keep(m)
                && best.is_none_or(|(e, s, _)| (m.end, stem) > (e, s))
            {
                best = Some((m.end, stem, t));
            }
        }
        best.map(|(e, _, t)| (e, t))
    }

    /// Whether some match at `i` of language `lang` has a tag of one of the
    /// kinds in `mask` (bits of [`crate::matcher::kind`]).
    #[inline]
    pub fn has_in(&self, i: usize, lang: &str, mask: Kinds) -> bool {
        // (inlined: most calls end at the kind bits, with no call at all)
        self.has_kind(i, mask) && self.has_in_tags(i, lang, mask)
    }

    /// [`Doc::has_in`] once the kind bits at `i` say a match may be there.
    fn has_in_tags(&self, i: usize, lang: &str, mask: Kinds) -> bool {
        self.tags(i)
            .any(|(m, _)| self.lex.matcher.bit(m) & mask != 0 && self.lex.matcher.in_lang(m, lang))
    }

    /// Whether some match at `i` has a tag of one of the kinds in `mask`
    /// (bits of [`crate::matcher::kind`]).
    #[inline]
    pub fn has_kind(&self, i: usize, mask: Kinds) -> bool {
        self.matches.kinds_at(i) & mask != 0
    }

    /// The kinds of every match starting in tokens `a..b` (bits of
    /// [`crate::matcher::kind`], OR-ed).
    pub fn kinds_in(&self, a: usize, b: usize) -> Kinds {
        self.matches.kinds_in(a, b)
    }

    /// Whether some match at `i` satisfies `pred`.
    pub fn has(&self, i: usize, pred: impl Fn(&Tag) -> bool) -> bool {
        self.tags(i).any(|(_, t)| pred(t))
    }

    /// Whether token `i` is a word glued to a number suffix list entry.
    pub fn is_number_suffix(&self, i: usize) -> bool {
        self.toks.kind(i) == Kind::Word && self.lex.number_suffixes.contains(self.toks.norm(i))
    }

    /// Whether token `i` is an ordinal ending.
    pub fn is_ordinal_suffix(&self, i: usize) -> bool {
        self.toks.kind(i) == Kind::Word && self.lex.ordinal_suffixes.contains(self.toks.norm(i))
    }

    /// The case role an ending gives in language `lang` (the longest ending
    /// of that language that `rest` ends with; any language when `lang` has
    /// no endings of its own).
    pub fn case_of_ending(&self, rest: &str, lang: &str) -> Option<Case> {
        self.lex.case_endings.role(rest, lang)
    }

    /// Value of a 4-digit year token, if token `i` is one (1900..=2100).
    #[inline]
    pub fn year_at(&self, i: usize) -> Option<i32> {
        if self.toks.kind(i) != Kind::Num {
            return None;
        }
        let s = self.toks.norm(i);
        if s.len() != 4 {
            return None;
        }
        // (a number token is ASCII digits)
        let y = s.bytes().fold(0, |y, b| y * 10 + i32::from(b - b'0'));
        (1900..=2100).contains(&y).then_some(y)
    }
}
