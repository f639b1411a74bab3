//! Units carried between quantities of one sentence: "3,1 - ден 7,1%-ға"
//! (the first number takes the second's unit), "5 үкіметаралық, 12 өңіраралық
//! және 34 құжатқа" (a list shares its noun), "из которых 13" (a part of a
//! counted whole), "510-нан 1 056-ға дейін" after "кәсіпорындар саны".

use crate::context::Doc;
use crate::lexicon::{Approx, TimeCue};
use crate::matcher::{kind, Tag};
use crate::meaning::clause_breaks;
use crate::quantities::Quantity;
use crate::sentences::Sent;
use crate::tokens::Kind;

/// Words that do not part two linked numbers: conjunctions, prepositions
/// and approximation cues other than "up to", which closes a figure ("аз
/// 16 млрд ба зиёда аз 20 млрд").
fn is_linking(doc: &Doc, i: usize) -> bool {
    doc.has_kind(i, kind::CONJ | kind::PREP)
        || doc.has(i, |t| matches!(t, Tag::Approx(a, _) if *a != Approx::UpTo))
}

/// Whether only spaces, dashes, case endings, commas, linking words, a
/// year in digits with its year word ("2017 жылғы 60 млрд-тан 2025 жылы
/// 85 млрд") and at most two other words stand between tokens `a` and `b`.
fn linked(doc: &Doc, a: usize, b: usize) -> bool {
    let t = &doc.toks;
    let mut words = 0;
    let mut after_year = false;
    for i in a..b {
        let year = t.kind(i) == Kind::Num && doc.year_at(i).is_some();
        let year_word = after_year && doc.has_kind(i, kind::time(TimeCue::Year));
        if t.kind(i) != Kind::Space {
            after_year = year;
        }
        match t.kind(i) {
            _ if year || year_word => {}
            Kind::Space => {}
            Kind::Punct if matches!(t.norm(i), "-" | ",") => {}
            Kind::Word if doc.is_number_suffix(i) || is_linking(doc, i) => {}
            Kind::Word => {
                words += 1;
                if words > 2 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    b.saturating_sub(a) <= 14
}

/// The noun counted by "X саны" / "число X" before token `before` (the
/// noun up to three words before "саны": "жумушсуз катары катталгандардын
/// саны", or up to four after "число": "the number of active enterprises"),
/// with the token of "саны" / "число".
fn number_of_noun(
    doc: &Doc,
    s: &Sent,
    before: usize,
) -> Option<(&'static str, &'static str, usize)> {
    for i in (s.start..before).rev() {
        if !doc.has_kind(i, kind::NUMBER_OF) {
            continue;
        }
        for j in i.saturating_sub(6).max(s.start)..(i + 8).min(before) {
            for (_, t) in doc.tags(j) {
                if let Tag::Noun(u, ind) = t {
                    return Some((u, ind, i));
                }
            }
        }
    }
    None
}

/// Whether unit `u` is a currency (an ISO 4217 code).
pub(crate) fn is_currency(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether unit `u` is one a bare scaled amount repeats: a currency or tonnes.
fn repeated_by_bare_scale(u: &str) -> bool {
    u == "tonne" || is_currency(u)
}

/// Whether unit `u` of a whole is the unit of a part named after an
/// anaphora ("of which", "this figure"): never a percentage, and a
/// currency only for a scaled part ("of which 13" after "$5 bn" is no
/// amount of dollars).
fn repeated_by_anaphora(u: &str, scaled: bool) -> bool {
    !matches!(u, "percent" | "percent_point") && (scaled || !is_currency(u))
}

/// Fills in missing units; quantities still without a unit are dropped.
///
/// `carried` is the unit (a currency or tonnes) of the last scaled amount
/// of the paragraph's earlier sentences: a bare scaled amount with nothing
/// to take its unit from in its own sentence repeats it ("imports rose 55
/// pct to 1.46 billion dlrs. Exports to Japan fell to 1.28 billion"). It is
/// updated with this sentence's last such amount.
pub(crate) fn resolve(
    doc: &Doc,
    s: &Sent,
    qs: Vec<Quantity>,
    carried: &mut Option<&'static str>,
) -> Vec<Quantity> {
    if s.para_start {
        *carried = None;
    }
    let mut qs = qs;
    let n = qs.len();
    // from the last: a unit reaches back along a chain of linked numbers
    // ("буғдой 101, арпа 103, пахта 108 фоизга")
    for k in (0..n).rev() {
        if qs[k].unit.is_some() {
            continue;
        }
        // "из которых 13": part of the previous counted whole (or "13 of
        // which", "13 of them" with the anaphora after the number); "бул
        // көрсөткүч 6020га" (this figure): the previous figure again. A
        // bare number repeats a count or a measure (people, hectares), a
        // scaled one ("анын ичинен эки миңин") any unit but a percentage.
        let anaphora = (qs[k].start.saturating_sub(8).max(s.start)..qs[k].start)
            .chain(qs[k].end..(qs[k].end + 2).min(s.end))
            .any(|i| doc.has_kind(i, kind::ANAPHORA | kind::THIS_INDICATOR));
        if anaphora {
            let scaled = qs[k].scaled;
            let prev = qs[..k]
                .iter()
                .rev()
                .filter_map(|p| p.unit.map(|u| (u, p.noun_indicator)))
                .find(|(u, _)| repeated_by_anaphora(u, scaled));
            if let Some((u, ind)) = prev {
                qs[k].unit = Some(u);
                qs[k].noun_indicator = ind;
                continue;
            }
        }
        // the next quantity shares its unit ("3,1-ден 7,1%", "5 ..., 12 ... және 34 құжат")
        if k + 1 < n && linked(doc, qs[k].end, qs[k + 1].start) {
            if let Some(u) = qs[k + 1].unit {
                let next_scaled = qs[k + 1].scaled;
                // (a scaled amount is never a percentage: "1.28 billion and 24.4 pct")
                let pct = matches!(u, "percent" | "percent_point");
                let fits = qs[k].scaled == next_scaled || qs[k].from_case || !next_scaled;
                if fits && !(pct && qs[k].scaled) {
                    qs[k].unit = Some(u);
                    qs[k].noun_indicator = qs[k + 1].noun_indicator;
                    continue;
                }
            }
        }
        // the previous one (`2 млрд-тан 2,4 млрд АҚШ долл.` seen from the first)
        if k > 0 && qs[k - 1].from_case && linked(doc, qs[k - 1].end, qs[k].start) {
            if let Some(u) = qs[k - 1].unit {
                qs[k].unit = Some(u);
                qs[k].noun_indicator = qs[k - 1].noun_indicator;
                continue;
            }
        }
        // "кәсіпорындар саны … 510-нан 1 056-ға дейін", "… саны 1 мыңнан
        // асты"; a plain number in the clause of "число предприятий"
        // ("… увеличилось с 40 до 356", "the number of companies rose to
        // 3,214")
        if let Some((u, ind, at)) = number_of_noun(doc, s, qs[k].start) {
            let marked = qs[k].from_case || qs[k].to_case || qs[k].scaled;
            // (not the day of a date: "as of July 1")
            let day = doc
                .toks
                .prev_non_space(qs[k].start, s.start)
                .is_some_and(|p| doc.has_kind(p, kind::MONTH_NAME));
            if marked || (clause_breaks(doc, at, qs[k].start) == 0 && !day) {
                qs[k].unit = Some(u);
                qs[k].noun_indicator = Some(ind);
                continue;
            }
        }
    }
    // "саноат 21,5 фоиз, кишоварзӣ 7,2", "33% ГТС - еще 33": an item of a
    // list opened by a percentage, after a comma or a dash, is a percentage
    for k in 1..n {
        let prev = qs[k - 1]
            .unit
            .filter(|u| matches!(*u, "percent" | "percent_point"));
        if qs[k].unit.is_none() && !qs[k].scaled && prev.is_some() {
            let (a, b) = (qs[k - 1].end, qs[k].start);
            let listed = (a..b).any(|i| doc.toks.is_punct(i, ",") || doc.toks.is_punct(i, "-"));
            if listed && linked(doc, a, b) {
                qs[k].unit = prev;
            }
        }
    }
    // a scaled amount before another of the same currency: `2 млрд-тан 2,4 млрд АҚШ долл.`
    // (never a percentage: "rose 4 pct to 3.1 billion while imports rose 9 pct")
    for k in (0..n).rev() {
        if qs[k].unit.is_none()
            && qs[k].scaled
            && k + 1 < n
            && linked(doc, qs[k].end, qs[k + 1].start)
            && !matches!(qs[k + 1].unit, Some("percent" | "percent_point"))
        {
            qs[k].unit = qs[k + 1].unit;
        }
    }
    // "население — 2 млн": a scaled count of people right after "population"
    for q in qs.iter_mut().filter(|q| q.unit.is_none() && q.scaled) {
        let lo = q.start.saturating_sub(8).max(s.start);
        let population = (lo..q.start).any(|i| {
            doc.has_kind(i, kind::INDICATOR)
                && doc.has(
                    i,
                    |t| matches!(t, Tag::Indicator(ind) if ind == "population"),
                )
        });
        if population {
            q.unit = Some("person");
            q.noun_indicator = Some("population");
        }
    }
    // "exports rose to 640 mln dlrs and imports fell to 840 mln": a bare
    // scaled amount repeats the unit of the scaled amount before it in its
    // sentence, else in the paragraph's earlier sentences (a currency or tonnes)
    for k in 0..n {
        if qs[k].unit.is_none() && qs[k].scaled {
            let before = qs[..k].iter().rev().find(|p| p.scaled && p.unit.is_some());
            let in_sentence = qs.iter().any(|p| p.scaled && p.unit.is_some());
            let unit = match before {
                Some(p) => p.unit.filter(|u| repeated_by_bare_scale(u)),
                None if !in_sentence => *carried,
                None => None,
            };
            if unit.is_some() {
                qs[k].unit = unit;
            }
        }
    }
    if let Some(u) = qs
        .iter()
        .rev()
        .find(|q| q.scaled && q.unit.is_some())
        .and_then(|q| q.unit)
    {
        *carried = Some(u).filter(|u| repeated_by_bare_scale(u));
    }
    qs.retain(|q| q.unit.is_some());
    qs
}

/// The scale and unit a list heading gives in brackets right before a
/// colon ("Основные торговые партнеры (млрд долларов США):", "Exports by
/// partner (USD million):"), when the brackets hold no number, with the
/// colon's token.
pub(crate) fn heading_unit(doc: &Doc, s: &Sent) -> Option<(f64, &'static str, usize)> {
    let t = &doc.toks;
    let colon = (s.start..s.end).rev().find(|&i| t.is_punct(i, ":"))?;
    let close = t
        .prev_non_space(colon, s.start)
        .filter(|&c| t.is_punct(c, ")"))?;
    let open = (s.start..close).rev().find(|&i| t.is_punct(i, "("))?;
    if (open..close).any(|i| t.kind(i) == Kind::Num) {
        return None;
    }
    let (scale, unit) = crate::tables::bracket_unit(doc, open, close);
    Some((scale, unit?, colon))
}

/// Gives the bare numbers of the short list items from token `from` on
/// under a heading with a unit ("Китай — 16,2" under "(млрд долларов
/// США):") that unit; returns whether they are such a list (the list ends
/// at the first sentence that is not).
pub(crate) fn under_heading(
    doc: &Doc,
    s: &Sent,
    from: usize,
    qs: &mut [Quantity],
    (scale, unit): (f64, &'static str),
) -> bool {
    let words = (from..s.end)
        .filter(|&i| doc.toks.kind(i) == Kind::Word)
        .count();
    let items = qs.iter().filter(|q| q.start >= from).count();
    // (at most four words an item: "Китай — 16,2", "Объединённые Арабские
    // Эмираты — 1,4")
    if items == 0 || words > 4 * items {
        return false;
    }
    for q in qs
        .iter_mut()
        .filter(|q| q.start >= from && q.unit.is_none())
    {
        if !q.scaled {
            q.value = crate::quantities::tidy(q.value * scale);
            q.value_max = q.value_max.map(|m| crate::quantities::tidy(m * scale));
            q.scaled = scale != 1.0;
        }
        q.unit = Some(unit);
    }
    true
}
