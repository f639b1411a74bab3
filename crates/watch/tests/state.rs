//! The watch state on both engines: what a round records of feeds and
//! items, read back as the next round sees it.

use tandem_model::DocDate;
use tandem_store::testing::locations;
use tandem_watch::feed::Item;
use tandem_watch::http::Validators;
use tandem_watch::state::State;

fn item(url: &str, title: &str) -> Item {
    Item {
        url: url.to_owned(),
        title: Some(title.to_owned()),
        date: DocDate::parse("2026-11-02"),
    }
}

#[test]
fn feeds_and_items_are_remembered_between_rounds() {
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        let mut state = State::open(&db).unwrap();
        let feed = "https://news.example/rss";
        let other = "https://other.example/rss";
        assert_eq!(
            state.source_validators(feed).unwrap(),
            Validators::default()
        );
        let v = Validators {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Mon, 02 Nov 2026 08:00:00 GMT".into()),
        };
        state.source_fetched(feed, Some(&v)).unwrap();
        // a 304 keeps the validators; a failure too
        state.source_fetched(feed, None).unwrap();
        state.source_failed(feed, "timed out").unwrap();
        assert_eq!(state.source_validators(feed).unwrap(), v, "{db}");

        let first = [
            item("https://news.example/a", "Первая"),
            item("https://news.example/b", "Вторая"),
        ];
        assert_eq!(state.record_items(feed, &first).unwrap(), 2);
        let again = [
            item("https://news.example/b", "Вторая"),
            item("https://news.example/c", "Үшінші"),
        ];
        assert_eq!(
            state.record_items(feed, &again).unwrap(),
            1,
            "{db}: b was seen"
        );
        state
            .record_items(other, &[item("https://other.example/x", "X")])
            .unwrap();

        let pending = state.pending(&[feed.to_owned()], 3).unwrap();
        let urls: Vec<&str> = pending.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/a",
                "https://news.example/b",
                "https://news.example/c"
            ],
            "{db}: oldest first, other feeds left out"
        );
        assert_eq!(pending[0].date, DocDate::parse("2026-11-02"));
        assert_eq!(pending[0].title.as_deref(), Some("Первая"));

        let page = Validators {
            etag: Some("\"p\"".into()),
            last_modified: None,
        };
        state
            .item_ingested("https://news.example/a", Some("doc-a"), &page)
            .unwrap();
        for _ in 0..3 {
            state
                .item_failed("https://news.example/b", "HTTP 500")
                .unwrap();
        }
        state
            .item_failed("https://news.example/c", "HTTP 503")
            .unwrap();
        let pending = state.pending(&[feed.to_owned()], 3).unwrap();
        assert_eq!(pending.len(), 1, "{db}: a ingested, b out of attempts");
        assert_eq!(pending[0].url, "https://news.example/c");
        assert_eq!(pending[0].attempts, 1);
    }
}

#[test]
fn watchers_sharing_a_store_claim_each_item_once() {
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    for db in locations(dir.path()) {
        let mut state = State::open(&db).unwrap();
        let other = State::open(&db).unwrap();
        let feed = "https://news.example/rss";
        let items = [
            item("https://news.example/a", "A"),
            item("https://news.example/b", "B"),
            item("https://news.example/c", "C"),
        ];
        state.record_items(feed, &items).unwrap();
        let pending = state.pending(&[feed.to_owned()], 3).unwrap();
        let urls = |claimed: Vec<&tandem_watch::state::Pending>| -> Vec<String> {
            claimed.into_iter().map(|p| p.url.clone()).collect()
        };
        let minute = Duration::from_secs(60);

        // the first watcher takes a and b; the second, listing them too,
        // gets only c
        assert_eq!(
            urls(state.claim(&pending[..2], "one", minute).unwrap()),
            ["https://news.example/a", "https://news.example/b"],
            "{db}"
        );
        assert_eq!(
            urls(other.claim(&pending, "two", minute).unwrap()),
            ["https://news.example/c"],
            "{db}: a and b are the first watcher's"
        );
        assert!(state.claim(&pending, "one", minute).unwrap().is_empty());

        // a ingested stays taken once its claims are given back; b failed
        // and is given back to any watcher
        state
            .item_ingested(
                "https://news.example/a",
                Some("doc-a"),
                &Validators::default(),
            )
            .unwrap();
        state
            .item_failed("https://news.example/b", "HTTP 500")
            .unwrap();
        assert_eq!(state.release("one").unwrap(), 1, "{db}: b (a is ingested)");
        assert_eq!(
            urls(other.claim(&pending, "three", minute).unwrap()),
            ["https://news.example/b"],
            "{db}"
        );
        assert_eq!(other.release("two").unwrap(), 1);
        assert_eq!(other.release("three").unwrap(), 1);

        // a claim whose lease has ended is taken by another watcher, unless
        // its holder renewed it in time
        let short = Duration::from_millis(300);
        assert_eq!(state.claim(&pending[1..2], "four", short).unwrap().len(), 1);
        assert_eq!(state.claim(&pending[2..], "five", short).unwrap().len(), 1);
        assert_eq!(state.renew("five", minute).unwrap(), 1);
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(
            urls(other.claim(&pending, "six", minute).unwrap()),
            ["https://news.example/b"],
            "{db}: four's lease ended, five's was renewed"
        );
    }
}
