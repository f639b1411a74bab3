//! `tandem eval`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem eval`.
#[derive(clap::Args)]
pub struct EvalArgs {}

/// Runs `tandem eval`.
pub fn run(_ctx: &Context, _args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem eval` is not available yet")
}
