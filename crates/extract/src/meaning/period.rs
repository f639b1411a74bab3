//! The period of a figure: its own clause's period words, the base of a
//! comparison, or the period the report frame lends.

use super::figure_kind::cue_at;
use super::sentence::*;
use crate::context::Doc;
use crate::frame::CARRIED;
use crate::lexicon::TimeCue;
use crate::matcher::{kind, Tag};
use crate::periods::{ablative_base, first_year, last_year, split_span, Mark, Period};
use crate::quantities::Quantity;
use crate::tokens::Kind;

/// The period of `q`, a figure of `measure`: (period, whether it is a
/// deadline, whether the year was named after its year word, whether it was
/// taken from the frame).
pub(super) fn period(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    part: PairPart,
    indicator: &str,
    measure: &str,
) -> (Option<Period>, bool, bool, bool) {
    // a rate ("a day") makes no period, unless it is the "a year" of "a year
    // earlier" or a rate to reach by a deadline ("$20 billion a year by
    // 2030", "2027 yilga borib yiliga …": by then)
    let deadline = info.marks.iter().any(|m| m.until && m.own());
    let in_relative = |i: usize| {
        info.marks
            .iter()
            .any(|m| m.relative && m.tok <= i && i < m.end)
    };
    let lo = q.start.saturating_sub(4).max(info.sent.start);
    let hi = (q.end + 4).min(info.sent.end);
    if !deadline && (lo..hi).any(|i| !in_relative(i) && doc.has_kind(i, kind::time(TimeCue::Rate)))
    {
        return (None, false, false, false);
    }
    // a rate of several words ending right before the figure ("дар як сол
    // 1,5 миллиард"), in a sentence naming no period of its own (with one,
    // "дар 7 соли оянда … дар як сол 7-8 фоиз", the rate runs over it)
    let long_rate = (q.start.saturating_sub(12).max(info.sent.start)..lo).any(|i| {
        doc.has_kind(i, kind::time(TimeCue::Rate))
            && doc
                .tags(i)
                .any(|(m, t)| *t == Tag::Time(TimeCue::Rate) && m.end + 4 >= q.start)
    });
    if long_rate && !deadline && !info.marks.iter().any(|m| m.own()) {
        return (None, false, false, false);
    }
    if part == PairPart::From {
        // "2021 жылмен салыстырғанда … 2,9%-дан 3,5%-ға": the base year
        if let Some(base) = info.marks.iter().find(|m| m.compare) {
            return (base.period.clone(), false, false, false);
        }
    }
    // "o'tgan yilning yanvar-iyun oylaridagi 1,86 mlrd dollarga nisbatan":
    // the amount compared with takes the period of the comparison's base
    let compared_after = (q.end..(q.end + 3).min(info.sent.end))
        .any(|i| doc.has_kind(i, kind::time(TimeCue::CompareAfter)))
        || (q.num_start..q.end).any(|i| ablative_base(doc, i, info.sent.end, info.lang));
    if compared_after {
        if let Some(base) = info
            .marks
            .iter()
            .rev()
            .find(|m| m.compare && m.end <= q.num_start)
        {
            return (base.period.clone(), false, false, false);
        }
    }
    // "выше показателя января–июня 2024 года (3,67 млрд долларов)", "above
    // the 2024 level ($3.1 billion)": an amount in brackets right after the
    // base of a comparison is the base's
    let bracket = doc
        .toks
        .prev_non_space(q.start, info.sent.start)
        .filter(|&j| doc.toks.is_punct(j, "("));
    if let Some(j) = bracket {
        let base = info.marks.iter().rev().find(|m| {
            m.compare
                && m.end <= j
                && (m.end..j)
                    .filter(|&k| doc.toks.kind(k) != Kind::Space)
                    .count()
                    <= 3
                && clause_breaks(doc, m.end, j) == 0
        });
        if let Some(base) = base {
            return (base.period.clone(), false, false, false);
        }
    }
    // "against three billion in 1985/86", "против 2,9 млрд в 2023 году":
    // the amount a comparison word opens is of the base period after it
    let compared_before = behind_words(doc, info.sent.start, q.start, 2).any(|i| {
        cue_at(doc, info, i, kind::time(TimeCue::CompareBefore))
            || cue_at(doc, info, i, kind::time(TimeCue::Than))
    });
    if compared_before {
        if let Some(base) = info
            .marks
            .iter()
            .find(|m| m.tok >= q.end && clause_breaks(doc, q.end, m.tok) == 0)
        {
            return (base.period.clone(), false, false, false);
        }
    }
    // the nearest period expression: before the figure, or after it in
    // the same clause ("reached $4 bn in 2024"); one in a later clause is a
    // last resort
    let mut best: Option<(f64, &Mark)> = None;
    // "вырос на 12% к уровню годом ранее": a change is of the current period
    let is_pct = q.unit == Some("percent");
    for m in info.marks.iter().filter(|m| !m.compare) {
        if is_pct && m.relative {
            continue;
        }
        // "(2020 жылғы пандемиядан басқа) … 150%": a period in brackets
        // before a figure is of what the brackets say; brackets right
        // after a figure ("158,3% (2021 ж. 2018 ж.)") gloss it
        if let Some((_, close)) = brackets_around(doc, info.sent.start, info.sent.end, m.tok) {
            if close < q.num_start {
                continue;
            }
        }
        let cost = if m.end <= q.num_start {
            (q.num_start - m.end) as f64
        } else if m.tok >= q.end {
            // "3,1 млрд против 2,9 млрд годом ранее": a year-earlier cue
            // belongs to the amount right before it
            if m.relative && (q.end..m.tok).any(|i| doc.toks.kind(i) == Kind::Num) {
                continue;
            }
            // "… $4.6 billion in 2022": a period word right after the amount
            let mut words = (q.end..m.tok)
                .filter(|&i| doc.toks.kind(i) != Kind::Space)
                .peekable();
            let head_only =
                words.peek().is_some() && words.all(|i| doc.has_kind(i, kind::time(TimeCue::Head)));
            let gap = if head_only { 0 } else { m.tok - q.end };
            let breaks = clause_breaks(doc, q.end, m.tok);
            if breaks > 0 || opens_clause(doc, info, q.end, m.tok) {
                continue;
            }
            gap as f64 * 1.5 + 1000.0 * breaks as f64
        } else {
            continue;
        };
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, m));
        }
    }
    // "соли 2020", "year 2020": a year named after its year word
    let year_named = best.is_some_and(|(_, m)| {
        doc.has_kind(m.tok, kind::time(TimeCue::Year)) && doc.year_at(m.tok).is_none()
    });
    let leaned = best.is_none();
    let (p, until) = match best {
        // a stock counted "as of 1 October" is of that day (new things
        // counted by then were made over the months before it)
        Some((_, m))
            if m.as_of.is_some()
                && !CARRIED.contains(&indicator)
                && doc.kinds_in(q.start, q.end) & kind::NEW_WORD == 0 =>
        {
            (m.as_of.clone(), m.until)
        }
        // "14 projects over the last three years": the years summed up
        // (the ends of "grew from X to Y" over them are the base year's
        // and the last one's)
        Some((_, m)) if m.summed.is_some() && measure == "level" && part == PairPart::None => {
            (m.summed.clone(), m.until)
        }
        Some((_, m)) => (m.period.clone(), m.until),
        None => (info.lent.period_for(indicator), false),
    };
    // "this year … against 8 months of last year": the same months of
    // the year named
    let p = match (&p, info.marks.iter().find(|m| m.compare)) {
        (Some(y), Some(base)) if y.len() == 4 => base
            .period
            .as_deref()
            .filter(|b| {
                b.len() > 7 && b.starts_with(&format!("{}", y.parse::<i32>().unwrap_or(0) - 1))
            })
            .and_then(crate::periods::year_after)
            .or(p),
        _ => p,
    };
    // an index compares two years: "2021 жылмен салыстырғанда 2020 жыл - 116,4%"
    let p = match (&p, info.marks.iter().find(|m| m.compare)) {
        (Some(cur), Some(base)) if q.unit == Some("percent") && is_index(doc, info, q) => {
            match (
                cur.parse::<i32>(),
                base.period.as_deref().map(str::parse::<i32>),
            ) {
                (Ok(a), Some(Ok(b))) if a != b => {
                    Some(format!("{}..{}", a.min(b), a.max(b)).into())
                }
                _ => p,
            }
        }
        _ => p,
    };
    // a span of years read from one end: "2000-2021 … 5,1-ден 9,3%-ға"
    let years_span = p
        .as_deref()
        .is_some_and(|p| p.split("..").all(|y| y.is_empty() || y.len() == 4));
    let part = if years_span { part } else { PairPart::None };
    let p =
        match (p, part) {
            (Some(p), PairPart::From) => Some(split_span(&p).map_or(p.clone(), |(a, _)| {
                if a.is_empty() {
                    p.clone()
                } else {
                    a.into()
                }
            })),
            (Some(p), PairPart::To) => match split_span(&p) {
                Some((_, "")) => None,
                Some((a, b)) if !a.is_empty() => Some(b.into()),
                _ => Some(p),
            },
            (p, _) => p,
        };
    (p, until, year_named, leaned)
}

