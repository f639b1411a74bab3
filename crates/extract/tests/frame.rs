//! The report frame, per language: a report sets whose trade, with whom,
//! over which period and which indicator once; the paragraphs after it
//! fill it in (the frame is carried), and a sentence naming a new period
//! or country replaces that part for itself and what follows.
//!
//! Each document below is written for this test: four paragraphs, the
//! first sets the frame (a country's total over nine months of 2025), the
//! second carries it (exports to a neighbour, no period named), the third
//! replaces period and partner (2024, trade with China), the fourth carries
//! the new frame (imports from China).

use tandem_model::{DocDate, Figure};

fn figures(text: &str) -> Vec<Figure> {
    let date = DocDate::parse("2025-11-15");
    tandem_extract::extract("frame", &tandem_text::analyze(text), date)
}

/// (text of the figure, indicator, subject, partner, period)
type Want<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn check(lang: &str, text: &str, want: &[Want]) {
    let figs = figures(text);
    for (t, ind, subject, partner, period) in want {
        let f = figs
            .iter()
            .find(|f| f.text == *t)
            .unwrap_or_else(|| panic!("{lang}: no figure `{t}` in {figs:#?}"));
        let got = (
            &*f.indicator,
            f.subject.as_deref(),
            f.partner.as_deref(),
            f.period.as_deref(),
        );
        assert_eq!(got, (*ind, *subject, *partner, *period), "{lang}: `{t}`");
    }
}

const NINE_MONTHS: Option<&str> = Some("2025-01..2025-09");

#[test]
fn russian_frame_is_set_carried_and_replaced() {
    check(
        "ru",
        "Внешнеторговый оборот Казахстана за январь-сентябрь 2025 года составил 60 млрд долларов.\n\n\
         Экспорт в Узбекистан достиг 2,1 млрд долларов.\n\n\
         В 2024 году товарооборот с Китаем составил 44 млрд долларов.\n\n\
         Импорт из Китая составил 20 млрд долларов.",
        &[
            ("60 млрд долларов", "trade.turnover", Some("KZ"), None, NINE_MONTHS),
            ("2,1 млрд долларов", "trade.export", Some("KZ"), Some("UZ"), NINE_MONTHS),
            ("44 млрд долларов", "trade.turnover", Some("KZ"), Some("CN"), Some("2024")),
            ("20 млрд долларов", "trade.import", Some("KZ"), Some("CN"), Some("2024")),
        ],
    );
}

#[test]
fn english_frame_is_set_carried_and_replaced() {
    check(
        "en",
        "Kazakhstan's foreign trade turnover in January-September 2025 amounted to $60 billion.\n\n\
         Exports to Uzbekistan reached $2.1 billion.\n\n\
         In 2024 trade with China amounted to $44 billion.\n\n\
         Imports from China were $20 billion.",
        &[
            ("$60 billion", "trade.turnover", Some("KZ"), None, NINE_MONTHS),
            ("$2.1 billion", "trade.export", Some("KZ"), Some("UZ"), NINE_MONTHS),
            ("$44 billion", "trade.turnover", Some("KZ"), Some("CN"), Some("2024")),
            ("$20 billion", "trade.import", Some("KZ"), Some("CN"), Some("2024")),
        ],
    );
}

#[test]
fn kazakh_frame_is_set_carried_and_replaced() {
    check(
        "kk",
        "2025 жылдың қаңтар-қыркүйек айларында Қазақстанның сыртқы сауда айналымы 60 млрд долларды құрады.\n\n\
         Өзбекстанға экспорт 2,1 млрд долларға жетті.\n\n\
         2024 жылы Қытаймен тауар айналымы 44 млрд долларды құрады.\n\n\
         Қытайдан импорт 20 млрд долларды құрады.",
        &[
            ("60 млрд долларды", "trade.turnover", Some("KZ"), None, NINE_MONTHS),
            ("2,1 млрд долларға", "trade.export", Some("KZ"), Some("UZ"), NINE_MONTHS),
            ("44 млрд долларды", "trade.turnover", Some("KZ"), Some("CN"), Some("2024")),
            ("20 млрд долларды", "trade.import", Some("KZ"), Some("CN"), Some("2024")),
        ],
    );
}

