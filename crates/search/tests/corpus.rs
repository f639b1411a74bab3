//! Concept queries on the bundled sample corpus (`examples/corpus`) and on
//! the shared real corpus (`../shared/corpus`, skipped when absent): each
//! query must return the documents listed, whatever their language.

mod common;

use std::collections::HashSet;

use tandem_search::{SearchIndex, SearchRequest};

/// One document per language reporting a trade turnover figure.
const TURNOVER_DOCS: [&str; 7] = [
    "2025-02-11_tovarooborot-kz-uz-2024",
    "kk-2025-09-18-trade-8m",
    "2025-07-22_qozogiston-bilan-savdo-yarim-yil",
    "2019-10-08_ozbekiston-qozogiston-savdo",
    "2025-10-02_kyrgyzstan-kazakstan-sooda",
    "2025-04-10_tojikiston-qazoqiston-gardish",
    "2025-11-16_kazakhstan-uzbekistan-10bn-target",
];

/// (query, documents it must return) on the sample corpus.
const EXAMPLE_QUERIES: &[(&str, &[&str])] = &[
    ("товарооборот", &TURNOVER_DOCS),
    ("тауар айналымы", &TURNOVER_DOCS),
    ("savdo aylanmasi", &TURNOVER_DOCS),
    ("савдо айланмаси", &TURNOVER_DOCS),
    ("соода жүгүртүү", &TURNOVER_DOCS),
    ("гардиши мол", &TURNOVER_DOCS),
    ("trade turnover", &TURNOVER_DOCS),
    (
        "инвестиции",
        &[
            "2021-03-03_investicii-cp1251",
            "2024-06-21_ortalyq-aziya-ortalygy",
            "2019-10-08_ozbekiston-qozogiston-savdo",
        ],
    ),
    (
        "рабочих мест",
        &[
            "2024-06-21_ortalyq-aziya-ortalygy",
            "2021-03-03_investicii-cp1251",
            "2025-03-14_qozogiston-kapitali-korxonalar",
            "2025-11-16_kazakhstan-uzbekistan-10bn-target",
        ],
    ),
    (
        "UzKazTrade",
        &[
            "uzl-2025-11-uzkaztrade",
            "kk-2025-09-18-trade-8m",
            "2024-10-03_mintaqalararo-forum",
            "2025-11-16_kazakhstan-uzbekistan-10bn-target",
        ],
    ),
    (
        "Орталық Азия",
        &[
            "2024-03-05_central-asia-trade-neighbours",
            "uzc-2025-08-neighbours",
            "tg-2019-03-trade",
        ],
    ),
    (
        "International Center for Industrial Cooperation",
        &[
            "2024-06-21_ortalyq-aziya-ortalygy",
            "2025-11-16_kazakhstan-uzbekistan-10bn-target",
        ],
    ),
    ("Interregional Forum", &["2024-10-03_mintaqalararo-forum"]),
    (
        "транзит",
        &[
            "ru-2024-08-15-china-transit",
            "ky-2025-06-30-transit",
            "tg-2025-11-05-transit",
            "2022-05-18_freight-utf16",
        ],
    ),
    (
        "государственный визит",
        &[
            "2025-11-20_itogi-vizita-tashkent",
            "uzl-2017-09-17-visit",
            "en-2017-03-23-visit",
        ],
    ),
    (
        "joint venture",
        &[
            "2025-04-10_tojikiston-qazoqiston-gardish",
            "2019-10-08_ozbekiston-qozogiston-savdo",
            "uzl-2017-09-17-visit",
        ],
    ),
    (
        "ВВП",
        &[
            "en-2023-07-kz-uz-2022",
            "2024-03-05_central-asia-trade-neighbours",
        ],
    ),
    (
        "пшеница",
        &[
            "kk-2022-01-trade-2021",
            "2025-04-10_tojikiston-qazoqiston-gardish",
            "uzc-2021-02-05-pandemic",
        ],
    ),
    (
        "соглашения",
        &[
            "2025-11-20_itogi-vizita-tashkent",
            "2024-10-03_mintaqalararo-forum",
            "uzl-2017-09-17-visit",
        ],
    ),
];

/// (query, documents it must return) on the shared corpus.
const SHARED_QUERIES: &[(&str, &[&str])] = &[
    ("Supreme Interstate Council", &["000_180a388d7fcf0697"]),
    ("Business Council", &["000_180a388d7fcf0697"]),
    ("Council of Regional Leaders", &["000_180a388d7fcf0697"]),
    ("Middle Corridor", &["002_7f93f1253ebcee15"]),
    (
        "Tokayev",
        &[
            "000_180a388d7fcf0697",
            "001_854e4821269078e4",
            "002_7f93f1253ebcee15",
        ],
    ),
    (
        "тауар айналымы",
        &["003_7d188ee27ca03755", "002_7f93f1253ebcee15"],
    ),
];

fn returned(index: &SearchIndex, query: &str) -> HashSet<String> {
    let mut req = SearchRequest::new(query);
    req.limit = 100;
    index
        .search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.name)
        .collect()
}

fn check(index: &SearchIndex, queries: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (query, expected) in queries {
        let got = returned(index, query);
        let missing: Vec<&&str> = expected.iter().filter(|d| !got.contains(**d)).collect();
        if !missing.is_empty() {
            failures.push(format!("`{query}` misses {missing:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn concept_queries_find_documents_in_every_language() {
    let docs = common::read_corpus(&common::examples_dir());
    assert!(docs.len() >= 28, "sample corpus not found or incomplete");
    let dir = tempfile::tempdir().unwrap();
    let index = common::index_docs(dir.path(), &docs);
    check(&index, EXAMPLE_QUERIES);
}

#[test]
fn exact_search_does_not_expand() {
    let docs = common::read_corpus(&common::examples_dir());
    let dir = tempfile::tempdir().unwrap();
    let index = common::index_docs(dir.path(), &docs);
    let mut req = SearchRequest::new("товарооборот");
    req.exact = true;
    req.limit = 100;
    let langs: HashSet<String> = index
        .search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.lang)
        .collect();
    assert_eq!(langs, HashSet::from(["ru".to_string()]));
}

#[test]
fn concept_queries_on_the_shared_corpus() {
    let Some(shared) = common::shared_dir() else {
        eprintln!("skipping: ../shared/corpus is absent");
        return;
    };
    let docs = common::read_corpus(&shared);
    let dir = tempfile::tempdir().unwrap();
    let index = common::index_docs(dir.path(), &docs);
    check(&index, SHARED_QUERIES);
}
