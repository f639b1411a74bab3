//! `tandem export figures|events|agreements|projects`: figures, events,
//! agreements or projects as CSV, JSON Lines or Parquet for analysts' own
//! tools, with the same filters as `/api/figures`, `/api/events`,
//! `/api/agreements` and `/api/projects`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use tandem_kb::events::{agreement_records, event_records, DateBounds};
use tandem_kb::export::{self, Format};
use tandem_kb::projects::{project_records, ProjectQuery};
use tandem_server::params;
use tandem_store::Store;
use tandem_store::{AgreementFilter, EventFilter, FigureFilter, ProjectFilter};

use crate::context::Context;

/// What to export.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// Figures with their documents.
    Figures,
    /// Events, one row per event with its sources.
    Events,
    /// Agreements, one row per signing with its event and source.
    Agreements,
    /// Named projects, one row per project with its latest status and its
    /// sources.
    Projects,
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
    /// Only this indicator (figures).
    #[arg(long)]
    indicator: Option<String>,
    /// Only figures with this country on either side, events it takes part
    /// in, agreements it signed.
    #[arg(long)]
    country: Option<String>,
    /// Only events of this type, agreements signed at one (state_visit,
    /// official_visit, working_visit, visit, summit, session, forum, talks,
    /// phone_call).
    #[arg(long = "type")]
    event_type: Option<String>,
    /// Only events or agreements on or after this date (YYYY, YYYY-MM or
    /// YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only events or agreements on or before this date.
    #[arg(long)]
    until: Option<String>,
    /// Only projects whose latest status is this one (planned, agreed,
    /// under_construction, launched).
    #[arg(long)]
    status: Option<String>,
    /// Only projects of this sector (energy, industry, logistics, transport,
    /// agriculture, trade, construction, mining).
    #[arg(long)]
    sector: Option<String>,
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
    /// Only documents (figures) or reporting sentences (events,
    /// agreements) in this language.
    #[arg(long)]
    language: Option<String>,
    /// Only this document (id or name).
    #[arg(long)]
    document: Option<String>,
    /// Only figures from statistics tables (`official`) or from text (`news`).
    #[arg(long)]
    source_kind: Option<String>,
    /// At most this many rows (1..=1000); default all.
    #[arg(long)]
    limit: Option<u32>,
    /// Skip this many rows.
    #[arg(long)]
    offset: Option<u32>,
}

fn api_error(e: tandem_server::error::ApiError) -> anyhow::Error {
    anyhow::anyhow!(e.message)
}

/// The options that filter figures only, or events and agreements only,
/// given for the other kind: an error naming them.
fn misplaced(a: &ExportArgs) -> Option<String> {
    let figures_only = [
        ("--indicator", a.indicator.is_some()),
        ("--period", a.period.is_some()),
        ("--kind", a.kind.is_some()),
        ("--measure", a.measure.is_some()),
        ("--unit", a.unit.is_some()),
        ("--product", a.product.is_some()),
        ("--document", a.document.is_some()),
        ("--source-kind", a.source_kind.is_some()),
    ];
    let events_only = [
        ("--type", a.event_type.is_some()),
        ("--since", a.since.is_some()),
        ("--until", a.until.is_some()),
    ];
    let projects_only = [
        ("--status", a.status.is_some()),
        ("--sector", a.sector.is_some()),
    ];
    let (what, wrong): (&str, Vec<&(&str, bool)>) = match a.what {
        What::Figures => (
            "figures",
            events_only.iter().chain(&projects_only).collect(),
        ),
        What::Events => (
            "events",
            figures_only.iter().chain(&projects_only).collect(),
        ),
        What::Agreements => (
            "agreements",
            figures_only.iter().chain(&projects_only).collect(),
        ),
        What::Projects => (
            "projects",
            figures_only.iter().chain(&events_only[..1]).collect(),
        ),
    };
    let given: Vec<&str> = wrong.iter().filter(|(_, g)| *g).map(|(n, _)| *n).collect();
    (!given.is_empty()).then(|| format!("{} does not apply to {what}", given.join(", ")))
}

