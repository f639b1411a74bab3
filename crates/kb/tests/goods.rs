//! Goods and measures keep figures apart, against a real store: exports of
//! wheat and of cement between the same countries in the same year are two
//! facts (never a conflict), and an absolute change ("exports rose by
//! $420.7 million") never becomes a point of a level series.

use tandem_kb::{Goods, KnowledgeBase, SeriesQuery, Sides, Tolerance};
use tandem_model::{DocDate, Figure};
use tandem_store::testing::locations;
use tandem_store::{FigureFilter, NewDocument, ParagraphRow, Store};

/// `spec`: indicator subject partner measure kind period unit product,
/// `-` for a missing side, period or product.
fn figure(text: &str, doc_text: &str, value: f64, spec: &str) -> Figure {
    let p: Vec<&str> = spec.split_whitespace().collect();
    let opt = |s: &str| (s != "-").then(|| s.to_owned());
    let start = doc_text
        .find(text)
        .unwrap_or_else(|| panic!("{text} not in {doc_text}"));
    Figure {
        doc: String::new(),
        text: text.to_owned(),
        occurrence: 1,
        value,
        value_max: None,
        unit: p[6].to_owned().into(),
        approx: "exact".to_owned().into(),
        indicator: p[0].to_owned().into(),
        measure: p[3].to_owned().into(),
        subject: opt(p[1]).map(Into::into),
        partner: opt(p[2]).map(Into::into),
        kind: p[4].to_owned().into(),
        period: opt(p[5]),
        product: opt(p[7]).map(Into::into),
        start,
        end: start + text.len(),
        sentence: doc_text.to_owned(),
        source_kind: Default::default(),
        cell: None,
    }
}

fn doc(id: &str, date: &str, text: &str, figures: Vec<Figure>) -> NewDocument {
    NewDocument {
        id: id.to_owned(),
        name: id.to_owned(),
        source: format!("goods/{id}.txt"),
        url: None,
        title: Some(format!("Title of {id}")),
        date: DocDate::parse(date),
        language: "en".to_owned(),
        format: "txt".to_owned(),
        text: text.to_owned(),
        paragraphs: vec![ParagraphRow {
            start: 0,
            end: text.len(),
            language: "en".to_owned(),
        }],
        sentences: vec![],
        figures,
        events: Vec::new(),
        agreements: Vec::new(),
        projects: Vec::new(),
    }
}

/// `docs` stored on each engine under test, with the knowledge base built from each.
fn kb_of(docs: &[NewDocument]) -> (tempfile::TempDir, Vec<(Store, KnowledgeBase)>) {
    let dir = tempfile::tempdir().unwrap();
    let all = locations(dir.path())
        .iter()
        .map(|db| {
            let mut store = Store::open(db).unwrap();
            store.insert_batch(docs).unwrap();
            let kb = KnowledgeBase::load(&store, Tolerance::default()).unwrap();
            (store, kb)
        })
        .collect();
    (dir, all)
}

fn grain_and_cement() -> Vec<NewDocument> {
    let a = "In 2024 Kazakhstan exported 1.2 million tonnes of wheat and 0.4 million tonnes of cement to Uzbekistan.";
    let b = "Kazakh wheat exports to Uzbekistan reached 1.2 million tonnes in 2024.";
    vec![
        doc(
            "a",
            "2025-02-01",
            a,
            vec![
                figure(
                    "1.2 million tonnes",
                    a,
                    1.2e6,
                    "trade.export KZ UZ level actual 2024 tonne 10",
                ),
                figure(
                    "0.4 million tonnes",
                    a,
                    0.4e6,
                    "trade.export KZ UZ level actual 2024 tonne 25",
                ),
            ],
        ),
        doc(
            "b",
            "2025-03-01",
            b,
            vec![figure(
                "1.2 million tonnes",
                b,
                1.2e6,
                "trade.export KZ UZ level actual 2024 tonne 10",
            )],
        ),
    ]
}

