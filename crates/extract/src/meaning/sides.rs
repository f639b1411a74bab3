//! The two sides of a figure (subject and partner): the countries of its
//! clause with their roles, else the report frame's.

use std::borrow::Cow;

use super::sentence::*;
use crate::context::Doc;
use crate::countries::Mention;
use crate::lexicon::{Case, GROUP};
use crate::matcher::{kind, Tag};
use crate::quantities::Quantity;
use crate::tokens::Kind;

/// How likely a country with this role is the subject of a directed
/// indicator; `owner` when its genitive stands next to the indicator word.
pub(super) fn subject_score(case: Option<Case>, indicator: &str, owner: bool) -> i32 {
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
        (_, Some(Case::To)) | (_, Some(Case::At)) | (_, Some(Case::With)) => 0,
    }
}

/// Whether the token at `i` separates a list item's country from its
/// amount: a dash or colon.
fn item_dash(doc: &Doc, i: usize) -> bool {
    doc.toks.kind(i) == Kind::Punct && matches!(doc.toks.norm(i), "-" | "–" | "—" | ":")
}

/// The punctuation token right before the quantity starting at `start`
/// (only spaces between), within the sentence.
fn sep_before(doc: &Doc, info: &SentInfo, start: usize) -> Option<usize> {
    let j = doc.toks.prev_non_space(start, info.sent.start)?;
    (doc.toks.kind(j) == Kind::Punct).then_some(j)
}

/// Whether token `i` separates a list item's country from its amount
/// when the amount follows right after it: a dash or colon ("Xitoy – 1,7
/// mln"), an opening bracket ("Russia ($2.2 billion)", "Россия (2,2
/// млрд)"), a with-word ("followed by Russia with $2.4 billion") or a word
/// of lexicon `item_join` ("Russia for 15.9%").
fn item_sep(doc: &Doc, i: usize) -> bool {
    item_dash(doc, i) || doc.toks.is_punct(i, "(") || doc.has_kind(i, kind::WITH | kind::ITEM_JOIN)
}

/// Whether an amount starts right after the separator at `p` (a number,
/// or a currency sign glued to one; not glued to a dash: "ГЭС-1").
fn amount_after(doc: &Doc, info: &SentInfo, p: usize) -> bool {
    let t = &doc.toks;
    let Some(n) = t.skip_space(p + 1, info.sent.end) else {
        return false;
    };
    let num = |k: usize| t.kind(k) == Kind::Num;
    let signed = t.kind(n) == Kind::Punct
        && !item_sep(doc, n)
        && n + 1 < info.sent.end
        && num(n + 1)
        && t.adjacent(n, n + 1);
    (num(n) || signed) && !(item_dash(doc, p) && t.adjacent(p, n))
}

/// Whether mention `m` opens a list item: its name (a few words) is
/// followed by a separator ([`item_sep`]) and a number, or, with `comma`,
/// by a comma and a number.
pub(crate) fn heads_item(doc: &Doc, info: &SentInfo, m: &Mention, comma: bool) -> bool {
    heads(doc, info, m, comma, item_sep)
}

/// Whether mention `m` opens a list item with a dash or colon ("Xitoy –
/// 1,7 mln"): a list of such items gives amounts, the bracketed
/// percentages after them are shares.
pub(super) fn heads_dash_item(doc: &Doc, info: &SentInfo, m: &Mention) -> bool {
    heads(doc, info, m, false, item_dash)
}

fn heads(
    doc: &Doc,
    info: &SentInfo,
    m: &Mention,
    comma: bool,
    sep: fn(&Doc, usize) -> bool,
) -> bool {
    let t = &doc.toks;
    let end = (m.tok + 8).min(info.sent.end);
    let Some(p) = (m.tok + 1..end).find(|&j| {
        !matches!(t.kind(j), Kind::Space | Kind::Word)
            || doc.has_kind(j, kind::WITH | kind::ITEM_JOIN)
    }) else {
        return false;
    };
    (sep(doc, p) || comma && t.is_punct(p, ",")) && amount_after(doc, info, p)
}

