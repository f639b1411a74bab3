//! Checks on the real documents in the workspace's `../shared/corpus`
//! (skipped with a message when the directory is absent).
//!
//! - 000 (Kazakh news), 001 (Uzbek Cyrillic news), 002 (Russian news): every
//!   paragraph in the document's language, one paragraph per line (nothing
//!   merged);
//! - 003 (a Kazakh article pulled from a PDF, with Russian and English
//!   abstracts at the end): the Kazakh body `kk`, the Russian title and
//!   abstract `ru`, the English part `en`; hard wraps joined, compounds
//!   hyphenated across lines kept, split words joined.

use std::path::{Path, PathBuf};

use tandem_text::{analyze, Analysis, Lang};

fn corpus_file(prefix: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return None;
    };
    let found = entries.flatten().map(|e| e.path()).find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    });
    if found.is_none() {
        println!("skipped: no {prefix}* file in {}", dir.display());
    }
    found
}

fn load(prefix: &str) -> Option<(String, Analysis)> {
    let path = corpus_file(prefix)?;
    let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
    let analysis = analyze(&text);
    Some((text, analysis))
}

fn paragraph_text(a: &Analysis, i: usize) -> &str {
    let p = &a.paragraphs[i];
    &a.text.view()[p.start..p.end]
}

fn assert_all(a: &Analysis, range: std::ops::Range<usize>, lang: Lang, what: &str) {
    let wrong: Vec<String> = range
        .filter(|&i| a.paragraphs[i].lang != lang)
        .map(|i| {
            format!(
                "#{i} [{}] {}",
                a.paragraphs[i].lang,
                paragraph_text(a, i).chars().take(60).collect::<String>()
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{what}: paragraphs not {lang}:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn news_documents() {
    for (prefix, lang) in [
        ("000_", Lang::Kk),
        ("001_", Lang::UzCyrl),
        ("002_", Lang::Ru),
    ] {
        let Some((text, a)) = load(prefix) else {
            continue;
        };
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(
            a.paragraphs.len(),
            lines,
            "{prefix}: lines were merged or split"
        );
        assert_all(&a, 0..a.paragraphs.len(), lang, prefix);
        for p in &a.paragraphs {
            assert!(!p.sentences.is_empty());
        }
    }
}

#[test]
fn uzbek_header_line_is_repaired() {
    let Some((_, a)) = load("001_") else { return };
    let view = a.text.view();
    // The dateline mixes Cyrillic look-alikes into Latin words.
    assert!(
        view.contains("MOSKVA. Kazinform"),
        "{}",
        &view[..200.min(view.len())]
    );
    let at = view.find("MOSKVA").expect("dateline");
    let original = &a.text.original()[a.text.original_range(at..at + "MOSKVA".len())];
    assert_ne!(original, "MOSKVA");
    assert_eq!(original.chars().count(), 6);
}

fn is_upper_heading(s: &str) -> bool {
    s.split_whitespace().count() >= 2
        && s.chars().any(char::is_alphabetic)
        && !s.chars().any(char::is_lowercase)
}

fn latin_majority(s: &str) -> bool {
    let latin = s.chars().filter(|c| c.is_ascii_alphabetic()).count();
    latin * 2 > s.chars().filter(|c| c.is_alphabetic()).count()
}

#[test]
fn article_with_abstracts() {
    let Some((_, a)) = load("003_") else { return };
    let n = a.paragraphs.len();
    let ru_abstract = (0..n)
        .find(|&i| paragraph_text(&a, i).starts_with("Аннотация"))
        .expect("Russian abstract");
    let en_start = (ru_abstract..n)
        .find(|&i| latin_majority(paragraph_text(&a, i)))
        .expect("English part");
    // The Russian title: the run of capitalised headings before the
    // abstract's author and affiliation lines.
    let title_end = (0..ru_abstract)
        .rev()
        .find(|&i| is_upper_heading(paragraph_text(&a, i)))
        .expect("Russian title")
        + 1;
    let title_start = (0..title_end)
        .rev()
        .take_while(|&i| is_upper_heading(paragraph_text(&a, i)))
        .last()
        .unwrap_or(title_end);
    assert!(title_start > n / 2, "title found too early: #{title_start}");
    assert_all(&a, 0..title_start, Lang::Kk, "Kazakh body");
    assert_all(&a, title_start..title_end, Lang::Ru, "Russian title");
    assert_all(&a, ru_abstract..en_start, Lang::Ru, "Russian abstract");
    assert_all(&a, en_start..n, Lang::En, "English part");
}

#[test]
fn article_wraps_and_hyphens() {
    let Some((text, a)) = load("003_") else {
        return;
    };
    let view = a.text.view();
    assert!(
        a.paragraphs.len() * 3 < text.lines().count(),
        "hard wraps not joined"
    );
    for compound in [
        "іс-қимыл",
        "қарым-қатынас",
        "сауда-экономикалық",
        "бизнес-қоғамдастық",
    ] {
        assert!(view.contains(compound), "{compound} missing");
    }
    // No word is left split across a line break.
    let bytes = view.as_bytes();
    for (i, _) in view.match_indices("-\n") {
        let next = view[i + 2..].chars().next();
        assert!(
            !next.is_some_and(char::is_lowercase),
            "split word at {i}: {:?}",
            String::from_utf8_lossy(&bytes[i.saturating_sub(20)..(i + 20).min(bytes.len())])
        );
    }
    // Every sentence maps back onto char boundaries of the original.
    for p in &a.paragraphs {
        for s in &p.sentences {
            let r = a.text.original_range(s.start..s.end);
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(r.start < r.end);
        }
    }
}
