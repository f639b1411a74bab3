//! The queries both engines share, written once over [`Sql`]. Each engine
//! takes them into its [`crate::Engine`] implementation with
//! `shared_queries!()`.

use std::collections::BTreeMap;

use tandem_model::{DocDate, Figure, Goods, SourceKind};

use crate::records::{
    DocMeta, DocumentDetail, DocumentFilter, DocumentKey, DocumentRow, DocumentSummary,
    FigureCounts, FigureFilter, FigureRecord, Paragraph, Stats, Validators, WatchItem,
    WatchPending,
};
use crate::sql::{Arg, Cell, Row, Sql};
use crate::Result;

/// The [`crate::Engine`] methods whose SQL both dialects share.
macro_rules! shared_queries {
    () => {
        fn location(&self) -> &crate::Location {
            crate::sql::Sql::location(self)
        }
        fn contains(&self, id: &str) -> crate::Result<bool> {
            crate::queries::contains(self, id)
        }
        fn documents_after(
            &self,
            seq: i64,
            limit: usize,
        ) -> crate::Result<Vec<(i64, crate::DocumentRow)>> {
            crate::queries::documents_after(self, seq, limit)
        }
        fn document_keys(&self, seq: i64, limit: usize) -> crate::Result<Vec<crate::DocumentKey>> {
            crate::queries::document_keys(self, seq, limit)
        }
        fn document_count(&self) -> crate::Result<i64> {
            crate::sql::Sql::int(
                self,
                "SELECT COUNT(*) FROM documents WHERE is_latest = 1",
                &[],
            )
        }
        fn text_bytes(&self) -> crate::Result<i64> {
            crate::sql::Sql::int(
                self,
                "SELECT CAST(COALESCE(SUM(bytes), 0) AS BIGINT) FROM documents",
                &[],
            )
        }
        fn stats(&self) -> crate::Result<crate::Stats> {
            crate::queries::stats(self)
        }
        fn sample_paragraphs(
            &self,
            per_language: usize,
        ) -> crate::Result<Vec<(String, String, String)>> {
            crate::queries::sample_paragraphs(self, per_language)
        }
        fn figures(&self, filter: &crate::FigureFilter) -> crate::Result<Vec<crate::FigureRecord>> {
            crate::queries::figures(self, filter)
        }
        fn count_figures(&self, filter: &crate::FigureFilter) -> crate::Result<u64> {
            crate::queries::count_figures(self, filter)
        }
        fn figure(&self, id: i64) -> crate::Result<Option<crate::FigureRecord>> {
            crate::queries::figure(self, id)
        }
        fn documents(
            &self,
            filter: &crate::DocumentFilter,
        ) -> crate::Result<(u64, Vec<crate::DocumentSummary>)> {
            crate::queries::documents(self, filter)
        }
        fn document(&self, id_or_name: &str) -> crate::Result<Option<crate::DocumentDetail>> {
            crate::queries::document(self, id_or_name)
        }
        fn fingerprint(&self) -> crate::Result<(i64, i64)> {
            crate::queries::fingerprint(self)
        }
        fn figure_counts(&self) -> crate::Result<crate::FigureCounts> {
            crate::queries::figure_counts(self)
        }
        fn watch_source_validators(&self, url: &str) -> crate::Result<crate::Validators> {
            crate::queries::watch_source_validators(self, url)
        }
        fn watch_source_fetched(
            &self,
            url: &str,
            validators: Option<&crate::Validators>,
        ) -> crate::Result<()> {
            crate::queries::watch_source_fetched(self, url, validators)
        }
        fn watch_source_failed(&self, url: &str, error: &str) -> crate::Result<()> {
            crate::queries::watch_source_failed(self, url, error)
        }
        fn watch_record_items(
            &mut self,
            feed_url: &str,
            items: &[crate::WatchItem],
        ) -> crate::Result<usize> {
            crate::queries::watch_record_items(self, feed_url, items)
        }
        fn watch_pending(&self, max_attempts: u32) -> crate::Result<Vec<crate::WatchPending>> {
            crate::queries::watch_pending(self, max_attempts)
        }
        fn watch_item_ingested(
            &self,
            url: &str,
            document_id: Option<&str>,
            validators: &crate::Validators,
        ) -> crate::Result<()> {
            crate::queries::watch_item_ingested(self, url, document_id, validators)
        }
        fn watch_item_failed(&self, url: &str, error: &str) -> crate::Result<()> {
            crate::sql::Sql::exec(
                self,
                "UPDATE watch_items SET attempts = attempts + 1, last_error = ?2 WHERE url = ?1",
                &[
                    crate::sql::Arg::Text(url.to_owned()),
                    crate::sql::Arg::Text(error.to_owned()),
                ],
            )
            .map(drop)
        }
        fn watch_claim(
            &self,
            urls: &[&str],
            worker: &str,
            lease: std::time::Duration,
        ) -> crate::Result<Vec<String>> {
            crate::queries::watch_claim(self, urls, worker, lease)
        }
        fn watch_renew(&self, worker: &str, lease: std::time::Duration) -> crate::Result<u64> {
            crate::queries::watch_renew(self, worker, lease)
        }
        fn watch_release(&self, worker: &str) -> crate::Result<u64> {
            crate::sql::Sql::exec(
                self,
                "UPDATE watch_items SET claimed_until = NULL
                 WHERE claimed_by = ?1 AND claimed_until IS NOT NULL",
                &[crate::sql::Arg::Text(worker.to_owned())],
            )
        }
        fn event_reports(
            &self,
            filter: &crate::EventFilter,
        ) -> crate::Result<Vec<crate::EventReport>> {
            crate::events::event_reports(self, filter)
        }
        fn agreement_reports(
            &self,
            filter: &crate::AgreementFilter,
        ) -> crate::Result<Vec<crate::AgreementReport>> {
            crate::events::agreement_reports(self, filter)
        }
        fn project_reports(
            &self,
            filter: &crate::ProjectFilter,
        ) -> crate::Result<Vec<crate::ProjectRow>> {
            crate::projects::project_reports(self, filter)
        }
        fn add_api_token(
            &self,
            name: &str,
            scope: crate::TokenScope,
            hash: &str,
        ) -> crate::Result<Option<crate::ApiToken>> {
            crate::tokens::add_api_token(self, name, scope, hash)
        }
        fn api_tokens(&self) -> crate::Result<Vec<crate::ApiToken>> {
            crate::tokens::api_tokens(self)
        }
        fn revoke_api_token(&self, id: i64) -> crate::Result<bool> {
            crate::tokens::revoke_api_token(self, id)
        }
        fn api_token_by_hash(&self, hash: &str) -> crate::Result<Option<crate::ApiToken>> {
            crate::tokens::api_token_by_hash(self, hash)
        }
        fn query_int(&self, sql: &str) -> crate::Result<i64> {
            crate::sql::Sql::int(self, sql, &[])
        }
    };
}
pub(crate) use shared_queries;

