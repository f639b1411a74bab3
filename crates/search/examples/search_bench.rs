//! Measures query latency on an existing index:
//! `cargo run --release -p tandem-search --example search_bench -- INDEX_DIR [RUNS]`.
//! Prints p50/p99 per query kind (single words, phrases, expanded concept
//! queries, from `data/bench_queries.toml`) and the index size on disk.

use std::path::PathBuf;

use tandem_search::bench::{bench_queries, bench_queries_default, dir_size};
use tandem_search::SearchIndex;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: search_bench INDEX_DIR [RUNS]")?);
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(20);
    let index = SearchIndex::open(&dir)?;
    println!("documents {}", index.num_docs());
    println!("index size {:.1} MB", dir_size(&dir)? as f64 / 1e6);
    let queries = bench_queries_default()?;
    for (kind, list) in [
        ("single words", &queries.single),
        ("phrases", &queries.phrase),
        ("concept (expanded)", &queries.concept),
    ] {
        let s = bench_queries(&index, list, runs)?;
        println!(
            "{kind:<20} {} searches  p50 {:.2} ms  p99 {:.2} ms  mean {:.2} ms  max {:.2} ms",
            s.searches, s.p50_ms, s.p99_ms, s.mean_ms, s.max_ms
        );
    }
    Ok(())
}
