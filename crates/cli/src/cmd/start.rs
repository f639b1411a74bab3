//! `tandem start`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem start`.
#[derive(clap::Args)]
pub struct StartArgs {}

/// Runs `tandem start`.
pub fn run(_ctx: &Context, _args: StartArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem start` is not available yet")
}
