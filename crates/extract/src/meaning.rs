//! What a quantity means: indicator, measure, the two countries, kind,
//! approximation and period, read from the words of its sentence.
//!
//! [`interpret`] reads the fields in that order. This module reads the
//! measure and the approximation; one module per field reads the others
//! (`indicator`, `figure_kind`, `period`, `sides`), all with what
//! `sentence` knows of the sentence (its clauses, brackets, nearby words).

use crate::context::Doc;
use crate::lexicon::{Approx, Case, TimeCue, GROUP};
use crate::matcher::{kind, Tag};
use crate::periods::{last_year, Period};
use crate::quantities::Quantity;
use crate::tokens::Kind;

mod figure_kind;
mod indicator;
mod period;
mod sentence;
mod sides;

use figure_kind::kind;
use indicator::indicator;
use period::{period, since_base};
use sentence::*;
pub(crate) use sentence::{clause_breaks, PairPart, SentInfo};
use sides::pair;
pub(crate) use sides::{heads_item, list_item_country};

/// The reading of one quantity (fields as in the gold schema).
#[derive(Debug, Clone)]
pub(crate) struct Meaning {
    /// Value, negative for a decline.
    pub value: f64,
    /// Upper end of a range; a fall of 10–30 % runs from -30 to -10.
    pub value_max: Option<f64>,
    /// `exact`, `about`, `over`, `under`.
    pub approx: &'static str,
    /// Indicator id.
    pub indicator: &'static str,
    /// `level`, `change_pct`, `share_pct`, `ratio`.
    pub measure: &'static str,
    /// First side.
    pub subject: Option<&'static str>,
    /// Second side.
    pub partner: Option<&'static str>,
    /// `actual`, `target`, `forecast`.
    pub kind: &'static str,
    /// Period, resolved.
    pub period: Option<Period>,
}

/// "rose by 5 344,8 thousand dollars or 147,4 %" to 16 624,5 thousand: a
/// percentage given as a change that the sentence's own level and absolute
/// change show to be the ratio of the level to its base (L / (L − A), not
/// A / (L − A)) is that ratio. `meanings` are those of `qs`, one sentence's.
pub(crate) fn ratio_by_arithmetic(qs: &[Quantity], meanings: &mut [Meaning]) {
    let near = |a: f64, b: f64| (a - b).abs() <= 0.005 * a.abs().max(b.abs());
    let single = |q: &Quantity, m: &Meaning, measure: &str| {
        m.measure == measure && q.value_max.is_none() && q.unit != Some("percent")
    };
    // the sentence's first actual level and the absolute change in its unit
    let Some((level, change)) = qs.iter().zip(meanings.iter()).find_map(|(q, m)| {
        let change = qs
            .iter()
            .zip(meanings.iter())
            .find(|(c, n)| single(c, n, "change_abs") && c.unit == q.unit)?;
        (single(q, m, "level") && m.kind == "actual").then_some((m.value, change.1.value))
    }) else {
        return;
    };
    let base = level - change;
    if base <= 0.0 || change == 0.0 {
        return;
    }
    let (pct, ratio) = (100.0 * change.abs() / base, 100.0 * level / base);
    for (q, m) in qs.iter().zip(meanings.iter_mut()) {
        let v = m.value.abs();
        if m.measure == "change_pct" && q.value_max.is_none() && near(v, ratio) && !near(v, pct) {
            m.measure = "ratio";
            m.value = v;
        }
    }
}

/// Whether every quantity of `qs` is a list item's amount ("Rossiya (3,1
/// mlrd dollar), Xitoy (2,5 mlrd dollar)", "Китай – 3,1 млрд") in a
/// sentence that names no indicator of its own: it breaks down what the
/// report spoke of last.
pub(crate) fn items_only(doc: &Doc, info: &SentInfo, qs: &[Quantity]) -> bool {
    // (a change or share in brackets after the item's amount is of the
    // item: "Кыргызстан — 138,0 млн долл. (+21%)")
    let of_item = |q: &Quantity| {
        brackets_around(doc, info.sent.start, info.sent.end, q.start).is_some_and(|(open, _)| {
            qs.iter()
                .any(|o| o.end <= open && list_item_country(doc, info, o).is_some())
        })
    };
    !qs.is_empty()
        && info.keywords.iter().all(|(_, _, k)| *k == "other")
        && qs
            .iter()
            .all(|q| list_item_country(doc, info, q).is_some() || of_item(q))
}

