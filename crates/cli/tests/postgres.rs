//! Every command on PostgreSQL gives the answers it gives on SQLite: the
//! sample corpus ingested into both, then series, search, stats, the
//! figures, events and agreements exports and the events compared. Runs when `TANDEM_TEST_PG` is set (see
//! `tandem_store::testing`); an unreachable server is a clear error either way.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::BIN;

fn tandem(dir: &Path, db: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run tandem")
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

#[test]
fn the_sample_corpus_gives_the_same_answers_on_both_engines() {
    let Some((_, pg_url)) = common::fresh_database() else {
        return;
    };
    let pg_url = pg_url.as_str();
    let dir = tempfile::tempdir().unwrap();
    let (lite_dir, pg_dir) = (dir.path().join("lite"), dir.path().join("pg"));
    std::fs::create_dir_all(&lite_dir).unwrap();
    std::fs::create_dir_all(&pg_dir).unwrap();
    let corpus = corpus();
    let corpus = corpus.to_str().unwrap();
    let lite = "tandem-data/tandem.db";
    let ingest = ["ingest", corpus, "--json"];
    let lite_ingest: serde_json::Value =
        serde_json::from_str(&ok(tandem(&lite_dir, lite, &ingest), "ingest into SQLite")).unwrap();
    let pg_ingest: serde_json::Value = serde_json::from_str(&ok(
        tandem(&pg_dir, pg_url, &ingest),
        "ingest into PostgreSQL",
    ))
    .unwrap();
    for key in ["new", "figures", "unchanged"] {
        assert_eq!(lite_ingest[key], pg_ingest[key], "{key}");
    }
    assert!(pg_ingest["new"].as_u64().unwrap() > 10);
    // a second run finds everything stored already
    let again: serde_json::Value =
        serde_json::from_str(&ok(tandem(&pg_dir, pg_url, &ingest), "second ingest")).unwrap();
    assert_eq!(again["new"], 0);
    for args in [
        &[
            "series",
            "--indicator",
            "trade.turnover",
            "--pair",
            "KZ-UZ",
            "--json",
        ][..],
        &["search", "товарооборот", "--json"][..],
        &["search", "savdo", "--json"][..],
        &["stats", "--json"][..],
        &["conflicts", "--json"][..],
        &["targets", "--json"][..],
        &["export", "figures", "--format", "jsonl"][..],
        &["events"][..],
        &["events", "--json"][..],
        &["events", "--country", "KZ", "--json"][..],
        &["export", "events", "--format", "jsonl"][..],
        &["export", "agreements", "--format", "csv"][..],
    ] {
        let a = ok(
            tandem(&lite_dir, lite, args),
            &format!("{args:?} on SQLite"),
        );
        let b = ok(
            tandem(&pg_dir, pg_url, args),
            &format!("{args:?} on PostgreSQL"),
        );
        assert!(a.len() > 2, "{args:?} answered nothing: {a}");
        assert_eq!(a, b, "{args:?} differs between SQLite and PostgreSQL");
    }
}

#[test]
fn an_unreachable_server_is_named_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let out = tandem(
        dir.path(),
        "postgres://ana:hunter2@127.0.0.1:1/tandem",
        &["stats"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("postgres://ana:***@127.0.0.1:1/tandem"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
}