/// The country written right after amount `q` ("23 тыс. тонн в
/// Узбекистан", "23 миң тонна Өзбекстанга", "23 ҳазор тонна ба
/// Ӯзбекистон"): only spaces, prepositions and at most one other word
/// between, no punctuation.
fn tail_country<'m>(doc: &Doc, info: &'m SentInfo, q: &Quantity) -> Option<&'m Mention> {
    let m = info
        .mentions
        .iter()
        .find(|m| m.tok >= q.end && m.code != GROUP)?;
    let mut words = 0;
    for i in q.end..m.tok {
        match doc.toks.kind(i) {
            Kind::Space => {}
            Kind::Word if doc.has_kind(i, kind::PREP) => {}
            Kind::Word if words == 0 => words += 1,
            _ => return None,
        }
    }
    Some(m)
}

/// The country of a list item "Country – amount": only a separator
/// ([`item_sep`]) and spaces between its name and the quantity. In a list
/// of such items a comma may stand for the dash ("Xitoy – 1,7 mln,
/// Hindiston, 14,3 ming"): the item's country is then the word right
/// before it.
pub(crate) fn list_item_country<'m>(
    doc: &Doc,
    info: &'m SentInfo,
    q: &Quantity,
) -> Option<&'m Mention> {
    // (both readings below pick one of the sentence's country mentions)
    if info.mentions.is_empty() {
        return None;
    }
    let t = &doc.toks;
    let j = t.prev_non_space(q.start, info.sent.start)?;
    // ("Khujand with 39 countries"): a count of countries is whom a place
    // deals with, no item's amount
    let of_countries =
        (q.start..(q.end + 2).min(info.sent.end)).any(|i| doc.has_kind(i, kind::COUNTRY_NOUN));
    if of_countries {
        return None;
    }
    if item_sep(doc, j) {
        // (the last word before the separator ends the name; an adjective
        // with its noun, "экспорт узбекской продукции — 240 млн", names
        // goods, no item)
        let j = t.prev_non_space(j, info.sent.start)?;
        return info.mentions.iter().rev().find(|m| {
            m.tok <= j
                && j < m.tok + 6
                && m.code != GROUP
                && !(m.adjective && (m.tok + 1..=j).any(|i| t.kind(i) == Kind::Word))
        });
    }
    if !t.is_punct(j, ",")
        || !info
            .mentions
            .iter()
            .any(|m| heads_item(doc, info, m, false))
    {
        return None;
    }
    let m = info.mentions.iter().rev().find(|m| m.tok < j)?;
    (m.code != GROUP && heads_item(doc, info, m, true)).then_some(m)
}

pub(super) fn opposite(ind: &str) -> Option<&'static str> {
    match ind {
        "trade.export" => Some("trade.import"),
        "trade.import" => Some("trade.export"),
        _ => None,
    }
}

