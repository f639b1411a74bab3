//! Read queries and the knowledge base against real stores: a SQLite file
//! and, when `TANDEM_TEST_PG` is set, a PostgreSQL database.

use tandem_kb::{KnowledgeBase, SeriesQuery, Sides, Tolerance};
use tandem_model::{DocDate, Figure};
use tandem_store::testing::locations;
use tandem_store::{DocumentFilter, FigureFilter, NewDocument, ParagraphRow, Store};

fn figure(text: &str, doc_text: &str, value: f64, spec: [&str; 7]) -> Figure {
    let start = doc_text.find(text).unwrap_or(0);
    let [indicator, subject, partner, measure, kind, period, unit] = spec;
    let opt = |s: &str| (s != "-").then(|| s.to_owned());
    Figure {
        doc: String::new(),
        text: text.to_owned(),
        occurrence: 1,
        value,
        value_max: None,
        unit: unit.to_owned().into(),
        approx: "exact".to_owned().into(),
        indicator: indicator.to_owned().into(),
        measure: measure.to_owned().into(),
        subject: opt(subject).map(Into::into),
        partner: opt(partner).map(Into::into),
        kind: kind.to_owned().into(),
        period: opt(period),
        product: None,
        start,
        end: start + text.len(),
        sentence: doc_text.to_owned(),
        source_kind: Default::default(),
        cell: None,
    }
}

fn doc(
    id: &str,
    source: &str,
    date: &str,
    lang: &str,
    text: &str,
    figures: Vec<Figure>,
) -> NewDocument {
    NewDocument {
        id: id.to_owned(),
        name: source.to_owned(),
        source: source.to_owned(),
        url: None,
        title: Some(format!("Title of {source}")),
        date: DocDate::parse(date),
        language: lang.to_owned(),
        format: "txt".to_owned(),
        text: text.to_owned(),
        paragraphs: vec![ParagraphRow {
            start: 0,
            end: text.len(),
            language: lang.to_owned(),
        }],
        sentences: vec![],
        figures,
        events: Vec::new(),
        agreements: Vec::new(),
        projects: Vec::new(),
    }
}

/// The same documents stored on each engine under test.
fn stores() -> (tempfile::TempDir, Vec<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let all = locations(dir.path()).iter().map(filled).collect();
    (dir, all)
}

fn filled(db: &tandem_store::Location) -> Store {
    let mut store = Store::open(db).unwrap();
    let t1 = "Товарооборот в 2024 году составил 4 млрд долларов.";
    let t2 = "Trade turnover in 2024 reached $4.6 bn, with a $10 bn goal by 2030.";
    let t2_old = "Trade turnover in 2024 reached $9.9 bn.";
    store
        .insert_batch(&[
            doc(
                "h1",
                "ru-a",
                "2025-02-11",
                "ru",
                t1,
                vec![figure(
                    "4 млрд долларов",
                    t1,
                    4.0e9,
                    [
                        "trade.turnover",
                        "KZ",
                        "UZ",
                        "level",
                        "actual",
                        "2024",
                        "USD",
                    ],
                )],
            ),
            doc(
                "h0",
                "en-b",
                "2025-03-01",
                "en",
                t2_old,
                vec![figure(
                    "$9.9 bn",
                    t2_old,
                    9.9e9,
                    [
                        "trade.turnover",
                        "UZ",
                        "KZ",
                        "level",
                        "actual",
                        "2024",
                        "USD",
                    ],
                )],
            ),
        ])
        .unwrap();
    // A new version of en-b supersedes the old one: its 9.9 bn must no longer count.
    store
        .insert_batch(&[doc(
            "h2",
            "en-b",
            "2025-03-02",
            "en",
            t2,
            vec![
                figure(
                    "$4.6 bn",
                    t2,
                    4.6e9,
                    [
                        "trade.turnover",
                        "UZ",
                        "KZ",
                        "level",
                        "actual",
                        "2024",
                        "USD",
                    ],
                ),
                figure(
                    "$10 bn",
                    t2,
                    10.0e9,
                    [
                        "trade.turnover",
                        "KZ",
                        "UZ",
                        "level",
                        "target",
                        "..2030",
                        "USD",
                    ],
                ),
            ],
        )])
        .unwrap();
    store
}

