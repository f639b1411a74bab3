//! `tandem watch --once` end to end against a real HTTP server on loopback:
//! RSS, Atom and a sitemap index; pages in several languages and encodings;
//! robots.txt, conditional requests, a timeout, a retry, an HTML page
//! posing as a feed, a redirect loop; a second round and a killed round;
//! two watchers sharing a PostgreSQL store (when `TANDEM_TEST_PG` is set).

use std::collections::HashMap;
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

use common::BIN;

/// What the test server saw and how it behaves.
#[derive(Default)]
struct Hits {
    /// Requests per path.
    by_path: HashMap<String, usize>,
    /// When each request arrived, in order, with its path.
    arrivals: Vec<(Instant, String)>,
    /// `304 Not Modified` replies per path.
    not_modified: HashMap<String, usize>,
    /// `/news/flaky.html` answers 500 this many more times.
    flaky_failures_left: usize,
    /// While set, `/news/hold.html` does not answer.
    hold: bool,
    /// Once set, `/sitemap-1.xml` lists `/news/tj.html` too (its index
    /// stays the same).
    sitemap_grown: bool,
    /// While set, `/robots.txt` answers 503.
    robots_down: bool,
    /// The pages `/many/N.html` are not answered before `/many.xml` has
    /// been asked for this many times (by as many watchers), or 30 s.
    many_wait_for_feed_reads: usize,
}

/// Articles `/many.xml` lists.
const MANY: usize = 40;

/// A tiny HTTP/1.1 server on 127.0.0.1, one thread per connection.
struct Server {
    base: String,
    hits: Arc<Mutex<Hits>>,
}

impl Server {
    fn start(hits: Hits) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(hits));
        let shared = Arc::clone(&hits);
        let site = base.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let hits = Arc::clone(&shared);
                let site = site.clone();
                std::thread::spawn(move || serve(stream, &site, &hits));
            }
        });
        Server { base, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn count(&self, path: &str) -> usize {
        self.hits
            .lock()
            .unwrap()
            .by_path
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    fn not_modified(&self, path: &str) -> usize {
        let hits = self.hits.lock().unwrap();
        hits.not_modified.get(path).copied().unwrap_or(0)
    }

    fn total(&self) -> usize {
        self.hits.lock().unwrap().by_path.values().sum()
    }

    /// When each request for `path` arrived (every path for `None`), in order.
    fn arrivals(&self, path: Option<&str>) -> Vec<Instant> {
        let hits = self.hits.lock().unwrap();
        hits.arrivals
            .iter()
            .filter(|(_, p)| path.is_none_or(|path| p == path))
            .map(|(t, _)| *t)
            .collect()
    }
}

/// One reply.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Duration,
}

fn reply(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type", content_type.to_string())],
        body: body.into(),
        delay: Duration::ZERO,
    }
}

fn serve(mut stream: TcpStream, site: &str, hits: &Mutex<Hits>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.lines();
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    {
        let mut h = hits.lock().unwrap();
        *h.by_path.entry(path.clone()).or_default() += 1;
        h.arrivals.push((Instant::now(), path.clone()));
    }
    let mut r = route(&path, site, hits);
    // conditional requests: an ETag or Last-Modified the client sent back
    let etag = r
        .headers
        .iter()
        .find(|h| h.0 == "ETag")
        .map(|h| h.1.clone());
    let modified = r
        .headers
        .iter()
        .find(|h| h.0 == "Last-Modified")
        .map(|h| h.1.clone());
    if r.status == 200
        && ((etag.is_some() && headers.get("if-none-match") == etag.as_ref())
            || (modified.is_some() && headers.get("if-modified-since") == modified.as_ref()))
    {
        *hits.lock().unwrap().not_modified.entry(path).or_default() += 1;
        r.status = 304;
        r.body.clear();
    }
    std::thread::sleep(r.delay);
    let reason = match r.status {
        200 => "OK",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        _ => "Error",
    };
    let mut out = format!("HTTP/1.1 {} {reason}\r\nConnection: close\r\n", r.status);
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", r.body.len()));
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(&r.body);
}

const RSS_TYPE: &str = "application/rss+xml; charset=utf-8";
const HTML_UTF8: &str = "text/html; charset=utf-8";

fn page(lang: &str, title: Option<&str>, paragraphs: &[&str]) -> String {
    let title = title
        .map(|t| format!("<title>{t}</title>"))
        .unwrap_or_default();
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">{title}</head>\
         <body><nav><a href=\"/\">Home</a></nav><article>{body}</article></body></html>"
    )
}

