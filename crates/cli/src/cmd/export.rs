//! `tandem export figures`: figures as CSV, JSON Lines or Parquet for
//! analysts' own tools, with the same filters as `/api/figures`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use tandem_kb::export::{self, Format};
use tandem_server::params;
use tandem_store::FigureFilter;
use tandem_store::Store;

use crate::context::Context;

/// What to export.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// Figures with their documents.
    Figures,
}

/// Arguments of `tandem export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// What to export.
    what: What,
    /// Output format: csv, jsonl or parquet.
    #[arg(long, default_value = "csv")]
    format: String,
    /// Output file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Only this indicator.
    #[arg(long)]
    indicator: Option<String>,
    /// Only figures with this country on either side.
    #[arg(long)]
    country: Option<String>,
    /// Only this period (e.g. 2024, 2025-01..2025-09, ..2030).
    #[arg(long)]
    period: Option<String>,
    /// Only this kind: actual, target or forecast.
    #[arg(long)]
    kind: Option<String>,
    /// Only this measure.
    #[arg(long)]
    measure: Option<String>,
    /// Only this unit.
    #[arg(long)]
    unit: Option<String>,
    /// Only these goods: a two-digit HS chapter (`10`, `27`…), or `none`
    /// for the figures about no particular goods.
    #[arg(long)]
    product: Option<String>,
    /// Only documents in this language.
    #[arg(long)]
    language: Option<String>,
    /// Only this document (id or name).
    #[arg(long)]
    document: Option<String>,
    /// Only figures from statistics tables (`official`) or from text (`news`).
    #[arg(long)]
    source_kind: Option<String>,
    /// At most this many figures (1..=1000); default all.
    #[arg(long)]
    limit: Option<u32>,
    /// Skip this many figures.
    #[arg(long)]
    offset: Option<u32>,
}

fn filter(a: &ExportArgs) -> anyhow::Result<FigureFilter> {
    let m = |e: tandem_server::error::ApiError| anyhow::anyhow!(e.message);
    Ok(FigureFilter {
        indicator: params::indicator(a.indicator.clone()).map_err(m)?,
        country: params::country(a.country.clone()).map_err(m)?,
        period: params::period(a.period.clone()).map_err(m)?,
        kind: params::kind(a.kind.clone()).map_err(m)?,
        measure: params::measure(a.measure.clone()).map_err(m)?,
        unit: params::unit(a.unit.clone()).map_err(m)?,
        product: params::product(a.product.clone()).map_err(m)?,
        source_kind: params::source_kind(a.source_kind.clone()).map_err(m)?,
        language: params::language(a.language.clone()).map_err(m)?,
        document: a.document.clone(),
        limit: a
            .limit
            .map(|l| params::limit(Some(l)))
            .transpose()
            .map_err(m)?,
        offset: params::offset(a.offset).map_err(m)?,
    })
}

/// Runs `tandem export`.
pub fn run(ctx: &Context, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let What::Figures = args.what;
    let format: Format = args.format.parse().map_err(anyhow::Error::msg)?;
    let filter = filter(&args)?;
    ctx.require_store()?;
    let store = Store::open_read_only(&ctx.db)?;
    let records = store.figures(&filter).context("cannot read figures")?;
    let mut body = Vec::new();
    match format {
        Format::Csv => export::write_csv(&records, &mut body)?,
        Format::Jsonl => export::write_jsonl(&records, &mut body)?,
        Format::Parquet => export::write_parquet(&records, &mut body)?,
    }
    match &args.out {
        Some(path) => std::fs::write(path, &body)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&body)?;
            out.flush()?;
        }
    }
    if let Some(path) = &args.out {
        eprintln!("{} figures written to {}", records.len(), path.display());
    }
    Ok(ExitCode::SUCCESS)
}
