//! Watching news feeds: the stage before ingest for sources that publish
//! continuously. A round fetches each configured feed (RSS 2.0, Atom, XML
//! sitemap or sitemap index), records the items it lists, downloads each
//! item's page that was not ingested yet, reads its main text with the
//! HTML reader of `tandem-ingest` and hands the documents to the caller,
//! which stores them through the same pipeline as `tandem ingest`.
//!
//! It is a crate of its own because it is the only part of Tandem that
//! talks to the network: politeness (robots.txt, per-host delay, retries
//! with backoff, conditional requests) and the state that makes rounds
//! restartable (the store's `watch_*` tables) live here, apart from the
//! offline reading of files.

mod config;
pub mod feed;
pub mod http;
pub mod state;

use std::time::Duration;

use tandem_ingest::{SourceDoc, WebPage};
use tandem_store::{Heartbeat, Location};

pub use config::WatchConfig;
use feed::Listing;
use http::{FetchError, Fetched, Fetcher, Validators};
use state::{Pending, State};

/// Pages read before they are handed over to be stored: a round killed
/// midway loses at most this many downloads.
const INGEST_BATCH: usize = 16;

/// What a round did.
#[derive(Debug, Default, serde::Serialize)]
pub struct RoundReport {
    /// Feeds and sitemaps fetched with a new body.
    pub feeds_fetched: usize,
    /// Feeds and sitemaps that replied `304 Not Modified`.
    pub feeds_not_modified: usize,
    /// Items listed for the first time.
    pub new_items: usize,
    /// Pages downloaded and read.
    pub pages_fetched: usize,
    /// Pages that replied `304 Not Modified`.
    pub pages_not_modified: usize,
    /// Pages handed to the store.
    pub ingested: usize,
    /// Pending items left to another watcher sharing the store: it had
    /// claimed them, or ingested them since this round listed them.
    pub taken_by_others: usize,
    /// Pages not fetched because robots.txt disallows them.
    pub disallowed: Vec<String>,
    /// Feeds or pages that failed, each with its URL and reason.
    pub errors: Vec<String>,
    /// HTTP requests sent (retries and robots.txt included).
    pub requests: usize,
}

/// Why a round stopped.
#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    /// The watch state could not be read or written.
    #[error("watch state: {0}")]
    State(#[from] tandem_store::StoreError),
    /// Storing documents failed.
    #[error("cannot store fetched pages: {0}")]
    Ingest(String),
    /// The thread renewing the round's claims could not be started.
    #[error("cannot start the thread renewing the round's claims: {0}")]
    Lease(std::io::Error),
}

/// One round over the configured feeds, its state in the store at `db`,
/// pages bounded by `max_bytes`. `ingest` stores a batch of documents; an
/// item counts as ingested once it returns `Ok`. A broken feed or page is
/// reported in the result and never stops the others.
///
/// Several watchers may share one store (on several machines, on
/// PostgreSQL): each reads the feeds, then claims its pending items a batch
/// at a time before downloading them, leaving those another watcher holds.
/// Claims last `lease` and are renewed while the round runs, so that the
/// items of a watcher killed midway are fetched by a later round once its
/// lease has ended; they are given back when the round ends.
pub fn run_round(
    config: &WatchConfig,
    db: &Location,
    max_bytes: u64,
    lease: Duration,
    ingest: &mut dyn FnMut(Vec<SourceDoc>) -> Result<(), String>,
) -> Result<RoundReport, RoundError> {
    let worker = tandem_store::worker_name();
    let beat = State::open(db)?;
    let renewer = worker.clone();
    let heartbeat = Heartbeat::start("tandem-watch-lease", lease / 3, move || {
        if let Err(e) = beat.renew(&renewer, lease) {
            tracing::warn!("cannot renew the round's claims: {e}");
        }
    })
    .map_err(RoundError::Lease)?;
    let mut round = Round {
        state: State::open(db)?,
        fetcher: Fetcher::new(config, max_bytes),
        max_bytes,
        report: RoundReport::default(),
    };
    let done = round.run(config, &worker, lease, ingest);
    if !heartbeat.stop() {
        tracing::warn!("the thread renewing the round's claims failed");
    }
    // what failed this round may be tried by the next one of any watcher
    let released = round.state.release(&worker);
    done?;
    released?;
    round.report.requests = round.fetcher.requests;
    Ok(round.report)
}

/// A failure that ends the round.
enum StepError {
    State(tandem_store::StoreError),
    Ingest(String),
}

impl From<tandem_store::StoreError> for StepError {
    fn from(e: tandem_store::StoreError) -> StepError {
        StepError::State(e)
    }
}

struct Round {
    state: State,
    fetcher: Fetcher,
    max_bytes: u64,
    report: RoundReport,
}

impl Round {
    /// Reads every feed, then claims, fetches and stores the pending items
    /// a batch at a time.
    fn run(
        &mut self,
        config: &WatchConfig,
        worker: &str,
        lease: Duration,
        ingest: &mut dyn FnMut(Vec<SourceDoc>) -> Result<(), String>,
    ) -> Result<(), RoundError> {
        for feed in &config.feeds {
            self.read_source(feed, feed, true)?;
        }
        let pending = self.state.pending(&config.feeds, config.max_attempts)?;
        for chunk in pending.chunks(INGEST_BATCH) {
            let claimed = self.state.claim(chunk, worker, lease)?;
            self.report.taken_by_others += chunk.len() - claimed.len();
            if claimed.is_empty() {
                continue;
            }
            self.fetch_pages(&claimed, ingest).map_err(|e| match e {
                StepError::State(e) => RoundError::State(e),
                StepError::Ingest(e) => RoundError::Ingest(e),
            })?;
        }
        Ok(())
    }

