//! Country mentions with the role their case ending or preposition gives
//! (`из Казахстана`, `Өзбекстанға`, `Россиянинг`, `казахстанских`), and the
//! document's main pair of countries.

use crate::context::Doc;
use crate::lexicon::{Case, GROUP};
use crate::matcher::{kind, Match, Tag};
use crate::tokens::Kind;

/// A country named in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Token of the name.
    pub tok: usize,
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// Role from the ending or preposition.
    pub case: Option<Case>,
    /// Named by an adjective ("Russian", "казахстанских"): it describes a
    /// thing of that country.
    pub adjective: bool,
}

/// The role a buyer or seller word ([`Tag::Role`]) gives the bare name at
/// `i..m_end`: up to four words before or after it, in its clause
/// ("Основным покупателем стал Казахстан", "China remained the main
/// supplier").
fn role_near(doc: &Doc, i: usize, m_end: usize, start: usize, end: usize) -> Option<Case> {
    if doc.kinds_in(start, end) & kind::ROLE == 0 {
        return None;
    }
    let t = &doc.toks;
    let role = |k: usize| {
        doc.tags(k).find_map(|(_, tag)| match tag {
            Tag::Role(c) => Some(*c),
            _ => None,
        })
    };
    let words = |it: &mut dyn Iterator<Item = usize>| {
        it.filter(|&k| t.kind(k) != Kind::Space)
            .take_while(|&k| t.kind(k) == Kind::Word)
            .take(4)
            .find_map(role)
    };
    words(&mut (m_end..end)).or_else(|| words(&mut (start..i).rev()))
}

/// The cities and regions the document names, in order: (token, country of
/// the first [`Tag::Place`] starting there); empty in a document without a
/// region word ([`region`] is the only reader).
pub(crate) fn places(doc: &Doc) -> Vec<(usize, &'static str)> {
    let n = doc.toks.len();
    if doc.kinds_in(0, n) & kind::REGION_NOUN == 0 {
        return Vec::new();
    }
    (0..n)
        .filter(|&k| doc.has_kind(k, kind::PLACE))
        .filter_map(|k| {
            doc.tags(k).find_map(|(_, tag)| match tag {
                Tag::Place(code) => Some((k, code.as_str())),
                _ => None,
            })
        })
        .collect()
}

