//! What the shared queries need of an engine: run a statement with
//! arguments and read its rows by column. Queries are written once, with
//! SQLite's `?N` placeholders and a `{NOW}` token, and rendered per
//! dialect; the few statements the dialects cannot share live in the
//! engines' own modules.

use std::borrow::Cow;

use crate::{Location, Result, StoreError};

/// Any error of an engine's client library.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Result of reading a column.
pub(crate) type Cell<T> = std::result::Result<T, BoxError>;

/// An argument of a statement.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    Bool(bool),
}

/// A row being read, columns numbered from 0.
pub(crate) trait Row {
    fn text(&self, i: usize) -> Cell<String>;
    fn opt_text(&self, i: usize) -> Cell<Option<String>>;
    fn int(&self, i: usize) -> Cell<i64>;
    fn opt_int(&self, i: usize) -> Cell<Option<i64>>;
    fn float(&self, i: usize) -> Cell<f64>;
    fn opt_float(&self, i: usize) -> Cell<Option<f64>>;
}

/// The SQL dialect of an engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// `sql` with this dialect's placeholders and current-time expression.
    pub(crate) fn render<'a>(self, sql: &'a str) -> Cow<'a, str> {
        match self {
            Dialect::Sqlite if !sql.contains('{') => Cow::Borrowed(sql),
            Dialect::Sqlite => {
                Cow::Owned(sql.replace("{NOW}", "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"))
            }
            Dialect::Postgres => {
                let sql = sql.replace(
                    "{NOW}",
                    "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
                );
                let mut out = String::with_capacity(sql.len());
                let mut chars = sql.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '?' && chars.peek().is_some_and(|n| n.is_ascii_digit()) {
                        out.push('$');
                    } else {
                        out.push(c);
                    }
                }
                Cow::Owned(out)
            }
        }
    }

    /// The time now to the millisecond, UTC, as the lease columns hold it
    /// (`YYYY-MM-DDTHH:MM:SS.mmmZ`: ordered as text).
    pub(crate) const fn now_ms(self) -> &'static str {
        match self {
            Dialect::Sqlite => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            Dialect::Postgres => {
                "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
            }
        }
    }

    /// The time `seconds` (an SQL expression, a number) from now, in the
    /// form of [`Dialect::now_ms`]: the end of a lease.
    pub(crate) fn seconds_from_now(self, seconds: &str) -> String {
        match self {
            Dialect::Sqlite => {
                format!("strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || ({seconds}) || ' seconds')")
            }
            Dialect::Postgres => format!(
                "to_char((clock_timestamp() + make_interval(secs => {seconds})) AT TIME ZONE 'UTC', \
                 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
            ),
        }
    }

    /// An expression for the text between two byte offsets of a text
    /// column (offsets are UTF-8 bytes, not characters).
    pub(crate) fn byte_slice(self, text: &str, start: &str, end: &str) -> String {
        match self {
            Dialect::Sqlite => format!(
                "CAST(substr(CAST({text} AS BLOB), {start} + 1, {end} - {start}) AS TEXT)"
            ),
            Dialect::Postgres => format!(
                "convert_from(substring(convert_to({text}, 'UTF8') FROM CAST({start} + 1 AS INTEGER) FOR CAST({end} - {start} AS INTEGER)), 'UTF8')"
            ),
        }
    }
}

/// An engine as the shared queries see it.
pub(crate) trait Sql {
    /// Its dialect.
    fn dialect(&self) -> Dialect;

    /// Where it is (named in errors).
    fn location(&self) -> &Location;

    /// Every row of `sql` (in this engine's dialect), each read by `read`.
    fn rows<T>(
        &self,
        sql: &str,
        args: &[Arg],
        read: impl FnMut(&dyn Row) -> Cell<T>,
    ) -> Result<Vec<T>>;

    /// Runs `sql`, returning the number of rows it changed.
    fn exec(&self, sql: &str, args: &[Arg]) -> Result<u64>;

    /// Runs `sql` once for each argument list, all in one transaction;
    /// returns the number of rows changed.
    fn exec_each(&mut self, sql: &str, each: &[Vec<Arg>]) -> Result<u64>;

    /// The error of a failed query, naming the store.
    fn err(&self, source: impl Into<BoxError>) -> StoreError {
        StoreError::Sql {
            db: self.location().to_string(),
            source: source.into(),
        }
    }

    /// The first row of `sql`, if any.
    fn row<T>(
        &self,
        sql: &str,
        args: &[Arg],
        read: impl FnMut(&dyn Row) -> Cell<T>,
    ) -> Result<Option<T>> {
        Ok(self.rows(sql, args, read)?.into_iter().next())
    }

    /// The one integer `sql` gives.
    fn int(&self, sql: &str, args: &[Arg]) -> Result<i64> {
        self.row(sql, args, |r| r.int(0))?
            .ok_or_else(|| self.err(format!("no row from {sql}")))
    }
}
