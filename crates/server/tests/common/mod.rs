//! A small store of hand-written documents for the server's tests and
//! benchmark: KZ–UZ turnover, exports and imports, a growth rate, and
//! targets restated and changed, in Russian, English and Kazakh.

use std::path::{Path, PathBuf};

use tandem_model::{DocDate, Figure};
use tandem_store::{Location, NewDocument, ParagraphRow, SentenceRow, Store};

/// (text as written, value, indicator, subject, partner, measure, kind, period, unit)
pub type Spec = (
    &'static str,
    f64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// A document `id` whose figures are written `specs` (each found in `text`).
pub fn doc(
    id: &str,
    name: &str,
    date: &str,
    lang: &str,
    title: &str,
    text: &str,
    specs: &[Spec],
) -> NewDocument {
    let opt = |s: &str| (s != "-").then(|| s.to_owned());
    let figures = specs
        .iter()
        .map(
            |&(t, value, indicator, subject, partner, measure, kind, period, unit)| {
                let start = text
                    .find(t)
                    .unwrap_or_else(|| panic!("fixture text lacks {t}"));
                Figure {
                    doc: id.to_owned(),
                    text: t.to_owned(),
                    occurrence: 1,
                    value,
                    value_max: None,
                    unit: unit.into(),
                    approx: "exact".into(),
                    indicator: indicator.into(),
                    measure: measure.into(),
                    subject: (subject != "-").then_some(subject.into()),
                    partner: (partner != "-").then_some(partner.into()),
                    kind: kind.into(),
                    period: opt(period),
                    product: None,
                    start,
                    end: start + t.len(),
                    sentence: text.to_owned(),
                    source_kind: Default::default(),
                    cell: None,
                }
            },
        )
        .collect();
    NewDocument {
        id: id.to_owned(),
        name: name.to_owned(),
        source: format!("fixture/{name}.txt"),
        url: None,
        title: Some(title.to_owned()),
        date: DocDate::parse(date),
        language: lang.to_owned(),
        format: "txt".to_owned(),
        text: text.to_owned(),
        paragraphs: vec![ParagraphRow {
            start: 0,
            end: text.len(),
            language: lang.to_owned(),
        }],
        sentences: vec![SentenceRow {
            paragraph: 0,
            start: 0,
            end: text.len(),
        }],
        figures,
        events: Vec::new(),
        agreements: Vec::new(),
        projects: Vec::new(),
    }
}

/// The fixture documents.
pub fn documents() -> Vec<NewDocument> {
    vec![
        doc(
            "a1",
            "ru-turnover-2024",
            "2025-02-11",
            "ru",
            "Товарооборот Казахстана и Узбекистана в 2024 году",
            "Товарооборот Казахстана и Узбекистана в 2024 году составил 4 млрд долларов, на 9,1% меньше, чем в 2023 году, когда он достиг 4,4 млрд долларов. Экспорт Казахстана в Узбекистан составил 2,6 млрд долларов, импорт из Узбекистана — 1,4 млрд долларов. Стороны хотят довести товарооборот до 10 млрд долларов к 2030 году.",
            &[
                ("4 млрд долларов", 4.0e9, "trade.turnover", "KZ", "UZ", "level", "actual", "2024", "USD"),
                ("9,1%", -9.1, "trade.turnover", "KZ", "UZ", "change_pct", "actual", "2024", "percent"),
                ("4,4 млрд долларов", 4.4e9, "trade.turnover", "KZ", "UZ", "level", "actual", "2023", "USD"),
                ("2,6 млрд долларов", 2.6e9, "trade.export", "KZ", "UZ", "level", "actual", "2024", "USD"),
                ("1,4 млрд долларов", 1.4e9, "trade.import", "KZ", "UZ", "level", "actual", "2024", "USD"),
                ("10 млрд долларов", 1.0e10, "trade.turnover", "KZ", "UZ", "level", "target", "..2030", "USD"),
            ],
        ),
        doc(
            "b2",
            "en-nine-months-2025",
            "2025-11-16",
            "en",
            "Kazakhstan and Uzbekistan aim for $10 bn",
            "Trade between Uzbekistan and Kazakhstan reached $3.4 bn in January-September 2025, up 18%. For the whole of 2024 the figure was $3.8 bn. The goal remains $10 bn by 2030.",
            &[
                ("$3.4 bn", 3.4e9, "trade.turnover", "UZ", "KZ", "level", "actual", "2025-01..2025-09", "USD"),
                ("18%", 18.0, "trade.turnover", "UZ", "KZ", "change_pct", "actual", "2025-01..2025-09", "percent"),
                ("$3.8 bn", 3.8e9, "trade.turnover", "UZ", "KZ", "level", "actual", "2024", "USD"),
                ("$10 bn", 1.0e10, "trade.turnover", "UZ", "KZ", "level", "target", "..2030", "USD"),
            ],
        ),
        doc(
            "c3",
            "kk-target-2020",
            "2018-04-12",
            "kk",
            "Тауар айналымы 5 млрд долларға жетеді",
            "Қазақстан мен Өзбекстан тауар айналымын 2020 жылға қарай 5 млрд долларға жеткізуді көздейді. 2017 жылы тауар айналымы 2 млрд доллар болды.",
            &[
                ("5 млрд долларға", 5.0e9, "trade.turnover", "KZ", "UZ", "level", "target", "..2020", "USD"),
                ("2 млрд доллар", 2.0e9, "trade.turnover", "KZ", "UZ", "level", "actual", "2017", "USD"),
            ],
        ),
    ]
}

/// Creates a store of `docs` in `dir` and returns its path.
pub fn build_store(dir: &Path, docs: &[NewDocument]) -> PathBuf {
    let path = dir.join("fixture.db");
    fill_store(&Location::Sqlite(path.clone()), docs);
    path
}

/// Stores `docs` in the store at `db` (SQLite or PostgreSQL).
pub fn fill_store(db: &Location, docs: &[NewDocument]) {
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("fixture store: {e}"));
    store
        .insert_batch(docs)
        .unwrap_or_else(|e| panic!("fixture insert: {e}"));
}

/// `copies` variations of the fixture documents (distinct ids, shifted
/// values), for load measurements on a store of realistic size.
pub fn synthetic(copies: usize) -> Vec<NewDocument> {
    let mut out = Vec::new();
    for i in 0..copies {
        for mut d in documents() {
            d.id = format!("{}-{i}", d.id);
            d.name = format!("{}-{i}", d.name);
            d.source = format!("synthetic/{}.txt", d.name);
            for f in &mut d.figures {
                f.doc = d.id.clone();
                f.value *= 1.0 + (i % 7) as f64 * 0.01;
            }
            out.push(d);
        }
    }
    out
}
