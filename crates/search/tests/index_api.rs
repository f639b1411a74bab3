//! The index through its public API, on documents written for the test:
//! adding is idempotent, the index survives reopening, filters, phrases,
//! operators, concept expansion and snippets work.

use tandem_search::{IndexDoc, SearchIndex, SearchRequest};

/// (id, name, title, date, language, text)
type TestDoc = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const DOCS: [TestDoc; 6] = [
    ("h1", "kk-visit", "Президент сапары", Some("2025-11-15"), "kk",
     "Президент Тоқаевтың Өзбекстанға сапары кезінде екі ел арасындағы тауар айналымы талқыланды. Жаңа кәсіпорындар ашылады."),
    ("h2", "ru-trade", "Товарооборот растет", Some("2024-03"), "ru",
     "Товарооборот Казахстана и Узбекистана вырос. Токаев и Мирзиёев обсудили транзит грузов через Ташкент."),
    ("h3", "uz-latn", "Savdo", Some("2023"), "uz-Latn",
     "O'zbekiston va Qozog'iston o'rtasidagi savdo aylanmasi o'sdi. Toshkentda forum bo'lib o'tdi."),
    ("h4", "en-gas", "Gas pipeline", Some("2022-06-01"), "en",
     "Kazakhstan and China signed a gas pipeline agreement. Trade turnover with Uzbekistan is growing."),
    ("h5", "tg-trade", "Гардиш", None, "tg",
     "Гардиши мол байни Тоҷикистон ва Ӯзбекистон афзуд. Лоиҳаҳои муштарак амалӣ мешаванд."),
    ("h6", "ky-trade", "Соода", Some("2025-01-20"), "ky",
     "Кыргызстан менен Өзбекстандын соода жүгүртүүсү өстү. Биргелешкен долбоорлор ишке ашты."),
];

fn docs() -> Vec<IndexDoc<'static>> {
    DOCS.iter()
        .map(|&(id, name, title, date, lang, text)| IndexDoc {
            id,
            name,
            title,
            date,
            lang,
            text,
        })
        .collect()
}

fn names(index: &SearchIndex, req: &SearchRequest) -> Vec<String> {
    let mut n: Vec<String> = index
        .search(req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.name)
        .collect();
    n.sort();
    n
}

fn q(index: &SearchIndex, query: &str) -> Vec<String> {
    names(index, &SearchRequest::new(query))
}

fn built() -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    index.add(&docs()).unwrap();
    (dir, index)
}

#[test]
fn adding_twice_replaces_and_the_index_survives_reopening() {
    let (dir, mut index) = built();
    index.add(&docs()).unwrap();
    assert_eq!(index.num_docs(), 6);
    drop(index);
    let index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(index.num_docs(), 6);
    assert_eq!(q(&index, "Tokayev"), ["kk-visit", "ru-trade"]);
}

#[test]
fn clear_empties_the_index() {
    let (_dir, mut index) = built();
    index.clear().unwrap();
    assert_eq!(index.num_docs(), 0);
    assert!(q(&index, "Tokayev").is_empty());
}

#[test]
fn names_meet_across_scripts_and_languages() {
    let (_dir, index) = built();
    for query in [
        "Өзбекстан",
        "Узбекистан",
        "Ўзбекистон",
        "O'zbekiston",
        "Uzbekistan",
        "Ӯзбекистон",
    ] {
        assert_eq!(
            q(&index, query),
            ["en-gas", "kk-visit", "ky-trade", "ru-trade", "tg-trade", "uz-latn"],
            "{query}"
        );
    }
    assert_eq!(q(&index, "Тошкент"), ["ru-trade", "uz-latn"]);
}

#[test]
fn concepts_expand_unless_exact() {
    let (_dir, index) = built();
    let all_trade = [
        "en-gas", "kk-visit", "ky-trade", "ru-trade", "tg-trade", "uz-latn",
    ];
    for query in [
        "товарооборот",
        "тауар айналымы",
        "savdo aylanmasi",
        "соода жүгүртүү",
        "гардиши мол",
        "trade turnover",
    ] {
        assert_eq!(q(&index, query), all_trade, "{query}");
    }
    let mut exact = SearchRequest::new("товарооборот");
    exact.exact = true;
    assert_eq!(names(&index, &exact), ["ru-trade"]);
}

#[test]
fn filters_by_language_and_date() {
    let (_dir, index) = built();
    let mut req = SearchRequest::new("Uzbekistan");
    req.langs = vec!["uz".into(), "ky".into()];
    assert_eq!(names(&index, &req), ["ky-trade", "uz-latn"]);
    req.langs = vec!["uz-Cyrl".into()];
    assert!(names(&index, &req).is_empty());
    req.langs = vec![];
    req.from = Some("2024".into());
    assert_eq!(names(&index, &req), ["kk-visit", "ky-trade", "ru-trade"]);
    req.to = Some("2024-12".into());
    assert_eq!(names(&index, &req), ["ru-trade"]);
    req.from = Some("2022-06".into());
    req.to = Some("2023-01-15".into());
    assert_eq!(names(&index, &req), ["en-gas", "uz-latn"]);
    req.from = Some("2024-13".into());
    assert!(index
        .search(&req)
        .unwrap_err()
        .to_string()
        .contains("--from"));
    req.from = None;
    req.langs = vec!["xx".into()];
    assert!(index
        .search(&req)
        .unwrap_err()
        .to_string()
        .contains("unknown language"));
}

