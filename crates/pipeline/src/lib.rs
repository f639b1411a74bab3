//! `tandem-pipeline`: Tandem's one ingest pipeline, from documents read to
//! documents stored, analysed and indexed.
//!
//! It is a library crate of its own so that every way a document enters
//! Tandem goes through the same code, with no copies: `tandem ingest` and
//! `tandem start` call [`run`] on files and directories, `tandem watch`
//! calls [`ingest_docs`] on the pages it fetched, and the API's document
//! endpoint and background workers — which cannot depend on the `tandem`
//! binary — will call them too. Reading each format stays in
//! `tandem-ingest` (one module per format behind one interface), text
//! analysis in `tandem-text`, extraction in `tandem-extract`, storage in
//! `tandem-store`, search in `tandem-search`: this crate wires them together.
//!
//! The pipeline: read inputs → analyse text → extract figures (a statistics
//! table's are read from its layout) → store (one transaction per batch) →
//! index. On a PostgreSQL store, [`queue::run`] is the same pipeline run by
//! any number of worker processes that share the store's work queue.
//! Reading and analysis run on all cores; meanwhile a writer thread
//! stores the previous batch and an index thread indexes the one before.
//! Memory is bounded by a few batches (and SQLite's page cache) whatever
//! the corpus size: inputs are walked lazily (no list of every path), a
//! large CSV table or PDF is read a part at a time, the index thread gets only
//! what it indexes, and free memory is returned to the system between
//! batches ([`alloc`]).

pub mod alloc;
mod progress;
pub mod queue;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Context as _;
use rayon::prelude::*;
use tandem_ingest::{Input, SourceDoc};
use tandem_search::{IndexDoc, IndexPosition, SearchIndex};
use tandem_store::{
    DocOutcome, DocumentRow, Location, NewDocument, ParagraphRow, SentenceRow, Store,
};

/// Default amount of document text per batch (one transaction).
pub const BATCH_BYTES: u64 = 4 * 1024 * 1024;
/// Most documents per batch.
const BATCH_DOCS: usize = 2000;
/// Text an ingest's index thread queues between two commits of the
/// search index.
const INDEX_COMMIT_BYTES: usize = 4 * BATCH_BYTES as usize;
/// Files are read in groups of at most this many bytes on disk...
const READ_GROUP_BYTES: u64 = 1024 * 1024;
/// ...and this many files, so that a batch overshoots its text budget by
/// at most one small group, even where compressed files expand tenfold.
const READ_GROUP_FILES: usize = 256;
/// SQLite page cache of the connection that looks up known ids, in bytes.
const READER_PAGE_CACHE: u64 = 2 * 1024 * 1024;

/// What an ingest run did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    /// Input files (or stdin) considered.
    pub inputs: usize,
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents stored as new versions of a known source.
    pub new_versions: usize,
    /// Documents already stored with the same content.
    pub unchanged: usize,
    /// Inputs or records rejected, with reasons.
    pub rejected: Vec<String>,
    /// Statistics tables stored as text only, with why no figure was read.
    pub tables_as_text: Vec<String>,
    /// New documents per language.
    pub languages: BTreeMap<String, usize>,
    /// Figures extracted from new documents.
    pub figures: usize,
    /// Of which read from statistics tables (`official`).
    pub official: usize,
    /// Input bytes read.
    pub bytes: u64,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl Summary {
    /// Process exit status: 0 when everything was ingested or unchanged, 1 when some inputs were rejected.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.rejected.is_empty())
    }
}

/// Analyses one document and extracts its figures, events, agreements and projects (a statistics table's
/// figures were read with its layout: no extraction runs on its text).
pub fn process(doc: SourceDoc) -> NewDocument {
    let analysis = tandem_text::analyze(&doc.text);
    let (paragraphs, sentences) = match &doc.table {
        Some(_) => table_rows(&doc.text, &analysis),
        None => paragraphs_and_sentences(&analysis),
    };
    let (figures, found) = match doc.table {
        Some(table) => (table.figures, tandem_events::Found::default()),
        None => {
            let (mut figures, reading) =
                tandem_extract::extract_with_reading(&doc.name, &analysis, doc.date);
            let found = tandem_events::read(&doc.name, &doc.text, &reading, &figures);
            found.date_figures(&mut figures);
            (figures, found)
        }
    };
    let mut by_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for p in paragraphs.iter().filter(|p| p.language != "und") {
        *by_lang.entry(&p.language).or_default() += p.end - p.start;
    }
    let language = by_lang
        .iter()
        .max_by_key(|(_, n)| **n)
        .map_or("und", |(l, _)| *l)
        .to_string();
    NewDocument {
        id: doc.id,
        name: doc.name,
        source: doc.source,
        url: doc.url,
        title: doc.title,
        date: doc.date,
        language,
        format: doc.format.as_str().to_string(),
        text: doc.text,
        paragraphs,
        sentences,
        figures,
        events: found.events,
        agreements: found.agreements,
        projects: found.projects,
    }
}

