//! `tandem extract`: prints the figures of documents as JSON Lines.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::context::Context;

/// Arguments of `tandem extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Plain-text documents (`.txt`, UTF-8) or directories of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Plain-text files named by `paths` (directories are listed, sorted).
pub(crate) fn text_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot list {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| e.extension().is_some_and(|x| x == "txt"))
                .collect();
            entries.sort();
            out.extend(entries);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Reads a document and extracts its figures; the document id is the file stem.
pub(crate) fn figures_of(path: &Path, max_bytes: u64) -> anyhow::Result<Vec<tandem_model::Figure>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > max_bytes {
        anyhow::bail!("{} is larger than {} bytes", path.display(), max_bytes);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let analysis = tandem_text::analyze(&text);
    Ok(tandem_extract::extract(&name, &analysis, None))
}

/// Runs `tandem extract`.
pub fn run(ctx: &Context, args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in text_files(&args.files)? {
        match figures_of(&path, ctx.max_file_bytes) {
            Ok(figs) => {
                for f in figs {
                    serde_json::to_writer(&mut out, &f)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                eprintln!("tandem extract: {e:#}");
                failed = true;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
