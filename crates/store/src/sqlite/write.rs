//! Writing documents, their paragraphs, sentences, figures, events and
//! agreements in batches, into SQLite.

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::SqliteStore;
use crate::{BatchOutcome, DocOutcome, NewDocument, Result};

impl SqliteStore {
    /// Stores a batch of documents in one transaction.
    pub(super) fn write_batch(&mut self, docs: &[NewDocument]) -> Result<BatchOutcome> {
        let db = self.location.to_string();
        let sql_err = |source: rusqlite::Error| crate::StoreError::Sql {
            db: db.clone(),
            source: source.into(),
        };
        // IMMEDIATE: take the write lock first, so that a second writer waits
        // (busy timeout) instead of failing when both read, then write
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_err)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in docs {
            outcomes.push(insert_one(&tx, doc).map_err(sql_err)?);
        }
        tx.commit().map_err(sql_err)?;
        Ok(outcomes)
    }
}

fn insert_one(tx: &Transaction<'_>, doc: &NewDocument) -> rusqlite::Result<DocOutcome> {
    let exists = tx
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .query_row([&doc.id], |_| Ok(()))
        .optional()?
        .is_some();
    if exists {
        return Ok(DocOutcome::Unchanged);
    }
    // (the newest is picked here, not by ORDER BY … LIMIT 1: with that
    // ORDER BY, SQLite prepares the statement again whenever a new source is
    // bound, once per document, ~57,000 instructions each time)
    let mut previous: Option<(String, i64)> = None;
    let mut latest =
        tx.prepare_cached("SELECT id, version FROM documents WHERE source = ?1 AND is_latest = 1")?;
    for row in latest.query_map([&doc.source], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let row: (String, i64) = row?;
        if previous.as_ref().is_none_or(|p| row.1 > p.1) {
            previous = Some(row);
        }
    }
    drop(latest);
    let version = previous.as_ref().map_or(1, |p| p.1 + 1);
    if let Some((prev_id, _)) = &previous {
        tx.prepare_cached("UPDATE documents SET is_latest = 0 WHERE id = ?1")?
            .execute([prev_id])?;
    }
    tx.prepare_cached(
        "INSERT INTO documents (id, name, source, url, title, date, date_precision, language, format,
                                bytes, version, supersedes, is_latest, ingested_at, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?13)",
    )?
    .execute(params![
        doc.id,
        doc.name,
        doc.source,
        doc.url,
        doc.title,
        doc.date.map(|d| d.to_string()),
        doc.date.map(|d| d.precision().as_str()),
        doc.language,
        doc.format,
        doc.text.len() as i64,
        version,
        previous.as_ref().map(|p| p.0.as_str()),
        doc.text,
    ])?;
    let seq = tx.last_insert_rowid();
    let mut para = tx.prepare_cached(
        "INSERT INTO paragraphs (document, ordinal, start_offset, end_offset, language) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        para.execute(params![
            seq,
            i as i64,
            p.start as i64,
            p.end as i64,
            p.language
        ])?;
    }
    let mut sent = tx.prepare_cached(
        "INSERT INTO sentences (document, ordinal, paragraph, start_offset, end_offset) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, s) in doc.sentences.iter().enumerate() {
        sent.execute(params![
            seq,
            i as i64,
            s.paragraph as i64,
            s.start as i64,
            s.end as i64,
        ])?;
    }
    let mut fig = tx.prepare_cached(
        "INSERT INTO figures (document, document_id, ordinal, text, occurrence, value, value_max, unit, approx,
                              indicator, measure, subject, partner, kind, period, start_offset, end_offset, sentence,
                              product, source_kind, cell)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    for (i, f) in doc.figures.iter().enumerate() {
        fig.execute(params![
            seq,
            doc.id,
            i as i64,
            f.text,
            f.occurrence,
            f.value,
            f.value_max,
            f.unit,
            f.approx,
            f.indicator,
            f.measure,
            f.subject,
            f.partner,
            f.kind,
            f.period,
            f.start as i64,
            f.end as i64,
            f.sentence,
            f.product,
            f.source_kind.as_str(),
            f.cell,
        ])?;
    }
    insert_events(tx, seq, doc)?;
    insert_projects(tx, seq, doc)?;
    Ok(match previous {
        None => DocOutcome::New,
        Some((supersedes, _)) => DocOutcome::NewVersion {
            version,
            supersedes,
        },
    })
}

/// Stores the events (with their participants) and agreements of document `seq`.
fn insert_events(tx: &Transaction<'_>, seq: i64, doc: &NewDocument) -> rusqlite::Result<()> {
    if doc.events.is_empty() && doc.agreements.is_empty() {
        return Ok(());
    }
    let mut ev = tx.prepare_cached(
        "INSERT INTO events (document, document_id, ordinal, type, countries, city, place_country, date,
                             language, start_offset, end_offset, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut who = tx.prepare_cached(
        "INSERT INTO event_participants (document, event, name, office, country) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, e) in doc.events.iter().enumerate() {
        ev.execute(params![
            seq,
            doc.id,
            i as i64,
            e.event_type,
            e.countries.join(","),
            e.city,
            e.place_country,
            e.date,
            e.lang,
            e.start as i64,
            e.end as i64,
            e.sentence,
        ])?;
        for p in &e.participants {
            who.execute(params![seq, i as i64, p.name, p.office, p.country])?;
        }
    }
    let mut agr = tx.prepare_cached(
        "INSERT INTO agreements (document, document_id, ordinal, count, value, currency, event, sides, date,
                                 figure, language, start_offset, end_offset, sentence, subject)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (i, a) in doc.agreements.iter().enumerate() {
        agr.execute(params![
            seq,
            doc.id,
            i as i64,
            a.count,
            a.value,
            a.currency,
            a.event.map(|e| e as i64),
            a.sides.join(","),
            a.date,
            a.figure.map(|f| f as i64),
            a.lang,
            a.start as i64,
            a.end as i64,
            a.sentence,
            a.subject,
        ])?;
    }
    Ok(())
}

/// Stores the project reports of document `seq`, adding each named project
/// to the registry `projects` when its key is new.
fn insert_projects(tx: &Transaction<'_>, seq: i64, doc: &NewDocument) -> rusqlite::Result<()> {
    if doc.projects.is_empty() {
        return Ok(());
    }
    let mut new = tx.prepare_cached(
        "INSERT INTO projects (key, name) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
    )?;
    let mut id = tx.prepare_cached("SELECT id FROM projects WHERE key = ?1")?;
    let mut rep = tx.prepare_cached(
        "INSERT INTO project_reports (document, document_id, ordinal, project, name, count, sides, sector, place,
                                      value, currency, capacity, capacity_unit, jobs, status, date, language,
                                      start_offset, end_offset, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    for (i, p) in doc.projects.iter().enumerate() {
        let project: Option<i64> = match (&p.key, &p.name) {
            (Some(key), Some(name)) => {
                new.execute(params![key, name])?;
                Some(id.query_row(params![key], |r| r.get(0))?)
            }
            _ => None,
        };
        rep.execute(params![
            seq,
            doc.id,
            i as i64,
            project,
            p.name,
            p.count,
            p.sides.join(","),
            p.sector,
            p.place,
            p.value,
            p.currency,
            p.capacity,
            p.capacity_unit,
            p.jobs,
            p.status,
            p.date,
            p.lang,
            p.start as i64,
            p.end as i64,
            p.sentence,
        ])?;
    }
    Ok(())
}