/// The analysis' paragraphs and sentences, in offsets of the original text.
fn paragraphs_and_sentences(
    analysis: &tandem_text::Analysis,
) -> (Vec<ParagraphRow>, Vec<SentenceRow>) {
    let text = &analysis.text;
    let mut paragraphs = Vec::with_capacity(analysis.paragraphs.len());
    let mut sentences = Vec::new();
    for (i, p) in analysis.paragraphs.iter().enumerate() {
        let range = text.original_range(p.start..p.end);
        for s in &p.sentences {
            let r = text.original_range(s.start..s.end);
            sentences.push(SentenceRow {
                paragraph: i,
                start: r.start,
                end: r.end,
            });
        }
        paragraphs.push(ParagraphRow {
            start: range.start,
            end: range.end,
            language: p.lang.code().to_string(),
        });
    }
    (paragraphs, sentences)
}

/// A table's rows as its paragraphs and sentences, one of each per
/// non-blank line of the text as stored — the row a table figure gives as
/// its sentence — whatever the text analysis would join. A row takes the
/// language of the analysed paragraph it starts in.
fn table_rows(
    text: &str,
    analysis: &tandem_text::Analysis,
) -> (Vec<ParagraphRow>, Vec<SentenceRow>) {
    let languages: Vec<(std::ops::Range<usize>, &'static str)> = analysis
        .paragraphs
        .iter()
        .map(|p| (analysis.text.original_range(p.start..p.end), p.lang.code()))
        .collect();
    // the analysed paragraphs not yet passed, both in text order
    let mut next = &languages[..];
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        let start = line_start + (body.len() - body.trim_start().len());
        let end = line_start + body.len();
        line_start += line.len();
        if start == end {
            continue;
        }
        while next.first().is_some_and(|(r, _)| r.end <= start) {
            next = &next[1..];
        }
        let language = next
            .first()
            .filter(|(r, _)| r.start <= start)
            .map_or("und", |(_, l)| *l);
        sentences.push(SentenceRow {
            paragraph: paragraphs.len(),
            start,
            end,
        });
        paragraphs.push(ParagraphRow {
            start,
            end,
            language: language.to_string(),
        });
    }
    (paragraphs, sentences)
}

/// Groups inputs (with their sizes) into read groups of bounded size, as
/// they come.
fn read_groups(mut inputs: impl Iterator<Item = Input>) -> impl Iterator<Item = Vec<(Input, u64)>> {
    std::iter::from_fn(move || {
        let mut group = Vec::new();
        let mut bytes = 0;
        while bytes < READ_GROUP_BYTES && group.len() < READ_GROUP_FILES {
            let Some(input) = inputs.next() else { break };
            let len = input.len();
            bytes += len;
            group.push((input, len));
        }
        (!group.is_empty()).then_some(group)
    })
}

/// A batch handed to the writer thread.
struct Batch {
    docs: Vec<NewDocument>,
    /// Documents found already stored while reading.
    unchanged: usize,
}

/// A newly stored document on its way to the index: its analysis and
/// figures are dropped once stored.
struct ToIndex {
    doc: DocumentRow,
    /// The id of the version it replaces, if any.
    supersedes: Option<String>,
}

impl ToIndex {
    fn new(doc: NewDocument, supersedes: Option<String>) -> ToIndex {
        ToIndex {
            doc: DocumentRow {
                id: doc.id,
                name: doc.name,
                source: doc.source,
                title: doc.title,
                date: doc.date.map(|d| d.to_string()),
                language: doc.language,
                text: doc.text,
            },
            supersedes,
        }
    }
}

