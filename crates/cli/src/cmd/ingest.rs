//! `tandem ingest`: store documents, their text analysis and figures, and index them.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::context::Context;
use tandem_pipeline::{self as pipeline, Summary};
use tandem_store::Location;

/// Arguments of `tandem ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files, directories (walked recursively) or `-` for standard input.
    #[arg(required_unless_present = "worker")]
    pub paths: Vec<PathBuf>,
    /// PostgreSQL store: take no paths, only help the other workers drain
    /// the store's ingest queue (see README, "Running for a team").
    #[arg(long, conflicts_with = "paths")]
    pub worker: bool,
    /// PostgreSQL store: seconds a worker's claim on queued files lasts
    /// unless renewed (a worker renews its claims every third of it; the
    /// files of a worker killed mid-batch are taken by another after it).
    #[arg(long, value_name = "SECS", default_value_t = tandem_store::DEFAULT_LEASE.as_secs_f64())]
    pub lease_secs: f64,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// No progress bar even on a terminal.
    #[arg(long, short)]
    pub quiet: bool,
    /// Document text bytes per batch; each batch is one transaction.
    #[arg(long, default_value_t = pipeline::BATCH_BYTES, hide = true)]
    pub batch_bytes: u64,
    /// Text bytes per document of a large CSV table or PDF, read in parts
    /// (for tests: smaller parts on small files).
    #[arg(long, default_value_t = tandem_ingest::PART_BYTES, hide = true)]
    pub part_bytes: u64,
}

/// Runs `tandem ingest`. Exit status: 0 all ingested or unchanged, 1 some
/// inputs rejected, 2 nothing could be done.
pub fn run(ctx: &Context, args: IngestArgs) -> anyhow::Result<ExitCode> {
    if args.worker && !matches!(ctx.db, Location::Postgres(_)) {
        anyhow::bail!(
            "--worker drains the ingest queue of a PostgreSQL store; {} is a SQLite file (pass --db postgres://…)",
            ctx.db
        );
    }
    let lease = super::lease(args.lease_secs)?;
    let sizes = Sizes {
        batch_bytes: args.batch_bytes,
        part_bytes: args.part_bytes,
    };
    let summary = ingest(ctx, &args.paths, !args.quiet, sizes, lease)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(&summary);
    }
    Ok(ExitCode::from(summary.exit_code()))
}

/// Text bytes per batch and per part of a large file.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Document text bytes per batch; each batch is one transaction.
    pub batch_bytes: u64,
    /// Text bytes per document of a large CSV table or PDF.
    pub part_bytes: u64,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            batch_bytes: pipeline::BATCH_BYTES,
            part_bytes: tandem_ingest::PART_BYTES,
        }
    }
}

/// Ingests paths into the context's store: a SQLite store and its index
/// directly, a PostgreSQL one through its ingest queue, as one of the
/// workers that share it (claims lasting `lease` unless renewed).
pub fn ingest(
    ctx: &Context,
    paths: &[PathBuf],
    progress: bool,
    sizes: Sizes,
    lease: Duration,
) -> anyhow::Result<Summary> {
    let index_dir = ctx.index_dir();
    let opts = pipeline::Options {
        db: &ctx.db,
        index_dir: &index_dir,
        max_file_bytes: ctx.max_file_bytes,
        progress,
        batch_bytes: sizes.batch_bytes.max(1),
        part_bytes: sizes.part_bytes.max(1),
    };
    match ctx.db {
        Location::Sqlite(_) => pipeline::run(&opts, paths),
        Location::Postgres(_) => pipeline::queue::run(&opts, paths, lease),
    }
}

/// Prints the human summary of a run.
pub fn print_summary(s: &Summary) {
    let mb = s.bytes as f64 / 1e6;
    let secs = s.seconds.max(1e-9);
    println!(
        "Ingested {} input(s), {:.2} MB in {:.2} s ({:.1} MB/s, {:.0} documents/s)",
        s.inputs,
        mb,
        s.seconds,
        mb / secs,
        (s.new + s.new_versions + s.unchanged) as f64 / secs
    );
    println!("  new          {}", s.new);
    if s.new_versions > 0 {
        println!("  new versions {}", s.new_versions);
    }
    println!(
        "  unchanged    {}{}",
        s.unchanged,
        if s.unchanged > 0 && s.new + s.new_versions == 0 {
            "  (already stored: nothing to do)"
        } else {
            ""
        }
    );
    println!("  rejected     {}", s.rejected.len());
    for r in &s.rejected {
        println!("    {r}");
    }
    if !s.languages.is_empty() {
        let langs: Vec<String> = s
            .languages
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        println!("  languages    {}", langs.join(", "));
    }
    println!("  figures      {}", s.figures);
    if s.official > 0 {
        println!(
            "    official   {} (read from statistics tables)",
            s.official
        );
    }
    for t in &s.tables_as_text {
        println!("  table as text: {t}");
    }
}
