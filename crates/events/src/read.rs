//! The events and agreements of one document, from its reading.
//!
//! The rules, one line each:
//! * a sentence with an event word reports an event of that word's type;
//!   the longest word wins ("государственный визит" over "визит");
//! * its countries are those the sentence names (by name, adjective, city
//!   or head of state) and the country of a city named there (the host);
//!   with one, the other is the other state the document is about when it
//!   is one of them, else the home country of the language (Kazakh news →
//!   KZ); with none, the document's main pair;
//! * its date is the day, range of days or month the sentence names nearest
//!   the event word, else a day word ("yesterday", "next week") resolved
//!   against the document's date; none without either; a day or month
//!   written without a year is of the ten months before the document's
//!   date or the two after ("in October" in a January report: last October);
//! * a visit naming several countries visited (in the `to` case, or joined
//!   to one that is: "to Kyrgyzstan and Turkmenistan in August, to
//!   Tajikistan in October") is one visit to each, dated by the date
//!   written last before it, between the visitor (the home country of the
//!   language, else the other countries named) and it;
//! * a visit's sides are the visitor and the country visited: a country
//!   named in passing ("back from the US, the President's state visit to
//!   Russia") is none;
//! * a sentence naming no foreign country and no date continues the event
//!   last reported ("during this visit", "at the talks"): an event word of
//!   a kind that is part of it (or any visit, of a visit) is it, any other
//!   is held there, between its countries, on its date, when one of the
//!   two is a visit (a session during a visit, the visit of a summit);
//! * an event word in a sentence naming no state (by name, adjective, city
//!   or head of state) and no date, continuing none, is a mention in
//!   general ("what was signed on foreign visits?"): no event;
//! * talks between three or more states with no date are contacts in
//!   general ("talks with China, the US and Russia"): no event;
//! * a meeting word (`talks`) in a sentence naming no state but by a city,
//!   right after a summit, session or forum word in its paragraph, is one
//!   more of that kind ("the first such meeting was held on 15 March 2018
//!   in Astana");
//! * an event word written several times in a sentence, with commas
//!   between, is one event each, of the countries, places and dates of its
//!   own clause ("a summit in Dushanbe last month, another with China in
//!   June");
//! * its place is the city the sentence names nearest the event word;
//! * its people are the heads of state the sentence names, with the office
//!   word written right before or after the name;
//! * reports of one event in a document are one event: the same type and
//!   countries with dates that do not disagree (and, of one type, held in
//!   the same country when both say where); talks between the countries
//!   of a summit, session or forum, or of a phone call, are part of it;
//!   talks and visits of an unstated kind between the countries of a
//!   visit, with no date of their own or the visit's, are part of that
//!   visit, and a visit of unstated kind reported after a visit of a
//!   stated kind with no date dates it;
//! * a sentence with a signing word and a documents word or a figure of
//!   indicator `agreements`, and no word saying the signing is only
//!   expected, reports an agreement: its count is that figure, its value
//!   the money the sentence names (not an amount of trade nor a target),
//!   its event the one its sentence reports,
//!   else the one its paragraph last reported (none across a line break),
//!   its sides the sentence's countries or the event's, its date the
//!   sentence's, else its event's, its subject the phrase the sentence
//!   gives for it (`crate::subjects`);
//! * a figure of indicator `agreements` in an agreement's sentence with no
//!   period of its own was signed on the agreement's date
//!   ([`Found::date_figures`]: "по итогам визита подписано 15 документов"
//!   under a "12 марта" dateline is of 12 March).

use std::ops::Range;

use tandem_extract::reading::{Country, NamedBy, Reading, Role, Sentence, Word, WordKind};
use tandem_model::{Agreement, Event, Figure, Participant};

use crate::days;

/// The events and agreements of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Events, in the order the document first reports them.
    pub events: Vec<Event>,
    /// Agreements, in reading order.
    pub agreements: Vec<Agreement>,
    /// Projects and counts of projects (see [`crate::read_projects`]).
    pub projects: Vec<tandem_model::ProjectReport>,
}

