//! Helpers shared by the quality tests.

use std::path::Path;

/// Figures of every gold-annotated document in `corpus` (a `NAME.txt` for
/// each `NAME.jsonl` in `gold`), in the order of the gold file names.
pub fn predictions(corpus: &Path, gold: &Path) -> Vec<tandem_model::Figure> {
    let mut figs = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(gold)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let Some(doc) = name.strip_suffix(".jsonl") else {
            continue;
        };
        let text = std::fs::read_to_string(corpus.join(format!("{doc}.txt"))).unwrap();
        figs.extend(tandem_extract::extract(
            doc,
            &tandem_text::analyze(&text),
            None,
        ));
    }
    figs
}