#[test]
fn wheat_and_cement_exports_of_the_same_pair_and_year_are_not_a_conflict() {
    let (_dir, all) = kb_of(&grain_and_cement());
    for (store, kb) in &all {
        assert!(
            kb.conflicts(None, None).is_empty(),
            "1.2 mln t of wheat and 0.4 mln t of cement do not disagree"
        );
        let exports = kb.series(&SeriesQuery {
            indicator: Some("trade.export".into()),
            sides: Some(Sides::parse("trade.export", "KZ-UZ").unwrap()),
            ..SeriesQuery::default()
        });
        let products: Vec<Option<&str>> = exports.iter().map(|s| s.product.as_deref()).collect();
        assert_eq!(products, [Some("10"), Some("25")], "one series per goods");
        assert_eq!(exports[0].points[0].fact.documents, 2);
        assert_eq!(exports[1].points[0].fact.reported.value, 0.4e6);

        let wheat = kb.series(&SeriesQuery {
            indicator: Some("trade.export".into()),
            product: Some(Goods::parse("10").unwrap()),
            ..SeriesQuery::default()
        });
        assert_eq!(wheat.len(), 1);
        assert_eq!(wheat[0].points[0].fact.reported.value, 1.2e6);
        let all_goods = kb.series(&SeriesQuery {
            product: Some(Goods::Unspecified),
            ..SeriesQuery::default()
        });
        assert!(all_goods.is_empty(), "no figure is about all goods here");

        // The store hands the product back and filters by it.
        let cement = FigureFilter {
            product: Some(Goods::Chapter("25".into())),
            ..FigureFilter::default()
        };
        let rows = store.figures(&cement).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].figure.product.as_deref(), Some("25"));
        let none = FigureFilter {
            product: Some(Goods::Unspecified),
            ..FigureFilter::default()
        };
        assert_eq!(store.count_figures(&none).unwrap(), 0);
        assert_eq!(
            store.figure_counts().unwrap().per_product,
            [(Some("10".to_owned()), 2), (Some("25".to_owned()), 1)]
        );
    }
}

#[test]
fn a_real_disagreement_about_one_good_is_still_a_conflict() {
    let mut docs = grain_and_cement();
    let c = "Wheat exports from Kazakhstan to Uzbekistan were 1.5 million tonnes in 2024.";
    docs.push(doc(
        "c",
        "2025-04-01",
        c,
        vec![figure(
            "1.5 million tonnes",
            c,
            1.5e6,
            "trade.export KZ UZ level actual 2024 tonne 10",
        )],
    ));
    let (_dir, all) = kb_of(&docs);
    for (_store, kb) in &all {
        let conflicts = kb.conflicts(None, None);
        assert_eq!(conflicts.len(), 1);
        let fact = conflicts[0];
        assert_eq!(fact.key.product.as_deref(), Some("10"));
        assert_eq!(fact.sources.len(), 3, "every wheat source, no cement one");
        assert!(fact
            .sources
            .iter()
            .all(|s| s.figure.product.as_deref() == Some("10")));
        assert_eq!(fact.reported.value, 1.2e6, "two documents against one");
    }
}

