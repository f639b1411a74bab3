//! Access control and document submission on a real server on loopback,
//! over each store engine (SQLite, and PostgreSQL when `TANDEM_TEST_PG` is
//! set): the 401s and 403s of both access settings, and a document
//! submitted with a write token, stored once and found by search.

use std::net::SocketAddr;
use std::sync::Arc;

use serde_json::{json, Value};
use tandem_server::access::{new_token, Access};
use tandem_server::state::AppState;
use tandem_store::{Location, Store, TokenScope};

/// A server on a free loopback port, stopped when dropped.
struct Live {
    addr: SocketAddr,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn serve(state: AppState) -> Live {
    let app = tandem_server::router(Arc::new(state));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    Live {
        addr,
        server: tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        }),
    }
}

/// One request over a fresh TCP connection: (status, headers, body).
async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head")
        + 4;
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = raw[end..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        let mut plain = Vec::new();
        let mut rest = &body[..];
        loop {
            let line = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[..line]).unwrap().trim(), 16)
                    .unwrap();
            if size == 0 {
                break;
            }
            plain.extend_from_slice(&rest[line + 2..line + 2 + size]);
            rest = &rest[line + 2 + size + 2..];
        }
        body = plain;
    }
    (status, head, body)
}

/// A request whose answer is JSON: (status, JSON), `token` sent as a bearer token.
async fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = Vec::new();
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    let (status, _, raw) = request(addr, method, path, &headers, &bytes).await;
    let v = serde_json::from_slice(&raw).unwrap_or_else(|e| {
        panic!(
            "{method} {path}: not JSON ({e}): {}",
            String::from_utf8_lossy(&raw)
        )
    });
    (status, v)
}

/// Tokens of each kind in the store at `db`: (read, write, revoked).
fn tokens(db: &Location) -> (String, String, String) {
    let store = Store::open(db).unwrap();
    let make = |name: &str, scope| {
        let (token, hash) = new_token().unwrap();
        let t = store.add_api_token(name, scope, &hash).unwrap().unwrap();
        (token, t.id)
    };
    let (read, _) = make("analyst", TokenScope::Read);
    let (write, _) = make("ci", TokenScope::Write);
    let (revoked, id) = make("former", TokenScope::Write);
    assert!(store.revoke_api_token(id).unwrap());
    (read, write, revoked)
}

