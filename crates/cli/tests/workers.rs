//! `tandem ingest` workers sharing one PostgreSQL store through its ingest
//! queue, as real processes on a real server: a worker killed with SIGKILL
//! while it holds claims loses nothing (another worker takes its files
//! once their lease has ended, and the corpus is stored exactly once), and
//! two workers given the same documents at once store each once. Runs when
//! `TANDEM_TEST_PG` is set (see `tandem_store::testing`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tandem_store::Store;

mod common;

use common::{fresh_database, BIN};

/// Short, so that a killed worker's files are taken again soon.
const LEASE_SECS: &str = "2";
/// Small batches, so that a run of a few hundred documents has many.
const BATCH_BYTES: &str = "20000";

fn command(dir: &Path, db: &str, args: &[&str]) -> Command {
    std::fs::create_dir_all(dir).unwrap();
    let mut c = Command::new(BIN);
    c.current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .env_remove("TANDEM_LOG")
        .arg("--db")
        .arg(db)
        .args(args);
    c
}

fn ok(out: Output, what: &str) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{what} failed ({}): {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{what}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Waits for `child` at most `secs` seconds (killing it then).
fn wait(mut child: Child, secs: u64, what: &str) -> Output {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} did not finish in {secs} s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// A worker ingesting `paths` into `db`, printing its summary as JSON.
fn spawn_worker(dir: &Path, db: &str, paths: &[&Path]) -> Child {
    let mut args = vec![
        "ingest",
        "--json",
        "--lease-secs",
        LEASE_SECS,
        "--batch-bytes",
        BATCH_BYTES,
    ];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    command(dir, db, &args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a worker")
}

/// A synthetic corpus of `docs` documents in `dir/name` (files of every
/// format, some holding many documents).
fn corpus(dir: &Path, name: &str, docs: usize) -> PathBuf {
    let out = dir.join(name);
    let gen = command(
        dir,
        "unused.db",
        &[
            "bench",
            "gen",
            out.to_str().unwrap(),
            "--docs",
            &docs.to_string(),
            "--seed",
            "13",
        ],
    )
    .output()
    .unwrap();
    assert!(
        gen.status.success(),
        "{}",
        String::from_utf8_lossy(&gen.stderr)
    );
    out
}

/// Documents and figures an ingest of `paths` into a fresh SQLite store gives.
fn reference(dir: &Path, paths: &[&Path]) -> (i64, i64) {
    let mut args = vec!["ingest", "--json", "-q"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let s = ok(
        command(&dir.join("lite"), "tandem.db", &args)
            .output()
            .unwrap(),
        "ingest into SQLite",
    );
    assert_eq!(s["rejected"], serde_json::json!([]), "{s}");
    (s["new"].as_i64().unwrap(), s["figures"].as_i64().unwrap())
}

fn files_in(dir: &Path) -> i64 {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        n += if path.is_dir() { files_in(&path) } else { 1 };
    }
    n
}

fn count(store: &Store, sql: &str) -> i64 {
    store.query_int(sql).unwrap()
}

/// Sends `signal` (STOP, CONT) to process `pid`.
fn signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

#[test]
fn a_worker_killed_mid_batch_loses_nothing() {
    let Some((pg, db)) = fresh_database() else {
        return;
    };
    let db = db.as_str();
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), "corpus", 700);
    let (documents, figures) = reference(dir.path(), &[&corpus]);
    assert!(documents >= 700 && figures > 700, "{documents} {figures}");

    let mut a = spawn_worker(&dir.path().join("a"), db, &[&corpus]);
    let pid = a.id();
    let store = Store::open(&pg).unwrap();
    let mine = format!("state = 'claimed' AND claimed_by LIKE '%:{pid}:%'");
    // Stop the worker at some instant; kill it there once it has stored a
    // batch and holds the claims of the next one (mid-batch), or let it go
    // on and look again.
    let deadline = Instant::now() + Duration::from_secs(300);
    let held = loop {
        assert!(
            a.try_wait().unwrap().is_none(),
            "the first worker finished before it could be killed"
        );
        assert!(Instant::now() < deadline, "the first worker stored nothing");
        signal(pid, "STOP");
        let held = count(
            &store,
            &format!("SELECT COUNT(*) FROM ingest_queue WHERE {mine}"),
        );
        let done = count(
            &store,
            "SELECT COUNT(*) FROM ingest_queue WHERE state = 'done'",
        );
        if held > 0 && done > 0 {
            a.kill().unwrap(); // SIGKILL
            a.wait().unwrap();
            break held;
        }
        signal(pid, "CONT");
        std::thread::sleep(Duration::from_millis(30));
    };
    // its claims outlive it until their lease ends
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM ingest_queue WHERE {mine}")
        ),
        held
    );

    // a second worker, given the same corpus, queues nothing twice, takes
    // the killed worker's files once their lease has ended and drains the queue
    let b = spawn_worker(&dir.path().join("b"), db, &[&corpus]);
    let b = ok(wait(b, 600, "the second worker"), "the second worker");
    assert_eq!(b["rejected"], serde_json::json!([]), "{b}");

    assert_eq!(count(&store, "SELECT COUNT(*) FROM documents"), documents);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM figures"), figures);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM (SELECT document, ordinal FROM figures GROUP BY document, ordinal
                                   HAVING COUNT(*) > 1) AS twice"
        ),
        0
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM ingest_queue"),
        files_in(&corpus)
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM ingest_queue WHERE state <> 'done'"
        ),
        0
    );
    assert!(
        count(
            &store,
            "SELECT COUNT(*) FROM ingest_queue WHERE attempts = 2"
        ) >= held,
        "the files the killed worker held were claimed again"
    );
    // the second worker's summary: what the first stored counts as
    // unchanged, the rest as new
    let (new, unchanged) = (b["new"].as_i64().unwrap(), b["unchanged"].as_i64().unwrap());
    assert!(new > 0 && unchanged > 0, "{b}");
    assert_eq!(new + unchanged, documents, "{b}");
}

#[test]
fn two_workers_given_the_same_documents_at_once_store_each_once() {
    let Some((pg, db)) = fresh_database() else {
        return;
    };
    let db = db.as_str();
    let dir = tempfile::tempdir().unwrap();
    let one = corpus(dir.path(), "one", 300);
    // the same documents under other paths
    let two = corpus(dir.path(), "two", 300);
    let (documents, figures) = reference(dir.path(), &[&one]);

    let w1 = spawn_worker(&dir.path().join("w1"), db, &[&one, &two]);
    let w2 = spawn_worker(&dir.path().join("w2"), db, &[&two, &one]);
    let s1 = ok(wait(w1, 600, "worker 1"), "worker 1");
    let s2 = ok(wait(w2, 600, "worker 2"), "worker 2");

    let store = Store::open(&pg).unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM documents"), documents);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM figures"), figures);
    // each path queued once, whichever worker came first
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM ingest_queue"),
        files_in(&one) + files_in(&two)
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM ingest_queue WHERE state <> 'done' OR attempts <> 1"
        ),
        0
    );
    // each document is new to exactly one of them
    assert_eq!(
        s1["new"].as_i64().unwrap() + s2["new"].as_i64().unwrap(),
        documents,
        "{s1}\n{s2}"
    );
}

#[test]
fn a_worker_needs_a_postgresql_store() {
    let dir = tempfile::tempdir().unwrap();
    let out = command(dir.path(), "tandem.db", &["ingest", "--worker"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PostgreSQL") && err.contains("tandem.db"),
        "{err}"
    );
}