fn text(s: &str) -> Arg {
    Arg::Text(s.to_owned())
}

fn opt_text(s: Option<&str>) -> Arg {
    Arg::OptText(s.map(str::to_owned))
}

pub(crate) fn contains(db: &impl Sql, id: &str) -> Result<bool> {
    Ok(db
        .row("SELECT 1 FROM documents WHERE id = ?1", &[text(id)], |_| {
            Ok(())
        })?
        .is_some())
}

pub(crate) fn documents_after(
    db: &impl Sql,
    seq: i64,
    limit: usize,
) -> Result<Vec<(i64, DocumentRow)>> {
    db.rows(
        "SELECT seq, id, name, source, title, date, language, text FROM documents
         WHERE is_latest = 1 AND seq > ?1 ORDER BY seq LIMIT ?2",
        &[Arg::Int(seq), Arg::Int(limit as i64)],
        |r| {
            Ok((
                r.int(0)?,
                DocumentRow {
                    id: r.text(1)?,
                    name: r.text(2)?,
                    source: r.text(3)?,
                    title: r.opt_text(4)?,
                    date: r.opt_text(5)?,
                    language: r.text(6)?,
                    text: r.text(7)?,
                },
            ))
        },
    )
}

pub(crate) fn document_keys(db: &impl Sql, seq: i64, limit: usize) -> Result<Vec<DocumentKey>> {
    db.rows(
        "SELECT seq, id, supersedes FROM documents
         WHERE is_latest = 1 AND seq > ?1 ORDER BY seq LIMIT ?2",
        &[Arg::Int(seq), Arg::Int(limit as i64)],
        |r| {
            Ok(DocumentKey {
                seq: r.int(0)?,
                id: r.text(1)?,
                supersedes: r.opt_text(2)?,
            })
        },
    )
}