/// What the search index takes of a stored document.
fn index_doc(d: &DocumentRow) -> IndexDoc<'_> {
    IndexDoc {
        id: &d.id,
        name: &d.name,
        title: d.title.as_deref().unwrap_or(""),
        date: d.date.as_deref(),
        lang: &d.language,
        text: &d.text,
    }
}

/// Stores each batch in one transaction, counts what happened and passes
/// the batch on to the index thread.
fn store_batches(
    store: &mut Store,
    batches: mpsc::Receiver<Batch>,
    to_index: &mpsc::SyncSender<Vec<ToIndex>>,
) -> anyhow::Result<Summary> {
    let mut s = Summary::default();
    for batch in batches {
        let stored = store_batch(store, batch, &mut s)?;
        if to_index.send(stored).is_err() {
            // the index thread stopped: its error is reported when it is joined
            break;
        }
    }
    Ok(s)
}

/// Stores one batch in one transaction and counts what happened in `s`;
/// returns what the index needs of the documents stored.
fn store_batch(store: &mut Store, batch: Batch, s: &mut Summary) -> anyhow::Result<Vec<ToIndex>> {
    let t0 = Instant::now();
    let outcomes = store.insert_batch(&batch.docs)?;
    let stored = count_stored(batch, outcomes, s);
    tracing::debug!(stored = ?t0.elapsed(), docs = stored.len(), "batch stored");
    Ok(stored)
}

/// Counts in `s` what storing `batch` did (`outcomes`, one per document);
/// returns what the index needs of the documents stored.
fn count_stored(
    batch: Batch,
    outcomes: tandem_store::BatchOutcome,
    s: &mut Summary,
) -> Vec<ToIndex> {
    s.unchanged += batch.unchanged;
    let mut stored = Vec::new();
    for (doc, outcome) in batch.docs.into_iter().zip(outcomes) {
        let supersedes = match outcome {
            DocOutcome::Unchanged => {
                s.unchanged += 1;
                continue;
            }
            DocOutcome::New => {
                s.new += 1;
                None
            }
            DocOutcome::NewVersion { supersedes, .. } => {
                s.new_versions += 1;
                Some(supersedes)
            }
        };
        *s.languages.entry(doc.language.clone()).or_default() += 1;
        s.figures += doc.figures.len();
        s.official += doc
            .figures
            .iter()
            .filter(|f| f.source_kind == tandem_model::SourceKind::Official)
            .count();
        stored.push(ToIndex::new(doc, supersedes));
    }
    stored
}

/// Indexes each stored batch: removes the versions it superseded and adds
/// its new documents, committing once [`INDEX_COMMIT_BYTES`] of text are
/// queued and at the end (each commit writes a segment, whose term
/// dictionary and postings are built anew and later merged: fewer, larger
/// segments are less work). An interrupted run leaves documents stored but
/// not indexed, which the next opening of the index adds ([`sync_index`]).
fn index_batches(
    index: &mut SearchIndex,
    batches: mpsc::Receiver<Vec<ToIndex>>,
) -> anyhow::Result<()> {
    let mut queued = None;
    for batch in batches {
        let t0 = Instant::now();
        let (superseded, fresh) = index_lists(&batch);
        index
            .queue_new(&superseded, &fresh)
            .context("cannot update the search index")?;
        let bytes = queued.unwrap_or(0) + fresh.iter().map(|d| d.text.len()).sum::<usize>();
        tracing::debug!(indexed = ?t0.elapsed(), docs = batch.len(), "batch indexed");
        queued = Some(bytes);
        if bytes >= INDEX_COMMIT_BYTES {
            index
                .commit_queued()
                .context("cannot update the search index")?;
            queued = None;
        }
        drop(batch);
        // the batch and the index writer's memory for it are freed:
        // return the pages to the system, so that fragmentation left by
        // one batch does not add up over a long run
        crate::alloc::release_free_memory();
    }
    if queued.is_some() {
        index
            .commit_queued()
            .context("cannot update the search index")?;
    }
    Ok(())
}

/// What indexing a stored batch does: the ids of the versions it
/// supersedes (to remove) and its new documents (to add).
fn index_lists(batch: &[ToIndex]) -> (Vec<&str>, Vec<IndexDoc<'_>>) {
    let superseded = batch
        .iter()
        .filter_map(|d| d.supersedes.as_deref())
        .collect();
    let fresh = batch.iter().map(|d| index_doc(&d.doc)).collect();
    (superseded, fresh)
}

