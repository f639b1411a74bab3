//! Behaviour of the store: migrations, batches, versions, counts. Tests
//! that hold for both engines run on SQLite and, when `TANDEM_TEST_PG` is
//! set, on PostgreSQL (see `tandem_store::testing`); the upgrades of old
//! SQLite files are SQLite's own.

use std::path::Path;

use tandem_model::{DocDate, Figure};
use tandem_store::testing::locations;
use tandem_store::{
    DocOutcome, EventFilter, Location, NewDocument, ParagraphRow, ProjectFilter, SentenceRow,
    Store, StoreError, TokenScope,
};

/// A plain connection to a SQLite store, to look at its tables directly.
fn sqlite(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

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
        events: Vec::new(),
        agreements: Vec::new(),
        projects: Vec::new(),
    }
}

#[test]
fn migrations_are_recorded_once_and_reopening_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let nested = Location::Sqlite(dir.path().join("nested/dir/t.db"));
    for db in locations(dir.path()).into_iter().chain([nested]) {
        drop(Store::open(&db).unwrap());
        let store = Store::open(&db).unwrap();
        let n = store
            .query_int("SELECT COUNT(*) FROM schema_migrations")
            .unwrap();
        assert_eq!(n, 12, "migrations 1 to 12 on {db}");
        drop(store);
        assert!(Store::open_read_only(&db).is_ok());
    }
}

#[test]
fn processes_opening_a_store_at_once_migrate_it_once() {
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let db = db.clone();
                std::thread::spawn(move || Store::open(&db).map(drop))
            })
            .collect();
        for o in openers {
            o.join().unwrap().unwrap();
        }
        let store = Store::open_read_only(&db).unwrap();
        assert_eq!(
            store
                .query_int("SELECT COUNT(*) FROM schema_migrations")
                .unwrap(),
            12,
            "{db}"
        );
    }
}

#[test]
fn two_writers_storing_the_same_document_store_it_once() {
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        drop(Store::open(&db).unwrap());
        let writers: Vec<_> = (0..3)
            .map(|i| {
                let db = db.clone();
                std::thread::spawn(move || {
                    let mut store = Store::open(&db).unwrap();
                    let mut batch = vec![doc(
                        "same",
                        "news/same.txt",
                        "Один и тот же текст.",
                        "ru",
                        None,
                    )];
                    batch.push(doc(
                        &format!("own{i}"),
                        &format!("news/{i}.txt"),
                        "Свой текст.",
                        "ru",
                        None,
                    ));
                    store.insert_batch(&batch).unwrap()
                })
            })
            .collect();
        let outcomes: Vec<_> = writers.into_iter().map(|w| w.join().unwrap()).collect();
        let new = outcomes.iter().filter(|o| o[0] == DocOutcome::New).count();
        assert_eq!(new, 1, "{db}: {outcomes:?}");
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store
                .query_int("SELECT COUNT(*) FROM documents WHERE id = 'same'")
                .unwrap(),
            1
        );
        assert_eq!(store.document_count().unwrap(), 4, "{db}");
    }
}

#[test]
fn an_unreachable_or_malformed_postgres_url_is_named_with_its_password_masked() {
    let err = Store::open(Location::parse("postgres://ana:s3cret@127.0.0.1:1/tandem"))
        .err()
        .expect("nothing listens on port 1");
    let msg = err.to_string();
    assert!(
        msg.contains("postgres://ana:***@127.0.0.1:1/tandem"),
        "{msg}"
    );
    assert!(msg.contains("cannot reach"), "{msg}");
    assert!(!msg.contains("s3cret"), "{msg}");
    let err = Store::open(Location::parse(
        "postgres://ana:s3cret@host:notaport/tandem",
    ))
    .err()
    .expect("malformed");
    let msg = err.to_string();
    assert!(msg.contains("malformed PostgreSQL URL"), "{msg}");
    assert!(!msg.contains("s3cret"), "{msg}");
}

#[test]
fn same_content_is_unchanged_and_changed_source_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        same_content_and_versions(&db);
    }
}