pub(crate) fn stats(db: &impl Sql) -> Result<Stats> {
    // one pass over an index of the documents (`documents_overview`)
    let groups = db.rows(
        "SELECT is_latest, language, COALESCE(substr(date, 1, 4), 'undated'), COUNT(*)
         FROM documents GROUP BY 1, 2, 3",
        &[],
        |r| Ok((r.int(0)? == 1, r.text(1)?, r.text(2)?, r.int(3)?)),
    )?;
    let (mut documents, mut superseded) = (0, 0);
    let mut languages = BTreeMap::new();
    let mut years = BTreeMap::new();
    let mut per_language_year = BTreeMap::new();
    for (latest, language, year, n) in groups {
        if !latest {
            superseded += n;
            continue;
        }
        documents += n;
        *languages.entry(language.clone()).or_insert(0) += n;
        *years.entry(year.clone()).or_insert(0) += n;
        *per_language_year.entry((language, year)).or_insert(0) += n;
    }
    // rows of current documents: all rows, less those of superseded versions
    let current = |table: &str| {
        db.int(
            &format!(
                "SELECT (SELECT COUNT(*) FROM {table})
                      - (SELECT COUNT(*) FROM documents d JOIN {table} t ON t.document = d.seq
                         WHERE d.is_latest = 0)"
            ),
            &[],
        )
    };
    Ok(Stats {
        documents,
        superseded,
        paragraphs: current("paragraphs")?,
        sentences: current("sentences")?,
        figures: current("figures")?,
        per_language: most_first(languages),
        per_year: years.into_iter().collect(),
        per_language_year: per_language_year
            .into_iter()
            .map(|((l, y), n)| (l, y, n))
            .collect(),
    })
}

pub(crate) fn sample_paragraphs(
    db: &impl Sql,
    per_language: usize,
) -> Result<Vec<(String, String, String)>> {
    let slice = db
        .dialect()
        .byte_slice("d.text", "p.start_offset", "p.end_offset");
    let sql = format!(
        "SELECT language, title, snippet FROM (
            SELECT language, title, snippet,
                   ROW_NUMBER() OVER (PARTITION BY language ORDER BY seq, ordinal) AS n
            FROM (SELECT p.language, COALESCE(d.title, d.name) AS title, d.title AS doc_title,
                         d.seq, p.ordinal, {slice} AS snippet
                  FROM paragraphs p JOIN documents d ON d.seq = p.document
                  WHERE d.is_latest = 1 AND p.end_offset - p.start_offset > 60
                    AND NOT (p.ordinal = 0 AND ltrim(substr(d.text, 1, 6)) LIKE 'date %')) s
            WHERE snippet IS DISTINCT FROM doc_title) t
         WHERE n <= ?1 ORDER BY language, n"
    );
    db.rows(&sql, &[Arg::Int(per_language as i64)], |r| {
        Ok((r.text(0)?, r.text(1)?, r.text(2)?))
    })
}

const FIGURE_COLUMNS: &str = "f.id, f.document_id, f.text, f.occurrence, f.value, f.value_max, f.unit, f.approx,
     f.indicator, f.measure, f.subject, f.partner, f.kind, f.period, f.start_offset, f.end_offset, f.sentence,
     d.name, d.title, d.date, d.language, f.product, f.source_kind, f.cell";

