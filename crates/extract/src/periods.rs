//! Periods: years, year ranges, months, "за 9 месяцев", "в прошлом году",
//! "за последние семь лет", "к 2030 году", resolved against the document's
//! current year, as marks at token positions of a sentence.

use std::rc::Rc;

use crate::context::Doc;
use crate::lexicon::TimeCue;
use crate::matcher::{kind, kind::Kinds, Tag};
use crate::sentences::Sent;
use crate::tokens::Kind;

/// A resolved period ("2025", "2025-01..2025-06", "..2030"), shared: the
/// report frame and the figures of a document pass one period on from
/// sentence to sentence, and a clone of it allocates nothing.
pub(crate) type Period = Rc<str>;

/// A period expression in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    /// Token where the expression starts.
    pub tok: usize,
    /// One past its last token.
    pub end: usize,
    /// Resolved period, or `None` for "today", "currently".
    pub period: Option<Period>,
    /// A "by YEAR" deadline (a target's period).
    pub until: bool,
    /// A base of comparison ("по сравнению с 2023 годом"), not the period.
    pub compare: bool,
    /// Read from another period: "годом ранее" (the year before it), "за
    /// отчетный период" (the report's own); for the amounts near it only,
    /// the sentence keeps the period it leans on.
    pub relative: bool,
    /// "по состоянию на 1 сентября": the date itself, while `period` holds
    /// the months before it (what a flow, trade or investment, has summed
    /// up by then).
    pub as_of: Option<Period>,
    /// "за последние три года" (over the last three years): the N years
    /// ending with the year of reference, which an amount summed over them
    /// covers, where `period` runs from the year N years back that a change
    /// over them is measured against (2022..2025 for three years of 2025;
    /// the same span in a language that counts the year of reference in).
    pub summed: Option<Period>,
}

impl Mark {
    /// Whether the mark names a period of the sentence's own: no base of
    /// comparison, no period relative to the one leaned on.
    pub fn own(&self) -> bool {
        !self.compare && !self.relative
    }
}

fn is_cue(doc: &Doc, i: usize, cue: TimeCue) -> bool {
    doc.has_kind(i, kind::time(cue))
        && (!kind::time_shared(cue) || doc.has(i, |t| *t == Tag::Time(cue)))
}

/// Whether token `i` lies inside a frame-keeping phrase ("at the same
/// time", "ошол эле учурда") that starts before it.
fn in_frame_keep(doc: &Doc, i: usize) -> bool {
    (i.saturating_sub(8)..i).any(|j| {
        doc.has_kind(j, kind::FRAME_KEEP)
            && doc.tags(j).any(|(m, t)| *t == Tag::FrameKeep && m.end > i)
    })
}

/// Most neighbours [`ahead`] and [`behind`] return.
const MAX_NEAR: usize = 8;

/// Up to [`MAX_NEAR`] token indices, kept on the stack (read as a slice).
#[derive(Clone, Copy)]
struct Near {
    toks: [usize; MAX_NEAR],
    len: usize,
}

impl Near {
    /// The first `n` (at most [`MAX_NEAR`]) indices of `it`.
    fn collect(it: impl Iterator<Item = usize>, n: usize) -> Near {
        debug_assert!(n <= MAX_NEAR);
        let mut near = Near {
            toks: [0; MAX_NEAR],
            len: 0,
        };
        for (slot, k) in near.toks.iter_mut().zip(it.take(n)) {
            *slot = k;
            near.len += 1;
        }
        near
    }
}

impl std::ops::Deref for Near {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        &self.toks[..self.len]
    }
}

/// Non-space tokens from `i` (inclusive) going forward, at most `n`, within the sentence.
fn ahead(doc: &Doc, i: usize, end: usize, n: usize) -> Near {
    Near::collect((i..end).filter(|&j| doc.toks.kind(j) != Kind::Space), n)
}

/// Whether token `k` ends a clause: a punctuation mark that is not a
/// separator inside a number ("1,86") nor a hyphen joining an ending to
/// its word ("12%-ға").
fn clause_end(doc: &Doc, k: usize) -> bool {
    let t = &doc.toks;
    let glued = k > 0 && k + 1 < t.len() && t.adjacent(k - 1, k) && t.adjacent(k, k + 1);
    t.kind(k) == Kind::Punct
        && !(glued && t.kind(k - 1) == Kind::Num && t.kind(k + 1) == Kind::Num)
        && !(glued && t.is_punct(k, "-") && t.kind(k + 1) == Kind::Word)
}

/// Whether token `k` is the unit of an amount compared in the ablative,
/// the way Turkic languages say "than": a unit word with the language's
/// `from` case ending, a number right after it and a word of growth, fall
/// or "more"/"less" after that ("4,4 млрд доллардан 9,1% кем", "1,2 mlrd
/// dollardan 15 foizga ko'p"). The amount it ends is the base of the
/// comparison, and its period is no period of the sentence's other figures.
/// A range ("5 млн доллардан 7 млн долларға дейін") has no such word.
pub(crate) fn ablative_base(doc: &Doc, k: usize, end: usize, lang: &str) -> bool {
    doc.has_kind(k, kind::UNIT) && before_change_in_ablative(doc, k, end, lang)
}

/// Whether the word at `k` has the language's `from` case ending and an
/// amount (not a year) follows it, then a word of growth, fall or
/// "more"/"less" in the clause: what is compared "than" ([`ablative_base`],
/// [`ablative_period`]).
fn before_change_in_ablative(doc: &Doc, k: usize, end: usize, lang: &str) -> bool {
    if doc.toks.kind(k) != Kind::Word
        || !doc.lex.case_endings.has(lang, crate::lexicon::Case::From)
        || doc.case_of_ending(doc.toks.norm(k), lang) != Some(crate::lexicon::Case::From)
    {
        return false;
    }
    // (eight tokens: "16,7%-ға жоғары" is seven)
    let next = ahead(doc, k + 1, end, 8);
    next.first()
        .is_some_and(|&n| doc.toks.kind(n) == Kind::Num && doc.year_at(n).is_none())
        && next
            .iter()
            .copied()
            .take_while(|&n| !clause_end_past_units(doc, n))
            .any(|n| {
                doc.has_kind(n, kind::UP | kind::DOWN)
                    || doc.has(n, |t| matches!(t, Tag::Approx(_, true)))
            })
}

/// Whether the period word at `i` ends the base of a comparison: one that
/// a `than` word opens after a change in percent or times ("на 9,1%
/// меньше, чем 4,4 млрд долларов в 2023 году", "9.1% less than the $4.4
/// billion of 2023", "down 9.7% from 2023"; "more than $4 billion in 2023"
/// says no change: not a base), or the amount a comparison word opens
/// ("down from 32% in 2023", "против 2,9 млрд долларов в 2023 году").
fn after_than(doc: &Doc, i: usize, start: usize) -> bool {
    // (up to twelve words back: "than the $4.4 billion recorded in 2023")
    let back = || {
        (start..i)
            .rev()
            .filter(|&k| doc.toks.kind(k) != Kind::Space)
            .take(12)
            .take_while(|&k| !clause_end_past_units(doc, k))
    };
    if let Some(than) = back().find(|&k| is_cue(doc, k, TimeCue::Than)) {
        let change = behind(doc, than, start, 4).iter().any(|&k| {
            doc.has(
                k,
                |t| matches!(t, Tag::Unit(u) if u == "percent" || u == "times"),
            )
        });
        if change {
            return true;
        }
    }
    back()
        .find(|&k| is_cue(doc, k, TimeCue::CompareBefore))
        .is_some_and(|cue| (cue..i).any(|k| doc.toks.kind(k) == Kind::Num))
}

/// Whether the period whose last token is `j - 1` is said in the ablative
/// as the base of a comparison, the way Turkic languages say "than":
/// "2023-жылдагыдан 400 миң тоннага көп", "2023 йилдагидан 14 фоизга кам"
/// (an amount, not a year, right after it, then a word of growth, fall or
/// "more"/"less" in the clause).
fn ablative_period(doc: &Doc, j: usize, end: usize, lang: &str) -> bool {
    j.checked_sub(1)
        .is_some_and(|k| before_change_in_ablative(doc, k, end, lang))
}

