//! The concept lexicon and the name table cover what the brief and
//! SCHEMA.md ask for, in every language.

use tandem_search::analyzer::Analyzer;
use tandem_search::concepts::Concepts;
use tandem_search::LangGroup;

const LANGS: [LangGroup; 6] = [
    LangGroup::Kk,
    LangGroup::Uz,
    LangGroup::Ky,
    LangGroup::Tg,
    LangGroup::Ru,
    LangGroup::En,
];

#[test]
fn every_indicator_and_institution_has_terms_in_all_six_languages() {
    let concepts = Concepts::get().unwrap();
    let institutions = [
        // recurring institutions and programmes
        "supreme_interstate_council",
        "business_council",
        "regional_leaders_council",
        "uzkaztrade",
        "icic_central_asia",
        "interregional_forum",
        "middle_corridor",
        "casa_1000",
        "central_asia",
        "eu",
        "eaeu",
        "sco",
        "cis",
    ];
    // the indicators of SCHEMA.md (all but `other`), then the institutions
    let indicators = tandem_model::INDICATORS.iter().filter(|i| **i != "other");
    for &id in indicators.chain(institutions.iter()) {
        let concept = concepts
            .by_id(id)
            .unwrap_or_else(|| panic!("no concept `{id}`"));
        for lang in LANGS {
            assert!(
                concept.terms.iter().any(|t| t.lang == lang),
                "concept `{id}` has no {lang:?} term"
            );
        }
    }
}

#[test]
fn countries_and_capitals_meet_in_every_language() {
    // (canonical token, one spelling per language: kk, uz-Cyrl, uz-Latn, ky, tg, ru, en)
    let rows: [(&str, [&str; 7]); 14] = [
        (
            "kazakhstan",
            [
                "Қазақстан",
                "Қозоғистон",
                "Qozog'iston",
                "Казакстан",
                "Қазоқистон",
                "Казахстан",
                "Kazakhstan",
            ],
        ),
        (
            "uzbekistan",
            [
                "Өзбекстан",
                "Ўзбекистон",
                "O'zbekiston",
                "Өзбекстан",
                "Ӯзбекистон",
                "Узбекистан",
                "Uzbekistan",
            ],
        ),
        (
            "kyrgyzstan",
            [
                "Қырғызстан",
                "Қирғизистон",
                "Qirg'iziston",
                "Кыргызстан",
                "Қирғизистон",
                "Кыргызстан",
                "Kyrgyzstan",
            ],
        ),
        (
            "tajikistan",
            [
                "Тәжікстан",
                "Тожикистон",
                "Tojikiston",
                "Тажикстан",
                "Тоҷикистон",
                "Таджикистан",
                "Tajikistan",
            ],
        ),
        (
            "turkmenistan",
            [
                "Түрікменстан",
                "Туркманистон",
                "Turkmaniston",
                "Түркмөнстан",
                "Туркманистон",
                "Туркменистан",
                "Turkmenistan",
            ],
        ),
        (
            "afghanistan",
            [
                "Ауғанстан",
                "Афғонистон",
                "Afg'oniston",
                "Ооганстан",
                "Афғонистон",
                "Афганистан",
                "Afghanistan",
            ],
        ),
        (
            "russia",
            [
                "Ресей",
                "Россия",
                "Rossiya",
                "Россия",
                "Русия",
                "Россия",
                "Russia",
            ],
        ),
        (
            "china",
            ["Қытай", "Хитой", "Xitoy", "Кытай", "Чин", "Китай", "China"],
        ),
        (
            "turkey",
            [
                "Түркия",
                "Туркия",
                "Turkiya",
                "Түркия",
                "Туркия",
                "Турция",
                "Turkey",
            ],
        ),
        (
            "azerbaijan",
            [
                "Әзірбайжан",
                "Озарбайжон",
                "Ozarbayjon",
                "Азербайжан",
                "Озарбойҷон",
                "Азербайджан",
                "Azerbaijan",
            ],
        ),
        (
            "iran",
            ["Иран", "Эрон", "Eron", "Иран", "Эрон", "Иран", "Iran"],
        ),
        (
            "astana",
            [
                "Астана",
                "Остона",
                "Ostona",
                "Астана",
                "Остона",
                "Астана",
                "Astana",
            ],
        ),
        (
            "tashkent",
            [
                "Ташкент",
                "Тошкент",
                "Toshkent",
                "Ташкент",
                "Тошканд",
                "Ташкент",
                "Tashkent",
            ],
        ),
        (
            "bishkek",
            [
                "Бішкек",
                "Бишкек",
                "Bishkek",
                "Бишкек",
                "Бишкек",
                "Бишкек",
                "Bishkek",
            ],
        ),
    ];
    let groups = [
        LangGroup::Kk,
        LangGroup::Uz,
        LangGroup::Uz,
        LangGroup::Ky,
        LangGroup::Tg,
        LangGroup::Ru,
        LangGroup::En,
    ];
    for (id, spellings) in rows {
        for (lang, word) in groups.iter().zip(spellings) {
            let term = Analyzer::new(*lang).unwrap().term(word);
            assert_eq!(term.as_deref(), Some(id), "{word} ({lang:?})");
        }
    }
}
