//! Sentence splitting examples per language (own text).

use tandem_text::{split_sentences, Lang};

fn split(text: &str, lang: Lang) -> Vec<&str> {
    split_sentences(text, 0..text.len(), lang)
        .into_iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

#[test]
fn kazakh() {
    let text = "Экспорт 2024 ж. қаңтарда 3,39 млрд. долл. болды. Импорт 2,5 млн. теңгеге өсті. \
Астық, мақта т.б. өнімдер экспортталды. Келесі кезең басталды.";
    assert_eq!(
        split(text, Lang::Kk),
        [
            "Экспорт 2024 ж. қаңтарда 3,39 млрд. долл. болды.",
            "Импорт 2,5 млн. теңгеге өсті.",
            "Астық, мақта т.б. өнімдер экспортталды.",
            "Келесі кезең басталды.",
        ]
    );
}

#[test]
fn kazakh_year_and_initials() {
    let text = "Тауар айналымы 2023 ж. 4,1 млрд АҚШ долл. жетті. Ж.Ж. Исаев пен Н.Бэйн бұл туралы \
жазды. Өсім 2022 ж. Келесі жылы да жалғасты. Кеңестер т.с.с. Жаңа кезең.";
    assert_eq!(
        split(text, Lang::Kk),
        [
            "Тауар айналымы 2023 ж. 4,1 млрд АҚШ долл. жетті.",
            "Ж.Ж. Исаев пен Н.Бэйн бұл туралы жазды.",
            "Өсім 2022 ж.",
            "Келесі жылы да жалғасты.",
            "Кеңестер т.с.с.",
            "Жаңа кезең.",
        ]
    );
}

#[test]
fn russian() {
    let text = "В 2023 г. товарооборот достиг 4,1 млрд. долл. США, т.е. вырос вдвое. \
По данным Г. В. Плеханова, рост продолжится и т.п. Университет им. Абая в г. Алматы \
открыл центр. Объём составил 15 тыс. т, а в 2020–2022 гг. Экспорт рос.";
    assert_eq!(
        split(text, Lang::Ru),
        [
            "В 2023 г. товарооборот достиг 4,1 млрд. долл. США, т.е. вырос вдвое.",
            "По данным Г. В. Плеханова, рост продолжится и т.п.",
            "Университет им. Абая в г. Алматы открыл центр.",
            "Объём составил 15 тыс. т, а в 2020–2022 гг.",
            "Экспорт рос.",
        ]
    );
}

#[test]
fn english() {
    let text = "Dr. Smith visited the U.S. economy forum in 2023. Exports rose 2.5% to $3.4 mln. \
The U.S. share grew. Was it enough? Yes! It was.";
    assert_eq!(
        split(text, Lang::En),
        [
            "Dr. Smith visited the U.S. economy forum in 2023.",
            "Exports rose 2.5% to $3.4 mln.",
            "The U.S. share grew.",
            "Was it enough?",
            "Yes!",
            "It was.",
        ]
    );
}

#[test]
fn uzbek_both_scripts() {
    let latin =
        "2024 y. yanvarda eksport 3,39 mlrd. dollarni tashkil etdi. O'sish 12 foizga yetdi.";
    assert_eq!(
        split(latin, Lang::UzLatn),
        [
            "2024 y. yanvarda eksport 3,39 mlrd. dollarni tashkil etdi.",
            "O'sish 12 foizga yetdi.",
        ]
    );
    let cyrillic = "2024 й. январда экспорт 3,39 млрд. долларга етди. Ўсиш 12 фоизга етди.";
    assert_eq!(
        split(cyrillic, Lang::UzCyrl),
        [
            "2024 й. январда экспорт 3,39 млрд. долларга етди.",
            "Ўсиш 12 фоизга етди.",
        ]
    );
}

#[test]
fn kyrgyz_and_tajik() {
    let ky = "2024-ж. январда экспорт 1,2 млрд. долларга жетти. Импорт да өстү.";
    assert_eq!(
        split(ky, Lang::Ky),
        [
            "2024-ж. январда экспорт 1,2 млрд. долларга жетти.",
            "Импорт да өстү."
        ]
    );
    let tg = "Дар соли 2024 содирот 2,1 млрд. долларро ташкил дод. Воридот низ афзуд.";
    assert_eq!(
        split(tg, Lang::Tg),
        [
            "Дар соли 2024 содирот 2,1 млрд. долларро ташкил дод.",
            "Воридот низ афзуд."
        ]
    );
}

#[test]
fn numbered_list_items_and_decimals() {
    let text = "1. Экспорт 2.5 есе өсті. 2. Импорт 3,39%-ға азайды.";
    assert_eq!(
        split(text, Lang::Kk),
        ["1. Экспорт 2.5 есе өсті.", "2. Импорт 3,39%-ға азайды."]
    );
}

#[test]
fn glued_period_and_quotes() {
    let text =
        "Бұл маңызды екендігінде.Осыған байланысты шешім қабылданды. «Жоба аяқталды.» Бәрі қуанды.";
    assert_eq!(
        split(text, Lang::Kk),
        [
            "Бұл маңызды екендігінде.",
            "Осыған байланысты шешім қабылданды.",
            "«Жоба аяқталды.»",
            "Бәрі қуанды.",
        ]
    );
}

#[test]
fn offsets_are_view_offsets() {
    let view = "Heading\nFirst one. Second one.";
    let sentences = split_sentences(view, 8..view.len(), Lang::En);
    let texts: Vec<&str> = sentences.iter().map(|s| &view[s.start..s.end]).collect();
    assert_eq!(texts, ["First one.", "Second one."]);
}
