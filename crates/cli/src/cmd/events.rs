//! `tandem events`: the events stored documents report (visits, summits,
//! sessions, forums, talks, phone calls), one record per event with every
//! report of it as a source, newest first, and the agreements signed there.

use std::io::Write;
use std::process::ExitCode;

use tandem_kb::events::{event_records, DateBounds, SourceRef};
use tandem_store::{EventFilter, Store};

use crate::context::Context;

/// Arguments of `tandem events`.
#[derive(clap::Args)]
pub struct EventsArgs {
    /// Only events this country takes part in (ISO code: KZ, UZ, ...).
    #[arg(long)]
    pub country: Option<String>,
    /// Only events of this type (state_visit, official_visit, working_visit,
    /// visit, summit, session, forum, talks, phone_call).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Only reports in this language (kk, ru, uz-Cyrl, uz-Latn, ky, tg, en).
    #[arg(long)]
    pub lang: Option<String>,
    /// Print JSON Lines, one record a line.
    #[arg(long)]
    pub json: bool,
}

/// A source as a line an analyst can follow: title (or file name),
/// language, URL or path, and where in the text.
pub(crate) fn source_line(s: &SourceRef) -> String {
    format!(
        "{} ({}) {} @{}..{}",
        s.title(),
        s.language,
        s.location(),
        s.start,
        s.end
    )
}

/// Runs `tandem events`.
pub fn run(ctx: &Context, args: EventsArgs) -> anyhow::Result<ExitCode> {
    ctx.require_store()?;
    let store = Store::open(&ctx.db)?;
    let filter = EventFilter {
        country: args.country.as_ref().map(|c| c.to_uppercase()),
        event_type: args.event_type.clone(),
        lang: args.lang.clone(),
    };
    let reports = store.event_reports(&filter)?;
    let bounds = DateBounds {
        since: args.since.clone(),
        until: args.until.clone(),
    };
    let records = event_records(&reports, &bounds);
    // written with errors returned, so that a closed pipe ends it quietly
    let mut out = std::io::stdout().lock();
    for r in &records {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(r)?)?;
            continue;
        }
        let place = match (&r.city, &r.place_country) {
            (Some(c), Some(k)) => format!(" in {c} ({k})"),
            (None, Some(k)) => format!(" in {k}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{}  {}  {}{}",
            r.date.as_deref().unwrap_or("(no date)"),
            r.event_type,
            r.countries.join("-"),
            place
        )?;
        for p in &r.participants {
            writeln!(
                out,
                "    {} {} ({})",
                p.office.as_deref().unwrap_or("-"),
                p.name.as_deref().unwrap_or("-"),
                p.country.as_deref().unwrap_or("?")
            )?;
        }
        for a in &r.agreements {
            let count = a
                .count
                .map_or("documents".to_string(), |n| format!("{n} documents"));
            let value = match (a.value, &a.currency) {
                (Some(v), Some(c)) => format!(" worth {v} {c}"),
                _ => String::new(),
            };
            let subject = a
                .subject
                .as_ref()
                .map_or(String::new(), |s| format!(" on {s}"));
            writeln!(
                out,
                "    signed: {count}{value}{subject}  [{}]",
                source_line(&a.source)
            )?;
        }
        for s in &r.sources {
            writeln!(out, "    source: {}", source_line(s))?;
        }
    }
    if !args.json {
        writeln!(out, "{} events", records.len())?;
    }
    Ok(ExitCode::SUCCESS)
}