/// The event filters of the arguments (country, type, language, dates).
fn event_filter(a: &ExportArgs) -> anyhow::Result<(EventFilter, DateBounds)> {
    let f = EventFilter {
        country: params::country(a.country.clone()).map_err(api_error)?,
        event_type: params::event_type(a.event_type.clone()).map_err(api_error)?,
        lang: params::language(a.language.clone()).map_err(api_error)?,
    };
    let bounds = DateBounds {
        since: params::day("since", a.since.clone()).map_err(api_error)?,
        until: params::day("until", a.until.clone()).map_err(api_error)?,
    };
    Ok((f, bounds))
}

/// The page of `rows` the arguments ask for.
fn page<T>(rows: Vec<T>, a: &ExportArgs) -> anyhow::Result<Vec<T>> {
    let offset = params::offset(a.offset).map_err(api_error)? as usize;
    let limit = match a.limit {
        Some(l) => params::limit(Some(l)).map_err(api_error)? as usize,
        None => usize::MAX,
    };
    Ok(rows.into_iter().skip(offset).take(limit).collect())
}

fn filter(a: &ExportArgs) -> anyhow::Result<FigureFilter> {
    let m = api_error;
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
    let format: Format = args.format.parse().map_err(anyhow::Error::msg)?;
    if let Some(e) = misplaced(&args) {
        anyhow::bail!(e);
    }
    let mut body = Vec::new();
    let (n, what) = match args.what {
        What::Figures => {
            let filter = filter(&args)?;
            ctx.require_store()?;
            let store = Store::open_read_only(&ctx.db)?;
            let records = store.figures(&filter).context("cannot read figures")?;
            match format {
                Format::Csv => export::write_csv(&records, &mut body)?,
                Format::Jsonl => export::write_jsonl(&records, &mut body)?,
                Format::Parquet => export::write_parquet(&records, &mut body)?,
            }
            (records.len(), "figures")
        }
        What::Events => {
            let (filter, bounds) = event_filter(&args)?;
            ctx.require_store()?;
            let store = Store::open_read_only(&ctx.db)?;
            let reports = store.event_reports(&filter).context("cannot read events")?;
            let records = page(event_records(&reports, &bounds), &args)?;
            export::write_events(&records, format, &mut body)
                .map_err(|e| anyhow::anyhow!("cannot write the events: {e}"))?;
            (records.len(), "events")
        }
        What::Agreements => {
            let (filter, bounds) = event_filter(&args)?;
            let filter = AgreementFilter {
                country: filter.country,
                event_type: filter.event_type,
                lang: filter.lang,
            };
            ctx.require_store()?;
            let store = Store::open_read_only(&ctx.db)?;
            let reports = store
                .agreement_reports(&filter)
                .context("cannot read agreements")?;
            let records = page(agreement_records(&reports, &bounds), &args)?;
            export::write_agreements(&records, format, &mut body)
                .map_err(|e| anyhow::anyhow!("cannot write the agreements: {e}"))?;
            (records.len(), "agreements")
        }
        What::Projects => {
            let (filter, bounds) = event_filter(&args)?;
            let filter = ProjectFilter {
                project: None,
                country: filter.country,
                lang: filter.lang,
                counts: false,
            };
            let query = ProjectQuery {
                status: params::project_status(args.status.clone()).map_err(api_error)?,
                sector: params::sector(args.sector.clone()).map_err(api_error)?,
                bounds,
            };
            ctx.require_store()?;
            let store = Store::open_read_only(&ctx.db)?;
            let rows = store
                .project_reports(&filter)
                .context("cannot read projects")?;
            let records = page(project_records(&rows, &query), &args)?;
            export::write_projects(&records, format, &mut body)
                .map_err(|e| anyhow::anyhow!("cannot write the projects: {e}"))?;
            (records.len(), "projects")
        }
    };
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
        eprintln!("{n} {what} written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
