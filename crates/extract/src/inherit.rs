//! Units carried between quantities of one sentence: "3,1 - ден 7,1%-ға"
//! (the first number takes the second's unit), "5 үкіметаралық, 12 өңіраралық
//! және 34 құжатқа" (a list shares its noun), "из которых 13" (a part of a
//! counted whole), "510-нан 1 056-ға дейін" after "кәсіпорындар саны".

use crate::context::Doc;
use crate::matcher::{kind, Tag};
use crate::quantities::Quantity;
use crate::sentences::Sent;
use crate::tokens::Kind;

/// Whether only spaces, dashes, case endings, commas, conjunctions and at
/// most two other words stand between tokens `a` and `b`.
fn linked(doc: &Doc, a: usize, b: usize) -> bool {
    let t = &doc.toks;
    let mut words = 0;
    for i in a..b {
        match t.kind(i) {
            Kind::Space => {}
            Kind::Punct if matches!(t.norm(i), "-" | ",") => {}
            Kind::Word if doc.is_number_suffix(i) || doc.has_kind(i, kind::CONJ) => {}
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

/// The noun counted by "X саны" / "число X" before token `before`.
fn number_of_noun(doc: &Doc, s: &Sent, before: usize) -> Option<(&'static str, &'static str)> {
    for i in (s.start..before).rev() {
        if !doc.has_kind(i, kind::NUMBER_OF) {
            continue;
        }
        for j in i.saturating_sub(4).max(s.start)..(i + 6).min(before) {
            for (_, t) in doc.tags(j) {
                if let Tag::Noun(u, ind) = t {
                    return Some((u, ind));
                }
            }
        }
    }
    None
}

/// Fills in missing units; quantities still without a unit are dropped.
pub(crate) fn resolve(doc: &Doc, s: &Sent, qs: Vec<Quantity>) -> Vec<Quantity> {
    let mut qs = qs;
    let n = qs.len();
    for k in 0..n {
        if qs[k].unit.is_some() {
            continue;
        }
        // "из которых 13": part of the previous counted whole
        // (or "13 of which", "13 of them" with the anaphora after the number)
        let anaphora = (qs[k].start.saturating_sub(8).max(s.start)..qs[k].start)
            .chain(qs[k].end..(qs[k].end + 2).min(s.end))
            .any(|i| doc.has_kind(i, kind::ANAPHORA));
        if anaphora && !qs[k].scaled {
            let prev = qs[..k]
                .iter()
                .rev()
                .find(|p| matches!(p.unit, Some("count" | "person")))
                .map(|p| (p.unit, p.noun_indicator));
            if let Some((u, ind)) = prev {
                qs[k].unit = u;
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
        // "кәсіпорындар саны … 510-нан 1 056-ға дейін", "… саны 1 мыңнан асты"
        if qs[k].from_case || qs[k].to_case || qs[k].scaled {
            if let Some((u, ind)) = number_of_noun(doc, s, qs[k].start) {
                qs[k].unit = Some(u);
                qs[k].noun_indicator = Some(ind);
                continue;
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
    // sentence (a currency or tonnes)
    for k in 1..n {
        if qs[k].unit.is_none() && qs[k].scaled {
            let before = qs[..k].iter().rev().find(|p| p.scaled && p.unit.is_some());
            let unit = before.and_then(|p| p.unit).filter(|u| {
                *u == "tonne" || (u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()))
            });
            if unit.is_some() {
                qs[k].unit = unit;
            }
        }
    }
    qs.retain(|q| q.unit.is_some());
    qs
}