/// Reads the meaning of `q` (one of the sentence's quantities `qs`).
pub(crate) fn interpret(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    qs: &[Quantity],
    part: PairPart,
) -> Meaning {
    let unit = q.unit.unwrap_or("other");
    let (indicator, kw_tok) = indicator(doc, info, q, unit, qs);
    // the two ends of "from X to Y" are levels, never the change
    let ends = !matches!(part, PairPart::None);
    let down = falling(doc, info, q, qs);
    let measure = match measure(doc, info, q, unit) {
        "level" if !ends && changed_by(doc, info, q, qs) => "change_abs",
        // "андоз то 12 фоиз коҳиш ёфт": a fall to a
        // percentage is the level reached
        "change_pct" if down && after_to_word(doc, info, q) => "level",
        m => m,
    };
    let (mut value, mut value_max) = (q.value, q.value_max);
    if matches!(measure, "change_pct" | "change_abs") && down {
        // a fall of 10–30 % is -30 to -10
        (value, value_max) = match value_max {
            Some(m) => (-m.abs(), Some(-value.abs())),
            None => (-value.abs(), None),
        };
    }
    let (period, until, year_named, leaned) = match &q.fixed {
        Some(f) => (f.period.clone(), false, false, false),
        None => period(doc, info, q, part, indicator, measure),
    };
    // "Население превышает 37 млн", "800 ишкана иштейт": a state in the
    // present tense (a population, an area, the enterprises at work) does
    // not lean on the period of an earlier sentence, nor on one of another
    // clause ("founded in 1926, its population is 420 thousand"); so does a
    // share in the present tense in a sentence naming no period at all
    // ("Доля Китая составляет 20%")
    let share_now = measure == "share_pct" && !info.marks.iter().any(|m| m.own());
    let standing = (matches!(indicator, "population" | "area" | "enterprises") || share_now)
        && q.fixed.is_none()
        && !info
            .marks
            .iter()
            .any(|m| m.own() && clause_breaks(doc, m.end.min(q.start), m.tok.max(q.end)) == 0)
        && info.present & kind::time(TimeCue::PresentVerb) != 0;
    let period = if standing { None } else { period };
    // (a deadline of a day, "until 31 December", bounds a quota or a
    // term: no goal unless the words say so; one of a year is a goal)
    let day_deadline = until && period.as_deref().is_some_and(|p| p.len() > 9);
    let kind = match kind(doc, info, q, qs, until && !day_deadline) {
        // "to $5 billion by 2027, from $3.1 billion last year": a figure of
        // its own year before the goal's deadline is the level it starts from
        "target" if !until && !leaned && before_deadline(info, period.as_deref()) => "actual",
        k => k,
    };
    // a plan or an expectation is not of the period of the facts reported
    // before it; it shares only the period of the plans right before
    // (the two ends of "from X to Y" span a time of their own: with none
    // named, none is carried to them)
    let period = if leaned && kind != "actual" {
        info.lent.plan.clone()
    } else if leaned && part != PairPart::None {
        None
    } else {
        period
    };
    // a figure of a year after the document's date is not reported yet:
    // it is expected ("Келесі жылы … 3 млн тонна бидай экспорттайды")
    let kind = match period.as_deref().and_then(crate::periods::first_year) {
        Some(from) if kind == "actual" && info.dated_year.is_some_and(|y| from > y) => "forecast",
        _ => kind,
    };
    // a goal "set for 2025" is due by that year; one for "соли 2020" (the
    // year word before the number: "in the year 2020") is of that year
    let period = match period {
        Some(y)
            if kind == "target"
                && !year_named
                && y.len() == 4
                && y.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(format!("..{y}").into())
        }
        p => p,
    };
    let period = match measure {
        "ratio" | "change_pct" if q.fixed.is_none() => since_base(doc, info, q, period),
        _ => period,
    };
    let (mut subject, mut partner) = match &q.fixed {
        Some(f) => (f.subject, None),
        None => pair(doc, info, q, qs, indicator, kw_tok, measure == "share_pct"),
    };
    // a share is the subject's: enterprises or investment of A in B as a
    // share of B's whole is B's
    if measure == "share_pct"
        && matches!(indicator, "enterprises" | "investment")
        && partner.is_some()
    {
        std::mem::swap(&mut subject, &mut partner);
    }
    // "the largest buyer is China, its share of exports 40 %": a share of
    // trade naming one country is that partner's share in the whole of the
    // report's subject (the subject is the one whose whole it is)
    let one_named = info.mentions.iter().all(|m| Some(m.code) == subject);
    if measure == "share_pct"
        && indicator.starts_with("trade.")
        && one_named
        && subject.is_some()
        && partner.is_some()
        && partner == info.lent.sides.0
    {
        std::mem::swap(&mut subject, &mut partner);
    }
    // a group of countries ("Central Asia") is a side that is no one country
    let country = |c: Option<&'static str>| c.filter(|c| *c != GROUP);
    Meaning {
        value,
        value_max,
        approx: approx(doc, info, q, qs),
        indicator,
        measure,
        subject: country(subject),
        partner: country(partner),
        kind,
        period,
    }
}