fn read_figure(row: &dyn Row) -> Cell<FigureRecord> {
    let doc = row.text(1)?;
    let offset = |i: usize| -> Cell<usize> { Ok(usize::try_from(row.int(i)?).unwrap_or(0)) };
    Ok(FigureRecord {
        id: row.int(0)?,
        figure: Figure {
            doc: doc.clone(),
            text: row.text(2)?,
            occurrence: u32::try_from(row.int(3)?).unwrap_or(0),
            value: row.float(4)?,
            value_max: row.opt_float(5)?,
            unit: row.text(6)?.into(),
            approx: row.text(7)?.into(),
            indicator: row.text(8)?.into(),
            measure: row.text(9)?.into(),
            subject: row.opt_text(10)?.map(Into::into),
            partner: row.opt_text(11)?.map(Into::into),
            kind: row.text(12)?.into(),
            period: row.opt_text(13)?,
            product: row.opt_text(21)?.map(Into::into),
            start: offset(14)?,
            end: offset(15)?,
            sentence: row.text(16)?,
            source_kind: SourceKind::parse(&row.text(22)?).unwrap_or_default(),
            cell: row.opt_text(23)?,
        },
        document: DocMeta {
            id: doc,
            name: row.text(17)?,
            title: row.opt_text(18)?,
            date: row.opt_text(19)?,
            language: row.opt_text(20)?,
        },
    })
}

fn figure_where(filter: &FigureFilter) -> (String, Vec<Arg>) {
    let mut clauses = Vec::new();
    let mut args: Vec<Arg> = Vec::new();
    let mut eq = |clause: &str, v: &Option<String>| {
        if let Some(v) = v {
            args.push(Arg::Text(v.clone()));
            clauses.push(clause.replace('?', &format!("?{}", args.len())));
        }
    };
    eq("f.indicator = ?", &filter.indicator);
    eq("f.period = ?", &filter.period);
    eq("f.kind = ?", &filter.kind);
    eq("f.measure = ?", &filter.measure);
    eq("f.unit = ?", &filter.unit);
    eq("d.language = ?", &filter.language);
    let source_kind = filter.source_kind.map(|k| k.as_str().to_owned());
    eq("f.source_kind = ?", &source_kind);
    let chapter = match &filter.product {
        Some(Goods::Chapter(c)) => Some(c.clone()),
        _ => None,
    };
    eq("f.product = ?", &chapter);
    eq("(f.subject = ? OR f.partner = ?)", &filter.country);
    eq("(d.id = ? OR d.name = ?)", &filter.document);
    if filter.product == Some(Goods::Unspecified) {
        clauses.push("f.product IS NULL".to_owned());
    }
    if filter.document.is_none() {
        clauses.push("d.is_latest = 1".to_owned());
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, args)
}

pub(crate) fn figures(db: &impl Sql, filter: &FigureFilter) -> Result<Vec<FigureRecord>> {
    const ORDER: &str = "ORDER BY d.date DESC NULLS LAST, d.id, f.ordinal";
    let (cond, mut args) = figure_where(filter);
    let sql = match filter.limit {
        // A page: sort only the narrow keys, then read the wide rows of the page.
        Some(limit) => {
            args.push(Arg::Int(i64::from(limit)));
            args.push(Arg::Int(i64::from(filter.offset)));
            format!(
                "SELECT {FIGURE_COLUMNS} FROM figures f JOIN documents d ON d.seq = f.document
                 WHERE f.id IN (SELECT f.id FROM figures f JOIN documents d ON d.seq = f.document {cond}
                                {ORDER} LIMIT ?{} OFFSET ?{})
                 {ORDER}",
                args.len() - 1,
                args.len()
            )
        }
        None => format!(
            "SELECT {FIGURE_COLUMNS} FROM figures f JOIN documents d ON d.seq = f.document {cond} {ORDER}"
        ),
    };
    db.rows(&sql, &args, read_figure)
}

pub(crate) fn count_figures(db: &impl Sql, filter: &FigureFilter) -> Result<u64> {
    let (cond, args) = figure_where(filter);
    let sql =
        format!("SELECT COUNT(*) FROM figures f JOIN documents d ON d.seq = f.document {cond}");
    Ok(u64::try_from(db.int(&sql, &args)?).unwrap_or(0))
}

pub(crate) fn figure(db: &impl Sql, id: i64) -> Result<Option<FigureRecord>> {
    let sql = format!("SELECT {FIGURE_COLUMNS} FROM figures f JOIN documents d ON d.seq = f.document WHERE f.id = ?1");
    db.row(&sql, &[Arg::Int(id)], read_figure)
}

