//! `tandem-extract`: finds the figures of a document — amounts, percentages,
//! tonnages, counts — and reads what each one means: indicator, the two
//! countries, measure, kind, approximation and period.
//!
//! The pipeline over one document:
//! 1. tokenise the repaired view once ([`tokens`]) and tag every word and
//!    phrase the lexicon knows ([`matcher`]; the words live in
//!    `lexicon/*.toml`, see [`lexicon`]);
//! 2. split sentences ([`sentences`]) and read quantities: digits in every
//!    separator convention ([`numbers`]) or words, with scale, unit, range
//!    and glued endings ([`quantities`]), plus table cells ([`tables`]);
//!    carry units across ranges and lists ([`inherit`]);
//! 3. read each quantity's meaning from its sentence ([`meaning`]): country
//!    mentions ([`countries`]), period marks ([`periods`]), indicator and
//!    cue words; what the sentence does not say comes from the report
//!    frame ([`frame`]): the period, sides and indicator that earlier
//!    sentences, paragraphs and list openers set;
//! 4. read the goods each figure is about ([`products`]).
//!
//! Over documents read together, [`across`] then gives a figure whose text
//! names no country the country another document states it with.
//!
//! Offsets of figures are byte offsets into the original document, mapped
//! back from the view with [`tandem_text::Text::original_range`].

pub mod across;
mod context;
mod countries;
mod endings;
mod frame;
mod inherit;
mod languages;
mod lexicon;
mod lookup;
mod matcher;
mod meaning;
mod numbers;
mod occurrence;
mod periods;
mod products;
mod quantities;
pub mod reading;
pub mod score;
mod sentences;
mod tables;
mod tokens;
mod trie;

pub use lexicon::{FILES as LEXICON_FILES, WEEKDAYS};
pub use lookup::{label_terms, LabelTerms};

use std::borrow::Cow;
use std::time::Instant;

use tandem_model::{DocDate, Figure};
use tandem_text::Analysis;

use context::Doc;
use frame::Frame;
use languages::Languages;
use matcher::{kind, Tag};
use meaning::SentInfo;
use quantities::Quantity;
use sentences::Sent;

/// Checks that the embedded lexicon files parse; returns the error message
/// (naming the file) otherwise. [`extract`] returns no figures when this fails.
pub fn check_lexicon() -> Result<(), String> {
    lexicon::lexicon().map(|_| ()).map_err(str::to_string)
}

/// Reads the ` date YYYY-MM-DD Title` header line of a plain-text document.
pub fn header_date(original: &str) -> Option<DocDate> {
    let first = original.lines().next()?.trim_start();
    let rest = first.strip_prefix("date ")?;
    DocDate::parse(rest.split_whitespace().next()?)
}

/// Byte length of the header's `date YYYY-MM-DD` part (0 without a header).
fn header_len(view: &str) -> usize {
    let lead = view.len() - view.trim_start().len();
    let body = &view[lead..];
    match body.strip_prefix("date ") {
        Some(rest) => {
            let d = rest.split_whitespace().next().unwrap_or("");
            if DocDate::parse(d).is_some() {
                lead + 5 + d.len()
            } else {
                0
            }
        }
        None => 0,
    }
}

/// Extracts the figures of one document.
///
/// `doc` is the document id put in [`Figure::doc`]; `date` is the
/// document's date (read from a ` date YYYY-MM-DD` header line when
/// `None`). Offsets are byte offsets into `analysis.text.original()`.
pub fn extract(doc: &str, analysis: &Analysis, date: Option<DocDate>) -> Vec<Figure> {
    read(doc, analysis, date, false).0
}

/// Extracts the figures of one document, as [`extract`] does, together with
/// the [`reading::Reading`] of its sentences that hold event or agreement
/// words (for `tandem-events`), read in the same pass.
pub fn extract_with_reading(
    doc: &str,
    analysis: &Analysis,
    date: Option<DocDate>,
) -> (Vec<Figure>, reading::Reading) {
    read(doc, analysis, date, true)
}