fn measure(doc: &Doc, info: &SentInfo, q: &Quantity, unit: &str) -> &'static str {
    match unit {
        "times" => "ratio",
        "percent" if is_index(doc, info, q) => "ratio",
        "percent" if bracketed_share(doc, info, q) => "share_pct",
        "percent" => {
            let own_cue = near(doc, info, q, 48, kind::SHARE | kind::UP | kind::DOWN).is_some();
            // "халқының 70%-ы", "shundan 65,2 %i": a possessive ending after
            // a hyphen or glued to the per cent sign, the last word of the
            // figure or glued right after it ("51,9%-yn")
            let t = &doc.toks;
            let possessive = |i: usize| {
                doc.has_kind(i, kind::SHARE_ENDING)
                    && (t.is_punct(i - 1, "-") || t.is_punct(i - 1, "%") && t.adjacent(i - 1, i))
            };
            let last = q.end.saturating_sub(1);
            let share_ending = last > q.start && possessive(last)
                || q.end + 1 < info.sent.end
                    && t.is_punct(q.end, "-")
                    && t.adjacent(last, q.end)
                    && t.adjacent(q.end, q.end + 1)
                    && possessive(q.end + 1);
            let share_after = near(doc, info, q, 6, kind::SHARE).is_some() || share_ending;
            // ("eksport tarkibida gaz 35 foizni": a part of the structure
            // of a whole, however long its list, unless a growth word
            // speaks of it)
            let whole_before = q.start.saturating_sub(info.sent.start);
            let part = cue_before(doc, info, q, whole_before, kind::COMPOSITION).is_some()
                && near(doc, info, q, 6, kind::UP | kind::DOWN).is_none();
            if cue_before(doc, info, q, 48, kind::SHARE).is_some()
                || part
                || share_after
                || (!own_cue && info.lent.topic.as_ref().is_some_and(|(_, share)| *share))
            {
                "share_pct"
            } else {
                "change_pct"
            }
        }
        // a move of a percentage, in points, is a change in its own unit
        "percent_point" => "change_abs",
        _ => "level",
    }
}

