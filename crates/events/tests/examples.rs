//! Runs the per-language event and project example files
//! `lexicon/examples/events/<lang>.txt` and
//! `lexicon/examples/projects/<lang>.txt` (format: their `README.md`):
//! every line `INPUT ⇒ EXPECTED` is read as a document of its own and
//! checked.

use std::path::PathBuf;

use serde_json::{Map, Value};
use tandem_model::DocDate;

fn examples_dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../lexicon/examples")
        .join(kind)
}

fn same(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.005 * a.abs().max(b.abs()),
        _ => got == want,
    }
}

/// Whether a found record (as JSON) has every listed field of `want`.
fn fits(got: &Map<String, Value>, want: &Map<String, Value>) -> bool {
    want.iter()
        .filter(|(k, _)| *k != "record")
        .all(|(k, v)| same(got.get(k).unwrap_or(&Value::Null), v))
}

/// Checks one example; returns the problems found.
fn check(input: &str, expected: &Value, date: Option<DocDate>) -> Vec<String> {
    let (_, found) = tandem_events::analyse("example", input, date);
    let as_maps = |v: Value| match v {
        Value::Array(a) => a
            .into_iter()
            .filter_map(|x| match x {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let events = as_maps(serde_json::to_value(&found.events).unwrap_or_default());
    let mut agreements = as_maps(serde_json::to_value(&found.agreements).unwrap_or_default());
    let (named, counts): (Vec<_>, Vec<_>) = found.projects.iter().partition(|p| p.name.is_some());
    let projects = as_maps(serde_json::to_value(&named).unwrap_or_default());
    let project_counts = as_maps(serde_json::to_value(&counts).unwrap_or_default());
    // an agreement's event, by type
    for (a, src) in agreements.iter_mut().zip(&found.agreements) {
        let t = src
            .event
            .and_then(|e| found.events.get(e))
            .map(|e| Value::from(e.event_type.clone()))
            .unwrap_or(Value::Null);
        a.insert("event".into(), t);
    }
    let Some(wants) = expected.as_array() else {
        return vec![format!("expectation {expected} is not an array")];
    };
    let mut problems = Vec::new();
    if wants.is_empty()
        && !(events.is_empty()
            && agreements.is_empty()
            && projects.is_empty()
            && project_counts.is_empty())
    {
        problems.push(format!(
            "expected nothing, got events {events:?} agreements {agreements:?} \
             projects {projects:?} {project_counts:?}"
        ));
    }
    for want in wants {
        let Some(obj) = want.as_object() else {
            problems.push(format!("expectation {want} is not an object"));
            continue;
        };
        let pool = match obj.get("record").and_then(Value::as_str) {
            Some("event") => &events,
            Some("agreement") => &agreements,
            Some("project") => &projects,
            Some("project_count") => &project_counts,
            _ => {
                problems.push(format!("expectation {want} has no valid \"record\""));
                continue;
            }
        };
        if !pool.iter().any(|g| fits(g, obj)) {
            problems.push(format!("not found: {want} (got {pool:?})"));
        }
    }
    problems
}

#[test]
fn every_event_example_file_passes() {
    run(&examples_dir("events"));
}

#[test]
fn every_project_example_file_passes() {
    run(&examples_dir("projects"));
}

/// Runs every example file of `dir`.
fn run(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("{} is missing", dir.display());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        7,
        "one example file per language in {}",
        dir.display()
    );
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
        if count < 3 {
            failures.push(format!(
                "{name}: only {count} examples (at least 3 expected)"
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
