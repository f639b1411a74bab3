//! The PostgreSQL engine, for a team: every Tandem process of every
//! machine points at one database. It uses the blocking client of the
//! `postgres` crate (Tandem's stages are synchronous); the client sits
//! behind a mutex because it needs `&mut` for every query while the
//! store's read methods take `&self`.

pub(crate) mod migrate;
pub(crate) mod queue;
mod write;

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use postgres::types::ToSql;
use postgres::{Client, NoTls};

use crate::queries::shared_queries;
use crate::sql::{Arg, BoxError, Cell, Dialect, Row, Sql};
use crate::{BatchOutcome, Engine, Location, NewDocument, PgUrl, Result, StoreError};

/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An open PostgreSQL store.
pub(crate) struct PgStore {
    client: Mutex<Client>,
    location: Location,
}

/// Connects to the server `url` names; errors name the URL with its
/// password masked.
pub(crate) fn connect(url: &PgUrl) -> Result<Client> {
    let open_err = |what: &str, e: &dyn std::fmt::Display| StoreError::Open {
        db: url.masked(),
        source: format!("{what}: {e}").into(),
    };
    let mut config: postgres::Config = url
        .as_str()
        .parse()
        .map_err(|e| open_err("malformed PostgreSQL URL", &e))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("tandem");
    }
    config
        .connect(NoTls)
        .map_err(|e| open_err("cannot reach the PostgreSQL server", &e))
}

impl PgStore {
    /// Connects and, when `migrate`, brings the schema up to date (under
    /// an advisory lock, so that processes opening the store at once
    /// migrate it once); otherwise checks that it is up to date.
    pub(crate) fn open(url: PgUrl, migrate: bool) -> Result<PgStore> {
        let mut client = connect(&url)?;
        let location = Location::Postgres(url);
        let db = location.to_string();
        if migrate {
            migrate::migrate(&mut client, &db)?;
        } else {
            migrate::check_current(&mut client, &db)?;
        }
        Ok(PgStore {
            client: Mutex::new(client),
            location,
        })
    }

    fn client(&self) -> MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn params(args: &[Arg]) -> Vec<Box<dyn ToSql + Sync>> {
    args.iter()
        .map(|a| -> Box<dyn ToSql + Sync> {
            match a {
                Arg::Text(s) => Box::new(s.clone()),
                Arg::OptText(s) => Box::new(s.clone()),
                Arg::Int(i) => Box::new(*i),
                Arg::Bool(b) => Box::new(*b),
            }
        })
        .collect()
}

fn refs(params: &[Box<dyn ToSql + Sync>]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref()).collect()
}

impl Row for postgres::Row {
    fn text(&self, i: usize) -> Cell<String> {
        Ok(self.try_get(i)?)
    }
    fn opt_text(&self, i: usize) -> Cell<Option<String>> {
        Ok(self.try_get(i)?)
    }
    fn int(&self, i: usize) -> Cell<i64> {
        Ok(self.try_get(i)?)
    }
    fn opt_int(&self, i: usize) -> Cell<Option<i64>> {
        Ok(self.try_get(i)?)
    }
    fn float(&self, i: usize) -> Cell<f64> {
        Ok(self.try_get(i)?)
    }
    fn opt_float(&self, i: usize) -> Cell<Option<f64>> {
        Ok(self.try_get(i)?)
    }
}

impl Sql for PgStore {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
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
        let sql = Dialect::Postgres.render(sql);
        let params = params(args);
        let rows = self
            .client()
            .query(sql.as_ref(), &refs(&params))
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| read(r).map_err(|e: BoxError| self.err(e)))
            .collect()
    }

    fn exec(&self, sql: &str, args: &[Arg]) -> Result<u64> {
        let sql = Dialect::Postgres.render(sql);
        let params = params(args);
        self.client()
            .execute(sql.as_ref(), &refs(&params))
            .map_err(|e| self.err(e))
    }

    fn exec_each(&mut self, sql: &str, each: &[Vec<Arg>]) -> Result<u64> {
        let sql = Dialect::Postgres.render(sql);
        let mut client = self.client();
        let run = |client: &mut Client| -> std::result::Result<u64, postgres::Error> {
            let mut tx = client.transaction()?;
            let stmt = tx.prepare(&sql)?;
            let mut n = 0;
            for args in each {
                let params = params(args);
                n += tx.execute(&stmt, &refs(&params))?;
            }
            tx.commit()?;
            Ok(n)
        };
        let out = run(&mut client);
        drop(client);
        out.map_err(|e| self.err(e))
    }
}

impl Engine for PgStore {
    shared_queries!();

    fn set_page_cache(&self, _bytes: u64) -> Result<()> {
        Ok(())
    }

    fn existing_ids(&self, ids: &[&str]) -> Result<HashSet<String>> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let rows = self
            .client()
            .query("SELECT id FROM documents WHERE id = ANY($1)", &[&ids])
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| r.try_get(0).map_err(|e| self.err(e)))
            .collect()
    }

    fn insert_batch(&mut self, docs: &[NewDocument]) -> Result<BatchOutcome> {
        let out = write::insert_batch(&mut self.client(), docs);
        out.map_err(|e| self.err(e))
    }
}
