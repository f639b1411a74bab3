//! Ingest by worker processes sharing one PostgreSQL store, through its
//! work queue (`ingest_queue`, see [`tandem_store::IngestQueue`]).
//!
//! A worker adds the files of its paths to the queue (a file already
//! queued by another worker is not added twice), then, until the queue
//! holds nothing it could take: claims a batch of files, reads and
//! analyses them, and stores their documents and marks them done in one
//! transaction. Any number of workers, on any number of machines, may run
//! at once (`tandem ingest PATH…` or `tandem ingest --worker`): each file
//! is claimed by one of them. A background thread renews the worker's
//! claims; a worker killed mid-batch stops renewing them, and once their
//! lease has ended another worker claims them again, so nothing is lost.
//! A worker that finds nothing to claim while others still hold claims
//! waits — for them to finish, or for their leases to end so that it takes
//! their items — and exits when every item is done: when any worker exits
//! successfully, everything queued before it started has been stored.
//!
//! Paths are queued absolute: every worker must see the files at the same
//! place (one machine, or a shared file system mounted alike). Standard
//! input (`-`) is read and stored by the worker given it, not queued.
//!
//! Workers do not write the search index: each machine's index is brought
//! up to date from the store by the commands that search it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rayon::prelude::*;
use tandem_ingest::{Input, SourceDoc};
use tandem_store::{Claim, Finished, Heartbeat, IngestQueue, Location, QueuedFile, Store};

use crate::{analyse_batch, count_stored, note_read, Options, Summary, BATCH_DOCS};

/// Paths of files given to a worker, collected before they are queued.
const ENQUEUE_BATCH: usize = 1000;

/// Adds the files of `paths` to the queue of the PostgreSQL store
/// `opts.db` and works with the other workers until the queue is drained
/// (with no `paths`, only the latter). The summary counts what this worker
/// did: inputs it read, documents it stored or found stored.
pub fn run(opts: &Options<'_>, paths: &[PathBuf], lease: Duration) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let Location::Postgres(url) = opts.db else {
        anyhow::bail!(
            "{}: ingest workers share a PostgreSQL store (--db postgres://…); a SQLite store is ingested by one process",
            opts.db
        );
    };
    let reader = Store::open(opts.db)?;
    let worker = tandem_store::worker_name();
    let mut queue = IngestQueue::open(url, &worker, lease)?;
    let mut beat = IngestQueue::open(url, &worker, lease)?;
    tracing::info!(worker, "ingest worker started");
    let mut summary = Summary::default();

    let heartbeat = Heartbeat::start("tandem-lease", lease / 3, move || {
        if let Err(e) = beat.renew() {
            tracing::warn!("cannot renew this worker's claims: {e}");
        }
    })
    .context("cannot start the lease thread")?;

    let worked = enqueue(&mut queue, &reader, opts, paths, &mut summary)
        .and_then(|()| drain(&mut queue, &reader, opts, lease, &mut summary));
    if worked.is_err() {
        // give the claims back at once rather than at the end of their lease
        if let Err(e) = queue.release() {
            tracing::warn!("cannot release this worker's claims: {e}");
        }
    }
    if !heartbeat.stop() {
        tracing::warn!("the lease thread failed");
    }
    worked?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Queues the files of `paths` (absolute); reads and stores standard input
/// at once. Files the queue holds done already, unchanged, count as read
/// and their documents as unchanged (their rejections are reported again).
fn enqueue(
    queue: &mut IngestQueue,
    reader: &Store,
    opts: &Options<'_>,
    paths: &[PathBuf],
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let mut files: Vec<QueuedFile> = Vec::new();
    let mut stdin = false;
    let mut flush = |files: &mut Vec<QueuedFile>, summary: &mut Summary| -> anyhow::Result<()> {
        let done = queue.enqueue(files)?;
        summary.inputs += done.files;
        summary.unchanged += usize::try_from(done.documents).unwrap_or(0);
        summary.rejected.extend(done.errors);
        files.clear();
        Ok(())
    };
    for item in tandem_ingest::walk_inputs(paths) {
        match item {
            Err(rejection) => summary.rejected.push(rejection.to_string()),
            Ok(Input::Stdin) => stdin = true,
            Ok(Input::File(path)) => {
                let absolute = std::path::absolute(&path).with_context(|| {
                    format!("{}: cannot make the path absolute", path.display())
                })?;
                let meta = std::fs::metadata(&path).ok();
                let modified = meta
                    .as_ref()
                    .and_then(|m| m.modified().ok())
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map(|d| format!("{}.{:09}", d.as_secs(), d.subsec_nanos()));
                match absolute.into_os_string().into_string() {
                    Ok(path) => files.push(QueuedFile {
                        path,
                        bytes: meta.map_or(0, |m| m.len()),
                        modified,
                    }),
                    Err(p) => summary.rejected.push(format!(
                        "{}: the path is not UTF-8 and cannot be queued",
                        p.to_string_lossy()
                    )),
                }
                if files.len() >= ENQUEUE_BATCH {
                    flush(&mut files, summary)?;
                }
            }
        }
    }
    flush(&mut files, summary)?;
    if stdin {
        let read = tandem_ingest::read_input(&Input::Stdin, opts.max_file_bytes);
        summary.inputs += 1;
        note_read(&read, summary);
        store(queue, reader, read.docs, &[], summary)?;
    }
    Ok(())
}