/// A percentage alone in brackets right after an amount, with no growth
/// or decline word before it, in a list of "Country – amount" items
/// ("Xitoy – 7,9 mlrd dollar (21,8 foiz)", "Китай – 7,9 млрд (21,8%)"),
/// or right after the name of a country or of goods ("Китай (18,1%)"),
/// alone or after the item's amount and an "or" or a comma ("Xitoy (10,9
/// mlrd dollar yoki 20 foiz)", "Ресей (21,4 млрд доллар, 18%)"): the
/// item's share of the whole.
fn bracketed_share(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    let t = &doc.toks;
    let Some((open, close)) = brackets_around(doc, info.sent.start, info.sent.end, q.start) else {
        return false;
    };
    // (or after the item's amount and an "or": "Xitoy (10,9 mlrd dollar
    // yoki 20 foiz)")
    // (or a comma: "Ресей (21,4 млрд доллар, 18%)")
    let or_before = t
        .prev_non_space(q.num_start, open + 1)
        .is_some_and(|p| doc.has_kind(p, kind::OR) || t.is_punct(p, ","));
    let alone = (open + 1..close).all(|i| {
        (q.num_start..q.end).contains(&i)
            || t.kind(i) == Kind::Space
            || or_before && i < q.num_start
    });
    // (past the full stop of an abbreviated unit: "6,1 млрд долл. (18,4%)")
    let before_open = t.prev_non_space(open, info.sent.start).and_then(|p| {
        if t.is_punct(p, ".") {
            t.prev_non_space(p, info.sent.start)
                .filter(|&w| doc.has_kind(w, kind::UNIT | kind::SCALE))
        } else {
            Some(p)
        }
    });
    let after_amount = before_open.is_some_and(|p| {
        matches!(t.kind(p), Kind::Word | Kind::Num) && !doc.has_kind(p, kind::UP | kind::DOWN)
    });
    // ("Китай (18,1%), Россия (16,4%)", "текстиль (28%)": right after the
    // name of a country or of goods, a few words back, is the same, in a
    // sentence with no growth word: "ASEAN (8%) … elderimen saýdada ósim"
    // gives each its growth)
    let named = info.present & (kind::UP | kind::DOWN) == 0
        && (0..3)
            .scan(open, |at, _| {
                *at = t.prev_non_space(*at, info.sent.start)?;
                (t.kind(*at) == Kind::Word).then_some(*at)
            })
            .any(|w| doc.has_kind(w, kind::COUNTRY | kind::PRODUCT));
    alone
        && after_amount
        && (named
            || info
                .mentions
                .iter()
                .any(|m| sides::heads_dash_item(doc, info, m)))
        && q.value <= 100.0
        && cue_before(doc, info, q, 8, kind::UP | kind::DOWN | kind::INDEX).is_none()
}

/// Whether `period` ends in a year before the deadline ("by 2027") a period
/// word of the sentence sets.
fn before_deadline(info: &SentInfo, period: Option<&str>) -> bool {
    let Some(own) = period.and_then(last_year) else {
        return false;
    };
    info.marks
        .iter()
        .filter(|m| m.until)
        .filter_map(|m| m.period.as_deref().and_then(last_year))
        .any(|deadline| own < deadline)
}