fn route(path: &str, site: &str, hits: &Mutex<Hits>) -> Reply {
    let with = |mut r: Reply, k: &'static str, v: &str| {
        r.headers.push((k, v.to_string()));
        r
    };
    // (the tag follows the body: a page that changes gets a new one)
    let etag = |r: Reply| {
        let hash = r.body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
        let tag = format!("\"{hash:016x}\"");
        with(r, "ETag", &tag)
    };
    match path {
        "/robots.txt" if hits.lock().unwrap().robots_down => {
            reply(503, "text/plain", "down for maintenance")
        }
        "/robots.txt" => reply(200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
        "/rss.xml" => etag(reply(
            200,
            RSS_TYPE,
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Regional trade</title><link>{site}/</link>
<item><title>Товарооборот с Кыргызстаном</title><link>{site}/news/ru-utf8.html</link><pubDate>Mon, 03 Mar 2025 08:00:00 +0500</pubDate></item>
<item><title>Экспорт пшеницы вырос</title><link>/news/ru-1251.html</link><pubDate>Tue, 04 Mar 2025 09:30:00 +0500</pubDate></item>
<item><title>Internal memo</title><link>{site}/private/memo.html</link></item>
<item><title>Coal exports</title><link>{site}/news/flaky.html</link></item>
<item><title>Slow page</title><link>{site}/news/slow.html</link></item>
<item><title>Moved</title><link>{site}/loop/a</link></item>
</channel></rss>"#
            ),
        )),
        "/atom.xml" => with(
            reply(
                200,
                "application/atom+xml",
                format!(
                    r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sauda</title><id>urn:tandem-test:atom</id><updated>2025-03-05T10:00:00Z</updated>
<entry><title>Сауда көлемі</title><id>urn:tandem-test:kk</id><updated>2025-03-05T10:00:00Z</updated><link rel="alternate" href="{site}/news/kk.html"/></entry>
<entry><title>Tovar aylanmasi</title><id>urn:tandem-test:uz</id><updated>2025-03-06T10:00:00Z</updated><link href="{site}/news/uz-latn.html"/></entry>
</feed>"#
                ),
            ),
            "Last-Modified",
            "Wed, 05 Mar 2025 10:00:00 GMT",
        ),
        "/sitemap-index.xml" => etag(reply(
            200,
            "application/xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{site}/sitemap-1.xml</loc></sitemap></sitemapindex>"#
            ),
        )),
        "/sitemap-1.xml" => {
            let grown = if hits.lock().unwrap().sitemap_grown {
                format!("<url><loc>{site}/news/tj.html</loc></url>\n")
            } else {
                String::new()
            };
            etag(reply(
                200,
                "application/xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{site}/news/en.html</loc><lastmod>2025-03-07</lastmod></url>
<url><loc>{site}/news/ru-utf8.html</loc></url>
{grown}</urlset>"#
                ),
            ))
        }
        "/news/tj.html" => etag(reply(
            200,
            HTML_UTF8,
            page(
                "en",
                Some("Tajik cement"),
                &["Tajikistan exported 310 thousand tonnes of cement to Uzbekistan in 2024."],
            ),
        )),
        "/fake-feed.xml" => reply(
            200,
            "text/html",
            "<!DOCTYPE html><html><body><p>Subscribe to our newsletter!</p></body></html>",
        ),
        "/news/ru-utf8.html" => etag(reply(
            200,
            HTML_UTF8,
            page(
                "ru",
                Some("Товарооборот Казахстана и Кыргызстана"),
                &["Товарооборот Казахстана и Кыргызстана в 2024 году вырос на 12% и достиг 1,8 млрд долларов США."],
            ),
        )),
        "/news/ru-1251.html" => {
            // no <title>: the feed's title is the document's
            let html = page(
                "ru",
                None,
                &["Экспорт пшеницы из Казахстана в Узбекистан за первый квартал 2025 года составил 410 тыс. тонн."],
            )
            .replace("utf-8", "windows-1251");
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&html);
            etag(reply(200, "text/html; charset=windows-1251", bytes.into_owned()))
        }
        "/news/kk.html" => etag(reply(
            200,
            HTML_UTF8,
            page(
                "kk",
                Some("Сауда көлемі өсті"),
                &["2024 жылы Қазақстан мен Қырғызстан арасындағы сауда көлемі 1,5 млрд долларға жетті."],
            ),
        )),
        "/news/uz-latn.html" => etag(reply(
            200,
            HTML_UTF8,
            page(
                "uz",
                Some("Tovar aylanmasi oshdi"),
                &["O'zbekiston va Qozog'iston o'rtasidagi tovar aylanmasi 2024 yilda 4,4 mlrd dollarni tashkil etdi."],
            ),
        )),
        "/news/en.html" => etag(reply(
            200,
            HTML_UTF8,
            page(
                "en",
                Some("Tajik and Uzbek trade"),
                &["Trade between Tajikistan and Uzbekistan rose by 9% to 520 million US dollars in 2024."],
            ),
        )),
        "/news/flaky.html" => {
            let mut h = hits.lock().unwrap();
            if h.flaky_failures_left > 0 {
                h.flaky_failures_left -= 1;
                return reply(500, "text/plain", "temporarily broken");
            }
            etag(reply(
                200,
                HTML_UTF8,
                page(
                    "en",
                    Some("Coal exports"),
                    &["Kazakhstan exported 2.1 million tonnes of coal to Kyrgyzstan in 2024."],
                ),
            ))
        }
        "/news/slow.html" => Reply {
            delay: Duration::from_secs(4),
            ..reply(200, HTML_UTF8, page("en", Some("Late"), &["Too late: 5 tonnes."]))
        },
        "/news/hold.html" => {
            let held = hits.lock().unwrap().hold;
            Reply {
                delay: if held { Duration::from_secs(30) } else { Duration::ZERO },
                ..etag(reply(
                    200,
                    HTML_UTF8,
                    page(
                        "ru",
                        Some("Импорт электроэнергии"),
                        &["Узбекистан в 2024 году импортировал из Таджикистана 1,2 млрд кВт·ч электроэнергии."],
                    ),
                ))
            }
        }
        "/rss-hold.xml" => reply(
            200,
            RSS_TYPE,
            format!(
                r#"<rss version="2.0"><channel><title>Energy</title>
<item><title>Held</title><link>{site}/news/hold.html</link></item>
<item><title>Kazakh trade</title><link>{site}/news/kk.html</link></item>
</channel></rss>"#
            ),
        ),
        "/rss-polite.xml" => reply(
            200,
            RSS_TYPE,
            format!(
                r#"<rss version="2.0"><channel><title>Three pages</title>
<item><title>Kazakh trade</title><link>{site}/news/kk.html</link></item>
<item><title>Tajik and Uzbek trade</title><link>{site}/news/en.html</link></item>
<item><title>Uzbek trade</title><link>{site}/news/uz-latn.html</link></item>
</channel></rss>"#
            ),
        ),
        "/rss-flaky.xml" => reply(
            200,
            RSS_TYPE,
            format!(
                r#"<rss version="2.0"><channel><title>Coal</title>
<item><title>Coal exports</title><link>{site}/news/flaky.html</link></item>
</channel></rss>"#
            ),
        ),
        "/many.xml" => etag(reply(
            200,
            RSS_TYPE,
            format!(
                r#"<rss version="2.0"><channel><title>Wheat</title>{}</channel></rss>"#,
                (0..MANY)
                    .map(|i| format!("<item><title>Wheat {i}</title><link>{site}/many/{i}.html</link></item>"))
                    .collect::<String>()
            ),
        )),
        _ if path.starts_with("/many/") => {
            let n: usize = path["/many/".len()..].trim_end_matches(".html").parse().unwrap_or(0);
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(30) {
                let h = hits.lock().unwrap();
                if h.by_path.get("/many.xml").copied().unwrap_or(0) >= h.many_wait_for_feed_reads {
                    break;
                }
                drop(h);
                std::thread::sleep(Duration::from_millis(10));
            }
            Reply {
                // each watcher spends a while on its batch of pages
                delay: Duration::from_millis(100),
                ..etag(reply(
                    200,
                    HTML_UTF8,
                    page(
                        "en",
                        Some(&format!("Wheat {n}")),
                        &[&format!("Kazakhstan exported {} thousand tonnes of wheat to Uzbekistan in 2024.", 100 + n)],
                    ),
                ))
            }
        }
        "/loop/a" => with(reply(302, "text/plain", ""), "Location", "/loop/b"),
        "/loop/b" => with(reply(302, "text/plain", ""), "Location", "/loop/a"),
        _ => reply(404, "text/plain", "not found"),
    }
}