/// Whether mention `m` stands alone in brackets right after a capitalised
/// name that is no country ("Hyundai Engineering (South Korea)").
pub(super) fn name_gloss(doc: &Doc, info: &SentInfo, m: &Mention) -> bool {
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

/// The country that goes with amount `q` by "respectively": in the
/// sentence's run of countries joined by commas and "and" ("Китая, России
/// и Турции") as long as its amounts in `q`'s unit (two or more), the k-th
/// for the k-th; the preposition of the first is that of all ("Из Китая,
/// России и Турции"). Returns the tokens of the run's countries and the
/// one for `q`.
fn respective(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    qs: &[Quantity],
) -> Option<(Vec<usize>, Mention)> {
    if info.present & kind::RESPECTIVELY == 0 {
        return None;
    }
    let t = &doc.toks;
    let amounts: Vec<&Quantity> = qs.iter().filter(|o| o.unit == q.unit).collect();
    let k = amounts.iter().position(|o| o.start == q.start)?;
    if amounts.len() < 2 {
        return None;
    }
    // (only spaces, commas, "and" and the words of a name between two
    // countries of one run)
    let joined = |a: &Mention, b: &Mention| {
        let between = a.tok + 1..b.tok;
        between
            .clone()
            .any(|i| t.is_punct(i, ",") || doc.has_kind(i, kind::CONJ))
            && between.clone().all(|i| match t.kind(i) {
                Kind::Space => true,
                Kind::Punct => t.is_punct(i, ","),
                _ => doc.has_kind(i, kind::CONJ | kind::COUNTRY),
            })
    };
    let ms: Vec<&Mention> = info.mentions.iter().filter(|m| m.code != GROUP).collect();
    let mut run_start = 0;
    for end in 1..=ms.len() {
        if end == ms.len() || !joined(ms[end - 1], ms[end]) {
            let run = &ms[run_start..end];
            if run.len() == amounts.len() {
                let m = Mention {
                    case: run[0].case,
                    ..run[k].clone()
                };
                return Some((run.iter().map(|m| m.tok).collect(), m));
            }
            run_start = end;
        }
    }
    None
}

/// The country of amount `q` where a sentence gives several countries each
/// with its own amount, "A X and B Y" ("Сармоягузории Федератсияи Россия
/// 97,4 миллион доллар ва Ҷумҳурии Туркия 41,8 миллион доллар"): each of
/// two or more amounts in `q`'s unit has exactly one country between it
/// and the amount before it, the first country before the first amount,
/// and none of them heads a list item. Returns the countries' tokens and
/// the one for `q`.
fn interleaved(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    qs: &[Quantity],
) -> Option<(Vec<usize>, Mention)> {
    let same_unit = || qs.iter().filter(|o| o.unit == q.unit);
    // (list items, "Россия (2,2 млрд)", "Китай – 1,5 млрд", are read as such)
    if same_unit().nth(1).is_none() || qs.iter().any(|o| list_item_country(doc, info, o).is_some())
    {
        return None;
    }
    let amounts: Vec<&Quantity> = same_unit().collect();
    let ms: Vec<&Mention> = info.mentions.iter().filter(|m| m.code != GROUP).collect();
    let mut picked = Vec::with_capacity(amounts.len());
    let mut from = info.sent.start;
    for a in &amounts {
        let between: Vec<&&Mention> = ms
            .iter()
            .filter(|m| m.tok >= from && m.tok < a.start)
            .collect();
        match between.as_slice() {
            [m] if m.case.is_none() || m.case == Some(Case::Of) => picked.push(**m),
            _ => return None,
        }
        from = a.end;
    }
    // (and no country after the last amount: "… to Russia and Turkey")
    if ms.iter().any(|m| m.tok >= from) {
        return None;
    }
    let k = amounts.iter().position(|o| o.start == q.start)?;
    Some((picked.iter().map(|m| m.tok).collect(), picked[k].clone()))
}

/// Whether an inflow cue ("foreign", "attracted") speaks of figure `q`:
/// one after "of which" that follows the figure speaks of a part of it
/// ("investment of 1.4 trn, of which 65% foreign": the whole is domestic).
pub(super) fn inflow_cue(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    if info.present & kind::INFLOW == 0 {
        return false;
    }
    let keep = (q.end..info.sent.end).find(|&i| doc.has_kind(i, kind::FRAME_KEEP));
    (info.sent.start..info.sent.end)
        .any(|i| doc.has_kind(i, kind::INFLOW) && keep.is_none_or(|k| i < k))
}

/// Whether firms counted by `q` have foreign capital: an inflow word
/// ("иностранного капитала", "foreign") within eight tokens, or before the
/// count in its clause ("the number of enterprises with foreign capital in
/// Kyrgyzstan stood at 3,214").
fn enterprises_inflow(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    near(doc, info, q, 8, kind::INFLOW).is_some()
        || (info.present & kind::INFLOW != 0
            && (q.start.saturating_sub(24).max(info.sent.start)..q.start)
                .any(|i| doc.has_kind(i, kind::INFLOW) && clause_breaks(doc, i, q.start) == 0))
}

/// Whether a word of a total with the world ("сыртқы сауда", "foreign
/// trade") stands in the clause of figure `q`.
fn national_total(doc: &Doc, info: &SentInfo, q: &Quantity) -> bool {
    info.present & kind::NATIONAL_TOTAL != 0
        && (info.sent.start..info.sent.end).any(|i| {
            doc.has_kind(i, kind::NATIONAL_TOTAL)
                && clause_breaks(doc, i.min(q.num_start), i.max(q.num_start)) == 0
        })
}

pub(super) fn pair(
    doc: &Doc,
    info: &SentInfo,
    q: &Quantity,
    qs: &[Quantity],
    indicator: &str,
    kw_tok: Option<usize>,
    share: bool,
) -> (Option<&'static str>, Option<&'static str>) {
    let main = &info.lent.sides;
    // "412 ta korxona …, ulardan 96 tasi Rossiya …": countries after an "of
    // which" word that follows the figure are its parts', not its own
    // (copied only then: most sentences have no such word)
    // (nor are those after a semicolon that follows it: "… 1.9 million
    // tonnes worth $1.6 billion; Russia bought 42 percent of them")
    let own: Cow<[Mention]> = match (q.end..info.sent.end)
        .find(|&i| doc.has_kind(i, kind::ANAPHORA) || doc.toks.is_punct(i, ";"))
    {
        Some(a) => info
            .mentions
            .iter()
            .filter(|m| m.tok < a)
            .cloned()
            .collect(),
        None => Cow::Borrowed(&info.mentions),
    };
    // ("the largest buyer, taking 2.9 Mt, followed by Afghanistan with 1.4
    // Mt"): a country heading a list item of another amount is that item's
    // side, not this figure's
    let own_item = list_item_country(doc, info, q);
    let mut items: Vec<usize> = match own_item {
        Some(_) => Vec::new(),
        None => qs
            .iter()
            .filter_map(|o| list_item_country(doc, info, o))
            .map(|m| m.tok)
            .collect(),
    };
    // ("68 тыс. тонн в Россию, 41,5 тыс. тонн в Казахстан и 23 тыс. тонн в
    // Узбекистан"): in a list of amounts each followed by its country, the
    // country right after another amount is that amount's
    if tail_country(doc, info, q).is_some() {
        items.extend(
            qs.iter()
                .filter(|o| o.start != q.start)
                .filter_map(|o| tail_country(doc, info, o))
                .map(|m| m.tok),
        );
    }
    let own: Cow<[Mention]> = if own.iter().any(|m| items.contains(&m.tok)) {
        own.iter()
            .filter(|m| !items.contains(&m.tok))
            .cloned()
            .collect()
    } else {
        own
    };
    // ("Из Китая, России и Турции завезено на 255 млн, 190 млн и 61 млн
    // долларов соответственно"): with "respectively", the amounts of one
    // unit go one by one with the countries, in order
    let respectively = respective(doc, info, q, qs).or_else(|| interleaved(doc, info, q, qs));
    let own_item_tok = respectively.as_ref().map(|(_, m)| m.tok);
    let own: Cow<[Mention]> = match respectively {
        Some((run, m)) => {
            let mut kept: Vec<Mention> = own
                .iter()
                .filter(|o| !run.contains(&o.tok))
                .cloned()
                .chain([m])
                .collect();
            kept.sort_by_key(|m| m.tok);
            Cow::Owned(kept)
        }
        None => own,
    };
    let ms = &own;
    let qpos = q.num_start;
    // (exports or imports are the subject's total when the clauses after
    // the figure's name several countries, one of them new to the report:
    // the partners they break down into, "its main buyers were A and B")
    let all = &info.mentions;
    let head_last = doc.lex.head_last.iter().any(|l| l == info.lang);
    if head_last
        && opposite(indicator).is_some()
        && main.0.is_some()
        && all.iter().any(|m| m.code != all[0].code)
        && all
            .iter()
            .any(|m| main.0 != Some(m.code) && main.1 != Some(m.code))
        && all
            .iter()
            .all(|m| m.tok > qpos && clause_breaks(doc, qpos, m.tok) > 0)
    {
        return (main.0, None);
    }
    // (foreign capital: "xorijiy kapital ishtirokidagi 412 ta korxona",
    // "1 840 предприятий с участием иностранного капитала"; "domestic and
    // foreign" firms are a national total)
    let inflow = (indicator == "investment" && inflow_cue(doc, info, q)
        || indicator == "enterprises" && enterprises_inflow(doc, info, q))
        && !national_total(doc, info, q);
    if ms.is_empty() {
        if inflow {
            match *main {
                (Some(c), None) => return (None, Some(c)),
                // attracted by the report's country from its partner
                // ("2 mlrd dollardan astam ınvestıtsııa tartylady" in a
                // report on an agreement with China), unless it is foreign
                // money, from any investors ("сармоягузорони хориҷӣ")
                (Some(a), Some(b)) => {
                    let foreign = (info.sent.start..info.sent.end).any(|i| {
                        doc.has_kind(i, kind::INFLOW) && doc.has(i, |t| *t == Tag::Inflow(true))
                    });
                    return (Some(b).filter(|_| !foreign), Some(a));
                }
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
            // frame's subject, not its partner (its partner when the frame
            // has only that: foreign money or firms came into it from no
            // named country, "investment attracted into X … the GDP of the
            // country")
            _ if NATIONAL.contains(&indicator) => (main.0.or(main.1), None),
            // a total with the world ("the city's foreign trade turnover")
            // is the frame's subject's alone
            _ if national_total(doc, info, q) => (main.0, None),
            _ => *main,
        };
    }
    // "Its volume grew 11.2 times, … behind the growth of Kazakhstan's
    // foreign trade": a clause opening the sentence with "its" speaks of
    // what the report was about; countries of later clauses compare
    let opens_with_its = (info.sent.start..info.sent.end)
        .filter(|&i| doc.toks.kind(i) == Kind::Word)
        .take(1)
        .any(|i| doc.has_kind(i, kind::ANAPHORA));
    if opens_with_its
        && main.0.is_some()
        && !ms
            .iter()
            .any(|m| m.tok < qpos || clause_breaks(doc, qpos, m.tok) == 0)
    {
        return *main;
    }
    // the nearest mention of each code
    let cost = |m: &Mention| {
        if m.tok < qpos {
            (qpos - m.tok) as f64
        } else {
            (m.tok - qpos) as f64 * 1.5
        }
    };
    // countries of the figure's own clause, when it names two of them
    // ("A's turnover with B was $41 bn, and C's trade with D …")
    // (the country "respectively" gives it counts as of its clause)
    let same_clause = |m: &Mention| {
        own_item_tok == Some(m.tok) || clause_breaks(doc, m.tok.min(qpos), m.tok.max(qpos)) == 0
    };
    let own_clause_named = ms.iter().any(same_clause);
    // "Ун экспорти 650 минг тоннани ташкил этди, унинг асосий
    // харидорлари Афғонистон ва Ўзбекистон бўлди": where the verb closes
    // the clause, countries named only in clauses after the figure's speak
    // of something else; the figure is the report's
    if head_last && !own_clause_named && main.0.is_some() && ms.iter().all(|m| m.tok > qpos) {
        return *main;
    }
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
        // "вложили в таджикскую экономику": an adjective after a to-word
        // names where the investment goes
        let after_to = || {
            doc.toks
                .prev_non_space(m.tok, info.sent.start)
                .is_some_and(|p| doc.has(p, |t| *t == Tag::Prep(Case::To)))
        };
        if m.adjective && indicator == "investment" && after_to() {
            return Some(Case::To);
        }
        // "imports of Turkmen gas": an adjective after the import word
        // names where the goods come from
        if m.adjective && indicator == "trade.import" && kw_tok.is_some_and(|k| k < m.tok) {
            return Some(Case::From);
        }
        let Some(opp) = opposite(indicator) else {
            return m.case;
        };
        // a country tied to the opposite flow ("экспорт из A в B, а импорт
        // …"): the nearest flow word of its own clause, if it has one
        let flows = || {
            info.keywords
                .iter()
                .filter(|(_, _, ind)| *ind == "trade.export" || *ind == "trade.import")
        };
        let own_clause = |k: usize| clause_breaks(doc, k.min(m.tok), k.max(m.tok)) == 0;
        let nearest = flows()
            .filter(|(s, _, _)| own_clause(*s))
            .min_by_key(|(s, _, _)| dist(*s, m.tok))
            .or_else(|| flows().min_by_key(|(s, _, _)| dist(*s, m.tok)));
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
    let mut pick: Vec<&Mention> = {
        let in_main = |c: &str| main.0 == Some(c) || main.1 == Some(c);
        let mains = || codes.iter().map(|(m, _)| *m).filter(|m| in_main(m.code));
        if mains().nth(1).is_some() {
            mains().take(2).collect()
        } else {
            codes.iter().take(2).map(|(m, _)| *m).collect()
        }
    };
    // "Кыргызстан Ооганстан жана Пакистанга экспорттойт": where the two
    // nearest are both destinations (or both origins of imports), a third
    // country in a trader's role is the subject
    let score = |m: &Mention| subject_score(role(m), indicator, false);
    let mut frame_trader = None;
    if indicator.starts_with("trade.") && pick.len() == 2 && pick.iter().all(|m| score(m) == 0) {
        let trader = codes
            .iter()
            .map(|(m, _)| *m)
            .find(|m| m.code != GROUP && score(m) >= 2 && pick.iter().all(|p| p.code != m.code));
        match trader {
            Some(t) => pick[1] = t,
            // none named: the report's subject trades with the nearest
            // ("аз Русия орд ва аз Покистон шакар ворид шуд", "в Казахстан
            // отправлено 310 тыс. тонн, в Китай — 120 тыс.")
            None => frame_trader = main.0.filter(|c| pick.iter().all(|p| p.code != *c)),
        }
    }
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
    if let Some(item) = own_item {
        // ("investment in Uzbekistan …: China – 3.1 bn, Russia – 2.4 bn",
        // "China was the largest investor …, followed by Russia with $2.4
        // bn"): in a report of money or firms coming into a country (the
        // frame's partner), each item is an investor in it, unless the
        // sentence names another country the money goes to
        let host = main.1.filter(|h| {
            main.0 != Some(item.code)
                && matches!(indicator, "investment" | "enterprises")
                && *h != item.code
                && !ms.iter().any(|m| {
                    m.tok < item.tok && m.code != *h && matches!(m.case, Some(Case::To | Case::At))
                })
        });
        if host.is_some() {
            return (Some(item.code), host);
        }
        // (an earlier item of the list, "Xitoy – 7,9 mlrd, Rossiya – 6,1
        // mlrd", or a destination, "в Россию … , в Казахстан — 90 тыс.",
        // is no owner)
        // (nor is a share-holder of an earlier share: "На долю Китая
        // пришлось 14%, России — 12%": whose whole is the frame's)
        let holder = |m: &Mention| {
            share
                && (m.tok.saturating_sub(4).max(info.sent.start)..(m.tok + 3).min(info.sent.end))
                    .any(|i| doc.has_kind(i, kind::SHARE))
        };
        let owner = ms
            .iter()
            .find(|m| {
                m.tok < item.tok
                    && m.code != item.code
                    && m.code != GROUP
                    && !matches!(m.case, Some(Case::To | Case::With))
                    && !heads_item(doc, info, m, true)
                    && !holder(m)
            })
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
        // "A exported to B …, and from B were imported …": a clause that
        // names only where goods go or come from shares the subject named
        // in an earlier clause of its sentence (or the owner of the body
        // that speaks: "Минторговли Казахстана: экспорт в Узбекистан …")
        let told = || {
            ms.iter()
                .find(|x| {
                    x.tok < m.tok
                        && matches!(x.case, None | Some(Case::Of))
                        && !x.adjective
                        && x.code != m.code
                        && x.code != GROUP
                        && !same_clause(x)
                })
                .map(|x| x.code)
        };
        let shipped = matches!(m.case, Some(Case::To) | Some(Case::From));
        let other = if directed && shipped && own_clause_named {
            told().or(other)
        } else {
            other
        };
        // "общий внешнеторговый оборот Казахстана": a total with the world
        // (only of its owner: "оборот с Узбекистаном" names a partner)
        let with = doc
            .toks
            .prev_non_space(m.tok, info.sent.start)
            .is_some_and(|p| doc.has_kind(p, kind::WITH));
        // (so is a figure of the one country its sentence names as its
        // owner before any sentence has named a side: the document's other
        // most named country is a guess, "Экспорт Туркестанской области за
        // 2023 год составил …" in a report on trade with Uzbekistan)
        // (but a share of another country in the report's total is that
        // country's part of the report's subject's trade: "Ташқи савдо
        // айланмасида Қозоғистоннинг улуши 6,7 фоиз")
        let part_of_total = share && main.0.is_some_and(|c| c != m.code);
        let national = matches!(m.case, Some(Case::Of) | None)
            && !with
            && !part_of_total
            && (national_total(doc, info, q) || info.lent.guessed);
        // (freight through or within a country is its own; freight to or
        // from it, "shipments to Iran", is between it and the report's
        // country)
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
        // "Qozog'iston 1,9 mln tonna bug'doy eksport qildi" in an Uzbek text
        // that has named no side: another country's own figure, the home
        // country of the language is no side of it
        let foreign = info.lent.home
            && opposite(indicator).is_some()
            && !shipped
            && m.code != GROUP
            && main.0 != Some(m.code);
        // ("товарооборот с Узбекистаном" in a report whose country is not
        // known: the country traded with is the partner, never the trader;
        // the trader is one an earlier clause of the sentence names, "Лидером
        // остается Казахстан: его торговля с КНР …")
        if other.is_none() && m.case == Some(Case::With) && !NATIONAL.contains(&indicator) {
            return (told(), Some(m.code));
        }
        // (a share of the report's freight is the part going that way: "на
        // направление Узбекистана пришлось 38%")
        if (indicator == "freight" && !between && !shipped && !part_of_total)
            || other.is_none()
            || national
            || foreign
        {
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
        // "Основными покупателями стали Турция (52 тыс. тонн)": with the
        // indicator read from the report's topic, a country with no role
        // is the partner of the report's subject; so is one whose part of
        // the subject's trade a share gives ("Россия, на долю которой
        // пришлось 38% поставок")
        let from_topic = kw_tok.is_none()
            && q.noun_indicator.is_none()
            && !info.keywords.iter().any(|(_, _, i)| *i == indicator);
        let s = if (from_topic || share)
            && indicator.starts_with("trade.")
            && m.case.is_none()
            && main.0.is_some_and(|c| c != m.code)
        {
            0
        } else {
            subject_score(role(m), indicator, owner(m))
        };
        // ("… Qozog'iston investitsiyalari 1,2 mlrd", then "the largest
        // investors: China ($6.1 bn)"): another investor named as an item
        // puts its money where the report's investor did, into the frame's
        // host country
        // (named as an item: "Xitoy (6,1 mlrd dollar)", "Xitoy – 6,1 mlrd")
        let item = heads_item(doc, info, m, false)
            || sep_before(doc, info, q.start)
                .is_some_and(|j| doc.toks.is_punct(j, "(") && j > m.tok && j - m.tok <= 4);
        let host = main.1.filter(|h| {
            matches!(indicator, "investment" | "enterprises")
                && item
                && *h != m.code
                && main.0.is_some_and(|c| c != m.code)
        });
        return if s >= 1 {
            (Some(m.code), host.or(other))
        } else {
            (other, Some(m.code))
        };
    }
    let (a, b) = (pick[0], pick[1]);
    if let Some(c) = frame_trader {
        return (Some(c), Some(a.code));
    }
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