/// Whether a conjunction opens a new clause right before the period mark
/// at `mark` (after the figure ending at `from`; period heads such as
/// "дар", "in" between are skipped): "… created, and in the last three
/// years …" — the period is of that clause.
pub(super) fn opens_clause(doc: &Doc, info: &SentInfo, from: usize, mark: usize) -> bool {
    (from..mark)
        .rev()
        .filter(|&k| doc.toks.kind(k) != Kind::Space)
        .find(|&k| !cue_at(doc, info, k, kind::time(TimeCue::Head)))
        .is_some_and(|k| doc.has_kind(k, kind::CONJ))
}

/// A change or a number of times measured against a base two years or
/// more before the figure's own ("в 1,7 раза больше, чем в 2021 году",
/// "2019 жылғы деңгейден 1,6 есе", "2017-yilga nisbatan besh barobar"):
/// the span from the base's year to the figure's (`2021..2026`). The base
/// is the comparison nearest the figure; "the same period" of an earlier
/// year ("по сравнению с аналогичным периодом 2019 года") leaves the
/// figure's own period, and so does a span of years of its own.
pub(super) fn since_base(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    own: Option<Period>,
) -> Option<Period> {
    let cur = own.as_deref()?;
    if split_span(cur).is_some() && !cur.contains('-') {
        return own;
    }
    let last = last_year(cur);
    let Some(base) = info
        .marks
        .iter()
        .filter(|m| m.compare)
        .min_by_key(|m| m.tok.abs_diff(q.start).min(m.end.abs_diff(q.end)))
    else {
        return own;
    };
    let same_period = (base.tok.saturating_sub(6).max(info.sent.start)..base.end)
        .any(|i| doc.has_kind(i, kind::time(TimeCue::SamePeriod)));
    let b = base
        .period
        .as_deref()
        .filter(|b| !b.starts_with(".."))
        .and_then(first_year);
    match (b, last) {
        (Some(b), Some(c)) if b + 2 <= c && !same_period => Some(format!("{b}..{c}").into()),
        _ => own,
    }
}