#[test]
fn figures_filter_page_and_skip_superseded_versions() {
    let (_dir, all) = stores();
    for store in &all {
        let all = store.figures(&FigureFilter::default()).unwrap();
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|r| r.figure.value != 9.9e9));
        let en = FigureFilter {
            language: Some("en".into()),
            ..FigureFilter::default()
        };
        assert_eq!(store.count_figures(&en).unwrap(), 2);
        let targets = FigureFilter {
            kind: Some("target".into()),
            country: Some("UZ".into()),
            ..FigureFilter::default()
        };
        let t = store.figures(&targets).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].figure.period.as_deref(), Some("..2030"));
        assert_eq!(t[0].document.title.as_deref(), Some("Title of en-b"));
        let page = FigureFilter {
            limit: Some(1),
            offset: 1,
            ..FigureFilter::default()
        };
        assert_eq!(store.figures(&page).unwrap().len(), 1);
        let old = FigureFilter {
            document: Some("h0".into()),
            ..FigureFilter::default()
        };
        assert_eq!(
            store.figures(&old).unwrap().len(),
            1,
            "an explicit document shows even an old version"
        );
        let one = store.figure(all[0].id).unwrap().unwrap();
        assert_eq!(one, all[0]);
        assert!(store.figure(999_999).unwrap().is_none());
    }
}

#[test]
fn documents_list_and_detail() {
    let (_dir, all) = stores();
    for store in &all {
        let (total, docs) = store
            .documents(&DocumentFilter {
                limit: 10,
                ..DocumentFilter::default()
            })
            .unwrap();
        assert_eq!(total, 2);
        assert_eq!(docs[0].id, "h2", "newest first");
        assert_eq!(docs[0].figures, 2);
        let (total_all, _) = store
            .documents(&DocumentFilter {
                limit: 10,
                all_versions: true,
                ..DocumentFilter::default()
            })
            .unwrap();
        assert_eq!(total_all, 3);
        let d = store.document("h2").unwrap().unwrap();
        assert_eq!(d.figures.len(), 2);
        assert_eq!(d.paragraphs.len(), 1);
        let f = &d.figures[0].figure;
        assert_eq!(&d.text[f.start..f.end], f.text);
        let by_name = store.document("en-b").unwrap().unwrap();
        assert_eq!(by_name.summary.id, "h2", "a name finds the current version");
        assert!(store.document("nope").unwrap().is_none());
        let per = store.figure_counts().unwrap().per_indicator;
        assert_eq!(per, vec![("trade.turnover".to_owned(), 3)]);
    }
}

#[test]
fn fingerprint_changes_when_a_version_is_added() {
    let (_dir, mut all) = stores();
    for store in &mut all {
        let before = store.fingerprint().unwrap();
        assert_eq!(before, store.fingerprint().unwrap());
        let text = "No figures here.";
        store
            .insert_batch(&[doc("h3", "en-b", "2025-03-03", "en", text, vec![])])
            .unwrap();
        assert_ne!(
            before,
            store.fingerprint().unwrap(),
            "a superseding version without figures still counts"
        );
    }
}

#[test]
fn knowledge_base_from_the_store() {
    let (_dir, all) = stores();
    for store in &all {
        let kb = KnowledgeBase::load(store, Tolerance::default()).unwrap();
        let sides = Sides::parse("trade.turnover", "KZ-UZ").unwrap();
        let series = kb.series(&SeriesQuery {
            indicator: Some("trade.turnover".into()),
            sides: Some(sides.clone()),
            ..SeriesQuery::default()
        });
        assert_eq!(series.len(), 1);
        let p = &series[0].points[0].fact;
        assert_eq!(p.documents, 2);
        assert!(p.conflict, "4.0 vs 4.6 bn");
        assert_eq!(
            p.reported.value, 4.6e9,
            "a tie goes to the most recent document"
        );
        assert_eq!(kb.conflicts(Some("trade.turnover"), Some(&sides)).len(), 1);
        let targets = kb.targets();
        assert_eq!(targets.len(), 1);
        assert!(targets[0].progress.is_some());
    }
}
