//! `tandem ingest`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {}

/// Runs `tandem ingest`.
pub fn run(_ctx: &Context, _args: IngestArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem ingest` is not available yet")
}
