//! The ingest pipeline: read inputs → analyse text → extract figures →
//! store (one transaction per batch) → index. Reading and analysis run on
//! all cores; meanwhile a writer thread stores the previous batch and an
//! index thread indexes the one before, so memory is bounded by a few
//! batches whatever the corpus size.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Context as _;
use rayon::prelude::*;
use tandem_ingest::{Input, Rejection, SourceDoc};
use tandem_search::{IndexDoc, SearchIndex};
use tandem_store::{DocOutcome, NewDocument, ParagraphRow, SentenceRow, Store};

/// Default amount of document text per batch (one transaction).
pub const BATCH_BYTES: u64 = 4 * 1024 * 1024;
/// Most documents per batch.
const BATCH_DOCS: usize = 2000;
/// Files are read in groups of at most this many bytes on disk...
const READ_GROUP_BYTES: u64 = 1024 * 1024;
/// ...and this many files, so that a batch overshoots its text budget by
/// at most one small group, even where compressed files expand tenfold.
const READ_GROUP_FILES: usize = 256;

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
    /// New documents per language.
    pub languages: BTreeMap<String, usize>,
    /// Figures extracted from new documents.
    pub figures: usize,
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

/// Analyses one document and extracts its figures.
pub fn process(doc: SourceDoc) -> NewDocument {
    let analysis = tandem_text::analyze(&doc.text);
    let figures = tandem_extract::extract(&doc.name, &analysis, doc.date);
    let text = &analysis.text;
    let mut by_lang: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut paragraphs = Vec::with_capacity(analysis.paragraphs.len());
    let mut sentences = Vec::new();
    for (i, p) in analysis.paragraphs.iter().enumerate() {
        let range = text.original_range(p.start..p.end);
        if p.lang != tandem_text::Lang::Und {
            *by_lang.entry(p.lang.code()).or_default() += range.len();
        }
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
    }
}

