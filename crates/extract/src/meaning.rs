//! What a quantity means: indicator, measure, the two countries, kind,
//! approximation and period, read from the words of its sentence.

use crate::context::Doc;
use crate::countries::Mention;
use crate::frame::{Lent, CARRIED};
use crate::lexicon::{Approx, Case, TimeCue, ANY_NOUN, GROUP};
use crate::matcher::{kind, kind::Kinds, Tag};
use crate::periods::Mark;
use crate::quantities::Quantity;
use crate::sentences::Sent;
use crate::tokens::Kind;

/// Indicators that describe one country on its own (its people, its output;
/// not area: the land of a joint project belongs to both sides).
const NATIONAL: &[&str] = &["population", "gdp"];

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
    pub period: Option<String>,
}

fn dist(a: usize, b: usize) -> usize {
    a.abs_diff(b)
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
        None => period(doc, info, q, part, indicator),
    };
    // "Население превышает 37 млн": a state in the present tense does not
    // lean on the period of an earlier sentence, nor on one of another
    // clause ("founded in 1926, its population is 420 thousand")
    let standing = matches!(indicator, "population" | "area")
        && q.fixed.is_none()
        && !info.marks.iter().any(|m| {
            !m.compare
                && !m.relative
                && clause_breaks(doc, m.end.min(q.start), m.tok.max(q.end)) == 0
        })
        && info.present & kind::time(TimeCue::PresentVerb) != 0;
    let period = if standing { None } else { period };
    let kind = kind(doc, info, q, qs, until);
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
    // a goal "set for 2025" is due by that year; one for "соли 2020" (the
    // year word before the number: "in the year 2020") is of that year
    let period = match period {
        Some(y)
            if kind == "target"
                && !year_named
                && y.len() == 4
                && y.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(format!("..{y}"))
        }
        p => p,
    };
    let (mut subject, mut partner) = match &q.fixed {
        Some(f) => (f.subject, None),
        None => pair(doc, info, q, indicator, kw_tok),
    };
    // a share is the subject's: enterprises or investment of A in B as a
    // share of B's whole is B's
    if measure == "share_pct"
        && matches!(indicator, "enterprises" | "investment")
        && partner.is_some()
    {
        std::mem::swap(&mut subject, &mut partner);
    }
    // a group of countries ("Central Asia") is a side that is no one country
    let country = |c: Option<&'static str>| c.filter(|c| *c != GROUP);
    Meaning {
        value,
        value_max,
        approx: approx(doc, info, q),
        indicator,
        measure,
        subject: country(subject),
        partner: country(partner),
        kind,
        period,
    }
}

/// Punctuation that separates clauses, between tokens `a` and `b`.
fn clause_breaks(doc: &Doc, a: usize, b: usize) -> usize {
    let t = &doc.toks;
    (a..b)
        .filter(|&i| {
            t.kind(i) == Kind::Punct
                && matches!(t.norm(i), "," | ";" | ":" | "(" | ")")
                && !(i + 1 < t.len() && t.kind(i + 1) == Kind::Num && t.adjacent(i, i + 1))
        })
        .count()
}

/// Whether only spaces and at most one word (an adjective: "хорижий",
/// "foreign") stand between the end of a quantity `a` and a keyword at `b`.
/// Whether the country word at `i` is an adjective or a group ("Chinese",
/// "foreign"), not a country's name.
fn adjective(doc: &Doc, i: usize) -> bool {
    doc.has(
        i,
        |t| matches!(t, Tag::Country(c, adj) if *adj || c == GROUP),
    )
}

fn modified_by(doc: &Doc, a: usize, b: usize) -> bool {
    let t = &doc.toks;
    let mut words = 0;
    for i in a..b {
        match t.kind(i) {
            Kind::Space if t.newlines_at(i) == 0 => {}
            // "20 фоиз ва хизматрасониҳо": a conjunction opens the next item
            // (a country adjective or group qualifies the noun too: "$45
            // million Chinese investment", "35 mlrd dollar sheteldik ınvestıtsııa")
            Kind::Word if doc.has_kind(i, kind::COUNTRY) && !adjective(doc, i) => return false,
            // (an approximation word is part of the amount: "96 миллиард
            // сўмга яқин банк кредитлари")
            Kind::Word if !doc.has_kind(i, kind::TIME | kind::CONJ | kind::APPROX) => words += 1,
            Kind::Word if doc.has_kind(i, kind::APPROX) => {}
            _ => return false,
        }
    }
    words <= 1
}

