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
