//! Read queries over the store's tables (`documents`, `paragraphs`,
//! `figures`). Only this module knows SQL; everything else works on the
//! records it returns. Functions take a plain connection so that callers
//! can hold read-only connections of their own.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::Serialize;
use tandem_model::{Figure, SourceKind};

use crate::goods::Goods;
use crate::record::{DocMeta, FigureRecord};

/// Largest page a listing returns.
pub const MAX_LIMIT: u32 = 1000;

/// Which figures to read. `None` fields match anything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FigureFilter {
    /// Indicator id.
    pub indicator: Option<String>,
    /// A country code on either side.
    pub country: Option<String>,
    /// Exact period string (`2024`, `2025-01..2025-09`, `..2030`).
    pub period: Option<String>,
    /// `actual`, `target` or `forecast`.
    pub kind: Option<String>,
    /// Measure.
    pub measure: Option<String>,
    /// Goods: one HS chapter, or the figures about no particular goods.
    pub product: Option<Goods>,
    /// Unit.
    pub unit: Option<String>,
    /// `official` (statistics tables) or `news` (text).
    pub source_kind: Option<SourceKind>,
    /// Document language code.
    pub language: Option<String>,
    /// Document id or name; when given, older versions of it are included too.
    pub document: Option<String>,
    /// Page size (`None`: no limit).
    pub limit: Option<u32>,
    /// Rows to skip.
    pub offset: u32,
}

const FIGURE_COLUMNS: &str = "f.id, f.document_id, f.text, f.occurrence, f.value, f.value_max, f.unit, f.approx,
     f.indicator, f.measure, f.subject, f.partner, f.kind, f.period, f.start_offset, f.end_offset, f.sentence,
     d.name, d.title, d.date, d.language, f.product, f.source_kind, f.cell";

fn read_figure(row: &Row<'_>) -> rusqlite::Result<FigureRecord> {
    let doc: String = row.get(1)?;
    let offset = |i: usize| -> rusqlite::Result<usize> {
        Ok(usize::try_from(row.get::<_, i64>(i)?).unwrap_or(0))
    };
    Ok(FigureRecord {
        id: row.get(0)?,
        figure: Figure {
            doc: doc.clone(),
            text: row.get(2)?,
            occurrence: u32::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
            value: row.get(4)?,
            value_max: row.get(5)?,
            unit: row.get(6)?,
            approx: row.get(7)?,
            indicator: row.get(8)?,
            measure: row.get(9)?,
            subject: row.get(10)?,
            partner: row.get(11)?,
            kind: row.get(12)?,
            period: row.get(13)?,
            product: row.get(21)?,
            start: offset(14)?,
            end: offset(15)?,
            sentence: row.get(16)?,
            source_kind: SourceKind::parse(&row.get::<_, String>(22)?).unwrap_or_default(),
            cell: row.get(23)?,
        },
        document: DocMeta {
            id: doc,
            name: row.get(17)?,
            title: row.get(18)?,
            date: row.get(19)?,
            language: row.get(20)?,
        },
    })
}

fn figure_where(filter: &FigureFilter) -> (String, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut eq = |clause: &str, v: &Option<String>| {
        if let Some(v) = v {
            args.push(Value::Text(v.clone()));
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

/// Figures matching `filter`, ordered by document and position, joined with
/// their documents. Without a `document` filter only current versions count.
pub fn figures(conn: &Connection, filter: &FigureFilter) -> rusqlite::Result<Vec<FigureRecord>> {
    const ORDER: &str = "ORDER BY d.date DESC, d.id, f.ordinal";
    let (cond, mut args) = figure_where(filter);
    let sql = match filter.limit {
        // A page: sort only the narrow keys, then read the wide rows of the page.
        Some(limit) => {
            args.push(Value::Integer(i64::from(limit)));
            args.push(Value::Integer(i64::from(filter.offset)));
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
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), read_figure)?;
    rows.collect()
}

/// How many figures match `filter` (ignoring its paging).
pub fn count_figures(conn: &Connection, filter: &FigureFilter) -> rusqlite::Result<u64> {
    let (cond, args) = figure_where(filter);
    let sql =
        format!("SELECT COUNT(*) FROM figures f JOIN documents d ON d.seq = f.document {cond}");
    let n: i64 = conn.query_row(&sql, params_from_iter(args), |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// One figure by row id.
pub fn figure(conn: &Connection, id: i64) -> rusqlite::Result<Option<FigureRecord>> {
    let sql = format!("SELECT {FIGURE_COLUMNS} FROM figures f JOIN documents d ON d.seq = f.document WHERE f.id = ?1");
    conn.query_row(&sql, [id], read_figure).optional()
}

/// A document as listed (no text).
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    /// Content hash.
    pub id: String,
    /// File stem or JSONL id.
    pub name: String,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Main language.
    pub language: String,
    /// `txt`, `html` or `jsonl`.
    pub format: String,
    /// Size of the text in bytes.
    pub bytes: i64,
    /// Version of its source.
    pub version: i64,
    /// Whether it is the current version.
    pub is_latest: bool,
    /// URL, when known.
    pub url: Option<String>,
    /// Number of figures found in it.
    pub figures: i64,
}

/// Which documents to list.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    /// Language code.
    pub language: Option<String>,
    /// Year (`YYYY`) the document is dated in.
    pub year: Option<String>,
    /// Include superseded versions too.
    pub all_versions: bool,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

const DOCUMENT_COLUMNS: &str =
    "d.id, d.name, d.title, d.date, d.language, d.format, d.bytes, d.version, d.is_latest, d.url,
     (SELECT COUNT(*) FROM figures f WHERE f.document = d.seq)";

fn read_document(row: &Row<'_>) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        title: row.get(2)?,
        date: row.get(3)?,
        language: row.get(4)?,
        format: row.get(5)?,
        bytes: row.get(6)?,
        version: row.get(7)?,
        is_latest: row.get::<_, i64>(8)? == 1,
        url: row.get(9)?,
        figures: row.get(10)?,
    })
}

/// Documents matching `filter`, newest first, with the total count before paging.
pub fn documents(
    conn: &Connection,
    filter: &DocumentFilter,
) -> rusqlite::Result<(u64, Vec<DocumentSummary>)> {
    let mut clauses = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if !filter.all_versions {
        clauses.push("d.is_latest = 1".to_owned());
    }
    if let Some(l) = &filter.language {
        args.push(Value::Text(l.clone()));
        clauses.push(format!("d.language = ?{}", args.len()));
    }
    if let Some(y) = &filter.year {
        args.push(Value::Text(y.clone()));
        clauses.push(format!("substr(d.date, 1, 4) = ?{}", args.len()));
    }
    let cond = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM documents d {cond}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    args.push(Value::Integer(i64::from(filter.limit)));
    args.push(Value::Integer(i64::from(filter.offset)));
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM documents d {cond} ORDER BY d.date DESC, d.name LIMIT ?{} OFFSET ?{}",
        args.len() - 1,
        args.len()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args), read_document)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((u64::try_from(total).unwrap_or(0), rows))
}

