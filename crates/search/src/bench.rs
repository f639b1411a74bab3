//! Query latency measurement for `tandem bench`: runs queries repeatedly
//! and reports percentiles; also the size of an index on disk.

use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::SearchError;
use crate::index::{SearchIndex, SearchRequest};

/// Latency percentiles of a set of queries, in milliseconds.
#[derive(Clone, Debug, Serialize)]
pub struct LatencyStats {
    /// Number of timed searches.
    pub searches: usize,
    /// Median latency.
    pub p50_ms: f64,
    /// 99th percentile latency.
    pub p99_ms: f64,
    /// Mean latency.
    pub mean_ms: f64,
    /// Slowest search.
    pub max_ms: f64,
}

/// The benchmark queries by kind (`data/bench_queries.toml`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchQueries {
    /// Single words.
    pub single: Vec<String>,
    /// Quoted phrases.
    pub phrase: Vec<String>,
    /// Words that name a concept and are expanded across languages.
    pub concept: Vec<String>,
}

/// The bundled benchmark queries.
pub fn bench_queries_default() -> Result<BenchQueries, SearchError> {
    toml::from_str(include_str!("../data/bench_queries.toml")).map_err(|e| SearchError::Data {
        file: "data/bench_queries.toml",
        message: e.to_string(),
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Runs each query `runs` times (after one warm-up run) with snippets, as a
/// user would see them, and returns the latency percentiles.
pub fn bench_queries(
    index: &SearchIndex,
    queries: &[String],
    runs: usize,
) -> Result<LatencyStats, SearchError> {
    let mut times = Vec::with_capacity(queries.len() * runs);
    for q in queries {
        let req = SearchRequest::new(q.clone());
        index.search(&req)?;
        for _ in 0..runs {
            let t = Instant::now();
            index.search(&req)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let n = times.len();
    Ok(LatencyStats {
        searches: n,
        p50_ms: percentile(&times, 50.0),
        p99_ms: percentile(&times, 99.0),
        mean_ms: if n == 0 {
            0.0
        } else {
            times.iter().sum::<f64>() / n as f64
        },
        max_ms: times.last().copied().unwrap_or(0.0),
    })
}

/// Total size in bytes of the files under `dir`.
pub fn dir_size(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