const DOCUMENT_COLUMNS: &str =
    "d.id, d.name, d.title, d.date, d.language, d.format, d.bytes, d.version, d.is_latest, d.url,
     (SELECT COUNT(*) FROM figures f WHERE f.document = d.seq)";

fn read_document(row: &dyn Row) -> Cell<DocumentSummary> {
    Ok(DocumentSummary {
        id: row.text(0)?,
        name: row.text(1)?,
        title: row.opt_text(2)?,
        date: row.opt_text(3)?,
        language: row.text(4)?,
        format: row.text(5)?,
        bytes: row.int(6)?,
        version: row.int(7)?,
        is_latest: row.int(8)? == 1,
        url: row.opt_text(9)?,
        figures: row.int(10)?,
    })
}

pub(crate) fn documents(
    db: &impl Sql,
    filter: &DocumentFilter,
) -> Result<(u64, Vec<DocumentSummary>)> {
    let mut clauses = Vec::new();
    let mut args: Vec<Arg> = Vec::new();
    if !filter.all_versions {
        clauses.push("d.is_latest = 1".to_owned());
    }
    if let Some(l) = &filter.language {
        args.push(Arg::Text(l.clone()));
        clauses.push(format!("d.language = ?{}", args.len()));
    }
    if let Some(y) = &filter.year {
        args.push(Arg::Text(y.clone()));
        clauses.push(format!("substr(d.date, 1, 4) = ?{}", args.len()));
    }
    let cond = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let total = db.int(&format!("SELECT COUNT(*) FROM documents d {cond}"), &args)?;
    args.push(Arg::Int(i64::from(filter.limit)));
    args.push(Arg::Int(i64::from(filter.offset)));
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM documents d {cond} ORDER BY d.date DESC NULLS LAST, d.name LIMIT ?{} OFFSET ?{}",
        args.len() - 1,
        args.len()
    );
    let rows = db.rows(&sql, &args, read_document)?;
    Ok((u64::try_from(total).unwrap_or(0), rows))
}

pub(crate) fn document(db: &impl Sql, id_or_name: &str) -> Result<Option<DocumentDetail>> {
    // two look-ups, each by an index (`documents.id`, then
    // `documents_name`): an id wins over a name; of several current
    // documents with one name, the first stored
    let select = format!("SELECT {DOCUMENT_COLUMNS}, d.source, d.text, d.seq FROM documents d");
    let read = |row: &dyn Row| {
        Ok((
            read_document(row)?,
            row.text(11)?,
            row.text(12)?,
            row.int(13)?,
        ))
    };
    let args = [text(id_or_name)];
    let found = match db.row(&format!("{select} WHERE d.id = ?1"), &args, read)? {
        Some(found) => Some(found),
        None => db.row(
            &format!("{select} WHERE d.name = ?1 AND d.is_latest = 1 ORDER BY d.seq LIMIT 1"),
            &args,
            read,
        )?,
    };
    let Some((summary, source, doc_text, seq)) = found else {
        return Ok(None);
    };
    let paragraphs = db.rows(
        "SELECT p.ordinal, p.start_offset, p.end_offset, p.language FROM paragraphs p
         WHERE p.document = ?1 ORDER BY p.ordinal",
        &[Arg::Int(seq)],
        |r| {
            Ok(Paragraph {
                ordinal: r.int(0)?,
                start: r.int(1)?,
                end: r.int(2)?,
                language: r.text(3)?,
            })
        },
    )?;
    let sql = format!(
        "SELECT {FIGURE_COLUMNS} FROM figures f JOIN documents d ON d.seq = f.document WHERE f.document = ?1 ORDER BY f.ordinal"
    );
    let figures = db.rows(&sql, &[Arg::Int(seq)], read_figure)?;
    Ok(Some(DocumentDetail {
        summary,
        source,
        text: doc_text,
        paragraphs,
        figures,
    }))
}

pub(crate) fn fingerprint(db: &impl Sql) -> Result<(i64, i64)> {
    db.row(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM figures), (SELECT COALESCE(MAX(seq), 0) FROM documents)",
        &[],
        |r| Ok((r.int(0)?, r.int(1)?)),
    )
    .map(Option::unwrap_or_default)
}

