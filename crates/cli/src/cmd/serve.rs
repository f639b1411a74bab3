//! `tandem serve`: the JSON API and the web dashboard.

use std::net::SocketAddr;
use std::process::ExitCode;

use crate::context::Context;

/// Arguments of `tandem serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

/// Runs `tandem serve` until Ctrl-C.
pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<ExitCode> {
    tandem_server::run_server(args.addr, &ctx.db, &ctx.index_dir())?;
    Ok(ExitCode::SUCCESS)
}