/// [`extract`], with the reading when `with_reading` is set.
fn read(
    doc: &str,
    analysis: &Analysis,
    date: Option<DocDate>,
    with_reading: bool,
) -> (Vec<Figure>, reading::Reading) {
    let mut rd = reading::Reading::default();
    let Ok(lex) = lexicon::lexicon() else {
        return (Vec::new(), rd);
    };
    let view = analysis.text.view();
    let original = analysis.text.original();
    let date = date.or_else(|| header_date(original));
    let d = Doc::new(view, lex);
    let header = header_len(view);
    let sents = sentences::split(&d.toks, &lex.abbreviations, header > 0, |dot, next| {
        d.has_kind(dot - 1, kind::SCALE) && !d.has_kind(next, kind::UNIT | kind::PREFIX_UNIT)
    });
    let langs = Languages::new(analysis);
    let dateline = periods::dateline(&d, &sents, |i| langs.at(d.toks.toks[i].start));
    let date = date.or(dateline.and_then(|l| l.date));
    let mut per_sent = find_quantities(&d, &sents, &langs, header);
    // the day of a dateline ("ALMATY, June 5 -") is no figure
    if let Some(l) = &dateline {
        for (_, qs) in &mut per_sent {
            qs.retain(|q| !(l.toks.0..l.toks.1).contains(&q.num_start));
        }
    }

    // document-level fall-backs: current year and main pair
    let flags: Vec<(Sent, bool)> = sents
        .iter()
        .zip(&per_sent)
        .map(|(s, (_, q))| (*s, !q.is_empty()))
        .collect();
    let year = date
        .map(|d| d.year)
        .or_else(|| periods::current_year(&d, &flags));
    // countries inside a quantity's text are no sides ("узбекских сумов"),
    // except a country word among counted firms or people ("1,500 Turkish
    // companies", "1500 турецких компаний": whose capital they are)
    let mut in_quantity = vec![false; d.toks.len()];
    for (_, qs) in &per_sent {
        for q in qs {
            let counted = matches!(q.unit, Some("count" | "person"));
            for (i, x) in in_quantity.iter_mut().enumerate().take(q.end).skip(q.start) {
                *x = !(counted && d.has_kind(i, kind::COUNTRY));
            }
        }
    }
    // (nor is the country of a currency's name, with no amount too: "(млрд
    // долларов США):" over a list, "курс доллара США")
    for i in 0..d.toks.len() {
        if !d.has_kind(i, kind::UNIT) {
            continue;
        }
        let currency_end = d
            .tags(i)
            .filter(|(m, t)| {
                // (a name of several words: "еуро*" is no name in "Еуропалық")
                m.end > i + 1 && matches!(t, Tag::Unit(u) if inherit::is_currency(u))
            })
            .map(|(m, _)| m.end)
            .max();
        if let Some(end) = currency_end {
            in_quantity[i..end].iter_mut().for_each(|x| *x = true);
        }
    }
    let places = countries::places(&d);
    let sent_mentions: Vec<Vec<countries::Mention>> = sents
        .iter()
        .zip(&per_sent)
        .map(|(s, (lang, _))| {
            countries::mentions(&d, s.start, s.end, lang, &places, |i| in_quantity[i])
        })
        .collect();
    let main = countries::main_pair(sent_mentions.iter().flatten());
    rd.date = date;
    rd.main_pair = main;

    let fiscal_end = periods::fiscal_end(&d, |i| langs.at(d.toks.toks[i].start));
    let month = date.and_then(|d| d.month);
    // a line of its own without a full stop (a headline inside the text)
    let headline = |s: &Sent, next: Option<&Sent>| {
        s.para_start
            && next.is_none_or(|n| n.para_start)
            && (s.start..s.end)
                .rev()
                .find(|&i| d.toks.kind(i) != tokens::Kind::Space)
                .is_some_and(|i| d.toks.kind(i) != tokens::Kind::Punct)
    };
    let mut headlines = Vec::new();
    let mut out = Vec::with_capacity(per_sent.iter().map(|(_, qs)| qs.len()).sum());
    let mut frame = Frame::new(main, year);
    let mut goods = products::Goods::default();
    // (the meanings of each sentence's figures, in one buffer for all)
    let mut meanings = Vec::new();
    for (k, ((s, (lang, qs)), mentions)) in
        sents.iter().zip(per_sent).zip(sent_mentions).enumerate()
    {
        // (the first line after a date header is read below, with the body)
        let head = (k > 0 || header == 0) && headline(s, sents.get(k + 1));
        let first = out.len();
        let present = d.kinds_in(s.start, s.end);
        let refs = periods::Refs {
            year,
            month,
            lean: frame.lean(),
            report: frame.report(),
            fiscal_end,
        };
        let keywords = indicator_words(&d, s, lang, &mentions);
        // (periods are read after a dateline: "TOSHKENT, 10 fevral - 2024
        // yilda …" is of 2024, the dateline's day joins no date after it)
        let after_dateline = dateline
            .filter(|l| (s.start..s.end).contains(&l.toks.1))
            .map_or(*s, |l| Sent {
                start: l.toks.1,
                ..*s
            });
        let mut marks = periods::marks(&d, &after_dateline, lang, &refs);
        if let Some(l) = &dateline {
            marks.retain(|m| !(l.toks.0..l.toks.1).contains(&m.tok));
        }
        let mut info = SentInfo {
            sent: *s,
            present,
            lang,
            mentions,
            keywords,
            marks,
            lent: frame::Lent::default(),
            dated_year: date.map(|d| d.year),
        };
        let items = meaning::items_only(&d, &info, &qs);
        // (a full stop closes a list; one after an abbreviated unit, "млн
        // долл.", does not)
        let last = (s.start..s.end)
            .rev()
            .find(|&i| d.toks.kind(i) != tokens::Kind::Space);
        let closed = last.is_some_and(|i| {
            d.toks.is_punct(i, ".") && !sentences::is_abbrev(&d.toks, i, &lex.abbreviations)
        });
        let said = frame::Said {
            para_start: s.para_start,
            items: items && !closed,
            look_back: present & kind::LOOK_BACK != 0,
            keep: opens_with(&d, s, kind::FRAME_KEEP),
            aside: opens_with(&d, s, kind::FOR_COMPARISON),
            // (a bare "this" only in a sentence that compares: "Это на
            // 12,4% больше, чем …"; "Ин имконият медиҳад …" names no figure;
            // list items naming no indicator break down the last one)
            points_back: items
                || this_before_figures(&d, s, lang, &qs)
                || (opens_with(&d, s, kind::THIS_CHANGE)
                    && present
                        & (kind::UP
                            | kind::DOWN
                            | kind::time(lexicon::TimeCue::CompareBefore)
                            | kind::time(lexicon::TimeCue::CompareAfter))
                        != 0),
            marks: &info.marks,
            keywords: &info.keywords,
            share: present & kind::SHARE != 0,
            countries: &info.mentions,
            opens_list: (s.start..s.end)
                .rev()
                .find(|&i| d.toks.kind(i) != tokens::Kind::Space)
                .is_some_and(|i| d.toks.is_punct(i, ":") || d.toks.is_punct(i, ";")),
            goods: present & kind::PRODUCT != 0,
            composition: present & kind::COMPOSITION != 0,
            source: source_of(&d, s, &info.mentions),
        };
        info.lent = frame.lend(&said, lex.home.get(lang).copied());
        let read_here = with_reading && reading::wanted(present);
        if read_here {
            rd.sentences.push(reading::sentence(
                &d,
                analysis,
                s,
                lang,
                &info.mentions,
                date,
                dateline.map(|l| l.toks),
            ));
        }
        meanings.clear();
        for (k, q) in qs.iter().enumerate() {
            let part = pair_part(&d, s, &qs, k);
            let mut m = meaning::interpret(&d, &info, q, &qs, part);
            if k > 0 {
                change_takes_indicator(&d, &info, &qs[k - 1], &meanings[k - 1], q, &mut m);
                change_takes_sides(&d, &info, &qs[k - 1], &meanings[k - 1], q, &mut m);
                base_takes_meaning(&d, part, &qs[k - 1], &meanings[k - 1], q, &mut m);
                part_takes_sides(&d, &info, &qs[..k], &meanings, q, &mut m);
                trader_carries(&meanings, &mut m);
                item_takes_role(&d, &info, &qs[k - 1], &meanings[k - 1], q, &mut m);
                bracket_share_takes_sides(&d, &qs[k - 1], &meanings[k - 1], q, &mut m);
            }
            meanings.push(m);
        }
        meaning::ratio_by_arithmetic(&qs, &mut meanings);
        for (q, m) in qs.iter().zip(&meanings) {
            if let Some(mut f) = to_figure(doc, analysis, &d, s, header, q, m.clone()) {
                f.product = goods
                    .product(&d, s, lang, q, &qs, &f.indicator)
                    .map(Cow::Borrowed);
                shipped_goods(&d, &mut f, &info, q);
                out.push(f);
            }
        }
        for (q, m) in qs.iter().zip(&meanings) {
            if let Some(u) = q.unit {
                frame.measured(u, m.indicator);
            }
        }
        frame.update(&said, &info.lent, &meanings);
        if read_here {
            if let Some(r) = rd.sentences.last_mut() {
                r.figures = first..out.len();
            }
        }
        if head && out.len() > first {
            headlines.push((first, out.len()));
        }
    }
    if header > 0 {
        let line = original.find('\n').unwrap_or(original.len());
        let split = out.partition_point(|f| f.start < line);
        headline_from_body(&mut out, split);
    }
    // a headline inside the text heads the report under it, up to the next one
    for (k, &(a, b)) in headlines.iter().enumerate() {
        let c = headlines.get(k + 1).map_or(out.len(), |h| h.0);
        headline_from_body(&mut out[a..c], b - a);
    }
    let items: Vec<(&str, usize)> = out.iter().map(|f| (f.text.as_str(), f.start)).collect();
    let occ = occurrence::occurrences(original, &items);
    for (f, o) in out.iter_mut().zip(occ) {
        f.occurrence = o;
    }
    (out, rd)
}

