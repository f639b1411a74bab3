//! `tandem serve`: the JSON API and the web dashboard.

use std::net::SocketAddr;
use std::process::ExitCode;

use tandem_server::access::Access;

use crate::context::Context;

/// Arguments of `tandem serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Who may call the API: `public-read` (reading open, submitting documents needs a token of
    /// scope write) or `token` (every API call needs a token; see `tandem token`). Required on
    /// an address other than loopback (or `access = "…"` in tandem.toml); on loopback the
    /// default is open.
    #[arg(long, value_enum)]
    access: Option<AccessArg>,
    /// Seconds between two passes bringing the search index up to date with the store (documents
    /// stored by `tandem ingest`, `tandem watch` or other servers); default
    /// `index_refresh_seconds` in tandem.toml, else 5.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    index_refresh_seconds: Option<u64>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AccessArg {
    PublicRead,
    Token,
}

impl From<AccessArg> for Access {
    fn from(a: AccessArg) -> Access {
        match a {
            AccessArg::PublicRead => Access::PublicRead,
            AccessArg::Token => Access::Token,
        }
    }
}

/// Runs `tandem serve` until Ctrl-C.
pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let options = tandem_server::Options {
        access: args.access.map(Access::from).or(ctx.access),
        max_document_bytes: ctx.max_file_bytes,
        index_refresh: ctx.index_refresh(args.index_refresh_seconds),
    };
    tandem_server::run_server(args.addr, &ctx.db, &ctx.index_dir(), options)?;
    Ok(ExitCode::SUCCESS)
}
