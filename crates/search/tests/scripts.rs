//! Scripts meet: Cyrillic and Latin spellings of one name, in any of the
//! languages, analyse to one term whichever language's analyser reads them.

use tandem_search::analyzer::Analyzer;
use tandem_search::LangGroup;

fn all_terms(word: &str) -> Vec<String> {
    LangGroup::ALL
        .iter()
        .map(|&l| Analyzer::new(l).unwrap().term(word).unwrap_or_default())
        .collect()
}

fn same_everywhere(forms: &[&str]) {
    let expected = all_terms(forms[0])[0].clone();
    for f in forms {
        for (lang, t) in LangGroup::ALL.iter().zip(all_terms(f)) {
            assert_eq!(
                t, expected,
                "`{f}` under {lang:?} should meet `{}`",
                forms[0]
            );
        }
    }
}

#[test]
fn tokayev_in_every_spelling() {
    same_everywhere(&[
        "Тоқаев",
        "Токаев",
        "Тоқаевқа",
        "Tokayev",
        "Toqaev",
        "Токаевым",
        "Тоқаевтың",
    ]);
}

#[test]
fn uzbekistan_in_every_spelling() {
    same_everywhere(&[
        "Өзбекстан",
        "Узбекистан",
        "Ўзбекистон",
        "O'zbekiston",
        "Uzbekistan",
        "Ӯзбекистон",
        "Өзбекстанға",
        "Өзбекстанның",
        "Өзбекстаннан",
        "Ўзбекистонга",
        "O'zbekistonning",
        "O’zbekistonning",
        "Узбекистаном",
    ]);
}

#[test]
fn other_names_meet() {
    same_everywhere(&[
        "Қазақстан",
        "Казахстан",
        "Kazakhstan",
        "Qozog'iston",
        "Қазоқистон",
        "Казакстан",
    ]);
    same_everywhere(&["Ташкент", "Тошкент", "Toshkent", "Tashkent", "Ташкентте"]);
    same_everywhere(&["Мирзиёев", "Mirziyoyev", "Мирзиеев"]);
    same_everywhere(&["Қытай", "Китай", "Xitoy", "China", "Хитой"]);
    same_everywhere(&["Ресей", "Россия", "Rossiya", "Russia", "Русия"]);
}

#[test]
fn ordinary_words_meet_across_scripts() {
    let uz = Analyzer::new(LangGroup::Uz).unwrap();
    assert_eq!(uz.term("савдо"), uz.term("savdo"));
    assert_eq!(uz.term("ҳамкорлик"), uz.term("hamkorlik"));
    assert_eq!(uz.term("ғалла"), uz.term("g'alla"));
    assert_eq!(uz.term("шериклик"), uz.term("sheriklik"));
    let kk = Analyzer::new(LangGroup::Kk).unwrap();
    assert_eq!(kk.term("ынтымақтастық"), kk.term("yntymaqtastyq"));
    assert_eq!(kk.term("ынтымақтастық"), kk.term("ıntımaqtastıq"));
    // Kazakh 2021 Latin
    assert_eq!(kk.term("саудада"), kk.term("saýdada"));
    assert_eq!(kk.term("Өзбекстанға"), kk.term("Ózbekstanǵa"));
    assert_eq!(kk.term("кәсіпорындар"), kk.term("kásiporyndar"));
}
