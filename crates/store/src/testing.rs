//! For tests of Tandem's crates: the stores a test should run against.
//!
//! Every store test runs on SQLite, and also on PostgreSQL when
//! `TANDEM_TEST_PG` holds the URL of a server the tests may create
//! databases on (`scripts/test.sh` starts a throwaway one). Each call
//! makes a fresh database, so tests never see each other's rows.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use crate::{Location, PgUrl};

/// The variable naming the PostgreSQL server tests use.
pub const TEST_PG_VAR: &str = "TANDEM_TEST_PG";

/// A fresh SQLite file in `dir`, and a fresh PostgreSQL database when
/// `TANDEM_TEST_PG` is set (otherwise one "skipped" line is printed).
/// Panics when the server named cannot be reached: a test that was asked
/// to run on PostgreSQL must not pass without it.
pub fn locations(dir: &Path) -> Vec<Location> {
    let mut out = vec![Location::Sqlite(dir.join("tandem.db"))];
    out.extend(fresh_postgres());
    out
}

/// A fresh, empty PostgreSQL database on the `TANDEM_TEST_PG` server;
/// `None` (after printing one "skipped" line per process) when it is unset.
pub fn fresh_postgres() -> Option<Location> {
    static SKIPPED: Once = Once::new();
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let Some(server) = std::env::var(TEST_PG_VAR).ok().filter(|s| !s.is_empty()) else {
        // straight to stderr: the test harness hides what `eprintln!` prints
        SKIPPED.call_once(|| {
            let line =
                format!("PostgreSQL store tests skipped: set {TEST_PG_VAR} to a server URL\n");
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        });
        return None;
    };
    let Location::Postgres(url) = Location::parse(&server) else {
        panic!("{TEST_PG_VAR} must be a postgres:// URL, got {server}");
    };
    let name = format!(
        "tandem_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let mut client = crate::postgres::connect(&url).unwrap_or_else(|e| panic!("{e}"));
    client
        .batch_execute(&format!(
            "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
        ))
        .unwrap_or_else(|e| panic!("cannot create test database on {}: {e}", url.masked()));
    Some(Location::Postgres(with_database(&url, &name)))
}

/// `url` naming database `name` instead of its own.
fn with_database(url: &PgUrl, name: &str) -> PgUrl {
    let s = url.as_str();
    let (scheme, rest) = s.split_once("://").unwrap_or(("postgres", s));
    let (authority, query) = match rest.split_once('/') {
        Some((a, path)) => (a, path.split_once('?').map(|(_, q)| q)),
        None => match rest.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (rest, None),
        },
    };
    let url = match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    };
    match Location::parse(&url) {
        Location::Postgres(u) => u,
        Location::Sqlite(_) => unreachable!("a postgres:// URL stays one"),
    }
}
