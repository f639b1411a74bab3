//! Tandem's store, on one of two engines behind one interface.
//!
//! By default it is one SQLite file an analyst can open with `sqlite3`;
//! a team points every Tandem process at one PostgreSQL database instead
//! (`--db postgres://user@host/db`). Both hold the same tables, columns,
//! views and versioned migrations (`migrations/sqlite/` and their twins in
//! `migrations/postgres/`): `documents`, `paragraphs`, `sentences`,
//! `figures`, `watch_sources` and `watch_items` (what `tandem watch` has
//! seen), `events`, `event_participants` and `agreements` (what documents
//! report was met and signed), `projects` and `project_reports` (the
//! projects they report), `api_tokens` (hashes of the API's tokens),
//! `ingest_queue` (the work queue of ingest workers sharing a PostgreSQL
//! store, see [`IngestQueue`]) and `schema_migrations`. All offsets are UTF-8 byte offsets
//! into `documents.text`.
//!
//! [`Engine`] is the interface: every query Tandem runs is one of its
//! methods, so no other crate writes SQL or names a client library's
//! types. [`Store`] is an open engine of either kind. Read queries are
//! written once (`queries`) and rendered per dialect; writes, which are
//! where speed matters, are written for each engine.
//!
//! Writes happen in batches, each one transaction: an interrupted ingest
//! leaves every batch either fully stored or absent, so re-running it is
//! safe. Documents are keyed by a hash of their content (a unique
//! column, so two writers storing the same document store it once); a
//! source whose content changed gets a new version that supersedes the
//! old one.

mod events;
mod heartbeat;
mod location;
mod postgres;
mod projects;
mod queries;
mod records;
mod sql;
mod sqlite;
pub mod testing;
mod tokens;

use std::collections::HashSet;
use std::ops::{Deref, DerefMut};
use std::time::Duration;

pub use heartbeat::{Heartbeat, DEFAULT_LEASE};
pub use location::{Location, PgUrl};
pub use postgres::queue::{
    worker_name, AlreadyDone, Claim, Claimed, Finished, IngestQueue, Outstanding, QueuedFile,
    MAX_ATTEMPTS,
};
pub use records::{
    BatchOutcome, DocMeta, DocOutcome, DocumentDetail, DocumentFilter, DocumentKey, DocumentRow,
    DocumentSummary, FigureCounts, FigureFilter, FigureRecord, NewDocument, Paragraph,
    ParagraphRow, SentenceRow, Stats, Validators, WatchItem, WatchPending, MAX_LIMIT,
};

pub use events::{AgreementFilter, AgreementReport, EventFilter, EventReport, ReportDocument};
pub use projects::{ProjectFilter, ProjectRow};
pub use tokens::{ApiToken, TokenScope};

/// The migrations of one engine: (version, name, SQL), in order.
pub(crate) type Migrations = &'static [(i64, &'static str, &'static str)];

/// Fails when the store `db` records a version newer than `known` holds
/// (written by a newer Tandem) or, with `complete`, lacks one of them (it
/// must be migrated by a writer first). Both engines check the same way.
pub(crate) fn check_versions(
    db: &str,
    applied: &[i64],
    known: Migrations,
    complete: bool,
) -> Result<()> {
    let found = applied.last().copied().unwrap_or(0);
    let latest = known.last().map_or(0, |m| m.0);
    if found > latest {
        return Err(StoreError::TooNew {
            db: db.to_owned(),
            found,
            known: latest,
        });
    }
    if complete && known.iter().any(|m| !applied.contains(&m.0)) {
        return Err(StoreError::Outdated {
            db: db.to_owned(),
            found,
            known: latest,
        });
    }
    Ok(())
}

/// Any error of an engine's client library.
pub type EngineError = Box<dyn std::error::Error + Send + Sync>;