/// Quantities of each sentence (with its language): table cells and
/// quantities read in the text, units carried over; the header's date
/// (bytes before `header`) is left out.
fn find_quantities(
    d: &Doc,
    sents: &[Sent],
    langs: &Languages,
    header: usize,
) -> Vec<(&'static str, Vec<Quantity>)> {
    let tables = tables::find(d, |byte| languages::decimal_comma(d.lex, langs.at(byte)));
    let mut in_table = vec![false; d.toks.len()];
    for t in &tables {
        in_table[t.start..t.end].iter_mut().for_each(|x| *x = true);
    }
    let mut per_sent = Vec::with_capacity(sents.len());
    let mut carried = None;
    let mut heading = None;
    for s in sents {
        let lang = langs.at(d.toks.toks[s.start].start);
        let comma = languages::decimal_comma(d.lex, lang);
        let mut qs: Vec<Quantity> = quantities::find(d, s, lang, comma)
            .into_iter()
            .filter(|q| d.toks.toks[q.start].start >= header)
            .filter(|q| !in_table[q.num_start])
            .collect();
        // (the lines of a list under "… (млрд долларов США):")
        heading = heading.filter(|&h| inherit::under_heading(d, s, s.start, &mut qs, h));
        if let Some((scale, unit, colon)) = inherit::heading_unit(d, s) {
            let h = (scale, unit);
            // (items may follow in the heading's own sentence)
            let inline = qs.iter().any(|q| q.start > colon);
            if !inline || inherit::under_heading(d, s, colon + 1, &mut qs, h) {
                heading = Some(h);
            }
        }
        let mut qs = inherit::resolve(d, s, qs, &mut carried);
        let first = tables.partition_point(|t| t.start < s.start);
        qs.extend(
            tables[first..]
                .iter()
                .take_while(|t| t.start < s.end)
                .cloned(),
        );
        qs.sort_by_key(|q| q.start);
        per_sent.push((lang, qs));
    }
    per_sent
}

