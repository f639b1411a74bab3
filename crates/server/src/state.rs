//! Shared state of the server: a small pool of read-only store
//! connections (a store is `Send` but not `Sync`, so each request borrows
//! one inside a blocking task), the knowledge base cached
//! until the store changes (with the JSON answers derived from it), and
//! the search index (one handle for searches, opened on first use, and
//! one that brings the index up to date with the store, see
//! [`AppState::sync_index`] and [`spawn_index_refresh`]), and what the
//! server was told about access and document sizes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::body::Bytes;
use tandem_ingest::SourceDoc;
use tandem_kb::{KnowledgeBase, Tolerance};
use tandem_pipeline::IndexSync;
use tandem_search::{SearchError, SearchIndex};
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

impl Drop for Db {
    /// Closes the idle connections on a thread of their own: the state is
    /// dropped on the async runtime when the server stops, and
    /// PostgreSQL's client cannot close a connection from there.
    fn drop(&mut self) {
        let idle = std::mem::take(self.idle.get_mut().unwrap_or_else(PoisonError::into_inner));
        if !idle.is_empty() {
            // a failure to close is nothing to report at shutdown
            let _ = std::thread::spawn(move || drop(idle)).join();
        }
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

/// How long `/api/stats` waits for the knowledge base of a small store
/// ([`SMALL_STORE_FIGURES`]) being built, before it answers without its
/// counts: a small store's is built by then, so its overview is complete
/// at once. On a larger store it does not wait.
pub const COUNTS_WAIT: Duration = Duration::from_millis(300);

/// Figures up to which a store counts as small for [`COUNTS_WAIT`] (its
/// knowledge base is built in well under [`COUNTS_WAIT`]).
pub const SMALL_STORE_FIGURES: i64 = 20_000;

/// The overview's counts that come from the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct KnowledgeCounts {
    /// Facts (figures of one indicator, sides, period and kind, merged).
    pub facts: usize,
    /// Facts whose sources disagree beyond the default tolerance.
    pub conflicts: usize,
    /// Consistency checks run.
    pub checks: usize,
    /// Of which failed.
    pub checks_failed: usize,
    /// Targets stated.
    pub targets: usize,
}

impl KnowledgeCounts {
    fn of(kb: &KnowledgeBase) -> KnowledgeCounts {
        let checks = kb.checks();
        KnowledgeCounts {
            facts: kb.facts().len(),
            conflicts: kb.conflicts(None, None).len(),
            checks: checks.len(),
            checks_failed: checks.iter().filter(|c| !c.pass).count(),
            targets: kb.targets().len(),
        }
    }
}

/// What `POST /api/reindex` did.
#[derive(serde::Serialize)]
pub struct Reindexed {
    /// Documents the rebuilt index holds (the store's current documents).
    pub documents: u64,
    /// The store's insertion number (`documents.seq`) the index stands at.
    pub seq: i64,
    /// How long the rebuild took, in seconds.
    pub seconds: f64,
}

/// Everything handlers share.
pub struct AppState {
    /// The store.
    pub db: Db,
    index_dir: PathBuf,
    access: Access,
    max_document_bytes: u64,
    /// The index handle that writes: held while the index is brought up
    /// to date or a submitted document is stored and indexed (one at a
    /// time); its writer (and the directory's lock) is released after each.
    indexer: Mutex<Option<SearchIndex>>,
    /// Set from the start of [`spawn_index_refresh`] until its first pass
    /// is done: an empty index is then still being built.
    building: AtomicBool,
    /// Set while `POST /api/reindex` rebuilds the index (one at a time).
    reindexing: AtomicBool,
    /// The index handle searches read.
    search: Mutex<Option<Arc<Mutex<SearchIndex>>>>,
    kb: Mutex<Option<(Fingerprint, Arc<KnowledgeBase>)>>,
    /// The overview's knowledge-base counts, of the latest knowledge base
    /// built, with the fingerprint of the store it was built from.
    counts: Mutex<Option<(Fingerprint, KnowledgeCounts)>>,
    /// Set while a thread builds the knowledge base for [`AppState::knowledge_counts`].
    counting: AtomicBool,
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
            indexer: Mutex::new(None),
            building: AtomicBool::new(false),
            reindexing: AtomicBool::new(false),
            search: Mutex::new(None),
            kb: Mutex::new(None),
            counts: Mutex::new(None),
            counting: AtomicBool::new(false),
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