fn config(dir: &Path, feeds: &[String], timeout_secs: u64) {
    config_with(
        dir,
        feeds,
        &format!(
            "host_delay_ms = 10\ntimeout_secs = {timeout_secs}\nretries = 1\nretry_delay_ms = 50\n"
        ),
    );
}

/// A `[watch]` table with `feeds` and the `settings` lines.
fn config_with(dir: &Path, feeds: &[String], settings: &str) {
    let list: Vec<String> = feeds.iter().map(|f| format!("\"{f}\"")).collect();
    std::fs::write(
        dir.join("tandem.toml"),
        format!(
            "[watch]\nfeeds = [{}]\nuser_agent = \"TandemTest/1.0\"\n{settings}",
            list.join(", ")
        ),
    )
    .unwrap();
}

/// `tandem watch --once --json ARGS` in `dir` (global options such as
/// `--db` before `watch`).
fn watch(dir: &Path, global: &[&str], args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        // the loopback server is reached directly
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("TANDEM_LOG")
        .args(global)
        .args(["watch", "--once", "--json"])
        .args(args);
    c
}

fn watch_once(dir: &Path) -> Output {
    watch(dir, &[], &[]).output().expect("run tandem watch")
}

fn report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// One `tandem watch --once` round in `dir` that must succeed: its report.
fn round_ok(dir: &Path) -> serde_json::Value {
    let out = watch_once(dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    report(&out)
}

fn db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("tandem-data/tandem.db")).unwrap()
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_round_ingests_the_new_items_and_a_second_round_fetches_nothing_new() {
    let server = Server::start(Hits {
        flaky_failures_left: 1,
        ..Hits::default()
    });
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let feeds = [
        server.url("/rss.xml"),
        server.url("/atom.xml"),
        server.url("/sitemap-index.xml"),
        server.url("/fake-feed.xml"),
    ];
    config(d, &feeds, 1);

    let out = watch_once(d);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "some items failed: {stderr}");
    let r = report(&out);
    let errors: Vec<String> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_string())
        .collect();
    let error_about = |url: &str, what: &str| {
        errors
            .iter()
            .any(|e| e.starts_with(url) && e.contains(what))
    };
    assert!(
        error_about(&server.url("/fake-feed.xml"), "HTML page, not a feed"),
        "{errors:?}"
    );
    assert!(
        error_about(&server.url("/news/slow.html"), "timed out"),
        "{errors:?}"
    );
    assert!(
        error_about(&server.url("/loop/a"), "redirect loop"),
        "{errors:?}"
    );
    assert_eq!(errors.len(), 3, "{errors:?}");
    // 6 articles from RSS (2 good + flaky), Atom (2) and the sitemap (1 new)
    assert_eq!(r["new_items"], 9, "{r}");
    assert_eq!(r["ingested"], 6, "{r}");
    assert_eq!(r["stored"]["new"], 6, "{r}");
    assert_eq!(
        r["disallowed"],
        serde_json::json!([server.url("/private/memo.html")])
    );
    assert_eq!(
        server.count("/private/memo.html"),
        0,
        "robots.txt is honoured"
    );
    assert_eq!(server.count("/news/flaky.html"), 2, "a 500 is retried");
    assert_eq!(server.count("/news/slow.html"), 2, "a timeout is retried");
    assert_eq!(server.count("/robots.txt"), 1, "robots.txt once per host");
    assert_eq!(
        server.count("/news/ru-utf8.html"),
        1,
        "listed twice, fetched once"
    );
    assert_eq!(server.count("/loop/a"), 1);
    // one log line per item
    for path in [
        "/news/ru-utf8.html",
        "/news/ru-1251.html",
        "/news/kk.html",
        "/news/en.html",
        "/news/flaky.html",
        "/news/uz-latn.html",
    ] {
        let url = server.url(path);
        let lines = stderr
            .lines()
            .filter(|l| l.contains(&url) && l.contains("item ingested"))
            .count();
        assert_eq!(lines, 1, "{path}: {stderr}");
    }

    let conn = db(d);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 6);
    let (title, text, date): (String, String, String) = conn
        .query_row(
            "SELECT title, text, date FROM documents WHERE url = ?1",
            [server.url("/news/ru-1251.html")],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(title, "Экспорт пшеницы вырос", "the feed's title");
    assert_eq!(date, "2025-03-04", "the feed's date");
    assert!(
        text.contains("410 тыс. тонн"),
        "windows-1251 decoded: {text}"
    );
    assert!(!text.contains("Home"), "navigation dropped: {text}");
    let languages: Vec<String> = conn
        .prepare("SELECT DISTINCT language FROM documents ORDER BY language")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for lang in ["en", "kk", "ru"] {
        assert!(languages.iter().any(|l| l == lang), "{languages:?}");
    }
    assert!(count(&conn, "SELECT COUNT(*) FROM figures") >= 6);
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM watch_items WHERE ingested_at IS NOT NULL AND document_id IS NOT NULL"),
        6
    );
    let slow_error: String = conn
        .query_row(
            "SELECT last_error FROM watch_items WHERE url = ?1",
            [server.url("/news/slow.html")],
            |r| r.get(0),
        )
        .unwrap();
    assert!(slow_error.contains("timed out"), "{slow_error}");
    drop(conn);

    // second round: every feed and sitemap answers 304, no ingested page is
    // asked for again; the sitemap index (kept without validators) is read
    // whole, so its sitemap is asked for
    let before: HashMap<&str, usize> = ["/news/ru-utf8.html", "/news/en.html", "/news/flaky.html"]
        .into_iter()
        .map(|p| (p, server.count(p)))
        .collect();
    let out = watch_once(d);
    let r = report(&out);
    assert_eq!(r["feeds_not_modified"], 3, "{r}");
    assert_eq!(r["feeds_fetched"], 1, "{r}");
    assert_eq!(r["new_items"], 0, "{r}");
    assert_eq!(r["pages_fetched"], 0, "{r}");
    assert_eq!(r["stored"]["new"], 0, "{r}");
    for path in ["/rss.xml", "/atom.xml", "/sitemap-1.xml"] {
        assert_eq!(server.not_modified(path), 1, "{path}");
    }
    assert_eq!(server.count("/sitemap-1.xml"), 2);
    for (path, n) in before {
        assert_eq!(server.count(path), n, "{path} fetched again");
    }
    assert_eq!(count(&db(d), "SELECT COUNT(*) FROM documents"), 6);
    // the failed ones were tried again
    assert_eq!(server.count("/loop/a"), 2);
    assert!(server.total() > 0);

    // third round: the sitemap has grown while its index has not; the new
    // page is found, fetched and stored, and nothing else is
    server.hits.lock().unwrap().sitemap_grown = true;
    let out = watch_once(d);
    let r = report(&out);
    assert_eq!(r["new_items"], 1, "{r}");
    assert_eq!(r["stored"]["new"], 1, "{r}");
    assert_eq!(server.count("/news/tj.html"), 1);
    assert_eq!(count(&db(d), "SELECT COUNT(*) FROM documents"), 7);
}