impl Found {
    /// Gives each figure of indicator `agreements` that lies in an
    /// agreement's sentence and has no period the date the agreement was
    /// signed (its own, else its event's): the count and value of documents
    /// signed at a meeting are of the meeting's day or month.
    pub fn date_figures(&self, figures: &mut [Figure]) {
        for a in &self.agreements {
            let Some(date) = &a.date else { continue };
            for f in figures.iter_mut() {
                if f.indicator == "agreements"
                    && f.period.is_none()
                    && a.start <= f.start
                    && f.end <= a.end
                {
                    f.period = Some(date.clone());
                }
            }
        }
    }
}

/// Codes of unions of states that take part as a group, not as a state
/// (`gold/EVENTS.md`: a group is not expanded).
const UNIONS: &[&str] = &["EU"];

/// Most bytes between a day of the week and a word of reporting for the
/// day to be the report's ("said on Thursday", "сәрсенбі күні мәлімдеді").
const REPORTED_BYTES: usize = 16;

/// Currencies a money figure may be in.
const MONEY: &[&str] = &["USD", "EUR", "RUB", "KZT", "UZS", "KGS", "TJS", "CNY"];

/// Reads the events and agreements of document `doc` (its original text
/// `text`, its reading and figures as `tandem_extract::extract_with_reading`
/// returned them).
pub fn read(doc: &str, text: &str, reading: &Reading, figures: &[Figure]) -> Found {
    let mut found = Found::default();
    // the event last reported, and the end of its sentence
    let mut last: Option<(usize, usize)> = None;
    // the kind of the event word of the sentence read last that had one,
    // and the end of that sentence
    let mut prev_kind: Option<(&str, usize)> = None;
    for s in &reading.sentences {
        let sentence = text.get(s.span.clone()).unwrap_or("").trim().to_string();
        let mut types: Vec<(&str, usize)> = Vec::new();
        for w in &s.words {
            if let WordKind::Event(t) = w.kind {
                if t != "none" && !types.iter().any(|(k, _)| *k == t) {
                    types.push((t, w.span.start));
                }
            }
        }
        // the event its paragraph last reported (no line break since)
        let before = last
            .filter(|&(_, end)| {
                text.get(end..s.span.start)
                    .is_some_and(|gap| !gap.contains('\n'))
            })
            .map(|(i, _)| i);
        // a sentence that names no foreign country and no date continues
        // the event last reported ("during this visit", "at the talks")
        let bare = s.dates.is_empty()
            && s.countries
                .iter()
                .map(|c| c.code)
                .chain(s.places.iter().map(|p| p.code))
                .all(|c| c.is_empty() || Some(c) == s.home);
        let context = before.or(last.map(|(i, _)| i)).filter(|_| bare);
        // a sentence naming no state at all (by name, adjective, city or
        // head of state)
        let stateless = s.places.is_empty() && s.countries.iter().all(|c| c.code.is_empty());
        // no state named but a city or a date: a meeting word right after a
        // summit, session or forum of its paragraph is one more of that
        // kind ("the first such meeting took place on 15 March 2018 in
        // Astana")
        let kind_before = prev_kind
            .filter(|&(_, end)| {
                text.get(end..s.span.start)
                    .is_some_and(|gap| !gap.contains('\n'))
            })
            .map(|(k, _)| k)
            .filter(|k| matches!(*k, "summit" | "session" | "forum"))
            .filter(|_| {
                s.countries
                    .iter()
                    .all(|c| c.code.is_empty() || c.by == NamedBy::Place)
            });
        if let Some(&(t, _)) = types.first() {
            prev_kind = Some((t, s.span.end));
        }
        let mut here = None;
        for (t, at) in types {
            if let (Some(k), "talks", None) = (kind_before, t, context) {
                let mut ev = event(doc, text, s, reading, (t, at), &sentence);
                k.clone_into(&mut ev.event_type);
                here = Some(add_event(&mut found.events, ev));
                continue;
            }
            match context {
                // an event of a kind that is part of it, or a visit of a
                // visit, is it
                Some(i)
                    if part_of(t, &found.events[i].event_type)
                        || (t.ends_with("visit")
                            && found.events[i].event_type.ends_with("visit")) =>
                {
                    here = Some(i);
                }
                // any other is held there when one of them is a visit (a
                // session during a visit; the visit a summit was part of):
                // between its countries, on its date
                Some(i)
                    if found.events[i].event_type.ends_with("visit") || t.ends_with("visit") =>
                {
                    let mut ev = event(doc, text, s, reading, (t, at), &sentence);
                    ev.countries.clone_from(&found.events[i].countries);
                    ev.date.clone_from(&found.events[i].date);
                    here = Some(add_event(&mut found.events, ev));
                }
                // one naming no state and no date, and continuing none, is
                // a mention in general ("what was signed on foreign visits?")
                _ if stateless && s.dates.is_empty() => {}
                _ => {
                    for clause in clauses(text, s, t) {
                        for ev in events(doc, text, &clause, reading, (t, at), &sentence) {
                            // talks between three or more states with no date
                            // are contacts in general (a meeting of several
                            // states is a summit, a session or a forum)
                            let general =
                                t == "talks" && ev.countries.len() > 2 && ev.date.is_none();
                            if ev.countries.len() >= 2 && !general {
                                here = Some(add_event(&mut found.events, ev));
                            }
                        }
                    }
                }
            }
        }
        let event = here.or(before);
        if let Some(i) = here {
            last = Some((i, s.span.end));
        }
        let at = (found.events.as_slice(), event);
        if let Some(a) = agreement(doc, text, s, reading, figures, at, &sentence) {
            let same = found
                .agreements
                .iter_mut()
                .find(|b| b.count == a.count && b.sides == a.sides && b.value == a.value);
            match same {
                // a report of it that says what it is about
                Some(b) if b.subject.is_none() => b.subject = a.subject,
                Some(_) => {}
                None => found.agreements.push(a),
            }
        }
    }
    found.projects = crate::projects::read_projects(doc, text, reading, figures);
    // agreements with no date of their own are of their event's date
    for a in &mut found.agreements {
        if a.date.is_none() {
            a.date = a.event.and_then(|i| found.events[i].date.clone());
        }
    }
    found
}

