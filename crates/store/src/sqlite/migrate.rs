//! Versioned schema migrations, recorded in `schema_migrations`.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Every migration, in order: (version, name, SQL). Numbers may have gaps
/// (a number is reserved for work on another branch): each migration not
/// yet recorded in the file is applied, whatever the file's highest one.
pub(crate) const MIGRATIONS: crate::Migrations = &[
    (
        1,
        "initial",
        include_str!("../../migrations/sqlite/0001_initial.sql"),
    ),
    (
        2,
        "sequence keys",
        include_str!("../../migrations/sqlite/0002_sequence_keys.sql"),
    ),
    (
        3,
        "figure product",
        include_str!("../../migrations/sqlite/0003_figure_product.sql"),
    ),
    (
        4,
        "figure source kind",
        include_str!("../../migrations/sqlite/0004_figure_source_kind.sql"),
    ),
    (
        5,
        "watch state",
        include_str!("../../migrations/sqlite/0005_watch_state.sql"),
    ),
    (
        6,
        "events",
        include_str!("../../migrations/sqlite/0006_events.sql"),
    ),
    (
        7,
        "projects",
        include_str!("../../migrations/sqlite/0007_projects.sql"),
    ),
    (
        8,
        "api tokens",
        include_str!("../../migrations/sqlite/0008_api_tokens.sql"),
    ),
    (
        9,
        "ingest queue",
        include_str!("../../migrations/sqlite/0009_ingest_queue.sql"),
    ),
    (
        10,
        "agreement subject",
        include_str!("../../migrations/sqlite/0010_agreement_subject.sql"),
    ),
    (
        11,
        "watch claims",
        include_str!("../../migrations/sqlite/0011_watch_claims.sql"),
    ),
    (
        12,
        "lookup indexes",
        include_str!("../../migrations/sqlite/0012_lookup_indexes.sql"),
    ),
];

/// The versions recorded in the file, in order.
fn applied_versions(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let has_table: bool = conn.query_row(
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT version FROM schema_migrations ORDER BY version")?;
    let versions = stmt.query_map([], |r| r.get(0))?.collect();
    versions
}

/// Applies every migration not yet recorded in the file, each in its own
/// transaction. Each takes the write lock first and looks again at what
/// is recorded, so processes opening a new file at once apply each
/// migration once.
pub(super) fn migrate(conn: &mut Connection, db: &str) -> Result<()> {
    let open_err = |source: rusqlite::Error| StoreError::Open {
        db: db.to_owned(),
        source: source.into(),
    };
    let applied = applied_versions(conn).map_err(open_err)?;
    crate::check_versions(db, &applied, MIGRATIONS, false)?;
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| !applied.contains(&m.0)) {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(open_err)?;
        if applied_versions(&tx).map_err(open_err)?.contains(&version) {
            continue;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        )
        .map_err(open_err)?;
        tx.execute_batch(sql).map_err(open_err)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            rusqlite::params![version, name],
        )
        .map_err(open_err)?;
        tx.commit().map_err(open_err)?;
    }
    Ok(())
}

/// Fails unless the file has every known migration and no newer one.
pub(super) fn check_current(conn: &Connection, db: &str) -> Result<()> {
    let applied = applied_versions(conn).map_err(|source| StoreError::Open {
        db: db.to_owned(),
        source: source.into(),
    })?;
    crate::check_versions(db, &applied, MIGRATIONS, true)
}