#[test]
fn requests_to_one_host_are_spaced_and_retries_back_off() {
    // three pages of one host, 300 ms apart at least: every request, from
    // robots.txt to the last page, waits for the one before
    let server = Server::start(Hits::default());
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    config_with(
        d,
        &[server.url("/rss-polite.xml")],
        "host_delay_ms = 300\ntimeout_secs = 10\nretries = 0\n",
    );
    assert_eq!(round_ok(d)["ingested"], 3);
    let times = server.arrivals(None);
    assert_eq!(times.len(), 5, "robots.txt, the feed and three pages");
    for (i, pair) in times.windows(2).enumerate() {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(300),
            "request {} came {gap:?} after the one before",
            i + 2
        );
    }

    // a page failing three times: the retries wait 300, 600, then 1200 ms
    let server = Server::start(Hits {
        flaky_failures_left: 3,
        ..Hits::default()
    });
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    config_with(
        d,
        &[server.url("/rss-flaky.xml")],
        "host_delay_ms = 0\ntimeout_secs = 10\nretries = 3\nretry_delay_ms = 300\n",
    );
    assert_eq!(round_ok(d)["ingested"], 1);
    let times = server.arrivals(Some("/news/flaky.html"));
    assert_eq!(times.len(), 4, "three failures, then the page");
    for (i, (pair, wait)) in times.windows(2).zip([300, 600, 1200]).enumerate() {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(wait),
            "retry {} came {gap:?} after the try before, not {wait} ms",
            i + 1
        );
    }
}

