//! Reading back the events and agreements documents report (written once
//! for both engines, like the other shared queries).

use serde::Serialize;
use tandem_model::{Agreement, DocDate, Event, Participant};

use crate::sql::{Arg, Cell, Row, Sql};
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

/// The document a report comes from, as an analyst follows it: its title
/// (or file name), where it was read from and its language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDocument {
    /// Document id (content hash).
    pub id: String,
    /// File stem or JSON Lines id.
    pub name: String,
    /// Title, when the document has one.
    pub title: Option<String>,
    /// URL, when known.
    pub url: Option<String>,
    /// The file it was ingested from (`path#id` inside JSON Lines).
    pub path: String,
    /// Date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Main language of the document.
    pub language: String,
}

/// An event report with its document, and the agreements signed at it as
/// the same document reports them.
#[derive(Debug, Clone)]
pub struct EventReport {
    /// The event as its document reports it.
    pub event: Event,
    /// The document's date.
    pub doc_date: Option<DocDate>,
    /// The document.
    pub document: ReportDocument,
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

/// The conditions of a query on the latest version of each document:
/// `d.is_latest = 1` and each clause (one `?`) whose value is given, with
/// the arguments they number.
fn latest_where(conds: &[(&str, &Option<String>)]) -> (Vec<String>, Vec<Arg>) {
    let mut clauses = vec!["d.is_latest = 1".to_owned()];
    let mut args: Vec<Arg> = Vec::new();
    for (clause, v) in conds {
        if let Some(v) = v {
            args.push(Arg::Text(v.clone()));
            clauses.push(clause.replace('?', &format!("?{}", args.len())));
        }
    }
    (clauses, args)
}

/// Event reports of the latest version of each document, matching
/// `filter`, in storage order.
pub(crate) fn event_reports(db: &impl Sql, filter: &EventFilter) -> Result<Vec<EventReport>> {
    let (clauses, args) = latest_where(&[
        (
            "',' || e.countries || ',' LIKE '%,' || ? || ',%'",
            &filter.country,
        ),
        ("e.type = ?", &filter.event_type),
        ("e.language = ?", &filter.lang),
    ]);
    let sql = format!(
        "SELECT e.document, e.ordinal, e.document_id, e.type, e.countries, e.city, e.place_country,
                e.date, e.language, e.start_offset, e.end_offset, e.sentence, d.date,
                d.name, d.title, d.url, d.source, d.language
         FROM events e JOIN documents d ON d.seq = e.document
         WHERE {}
         ORDER BY e.document, e.ordinal",
        clauses.join(" AND ")
    );
    let rows = db.rows(&sql, &args, |r| {
        let key = (r.int(0)?, r.int(1)?);
        let doc_date = r.opt_text(12)?;
        let document = ReportDocument {
            id: r.text(2)?,
            name: r.text(13)?,
            title: r.opt_text(14)?,
            url: r.opt_text(15)?,
            path: r.text(16)?,
            date: doc_date.clone(),
            language: r.text(17)?,
        };
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
        let doc_date = doc_date.as_deref().and_then(DocDate::parse);
        Ok((key, event, doc_date, document))
    })?;
    let mut out = Vec::with_capacity(rows.len());
    for ((doc, ord), mut event, doc_date, document) in rows {
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
            &format!("SELECT {AGREEMENT} FROM agreements a WHERE a.document = ?1 AND a.event = ?2 ORDER BY a.ordinal"),
            &at,
            agreement,
        )?;
        out.push(EventReport {
            event,
            doc_date,
            document,
            agreements,
        });
    }
    Ok(out)
}

/// The columns of an agreement row read by [`agreement`].
const AGREEMENT: &str = "a.document_id, a.count, a.value, a.currency, a.event, a.sides, a.date,
    a.figure, a.language, a.start_offset, a.end_offset, a.sentence, a.subject";

/// An agreement from the columns of [`AGREEMENT`].
fn agreement(r: &dyn Row) -> Cell<Agreement> {
    Ok(Agreement {
        doc: r.text(0)?,
        count: r.opt_int(1)?.map(u32::try_from).transpose()?,
        value: r.opt_float(2)?,
        currency: r.opt_text(3)?,
        event: index(r.opt_int(4)?),
        sides: codes(r.text(5)?),
        date: r.opt_text(6)?,
        subject: r.opt_text(12)?,
        figure: index(r.opt_int(7)?),
        lang: r.text(8)?,
        start: r.int(9)? as usize,
        end: r.int(10)? as usize,
        sentence: r.text(11)?,
    })
}

/// Which agreements to read (every field optional).
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    /// Only agreements this country signed (ISO code).
    pub country: Option<String>,
    /// Only agreements signed at an event of this type.
    pub event_type: Option<String>,
    /// Only reports in this language (of the reporting sentence).
    pub lang: Option<String>,
}

/// An agreement as its document reports it, with the document and the
/// event it was signed at, if the document says.
#[derive(Debug, Clone)]
pub struct AgreementReport {
    /// The agreement.
    pub agreement: Agreement,
    /// The event it was signed at, as the same document reports it.
    pub event: Option<Event>,
    /// The document.
    pub document: ReportDocument,
}

/// Agreements of the latest version of each document matching `filter`,
/// in storage order.
pub(crate) fn agreement_reports(
    db: &impl Sql,
    filter: &AgreementFilter,
) -> Result<Vec<AgreementReport>> {
    let (clauses, args) = latest_where(&[
        (
            "',' || a.sides || ',' LIKE '%,' || ? || ',%'",
            &filter.country,
        ),
        ("e.type = ?", &filter.event_type),
        ("a.language = ?", &filter.lang),
    ]);
    let sql = format!(
        "SELECT {AGREEMENT}, d.name, d.title, d.url, d.source, d.date, d.language,
                e.type, e.countries, e.city, e.place_country, e.date, e.language,
                e.start_offset, e.end_offset, e.sentence
         FROM agreements a JOIN documents d ON d.seq = a.document
         LEFT JOIN events e ON e.document = a.document AND e.ordinal = a.event
         WHERE {}
         ORDER BY a.document, a.ordinal",
        clauses.join(" AND ")
    );
    db.rows(&sql, &args, |r| {
        let agreement = agreement(r)?;
        let document = ReportDocument {
            id: agreement.doc.clone(),
            name: r.text(13)?,
            title: r.opt_text(14)?,
            url: r.opt_text(15)?,
            path: r.text(16)?,
            date: r.opt_text(17)?,
            language: r.text(18)?,
        };
        let event = match r.opt_text(19)? {
            Some(event_type) => Some(Event {
                doc: agreement.doc.clone(),
                event_type,
                countries: codes(r.text(20)?),
                participants: Vec::new(),
                city: r.opt_text(21)?,
                place_country: r.opt_text(22)?,
                date: r.opt_text(23)?,
                lang: r.text(24)?,
                start: r.int(25)? as usize,
                end: r.int(26)? as usize,
                sentence: r.text(27)?,
            }),
            None => None,
        };
        Ok(AgreementReport {
            agreement,
            event,
            document,
        })
    })
}