fn same_content_and_versions(db: &Location) {
    let mut store = Store::open(db).unwrap();
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
    assert_eq!(
        store
            .query_int("SELECT COUNT(*) FROM documents WHERE id = 'bbb' AND is_latest = 1 AND supersedes = 'aaa'")
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .query_int("SELECT is_latest FROM documents WHERE id = 'aaa'")
            .unwrap(),
        0
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.superseded), (1, 1));
    // the rows of the superseded version are not counted
    assert_eq!((stats.paragraphs, stats.sentences), (1, 1), "on {db}");
    assert_eq!(stats.per_language, [("ru".to_owned(), 1)]);
    assert_eq!(stats.per_year, [("2025".to_owned(), 1)]);
    // the keys name the current version only, with the one it replaced
    store
        .insert_batch(&[doc("ccc", "news/c.txt", "Экспорт.", "ru", None)])
        .unwrap();
    let keys = store.document_keys(0, 10).unwrap();
    let seen: Vec<(&str, Option<&str>)> = keys
        .iter()
        .map(|k| (k.id.as_str(), k.supersedes.as_deref()))
        .collect();
    assert_eq!(seen, [("bbb", Some("aaa")), ("ccc", None)], "on {db}");
    assert!(keys[0].seq < keys[1].seq);
    let after = store.document_keys(keys[0].seq, 10).unwrap();
    assert_eq!(after, keys[1..], "on {db}");
    assert_eq!(store.document_keys(keys[0].seq - 1, 1).unwrap(), keys[..1]);
}

#[test]
fn a_document_is_found_by_id_or_by_the_name_of_its_current_version() {
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        let mut store = Store::open(&db).unwrap();
        let mut old = doc("h1", "a.txt", "Trade grew.", "en", Some("2024"));
        old.figures = vec![figure("grew", 1.0, None)];
        store.insert_batch(&[old]).unwrap();
        store
            .insert_batch(&[doc("h2", "a.txt", "Trade fell.", "en", None)])
            .unwrap();
        // a document named like another one's id, and two current ones named "b"
        store
            .insert_batch(&[
                doc("h3", "h1.txt", "Exports rose.", "en", None),
                doc("h4", "b.txt", "Imports rose.", "en", None),
                doc("h5", "dir/b.txt", "Imports fell.", "en", None),
            ])
            .unwrap();
        let found = |key: &str| store.document(key).unwrap().map(|d| d.summary.id);
        // by id, a superseded version too, with its text, paragraphs and figures
        let d = store.document("h1").unwrap().unwrap();
        assert_eq!(
            (d.summary.id.as_str(), d.summary.is_latest),
            ("h1", false),
            "on {db}"
        );
        assert_eq!(
            (d.text.as_str(), d.source.as_str()),
            ("Trade grew.", "a.txt")
        );
        assert_eq!((d.paragraphs.len(), d.figures.len()), (1, 1), "on {db}");
        assert_eq!(
            (
                d.figures[0].document.id.as_str(),
                d.figures[0].document.name.as_str()
            ),
            ("h1", "a")
        );
        // by name: the current version only; an id wins over a name
        assert_eq!(found("a").as_deref(), Some("h2"), "on {db}");
        assert_eq!(found("h1").as_deref(), Some("h1"), "on {db}");
        // of several current documents with one name, the first stored
        assert_eq!(found("b").as_deref(), Some("h4"), "on {db}");
        assert_eq!(found("nothing"), None);
        let d = store.document("h2").unwrap().unwrap();
        assert!(d.figures.is_empty() && d.paragraphs.len() == 1);
    }
    // each look-up goes through an index, never a scan of the table
    let path = dir.path().join("plan.db");
    Store::open(&path).unwrap();
    let conn = sqlite(&path);
    for sql in [
        "SELECT d.seq, d.text FROM documents d WHERE d.id = ?1",
        "SELECT d.seq, d.text FROM documents d WHERE d.name = ?1 AND d.is_latest = 1 ORDER BY d.seq LIMIT 1",
    ] {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map(["x"], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let plan = plan.join("; ");
        assert!(plan.starts_with("SEARCH d USING"), "{sql}: {plan}");
        assert!(!plan.contains("SCAN"), "{sql}: {plan}");
    }
}