#[test]
fn phrases_and_operators() {
    let (_dir, index) = built();
    assert_eq!(q(&index, "\"gas pipeline\""), ["en-gas"]);
    assert!(q(&index, "\"pipeline gas\"").is_empty());
    assert_eq!(
        q(&index, "Uzbekistan -Tokayev"),
        ["en-gas", "ky-trade", "tg-trade", "uz-latn"]
    );
    assert_eq!(q(&index, "China OR Тоҷикистон"), ["en-gas", "tg-trade"]);
    assert_eq!(q(&index, "Tokayev AND Ташкент"), ["ru-trade"]);
    assert_eq!(q(&index, "Tokayev Ташкент"), ["ru-trade"]);
}

#[test]
fn hits_carry_metadata_and_highlighted_snippets() {
    let (_dir, index) = built();
    let res = index.search(&SearchRequest::new("Tokayev")).unwrap();
    assert_eq!(res.total, 2);
    let hit = res.hits.iter().find(|h| h.name == "kk-visit").unwrap();
    assert_eq!(hit.title, "Президент сапары");
    assert_eq!(hit.date.as_deref(), Some("2025-11-15"));
    assert_eq!(hit.lang, "kk");
    assert!(hit.score > 0.0);
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(s, e)| &hit.snippet[s..e])
        .collect();
    assert_eq!(marked, ["Тоқаевтың"]);
}

#[test]
fn paging_and_limits() {
    let (_dir, index) = built();
    let mut req = SearchRequest::new("Uzbekistan");
    req.limit = 2;
    let first = index.search(&req).unwrap();
    assert_eq!((first.total, first.hits.len()), (6, 2));
    req.offset = 5;
    assert_eq!(index.search(&req).unwrap().hits.len(), 1);
    req.limit = 0;
    assert!(index.search(&req).is_err());
}

#[test]
fn stop_word_queries_are_refused_with_a_message() {
    let (_dir, index) = built();
    for query in ["и", "және the", "ва"] {
        let err = index
            .search(&SearchRequest::new(query))
            .unwrap_err()
            .to_string();
        assert!(err.contains("stop words"), "{query}: {err}");
    }
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
    let (_dir, index) = built();
    let index = std::sync::Arc::new(index);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let index = index.clone();
            std::thread::spawn(move || {
                index
                    .search(&SearchRequest::new("Tokayev"))
                    .map(|r| r.total)
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), 2);
    }
}

#[test]
fn requests_deserialize_with_defaults() {
    let req: SearchRequest = serde_json::from_str(r#"{"query":"сауда","langs":["kk"]}"#).unwrap();
    assert_eq!((req.limit, req.offset, req.exact), (10, 0, false));
}

#[test]
fn a_rebuild_is_invisible_until_committed_and_dropped_leaves_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    let all = docs();
    index.add(&all[..3]).unwrap();
    let before = q(&index, "Kazakhstan");
    assert!(!before.is_empty());

    // dropped before its commit: the index is as it was, and writable
    {
        let mut rebuild = index.rebuild().unwrap();
        rebuild.add(&all[3..]).unwrap();
    }
    index.reload().unwrap();
    assert_eq!(index.num_docs(), 3);
    assert_eq!(q(&index, "Kazakhstan"), before);
    assert!(q(&index, "pipeline").is_empty());

    // committed: exactly the documents added take the old ones' place;
    // until then another handle (a server's searches) sees the old index
    let searches = SearchIndex::open(dir.path()).unwrap();
    let mut rebuild = index.rebuild().unwrap();
    rebuild.add(&all[3..]).unwrap();
    searches.reload().unwrap();
    assert_eq!(q(&searches, "Kazakhstan"), before);
    assert!(q(&searches, "pipeline").is_empty());
    rebuild
        .commit(&tandem_search::IndexPosition {
            store: "test".into(),
            seq: 6,
        })
        .unwrap();
    assert_eq!(index.num_docs(), 3);
    searches.reload().unwrap();
    assert_eq!(q(&searches, "pipeline"), ["en-gas"]);
    assert_eq!(q(&index, "pipeline"), ["en-gas"]);
    for gone in ["h1", "h2", "h3"] {
        assert!(!index.contains(gone).unwrap(), "{gone}");
    }
    assert_eq!(index.position().unwrap().unwrap().seq, 6);
    // the index is writable afterwards
    index.add(&all[..1]).unwrap();
    assert_eq!(index.num_docs(), 4);
}