/// Figures of current documents per indicator, kind and product, in one
/// pass over an index (`figures_breakdown`): those of every document, less
/// those of superseded versions (few, found by `documents_overview`).
pub(crate) fn figure_counts(db: &impl Sql) -> Result<FigureCounts> {
    type Group = (String, String, Option<String>);
    let read = |r: &dyn Row| Ok(((r.text(0)?, r.text(1)?, r.opt_text(2)?), r.int(3)?));
    let all: Vec<(Group, i64)> = db.rows(
        "SELECT indicator, kind, product, COUNT(*) FROM figures GROUP BY 1, 2, 3",
        &[],
        read,
    )?;
    let superseded: Vec<(Group, i64)> = db.rows(
        "SELECT f.indicator, f.kind, f.product, COUNT(*) FROM documents d
         JOIN figures f ON f.document = d.seq WHERE d.is_latest = 0 GROUP BY 1, 2, 3",
        &[],
        read,
    )?;
    let mut indicators = BTreeMap::new();
    let mut kinds = BTreeMap::new();
    let mut products = BTreeMap::new();
    let signed = all
        .into_iter()
        .chain(superseded.into_iter().map(|(g, n)| (g, -n)));
    for ((indicator, kind, product), n) in signed {
        *indicators.entry(indicator).or_insert(0) += n;
        *kinds.entry(kind).or_insert(0) += n;
        *products.entry(product).or_insert(0) += n;
    }
    Ok(FigureCounts {
        per_indicator: most_first(indicators),
        per_kind: most_first(kinds),
        per_product: most_first(products),
    })
}

/// The keys counted more than zero times, most frequent first, ties in
/// key order (`None` first).
fn most_first<K: Ord>(counts: BTreeMap<K, i64>) -> Vec<(K, i64)> {
    let mut out: Vec<(K, i64)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    // stable: ties keep the map's key order
    out.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    out
}

pub(crate) fn watch_source_validators(db: &impl Sql, url: &str) -> Result<Validators> {
    Ok(db
        .row(
            "SELECT etag, last_modified FROM watch_sources WHERE url = ?1",
            &[text(url)],
            |r| {
                Ok(Validators {
                    etag: r.opt_text(0)?,
                    last_modified: r.opt_text(1)?,
                })
            },
        )?
        .unwrap_or_default())
}

pub(crate) fn watch_source_fetched(
    db: &impl Sql,
    url: &str,
    validators: Option<&Validators>,
) -> Result<()> {
    db.exec(
        "INSERT INTO watch_sources (url, etag, last_modified, last_fetched_at, last_error)
         VALUES (?1, ?2, ?3, {NOW}, NULL)
         ON CONFLICT (url) DO UPDATE SET
           etag = CASE WHEN ?4 THEN excluded.etag ELSE watch_sources.etag END,
           last_modified = CASE WHEN ?4 THEN excluded.last_modified ELSE watch_sources.last_modified END,
           last_fetched_at = excluded.last_fetched_at, last_error = NULL",
        &[
            text(url),
            opt_text(validators.and_then(|v| v.etag.as_deref())),
            opt_text(validators.and_then(|v| v.last_modified.as_deref())),
            Arg::Bool(validators.is_some()),
        ],
    )
    .map(drop)
}

pub(crate) fn watch_source_failed(db: &impl Sql, url: &str, error: &str) -> Result<()> {
    db.exec(
        "INSERT INTO watch_sources (url, last_fetched_at, last_error) VALUES (?1, {NOW}, ?2)
         ON CONFLICT (url) DO UPDATE SET last_fetched_at = excluded.last_fetched_at,
           last_error = excluded.last_error",
        &[text(url), text(error)],
    )
    .map(drop)
}

pub(crate) fn watch_record_items(
    db: &mut impl Sql,
    feed_url: &str,
    items: &[WatchItem],
) -> Result<usize> {
    let each: Vec<Vec<Arg>> = items
        .iter()
        .map(|item| {
            vec![
                text(&item.url),
                text(feed_url),
                opt_text(item.title.as_deref()),
                Arg::OptText(item.date.map(|d| d.to_string())),
            ]
        })
        .collect();
    let new = db.exec_each(
        "INSERT INTO watch_items (url, feed_url, title, date, first_seen_at)
         VALUES (?1, ?2, ?3, ?4, {NOW}) ON CONFLICT (url) DO NOTHING",
        &each,
    )?;
    Ok(usize::try_from(new).unwrap_or(0))
}

