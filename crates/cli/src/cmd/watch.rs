//! `tandem watch`: fetch new articles from the feeds of `tandem.toml`'s
//! `[watch]` table, round after round (or once, for cron), and ingest them
//! through the same pipeline as `tandem ingest`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use tandem_search::SearchIndex;
use tandem_store::Store;
use tandem_watch::{RoundReport, WatchConfig};

use crate::context::Context;
use tandem_pipeline::{self as pipeline, Summary};

/// Arguments of `tandem watch`.
#[derive(clap::Args)]
pub struct WatchArgs {
    /// Do one round and exit (to run from cron).
    #[arg(long)]
    pub once: bool,
    /// Print each round's report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Seconds a round's claim on the articles it fetches lasts unless
    /// renewed (renewed every third of it while the round runs; the
    /// articles of a watcher killed midway are fetched by a later round
    /// after it). Watchers sharing a store never fetch an article claimed
    /// by another.
    #[arg(long, value_name = "SECS", default_value_t = tandem_store::DEFAULT_LEASE.as_secs_f64())]
    pub lease_secs: f64,
}

/// What one round fetched and what the store made of it.
#[derive(serde::Serialize)]
struct Round {
    #[serde(flatten)]
    watch: RoundReport,
    /// What storing the ingested pages did.
    stored: Summary,
}

/// Runs `tandem watch`. With `--once`, exit status 0 when every feed and
/// page was read, 1 when some failed (reported with their URLs); without
/// it, runs until stopped.
pub fn run(ctx: &Context, args: WatchArgs) -> anyhow::Result<ExitCode> {
    let config = ctx.watch.as_ref().with_context(|| match &ctx.config_path {
        Some(path) => format!(
            "{} has no [watch] table: add one listing the feeds (see README, 'Watching feeds')",
            path.display()
        ),
        None => "no tandem.toml here (nor $TANDEM_CONFIG): write one with a [watch] table listing the feeds (see README, 'Watching feeds')".to_string(),
    })?;
    if config.feeds.is_empty() {
        anyhow::bail!("the [watch] table lists no feeds");
    }
    let lease = super::lease(args.lease_secs)?;
    loop {
        let started = Instant::now();
        let round = round(ctx, config, lease)?;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&round)?);
        } else {
            print_round(&round, started.elapsed().as_secs_f64());
        }
        if args.once {
            return Ok(ExitCode::from(u8::from(!round.watch.errors.is_empty())));
        }
        let wait = config.interval().saturating_sub(started.elapsed());
        tracing::info!(seconds = wait.as_secs(), "next round");
        std::thread::sleep(wait);
    }
}

/// One round: open the store and index, fetch, store what was read.
fn round(ctx: &Context, config: &WatchConfig, lease: Duration) -> anyhow::Result<Round> {
    let mut store = Store::open(&ctx.db)?;
    let index_dir = ctx.index_dir();
    let mut index = SearchIndex::open(&index_dir)
        .with_context(|| format!("cannot open search index {}", index_dir.display()))?;
    pipeline::sync_index(&store, &mut index)?;
    let mut stored = Summary::default();
    let watch = tandem_watch::run_round(config, &ctx.db, ctx.max_file_bytes, lease, &mut |docs| {
        let s =
            pipeline::ingest_docs(&mut store, &mut index, docs).map_err(|e| format!("{e:#}"))?;
        stored.inputs += s.inputs;
        stored.bytes += s.bytes;
        stored.new += s.new;
        stored.new_versions += s.new_versions;
        stored.unchanged += s.unchanged;
        stored.figures += s.figures;
        for (lang, n) in s.languages {
            *stored.languages.entry(lang).or_default() += n;
        }
        Ok(())
    })?;
    Ok(Round { watch, stored })
}

fn print_round(r: &Round, seconds: f64) {
    let w = &r.watch;
    println!("Watch round in {seconds:.1} s: {} request(s)", w.requests);
    println!(
        "  feeds        {} read, {} not modified",
        w.feeds_fetched, w.feeds_not_modified
    );
    println!("  new items    {}", w.new_items);
    if w.taken_by_others > 0 {
        println!("  left         {} to other watchers", w.taken_by_others);
    }
    println!(
        "  pages        {} fetched, {} not modified, {} disallowed by robots.txt",
        w.pages_fetched,
        w.pages_not_modified,
        w.disallowed.len()
    );
    println!(
        "  stored       {} new, {} new version(s), {} unchanged, {} figure(s)",
        r.stored.new, r.stored.new_versions, r.stored.unchanged, r.stored.figures
    );
    if !w.errors.is_empty() {
        println!("  failed       {}", w.errors.len());
        for e in &w.errors {
            println!("    {e}");
        }
    }
}