/// The sentence `s` cut into one clause per word of event type `t` when
/// the type is written several times, with commas between ("a summit in
/// Dushanbe last month, another with China in June"): each with the
/// countries, places and dates written from the comma before it to the
/// comma before the next; else the whole sentence.
fn clauses(text: &str, s: &Sentence, t: &str) -> Vec<Sentence> {
    let at: Vec<&Range<usize>> = s
        .words
        .iter()
        .filter(|w| matches!(w.kind, WordKind::Event(k) if k == t))
        .map(|w| &w.span)
        .collect();
    let mut cuts = vec![s.span.start];
    for pair in at.windows(2) {
        let between = text.get(pair[0].end..pair[1].start).unwrap_or("");
        match between.rfind(',') {
            Some(k) => cuts.push(pair[0].end + k),
            None => return vec![s.clone()],
        }
    }
    cuts.push(s.span.end);
    cuts.windows(2)
        .map(|c| {
            let inside = |r: &Range<usize>| c[0] <= r.start && r.start < c[1];
            let mut clause = s.clone();
            clause.countries.retain(|x| inside(&x.span));
            clause.places.retain(|x| inside(&x.span));
            clause.dates.retain(|x| inside(&x.span));
            clause.words.retain(|x| inside(&x.span));
            clause
        })
        .collect()
}

/// The dates of sentence `s`, each with its start, resolved against the
/// document's date: a day or month written without a year is of the past
/// ten months or the next two (news reports what has happened or is about
/// to: "in October" of a January report is last October).
fn dates(s: &Sentence, r: &Reading, text: &str) -> Vec<(String, usize)> {
    s.dates
        .iter()
        .map(|d| {
            let written = text.get(d.span.clone()).unwrap_or("");
            let has_year = written
                .as_bytes()
                .windows(4)
                .any(|w| w.iter().all(u8::is_ascii_digit));
            let date = if has_year {
                d.date.clone()
            } else {
                days::year_of_undated(&d.date, r.date)
            };
            (date, d.span.start)
        })
        .collect()
}

/// The first day or month sentence `s` names, resolved as [`dates`] does.
pub(crate) fn sentence_date(s: &Sentence, r: &Reading, text: &str) -> Option<String> {
    dates(s, r, text).into_iter().next().map(|(d, _)| d)
}

