//! Versioned schema migrations for PostgreSQL: the same versions and
//! names as SQLite's, recorded in the same `schema_migrations` table.

use postgres::Client;

use crate::{Result, StoreError};

/// Every migration, in order: (version, name, SQL); twins of SQLite's.
pub(crate) const MIGRATIONS: crate::Migrations = &[
    (
        1,
        "initial",
        include_str!("../../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        "sequence keys",
        include_str!("../../migrations/postgres/0002_sequence_keys.sql"),
    ),
    (
        3,
        "figure product",
        include_str!("../../migrations/postgres/0003_figure_product.sql"),
    ),
    (
        4,
        "figure source kind",
        include_str!("../../migrations/postgres/0004_figure_source_kind.sql"),
    ),
    (
        5,
        "watch state",
        include_str!("../../migrations/postgres/0005_watch_state.sql"),
    ),
    (
        6,
        "events",
        include_str!("../../migrations/postgres/0006_events.sql"),
    ),
    (
        7,
        "projects",
        include_str!("../../migrations/postgres/0007_projects.sql"),
    ),
    (
        8,
        "api tokens",
        include_str!("../../migrations/postgres/0008_api_tokens.sql"),
    ),
    (
        9,
        "ingest queue",
        include_str!("../../migrations/postgres/0009_ingest_queue.sql"),
    ),
    (
        10,
        "agreement subject",
        include_str!("../../migrations/postgres/0010_agreement_subject.sql"),
    ),
    (
        11,
        "watch claims",
        include_str!("../../migrations/postgres/0011_watch_claims.sql"),
    ),
    (
        12,
        "lookup indexes",
        include_str!("../../migrations/postgres/0012_lookup_indexes.sql"),
    ),
];

/// Key of the advisory lock migrations hold ("tandem" in ASCII).
const MIGRATION_LOCK: i64 = 0x74_61_6e_64_65_6d;

fn open_err(db: &str, e: postgres::Error) -> StoreError {
    StoreError::Open {
        db: db.to_owned(),
        source: e.into(),
    }
}

/// The versions recorded, in order (none when the table is missing).
fn applied_versions(
    client: &mut impl postgres::GenericClient,
) -> std::result::Result<Vec<i64>, postgres::Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    Ok(client
        .query(
            "SELECT version FROM schema_migrations ORDER BY version",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// Applies every migration not yet recorded, all in one transaction that
/// holds an advisory lock: a second process opening the store meanwhile
/// waits, then finds them applied.
pub(super) fn migrate(client: &mut Client, db: &str) -> Result<()> {
    let mut tx = client.transaction().map_err(|e| open_err(db, e))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(|e| open_err(db, e))?;
    let applied = applied_versions(&mut tx).map_err(|e| open_err(db, e))?;
    crate::check_versions(db, &applied, MIGRATIONS, false)?;
    if MIGRATIONS.iter().all(|m| applied.contains(&m.0)) {
        return Ok(());
    }
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .map_err(|e| open_err(db, e))?;
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| !applied.contains(&m.0)) {
        tx.batch_execute(sql).map_err(|e| open_err(db, e))?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
            &[&version, &name],
        )
        .map_err(|e| open_err(db, e))?;
    }
    tx.commit().map_err(|e| open_err(db, e))
}

/// Fails unless the store has every known migration and no newer one.
pub(super) fn check_current(client: &mut Client, db: &str) -> Result<()> {
    let applied = applied_versions(client).map_err(|e| open_err(db, e))?;
    crate::check_versions(db, &applied, MIGRATIONS, true)
}