/// Whether an amount is the change itself, not the level: a growth or
/// decline word follows it in its clause ("702 tonnaga kamaygan", "70,8
/// миллион сомонӣ зиёд гаштааст", past an "or N %" twin: "291,8 млн ё 30,4
/// фоиз зиёд") or comes right before it with "by" ("увеличился на 420,7
/// млн"), or a percentage change is its twin ("на 54,8% или 420,7 млн");
/// an amount reached ("до", "-дан", "-ға дейін") is a level. An amount after a percentage of the same clause is the level
/// reached ("15%-ға, 6,7 млрд долларға өсті").
fn changed_by(doc: &Doc, info: &SentInfo, q: &Quantity, qs: &[Quantity]) -> bool {
    if q.value < 0.0 || q.upto || q.from_case {
        return false;
    }
    // "2,5 млрд доллардан ошди": an amount in the ablative is exceeded
    if info.present & (kind::UP | kind::DOWN | kind::APPROX) == 0 || ends_in_ablative(doc, info, q)
    {
        return false;
    }
    // "на 340 млн долларов больше", "340 млн долларға артық", "$340
    // million more than a year earlier": a "more" or "less" word right
    // after an amount (no number after it: it is no "more than" of
    // another figure) says by how much
    if comparative_after(doc, info, q).is_some() {
        return true;
    }
    if info.present & (kind::UP | kind::DOWN) == 0 {
        return false;
    }
    let t = &doc.toks;
    let pct = |o: &Quantity| matches!(o.unit, Some("percent" | "percent_point"));
    // "на 67,4% или 452,4 млн", "на 11,3%, или на 447 млн", "291,8 млн ё
    // 30,4 фоиз" (with a growth
    // word of the sentence's own language: Tajik "рост меояд", falls to,
    // is no Russian "рост")
    let own_move = || {
        info.present & (kind::UP | kind::DOWN) != 0
            && (info.sent.start..info.sent.end)
                .any(|i| doc.has_in(i, info.lang, kind::UP | kind::DOWN))
    };
    let twin = qs.iter().any(|o| {
        let (a, b) = if o.end <= q.start {
            (o.end, q.start)
        } else {
            (q.end, o.start)
        };
        // (a "by" word may repeat after the "or": "на 11,3%, или на 447 млн")
        let by_again = || (a..b).any(|i| doc.has_kind(i, kind::BY));
        pct(o)
            && a <= b
            && (b - a <= 4 || b - a <= 6 && by_again())
            && (a..b).any(|i| doc.has_kind(i, kind::OR))
    }) && own_move();
    if twin {
        return true;
    }
    let after_pct = qs.iter().any(|o| {
        pct(o)
            && o.end <= q.start
            && q.start - o.end <= 6
            && clause_breaks(doc, o.end, q.start) <= 1
    });
    if after_pct {
        return false;
    }
    // "увеличился на 420,7 млн", "увеличившись в сравнении с первым
    // полугодием 2024 года на 96 млн": a growth word up to ten words
    // before the "by", past no other amount
    let by = t.prev_non_space(q.start, info.sent.start).is_some_and(|p| {
        let lo = qs
            .iter()
            .map(|o| o.end)
            .filter(|&e| e <= p)
            .fold(p.saturating_sub(20).max(info.sent.start), usize::max);
        // (the "by" word, or a phrase ending with it: "an increase of")
        let by_here = (p.saturating_sub(6).max(info.sent.start)..=p).any(|j| {
            doc.has_kind(j, kind::BY) && doc.tags(j).any(|(m, t)| *t == Tag::By && m.end > p)
        });
        // ("экспорт вырос на 183 млн, а импорт – на 202 млн", "and imports
        // by $202 million": a clause of only a conjunction, an indicator
        // word and the "by" borrows the growth word of the clause before)
        let elided = || {
            lo > info.sent.start
                && (lo..p).all(|i| {
                    !matches!(t.kind(i), Kind::Word | Kind::Num)
                        || doc.has_kind(i, kind::CONJ | kind::INDICATOR | kind::BY)
                })
                && (p.saturating_sub(20).max(info.sent.start)..lo)
                    .any(|i| doc.has_kind(i, kind::UP | kind::DOWN))
        };
        by_here && ((lo..p).any(|i| doc.has_kind(i, kind::UP | kind::DOWN)) || elided())
    });
    if by {
        return true;
    }
    // "exports fell $400 million to $2.9 billion": an amount right after a
    // growth word and before "to" and another amount of its unit is the
    // change, the other the level reached
    let moved_to = t
        .prev_non_space(q.start, info.sent.start)
        .is_some_and(|p| doc.has_in(p, info.lang, kind::UP | kind::DOWN))
        && qs.iter().any(|o| {
            o.start > q.end
                && o.unit == q.unit
                && t.skip_space(q.end, o.start).is_some_and(|k| {
                    doc.has(k, |tag| *tag == Tag::Prep(Case::To))
                        && t.skip_space(k + 1, info.sent.end) == Some(o.start)
                })
        });
    if moved_to {
        return true;
    }
    // past an "or N %" twin right after the amount (only "or" between them:
    // "… 3,0 млрд құрады 25%-ға өсті" is a level, then a change of its own)
    let mut from = q.end;
    if let Some(o) = qs.iter().find(|o| o.start >= q.end && o.start - q.end <= 4) {
        if pct(o)
            && clause_breaks(doc, q.end, o.start) == 0
            && (q.end..o.start).all(|i| t.kind(i) != Kind::Word || doc.has_kind(i, kind::OR))
        {
            // "3,4 млрд доллар (5,2%-ға өсім)": a change in brackets after
            // the amount is the percentage's, the amount is the level
            if (q.end..o.start).any(|i| t.is_punct(i, "(")) {
                return false;
            }
            from = o.end;
        }
    }
    let mut words = 0;
    for i in from..info.sent.end {
        match t.kind(i) {
            Kind::Space => {}
            // a growth word of the sentence's language, though it also
            // reads "exceeded" after an amount ("365 880 taga oshgan", "5,4
            // миллион доллар зиёд шудааст"): the amount is not in the
            // ablative, so it is the change; "more than" of the language,
            // that stands before a number ("… worth more than $1.7
            // billion"), opens another figure
            Kind::Word
                if doc.has_in(i, info.lang, kind::UP | kind::DOWN)
                    && !doc.tags(i).any(|(m, tag)| {
                        matches!(tag, Tag::Approx(_, false))
                            && doc.lex.matcher.in_lang(m, info.lang)
                    }) =>
            {
                return true
            }
            // "дейін өсті" (grew to), "more than": a level; so is one a
            // clause of its own follows ("составил 1,68 млрд долларов и
            // вырос на 9,2%")
            Kind::Word if doc.has_kind(i, kind::APPROX | kind::CONJ) => return false,
            Kind::Word if doc.has_kind(i, kind::UP | kind::DOWN) => return true,
            Kind::Word if words < 1 && !doc.has_kind(i, kind::UNIT | kind::NOUN) => words += 1,
            _ => return false,
        }
    }
    false
}