/// A paragraph of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// 0-based position.
    pub ordinal: i64,
    /// Start byte offset into the text.
    pub start: i64,
    /// End byte offset (exclusive).
    pub end: i64,
    /// Language code.
    pub language: String,
}

/// A document with its text, paragraphs and figures.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentDetail {
    /// What the listing shows.
    #[serde(flatten)]
    pub summary: DocumentSummary,
    /// Where it came from (file path).
    pub source: String,
    /// The full text; offsets are UTF-8 byte offsets into it.
    pub text: String,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Figures in reading order.
    pub figures: Vec<FigureRecord>,
}

/// One document by id, or by name when no id matches (the current version
/// of that name). `None` when neither matches.
pub fn document(conn: &Connection, id_or_name: &str) -> rusqlite::Result<Option<DocumentDetail>> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS}, d.source, d.text FROM documents d
         WHERE d.id = ?1 OR (d.name = ?1 AND d.is_latest = 1) ORDER BY d.id = ?1 DESC LIMIT 1"
    );
    let found = conn
        .query_row(&sql, [id_or_name], |row| {
            Ok((
                read_document(row)?,
                row.get::<_, String>(11)?,
                row.get::<_, String>(12)?,
            ))
        })
        .optional()?;
    let Some((summary, source, text)) = found else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT p.ordinal, p.start_offset, p.end_offset, p.language FROM paragraphs p
         JOIN documents d ON d.seq = p.document WHERE d.id = ?1 ORDER BY p.ordinal",
    )?;
    let paragraphs = stmt
        .query_map([&summary.id], |r| {
            Ok(Paragraph {
                ordinal: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
                language: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let sql = format!(
        "SELECT {FIGURE_COLUMNS} FROM figures f JOIN documents d ON d.seq = f.document WHERE d.id = ?1 ORDER BY f.ordinal"
    );
    let mut stmt = conn.prepare(&sql)?;
    let figures = stmt
        .query_map([&summary.id], read_figure)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(DocumentDetail {
        summary,
        source,
        text,
        paragraphs,
        figures,
    }))
}

/// Every figure of current documents: the input of the knowledge layer.
pub fn current_figures(conn: &Connection) -> rusqlite::Result<Vec<FigureRecord>> {
    figures(conn, &FigureFilter::default())
}

/// A cheap fingerprint of the store's content (two index look-ups): the
/// store only appends, and a superseding version is a new document row, so
/// the largest figure id and document `seq` change whenever what the
/// knowledge layer sees changes. Used to cache derived results.
pub fn fingerprint(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM figures), (SELECT COALESCE(MAX(seq), 0) FROM documents)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Figures of current documents per indicator, most frequent first.
pub fn figures_per_indicator(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT f.indicator, COUNT(*) FROM figures f JOIN documents d ON d.seq = f.document
         WHERE d.is_latest = 1 GROUP BY 1 ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Figures of current documents per kind.
pub fn figures_per_kind(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT f.kind, COUNT(*) FROM figures f JOIN documents d ON d.seq = f.document
         WHERE d.is_latest = 1 GROUP BY 1 ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Figures of current documents per product (HS chapter; `None` for the
/// figures about no particular goods), most frequent first.
pub fn figures_per_product(conn: &Connection) -> rusqlite::Result<Vec<(Option<String>, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT f.product, COUNT(*) FROM figures f JOIN documents d ON d.seq = f.document
         WHERE d.is_latest = 1 GROUP BY 1 ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
