//! `analyze`: paragraphs, languages in context, sentences, offsets.

use tandem_text::{analyze, Lang};

fn langs(text: &str) -> Vec<Lang> {
    analyze(text).paragraphs.iter().map(|p| p.lang).collect()
}

#[test]
fn short_heading_takes_the_language_of_its_neighbours() {
    let uzbek = "Хулоса\nЎзбекистон ва Қозоғистон ўртасидаги савдо ҳажми 2024 йилда 4 млрд доллардан ошди.\n";
    assert_eq!(langs(uzbek), [Lang::UzCyrl, Lang::UzCyrl]);
    let tajik = "Хулоса\nҲаҷми савдои Тоҷикистон бо Қазоқистон дар соли 2024 афзоиш ёфт ва ба 1 млрд доллар расид.\n";
    assert_eq!(langs(tajik), [Lang::Tg, Lang::Tg]);
}

#[test]
fn rows_of_numbers_take_the_language_of_the_text_around() {
    let text = "Кестеде екі елдің негізгі көрсеткіштері берілген, олар жыл сайын өсіп келеді.\n\
2,724 19,992 197,1\n\
0,447 36,897 90,8\n\
Бұл көрсеткіштер өңірдегі ең жоғары деңгейге жатады.\n";
    assert_eq!(langs(text), [Lang::Kk; 4]);
}

#[test]
fn languages_change_between_paragraphs() {
    let text = "Экспорт биыл 12 пайызға өсті, бұл өткен жылғы көрсеткіштен әлдеқайда жоғары.\n\
Экспорт в этом году вырос на 12%, что значительно выше показателя прошлого года.\n\
Exports grew by 12% this year, which is well above the figure of the previous year.\n\
Eksport bu yil 12 foizga o'sdi, bu o'tgan yilgi ko'rsatkichdan ancha yuqori.\n";
    assert_eq!(langs(text), [Lang::Kk, Lang::Ru, Lang::En, Lang::UzLatn]);
}

#[test]
fn paragraph_and_sentence_offsets_map_to_the_original() {
    let original = "Екі ел арасындағы ынтымақтас-\n\
тық нығайып келеді. Сауда айналымы \n\
2024 ж. 4,1 млрд долл. жетті. Бұл \n\
рекордтық көрсеткіш.\n\
\n\
Жаңа бөлім осында басталады.\n";
    let a = analyze(original);
    assert_eq!(a.paragraphs.len(), 2);
    let p = &a.paragraphs[0];
    let sentences: Vec<&str> = p
        .sentences
        .iter()
        .map(|s| &a.text.view()[s.start..s.end])
        .collect();
    assert_eq!(
        sentences,
        [
            "Екі ел арасындағы ынтымақтастық нығайып келеді.",
            "Сауда айналымы 2024 ж. 4,1 млрд долл. жетті.",
            "Бұл рекордтық көрсеткіш.",
        ]
    );
    let first = p.sentences[0];
    assert_eq!(
        a.text.original_slice(first.start..first.end),
        "Екі ел арасындағы ынтымақтас-\nтық нығайып келеді."
    );
    let second = &a.paragraphs[1];
    assert_eq!(
        &original[a.text.original_range(second.start..second.end)],
        "Жаңа бөлім осында басталады."
    );
}

#[test]
fn empty_and_blank_inputs_have_no_paragraphs() {
    for text in ["", "   ", "\n\n", " \u{a0}\n\t"] {
        assert!(analyze(text).paragraphs.is_empty(), "{text:?}");
    }
}

#[test]
fn a_headline_whose_own_cues_point_at_the_text_around_keeps_that_language() {
    let kyrgyz = "Өзбекстандын экспорту өстү\n\
Быйылкы жылдын алгачкы алты айында Өзбекстандын Кыргызстанга экспорту 15 пайызга өсүп, 700 млн долларга жетти жана бул көрсөткүч өткөн жылдагыдан бир топ жогору.\n";
    assert_eq!(langs(kyrgyz), [Lang::Ky, Lang::Ky]);
    let english = "Exports grow\nExports of Uzbekistan to Kyrgyzstan grew by 15 percent in the first half of the year and reached 700 million dollars, which is well above the figure of the previous year.\n";
    assert_eq!(langs(english), [Lang::En, Lang::En]);
}
