//! The work queue of `tandem ingest` on PostgreSQL (table `ingest_queue`,
//! described in `migrations/sqlite/0009_ingest_queue.sql`): worker
//! processes on any number of machines add their input files, claim them a
//! batch at a time with `FOR UPDATE SKIP LOCKED` (so two workers never
//! claim the same item), and store each batch's documents and mark its
//! items done in one transaction. A claim is a lease: the worker renews it
//! while it runs ([`IngestQueue::renew`], from a second connection); once a
//! killed worker's lease has ended, another worker claims its items again.

use std::time::Duration;

use postgres::error::SqlState;
use postgres::{Client, Transaction};

use super::{connect, migrate, write};
use crate::sql::Dialect;
use crate::{BatchOutcome, Location, NewDocument, PgUrl, Result, StoreError};

/// The time now, as the queue's columns hold it (UTC, milliseconds).
const NOW: &str = Dialect::Postgres.now_ms();

/// The end of a lease of `$n` seconds from now, in the same form.
fn lease_end(n: usize) -> String {
    Dialect::Postgres.seconds_from_now(&format!("${n}"))
}

/// Claims of one item after which it is given up: the workers that took it
/// all stopped before storing it (a file that crashes them, say), and it
/// must not stop the queue from draining.
pub const MAX_ATTEMPTS: i64 = 3;

/// Times a transaction is tried when PostgreSQL aborts it for a deadlock
/// (two workers storing the same documents in different orders).
const TRIES: u32 = 5;

/// Paths added per statement.
const ENQUEUE_CHUNK: usize = 1000;

/// One claimed item of the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Its id (`ingest_queue.id`).
    pub id: i64,
    /// The input file.
    pub path: String,
}

/// What one claim gave: items to ingest, and items given up.
#[derive(Debug, Default)]
pub struct Claimed {
    /// Items claimed by this worker, in queue order.
    pub items: Vec<Claim>,
    /// Items given up after [`MAX_ATTEMPTS`] claims, with the reason
    /// recorded (they are marked done).
    pub given_up: Vec<String>,
}

/// An input file to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedFile {
    /// Its absolute path.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// Its modification time, if known (any text that changes with it).
    pub modified: Option<String>,
}

/// Files [`IngestQueue::enqueue`] found done already (and unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlreadyDone {
    /// How many.
    pub files: usize,
    /// Documents read from them.
    pub documents: i64,
    /// Why some of them, or some of their records, were rejected.
    pub errors: Vec<String>,
}

/// An item whose documents a batch stores: marked done with the batch.
#[derive(Debug, Clone)]
pub struct Finished {
    /// Its id.
    pub id: i64,
    /// Documents read from it.
    pub documents: i64,
    /// Why it, or some of its records, were rejected.
    pub error: Option<String>,
}

/// Items of the queue not yet done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outstanding {
    /// Waiting to be claimed.
    pub pending: i64,
    /// Claimed by a worker (its lease may have ended).
    pub claimed: i64,
}

/// A worker's connection to the work queue of a PostgreSQL store.
pub struct IngestQueue {
    client: Client,
    db: String,
    worker: String,
    lease_secs: f64,
}

/// A name for this worker process, unique over time: host, process id and
/// start time in milliseconds (`claimed_by`).
pub fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("{host}:{}:{started}", std::process::id())
}

/// Whether PostgreSQL aborted the transaction so that it may be tried again.
fn retryable(e: &postgres::Error) -> bool {
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    })
}

impl IngestQueue {
    /// Connects worker `worker` to the queue of the store `url` (bringing
    /// the schema up to date); its claims last `lease` unless renewed.
    pub fn open(url: &PgUrl, worker: &str, lease: Duration) -> Result<IngestQueue> {
        let mut client = connect(url)?;
        let db = Location::Postgres(url.clone()).to_string();
        migrate::migrate(&mut client, &db)?;
        Ok(IngestQueue {
            client,
            db,
            worker: worker.to_owned(),
            lease_secs: lease.as_secs_f64().max(0.001),
        })
    }

    /// This worker's name (`claimed_by`).
    pub fn worker(&self) -> &str {
        &self.worker
    }

    fn err(&self, e: impl Into<crate::EngineError>) -> StoreError {
        StoreError::Sql {
            db: self.db.clone(),
            source: e.into(),
        }
    }