/// Indexes one stored batch.
fn index_batch(index: &mut SearchIndex, batch: &[ToIndex]) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let (superseded, fresh) = index_lists(batch);
    index
        .remove(&superseded)
        .and_then(|()| index.add_new(&fresh))
        .context("cannot update the search index")?;
    tracing::debug!(indexed = ?t0.elapsed(), docs = batch.len(), "batch indexed");
    Ok(())
}

/// Stores and indexes documents already read (such as pages fetched by
/// `tandem watch`) in one transaction, as [`run`] does for files.
pub fn ingest_docs(
    store: &mut Store,
    index: &mut SearchIndex,
    docs: Vec<SourceDoc>,
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary {
        inputs: docs.len(),
        bytes: docs.iter().map(|d| d.text.len() as u64).sum(),
        ..Summary::default()
    };
    let batch = analyse_batch(store, docs)?;
    let stored = store_batch(store, batch, &mut summary)?;
    index_batch(index, &stored)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Options of a run.
pub struct Options<'a> {
    /// The store.
    pub db: &'a Location,
    /// Index directory.
    pub index_dir: &'a Path,
    /// Largest input accepted.
    pub max_file_bytes: u64,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
    /// Document text bytes per batch (transaction).
    pub batch_bytes: u64,
    /// Text bytes per document of a large CSV table or PDF, read in parts
    /// ([`tandem_ingest::PART_BYTES`] but in tests).
    pub part_bytes: u64,
}

/// Ingests the files, directories (walked recursively) and `-` (standard
/// input) of `paths`.
pub fn run(opts: &Options<'_>, paths: &[PathBuf]) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut store = Store::open(opts.db)?;
    let mut index = SearchIndex::open(opts.index_dir)
        .with_context(|| format!("cannot open search index {}", opts.index_dir.display()))?;
    sync_index(&store, &mut index)?;
    let reader = Store::open(opts.db)?;
    // The reader only looks up ids: a small page cache does. (The writer
    // keeps the store's default: less made ingest slower.)
    reader.set_page_cache(READER_PAGE_CACHE)?;

    // A first walk counts files and bytes for progress; the second reads
    // them. Neither keeps the list of paths, so memory does not grow with
    // the number of files.
    let mut summary = Summary::default();
    let mut total_bytes = 0;
    for item in tandem_ingest::walk_inputs(paths) {
        match item {
            Ok(input) => {
                summary.inputs += 1;
                total_bytes += input.len();
            }
            Err(rejection) => summary.rejected.push(rejection.to_string()),
        }
    }
    let mut bar = crate::progress::bar(opts.progress, total_bytes, summary.inputs as u64);

    // No queue between analysis and storage: while the writer stores
    // batch N+1 the main thread analyses N+2; an analysed batch waiting in
    // a queue was ~25 MB more at the peak.
    let (tx, rx) = mpsc::sync_channel::<Batch>(0);
    // A stored batch is only what the index needs (mostly its text), so
    // one may wait for the indexer while the writer takes the next.
    let (to_index, stored_batches) = mpsc::sync_channel::<Vec<ToIndex>>(1);
    let indexer = std::thread::Builder::new()
        .name("tandem-indexer".into())
        .spawn(move || index_batches(&mut index, stored_batches))
        .context("cannot start the index thread")?;
    let writer = std::thread::Builder::new()
        .name("tandem-writer".into())
        .spawn(move || store_batches(&mut store, rx, &to_index))
        .context("cannot start the writer thread")?;

    let mut pending = Pending {
        docs: Vec::new(),
        bytes: 0,
        batch_bytes: opts.batch_bytes,
        reader: &reader,
        tx,
    };
    // rejections of the walk were counted by the first one
    let inputs = tandem_ingest::walk_inputs(paths).filter_map(Result::ok);
    let mut groups = read_groups(inputs).peekable();
    'groups: while let Some(group) = groups.next() {
        let last = groups.peek().is_none();
        let (large, small): (Vec<_>, Vec<_>) = group
            .into_iter()
            .partition(|(input, _)| tandem_ingest::large_input(input, opts.part_bytes).is_some());
        let reads: Vec<(u64, tandem_ingest::Read)> = small
            .par_iter()
            .map(|(input, len)| (*len, tandem_ingest::read_input(input, opts.max_file_bytes)))
            .collect();
        for (len, read) in reads {
            summary.bytes += len;
            bar.inc(len);
            bar.inc_files();
            pending.take(read, &mut summary);
        }
        // a large table or PDF part by part, each batch sent as soon as it is full
        for (input, len) in &large {
            let Some(path) = tandem_ingest::large_input(input, opts.part_bytes) else {
                continue;
            };
            for read in tandem_ingest::read_parts(path, opts.part_bytes, opts.max_file_bytes) {
                pending.take(read, &mut summary);
                if pending.full() && !pending.flush()? {
                    break 'groups;
                }
            }
            summary.bytes += len;
            bar.inc(*len);
            bar.inc_files();
        }
        if (pending.full() || last) && !pending.flush()? {
            break;
        }
    }
    drop(pending);
    let written = match writer.join() {
        Ok(r) => r,
        Err(_) => Err(anyhow::anyhow!("the writer thread failed")),
    };
    let indexed = match indexer.join() {
        Ok(r) => r,
        Err(_) => Err(anyhow::anyhow!("the index thread failed")),
    };
    let written = written?;
    indexed?;
    bar.finish();
    summary.new = written.new;
    summary.new_versions = written.new_versions;
    summary.unchanged = written.unchanged;
    summary.languages = written.languages;
    summary.figures = written.figures;
    summary.official = written.official;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Documents read but not yet analysed; they become a batch once they hold
