//! Repairs of the view, each checked through the offset map: the repaired
//! view text must map back to the exact original bytes it came from.

use tandem_text::Text;

/// Asserts that `view_part` occurs in the view and maps back to `original_part`.
fn maps(text: &Text, view_part: &str, original_part: &str) {
    let start = text
        .view()
        .find(view_part)
        .unwrap_or_else(|| panic!("{view_part:?} not in view {:?}", text.view()));
    let range = text.original_range(start..start + view_part.len());
    assert_eq!(
        &text.original()[range],
        original_part,
        "mapping of {view_part:?}"
    );
}

/// Every view char maps to a char-aligned original range, monotonically.
fn map_is_sane(text: &Text) {
    let (view, original) = (text.view(), text.original());
    let mut last = 0;
    for (i, c) in view.char_indices() {
        let r = text.original_range(i..i + c.len_utf8());
        assert!(r.start >= last, "not monotone at {i}");
        assert!(original.is_char_boundary(r.start) && original.is_char_boundary(r.end));
        last = r.start;
    }
    assert_eq!(text.to_original(view.len()), original.len());
    assert_eq!(text.original_range(0..view.len()).end, original.len());
}

fn repaired(original: &str) -> Text {
    let text = Text::new(original);
    map_is_sane(&text);
    text
}

#[test]
fn untouched_text_is_identical() {
    let original = "Экспорт өсті.\nИмпорт 5 млрд теңге.\n";
    let text = repaired(original);
    assert_eq!(text.view(), original);
    assert_eq!(text.to_original(7), 7);
}

#[test]
fn latin_word_with_cyrillic_look_alike() {
    // Cyrillic К and М, О, А inside Latin words.
    let original = "\u{41c}\u{41e}SKV\u{410}. \u{41a}azinform \u{2014} news";
    let text = repaired(original);
    assert_eq!(text.view(), "MOSKVA. Kazinform \u{2014} news");
    maps(&text, "MOSKVA", "\u{41c}\u{41e}SKV\u{410}");
    maps(&text, "Kazinform", "\u{41a}azinform");
}

#[test]
fn cyrillic_word_with_latin_look_alike() {
    let original = "Казахстaн экспорты, Aлматы";
    let text = repaired(original);
    assert_eq!(text.view(), "Казахстан экспорты, Алматы");
    maps(&text, "Казахстан", "Казахстaн");
    maps(&text, "Алматы", "Aлматы");
    maps(&text, "экспорты", "экспорты");
}

#[test]
fn kazakh_i_typed_as_latin() {
    let original = "бiлiм беру";
    let text = repaired(original);
    assert_eq!(text.view(), "білім беру");
    maps(&text, "білім", "бiлiм");
}

#[test]
fn real_mixed_tokens_stay() {
    let original = "МегаFon и Beeline, COVID-19, IT-парк";
    let text = repaired(original);
    assert_eq!(text.view(), original);
}

#[test]
fn ambiguous_word_follows_context() {
    // "СОМ" with a Latin C inside a Cyrillic sentence.
    let original = "курс к валюте \u{43}ОМ вырос";
    let text = repaired(original);
    assert_eq!(text.view(), "курс к валюте СОМ вырос");
    maps(&text, "СОМ", "\u{43}ОМ");
}

#[test]
fn uzbek_apostrophes_inside_latin_words() {
    let original = "O‘zbekiston g`alla ma’lum soʻm bo\u{2bc}ldi";
    let text = repaired(original);
    assert_eq!(text.view(), "O'zbekiston g'alla ma'lum so'm bo'ldi");
    maps(&text, "O'zbekiston", "O‘zbekiston");
    maps(&text, "'", "‘");
    maps(&text, "so'm", "soʻm");
}

#[test]
fn quotes_around_phrases_are_kept() {
    let original = "‘Yangi davr’ va ’Toshkent‘ hamda 'bir' so‘z";
    let text = repaired(original);
    assert_eq!(text.view(), "‘Yangi davr’ va ’Toshkent‘ hamda 'bir' so'z");
}

#[test]
fn odd_spaces_become_spaces() {
    let original = "5\u{a0}млрд теңге, 1\u{2009}000 тонна\u{202f}көмір";
    let text = repaired(original);
    assert_eq!(text.view(), "5 млрд теңге, 1 000 тонна көмір");
    maps(&text, "5 млрд", "5\u{a0}млрд");
    maps(&text, "1 000", "1\u{2009}000");
}

#[test]
fn invisible_characters_are_dropped() {
    let original = "\u{feff}ынтымақ\u{ad}тастық";
    let text = repaired(original);
    assert_eq!(text.view(), "ынтымақтастық");
    maps(&text, "ынтымақтастық", "ынтымақ\u{ad}тастық");
}

