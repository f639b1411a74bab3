//! The records the store takes and gives back. They are the same for both
//! engines: callers never see a row type of SQLite or PostgreSQL.

use serde::Serialize;
use tandem_model::{Agreement, DocDate, Event, Figure, Goods, ProjectReport, SourceKind};

/// A paragraph to store: byte offsets into the document text and its language.
#[derive(Debug, Clone)]
pub struct ParagraphRow {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Language code.
    pub language: String,
}

/// A sentence to store: the paragraph it belongs to and its byte offsets.
#[derive(Debug, Clone)]
pub struct SentenceRow {
    /// Ordinal of its paragraph.
    pub paragraph: usize,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// A document ready to be stored, with everything derived from it.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Content hash.
    pub id: String,
    /// File stem or JSON Lines id.
    pub name: String,
    /// Path (`path#id` inside JSON Lines, `-` for stdin).
    pub source: String,
    /// URL, if known.
    pub url: Option<String>,
    /// Title, if known.
    pub title: Option<String>,
    /// Date, if known.
    pub date: Option<DocDate>,
    /// Main language code.
    pub language: String,
    /// `txt`, `html`, `jsonl`, `csv`, `xlsx` or `ods`.
    pub format: String,
    /// The text all offsets refer to.
    pub text: String,
    /// Paragraphs in order.
    pub paragraphs: Vec<ParagraphRow>,
    /// Sentences in order.
    pub sentences: Vec<SentenceRow>,
    /// Figures in reading order.
    pub figures: Vec<Figure>,
    /// Events the document reports, in order.
    pub events: Vec<Event>,
    /// Agreements the document reports, in order.
    pub agreements: Vec<Agreement>,
    /// Projects and counts of projects the document reports, in order.
    pub projects: Vec<ProjectReport>,
}

/// What happened to one document of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocOutcome {
    /// Stored for the first time.
    New,
    /// Stored as a new version of a source seen before.
    NewVersion {
        /// Version number of the stored document.
        version: i64,
        /// Id of the version it replaces.
        supersedes: String,
    },
    /// The same content was already stored.
    Unchanged,
}

/// Outcomes of a batch, in the order of its documents.
pub type BatchOutcome = Vec<DocOutcome>;

/// A stored document as read back for indexing or display.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DocumentRow {
    /// Content hash.
    pub id: String,
    /// File stem or JSON Lines id.
    pub name: String,
    /// Where it came from.
    pub source: String,
    /// Title, if known.
    pub title: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Main language code.
    pub language: String,
    /// Full text (offsets refer to it).
    pub text: String,
}

/// Where a current document stands in the store: what a search index
/// needs to know it holds the document (and not the version it replaced).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentKey {
    /// Insertion number (`documents.seq`).
    pub seq: i64,
    /// Content hash.
    pub id: String,
    /// Id of the version it replaced, if any.
    pub supersedes: Option<String>,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    /// Current documents (latest versions).
    pub documents: i64,
    /// Older versions kept for reference.
    pub superseded: i64,
    /// Paragraphs of current documents.
    pub paragraphs: i64,
    /// Sentences of current documents.
    pub sentences: i64,
    /// Figures of current documents.
    pub figures: i64,
    /// Current documents per language code.
    pub per_language: Vec<(String, i64)>,
    /// Current documents per year (`undated` for documents without a date).
    pub per_year: Vec<(String, i64)>,
    /// Current documents per language and year.
    pub per_language_year: Vec<(String, String, i64)>,
}

/// Figures of current documents per indicator, per kind and per product,
/// each most frequent first (ties in key order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct FigureCounts {
    /// Per indicator id.
    pub per_indicator: Vec<(String, i64)>,
    /// Per kind (`actual`, `target`, …).
    pub per_kind: Vec<(String, i64)>,
    /// Per product (HS chapter; `None` for the figures about no particular
    /// goods).
    pub per_product: Vec<(Option<String>, i64)>,
}

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

/// What a user needs to know about the document a figure came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocMeta {
    /// Document id (content hash).
    pub id: String,
    /// File stem or JSONL id.
    pub name: String,
    /// Title, when the document has one.
    pub title: Option<String>,
    /// Date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Language code of the document.
    pub language: Option<String>,
}

/// A figure with its row id and its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRecord {
    /// Row id in the `figures` table.
    pub id: i64,
    /// The figure itself (value, unit, indicator, sides, period, span, sentence).
    #[serde(flatten)]
    pub figure: Figure,
    /// The document that states it.
    pub document: DocMeta,
}

impl FigureRecord {
    /// The document date as a sortable string (`""` when unknown, so that
    /// undated documents count as the oldest).
    pub fn date_key(&self) -> &str {
        self.document.date.as_deref().unwrap_or("")
    }
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

/// The validators of an HTTP reply, sent back on the next request for the
/// same URL (kept for `tandem watch` in `watch_sources` and `watch_items`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` (sent as `If-None-Match`).
    pub etag: Option<String>,
    /// The `Last-Modified` date (sent as `If-Modified-Since`).
    pub last_modified: Option<String>,
}

/// An item a watched feed lists.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchItem {
    /// The article URL.
    pub url: String,
    /// The feed's title for it.
    pub title: Option<String>,
    /// The feed's date for it.
    pub date: Option<DocDate>,
}

/// A watched item seen but not yet ingested.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchPending {
    /// The article URL.
    pub url: String,
    /// The configured feed that listed it.
    pub feed_url: String,
    /// The feed's title for it.
    pub title: Option<String>,
    /// The feed's date for it.
    pub date: Option<DocDate>,
    /// Validators of the page from an earlier reply.
    pub validators: Validators,
    /// Rounds that already failed on it.
    pub attempts: u32,
}