/// `batch_bytes` of text or [`BATCH_DOCS`] documents, so memory is bounded
/// by the text in flight, not by file sizes on disk.
struct Pending<'a> {
    docs: Vec<SourceDoc>,
    /// Text bytes of `docs`.
    bytes: u64,
    batch_bytes: u64,
    /// The connection that looks up known ids.
    reader: &'a Store,
    /// To the writer thread.
    tx: mpsc::SyncSender<Batch>,
}

impl Pending<'_> {
    /// Takes the documents of one read, and counts its rejections and the
    /// tables it stores as text only in `summary`.
    fn take(&mut self, read: tandem_ingest::Read, summary: &mut Summary) {
        note_read(&read, summary);
        self.bytes += read.docs.iter().map(|d| d.text.len() as u64).sum::<u64>();
        self.docs.extend(read.docs);
    }

    /// Whether the documents make a batch.
    fn full(&self) -> bool {
        self.bytes >= self.batch_bytes || self.docs.len() >= BATCH_DOCS
    }

    /// Analyses the documents and hands them to the writer as one batch;
    /// `false` when the writer has stopped (its error is reported when it
    /// is joined).
    fn flush(&mut self) -> anyhow::Result<bool> {
        self.bytes = 0;
        let batch = analyse_batch(self.reader, std::mem::take(&mut self.docs))?;
        Ok(self.tx.send(batch).is_ok())
    }
}

/// Counts in `summary` the rejections of one read and the tables it stores
/// as text only.
fn note_read(read: &tandem_ingest::Read, summary: &mut Summary) {
    summary
        .rejected
        .extend(read.rejected.iter().map(ToString::to_string));
    summary
        .tables_as_text
        .extend(read.docs.iter().filter_map(|d| {
            let why = d.table.as_ref()?.unread.as_ref()?;
            Some(format!(
                "{}: stored as text, no figures read: {why}",
                d.source
            ))
        }));
}

/// Analyses a batch of read documents on all cores, skipping those already
/// stored; duplicates within the run are caught by the store, which writes
/// batches in order.
fn analyse_batch(reader: &Store, docs: Vec<SourceDoc>) -> anyhow::Result<Batch> {
    let t0 = Instant::now();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let stored = reader.existing_ids(&ids)?;
    let read_count = docs.len();
    let fresh: Vec<SourceDoc> = docs
        .into_iter()
        .filter(|d| !stored.contains(&d.id))
        .collect();
    let unchanged = read_count - fresh.len();
    let mut docs: Vec<NewDocument> = fresh.into_par_iter().map(process).collect();
    lend_sides(&mut docs);
    tracing::debug!(analysed = ?t0.elapsed(), docs = docs.len(), "batch analysed");
    Ok(Batch { docs, unchanged })
}

/// Reads the documents of a batch together: a figure whose text names no
/// country takes the one another document states it with
/// ([`tandem_extract::across`]).
fn lend_sides(docs: &mut [NewDocument]) {
    let counts: Vec<usize> = docs.iter().map(|d| d.figures.len()).collect();
    let mut figures: Vec<_> = docs.iter_mut().flat_map(|d| d.figures.drain(..)).collect();
    tandem_extract::across::lend_sides(&mut figures);
    let mut figures = figures.into_iter();
    for (d, n) in docs.iter_mut().zip(counts) {
        d.figures.extend(figures.by_ref().take(n));
    }
}

