//! The figures of documents signed at a meeting take the meeting's date.

use tandem_model::DocDate;

fn date(s: &str) -> Option<DocDate> {
    let mut p = s.split('-').map(|x| x.parse::<u32>().unwrap());
    Some(DocDate {
        year: p.next().unwrap() as i32,
        month: p.next(),
        day: p.next(),
    })
}

#[test]
fn documents_signed_at_a_visit_are_of_its_day() {
    let text = "15 ноября Президент Казахстана прибыл с государственным визитом в Узбекистан.\n\
                По итогам визита подписано 12 документов на сумму 3 млрд долларов.";
    let (mut figures, found) = tandem_events::analyse("visit", text, date("2025-11-20"));
    let signed = |figures: &[tandem_model::Figure]| -> Vec<Option<String>> {
        figures
            .iter()
            .filter(|f| f.indicator == "agreements")
            .map(|f| f.period.clone())
            .collect()
    };
    assert_eq!(signed(&figures), vec![None, None], "{figures:#?}");
    found.date_figures(&mut figures);
    let day = Some("2025-11-15".to_string());
    assert_eq!(signed(&figures), vec![day.clone(), day]);
}

#[test]
fn a_count_with_its_own_period_keeps_it() {
    let text = "В 2024 году Казахстан и Узбекистан подписали 40 соглашений.";
    let (mut figures, found) = tandem_events::analyse("year", text, date("2025-03-01"));
    found.date_figures(&mut figures);
    let f = figures
        .iter()
        .find(|f| f.indicator == "agreements")
        .unwrap();
    assert_eq!(f.period.as_deref(), Some("2024"));
}
