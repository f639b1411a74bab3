//! Behaviour of the store: migrations, batches, versions, counts.

use tandem_model::DocDate;
use tandem_store::{DocOutcome, NewDocument, ParagraphRow, SentenceRow, Store, StoreError};

fn doc(id: &str, source: &str, text: &str, lang: &str, date: Option<&str>) -> NewDocument {
    NewDocument {
        id: id.into(),
        name: source.trim_end_matches(".txt").into(),
        source: source.into(),
        url: None,
        title: Some(format!("Title of {source}")),
        date: date.and_then(DocDate::parse),
        language: lang.into(),
        format: "txt".into(),
        text: text.into(),
        paragraphs: vec![ParagraphRow {
            start: 0,
            end: text.len(),
            language: lang.into(),
        }],
        sentences: vec![SentenceRow {
            paragraph: 0,
            start: 0,
            end: text.len(),
        }],
        figures: vec![],
    }
}

#[test]
fn migrations_are_recorded_once_and_reopening_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/t.db");
    drop(Store::open(&path).unwrap());
    let store = Store::open(&path).unwrap();
    let n: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    drop(store);
    assert!(Store::open_read_only(&path).is_ok());
}

#[test]
fn same_content_is_unchanged_and_changed_source_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let a = doc(
        "aaa",
        "news/a.txt",
        "Товарооборот вырос.",
        "ru",
        Some("2025-11-15"),
    );
    assert_eq!(
        store.insert_batch(std::slice::from_ref(&a)).unwrap(),
        vec![DocOutcome::New]
    );
    assert_eq!(
        store.insert_batch(&[a]).unwrap(),
        vec![DocOutcome::Unchanged]
    );
    let a2 = doc(
        "bbb",
        "news/a.txt",
        "Товарооборот вырос на 18%.",
        "ru",
        Some("2025-11-16"),
    );
    assert_eq!(
        store.insert_batch(&[a2]).unwrap(),
        vec![DocOutcome::NewVersion {
            version: 2,
            supersedes: "aaa".into()
        }]
    );
    let (latest, old_flag, supersedes): (String, i64, String) = store
        .conn()
        .query_row(
            "SELECT d.id, (SELECT is_latest FROM documents WHERE id = 'aaa'), d.supersedes
             FROM documents d WHERE d.is_latest = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (latest.as_str(), old_flag, supersedes.as_str()),
        ("bbb", 0, "aaa")
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.superseded), (1, 1));
}

#[test]
fn stats_count_per_language_and_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    store
        .insert_batch(&[
            doc(
                "1",
                "a",
                "Сауда көлемі өсті, бұл жақсы жаңалық және маңызды.",
                "kk",
                Some("2024"),
            ),
            doc("2", "b", "Trade grew.", "en", Some("2024-05")),
            doc("3", "c", "Savdo o'sdi.", "uz-Latn", None),
        ])
        .unwrap();
    let s = store.stats().unwrap();
    assert_eq!(s.documents, 3);
    assert_eq!(s.paragraphs, 3);
    assert_eq!(s.sentences, 3);
    assert!(s.per_year.contains(&("2024".to_string(), 2)));
    assert!(s.per_year.contains(&("undated".to_string(), 1)));
    assert!(s.per_language.contains(&("kk".to_string(), 1)));
    let mut seen = vec![];
    store
        .for_each_document(|d| {
            seen.push(d.id);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    assert_eq!(seen, vec!["1", "2", "3"]);
    let sample = store.sample_paragraphs(2).unwrap();
    // Only the Kazakh paragraph is longer than 60 bytes: shorter ones are not sampled.
    assert_eq!(sample.len(), 1);
    assert_eq!(sample[0].0, "kk");
    assert!(sample[0].2.starts_with("Сауда көлемі"));
}

#[test]
fn a_file_that_is_not_a_database_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bogus.db");
    let bytes = b"this is not sqlite at all, just some bytes that go on for a while..";
    std::fs::write(&path, bytes).unwrap();
    let err = Store::open(&path).err().expect("must fail");
    assert!(err.to_string().contains("bogus.db"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file is left as it was"
    );
}