#[test]
fn uzbek_latin_frame_is_set_carried_and_replaced() {
    check(
        "uz-Latn",
        "2025-yilning yanvar-sentyabr oylarida O'zbekistonning tashqi savdo aylanmasi 50 mlrd dollarni tashkil etdi.\n\n\
         Qozog'istonga eksport 2,1 mlrd dollarga yetdi.\n\n\
         2024-yilda Xitoy bilan savdo aylanmasi 14 mlrd dollarni tashkil etdi.\n\n\
         Xitoydan import 10 mlrd dollarni tashkil etdi.",
        &[
            ("50 mlrd dollarni", "trade.turnover", Some("UZ"), None, NINE_MONTHS),
            ("2,1 mlrd dollarga", "trade.export", Some("UZ"), Some("KZ"), NINE_MONTHS),
            ("14 mlrd dollarni", "trade.turnover", Some("UZ"), Some("CN"), Some("2024")),
            ("10 mlrd dollarni", "trade.import", Some("UZ"), Some("CN"), Some("2024")),
        ],
    );
}

#[test]
fn uzbek_cyrillic_frame_is_set_carried_and_replaced() {
    check(
        "uz-Cyrl",
        "2025 йилнинг январь-сентябрь ойларида Ўзбекистоннинг ташқи савдо айланмаси 50 млрд долларни ташкил этди.\n\n\
         Қозоғистонга экспорт 2,1 млрд долларга етди.\n\n\
         2024 йилда Хитой билан савдо айланмаси 14 млрд долларни ташкил этди.\n\n\
         Хитойдан импорт 10 млрд долларни ташкил этди.",
        &[
            ("50 млрд долларни", "trade.turnover", Some("UZ"), None, NINE_MONTHS),
            ("2,1 млрд долларга", "trade.export", Some("UZ"), Some("KZ"), NINE_MONTHS),
            ("14 млрд долларни", "trade.turnover", Some("UZ"), Some("CN"), Some("2024")),
            ("10 млрд долларни", "trade.import", Some("UZ"), Some("CN"), Some("2024")),
        ],
    );
}

#[test]
fn kyrgyz_frame_is_set_carried_and_replaced() {
    check(
        "ky",
        "2025-жылдын январь-сентябрь айларында Кыргызстандын тышкы соода жүгүртүүсү 10 млрд долларды түздү.\n\n\
         Казакстанга экспорт 1,2 млрд долларга жетти.\n\n\
         2024-жылы Кытай менен соода жүгүртүү 4 млрд долларды түздү.\n\n\
         Кытайдан импорт 3 млрд долларды түздү.",
        &[
            ("10 млрд долларды", "trade.turnover", Some("KG"), None, NINE_MONTHS),
            ("1,2 млрд долларга", "trade.export", Some("KG"), Some("KZ"), NINE_MONTHS),
            ("4 млрд долларды", "trade.turnover", Some("KG"), Some("CN"), Some("2024")),
            ("3 млрд долларды", "trade.import", Some("KG"), Some("CN"), Some("2024")),
        ],
    );
}

#[test]
fn tajik_frame_is_set_carried_and_replaced() {
    check(
        "tg",
        "Дар январ-сентябри соли 2025 гардиши савдои хориҷии Тоҷикистон 6 миллиард долларро ташкил дод.\n\n\
         Содирот ба Қазоқистон 300 миллион долларро ташкил дод.\n\n\
         Дар соли 2024 гардиши савдо бо Чин 2 миллиард долларро ташкил дод.\n\n\
         Воридот аз Чин 1,5 миллиард долларро ташкил дод.",
        &[
            ("6 миллиард долларро", "trade.turnover", Some("TJ"), None, NINE_MONTHS),
            ("300 миллион долларро", "trade.export", Some("TJ"), Some("KZ"), NINE_MONTHS),
            ("2 миллиард долларро", "trade.turnover", Some("TJ"), Some("CN"), Some("2024")),
            ("1,5 миллиард долларро", "trade.import", Some("TJ"), Some("CN"), Some("2024")),
        ],
    );
}

