//! `tandem export`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem export`.
#[derive(clap::Args)]
pub struct ExportArgs {}

/// Runs `tandem export`.
pub fn run(_ctx: &Context, _args: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem export` is not available yet")
}
