//! Writing batches into PostgreSQL (documents, paragraphs, sentences,
//! figures, events and agreements): one transaction a batch, one
//! statement per table and document (rows passed as arrays and unnested),
//! so a batch costs few round trips however many figures it holds. Each
//! statement is prepared once per batch ([`Prepared`]) rather than once
//! per use, which halves the round trips.
//!
//! Two writers may store the same document at once: the insert of the
//! second waits on the unique `documents.id` until the first commits and
//! then does nothing (`ON CONFLICT DO NOTHING`), and the document is
//! reported `Unchanged`.

use std::collections::HashMap;

use postgres::row::Row;
use postgres::types::ToSql;
use postgres::{Client, Statement, Transaction};

use crate::sql::Dialect;
use crate::{BatchOutcome, DocOutcome, NewDocument};

/// Stores `docs` in one transaction.
pub(super) fn insert_batch(
    client: &mut Client,
    docs: &[NewDocument],
) -> Result<BatchOutcome, postgres::Error> {
    let mut tx = client.transaction()?;
    let outcomes = insert_docs(&mut tx, docs)?;
    tx.commit()?;
    Ok(outcomes)
}

/// Stores `docs` in the open transaction `tx` (the work queue marks its
/// items done in the same one).
pub(super) fn insert_docs(
    tx: &mut Transaction<'_>,
    docs: &[NewDocument],
) -> Result<BatchOutcome, postgres::Error> {
    let mut tx = Prepared {
        tx,
        statements: HashMap::new(),
    };
    docs.iter().map(|doc| insert_one(&mut tx, doc)).collect()
}

/// A transaction whose statements are prepared on first use and reused
/// for the rest of the batch: a statement run by its text is prepared
/// anew each time (one more round trip to the server).
struct Prepared<'a, 't> {
    tx: &'a mut Transaction<'t>,
    statements: HashMap<String, Statement>,
}