const TURNOVER: &str = "Товарооборот Казахстана и Узбекистана в 2024 году составил 4 млрд долларов, на 9,1% меньше, чем в 2023 году.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_token_access_every_api_call_needs_a_token_of_its_scope() {
    let dir = tempfile::tempdir().unwrap();
    // (the store's PostgreSQL client blocks: never on the runtime's threads)
    let locations = tokio::task::block_in_place(|| tandem_store::testing::locations(dir.path()));
    for (i, db) in locations.into_iter().enumerate() {
        let (read, write, revoked) = tokio::task::block_in_place(|| tokens(&db));
        let index = dir.path().join(format!("index-{i}"));
        let live = serve(AppState::new(&db, &index).with_access(Access::Token)).await;
        let a = live.addr;

        let (s, v) = call(a, "GET", "/api/stats", None, None).await;
        assert_eq!(s, 401, "no token on {db}: {v}");
        assert!(v["error"].as_str().unwrap().contains("Bearer"), "{v}");
        let (s, head, _) = request(a, "GET", "/api/stats", &[], b"").await;
        assert_eq!(s, 401);
        assert!(head.contains("www-authenticate: bearer"), "{head}");
        let (s, v) = call(a, "GET", "/api/stats", Some("tandem_wrong"), None).await;
        assert_eq!(s, 401, "wrong token on {db}: {v}");
        assert!(v["error"].as_str().unwrap().contains("unknown or revoked"));
        assert_eq!(
            call(a, "GET", "/api/stats", Some(&revoked), None).await.0,
            401,
            "revoked on {db}"
        );
        let (s, _, _) = request(
            a,
            "GET",
            "/api/stats",
            &[("Authorization", format!("Basic {read}").as_str())],
            b"",
        )
        .await;
        assert_eq!(s, 401, "not a bearer token");
        assert_eq!(
            call(a, "GET", "/api/stats", Some(&read), None).await.0,
            200,
            "{db}"
        );
        assert_eq!(
            call(a, "GET", "/api/stats", Some(&write), None).await.0,
            200
        );
        // the dashboard's page and files and the API's description stay open
        for open in ["/", "/assets/app.js", "/openapi.json"] {
            assert_eq!(request(a, "GET", open, &[], b"").await.0, 200, "{open}");
        }

        let doc = json!({"text": TURNOVER, "title": "Товарооборот 2024", "date": "2025-02-11"});
        let (s, v) = call(a, "POST", "/api/documents", None, Some(&doc)).await;
        assert_eq!(s, 401, "{v}");
        let (s, v) = call(a, "POST", "/api/documents", Some(&read), Some(&doc)).await;
        assert_eq!(s, 403, "read token writing on {db}: {v}");
        assert!(v["error"].as_str().unwrap().contains("analyst"), "{v}");
        let (s, v) = call(a, "POST", "/api/documents", Some(&write), Some(&doc)).await;
        assert_eq!(s, 201, "write token on {db}: {v}");
        assert_eq!(v["status"], "new");
        let id = v["document"]["id"].as_str().unwrap().to_owned();
        assert_eq!(v["document"]["language"], "ru");
        assert_eq!(v["document"]["title"], "Товарооборот 2024");
        assert_eq!(v["document"]["date"], "2025-02-11");
        assert!(v["document"]["figures"].as_i64().unwrap() >= 2, "{v}");
        assert!(v["events"].is_i64() && v["agreements"].is_i64(), "{v}");

        let (s, again) = call(a, "POST", "/api/documents", Some(&write), Some(&doc)).await;
        assert_eq!(s, 200, "the same document again: {again}");
        assert_eq!(again["status"], "unchanged");
        assert_eq!(again["document"]["id"], id.as_str());
        let stored = tokio::task::block_in_place(|| Store::open(&db).unwrap().document_count());
        assert_eq!(stored.unwrap(), 1, "stored once on {db}");

        let (s, found) = call(a, "GET", "/api/search?q=%D1%82%D0%BE%D0%B2%D0%B0%D1%80%D0%BE%D0%BE%D0%B1%D0%BE%D1%80%D0%BE%D1%82", Some(&read), None).await;
        assert_eq!(s, 200, "{found}");
        assert_eq!(
            found["hits"][0]["id"],
            id.as_str(),
            "searchable at once on {db}"
        );
        let (s, one) = call(a, "GET", &format!("/api/documents/{id}"), Some(&read), None).await;
        assert_eq!(s, 200);
        assert_eq!(one["source"], format!("api/{id}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_public_read_access_reading_is_open_and_writing_needs_a_write_token() {
    let dir = tempfile::tempdir().unwrap();
    // (the store's PostgreSQL client blocks: never on the runtime's threads)
    let locations = tokio::task::block_in_place(|| tandem_store::testing::locations(dir.path()));
    for (i, db) in locations.into_iter().enumerate() {
        let (read, write, revoked) = tokio::task::block_in_place(|| tokens(&db));
        let index = dir.path().join(format!("index-{i}"));
        let live = serve(AppState::new(&db, &index).with_access(Access::PublicRead)).await;
        let a = live.addr;
        assert_eq!(
            call(a, "GET", "/api/stats", None, None).await.0,
            200,
            "{db}"
        );
        assert_eq!(call(a, "GET", "/api/documents", None, None).await.0, 200);
        let doc = json!({"html": format!("<html><head><title>Trade</title></head><body><p>{TURNOVER}</p></body></html>"),
                         "url": "https://news.example/2025/trade.html"});
        for (token, status) in [
            (None, 401),
            (Some("tandem_wrong"), 401),
            (Some(revoked.as_str()), 401),
            (Some(read.as_str()), 403),
        ] {
            let (s, v) = call(a, "POST", "/api/documents", token, Some(&doc)).await;
            assert_eq!(s, status, "{token:?} on {db}: {v}");
        }
        let (s, v) = call(a, "POST", "/api/documents", Some(&write), Some(&doc)).await;
        assert_eq!(s, 201, "{db}: {v}");
        assert_eq!(v["document"]["url"], "https://news.example/2025/trade.html");
        assert_eq!(v["document"]["name"], "trade");
        assert_eq!(v["document"]["title"], "Trade");
        // a changed page at the same URL is a new version of it
        let changed = json!({"html": format!("<html><head><title>Trade</title></head><body><p>{TURNOVER} Обновлено.</p></body></html>"),
                             "url": "https://news.example/2025/trade.html"});
        let (s, v) = call(a, "POST", "/api/documents", Some(&write), Some(&changed)).await;
        assert_eq!((s, v["status"].as_str()), (201, Some("new_version")), "{v}");
        let (_, list) = call(a, "GET", "/api/documents", None, None).await;
        assert_eq!(
            list["total"], 1,
            "only the latest version is current: {list}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_document_is_refused_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = Location::Sqlite(dir.path().join("t.db"));
    Store::open(&db).unwrap();
    let live =
        serve(AppState::new(&db, &dir.path().join("t.db.index")).with_max_document_bytes(1000))
            .await;
    let a = live.addr;
    for (body, status, says) in [
        (json!({"title": "no text"}), 400, "no document"),
        (json!({"text": "a", "html": "<p>a</p>"}), 400, "not both"),
        (json!({"text": "   "}), 400, "empty"),
        (
            json!({"text": "x".repeat(1001)}),
            413,
            "over the limit of 1000 bytes",
        ),
        (
            json!({"html": format!("<p>{}</p>", "x".repeat(1000))}),
            413,
            "too large",
        ),
        (
            json!({"text": "Exports grew.", "date": "15.11.2025"}),
            400,
            "YYYY-MM-DD",
        ),
        (
            json!({"text": "Exports grew.", "url": "ftp://x/y"}),
            400,
            "http",
        ),
        (
            json!({"text": "Exports grew.", "lang": "en"}),
            400,
            "unknown field `lang`",
        ),
        (json!(["not", "an", "object"]), 400, "not a document"),
    ] {
        let (s, v) = call(a, "POST", "/api/documents", None, Some(&body)).await;
        assert_eq!(s, status, "{body}: {v}");
        assert!(v["error"].as_str().unwrap().contains(says), "{body}: {v}");
    }
    let (s, _, raw) = request(
        a,
        "POST",
        "/api/documents",
        &[("Content-Type", "text/plain")],
        b"Exports grew.",
    )
    .await;
    assert_eq!(s, 415);
    assert!(String::from_utf8_lossy(&raw).contains("application/json"));
    let (s, _, _) = request(
        a,
        "POST",
        "/api/documents",
        &[("Content-Type", "application/json")],
        b"{not json",
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(Store::open(&db).unwrap().document_count().unwrap(), 0);
    // a body declared far over the limit is refused before it is read
    let (s, _, _) = request(
        a,
        "POST",
        "/api/documents",
        &[
            ("Content-Type", "application/json"),
            ("Content-Length", "3000000"),
        ],
        b"",
    )
    .await;
    assert_eq!(s, 413);
}

/// Stores a document straight into the store, as another process would
/// (neither this server nor its index knows of it); returns its id.
fn store_behind_the_servers_back(db: &Location, text: &str) -> String {
    let doc = tandem_ingest::SourceDoc {
        id: tandem_ingest::content_id(None, None, text),
        name: "behind".to_owned(),
        source: "behind.txt".to_owned(),
        url: None,
        title: None,
        date: None,
        format: tandem_ingest::Format::Txt,
        text: text.to_owned(),
        table: None,
    };
    let id = doc.id.clone();
    let mut store = Store::open(db).unwrap();
    store
        .insert_batch(&[tandem_pipeline::process(doc)])
        .unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reindex_needs_a_write_token_and_rebuilds_the_index_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    // (the store's PostgreSQL client blocks: never on the runtime's threads)
    let locations = tokio::task::block_in_place(|| tandem_store::testing::locations(dir.path()));
    for (i, db) in locations.into_iter().enumerate() {
        let (read, write, revoked) = tokio::task::block_in_place(|| tokens(&db));
        let index = dir.path().join(format!("index-{i}"));
        let live = serve(AppState::new(&db, &index).with_access(Access::Token)).await;
        let a = live.addr;
        for (token, status) in [
            (None, 401),
            (Some("tandem_wrong"), 401),
            (Some(revoked.as_str()), 401),
            (Some(read.as_str()), 403),
        ] {
            let (s, v) = call(a, "POST", "/api/reindex", token, None).await;
            assert_eq!(s, status, "{token:?} on {db}: {v}");
        }
        // an empty store: an empty index
        let (s, v) = call(a, "POST", "/api/reindex", Some(&write), None).await;
        assert_eq!(s, 200, "{db}: {v}");
        assert_eq!(v["documents"], 0, "{v}");
        let search = "/api/search?q=quokka";
        let (s, v) = call(a, "GET", search, Some(&read), None).await;
        assert_eq!((s, v["total"].as_u64()), (200, Some(0)), "{v}");

        // a document stored by another process is found after a reindex
        // (this server runs no periodic refresh)
        let id = tokio::task::block_in_place(|| {
            store_behind_the_servers_back(&db, "The quokka census counted 12,000 animals in 2024.")
        });
        let (_, v) = call(a, "GET", search, Some(&read), None).await;
        assert_eq!(v["total"], 0, "not indexed yet: {v}");
        let (s, v) = call(a, "POST", "/api/reindex", Some(&write), None).await;
        assert_eq!(s, 200, "{db}: {v}");
        assert_eq!(v["documents"], 1, "{v}");
        assert!(
            v["seq"].as_i64().unwrap() > 0 && v["seconds"].is_f64(),
            "{v}"
        );
        let (s, v) = call(a, "GET", search, Some(&read), None).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["hits"][0]["id"], id.as_str(), "found on {db}: {v}");
        // it takes no parameters
        let (s, v) = call(a, "POST", "/api/reindex?full=1", Some(&write), None).await;
        assert_eq!(s, 400, "{v}");

        // with public-read access too a reindex needs a write token
        drop(live);
        let live = serve(AppState::new(&db, &index).with_access(Access::PublicRead)).await;
        let a = live.addr;
        for (token, status) in [
            (None, 401),
            (Some("tandem_wrong"), 401),
            (Some(read.as_str()), 403),
        ] {
            let (s, v) = call(a, "POST", "/api/reindex", token, None).await;
            assert_eq!(s, status, "public-read, {token:?} on {db}: {v}");
        }
        let (s, v) = call(a, "POST", "/api/reindex", Some(&write), None).await;
        assert_eq!((s, v["documents"].as_u64()), (200, Some(1)), "{db}: {v}");
        assert_eq!(
            call(a, "GET", search, None, None).await.1["hits"][0]["id"],
            id.as_str()
        );
    }
}
