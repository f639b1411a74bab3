//! Bad queries get a clear message and never a panic: named cases, and a
//! property test over arbitrary strings.

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use tandem_search::{IndexDoc, SearchError, SearchIndex, SearchRequest};

fn index() -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    index
        .add(&[IndexDoc {
            id: "d1",
            name: "d1",
            title: "Сауда",
            date: Some("2025"),
            lang: "kk",
            text:
                "Қазақстан мен Өзбекстан арасындағы тауар айналымы өсті. O'zbekiston bilan savdo.",
        }])
        .unwrap();
    (dir, index)
}

#[test]
fn named_bad_queries_say_what_is_wrong() {
    let (_dir, index) = index();
    let long = "а".repeat(10_000);
    let cases: [(&str, &str); 7] = [
        ("", "empty"),
        ("\"тауар айналымы", "unbalanced quote"),
        ("и the және", "only stop words"),
        (&long, "too long"),
        ("сауда\u{0}", "control character"),
        ("-сауда", "only excludes"),
        ("\"\" ()", "no words"),
    ];
    for (query, says) in cases {
        match index.search(&SearchRequest::new(query)) {
            Err(SearchError::BadQuery(message)) => {
                assert!(message.contains(says), "{query:.40?}: {message}")
            }
            other => panic!("{query:.40?} should be refused, got {other:?}"),
        }
    }
}

#[test]
fn apostrophes_and_odd_punctuation_are_fine() {
    let (_dir, index) = index();
    for query in [
        "O'zbekiston",
        "O‘zbekiston",
        "savdo'",
        "'savdo",
        "сауда:",
        "(сауда)",
        "сауда AND",
        "OR сауда",
    ] {
        let res = index.search(&SearchRequest::new(query)).unwrap();
        assert_eq!(res.total, 1, "{query}");
    }
}

fn never_panics<S: Strategy>(strategy: S, to_query: impl Fn(S::Value) -> String) {
    let (_dir, index) = index();
    let mut runner = TestRunner::new(ProptestConfig::with_cases(1000));
    runner
        .run(&strategy, |value| {
            // an error is fine (it carries a message); a panic fails the test
            let _ = index.search(&SearchRequest::new(to_query(value)));
            Ok(())
        })
        .unwrap();
}

#[test]
fn arbitrary_queries_never_panic() {
    never_panics(".{0,300}", |q| q);
}

#[test]
fn arbitrary_query_language_never_panics() {
    let pieces = proptest::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just("-".to_string()),
            Just("OR".to_string()),
            Just("AND".to_string()),
            Just(" ".to_string()),
            Just("'".to_string()),
            Just("сауда".to_string()),
            Just("Ўзбекистон".to_string()),
            Just("и".to_string()),
            "[a-zа-яңғүұқөһәі'ʻ-]{1,8}",
        ],
        0..20,
    );
    never_panics(pieces, |p| p.concat());
}