/// Claims, reads, analyses and stores batches until every item is done.
fn drain(
    queue: &mut IngestQueue,
    reader: &Store,
    opts: &Options<'_>,
    lease: Duration,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let poll = (lease / 4).clamp(Duration::from_millis(50), Duration::from_secs(1));
    loop {
        let claimed = queue.claim(BATCH_DOCS, opts.batch_bytes)?;
        summary.rejected.extend(claimed.given_up);
        if claimed.items.is_empty() {
            let left = queue.outstanding()?;
            if left.pending == 0 && left.claimed == 0 {
                return Ok(());
            }
            // others are working: wait for them, or for their leases to end
            std::thread::sleep(poll);
            continue;
        }
        tracing::debug!(items = claimed.items.len(), "claimed");
        ingest_claim(queue, reader, opts, &claimed.items, summary)?;
    }
}

/// Reads the claimed files and stores their documents, marking each file
/// done in the transaction that stores its last document; a batch is
/// stored whenever it holds `batch_bytes` of text or [`BATCH_DOCS`]
/// documents (a large CSV table or PDF may so span several).
fn ingest_claim(
    queue: &mut IngestQueue,
    reader: &Store,
    opts: &Options<'_>,
    items: &[Claim],
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let inputs: Vec<(&Claim, Input)> = items
        .iter()
        .map(|c| (c, Input::File(PathBuf::from(&c.path))))
        .collect();
    let (large, small): (Vec<_>, Vec<_>) = inputs
        .into_iter()
        .partition(|(_, input)| tandem_ingest::large_input(input, opts.part_bytes).is_some());
    let reads: Vec<(&Claim, u64, tandem_ingest::Read)> = small
        .par_iter()
        .map(|(claim, input)| {
            (
                *claim,
                input.len(),
                tandem_ingest::read_input(input, opts.max_file_bytes),
            )
        })
        .collect();
    let mut batch = Batch::default();
    for (claim, len, read) in reads {
        summary.inputs += 1;
        summary.bytes += len;
        let mut item = Item::new(claim);
        item.take(read, &mut batch, summary);
        batch.finished.push(item.finish());
        if batch.full(opts) {
            batch.store(queue, reader, summary)?;
        }
    }
    for (claim, input) in &large {
        let Some(path) = tandem_ingest::large_input(input, opts.part_bytes) else {
            continue;
        };
        summary.inputs += 1;
        summary.bytes += input.len();
        let mut item = Item::new(claim);
        for read in tandem_ingest::read_parts(path, opts.part_bytes, opts.max_file_bytes) {
            item.take(read, &mut batch, summary);
            if batch.full(opts) {
                batch.store(queue, reader, summary)?;
            }
        }
        batch.finished.push(item.finish());
    }
    batch.store(queue, reader, summary)
}

/// What a claimed file gave so far.
struct Item {
    id: i64,
    documents: i64,
    errors: Vec<String>,
}

impl Item {
    fn new(claim: &Claim) -> Item {
        Item {
            id: claim.id,
            documents: 0,
            errors: Vec::new(),
        }
    }

    /// Takes the documents of one read of the file into `batch`.
    fn take(&mut self, read: tandem_ingest::Read, batch: &mut Batch, summary: &mut Summary) {
        note_read(&read, summary);
        self.errors
            .extend(read.rejected.iter().map(ToString::to_string));
        self.documents += read.docs.len() as i64;
        batch.bytes += read.docs.iter().map(|d| d.text.len() as u64).sum::<u64>();
        batch.docs.extend(read.docs);
    }

    fn finish(self) -> Finished {
        Finished {
            id: self.id,
            documents: self.documents,
            error: (!self.errors.is_empty()).then(|| self.errors.join("; ")),
        }
    }
}

/// Documents read, waiting to be stored, and the files they finish.
#[derive(Default)]
struct Batch {
    docs: Vec<SourceDoc>,
    bytes: u64,
    finished: Vec<Finished>,
}

impl Batch {
    fn full(&self, opts: &Options<'_>) -> bool {
        self.bytes >= opts.batch_bytes || self.docs.len() >= BATCH_DOCS
    }

    /// Analyses and stores the documents, marking the files finished done,
    /// in one transaction.
    fn store(
        &mut self,
        queue: &mut IngestQueue,
        reader: &Store,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        let docs = std::mem::take(&mut self.docs);
        let finished = std::mem::take(&mut self.finished);
        self.bytes = 0;
        if docs.is_empty() && finished.is_empty() {
            return Ok(());
        }
        store(queue, reader, docs, &finished, summary)
    }
}

/// Analyses `docs` and stores them, marking `finished` done, in one
/// transaction; counts what happened in `summary`.
fn store(
    queue: &mut IngestQueue,
    reader: &Store,
    docs: Vec<SourceDoc>,
    finished: &[Finished],
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let batch = analyse_batch(reader, docs)?;
    let (outcomes, lost) = queue.store_batch(&batch.docs, finished)?;
    if lost > 0 {
        tracing::warn!(
            lost,
            "claims ended before their batch was stored: another worker has their files now"
        );
    }
    let stored = count_stored(batch, outcomes, summary);
    tracing::debug!(stored = ?t0.elapsed(), docs = stored.len(), files = finished.len(), "batch stored");
    Ok(())
}
