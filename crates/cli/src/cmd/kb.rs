//! `tandem series`, `tandem conflicts` and `tandem targets`.

use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem series`.
#[derive(clap::Args)]
pub struct SeriesArgs {}

/// Arguments of `tandem conflicts`.
#[derive(clap::Args)]
pub struct ConflictsArgs {}

/// Arguments of `tandem targets`.
#[derive(clap::Args)]
pub struct TargetsArgs {}

/// Runs `tandem series`.
pub fn series(_ctx: &Context, _args: SeriesArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem series` is not available yet")
}

/// Runs `tandem conflicts`.
pub fn conflicts(_ctx: &Context, _args: ConflictsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem conflicts` is not available yet")
}

/// Runs `tandem targets`.
pub fn targets(_ctx: &Context, _args: TargetsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`tandem targets` is not available yet")
}
