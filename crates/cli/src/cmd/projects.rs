//! `tandem projects`: the named projects stored documents report, one
//! record per project with its latest status, value, jobs and sources,
//! the most recently reported first; `tandem projects ID|NAME` shows one
//! project's history, its reports oldest first; `--counts` lists the counts
//! of projects documents state instead ("78 joint projects worth…").

use std::io::Write;
use std::process::ExitCode;

use tandem_kb::events::DateBounds;
use tandem_kb::projects::{project_counts, project_records, ProjectQuery, ProjectStep};
use tandem_store::{ProjectFilter, Store};

use crate::cmd::events::source_line;
use crate::context::Context;

/// Arguments of `tandem projects`.
#[derive(clap::Args)]
pub struct ProjectsArgs {
    /// A project's number or name (as written in any script): show its
    /// history.
    pub project: Option<String>,
    /// Only projects this country takes part in (ISO code: KZ, UZ, ...).
    #[arg(long)]
    pub country: Option<String>,
    /// Only projects whose latest status is this one (planned, agreed,
    /// under_construction, launched).
    #[arg(long)]
    pub status: Option<String>,
    /// Only projects of this sector (energy, industry, logistics,
    /// transport, agriculture, trade, construction, mining).
    #[arg(long)]
    pub sector: Option<String>,
    /// Only projects reported on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Only projects reported on or before this date.
    #[arg(long)]
    pub until: Option<String>,
    /// Only reports in this language (kk, ru, uz-Cyrl, uz-Latn, ky, tg, en).
    #[arg(long)]
    pub lang: Option<String>,
    /// List the counts of projects documents state instead.
    #[arg(long)]
    pub counts: bool,
    /// Print JSON Lines, one record a line.
    #[arg(long)]
    pub json: bool,
}

/// "1300000000 TJS" or "-".
fn money(value: Option<f64>, currency: Option<&str>) -> String {
    match value {
        Some(v) => format!("{v} {}", currency.unwrap_or("")).trim().to_string(),
        None => "-".to_string(),
    }
}

fn step_line(s: &ProjectStep) -> String {
    let mut parts = vec![
        s.date.clone().unwrap_or_else(|| "(no date)".into()),
        s.status.clone().unwrap_or_else(|| "(no status)".into()),
    ];
    if let Some(n) = s.count {
        parts.push(format!("{n} projects"));
    }
    if let Some(n) = &s.name {
        parts.push(n.clone());
    }
    parts.push(s.sides.join("-"));
    if s.value.is_some() {
        parts.push(format!("value {}", money(s.value, s.currency.as_deref())));
    }
    if let (Some(c), Some(u)) = (s.capacity, &s.capacity_unit) {
        parts.push(format!("capacity {c} {u}"));
    }
    if let Some(j) = s.jobs {
        parts.push(format!("{j} jobs"));
    }
    parts.join("  ")
}

/// Runs `tandem projects`.
pub fn run(ctx: &Context, args: ProjectsArgs) -> anyhow::Result<ExitCode> {
    ctx.require_store()?;
    let store = Store::open(&ctx.db)?;
    let bounds = DateBounds {
        since: args.since.clone(),
        until: args.until.clone(),
    };
    let filter = ProjectFilter {
        project: None,
        country: args.country.as_ref().map(|c| c.to_uppercase()),
        lang: args.lang.clone(),
        counts: args.counts,
    };
    let rows = store.project_reports(&filter)?;
    let mut out = std::io::stdout().lock();
    if args.counts {
        let counts = project_counts(&rows, &bounds);
        for c in &counts {
            if args.json {
                writeln!(out, "{}", serde_json::to_string(c)?)?;
            } else {
                writeln!(out, "{}", step_line(c))?;
                writeln!(out, "    source: {}", source_line(&c.source))?;
            }
        }
        if !args.json {
            writeln!(out, "{} counts of projects", counts.len())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let query = ProjectQuery {
        status: args.status.clone(),
        sector: args.sector.clone(),
        bounds,
    };
    let mut records = project_records(&rows, &query);
    if let Some(wanted) = &args.project {
        let key = tandem_events::name_key(wanted);
        records.retain(|p| {
            wanted.parse::<i64>().is_ok_and(|id| id == p.id)
                || p.history.iter().any(|h| {
                    h.name.as_deref().is_some_and(|n| {
                        tandem_events::same_name(&tandem_events::name_key(n), &key)
                    })
                })
        });
        if records.is_empty() {
            anyhow::bail!("no project {wanted:?} in the store (tandem projects lists them)");
        }
    }
    for p in &records {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(p)?)?;
            continue;
        }
        writeln!(
            out,
            "#{}  {}  {}  {}{}  status {} ({})  value {}  jobs {}",
            p.id,
            p.name,
            p.sides.join("-"),
            p.sector.as_deref().unwrap_or("-"),
            p.place
                .as_deref()
                .map(|c| format!(" in {c}"))
                .unwrap_or_default(),
            p.status.as_deref().unwrap_or("-"),
            p.date.as_deref().unwrap_or("no date"),
            money(p.value, p.currency.as_deref()),
            p.jobs.map_or("-".to_string(), |j| j.to_string()),
        )?;
        for h in &p.history {
            if args.project.is_some() {
                writeln!(out, "    {}", step_line(h))?;
                writeln!(out, "        source: {}", source_line(&h.source))?;
            } else {
                writeln!(out, "    source: {}", source_line(&h.source))?;
            }
        }
    }
    if !args.json {
        writeln!(out, "{} projects", records.len())?;
    }
    Ok(ExitCode::SUCCESS)
}
