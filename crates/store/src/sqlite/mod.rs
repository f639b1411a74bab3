//! The SQLite engine: one file, opened with WAL journaling so that readers
//! (the server, a second ingest's look-ups) never wait for the writer.

pub(crate) mod migrate;
mod write;

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{params_from_iter, Connection, OpenFlags};

use crate::queries::shared_queries;
use crate::sql::{Arg, BoxError, Cell, Dialect, Row, Sql};
use crate::{BatchOutcome, Engine, Location, NewDocument, Result, StoreError};

/// How long a writer waits for another one (`PRAGMA busy_timeout`).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open SQLite store.
pub(crate) struct SqliteStore {
    conn: Connection,
    location: Location,
}

impl SqliteStore {
    /// Opens (creating if needed) the file at `path` and migrates it.
    pub(crate) fn open(path: &Path) -> Result<SqliteStore> {
        let location = Location::Sqlite(path.to_path_buf());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
                db: location.to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| open_err(&location, e))?;
        let mut store = SqliteStore { conn, location };
        store.configure()?;
        migrate::migrate(&mut store.conn, &store.location.to_string())?;
        Ok(store)
    }

    /// Opens an existing file read-only; fails if it is missing or outdated.
    pub(crate) fn open_read_only(path: &Path) -> Result<SqliteStore> {
        let location = Location::Sqlite(path.to_path_buf());
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_err(&location, e))?;
        let store = SqliteStore { conn, location };
        migrate::check_current(&store.conn, &store.location.to_string())?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        let run = |sql: &str| {
            self.conn
                .execute_batch(sql)
                .map_err(|e| open_err(&self.location, e))
        };
        // page size before anything that writes: it only takes effect
        // before the file is created
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| open_err(&self.location, e))?;
        run("PRAGMA page_size = 16384;")?;
        self.enter_wal()?;
        run("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
    }

    /// Switches the file to WAL journaling. SQLite does not wait on the busy
    /// timeout for this switch: when another process is switching a new
    /// file at the same moment, it answers "database is locked" at once. So
    /// the switch is tried again for as long as the busy timeout would wait.
    fn enter_wal(&self) -> Result<()> {
        let deadline = Instant::now() + BUSY_TIMEOUT;
        loop {
            match self.conn.execute_batch("PRAGMA journal_mode = WAL;") {
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                other => return other.map_err(|e| open_err(&self.location, e)),
            }
        }
    }
}

fn open_err(location: &Location, e: rusqlite::Error) -> StoreError {
    StoreError::Open {
        db: location.to_string(),
        source: e.into(),
    }
}

fn value(arg: &Arg) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match arg {
        Arg::Text(s) => Value::Text(s.clone()),
        Arg::OptText(s) => s.clone().map_or(Value::Null, Value::Text),
        Arg::Int(i) => Value::Integer(*i),
        Arg::Bool(b) => Value::Integer(i64::from(*b)),
    }
}

impl Row for rusqlite::Row<'_> {
    fn text(&self, i: usize) -> Cell<String> {
        Ok(self.get(i)?)
    }
    fn opt_text(&self, i: usize) -> Cell<Option<String>> {
        Ok(self.get(i)?)
    }
    fn int(&self, i: usize) -> Cell<i64> {
        Ok(self.get(i)?)
    }
    fn opt_int(&self, i: usize) -> Cell<Option<i64>> {
        Ok(self.get(i)?)
    }
    fn float(&self, i: usize) -> Cell<f64> {
        Ok(self.get(i)?)
    }
    fn opt_float(&self, i: usize) -> Cell<Option<f64>> {
        Ok(self.get(i)?)
    }
}

impl Sql for SqliteStore {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn location(&self) -> &Location {
        &self.location
    }

    fn rows<T>(
        &self,
        sql: &str,
        args: &[Arg],
        mut read: impl FnMut(&dyn Row) -> Cell<T>,
    ) -> Result<Vec<T>> {
        let sql = Dialect::Sqlite.render(sql);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(params_from_iter(args.iter().map(value)))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            out.push(read(row).map_err(|e: BoxError| self.err(e))?);
        }
        Ok(out)
    }

    fn exec(&self, sql: &str, args: &[Arg]) -> Result<u64> {
        let sql = Dialect::Sqlite.render(sql);
        let n = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.execute(params_from_iter(args.iter().map(value))))
            .map_err(|e| self.err(e))?;
        Ok(n as u64)
    }

    fn exec_each(&mut self, sql: &str, each: &[Vec<Arg>]) -> Result<u64> {
        let sql = Dialect::Sqlite.render(sql);
        let run = |conn: &mut Connection| -> rusqlite::Result<u64> {
            let tx = conn.transaction()?;
            let mut n = 0;
            {
                let mut stmt = tx.prepare(&sql)?;
                for args in each {
                    n += stmt.execute(params_from_iter(args.iter().map(value)))? as u64;
                }
            }
            tx.commit()?;
            Ok(n)
        };
        run(&mut self.conn).map_err(|e| self.err(e))
    }
}

impl Engine for SqliteStore {
    shared_queries!();

    fn set_page_cache(&self, bytes: u64) -> Result<()> {
        let kib = (bytes / 1024).max(1);
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{kib};"))
            .map_err(|e| self.err(e))
    }

    fn existing_ids(&self, ids: &[&str]) -> Result<HashSet<String>> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let list = serde_json::to_string(ids).map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?1))",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([list], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    fn insert_batch(&mut self, docs: &[NewDocument]) -> Result<BatchOutcome> {
        self.write_batch(docs)
    }
}
