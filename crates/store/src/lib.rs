//! Tandem's embedded store: one SQLite file an analyst can open with `sqlite3`.
//!
//! Tables (see `migrations/`): `documents`, `paragraphs`, `sentences`,
//! `figures`, `watch_sources` and `watch_items` (what `tandem watch` has
//! seen), `events`, `event_participants` and `agreements` (what documents
//! report was met and signed), and `schema_migrations`. All offsets are UTF-8 byte offsets
//! into `documents.text`.
//!
//! Writes happen in batches, each one transaction: an interrupted ingest
//! leaves every batch either fully stored or absent, so re-running it is
//! safe. Documents are keyed by a hash of their content; a source whose
//! content changed gets a new version that supersedes the old one.

mod events;
mod migrate;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use events::{EventFilter, EventReport};
pub use write::{BatchOutcome, DocOutcome, NewDocument, ParagraphRow, SentenceRow};

/// Errors of the store, each naming the database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened or is not a Tandem database.
    #[error("cannot open store {path}: {source}")]
    Open {
        /// Database path.
        path: PathBuf,
        /// Underlying error.
        source: rusqlite::Error,
    },
    /// The database was written by a newer Tandem.
    #[error("store {path} has schema version {found}, newer than this Tandem knows ({known}); upgrade Tandem")]
    TooNew {
        /// Database path.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// The database was written by an older Tandem and must be migrated by a writer first.
    #[error("store {path} has schema version {found}, older than this Tandem's ({known}); run any writing command (e.g. `tandem stats`) to migrate it")]
    Outdated {
        /// Database path.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// Creating the directory of the database failed.
    #[error("cannot create directory for store {path}: {source}")]
    Dir {
        /// Database path.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A query failed.
    #[error("store {path}: {source}")]
    Sql {
        /// Database path.
        path: PathBuf,
        /// Underlying error.
        source: rusqlite::Error,
    },
}

/// Result type of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open Tandem store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

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

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, serde::Serialize)]
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

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        migrate::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Opens an existing store read-only (for serving); fails if it is missing or outdated.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        migrate::check_current(&store.conn, &store.path)?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .execute_batch(
                // page size first: it only takes effect before the file is created
                "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
            )
            .map_err(|source| StoreError::Open {
                path: self.path.clone(),
                source,
            })
    }

    /// Sets the most memory this connection's page cache may take (the
    /// default is 64 MiB, for queries over large stores).
    pub fn set_page_cache(&self, bytes: u64) -> Result<()> {
        let kib = (bytes / 1024).max(1);
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{kib};"))
            .map_err(|e| self.sql_err(e))
    }

    /// The database path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for read queries of other crates.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn sql_err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            source,
        }
    }

    /// Whether a document with this content hash is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        self.conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .map(|_| true)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(false),
                e => Err(self.sql_err(e)),
            })
    }

    /// Which of these content hashes are stored (one query for the whole list).
    pub fn existing_ids(&self, ids: &[&str]) -> Result<std::collections::HashSet<String>> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let list = serde_json::to_string(ids)
            .map_err(|e| self.sql_err(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?1))",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([list], |r| r.get(0))
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql_err(e))
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
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, name, source, title, date, language, text FROM documents
                 WHERE is_latest = 1 ORDER BY seq",
            )
            .map_err(|e| E::from(self.sql_err(e)))?;
        let mut rows = stmt.query([]).map_err(|e| E::from(self.sql_err(e)))?;
        while let Some(row) = rows.next().map_err(|e| E::from(self.sql_err(e)))? {
            let doc = read_document(row).map_err(|e| E::from(self.sql_err(e)))?;
            f(doc)?;
        }
        Ok(())
    }

    /// Number of current documents (latest versions).
    pub fn document_count(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM documents WHERE is_latest = 1",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql_err(e))
    }

    /// Counts per language and year.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.sql_err(e))
        };
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>> {
            let mut stmt = self.conn.prepare(sql).map_err(|e| self.sql_err(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.sql_err(e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| self.sql_err(e))
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT language, COALESCE(substr(date, 1, 4), 'undated') AS year, COUNT(*)
                 FROM documents WHERE is_latest = 1 GROUP BY 1, 2 ORDER BY 1, 2",
            )
            .map_err(|e| self.sql_err(e))?;
        let per_language_year = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.sql_err(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql_err(e))?;
        Ok(Stats {
            documents: count("SELECT COUNT(*) FROM documents WHERE is_latest = 1")?,
            superseded: count("SELECT COUNT(*) FROM documents WHERE is_latest = 0")?,
            paragraphs: count(
                "SELECT COUNT(*) FROM paragraphs p JOIN documents d ON d.seq = p.document WHERE d.is_latest = 1",
            )?,
            sentences: count(
                "SELECT COUNT(*) FROM sentences s JOIN documents d ON d.seq = s.document WHERE d.is_latest = 1",
            )?,
            figures: count(
                "SELECT COUNT(*) FROM figures f JOIN documents d ON d.seq = f.document WHERE d.is_latest = 1",
            )?,
            per_language: pairs(
                "SELECT language, COUNT(*) FROM documents WHERE is_latest = 1 GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            per_year: pairs(
                "SELECT COALESCE(substr(date, 1, 4), 'undated'), COUNT(*) FROM documents WHERE is_latest = 1 GROUP BY 1 ORDER BY 1",
            )?,
            per_language_year,
        })
    }

    /// Up to `per_language` paragraphs of each language, as (language, document title, paragraph text),
    /// taken from the earliest stored documents (headlines and date lines left out).
    pub fn sample_paragraphs(&self, per_language: usize) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT language, title, snippet FROM (
                    SELECT p.language, COALESCE(d.title, d.name) AS title,
                           CAST(substr(CAST(d.text AS BLOB), p.start_offset + 1, p.end_offset - p.start_offset) AS TEXT) AS snippet,
                           ROW_NUMBER() OVER (PARTITION BY p.language ORDER BY d.seq, p.ordinal) AS n
                    FROM paragraphs p JOIN documents d ON d.seq = p.document
                    WHERE d.is_latest = 1 AND p.end_offset - p.start_offset > 60
                      AND NOT (p.ordinal = 0 AND ltrim(substr(d.text, 1, 6)) LIKE 'date %')
                      AND snippet IS NOT d.title)
                 WHERE n <= ?1 ORDER BY language, n",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([per_language as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql_err(e))
    }
}

fn read_document(row: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: row.get(0)?,
        name: row.get(1)?,
        source: row.get(2)?,
        title: row.get(3)?,
        date: row.get(4)?,
        language: row.get(5)?,
        text: row.get(6)?,
    })
}