/// Goods shipped to a country are its exports, whatever the unit
/// (SCHEMA.md's freight/trade rule): a `freight` figure, or tonnes, m³,
/// kWh or counts of no other indicator, about named goods
/// whose sentence names a destination becomes `trade.export` from the
/// sender (the sentence's doer or origin, else the frame's subject) to the
/// destination nearest the figure.
fn shipped_goods(doc: &Doc, f: &mut Figure, info: &SentInfo, q: &Quantity) {
    let physical = matches!(&*f.unit, "tonne" | "m3" | "kwh" | "count");
    // (a count of kinds or sites, "12 видов соков", is no shipment)
    let kinds = q
        .noun_indicator
        .is_some_and(|n| n == "other" || n == lexicon::BUILT_NOUN);
    let unread = f.indicator == "freight" || (f.indicator == "other" && physical && !kinds);
    if !unread || f.product.is_none() {
        return;
    }
    // goods carried through a country ("транзит газа через территорию
    // Казахстана в Узбекистан") are its freight, no one's export
    if f.indicator == "freight" && info.present & kind::TRANSIT != 0 {
        return;
    }
    // (in a list of destinations, "to Afghanistan (1.4 Mt) and Tajikistan
    // (0.8 Mt)", each amount goes to its item's country, and no item's
    // country is the sender)
    let to = |m: &&countries::Mention| m.case == Some(lexicon::Case::To);
    let item = meaning::list_item_country(doc, info, q);
    let dest = item
        .filter(|_| info.mentions.iter().any(|m| to(&m)))
        .or_else(|| {
            info.mentions
                .iter()
                .filter(to)
                .min_by_key(|m| m.tok.abs_diff(q.start))
        });
    let Some(dest) = dest else { return };
    // "to 7 countries": the count is of the destinations, not of goods
    if (q.start..q.end + 2).contains(&dest.tok) {
        return;
    }
    // the sender: a country of the sentence named as the doer or the
    // origin, else the frame's subject
    let sender = info
        .mentions
        .iter()
        .filter(|m| m.code != dest.code && m.code != lexicon::GROUP)
        .filter(|m| matches!(m.case, None | Some(lexicon::Case::From)))
        .filter(|m| item.is_none() || !meaning::heads_item(doc, info, m, false))
        .min_by_key(|m| m.tok.abs_diff(q.start))
        .map(|m| m.code);
    let from = sender.or(info.lent.sides.0.filter(|c| *c != dest.code));
    f.indicator = Cow::Borrowed("trade.export");
    // an export is of the report's period, as any trade figure is
    if f.period.is_none() && !info.marks.iter().any(periods::Mark::own) {
        f.period = info.lent.period_for("trade.export").map(|p| p.to_string());
    }
    f.subject = from.map(Cow::Borrowed);
    f.partner = Some(dest.code)
        .filter(|c| *c != lexicon::GROUP)
        .map(Cow::Borrowed);
}