/// [`clause_end`], but for the signs that are units of an amount ("$",
/// "%"), which end no clause.
fn clause_end_past_units(doc: &Doc, k: usize) -> bool {
    clause_end(doc, k) && !doc.has_kind(k, kind::UNIT)
}

/// Non-space tokens before `i`, nearest first, at most `n`.
fn behind(doc: &Doc, i: usize, start: usize, n: usize) -> Near {
    Near::collect(
        (start..i)
            .rev()
            .filter(|&j| doc.toks.kind(j) != Kind::Space),
        n,
    )
}

/// The value of a Roman numeral of one to four letters (Latin I and V, or
/// the Cyrillic І of Kazakh text), as ordinals of quarters are written
/// ("II квартал", "ІІІ тоқсан").
fn roman(word: &str) -> Option<u32> {
    let mut n = 0;
    let mut letters = 0;
    for c in word.chars() {
        letters += 1;
        match c {
            'I' | 'i' | 'І' | 'і' | 'Ӏ' => n += 1,
            'V' | 'v' if n <= 1 => n = 5 - n,
            _ => return None,
        }
    }
    (letters <= 4 && n > 0).then_some(n)
}

/// A word for a part of the year (lexicon `[year_parts]`: "квартал",
/// "чорак", "полугодие") at `i` with its ordinal in figures: a Roman numeral
/// right before or right after it ("II квартал", "семоҳаи I") or a number
/// joined by a hyphen before it ("1-чорак", "2-м квартале", "3rd quarter"). A half-year word
/// with no ordinal is the first half ("за полугодие"). Returns the first
/// token, the end and the months.
fn year_part(doc: &Doc, i: usize, s: &Sent) -> Option<(usize, usize, u32, u32)> {
    let len = doc.tags(i).find_map(|(_, t)| match t {
        Tag::YearPart(len) => Some(*len),
        _ => None,
    })?;
    let t = &doc.toks;
    let roman_at = |k: usize| {
        (t.kind(k) == Kind::Word)
            .then(|| roman(t.text(k)))
            .flatten()
    };
    let before = behind(doc, i, s.start, 4);
    // "1-чорак", "1-м квартале", "2-го квартала": digits, a hyphen, and at
    // most a short case ending
    let hyphened = |n: usize| {
        let (num, dash) = (*before.get(n + 1)?, before[n]);
        (t.kind(num) == Kind::Num && matches!(t.text(dash), "-" | "‑") && t.adjacent(num, dash))
            .then(|| t.text(num).parse::<u32>().ok().map(|v| (num, i + 1, v)))
            .flatten()
    };
    // (first token, end, ordinal)
    let ordinal = match before.first() {
        Some(&k) if roman_at(k).is_some() => roman_at(k).map(|v| (k, i + 1, v)),
        Some(&k) if t.kind(k) == Kind::Punct => hyphened(0),
        // (or the ending glued to the digits: "3rd quarter")
        Some(&k) if t.kind(k) == Kind::Word && t.text(k).chars().count() <= 3 => hyphened(1)
            .or_else(|| {
                let num = *before.get(1)?;
                (t.kind(num) == Kind::Num && t.adjacent(num, k))
                    .then(|| t.text(num).parse::<u32>().ok().map(|v| (num, i + 1, v)))
                    .flatten()
            }),
        _ => None,
    }
    .or_else(|| {
        let next = *ahead(doc, i + 1, s.end, 1).first()?;
        roman_at(next).map(|v| (i, next + 1, v))
    });
    match ordinal {
        Some((first, end, n)) if (1..=12 / len).contains(&n) => {
            let a = (n - 1) * len + 1;
            Some((first, end, a, a + len - 1))
        }
        None if len == 6 => Some((i, i + 1, 1, 6)),
        _ => None,
    }
}

fn small_number(doc: &Doc, i: usize) -> Option<u32> {
    match doc.toks.kind(i) {
        Kind::Num => doc
            .toks
            .norm(i)
            .parse()
            .ok()
            .filter(|n| (1..=100).contains(n)),
        Kind::Word if doc.has_kind(i, kind::NUMERAL) => doc.tags(i).find_map(|(_, t)| match t {
            Tag::Numeral(v) if *v >= 1.0 && *v <= 100.0 && v.fract() == 0.0 => Some(*v as u32),
            _ => None,
        }),
        _ => None,
    }
}

fn month_of(doc: &Doc, i: usize, lang: &str) -> Option<u32> {
    if !doc.has_kind(i, kind::MONTH_NAME) {
        return None;
    }
    // a word of the name of goods is no month: Kyrgyz "күйүүчү май" (fuel
    // oil) is not May
    let in_goods = (i.saturating_sub(6)..i).any(|j| {
        doc.has_kind(j, kind::PRODUCT)
            && doc
                .tags(j)
                .any(|(m, t)| matches!(t, Tag::Product(_)) && m.end > i)
    });
    if in_goods {
        return None;
    }
    // a month name of another language is a word of this one (Uzbek "may"
    // is English "may")
    doc.tags(i).find_map(|(m, t)| match t {
        Tag::MonthName(n) if doc.lex.matcher.in_lang(m, lang) => Some(*n),
        _ => None,
    })
}

/// A news dateline at the head of a text: "ALMATY, Feb 10, 2026 -",
/// "Астана, 14 ноября 2025 года." (place words, a comma, a day, a month and
/// a year, then a dash, a bracket, a full stop or the sentence's end), or
/// "ХУҶАНД, 12.09.2024 /АМИТ «Ховар»/." (the date in figures).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dateline {
    /// The date it gives the document, when it names a year.
    pub date: Option<tandem_model::DocDate>,
    /// Its tokens: no period of the figures after it is read there.
    pub toks: (usize, usize),
}