#[test]
fn stats_count_per_language_and_year() {
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        stats_of(&db);
    }
}

fn stats_of(db: &Location) {
    let mut store = Store::open(db).unwrap();
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

/// A store written by the first schema (documents keyed by content hash
/// everywhere) keeps all its rows when opened by this version, and its
/// children then refer to the documents' insertion numbers.
#[test]
fn a_version_1_store_is_migrated_without_losing_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/sqlite/0001_initial.sql"))
            .unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 'initial', '2026-01-01T00:00:00Z');
             INSERT INTO documents (id, name, source, title, date, date_precision, language, format, bytes,
                                    version, supersedes, is_latest, ingested_at, text)
             VALUES ('h1', 'a', 'news/a.txt', 'A', '2025', 'year', 'ru', 'txt', 11, 1, NULL, 0, 't', 'Первый текст'),
                    ('h2', 'a', 'news/a.txt', 'A', '2025', 'year', 'ru', 'txt', 11, 2, 'h1', 1, 't', 'Второй текст'),
                    ('h3', 'b', 'news/b.txt', 'B', NULL, NULL, 'kk', 'txt', 9, 1, NULL, 1, 't', 'Үшінші мәтін');
             INSERT INTO paragraphs VALUES ('h2', 0, 0, 23, 'ru'), ('h3', 0, 0, 23, 'kk'), ('h1', 0, 0, 23, 'ru');
             INSERT INTO sentences VALUES ('h2', 0, 0, 0, 23), ('h3', 0, 0, 0, 23);
             INSERT INTO figures (document_id, ordinal, text, occurrence, value, unit, approx, indicator, measure,
                                  kind, start_offset, end_offset, sentence)
             VALUES ('h3', 0, '5%', 0, 5, 'percent', 'exact', 'trade.turnover', 'change_pct', 'actual', 0, 2, 's'),
                    ('h2', 0, '7%', 0, 7, 'percent', 'exact', 'trade.export', 'change_pct', 'actual', 0, 2, 's');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let conn = sqlite(&path);
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        rows("SELECT seq || ':' || id || ':' || COALESCE(supersedes, '-') FROM documents ORDER BY seq"),
        ["1:h1:-", "2:h2:h1", "3:h3:-"]
    );
    assert_eq!(
        rows("SELECT d.id || ':' || p.language FROM paragraphs p JOIN documents d ON d.seq = p.document ORDER BY p.document"),
        ["h1:ru", "h2:ru", "h3:kk"]
    );
    assert_eq!(
        rows("SELECT document_id || ':' || text FROM sentence_texts ORDER BY document_id"),
        ["h2:Второй текст", "h3:Үшінші мәтін"]
    );
    assert_eq!(
        rows("SELECT f.document || ':' || f.document_id || ':' || f.text FROM figures f ORDER BY f.id"),
        ["3:h3:5%", "2:h2:7%"]
    );
    // the store goes on working: a new document gets the next number
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store
        .insert_batch(&[doc("h4", "news/c.txt", "Төртінші", "kk", None)])
        .unwrap();
    let seq = store
        .query_int("SELECT seq FROM documents WHERE id = 'h4'")
        .unwrap();
    assert_eq!(seq, 4);
    let stats = store.stats().unwrap();
    assert_eq!(
        (
            stats.documents,
            stats.superseded,
            stats.paragraphs,
            stats.figures
        ),
        (3, 1, 3, 2)
    );
    let fk: i64 = sqlite(&path)
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
}

fn figure(text: &str, value: f64, product: Option<&str>) -> Figure {
    Figure {
        doc: String::new(),
        text: text.into(),
        occurrence: 1,
        value,
        value_max: None,
        unit: "tonne".into(),
        approx: "exact".into(),
        indicator: "trade.export".into(),
        measure: "level".into(),
        subject: Some("KZ".into()),
        partner: Some("UZ".into()),
        kind: "actual".into(),
        period: Some("2024".into()),
        product: product.map(|p| p.to_owned().into()),
        start: 0,
        end: text.len(),
        sentence: text.into(),
        source_kind: Default::default(),
        cell: None,
    }
}