/// A change stated right after the level it changes ("$12.5 billion, up
/// 8.1%") is about the same sides: it takes the level's subject and partner
/// when no country is named between them.
fn change_takes_sides(
    d: &Doc,
    info: &SentInfo,
    level_q: &Quantity,
    level: &meaning::Meaning,
    q: &Quantity,
    m: &mut meaning::Meaning,
) {
    if matches!(m.measure, "change_pct" | "change_abs")
        && level.measure == "level"
        && level.indicator == m.indicator
        && follows_level(d, info, level_q, q)
    {
        m.subject = level.subject;
        m.partner = level.partner;
    }
}

/// The base a level is compared with, right after a comparison word
/// ("… 5.5-6 million tonnes … this year, up from 4.8 million tonnes in
/// 2025", "3,1 млрд против 2,9 млрд"), is the same thing at another time:
/// it takes the level's indicator and sides (a country named between,
/// where the level goes, is no side of the base).
fn base_takes_meaning(
    d: &Doc,
    part: meaning::PairPart,
    level_q: &Quantity,
    level: &meaning::Meaning,
    q: &Quantity,
    m: &mut meaning::Meaning,
) {
    let cue = kind::time(lexicon::TimeCue::CompareBefore) | kind::time(lexicon::TimeCue::Than);
    let compared = (level_q.end..q.start)
        .rev()
        .filter(|&i| d.toks.kind(i) == tokens::Kind::Word)
        .take(2)
        .any(|i| d.has_kind(i, cue));
    if compared
        && part == meaning::PairPart::None
        && m.measure == "level"
        && level.measure == "level"
        && level_q.unit == q.unit
        && !(level_q.end..q.start).any(|i| d.toks.is_punct(i, ";"))
    {
        m.indicator = level.indicator;
        m.subject = level.subject;
        m.partner = level.partner;
    }
}

/// Whether `q` speaks of the level `level_q` before it in its sentence: no
/// country is named and no ";" stands between them.
fn follows_level(d: &Doc, info: &SentInfo, level_q: &Quantity, q: &Quantity) -> bool {
    !info
        .mentions
        .iter()
        .any(|c| level_q.end <= c.tok && c.tok < q.start)
        && !(level_q.end..q.start).any(|i| d.toks.is_punct(i, ";"))
}

/// "… 2,1 млрд киловатт-саат сатып алган, бул … 1,7 эсе көп", "…, что в
/// 1,5 раза больше": a change or ratio that no word of its own names (not
/// even an other-measure word), right after a level of its sentence (no
/// conjunction between: "… и число мигрантов сократилось на 25%" is
/// another thing), is a change of that level's indicator.
fn change_takes_indicator(
    d: &Doc,
    info: &SentInfo,
    level_q: &Quantity,
    level: &meaning::Meaning,
    q: &Quantity,
    m: &mut meaning::Meaning,
) {
    let unnamed = !info
        .keywords
        .iter()
        .any(|(s, e, _)| *e > level_q.end && *s < (q.end + 4).min(info.sent.end));
    if m.indicator == "other"
        && matches!(m.measure, "change_pct" | "change_abs" | "ratio")
        && level.measure == "level"
        && level.indicator != "other"
        && unnamed
        && follows_level(d, info, level_q, q)
        && !(level_q.end..q.start).any(|i| d.has_kind(i, kind::CONJ))
    {
        m.indicator = level.indicator;
    }
}