#[test]
fn an_absolute_change_never_enters_a_level_series() {
    let a = "Kazakhstan's exports to Uzbekistan reached $2.6 billion in 2024 and rose by $420.7 million. Imports were $1.4 billion, turnover $4 billion.";
    let b = "In 2023 Kazakh exports to Uzbekistan were $2.18 billion.";
    let docs = vec![
        doc(
            "a",
            "2025-02-01",
            a,
            vec![
                figure(
                    "$2.6 billion",
                    a,
                    2.6e9,
                    "trade.export KZ UZ level actual 2024 USD -",
                ),
                figure(
                    "$420.7 million",
                    a,
                    420.7e6,
                    "trade.export KZ UZ change_abs actual 2024 USD -",
                ),
                figure(
                    "$1.4 billion",
                    a,
                    1.4e9,
                    "trade.import KZ UZ level actual 2024 USD -",
                ),
                figure(
                    "$4 billion",
                    a,
                    4.0e9,
                    "trade.turnover KZ UZ level actual 2024 USD -",
                ),
            ],
        ),
        doc(
            "b",
            "2024-02-01",
            b,
            vec![figure(
                "$2.18 billion",
                b,
                2.18e9,
                "trade.export KZ UZ level actual 2023 USD -",
            )],
        ),
    ];
    let (_dir, all) = kb_of(&docs);
    for (_store, kb) in &all {
        let levels = kb.series(&SeriesQuery {
            indicator: Some("trade.export".into()),
            measure: Some("level".into()),
            ..SeriesQuery::default()
        });
        assert_eq!(levels.len(), 1);
        let values: Vec<f64> = levels[0]
            .points
            .iter()
            .map(|p| p.fact.reported.value)
            .collect();
        assert_eq!(values, [2.18e9, 2.6e9], "the $420.7 million is not a level");
        assert!(levels[0].points.iter().all(
            |p| !p.fact.conflict && p.fact.sources.iter().all(|s| s.figure.measure == "level")
        ));
        assert!(kb.conflicts(None, None).is_empty());
        let changes = kb.series(&SeriesQuery {
            indicator: Some("trade.export".into()),
            measure: Some("change_abs".into()),
            ..SeriesQuery::default()
        });
        assert_eq!(
            changes.len(),
            1,
            "absolute changes are a series of their own"
        );
        assert_eq!(changes[0].points[0].fact.reported.value, 420.7e6);
        // Export + import = turnover uses the levels only, and passes.
        let sums: Vec<_> = kb
            .checks()
            .iter()
            .filter(|c| c.check == "trade_sum")
            .collect();
        assert_eq!(sums.len(), 1);
        assert!(sums[0].pass, "{:?}", sums[0]);
        assert!(sums[0].inputs.iter().all(|i| i.key.measure == "level"));
    }
}

#[test]
fn checks_and_targets_stay_within_one_good() {
    let a = "In 2024 trade between Kazakhstan and Uzbekistan was $4 billion; Kazakhstan exported $0.3 billion of wheat and imported $0.1 billion of wheat. The goal is 2 million tonnes of wheat by 2030; 1.2 million tonnes of wheat and 3 million tonnes of cement were shipped in 2024.";
    let docs = vec![doc(
        "a",
        "2025-02-01",
        a,
        vec![
            figure(
                "$4 billion",
                a,
                4.0e9,
                "trade.turnover KZ UZ level actual 2024 USD -",
            ),
            figure(
                "$0.3 billion",
                a,
                0.3e9,
                "trade.export KZ UZ level actual 2024 USD 10",
            ),
            figure(
                "$0.1 billion",
                a,
                0.1e9,
                "trade.import KZ UZ level actual 2024 USD 10",
            ),
            figure(
                "2 million tonnes",
                a,
                2.0e6,
                "trade.export KZ UZ level target ..2030 tonne 10",
            ),
            figure(
                "1.2 million tonnes",
                a,
                1.2e6,
                "trade.export KZ UZ level actual 2024 tonne 10",
            ),
            figure(
                "3 million tonnes",
                a,
                3.0e6,
                "trade.export KZ UZ level actual 2024 tonne 25",
            ),
        ],
    )];
    let (_dir, all) = kb_of(&docs);
    for (_store, kb) in &all {
        assert!(
            kb.checks().iter().all(|c| c.check != "trade_sum"),
            "wheat flows are not summed against the turnover of all goods"
        );
        let targets = kb.targets();
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].product.as_deref(), Some("10"));
        let p = targets[0].progress.as_ref().unwrap();
        assert_eq!(p.actual, 1.2e6, "set against wheat, not cement");
        assert!(!p.reached);
    }
}
