//! The kind of a figure: actual, forecast or target, from the goal and
//! forecast words of its clause and the tense of its own verb.

use super::sentence::*;
use crate::context::Doc;
use crate::lexicon::TimeCue;
use crate::matcher::{kind, kind::Kinds, Tag};
use crate::quantities::Quantity;
use crate::tokens::Kind;

/// Words at most between a goal word and the figure it sets ("aim to lift
/// it to $10 bn").
pub(super) const GOAL_REACH: usize = 6;

pub(super) fn kind(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    qs: &[Quantity],
    until: bool,
) -> &'static str {
    // "… to reach $10 bn by 2030, up from $4.4 bn in 2025", "против 4,4
    // млрд в 2024 году": the base a comparison word opens, dated right
    // after it, is what was, no goal nor forecast ("against the 25 pct
    // sought" is)
    let base = behind_words(doc, info.sent.start, q.start, 2)
        .any(|i| cue_at(doc, info, i, kind::time(TimeCue::CompareBefore)))
        || (q.end..(q.end + 3).min(info.sent.end))
            .any(|i| doc.has_kind(i, kind::time(TimeCue::CompareAfter)));
    let dated = info
        .marks
        .iter()
        .any(|m| m.tok >= q.end && m.tok <= q.end + 6 && clause_breaks(doc, q.end, m.tok) == 0);
    if base && dated {
        return "actual";
    }
    // a goal word in a later clause ("… 2.3 times, while the target …") does
    // not make the figure a target; one in an earlier clause does ("поставили
    // задачу, чтобы довести …"), unless that clause has a figure of its own
    // before the goal word: the goal is that figure's ("… 20 mlrd
    // dollarǵa jetkizý maqsaty aıtylyp, 9 kelisimge qol qoıyldy")
    let lo = q.start.saturating_sub(40).max(info.sent.start);
    let hi = (q.end + 40).min(info.sent.end);
    let target = info.present & kind::TARGET != 0
        && (info.sent.start..info.sent.end).any(|i| {
            cue_at(doc, info, i, kind::TARGET)
                && ((lo..hi).contains(&i) || (i < q.start && opens_sentence(doc, info, i)))
                && if i < q.start {
                    clause_breaks(doc, i, q.start) == 0 || !closes_own_figure(doc, qs, i)
                } else {
                    // (a goal word a few words before a figure of its own is
                    // that figure's: "reached $4.4 bn and aim to lift it to $10 bn")
                    clause_breaks(doc, q.end, i) == 0
                        && !qs.iter().any(|o| {
                            o.start > i
                                && clause_breaks(doc, i, o.start) == 0
                                && (i..o.start)
                                    .filter(|&j| doc.toks.kind(j) == Kind::Word)
                                    .count()
                                    <= GOAL_REACH
                        })
                }
        });
    if target {
        "target"
    } else if forecast_cue(doc, info, q) {
        // "2030 jylǵa qaraı … qurýy múmkin": a date to be reached that a
        // forecast speaks of is no goal
        "forecast"
    } else if until {
        "target"
    } else {
        "actual"
    }
}

/// Whether a cue of kind `bit` stands at token `i`, not inside a phrase
/// that only holds the word ("ба ин мақсад", for this purpose), in the
/// sentence's language (English "may" is no cue in "yanvar-may"), and
/// not a month name of that language ("in January-May", the month "May"
/// written with its capital: no modal).
pub(super) fn cue_at(doc: &Doc, info: &SentInfo, i: usize, bit: Kinds) -> bool {
    doc.has_in(i, info.lang, bit)
        && !doc.has_in(i, info.lang, kind::MONTH_NAME)
        && !(i.saturating_sub(8)..=i).any(|j| {
            doc.has_kind(j, kind::NOT_CUE)
                && doc.tags(j).any(|(m, t)| *t == Tag::NotCue && m.end > i)
        })
}