/// "Инвестиции России в Кыргызстан составили 97 млн, Турции – 41,8 млн",
/// "Russia's investments reached $19.8 billion and Turkey's – $7.6
/// billion": an elliptic item (a country, a dash, an amount) after a figure
/// of the same indicator takes the role of the country of that figure
/// named in the same case; the figure's other side stays.
fn item_takes_role(
    d: &Doc,
    info: &SentInfo,
    prev_q: &Quantity,
    prev: &meaning::Meaning,
    q: &Quantity,
    m: &mut meaning::Meaning,
) {
    let Some(item) = meaning::list_item_country(d, info, q) else {
        return;
    };
    if prev.indicator != m.indicator
        || prev.measure != m.measure
        || item.tok < prev_q.end
        || [prev.subject, prev.partner].contains(&Some(item.code))
    {
        return;
    }
    let parallel = info.mentions.iter().rev().find(|c| {
        c.tok < prev_q.start
            && c.case == item.case
            && c.adjective == item.adjective
            && [prev.subject, prev.partner].contains(&Some(c.code))
    });
    match parallel {
        Some(c) if prev.subject == Some(c.code) => {
            (m.subject, m.partner) = (Some(item.code), prev.partner);
        }
        Some(_) => (m.subject, m.partner) = (prev.subject, Some(item.code)),
        None => {}
    }
}

/// Exports or imports after "of which" in the sentence of a turnover
/// ("the city's foreign trade was $2.3 bn, of which exports $870 mn") are
/// parts of it: they take its sides when no country is named after it.
fn part_takes_sides(
    d: &Doc,
    info: &SentInfo,
    before: &[Quantity],
    meanings: &[meaning::Meaning],
    q: &Quantity,
    m: &mut meaning::Meaning,
) {
    if !matches!(m.indicator, "trade.export" | "trade.import") || m.measure != "level" {
        return;
    }
    let whole = before
        .iter()
        .zip(meanings)
        .rfind(|(_, w)| w.indicator == "trade.turnover" && w.measure == "level");
    if let Some((wq, w)) = whole {
        let keep = (wq.end..q.start).any(|i| d.has_kind(i, kind::FRAME_KEEP));
        let named = info
            .mentions
            .iter()
            .any(|c| wq.end <= c.tok && c.tok < q.start);
        if keep && !named {
            m.subject = w.subject;
            m.partner = w.partner;
        }
    }
}

/// "Китай – 14,2 млрд долларов (20,9%)", "Xitoy (10,9 mlrd dollar yoki
/// 20 foiz)": a share in brackets right after an amount, or joined to it
/// by an "or" inside its brackets, is that amount's part of the whole: it
/// takes the amount's sides.
fn bracket_share_takes_sides(
    d: &Doc,
    level_q: &Quantity,
    level: &meaning::Meaning,
    q: &Quantity,
    m: &mut meaning::Meaning,
) {
    let t = &d.toks;
    let bracketed = t
        .skip_space(level_q.end, q.start)
        .is_some_and(|b| t.is_punct(b, "(") && t.skip_space(b + 1, q.start + 1) == Some(q.start));
    // (or joined to it by an "or" inside its brackets: "Xitoy (10,9 mlrd
    // dollar yoki 20 foiz)")
    let or_joined = (level_q.end..q.start)
        .all(|i| t.kind(i) == tokens::Kind::Space || d.has_kind(i, kind::OR))
        && (level_q.end..q.start).any(|i| d.has_kind(i, kind::OR))
        && t.prev_non_space(level_q.start, 0)
            .is_some_and(|p| t.is_punct(p, "("));
    let bracketed = bracketed || or_joined;
    if m.measure == "share_pct"
        && level.measure == "level"
        && bracketed
        && level.partner.is_some()
        && level.indicator == m.indicator
    {
        m.subject = level.subject;
        m.partner = level.partner;
    }
}

/// "Exports of Kazakhstan to China were $15 bn, and imports from China
/// $16 bn": exports or imports with a partner but no trader named take the
/// trader of the exports or imports before them in the sentence.
fn trader_carries(before: &[meaning::Meaning], m: &mut meaning::Meaning) {
    let flow = |ind: &str| matches!(ind, "trade.export" | "trade.import");
    if !flow(m.indicator) || m.subject.is_some() || m.partner.is_none() {
        return;
    }
    if let Some(trader) = before
        .iter()
        .rev()
        .find(|w| flow(w.indicator))
        .and_then(|w| w.subject)
        .filter(|&s| Some(s) != m.partner)
    {
        m.subject = Some(trader);
    }
}

/// Whether a word of `kinds` (a frame-keeping word, "В то же время", "Of
/// which"; one pointing back, "Этот показатель") opens the sentence (among
/// its first four words).
fn opens_with(d: &Doc, s: &Sent, kinds: kind::Kinds) -> bool {
    (s.start..s.end)
        .filter(|&i| d.toks.kind(i) != tokens::Kind::Space)
        .take(4)
        .any(|i| d.has_kind(i, kinds))
}