pub(crate) fn watch_pending(db: &impl Sql, max_attempts: u32) -> Result<Vec<WatchPending>> {
    let order = match db.dialect() {
        crate::sql::Dialect::Sqlite => "rowid",
        // no rowid: the physical position keeps the insertion order of
        // rows never updated in between, and ties are rare (same second)
        crate::sql::Dialect::Postgres => "ctid",
    };
    db.rows(
        &format!(
            "SELECT url, feed_url, title, date, etag, last_modified, attempts FROM watch_items
             WHERE ingested_at IS NULL AND attempts < ?1 ORDER BY first_seen_at, {order}"
        ),
        &[Arg::Int(i64::from(max_attempts))],
        |r| {
            Ok(WatchPending {
                url: r.text(0)?,
                feed_url: r.text(1)?,
                title: r.opt_text(2)?,
                date: r.opt_text(3)?.and_then(|d| DocDate::parse(&d)),
                validators: Validators {
                    etag: r.opt_text(4)?,
                    last_modified: r.opt_text(5)?,
                },
                attempts: u32::try_from(r.int(6)?).unwrap_or(u32::MAX),
            })
        },
    )
}

pub(crate) fn watch_item_ingested(
    db: &impl Sql,
    url: &str,
    document_id: Option<&str>,
    validators: &Validators,
) -> Result<()> {
    db.exec(
        "UPDATE watch_items SET ingested_at = {NOW}, last_error = NULL, claimed_until = NULL,
           document_id = COALESCE(?2, document_id),
           etag = COALESCE(?3, etag), last_modified = COALESCE(?4, last_modified)
         WHERE url = ?1",
        &[
            text(url),
            opt_text(document_id),
            opt_text(validators.etag.as_deref()),
            opt_text(validators.last_modified.as_deref()),
        ],
    )
    .map(drop)
}

/// A lease of `lease` as the argument of [`crate::sql::Dialect::seconds_from_now`]
/// takes it: whole milliseconds (placeholder `?2` in the queries below).
fn lease_ms(lease: std::time::Duration) -> Arg {
    Arg::Int(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX).max(1))
}

/// The end of a lease whose milliseconds are argument `?2`.
fn lease_end(db: &impl Sql) -> String {
    db.dialect().seconds_from_now("CAST(?2 AS BIGINT) / 1000.0")
}

pub(crate) fn watch_claim(
    db: &impl Sql,
    urls: &[&str],
    worker: &str,
    lease: std::time::Duration,
) -> Result<Vec<String>> {
    if urls.is_empty() {
        return Ok(Vec::new());
    }
    let dialect = db.dialect();
    let list: Vec<String> = (0..urls.len()).map(|i| format!("?{}", i + 3)).collect();
    // PostgreSQL: rows another watcher is claiming at this instant are
    // skipped, not waited for; SQLite's one writer at a time does the same
    let lock = match dialect {
        crate::sql::Dialect::Sqlite => "",
        crate::sql::Dialect::Postgres => "FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE watch_items SET claimed_by = ?1, claimed_until = {end}
         WHERE url IN (SELECT url FROM watch_items
                       WHERE url IN ({list}) AND ingested_at IS NULL
                         AND (claimed_until IS NULL OR claimed_until < {now})
                       {lock})
         RETURNING url",
        end = lease_end(db),
        list = list.join(", "),
        now = dialect.now_ms(),
    );
    let mut args = vec![text(worker), lease_ms(lease)];
    args.extend(urls.iter().map(|u| text(u)));
    db.rows(&sql, &args, |r| r.text(0))
}

pub(crate) fn watch_renew(db: &impl Sql, worker: &str, lease: std::time::Duration) -> Result<u64> {
    db.exec(
        &format!(
            "UPDATE watch_items SET claimed_until = {}
             WHERE claimed_by = ?1 AND claimed_until IS NOT NULL",
            lease_end(db)
        ),
        &[text(worker), lease_ms(lease)],
    )
}
