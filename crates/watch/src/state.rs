//! What was seen, kept in the store's `watch_sources` and `watch_items`
//! tables (migration 5), so that a restart neither refetches nor misses
//! anything and an interrupted round resumes where it stopped. The SQL is
//! the store's; this module speaks in feeds and items.

use tandem_store::{Location, Result, Store, WatchItem};

use crate::feed::Item;
use crate::http::Validators;

/// An item seen but not yet ingested.
pub use tandem_store::WatchPending as Pending;

/// The watch state of one store.
pub struct State {
    store: Store,
}

impl State {
    /// Opens the state tables of the store at `db` (brought up to date if
    /// needed).
    pub fn open(db: &Location) -> Result<State> {
        Ok(State {
            store: Store::open(db)?,
        })
    }

    /// The validators of a feed's last reply.
    pub fn source_validators(&self, url: &str) -> Result<Validators> {
        self.store.watch_source_validators(url)
    }

    /// Records a successful fetch of a feed (new validators, or the old
    /// ones kept on a 304 when `validators` is `None`).
    pub fn source_fetched(&self, url: &str, validators: Option<&Validators>) -> Result<()> {
        self.store.watch_source_fetched(url, validators)
    }

    /// Records why a feed could not be read (its validators are kept).
    pub fn source_failed(&self, url: &str, error: &str) -> Result<()> {
        self.store.watch_source_failed(url, error)
    }

    /// Records the items a feed lists; returns how many were not seen before.
    pub fn record_items(&mut self, feed_url: &str, items: &[Item]) -> Result<usize> {
        let items: Vec<WatchItem> = items
            .iter()
            .map(|i| WatchItem {
                url: i.url.clone(),
                title: i.title.clone(),
                date: i.date,
            })
            .collect();
        self.store.watch_record_items(feed_url, &items)
    }

    /// Items of these feeds seen but not ingested, that failed in fewer than
    /// `max_attempts` rounds, oldest first.
    pub fn pending(&self, feeds: &[String], max_attempts: u32) -> Result<Vec<Pending>> {
        let mut pending = self.store.watch_pending(max_attempts)?;
        pending.retain(|p| feeds.contains(&p.feed_url));
        Ok(pending)
    }

    /// Records that an item's page is stored (as document `document_id`,
    /// `None` when the server said it had not changed).
    pub fn item_ingested(
        &self,
        url: &str,
        document_id: Option<&str>,
        validators: &Validators,
    ) -> Result<()> {
        self.store.watch_item_ingested(url, document_id, validators)
    }

    /// Records why an item's page could not be ingested this round.
    pub fn item_failed(&self, url: &str, error: &str) -> Result<()> {
        self.store.watch_item_failed(url, error)
    }
}