/// The country whose data sentence `s` gives: one named within a few
/// words of an "according to" ("по данным китайской таможни", "Қазақстан
/// тарапының деректері бойынша"), in the same clause.
fn source_of(d: &Doc, s: &Sent, mentions: &[countries::Mention]) -> Option<&'static str> {
    if d.kinds_in(s.start, s.end) & kind::ACCORDING == 0 {
        return None;
    }
    let cue = (s.start..s.end).find(|&i| d.has_kind(i, kind::ACCORDING))?;
    mentions
        .iter()
        .filter(|m| m.code != lexicon::GROUP)
        .find(|m| {
            m.tok.abs_diff(cue) <= 6
                && meaning::clause_breaks(d, m.tok.min(cue), m.tok.max(cue)) == 0
        })
        .map(|m| m.code)
}

/// Whether words pointing back at the last figure ("этот показатель",
/// "Доля Китая в этом объёме", lexicon `this_indicator`) stand before the
/// first figure of sentence `s`.
fn this_before_figures(d: &Doc, s: &Sent, lang: &str, qs: &[Quantity]) -> bool {
    let end = qs.first().map_or(s.end, |q| q.start);
    d.kinds_in(s.start, s.end) & kind::THIS_INDICATOR != 0
        && (s.start..end).any(|i| d.has_in(i, lang, kind::THIS_INDICATOR))
}