/// Whether the text between two spans only joins them ("Қырғызстан мен
/// Түрікменстанға", "Kyrgyzstan and Turkmenistan"): a few letters at most.
fn joined(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| {
        let word = gap.trim();
        !word.is_empty() && word.chars().count() <= 4 && !word.contains(['.', ';', ':'])
    })
}

/// Who pays a visit to the countries `dest`: the countries named by a head
/// of state, in the genitive, as an adjective, before an office word or as
/// the origin ("Президент Узбекистана", "Qazaqstan Prezıdenti", "из
/// Ташкента"); else those named with no role (the
/// subject); else the home country of the language. Other countries are
/// only mentioned in passing.
fn visitor(s: &Sentence, dest: &[&Country]) -> Vec<String> {
    let others: Vec<&Country> = s
        .countries
        .iter()
        .filter(|c| !c.code.is_empty() && !dest.iter().any(|d| d.code == c.code))
        .collect();
    let tier = |keep: &dyn Fn(&Country) -> bool| {
        let mut v: Vec<String> = others
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.code.to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    // a name right before an office word is the office's country
    // ("Qazaqstan Prezıdentiniń")
    let office = |c: &Country| {
        s.words.iter().any(|w| {
            matches!(w.kind, WordKind::Office(_))
                && w.span.start >= c.span.end
                && w.span.start - c.span.end <= 2
        })
    };
    let first = tier(&|c| {
        matches!(c.by, NamedBy::Person | NamedBy::Adjective)
            || matches!(c.role, Some(Role::Of | Role::From))
            || office(c)
    });
    if !first.is_empty() {
        return first;
    }
    let subject = tier(&|c| c.by == NamedBy::Name && c.role.is_none());
    if !subject.is_empty() {
        return subject;
    }
    s.home
        .filter(|h| !dest.iter().any(|d| d.code == *h))
        .map(str::to_string)
        .into_iter()
        .collect()
}

/// The events of type `t` whose word starts at byte `at` of sentence `s`:
/// one, or one per country visited when a visit names several
/// destinations ("visited Kyrgyzstan and Turkmenistan in August, and
/// Tajikistan in October").
fn events(
    doc: &str,
    text: &str,
    s: &Sentence,
    r: &Reading,
    (t, at): (&str, usize),
    sentence: &str,
) -> Vec<Event> {
    let one = event(doc, text, s, r, (t, at), sentence);
    if !t.ends_with("visit") {
        return vec![one];
    }
    // destinations: countries in the `to` case, and those joined to one
    // that is, before it ("Қырғызстан мен Түрікменстанға": the ending on
    // the last) or after it with no role of their own ("в Кыргызстан и
    // Таджикистан": the preposition before the first)
    let named: Vec<&Country> = s.countries.iter().filter(|c| !c.code.is_empty()).collect();
    let joins = |i: usize| joined(text, &named[i].span, &named[i + 1].span);
    let mut to = vec![false; named.len()];
    for i in (0..named.len()).rev() {
        to[i] = named[i].role == Some(Role::To)
            || (named[i].role.is_none() && i + 1 < named.len() && to[i + 1] && joins(i));
    }
    for i in 1..named.len() {
        to[i] = to[i] || (named[i].role.is_none() && to[i - 1] && joins(i - 1));
    }
    let mut dest: Vec<&Country> = Vec::new();
    for (c, _) in named.iter().zip(&to).filter(|(_, t)| **t) {
        if !dest.iter().any(|d| d.code == c.code) {
            dest.push(c);
        }
    }
    let visitor = visitor(s, &dest);
    if dest.is_empty() || visitor.is_empty() {
        return vec![one];
    }
    if dest.len() == 1 {
        // the visitor and the country visited: no country named in passing
        let mut one = one;
        one.countries = visitor
            .into_iter()
            .chain([dest[0].code.to_string()])
            .collect();
        one.countries.sort();
        one.countries.dedup();
        return vec![one];
    }
    let dated = dates(s, r, text);
    dest.iter()
        .map(|d| {
            let mut ev = one.clone();
            ev.countries = visitor
                .iter()
                .cloned()
                .chain([d.code.to_string()])
                .collect();
            ev.countries.sort();
            ev.countries.dedup();
            // the date written last before it, else the nearest
            ev.date = dated
                .iter()
                .filter(|(_, at)| *at < d.span.start)
                .max_by_key(|(_, at)| *at)
                .or_else(|| dated.iter().min_by_key(|(_, at)| at.abs_diff(d.span.start)))
                .map(|(date, _)| date.clone())
                .or(one.date.clone());
            ev.place_country = Some(d.code.to_string());
            ev.city = None;
            ev
        })
        .collect()
}

/// The event of type `t` whose word starts at byte `at` of sentence `s`.
fn event(
    doc: &str,
    text: &str,
    s: &Sentence,
    r: &Reading,
    (t, at): (&str, usize),
    sentence: &str,
) -> Event {
    let near = |start: usize| start.abs_diff(at);
    let mut countries: Vec<String> = s
        .countries
        .iter()
        .map(|c| c.code)
        .chain(s.places.iter().map(|p| p.code))
        .filter(|c| !c.is_empty() && !UNIONS.contains(c))
        .map(str::to_string)
        .collect();
    countries.sort();
    countries.dedup();
    complete(&mut countries, s, r);
    let date = dates(s, r, text)
        .into_iter()
        .min_by_key(|(_, start)| near(*start))
        .map(|(date, _)| date)
        .or_else(|| {
            // ("…, the foreign ministries said on Thursday": a day of the
            // week next to a word of reporting dates the report)
            let reported = |w: &Word| {
                s.words.iter().any(|o| {
                    matches!(o.kind, WordKind::Day("reported"))
                        && o.span
                            .start
                            .abs_diff(w.span.end)
                            .min(w.span.start.abs_diff(o.span.end))
                            <= REPORTED_BYTES
                })
            };
            s.words.iter().find_map(|w| match w.kind {
                WordKind::Day(k) if tandem_extract::WEEKDAYS.contains(&k) && reported(w) => None,
                WordKind::Day(k) => days::relative(k, r.date),
                _ => None,
            })
        });
    let place = s.places.iter().min_by_key(|p| near(p.span.start));
    let participants = s
        .countries
        .iter()
        .filter(|c| c.by == NamedBy::Person)
        .map(|c| {
            // an office word right before or after the name
            let office = s.words.iter().find_map(|w| match w.kind {
                WordKind::Office(o)
                    if (w.span.end <= c.span.start && c.span.start - w.span.end <= 80)
                        || (c.span.end <= w.span.start && w.span.start - c.span.end <= 3) =>
                {
                    Some(o.to_string())
                }
                _ => None,
            });
            Participant {
                name: Some(c.text.clone()),
                office,
                country: Some(c.code.to_string()).filter(|c| !c.is_empty()),
            }
        })
        .fold(Vec::<Participant>::new(), |mut v, p| {
            if !v.iter().any(|q| q.country == p.country) {
                v.push(p);
            }
            v
        });
    Event {
        doc: doc.to_string(),
        event_type: t.to_string(),
        countries,
        participants,
        city: place.map(|p| p.text.clone()),
        place_country: place.map(|p| p.code.to_string()),
        date,
        lang: s.lang.to_string(),
        start: s.span.start,
        end: s.span.end,
        sentence: sentence.to_string(),
    }
}

/// Completes the sides of an event or a signing that names fewer than two
/// countries: with one of the two states the document is about (its main
/// pair), the other; with another one, the home country of the sentence's
/// language (Kazakh news → KZ); with none (or no home), the main pair.
fn complete(countries: &mut Vec<String>, s: &Sentence, r: &Reading) {
    fn add(countries: &mut Vec<String>, c: &str) {
        if !countries.iter().any(|x| x == c) {
            countries.push(c.to_string());
        }
    }
    if countries.len() == 1 {
        // one of the two states the document is about: the other one
        let pair = [r.main_pair.0, r.main_pair.1];
        let other = match pair {
            [Some(a), Some(b)] if countries[0] == a => Some(b),
            [Some(a), Some(b)] if countries[0] == b => Some(a),
            _ => s.home,
        };
        if let Some(h) = other {
            add(countries, h);
        }
    }
    if countries.len() < 2 {
        for c in [r.main_pair.0, r.main_pair.1].into_iter().flatten() {
            add(countries, c);
        }
    }
    countries.sort();
}

/// Whether type `part` is reported as part of an event of type `whole`
/// between the same countries (talks during a visit or at a summit, a
/// session or a forum, or by phone; a visit of unstated kind that is a
/// state visit).
fn part_of(part: &str, whole: &str) -> bool {
    part == whole
        || (whole.ends_with("visit") && matches!(part, "talks" | "visit"))
        || (part == "talks" && whole == "phone_call")
        || (part == "talks" && matches!(whole, "summit" | "session" | "forum"))
}

/// Whether two dates may be of one event (either unknown, or overlapping).
fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.and_then(days::span), b.and_then(days::span)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => true,
    }
}

