//! `analyze` never panics, and its offsets stay sane, on any input.

use proptest::prelude::*;
use tandem_text::{analyze, Analysis, Text};

/// Characters that exercise every repair and the splitter.
const POOL: &[char] = &[
    'a', 'K', 'o', 'g', 'x', 'А', 'К', 'о', 'с', 'і', 'ә', 'ў', 'қ', 'ж', 'г', 'Г', 'ё', '\'', '‘',
    '’', 'ʻ', '`', '-', '\u{ad}', '.', ',', '!', '?', '…', '»', '«', '"', '(', ')', '1', '2', '0',
    ' ', ' ', '\n', '\n', '\r', '\u{c}', '\u{a0}', '\u{2009}', '\u{2028}', '\u{85}', '\u{301}',
    '\u{308}', '\u{306}', '\u{feff}', '\u{200b}', '\t', '—', 'ß', '中', '😀',
];

fn check(original: &str) {
    let Analysis { text, paragraphs } = analyze(original);
    let (view, orig) = (text.view(), text.original());
    assert_eq!(orig, original);
    let mut last = 0;
    for v in (0..=view.len()).filter(|&v| view.is_char_boundary(v)) {
        let o = text.to_original(v);
        assert!(o >= last, "to_original not monotone at {v}");
        assert!(
            orig.is_char_boundary(o),
            "to_original({v}) = {o} not a char boundary"
        );
        last = o;
    }
    let check_range = |start: usize, end: usize| {
        assert!(start <= end && end <= view.len());
        assert!(view.is_char_boundary(start) && view.is_char_boundary(end));
        let r = text.original_range(start..end);
        assert!(r.start <= r.end && r.end <= orig.len());
        assert!(orig.is_char_boundary(r.start) && orig.is_char_boundary(r.end));
    };
    let mut previous_end = 0;
    for p in &paragraphs {
        check_range(p.start, p.end);
        assert!(p.start >= previous_end && p.start < p.end);
        previous_end = p.end;
        for s in &p.sentences {
            check_range(s.start, s.end);
            assert!(s.start >= p.start && s.end <= p.end && s.start < s.end);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn pooled_strings(chars in proptest::collection::vec(proptest::sample::select(POOL), 0..200)) {
        check(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn arbitrary_strings(s in "\\PC*") {
        check(&s);
    }

    #[test]
    fn arbitrary_lines(lines in proptest::collection::vec("[ -~а-яәіңғүұқөһ‘ʻ\u{a0}-]{0,40}", 0..12)) {
        check(&lines.join(" \n"));
        check(&lines.join("-\n"));
    }
}

#[test]
fn edge_inputs() {
    for s in [
        "",
        " ",
        "\n\n\n",
        "\u{301}",
        "\u{301}Абай",
        "-\n",
        ".",
        "1.",
        "…",
        "\r",
        "\u{ad}",
        "a\u{2028}",
    ] {
        check(s);
    }
}

#[test]
fn long_single_line() {
    let line = "Экспорт 2024 ж. 3,39 млрд. долл. болды. Кazinform O‘zbekiston ".repeat(40_000);
    let text = Text::new(&line);
    assert!(text.view().len() >= line.len() - 40_000 * 4);
    check(&line);
}