    /// Runs `f` with the index handle that writes (opened on first use),
    /// one caller at a time, then releases its writer so that another
    /// process on this index directory (`tandem ingest` beside a SQLite
    /// store) may write, and shows searches what was committed. Blocking.
    fn with_indexer<R>(
        &self,
        f: impl FnOnce(&mut SearchIndex) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let mut slot = self.indexer.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(SearchIndex::open(&self.index_dir).map_err(|e| {
                ApiError::unavailable(format!(
                    "cannot open the search index {}: {e}",
                    self.index_dir.display()
                ))
            })?);
        }
        let Some(index) = slot.as_mut() else {
            return Err(ApiError::internal("search index handle missing"));
        };
        let out = f(index);
        let released = index.release().map_err(|e| {
            ApiError::internal(format!("search index {}: {e}", self.index_dir.display()))
        });
        drop(slot);
        let out = out?;
        released?;
        let search = self
            .search
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(search) = search {
            let reloaded = search
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .reload();
            reloaded.map_err(|e| ApiError::internal(format!("search index: {e}")))?;
        }
        Ok(out)
    }

    /// Brings the server's search index up to date with the store (see
    /// [`tandem_pipeline::sync_index`]): builds it when it is empty, adds
    /// the documents stored since, removes the versions they superseded.
    /// Searches go on meanwhile. Blocking.
    pub fn sync_index(&self) -> Result<IndexSync, ApiError> {
        self.try_sync_index()
            .map_err(|e| ApiError::unavailable(format!("{e:#}")))
    }

    /// [`AppState::sync_index`], its error as it came.
    fn try_sync_index(&self) -> anyhow::Result<IndexSync> {
        let store = Store::open_read_only(self.db.location())?;
        let mut outcome = None;
        self.with_indexer(|index| {
            outcome = Some(tandem_pipeline::sync_index(&store, index));
            Ok(())
        })
        .map_err(|e| anyhow::anyhow!(e.message))?;
        outcome
            .unwrap_or_else(|| {
                Err(anyhow::anyhow!(
                    "the search index was not brought up to date"
                ))
            })
            .with_context(|| format!("search index {}", self.index_dir.display()))
    }