/// A store of schema version 2 (figures without `product`) keeps its rows
/// when opened by this version: old figures get a NULL product, new ones
/// store theirs.
#[test]
fn a_version_2_store_gains_a_null_product_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(include_str!("../migrations/sqlite/0001_initial.sql"))
            .unwrap();
        tx.execute_batch(include_str!("../migrations/sqlite/0002_sequence_keys.sql"))
            .unwrap();
        tx.execute_batch(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 'initial', '2026-01-01T00:00:00Z'),
                                                  (2, 'sequence keys', '2026-01-02T00:00:00Z');
             INSERT INTO documents (seq, id, name, source, title, date, date_precision, language, format, bytes,
                                    version, supersedes, is_latest, ingested_at, text)
             VALUES (1, 'h1', 'a', 'news/a.txt', 'A', '2025', 'year', 'ru', 'txt', 8, 1, NULL, 1, 't', '5 тонн.');
             INSERT INTO figures (document, document_id, ordinal, text, occurrence, value, unit, approx, indicator,
                                  measure, subject, partner, kind, period, start_offset, end_offset, sentence)
             VALUES (1, 'h1', 0, '5 тонн', 1, 5, 'tonne', 'exact', 'trade.export', 'level', 'KZ', 'UZ',
                     'actual', '2024', 0, 10, '5 тонн.');",
        )
        .unwrap();
        tx.commit().unwrap();
    }
    assert!(
        matches!(
            Store::open_read_only(&path),
            Err(StoreError::Outdated { found: 2, .. })
        ),
        "a reader refuses a store that lacks the column"
    );
    let mut store = Store::open(&path).unwrap();
    let mut wheat = doc("h2", "news/b.txt", "7 тонн пшеницы.", "ru", Some("2025"));
    wheat.figures = vec![
        figure("7 тонн", 7.0, Some("10")),
        figure("7 тонн", 7.0, None),
    ];
    store.insert_batch(&[wheat]).unwrap();
    let rows: Vec<(String, Option<String>)> = sqlite(&path)
        .prepare("SELECT document_id, product FROM figures ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("h1".to_owned(), None),
            ("h2".to_owned(), Some("10".to_owned())),
            ("h2".to_owned(), None)
        ]
    );
    let version = store
        .query_int("SELECT MAX(version) FROM schema_migrations")
        .unwrap();
    assert_eq!(version, 12);
    drop(store);
    assert!(Store::open_read_only(&path).is_ok());
}

#[test]
fn a_missing_migration_below_the_highest_recorded_one_is_applied() {
    // A file that has 5 (watch state) but not 3 (made on a branch where 3
    // did not exist yet): numbers are not a high-water mark.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gap.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(include_str!("../migrations/sqlite/0001_initial.sql"))
            .unwrap();
        tx.execute_batch(include_str!("../migrations/sqlite/0002_sequence_keys.sql"))
            .unwrap();
        tx.execute_batch(include_str!("../migrations/sqlite/0005_watch_state.sql"))
            .unwrap();
        tx.execute_batch(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 'initial', '2026-01-01T00:00:00Z'),
                                                  (2, 'sequence keys', '2026-01-02T00:00:00Z'),
                                                  (5, 'watch state', '2026-01-03T00:00:00Z');",
        )
        .unwrap();
        tx.commit().unwrap();
    }
    assert!(
        matches!(
            Store::open_read_only(&path),
            Err(StoreError::Outdated { found: 5, .. })
        ),
        "a reader refuses a store that lacks migration 3"
    );
    let store = Store::open(&path).unwrap();
    let versions: Vec<i64> = sqlite(&path)
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // 3 and 4 (the figures' source kind) were both missing, 6 (events),
    // 7 (projects), 8 (API tokens), 9 (ingest queue), 10 (agreement
    // subjects), 11 (watch claims) and 12 (lookup indexes) too
    assert_eq!(versions, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    sqlite(&path)
        .execute_batch("SELECT product FROM figures LIMIT 1")
        .expect("migration 3 added the product column");
    sqlite(&path)
        .execute_batch("SELECT subject FROM agreements LIMIT 1")
        .expect("migration 10 added the subject column");
    sqlite(&path)
        .execute_batch("SELECT claimed_by, claimed_until FROM watch_items LIMIT 1")
        .expect("migration 11 added the claim columns");
    drop(store);
    assert!(Store::open_read_only(&path).is_ok());
}