/// Groups inputs (with their sizes) into read groups of bounded size.
fn read_groups(inputs: Vec<(Input, u64)>) -> Vec<Vec<(Input, u64)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut bytes = 0;
    for (input, len) in inputs {
        bytes += len;
        cur.push((input, len));
        if bytes >= READ_GROUP_BYTES || cur.len() >= READ_GROUP_FILES {
            out.push(std::mem::take(&mut cur));
            bytes = 0;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A batch handed to the writer thread.
struct Batch {
    docs: Vec<NewDocument>,
    /// Documents found already stored while reading.
    unchanged: usize,
}

/// A stored batch handed to the index thread.
struct Stored {
    docs: Vec<NewDocument>,
    outcomes: Vec<DocOutcome>,
}

/// Stores each batch in one transaction, counts what happened and passes
/// the batch on to the index thread.
fn store_batches(
    store: &mut Store,
    batches: mpsc::Receiver<Batch>,
    to_index: &mpsc::SyncSender<Stored>,
) -> anyhow::Result<Summary> {
    let mut s = Summary::default();
    for batch in batches {
        let t0 = Instant::now();
        let outcomes = store.insert_batch(&batch.docs)?;
        s.unchanged += batch.unchanged;
        for (doc, outcome) in batch.docs.iter().zip(&outcomes) {
            match outcome {
                DocOutcome::Unchanged => {
                    s.unchanged += 1;
                    continue;
                }
                DocOutcome::New => s.new += 1,
                DocOutcome::NewVersion { .. } => s.new_versions += 1,
            }
            *s.languages.entry(doc.language.clone()).or_default() += 1;
            s.figures += doc.figures.len();
        }
        tracing::debug!(stored = ?t0.elapsed(), docs = batch.docs.len(), "batch stored");
        let stored = Stored {
            docs: batch.docs,
            outcomes,
        };
        if to_index.send(stored).is_err() {
            // the index thread stopped: its error is reported when it is joined
            break;
        }
    }
    Ok(s)
}

/// Indexes each stored batch: removes the versions it superseded and adds
/// its new documents.
fn index_batches(index: &mut SearchIndex, batches: mpsc::Receiver<Stored>) -> anyhow::Result<()> {
    for batch in batches {
        let t0 = Instant::now();
        let dates: Vec<Option<String>> = batch
            .docs
            .iter()
            .map(|d| d.date.map(|x| x.to_string()))
            .collect();
        let mut fresh = Vec::new();
        let mut superseded: Vec<&str> = Vec::new();
        for ((doc, outcome), date) in batch.docs.iter().zip(&batch.outcomes).zip(&dates) {
            match outcome {
                DocOutcome::Unchanged => continue,
                DocOutcome::New => {}
                DocOutcome::NewVersion { supersedes, .. } => superseded.push(supersedes),
            }
            fresh.push(IndexDoc {
                id: &doc.id,
                name: &doc.name,
                title: doc.title.as_deref().unwrap_or(""),
                date: date.as_deref(),
                lang: &doc.language,
                text: &doc.text,
            });
        }
        index
            .remove(&superseded)
            .and_then(|()| index.add_new(&fresh))
            .context("cannot update the search index")?;
        tracing::debug!(indexed = ?t0.elapsed(), docs = batch.docs.len(), "batch indexed");
    }
    Ok(())
}

/// Options of a run.
pub struct Options<'a> {
    /// Database file.
    pub db: &'a Path,
    /// Index directory.
    pub index_dir: &'a Path,
    /// Largest input accepted.
    pub max_file_bytes: u64,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
    /// Document text bytes per batch (transaction).
    pub batch_bytes: u64,
}

/// Ingests inputs; `initial_rejections` are arguments already found missing.
pub fn run(
    opts: &Options<'_>,
    inputs: Vec<Input>,
    initial_rejections: Vec<Rejection>,
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut store = Store::open(opts.db)?;
    let mut index = SearchIndex::open(opts.index_dir)
        .with_context(|| format!("cannot open search index {}", opts.index_dir.display()))?;
    sync_index(&store, &mut index)?;
    let reader = Store::open(opts.db)?;

    // Each file is looked at (stat) once: its size feeds progress and batching.
    let inputs: Vec<(Input, u64)> = inputs
        .into_iter()
        .map(|input| {
            let len = input.len();
            (input, len)
        })
        .collect();
    let total_bytes: u64 = inputs.iter().map(|(_, len)| len).sum();
    let mut bar = crate::progress::bar(opts.progress, total_bytes, inputs.len() as u64);
    let mut summary = Summary {
        inputs: inputs.len(),
        rejected: initial_rejections.iter().map(ToString::to_string).collect(),
        ..Summary::default()
    };

    let (tx, rx) = mpsc::sync_channel::<Batch>(1);
    // The store thread hands each stored batch to the index thread, so
    // storing batch N+1 overlaps indexing batch N.
    let (to_index, stored_batches) = mpsc::sync_channel::<Stored>(0);
    let indexer = std::thread::Builder::new()
        .name("tandem-indexer".into())
        .spawn(move || index_batches(&mut index, stored_batches))
        .context("cannot start the index thread")?;
    let writer = std::thread::Builder::new()
        .name("tandem-writer".into())
        .spawn(move || store_batches(&mut store, rx, &to_index))
        .context("cannot start the writer thread")?;

    // Documents read but not yet analysed; they become a batch once they
    // hold `batch_bytes` of text or BATCH_DOCS documents, so memory is
    // bounded by the text in flight, not by file sizes on disk.
    let mut pending: Vec<SourceDoc> = Vec::new();
    let mut pending_bytes = 0u64;
    let groups = read_groups(inputs);
    let last = groups.len().saturating_sub(1);
    for (g, group) in groups.into_iter().enumerate() {
        let reads: Vec<(u64, tandem_ingest::Read)> = group
            .par_iter()
            .map(|(input, len)| (*len, tandem_ingest::read_input(input, opts.max_file_bytes)))
            .collect();
        for (len, read) in reads {
            summary.bytes += len;
            bar.inc(len);
            bar.inc_files();
            summary
                .rejected
                .extend(read.rejected.iter().map(ToString::to_string));
            pending_bytes += read.docs.iter().map(|d| d.text.len() as u64).sum::<u64>();
            pending.extend(read.docs);
        }
        let full = pending_bytes >= opts.batch_bytes || pending.len() >= BATCH_DOCS;
        if !(full || g == last) {
            continue;
        }
        pending_bytes = 0;
        let batch = analyse_batch(&reader, std::mem::take(&mut pending))?;
        if tx.send(batch).is_err() {
            break;
        }
    }
    drop(tx);
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
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
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
    let docs: Vec<NewDocument> = fresh.into_par_iter().map(process).collect();
    tracing::debug!(analysed = ?t0.elapsed(), docs = docs.len(), "batch analysed");
    Ok(Batch { docs, unchanged })
}

/// Rebuilds the index when it does not hold exactly the store's current
/// documents (e.g. after an interrupted run).
pub fn sync_index(store: &Store, index: &mut SearchIndex) -> anyhow::Result<()> {
    let stored = store.document_count()?;
    if index.num_docs() == stored as u64 {
        return Ok(());
    }
    tracing::warn!(
        indexed = index.num_docs(),
        stored,
        "search index out of step with the store: rebuilding"
    );
    rebuild_index(store, index)
}

/// Clears the index and adds every current document of the store.
pub fn rebuild_index(store: &Store, index: &mut SearchIndex) -> anyhow::Result<()> {
    index.clear()?;
    let mut batch: Vec<tandem_store::DocumentRow> = Vec::new();
    let mut bytes = 0;
    let flush = |batch: &mut Vec<tandem_store::DocumentRow>,
                 index: &mut SearchIndex|
     -> anyhow::Result<()> {
        let docs: Vec<IndexDoc> = batch
            .iter()
            .map(|d| IndexDoc {
                id: &d.id,
                name: &d.name,
                title: d.title.as_deref().unwrap_or(""),
                date: d.date.as_deref(),
                lang: &d.language,
                text: &d.text,
            })
            .collect();
        index.add_new(&docs)?;
        batch.clear();
        Ok(())
    };
    store.for_each_document(|d| -> anyhow::Result<()> {
        bytes += d.text.len();
        batch.push(d);
        if bytes > BATCH_BYTES as usize * 4 {
            flush(&mut batch, index)?;
            bytes = 0;
        }
        Ok(())
    })?;
    flush(&mut batch, index)
}
