//! Reading back the events and agreements documents report (written once
//! for both engines, like the other shared queries).

use tandem_model::{Agreement, DocDate, Event, Participant};

use crate::sql::{Arg, Cell, Sql};
use crate::Result;

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

fn index(i: Option<i64>) -> Option<usize> {
    i.map(|i| i as usize)
}

/// Event reports of the latest version of each document, matching
/// `filter`, in storage order.
pub(crate) fn event_reports(db: &impl Sql, filter: &EventFilter) -> Result<Vec<EventReport>> {
    let mut clauses = vec!["d.is_latest = 1".to_owned()];
    let mut args: Vec<Arg> = Vec::new();
    let mut eq = |clause: &str, v: &Option<String>| {
        if let Some(v) = v {
            args.push(Arg::Text(v.clone()));
            clauses.push(clause.replace('?', &format!("?{}", args.len())));
        }
    };
    eq(
        "',' || e.countries || ',' LIKE '%,' || ? || ',%'",
        &filter.country,
    );
    eq("e.type = ?", &filter.event_type);
    eq("e.language = ?", &filter.lang);
    let sql = format!(
        "SELECT e.document, e.ordinal, e.document_id, e.type, e.countries, e.city, e.place_country,
                e.date, e.language, e.start_offset, e.end_offset, e.sentence, d.date
         FROM events e JOIN documents d ON d.seq = e.document
         WHERE {}
         ORDER BY e.document, e.ordinal",
        clauses.join(" AND ")
    );
    let rows = db.rows(&sql, &args, |r| {
        let key = (r.int(0)?, r.int(1)?);
        let doc_date = r.opt_text(12)?;
        let event = Event {
            doc: r.text(2)?,
            event_type: r.text(3)?,
            countries: codes(r.text(4)?),
            participants: Vec::new(),
            city: r.opt_text(5)?,
            place_country: r.opt_text(6)?,
            date: r.opt_text(7)?,
            lang: r.text(8)?,
            start: r.int(9)? as usize,
            end: r.int(10)? as usize,
            sentence: r.text(11)?,
        };
        Ok((key, event, doc_date.as_deref().and_then(DocDate::parse)))
    })?;
    let mut out = Vec::with_capacity(rows.len());
    for ((doc, ord), mut event, doc_date) in rows {
        let at = [Arg::Int(doc), Arg::Int(ord)];
        event.participants = db.rows(
            "SELECT name, office, country FROM event_participants WHERE document = ?1 AND event = ?2",
            &at,
            |r| {
                Ok(Participant {
                    name: r.opt_text(0)?,
                    office: r.opt_text(1)?,
                    country: r.opt_text(2)?,
                })
            },
        )?;
        let agreements = db.rows(
            "SELECT document_id, count, value, currency, event, sides, date, figure, language,
                    start_offset, end_offset, sentence
             FROM agreements WHERE document = ?1 AND event = ?2 ORDER BY ordinal",
            &at,
            |r| -> Cell<Agreement> {
                Ok(Agreement {
                    doc: r.text(0)?,
                    count: r.opt_int(1)?.map(u32::try_from).transpose()?,
                    value: r.opt_float(2)?,
                    currency: r.opt_text(3)?,
                    event: index(r.opt_int(4)?),
                    sides: codes(r.text(5)?),
                    date: r.opt_text(6)?,
                    figure: index(r.opt_int(7)?),
                    lang: r.text(8)?,
                    start: r.int(9)? as usize,
                    end: r.int(10)? as usize,
                    sentence: r.text(11)?,
                })
            },
        )?;
        out.push(EventReport {
            event,
            doc_date,
            agreements,
        });
    }
    Ok(out)
}
