//! Quality floors on our own sample corpus: every plain-text document of
//! `examples/corpus/<lang>` that has hand-made gold in
//! `examples/gold/<lang>` is extracted and scored with the port of
//! `score.py`, per language. The floors sit a little below the scores we
//! reach, so a change that loses figures or facts in any language fails.

mod common;

use std::path::PathBuf;

use common::predictions;

/// Language directory, minimal figures F1, minimal facts F1 (about one
/// fact below what the extractor reaches).
const FLOORS: [(&str, f64, f64); 6] = [
    ("kk", 0.97, 0.79),
    ("uz-Cyrl", 0.94, 0.75),
    ("uz-Latn", 0.94, 0.76),
    ("ky", 0.94, 0.83),
    ("ru", 0.94, 0.76),
    ("en", 0.94, 0.90),
];

#[test]
fn sample_corpus_scores_stay_above_the_floors() {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut failures = Vec::new();
    for (lang, fig_floor, fact_floor) in FLOORS {
        let (corpus, gold) = (
            examples.join("corpus").join(lang),
            examples.join("gold").join(lang),
        );
        assert!(gold.is_dir(), "no gold for {lang} at {}", gold.display());
        let figs = predictions(&corpus, &gold);
        let preds = tandem_extract::score::figures_to_predictions(&figs);
        let scores = tandem_extract::score::score(&corpus, &gold, &preds).unwrap();
        let (fig, fact) = (&scores.figures["all"], &scores.facts["all"]);
        println!(
            "{lang:8} figures F1 {:.3} (tp {} pred {} gold {})  facts F1 {:.3} (tp {} pred {} gold {})",
            fig.f1, fig.tp, fig.pred, fig.gold, fact.f1, fact.tp, fact.pred, fact.gold
        );
        if fig.f1 < fig_floor {
            failures.push(format!("{lang}: figures F1 {} < {fig_floor}", fig.f1));
        }
        if fact.f1 < fact_floor {
            failures.push(format!("{lang}: facts F1 {} < {fact_floor}", fact.f1));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("; "));
}
