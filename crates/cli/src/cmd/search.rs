//! `tandem search` and `tandem reindex`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem search`.
#[derive(clap::Args)]
pub struct SearchArgs {}

/// Arguments of `tandem reindex`.
#[derive(clap::Args)]
pub struct ReindexArgs {}

/// Runs `tandem search`.
pub fn run(_ctx: &Context, _args: SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem search` is not available yet")
}

/// Runs `tandem reindex`.
pub fn reindex(_ctx: &Context, _args: ReindexArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem reindex` is not available yet")
}