#[test]
fn a_frame_keeping_word_keeps_the_period_for_any_figure() {
    // projects take a period only from their own clause, or from a
    // sentence that keeps the frame ("при этом")
    let figs = figures(
        "В 2024 году товарооборот Казахстана и Узбекистана составил 4 млрд долларов.\n\n\
         Стороны обсудили 12 совместных проектов.\n\n\
         При этом подписано 9 соглашений.",
    );
    let find = |t: &str| figs.iter().find(|f| f.text == t).unwrap();
    assert_eq!(find("4 млрд долларов").period.as_deref(), Some("2024"));
    assert_eq!(find("12 совместных проектов").period, None);
    assert_eq!(find("9 соглашений").period.as_deref(), Some("2024"));
}

#[test]
fn a_group_of_countries_is_no_partner() {
    let figs = figures(
        "В 2024 году экспорт Казахстана в страны Центральной Азии вырос до 6 млрд долларов.",
    );
    let f = figs.iter().find(|f| f.text == "6 млрд долларов").unwrap();
    assert_eq!(f.subject.as_deref(), Some("KZ"));
    assert_eq!(f.partner, None);
}

#[test]
fn a_document_naming_no_country_speaks_of_its_home_country() {
    let figs = figures("Облыс фермерлері биыл 30 мың тонна астық экспорттады.");
    let f = figs.iter().find(|f| f.text == "30 мың тонна").unwrap();
    assert_eq!(f.subject.as_deref(), Some("KZ"));
    assert_eq!(f.partner, None);
}

#[test]
fn goods_shipped_to_a_country_are_an_export_of_the_report_period() {
    check(
        "kk",
        "Биылғы қаңтар-тамыз айларында Қазақстан мен Қырғызстан арасындағы тауар айналымы 2,1 млрд долларды құрады.\n\n\
         Қазақстан Қырғызстанға 400 мың тонна бидай жөнелтті.",
        &[(
            "400 мың тонна",
            "trade.export",
            Some("KZ"),
            Some("KG"),
            Some("2025-01..2025-08"),
        )],
    );
}

#[test]
fn list_items_name_their_own_partner_and_leave_the_report_sides() {
    check(
        "en",
        "Kazakhstan's exports in 2024 reached $80 billion. The main buyers were:\n\
         China – $15 billion;\n\
         Russia – $9 billion.\n\n\
         Imports totalled $60 billion.",
        &[
            (
                "$15 billion",
                "trade.export",
                Some("KZ"),
                Some("CN"),
                Some("2024"),
            ),
            (
                "$9 billion",
                "trade.export",
                Some("KZ"),
                Some("RU"),
                Some("2024"),
            ),
            (
                "$60 billion",
                "trade.import",
                Some("KZ"),
                None,
                Some("2024"),
            ),
        ],
    );
}

#[test]
fn the_day_of_an_event_is_no_period_of_later_trade() {
    // a flow takes a period carried from far back only when it spans
    // time: the date of a meeting is not what trade sums up over
    let figs = figures(
        "Очередная встреча лидеров пройдет 16 ноября в Ташкенте.\n\n\
         Торговля – важнейшая часть отношений Казахстана и Узбекистана.\n\n\
         На долю Казахстана приходится 8,9% товарооборота Узбекистана.",
    );
    let f = figs.iter().find(|f| f.text == "8,9%").unwrap();
    assert_eq!(f.period, None);
}

#[test]
fn a_headline_inside_the_text_takes_the_reading_of_its_report() {
    // a line of its own without a full stop heads the paragraphs under it
    let figs = figures(
        "Узбекистан ввез телефонов на 130 млн долларов\n\n\
         В январе-июле 2025 года Узбекистан импортировал телефоны на сумму 130 млн долларов.",
    );
    let head = figs.iter().find(|f| f.text == "130 млн долларов").unwrap();
    assert_eq!(head.period.as_deref(), Some("2025-01..2025-07"));
}