/// Current documents' keys read per query while bringing an index up to date.
const KEY_PAGE: usize = 10_000;
/// Documents read per query while bringing an index up to date.
const DOC_PAGE: usize = 256;
/// Text indexed per commit while bringing an index up to date.
const SYNC_BYTES: usize = 4 * BATCH_BYTES as usize;

/// What bringing a search index up to date with its store did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexSync {
    /// Documents added to the index.
    pub added: usize,
    /// Documents removed from it (versions superseded by newer ones, or
    /// documents the store does not hold).
    pub removed: usize,
    /// The index was started afresh (it was built from another store).
    pub cleared: bool,
    /// Its documents were compared with the store's one by one, because
    /// their numbers differed after catching up.
    pub reconciled: bool,
    /// The store's insertion number (`documents.seq`) the index now stands at.
    pub seq: i64,
}

impl IndexSync {
    /// Whether the index changed.
    pub fn changed(&self) -> bool {
        self.added > 0 || self.removed > 0 || self.cleared
    }
}

/// What an index records as the identity of its store: the SQLite file's
/// absolute path, or the PostgreSQL URL with its password masked.
pub fn store_identity(location: &Location) -> String {
    match location {
        Location::Sqlite(path) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string(),
        Location::Postgres(url) => url.masked(),
    }
}

/// Brings the index up to date with the store: adds the current documents
/// inserted after the position the index records (`documents.seq`),
/// removing the versions they supersede. An index without a position (new,
/// or older than positions) is checked document by document, an index of
/// another store is cleared first, and when afterwards the index and the
/// store do not hold the same number of documents (a document committed
/// late under a lower `seq` by a concurrent writer, a version superseded
/// twice) the index's documents are compared with the store's one by one.
/// Documents the index already holds (added by `tandem ingest` on this
/// index directory) are not read again.
pub fn sync_index(store: &Store, index: &mut SearchIndex) -> anyhow::Result<IndexSync> {
    let identity = store_identity(store.location());
    let mut sync = IndexSync::default();
    match index.position()? {
        Some(p) if p.store == identity => sync.seq = p.seq,
        Some(p) => {
            tracing::warn!(
                built_from = %p.store,
                store = %identity,
                "search index was built from another store: rebuilding"
            );
            index.clear()?;
            sync.cleared = true;
        }
        None => {}
    }
    let count_before = store.document_count()?;
    // an empty index holds nothing to look up or replace
    let empty = index.num_docs() == 0;
    loop {
        let keys = store.document_keys(sync.seq, KEY_PAGE)?;
        let Some(last) = keys.last().map(|k| k.seq) else {
            break;
        };
        let mut superseded = Vec::new();
        let mut missing = Vec::new();
        for k in &keys {
            if empty || !index.contains(&k.id)? {
                missing.push(k.seq);
            }
            if let Some(old) = k.supersedes.as_deref() {
                if !empty && index.contains(old)? {
                    superseded.push(old);
                }
            }
        }
        let during = IndexPosition {
            store: identity.clone(),
            seq: sync.seq,
        };
        let done = IndexPosition {
            store: identity.clone(),
            seq: last,
        };
        let positions = [&during, &done];
        sync.added += index_missing(store, index, &missing, &superseded, !empty, positions)?;
        sync.removed += superseded.len();
        sync.seq = last;
    }
    let indexed = index.num_docs();
    let count_after = store.document_count()?;
    // documents only come (a new version replaces its old one): fewer
    // than before, or more than now, means the index is out of step
    if indexed < count_before as u64 || indexed > count_after as u64 {
        tracing::info!(
            indexed,
            stored = count_after,
            "search index differs from the store: comparing their documents"
        );
        reconcile(store, index, &identity, sync.seq, &mut sync)?;
    }
    Ok(sync)
}

