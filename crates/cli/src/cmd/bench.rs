//! `tandem bench`: synthetic corpus generation and throughput measurements.
//! Each measurement lives with the code it measures; this module dispatches.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem bench`.
#[derive(clap::Args)]
pub struct BenchArgs {}

/// Runs `tandem bench`.
pub fn run(_ctx: &Context, _args: BenchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem bench` is not available yet")
}
