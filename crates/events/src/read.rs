//! The events and agreements of one document, from its reading.
//!
//! The rules, one line each:
//! * a sentence with an event word reports an event of that word's type;
//!   the longest word wins ("государственный визит" over "визит");
//! * its countries are those the sentence names (by name, adjective, city
//!   or head of state) and the country of a city named there (the host);
//!   with one, the home country of the language (Kazakh news → KZ) is the
//!   other; with none, the document's main pair;
//! * its date is the day, range of days or month the sentence names nearest
//!   the event word, else a day word ("yesterday", "next week") resolved
//!   against the document's date; none without either;
//! * its place is the city the sentence names nearest the event word;
//! * its people are the heads of state the sentence names, with the office
//!   word written right before or after the name;
//! * reports of one event in a document are one event: the same type and
//!   countries with dates that do not disagree; talks and visits of an
//!   unstated kind between the countries of a visit, with no date of their
//!   own or the visit's, are part of that visit;
//! * a sentence with a signing word and a documents word or a figure of
//!   indicator `agreements`, and no word saying the signing is only
//!   expected, reports an agreement: its count is that figure, its value
//!   the money the sentence names, its event the one of its sentence or
//!   the last before it, its sides the sentence's countries or the event's.

use tandem_extract::reading::{NamedBy, Reading, Sentence, WordKind};
use tandem_model::{Agreement, Event, Figure, Participant};

use crate::days;

/// The events and agreements of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Events, in the order the document first reports them.
    pub events: Vec<Event>,
    /// Agreements, in reading order.
    pub agreements: Vec<Agreement>,
}

/// Currencies a money figure may be in.
const MONEY: &[&str] = &["USD", "EUR", "RUB", "KZT", "UZS", "KGS", "TJS", "CNY"];

/// Reads the events and agreements of document `doc` (its original text
/// `text`, its reading and figures as `tandem_extract::extract_with_reading`
/// returned them).
pub fn read(doc: &str, text: &str, reading: &Reading, figures: &[Figure]) -> Found {
    let mut found = Found::default();
    for s in &reading.sentences {
        let sentence = text.get(s.span.clone()).unwrap_or("").trim().to_string();
        let mut types: Vec<(&str, usize)> = Vec::new();
        for w in &s.words {
            if let WordKind::Event(t) = w.kind {
                if !types.iter().any(|(k, _)| *k == t) {
                    types.push((t, w.span.start));
                }
            }
        }
        for (t, at) in types {
            let ev = event(doc, s, reading, t, at, &sentence);
            if ev.countries.len() >= 2 {
                add_event(&mut found.events, ev);
            }
        }
        if let Some(a) = agreement(doc, s, reading, figures, &found.events, &sentence) {
            let same = found
                .agreements
                .iter()
                .any(|b| b.count == a.count && b.sides == a.sides && b.value == a.value);
            if !same {
                found.agreements.push(a);
            }
        }
    }
    found
}

/// The event of type `t` whose word starts at byte `at` of sentence `s`.
fn event(doc: &str, s: &Sentence, r: &Reading, t: &str, at: usize, sentence: &str) -> Event {
    let near = |start: usize| start.abs_diff(at);
    let mut countries: Vec<String> = s
        .countries
        .iter()
        .map(|c| c.code)
        .chain(s.places.iter().map(|p| p.code))
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    countries.sort();
    countries.dedup();
    complete(&mut countries, s, r);
    let date = s
        .dates
        .iter()
        .min_by_key(|d| near(d.span.start))
        .map(|d| d.date.clone())
        .or_else(|| {
            s.words.iter().find_map(|w| match w.kind {
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
/// countries: with one, the other is the home country of the sentence's
/// language (Kazakh news → KZ); with none (or no home), the document's main
/// pair.
fn complete(countries: &mut Vec<String>, s: &Sentence, r: &Reading) {
    fn add(countries: &mut Vec<String>, c: &str) {
        if !countries.iter().any(|x| x == c) {
            countries.push(c.to_string());
        }
    }
    if countries.len() == 1 {
        if let Some(h) = s.home {
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
/// between the same countries (talks during a visit, a visit of unstated
/// kind that is a state visit).
fn part_of(part: &str, whole: &str) -> bool {
    part == whole || (whole.ends_with("visit") && matches!(part, "talks" | "visit"))
}

/// Whether two dates may be of one event (either unknown, or overlapping).
fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.and_then(days::span), b.and_then(days::span)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => true,
    }
}

/// Adds a report to the document's events, folding it into an event it is
/// a report or part of.
fn add_event(events: &mut Vec<Event>, ev: Event) {
    let same = events.iter_mut().find(|e| {
        let folds = |part: &Event, whole: &Event| {
            part_of(&part.event_type, &whole.event_type)
                && (part.event_type == whole.event_type
                    || part.date.is_none()
                    || part.date == whole.date)
        };
        e.countries == ev.countries
            && (folds(&ev, e) || folds(e, &ev))
            && dates_agree(e.date.as_deref(), ev.date.as_deref())
    });
    match same {
        Some(e) => {
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
        }
        None => events.push(ev),
    }
}

/// The agreement sentence `s` reports, if any.
fn agreement(
    doc: &str,
    s: &Sentence,
    r: &Reading,
    figures: &[Figure],
    events: &[Event],
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
    let money = figs
        .iter()
        .find(|f| MONEY.contains(&f.unit.as_str()) && f.measure == "level");
    // the event of its sentence, else the last one reported before it
    let event = events
        .iter()
        .rposition(|e| e.start == s.span.start)
        .or_else(|| events.iter().rposition(|e| e.start < s.span.start));
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
    let date = s
        .dates
        .first()
        .map(|d| d.date.clone())
        .or_else(|| event.and_then(|e| events[e].date.clone()));
    Some(Agreement {
        doc: doc.to_string(),
        count: counted.and_then(|k| {
            let v = figs[k].value;
            ((1.0..10_000.0).contains(&v) && v.fract() == 0.0).then_some(v as u32)
        }),
        value: money.map(|f| f.value),
        currency: money.map(|f| f.unit.clone()),
        event,
        sides,
        date,
        figure: counted.map(|k| s.figures.start + k),
        lang: s.lang.to_string(),
        start: s.span.start,
        end: s.span.end,
        sentence: sentence.to_string(),
    })
}