/// The dateline of a text, looked for at the start of its first sentences
/// that open a paragraph: the day a report was written, never the period
/// of the figures it gives.
pub(crate) fn dateline(
    doc: &Doc,
    sents: &[Sent],
    lang_at: impl Fn(usize) -> &'static str,
) -> Option<Dateline> {
    let t = &doc.toks;
    let day_at = |k: usize| -> Option<u32> {
        (t.kind(k) == Kind::Num)
            .then(|| t.norm(k).parse().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    for s in sents.iter().filter(|s| s.para_start).take(3) {
        let words: Vec<usize> = (s.start..s.end)
            .filter(|&j| t.kind(j) != Kind::Space)
            .take(14)
            .collect();
        // place words (a capital first letter) up to a comma
        let first = *words.first()?;
        if !t.text(first).chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let Some(comma) = words.iter().take(6).position(|&k| t.is_punct(k, ",")) else {
            continue;
        };
        if comma == 0 || words[..comma].iter().any(|&k| t.kind(k) == Kind::Num) {
            continue;
        }
        let date = &words[comma + 1..];
        let lang = lang_at(first);
        // "12.09.2024": a day, a month and a year in figures
        let month_num = |k: usize| -> Option<u32> {
            (t.kind(k) == Kind::Num && t.norm(k).len() <= 2)
                .then(|| t.norm(k).parse().ok())
                .flatten()
                .filter(|m| (1..=12).contains(m))
        };
        let dot = |a: usize, p: usize, b: usize| {
            (t.is_punct(p, ".") || t.is_punct(p, "/")) && t.adjacent(a, p) && t.adjacent(p, b)
        };
        if let [d, p1, m, p2, y, rest @ ..] = date {
            if let (Some(day), Some(month), Some(year)) =
                (day_at(*d), month_num(*m), doc.year_at(*y))
            {
                let end = rest.first().copied();
                if dot(*d, *p1, *m)
                    && dot(*m, *p2, *y)
                    && end.is_none_or(|k| t.kind(k) == Kind::Punct)
                {
                    return Some(Dateline {
                        date: Some(tandem_model::DocDate {
                            year,
                            month: Some(month),
                            day: Some(day),
                        }),
                        toks: (words[comma + 1], end.unwrap_or(s.end)),
                    });
                }
            }
        }
        // "14 ноября 2025", "Feb 10, 2026", "10 February 2026"
        let (day, month, rest) = match date {
            [d, m, rest @ ..] if day_at(*d).is_some() && month_of(doc, *m, lang).is_some() => {
                (day_at(*d), month_of(doc, *m, lang), rest)
            }
            [m, d, rest @ ..] if month_of(doc, *m, lang).is_some() && day_at(*d).is_some() => {
                (day_at(*d), month_of(doc, *m, lang), rest)
            }
            _ => continue,
        };
        let rest = match rest {
            [c, rest @ ..] if t.is_punct(*c, ",") => rest,
            _ => rest,
        };
        let (year, rest) = match rest {
            [y, rest @ ..] if doc.year_at(*y).is_some() => (doc.year_at(*y), rest),
            _ => (None, rest),
        };
        let rest = match rest {
            [w, rest @ ..] if year.is_some() && is_cue(doc, *w, TimeCue::Year) => rest,
            _ => rest,
        };
        let end = rest.first().copied();
        let closed = end.is_none_or(|k| ["-", "—", "–", ".", "("].iter().any(|p| t.is_punct(k, p)));
        if !closed {
            continue;
        }
        let last = end.unwrap_or(s.end);
        return Some(Dateline {
            date: year.map(|year| tandem_model::DocDate { year, month, day }),
            toks: (words[comma + 1], last),
        });
    }
    None
}

/// What the periods of a sentence are read against.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Refs<'a> {
    /// The document's current year.
    pub year: Option<i32>,
    /// The month of the document's date, when it has one.
    pub month: Option<u32>,
    /// The period the sentence before passes on.
    pub lean: Option<&'a str>,
    /// The period the document reports on (its first statistics).
    pub report: Option<&'a str>,
    /// The month the document's fiscal years end with ("fiscal 1985/86
    /// ended March").
    pub fiscal_end: Option<u32>,
}

/// A period split at its first "..": the start and the end of a span
/// (`str::split_once("..")`, without setting up a substring search for
/// the few bytes of a period).
pub(crate) fn split_span(period: &str) -> Option<(&str, &str)> {
    let at = period.as_bytes().windows(2).position(|w| w == b"..")?;
    Some((&period[..at], &period[at + 2..]))
}

/// The year a period starts in ("2025-01..2025-09" → 2025; none for
/// "..2030").
pub(crate) fn first_year(period: &str) -> Option<i32> {
    period.get(..4)?.parse().ok()
}

/// The last year of a period as written in a figure ("2017", "2025-01..2025-09",
/// "2016..2023"); none for an open end ("2019..", "..2030" gives 2030).
pub(crate) fn last_year(period: &str) -> Option<i32> {
    let end = period.rsplit("..").next()?;
    end.get(..4)?.parse().ok()
}

/// The month a fiscal end cue at `i` names ("ended March"), with the token
/// after the month.
fn fiscal_month(doc: &Doc, i: usize, end: usize, lang: &str) -> Option<(u32, usize)> {
    if !is_cue(doc, i, TimeCue::FiscalEnd) {
        return None;
    }
    let cue_end = doc.longest(i, end, kind::TIME).map_or(i + 1, |(e, _)| e);
    let &m = ahead(doc, cue_end, end, 1).first()?;
    month_of(doc, m, lang).map(|n| (n, m + 1))
}

/// A split year "1985/86" or "1985/1986" at token `i` (two years in a row,
/// a fiscal year): the second year and its token.
fn split_year(doc: &Doc, i: usize, end: usize) -> Option<(i32, usize)> {
    let t = &doc.toks;
    let y1 = doc.year_at(i)?;
    let &[slash, second] = &*ahead(doc, i + 1, end, 2) else {
        return None;
    };
    if !t.is_punct(slash, "/") || !t.adjacent(i, slash) || !t.adjacent(slash, second) {
        return None;
    }
    let y2 = match t.kind(second) {
        Kind::Num if t.norm(second).len() == 2 => {
            let yy: i32 = t.norm(second).parse().ok()?;
            y1 - y1 % 100 + yy + if yy < y1 % 100 { 100 } else { 0 }
        }
        _ => doc.year_at(second)?,
    };
    (y2 == y1 + 1).then_some((y2, second))
}

/// The month the document's fiscal years end with: the month after the
/// first fiscal end cue that follows a split year ("fiscal 1985/86 ended
/// March" → 3).
pub(crate) fn fiscal_end(doc: &Doc, lang_at: impl Fn(usize) -> &'static str) -> Option<u32> {
    let n = doc.toks.len();
    // (most documents have no fiscal end cue: one look at the tags of
    // every token spares reading a year at each)
    if doc.kinds_in(0, n) & kind::time(TimeCue::FiscalEnd) == 0 {
        return None;
    }
    (0..n).find_map(|i| {
        let (_, second) = split_year(doc, i, n)?;
        ahead(doc, second + 1, n, 3)
            .iter()
            .find_map(|&k| fiscal_month(doc, k, n, lang_at(k)))
            .map(|(m, _)| m)
    })
}

/// A fiscal year from `y1` to `y1 + 1` ending with month `end` (1..=11):
/// "1985-04..1986-03"; the two years when the month is not known.
fn fiscal_year(y1: i32, end: Option<u32>) -> String {
    match end.filter(|m| (1..12).contains(m)) {
        Some(m) => format!("{y1}-{:02}..{}-{m:02}", m + 1, y1 + 1),
        None => format!("{y1}..{}", y1 + 1),
    }
}

/// Tokens of a sentence whose "read as a period" flags [`marks`] keeps on
/// the stack (a longer sentence's go to the heap).
const USED_ON_STACK: usize = 256;

/// Finds the period marks of sentence `s`, read against `refs`.
pub(crate) fn marks(doc: &Doc, s: &Sent, lang: &str, refs: &Refs) -> Vec<Mark> {
    let mut out = Vec::new();
    // (on the stack for a sentence of up to USED_ON_STACK tokens)
    let n = s.end - s.start;
    let mut on_stack = [false; USED_ON_STACK];
    let mut on_heap = Vec::new();
    let used: &mut [bool] = if n <= USED_ON_STACK {
        &mut on_stack[..n]
    } else {
        on_heap.resize(n, false);
        &mut on_heap
    };
    let t = &doc.toks;
    let cy = refs.year;
    let lean = refs.lean;
    // the words of the sentence, OR-ed: each kind of mark below looks at
    // the sentence's tokens only when the words it starts with are there
    let present = doc.kinds_in(s.start, s.end);
    let tokens_with = |mask: Kinds| {
        if present & mask != 0 {
            s.start..s.end
        } else {
            s.start..s.start
        }
    };
    // a comparison cue before its year ("по сравнению с 2023 годом") or
    // after it ("2021 жылмен салыстырғанда")
    let compare_near = |i: usize, j: usize| -> bool {
        behind(doc, i, s.start, 4)
            .iter()
            .any(|&k| is_cue(doc, k, TimeCue::CompareBefore))
            || ahead(doc, j, s.end, 4)
                .iter()
                .any(|&k| is_cue(doc, k, TimeCue::CompareAfter))
            || ahead(doc, j, s.end, 6)
                .iter()
                .copied()
                .take_while(|&k| !clause_end(doc, k))
                .any(|k| ablative_base(doc, k, s.end, lang))
            || after_than(doc, i, s.start)
            || ablative_period(doc, j, s.end, lang)
    };
    // "o'tgan yilning yanvar-iyun oylaridagi 1,86 mlrd dollarga nisbatan": the
    // period of an amount that is the base of a comparison after it (or
    // of one compared in the ablative: "2023 жылғы 4,4 млрд доллардан 9,1% кем";
    // a year named before the cue is the base instead: "2025 жылғы
    // желтоқсанда … 2024 жылмен салыстырғанда")
    let base_of_comparison = |j: usize| -> bool {
        ahead(doc, j, s.end, 8)
            .iter()
            .copied()
            .take_while(|&k| !clause_end(doc, k) && doc.year_at(k).is_none())
            .any(|k| is_cue(doc, k, TimeCue::CompareAfter) || ablative_base(doc, k, s.end, lang))
    };
    // months (with days, ranges and years)
    for i in tokens_with(kind::MONTH_NAME) {
        if used[i - s.start] {
            continue;
        }
        let Some(m1) = month_of(doc, i, lang) else {
            continue;
        };
        // "ended March" closes a fiscal year or a span of months, read there
        // or here: "the year ended March 31, 1986" is the twelve months up
        // to it (of the last such month before the document's date when no
        // year is named)
        let ended = behind(doc, i, s.start, 1)
            .first()
            .copied()
            .filter(|&k| is_cue(doc, k, TimeCue::FiscalEnd));
        if let Some(cue) = ended {
            let year_word = behind(doc, cue, s.start, 2)
                .iter()
                .copied()
                .find(|&k| is_cue(doc, k, TimeCue::Year));
            let named = ahead(doc, i + 1, s.end, 3)
                .iter()
                .find_map(|&k| doc.year_at(k).map(|y| (y, k)));
            let y2 = match (named, cy, refs.month) {
                (Some((yy, _)), _, _) => Some(yy),
                (None, Some(c), Some(dm)) if m1 >= dm => Some(c - 1),
                (None, c, _) => c,
            };
            if let (Some(w), Some(y2)) = (year_word, y2) {
                let end = named.map_or(i + 1, |(_, k)| k + 1);
                for k in w..end {
                    used[k - s.start] = true;
                }
                out.push(Mark {
                    tok: w,
                    end,
                    period: Some(if m1 == 12 {
                        format!("{y2}").into()
                    } else {
                        fiscal_year(y2 - 1, Some(m1)).into()
                    }),
                    until: false,
                    compare: false,
                    relative: false,
                    as_of: None,
                    summed: None,
                });
            }
            continue;
        }
        let mut last = i;
        let mut m2 = None;
        for &k in ahead(doc, i + 1, s.end, 3).iter() {
            if let Some(m) = month_of(doc, k, lang) {
                if m > m1 {
                    m2 = Some(m);
                    last = k;
                }
                break;
            }
            if t.kind(k) == Kind::Num {
                break;
            }
        }
        // year near the month: a number, or "o'tgan yilning", "биылғы"
        // (one after it follows it with no other word between: in
        // "желтоқсанда мұнай экспорты 2024 жылмен" 2024 is another's)
        let mut y = None;
        let after = ahead(doc, last + 1, s.end, 3);
        let after = after
            .iter()
            .take_while(|&&k| t.kind(k) != Kind::Word || doc.has_kind(k, kind::TIME));
        for &k in after.chain(behind(doc, i, s.start, 6).iter()) {
            if let Some(yy) = doc.year_at(k) {
                y = Some(yy);
                used[k - s.start] = true;
                break;
            }
            let rel = if is_cue(doc, k, TimeCue::LastYear) {
                Some(-1)
            } else if is_cue(doc, k, TimeCue::ThisYear) {
                Some(0)
            } else {
                None
            };
            if let (Some(d), Some(c)) = (rel, cy) {
                y = Some(c + d);
                for j in k..(k + 4).min(s.end) {
                    used[j - s.start] = true;
                }
                break;
            }
        }
        // days before the month: "25-26 ақпанда", "16 ноября", and one
        // hyphenated to it, "1-июлдагы" (the 1st of July)
        let mut before = behind(doc, i, s.start, 3);
        if let [h, d, ..] = before[..] {
            if t.is_punct(h, "-") && t.adjacent(h, i) && t.adjacent(d, h) && t.kind(d) == Kind::Num
            {
                before = behind(doc, h, s.start, 3);
            }
        }
        let mut days: Option<(u32, Option<u32>)> = None;
        if let Some(&d) = before.first() {
            let dv: Option<u32> = (t.kind(d) == Kind::Num)
                .then(|| t.norm(d).parse().ok())
                .flatten();
            if let Some(dv) = dv.filter(|d| (1..=31).contains(d)) {
                days = Some((dv, None));
                if before.len() >= 3 && t.is_punct(before[1], "-") && t.kind(before[2]) == Kind::Num
                {
                    if let Ok(d1) = t.norm(before[2]).parse::<u32>() {
                        if (1..dv).contains(&d1) {
                            days = Some((d1, Some(dv)));
                        }
                    }
                }
            }
        }
        // a day after its month, as English writes it ("July 1, 2026",
        // "on July 15."): a number to 31 closed by a comma, a stop or a year
        let mut day_after = false;
        if days.is_none() && m2.is_none() {
            let next = ahead(doc, last + 1, s.end, 2);
            let closes = next.get(1).is_none_or(|&k| {
                t.is_punct(k, ",") || t.is_punct(k, ".") || doc.year_at(k).is_some()
            });
            let dv = next
                .first()
                .filter(|&&d| t.kind(d) == Kind::Num && t.norm(d).len() <= 2)
                .and_then(|&d| Some((d, t.norm(d).parse::<u32>().ok()?)));
            if let Some((d, dv)) = dv.filter(|(_, v)| (1..=31).contains(v) && closes) {
                days = Some((dv, None));
                day_after = true;
                last = d;
            }
        }
        let Some(yv) = y.or(cy) else { continue };
        let period = match (m2, days) {
            (Some(m2), _) => format!("{yv}-{m1:02}..{yv}-{m2:02}"),
            (None, Some((d1, Some(d2)))) => format!("{yv}-{m1:02}-{d1:02}..{yv}-{m1:02}-{d2:02}"),
            (None, Some((d, None))) => format!("{yv}-{m1:02}-{d:02}"),
            (None, None) => format!("{yv}-{m1:02}"),
        };
        for k in i..=last {
            used[k - s.start] = true;
        }
        // "по состоянию на 1 сентября", "1 сентябрь ҳолатига": the first of
        // a month as of which a report sums up the months before it
        let as_of_cue = |k: &usize| is_cue(doc, *k, TimeCue::AsOf);
        let as_of = (m2.is_none() && days == Some((1, None)) && m1 > 1)
            && (behind(doc, i, s.start, 6).iter().skip(1).any(as_of_cue)
                || ahead(doc, last + 1, s.end, 4).iter().any(as_of_cue));
        // "31 желтоқсанға дейін", "до 31 декабря": a deadline, by that day
        // or month ("с 1 января до 31 декабря" is a span, no deadline)
        let first = match days {
            _ if day_after => i,
            Some((_, Some(_))) => before[2],
            Some((_, None)) => before[0],
            None => i,
        };
        let until = m2.is_none()
            && !as_of
            && !behind(doc, first, s.start, 6)
                .iter()
                .any(|&k| is_cue(doc, k, TimeCue::SinceBefore))
            && (behind(doc, first, s.start, 1)
                .iter()
                .any(|&k| is_cue(doc, k, TimeCue::UntilBefore))
                || ahead(doc, last + 1, s.end, 2)
                    .iter()
                    .any(|&k| is_cue(doc, k, TimeCue::UntilAfter)));
        let period = if until { format!("..{period}") } else { period };
        let (period, as_of) = if as_of {
            let summed = if m1 == 2 {
                format!("{yv}-01")
            } else {
                format!("{yv}-01..{yv}-{:02}", m1 - 1)
            };
            (summed, Some(period))
        } else {
            (period, None)
        };
        out.push(Mark {
            tok: i,
            end: last + 1,
            period: Some(period.into()),
            until,
            // ("4% less than in January–September 2023")
            compare: base_of_comparison(last + 1) || compare_near(first, last + 1),
            relative: false,
            as_of: as_of.map(Period::from),
            summed: None,
        });
    }
    // quarters and half-years: "в первом квартале 2025 года"
    for i in tokens_with(kind::MONTH_SPAN) {
        if used[i - s.start] {
            continue;
        }
        let span = doc
            .tags(i)
            .find_map(|(m, t)| match t {
                Tag::MonthSpan(a, b) => Some((i, m.end, *a, *b)),
                _ => None,
            })
            .or_else(|| year_part(doc, i, s));
        let Some((first, end, a, b)) = span else {
            continue;
        };
        if used[first - s.start] {
            continue;
        }
        let mut y = None;
        for &k in ahead(doc, end, s.end, 2)
            .iter()
            .chain(behind(doc, first, s.start, 4).iter())
        {
            if let Some(yy) = doc.year_at(k) {
                y = Some(yy);
                used[k - s.start] = true;
                break;
            }
            if is_cue(doc, k, TimeCue::LastYear) {
                y = cy.map(|c| c - 1);
                used[k - s.start] = true;
                break;
            }
            if is_cue(doc, k, TimeCue::ThisYear) {
                used[k - s.start] = true;
            }
        }
        let Some(yv) = y.or(cy) else { continue };
        for k in first..end {
            used[k - s.start] = true;
        }
        out.push(Mark {
            tok: first,
            end,
            period: Some(format!("{yv}-{a:02}..{yv}-{b:02}").into()),
            until: false,
            // ("вырос на 10,5% по сравнению с I кварталом")
            compare: base_of_comparison(end) || compare_near(first, end),
            relative: false,
            as_of: None,
            summed: None,
        });
    }
    // "за 9 месяцев", "2023 жылғы 11 айдың", "биылғы 9 айда"
    for i in tokens_with(kind::time(TimeCue::Month)) {
        let Some(n) = small_number(doc, i) else {
            continue;
        };
        if n > 12 || used[i - s.start] {
            continue;
        }
        let Some(&k) = ahead(doc, i + 1, s.end, 1).first() else {
            continue;
        };
        if !is_cue(doc, k, TimeCue::Month) {
            continue;
        }
        // numerals in words: "он бир айында" (ten one = 11 months)
        let tens = behind(doc, i, s.start, 1)
            .first()
            .copied()
            .filter(|_| n < 10 && doc.toks.kind(i) == Kind::Word)
            .and_then(|p| small_number(doc, p).map(|t| (p, t)))
            .filter(|&(_, t)| t == 10);
        let n = tens.map_or(n, |(_, t)| n + t);
        let first = tens.map_or(i, |(p, _)| p);
        if n > 12 {
            continue;
        }
        let mut y = None;
        for &b in behind(doc, first, s.start, 4).iter() {
            if let Some(yy) = doc.year_at(b) {
                y = Some(yy);
                used[b - s.start] = true;
                break;
            }
            if is_cue(doc, b, TimeCue::ThisYear) {
                used[b - s.start] = true;
            }
            if is_cue(doc, b, TimeCue::LastYear) {
                y = cy.map(|c| c - 1);
                used[b - s.start] = true;
                break;
            }
        }
        // "the six months ended June": the months up to that one, of
        // the year it last closed before the document's date
        let ended = ahead(doc, k + 1, s.end, 1)
            .first()
            .and_then(|&e| fiscal_month(doc, e, s.end, lang));
        if let (Some((m2, after)), None) = (ended, y) {
            let named = ahead(doc, after, s.end, 1)
                .first()
                .and_then(|&a| doc.year_at(a).map(|yy| (yy, a)));
            let y2 = match (named, cy, refs.month) {
                (Some((yy, a)), _, _) => {
                    used[a - s.start] = true;
                    Some(yy)
                }
                (None, Some(c), Some(dm)) if m2 >= dm => Some(c - 1),
                (None, c, _) => c,
            };
            let Some(y2) = y2 else { continue };
            let (y1, m1) = if n >= m2 {
                (y2 - 1, m2 + 12 + 1 - n)
            } else {
                (y2, m2 + 1 - n)
            };
            used[i - s.start] = true;
            out.push(Mark {
                tok: first,
                end: named.map_or(after, |(_, a)| a + 1),
                period: Some(format!("{y1}-{m1:02}..{y2}-{m2:02}").into()),
                until: false,
                compare: false,
                relative: false,
                as_of: None,
                summed: None,
            });
            continue;
        }
        // "the first nine months of the 2024/25 marketing year": months of
        // a split year, counted from the month it starts with when the
        // document says which (its fiscal end), else the two years
        let split = ahead(doc, k + 1, s.end, 3)
            .iter()
            .find_map(|&a| split_year(doc, a, s.end).map(|(y2, second)| (a, y2, second)));
        if let (None, Some((a, y2, second))) = (y, split) {
            let period = match refs.fiscal_end.filter(|m| (1..12).contains(m)) {
                Some(m) => {
                    let (y1, m1) = (y2 - 1, m + 1);
                    let last = m1 + n - 1;
                    let (ye, me) = if last > 12 {
                        (y2, last - 12)
                    } else {
                        (y1, last)
                    };
                    format!("{y1}-{m1:02}..{ye}-{me:02}")
                }
                None => format!("{}..{y2}", y2 - 1),
            };
            used[i - s.start] = true;
            used[a - s.start] = true;
            out.push(Mark {
                tok: first,
                end: second + 1,
                period: Some(period.into()),
                until: false,
                compare: false,
                relative: false,
                as_of: None,
                summed: None,
            });
            continue;
        }
        // "за 9 месяцев 2025 года", "first nine months of 2025"; "дар ҳафт
        // моҳи соли ҷорӣ" (of the current year, named after the months)
        let mut end = k + 1;
        if y.is_none() {
            for &a in ahead(doc, k + 1, s.end, 2).iter() {
                if let Some(yy) = doc.year_at(a) {
                    y = Some(yy);
                    used[a - s.start] = true;
                    end = a + 1;
                    break;
                }
                // "за десять месяцев текущего года", "nine months of last year"
                let rel = if is_cue(doc, a, TimeCue::ThisYear) {
                    cy
                } else if is_cue(doc, a, TimeCue::LastYear) {
                    cy.map(|c| c - 1)
                } else {
                    continue;
                };
                if rel.is_some() && !compare_near(a, a + 1) {
                    y = rel;
                    used[a - s.start] = true;
                    end = doc.longest(a, s.end, kind::TIME).map_or(a + 1, |(e, _)| e);
                    break;
                }
            }
        }
        // "ўтган йилнинг 5 ойига нисбатан": a base of comparison
        let compare = compare_near(i, k + 1);
        let Some(yv) = y.or(cy) else { continue };
        used[i - s.start] = true;
        out.push(Mark {
            tok: first,
            end,
            period: Some(format!("{yv}-01..{yv}-{n:02}").into()),
            until: false,
            compare,
            relative: false,
            as_of: None,
            summed: None,
        });
    }
    // "за последние семь лет", "соңғы 5 жылда" (cue, number, year word) or
    // "дар панҷ соли охир" (number, year word, cue): the N years back from
    // the year of reference (2018..2025 for seven years of 2025), or, for
    // a language that counts the year of reference among them (lexicon
    // `last_years_with`), the N years ending with it ("дар 5 соли охир,
    // яъне солҳои 2021-2025"); "в следующие три года", "дар се соли
    // оянда": the N years after it
    for i in tokens_with(kind::time(TimeCue::LastYears) | kind::time(TimeCue::NextYears)) {
        let next = is_cue(doc, i, TimeCue::NextYears);
        let with = is_cue(doc, i, TimeCue::LastYearsWith);
        if !next && !with && !is_cue(doc, i, TimeCue::LastYears) {
            continue;
        }
        let a = ahead(doc, i + 1, s.end, 2);
        let b = behind(doc, i, s.start, 2);
        let counted =
            |num: usize, word: usize| is_cue(doc, word, TimeCue::Year) && !used[num - s.start];
        let (num, first, last) = if a.len() == 2 && counted(a[0], a[1]) {
            (a[0], i, a[1])
        } else if b.len() == 2 && counted(b[1], b[0]) {
            (b[1], b[1], i)
        } else {
            continue;
        };
        let Some(n) = small_number(doc, num).map(|n| n as i32) else {
            continue;
        };
        // "соңғы 10 жылдағы ең жоғары", "the highest in the last ten years":
        // a record, not the figure's period
        let superlative = ahead(doc, last + 1, s.end, 2)
            .iter()
            .chain(behind(doc, first, s.start, 4).iter())
            .any(|&k| is_cue(doc, k, TimeCue::Superlative));
        if superlative {
            continue;
        }
        // the year of reference: the latest year the sentence names ("соли
        // 2014", "2022 жылы"), else the last year of the period the
        // document reports on (a report on 2017 written in 2018: "in the
        // last two years" ends in 2017), else the current one
        let anchor = (s.start..s.end)
            .filter(|&k| !used[k - s.start])
            .filter_map(|k| {
                doc.year_at(k).filter(|_| {
                    ahead(doc, k + 1, s.end, 1)
                        .iter()
                        .chain(behind(doc, k, s.start, 1).iter())
                        .any(|&y| is_cue(doc, y, TimeCue::Year))
                })
            })
            .max()
            .or_else(|| refs.report.filter(|_| !next && !with).and_then(last_year))
            .or(cy);
        let period = anchor.map(|av| match (next, with) {
            (true, _) => (av + 1, av + n),
            (false, true) => (av - n + 1, av),
            (false, false) => (av - n, av),
        });
        let Some((from, to)) = period else { continue };
        used[num - s.start] = true;
        let span = |from: i32| -> Period {
            if from == to {
                format!("{to}").into()
            } else {
                format!("{from}..{to}").into()
            }
        };
        out.push(Mark {
            tok: first,
            end: last + 1,
            period: Some(span(from)),
            until: false,
            compare: false,
            relative: false,
            as_of: None,
            summed: (!next && !with).then(|| span(from + 1)),
        });
    }
    // "в прошлом месяце", "ўтган ойда": the month before the document's date
    for i in tokens_with(kind::time(TimeCue::LastMonth)) {
        if !is_cue(doc, i, TimeCue::LastMonth) || used[i - s.start] {
            continue;
        }
        let (Some(y), Some(mo)) = (cy, refs.month) else {
            continue;
        };
        let (y, mo) = if mo == 1 { (y - 1, 12) } else { (y, mo - 1) };
        let end = doc.longest(i, s.end, kind::TIME).map_or(i + 1, |(e, _)| e);
        (i..end).for_each(|k| used[k - s.start] = true);
        out.push(Mark {
            tok: i,
            end,
            period: Some(format!("{y}-{mo:02}").into()),
            until: false,
            compare: compare_near(i, end),
            relative: false,
            as_of: None,
            summed: None,
        });
    }
    // a cue that names a period set elsewhere, unread so far: marks of `p`
    let cue_marks = |cue: TimeCue, p: &str, relative: bool| -> Vec<Mark> {
        tokens_with(kind::time(cue))
            .filter(|&i| is_cue(doc, i, cue) && !used[i - s.start])
            .map(|i| Mark {
                tok: i,
                end: doc.longest(i, s.end, kind::TIME).map_or(i + 1, |(e, _)| e),
                period: Some(p.into()),
                until: false,
                compare: false,
                relative,
                as_of: None,
                summed: None,
            })
            .collect()
    };
    // "за отчетный период", "дар ин давра": the period the report has set
    if let Some(p) = lean {
        out.extend(cue_marks(TimeCue::ThisPeriod, p, true));
    }
    // "за отчетный период", "дар давраи ҳисоботӣ": the period the document
    // reports on, else the one the sentence leans on
    if let Some(p) = refs.report.or(lean) {
        out.extend(cue_marks(TimeCue::ReportPeriod, p, false));
    }
    // "с начала года", "жыл башынан бери": from January of the current year
    // ("2019 жылдың басынан" is read with its year)
    if let Some(c) = cy {
        for i in tokens_with(kind::time(TimeCue::YearStart)) {
            let dated = behind(doc, i, s.start, 1)
                .first()
                .is_some_and(|&k| doc.year_at(k).is_some());
            if !is_cue(doc, i, TimeCue::YearStart) || used[i - s.start] || dated {
                continue;
            }
            let end = doc.longest(i, s.end, kind::TIME).map_or(i + 1, |(e, _)| e);
            for k in i..end {
                used[k - s.start] = true;
            }
            out.push(Mark {
                tok: i,
                end,
                period: Some(format!("{c}-01..").into()),
                until: false,
                compare: false,
                relative: false,
                as_of: None,
                summed: None,
            });
        }
    }
    // years and year ranges
    let mut i = s.start;
    while i < s.end {
        let Some(y1) = doc.year_at(i) else {
            i += 1;
            continue;
        };
        if used[i - s.start] || (i > s.start && t.adjacent(i - 1, i) && t.kind(i - 1) == Kind::Word)
        {
            i += 1;
            continue;
        }
        let next = ahead(doc, i + 1, s.end, 3);
        let mut last = i;
        let mut y2 = None;
        // "fiscal 1985/86 ended March": a fiscal year, ending with the month
        // named after it or the one the document's fiscal years end with
        let mut fiscal = None;
        if let Some((_, second)) = split_year(doc, i, s.end) {
            let named = ahead(doc, second + 1, s.end, 1)
                .first()
                .and_then(|&k| fiscal_month(doc, k, s.end, lang));
            if let Some((_, after)) = named {
                for k in second..after {
                    used[k - s.start] = true;
                }
            }
            fiscal = Some(fiscal_year(y1, named.map(|(m, _)| m).or(refs.fiscal_end)));
            last = second;
        } else if next.len() >= 2 && t.is_punct(next[0], "-") {
            if let Some(v) = doc.year_at(next[1]).filter(|v| *v > y1) {
                y2 = Some(v);
                last = next[1];
            }
        }
        // "2024-yilda", "2030-yilgacha": the year word after a hyphen
        let after_near = ahead(doc, last + 1, s.end, 5);
        let mut after: &[usize] = &after_near;
        if after.len() >= 2 && t.is_punct(after[0], "-") && t.adjacent(last, after[0]) {
            after = &after[1..];
        }
        let year_word = after
            .first()
            .copied()
            .filter(|&k| is_cue(doc, k, TimeCue::Year));
        let prev_near = behind(doc, i, s.start, 3);
        let mut prev: &[usize] = &prev_near;
        // "соли 2024", "year 2024": a year word before the number
        let word_before = prev.first().is_some_and(|&p| is_cue(doc, p, TimeCue::Year));
        if word_before {
            prev = &prev[1..];
        }
        let prev_cue = |c: TimeCue| prev.first().is_some_and(|&p| is_cue(doc, p, c));
        // "by the end of 2018", "то охири соли 2026": a phrase that ends
        // right before the year (or its year word)
        let until_phrase = prev.first().is_some_and(|&last| {
            behind(doc, i, s.start, 5).iter().any(|&p| {
                is_cue(doc, p, TimeCue::UntilBefore)
                    && doc.tags(p).any(|(m, t)| {
                        *t == Tag::Time(TimeCue::UntilBefore) && m.end > last && m.end <= i
                    })
            })
        });
        let month_before = prev
            .first()
            .is_some_and(|&p| month_of(doc, p, lang).is_some());
        let head_before = prev.iter().take(2).any(|&p| is_cue(doc, p, TimeCue::Head));
        if fiscal.is_none()
            && year_word.is_none()
            && !word_before
            && !month_before
            && !head_before
            && !prev_cue(TimeCue::SinceBefore)
            && !prev_cue(TimeCue::UntilBefore)
            && !until_phrase
        {
            i = last + 1;
            continue;
        }
        let tail_from = year_word.map_or(last + 1, |k| k + 1);
        let tail = ahead(doc, tail_from, s.end, 3);
        let yw_norm = year_word.map(|k| t.norm(k)).unwrap_or("");
        let until_glued = year_word
            .is_some_and(|k| doc.has_kind(k, kind::time(TimeCue::UntilAfter)))
            || ["гача", "gacha"].iter().any(|g| yw_norm.ends_with(g));
        let until = prev_cue(TimeCue::UntilBefore)
            || until_phrase
            || until_glued
            || tail
                .iter()
                .take(2)
                .any(|&k| is_cue(doc, k, TimeCue::UntilAfter));
        let since = prev_cue(TimeCue::SinceBefore)
            || tail
                .iter()
                .take(2)
                .any(|&k| is_cue(doc, k, TimeCue::SinceAfter));
        let compare = compare_near(i, tail_from);
        let start_tok = if word_before {
            behind(doc, i, s.start, 1)[0]
        } else {
            i
        };
        i = last + 1;
        // "по сравнению с 2023 годом": the "с" is not "since"
        let (since, until) = if compare {
            (false, false)
        } else {
            (since, until)
        };
        let period = match (fiscal, y2, since, until) {
            (Some(f), ..) => f,
            (None, Some(y2), _, _) => format!("{y1}..{y2}"),
            (None, None, true, _) => format!("{y1}.."),
            (None, None, false, true) => format!("..{y1}"),
            _ => format!("{y1}"),
        };
        out.push(Mark {
            tok: start_tok,
            end: tail_from,
            period: Some(period.into()),
            until: until && y2.is_none() && !since && !compare,
            compare,
            relative: false,
            as_of: None,
            summed: None,
        });
    }
    // relative years and "today"
    for i in tokens_with(
        kind::time(TimeCue::YearEarlier)
            | kind::time(TimeCue::YearsEarlier)
            | kind::time(TimeCue::LastYear)
            | kind::time(TimeCue::ThisYear)
            | kind::time(TimeCue::YearEnd)
            | kind::time(TimeCue::NextYear)
            | kind::time(TimeCue::Present),
    ) {
        if used[i - s.start] {
            continue;
        }
        // "пятью годами ранее", "five years earlier": N years back
        let years_back = || {
            let b = behind(doc, i, s.start, 2);
            if b.len() != 2 || !is_cue(doc, b[0], TimeCue::Year) || used[b[1] - s.start] {
                return None;
            }
            small_number(doc, b[1]).map(|n| (b[1], n as i32))
        };
        let back = if is_cue(doc, i, TimeCue::YearEarlier) {
            Some((i, 1))
        } else if is_cue(doc, i, TimeCue::YearsEarlier) {
            years_back()
        } else {
            None
        };
        if let Some((first, n)) = back {
            let m_end = doc.longest(i, s.end, kind::TIME).map_or(i + 1, |(e, _)| e);
            // N years before the period this sentence compares with, else
            // before the current year
            let shift = |p: &str| shift_years(p, -n);
            let base = out
                .iter()
                .filter(|m| m.tok < first && m.own() && !m.until)
                .max_by_key(|m| m.tok)
                .and_then(|m| m.period.as_deref())
                .and_then(shift)
                .or_else(|| lean.and_then(shift))
                .or_else(|| cy.map(|c| format!("{}", c - n).into()));
            if base.is_some() {
                used[first - s.start] = true;
                out.push(Mark {
                    tok: first,
                    end: m_end,
                    period: base,
                    until: false,
                    // "больше, чем годом ранее": the base of a comparison
                    compare: compare_near(first, m_end),
                    relative: true,
                    as_of: None,
                    summed: None,
                });
            }
            continue;
        }
        // ("2026 йил охиригача", "то охири соли 2026", "2024 жыл
        // қорытындысы бойынша": the end or the results of a year named in
        // figures are that year's, read with it)
        if is_cue(doc, i, TimeCue::YearEnd) || is_cue(doc, i, TimeCue::ThisYear) {
            let m_end = doc.longest(i, s.end, kind::TIME).map_or(i + 1, |(e, _)| e);
            let year_near = behind(doc, i, s.start, 2)
                .iter()
                .chain(ahead(doc, m_end, s.end, 1).iter())
                .any(|&k| doc.year_at(k).is_some());
            // ("ўтган йил якунлари бўйича": the results of the year a
            // cue before has named)
            let inside = out.iter().any(|m| m.tok < i && i < m.end);
            if year_near || inside {
                continue;
            }
        }
        let rel = if is_cue(doc, i, TimeCue::LastYear) {
            Some(-1)
        } else if is_cue(doc, i, TimeCue::ThisYear) || is_cue(doc, i, TimeCue::YearEnd) {
            Some(0)
        } else if is_cue(doc, i, TimeCue::NextYear) {
            Some(1)
        } else {
            None
        };
        if let Some(d) = rel {
            let m_end = doc.longest(i, s.end, kind::TIME).map_or(i + 1, |(e, _)| e);
            // "за аналогичный период прошлого года", "ўтган йилнинг шу
            // даврида": the period a figure of that time covers is the one
            // the sentence reports (its own, else the one it leans on), a
            // year earlier; for the amounts near it only
            if let Some((a, b)) = same_period_near(doc, i, m_end, s).filter(|_| d == -1) {
                let (first, last) = (a.min(i), b.max(m_end));
                let own = out
                    .iter()
                    .filter(|m| m.own() && !m.until)
                    .min_by_key(|m| m.tok.abs_diff(i))
                    .and_then(|m| m.period.as_deref());
                let base = own.or(lean).and_then(year_before);
                if base.is_some() {
                    out.push(Mark {
                        tok: first,
                        end: last,
                        period: base,
                        until: false,
                        // (a comparison word around the phrase: "больше, чем
                        // за тот же период прошлого года")
                        compare: compare_near(first, last),
                        relative: true,
                        as_of: None,
                        summed: None,
                    });
                    (first..last).for_each(|k| used[k - s.start] = true);
                    continue;
                }
            }
            // ("былтырғыдан": a comparison word of its own)
            if compare_near(i, m_end) || is_cue(doc, i, TimeCue::CompareAfter) {
                // "против того же периода прошлого года": the
                // base is the year before the period the sentence reports
                // (its own, else the one it leans on)
                let own = out
                    .iter()
                    .filter(|m| m.own() && !m.until)
                    .min_by_key(|m| m.tok.abs_diff(i))
                    .and_then(|m| m.period.as_deref());
                let base = own
                    .or(lean)
                    .and_then(year_before)
                    .or_else(|| cy.map(|c| format!("{}", c - 1).into()));
                if d == -1 && base.is_some() {
                    out.push(Mark {
                        tok: i,
                        end: m_end,
                        period: base,
                        until: false,
                        compare: true,
                        relative: false,
                        as_of: None,
                        summed: None,
                    });
                }
                continue;
            }
            if let Some(c) = cy {
                // "last year …, 6 % more than in 2023": the year compared
                // with came before it (an undated document's current year,
                // read from the years it names, may be that base itself)
                let base = out
                    .iter()
                    .filter(|m| m.compare)
                    .filter_map(|m| m.period.as_deref()?.parse::<i32>().ok())
                    .max();
                let y = match base {
                    Some(b) if c + d <= b => b + 1,
                    _ => c + d,
                };
                // "к концу года": a deadline at the current year's end
                let year_end = is_cue(doc, i, TimeCue::YearEnd);
                out.push(Mark {
                    tok: i,
                    end: m_end,
                    period: Some(if year_end {
                        format!("..{y}").into()
                    } else {
                        format!("{y}").into()
                    }),
                    until: year_end,
                    compare: false,
                    relative: false,
                    as_of: None,
                    summed: None,
                });
            }
        } else if is_cue(doc, i, TimeCue::Present)
            // ("ошол эле учурда", at the same time: a word of a frame-keeping
            // phrase is no present)
            && !in_frame_keep(doc, i)
            // ("until today" is no present; "until this", one cue, is)
            && !ahead(doc, doc.longest(i, s.end, kind::TIME).map_or(i + 1, |(e, _)| e), s.end, 2)
                .iter()
                .any(|&k| is_cue(doc, k, TimeCue::UntilAfter))
        {
            out.push(Mark {
                tok: i,
                end: i + 1,
                period: None,
                until: false,
                compare: false,
                relative: false,
                as_of: None,
                summed: None,
            });
        }
    }
    out.sort_by_key(|m| m.tok);
    // January to December of one year is that year
    for m in &mut out {
        if let Some(p) = m.period.as_deref() {
            if p.len() == 16 && p[..4] == p[9..13] && &p[4..8] == "-01." && &p[13..] == "-12" {
                m.period = Some(p[..4].into());
            }
        }
    }
    merge_year_pairs(doc, out)
}

/// A period moved one year on ("2016" → "2017"): what a figure compared
/// with the same period of an earlier year covers; `None` for an open span.
pub(crate) fn year_after(period: &str) -> Option<Period> {
    shift_years(period, 1)
}

/// The months a closed period covers, counted from year 0: `(first,
/// last)`; `None` for an open span ("..2030", "2019..").
fn month_range(period: &str) -> Option<(i32, i32)> {
    let month = |part: &str, last: bool| -> Option<i32> {
        let y: i32 = part.get(..4)?.parse().ok()?;
        let m: i32 = match part.get(5..7) {
            Some(m) => m.parse().ok()?,
            None if last => 12,
            None => 1,
        };
        Some(y * 12 + m - 1)
    };
    match split_span(period) {
        Some((a, b)) => Some((month(a, false)?, month(b, true)?)),
        None => Some((month(period, false)?, month(period, true)?)),
    }
}

/// Whether period `inner` is a part of period `outer`, a span of at most a
/// year, that a report names in passing: a month of it, or months that do
/// not start with it ("2025-06" or "2025-04..2025-06" of
/// "2025-01..2025-06"). Months from the same start ("2025-01..2025-08" of
/// "2025-01..2025-09") sum up a report of their own.
pub(crate) fn part_of(inner: &str, outer: &str) -> bool {
    match (month_range(inner), month_range(outer)) {
        (Some(i), Some(o)) => {
            o.1 - o.0 < 12 && i != o && o.0 <= i.0 && i.1 <= o.1 && (i.0 > o.0 || i.0 == i.1)
        }
        _ => false,
    }
}

/// The "same period" phrase right before a "last year" cue at `i..m_end`
/// ("за аналогичный период прошлого года") or right after it ("ўтган
/// йилнинг шу даврида"): its tokens.
fn same_period_near(doc: &Doc, i: usize, m_end: usize, s: &Sent) -> Option<(usize, usize)> {
    let cue = kind::time(TimeCue::SamePeriod);
    let after = ahead(doc, m_end, s.end, 1)
        .first()
        .copied()
        .filter(|&k| doc.has_kind(k, cue))
        .and_then(|k| Some((k, doc.longest(k, s.end, cue)?.0)));
    after.or_else(|| {
        behind(doc, i, s.start, 6)
            .iter()
            .copied()
            .filter(|&k| doc.has_kind(k, cue))
            .find_map(|k| {
                let (e, _) = doc.longest(k, s.end, cue)?;
                // (it ends right before the cue, "of" aside)
                let gap = ahead(doc, e, i, 2);
                (gap.len() <= 1).then_some((k, e))
            })
    })
}

/// A period moved one year back ("2025-01..2025-09" → "2024-01..2024-09");
/// `None` for an open span or one without a year.
fn year_before(period: &str) -> Option<Period> {
    shift_years(period, -1)
}

/// A period with each of its years moved by `by`; `None` for an open span
/// or one without a year.
fn shift_years(period: &str, by: i32) -> Option<Period> {
    if period.starts_with("..") || period.ends_with("..") {
        return None;
    }
    let mut out = String::new();
    for part in period.split("..") {
        let (y, rest) = part.split_at_checked(4)?;
        let y: i32 = y.parse().ok()?;
        if !out.is_empty() {
            out.push_str("..");
        }
        out.push_str(&format!("{}{rest}", y + by));
    }
    Some(out.into())
}

/// Two plain years in a row with nothing but year words between
/// ("(2021 ж. 2018 ж.)") name the span between them.
fn merge_year_pairs(doc: &Doc, mut marks: Vec<Mark>) -> Vec<Mark> {
    let plain_year = |m: &Mark| -> Option<i32> {
        let p = m.period.as_deref()?;
        (p.len() == 4 && !m.compare && !m.until)
            .then(|| p.parse().ok())
            .flatten()
    };
    // (merged in place: marks `..kept` are the result so far)
    let mut kept = 0;
    for k in 0..marks.len() {
        if kept > 0 {
            let (done, rest) = marks.split_at_mut(k);
            let (prev, m) = (&mut done[kept - 1], &rest[0]);
            if let (Some(a), Some(b)) = (plain_year(prev), plain_year(m)) {
                let between_only_year_words = (prev.end..m.tok).all(|i| {
                    doc.toks.kind(i) == crate::tokens::Kind::Space
                        || doc.toks.is_punct(i, ".")
                        || is_cue(doc, i, TimeCue::Year)
                });
                if a != b && m.tok >= prev.end && between_only_year_words {
                    prev.period = Some(format!("{}..{}", a.min(b), a.max(b)).into());
                    prev.end = m.end;
                    continue;
                }
            }
        }
        marks.swap(kept, k);
        kept += 1;
    }
    marks.truncate(kept);
    marks
}

/// The year an undated document treats as current: the largest year, not
/// a deadline, in sentences that hold quantities and no forecast or target cue (a year
/// named as the base of a comparison stands for the year after it); and when
/// it speaks of "last year" and of no "this year", while that largest year
/// is named whole (no months of it), that year is the one gone by ("2015
/// … 21, 2016 … 150, and last year 270": the text was written a year on).
pub(crate) fn current_year(doc: &Doc, sentences: &[(Sent, bool)]) -> Option<i32> {
    let mut best: Option<i32> = None;
    // ("өткөн 2024-жылы", "в прошлом, 2024 году": the year named as the
    // last one; the text was written the year after)
    let mut named_last: Option<i32> = None;
    let mut with_months: Option<i32> = None;
    let (mut last_year, mut this_year) = (false, false);
    for (s, has_quantity) in sentences {
        // (months of a year: "январь–май 2019", "2019-жылдын экинчи
        // чейрегинде", "алты айда")
        let months = |i: usize| {
            doc.has_kind(i, kind::MONTH_NAME | kind::MONTH_SPAN) || is_cue(doc, i, TimeCue::Month)
        };
        // (only sentences holding such a cue are read word by word)
        let cues = kind::time(TimeCue::LastYear)
            | kind::time(TimeCue::LastYearNamed)
            | kind::time(TimeCue::ThisYear)
            | kind::time(TimeCue::YearStart)
            | kind::time(TimeCue::YearEnd);
        let words = if doc.kinds_in(s.start, s.end) & cues != 0 {
            s.start..s.end
        } else {
            s.start..s.start
        };
        for i in words {
            if is_cue(doc, i, TimeCue::LastYearNamed) {
                let year = ahead(doc, i + 1, s.end, 2)
                    .iter()
                    .take_while(|&&k| comma_or_year(doc, k))
                    .find_map(|&k| doc.year_at(k));
                if let Some(y) = year {
                    named_last = named_last.max(Some(y));
                }
            }
            // ("өткөн жылдын ушул мезгилинде": the same months a year back)
            last_year |= is_cue(doc, i, TimeCue::LastYear)
                && !ahead(doc, i + 1, s.end, 3)
                    .iter()
                    .any(|&k| months(k) || is_cue(doc, k, TimeCue::SamePeriod));
            this_year |= is_cue(doc, i, TimeCue::ThisYear)
                || is_cue(doc, i, TimeCue::YearStart)
                || is_cue(doc, i, TimeCue::YearEnd);
        }
        if !has_quantity {
            continue;
        }
        if doc.kinds_in(s.start, s.end) & (kind::TARGET | kind::FORECAST) != 0 {
            continue;
        }
        for i in s.start..s.end {
            if let Some(y) = doc.year_at(i) {
                // "2024 жылы", "2017-жылы" (the year word after a hyphen)
                let next = ahead(doc, i + 1, s.end, 2);
                let word = match *next {
                    [h, w, ..] if doc.toks.is_punct(h, "-") && doc.toks.adjacent(i, h) => Some(w),
                    _ => next.first().copied(),
                };
                // ("the first nine months of 2025": a word between)
                let prev = behind(doc, i, s.start, 3);
                let month = prev.iter().any(|&k| months(k))
                    || ahead(doc, i + 1, s.end, 4).iter().any(|&k| months(k));
                let dated = word.is_some_and(|k| is_cue(doc, k, TimeCue::Year)) || month;
                // ("Былтыр … 27,6 млрд. Бұл 2023 жылмен салыстырғанда 1,3%-ға
                // аз": a base of comparison is a year before the one reported)
                let after_word = word.map_or(i + 1, |k| k + 1);
                let base = behind(doc, i, s.start, 4)
                    .iter()
                    .any(|&k| is_cue(doc, k, TimeCue::CompareBefore))
                    || ahead(doc, after_word, s.end, 3)
                        .iter()
                        .any(|&k| is_cue(doc, k, TimeCue::CompareAfter));
                let y = if dated && base { y + 1 } else { y };
                // ("к 2030 году", "2030 жылға дейін": a deadline is never
                // the current year; "с 2017 до 2024 года" ends a span)
                let deadline = (behind(doc, i, s.start, 1)
                    .iter()
                    .any(|&k| is_cue(doc, k, TimeCue::UntilBefore))
                    || ahead(doc, i + 1, s.end, 2)
                        .iter()
                        .any(|&k| is_cue(doc, k, TimeCue::UntilAfter)))
                    && !behind(doc, i, s.start, 6)
                        .iter()
                        .any(|&k| is_cue(doc, k, TimeCue::SinceBefore));
                if dated && !deadline && best.is_none_or(|b| y > b) {
                    best = Some(y);
                }
                if month && with_months.is_none_or(|b| y > b) {
                    with_months = Some(y);
                }
            }
        }
    }
    if let Some(y) = named_last {
        return best.max(Some(y + 1));
    }
    match best {
        Some(y) if last_year && !this_year && with_months.is_none_or(|m| m < y) => Some(y + 1),
        b => b,
    }
}

/// Whether token `k` is a comma or a year (what may stand between "last"
/// and the year it names: "в прошлом, 2024 году").
fn comma_or_year(doc: &Doc, k: usize) -> bool {
    doc.toks.is_punct(k, ",") || doc.year_at(k).is_some()
}
