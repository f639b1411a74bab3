//! Shared state of the server: a small pool of read-only store
//! connections (a store is `Send` but not `Sync`, so each request borrows
//! one inside a blocking task), the knowledge base cached
//! until the store changes (with the JSON answers derived from it), and
//! the search index opened on first use, and what the server was told
//! about access and document sizes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use tandem_ingest::SourceDoc;
use tandem_kb::{KnowledgeBase, Tolerance};
use tandem_search::SearchIndex;
use tandem_store::{DocumentSummary, Location, Store};

use crate::access::Access;
use crate::error::ApiError;

/// Idle connections kept for reuse.
const MAX_IDLE: usize = 8;

/// Read-only connections to one store.
pub struct Db {
    location: Location,
    idle: Mutex<Vec<Store>>,
}

impl Db {
    /// A pool for the store at `location` (opened lazily, read-only).
    pub fn new(location: &Location) -> Db {
        Db {
            location: location.clone(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Where the store is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Runs `f` with a read-only store. Blocking: call from a blocking task.
    pub fn with<R>(&self, f: impl FnOnce(&Store) -> Result<R, ApiError>) -> Result<R, ApiError> {
        let reused = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let store = match reused {
            Some(s) => s,
            None => Store::open_read_only(&self.location)
                .map_err(|e| ApiError::unavailable(e.to_string()))?,
        };
        let out = f(&store);
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < MAX_IDLE {
            idle.push(store);
        }
        out
    }
}

type Fingerprint = (i64, i64);

/// Serialised answers cached until the store changes, keyed by request.
const MAX_CACHED_RESPONSES: usize = 256;
/// Total size of the cached answers.
const MAX_CACHED_BYTES: usize = 64 * 1024 * 1024;

#[derive(Default)]
struct ResponseCache {
    print: Option<Fingerprint>,
    entries: HashMap<String, Bytes>,
    bytes: usize,
}

/// Largest document `POST /api/documents` takes unless told otherwise
/// (as `tandem ingest`'s default `max_file_bytes`).
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;

/// What `POST /api/documents` did with a document, and what is stored.
#[derive(serde::Serialize)]
pub struct Submitted {
    /// `new`, `new_version` (of the document with the same URL) or
    /// `unchanged` (the same content was stored before).
    pub status: &'static str,
    /// The stored document (its `figures` is how many were read).
    pub document: DocumentSummary,
    /// Event reports read from it.
    pub events: i64,
    /// Agreements read from it.
    pub agreements: i64,
}

/// Everything handlers share.
pub struct AppState {
    /// The store.
    pub db: Db,
    index_dir: PathBuf,
    access: Access,
    max_document_bytes: u64,
    /// Held while a submitted document is stored and indexed.
    writing: Mutex<()>,
    search: Mutex<Option<Arc<Mutex<SearchIndex>>>>,
    kb: Mutex<Option<(Fingerprint, Arc<KnowledgeBase>)>>,
    responses: Mutex<ResponseCache>,
}

impl AppState {
    /// State for the store at `db` and the search index in `index_dir`,
    /// open to all ([`Access::Open`]) and taking documents of up to
    /// [`DEFAULT_MAX_DOCUMENT_BYTES`].
    pub fn new(db: impl Into<Location>, index_dir: &Path) -> AppState {
        AppState {
            db: Db::new(&db.into()),
            index_dir: index_dir.to_path_buf(),
            access: Access::Open,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            writing: Mutex::new(()),
            search: Mutex::new(None),
            kb: Mutex::new(None),
            responses: Mutex::new(ResponseCache::default()),
        }
    }

    /// The same state with `access`.
    pub fn with_access(self, access: Access) -> AppState {
        AppState { access, ..self }
    }

    /// The same state taking documents of up to `bytes` (text or HTML).
    pub fn with_max_document_bytes(self, bytes: u64) -> AppState {
        AppState {
            max_document_bytes: bytes,
            ..self
        }
    }

    /// Who may call the API.
    pub fn access(&self) -> Access {
        self.access
    }

    /// Largest document (text or HTML bytes) `POST /api/documents` takes.
    pub fn max_document_bytes(&self) -> u64 {
        self.max_document_bytes
    }

    /// Stores, analyses and indexes one document through the ingest
    /// pipeline (as `tandem ingest` and `tandem watch` do), one at a time.
    /// The index writer is closed afterwards, so that `tandem ingest` or
    /// `tandem watch` on this machine can write the index too, and the next
    /// search opens the index afresh and finds the document. Blocking.
    pub fn submit(&self, doc: SourceDoc) -> Result<Submitted, ApiError> {
        let _one_at_a_time = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let id = doc.id.clone();
        let mut store =
            Store::open(self.db.location()).map_err(|e| ApiError::unavailable(e.to_string()))?;
        let mut index = SearchIndex::open(&self.index_dir).map_err(|e| {
            ApiError::unavailable(format!(
                "cannot open the search index {}: {e}",
                self.index_dir.display()
            ))
        })?;
        let indexing = |e: anyhow::Error| {
            ApiError::unavailable(format!("search index {}: {e:#}", self.index_dir.display()))
        };
        tandem_pipeline::sync_index(&store, &mut index).map_err(indexing)?;
        let summary = tandem_pipeline::ingest_docs(&mut store, &mut index, vec![doc])
            .map_err(|e| ApiError::internal(format!("cannot store document {id}: {e:#}")))?;
        index.close().map_err(|e| {
            ApiError::internal(format!(
                "cannot close the search index {}: {e}",
                self.index_dir.display()
            ))
        })?;
        *self.search.lock().unwrap_or_else(PoisonError::into_inner) = None;
        let status = if summary.new > 0 {
            "new"
        } else if summary.new_versions > 0 {
            "new_version"
        } else {
            "unchanged"
        };
        let document = store
            .document(&id)?
            .ok_or_else(|| ApiError::internal(format!("document {id} was not stored")))?
            .summary;
        // the id is a content hash (hex digits), safe to write into the query
        if !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ApiError::internal(format!(
                "document id {id} is not a hash"
            )));
        }
        let count = |table: &str| {
            store.query_int(&format!(
                "SELECT COUNT(*) FROM {table} WHERE document_id = '{id}'"
            ))
        };
        Ok(Submitted {
            status,
            document,
            events: count("events")?,
            agreements: count("agreements")?,
        })
    }

    /// The knowledge base for `tolerance` when the store has fingerprint
    /// `print` (default tolerance: cached until the store changes; any other
    /// is built afresh). Blocking.
    fn knowledge_at(
        &self,
        store: &Store,
        print: Fingerprint,
        tolerance: Option<Tolerance>,
    ) -> Result<Arc<KnowledgeBase>, ApiError> {
        if let Some(t) = tolerance {
            return Ok(Arc::new(KnowledgeBase::load(store, t)?));
        }
        let mut cache = self.kb.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((p, kb)) = cache.as_ref() {
            if *p == print {
                return Ok(kb.clone());
            }
        }
        let kb = Arc::new(KnowledgeBase::load(store, Tolerance::default())?);
        *cache = Some((print, kb.clone()));
        Ok(kb)
    }

    /// A JSON answer derived from the knowledge base, served from the cache
    /// while the store is unchanged. `key` must identify the request fully
    /// (path and query). Blocking.
    pub fn cached_json(
        &self,
        store: &Store,
        key: &str,
        tolerance: Option<Tolerance>,
        build: impl FnOnce(&Store, &KnowledgeBase) -> Result<Vec<u8>, ApiError>,
    ) -> Result<Bytes, ApiError> {
        self.cached_at(store, key, |store, print| {
            let kb = self.knowledge_at(store, print, tolerance)?;
            build(store, &kb)
        })
    }

    /// An answer read from the store, served from the cache while the store
    /// is unchanged (`key` as for [`AppState::cached_json`]). Blocking.
    pub fn cached(
        &self,
        store: &Store,
        key: &str,
        build: impl FnOnce(&Store) -> Result<Vec<u8>, ApiError>,
    ) -> Result<Bytes, ApiError> {
        self.cached_at(store, key, |store, _| build(store))
    }

    fn cached_at(
        &self,
        store: &Store,
        key: &str,
        build: impl FnOnce(&Store, Fingerprint) -> Result<Vec<u8>, ApiError>,
    ) -> Result<Bytes, ApiError> {
        let print = store.fingerprint()?;
        {
            let cache = self
                .responses
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if cache.print == Some(print) {
                if let Some(b) = cache.entries.get(key) {
                    return Ok(b.clone());
                }
            }
        }
        let body = Bytes::from(build(store, print)?);
        let mut cache = self
            .responses
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if cache.print != Some(print) {
            cache.entries.clear();
            cache.bytes = 0;
            cache.print = Some(print);
        }
        if cache.entries.len() < MAX_CACHED_RESPONSES
            && cache.bytes + body.len() <= MAX_CACHED_BYTES
            && !cache.entries.contains_key(key)
        {
            cache.bytes += body.len();
            cache.entries.insert(key.to_owned(), body.clone());
        }
        Ok(body)
    }

    /// The search index, opened on first use; 503 when it was never built.
    pub fn search_index(&self) -> Result<Arc<Mutex<SearchIndex>>, ApiError> {
        let mut slot = self.search.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(ix) = slot.as_ref() {
            return Ok(ix.clone());
        }
        if !self.index_dir.join("meta.json").is_file() {
            return Err(ApiError::unavailable(
                "the search index has not been built yet: run `tandem reindex` (or `tandem ingest`) first",
            ));
        }
        let ix = SearchIndex::open(&self.index_dir)
            .map_err(|e| ApiError::unavailable(format!("cannot open the search index: {e}")))?;
        let ix = Arc::new(Mutex::new(ix));
        *slot = Some(ix.clone());
        Ok(ix)
    }
}

/// Runs `f` with a read-only store on a blocking thread.
pub async fn blocking<R: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState, &Store) -> Result<R, ApiError> + Send + 'static,
) -> Result<R, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.db.with(|conn| f(&state, conn)))
        .await
        .map_err(|e| ApiError::internal(format!("request task failed: {e}")))?
}
