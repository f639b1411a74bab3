//! Every `tandem serve` keeps its own search index in step with the store:
//! real server processes on loopback ports, documents ingested by other
//! processes while they run. On SQLite: a server started on a store
//! without an index builds it, then finds a document ingested while it
//! runs, and no longer finds a version another replaced. On PostgreSQL
//! (when `TANDEM_TEST_PG` is set, see `tandem_store::testing`): two
//! servers on one store, each with its own index directory, answer the
//! same search with the same documents, and stop cleanly on Ctrl-C.

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::BIN;

/// Seconds between two passes of the servers' index refresh.
const REFRESH: &str = "1";
/// How long a document may take to be found: the refresh interval and a
/// wide margin for a loaded test machine.
const DEADLINE: Duration = Duration::from_secs(30);

fn tandem(dir: &Path, db: &str, args: &[&str]) -> Output {
    common::tandem(dir, &[&["--db", db], args].concat())
}

fn ok(out: Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A `tandem serve` process, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Stops the server as Ctrl-C does; whether it exited cleanly.
    fn interrupt(mut self) -> bool {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success(), "kill -INT {pid}");
        self.child.wait().unwrap().success()
    }
}

/// Starts `tandem serve` on a free loopback port with its own index
/// directory, and waits until it accepts connections.
fn serve(dir: &Path, db: &str, index: &Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let child = Command::new(BIN)
        .current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .env_remove("TANDEM_LOG")
        .args(["--db", db, "--index"])
        .arg(index)
        .args(["serve", "--index-refresh-seconds", REFRESH, "--addr"])
        .arg(addr.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, addr };
    let started = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            started.elapsed() < DEADLINE,
            "the server on {addr} did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// GETs `path` from the server: status and body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    common::get(addr, path, "")
}

/// The ids of the documents a search for `word` finds on the server
/// (sorted), or `None` while it cannot search (its index being built).
fn found(server: &Server, word: &str) -> Option<Vec<String>> {
    let (status, body) = get(server.addr, &format!("/api/search?q={word}&limit=100"));
    if status == 503 {
        return None;
    }
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut ids: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    Some(ids)
}

/// Waits until the server finds exactly `expected` documents for `word`;
/// fails after [`DEADLINE`] with what it found.
fn wait_for(server: &Server, word: &str, expected: usize) -> Vec<String> {
    let started = Instant::now();
    loop {
        let ids = found(server, word);
        if let Some(ids) = &ids {
            if ids.len() == expected {
                return ids.clone();
            }
        }
        assert!(
            started.elapsed() < DEADLINE,
            "the server on {} found {ids:?} for {word}, not {expected} documents",
            server.addr
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// How many current documents the store holds.
fn stored_count(dir: &Path, db: &str) -> usize {
    let out = tandem(dir, db, &["stats", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["documents"].as_u64().unwrap() as usize
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn a_server_builds_its_index_and_follows_what_others_store() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = "tandem-data/tandem.db";
    write(
        d,
        "a.txt",
        "Trade between Kazakhstan and Uzbekistan reached $4 bn in 2024, the quokka report says.",
    );
    write(
        d,
        "b.txt",
        "Exports of wheat to Uzbekistan grew, the quokka survey found.",
    );
    ok(tandem(d, db, &["ingest", "-q", "a.txt", "b.txt"]), "ingest");
    // a server with an index directory of its own, which does not exist
    let index = d.join("server-index");
    let server = serve(d, db, &index);
    assert_eq!(wait_for(&server, "quokka", 2).len(), 2);
    assert!(index.join("meta.json").is_file());

    // stored by another process while the server runs
    write(
        d,
        "c.txt",
        "Freight by rail between the two countries doubled, the wombat review notes.",
    );
    ok(tandem(d, db, &["ingest", "-q", "c.txt"]), "ingest c.txt");
    assert_eq!(wait_for(&server, "wombat", 1).len(), 1);

    // a new version of a.txt replaces the old one in the server's index
    write(
        d,
        "a.txt",
        "Trade between Kazakhstan and Uzbekistan reached $5 bn in 2025, the platypus report says.",
    );
    ok(
        tandem(d, db, &["ingest", "-q", "a.txt"]),
        "ingest a.txt again",
    );
    let platypus = wait_for(&server, "platypus", 1);
    let quokka = wait_for(&server, "quokka", 1);
    assert_ne!(platypus, quokka, "the old version of a.txt is still found");
    assert_eq!(stored_count(d, db), 3);

    // a second server on the same store, started afresh, answers alike
    let second = serve(d, db, &d.join("second-index"));
    assert_eq!(wait_for(&second, "platypus", 1), platypus);
    assert_eq!(wait_for(&second, "quokka", 1), quokka);
}

#[test]
fn two_servers_on_one_postgres_store_answer_the_same_search() {
    let Some((_, db)) = common::fresh_database() else {
        return;
    };
    let db = db.as_str();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // the servers start on an empty store, each with its own index
    let one = serve(d, db, &d.join("index-one"));
    let two = serve(d, db, &d.join("index-two"));
    for server in [&one, &two] {
        assert_eq!(wait_for(server, "quokka", 0), Vec::<String>::new());
    }

    for (name, text) in [
        (
            "a.txt",
            "Trade between Kazakhstan and Uzbekistan reached $4 bn in 2024, the quokka report says.",
        ),
        (
            "b.txt",
            "Exports of wheat to Uzbekistan grew, the quokka survey found.",
        ),
        (
            "c.txt",
            "Freight by rail between the two countries doubled, the quokka review notes.",
        ),
    ] {
        write(d, name, text);
    }
    ok(
        tandem(d, db, &["ingest", "-q", "a.txt", "b.txt", "c.txt"]),
        "ingest into PostgreSQL",
    );
    let first = wait_for(&one, "quokka", 3);
    assert_eq!(wait_for(&two, "quokka", 3), first);

    // a new version, stored by a third process, replaces the old one on both
    write(
        d,
        "b.txt",
        "Exports of wheat to Uzbekistan fell, the platypus survey found.",
    );
    ok(
        tandem(d, db, &["ingest", "-q", "b.txt"]),
        "ingest b.txt again",
    );
    for server in [&one, &two] {
        assert_eq!(wait_for(server, "platypus", 1).len(), 1);
        assert_eq!(wait_for(server, "quokka", 2).len(), 2);
    }
    assert_eq!(wait_for(&one, "quokka", 2), wait_for(&two, "quokka", 2));
    assert_eq!(stored_count(d, db), 3);
    // stopped with Ctrl-C, a server closes its PostgreSQL connections
    // (kept for reuse after a request) cleanly
    assert_eq!(get(one.addr, "/api/stats").0, 200);
    assert!(one.interrupt(), "the server did not stop cleanly");
}
