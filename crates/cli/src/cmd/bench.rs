//! `tandem bench`: synthetic corpus generation and throughput measurements.
//! Each measurement lives with the code it measures; this module dispatches
//! and prints the figures that go into `BENCHMARKS.md`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::context::Context;

/// Arguments of `tandem bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    what: Bench,
}

#[derive(clap::Subcommand)]
enum Bench {
    /// Write a synthetic corpus (all seven languages, all formats).
    Gen {
        /// Output directory (should be empty).
        out: PathBuf,
        /// Number of documents.
        #[arg(long, default_value_t = 100_000)]
        docs: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Ingest a corpus into a fresh store and report MB/s, documents/s and peak memory.
    Ingest {
        /// Corpus directory.
        corpus: PathBuf,
        /// Where to put the fresh store (deleted first). (A string, like
        /// the global `--db` it shares its name with: clap keeps one type
        /// per argument name.)
        #[arg(long, default_value = "bench-data/ingest/tandem.db")]
        db: String,
    },
    /// Query latency (p50, p99) per query kind on a store's index, and the index size.
    Search {
        /// Store whose index to query (e.g. one filled by `tandem bench ingest`).
        #[arg(long, default_value = "bench-data/ingest/tandem.db")]
        db: String,
        /// Runs of each query.
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// Text analysis + figure extraction on one core over a corpus, in MB/s.
    Extract {
        /// Corpus files or directories.
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        /// Use at most this many MB of text.
        #[arg(long, default_value_t = 100)]
        max_mb: usize,
        /// Only documents whose language is this code (e.g. `ru`).
        #[arg(long)]
        lang: Option<String>,
        /// Repetitions (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Write the texts used, one JSON string a line, for comparison with other extractors.
        #[arg(long)]
        dump: Option<PathBuf>,
    },
}

/// Runs `tandem bench`.
pub fn run(ctx: &Context, args: BenchArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        Bench::Gen { out, docs, seed } => {
            let started = Instant::now();
            let s = tandem_synth::generate(&out, docs, seed)?;
            println!(
                "wrote {} documents in {} files, {:.1} MB, to {} in {:.1} s",
                s.documents,
                s.files,
                s.bytes as f64 / 1e6,
                out.display(),
                started.elapsed().as_secs_f64()
            );
        }
        Bench::Ingest { corpus, db } => {
            let db = PathBuf::from(db);
            let ctx = Context {
                db: db.clone().into(),
                ..ctx.clone()
            };
            let index = ctx.index_dir();
            for p in [&db, &index] {
                if p.is_dir() {
                    std::fs::remove_dir_all(p)?;
                } else if p.exists() {
                    std::fs::remove_file(p)?;
                }
            }
            for suffix in ["-wal", "-shm"] {
                let mut p = db.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
            let anon = AnonSampler::start();
            let s = crate::cmd::ingest::ingest(
                &ctx,
                &[corpus],
                false,
                crate::cmd::ingest::Sizes::default(),
                tandem_store::DEFAULT_LEASE,
            )?;
            let anon = anon.stop();
            let anon_peak = anon.iter().copied().fold(0.0, f64::max);
            let tenths: Vec<String> = peaks_by_tenth(&anon)
                .iter()
                .map(|mb| format!("{mb:.0}"))
                .collect();
            let store = tandem_store::Store::open(&db)?;
            let text_bytes = store.text_bytes()?;
            let docs = s.new + s.new_versions + s.unchanged;
            println!(
                "documents        {docs} ({} rejected inputs)",
                s.rejected.len()
            );
            println!("figures          {}", s.figures);
            println!("input on disk    {:.1} MB", s.bytes as f64 / 1e6);
            println!("text             {:.1} MB", text_bytes as f64 / 1e6);
            println!("seconds          {:.2}", s.seconds);
            println!(
                "throughput       {:.1} MB/s of text, {:.1} MB/s on disk, {:.0} documents/s",
                text_bytes as f64 / 1e6 / s.seconds,
                s.bytes as f64 / 1e6 / s.seconds,
                docs as f64 / s.seconds
            );
            println!("peak memory      {:.0} MB (VmHWM)", peak_rss_mb());
            println!(
                "peak anonymous   {anon_peak:.0} MB (RssAnon sampled every 20 ms: allocated memory, without mapped index files)"
            );
            println!("  by tenth of the run: {} MB", tenths.join(" "));
        }
        Bench::Search { db, runs } => bench_search(
            &Context {
                db: PathBuf::from(db).into(),
                ..ctx.clone()
            },
            runs,
        )?,
        Bench::Extract {
            corpus,
            max_mb,
            lang,
            runs,
            dump,
        } => bench_extract(&corpus, max_mb, lang.as_deref(), runs, dump)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A field of this process's `/proc/self/status` in MB (Linux), 0 elsewhere.
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Peak resident memory of this process in MB (`VmHWM`). It counts the
/// pages of files the search index maps while merging segments too.
fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

/// Samples the process's anonymous resident memory (`RssAnon`: what it
/// allocated, without mapped files) every 20 ms on a thread.
struct AnonSampler {
    stop: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<Vec<f64>>,
}

impl AnonSampler {
    fn start() -> AnonSampler {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let mut samples = vec![status_mb("RssAnon:")];
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                stopped.recv_timeout(std::time::Duration::from_millis(20))
            {
                samples.push(status_mb("RssAnon:"));
            }
            samples.push(status_mb("RssAnon:"));
            samples
        });
        AnonSampler { stop, thread }
    }

    /// Stops sampling and returns the samples in MB, in time order.
    fn stop(self) -> Vec<f64> {
        let _ = self.stop.send(());
        self.thread.join().unwrap_or_default()
    }
}

/// The largest sample of each tenth of a run (fewer parts when there are
/// fewer than ten samples). Memory that grew with the corpus would show
/// as peaks rising from one tenth to the next.
fn peaks_by_tenth(samples: &[f64]) -> Vec<f64> {
    let parts = samples.len().min(10);
    (0..parts)
        .map(|i| {
            let part = &samples[i * samples.len() / parts..(i + 1) * samples.len() / parts];
            part.iter().copied().fold(0.0, f64::max)
        })
        .collect()
}

/// Reads up to `max_mb` of document text and times analysis + extraction on one thread.
fn bench_extract(
    corpus: &[PathBuf],
    max_mb: usize,
    lang: Option<&str>,
    runs: usize,
    dump: Option<PathBuf>,
) -> anyhow::Result<()> {
    let (inputs, _) = tandem_ingest::collect_inputs(corpus);
    let mut texts = Vec::new();
    let mut total = 0usize;
    'inputs: for input in &inputs {
        for doc in tandem_ingest::read_input(input, u64::MAX).docs {
            if let Some(want) = lang {
                let analysis = tandem_text::analyze(&doc.text);
                let main = analysis
                    .paragraphs
                    .iter()
                    .map(|p| p.lang.code())
                    .max_by_key(|c| {
                        analysis
                            .paragraphs
                            .iter()
                            .filter(|p| p.lang.code() == *c)
                            .count()
                    });
                if main != Some(want) {
                    continue;
                }
            }
            total += doc.text.len();
            texts.push(doc.text);
            if total > max_mb * 1_000_000 {
                break 'inputs;
            }
        }
    }
    anyhow::ensure!(!texts.is_empty(), "no documents to measure");
    if let Some(path) = dump {
        let lines: Vec<String> = texts
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        std::fs::write(&path, lines.join("\n") + "\n")?;
    }
    let mut rates: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let (bytes, secs) = tandem_extract::bench_extract(&texts);
            bytes as f64 / 1e6 / secs.max(1e-9)
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "{} documents, {:.1} MB: median {:.1} MB/s on one core (runs: {})",
        texts.len(),
        total as f64 / 1e6,
        rates[rates.len() / 2],
        rates
            .iter()
            .map(|r| format!("{r:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}

/// Latency per query kind (single words, phrases, expanded concepts).
fn bench_search(ctx: &Context, runs: usize) -> anyhow::Result<()> {
    use tandem_search::bench::{bench_queries, bench_queries_default, dir_size};
    let dir = ctx.index_dir();
    anyhow::ensure!(
        dir.is_dir(),
        "no index at {}: run `tandem bench ingest` first",
        dir.display()
    );
    let index = tandem_search::SearchIndex::open(&dir)?;
    println!("documents        {}", index.num_docs());
    println!("index size       {:.1} MB", dir_size(&dir)? as f64 / 1e6);
    let queries = bench_queries_default()?;
    for (kind, list) in [
        ("single words", &queries.single),
        ("phrases", &queries.phrase),
        ("concepts (expanded)", &queries.concept),
    ] {
        let s = bench_queries(&index, list, runs)?;
        println!(
            "{kind:<20} {} searches  p50 {:.2} ms  p99 {:.2} ms  mean {:.2} ms  max {:.2} ms",
            s.searches, s.p50_ms, s.p99_ms, s.mean_ms, s.max_ms
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::peaks_by_tenth;

    #[test]
    fn peaks_by_tenth_takes_the_largest_sample_of_each_tenth() {
        let samples: Vec<f64> = (0..100).map(|i| f64::from(i % 10 + i / 10 * 100)).collect();
        let peaks = peaks_by_tenth(&samples);
        assert_eq!(peaks.len(), 10);
        assert_eq!(peaks[0], 9.0);
        assert_eq!(peaks[9], 909.0);
        assert_eq!(peaks_by_tenth(&[3.0, 1.0]), vec![3.0, 1.0]);
        assert!(peaks_by_tenth(&[]).is_empty());
    }
}