/// Indicator words of a sentence: (first token, end token, indicator).
fn indicator_words(
    d: &Doc,
    s: &Sent,
    lang: &str,
    mentions: &[countries::Mention],
) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let present = d.kinds_in(s.start, s.end);
    if present & (kind::INDICATOR | kind::DEAL) == 0 {
        return out;
    }
    let not_cues = present & kind::NOT_CUE != 0;
    // a word inside a phrase that is no indicator ("поставили задачу")
    let inside_not_cue = |i: usize, end: usize| {
        not_cues
            && (i.saturating_sub(8).max(s.start)..=i).any(|j| {
                d.has_kind(j, kind::NOT_CUE)
                    && d.tags(j).any(|(m, t)| *t == Tag::NotCue && m.end >= end)
            })
    };
    for i in (s.start..s.end).filter(|&i| d.has_kind(i, kind::INDICATOR | kind::DEAL)) {
        for (m, t) in d.tags(i) {
            if !d.lex.matcher.fits_lang(m, lang) || inside_not_cue(i, m.end) {
                continue;
            }
            match t {
                // (one that may be read in the sentence's language: Tajik "бор",
                // cargo, is no word in Uzbek "борилган")
                Tag::Indicator(ind) => out.push((m.start, m.end, ind.as_str())),
                // buying from a country the sentence names is importing,
                // selling to one exporting (buying from farmers is neither)
                Tag::Deal(case)
                    if mentions.iter().any(|c| {
                        c.case == Some(*case) && !c.adjective && c.code != lexicon::GROUP
                    }) =>
                {
                    let ind = match case {
                        lexicon::Case::From => "trade.import",
                        _ => "trade.export",
                    };
                    out.push((m.start, m.end, ind));
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether quantity `k` of `qs` starts or ends a "from X to Y" pair
/// ("2,9%-дан 3,5%-ға дейін").
fn pair_part(d: &Doc, s: &Sent, qs: &[Quantity], k: usize) -> meaning::PairPart {
    let close = |a: &Quantity, b: &Quantity| b.start.saturating_sub(a.end) <= 16;
    // "аз 12,6 ба 17,7 фоиз", "from 10 to 12 billion": a preposition right
    // before the number gives its role as an ending would
    let prep = |n: &Quantity, case: lexicon::Case| {
        d.toks
            .prev_non_space(n.start, s.start)
            .is_some_and(|p| d.has(p, |t| matches!(t, Tag::Prep(c) if *c == case)))
    };
    let from = |n: &Quantity| n.from_case || prep(n, lexicon::Case::From);
    let reached = |n: &Quantity| {
        n.to_case
            || prep(n, lexicon::Case::To)
            || n.upto
            || (n.end..s.end.min(n.end + 4))
                .any(|i| d.has_kind(i, kind::time(lexicon::TimeCue::UntilAfter)))
    };
    // (the two ends of a pair measure one thing: "more than 30 %, up to 82
    // billion" is no pair; the value reached is one end all the same)
    let q = &qs[k];
    if from(q)
        && qs
            .get(k + 1)
            .is_some_and(|n| close(q, n) && reached(n) && n.unit == q.unit)
    {
        meaning::PairPart::From
    } else if k > 0 && from(&qs[k - 1]) && close(&qs[k - 1], q) && reached(q) {
        meaning::PairPart::To
    } else {
        meaning::PairPart::None
    }
}

/// The figure of a quantity and its meaning, with offsets in the original
/// (`None` when its text cannot be mapped or its value is not finite).
fn to_figure(
    doc: &str,
    analysis: &Analysis,
    d: &Doc,
    s: &Sent,
    header: usize,
    q: &Quantity,
    m: meaning::Meaning,
) -> Option<Figure> {
    let original = analysis.text.original();
    let or = analysis
        .text
        .original_range(d.toks.toks[q.start].start..d.toks.toks[q.end - 1].end);
    // the sentence, without the header's "date YYYY-MM-DD"
    let s_start = d.toks.toks[s.start].start.max(header);
    let s_end = d.toks.toks[s.end - 1].end.max(s_start);
    let sentence = original
        .get(analysis.text.original_range(s_start..s_end))?
        .trim();
    let text = original.get(or.clone())?;
    if !m.value.is_finite() || m.value_max.is_some_and(|v| !v.is_finite()) || text.is_empty() {
        return None;
    }
    Some(Figure {
        doc: doc.to_string(),
        text: text.to_string(),
        occurrence: 1,
        value: m.value,
        value_max: m.value_max,
        unit: Cow::Borrowed(q.unit.unwrap_or("other")),
        approx: Cow::Borrowed(m.approx),
        indicator: Cow::Borrowed(m.indicator),
        measure: Cow::Borrowed(m.measure),
        subject: m.subject.map(Cow::Borrowed),
        partner: m.partner.map(Cow::Borrowed),
        kind: Cow::Borrowed(m.kind),
        period: m.period.as_deref().map(str::to_string),
        product: None,
        start: or.start,
        end: or.end,
        sentence: sentence.to_string(),
        source_kind: Default::default(),
        cell: None,
    })
}

/// A headline figure repeated in the body takes the body's reading
/// (period, kind, indicator, countries): headlines drop those words. One
/// the body states more precisely ("вырос на 12%" over "на 12,4%": within
/// 5 %, of the same indicator, measure and sides) takes its period.
/// The headline's figures are the first `split` of `figs`.
fn headline_from_body(figs: &mut [Figure], split: usize) {
    let (head, body) = figs.split_at_mut(split);
    let near = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol * a.abs().max(b.abs());
    for h in head {
        let same = body
            .iter()
            .find(|b| b.unit == h.unit && near(b.value, h.value, 0.005));
        if let Some(b) = same {
            h.period = b.period.clone();
            h.kind = b.kind.clone();
            h.indicator = b.indicator.clone();
            h.measure = b.measure.clone();
            h.subject = b.subject.clone();
            h.partner = b.partner.clone();
        } else if h.period.is_none() {
            let rounded = body.iter().find(|b| {
                b.unit == h.unit
                    && b.indicator == h.indicator
                    && b.measure == h.measure
                    && (&b.subject, &b.partner) == (&h.subject, &h.partner)
                    && near(b.value, h.value, 0.05)
            });
            if let Some(b) = rounded {
                h.period = b.period.clone();
            }
        }
    }
}

/// Analyses and extracts every text on this thread: returns (bytes, seconds)
/// for the whole pipeline a document goes through (`tandem_text::analyze`
/// then [`extract`]); throughput is `bytes / seconds`.
pub fn bench_extract(texts: &[String]) -> (usize, f64) {
    let _ = lexicon::lexicon();
    let t0 = Instant::now();
    let mut bytes = 0;
    for (i, t) in texts.iter().enumerate() {
        let a = tandem_text::analyze(t);
        std::hint::black_box(extract(&format!("bench{i}"), &a, None));
        bytes += t.len();
    }
    (bytes, t0.elapsed().as_secs_f64())
}

/// Like [`bench_extract`] but times [`extract`] alone (the texts are
/// analysed before the clock starts).
pub fn bench_extract_only(texts: &[String]) -> (usize, f64) {
    let analyses: Vec<Analysis> = texts.iter().map(|t| tandem_text::analyze(t)).collect();
    let _ = lexicon::lexicon();
    let t0 = Instant::now();
    let mut bytes = 0;
    for (i, a) in analyses.iter().enumerate() {
        std::hint::black_box(extract(&format!("bench{i}"), a, None));
        bytes += a.text.original().len();
    }
    (bytes, t0.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_date_is_read() {
        let d = header_date(" date 2025-11-15 Title").unwrap();
        assert_eq!(d.to_string(), "2025-11-15");
        assert_eq!(header_len(" date 2025-11-15 Title"), 16);
        assert!(header_date("no header").is_none());
    }
}