#[test]
fn a_host_whose_robots_txt_fails_is_skipped_with_that_reason_and_read_later() {
    let server = Server::start(Hits {
        robots_down: true,
        ..Hits::default()
    });
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let feed = server.url("/rss-polite.xml");
    config(d, std::slice::from_ref(&feed), 5);
    let out = watch_once(d);
    assert_eq!(out.status.code(), Some(1));
    let r = report(&out);
    let robots = server.url("/robots.txt");
    assert_eq!(
        r["errors"],
        serde_json::json!([format!(
            "{feed}: host skipped this round: {robots} could not be fetched (HTTP 503)"
        )]),
        "{r}"
    );
    assert_eq!(r["disallowed"], serde_json::json!([]), "{r}");
    assert_eq!(server.count("/robots.txt"), 2, "one retry");
    assert_eq!(server.total(), 2, "nothing else asked of the host");

    server.hits.lock().unwrap().robots_down = false;
    let out = watch_once(d);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(report(&out)["ingested"], 3);
}

#[test]
fn a_killed_round_resumes_with_the_items_it_had_not_ingested() {
    let server = Server::start(Hits {
        hold: true,
        ..Hits::default()
    });
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // an RSS feed of its own: the held page first, then one more
    let rss = server.url("/rss-hold.xml");
    config(d, &[rss], 60);
    let child = watch(d, &[], &["--lease-secs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while server.count("/news/hold.html") == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the page was never asked for"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut child = child;
    child.kill().unwrap();
    child.wait().unwrap();
    let conn = db(d);
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM watch_items WHERE ingested_at IS NULL"
        ),
        2
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 0);
    // the killed round still holds its claims: no other watcher fetches
    // them until their lease (1 s here) has ended
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM watch_items WHERE claimed_until IS NOT NULL"
        ),
        2
    );
    drop(conn);
    std::thread::sleep(Duration::from_millis(1500));

    server.hits.lock().unwrap().hold = false;
    let r = round_ok(d);
    assert_eq!(r["new_items"], 0, "{r}");
    assert_eq!(r["ingested"], 2, "{r}");
    let conn = db(d);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 2);
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM watch_items WHERE ingested_at IS NULL"
        ),
        0
    );
}

