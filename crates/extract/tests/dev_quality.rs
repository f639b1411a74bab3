//! Quality floor on the shared dev corpus (figures F1 ≥ 0.95, facts F1 ≥
//! 0.80), scored with the port of `score.py`. Skipped when ../shared is absent.

mod common;

use std::path::PathBuf;

#[test]
fn dev_corpus_scores_stay_above_the_floor() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let (corpus, gold) = (shared.join("corpus"), shared.join("gold/dev"));
    if !gold.is_dir() || !corpus.is_dir() {
        eprintln!("skipping: {} not available", gold.display());
        return;
    }
    let figs = common::predictions(&corpus, &gold);
    let preds = tandem_extract::score::figures_to_predictions(&figs);
    let scores = tandem_extract::score::score(&corpus, &gold, &preds).unwrap();
    let (fig, fact) = (&scores.figures["all"], &scores.facts["all"]);
    assert!(fig.f1 >= 0.95, "figures F1 {}", fig.f1);
    assert!(fact.f1 >= 0.80, "facts F1 {}", fact.f1);
}