/// Whether the change `q` is a fall: the nearer of a decline and a growth
/// word says. With neither near, an amount heading a list of amounts of
/// its unit takes the sign of the list's next one: the one change word
/// after the list governs all ("18 фоиз, аз ҷумла содирот 9 фоиз, … 7
/// фоиз коҳиш ёфт").
/// The "more" or "less" word ([`Tag::Approx`]) right after quantity `q`,
/// when no number but a year follows it (then it is the "more than" of
/// that number; "less than in 2024" compares).
fn comparative_after(doc: &Doc, info: &SentInfo, q: &Quantity) -> Option<Approx> {
    let t = &doc.toks;
    let next = t.skip_space(q.end, info.sent.end)?;
    let approx = doc.tags(next).find_map(|(m, tag)| match tag {
        // (of the sentence's language: kk "аз" (less) is tg "аз" (from))
        Tag::Approx(a @ (Approx::Over | Approx::Under), _)
            if doc.lex.matcher.in_lang(m, info.lang) =>
        {
            Some((m.end, *a))
        }
        _ => None,
    });
    let (end, a) = approx?;
    // ("reached $14.1 billion over the same period": a time phrase that
    // starts with the word is no comparison)
    if doc
        .longest(next, info.sent.end, kind::TIME)
        .is_some_and(|(e, _)| e > end)
    {
        return None;
    }
    let number_after = (end..info.sent.end)
        .filter(|&i| t.kind(i) != Kind::Space)
        .take(2)
        .any(|i| t.kind(i) == Kind::Num && doc.year_at(i).is_none());
    (!number_after).then_some(a)
}

fn falling(doc: &Doc, info: &SentInfo, q: &Quantity, qs: &[Quantity]) -> bool {
    // "9,1% кем", "на 340 млн долларов меньше", "9.1% less than": an amount
    // right before a "less" word says how much less; only one in the
    // ablative ("5%-дан кем") is approximate
    if !q.from_case && comparative_after(doc, info, q) == Some(Approx::Under) {
        return true;
    }
    let down = near(doc, info, q, 24, kind::DOWN);
    let up = near(doc, info, q, 24, kind::UP);
    match (down, up) {
        (Some(d), Some(u)) => d < u,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => qs.iter().find(|o| o.start >= q.end).is_some_and(|o| {
            o.unit == q.unit
                && !(q.end..o.start).any(|i| doc.has_kind(i, kind::UP | kind::DOWN))
                && falling(doc, info, o, qs)
        }),
    }
}

/// Whether a to-word ("то", "до", "ба", "to"), that is no "by", stands
/// right before the amount: the value reached, not the change.
fn after_to_word(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    doc.toks
        .prev_non_space(q.start, info.sent.start)
        .is_some_and(|p| {
            !doc.has_kind(p, kind::BY)
                && doc.has(p, |t| {
                    matches!(t, Tag::Prep(Case::To) | Tag::Time(TimeCue::UntilBefore))
                })
        })
}

