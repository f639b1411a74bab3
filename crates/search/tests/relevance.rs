//! The relevance judgements (`eval/queries.toml`) are well formed, name
//! documents that exist, and the search keeps its measured quality.

mod common;

use std::collections::HashSet;

use tandem_search::eval::{evaluate, parse_judgements};

const JUDGEMENTS: &str = include_str!("../eval/queries.toml");

fn is_shared(name: &str) -> bool {
    name.as_bytes()
        .get(..4)
        .is_some_and(|p| p[..3].iter().all(u8::is_ascii_digit) && p[3] == b'_')
}

#[test]
fn judged_queries_score_above_the_floor() {
    let judgements = parse_judgements(JUDGEMENTS).unwrap();
    assert!(
        judgements.query.len() >= 30,
        "need at least 30 judged queries"
    );
    let mut docs = common::read_corpus(&common::examples_dir());
    let shared = common::shared_dir();
    match &shared {
        Some(dir) => docs.extend(common::read_corpus(dir)),
        None => eprintln!("../shared/corpus is absent: judging on the sample corpus only"),
    }
    let names: HashSet<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    for q in &judgements.query {
        assert!(
            !q.relevant.is_empty(),
            "`{}` judges no document relevant",
            q.q
        );
        for name in &q.relevant {
            assert!(
                names.contains(name.as_str()) || (shared.is_none() && is_shared(name)),
                "`{}` names unknown document {name}",
                q.q
            );
        }
    }
    if shared.is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = common::index_docs(dir.path(), &docs);
    let report = evaluate(&index, &judgements).unwrap();
    eprintln!(
        "precision@5 {:.3}  recall@10 {:.3}  MRR {:.3}",
        report.precision_at_5, report.recall_at_10, report.mrr
    );
    // (0.690 measured on 2026-12-03: the sample's Kazakh PDF is judged
    // relevant to the Uzbek query on Kazakh-capital enterprises and ranks
    // below the first five, so the floor sits at 0.68)
    assert!(
        report.precision_at_5 >= 0.68,
        "precision@5 {}",
        report.precision_at_5
    );
    assert!(
        report.recall_at_10 >= 0.8,
        "recall@10 {}",
        report.recall_at_10
    );
    assert!(report.mrr >= 0.85, "MRR {}", report.mrr);
}