#[test]
fn a_figure_in_the_same_unit_continues_the_flow_across_paragraphs() {
    // no word names what "0,7 млрд кВт·ч" is: it continues the exports in
    // kWh of the paragraph before, to the country that received it; the
    // imports after it are national again (the partner went with exports)
    check(
        "ru",
        "В 2025 году Кыргызстан экспортировал 1,9 млрд кВт·ч электроэнергии.\n\n\
         Еще 0,7 млрд кВт·ч получил Узбекистан.\n\n\
         Импорт электроэнергии сократился на 15 процентов.",
        &[
            (
                "1,9 млрд кВт·ч",
                "trade.export",
                Some("KG"),
                None,
                Some("2025"),
            ),
            (
                "0,7 млрд кВт·ч",
                "trade.export",
                Some("KG"),
                Some("UZ"),
                Some("2025"),
            ),
            (
                "15 процентов",
                "trade.import",
                Some("KG"),
                None,
                Some("2025"),
            ),
        ],
    );
    check(
        "en",
        "In 2025 Kyrgyzstan exported 1.9 billion kWh of electricity.\n\n\
         Kazakhstan was the main buyer, receiving 1.2 billion kWh.",
        &[(
            "1.2 billion kWh",
            "trade.export",
            Some("KG"),
            Some("KZ"),
            Some("2025"),
        )],
    );
}

#[test]
fn a_buyer_or_supplier_word_gives_the_country_its_side() {
    check(
        "ru",
        "В 2025 году Кыргызстан экспортировал 1,9 млрд кВт·ч электроэнергии.\n\n\
         Основным покупателем стал Казахстан: туда было поставлено 1,2 млрд кВт·ч.",
        &[(
            "1,2 млрд кВт·ч",
            "trade.export",
            Some("KG"),
            Some("KZ"),
            Some("2025"),
        )],
    );
    check(
        "en",
        "In 2025 Uzbekistan imported 2.1 million tonnes of wheat.\n\n\
         Kazakhstan was the main supplier, with 1.8 million tonnes.",
        &[(
            "1.8 million tonnes",
            "trade.import",
            Some("UZ"),
            Some("KZ"),
            Some("2025"),
        )],
    );
    check(
        "kk",
        "2025 жылы Қазақстан 1,9 млн тонна бидай экспорттады.\n\n\
         Негізгі сатып алушысы Өзбекстан болды, оған 1,2 млн тонна жөнелтілді.",
        &[(
            "1,2 млн тонна",
            "trade.export",
            Some("KZ"),
            Some("UZ"),
            Some("2025"),
        )],
    );
    check(
        "uz-Latn",
        "2025 yilda Qozog'iston 1,9 mln tonna bug'doy eksport qildi.\n\n\
         Asosiy xaridor O'zbekiston bo'ldi: unga 1,2 mln tonna yuborildi.",
        &[
            (
                "1,9 mln tonna",
                "trade.export",
                Some("KZ"),
                None,
                Some("2025"),
            ),
            (
                "1,2 mln tonna",
                "trade.export",
                Some("KZ"),
                Some("UZ"),
                Some("2025"),
            ),
        ],
    );
}

#[test]
fn a_dateline_dates_the_report_and_is_no_period() {
    let text = "ALMATY, Feb 10, 2026 - Trade between Kazakhstan and Kyrgyzstan \
                rose 12% last year to $2.1 billion.";
    let figs = tandem_extract::extract("dateline", &tandem_text::analyze(text), None);
    for t in ["12%", "$2.1 billion"] {
        let f = figs.iter().find(|f| f.text == t).unwrap();
        assert_eq!(f.period.as_deref(), Some("2025"), "{t}");
    }
}

#[test]
fn this_indicator_points_back_across_a_paragraph_break() {
    check(
        "ky",
        "2025-жылы Кыргызстандын Өзбекстандан импорту 920 миллион долларды түздү.\n\n\
         Өткөн жылы бул көрсөткүч 1,05 миллиард доллар болгон.",
        &[(
            "1,05 миллиард доллар",
            "trade.import",
            Some("KG"),
            Some("UZ"),
            Some("2024"),
        )],
    );
    check(
        "ru",
        "В 2025 году экспорт Казахстана в Таджикистан составил 900 млн долларов.\n\n\
         Годом ранее этот показатель равнялся 820 млн долларов.",
        &[(
            "820 млн долларов",
            "trade.export",
            Some("KZ"),
            Some("TJ"),
            Some("2024"),
        )],
    );
}