/// Errors of the store, each naming the database (file, or URL with its
/// password masked).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or reached, or is not a Tandem database.
    #[error("cannot open store {db}: {source}")]
    Open {
        /// The database.
        db: String,
        /// Underlying error.
        source: EngineError,
    },
    /// The database was written by a newer Tandem.
    #[error("store {db} has schema version {found}, newer than this Tandem knows ({known}); upgrade Tandem")]
    TooNew {
        /// The database.
        db: String,
        /// Version found in the database.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// The database was written by an older Tandem and must be migrated by a writer first.
    #[error("store {db} has schema version {found}, older than this Tandem's ({known}); run any writing command (e.g. `tandem stats`) to migrate it")]
    Outdated {
        /// The database.
        db: String,
        /// Version found in the database.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// Creating the directory of the database file failed.
    #[error("cannot create directory for store {db}: {source}")]
    Dir {
        /// The database.
        db: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A query failed.
    #[error("store {db}: {source}")]
    Sql {
        /// The database.
        db: String,
        /// Underlying error.
        source: EngineError,
    },
}

/// Result type of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Everything Tandem asks of a store. Implemented by the SQLite and the
/// PostgreSQL engine; both give the same answers.
pub trait Engine: Send {
    /// Where the store is.
    fn location(&self) -> &Location;

    /// Sets the most memory this connection's page cache may take (SQLite;
    /// PostgreSQL sizes its shared buffers itself).
    fn set_page_cache(&self, bytes: u64) -> Result<()>;

    /// Whether a document with this content hash is stored.
    fn contains(&self, id: &str) -> Result<bool>;

    /// Which of these content hashes are stored (one query for the whole list).
    fn existing_ids(&self, ids: &[&str]) -> Result<HashSet<String>>;

    /// Stores a batch of documents in one transaction: either all of it is
    /// stored or none. Documents whose content is already stored are left
    /// untouched and reported `Unchanged`.
    fn insert_batch(&mut self, docs: &[NewDocument]) -> Result<BatchOutcome>;

    /// Up to `limit` current documents inserted after `seq` (their
    /// insertion number), in insertion order, each with its `seq`.
    fn documents_after(&self, seq: i64, limit: usize) -> Result<Vec<(i64, DocumentRow)>>;

    /// Up to `limit` current documents inserted after `seq`, in insertion
    /// order: their `seq`, id and the version each replaced (no text; for
    /// keeping a search index in step with the store).
    fn document_keys(&self, seq: i64, limit: usize) -> Result<Vec<DocumentKey>>;

    /// Number of current documents (latest versions).
    fn document_count(&self) -> Result<i64>;

    /// Bytes of text of every stored document, old versions included.
    fn text_bytes(&self) -> Result<i64>;

    /// Counts per language and year.
    fn stats(&self) -> Result<Stats>;

    /// Up to `per_language` paragraphs of each language, as (language,
    /// document title, paragraph text), taken from the earliest stored
    /// documents (headlines and date lines left out).
    fn sample_paragraphs(&self, per_language: usize) -> Result<Vec<(String, String, String)>>;

    /// Figures matching `filter`, ordered by document and position, joined
    /// with their documents. Without a `document` filter only current
    /// versions count.
    fn figures(&self, filter: &FigureFilter) -> Result<Vec<FigureRecord>>;

    /// How many figures match `filter` (ignoring its paging).
    fn count_figures(&self, filter: &FigureFilter) -> Result<u64>;

    /// One figure by row id.
    fn figure(&self, id: i64) -> Result<Option<FigureRecord>>;

    /// Documents matching `filter`, newest first, with the total count
    /// before paging.
    fn documents(&self, filter: &DocumentFilter) -> Result<(u64, Vec<DocumentSummary>)>;

    /// One document by id, or by name when no id matches (the current
    /// version of that name). `None` when neither matches.
    fn document(&self, id_or_name: &str) -> Result<Option<DocumentDetail>>;

    /// A cheap fingerprint of the store's content (two index look-ups):
    /// the store only appends, and a superseding version is a new document
    /// row, so the largest figure id and document `seq` change whenever
    /// what the knowledge layer sees changes. Used to cache derived results.
    fn fingerprint(&self) -> Result<(i64, i64)>;

    /// Figures of current documents per indicator, per kind and per
    /// product, each most frequent first (one pass over an index).
    fn figure_counts(&self) -> Result<FigureCounts>;

    /// Event reports of the latest version of each document, matching
    /// `filter`, in storage order, each with its participants and the
    /// agreements its document says were signed at it.
    fn event_reports(&self, filter: &EventFilter) -> Result<Vec<EventReport>>;

    /// Agreements of the latest version of each document, matching
    /// `filter`, in storage order, each with its document and the event it
    /// was signed at.
    fn agreement_reports(&self, filter: &AgreementFilter) -> Result<Vec<AgreementReport>>;

    /// Reports of named projects (or, with `filter.counts`, counts of
    /// projects) of the latest version of each document, matching
    /// `filter`, in storage order, each with its project and document.
    fn project_reports(&self, filter: &ProjectFilter) -> Result<Vec<ProjectRow>>;

    /// The validators of a watched feed's last reply.
    fn watch_source_validators(&self, url: &str) -> Result<Validators>;

    /// Records a successful fetch of a feed (new validators, or the old
    /// ones kept on a 304 when `validators` is `None`).
    fn watch_source_fetched(&self, url: &str, validators: Option<&Validators>) -> Result<()>;

    /// Records why a feed could not be read (its validators are kept).
    fn watch_source_failed(&self, url: &str, error: &str) -> Result<()>;

    /// Records the items a feed lists; returns how many were not seen before.
    fn watch_record_items(&mut self, feed_url: &str, items: &[WatchItem]) -> Result<usize>;

    /// Items seen but not ingested, that failed in fewer than
    /// `max_attempts` rounds, oldest first.
    fn watch_pending(&self, max_attempts: u32) -> Result<Vec<WatchPending>>;

    /// Records that an item's page is stored (as document `document_id`,
    /// `None` when the server said it had not changed).
    fn watch_item_ingested(
        &self,
        url: &str,
        document_id: Option<&str>,
        validators: &Validators,
    ) -> Result<()>;

    /// Records why an item's page could not be ingested this round.
    fn watch_item_failed(&self, url: &str, error: &str) -> Result<()>;

    /// Claims for `worker`, for `lease`, those of the watched items `urls`
    /// that are not ingested and not held by a lease that has not ended
    /// (on PostgreSQL with `FOR UPDATE SKIP LOCKED`: two watchers never
    /// claim one item); returns the URLs claimed. An item stays claimed
    /// until the lease ends or [`Engine::watch_release`], or until it is
    /// ingested.
    fn watch_claim(&self, urls: &[&str], worker: &str, lease: Duration) -> Result<Vec<String>>;

    /// Extends to `lease` from now the claims `worker` holds; returns how many.
    fn watch_renew(&self, worker: &str, lease: Duration) -> Result<u64>;

    /// Gives back the claims `worker` holds (its round is over); returns how many.
    fn watch_release(&self, worker: &str) -> Result<u64>;

    /// Records a new API token `name` with `scope`, keeping only `hash`
    /// (the SHA-256 of the token, hex); `None` when a token not revoked
    /// already has that name.
    fn add_api_token(&self, name: &str, scope: TokenScope, hash: &str) -> Result<Option<ApiToken>>;

    /// Every API token, revoked ones included, oldest first.
    fn api_tokens(&self) -> Result<Vec<ApiToken>>;

    /// Revokes token `id` from now on; `false` when no token not revoked
    /// has that id.
    fn revoke_api_token(&self, id: i64) -> Result<bool>;

    /// The token not revoked whose hash is `hash`, if any.
    fn api_token_by_hash(&self, hash: &str) -> Result<Option<ApiToken>>;

    /// The one integer a read-only query gives (`SELECT COUNT(*) FROM …`),
    /// for checks by hand and by tests; the query must be valid in both
    /// dialects.
    fn query_int(&self, sql: &str) -> Result<i64>;
}

/// An open Tandem store of either engine; every [`Engine`] method is
/// called on it directly.
pub struct Store {
    engine: Box<dyn Engine>,
}

/// Documents read per query when streaming the whole store.
const STREAM_PAGE: usize = 256;

impl Store {
    /// Opens (creating if needed) the store at `db` and brings its schema
    /// up to date. Several processes may open one PostgreSQL store at once:
    /// its migrations run under a lock.
    pub fn open(db: impl Into<Location>) -> Result<Store> {
        let engine: Box<dyn Engine> = match db.into() {
            Location::Sqlite(path) => Box::new(sqlite::SqliteStore::open(&path)?),
            Location::Postgres(url) => Box::new(postgres::PgStore::open(url, true)?),
        };
        Ok(Store { engine })
    }

    /// Opens an existing store for reading (for serving); fails if it is
    /// missing or outdated.
    pub fn open_read_only(db: impl Into<Location>) -> Result<Store> {
        let engine: Box<dyn Engine> = match db.into() {
            Location::Sqlite(path) => Box::new(sqlite::SqliteStore::open_read_only(&path)?),
            Location::Postgres(url) => Box::new(postgres::PgStore::open(url, false)?),
        };
        Ok(Store { engine })
    }

    /// Calls `f` for every current document, in insertion order, streaming
    /// (memory does not grow with the store).
    pub fn for_each_document<E>(
        &self,
        mut f: impl FnMut(DocumentRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E>
    where
        E: From<StoreError>,
    {
        let mut after = 0;
        loop {
            let page = self.engine.documents_after(after, STREAM_PAGE)?;
            let full = page.len() == STREAM_PAGE;
            for (seq, doc) in page {
                after = seq;
                f(doc)?;
            }
            if !full {
                return Ok(());
            }
        }
    }
}

impl Deref for Store {
    type Target = dyn Engine;

    fn deref(&self) -> &(dyn Engine + 'static) {
        self.engine.as_ref()
    }
}

impl DerefMut for Store {
    fn deref_mut(&mut self) -> &mut (dyn Engine + 'static) {
        self.engine.as_mut()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_engines_have_the_same_migrations() {
        let names = |m: &[(i64, &'static str, &str)]| -> Vec<(i64, &'static str)> {
            m.iter().map(|&(v, n, _)| (v, n)).collect()
        };
        assert_eq!(
            names(crate::sqlite::migrate::MIGRATIONS),
            names(crate::postgres::migrate::MIGRATIONS)
        );
    }
}