#[test]
fn events_and_agreements_are_stored_and_read_back() {
    use tandem_model::{Agreement, Event, Participant};
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        let mut store = Store::open(&db).unwrap();
        let text = "Kazakhstan and Uzbekistan held talks in Tashkent and signed 5 documents.";
        let mut d = doc("e1", "a.txt", text, "en", Some("2025-11-15"));
        d.events = vec![Event {
            doc: "e1".into(),
            event_type: "talks".into(),
            countries: vec!["KZ".into(), "UZ".into()],
            participants: vec![
                Participant {
                    name: Some("Tokayev".into()),
                    office: Some("president".into()),
                    country: Some("KZ".into()),
                },
                Participant {
                    name: None,
                    office: Some("president".into()),
                    country: Some("UZ".into()),
                },
            ],
            city: Some("Tashkent".into()),
            place_country: Some("UZ".into()),
            date: None,
            lang: "en".into(),
            start: 0,
            end: text.len(),
            sentence: text.into(),
        }];
        d.agreements = vec![Agreement {
            doc: "e1".into(),
            count: Some(5),
            value: Some(2.5e9),
            currency: Some("USD".into()),
            event: Some(0),
            sides: vec!["KZ".into(), "UZ".into()],
            date: Some("2025-11".into()),
            subject: Some("trade and energy".into()),
            figure: Some(0),
            lang: "en".into(),
            start: 0,
            end: text.len(),
            sentence: text.into(),
        }];
        let (d_events, d_agreements) = (d.events.clone(), d.agreements.clone());
        store.insert_batch(&[d]).unwrap();
        let all = store.event_reports(&EventFilter::default()).unwrap();
        assert_eq!(all.len(), 1, "{db}");
        assert_eq!(all[0].event.countries, ["KZ", "UZ"]);
        assert_eq!(all[0].event.participants, d_events[0].participants, "{db}");
        assert_eq!(all[0].event, d_events[0], "{db}");
        assert_eq!(all[0].agreements, d_agreements, "{db}");
        assert_eq!(
            all[0].doc_date.map(|d| d.to_string()).as_deref(),
            Some("2025-11-15")
        );
        let none = EventFilter {
            country: Some("RU".into()),
            ..Default::default()
        };
        assert!(store.event_reports(&none).unwrap().is_empty());
        let kz = EventFilter {
            country: Some("KZ".into()),
            event_type: Some("talks".into()),
            lang: Some("en".into()),
        };
        assert_eq!(store.event_reports(&kz).unwrap().len(), 1, "{db}");
    }
}