/// A sentence comparing its figure with an earlier one ("4.0, 9.1 % less
/// than the 4.4 of 2023") names the earlier period only for the base: the
/// change is of the current period, and so are the figures after it.
#[test]
fn the_base_of_a_comparison_does_not_replace_the_period() {
    let cases: [(&str, &str, &str, &str, &str); 5] = [
        (
            "kk",
            "Қазақстан мен Өзбекстанның 2024 жылғы өзара сауда айналымы 3,9 млрд долларға жетті, бұл 2023 жылғы 4,3 млрд доллардан 8,5% кем.\n\n\
             Қазақстанның Өзбекстанға экспорты 2,8 млрд доллар болды.",
            "4,3 млрд доллардан",
            "8,5%",
            "2,8 млрд доллар",
        ),
        (
            "ky",
            "Кыргызстан менен Казакстандын 2024-жылдагы соода жүгүртүүсү 1,7 млрд долларга жетти, бул 2023-жылдагы 1,5 млрд доллардан 13% көп.\n\n\
             Кыргызстандын Казакстанга экспорту 650 млн доллар болду.",
            "1,5 млрд доллардан",
            "13%",
            "650 млн доллар",
        ),
        (
            "uz-Latn",
            "2024 yilda O'zbekiston va Qozog'iston o'rtasidagi savdo hajmi 4,1 mlrd dollarga yetdi, bu 2023 yilgi 3,6 mlrd dollardan 14 foizga ko'p.\n\n\
             O'zbekistonning Qozog'istonga eksporti 1,3 mlrd dollar bo'ldi.",
            "3,6 mlrd dollardan",
            "14 foizga",
            "1,3 mlrd dollar",
        ),
        (
            "ru",
            "В 2024 году товарооборот Казахстана и Узбекистана составил 3,9 млрд долларов, что на 8,5% меньше, чем 4,3 млрд долларов в 2023 году.\n\n\
             Экспорт Казахстана в Узбекистан составил 2,8 млрд долларов.",
            "4,3 млрд долларов",
            "8,5%",
            "2,8 млрд долларов",
        ),
        (
            "en",
            "In 2024 trade between Kazakhstan and Uzbekistan came to $3.9 billion, 8.5% less than the $4.3 billion recorded in 2023.\n\n\
             Kazakhstan's exports to Uzbekistan were $2.8 billion.",
            "$4.3 billion",
            "8.5%",
            "$2.8 billion",
        ),
    ];
    for (lang, text, base, change, next) in cases {
        let figs = figures(text);
        let get = |t: &str| {
            figs.iter()
                .find(|f| f.text == t)
                .unwrap_or_else(|| panic!("{lang}: no figure `{t}` in {figs:#?}"))
        };
        assert_eq!(get(base).period.as_deref(), Some("2023"), "{lang}: base");
        assert_eq!(
            get(change).period.as_deref(),
            Some("2024"),
            "{lang}: change"
        );
        assert_eq!(get(change).measure, "change_pct", "{lang}: change");
        assert_eq!(get(next).period.as_deref(), Some("2024"), "{lang}: after");
        let falls = lang == "kk" || lang == "ru" || lang == "en";
        assert_eq!(get(change).value < 0.0, falls, "{lang}: sign");
    }
}