fn approx(doc: &Doc, info: &SentInfo, q: &Quantity, qs: &[Quantity]) -> &'static str {
    let t = &doc.toks;
    let name = |a: Approx| match a {
        Approx::About => "about",
        Approx::Over => "over",
        Approx::Under => "under",
        Approx::UpTo => "exact",
    };
    // before: a cue ending right before the number (one space allowed), or
    // "about" before the preposition that governs it ("қариб ба 9,5
    // миллион", "почти на 10%")
    let spaced = |a: usize, b: usize| a == b || (a + 1 == b && t.kind(a) == Kind::Space);
    let lo = q.start.saturating_sub(12).max(info.sent.start);
    for i in (lo..q.start).filter(|&i| doc.has_kind(i, kind::APPROX)) {
        for (m, tag) in doc.tags(i) {
            if let Tag::Approx(a, false) = tag {
                let gap_ok = spaced(m.end, q.start)
                    || *a == Approx::About
                        && t.skip_space(m.end, q.start).is_some_and(|p| {
                            doc.has_in(p, info.lang, kind::PREP)
                                && doc.tags(p).any(|(pm, tag)| {
                                    matches!(tag, Tag::Prep(_)) && spaced(pm.end, q.start)
                                })
                        });
                if gap_ok {
                    return name(*a);
                }
            }
        }
    }
    if q.upto {
        return "exact";
    }
    // inside the span, between number and counted noun ("1 100 dan ortiq korxona")
    for j in (q.num_start..q.end).filter(|&j| doc.has_kind(j, kind::APPROX)) {
        for (_, tag) in doc.tags(j) {
            if let Tag::Approx(a, true) = tag {
                return name(*a);
            }
        }
    }
    // ("15 фоиз камтар аз соли гузашта", 15 % less than last year: a
    // "more" or "less" right after a percentage that compares says the
    // change's direction, no approximation)
    // ("25%-дан астам" in the ablative is "more than 25 %")
    let compares = q.unit == Some("percent")
        && !(q.from_case || ends_in_ablative(doc, info, q))
        && comparative_after(doc, info, q).is_some();
    // after: within three words, across a spaced ending ("150% - дан асты")
    let mut j = q.end;
    let mut words = 0;
    while j < info.sent.end && words < 3 {
        match t.kind(j) {
            Kind::Space => {}
            Kind::Punct if t.norm(j) == "-" => {}
            Kind::Punct => break,
            _ => {
                // "30,4 фоиз зиёд гардид", "10 фоиз кам шуд": a growth or
                // decline word of the paragraph's language says by how
                // much (Uzbek "зиёд" is "more than", Tajik "increased"),
                // unless the amount it follows stands in the ablative
                // ("X-дан асты")
                let change = doc.has_in(j, info.lang, kind::UP | kind::DOWN)
                    && !(q.from_case || ends_in_ablative(doc, info, q));
                // (Kazakh "аз", less, is the Tajik preposition "from": "орд
                // ва аз Покистон")
                let prep = doc.has_in(j, info.lang, kind::PREP);
                for (_, tag) in doc.tags(j) {
                    match tag {
                        Tag::Approx(_, true) if change || prep || compares => {}
                        // "X-дан асты" exceeded X; "15 foizga oshib" grew by 15 %;
                        // "9 пайызга аз" is 9 % less, "X-ден аз" less than X
                        Tag::Approx(Approx::Over | Approx::Under, true)
                            if !exceeded(doc, info, q) || compared_base(doc, info, q, qs) => {}
                        Tag::Approx(a, true) => return name(*a),
                        _ => {}
                    }
                }
                words += 1;
            }
        }
        j += 1;
    }
    "exact"
}

/// Whether `q` is the amount of an earlier period that an amount before it
/// in the sentence, in the same unit, is compared with: "620 mln dollarni
/// tashkil etib, birinchi chorakdagi 580 mln dollardan oshdi" (exceeded the
/// first quarter's 580 million) says 580 million exactly.
fn compared_base(doc: &Doc, info: &SentInfo, q: &Quantity, qs: &[Quantity]) -> bool {
    let period_before = info.marks.iter().any(|m| {
        m.end <= q.start
            && doc
                .toks
                .skip_space(m.end, q.start)
                .is_none_or(|k| k >= q.start)
    });
    period_before && qs.iter().any(|p| p.end <= q.start && p.unit == q.unit)
}

/// Whether an "over" or "under" word after the quantity reads "exceeded"
/// or "fell short of": in languages with case endings the quantity must
/// stand in the ablative ("-дан").
fn exceeded(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    let has_from = doc.lex.case_endings.has(info.lang, Case::From);
    !has_from || q.from_case || ends_in_ablative(doc, info, q)
}

/// Whether the last word of the quantity carries the ablative ending
/// ("доллардан").
fn ends_in_ablative(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    let t = &doc.toks;
    // (or after a "from" preposition: "аз 550 миллион доллар гузарад")
    let from_prep = t
        .prev_non_space(q.start, info.sent.start)
        .is_some_and(|p| doc.has(p, |tag| *tag == Tag::Prep(Case::From)));
    from_prep
        || (q.num_start..q.end)
            .rev()
            .find(|&i| t.kind(i) == Kind::Word)
            .is_some_and(|i| doc.case_of_ending(t.norm(i), info.lang) == Some(Case::From))
}
