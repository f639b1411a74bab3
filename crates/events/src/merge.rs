//! One record per event, whatever the number of documents and languages
//! that report it: reports of the same type (a visit of unstated kind
//! joins a visit of a stated one), the same countries, dates within
//! [`DAYS_APART`] days of each other and the same place country when both
//! name one are one event.
//!
//! A report without a date of its own is placed in the few days up to its
//! document's date (news reports what has just happened); one whose
//! document has no full date either is merged with no other.

use serde::Serialize;
use tandem_model::{DocDate, Event, Participant};

use crate::days;

/// Most days between two reports' dates for them to be one event.
pub const DAYS_APART: i64 = 3;

/// Where a record was reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Document id.
    pub doc: String,
    /// Language of the reporting sentence.
    pub lang: String,
    /// Byte offset of the sentence in the document's text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The sentence.
    pub sentence: String,
}

/// One event with every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Event type (see [`Event::event_type`]).
    #[serde(rename = "type")]
    pub event_type: String,
    /// ISO codes of the countries taking part, sorted.
    pub countries: Vec<String>,
    /// The most precise date a report gives (`None` when none does).
    pub date: Option<String>,
    /// The city, as the first report naming one writes it.
    pub city: Option<String>,
    /// The country of the place.
    pub place_country: Option<String>,
    /// People taking part, one per country.
    pub participants: Vec<Participant>,
    /// Every report, in the order given.
    pub sources: Vec<Source>,
    /// The day range used to compare it with other reports.
    #[serde(skip)]
    days: Option<(i64, i64)>,
}

impl Record {
    /// The date to sort by: the event's, else the first day it is placed in.
    pub fn sort_key(&self) -> Option<i64> {
        self.days.map(|d| d.0)
    }
}

fn same_type(a: &str, b: &str) -> bool {
    a == b || (a == "visit" && b.ends_with("visit")) || (b == "visit" && a.ends_with("visit"))
}

fn near(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 + DAYS_APART && b0 <= a1 + DAYS_APART,
        _ => false,
    }
}

/// Merges reports (each event with its document's date) into records.
pub fn merge(reports: &[(Event, Option<DocDate>)]) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for (e, doc_date) in reports {
        let own = e.date.as_deref().and_then(days::span);
        let span = own.or_else(|| days::around(*doc_date));
        let source = Source {
            doc: e.doc.clone(),
            lang: e.lang.clone(),
            start: e.start,
            end: e.end,
            sentence: e.sentence.clone(),
        };
        let found = out.iter_mut().find(|r| {
            same_type(&r.event_type, &e.event_type)
                && r.countries == e.countries
                && near(r.days, span)
                && match (&r.place_country, &e.place_country) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
        });
        match found {
            Some(r) => {
                if r.event_type == "visit" {
                    r.event_type.clone_from(&e.event_type);
                }
                // the more precise date (fewer days) wins
                let width = |d: Option<(i64, i64)>| d.map_or(i64::MAX, |(a, b)| b - a);
                if own.is_some() && (r.date.is_none() || width(own) < width(r.days)) {
                    r.date.clone_from(&e.date);
                    r.days = own;
                }
                if r.city.is_none() {
                    r.city.clone_from(&e.city);
                    r.place_country.clone_from(&e.place_country);
                }
                for p in &e.participants {
                    if !r.participants.iter().any(|q| q.country == p.country) {
                        r.participants.push(p.clone());
                    }
                }
                r.sources.push(source);
            }
            None => out.push(Record {
                event_type: e.event_type.clone(),
                countries: e.countries.clone(),
                date: e.date.clone(),
                city: e.city.clone(),
                place_country: e.place_country.clone(),
                participants: e.participants.clone(),
                sources: vec![source],
                days: span,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(doc: &str, t: &str, countries: &[&str], date: Option<&str>, lang: &str) -> Event {
        Event {
            doc: doc.into(),
            event_type: t.into(),
            countries: countries.iter().map(|c| c.to_string()).collect(),
            participants: Vec::new(),
            city: None,
            place_country: None,
            date: date.map(str::to_string),
            lang: lang.into(),
            start: 0,
            end: 1,
            sentence: String::new(),
        }
    }

    #[test]
    fn reports_of_one_visit_in_two_languages_are_one_record() {
        let d = DocDate::parse("2025-11-12");
        let reports = vec![
            (
                ev(
                    "a",
                    "state_visit",
                    &["KZ", "RU"],
                    Some("2025-11-11..2025-11-12"),
                    "uz-Cyrl",
                ),
                d,
            ),
            (
                ev("b", "visit", &["KZ", "RU"], None, "ru"),
                DocDate::parse("2025-11-13"),
            ),
            (ev("c", "state_visit", &["KZ", "UZ"], None, "kk"), d),
            (
                ev("d", "state_visit", &["KZ", "RU"], Some("2025-05-10"), "en"),
                d,
            ),
        ];
        let rs = merge(&reports);
        assert_eq!(rs.len(), 3);
        assert_eq!(rs[0].sources.len(), 2);
        assert_eq!(rs[0].event_type, "state_visit");
        assert_eq!(rs[0].date.as_deref(), Some("2025-11-11..2025-11-12"));
    }

    #[test]
    fn undated_reports_of_undated_documents_stay_apart() {
        let reports = vec![
            (ev("a", "summit", &["KZ", "UZ"], None, "ru"), None),
            (ev("b", "summit", &["KZ", "UZ"], None, "ru"), None),
        ];
        assert_eq!(merge(&reports).len(), 2);
    }
}