/// Countries named in tokens `start..end`, skipping tokens for which `skip`
/// is true; `places` are the document's ([`places`]).
pub(crate) fn mentions(
    doc: &Doc,
    start: usize,
    end: usize,
    lang: &str,
    places: &[(usize, &'static str)],
    skip: impl Fn(usize) -> bool,
) -> Vec<Mention> {
    let t = &doc.toks;
    let mut out: Vec<Mention> = Vec::new();
    // (a sentence naming no country and no countries is not read word by word)
    if doc.kinds_in(start, end) & (kind::COUNTRY | kind::COUNTRY_NOUN | kind::REGION_NOUN) == 0 {
        return out;
    }
    let mut i = start;
    while i < end {
        if let Some(m) = counted_countries(doc, i, start, lang)
            .or_else(|| region(doc, i, start, end, lang, places))
        {
            out.push(m);
            i += 1;
            continue;
        }
        // (the kind bits first: most tokens start no country name)
        if skip(i) || !doc.has_kind(i, kind::COUNTRY) {
            i += 1;
            continue;
        }
        let best = doc
            .tags(i)
            .filter(|(m, tag)| matches!(tag, Tag::Country(..)) && m.end <= end)
            .max_by_key(|(m, _)| m.end);
        let Some((m, Tag::Country(code, adjective))) = best else {
            i += 1;
            continue;
        };
        let m_end = m.end;
        if is_transit(doc, i, m_end, start, end)
            || is_route_middle(doc, i, m_end, start, end)
            || is_ranked(doc, i, m_end, start, end, lang)
            || is_legal_form(doc, i, m_end, start)
        {
            i = m_end.max(i + 1);
            continue;
        }
        let case = if *adjective {
            Some(Case::Of)
        } else {
            let before = before_name(doc, i, start);
            let prep = before.and_then(|p| {
                doc.tags(p).find_map(|(_, tag)| {
                    if let Tag::Prep(c) = tag {
                        Some(*c)
                    } else {
                        None
                    }
                })
            });
            let ending = if m_end == i + 1 {
                match glued_ending(doc, i, m) {
                    "" => {
                        // "ҚР-да": hyphenated ending
                        if m_end + 1 < end
                            && t.is_punct(m_end, "-")
                            && t.kind(m_end + 1) == Kind::Word
                        {
                            doc.case_of_ending(t.norm(m_end + 1), lang)
                        } else {
                            None
                        }
                    }
                    rest => doc.case_of_ending(rest, lang),
                }
            } else {
                None
            };
            let bare_then_dative = || {
                let n = t.skip_space(m_end, end)?;
                if t.kind(n) != Kind::Word || doc.has_kind(n, kind::COUNTRY) {
                    return None;
                }
                match doc.case_of_ending(t.norm(n), lang) {
                    Some(Case::To) if t.norm(n).chars().count() > 4 => Some(Case::To),
                    _ => None,
                }
            };
            // "Қытай бағытында" (towards China): a postposition after the name
            let post = || {
                let n = t.skip_space(m_end, end)?;
                doc.tags(n).find_map(|(_, tag)| match tag {
                    Tag::Post(c) => Some(*c),
                    _ => None,
                })
            };
            // "Ооганстан жана Пакистанга": a bare name joined to the next
            // one takes its ending
            let shared_ending = || {
                let c = t
                    .skip_space(m_end, end)
                    .filter(|&c| doc.has_kind(c, kind::CONJ))?;
                let n = t.skip_space(c + 1, end)?;
                let (nm, _) = doc
                    .tags(n)
                    .filter(|(nm, tag)| matches!(tag, Tag::Country(_, false)) && nm.end == n + 1)
                    .max_by_key(|(nm, _)| nm.end)?;
                let rest = Some(glued_ending(doc, n, nm)).filter(|r| !r.is_empty())?;
                doc.case_of_ending(rest, lang)
            };
            // ("Кыргызстандын экономикасына", into the economy of
            // Kyrgyzstan): the case of a title after a name in the
            // genitive is the phrase's
            let title = title_ending(doc, i, m_end, end, lang);
            let ending = match (ending, title) {
                (Some(Case::Of), Some(c)) => Some(c),
                (e, _) => e,
            };
            // ("Министерство … Республики Казахстан": the ending of a title
            // right before the name is the name's case)
            let title_before = || {
                let p = t.prev_non_space(i, start)?;
                let (tm, _) = doc
                    .tags(p)
                    .find(|(tm, tag)| matches!(tag, Tag::Title) && tm.end == p + 1)?;
                let rest = Some(glued_ending(doc, p, tm)).filter(|r| !r.is_empty())?;
                doc.case_of_ending(rest, lang)
            };
            prep.or(ending)
                .or(title)
                .or_else(title_before)
                .or_else(post)
                .or_else(|| role_near(doc, i, m_end, start, end))
                .or_else(bare_then_dative)
                .or_else(|| {
                    if m_end == i + 1 {
                        shared_ending()
                    } else {
                        None
                    }
                })
                // ("АО «Казахстан темир жолы» подвело итоги": a bare name
                // inside a quoted name is the country the body belongs to)
                .or_else(|| in_quoted_name(doc, i, start).then_some(Case::Of))
        };
        out.push(Mention {
            tok: i,
            code,
            case,
            adjective: *adjective,
        });
        i = m_end.max(i + 1);
    }
    out
}

/// "облыстың экспорты", "viloyatga", "область и Россия": a region word
/// named alone (lexicon `region_nouns`) is the region the document is
/// about, a side of its country: the country of the last city or region
/// the document named before it ("Қостанай облысы … облыс пен Ресей"), else
/// the home country of the language. After a name ("Қостанай облысы",
/// "Ресей облыстары") it is part of that name.
fn region(
    doc: &Doc,
    i: usize,
    start: usize,
    end: usize,
    lang: &str,
    places: &[(usize, &'static str)],
) -> Option<Mention> {
    if !doc.has_kind(i, kind::REGION_NOUN) {
        return None;
    }
    let t = &doc.toks;
    if t.prev_non_space(i, start)
        .is_some_and(|p| doc.has_kind(p, kind::COUNTRY))
    {
        return None;
    }
    let place = places[..places.partition_point(|&(k, _)| k < i)]
        .last()
        .map(|&(_, code)| code);
    let code = place.or_else(|| doc.lex.home.get(lang).copied())?;
    let (m, _) = doc
        .tags(i)
        .find(|(_, tag)| matches!(tag, Tag::RegionNoun))?;
    let rest = glued_ending(doc, i, m);
    let case = if rest.is_empty() {
        None
    } else {
        doc.case_of_ending(rest, lang)
    };
    // (a bare region word is often only where something happens, "дар
    // вилоят", or whose head it is, "Раиси вилоят": a side only with a case
    // ending or joined to a country, "облыс пен Ресей")
    let joined = || {
        let country_at = |k: Option<usize>| k.is_some_and(|k| doc.has_kind(k, kind::COUNTRY));
        let conj_at = |k: Option<usize>| k.filter(|&k| doc.has_kind(k, kind::CONJ));
        country_at(conj_at(t.skip_space(m.end, end)).and_then(|c| t.skip_space(c + 1, end)))
            || country_at(
                conj_at(t.prev_non_space(i, start)).and_then(|c| t.prev_non_space(c, start)),
            )
    };
    if case.is_none() && !joined() {
        return None;
    }
    Some(Mention {
        tok: i,
        code,
        case,
        adjective: false,
    })
}

/// "7 ta davlatga", "to 32 countries", "39 мамолики": a counted country
/// noun is a side made of many countries (a group, reported as null);
/// "two countries" are the report's pair, not a group.
fn counted_countries(doc: &Doc, i: usize, start: usize, lang: &str) -> Option<Mention> {
    if !doc.has_kind(i, kind::COUNTRY_NOUN) {
        return None;
    }
    let t = &doc.toks;
    let mut p = t.prev_non_space(i, start)?;
    if doc.has_kind(p, kind::COUNTER) {
        p = t.prev_non_space(p, start)?;
    }
    // "two countries" are the pair the report is about
    let many = match t.kind(p) {
        Kind::Num => t.norm(p).parse::<u32>().map_or(true, |n| n > 2),
        _ => doc.tags(p).any(|(_, tag)| match tag {
            Tag::Numeral(v) => *v > 2.0,
            Tag::Scale(_) => true,
            _ => false,
        }),
    };
    if !many {
        return None;
    }
    let (m, _) = doc
        .tags(i)
        .find(|(_, tag)| matches!(tag, Tag::CountryNoun))?;
    let w = t.norm(i);
    let stem = doc.lex.matcher.stem_len(m).min(w.len());
    let case = w
        .get(stem..)
        .filter(|r| !r.is_empty())
        .and_then(|r| doc.case_of_ending(r, lang));
    Some(Mention {
        tok: i,
        code: GROUP,
        case,
        adjective: false,
    })
}

/// Whether the country name at `i..m_end` is only crossed ("через
/// территорию Казахстана", "Qozog'iston hududi orqali"): a transit cue ends
/// right before it or starts right after it.
fn is_transit(doc: &Doc, i: usize, m_end: usize, start: usize, end: usize) -> bool {
    let t = &doc.toks;
    let before = (i.saturating_sub(8).max(start)..i).any(|p| {
        doc.has_kind(p, kind::TRANSIT)
            && doc.tags(p).any(|(m, tag)| {
                *tag == Tag::Transit(false) && m.end <= i && t.skip_space(m.end, end) == Some(i)
            })
    });
    let after = || {
        t.skip_space(m_end, end).is_some_and(|n| {
            doc.has_kind(n, kind::TRANSIT) && doc.has(n, |tag| *tag == Tag::Transit(true))
        })
    };
    before || after()
}

/// Whether the name at `i..m_end` stands inside a route of countries
/// joined by dashes ("Xitoy–Qirg'iziston–O'zbekiston yo'nalishida",
/// "China–Kazakhstan–Europe"): the goods only cross it, the ends of the
/// route are the sides.
fn is_route_middle(doc: &Doc, i: usize, m_end: usize, start: usize, end: usize) -> bool {
    let t = &doc.toks;
    let dash = |k: usize| t.kind(k) == Kind::Punct && matches!(t.norm(k), "-" | "–" | "—");
    let country = |k: usize| doc.has_kind(k, kind::COUNTRY);
    let before = t
        .prev_non_space(i, start)
        .filter(|&d| dash(d))
        .and_then(|d| t.prev_non_space(d, start))
        .is_some_and(country);
    let after = || {
        t.skip_space(m_end, end)
            .filter(|&d| dash(d))
            .and_then(|d| t.skip_space(d + 1, end))
            .is_some_and(country)
    };
    before && after()
}

/// Quotes that open a name («…», “…”).
const OPENING_QUOTES: [&str; 2] = ["«", "“"];
/// Quotes that close a name.
const CLOSING_QUOTES: [&str; 3] = ["»", "”", "\""];

/// Whether token `i` stands inside a name in angle or curly quotes («…»,
/// “…”) opened before it in the sentence.
fn in_quoted_name(doc: &Doc, i: usize, start: usize) -> bool {
    let t = &doc.toks;
    let quote = |k: usize, qs: &[&str]| qs.iter().any(|q| t.is_punct(k, q));
    (start..i)
        .rev()
        .take(8)
        .find(|&k| quote(k, &OPENING_QUOTES) || quote(k, &CLOSING_QUOTES))
        .is_some_and(|k| quote(k, &OPENING_QUOTES))
}

/// Whether the name at `i..m_end` is the legal form of a company right
/// after its quoted name ("«Qazaqstan temir joly» UK", national company):
/// an abbreviation of at most three capitals, no country.
fn is_legal_form(doc: &Doc, i: usize, m_end: usize, start: usize) -> bool {
    let t = &doc.toks;
    let w = t.text(i);
    m_end == i + 1
        && w.chars().count() <= 3
        && w.chars().all(char::is_uppercase)
        && t.prev_non_space(i, start)
            .is_some_and(|p| CLOSING_QUOTES.iter().any(|q| t.is_punct(p, q)))
}

/// Whether the country name at `i..m_end` is only what a side is ranked
/// against ("Хитой ҳамда Россиядан кейин учинчи ўринда", "третье место
/// после Китая и России"): a ranking cue (lexicon `ranked_after`,
/// `ranked_before`) follows or precedes the run of names it stands in
/// (names joined by conjunctions, commas and state titles).
fn is_ranked(doc: &Doc, i: usize, m_end: usize, start: usize, end: usize, lang: &str) -> bool {
    if doc.kinds_in(start, end) & kind::RANKED == 0 {
        return false;
    }
    let t = &doc.toks;
    let in_run = |k: usize| {
        t.kind(k) == Kind::Space
            || t.is_punct(k, ",")
            || doc.has_kind(k, kind::COUNTRY | kind::CONJ | kind::TITLE)
    };
    // (after the names, the last one takes the ablative: "Россиядан
    // кейин"; "Қозоғистон ва Ўзбекистон кейин …" is "then")
    let from_case = |k: usize| {
        doc.tags(k).any(|(m, tag)| {
            matches!(tag, Tag::Country(..))
                && doc.case_of_ending(glued_ending(doc, k, m), lang) == Some(Case::From)
        })
    };
    let after = (m_end..end).find(|&k| !in_run(k)).is_some_and(|k| {
        doc.has(k, |tag| *tag == Tag::Ranked(true))
            && (m_end..k)
                .rev()
                .find(|&j| doc.has_kind(j, kind::COUNTRY))
                .map_or(from_case(i), from_case)
    });
    let last_before = (start..i).rev().find(|&k| !in_run(k));
    let before = last_before.is_some_and(|k| {
        (k.saturating_sub(4).max(start)..=k).any(|j| {
            doc.tags(j)
                .any(|(m, tag)| *tag == Tag::Ranked(false) && m.end == k + 1)
        })
    });
    after || before
}

/// The two countries the document names most often (at least twice, not
/// counting where it names them as a destination), in
/// the order the document first names them (writers name their own
/// country first).
pub(crate) fn main_pair<'m>(
    all: impl Iterator<Item = &'m Mention>,
) -> (Option<&'static str>, Option<&'static str>) {
    let mut counts: Vec<(&'static str, usize, usize)> = Vec::new();
    // a country named as where goods go ("в Афганистан") is not yet a side
    // the report is about
    for (pos, m) in all
        .filter(|m| m.code != GROUP && m.case != Some(Case::To))
        .enumerate()
    {
        match counts.iter_mut().find(|(c, _, _)| *c == m.code) {
            Some(e) => e.1 += 1,
            None => counts.push((m.code, 1, pos)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    // a country named once in passing is no side of the document's report
    counts.retain(|c| c.1 >= 2);
    counts.truncate(2);
    counts.sort_by_key(|c| c.2);
    let mut it = counts.into_iter().map(|(c, _, _)| c);
    (it.next(), it.next())
}

/// The letters of the word at token `i` after the stem that match `m`
/// matched ("Қытайға" → "ға"); empty when the word is the stem alone.
/// The token before the name at `i` that may be its preposition: articles
/// and words of the state's title between do not hide it ("to the U.S.",
/// "в Исламскую Республику Афганистан", "ба Ҷумҳурии Тоҷикистон").
fn before_name(doc: &Doc, i: usize, start: usize) -> Option<usize> {
    let t = &doc.toks;
    let mut p = t.prev_non_space(i, start)?;
    // a title is at most a few words long
    for _ in 0..4 {
        let title_start = (p.saturating_sub(4)..=p).find(|&s| {
            doc.has_kind(s, kind::TITLE)
                && doc
                    .tags(s)
                    .any(|(m, tag)| matches!(tag, Tag::Title) && m.end == p + 1)
        });
        let next = match title_start {
            Some(s) => s,
            None if doc.lex.articles.contains(t.norm(p)) => p,
            None => return Some(p),
        };
        p = t.prev_non_space(next, start)?;
    }
    Some(p)
}

/// The role the ending of a state's title after the name gives it
/// ("Өзбекстан Республикасына", to the Republic of Uzbekistan), whether
/// the title is part of the name's entry ("Қырғыз Республикасынан") or
/// follows it; a region word after a city's name is such a title too
/// ("Самарқанд вилоятида", in the Samarkand region).
fn title_ending(doc: &Doc, i: usize, m_end: usize, end: usize, lang: &str) -> Option<Case> {
    let t = &doc.toks;
    let last = m_end - 1;
    let title = if last > i && doc.has_kind(last, kind::TITLE) {
        last
    } else {
        t.skip_space(m_end, end)
            .filter(|&n| doc.has_kind(n, kind::TITLE | kind::REGION_NOUN))?
    };
    let (tm, _) = doc
        .tags(title)
        .find(|(tm, tag)| matches!(tag, Tag::Title | Tag::RegionNoun) && tm.end == title + 1)?;
    let rest = Some(glued_ending(doc, title, tm)).filter(|r| !r.is_empty())?;
    doc.case_of_ending(rest, lang)
}

fn glued_ending<'d>(doc: &'d Doc, i: usize, m: &Match) -> &'d str {
    let w = doc.toks.norm(i);
    let stem = doc.lex.matcher.stem_len(m).min(w.len());
    w.get(stem..).unwrap_or("")
}
