//! `tandem stats`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem stats`.
#[derive(clap::Args)]
pub struct StatsArgs {}

/// Runs `tandem stats`.
pub fn run(_ctx: &Context, _args: StatsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem stats` is not available yet")
}
