//! `tandem bench ingest` and `tandem bench search` run (their `--db`
//! shares its name with the global one: clap once panicked on it).

mod common;

use common::tandem;

#[test]
fn bench_ingest_then_search_on_its_store() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        " date 2025-01-10 Торговля\nТоварооборот Казахстана и Узбекистана в 2024 году составил 4,4 млрд долларов.\n",
    )
    .unwrap();
    let out = tandem(
        dir.path(),
        &["bench", "ingest", "corpus", "--db", "b/tandem.db"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("documents        1"), "{text}");
    assert!(dir.path().join("b/tandem.db").exists());
    let out = tandem(
        dir.path(),
        &["bench", "search", "--db", "b/tandem.db", "--runs", "1"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("p50"));
}