/// Makes the index hold exactly the store's current documents, comparing
/// their ids one by one; the position stays where it was.
fn reconcile(
    store: &Store,
    index: &mut SearchIndex,
    identity: &str,
    seq: i64,
    sync: &mut IndexSync,
) -> anyhow::Result<()> {
    let mut stored = std::collections::HashMap::new();
    let mut after = 0;
    loop {
        let keys = store.document_keys(after, KEY_PAGE)?;
        let Some(last) = keys.last().map(|k| k.seq) else {
            break;
        };
        stored.extend(keys.into_iter().map(|k| (k.id, k.seq)));
        after = last;
    }
    let indexed = index.ids()?;
    // documents the store does not hold, and documents indexed twice (by
    // two processes that both found them stored), which are added anew
    let extra: Vec<&str> = indexed
        .iter()
        .filter(|(id, &n)| n > 1 || !stored.contains_key(id.as_str()))
        .map(|(id, _)| id.as_str())
        .collect();
    let mut missing: Vec<i64> = stored
        .iter()
        .filter(|(id, _)| indexed.get(id.as_str()).is_none_or(|&n| n > 1))
        .map(|(_, seq)| *seq)
        .collect();
    missing.sort_unstable();
    let position = IndexPosition {
        store: identity.to_owned(),
        seq,
    };
    let positions = [&position, &position];
    sync.added += index_missing(store, index, &missing, &extra, false, positions)?;
    sync.removed += extra.len();
    sync.reconciled = true;
    Ok(())
}

/// Reads the current documents numbered `missing` (ascending) from the
/// store and adds them to the index, removing `remove` with the first
/// commit. The commits record `positions[0]`, the last (made even when
/// nothing changed) `positions[1]`. Documents no longer current
/// (superseded meanwhile) are skipped: their new version comes later.
/// Returns how many were added.
fn index_missing(
    store: &Store,
    index: &mut SearchIndex,
    missing: &[i64],
    remove: &[&str],
    replace: bool,
    [during, done]: [&IndexPosition; 2],
) -> anyhow::Result<usize> {
    let wanted: std::collections::HashSet<i64> = missing.iter().copied().collect();
    let mut remove = remove;
    let mut batch: Vec<DocumentRow> = Vec::new();
    let mut bytes = 0;
    let mut added = 0;
    let mut next = 0;
    let mut flush = |batch: &mut Vec<DocumentRow>,
                     remove: &mut &[&str],
                     index: &mut SearchIndex,
                     position: &IndexPosition|
     -> anyhow::Result<()> {
        let docs: Vec<IndexDoc> = batch.iter().map(index_doc).collect();
        index.update(remove, &docs, replace, position)?;
        added += docs.len();
        *remove = &[];
        batch.clear();
        Ok(())
    };
    while let Some(&from) = missing.get(next) {
        // a page starting at the next missing document: contiguous ones
        // come a page at a time, scattered ones one query each
        let page = store.documents_after(from - 1, DOC_PAGE)?;
        let Some(page_last) = page.last().map(|(seq, _)| *seq) else {
            break;
        };
        for (seq, doc) in page {
            if wanted.contains(&seq) {
                bytes += doc.text.len();
                batch.push(doc);
                if bytes > SYNC_BYTES {
                    flush(&mut batch, &mut remove, index, during)?;
                    bytes = 0;
                }
            }
        }
        while missing.get(next).is_some_and(|&s| s <= page_last) {
            next += 1;
        }
    }
    flush(&mut batch, &mut remove, index, done)?;
    Ok(added)
}

/// Rebuilds the index from every current document of the store in one
/// commit ([`SearchIndex::rebuild`]): searches see the old index until the
/// new one is complete, and a rebuild that fails leaves the old one. The
/// documents stored meanwhile are then added by [`sync_index`]. `added`
/// counts every document indexed, `cleared` is set.
pub fn rebuild_index(store: &Store, index: &mut SearchIndex) -> anyhow::Result<IndexSync> {
    let mut rebuild = index.rebuild()?;
    let mut added = 0;
    let mut seq = 0;
    loop {
        let page = store.documents_after(seq, DOC_PAGE)?;
        let Some(last) = page.last().map(|(s, _)| *s) else {
            break;
        };
        let docs: Vec<IndexDoc> = page.iter().map(|(_, d)| index_doc(d)).collect();
        rebuild.add(&docs)?;
        added += docs.len();
        seq = last;
    }
    rebuild.commit(&IndexPosition {
        store: store_identity(store.location()),
        seq,
    })?;
    let mut sync = sync_index(store, index)?;
    sync.added += added;
    sync.cleared = true;
    Ok(sync)
}