    /// Fetches a feed or sitemap and records its items as listed by
    /// `feed` (the configured URL); follows a sitemap index one level.
    fn read_source(&mut self, url: &str, feed: &str, top: bool) -> tandem_store::Result<()> {
        let known = self.state.source_validators(url)?;
        let page = match self.fetcher.fetch(url, &known) {
            Ok(Fetched::NotModified) => {
                self.report.feeds_not_modified += 1;
                tracing::info!(%url, "feed not modified");
                return self.state.source_fetched(url, None);
            }
            Ok(Fetched::Body(page)) => page,
            Err(e) => return self.source_failed(url, &e.to_string()),
        };
        let listing = match feed::parse(&page.final_url, &page.bytes, self.max_bytes) {
            Ok(listing) => listing,
            Err(reason) => return self.source_failed(url, &format!("{url}: {reason}")),
        };
        self.report.feeds_fetched += 1;
        match listing {
            Listing::Items(items) => {
                let new = self.state.record_items(feed, &items)?;
                self.report.new_items += new;
                tracing::info!(%url, items = items.len(), new, "feed read");
            }
            Listing::Sitemaps(children) if top => {
                tracing::info!(%url, sitemaps = children.len(), "sitemap index read");
                for child in &children {
                    self.read_source(child, feed, false)?;
                }
                // a sitemap may grow while the index that lists it stays
                // the same: the index (small) is kept without validators and
                // read whole every round, so each of its sitemaps is asked
                // (conditionally) every round
                return self
                    .state
                    .source_fetched(url, Some(&tandem_store::Validators::default()));
            }
            Listing::Sitemaps(_) => {
                return self.source_failed(
                    url,
                    &format!("{url}: a sitemap index inside a sitemap index (not followed)"),
                )
            }
        }
        self.state.source_fetched(url, Some(&page.validators))
    }

    fn source_failed(&mut self, url: &str, error: &str) -> tandem_store::Result<()> {
        tracing::warn!(%url, "feed failed: {error}");
        self.report.errors.push(error.to_string());
        self.state.source_failed(url, error)
    }

    /// Downloads and reads a batch of pending pages, stores what was read,
    /// then marks those items ingested.
    fn fetch_pages(
        &mut self,
        items: &[&Pending],
        ingest: &mut dyn FnMut(Vec<SourceDoc>) -> Result<(), String>,
    ) -> Result<(), StepError> {
        let mut read: Vec<(&Pending, Validators)> = Vec::new();
        let mut docs = Vec::new();
        for &item in items {
            let page = match self.fetcher.fetch(&item.url, &item.validators) {
                Ok(Fetched::Body(page)) => page,
                Ok(Fetched::NotModified) => {
                    self.report.pages_not_modified += 1;
                    tracing::info!(url = %item.url, "item not modified");
                    self.state
                        .item_ingested(&item.url, None, &Validators::default())?;
                    continue;
                }
                Err(FetchError::Disallowed { url }) => {
                    tracing::info!(url = %item.url, "item skipped: {url} is disallowed by robots.txt");
                    self.report.disallowed.push(item.url.clone());
                    self.state
                        .item_failed(&item.url, "disallowed by robots.txt")?;
                    continue;
                }
                Err(e) => {
                    self.item_failed(item, &e.to_string())?;
                    continue;
                }
            };
            self.report.pages_fetched += 1;
            let web = WebPage {
                url: &item.url,
                bytes: &page.bytes,
                charset: page.charset.as_deref(),
                title: item.title.as_deref(),
                date: item.date,
            };
            match tandem_ingest::read_web_page(&web, self.max_bytes) {
                Ok(doc) => {
                    docs.push(doc);
                    read.push((item, page.validators));
                }
                Err(reason) => self.item_failed(item, &format!("{}: {reason}", item.url))?,
            }
        }
        if docs.is_empty() {
            return Ok(());
        }
        let stored: Vec<(String, Option<String>, usize)> = docs
            .iter()
            .map(|d| (d.id.clone(), d.title.clone(), d.text.len()))
            .collect();
        ingest(docs).map_err(StepError::Ingest)?;
        for ((item, validators), (id, title, chars)) in read.into_iter().zip(stored) {
            self.state
                .item_ingested(&item.url, Some(&id), &validators)?;
            self.report.ingested += 1;
            tracing::info!(url = %item.url, document = %id, title = title.as_deref().unwrap_or(""), bytes = chars, "item ingested");
        }
        Ok(())
    }

    fn item_failed(&mut self, item: &Pending, error: &str) -> tandem_store::Result<()> {
        tracing::warn!(url = %item.url, attempt = item.attempts + 1, "item failed: {error}");
        self.report.errors.push(error.to_string());
        self.state.item_failed(&item.url, error)
    }
}