fn indicator(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    unit: &str,
    qs: &[Quantity],
) -> (&'static str, Option<usize>) {
    if let Some(f) = &q.fixed {
        return (f.indicator, None);
    }
    // a counted noun names what is counted ("1,7 mln dona" counts pieces
    // of whatever the words say; "34 kinds of goods", "20 visits" are no
    // flow whatever word stands near)
    let head_first = doc.lex.head_first.iter().any(|l| l == info.lang);
    let head_last = doc.lex.head_last.iter().any(|l| l == info.lang);
    if let Some(ind) = q.noun_indicator.filter(|i| *i != ANY_NOUN) {
        // "12 мингдан зиёд фермер хўжалиги раҳбарлари": where heads come
        // last, an other-measure word right after the noun is what is counted
        if head_last && measured_after(doc, info, q.end).is_some() {
            return ("other", None);
        }
        // "8 мингдан ортиқ фермер хўжалиги": an indicator phrase among the
        // figure's own words (the last one: the head) names what is counted
        let own = info
            .keywords
            .iter()
            .rfind(|(a, b, k)| *a > q.num_start && *b <= q.end && *k != "other");
        return (own.map_or(ind, |(_, _, k)| *k), None);
    }
    // "to 32 countries": a count of countries is no trade or other flow
    if unit == "count"
        && (q.start..(q.end + 2).min(info.sent.end)).any(|i| doc.has_kind(i, kind::COUNTRY_NOUN))
    {
        return ("other", None);
    }
    if let Some(ind) = doc.lex.unit_indicators_strong.get(unit) {
        return (ind, None);
    }
    // "на общую сумму 1,7 млрд": the value of the counted things nearby
    if near_before(doc, info, q, 8, kind::WORTH) {
        let counted = qs
            .iter()
            .filter(|o| o.noun_indicator.is_some() && o.start != q.start)
            .min_by_key(|o| dist(o.start, q.start));
        // ("14 agreements to attract investment worth …": an indicator word
        // of its own between the counted things and the amount names it)
        let named_between = |o: &Quantity| {
            info.keywords.iter().any(|(s, e, i)| {
                *i != "other" && Some(*i) != o.noun_indicator && *s >= o.end && *e <= q.start
            })
        };
        if let Some(ind) = counted
            .filter(|o| !named_between(o))
            .and_then(|o| o.noun_indicator)
            .filter(|i| *i != ANY_NOUN)
        {
            return (ind, None);
        }
    }
    // "1,2 mlrd dollar bolatyn 7 joba", "$2 bn worth of 12 agreements": an
    // amount right before counted projects or agreements is their value
    let currency = unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
    if currency {
        let valued = qs.iter().find(|o| {
            o.start >= q.end
                && o.start - q.end <= 8
                && clause_breaks(doc, q.end, o.start) == 0
                && matches!(o.noun_indicator, Some("projects" | "agreements"))
        });
        if let Some(ind) = valued.and_then(|o| o.noun_indicator) {
            return (ind, None);
        }
    }
    let mut best: Option<(f64, &'static str, usize)> = None;
    // documents are counted or valued, never measured in tonnes or kWh; a
    // territory is measured in hectares or km² ("транзит через территорию
    // Казахстана … 3,1 млн тонн" is freight)
    // the units each indicator is measured in: a company's value is no
    // count of enterprises, a tonnage no population, turnover and
    // investment are values
    let ratio = matches!(unit, "percent" | "percent_point" | "times");
    let fits = |ind: &str| match ind {
        // money "under an agreement" is no count of agreements (the worth
        // of counted agreements is read above)
        "agreements" => unit == "count",
        "projects" => unit == "count" || currency,
        "area" => matches!(unit, "hectare" | "km2" | "percent"),
        "enterprises" => unit == "count" || ratio,
        "jobs" => matches!(unit, "person" | "count"),
        "population" => unit == "person" || ratio,
        "freight" => !currency,
        "gdp" | "investment" | "trade.turnover" => currency || ratio,
        _ => true,
    };
    // a word inside a longer entry is part of it ("на душу населения" is
    // no population word), and an indicator word shared with an
    // other-measure phrase is that phrase's ("электрондық сауда көлемі")
    let inside = |s: usize, e: usize, ind: &str| {
        info.keywords.iter().any(|(s2, e2, i2)| {
            (*s2 <= s && e <= *e2 && e2 - s2 > e - s)
                || (*i2 == "other" && ind != "other" && *s2 < e && s < *e2)
        })
    };
    for (s, e, ind) in info
        .keywords
        .iter()
        .filter(|(s, e, ind)| fits(ind) && !inside(*s, *e, ind))
    {
        let multi = e - s > 1;
        let cost = if *e <= q.start {
            dist(*e, q.start) as f64 + 8.0 * clause_breaks(doc, *e, q.start) as f64
        } else if *s >= q.end && modified_by(doc, q.end, *s) {
            // "2,4 трлн сўмлик хорижий инвестиция", "$45 million investment":
            // the amount qualifies the noun right after it
            0.5
        } else if *s >= q.end && (q.end..*s).any(|i| doc.has_kind(i, kind::CONJ)) {
            // "… to 2.48 billion dlrs and imports …": the next item's word
            continue;
        } else if *s >= q.end {
            dist(q.end, *s) as f64 * 2.0 + 4.0 + 12.0 * clause_breaks(doc, q.end, *s) as f64
        } else {
            continue;
        } - if multi { 1.0 } else { 0.0 };
        if best.is_none_or(|(c, _, _)| cost < c) {
            best = Some((cost, *ind, *s));
        }
    }
    if let Some((_, ind, tok)) = best {
        // a noun right before another one in the same phrase (no
        // conjunction or preposition between: "ҳиссаи саноат дар ММД" is
        // a share in GDP) is its head where heads come first
        let head = |other: bool| {
            info.keywords.iter().find(|(s, e, i)| {
                (*i == "other") == other
                    && !inside(*s, *e, i)
                    && *e <= tok
                    && tok - *e <= 4
                    && clause_breaks(doc, *s, tok) == 0
                    && !(*e..tok).any(|j| doc.has_kind(j, kind::CONJ | kind::PREP))
            })
        };
        // "investments in projects", "доля экспорта в товарообороте": a
        // noun after a preposition depends on the indicator word before it
        if ind != "other" {
            let governs = info.keywords.iter().find(|(s, e, i)| {
                *i != "other"
                    && !inside(*s, *e, i)
                    && *e <= tok
                    && tok - *e <= 4
                    && clause_breaks(doc, *s, tok) == 0
                    && (*e..tok).any(|j| doc.has_kind(j, kind::PREP))
                    && !(*e..tok).any(|j| doc.has_kind(j, kind::CONJ))
            });
            if let Some((s, _, i)) = governs {
                return (i, Some(*s));
            }
        }
        // "экспорт промышленной продукции": an other-measure word right
        // after an indicator word qualifies it ("GDP per capita" too);
        // where heads come last, "экспорт бағасы" is a price
        if ind == "other" && !head_last {
            if let Some((s, _, i)) = head(false) {
                return (i, Some(*s));
            }
        }
        // "доходы населения", "даромади пулии аҳолӣ": an indicator word
        // right after an other-measure word is what that measure is of
        if ind != "other" && head_first {
            if let Some((s, _, _)) = head(true) {
                return ("other", Some(*s));
            }
            // "лоиҳаи давлатии сармоягузорӣ": of two indicator words in one
            // phrase the first is the head, in a unit it is measured in
            if let Some((s, _, i)) = head(false).filter(|(_, _, i)| *i != ind && fits(i)) {
                return (i, Some(*s));
            }
        }
        // "фермер хўжалиги раҳбарлари", "экспорт бағасы": where heads come
        // last, an other-measure word right after the indicator word is
        // what is measured
        if ind != "other" && head_last {
            let end = info
                .keywords
                .iter()
                .filter(|(s, _, i)| *s == tok && *i == ind)
                .map(|(_, e, _)| *e)
                .max();
            if let Some(s) = end.and_then(|e| measured_after(doc, info, e)) {
                return ("other", Some(s));
            }
        }
        return (ind, Some(tok));
    }
    // the report's topic, in a unit it is measured in ("… a capacity of 150
    // thousand tonnes" in a report on new enterprises is no count of them)
    if let Some((ind, _)) = info.lent.topic.filter(|(ind, _)| fits(ind)) {
        return (ind, None);
    }
    let by_unit = doc.lex.unit_indicators.get(unit);
    (by_unit.map_or("other", |u| u.as_str()), None)
}

/// The start of an other-measure word (not inside a longer entry) that
/// follows token `end` with at most a space between.
fn measured_after(doc: &Doc, info: &SentInfo, end: usize) -> Option<usize> {
    let within = |s: usize, e: usize| {
        info.keywords
            .iter()
            .any(|(s2, e2, _)| *s2 <= s && e <= *e2 && e2 - s2 > e - s)
    };
    info.keywords
        .iter()
        .find(|(s, e, i)| {
            *i == "other"
                && !within(*s, *e)
                && *s >= end
                && *s - end <= 1
                && (end..*s).all(|j| doc.toks.kind(j) == Kind::Space)
        })
        .map(|(s, _, _)| *s)
}

/// Whether a cue ends within `radius` tokens before the quantity.
fn near_before(doc: &Doc, info: &SentInfo, q: &Quantity, radius: usize, mask: Kinds) -> bool {
    if info.present & mask == 0 {
        return false;
    }
    let lo = q.start.saturating_sub(radius).max(info.sent.start);
    (lo..q.start).any(|i| {
        doc.has_kind(i, mask)
            && doc
                .tags(i)
                .any(|(m, t)| m.end <= q.start && t.bit() & mask != 0)
    })
}

/// Cue tags within `radius` tokens of the quantity.
fn near(doc: &Doc, info: &SentInfo, q: &Quantity, radius: usize, mask: Kinds) -> Option<usize> {
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

fn measure(doc: &Doc, info: &SentInfo, q: &Quantity, unit: &str) -> &'static str {
    match unit {
        "times" => "ratio",
        "percent" if is_index(doc, info, q) => "ratio",
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
            if near_before(doc, info, q, 48, kind::SHARE)
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

/// Whether an amount is the change itself, not the level: a growth or
/// decline word follows it in its clause ("702 tonnaga kamaygan", "70,8
/// миллион сомонӣ зиёд гаштааст", past an "or N %" twin: "291,8 млн ё 30,4
/// фоиз зиёд") or comes right before it with "by" ("увеличился на 420,7
/// млн"), or a percentage change is its twin ("на 54,8% или 420,7 млн");
/// an amount reached ("до", "-дан", "-ға дейін") is a level. An amount after a percentage of the same clause is the level
/// reached ("15%-ға, 6,7 млрд долларға өсті").
fn changed_by(doc: &Doc, info: &SentInfo, q: &Quantity, qs: &[Quantity]) -> bool {
    if info.present & (kind::UP | kind::DOWN) == 0 || q.value < 0.0 || q.upto || q.from_case {
        return false;
    }
    // "2,5 млрд доллардан ошди": an amount in the ablative is exceeded
    if ends_in_ablative(doc, info, q) {
        return false;
    }
    let t = &doc.toks;
    let pct = |o: &Quantity| matches!(o.unit, Some("percent" | "percent_point"));
    // "на 67,4% или 452,4 млн", "291,8 млн ё 30,4 фоиз"
    let twin = qs.iter().any(|o| {
        let (a, b) = if o.end <= q.start {
            (o.end, q.start)
        } else {
            (q.end, o.start)
        };
        pct(o) && a <= b && b - a <= 4 && (a..b).any(|i| doc.has_kind(i, kind::OR))
    });
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
    // "увеличился на 420,7 млн"
    let by = t.prev_non_space(q.start, info.sent.start).is_some_and(|p| {
        doc.has_kind(p, kind::BY)
            && (p.saturating_sub(8).max(info.sent.start)..p)
                .any(|i| doc.has_kind(i, kind::UP | kind::DOWN))
    });
    if by {
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
            // "дейін өсті" (grew to), "more than": a level
            Kind::Word if doc.has_kind(i, kind::APPROX) => return false,
            Kind::Word if doc.has_kind(i, kind::UP | kind::DOWN) => return true,
            Kind::Word if words < 1 && !doc.has_kind(i, kind::UNIT | kind::NOUN) => words += 1,
            _ => return false,
        }
    }
    false
}

/// A percentage of a base level: after an index word ("темп роста 158%"),
/// at least 50 %,
/// or at least 100 % next to a comparison ("2021 жылмен салыстырғанда
/// 2020 жыл - 116,4%") with no growth word beside it.
fn is_index(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    // (an index is near 100: "индекс цен вырос на 8%" is a change)
    if q.value >= 50.0 && near_before(doc, info, q, 40, kind::INDEX) {
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

/// Whether the change `q` is a fall: the nearer of a decline and a growth
/// word says. With neither near, an amount heading a list of amounts of
/// its unit takes the sign of the list's next one: the one change word
/// after the list governs all ("18 фоиз, аз ҷумла содирот 9 фоиз, … 7
/// фоиз коҳиш ёфт").
fn falling(doc: &Doc, info: &SentInfo, q: &Quantity, qs: &[Quantity]) -> bool {
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

fn approx(doc: &Doc, info: &SentInfo, q: &Quantity) -> &'static str {
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
    for i in lo..q.start {
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
    for j in q.num_start..q.end {
        for (_, tag) in doc.tags(j) {
            if let Tag::Approx(a, true) = tag {
                return name(*a);
            }
        }
    }
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
                for (_, tag) in doc.tags(j) {
                    match tag {
                        Tag::Approx(_, true) if change => {}
                        // "X-дан асты" exceeded X; "15 foizga oshib" grew by 15 %
                        Tag::Approx(Approx::Over, true) if !exceeded(doc, info, q) => {}
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

/// Whether an "over" word after the quantity reads "exceeded": in languages
/// with case endings the quantity must stand in the ablative ("-дан").
fn exceeded(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    let has_from = doc.lex.case_endings.has(info.lang, Case::From);
    !has_from || q.from_case || ends_in_ablative(doc, info, q)
}

/// Whether the last word of the quantity carries the ablative ending
/// ("доллардан").
fn ends_in_ablative(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    let t = &doc.toks;
    (q.num_start..q.end)
        .rev()
        .find(|&i| t.kind(i) == Kind::Word)
        .is_some_and(|i| doc.case_of_ending(t.norm(i), info.lang) == Some(Case::From))
}

/// Words at most between a goal word and the figure it sets ("aim to lift
/// it to $10 bn").
const GOAL_REACH: usize = 6;

fn kind(doc: &Doc, info: &SentInfo, q: &Quantity, qs: &[Quantity], until: bool) -> &'static str {
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
/// sentence's language (English "may" is no cue in "yanvar-may").
fn cue_at(doc: &Doc, info: &SentInfo, i: usize, bit: Kinds) -> bool {
    doc.has_in(i, info.lang, bit)
        && !(i.saturating_sub(8)..=i).any(|j| {
            doc.has_kind(j, kind::NOT_CUE)
                && doc.tags(j).any(|(m, t)| *t == Tag::NotCue && m.end > i)
        })
}

/// Whether the cue at `i` opens the sentence (at most two words before
/// it: "Тибқи нақшаҳои тасдиқшуда …", "По прогнозам, …"): it frames every
/// figure of the sentence.
fn opens_sentence(doc: &Doc, info: &SentInfo, i: usize) -> bool {
    (info.sent.start..i)
        .filter(|&j| doc.toks.kind(j) == Kind::Word)
        .count()
        <= 2
}

/// Whether the cue at `i` closes a clause that holds a figure of its own
/// (one of `qs` between the clause's start and the cue).
fn closes_own_figure(doc: &Doc, qs: &[Quantity], i: usize) -> bool {
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
/// figure reaches it past a past-tense verb of its own clause.
fn forecast_cue(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
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
    let told = |i: usize| told_before || (q.end..i).any(|j| doc.has_in(j, info.lang, kind::PAST));
    let governs = |i: usize| {
        i < q.end
            || !told(i)
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
fn closes_sentence(doc: &Doc, info: &SentInfo, i: usize) -> bool {
    let t = &doc.toks;
    doc.tags(i).any(|(m, tag)| {
        *tag == Tag::FinalForecast
            && (m.end..info.sent.end).all(|j| matches!(t.kind(j), Kind::Space | Kind::Punct))
    })
}

/// The period of `q`: (period, whether it is a deadline, whether the year
/// was named after its year word, whether it was taken from the frame).
fn period(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    part: PairPart,
    indicator: &str,
) -> (Option<String>, bool, bool, bool) {
    // a rate ("a day") makes no period, unless it is the "a year" of "a year earlier"
    let in_relative = |i: usize| {
        info.marks
            .iter()
            .any(|m| m.relative && m.tok <= i && i < m.end)
    };
    let lo = q.start.saturating_sub(4).max(info.sent.start);
    let hi = (q.end + 4).min(info.sent.end);
    if (lo..hi).any(|i| !in_relative(i) && doc.has_kind(i, kind::time(TimeCue::Rate))) {
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
        .any(|i| doc.has_kind(i, kind::time(TimeCue::CompareAfter)));
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
    // "against three billion in 1985/86", "против 2,9 млрд в 2023 году":
    // the amount a comparison word opens is of the base period after it
    let compared_before = behind_words(doc, info.sent.start, q.start, 2)
        .any(|i| cue_at(doc, info, i, kind::time(TimeCue::CompareBefore)));
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
        // a stock counted "as of 1 October" is of that day
        Some((_, m)) if m.as_of.is_some() && !CARRIED.contains(&indicator) => {
            (m.as_of.clone(), m.until)
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
                (Ok(a), Some(Ok(b))) if a != b => Some(format!("{}..{}", a.min(b), a.max(b))),
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
    let p = match (p, part) {
        (Some(p), PairPart::From) => Some(p.split_once("..").map_or(p.clone(), |(a, _)| {
            if a.is_empty() {
                p.clone()
            } else {
                a.to_string()
            }
        })),
        (Some(p), PairPart::To) => match p.split_once("..") {
            Some((_, "")) => None,
            Some((a, b)) if !a.is_empty() => Some(b.to_string()),
            _ => Some(p),
        },
        (p, _) => p,
    };
    (p, until, year_named, leaned)
}

/// Up to `n` word tokens before token `i` (from `start`), nearest first.
fn behind_words<'a>(
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

/// Whether a conjunction opens a new clause right before the period mark
/// at `mark` (after the figure ending at `from`; period heads such as
/// "дар", "in" between are skipped): "… created, and in the last three
/// years …" — the period is of that clause.
fn opens_clause(doc: &Doc, info: &SentInfo, from: usize, mark: usize) -> bool {
    (from..mark)
        .rev()
        .filter(|&k| doc.toks.kind(k) != Kind::Space)
        .find(|&k| !cue_at(doc, info, k, kind::time(TimeCue::Head)))
        .is_some_and(|k| doc.has_kind(k, kind::CONJ))
}

/// The "(" and ")" around token `i` within `start..end`, if `i` stands
/// between brackets.
fn brackets_around(doc: &Doc, start: usize, end: usize, i: usize) -> Option<(usize, usize)> {
    let open = unmatched(doc, (start..i).rev(), ")", "(")?;
    let close = unmatched(doc, i..end, "(", ")")?;
    Some((open, close))
}

/// The first `target` bracket along `toks` that no `nest` bracket before it
/// pairs with.
fn unmatched(
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

/// How likely a country with this role is the subject of a directed
/// indicator; `owner` when its genitive stands next to the indicator word.
fn subject_score(case: Option<Case>, indicator: &str, owner: bool) -> i32 {
    match (indicator, case) {
        ("trade.import", Some(Case::To)) => 3,
        ("trade.import", Some(Case::From)) => 0,
        ("enterprises", Some(Case::Of)) => 3,
        ("enterprises", Some(Case::From)) => 2,
        ("enterprises", None) => 1,
        (_, Some(Case::From)) => 3,
        (_, Some(Case::Of)) if owner => 3,
        (_, Some(Case::Of)) => 1,
        (_, None) => 2,
        (_, Some(Case::To)) | (_, Some(Case::At)) => 0,
    }
}

/// The country of a list item "Country – amount": only a dash or colon
/// (and spaces) between its name and the quantity.
fn list_item_country<'m>(doc: &Doc, info: &'m SentInfo, q: &Quantity) -> Option<&'m Mention> {
    let t = &doc.toks;
    let mut j = q.start;
    let mut dash = false;
    while j > info.sent.start {
        j -= 1;
        match t.kind(j) {
            Kind::Space => {}
            Kind::Punct if matches!(t.norm(j), "-" | "–" | "—" | ":") => dash = true,
            _ => break,
        }
    }
    if !dash {
        return None;
    }
    info.mentions
        .iter()
        .rev()
        .find(|m| m.tok <= j && j < m.tok + 6 && m.code != GROUP)
}

fn opposite(ind: &str) -> Option<&'static str> {
    match ind {
        "trade.export" => Some("trade.import"),
        "trade.import" => Some("trade.export"),
        _ => None,
    }
}

/// Whether mention `m` stands alone in brackets right after a capitalised
/// name that is no country ("Hyundai Engineering (South Korea)").
fn name_gloss(doc: &Doc, info: &SentInfo, m: &Mention) -> bool {
    let t = &doc.toks;
    let Some((open, close)) = brackets_around(doc, info.sent.start, info.sent.end, m.tok) else {
        return false;
    };
    // the brackets hold the country's name only (up to three words)
    let words: Vec<usize> = (open + 1..close)
        .filter(|&i| t.kind(i) != Kind::Space)
        .collect();
    let alone = words.first() == Some(&m.tok)
        && words.len() <= 3
        && words.iter().all(|&i| t.kind(i) == Kind::Word);
    alone
        && t.prev_non_space(open, info.sent.start).is_some_and(|p| {
            t.kind(p) == Kind::Word
                && t.text(p).chars().next().is_some_and(char::is_uppercase)
                && !doc.has_kind(p, kind::COUNTRY)
        })
}

/// Whether an inflow cue ("foreign", "attracted") speaks of figure `q`:
/// one after "of which" that follows the figure speaks of a part of it
/// ("investment of 1.4 trn, of which 65% foreign": the whole is domestic).
fn inflow_cue(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    if info.present & kind::INFLOW == 0 {
        return false;
    }
    let keep = (q.end..info.sent.end).find(|&i| doc.has_kind(i, kind::FRAME_KEEP));
    (info.sent.start..info.sent.end)
        .any(|i| doc.has_kind(i, kind::INFLOW) && keep.is_none_or(|k| i < k))
}

fn pair(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    indicator: &str,
    kw_tok: Option<usize>,
) -> (Option<&'static str>, Option<&'static str>) {
    let main = &info.lent.sides;
    let ms = &info.mentions;
    let inflow = indicator == "investment" && inflow_cue(doc, info, q);
    if ms.is_empty() {
        if inflow {
            match *main {
                (Some(c), None) => return (None, Some(c)),
                // attracted by the report's country from its partner
                (Some(a), Some(b)) => return (Some(b), Some(a)),
                _ => {}
            }
        }
        // "between the two countries": the last pair the report named
        return match info.lent.last_pair {
            Some((a, b)) if main.1.is_none() && info.present & kind::BETWEEN != 0 => {
                (Some(a), Some(b))
            }
            // "a bilateral zone of 100 ha": both sides of the frame
            _ if main.1.is_some() && info.present & kind::BETWEEN != 0 => *main,
            // a country's own figure (GDP, population, area) takes the
            // frame's subject, not its partner
            _ if NATIONAL.contains(&indicator) => (main.0, None),
            _ => *main,
        };
    }
    // the nearest mention of each code
    let qpos = q.num_start;
    let cost = |m: &Mention| {
        if m.tok < qpos {
            (qpos - m.tok) as f64
        } else {
            (m.tok - qpos) as f64 * 1.5
        }
    };
    // countries of the figure's own clause, when it names two of them
    // ("A's turnover with B was $41 bn, and C's trade with D …")
    let same_clause = |m: &Mention| clause_breaks(doc, m.tok.min(qpos), m.tok.max(qpos)) == 0;
    let own_clause_named = ms.iter().any(same_clause);
    // "Hyundai Engineering (South Korea)": a country in brackets after a
    // name says whose the firm is; it is no side while another is named
    let glosses = |m: &Mention| name_gloss(doc, info, m);
    let unglossed = ms.iter().any(|m| !glosses(m));
    let in_scope =
        |m: &Mention| (!own_clause_named || same_clause(m)) && !(unglossed && glosses(m));
    let mut codes: Vec<(&Mention, f64)> = Vec::new();
    for m in ms.iter().filter(|m| in_scope(m)) {
        let c = cost(m);
        match codes.iter_mut().find(|(x, _)| x.code == m.code) {
            Some(e) if c < e.1 => *e = (m, c),
            Some(_) => {}
            None => codes.push((m, c)),
        }
    }
    codes.sort_by(|a, b| a.1.total_cmp(&b.1));
    let role = |m: &Mention| -> Option<Case> {
        let Some(opp) = opposite(indicator) else {
            return m.case;
        };
        // a country tied to the opposite flow ("экспорт из A в B, а импорт …")
        let nearest = info
            .keywords
            .iter()
            .filter(|(_, _, ind)| *ind == "trade.export" || *ind == "trade.import")
            .min_by_key(|(s, _, _)| dist(*s, m.tok));
        match (nearest, m.case) {
            (Some((_, _, ind)), Some(Case::From)) if *ind == opp => Some(Case::To),
            (Some((_, _, ind)), Some(Case::To)) if *ind == opp => Some(Case::From),
            _ => m.case,
        }
    };
    let directed = tandem_model::DIRECTED_INDICATORS.contains(&indicator);
    // two named countries outrank a group ("Uzbekistan's share in
    // Kazakhstan's trade with Central Asia" is about the two countries)
    if codes.iter().filter(|(m, _)| m.code != GROUP).count() >= 2 {
        codes.retain(|(m, _)| m.code != GROUP);
    }
    let pick: Vec<&Mention> = {
        let in_main = |c: &str| main.0 == Some(c) || main.1 == Some(c);
        let mains = || codes.iter().map(|(m, _)| *m).filter(|m| in_main(m.code));
        if mains().nth(1).is_some() {
            mains().take(2).collect()
        } else {
            codes.iter().take(2).map(|(m, _)| *m).collect()
        }
    };
    let owner = |m: &Mention| {
        kw_tok.is_some_and(|k| {
            if m.tok < k {
                k - m.tok <= 8
            } else {
                m.tok - k <= 4
            }
        })
    };
    // a list item "Xitoy – 1,7 mln dona": its country is the partner of
    // the report's subject (the sentence's first country, else the frame's)
    if let Some(item) = list_item_country(doc, info, q) {
        let owner = ms
            .iter()
            .find(|m| m.tok < item.tok && m.code != item.code && m.code != GROUP)
            .map(|m| m.code)
            .or(main.0.filter(|c| *c != item.code));
        if owner.is_some() {
            return (owner, Some(item.code));
        }
    }
    // "attracted $2 bn of foreign investment": into the one country named
    // (unless its name stands right before an investment word, "Kazakh
    // capital", "Қозоғистон капитали": it is where the money comes from)
    let investor = |m: &Mention| {
        doc.toks
            .skip_space(m.tok + 1, info.sent.end)
            .is_some_and(|n| doc.has(n, |t| matches!(t, Tag::Indicator(i) if i == "investment")))
    };
    // ("foreign" itself may be read as a group of countries: it is the
    // investors' side, not named)
    let named: Vec<&Mention> = pick.iter().copied().filter(|m| m.code != GROUP).collect();
    if inflow && named.len() == 1 && named[0].case != Some(Case::From) && !investor(named[0]) {
        return (None, Some(named[0].code));
    }
    if NATIONAL.contains(&indicator) {
        // one country: the owner ("население Узбекистана"), else the sentence's subject
        let m = codes
            .iter()
            .map(|(m, _)| *m)
            .find(|m| m.case == Some(Case::Of))
            .or_else(|| ms.iter().find(|m| m.case.is_none()))
            .unwrap_or(codes[0].0);
        return (Some(m.code), None);
    }
    if pick.len() == 1 {
        let m = pick[0];
        let between = info.present & kind::BETWEEN != 0;
        // the other side is the frame's: its partner for its subject, else
        // its subject ("exports to Kazakhstan" in a report on Kyrgyzstan),
        // or its partner when it has no subject yet ("visited China" before
        // "Kazakhstan signed …")
        let other = if main.0 == Some(m.code) {
            main.1
        } else {
            main.0.or(main.1.filter(|c| *c != m.code))
        };
        // "общий внешнеторговый оборот Казахстана": a total with the world
        // (only of its owner: "оборот с Узбекистаном" names a partner)
        let with = doc
            .toks
            .prev_non_space(m.tok, info.sent.start)
            .is_some_and(|p| doc.has_kind(p, kind::WITH));
        let national = matches!(m.case, Some(Case::Of) | None)
            && !with
            && info.present & kind::NATIONAL_TOTAL != 0
            && (info.sent.start..info.sent.end).any(|i| {
                doc.has_kind(i, kind::NATIONAL_TOTAL)
                    && clause_breaks(doc, i.min(qpos), i.max(qpos)) == 0
            });
        // freight through or within a country is its own; freight to or
        // from it ("shipments to Iran") is between it and the report's country
        let shipped = matches!(m.case, Some(Case::To) | Some(Case::From));
        // "exports to Afghanistan" in a report whose country is not known:
        // the country is the partner, the exporter is not named (investment
        // "in Kazakhstan" with no word of foreign money is its own)
        if indicator.starts_with("trade.")
            && other.is_none()
            && shipped
            && subject_score(role(m), indicator, owner(m)) == 0
        {
            return (None, Some(m.code));
        }
        if (indicator == "freight" && !between && !shipped) || other.is_none() || national {
            return (Some(m.code), None);
        }
        if !directed && other.is_some() && main.0 != Some(m.code) {
            return (other, Some(m.code));
        }
        // "exports to the EAEU countries": a group trades with the
        // report's country, it is not the trader
        if m.code == GROUP && other.is_some() && indicator.starts_with("trade.") {
            return (other, Some(m.code));
        }
        let s = subject_score(role(m), indicator, owner(m));
        return if s >= 1 {
            (Some(m.code), other)
        } else {
            (other, Some(m.code))
        };
    }
    let (a, b) = (pick[0], pick[1]);
    if !directed {
        // the frame's subject first ("trade with China" in a report on Kazakhstan)
        if main.0 == Some(b.code) {
            return (Some(b.code), Some(a.code));
        }
        // an unordered pair: in the order the sentence names them
        let (a, b) = if a.tok <= b.tok { (a, b) } else { (b, a) };
        return (Some(a.code), Some(b.code));
    }
    // a group of countries ("from abroad", "to 7 countries") is the other
    // side of a country's exports or imports, not the trader
    if indicator.starts_with("trade.") {
        match (a.code == GROUP, b.code == GROUP) {
            (true, false) => return (Some(b.code), Some(a.code)),
            (false, true) => return (Some(a.code), Some(b.code)),
            _ => {}
        }
    }
    let (sa, sb) = (
        subject_score(role(a), indicator, owner(a)),
        subject_score(role(b), indicator, owner(b)),
    );
    let a_first = if sa != sb {
        sa > sb
    } else if let Some(k) = kw_tok {
        dist(a.tok, k) <= dist(b.tok, k)
    } else {
        a.tok <= b.tok
    };
    if a_first {
        (Some(a.code), Some(b.code))
    } else {
        (Some(b.code), Some(a.code))
    }
}
