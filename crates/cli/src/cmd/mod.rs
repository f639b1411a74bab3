//! One module per subcommand family.

pub mod bench;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod kb;
pub mod projects;
pub mod search;
pub mod serve;
pub mod start;
pub mod stats;
pub mod token;
pub mod watch;

/// The lease of `--lease-secs SECS` (of `tandem ingest` and `tandem watch`).
pub fn lease(secs: f64) -> anyhow::Result<std::time::Duration> {
    if !(secs.is_finite() && secs > 0.0) {
        anyhow::bail!("--lease-secs must be a positive number of seconds");
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}
