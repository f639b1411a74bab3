//! `tandem extract`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {}

/// Runs `tandem extract`.
pub fn run(_ctx: &Context, _args: ExtractArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem extract` is not available yet")
}
