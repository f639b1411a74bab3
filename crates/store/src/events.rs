//! Reading back the events and agreements documents report.

use rusqlite::params;
use tandem_model::{Agreement, DocDate, Event, Participant};

use crate::{Result, Store};

/// Which event reports to read (every field optional).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only events this country takes part in (ISO code).
    pub country: Option<String>,
    /// Only events of this type.
    pub event_type: Option<String>,
    /// Only reports in this language (of the reporting sentence).
    pub lang: Option<String>,
}

/// An event report with its document's date, and the agreements signed at
/// it as the same document reports them.
#[derive(Debug, Clone)]
pub struct EventReport {
    /// The event as its document reports it.
    pub event: Event,
    /// The document's date.
    pub doc_date: Option<DocDate>,
    /// Agreements this document says were signed at it.
    pub agreements: Vec<Agreement>,
}

fn codes(s: String) -> Vec<String> {
    s.split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

impl Store {
    /// Event reports of the latest version of each document, matching
    /// `filter`, in storage order.
    pub fn event_reports(&self, filter: &EventFilter) -> Result<Vec<EventReport>> {
        let err = |e| self.sql_err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT e.document, e.ordinal, e.document_id, e.type, e.countries, e.city, e.place_country,
                        e.date, e.language, e.start_offset, e.end_offset, e.sentence, d.date
                 FROM events e JOIN documents d ON d.seq = e.document
                 WHERE d.is_latest = 1
                   AND (?1 IS NULL OR ',' || e.countries || ',' LIKE '%,' || ?1 || ',%')
                   AND (?2 IS NULL OR e.type = ?2)
                   AND (?3 IS NULL OR e.language = ?3)
                 ORDER BY e.document, e.ordinal",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(
                params![filter.country, filter.event_type, filter.lang],
                |r| {
                    let key: (i64, i64) = (r.get(0)?, r.get(1)?);
                    let doc_date: Option<String> = r.get(12)?;
                    let event = Event {
                        doc: r.get(2)?,
                        event_type: r.get(3)?,
                        countries: codes(r.get(4)?),
                        participants: Vec::new(),
                        city: r.get(5)?,
                        place_country: r.get(6)?,
                        date: r.get(7)?,
                        lang: r.get(8)?,
                        start: r.get::<_, i64>(9)? as usize,
                        end: r.get::<_, i64>(10)? as usize,
                        sentence: r.get(11)?,
                    };
                    Ok((key, event, doc_date.as_deref().and_then(DocDate::parse)))
                },
            )
            .map_err(err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(err)?;
        let mut who = self
            .conn
            .prepare_cached(
                "SELECT name, office, country FROM event_participants WHERE document = ?1 AND event = ?2",
            )
            .map_err(err)?;
        let mut signed = self
            .conn
            .prepare_cached(
                "SELECT document_id, count, value, currency, event, sides, date, figure, language,
                        start_offset, end_offset, sentence
                 FROM agreements WHERE document = ?1 AND event = ?2 ORDER BY ordinal",
            )
            .map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for ((doc, ord), mut event, doc_date) in rows {
            event.participants = who
                .query_map(params![doc, ord], |r| {
                    Ok(Participant {
                        name: r.get(0)?,
                        office: r.get(1)?,
                        country: r.get(2)?,
                    })
                })
                .map_err(err)?
                .collect::<rusqlite::Result<_>>()
                .map_err(err)?;
            let agreements = signed
                .query_map(params![doc, ord], |r| {
                    Ok(Agreement {
                        doc: r.get(0)?,
                        count: r.get(1)?,
                        value: r.get(2)?,
                        currency: r.get(3)?,
                        event: r.get::<_, Option<i64>>(4)?.map(|e| e as usize),
                        sides: codes(r.get(5)?),
                        date: r.get(6)?,
                        figure: r.get::<_, Option<i64>>(7)?.map(|f| f as usize),
                        lang: r.get(8)?,
                        start: r.get::<_, i64>(9)? as usize,
                        end: r.get::<_, i64>(10)? as usize,
                        sentence: r.get(11)?,
                    })
                })
                .map_err(err)?
                .collect::<rusqlite::Result<_>>()
                .map_err(err)?;
            out.push(EventReport {
                event,
                doc_date,
                agreements,
            });
        }
        Ok(out)
    }
}
