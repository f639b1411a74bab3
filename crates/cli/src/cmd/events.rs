//! `tandem events`: the events stored documents report (visits, summits,
//! sessions, forums, talks, phone calls), one record per event with every
//! report of it as a source, newest first, and the agreements signed there.

use std::process::ExitCode;

use serde::Serialize;
use tandem_model::Agreement;
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

/// One event record as printed.
#[derive(Serialize)]
struct Printed<'a> {
    #[serde(flatten)]
    record: &'a tandem_events::Record,
    agreements: Vec<&'a Agreement>,
}

/// Whether date `d` (`YYYY-MM-DD`, a range, or `YYYY-MM`) falls within the
/// bounds (compared on the first day, prefixes of the bounds included).
fn within(d: &str, since: Option<&str>, until: Option<&str>) -> bool {
    let first = d.split("..").next().unwrap_or(d);
    let last = d.split("..").last().unwrap_or(d);
    since.is_none_or(|s| last >= s || last.starts_with(s))
        && until.is_none_or(|u| first <= u || first.starts_with(u))
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
    let pairs: Vec<_> = reports
        .iter()
        .map(|r| (r.event.clone(), r.doc_date))
        .collect();
    let mut records = tandem_events::merge(&pairs);
    // undated records (with no dated document either) last
    records.sort_by_key(|r| std::cmp::Reverse(r.sort_key().unwrap_or(i64::MIN)));
    let bounded = args.since.is_some() || args.until.is_some();
    let mut shown = 0;
    for r in &records {
        if bounded
            && !r
                .date
                .as_deref()
                .is_some_and(|d| within(d, args.since.as_deref(), args.until.as_deref()))
        {
            continue;
        }
        let agreements: Vec<&Agreement> = reports
            .iter()
            .filter(|rep| {
                r.sources
                    .iter()
                    .any(|s| s.doc == rep.event.doc && s.start == rep.event.start)
            })
            .flat_map(|rep| &rep.agreements)
            .collect();
        shown += 1;
        if args.json {
            println!(
                "{}",
                serde_json::to_string(&Printed {
                    record: r,
                    agreements
                })?
            );
            continue;
        }
        let place = match (&r.city, &r.place_country) {
            (Some(c), Some(k)) => format!(" in {c} ({k})"),
            (None, Some(k)) => format!(" in {k}"),
            _ => String::new(),
        };
        println!(
            "{}  {}  {}{}",
            r.date.as_deref().unwrap_or("(no date)"),
            r.event_type,
            r.countries.join("-"),
            place
        );
        for p in &r.participants {
            println!(
                "    {} {} ({})",
                p.office.as_deref().unwrap_or("-"),
                p.name.as_deref().unwrap_or("-"),
                p.country.as_deref().unwrap_or("?")
            );
        }
        for a in agreements {
            let count = a
                .count
                .map_or("documents".to_string(), |n| format!("{n} documents"));
            let value = match (a.value, &a.currency) {
                (Some(v), Some(c)) => format!(" worth {v} {c}"),
                _ => String::new(),
            };
            println!(
                "    signed: {count}{value}  [{} @{}..{}]",
                a.doc, a.start, a.end
            );
        }
        for s in &r.sources {
            println!("    source {} ({}) @{}..{}", s.doc, s.lang, s.start, s.end);
        }
    }
    if !args.json {
        println!("{shown} events");
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn date_bounds() {
        assert!(within("2025-11-15", Some("2025-11"), None));
        assert!(within(
            "2025-11-11..2025-11-12",
            Some("2025-11-12"),
            Some("2025-11-12")
        ));
        assert!(!within("2025-10-01", Some("2025-11"), None));
        assert!(within("2025-11", None, Some("2025-11")));
        assert!(!within("2025-12-01", None, Some("2025-11-30")));
    }
}
