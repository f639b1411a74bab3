//! Relevance evaluation: a file of queries with the documents judged
//! relevant (by document name), scored as precision@5, recall@10 and
//! mean reciprocal rank.

use serde::{Deserialize, Serialize};

use crate::error::SearchError;
use crate::index::{SearchIndex, SearchRequest};

/// A file of judged queries (TOML: `[[query]] q = "…" relevant = ["name", …]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgements {
    /// The judged queries.
    pub query: Vec<JudgedQuery>,
}

/// One query and the names of the documents relevant to it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedQuery {
    /// The query text.
    pub q: String,
    /// Names (file stems or JSONL ids) of the relevant documents.
    pub relevant: Vec<String>,
    /// Optional language filter.
    #[serde(default)]
    pub langs: Vec<String>,
    /// Why these documents are relevant (for the reader of the file).
    #[serde(default)]
    pub note: String,
}

/// The scores of one query.
#[derive(Clone, Debug, Serialize)]
pub struct QueryScore {
    /// The query text.
    pub q: String,
    /// Relevant documents among the first 5, divided by 5 (or by the
    /// number of relevant documents when fewer than 5 exist).
    pub precision_at_5: f64,
    /// Relevant documents among the first 10, divided by all relevant ones.
    pub recall_at_10: f64,
    /// 1 / rank of the first relevant document (0 if none in the first 10).
    pub reciprocal_rank: f64,
    /// Relevant documents not found in the first 10.
    pub missed: Vec<String>,
}

/// Scores of a whole judgement file.
#[derive(Clone, Debug, Serialize)]
pub struct EvalReport {
    /// Per-query scores.
    pub queries: Vec<QueryScore>,
    /// Mean precision@5.
    pub precision_at_5: f64,
    /// Mean recall@10.
    pub recall_at_10: f64,
    /// Mean reciprocal rank.
    pub mrr: f64,
}

/// Parses a judgement file.
pub fn parse_judgements(raw: &str) -> Result<Judgements, SearchError> {
    toml::from_str(raw).map_err(|e| SearchError::BadFilter(format!("judgement file: {e}")))
}

/// Scores one ranked list of document names against the relevant ones.
pub fn score_ranking(q: &str, ranked: &[String], relevant: &[String]) -> QueryScore {
    let is_relevant = |n: &String| relevant.contains(n);
    let top5 = ranked.iter().take(5).filter(|n| is_relevant(n)).count();
    let top10: Vec<&String> = ranked.iter().take(10).filter(|n| is_relevant(n)).collect();
    let denominator5 = relevant.len().clamp(1, 5);
    let rank = ranked.iter().take(10).position(is_relevant);
    QueryScore {
        q: q.to_string(),
        precision_at_5: top5 as f64 / denominator5 as f64,
        recall_at_10: if relevant.is_empty() {
            1.0
        } else {
            top10.len() as f64 / relevant.len() as f64
        },
        reciprocal_rank: rank.map_or(0.0, |r| 1.0 / (r + 1) as f64),
        missed: relevant
            .iter()
            .filter(|r| !top10.contains(r))
            .cloned()
            .collect(),
    }
}

/// Runs every judged query against `index` and scores the results.
pub fn evaluate(index: &SearchIndex, judgements: &Judgements) -> Result<EvalReport, SearchError> {
    let mut queries = Vec::new();
    for j in &judgements.query {
        let mut req = SearchRequest::new(j.q.clone());
        req.langs = j.langs.clone();
        let mut ranked: Vec<String> = Vec::new();
        for hit in index.search(&req)?.hits {
            if !ranked.contains(&hit.name) {
                ranked.push(hit.name);
            }
        }
        queries.push(score_ranking(&j.q, &ranked, &j.relevant));
    }
    let n = queries.len().max(1) as f64;
    let mean = |f: fn(&QueryScore) -> f64| queries.iter().map(f).sum::<f64>() / n;
    Ok(EvalReport {
        precision_at_5: mean(|s| s.precision_at_5),
        recall_at_10: mean(|s| s.recall_at_10),
        mrr: mean(|s| s.reciprocal_rank),
        queries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_scores() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s = score_ranking("q", &names(&["x", "a", "y", "b"]), &names(&["a", "b", "c"]));
        assert!((s.precision_at_5 - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.recall_at_10 - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.reciprocal_rank - 0.5).abs() < 1e-9);
        assert_eq!(s.missed, names(&["c"]));
        let none = score_ranking("q", &names(&["x"]), &names(&["a"]));
        assert_eq!(none.reciprocal_rank, 0.0);
    }
}
