//! What was seen, kept in the store's `watch_sources` and `watch_items`
//! tables (migration 5), so that a restart neither refetches nor misses
//! anything and an interrupted round resumes where it stopped.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use tandem_model::DocDate;

use crate::feed::Item;
use crate::http::Validators;

/// `strftime` format of the timestamps stored (UTC).
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// An item seen but not yet ingested.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The article URL.
    pub url: String,
    /// The configured feed that listed it.
    pub feed_url: String,
    /// The feed's title for it.
    pub title: Option<String>,
    /// The feed's date for it.
    pub date: Option<DocDate>,
    /// Validators of the page from an earlier reply.
    pub validators: Validators,
    /// Rounds that already failed on it.
    pub attempts: u32,
}

/// The watch state of one store.
pub struct State {
    conn: Connection,
}

impl State {
    /// Opens the state tables of a store that is already at the current
    /// schema (open it with `tandem_store::Store::open` first).
    pub fn open(db: &Path) -> rusqlite::Result<State> {
        let conn = Connection::open(db)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(State { conn })
    }

    /// The validators of a feed's last reply.
    pub fn source_validators(&self, url: &str) -> rusqlite::Result<Validators> {
        Ok(self
            .conn
            .query_row(
                "SELECT etag, last_modified FROM watch_sources WHERE url = ?1",
                [url],
                |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Records a successful fetch of a feed (new validators, or the old
    /// ones kept on a 304 when `validators` is `None`).
    pub fn source_fetched(
        &self,
        url: &str,
        validators: Option<&Validators>,
    ) -> rusqlite::Result<()> {
        self.conn.execute(
            &format!(
                "INSERT INTO watch_sources (url, etag, last_modified, last_fetched_at, last_error)
                 VALUES (?1, ?2, ?3, {NOW}, NULL)
                 ON CONFLICT (url) DO UPDATE SET
                   etag = CASE WHEN ?4 THEN excluded.etag ELSE etag END,
                   last_modified = CASE WHEN ?4 THEN excluded.last_modified ELSE last_modified END,
                   last_fetched_at = excluded.last_fetched_at, last_error = NULL"
            ),
            params![
                url,
                validators.and_then(|v| v.etag.as_deref()),
                validators.and_then(|v| v.last_modified.as_deref()),
                validators.is_some()
            ],
        )?;
        Ok(())
    }

    /// Records why a feed could not be read (its validators are kept).
    pub fn source_failed(&self, url: &str, error: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            &format!(
                "INSERT INTO watch_sources (url, last_fetched_at, last_error) VALUES (?1, {NOW}, ?2)
                 ON CONFLICT (url) DO UPDATE SET last_fetched_at = excluded.last_fetched_at,
                   last_error = excluded.last_error"
            ),
            params![url, error],
        )?;
        Ok(())
    }

    /// Records the items a feed lists; returns how many were not seen before.
    pub fn record_items(&mut self, feed_url: &str, items: &[Item]) -> rusqlite::Result<usize> {
        let tx = self.conn.transaction()?;
        let mut new = 0;
        {
            let mut insert = tx.prepare(&format!(
                "INSERT OR IGNORE INTO watch_items (url, feed_url, title, date, first_seen_at)
                 VALUES (?1, ?2, ?3, ?4, {NOW})"
            ))?;
            for item in items {
                new += insert.execute(params![
                    item.url,
                    feed_url,
                    item.title,
                    item.date.map(|d| d.to_string())
                ])?;
            }
        }
        tx.commit()?;
        Ok(new)
    }

    /// Items of these feeds seen but not ingested, that failed in fewer than
    /// `max_attempts` rounds, oldest first.
    pub fn pending(&self, feeds: &[String], max_attempts: u32) -> rusqlite::Result<Vec<Pending>> {
        let mut stmt = self.conn.prepare(
            "SELECT url, feed_url, title, date, etag, last_modified, attempts FROM watch_items
             WHERE ingested_at IS NULL AND attempts < ?1 ORDER BY first_seen_at, rowid",
        )?;
        let rows = stmt.query_map([max_attempts], |r| {
            Ok(Pending {
                url: r.get(0)?,
                feed_url: r.get(1)?,
                title: r.get(2)?,
                date: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|d| DocDate::parse(&d)),
                validators: Validators {
                    etag: r.get(4)?,
                    last_modified: r.get(5)?,
                },
                attempts: r.get(6)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            if feeds.contains(&row.feed_url) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Records that an item's page is stored (as document `document_id`,
    /// `None` when the server said it had not changed).
    pub fn item_ingested(
        &self,
        url: &str,
        document_id: Option<&str>,
        validators: &Validators,
    ) -> rusqlite::Result<()> {
        self.conn.execute(
            &format!(
                "UPDATE watch_items SET ingested_at = {NOW}, last_error = NULL,
                   document_id = COALESCE(?2, document_id),
                   etag = COALESCE(?3, etag), last_modified = COALESCE(?4, last_modified)
                 WHERE url = ?1"
            ),
            params![url, document_id, validators.etag, validators.last_modified],
        )?;
        Ok(())
    }

    /// Records why an item's page could not be ingested this round.
    pub fn item_failed(&self, url: &str, error: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "UPDATE watch_items SET attempts = attempts + 1, last_error = ?2 WHERE url = ?1",
            params![url, error],
        )?;
        Ok(())
    }
}