    /// Runs `f` in a transaction, again when PostgreSQL aborted it for a
    /// deadlock or a serialization failure.
    fn in_transaction<T>(
        &mut self,
        mut f: impl FnMut(&mut Transaction<'_>) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        let mut tries = 0;
        loop {
            tries += 1;
            let out = self.client.transaction().and_then(|mut tx| {
                let v = f(&mut tx)?;
                tx.commit()?;
                Ok(v)
            });
            match out {
                Err(e) if tries < TRIES && retryable(&e) => {
                    std::thread::sleep(Duration::from_millis(20 * u64::from(tries)));
                }
                out => return out.map_err(|e| self.err(e)),
            }
        }
    }

    /// Adds input files. A file already queued is added again only when
    /// it is done and its size or modification time has changed since (a
    /// later run asks for it again); one pending or claimed, or done and
    /// unchanged, is left as it is. Returns what the queue already held
    /// done of these files.
    pub fn enqueue(&mut self, files: &[QueuedFile]) -> Result<AlreadyDone> {
        let add = format!(
            "INSERT INTO ingest_queue (path, bytes, modified, enqueued_at)
             SELECT f.path, f.bytes, f.modified, {NOW}
             FROM unnest($1::TEXT[], $2::BIGINT[], $3::TEXT[]) AS f(path, bytes, modified)
             ON CONFLICT (path) DO UPDATE SET
                 state = 'pending', bytes = EXCLUDED.bytes, modified = EXCLUDED.modified,
                 claimed_by = NULL, claimed_until = NULL, attempts = 0, documents = NULL, error = NULL,
                 enqueued_at = EXCLUDED.enqueued_at, done_at = NULL
             WHERE ingest_queue.state = 'done'
               AND (ingest_queue.bytes <> EXCLUDED.bytes OR ingest_queue.modified IS DISTINCT FROM EXCLUDED.modified)"
        );
        let done = "SELECT path, documents, error FROM ingest_queue WHERE path = ANY($1) AND state = 'done'";
        let mut known = AlreadyDone::default();
        for chunk in files.chunks(ENQUEUE_CHUNK) {
            // a statement may not touch one row twice
            let mut seen = std::collections::HashSet::new();
            let chunk: Vec<&QueuedFile> = chunk.iter().filter(|f| seen.insert(&f.path)).collect();
            let paths: Vec<&str> = chunk.iter().map(|f| f.path.as_str()).collect();
            let bytes: Vec<i64> = chunk
                .iter()
                .map(|f| i64::try_from(f.bytes).unwrap_or(i64::MAX))
                .collect();
            let modified: Vec<Option<&str>> = chunk.iter().map(|f| f.modified.as_deref()).collect();
            let rows = self.in_transaction(|tx| {
                tx.execute(&add, &[&paths, &bytes, &modified])?;
                tx.query(done, &[&paths])
            })?;
            for row in rows {
                let (path, documents, error): (String, Option<i64>, Option<String>) =
                    (row.get(0), row.get(1), row.get(2));
                known.files += 1;
                known.documents += documents.unwrap_or(0);
                // errors of rejected records name their file already
                known.errors.extend(error.map(|e| {
                    if e.starts_with(path.as_str()) {
                        e
                    } else {
                        format!("{path}: {e}")
                    }
                }));
            }
        }
        Ok(known)
    }

    /// Claims the next items — pending ones, and claimed ones whose lease
    /// has ended — as many as `max_items` and, past the first, no more than
    /// `max_bytes` together. Items skipped because another worker is
    /// claiming them at this instant are left to it.
    pub fn claim(&mut self, max_items: usize, max_bytes: u64) -> Result<Claimed> {
        let worker = self.worker.clone();
        let lease = self.lease_secs;
        let select = format!(
            "SELECT id, bytes, attempts, path FROM ingest_queue
             WHERE state <> 'done' AND (state = 'pending' OR claimed_until < {NOW})
             ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED"
        );
        let give_up = format!(
            "UPDATE ingest_queue SET state = 'done', done_at = {NOW}, claimed_until = NULL,
                 error = 'given up after ' || attempts || ' attempts: the workers that claimed it stopped before storing it'
             WHERE id = ANY($1)"
        );
        let take = format!(
            "UPDATE ingest_queue SET state = 'claimed', claimed_by = $1, claimed_until = {},
                 attempts = attempts + 1
             WHERE id = ANY($3)",
            lease_end(2)
        );
        let limit = i64::try_from(max_items.max(1)).unwrap_or(i64::MAX);
        self.in_transaction(|tx| {
            let rows = tx.query(&select, &[&limit])?;
            let mut claimed = Claimed::default();
            let (mut take_ids, mut given_up_ids) = (Vec::new(), Vec::new());
            let mut bytes: u64 = 0;
            for row in &rows {
                let (id, size, attempts, path): (i64, i64, i64, String) =
                    (row.get(0), row.get(1), row.get(2), row.get(3));
                if attempts >= MAX_ATTEMPTS {
                    given_up_ids.push(id);
                    claimed.given_up.push(format!(
                        "{path}: given up after {attempts} attempts: the workers that claimed it stopped before storing it"
                    ));
                    continue;
                }
                let size = u64::try_from(size).unwrap_or(0);
                if !claimed.items.is_empty() && bytes + size > max_bytes {
                    break;
                }
                bytes += size;
                take_ids.push(id);
                claimed.items.push(Claim { id, path });
            }
            if !given_up_ids.is_empty() {
                tx.execute(&give_up, &[&given_up_ids])?;
            }
            if !take_ids.is_empty() {
                tx.execute(&take, &[&worker, &lease, &take_ids])?;
            }
            Ok(claimed)
        })
    }

    /// Stores `docs` and marks the items `finished` done, in one
    /// transaction (tried again after a deadlock). An item whose claim
    /// this worker has lost meanwhile (its lease ended and another worker
    /// took it) is left to that worker; its documents, stored by both, are
    /// stored once (their content hash is unique). Returns what became of
    /// each document and how many claims were lost so.
    pub fn store_batch(
        &mut self,
        docs: &[NewDocument],
        finished: &[Finished],
    ) -> Result<(BatchOutcome, u64)> {
        let worker = self.worker.clone();
        let done = format!(
            "UPDATE ingest_queue q SET state = 'done', documents = f.documents, error = f.error,
                 done_at = {NOW}, claimed_until = NULL
             FROM unnest($1::BIGINT[], $2::BIGINT[], $3::TEXT[]) AS f(id, documents, error)
             WHERE q.id = f.id AND q.state = 'claimed' AND q.claimed_by = $4"
        );
        let ids: Vec<i64> = finished.iter().map(|f| f.id).collect();
        let counts: Vec<i64> = finished.iter().map(|f| f.documents).collect();
        let errors: Vec<Option<&str>> = finished.iter().map(|f| f.error.as_deref()).collect();
        let (outcomes, marked) = self.in_transaction(|tx| {
            let outcomes = write::insert_docs(tx, docs)?;
            let marked = if ids.is_empty() {
                0
            } else {
                tx.execute(&done, &[&ids, &counts, &errors, &worker])?
            };
            Ok((outcomes, marked))
        })?;
        Ok((outcomes, ids.len() as u64 - marked))
    }

    /// Extends the lease of every item this worker holds; returns how many.
    pub fn renew(&mut self) -> Result<u64> {
        let sql = format!(
            "UPDATE ingest_queue SET claimed_until = {}
             WHERE state = 'claimed' AND claimed_by = $1",
            lease_end(2)
        );
        let (worker, lease) = (self.worker.clone(), self.lease_secs);
        self.client
            .execute(&sql, &[&worker, &lease])
            .map_err(|e| self.err(e))
    }

    /// Gives this worker's claims back to the queue (when it stops on an
    /// error), so that others need not wait for their leases to end.
    pub fn release(&mut self) -> Result<u64> {
        let worker = self.worker.clone();
        self.client
            .execute(
                "UPDATE ingest_queue SET state = 'pending', claimed_by = NULL, claimed_until = NULL
                 WHERE state = 'claimed' AND claimed_by = $1",
                &[&worker],
            )
            .map_err(|e| self.err(e))
    }

    /// How many items are not done yet.
    pub fn outstanding(&mut self) -> Result<Outstanding> {
        let row = self
            .client
            .query_one(
                "SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'claimed')
                 FROM ingest_queue WHERE state <> 'done'",
                &[],
            )
            .map_err(|e| self.err(e))?;
        Ok(Outstanding {
            pending: row.get(0),
            claimed: row.get(1),
        })
    }
}
