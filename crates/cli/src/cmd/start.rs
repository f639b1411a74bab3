//! `tandem start`: the main job. Ingest a corpus (the bundled sample by
//! default), show what was stored, then serve the dashboard.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use tandem_store::Store;

use crate::context::Context;

/// Arguments of `tandem start`.
#[derive(clap::Args)]
pub struct StartArgs {
    /// Corpus to ingest (files or directories).
    #[arg(default_value = "examples/corpus")]
    pub paths: Vec<PathBuf>,
    /// Address to serve on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Paragraphs to show per language.
    #[arg(long, default_value_t = 2)]
    pub show: usize,
    /// Ingest and show, but do not serve.
    #[arg(long)]
    pub no_serve: bool,
}

/// Runs `tandem start`.
pub fn run(ctx: &Context, args: StartArgs) -> anyhow::Result<ExitCode> {
    let summary = crate::cmd::ingest::ingest(
        ctx,
        &args.paths,
        true,
        crate::cmd::ingest::Sizes::default(),
        tandem_store::DEFAULT_LEASE,
    )?;
    crate::cmd::ingest::print_summary(&summary);
    let store = Store::open(&ctx.db)?;
    let stats = store.stats()?;
    println!(
        "\nStore {}: {} documents, {} paragraphs, {} sentences, {} figures",
        ctx.db, stats.documents, stats.paragraphs, stats.sentences, stats.figures
    );
    let mut last_lang = String::new();
    for (lang, title, text) in store.sample_paragraphs(args.show)? {
        if lang != last_lang {
            println!("\n[{lang}]");
            last_lang = lang;
        }
        println!("  {} — {}", title, shorten(&text, 220));
    }
    drop(store);
    if args.no_serve {
        return Ok(ExitCode::from(summary.exit_code()));
    }
    println!();
    let options = tandem_server::Options {
        access: ctx.access,
        max_document_bytes: ctx.max_file_bytes,
        index_refresh: ctx.index_refresh(None),
    };
    tandem_server::run_server(args.addr, &ctx.db, &ctx.index_dir(), options)?;
    Ok(ExitCode::from(summary.exit_code()))
}

/// At most `max` characters of `s`, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}
