//! Tables flattened to text: column scales and units come from the header.

#[test]
fn table_cells_take_scale_unit_and_country_from_header_and_rows() {
    let text = "Кесте 2. Елдердің көрсеткіштері, 2024 ж.\n\nЕл Аумағы\n(млн. км²)\n\nХалық саны\n(млн.)\n\nЖІӨ\n(млрд АҚШ долл.)\nҚазақстан 2,725 20,3 288,1\nӨзбекстан 0,449 37,5 114,9\n";
    let figs = tandem_extract::extract("t", &tandem_text::analyze(text), None);
    let find = |t: &str| {
        figs.iter()
            .find(|f| f.text == t)
            .unwrap_or_else(|| panic!("no {t}: {figs:?}"))
    };
    let area = find("2,725");
    assert_eq!(
        (area.value, &*area.unit, &*area.indicator),
        (2_725_000.0, "km2", "area")
    );
    assert_eq!(area.subject.as_deref(), Some("KZ"));
    assert_eq!(area.period.as_deref(), Some("2024"));
    let people = find("37,5");
    assert_eq!(
        (people.value, &*people.unit, &*people.indicator),
        (37_500_000.0, "person", "population")
    );
    assert_eq!(people.subject.as_deref(), Some("UZ"));
    let gdp = find("114,9");
    assert_eq!(
        (gdp.value, &*gdp.unit, &*gdp.indicator),
        (114_900_000_000.0, "USD", "gdp")
    );
    assert_eq!(figs.len(), 6);
}

#[test]
fn rows_run_together_on_one_line_are_still_rows() {
    let text = "Ел Аумағы\n(млн. км²)\n\nХалық саны\n(млн.)\nҚазақстан 2,725 20,3 Өзбекстан 0,449 37,5 Қырғызстан 0,2 7,2\n";
    let figs = tandem_extract::extract("t", &tandem_text::analyze(text), None);
    assert_eq!(figs.len(), 6, "{figs:?}");
    let kg = figs
        .iter()
        .find(|f| f.text == "7,2")
        .map(|f| (f.value, f.subject.as_deref()));
    assert_eq!(kg, Some((7_200_000.0, Some("KG"))));
}
