//! What was seen, kept in the store's `watch_sources` and `watch_items`
//! tables (migrations 5 and 11), so that a restart neither refetches nor misses
//! anything and an interrupted round resumes where it stopped, and the
//! claims that let watchers sharing a store split a round. The SQL is
//! the store's; this module speaks in feeds and items.

use std::collections::HashSet;
use std::time::Duration;

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

    /// Claims for `worker` (one round of one watcher), for `lease`, those
    /// of `items` that no other watcher holds and none has ingested since
    /// they were listed; returns them, in their order. Watchers sharing a
    /// store so fetch each article once.
    pub fn claim<'a>(
        &self,
        items: &'a [Pending],
        worker: &str,
        lease: Duration,
    ) -> Result<Vec<&'a Pending>> {
        let urls: Vec<&str> = items.iter().map(|p| p.url.as_str()).collect();
        let claimed: HashSet<String> = self
            .store
            .watch_claim(&urls, worker, lease)?
            .into_iter()
            .collect();
        Ok(items.iter().filter(|p| claimed.contains(&p.url)).collect())
    }

    /// Extends the claims `worker` holds to `lease` from now.
    pub fn renew(&self, worker: &str, lease: Duration) -> Result<u64> {
        self.store.watch_renew(worker, lease)
    }

    /// Gives back the claims `worker` holds: items that failed in its
    /// round may be tried by the next round of any watcher.
    pub fn release(&self, worker: &str) -> Result<u64> {
        self.store.watch_release(worker)
    }

    /// Records why an item's page could not be ingested this round.
    pub fn item_failed(&self, url: &str, error: &str) -> Result<()> {
        self.store.watch_item_failed(url, error)
    }
}
