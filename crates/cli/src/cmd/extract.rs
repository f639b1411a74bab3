//! `tandem extract`: prints the figures of documents as JSON Lines (the
//! gold schema's fields plus `start`, `end` and `sentence`). The documents
//! of one run are read together ([`tandem_extract::across`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Documents (plain text, HTML, JSON Lines, gzip), directories of them, or `-` for standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Figures of every document of one read, as the ingest pipeline finds
/// them (a statistics table's from its layout); the document id is its name.
fn figures_of_docs(read: tandem_ingest::Read) -> (Vec<tandem_model::Figure>, Vec<String>) {
    let mut figs = Vec::new();
    for doc in read.docs {
        figs.extend(tandem_pipeline::process(doc).figures);
    }
    (
        figs,
        read.rejected.iter().map(ToString::to_string).collect(),
    )
}

/// Reads a document file and extracts its figures.
pub(crate) fn figures_of(path: &Path, max_bytes: u64) -> anyhow::Result<Vec<tandem_model::Figure>> {
    let (figs, rejected) = figures_of_docs(tandem_ingest::read_path(path, max_bytes));
    match rejected.first() {
        Some(r) => anyhow::bail!("{r}"),
        None => Ok(figs),
    }
}

/// Runs `tandem extract`.
pub fn run(ctx: &Context, args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (inputs, rejected) = tandem_ingest::collect_inputs(&args.files);
    let mut failed = !rejected.is_empty();
    for r in &rejected {
        eprintln!("tandem extract: {r}");
    }
    let mut figs = Vec::new();
    for input in &inputs {
        let (read, rejected) =
            figures_of_docs(tandem_ingest::read_input(input, ctx.max_file_bytes));
        for r in &rejected {
            eprintln!("tandem extract: {r}");
            failed = true;
        }
        figs.extend(read);
    }
    // the documents of one run are read together: one may name the
    // country another leaves unnamed
    tandem_extract::across::lend_sides(&mut figs);
    for f in figs {
        serde_json::to_writer(&mut out, &f)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