    /// Rebuilds the server's search index from the store in one commit
    /// ([`tandem_pipeline::rebuild_index`]): searches are answered from the
    /// old index until the new one is complete, then from the new one. One
    /// rebuild at a time: another request meanwhile gets 409, and document
    /// submissions 503 (they would wait for the index). Blocking.
    pub fn reindex(&self) -> Result<Reindexed, ApiError> {
        if self.reindexing.swap(true, Ordering::AcqRel) {
            return Err(ApiError::conflict(
                "a reindex is already running on this server: wait for it to finish \
                 (its request is answered when it is done)",
            ));
        }
        struct Running<'a>(&'a AtomicBool);
        impl Drop for Running<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::Release);
            }
        }
        let _running = Running(&self.reindexing);
        let started = Instant::now();
        let store = Store::open_read_only(self.db.location())
            .map_err(|e| ApiError::unavailable(e.to_string()))?;
        let mut documents = 0;
        let sync = self.with_indexer(|index| {
            let sync = tandem_pipeline::rebuild_index(&store, index).map_err(|e| {
                ApiError::unavailable(format!(
                    "search index {} not rebuilt: {e:#}",
                    self.index_dir.display()
                ))
            })?;
            documents = index.num_docs();
            Ok(sync)
        })?;
        let seconds = started.elapsed().as_secs_f64();
        tracing::info!(
            index = %self.index_dir.display(),
            documents,
            seq = sync.seq,
            seconds,
            "search index rebuilt from the store"
        );
        Ok(Reindexed {
            documents,
            seq: sync.seq,
            seconds,
        })
    }

    /// Stores, analyses and indexes one document through the ingest
    /// pipeline (as `tandem ingest` and `tandem watch` do), one at a time,
    /// so that the next search finds it. Blocking.
    pub fn submit(&self, doc: SourceDoc) -> Result<Submitted, ApiError> {
        if self.reindexing.load(Ordering::Acquire) {
            return Err(ApiError::unavailable(
                "the search index is being rebuilt (POST /api/reindex): submit the document \
                 again when the rebuild is done",
            ));
        }
        let id = doc.id.clone();
        let mut store =
            Store::open(self.db.location()).map_err(|e| ApiError::unavailable(e.to_string()))?;
        let indexing = |e: anyhow::Error| {
            ApiError::unavailable(format!("search index {}: {e:#}", self.index_dir.display()))
        };
        let summary = self.with_indexer(|index| {
            tandem_pipeline::sync_index(&store, index).map_err(indexing)?;
            tandem_pipeline::ingest_docs(&mut store, index, vec![doc])
                .map_err(|e| ApiError::internal(format!("cannot store document {id}: {e:#}")))
        })?;
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

    /// The knowledge-base counts of the overview for a store of
    /// fingerprint `print`, and whether they are of the store as it is
    /// (`false`: of an earlier state of it). Never builds the knowledge
    /// base nor counts its checks in the request (on 100,000 documents
    /// that takes minutes): when they are not counted for this state of
    /// the store, a thread of its own does it (one at a time; the
    /// knowledge base is cached for the other endpoints as they would
    /// cache it), and this waits `wait` at most for it, then answers with
    /// the latest counts it has (`None` before the first). Blocking.
    pub fn knowledge_counts(
        self: &Arc<Self>,
        print: Fingerprint,
        wait: Duration,
    ) -> Option<(KnowledgeCounts, bool)> {
        let started = Instant::now();
        loop {
            let latest = *self.counts.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((p, c)) = latest {
                if p == print {
                    return Some((c, true));
                }
            }
            // counted on the thread even when another endpoint built the
            // knowledge base: its checks are computed on first use, which
            // takes minutes on a large store
            self.spawn_knowledge_counts();
            if started.elapsed() >= wait {
                return latest.map(|(_, c)| (c, false));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Builds the knowledge base of the store as it is now and its counts
    /// on a thread of its own, unless one is at it already.
    fn spawn_knowledge_counts(self: &Arc<Self>) {
        if self.counting.swap(true, Ordering::AcqRel) {
            return;
        }
        let weak = Arc::downgrade(self);
        let spawned = std::thread::Builder::new()
            .name("tandem-knowledge".into())
            .spawn(move || {
                let Some(state) = weak.upgrade() else { return };
                let started = Instant::now();
                let built = Store::open_read_only(state.db.location())
                    .map_err(ApiError::from)
                    .and_then(|store| {
                        let print = store.fingerprint()?;
                        let kb = state.knowledge_at(&store, print, None)?;
                        Ok((print, KnowledgeCounts::of(&kb)))
                    });
                match built {
                    Ok(counts) => {
                        tracing::info!(
                            seconds = started.elapsed().as_secs_f64(),
                            "knowledge base built for the overview"
                        );
                        *state.counts.lock().unwrap_or_else(PoisonError::into_inner) = Some(counts);
                    }
                    Err(e) => tracing::warn!("knowledge base not built: {}", e.message),
                }
                state.counting.store(false, Ordering::Release);
            });
        if let Err(e) = spawned {
            tracing::warn!("cannot start building the knowledge base: {e}");
            self.counting.store(false, Ordering::Release);
        }
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

    /// The search index, opened on first use; 503 when it was never built,
    /// or while [`spawn_index_refresh`] is building it.
    pub fn search_index(&self) -> Result<Arc<Mutex<SearchIndex>>, ApiError> {
        let building = || {
            ApiError::unavailable(
                "the search index is being built from the store: try again in a moment",
            )
        };
        let mut slot = self.search.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(ix) = slot.as_ref() {
            let empty = ix.lock().unwrap_or_else(PoisonError::into_inner).num_docs() == 0;
            if empty && self.building.load(Ordering::Acquire) {
                return Err(building());
            }
            return Ok(ix.clone());
        }
        if !self.index_dir.join("meta.json").is_file() {
            if self.building.load(Ordering::Acquire) {
                return Err(building());
            }
            return Err(ApiError::unavailable(
                "the search index has not been built yet: run `tandem reindex` (or `tandem ingest`) first",
            ));
        }
        let ix = SearchIndex::open(&self.index_dir)
            .map_err(|e| ApiError::unavailable(format!("cannot open the search index: {e}")))?;
        let empty = ix.num_docs() == 0;
        let ix = Arc::new(Mutex::new(ix));
        *slot = Some(ix.clone());
        if empty && self.building.load(Ordering::Acquire) {
            return Err(building());
        }
        Ok(ix)
    }
}

/// Keeps the server's search index up to date with the store from a
/// thread of its own: a first pass at once (building the index when it
/// has none), then one every `every`, until the state is dropped. Each
/// pass that changed the index is logged; a failed pass (the store
/// unreachable, another process writing the index) is logged and tried
/// again at the next.
pub fn spawn_index_refresh(state: &Arc<AppState>, every: Duration) -> std::io::Result<()> {
    state.building.store(true, Ordering::Release);
    let weak: Weak<AppState> = Arc::downgrade(state);
    std::thread::Builder::new()
        .name("tandem-index-refresh".into())
        .spawn(move || {
            let mut first = true;
            loop {
                let Some(state) = weak.upgrade() else { return };
                let started = Instant::now();
                match state.try_sync_index() {
                    Ok(sync) => {
                        if first || sync.changed() {
                            tracing::info!(
                                index = %state.index_dir.display(),
                                added = sync.added,
                                removed = sync.removed,
                                seq = sync.seq,
                                seconds = started.elapsed().as_secs_f64(),
                                "search index up to date with the store"
                            );
                        }
                        if first {
                            state.building.store(false, Ordering::Release);
                            first = false;
                        }
                    }
                    // `tandem ingest` beside a SQLite store writes this index itself
                    Err(e)
                        if e.chain().any(|c| {
                            matches!(c.downcast_ref::<SearchError>(), Some(SearchError::Busy(_)))
                        }) =>
                    {
                        tracing::info!("search index not brought up to date: {e:#}");
                    }
                    Err(e) => tracing::warn!("search index not brought up to date: {e:#}"),
                }
                drop(state);
                std::thread::sleep(every);
            }
        })
        .map(drop)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reindex_at_a_time_and_no_submission_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let db = Location::Sqlite(dir.path().join("t.db"));
        Store::open(&db).unwrap();
        let state = Arc::new(AppState::new(db, &dir.path().join("index")));
        // the index busy (as during a refresh pass): a reindex starts and waits for it
        let busy = state.indexer.lock().unwrap();
        let first = std::thread::spawn({
            let state = state.clone();
            move || state.reindex().map(|r| r.documents).map_err(|e| e.message)
        });
        let started = Instant::now();
        while !state.reindexing.load(Ordering::Acquire) {
            assert!(started.elapsed() < Duration::from_secs(30));
            std::thread::sleep(Duration::from_millis(5));
        }
        let second = state.reindex().err().unwrap();
        assert_eq!(second.status.as_u16(), 409, "{}", second.message);
        assert!(second.message.contains("already running"));
        let doc = SourceDoc {
            id: "00".repeat(16),
            name: "a".into(),
            source: "a.txt".into(),
            url: None,
            title: None,
            date: None,
            format: tandem_ingest::Format::Txt,
            text: "Exports grew.".into(),
            table: None,
        };
        let submitted = state.submit(doc).err().unwrap();
        assert_eq!(submitted.status.as_u16(), 503, "{}", submitted.message);
        assert!(submitted.message.contains("being rebuilt"));
        drop(busy);
        assert_eq!(first.join().unwrap(), Ok(0));
        assert!(!state.reindexing.load(Ordering::Acquire));
        // and then another may run
        assert_eq!(state.reindex().map(|r| r.documents).ok(), Some(0));
    }
}