#[test]
fn nfc() {
    // е + combining diaeresis, й as и + combining breve.
    let original = "вс\u{435}\u{308} и\u{306}ил";
    let text = repaired(original);
    assert_eq!(text.view(), "всё йил");
    maps(&text, "всё", "вс\u{435}\u{308}");
    maps(&text, "йил", "и\u{306}ил");
}

#[test]
fn line_terminators_become_newlines() {
    let original = "Бір.\r\nЕкі.\rҮш.\u{2029}Төрт.";
    let text = repaired(original);
    assert_eq!(text.view(), "Бір.\nЕкі.\nҮш.\nТөрт.");
    maps(&text, "Екі.\n", "Екі.\r");
    maps(&text, "Бір.\n", "Бір.\r\n");
}

/// Text laid out like PDF extraction: soft wraps end with a space.
const WRAPPED: &str = "Мақалада екі ел арасындағы сауда-\n\
экономикалық байланыстар мен өзара іс-\n\
қимыл тәжірибесі талданады. Президент \n\
Қасым-Жомарт Тоқаев бизнес-\n\
қоғамдастық өкілдерімен кездесті, қарым-\n\
қатынас нығайды. Өңірлік ынтымақтас-\n\
тық дамып, жаңа жобалар басталды. \n\
Ақ пен сары түстер, ақ-\n\
сары ту желбіреді.\n\
\n\
Келесі абзац осы жерден \n\
басталады. Президент Қасым-\n\
Жомарт Тоқаев сөз сөйледі.\n";

#[test]
fn hyphenated_words_across_lines() {
    let text = repaired(WRAPPED);
    let view = text.view();
    for kept in [
        "сауда-экономикалық",
        "іс-қимыл",
        "Қасым-Жомарт",
        "бизнес-қоғамдастық",
        "қарым-қатынас",
        "ақ-сары",
    ] {
        assert!(view.contains(kept), "{kept} missing in {view}");
    }
    assert!(view.contains("Өңірлік ынтымақтастық дамып"), "{view}");
    maps(&text, "ынтымақтастық", "ынтымақтас-\nтық");
    maps(&text, "іс-қимыл", "іс-\nқимыл");
    maps(
        &text,
        "Қасым-Жомарт Тоқаев сөз",
        "Қасым-\nЖомарт Тоқаев сөз",
    );
}

#[test]
fn wrapped_lines_join_into_paragraphs() {
    let text = repaired(WRAPPED);
    let lines: Vec<&str> = text.view().lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].ends_with("ақ-сары ту желбіреді."));
    assert_eq!(
        lines[1],
        "Келесі абзац осы жерден басталады. Президент Қасым-Жомарт Тоқаев сөз сөйледі."
    );
    maps(&text, "басталды. Ақ", "басталды. \nАқ");
    maps(&text, "жерден басталады", "жерден \nбасталады");
}

#[test]
fn joined_form_elsewhere_means_split_word() {
    let original = "Өнімдері сапалы. Зауыттың өнім-\n\
дері экспортқа шығады, өнім көп. \n\
Барлығы жақсы.\n";
    let text = repaired(original);
    assert!(
        text.view().contains("Зауыттың өнімдері экспортқа"),
        "{}",
        text.view()
    );
    maps(&text, "өнімдері экспортқа", "өнім-\nдері экспортқа");
}

#[test]
fn page_break_inside_sentence_is_joined() {
    let original = "Екі ел арасындағы байланыс \n\
жыл сайын нығайып, сауда \n\
\n\
айналымы өсіп келеді.\n\
\n\
Жаңа бөлім.\n";
    let text = repaired(original);
    assert_eq!(
        text.view(),
        "Екі ел арасындағы байланыс жыл сайын нығайып, сауда айналымы өсіп келеді.\n\nЖаңа бөлім.\n"
    );
    maps(&text, "сауда айналымы", "сауда \n\nайналымы");
}

#[test]
fn news_lines_are_not_merged() {
    let original = "АСТАНА. Экспорт биыл 12% өсті, деп хабарлады министрлік.\n\
Өңірлік ынтымақтастық\n\
Қазақстан мен Өзбекстан сауда айналымын 10 млрд долларға жеткізуді көздейді.\n\
Сарапшылардың пікірінше, бұл межеге 2030 жылға дейін жетуге болады.\n";
    let text = repaired(original);
    assert_eq!(text.view(), original);
}

#[test]
fn numbered_lists_in_wrapped_text_stay_apart() {
    let original = "Зерттеу үш кезеңге бөлінеді, олардың әрқайсысы \n\
өз ерекшелігімен сипатталады: \n\
1. Бірінші кезеңде байланыс орнады \n\
2. Екінші кезеңде сауда өсті \n\
3. Үшінші кезеңде жобалар басталды\n";
    let text = repaired(original);
    let lines: Vec<&str> = text.view().lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[1].starts_with("1. Бірінші"));
    maps(&text, "әрқайсысы өз", "әрқайсысы \nөз");
}
