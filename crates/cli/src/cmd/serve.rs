//! `tandem serve`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem serve`.
#[derive(clap::Args)]
pub struct ServeArgs {}

/// Runs `tandem serve`.
pub fn run(_ctx: &Context, _args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem serve` is not available yet")
}