#[test]
fn api_tokens_are_added_listed_found_by_hash_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        let store = Store::open(&db).unwrap();
        let ci = store
            .add_api_token("ci", TokenScope::Write, &"a".repeat(64))
            .unwrap()
            .unwrap();
        assert_eq!((ci.name.as_str(), ci.scope), ("ci", TokenScope::Write));
        assert!(
            ci.revoked_at.is_none() && ci.created_at.ends_with('Z'),
            "{ci:?} on {db}"
        );
        assert!(
            store
                .add_api_token("ci", TokenScope::Read, &"b".repeat(64))
                .unwrap()
                .is_none(),
            "a name belongs to one token not revoked, on {db}"
        );
        let reader = store
            .add_api_token("analyst", TokenScope::Read, &"c".repeat(64))
            .unwrap()
            .unwrap();
        // a reader (the server) finds a token by the hash of what a client sent
        let ro = Store::open_read_only(&db).unwrap();
        assert_eq!(
            ro.api_token_by_hash(&"c".repeat(64)).unwrap(),
            Some(reader.clone())
        );
        assert_eq!(ro.api_token_by_hash(&"b".repeat(64)).unwrap(), None);
        assert!(store.revoke_api_token(ci.id).unwrap());
        assert!(
            !store.revoke_api_token(ci.id).unwrap(),
            "already revoked on {db}"
        );
        assert!(!store.revoke_api_token(9999).unwrap());
        assert_eq!(
            ro.api_token_by_hash(&"a".repeat(64)).unwrap(),
            None,
            "revoked on {db}"
        );
        // the name is free again once its token is revoked
        let ci2 = store
            .add_api_token("ci", TokenScope::Read, &"d".repeat(64))
            .unwrap()
            .unwrap();
        let listed = store.api_tokens().unwrap();
        let names: Vec<(&str, bool)> = listed
            .iter()
            .map(|t| (t.name.as_str(), t.revoked_at.is_some()))
            .collect();
        assert_eq!(
            names,
            [("ci", true), ("analyst", false), ("ci", false)],
            "on {db}"
        );
        assert!(ci2.id > reader.id && reader.id > ci.id);
        let hashes = store
            .query_int("SELECT COUNT(*) FROM api_tokens WHERE hash = 'dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd'")
            .unwrap();
        assert_eq!(hashes, 1, "only the hash is stored, on {db}");
    }
}

#[test]
fn projects_are_stored_once_per_name_key_and_read_back_with_their_reports() {
    use tandem_model::ProjectReport;
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        let mut store = Store::open(&db).unwrap();
        let report =
            |doc: &str, name: Option<&str>, count: Option<u32>, text: &str| ProjectReport {
                doc: doc.into(),
                name: name.map(str::to_string),
                key: name.map(|_| "rogun".to_string()),
                count,
                sides: vec!["TJ".into()],
                sector: Some("energy".into()),
                place: None,
                value: Some(1.3e9),
                currency: Some("TJS".into()),
                capacity: Some(45.0),
                capacity_unit: Some("MW".into()),
                jobs: None,
                status: Some("launched".into()),
                date: Some("2019-12".into()),
                lang: "tg".into(),
                start: 0,
                end: text.len(),
                sentence: text.into(),
            };
        let t1 = "The Rogun station was launched; 12 projects are under way.";
        let mut a = doc("p1", "a.txt", t1, "en", Some("2019-12-26"));
        a.projects = vec![
            report("p1", Some("«Роғун»"), None, t1),
            report("p1", None, Some(12), t1),
        ];
        let t2 = "Rogun, again.";
        let mut b = doc("p2", "b.txt", t2, "en", None);
        b.projects = vec![report("p2", Some("Rogun"), None, t2)];
        let want = a.projects[0].clone();
        store.insert_batch(&[a, b]).unwrap();
        let named = store.project_reports(&ProjectFilter::default()).unwrap();
        assert_eq!(named.len(), 2, "{db}");
        assert_eq!(
            named[0].project, named[1].project,
            "one key, one project: {db}"
        );
        assert_eq!(
            named[0].project_name.as_deref(),
            Some("«Роғун»"),
            "as first written"
        );
        assert_eq!(named[0].report, want, "{db}");
        assert_eq!(named[1].report.name.as_deref(), Some("Rogun"));
        let counts = store
            .project_reports(&ProjectFilter {
                counts: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(counts.len(), 1, "{db}");
        assert_eq!(counts[0].report.count, Some(12));
        assert_eq!(counts[0].project, None);
        let one = ProjectFilter {
            project: named[0].project,
            country: Some("TJ".into()),
            lang: Some("tg".into()),
            counts: false,
        };
        assert_eq!(store.project_reports(&one).unwrap().len(), 2, "{db}");
        let none = ProjectFilter {
            country: Some("KZ".into()),
            ..Default::default()
        };
        assert!(store.project_reports(&none).unwrap().is_empty());
    }
}