#[test]
fn watch_without_a_watch_table_says_what_to_add() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("tandem.toml"), "max_file_bytes = 1000000\n").unwrap();
    let out = watch_once(tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tandem.toml has no [watch] table"), "{err}");
}

#[test]
fn two_watchers_on_one_postgres_store_fetch_and_store_each_article_once() {
    let Some((pg, db)) = common::fresh_database() else {
        return;
    };
    // no page is answered before both watchers have read the feed: both
    // are in their round at once
    let server = Server::start(Hits {
        many_wait_for_feed_reads: 2,
        ..Hits::default()
    });
    let tmp = tempfile::tempdir().unwrap();
    // two machines: a directory (configuration, search index) each
    let dirs = [tmp.path().join("one"), tmp.path().join("two")];
    for d in &dirs {
        std::fs::create_dir_all(d).unwrap();
        config(d, &[server.url("/many.xml")], 30);
    }
    let watchers: Vec<_> = dirs
        .iter()
        .map(|d| {
            watch(d, &["--db", &db], &[])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start a watcher")
        })
        .collect();
    let reports: Vec<serde_json::Value> = watchers
        .into_iter()
        .map(|w| {
            let out = w.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            report(&out)
        })
        .collect();
    let sum = |key: &str| -> i64 { reports.iter().map(|r| r[key].as_i64().unwrap()).sum() };

    for i in 0..MANY {
        assert_eq!(
            server.count(&format!("/many/{i}.html")),
            1,
            "article {i}: {reports:?}"
        );
    }
    assert_eq!(sum("ingested"), MANY as i64, "{reports:?}");
    assert_eq!(sum("new_items"), MANY as i64, "{reports:?}");
    // they split the work: each took what the other had not
    for (me, other) in [(0, 1), (1, 0)] {
        let mine = reports[me]["ingested"].as_i64().unwrap();
        assert!(mine > 0, "watcher {me} fetched nothing: {reports:?}");
        assert_eq!(
            reports[me]["taken_by_others"], reports[other]["ingested"],
            "{reports:?}"
        );
    }
    let new: i64 = reports
        .iter()
        .map(|r| r["stored"]["new"].as_i64().unwrap())
        .sum();
    assert_eq!(new, MANY as i64, "{reports:?}");

    let store = tandem_store::Store::open(&pg).unwrap();
    let count = |sql: &str| store.query_int(sql).unwrap();
    assert_eq!(count("SELECT COUNT(*) FROM documents"), MANY as i64);
    assert_eq!(
        count("SELECT COUNT(DISTINCT url) FROM documents"),
        MANY as i64
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM watch_items WHERE ingested_at IS NOT NULL AND document_id IS NOT NULL"),
        MANY as i64
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM watch_items WHERE claimed_until IS NOT NULL"),
        0,
        "the rounds gave their claims back"
    );
}