impl Prepared<'_, '_> {
    fn statement(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.statements.insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    fn execute(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.execute(&s, params)
    }

    fn query_opt(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.query_opt(&s, params)
    }

    fn query_one(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Row, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.query_one(&s, params)
    }
}

fn insert_one(tx: &mut Prepared<'_, '_>, doc: &NewDocument) -> Result<DocOutcome, postgres::Error> {
    if tx
        .query_opt("SELECT 1 FROM documents WHERE id = $1", &[&doc.id])?
        .is_some()
    {
        return Ok(DocOutcome::Unchanged);
    }
    let previous: Option<(String, i64)> = tx
        .query_opt(
            "SELECT id, version FROM documents WHERE source = $1 AND is_latest = 1
             ORDER BY version DESC LIMIT 1 FOR UPDATE",
            &[&doc.source],
        )?
        .map(|r| (r.get(0), r.get(1)));
    let version = previous.as_ref().map_or(1, |p| p.1 + 1);
    let insert = Dialect::Postgres.render(
        "INSERT INTO documents (id, name, source, url, title, date, date_precision, language, format,
                                bytes, version, supersedes, is_latest, ingested_at, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, {NOW}, ?13)
         ON CONFLICT (id) DO NOTHING RETURNING seq",
    );
    let inserted = tx.query_opt(
        insert.as_ref(),
        &[
            &doc.id,
            &doc.name,
            &doc.source,
            &doc.url,
            &doc.title,
            &doc.date.map(|d| d.to_string()),
            &doc.date.map(|d| d.precision().as_str()),
            &doc.language,
            &doc.format,
            &(doc.text.len() as i64),
            &version,
            &previous.as_ref().map(|p| p.0.as_str()),
            &doc.text,
        ],
    )?;
    let Some(row) = inserted else {
        // another writer stored the same content meanwhile
        return Ok(DocOutcome::Unchanged);
    };
    let seq: i64 = row.get(0);
    if let Some((prev_id, _)) = &previous {
        tx.execute(
            "UPDATE documents SET is_latest = 0 WHERE id = $1",
            &[prev_id],
        )?;
    }
    let ordinals = |n: usize| (0..n as i64).collect::<Vec<i64>>();
    let offsets = |v: Vec<usize>| v.into_iter().map(|o| o as i64).collect::<Vec<i64>>();
    let ps = &doc.paragraphs;
    tx.execute(
        "INSERT INTO paragraphs (document, ordinal, start_offset, end_offset, language)
         SELECT $1, * FROM unnest($2::BIGINT[], $3::BIGINT[], $4::BIGINT[], $5::TEXT[])",
        &[
            &seq,
            &ordinals(ps.len()),
            &offsets(ps.iter().map(|p| p.start).collect()),
            &offsets(ps.iter().map(|p| p.end).collect()),
            &ps.iter().map(|p| p.language.as_str()).collect::<Vec<_>>(),
        ],
    )?;
    let ss = &doc.sentences;
    tx.execute(
        "INSERT INTO sentences (document, ordinal, paragraph, start_offset, end_offset)
         SELECT $1, * FROM unnest($2::BIGINT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[])",
        &[
            &seq,
            &ordinals(ss.len()),
            &offsets(ss.iter().map(|s| s.paragraph).collect()),
            &offsets(ss.iter().map(|s| s.start).collect()),
            &offsets(ss.iter().map(|s| s.end).collect()),
        ],
    )?;
    let fs = &doc.figures;
    let texts = |f: fn(&tandem_model::Figure) -> &str| fs.iter().map(f).collect::<Vec<&str>>();
    let opt_texts = |f: fn(&tandem_model::Figure) -> Option<&str>| {
        fs.iter().map(f).collect::<Vec<Option<&str>>>()
    };
    tx.execute(
        "INSERT INTO figures (document, document_id, ordinal, text, occurrence, value, value_max, unit, approx,
                              indicator, measure, subject, partner, kind, period, start_offset, end_offset,
                              sentence, product, source_kind, cell)
         SELECT $1, $2, * FROM unnest($3::BIGINT[], $4::TEXT[], $5::BIGINT[], $6::DOUBLE PRECISION[],
                                      $7::DOUBLE PRECISION[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[],
                                      $12::TEXT[], $13::TEXT[], $14::TEXT[], $15::TEXT[], $16::BIGINT[],
                                      $17::BIGINT[], $18::TEXT[], $19::TEXT[], $20::TEXT[], $21::TEXT[])",
        &[
            &seq,
            &doc.id,
            &ordinals(fs.len()),
            &texts(|f| &f.text),
            &fs.iter().map(|f| i64::from(f.occurrence)).collect::<Vec<_>>(),
            &fs.iter().map(|f| f.value).collect::<Vec<_>>(),
            &fs.iter().map(|f| f.value_max).collect::<Vec<_>>(),
            &texts(|f| &f.unit),
            &texts(|f| &f.approx),
            &texts(|f| &f.indicator),
            &texts(|f| &f.measure),
            &opt_texts(|f| f.subject.as_deref()),
            &opt_texts(|f| f.partner.as_deref()),
            &texts(|f| &f.kind),
            &opt_texts(|f| f.period.as_deref()),
            &offsets(fs.iter().map(|f| f.start).collect()),
            &offsets(fs.iter().map(|f| f.end).collect()),
            &texts(|f| &f.sentence),
            &opt_texts(|f| f.product.as_deref()),
            &texts(|f| f.source_kind.as_str()),
            &opt_texts(|f| f.cell.as_deref()),
        ],
    )?;
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

/// Stores the events (with their participants) and agreements of document
/// `seq`, one statement per table.
fn insert_events(
    tx: &mut Prepared<'_, '_>,
    seq: i64,
    doc: &NewDocument,
) -> Result<(), postgres::Error> {
    let offset = |o: usize| o as i64;
    let es = &doc.events;
    if !es.is_empty() {
        tx.execute(
            "INSERT INTO events (document, document_id, ordinal, type, countries, city, place_country, date,
                                 language, start_offset, end_offset, sentence)
             SELECT $1, $2, * FROM unnest($3::BIGINT[], $4::TEXT[], $5::TEXT[], $6::TEXT[], $7::TEXT[],
                                          $8::TEXT[], $9::TEXT[], $10::BIGINT[], $11::BIGINT[], $12::TEXT[])",
            &[
                &seq,
                &doc.id,
                &(0..es.len() as i64).collect::<Vec<i64>>(),
                &es.iter().map(|e| e.event_type.as_str()).collect::<Vec<_>>(),
                &es.iter().map(|e| e.countries.join(",")).collect::<Vec<_>>(),
                &es.iter().map(|e| e.city.as_deref()).collect::<Vec<_>>(),
                &es.iter().map(|e| e.place_country.as_deref()).collect::<Vec<_>>(),
                &es.iter().map(|e| e.date.as_deref()).collect::<Vec<_>>(),
                &es.iter().map(|e| e.lang.as_str()).collect::<Vec<_>>(),
                &es.iter().map(|e| offset(e.start)).collect::<Vec<_>>(),
                &es.iter().map(|e| offset(e.end)).collect::<Vec<_>>(),
                &es.iter().map(|e| e.sentence.as_str()).collect::<Vec<_>>(),
            ],
        )?;
        let who: Vec<(i64, &tandem_model::Participant)> = es
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.participants.iter().map(move |p| (i as i64, p)))
            .collect();
        if !who.is_empty() {
            tx.execute(
                "INSERT INTO event_participants (document, event, name, office, country)
                 SELECT $1, * FROM unnest($2::BIGINT[], $3::TEXT[], $4::TEXT[], $5::TEXT[])",
                &[
                    &seq,
                    &who.iter().map(|w| w.0).collect::<Vec<_>>(),
                    &who.iter().map(|w| w.1.name.as_deref()).collect::<Vec<_>>(),
                    &who.iter()
                        .map(|w| w.1.office.as_deref())
                        .collect::<Vec<_>>(),
                    &who.iter()
                        .map(|w| w.1.country.as_deref())
                        .collect::<Vec<_>>(),
                ],
            )?;
        }
    }
    let ags = &doc.agreements;
    if !ags.is_empty() {
        tx.execute(
            "INSERT INTO agreements (document, document_id, ordinal, count, value, currency, event, sides, date,
                                     figure, language, start_offset, end_offset, sentence, subject)
             SELECT $1, $2, * FROM unnest($3::BIGINT[], $4::BIGINT[], $5::DOUBLE PRECISION[], $6::TEXT[],
                                          $7::BIGINT[], $8::TEXT[], $9::TEXT[], $10::BIGINT[], $11::TEXT[],
                                          $12::BIGINT[], $13::BIGINT[], $14::TEXT[], $15::TEXT[])",
            &[
                &seq,
                &doc.id,
                &(0..ags.len() as i64).collect::<Vec<i64>>(),
                &ags.iter().map(|a| a.count.map(i64::from)).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.value).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.currency.as_deref()).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.event.map(offset)).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.sides.join(",")).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.date.as_deref()).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.figure.map(offset)).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.lang.as_str()).collect::<Vec<_>>(),
                &ags.iter().map(|a| offset(a.start)).collect::<Vec<_>>(),
                &ags.iter().map(|a| offset(a.end)).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.sentence.as_str()).collect::<Vec<_>>(),
                &ags.iter().map(|a| a.subject.as_deref()).collect::<Vec<_>>(),
            ],
        )?;
    }
    Ok(())
}

