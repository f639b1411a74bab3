//! Keeping a search index in step with its store ([`sync_index`]), on
//! SQLite and, when `TANDEM_TEST_PG` is set, on PostgreSQL: documents
//! stored after the index's position are added, the versions they replace
//! removed, an index that lost, gained or doubled a document is mended by
//! comparing ids, and an index of another store is rebuilt.

use tandem_ingest::{Format, SourceDoc};
use tandem_pipeline::{process, sync_index, IndexSync};
use tandem_search::{IndexDoc, SearchIndex};
use tandem_store::testing::locations;
use tandem_store::{Location, Store};

/// Stores a plain-text document from `source` (not indexed); returns its id.
fn store(db: &mut Store, source: &str, text: &str) -> String {
    let id = format!("{:016x}{:016x}", fnv(source), fnv(text));
    let doc = SourceDoc {
        id: id.clone(),
        name: source.trim_end_matches(".txt").to_owned(),
        source: source.to_owned(),
        url: None,
        title: None,
        date: None,
        format: Format::Txt,
        text: text.to_owned(),
        table: None,
    };
    db.insert_batch(&[process(doc)]).unwrap();
    id
}

/// A small stable hash (FNV-1a) standing in for the content hash.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn sync(db: &Store, index: &mut SearchIndex) -> IndexSync {
    sync_index(db, index).unwrap()
}

#[test]
fn an_index_follows_its_store() {
    let dir = tempfile::tempdir().unwrap();
    for (n, location) in locations(dir.path()).into_iter().enumerate() {
        follows(&location, &dir.path().join(format!("index-{n}")));
    }
}

fn follows(location: &Location, index_dir: &std::path::Path) {
    let mut db = Store::open(location).unwrap();
    let a = store(
        &mut db,
        "a.txt",
        "Trade with Uzbekistan grew, the quokka report says.",
    );
    let b = store(
        &mut db,
        "b.txt",
        "Exports of wheat rose, the quokka survey found.",
    );
    let mut index = SearchIndex::open(index_dir).unwrap();
    assert_eq!(index.position().unwrap(), None);

    // a new index is built from the store
    let s = sync(&db, &mut index);
    assert_eq!(
        (s.added, s.removed, s.reconciled),
        (2, 0, false),
        "{location}"
    );
    let position = index.position().unwrap().unwrap();
    assert_eq!(position.seq, s.seq);
    assert_eq!(position.store, tandem_pipeline::store_identity(location));
    // in step: nothing to do
    let s = sync(&db, &mut index);
    assert!(!s.changed(), "{s:?}");

    // a new document, and a new version of a.txt replacing the old one
    let c = store(
        &mut db,
        "c.txt",
        "Freight by rail doubled, the wombat review notes.",
    );
    let a2 = store(
        &mut db,
        "a.txt",
        "Trade with Uzbekistan fell, the platypus report says.",
    );
    let s = sync(&db, &mut index);
    assert_eq!(
        (s.added, s.removed, s.reconciled),
        (2, 1, false),
        "{location}"
    );
    assert!(s.seq > position.seq);
    for (id, held) in [(&a, false), (&b, true), (&c, true), (&a2, true)] {
        assert_eq!(index.contains(id).unwrap(), held, "{id} on {location}");
    }

    // a document the index lost (committed late under a lower seq by a
    // concurrent writer) is found by comparing ids...
    index.remove(&[b.as_str()]).unwrap();
    let s = sync(&db, &mut index);
    assert_eq!(
        (s.added, s.removed, s.reconciled),
        (1, 0, true),
        "{location}"
    );
    assert!(index.contains(&b).unwrap());
    // ...and so is one the store does not hold
    let stranger = IndexDoc {
        id: "ffffffffffffffffffffffffffffffff",
        name: "stranger",
        title: "",
        date: None,
        lang: "en",
        text: "Nothing the store holds.",
    };
    index.add(&[stranger]).unwrap();
    let s = sync(&db, &mut index);
    assert_eq!(
        (s.added, s.removed, s.reconciled),
        (0, 1, true),
        "{location}"
    );
    assert!(!index.contains(stranger.id).unwrap());
    assert_eq!(index.num_docs(), 3);
    // ...and one indexed twice (by two processes that both found it stored)
    let twice = IndexDoc {
        id: &c,
        name: "c",
        title: "",
        date: None,
        lang: "en",
        text: "Freight by rail doubled, the wombat review notes.",
    };
    index.add_new(&[twice]).unwrap();
    assert_eq!(index.num_docs(), 4);
    let s = sync(&db, &mut index);
    assert_eq!(
        (s.added, s.removed, s.reconciled),
        (1, 1, true),
        "{location}"
    );
    assert_eq!(index.num_docs(), 3);
    let ids = index.ids().unwrap();
    assert_eq!(ids.len(), 3);
    for id in [&a2, &b, &c] {
        assert_eq!(ids.get(id.as_str()), Some(&1), "{id} on {location}");
    }
}

#[test]
fn an_index_of_another_store_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = Store::open(dir.path().join("one.db")).unwrap();
    let mut two = Store::open(dir.path().join("two.db")).unwrap();
    let first = store(&mut one, "a.txt", "Trade with Uzbekistan grew.");
    let second = store(&mut two, "b.txt", "Exports of wheat rose.");
    let mut index = SearchIndex::open(&dir.path().join("index")).unwrap();
    sync(&one, &mut index);
    assert!(index.contains(&first).unwrap());
    let s = sync(&two, &mut index);
    assert!(s.cleared && s.added == 1, "{s:?}");
    assert!(!index.contains(&first).unwrap());
    assert!(index.contains(&second).unwrap());
}

#[test]
fn a_rebuild_holds_exactly_the_stores_current_documents() {
    let dir = tempfile::tempdir().unwrap();
    for (n, location) in locations(dir.path()).into_iter().enumerate() {
        let mut db = Store::open(&location).unwrap();
        let a = store(&mut db, "a.txt", "Trade with Uzbekistan grew.");
        let b = store(&mut db, "b.txt", "Exports of wheat rose.");
        let mut index = SearchIndex::open(&dir.path().join(format!("index-{n}"))).unwrap();
        sync(&db, &mut index);
        // a new version of a.txt, and a document the store does not hold
        let a2 = store(&mut db, "a.txt", "Trade with Uzbekistan fell.");
        let stranger = IndexDoc {
            id: "ffffffffffffffffffffffffffffffff",
            name: "stranger",
            title: "",
            date: None,
            lang: "en",
            text: "Nothing the store holds.",
        };
        index.add(&[stranger]).unwrap();
        let s = tandem_pipeline::rebuild_index(&db, &mut index).unwrap();
        assert!(
            s.cleared && s.added == 2 && !s.reconciled,
            "{s:?} on {location}"
        );
        let ids = index.ids().unwrap();
        assert_eq!(ids.len(), 2, "{ids:?} on {location}");
        for id in [&a2, &b] {
            assert_eq!(ids.get(id.as_str()), Some(&1), "{id} on {location}");
        }
        assert!(!ids.contains_key(&a));
        let position = index.position().unwrap().unwrap();
        assert_eq!(position.store, tandem_pipeline::store_identity(&location));
        assert_eq!(position.seq, s.seq);
        // in step afterwards
        assert!(!sync(&db, &mut index).changed());
    }
}