#[test]
fn the_same_pair_named_the_other_way_round_keeps_the_direction() {
    // a sentence with no figure naming the report's two countries in the
    // other order ("Kazakhstan is among Uzbekistan's partners") sets no new
    // pair: the imports after it are still Uzbekistan's; "its share" opening
    // a paragraph is a share of what the sentence before spoke of
    check(
        "uz-Cyrl",
        "2025 йилнинг январь-июнь ойларида Ўзбекистоннинг Қозоғистон билан савдоси 2 миллиард долларни ташкил этди.\n\n\
         Қозоғистон Ўзбекистоннинг ташқи савдо ҳамкорлари орасида учинчи ўринни эгаллайди.\n\n\
         Унинг улуши 9 фоизни ташкил этди.\n\n\
         Импортнинг 40 фоизи ун маҳсулотларига тўғри келади.",
        &[
            ("2 миллиард долларни", "trade.turnover", Some("UZ"), Some("KZ"), Some("2025-01..2025-06")),
            ("40 фоизи", "trade.import", Some("UZ"), Some("KZ"), Some("2025-01..2025-06")),
        ],
    );
    let figs = figures(
        "В январе-июне 2025 года товарооборот Казахстана с Узбекистаном составил 2 млрд долларов.\n\n\
         Узбекистан входит в число крупнейших торговых партнеров Казахстана.\n\n\
         Его доля составила 7 процентов.",
    );
    let share = figs
        .iter()
        .find(|f| f.text == "7 процентов")
        .expect("the share");
    assert_eq!(
        (&*share.indicator, &*share.measure),
        ("trade.turnover", "share_pct")
    );
}

#[test]
fn a_paragraph_of_list_items_breaks_down_the_report() {
    // list items ("Country (amount)") in a paragraph of their own, naming no
    // indicator, break down the report's last one, with its period; the
    // buyers of a country's goods are where its exports go
    check(
        "uz-Latn",
        "2025-yil yanvar-sentabr oylarida O'zbekiston eksporti 20 mlrd dollarni tashkil etdi.\n\n\
         Asosiy hamkorlar Rossiya (3,1 mlrd dollar), Xitoy (2,5 mlrd dollar) va Qozog'iston (1,4 mlrd dollar) bo'ldi.",
        &[
            ("3,1 mlrd dollar", "trade.export", Some("UZ"), Some("RU"), NINE_MONTHS),
            ("1,4 mlrd dollar", "trade.export", Some("UZ"), Some("KZ"), NINE_MONTHS),
        ],
    );
    check(
        "ru",
        "Объем прямых иностранных инвестиций в Узбекистан за январь-сентябрь 2025 года составил 12 млрд долларов.\n\n\
         Основными покупателями узбекских товаров стали Россия (2,2 млрд долларов) и Казахстан (1,1 млрд долларов).",
        &[
            ("2,2 млрд долларов", "trade.export", Some("UZ"), Some("RU"), NINE_MONTHS),
            ("1,1 млрд долларов", "trade.export", Some("UZ"), Some("KZ"), NINE_MONTHS),
        ],
    );
}

/// Rows of a table, each on a line of its own with no ";" after it, go on
/// with the list their opener starts; a region's own total, before any
/// sentence has named a side, has no partner (the document's other most
/// named country is no side of it).
#[test]
fn russian_table_rows_keep_the_list_and_a_region_total_is_its_own() {
    check(
        "ru",
        "Южная область наращивает поставки за рубеж\n\
         Экспорт Туркестанской области за 2024 год составил 1,1 млрд долларов.\n\
         По странам экспорт распределился следующим образом:\n\
         Узбекистан — 420,5 млн долл. (+9%)\n\
         Кыргызстан — 140,2 млн долл. (+20%)\n\
         Таджикистан — 95,1 млн долл. (−4%)\n\
         В области действуют 150 совместных предприятий с узбекскими партнерами.",
        &[
            (
                "1,1 млрд долларов",
                "trade.export",
                Some("KZ"),
                None,
                Some("2024"),
            ),
            (
                "420,5 млн долл.",
                "trade.export",
                Some("KZ"),
                Some("UZ"),
                Some("2024"),
            ),
            (
                "140,2 млн долл.",
                "trade.export",
                Some("KZ"),
                Some("KG"),
                Some("2024"),
            ),
            (
                "95,1 млн долл.",
                "trade.export",
                Some("KZ"),
                Some("TJ"),
                Some("2024"),
            ),
        ],
    );
}

