//! The indicator of a figure: the counted noun, the indicator word nearest
//! to it in its clause, or the report's topic when the sentence names none.

use super::sentence::*;
use crate::context::Doc;
use crate::lexicon::{Case, ANY_NOUN, BUILT_NOUN, GROUP};
use crate::matcher::{kind, kind::Kinds, Tag};
use crate::quantities::Quantity;
use crate::tokens::Kind;

/// Whether only spaces and at most one word (an adjective: "хорижий",
/// "foreign") stand between the end of a quantity `a` and a keyword at `b`.
/// Whether the country word at `i` is an adjective or a group ("Chinese",
/// "foreign"), not a country's name.
pub(super) fn adjective(doc: &Doc, i: usize) -> bool {
    doc.has(
        i,
        |t| matches!(t, Tag::Country(c, adj) if *adj || c == GROUP),
    )
}

pub(super) fn modified_by(doc: &Doc, a: usize, b: usize) -> bool {
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

/// Whether a cue of kind `bit` (a building word, "сохтмони", "курулат";
/// an allocating one, "равона гардид") stands within `radius` tokens of
/// `q` in its sentence, with at most `breaks` clause breaks between them
/// (and, with `clause`, no conjunction: "24 нерӯгоҳ кор мекунад ва сохтани
/// 10 нерӯгоҳ" builds only the ten).
fn cue_near(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    bit: Kinds,
    radius: usize,
    breaks: usize,
    clause: bool,
) -> bool {
    if info.present & bit == 0 {
        return false;
    }
    let lo = q.start.saturating_sub(radius).max(info.sent.start);
    let hi = (q.end + radius).min(info.sent.end);
    (lo..hi).any(|i| {
        let (a, b) = if i < q.start {
            (i, q.start)
        } else {
            (q.end, i)
        };
        doc.has_kind(i, bit)
            && clause_breaks(doc, a, b) <= breaks
            && !(clause && (a..b).any(|j| doc.has_kind(j, kind::CONJ)))
    })
}

/// The indicator of `q` and the token of the word that names it: the
/// nearest indicator word, else what building or allocating says of money.
pub(super) fn indicator(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    unit: &str,
    qs: &[Quantity],
) -> (&'static str, Option<usize>) {
    let (ind, tok) = nearest_indicator(doc, info, q, unit, qs);
    // "сохтмони пул ба маблағи 70 миллион сомонӣ", "курулушунун наркы 2
    // млрд доллар": an amount worth something, in a sentence of building,
    // is the value of a project, not of the "construction" other-measure
    let currency = unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
    if ind == "other"
        && q.fixed.is_none()
        && currency
        && cue_before(doc, info, q, 8, kind::WORTH).is_some()
        && cue_near(doc, info, q, kind::BUILD, 96, usize::MAX, false)
    {
        return ("projects", tok);
    }
    // "5 миллиард сомонӣ равона гардид", "300 млн доллар бөлөт": money
    // allocated, that no word of the sentence or topic of the report
    // names (but the building it goes to: "барои сохтмони роҳ 1,8 миллиард
    // сомонӣ равона карда шуд"), is invested (by the country the text
    // speaks of); not what a
    // source that is no country gives out ("фондунан 100 млн доллар
    // бөлүнөт", from a fund: a fund's spending)
    let from_source = doc
        .toks
        .prev_non_space(q.start, info.sent.start)
        .is_some_and(|p| {
            doc.toks.kind(p) == Kind::Word
                && !doc.has_kind(p, kind::COUNTRY)
                && doc.case_of_ending(doc.toks.norm(p), info.lang) == Some(Case::From)
        });
    if ind == "other"
        && tok.is_none_or(|t| doc.has_kind(t, kind::BUILD))
        && currency
        && q.fixed.is_none()
        && info.lent.topic.is_none()
        && !from_source
        && cue_near(doc, info, q, kind::ALLOCATE, 48, 1, false)
    {
        return ("investment", None);
    }
    (ind, tok)
}

/// The indicator the words around `q` name, with the token of the word.
fn nearest_indicator(
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
        // plants and stations are projects where their clause builds them
        let ind = match ind {
            BUILT_NOUN if cue_near(doc, info, q, kind::BUILD, 24, 0, true) => "projects",
            BUILT_NOUN => "other",
            _ => ind,
        };
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
    let currency = unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
    // "umumiy qiymati 100 mln dollar bo‘lgan … loyihasi", "qiymati 45 mln
    // dollarlik … memorandum": where heads come last, an amount after a
    // worth word is the value of the project or agreement the phrase ends
    // in (only words of other measures, what is made or built, between)
    if head_last && currency && cue_before(doc, info, q, 8, kind::WORTH).is_some() {
        let head = info
            .keywords
            .iter()
            .filter(|(s, _, _)| *s >= q.end && *s - q.end <= 30)
            .find(|(_, _, i)| *i != "other");
        // (the value of counted agreements is theirs: "15 mlrd dollar
        // bolatyn 70 kelisim"; money under one agreement is a project's)
        if let Some((s, _, i)) = head.filter(|(_, _, i)| matches!(*i, "projects" | "agreements")) {
            let counted = qs.iter().any(|o| o.start <= *s && *s < o.end);
            return (if counted { i } else { "projects" }, Some(*s));
        }
    }
    // "на общую сумму 1,7 млрд": the value of the counted things nearby
    if let Some(worth) = cue_before(doc, info, q, 8, kind::WORTH) {
        // (not those of a relative clause after it: "deals worth $2 billion,
        // which will create 3,000 jobs")
        let relative = |o: &Quantity| {
            o.start > q.end && (q.end..o.start).any(|j| doc.has_in(j, info.lang, kind::RELATIVE))
        };
        // (people are worth no money: "құны 1,2 млрд теңге, онда 1,5 мың
        // жұмыс орны ашылады" values no jobs)
        let counted = qs
            .iter()
            .filter(|o| {
                o.noun_indicator.is_some()
                    && o.unit != Some("person")
                    && o.start != q.start
                    && !relative(o)
            })
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
        // ("подписаны соглашения на сумму 3,4 млрд", "deals worth $3.8
        // billion": the value of the agreements named right before the
        // worth word, uncounted)
        let named = || {
            info.keywords
                .iter()
                .any(|(_, e, i)| *i == "agreements" && *e <= worth && worth - *e <= 2)
        };
        if currency && counted.is_none() && named() {
            return ("agreements", None);
        }
    }
    // "1,2 mlrd dollar bolatyn 7 joba", "$2 bn worth of 12 agreements": an
    // amount right before counted projects or agreements is their value
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
    // "investitsiyalar tarkibida … kreditlar 818 mlrd", "в структуре
    // экспорта … (28%)": in the structure of an indicator (named right
    // before or right after the word) each amount after it is a part of
    // that indicator
    if info.present & kind::COMPOSITION != 0 {
        let spaces = |a: usize, b: usize| (a..b).all(|j| doc.toks.kind(j) == Kind::Space);
        let whole = (info.sent.start..q.start)
            .filter(|&i| doc.has_kind(i, kind::COMPOSITION))
            .find_map(|i| {
                let end = doc
                    .tags(i)
                    .filter(|(_, t)| **t == Tag::Composition)
                    .map(|(m, _)| m.end)
                    .max()
                    .unwrap_or(i + 1);
                info.keywords.iter().find(|(s, e, ind)| {
                    *ind != "other"
                        && ((*e <= i && spaces(*e, i))
                            || (*s >= end && *s < q.start && spaces(end, *s)))
                })
            });
        if let Some((s, _, ind)) = whole.filter(|(_, _, ind)| fits(ind)) {
            return (ind, Some(*s));
        }
    }
    // a word inside a longer entry is part of it ("на душу населения" is
    // no population word), and an indicator word shared with an
    // other-measure phrase is that phrase's ("электрондық сауда көлемі")
    // (but an other-measure word inside a longer indicator entry is part
    // of that entry: "loan agreement")
    let inside = |s: usize, e: usize, ind: &str| {
        info.keywords.iter().any(|(s2, e2, i2)| {
            (*s2 <= s && e <= *e2 && e2 - s2 > e - s)
                || (*i2 == "other"
                    && ind != "other"
                    && *s2 < e
                    && s < *e2
                    && !(s <= *s2 && *e2 <= e && e - s > e2 - s2))
        })
    };
    // ("30,1 млрд долларов, из которых на экспорт пришлось 15,4 млрд"): the
    // words after an "of which" word that follows the figure name its parts
    let parts = (q.end..info.sent.end).find(|&i| doc.has_kind(i, kind::ANAPHORA));
    for (s, e, ind) in info
        .keywords
        .iter()
        .filter(|(s, e, ind)| fits(ind) && !inside(*s, *e, ind))
        .filter(|(s, e, _)| !in_aside(doc, info, *s, *e, q.start))
        .filter(|(s, _, _)| parts.is_none_or(|a| *s < a))
    {
        let multi = e - s > 1;
        let cost = if *e <= q.start {
            dist(*e, q.start) as f64 + 8.0 * clause_breaks(doc, *e, q.start) as f64
        } else if *s >= q.end && modified_by(doc, q.end, *s) {
            // "2,4 трлн сўмлик хорижий инвестиция", "$45 million investment":
            // the amount qualifies the noun right after it
            0.5
        } else if *s >= q.end
            && (q.end..*s).any(|i| doc.has_kind(i, kind::CONJ))
            && !(head_last && clause_breaks(doc, q.end, *s) == 0 && closes_items(doc, info, *e))
            && !closes_clause(doc, info, *e)
        {
            // "… to 2.48 billion dlrs and imports …": the next item's word
            // (not a verb closing the clause, that governs each item of
            // the list before it: "1,8 mln tonna bug‘doy va 420 ming tonna
            // un keltirildi", "210 миң тонна цемент жана 18 миң автоунаа
            // алынып келинди")
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
    // "Икки давлат раҳбарлари … бу кўрсаткични 10 миллиард долларга
    // етказиш": a word pointing back at the last figure, between the
    // nearest word and the figure, stands for the figure's indicator
    let points_back = |tok: usize| {
        info.present & kind::THIS_INDICATOR != 0
            && tok < q.start
            && (tok + 1..q.start).any(|i| doc.has_in(i, info.lang, kind::THIS_INDICATOR))
    };
    if let Some((ind, _)) = best
        .filter(|(_, _, tok)| points_back(*tok))
        .and(info.lent.topic)
        .filter(|(ind, _)| fits(ind))
    {
        return (ind, None);
    }
    if let Some((_, ind, tok)) = best {
        // "сармояи хориҷӣ ворид гардид" (foreign investment came in): a
        // word of trade after an investment word of its clause (no
        // conjunction between) is that investment's flow
        if matches!(ind, "trade.export" | "trade.import") {
            let invested = info.keywords.iter().find(|(s, e, i)| {
                *i == "investment"
                    && *e <= tok
                    && tok - *e <= 8
                    && clause_breaks(doc, *s, tok) == 0
                    && !(*e..tok).any(|j| doc.has_kind(j, kind::CONJ))
            });
            if let Some((s, _, _)) = invested {
                return ("investment", Some(*s));
            }
        }
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
        // noun after a preposition depends on the indicator word before it,
        // also, where heads come first, with one word between when the
        // preposition follows that word ("предприятий с российским
        // капиталом"; not "trade protocol to buy", "agreements to attract
        // investment")
        if ind != "other" {
            let prep_next = |e: usize| {
                doc.toks
                    .skip_space(e, tok)
                    .is_some_and(|j| doc.has_kind(j, kind::PREP))
            };
            let governs = info.keywords.iter().find(|(s, e, i)| {
                *i != "other"
                    && !inside(*s, *e, i)
                    && *e <= tok
                    && (tok - *e <= 4 || head_first && tok - *e <= 6 && prep_next(*e))
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
        // (in a unit the head is measured in: "предприятие по производству
        // … стоимостью 150 млн" is no count of enterprises)
        if ind == "other" && !head_last {
            if let Some((s, _, i)) = head(false).filter(|(_, _, i)| fits(i)) {
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
    // "the main buyers were Russia (2.2 bn) and China (1.5 bn)": amounts
    // of the countries that buy from the report's are its exports (not a
    // seller word: "the largest exporter to it" may be said of either side)
    let buyers = info.present & kind::ROLE != 0
        && (info.sent.start..info.sent.end)
            .any(|i| doc.has_kind(i, kind::ROLE) && doc.has(i, |t| *t == Tag::Role(Case::To)));
    if buyers && unit != "count" && unit != "person" {
        return ("trade.export", None);
    }
    // the report's topic, in a unit it is measured in ("… a capacity of 150
    // thousand tonnes" in a report on new enterprises is no count of them)
    if let Some((ind, _)) = info.lent.topic.filter(|(ind, _)| fits(ind)) {
        return (ind, None);
    }
    // the report's last trade or freight figure in this unit of measure
    if let Some((_, ind)) = info.lent.measured.filter(|(u, _)| *u == unit) {
        return (ind, None);
    }
    let by_unit = doc.lex.unit_indicators.get(unit);
    (by_unit.map_or("other", |u| u.as_str()), None)
}

/// Whether the word at `s..e` stands in an aside that closes before token
/// `to`: a clause opened by a comma and an aside word ("Total trade with X,
/// involving swaps of farm produce, is estimated at …") and closed by a
/// comma before `to`.
fn in_aside(doc: &Doc, info: &SentInfo, s: usize, e: usize, to: usize) -> bool {
    if info.present & kind::ASIDE == 0 || e > to {
        return false;
    }
    let t = &doc.toks;
    let comma = |i: usize| t.kind(i) == Kind::Punct && t.norm(i) == ",";
    let Some(open) = (info.sent.start..s).rev().find(|&i| comma(i)) else {
        return false;
    };
    let opener = (open + 1..=s)
        .find(|&i| t.kind(i) != Kind::Space)
        .is_some_and(|i| doc.has_kind(i, kind::ASIDE));
    opener && (e..to).any(comma)
}

/// Whether the word ending at token `e` closes its clause: punctuation or
/// the sentence's end follows it, or a plan word that does.
fn closes_clause(doc: &Doc, info: &SentInfo, e: usize) -> bool {
    let t = &doc.toks;
    let rest = (e..info.sent.end)
        .take_while(|&i| t.kind(i) != Kind::Punct)
        .filter(|&i| t.kind(i) != Kind::Space);
    // a plan word after the verb closes the clause with it ("экспорттоо
    // пландалууда", "eksport qilish rejalashtirilmoqda": is planned to be
    // exported)
    let plan = kind::TARGET | kind::FORECAST | kind::FINAL_FORECAST;
    rest.clone().count() == 0
        || rest.clone().count() <= 3
            && rest.clone().all(|i| t.kind(i) == Kind::Word)
            && rest.clone().any(|i| doc.has_kind(i, plan))
}

/// The start of an other-measure word (not inside a longer entry) that
/// follows token `end` with at most a space between.
pub(super) fn measured_after(doc: &Doc, info: &SentInfo, end: usize) -> Option<usize> {
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

/// Whether the indicator word ending at token `e` ends its clause (only
/// punctuation after it): the verb of all the items before it.
fn closes_items(doc: &Doc, info: &SentInfo, e: usize) -> bool {
    // (its auxiliary verbs may follow: "eksport qildi", "ворид карда шуд")
    let mut words = 0;
    for i in e..info.sent.end {
        match doc.toks.kind(i) {
            Kind::Punct => return true,
            Kind::Word => {
                words += 1;
                if words > 2 {
                    return false;
                }
            }
            Kind::Num => return false,
            _ => {}
        }
    }
    true
}
