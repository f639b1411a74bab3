//! Runs the per-language example files `lexicon/examples/<lang>.txt`
//! (format: `lexicon/examples/README.md`): every line `INPUT ⇒ EXPECTED` is
//! extracted as a document of its own and checked.

use std::path::PathBuf;

use serde_json::Value;
use tandem_model::{DocDate, Figure};

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../lexicon/examples")
}

fn field(f: &Figure, k: &str) -> Option<Value> {
    let v = serde_json::to_value(f).ok()?;
    v.get(k).cloned()
}

fn same(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 0.005 * a.abs().max(b.abs()),
        _ => got == want,
    }
}

/// Checks one example; returns the problems found.
fn check(input: &str, expected: &Value, date: Option<DocDate>) -> Vec<String> {
    let figs = tandem_extract::extract("example", &tandem_text::analyze(input), date);
    let wants: Vec<&Value> = match expected {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    };
    let mut problems = Vec::new();
    if wants.is_empty() && !figs.is_empty() {
        let texts: Vec<&str> = figs.iter().map(|f| f.text.as_str()).collect();
        problems.push(format!("expected no figure, got {texts:?}"));
    }
    for want in wants {
        let Some(obj) = want.as_object() else {
            problems.push(format!("expectation {want} is not an object"));
            continue;
        };
        let Some(text) = obj.get("text").and_then(Value::as_str) else {
            problems.push(format!("expectation {want} has no \"text\""));
            continue;
        };
        let Some(fig) = figs.iter().find(|f| f.text == text) else {
            let texts: Vec<&str> = figs.iter().map(|f| f.text.as_str()).collect();
            problems.push(format!("no figure {text:?} (got {texts:?})"));
            continue;
        };
        for (k, v) in obj {
            let got = field(fig, k).unwrap_or(Value::Null);
            if !same(&got, v) {
                problems.push(format!("{text:?}: {k} = {got}, expected {v}"));
            }
        }
    }
    problems
}

#[test]
fn every_example_file_passes() {
    let dir = examples_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("{} is missing", dir.display());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no example files in {}", dir.display());
    let mut failures = Vec::new();
    for path in files {
        let raw = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut date = None;
        let mut count = 0;
        for (i, line) in raw.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(d) = line.strip_prefix("@date") {
                let d = d.trim();
                date = if d == "none" { None } else { DocDate::parse(d) };
                assert!(
                    d == "none" || date.is_some(),
                    "{name}:{}: bad date {d:?}",
                    i + 1
                );
                continue;
            }
            let Some((input, expected)) = line.split_once(" ⇒ ") else {
                failures.push(format!("{name}:{}: no ` ⇒ ` separator", i + 1));
                continue;
            };
            let expected: Value = match serde_json::from_str(expected) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{name}:{}: bad JSON: {e}", i + 1));
                    continue;
                }
            };
            count += 1;
            for p in check(input, &expected, date) {
                failures.push(format!("{name}:{}: {p}", i + 1));
            }
        }
        if count < 40 {
            failures.push(format!(
                "{name}: only {count} examples (at least 40 expected)"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