/// Whether the cue at `i` opens the sentence (at most two words before
/// it: "Тибқи нақшаҳои тасдиқшуда …", "По прогнозам, …"): it frames every
/// figure of the sentence.
pub(super) fn opens_sentence(doc: &Doc, info: &SentInfo, i: usize) -> bool {
    (info.sent.start..i)
        .filter(|&j| doc.toks.kind(j) == Kind::Word)
        .count()
        <= 2
}

/// Whether the cue at `i` closes a clause that holds a figure of its own
/// (one of `qs` between the clause's start and the cue).
pub(super) fn closes_own_figure(doc: &Doc, qs: &[Quantity], i: usize) -> bool {
    qs.iter()
        .any(|o| o.end <= i && clause_breaks(doc, o.end, i) == 0)
}

/// A forecast cue near the figure, or opening the sentence; one in a later
/// clause that names its own period ("… 180 млрд сўм ажратилган, ишлар
/// 2020 йилда якунланиши режалаштирилган") speaks of that clause, not of
/// the figure, and so does one beyond a period of the figure's own ("… 8
/// млн нафар дар соли 2016 расид ва дар назар аст, ки …"). A `final`
/// verb closing the sentence ("… сохта, ба истифода супорида мешавад.")
/// reaches each figure before it, however far. None that follows the
/// figure reaches it past a past-tense verb of its own clause, and none of
/// an earlier clause reaches a figure that such a verb tells.
pub(super) fn forecast_cue(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    if info.present & (kind::FORECAST | kind::FINAL_FORECAST) == 0 {
        return false;
    }
    let lo = q.start.saturating_sub(30).max(info.sent.start);
    let hi = (q.end + 30).min(info.sent.end);
    // "… 9,1 миллион нафар … расид ва дар назар аст, ки …", "reached $5
    // billion and is expected to …": a past verb of the figure's own clause
    // has told what became of it
    let told_before = (info.sent.start..q.start).any(|j| {
        doc.has_in(j, info.lang, kind::PAST_BEFORE) && clause_breaks(doc, j, q.start) == 0
    });
    // ("qiymati 30 mln dollar bo‘lgan loyiha doirasida … rejalashtirilgan":
    // the figure describes the frame; the plan is of what is done within it)
    let told = |i: usize| {
        told_before || (q.end..i).any(|j| doc.has_in(j, info.lang, kind::PAST | kind::WITHIN))
    };
    // ("72 проекта на 26 млрд долларов, которые создадут 15 тысяч рабочих
    // мест": a future verb of a relative clause after the figure speaks of
    // the clause's own figures)
    let relative = |i: usize| (q.end..i).any(|j| doc.has_in(j, info.lang, kind::RELATIVE));
    // ("… может достичь 700 млн, тогда как в прошлом году он составил 548
    // млн": a cue of an earlier clause does not reach a figure that a past
    // verb of its own clause tells)
    let governs = |i: usize| {
        i < q.end && !(told_before && clause_breaks(doc, i, q.start) > 0)
            || !told(i)
                && !relative(i)
                && (clause_breaks(doc, q.end, i) == 0
                    || !info.marks.iter().any(|m| {
                        !m.compare
                            && m.tok >= q.end
                            && (m.tok < i
                                || clause_breaks(doc, q.end, m.tok) > 0
                                    && clause_breaks(doc, i.min(m.tok), i.max(m.tok)) == 0)
                    }))
    };
    (lo..hi).any(|i| cue_at(doc, info, i, kind::FORECAST) && governs(i))
        || (info.sent.start..lo)
            .any(|i| cue_at(doc, info, i, kind::FORECAST) && opens_sentence(doc, info, i))
        || (q.end..info.sent.end).any(|i| {
            cue_at(doc, info, i, kind::FINAL_FORECAST)
                && closes_sentence(doc, info, i)
                && governs(i)
        })
}

/// Whether the phrase matched at `i` ends the sentence (only punctuation
/// follows it).
pub(super) fn closes_sentence(doc: &Doc, info: &SentInfo, i: usize) -> bool {
    let t = &doc.toks;
    doc.tags(i).any(|(m, tag)| {
        *tag == Tag::FinalForecast
            && (m.end..info.sent.end).all(|j| matches!(t.kind(j), Kind::Space | Kind::Punct))
    })
}