/// Adds a report to the document's events, folding it into an event it is
/// a report or part of; returns the index of the event it is (part of).
fn add_event(events: &mut Vec<Event>, ev: Event) -> usize {
    let same = events.iter_mut().enumerate().find(|(_, e)| {
        let folds = |part: &Event, whole: &Event| {
            part_of(&part.event_type, &whole.event_type)
                && (part.event_type == whole.event_type
                    || part.date.is_none()
                    || part.date == whole.date)
        };
        // a visit of unstated kind reported after a visit of a stated kind
        // with no date dates it
        let dates_it =
            ev.event_type == "visit" && e.event_type.ends_with("visit") && e.date.is_none();
        // two events of one type held in different countries are two
        let elsewhere = e.event_type == ev.event_type
            && matches!((&e.place_country, &ev.place_country), (Some(a), Some(b)) if a != b);
        e.countries == ev.countries
            && !elsewhere
            && (folds(&ev, e) || folds(e, &ev) || dates_it)
            && dates_agree(e.date.as_deref(), ev.date.as_deref())
    });
    match same {
        Some((i, e)) => {
            // a visit of unstated kind learns its kind
            if part_of(&e.event_type, &ev.event_type) && e.event_type != ev.event_type {
                e.event_type = ev.event_type;
            }
            if e.date.is_none() {
                e.date = ev.date;
            }
            if e.city.is_none() {
                e.city = ev.city;
                e.place_country = ev.place_country;
            }
            for p in ev.participants {
                if !e.participants.iter().any(|q| q.country == p.country) {
                    e.participants.push(p);
                }
            }
            i
        }
        None => {
            events.push(ev);
            events.len() - 1
        }
    }
}

