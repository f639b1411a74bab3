//! `tandem search` and `tandem reindex`: full-text search over the stored
//! documents across languages and scripts, relevance evaluation
//! (`--eval FILE`) and rebuilding the index from the store.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use tandem_search::eval::{evaluate, parse_judgements, EvalReport};
use tandem_search::{Hit, SearchIndex, SearchRequest, SearchResults};
use tandem_store::Store;

use crate::context::Context;
use tandem_pipeline::{rebuild_index, sync_index};

/// Arguments of `tandem search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// The query: words (all must match), "quoted phrases", -excluded words,
    /// `OR` between alternatives. Several arguments are joined by spaces.
    #[arg(required_unless_present = "eval")]
    pub query: Vec<String>,
    /// Only documents in these languages (kk, uz, uz-Cyrl, uz-Latn, ky, tg, ru, en, und; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Only documents dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only documents dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Number of hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Number of hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Search the words as typed: no expansion to the concept's terms in other languages.
    #[arg(long)]
    pub exact: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Score the judged queries of FILE (TOML) and print precision@5, recall@10 and MRR.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub eval: Option<PathBuf>,
}

/// Arguments of `tandem reindex`.
#[derive(clap::Args)]
pub struct ReindexArgs {}

fn open_store(ctx: &Context) -> anyhow::Result<Store> {
    ctx.require_store()?;
    Ok(Store::open(&ctx.db)?)
}

/// Opens the index, rebuilding it from the store when it is empty but the
/// store is not (an index deleted or never built) or, for a PostgreSQL
/// store (whose ingest workers leave each machine's index to its readers),
/// when it is out of step with the store.
fn open_index(ctx: &Context) -> anyhow::Result<SearchIndex> {
    let store = open_store(ctx)?;
    let dir = ctx.index_dir();
    let mut index = SearchIndex::open(&dir)
        .with_context(|| format!("cannot open search index {}", dir.display()))?;
    if index.num_docs() == 0 || matches!(ctx.db, tandem_store::Location::Postgres(_)) {
        sync_index(&store, &mut index)?;
    }
    Ok(index)
}

/// Runs `tandem search`.
pub fn run(ctx: &Context, args: SearchArgs) -> anyhow::Result<ExitCode> {
    let index = open_index(ctx)?;
    if let Some(file) = &args.eval {
        let raw = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let judgements = parse_judgements(&raw)?;
        let report = evaluate(&index, &judgements)?;
        if args.json {
            writeln!(
                std::io::stdout(),
                "{}",
                serde_json::to_string_pretty(&report)?
            )?;
        } else {
            print_report(&report);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let request = SearchRequest {
        query: args.query.join(" "),
        langs: args.lang,
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: args.offset,
        exact: args.exact,
    };
    let results = index.search(&request)?;
    if args.json {
        writeln!(
            std::io::stdout(),
            "{}",
            serde_json::to_string_pretty(&results)?
        )?;
    } else {
        print_results(&request, &results, std::io::stdout().is_terminal())?;
    }
    Ok(if results.hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

const BOLD: &str = "\x1b[1m";
const HIGHLIGHT: &str = "\x1b[1;33m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The snippet with its highlights marked: colour on a terminal, `[…]` otherwise.
fn marked_snippet(hit: &Hit, colour: bool) -> String {
    let (open, close) = if colour {
        (HIGHLIGHT, RESET)
    } else {
        ("[", "]")
    };
    let mut out = String::new();
    let mut last = 0;
    for &(start, end) in &hit.highlights {
        let (Some(before), Some(word)) =
            (hit.snippet.get(last..start), hit.snippet.get(start..end))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(open);
        out.push_str(word);
        out.push_str(close);
        last = end;
    }
    out.push_str(hit.snippet.get(last..).unwrap_or(""));
    out
}

fn print_results(req: &SearchRequest, results: &SearchResults, colour: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let (bold, dim, reset) = if colour {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    if results.total == 0 {
        writeln!(out, "no documents match `{}`", req.query)?;
        return Ok(());
    }
    let shown_to = req.offset + results.hits.len();
    write!(
        out,
        "{} document{} match; showing {}–{}",
        results.total,
        if results.total == 1 { "" } else { "s" },
        req.offset + 1,
        shown_to
    )?;
    if !results.concepts.is_empty() {
        write!(
            out,
            "  (expanded: {}; --exact to turn off)",
            results.concepts.join(", ")
        )?;
    }
    writeln!(out)?;
    for (i, hit) in results.hits.iter().enumerate() {
        let title = if hit.title.is_empty() {
            &hit.name
        } else {
            &hit.title
        };
        writeln!(out, "\n{:>3}. {bold}{title}{reset}", req.offset + i + 1)?;
        writeln!(
            out,
            "     {dim}{} · {} · score {:.2} · {}{reset}",
            hit.date.as_deref().unwrap_or("undated"),
            hit.lang,
            hit.score,
            hit.name
        )?;
        writeln!(out, "     {}", marked_snippet(hit, colour))?;
    }
    Ok(())
}

fn print_report(report: &EvalReport) {
    println!("{:<44} {:>6} {:>7} {:>6}", "query", "P@5", "R@10", "RR");
    for q in &report.queries {
        let mut shown: String = q.q.chars().take(42).collect();
        if q.q.chars().count() > 42 {
            shown.push('…');
        }
        println!(
            "{:<44} {:>6.2} {:>7.2} {:>6.2}",
            shown, q.precision_at_5, q.recall_at_10, q.reciprocal_rank
        );
    }
    println!(
        "\n{} queries   precision@5 {:.3}   recall@10 {:.3}   MRR {:.3}",
        report.queries.len(),
        report.precision_at_5,
        report.recall_at_10,
        report.mrr
    );
}

/// Runs `tandem reindex`.
pub fn reindex(ctx: &Context, _args: ReindexArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(ctx)?;
    let dir = ctx.index_dir();
    let started = Instant::now();
    let mut index = SearchIndex::open(&dir)
        .with_context(|| format!("cannot open search index {}", dir.display()))?;
    rebuild_index(&store, &mut index)?;
    let documents = index.num_docs();
    index.close()?;
    let size = tandem_search::bench::dir_size(&dir).unwrap_or(0);
    println!(
        "indexed {} documents in {:.1} s; index {} ({:.1} MB)",
        documents,
        started.elapsed().as_secs_f64(),
        dir.display(),
        size as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
