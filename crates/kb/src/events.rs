//! Events and agreements as an analyst follows them: one record per event
//! (the reports of every document and language merged by
//! [`tandem_events::merge`]), newest first, each with the agreements signed
//! there and every source as a document one can open — its title (or file
//! name), URL or path, and language — rather than a content hash. Used
//! alike by `tandem events`, `tandem export events|agreements` and the API.

use serde::Serialize;
use tandem_model::{Agreement, Participant};
use tandem_store::{AgreementReport, EventReport, ReportDocument};

/// Where a record was reported: the document and the sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    /// The document.
    pub document: ReportDocument,
    /// Language of the reporting sentence.
    pub language: String,
    /// Byte offset of the sentence in the document's text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The sentence.
    pub sentence: String,
}

impl SourceRef {
    /// The document's title, else its file name.
    pub fn title(&self) -> &str {
        self.document
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.document.name)
    }

    /// The document's URL, else the path it was read from.
    pub fn location(&self) -> &str {
        self.document.url.as_deref().unwrap_or(&self.document.path)
    }
}

/// Documents signed, as one document reports them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignedRecord {
    /// How many, when a number says so.
    pub count: Option<u32>,
    /// Their total value, when stated, in `currency`.
    pub value: Option<f64>,
    /// ISO 4217 code of `value`.
    pub currency: Option<String>,
    /// What they are about, as written, when stated (several joined by
    /// "; ").
    pub subject: Option<String>,
    /// ISO codes of the signing sides.
    pub sides: Vec<String>,
    /// When they were signed.
    pub date: Option<String>,
    /// Where it is reported.
    pub source: SourceRef,
}

/// One event with every report of it and the agreements signed there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// Event type (`state_visit`, `summit`, `session`, …).
    #[serde(rename = "type")]
    pub event_type: String,
    /// ISO codes of the countries taking part, sorted.
    pub countries: Vec<String>,
    /// The most precise date a report gives.
    pub date: Option<String>,
    /// The city, as first written.
    pub city: Option<String>,
    /// The country of the place.
    pub place_country: Option<String>,
    /// People taking part, one per country.
    pub participants: Vec<Participant>,
    /// Agreements signed there, as each document reports them.
    pub agreements: Vec<SignedRecord>,
    /// Every report of it.
    pub sources: Vec<SourceRef>,
}

/// The event an agreement was signed at, as its document reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventBrief {
    /// Event type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// ISO codes of the countries taking part.
    pub countries: Vec<String>,
    /// Its date.
    pub date: Option<String>,
    /// Its city.
    pub city: Option<String>,
}

/// An agreement record: documents signed, the event they were signed at
/// and the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementRecord {
    /// What was signed.
    #[serde(flatten)]
    pub signed: SignedRecord,
    /// The event, when the document says which.
    pub event: Option<EventBrief>,
}

/// Date bounds (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both optional).
#[derive(Debug, Clone, Default)]
pub struct DateBounds {
    /// On or after.
    pub since: Option<String>,
    /// On or before.
    pub until: Option<String>,
}

impl DateBounds {
    /// Whether a record dated `date` is kept: any date with no bound; with
    /// a bound, only a date overlapping it (compared on the first and last
    /// day, a bound's prefix included).
    pub fn keeps(&self, date: Option<&str>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(d) = date else { return false };
        let first = d.split("..").next().unwrap_or(d);
        let last = d.split("..").last().unwrap_or(d);
        self.since
            .as_deref()
            .is_none_or(|s| last >= s || last.starts_with(s))
            && self
                .until
                .as_deref()
                .is_none_or(|u| first <= u || first.starts_with(u))
    }
}

fn source(doc: &ReportDocument, lang: &str, start: usize, end: usize, sentence: &str) -> SourceRef {
    SourceRef {
        document: doc.clone(),
        language: lang.to_owned(),
        start,
        end,
        sentence: sentence.to_owned(),
    }
}

fn signed(a: &Agreement, doc: &ReportDocument) -> SignedRecord {
    SignedRecord {
        count: a.count,
        value: a.value,
        currency: a.currency.clone(),
        subject: a.subject.clone(),
        sides: a.sides.clone(),
        date: a.date.clone(),
        source: source(doc, &a.lang, a.start, a.end, &a.sentence),
    }
}

/// The events of `reports` as records, newest first (undated ones last),
/// within `bounds`.
pub fn event_records(reports: &[EventReport], bounds: &DateBounds) -> Vec<EventRecord> {
    let pairs: Vec<_> = reports
        .iter()
        .map(|r| (r.event.clone(), r.doc_date))
        .collect();
    let mut merged = tandem_events::merge(&pairs);
    merged.sort_by_key(|r| std::cmp::Reverse(r.sort_key().unwrap_or(i64::MIN)));
    merged
        .into_iter()
        .filter(|r| bounds.keeps(r.date.as_deref()))
        .map(|r| {
            // the reports merged into it, in the order of its sources
            let of: Vec<&EventReport> = r
                .sources
                .iter()
                .filter_map(|s| {
                    reports
                        .iter()
                        .find(|rep| rep.event.doc == s.doc && rep.event.start == s.start)
                })
                .collect();
            EventRecord {
                event_type: r.event_type,
                countries: r.countries,
                date: r.date,
                city: r.city,
                place_country: r.place_country,
                participants: r.participants,
                agreements: of
                    .iter()
                    .flat_map(|rep| rep.agreements.iter().map(|a| signed(a, &rep.document)))
                    .collect(),
                sources: of
                    .iter()
                    .map(|rep| {
                        let e = &rep.event;
                        source(&rep.document, &e.lang, e.start, e.end, &e.sentence)
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The agreements of `reports` as records, newest first (undated ones
/// last), within `bounds`.
pub fn agreement_records(reports: &[AgreementReport], bounds: &DateBounds) -> Vec<AgreementRecord> {
    let mut out: Vec<AgreementRecord> = reports
        .iter()
        .filter(|r| bounds.keeps(r.agreement.date.as_deref()))
        .map(|r| AgreementRecord {
            signed: signed(&r.agreement, &r.document),
            event: r.event.as_ref().map(|e| EventBrief {
                event_type: e.event_type.clone(),
                countries: e.countries.clone(),
                date: e.date.clone(),
                city: e.city.clone(),
            }),
        })
        .collect();
    // dates sort as text; an undated agreement sorts as its document's date
    let key = |a: &AgreementRecord| {
        a.signed
            .date
            .clone()
            .or_else(|| a.signed.source.document.date.clone())
            .unwrap_or_default()
    };
    out.sort_by_key(|a| std::cmp::Reverse(key(a)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(since: Option<&str>, until: Option<&str>) -> DateBounds {
        DateBounds {
            since: since.map(str::to_owned),
            until: until.map(str::to_owned),
        }
    }

    #[test]
    fn date_bounds() {
        assert!(bounds(Some("2025-11"), None).keeps(Some("2025-11-15")));
        assert!(
            bounds(Some("2025-11-12"), Some("2025-11-12")).keeps(Some("2025-11-11..2025-11-12"))
        );
        assert!(!bounds(Some("2025-11"), None).keeps(Some("2025-10-01")));
        assert!(bounds(None, Some("2025-11")).keeps(Some("2025-11")));
        assert!(!bounds(None, Some("2025-11-30")).keeps(Some("2025-12-01")));
        assert!(!bounds(None, Some("2025-11-30")).keeps(None));
        assert!(bounds(None, None).keeps(None));
    }
}
