//! What every field of a figure is read with: the sentence and what is
//! known of it, and where its clauses, brackets and nearby words are.

use crate::context::Doc;
use crate::countries::Mention;
use crate::frame::Lent;
use crate::lexicon::TimeCue;
use crate::matcher::{kind, kind::Kinds};
use crate::periods::Mark;
use crate::quantities::Quantity;
use crate::sentences::Sent;
use crate::tokens::Kind;

/// Indicators that describe one country on its own (its people, its output;
/// not area: the land of a joint project belongs to both sides).
pub(super) const NATIONAL: &[&str] = &["population", "gdp"];

/// Everything known about one sentence.
pub(crate) struct SentInfo {
    /// The sentence.
    pub sent: Sent,
    /// The [`kind`] bits of the words of the sentence, OR-ed (a cue the
    /// sentence lacks is not searched for).
    pub present: Kinds,
    /// Its language code.
    pub lang: &'static str,
    /// Countries named in it.
    pub mentions: Vec<Mention>,
    /// Indicator words: (first token, end token, indicator).
    pub keywords: Vec<(usize, usize, &'static str)>,
    /// Period expressions.
    pub marks: Vec<Mark>,
    /// What the sentence takes from the report frame: the period it leans
    /// on, the report's sides, the previous sentence's topic.
    pub lent: Lent,
    /// The year of the document's date, when it has one (not one inferred
    /// from the years the text names).
    pub dated_year: Option<i32>,
}

/// Where a quantity stands in a "from X to Y" pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairPart {
    /// Not in a pair.
    None,
    /// "X-тан", "с X": the starting value.
    From,
    /// "Y-ға дейін", "до Y": the value reached.
    To,
}

pub(super) fn dist(a: usize, b: usize) -> usize {
    a.abs_diff(b)
}

/// Punctuation that separates clauses, between tokens `a` and `b`. A
/// comma before a participle (lexicon `participle_endings`) joins its
/// clause to the noun before it: "Узбекистан, нарастивший торговлю с КНР
/// до 14,1 млрд долларов, …" is Uzbekistan's trade.
pub(crate) fn clause_breaks(doc: &Doc, a: usize, b: usize) -> usize {
    let t = &doc.toks;
    let participle = |i: usize| {
        t.skip_space(i + 1, t.len())
            .filter(|&w| t.kind(w) == Kind::Word)
            .is_some_and(|w| {
                let word = t.norm(w);
                doc.lex
                    .participle_endings
                    .iter()
                    .any(|e| word.len() > e.len() && word.ends_with(e.as_str()))
            })
    };
    (a..b)
        .filter(|&i| {
            t.kind(i) == Kind::Punct
                && matches!(t.norm(i), "," | ";" | ":" | "(" | ")")
                && !(i + 1 < t.len() && t.kind(i + 1) == Kind::Num && t.adjacent(i, i + 1))
                && !(t.norm(i) == "," && participle(i))
        })
        .count()
}

/// The first token of the first cue that ends within `radius` tokens
/// before the quantity (none: no such cue).
pub(super) fn cue_before(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    radius: usize,
    mask: Kinds,
) -> Option<usize> {
    if info.present & mask == 0 {
        return None;
    }
    let lo = q.start.saturating_sub(radius).max(info.sent.start);
    (lo..q.start).find(|&i| {
        doc.has_kind(i, mask)
            && doc
                .tags(i)
                .any(|(m, _)| m.end <= q.start && doc.lex.matcher.bit(m) & mask != 0)
    })
}

/// Cue tags within `radius` tokens of the quantity.
pub(super) fn near(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    radius: usize,
    mask: Kinds,
) -> Option<usize> {
    if info.present & mask == 0 {
        return None;
    }
    let lo = q.start.saturating_sub(radius).max(info.sent.start);
    let hi = (q.end + radius).min(info.sent.end);
    let mut best: Option<usize> = None;
    for i in lo..hi {
        if doc.has_kind(i, mask) {
            let d = if i < q.start {
                q.start - i
            } else {
                i.saturating_sub(q.end) + 1
            };
            if best.is_none_or(|b| d < b) {
                best = Some(d);
            }
        }
    }
    best
}

/// A percentage of a base level: after an index word ("темп роста 158%"),
/// at least 50 %,
/// or at least 100 % next to a comparison ("2021 жылмен салыстырғанда
/// 2020 жыл - 116,4%") with no growth word beside it.
pub(super) fn is_index(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    // (an index is near 100: "индекс цен вырос на 8%" is a change)
    if q.value >= 50.0 && cue_before(doc, info, q, 40, kind::INDEX).is_some() {
        return true;
    }
    q.value >= 100.0
        && near(
            doc,
            info,
            q,
            24,
            kind::time(TimeCue::CompareBefore) | kind::time(TimeCue::CompareAfter),
        )
        .is_some()
        && near(doc, info, q, 4, kind::UP | kind::DOWN).is_none()
}

/// The "(" and ")" around token `i` within `start..end`, if `i` stands
/// between brackets.
pub(super) fn brackets_around(
    doc: &Doc,
    start: usize,
    end: usize,
    i: usize,
) -> Option<(usize, usize)> {
    let open = unmatched(doc, (start..i).rev(), ")", "(")?;
    let close = unmatched(doc, i..end, "(", ")")?;
    Some((open, close))
}

/// The first `target` bracket along `toks` that no `nest` bracket before it
/// pairs with.
pub(super) fn unmatched(
    doc: &Doc,
    mut toks: impl Iterator<Item = usize>,
    nest: &str,
    target: &str,
) -> Option<usize> {
    let t = &doc.toks;
    let mut depth = 0;
    toks.find(|&k| {
        if t.is_punct(k, nest) {
            depth += 1;
        } else if t.is_punct(k, target) {
            if depth == 0 {
                return true;
            }
            depth -= 1;
        }
        false
    })
}

/// Up to `n` word tokens before token `i` (from `start`), nearest first.
pub(super) fn behind_words<'a>(
    doc: &'a Doc<'a>,
    start: usize,
    i: usize,
    n: usize,
) -> impl Iterator<Item = usize> + 'a {
    (start..i)
        .rev()
        .filter(|&k| doc.toks.kind(k) == Kind::Word)
        .take(n)
}
