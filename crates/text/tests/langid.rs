//! Language identification accuracy over paragraphs per language.
//!
//! Reads `tests/langid/<code>.txt` (paragraphs separated by a blank line,
//! one file per language code). Every language present must have at least
//! 30 paragraphs and be identified with accuracy ≥ 0.97. Harder single
//! cases (mixed names, quotes, short lines) are in
//! `tests/fixtures/langid_cases.tsv`.

use std::path::{Path, PathBuf};

use tandem_text::{detect_language, Lang};

const MIN_PARAGRAPHS: usize = 30;
const MIN_ACCURACY: f64 = 0.97;

fn paragraphs(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn files(dir: &Path) -> Vec<(Lang, PathBuf)> {
    Lang::ALL
        .into_iter()
        .map(|l| (l, dir.join(format!("{}.txt", l.code()))))
        .filter(|(_, p)| p.is_file())
        .collect()
}

#[test]
fn accuracy_per_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let sets = files(&root.join("langid"));
    assert!(!sets.is_empty(), "no files in tests/langid/");
    println!("{:<8} {:>6} {:>8}  mistakes", "lang", "paras", "accuracy");
    let mut failures = Vec::new();
    for (lang, path) in sets {
        let paras = paragraphs(&path);
        assert!(
            paras.len() >= MIN_PARAGRAPHS,
            "{}: only {} paragraphs (need {MIN_PARAGRAPHS})",
            path.display(),
            paras.len()
        );
        let mut wrong = Vec::new();
        for p in &paras {
            let got = detect_language(p);
            if got != lang {
                wrong.push((got, p.chars().take(50).collect::<String>()));
            }
        }
        let accuracy = 1.0 - wrong.len() as f64 / paras.len().max(1) as f64;
        println!(
            "{:<8} {:>6} {:>8.3}  {}",
            lang.code(),
            paras.len(),
            accuracy,
            wrong
                .iter()
                .map(|(l, p)| format!("[{l}] {p}"))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        if accuracy < MIN_ACCURACY {
            failures.push(format!("{}: {accuracy:.3}", lang.code()));
        }
    }
    assert!(
        failures.is_empty(),
        "accuracy below {MIN_ACCURACY}: {failures:?}"
    );
}

#[test]
fn hard_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/langid_cases.tsv");
    let text = std::fs::read_to_string(&path).expect("fixture file");
    let mut wrong = Vec::new();
    let mut total = 0;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (code, paragraph) = line.split_once('\t').expect("code<TAB>text");
        let expected = Lang::from_code(code).expect("known code");
        total += 1;
        let got = detect_language(paragraph);
        if got != expected {
            wrong.push(format!("expected {expected}, got {got}: {paragraph}"));
        }
    }
    assert!(total >= 20, "too few cases");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
