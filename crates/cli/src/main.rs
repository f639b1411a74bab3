//! `tandem`: turns economic news about Central Asia into sourced figures.
//!
//! This binary only wires the library crates together; each subcommand
//! lives in its own module under `cmd/`.

mod cmd;
mod context;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use context::Context;

/// Tandem: sourced, comparable figures from economic news.
#[derive(Parser)]
#[command(name = "tandem", version, about, long_about = None)]
struct Cli {
    /// The store: a SQLite file, or postgres://user@host/db (default: `tandem.toml`'s `db`, else
    /// $TANDEM_DB, else ./tandem-data/tandem.db).
    #[arg(long, global = true)]
    db: Option<String>,
    /// The search index directory (default: `tandem.toml`'s `index`, else beside a SQLite store,
    /// `<db>.index`, else for PostgreSQL ./tandem-data/<database>-<hash>.pg.index). Each
    /// `tandem serve` on one machine needs its own.
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest documents (files, directories, `-` for standard input) into the store.
    Ingest(cmd::ingest::IngestArgs),
    /// Ingest a corpus, show what was stored, then serve the dashboard.
    Start(cmd::start::StartArgs),
    /// Counts of stored documents per language and per year.
    Stats(cmd::stats::StatsArgs),
    /// Print the figures of documents as JSON Lines.
    Extract(cmd::extract::ExtractArgs),
    /// Score extraction against gold figures (and events against gold events).
    Eval(cmd::eval::EvalArgs),
    /// List the events stored documents report, newest first, with their sources.
    Events(cmd::events::EventsArgs),
    /// List the named projects stored documents report, with their status, value, jobs
    /// and sources; `tandem projects ID|NAME` shows a project's history.
    Projects(cmd::projects::ProjectsArgs),
    /// Search stored documents across languages and scripts.
    Search(cmd::search::SearchArgs),
    /// Rebuild the search index from the store.
    Reindex(cmd::search::ReindexArgs),
    /// Print the series of an indicator for a pair of countries.
    Series(cmd::kb::SeriesArgs),
    /// List conflicting figures.
    Conflicts(cmd::kb::ConflictsArgs),
    /// List tracked targets and their progress.
    Targets(cmd::kb::TargetsArgs),
    /// Serve the JSON API and web dashboard.
    Serve(cmd::serve::ServeArgs),
    /// Create, list and revoke the API tokens of `tandem serve --access public-read|token`.
    Token(cmd::token::TokenArgs),
    /// Export figures, events, agreements or projects for analysts' own tools.
    Export(Box<cmd::export::ExportArgs>),
    /// Fetch new articles from the feeds of tandem.toml's [watch] table and ingest them.
    Watch(cmd::watch::WatchArgs),
    /// Benchmarks: synthetic corpus generation and throughput measurements.
    Bench(cmd::bench::BenchArgs),
}

fn main() -> ExitCode {
    tandem_pipeline::alloc::configure();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TANDEM_LOG")
                // `tandem watch` logs one line per item it handles
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,tandem_watch=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let ctx = match Context::load(cli.db, cli.index) {
        Ok(ctx) => ctx,
        Err(e) => {
            eprintln!("tandem: {e:#}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(&ctx, a),
        Command::Start(a) => cmd::start::run(&ctx, a),
        Command::Stats(a) => cmd::stats::run(&ctx, a),
        Command::Extract(a) => cmd::extract::run(&ctx, a),
        Command::Eval(a) => cmd::eval::run(&ctx, a),
        Command::Events(a) => cmd::events::run(&ctx, a),
        Command::Projects(a) => cmd::projects::run(&ctx, a),
        Command::Search(a) => cmd::search::run(&ctx, a),
        Command::Reindex(a) => cmd::search::reindex(&ctx, a),
        Command::Series(a) => cmd::kb::series(&ctx, a),
        Command::Conflicts(a) => cmd::kb::conflicts(&ctx, a),
        Command::Targets(a) => cmd::kb::targets(&ctx, a),
        Command::Serve(a) => cmd::serve::run(&ctx, a),
        Command::Token(a) => cmd::token::run(&ctx, a),
        Command::Export(a) => cmd::export::run(&ctx, *a),
        Command::Bench(a) => cmd::bench::run(&ctx, a),
        Command::Watch(a) => cmd::watch::run(&ctx, a),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`tandem export ... | head`) is the reader's choice, not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<serde_json::Error>()
                        .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tandem: {e:#}");
            ExitCode::from(2)
        }
    }
}