/// The agreement sentence `s` reports, if any.
fn agreement(
    doc: &str,
    text: &str,
    s: &Sentence,
    r: &Reading,
    figures: &[Figure],
    (events, event): (&[Event], Option<usize>),
    sentence: &str,
) -> Option<Agreement> {
    let has = |k: &str| {
        s.words
            .iter()
            .any(|w| matches!(w.kind, WordKind::Agreement(a) if a == k))
    };
    if !has("signing") || has("expected") {
        return None;
    }
    let figs = figures.get(s.figures.clone()).unwrap_or(&[]);
    let counted = figs
        .iter()
        .position(|f| f.indicator == "agreements" && f.unit == "count");
    if counted.is_none() && !has("documents") {
        return None;
    }
    // an amount of trade, or a target, is no value of what was signed
    let money = figs.iter().find(|f| {
        MONEY.contains(&&*f.unit)
            && f.measure == "level"
            && f.kind == "actual"
            && !f.indicator.starts_with("trade.")
    });
    let mut sides: Vec<String> = s
        .countries
        .iter()
        .map(|c| c.code)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    sides.sort();
    sides.dedup();
    if sides.len() < 2 {
        match event {
            Some(e) => sides.clone_from(&events[e].countries),
            None => complete(&mut sides, s, r),
        }
    }
    let date = dates(s, r, text)
        .into_iter()
        .next()
        .map(|(date, _)| date)
        .or_else(|| event.and_then(|e| events[e].date.clone()));
    Some(Agreement {
        doc: doc.to_string(),
        count: counted.and_then(|k| {
            let v = figs[k].value;
            ((1.0..10_000.0).contains(&v) && v.fract() == 0.0).then_some(v as u32)
        }),
        value: money.map(|f| f.value),
        currency: money.map(|f| f.unit.to_string()),
        event,
        sides,
        date,
        subject: crate::subjects::subject(text, s, figures),
        figure: counted.map(|k| s.figures.start + k),
        lang: s.lang.to_string(),
        start: s.span.start,
        end: s.span.end,
        sentence: sentence.to_string(),
    })
}