/// A quarter inside a half-year report is an aside: the goods after it are
/// the half-year's again.
#[test]
fn russian_quarter_aside_keeps_the_report_period() {
    check(
        "ru",
        "Внешнеторговый оборот Узбекистана в первом полугодии 2025 года составил 33 млрд долларов.\n\
         Во II квартале товарооборот с Китаем вырос на 10% по сравнению с I кварталом.\n\
         В структуре экспорта основную долю занимает золото – 4,5 млрд долларов.",
        &[
            ("10%", "trade.turnover", Some("UZ"), Some("CN"), Some("2025-04..2025-06")),
            ("4,5 млрд долларов", "trade.export", Some("UZ"), None, Some("2025-01..2025-06")),
        ],
    );
}

/// A partner named sentence after sentence is the report's partner: the
/// list of goods after them is of the trade with it (one named once, in
/// passing, reaches the next sentence only).
#[test]
fn english_partner_named_twice_carries_into_a_list() {
    check(
        "en",
        "Kazakhstan's foreign trade reached $141 billion in 2024.\n\
         China remained its largest partner with $31 billion.\n\
         Kazakh exports to China rose to $15.6 billion. Raw materials lead the basket:\n\
         - copper – $2.9 billion;\n\
         - wheat – $0.3 billion.",
        &[
            (
                "$2.9 billion",
                "trade.export",
                Some("KZ"),
                Some("CN"),
                Some("2024"),
            ),
            (
                "$0.3 billion",
                "trade.export",
                Some("KZ"),
                Some("CN"),
                Some("2024"),
            ),
        ],
    );
}

/// Exports and imports opening a paragraph break down the last turnover of
/// the paragraph before, with its period (not an earlier year's).
#[test]
fn kazakh_breakdown_takes_the_last_turnover_of_the_paragraph_before() {
    check(
        "kk",
        "2023 жылы екі ел арасындағы тауар айналымы 4,4 млрд долларды құрады. Биылғы 10 айда сауда көлемі 3,8 млрд долларға жетті.\n\n\
         Қазақстанның Өзбекстанға экспорты 2,3 млрд доллар болса, Өзбекстаннан импорты 1,5 млрд долларды құрады.",
        &[
            ("2,3 млрд доллар", "trade.export", Some("KZ"), Some("UZ"), Some("2025-01..2025-10")),
            ("1,5 млрд долларды", "trade.import", Some("KZ"), Some("UZ"), Some("2025-01..2025-10")),
        ],
    );
}

/// "Он" (it) before the first figure of a paragraph points back at the
/// last figure: its change is of that indicator and period.
#[test]
fn russian_pronoun_points_back_across_a_paragraph() {
    check(
        "ru",
        "Внешнеторговый оборот Кыргызстана за январь–сентябрь 2025 года составил 9,8 млрд долларов, сообщает Нацстатком.\n\
         По сравнению с аналогичным периодом прошлого года он увеличился на 8,9 процента.",
        &[(
            "8,9 процента",
            "trade.turnover",
            Some("KG"),
            None,
            Some("2025-01..2025-09"),
        )],
    );
}

/// A sentence without figures opening a list of one country's exports
/// makes that country the report's subject again, after a sentence that
/// gave the other side's figures.
#[test]
fn uzbek_list_opener_names_the_exporter() {
    check(
        "uz-Latn",
        "2023 yilda O'zbekiston va Qirg'iziston o'rtasidagi savdo hajmi 1,2 milliard dollarni tashkil etdi.\n\
         Qirg'izistonning O'zbekistondan importi 980 million dollarni, O'zbekistonga eksporti esa 205 million dollarni tashkil etgan.\n\
         O'zbekiston eksporti tarkibida quyidagi mahsulotlar yetakchilik qildi:\n\
         - sement — 145 million dollar;\n\
         - o'g'itlar — 98 million dollar.",
        &[
            ("145 million dollar", "trade.export", Some("UZ"), Some("KG"), Some("2023")),
            ("98 million dollar", "trade.export", Some("UZ"), Some("KG"), Some("2023")),
        ],
    );
}

