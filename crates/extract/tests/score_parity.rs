//! The Rust scorer must agree with `shared/gold/score.py` on the same
//! predictions. Skipped (with a message) when python3 or ../shared is absent.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use serde_json::{Map, Value};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn extract_corpus(corpus: &std::path::Path) -> Vec<Map<String, Value>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut figs = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        figs.extend(tandem_extract::extract(
            &name,
            &tandem_text::analyze(&text),
            None,
        ));
    }
    tandem_extract::score::figures_to_predictions(&figs)
}

/// Variants of the predictions that exercise misses, wrong fields and extras.
fn perturb(preds: &[Map<String, Value>]) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        let mut p = p.clone();
        match i % 7 {
            0 => continue,
            1 => {
                p.insert("indicator".into(), Value::String("other".into()));
            }
            2 => {
                p.insert("subject".into(), Value::Null);
            }
            3 => {
                let v = p.get("value").and_then(Value::as_f64).unwrap_or(0.0);
                p.insert("value".into(), serde_json::json!(v * 1.004));
            }
            4 => {
                p.insert("period".into(), Value::String("1999".into()));
                out.push(p.clone());
            }
            5 => {
                // a product where the gold may have another or none
                p.insert("product".into(), Value::String("27".into()));
            }
            _ => {}
        }
        out.push(p);
    }
    out
}

#[test]
fn port_matches_score_py() {
    let shared = shared();
    let script = shared.join("gold/score.py");
    if !script.exists() || Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping: python3 or {} not available", script.display());
        return;
    }
    let corpus = shared.join("corpus");
    let gold = shared.join("gold/dev");
    let preds = extract_corpus(&corpus);
    for set in [preds.clone(), perturb(&preds), Vec::new()] {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        for p in &set {
            writeln!(file, "{}", Value::Object(p.clone())).unwrap();
        }
        file.flush().unwrap();
        let out = Command::new("python3")
            .arg(&script)
            .arg(&corpus)
            .arg(&gold)
            .arg(file.path())
            .arg("--json")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let py: Value = serde_json::from_slice(&out.stdout).unwrap();
        let scores = tandem_extract::score::score(&corpus, &gold, &set).unwrap();
        assert_eq!(tandem_extract::score::to_json(&scores), py);
        // and the printed report
        let text = Command::new("python3")
            .arg(&script)
            .arg(&corpus)
            .arg(&gold)
            .arg(file.path())
            .arg("-v")
            .output()
            .unwrap();
        assert_eq!(
            tandem_extract::score::render(&scores, true),
            String::from_utf8_lossy(&text.stdout)
        );
    }
}