/// Stores the project reports of document `seq`, adding each named project
/// to the registry `projects` when its key is new.
fn insert_projects(
    tx: &mut Prepared<'_, '_>,
    seq: i64,
    doc: &NewDocument,
) -> Result<(), postgres::Error> {
    let ps = &doc.projects;
    if ps.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<Option<i64>> = Vec::with_capacity(ps.len());
    for p in ps {
        ids.push(match (&p.key, &p.name) {
            (Some(key), Some(name)) => {
                tx.execute(
                    "INSERT INTO projects (key, name) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                    &[key, name],
                )?;
                Some(
                    tx.query_one("SELECT id FROM projects WHERE key = $1", &[key])?
                        .get(0),
                )
            }
            _ => None,
        });
    }
    let offset = |o: usize| o as i64;
    tx.execute(
        "INSERT INTO project_reports (document, document_id, ordinal, project, name, count, sides, sector, place,
                                      value, currency, capacity, capacity_unit, jobs, status, date, language,
                                      start_offset, end_offset, sentence)
         SELECT $1, $2, * FROM unnest($3::BIGINT[], $4::BIGINT[], $5::TEXT[], $6::BIGINT[], $7::TEXT[],
                                      $8::TEXT[], $9::TEXT[], $10::DOUBLE PRECISION[], $11::TEXT[],
                                      $12::DOUBLE PRECISION[], $13::TEXT[], $14::DOUBLE PRECISION[],
                                      $15::TEXT[], $16::TEXT[], $17::TEXT[], $18::BIGINT[], $19::BIGINT[],
                                      $20::TEXT[])",
        &[
            &seq,
            &doc.id,
            &(0..ps.len() as i64).collect::<Vec<i64>>(),
            &ids,
            &ps.iter().map(|p| p.name.as_deref()).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.count.map(i64::from)).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.sides.join(",")).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.sector.as_deref()).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.place.as_deref()).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.value).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.currency.as_deref()).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.capacity).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.capacity_unit.as_deref()).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.jobs).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.status.as_deref()).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.date.as_deref()).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.lang.as_str()).collect::<Vec<_>>(),
            &ps.iter().map(|p| offset(p.start)).collect::<Vec<_>>(),
            &ps.iter().map(|p| offset(p.end)).collect::<Vec<_>>(),
            &ps.iter().map(|p| p.sentence.as_str()).collect::<Vec<_>>(),
        ],
    )?;
    Ok(())
}
