//! `tandem stats`: what the store holds, per language and per year.

use std::process::ExitCode;

use tandem_store::Store;

use crate::context::Context;

/// Arguments of `tandem stats`.
#[derive(clap::Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `tandem stats`.
pub fn run(ctx: &Context, args: StatsArgs) -> anyhow::Result<ExitCode> {
    ctx.require_store()?;
    let store = Store::open(&ctx.db)?;
    let s = store.stats()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("Store {}", ctx.db);
    println!(
        "  documents {}  (older versions {})   paragraphs {}   sentences {}   figures {}",
        s.documents, s.superseded, s.paragraphs, s.sentences, s.figures
    );
    println!("\nper language");
    for (lang, n) in &s.per_language {
        println!("  {lang:<8} {n:>7}");
    }
    println!("\nper year");
    for (year, n) in &s.per_year {
        println!("  {year:<8} {n:>7}");
    }
    Ok(ExitCode::SUCCESS)
}