/// A sentence opening with "for comparison" names the sides of its own
/// figures only: "the two countries" after it are the report's pair again.
#[test]
fn kyrgyz_comparison_aside_keeps_the_report_pair() {
    check(
        "ky",
        "2025-жылдын январь-август айларында Кыргызстан менен Казакстандын соода жүгүртүүсү 1,1 миллиард долларды түздү.\n\
         Салыштыруу үчүн, Өзбекстан менен соода жүгүртүү 812 миллион долларга жетти.\n\
         Ушул эле мезгилде эки өлкөнүн ортосундагы соода 7% өстү.",
        &[
            ("812 миллион долларга", "trade.turnover", Some("KG"), Some("UZ"), Some("2025-01..2025-08")),
            ("7%", "trade.turnover", Some("KG"), Some("KZ"), Some("2025-01..2025-08")),
        ],
    );
}

/// A partner named in passing in a report of national figures stays in
/// passing across a breakdown of shares: the country's own exports of a
/// good after it have no partner.
#[test]
fn russian_share_breakdown_keeps_a_partner_in_passing() {
    check(
        "ru",
        "Внешнеторговый оборот Казахстана в январе–июне 2025 года составил 68,4 млрд долларов.\n\n\
         Импорт из Китая составил 6,3 млрд долларов, экспорт в Китай – 9,9 млрд долларов.\n\n\
         Доля России во внешнеторговом обороте республики составила 18%, Китая — 23,7%.\n\n\
         Экспорт сырой нефти составил 31,4 млн тонн.",
        &[
            (
                "9,9 млрд долларов",
                "trade.export",
                Some("KZ"),
                Some("CN"),
                Some("2025-01..2025-06"),
            ),
            (
                "31,4 млн тонн",
                "trade.export",
                Some("KZ"),
                None,
                Some("2025-01..2025-06"),
            ),
        ],
    );
}

/// A country's own total in a sentence with a frame-keeping word
/// ("Meanwhile") sets the sides for the sentence after it.
#[test]
fn english_national_total_after_meanwhile_sets_the_sides() {
    check(
        "en",
        "Turkish firms will ship 20,000 buses to Uzbekistan under a deal signed in May 2025.\n\n\
         Meanwhile, Uzbekistan's overall foreign trade turnover in the first five months of 2025 amounted to 27.9 billion dollars. Exports totalled 11.6 billion dollars.",
        &[
            ("27.9 billion dollars", "trade.turnover", Some("UZ"), None, Some("2025-01..2025-05")),
            ("11.6 billion dollars", "trade.export", Some("UZ"), None, Some("2025-01..2025-05")),
        ],
    );
}

/// A partner named in passing right before a list opener without figures
/// ("Основу поставок составили:") is the partner of the list's items, and
/// of nothing after the list.
#[test]
fn russian_list_after_a_partner_in_passing_keeps_it() {
    check(
        "ru",
        "По итогам 2025 года товарооборот Кыргызстана со странами Центральной Азии составил 2,9 млрд долларов.\n\
         Экспорт Кыргызстана в Казахстан достиг 720 млн долларов. Основу поставок составили:\n\
         • молочная продукция — 48 тыс. тонн;\n\
         • электроэнергия — 310 млн кВт·ч.\n\
         Экспорт золота составил 1,1 млрд долларов.",
        &[
            ("48 тыс. тонн", "trade.export", Some("KG"), Some("KZ"), Some("2025")),
            ("310 млн кВт·ч", "trade.export", Some("KG"), Some("KZ"), Some("2025")),
            ("1,1 млрд долларов", "trade.export", Some("KG"), None, Some("2025")),
        ],
    );
}

/// A paragraph "for comparison" gives another period's figures, not the
/// period the document reports on: a change over the last N years, in a
/// later paragraph, still runs to the report's year.
#[test]
fn a_paragraph_for_comparison_is_not_the_report() {
    check(
        "ru",
        "По итогам 2024 года товарооборот Казахстана и Кыргызстана составил 2,3 млрд долларов.\n\n\
         Для сравнения: в 2015 году объем торговли не превышал 0,9 млрд долларов.\n\n\
         Таким образом, за девять лет торговля выросла в 2,5 раза.",
        &[
            (
                "0,9 млрд долларов",
                "trade.turnover",
                Some("KZ"),
                Some("KG"),
                Some("2015"),
            ),
            (
                "2,5 раза",
                "trade.turnover",
                Some("KZ"),
                Some("KG"),
                Some("2015..2024"),
            ),
        ],
    );
}
