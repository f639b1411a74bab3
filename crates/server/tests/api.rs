//! The HTTP API against a fixture store: every route, its parameters,
//! errors and limits.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use tandem_server::state::AppState;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    app: axum::Router,
    db: std::path::PathBuf,
    index_dir: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = common::build_store(dir.path(), &common::documents());
    let index_dir = dir.path().join("fixture.db.index");
    let app = tandem_server::router(Arc::new(AppState::new(&db, &index_dir)));
    Fixture {
        _dir: dir,
        app,
        db,
        index_dir,
    }
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Vec<u8>) {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    (
        status,
        axum::body::to_bytes(res.into_body(), 64 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
}

async fn json(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let (s, body) = get(app, uri).await;
    (
        s,
        serde_json::from_slice(&body).unwrap_or_else(|e| {
            panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&body))
        }),
    )
}

fn openapi() -> Value {
    serde_json::from_str(tandem_server::api::OPENAPI_JSON).unwrap()
}

fn example(param: &Value) -> String {
    match &param["example"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn fill_path(path: &str, spec: &Value) -> String {
    let mut out = path.to_owned();
    for p in spec["parameters"].as_array().unwrap() {
        if p["in"] == "path" {
            out = out.replace(&format!("{{{}}}", p["name"].as_str().unwrap()), &example(p));
        }
    }
    out
}

/// The field names serde says a struct expects, read from its
/// unknown-field error ("expected one of `a`, `b`" or "there are no fields").
fn expected_fields(message: &str) -> BTreeSet<String> {
    message
        .split("expected")
        .nth(1)
        .map_or_else(BTreeSet::new, |rest| {
            rest.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        })
}

#[tokio::test]
async fn openapi_describes_every_route_and_parameter() {
    let f = fixture();
    let doc = openapi();
    let paths = doc["paths"].as_object().unwrap();
    let routes: Vec<&str> = tandem_server::api::routes().iter().map(|r| r.0).collect();
    for route in &routes {
        assert!(
            paths.contains_key(*route),
            "{route} is missing from openapi.json"
        );
    }
    assert_eq!(
        paths.len(),
        routes.len(),
        "openapi.json describes routes the router does not have"
    );
    for (path, item) in paths {
        let spec = &item["get"];
        if spec.is_null() {
            // a write endpoint (POST /api/reindex): its parameters are
            // checked by the access tests, which call it for real
            assert!(item["post"].is_object(), "{path} has neither get nor post");
            continue;
        }
        let base = fill_path(path, spec);
        let query: Vec<&Value> = spec["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "query")
            .collect();
        let required: Vec<String> = query
            .iter()
            .filter(|p| p["required"] == true)
            .map(|p| format!("{}={}", p["name"].as_str().unwrap(), example(p)))
            .collect();
        let documented: BTreeSet<String> = query
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect();
        for p in &query {
            let mut q = required.clone();
            if p["required"] != true {
                q.push(format!("{}={}", p["name"].as_str().unwrap(), example(p)));
            }
            let uri = format!("{base}?{}", q.join("&").replace(' ', "%20"));
            let (status, body) = get(&f.app, &uri).await;
            assert_ne!(
                status,
                StatusCode::BAD_REQUEST,
                "{uri}: documented example rejected: {}",
                String::from_utf8_lossy(&body)
            );
        }
        if path == "/openapi.json" {
            continue;
        }
        // An unknown parameter is refused, and the refusal lists exactly the documented ones.
        let mut q = required.clone();
        q.push("no_such_parameter=1".to_owned());
        let (status, body) = json(&f.app, &format!("{base}?{}", q.join("&"))).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{path} accepted an unknown parameter"
        );
        let message = body["error"].as_str().unwrap();
        assert!(message.contains("no_such_parameter"), "{message}");
        assert_eq!(
            expected_fields(message),
            documented,
            "{path}: accepted parameters differ from openapi.json ({message})"
        );
    }
}

#[tokio::test]
async fn documents_list_detail_and_404() {
    let f = fixture();
    let (s, v) = json(&f.app, "/api/documents").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 3);
    assert_eq!(v["documents"][0]["name"], "en-nine-months-2025");
    let (_, v) = json(&f.app, "/api/documents?language=kk&limit=5").await;
    assert_eq!(v["total"], 1);
    let (s, v) = json(&f.app, "/api/documents/a1").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["figures"].as_array().unwrap().len(), 6);
    let text = v["text"].as_str().unwrap();
    for fig in v["figures"].as_array().unwrap() {
        let (a, b) = (
            fig["start"].as_u64().unwrap() as usize,
            fig["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], fig["text"].as_str().unwrap());
    }
    let (s, v) = json(&f.app, "/api/documents/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].as_str().unwrap().contains("nope"));
    let (s, _) = json(&f.app, "/api/documents?year=20x5").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn figures_filter_and_page() {
    let f = fixture();
    let (_, v) = json(&f.app, "/api/figures?indicator=trade.turnover&kind=target").await;
    assert_eq!(v["total"], 3);
    let (_, v) = json(&f.app, "/api/figures?language=en&limit=2&offset=1").await;
    assert_eq!(v["total"], 4);
    assert_eq!(v["figures"].as_array().unwrap().len(), 2);
    let (_, v) = json(&f.app, "/api/figures?period=2024&country=uz").await;
    assert_eq!(v["total"], 5);
    let id = v["figures"][0]["id"].as_i64().unwrap();
    let (s, one) = json(&f.app, &format!("/api/figures/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["id"], id);
    assert_eq!(
        json(&f.app, "/api/figures/999999").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        json(&f.app, "/api/figures/abc").await.0,
        StatusCode::BAD_REQUEST
    );
    for bad in [
        "indicator=trade",
        "limit=0",
        "limit=5000",
        "limit=x",
        "period=soon",
        "kind=guess",
        "country=KAZ",
        "language=de",
    ] {
        let (s, v) = json(&f.app, &format!("/api/figures?{bad}")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}");
        assert!(v["error"].is_string(), "{bad}");
    }
}

#[tokio::test]
async fn series_conflicts_checks_and_targets() {
    let f = fixture();
    let (s, v) = json(
        &f.app,
        "/api/series?indicator=trade.turnover&pair=UZ-KZ&measure=level",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 1);
    let periods: Vec<&str> = series[0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2017", "2023", "2024", "2025-01..2025-09"]);
    let p2024 = &series[0]["points"][2];
    assert_eq!(p2024["conflict"], true, "4.0 vs 3.8 bn");
    assert_eq!(p2024["sources"].as_array().unwrap().len(), 2);
    assert_eq!(
        p2024["reported"]["value"], 3.8e9,
        "tie goes to the newer document"
    );
    let (_, v) = json(
        &f.app,
        "/api/series?indicator=trade.turnover&pair=KZ-UZ&measure=level&tolerance=10",
    )
    .await;
    assert_eq!(
        v["series"][0]["points"][2]["conflict"], false,
        "5 % apart agree at 10 % tolerance"
    );

    let (_, v) = json(&f.app, "/api/conflicts").await;
    let conflicts = v["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0]["sources"][0]["document"]["title"].is_string());
    assert!(conflicts[0]["sources"][0]["sentence"].is_string());

    let (_, v) = json(&f.app, "/api/checks").await;
    let checks = v["checks"].as_array().unwrap();
    let sum = checks.iter().find(|c| c["check"] == "trade_sum").unwrap();
    assert_eq!(sum["implied"], 4.0e9);
    let growth = checks
        .iter()
        .find(|c| c["check"] == "growth" && c["period"] == "2024")
        .unwrap();
    assert_eq!(growth["inputs"].as_array().unwrap().len(), 3);
    let (_, failing) = json(&f.app, "/api/checks?status=fail").await;
    assert!(failing["checks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["pass"] == false));
    assert_eq!(
        json(&f.app, "/api/checks?status=maybe").await.0,
        StatusCode::BAD_REQUEST
    );

    let (_, v) = json(&f.app, "/api/targets?pair=UZ-KZ").await;
    let t = &v["targets"][0];
    assert_eq!(t["changed"], true);
    assert_eq!(t["history"].as_array().unwrap().len(), 2);
    assert_eq!(t["current"]["value"], 1.0e10);
    assert_eq!(t["current"]["documents"], 2);
    assert_eq!(t["progress"]["actual_year"], 2024);
    assert!(t["progress"]["required_growth_pct"].as_f64().unwrap() > 15.0);
}

/// `/api/stats` once its knowledge-base counts are of the store as it is
/// (the server builds the knowledge base in the background).
async fn current_stats(app: &axum::Router) -> Value {
    let started = std::time::Instant::now();
    loop {
        let (s, v) = json(app, "/api/stats").await;
        assert_eq!(s, StatusCode::OK, "{v}");
        if v["knowledge_current"] == true {
            return v;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the knowledge base was not built: {v}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_count_the_store_at_once_and_the_knowledge_base_once_built() {
    let f = fixture();
    let before = current_stats(&f.app).await;
    assert_eq!(
        before["figures_per_indicator"][0][0], "trade.turnover",
        "{before}"
    );
    let facts = before["facts"].as_u64().unwrap();
    assert!(
        facts > 0
            && before["checks"].as_u64().unwrap() >= before["checks_failed"].as_u64().unwrap()
    );
    // a new version of a document: the store's counts change at once, the
    // knowledge base's once it is rebuilt for the store as it is now
    let mut docs = common::documents();
    let mut changed = docs.swap_remove(0);
    changed.id = "a1v2".into();
    tokio::task::block_in_place(|| {
        let mut store = tandem_store::Store::open(&f.db).unwrap();
        let stored = store.insert_batch(&[changed]).unwrap();
        assert!(
            matches!(stored[0], tandem_store::DocOutcome::NewVersion { .. }),
            "{stored:?}"
        );
    });
    let (_, now) = json(&f.app, "/api/stats").await;
    assert_eq!(
        (now["documents"].as_u64(), now["superseded"].as_u64()),
        (Some(3), Some(1)),
        "{now}"
    );
    let after = current_stats(&f.app).await;
    assert_eq!(after["superseded"], 1);
    assert!(
        after["facts"].is_u64() && after["conflicts"].is_u64(),
        "{after}"
    );
}

#[tokio::test]
async fn stats_and_search() {
    let f = fixture();
    let v = current_stats(&f.app).await;
    assert_eq!(v["documents"], 3);
    assert_eq!(v["figures"], 12);
    assert_eq!(v["conflicts"], 1);
    assert_eq!(v["targets"], 1);
    let (s, v) = json(&f.app, "/api/search?q=turnover").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
    assert!(v["error"].as_str().unwrap().contains("reindex"));
    {
        let mut ix = tandem_search::SearchIndex::open(&f.index_dir).unwrap();
        let docs = common::documents();
        let items: Vec<tandem_search::IndexDoc> = docs
            .iter()
            .map(|d| tandem_search::IndexDoc {
                id: &d.id,
                name: &d.name,
                title: d.title.as_deref().unwrap_or(""),
                date: None,
                lang: &d.language,
                text: &d.text,
            })
            .collect();
        ix.add(&items).unwrap();
    }
    let (s, v) = json(&f.app, "/api/search?q=%D1%82%D0%BE%D0%B2%D0%B0%D1%80%D0%BE%D0%BE%D0%B1%D0%BE%D1%80%D0%BE%D1%82&lang=ru").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["hits"][0]["id"], "a1");
    assert_eq!(
        json(&f.app, "/api/search?q=").await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        json(&f.app, "/api/search?q=x&lang=xx").await.0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn limits_assets_and_unknown_routes() {
    let f = fixture();
    let long = format!("/api/figures?indicator={}", "a".repeat(3000));
    assert_eq!(get(&f.app, &long).await.0, StatusCode::URI_TOO_LONG);
    let big = Request::post("/api/figures")
        .header("content-length", "100000")
        .body(Body::from(vec![b'x'; 100_000]))
        .unwrap();
    assert_eq!(
        f.app.clone().oneshot(big).await.unwrap().status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let (s, body) = get(&f.app, "/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("/assets/app.js"));
    assert_eq!(
        get(&f.app, "/assets/vendor/uPlot.iife.min.js").await.0,
        StatusCode::OK
    );
    for outside in [
        "/assets/../Cargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/nope.js",
        "/etc/passwd",
        "/api/nothing",
    ] {
        assert_eq!(
            get(&f.app, outside).await.0,
            StatusCode::NOT_FOUND,
            "{outside}"
        );
    }
    let res = f
        .app
        .clone()
        .oneshot(Request::get("/api/stats").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn export_downloads_every_format() {
    let f = fixture();
    let (s, body) = get(&f.app, "/api/export/figures?format=csv&language=kk").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(String::from_utf8(body).unwrap().lines().count(), 3);
    let (_, body) = get(&f.app, "/api/export/figures?format=jsonl").await;
    assert_eq!(String::from_utf8(body).unwrap().lines().count(), 12);
    let (s, body) = get(&f.app, "/api/export/figures?format=parquet").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(&body[..4], b"PAR1");
    assert_eq!(
        get(&f.app, "/api/export/figures?format=xls").await.0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_test_client_measures_a_live_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::build_store(dir.path(), &common::synthetic(20));
    let app = tandem_server::router(Arc::new(AppState::new(&db, &dir.path().join("none.index"))));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let plan = tandem_server::loadtest::LoadPlan {
        connections: 2,
        duration: std::time::Duration::from_secs(5),
        max_requests: 200,
    };
    let paths = [
        "/api/stats".to_owned(),
        "/api/series?indicator=trade.turnover".to_owned(),
        "/api/nothing".to_owned(),
    ];
    let r = tandem_server::loadtest::run(addr, &paths, plan)
        .await
        .unwrap();
    server.abort();
    assert_eq!(r.ok + r.errors, 200, "stops at the request budget");
    assert!(r.ok >= 132, "two of three paths answer 200: {r:?}");
    assert!(r.errors >= 66, "the 404 path counts as an error: {r:?}");
    assert!(r.p99_ms >= r.p50_ms && r.max_ms >= r.p99_ms);
    assert!(r.requests_per_sec > 0.0);
}

#[tokio::test]
async fn cached_answers_follow_changes_of_the_store() {
    let f = fixture();
    let (_, before) = json(&f.app, "/api/stats").await;
    let (_, conflicts_before) = json(&f.app, "/api/conflicts").await;
    assert_eq!(
        json(&f.app, "/api/stats").await.1,
        before,
        "served again from the cache"
    );
    let mut extra = common::synthetic(1);
    extra.truncate(1);
    tandem_store::Store::open(&f.db)
        .unwrap()
        .insert_batch(&extra)
        .unwrap();
    let (_, after) = json(&f.app, "/api/stats").await;
    assert_eq!(
        after["documents"],
        before["documents"].as_i64().unwrap() + 1
    );
    let (_, conflicts_after) = json(&f.app, "/api/conflicts").await;
    assert_ne!(
        conflicts_after, conflicts_before,
        "the new document is a source of the 2024 conflict"
    );
}

/// A server on a loopback port, stopped when dropped.
struct Live {
    addr: std::net::SocketAddr,
    server: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Live {
    /// Serves the store at `db` (kept in `dir`) on a free loopback port.
    async fn serve(db: &std::path::Path, dir: tempfile::TempDir) -> Live {
        let app =
            tandem_server::router(Arc::new(AppState::new(db, &dir.path().join("none.index"))));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        Live {
            addr,
            server: tokio::spawn(async move {
                axum::serve(listener, app).await.unwrap();
            }),
            _dir: dir,
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The fixture documents plus two about goods: Kazakh exports of wheat
/// (HS 10) and cement (HS 25) to Uzbekistan in 2024, two wheat figures that
/// disagree, an absolute change of exports, and a wheat figure whose text
/// names neither a period nor a partner.
fn goods_documents() -> Vec<tandem_store::NewDocument> {
    let mut docs = common::documents();
    let mut g1 = common::doc(
        "g1",
        "ru-wheat-cement-2024",
        "2025-02-20",
        "ru",
        "Экспорт пшеницы и цемента в Узбекистан",
        "В 2024 году Казахстан экспортировал в Узбекистан 1,2 млн тонн пшеницы и 0,4 млн тонн цемента. Экспорт вырос на 420,7 млн долларов.",
        &[
            ("1,2 млн тонн", 1.2e6, "trade.export", "KZ", "UZ", "level", "actual", "2024", "tonne"),
            ("0,4 млн тонн", 0.4e6, "trade.export", "KZ", "UZ", "level", "actual", "2024", "tonne"),
            ("420,7 млн долларов", 420.7e6, "trade.export", "KZ", "UZ", "change_abs", "actual", "2024", "USD"),
        ],
    );
    g1.figures[0].product = Some("10".into());
    g1.figures[1].product = Some("25".into());
    let mut g2 = common::doc(
        "g2",
        "en-wheat-2024",
        "2025-03-05",
        "en",
        "Wheat shipments to Uzbekistan",
        "Wheat shipments from Kazakhstan to Uzbekistan reached 1.5 million tonnes in 2024. Kazakh wheat exports keep growing, with 300 thousand tonnes shipped a month.",
        &[
            ("1.5 million tonnes", 1.5e6, "trade.export", "KZ", "UZ", "level", "actual", "2024", "tonne"),
            ("300 thousand tonnes", 3.0e5, "trade.export", "KZ", "-", "level", "actual", "-", "tonne"),
        ],
    );
    for f in &mut g2.figures {
        f.product = Some("10".into());
    }
    docs.extend([g1, g2]);
    docs
}

async fn live() -> Live {
    let dir = tempfile::tempdir().unwrap();
    let db = common::build_store(dir.path(), &goods_documents());
    let app = tandem_server::router(Arc::new(AppState::new(&db, &dir.path().join("none.index"))));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Live {
        addr,
        server,
        _dir: dir,
    }
}

/// One GET over a fresh TCP connection: (status, body).
async fn fetch(addr: std::net::SocketAddr, path: &str) -> (u16, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head")
        + 4;
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = raw[head_end..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        let mut plain = Vec::new();
        let mut rest = &body[..];
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[..line_end]).unwrap().trim(), 16)
                    .unwrap();
            if size == 0 {
                break;
            }
            plain.extend_from_slice(&rest[line_end + 2..line_end + 2 + size]);
            rest = &rest[line_end + 2 + size + 2..];
        }
        body = plain;
    }
    (status, body)
}

async fn fetch_json(addr: std::net::SocketAddr, path: &str) -> (u16, Value) {
    let (status, body) = fetch(addr, path).await;
    let v = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, v)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_carry_their_product_and_filter_by_it_on_a_live_server() {
    let s = live().await;
    let (status, all) = fetch_json(s.addr, "/api/figures?limit=1000").await;
    assert_eq!(status, 200);
    let figures = all["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 17);
    assert!(
        figures
            .iter()
            .all(|f| f.as_object().unwrap().contains_key("product")),
        "every figure says which goods it is about, null included"
    );
    let (_, wheat) = fetch_json(s.addr, "/api/figures?product=10").await;
    assert_eq!(wheat["total"], 3);
    assert!(wheat["figures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["product"] == "10"));
    let (_, none) = fetch_json(s.addr, "/api/figures?product=none&limit=1000").await;
    assert_eq!(
        none["total"], 13,
        "the 12 fixture figures and the change of exports"
    );
    assert!(none["figures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["product"].is_null()));
    let (_, cement) = fetch_json(s.addr, "/api/figures?product=25&country=UZ&period=2024").await;
    assert_eq!(cement["total"], 1);
    assert_eq!(cement["figures"][0]["value"], 4.0e5);
    // Not stated is not guessed: the monthly wheat figure keeps null period and partner.
    let (_, monthly) = fetch_json(s.addr, "/api/figures?document=g2").await;
    let monthly = monthly["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == 3.0e5)
        .unwrap()
        .clone();
    assert!(monthly["period"].is_null() && monthly["partner"].is_null());
    let id = monthly["id"].as_i64().unwrap();
    let (_, one) = fetch_json(s.addr, &format!("/api/figures/{id}")).await;
    assert_eq!(one["product"], "10");
    for bad in [
        "product=wheat",
        "product=1",
        "product=98",
        "product=",
        "measure=change",
    ] {
        let (status, v) = fetch_json(s.addr, &format!("/api/figures?{bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert!(v["error"].is_string());
    }
    let (status, v) = fetch_json(s.addr, "/api/figures?measure=change_abs").await;
    assert_eq!(status, 200);
    assert_eq!(v["total"], 1);
    let (_, csv) = fetch(s.addr, "/api/export/figures?format=csv&product=25").await;
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].contains(",period,product,"), "{}", lines[0]);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].contains(",2024,25,"),
        "period then product: {}",
        lines[1]
    );
    let (_, jsonl) = fetch(s.addr, "/api/export/figures?format=jsonl&product=10").await;
    let rows: Vec<Value> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["product"] == "10"));
    let (_, stats) = fetch_json(s.addr, "/api/stats").await;
    assert_eq!(
        stats["figures_per_product"],
        serde_json::json!([[null, 13], ["10", 3], ["25", 1]])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn knowledge_never_mixes_goods_or_absolute_changes_on_a_live_server() {
    let s = live().await;
    // Wheat and cement of the same pair and year: two series, no conflict between them.
    let (_, v) = fetch_json(
        s.addr,
        "/api/series?indicator=trade.export&pair=KZ-UZ&measure=level&unit=tonne",
    )
    .await;
    let series = v["series"].as_array().unwrap();
    let products: Vec<&Value> = series.iter().map(|s| &s["product"]).collect();
    assert_eq!(products, ["10", "25"]);
    assert_eq!(series[1]["points"][0]["conflict"], false);
    let wheat = &series[0]["points"][0];
    assert_eq!(wheat["conflict"], true, "1.2 vs 1.5 mln t of wheat");
    assert_eq!(wheat["sources"].as_array().unwrap().len(), 2);
    assert!(wheat["sources"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["product"] == "10" && f["sentence"].is_string()));
    let (_, only) = fetch_json(s.addr, "/api/series?indicator=trade.export&product=25").await;
    assert_eq!(only["series"].as_array().unwrap().len(), 1);
    assert_eq!(only["series"][0]["product"], "25");
    // The $420.7 mln rise is not a level: the USD export level series keeps its one value.
    let (_, usd) = fetch_json(
        s.addr,
        "/api/series?indicator=trade.export&pair=KZ-UZ&measure=level&unit=USD",
    )
    .await;
    let points = usd["series"][0]["points"].as_array().unwrap();
    assert_eq!(points.len(), 1);
    assert_eq!(points[0]["reported"]["value"], 2.6e9);
    assert_eq!(points[0]["conflict"], false);
    let (_, changes) = fetch_json(
        s.addr,
        "/api/series?indicator=trade.export&measure=change_abs",
    )
    .await;
    assert_eq!(changes["series"][0]["measure"], "change_abs");
    assert_eq!(changes["series"][0]["product"], Value::Null);

    let (_, c) = fetch_json(s.addr, "/api/conflicts?product=10").await;
    let conflicts = c["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0]["product"], "10");
    let (_, c) = fetch_json(s.addr, "/api/conflicts?product=25").await;
    assert!(c["conflicts"].as_array().unwrap().is_empty());
    let (_, c) = fetch_json(s.addr, "/api/conflicts?product=none").await;
    assert_eq!(
        c["conflicts"].as_array().unwrap().len(),
        1,
        "the 2024 turnover"
    );
    let (_, c) = fetch_json(s.addr, "/api/conflicts").await;
    assert_eq!(c["conflicts"].as_array().unwrap().len(), 2);

    let (_, k) = fetch_json(s.addr, "/api/checks?product=none").await;
    assert!(k["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["check"] == "trade_sum" && c["product"].is_null()));
    let (_, k) = fetch_json(s.addr, "/api/checks?product=10").await;
    assert!(k["checks"].as_array().unwrap().is_empty());
    let (_, t) = fetch_json(s.addr, "/api/targets?product=none").await;
    assert_eq!(t["targets"].as_array().unwrap().len(), 1);
    assert_eq!(t["targets"][0]["product"], Value::Null);
    let (_, t) = fetch_json(s.addr, "/api/targets?product=10").await;
    assert!(t["targets"].as_array().unwrap().is_empty());
    for path in [
        "/api/series",
        "/api/conflicts",
        "/api/checks",
        "/api/targets",
    ] {
        let (status, v) = fetch_json(s.addr, &format!("{path}?product=cereals")).await;
        assert_eq!(status, 400, "{path}");
        assert!(v["error"].as_str().unwrap().contains("HS chapter"));
    }
}

/// The fixture documents and a statistics table's figures (official):
/// KZ–UZ turnover 2023 $4.3982 bn and 2024 $4.0459 bn.
fn documents_with_statistics() -> Vec<tandem_store::NewDocument> {
    let mut docs = common::documents();
    let mut table = common::doc(
        "s9",
        "kz-stat",
        "2025-03-01",
        "ru",
        "kz-stat",
        "Страна\t2023\t2024\nУзбекистан\t4398,2\t4045,9\n",
        &[
            (
                "4398,2",
                4398.2e6,
                "trade.turnover",
                "KZ",
                "UZ",
                "level",
                "actual",
                "2023",
                "USD",
            ),
            (
                "4045,9",
                4045.9e6,
                "trade.turnover",
                "KZ",
                "UZ",
                "level",
                "actual",
                "2024",
                "USD",
            ),
        ],
    );
    for (f, cell) in table.figures.iter_mut().zip(["B2", "C2"]) {
        f.source_kind = tandem_model::SourceKind::Official;
        f.cell = Some(cell.into());
        // a table figure's sentence is its row, as the table reader gives it
        f.sentence = "Узбекистан\t4398,2\t4045,9".into();
    }
    table.format = "csv".into();
    docs.push(table);
    docs
}

#[tokio::test]
async fn official_figures_filter_and_stand_beside_the_news_on_a_live_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::build_store(dir.path(), &documents_with_statistics());
    let live = Live::serve(&db, dir).await;
    let addr = live.addr;

    let (status, v) = fetch_json(addr, "/api/figures?source_kind=official").await;
    assert_eq!(status, 200);
    let figs = v["figures"].as_array().unwrap();
    assert_eq!(figs.len(), 2, "{v}");
    assert!(figs.iter().all(|f| f["source_kind"] == "official"));
    assert_eq!(figs[1]["cell"], "C2");
    assert_eq!(figs[1]["value"], 4045.9e6);
    let (_, v) = fetch_json(addr, "/api/figures?source_kind=news&limit=1000").await;
    let news = v["figures"].as_array().unwrap();
    assert_eq!(news.len(), 12, "every fixture figure is news");
    assert!(news
        .iter()
        .all(|f| f["source_kind"] == "news" && f.get("cell").is_none()));
    let (status, v) = fetch_json(addr, "/api/figures?source_kind=rumour").await;
    assert_eq!(status, 400, "{v}");

    let (_, body) = fetch(addr, "/api/export/figures?format=csv&source_kind=official").await;
    let mut reader = csv::Reader::from_reader(&body[..]);
    let header = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(
        records.len(),
        2,
        "one record per official figure: {}",
        String::from_utf8_lossy(&body)
    );
    let field = |r: &csv::StringRecord, name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        r[i].to_owned()
    };
    assert_eq!(field(&records[0], "source_kind"), "official");
    assert_eq!(field(&records[0], "cell"), "B2");
    assert_eq!(field(&records[1], "cell"), "C2");
    assert_eq!(
        field(&records[1], "sentence"),
        "Узбекистан\t4398,2\t4045,9",
        "the sentence of a table figure is its row"
    );

    let (_, v) = fetch_json(
        addr,
        "/api/series?indicator=trade.turnover&pair=KZ-UZ&measure=level",
    )
    .await;
    let series = v["series"].as_array().unwrap();
    let news = series.iter().find(|s| s["source_kind"] == "news").unwrap();
    let official = series
        .iter()
        .find(|s| s["source_kind"] == "official")
        .unwrap();
    assert_eq!(official["points"].as_array().unwrap().len(), 2);
    let p2024 = news["points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["period"] == "2024")
        .unwrap();
    assert_eq!(p2024["official"], 4045.9e6);
    // the news reports $3.8 bn (the newer document): 6.08 % below the statistics
    let gap = p2024["gap_pct"].as_f64().unwrap();
    assert!(
        (gap - (3.8e9 - 4045.9e6) / 4045.9e6 * 100.0).abs() < 1e-9,
        "{gap}"
    );
    let p2017 = news["points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["period"] == "2017")
        .unwrap();
    assert!(p2017["official"].is_null() && p2017["gap_pct"].is_null());

    let (_, v) = fetch_json(addr, "/api/checks?status=fail").await;
    let flagged: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["check"] == "official")
        .map(|c| c["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        flagged,
        ["2024"],
        "4.0 and 3.8 bn against 4.0459 bn: one fact off by 6 %"
    );
}

/// An event as a document reports it.
fn event(
    doc: &str,
    t: &str,
    countries: &[&str],
    date: Option<&str>,
    lang: &str,
    text: &str,
) -> tandem_model::Event {
    tandem_model::Event {
        doc: doc.to_owned(),
        event_type: t.to_owned(),
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        participants: Vec::new(),
        city: None,
        place_country: countries.last().map(|c| (*c).to_owned()),
        date: date.map(str::to_owned),
        lang: lang.to_owned(),
        start: 0,
        end: text.len(),
        sentence: text.to_owned(),
    }
}

/// The fixture documents plus three that report events: a state visit to
/// Uzbekistan reported in Russian (with a URL, 17 documents signed) and in
/// Kazakh, and an earlier summit in Baku.
fn event_documents() -> Vec<tandem_store::NewDocument> {
    let mut docs = common::documents();
    let ru = "Президент Казахстана 14-15 ноября посетил Узбекистан с государственным визитом, подписано 17 документов.";
    let mut e1 = common::doc(
        "e1",
        "ru-visit",
        "2025-11-16",
        "ru",
        "Государственный визит в Узбекистан",
        ru,
        &[],
    );
    e1.url = Some("https://example.org/visit".to_owned());
    e1.events = vec![event(
        "e1",
        "state_visit",
        &["KZ", "UZ"],
        Some("2025-11-14..2025-11-15"),
        "ru",
        ru,
    )];
    e1.agreements = vec![tandem_model::Agreement {
        doc: "e1".to_owned(),
        count: Some(17),
        value: None,
        currency: None,
        event: Some(0),
        sides: vec!["KZ".to_owned(), "UZ".to_owned()],
        date: Some("2025-11-14..2025-11-15".to_owned()),
        subject: Some("trade".into()),
        figure: None,
        lang: "ru".to_owned(),
        start: 0,
        end: ru.len(),
        sentence: ru.to_owned(),
    }];
    let kk = "Президент 15 қарашада Өзбекстанға мемлекеттік сапармен барды.";
    let mut e2 = common::doc("e2", "kk-visit", "2025-11-15", "kk", "", kk, &[]);
    e2.title = None;
    e2.events = vec![event(
        "e2",
        "state_visit",
        &["KZ", "UZ"],
        Some("2025-11-15"),
        "kk",
        kk,
    )];
    let en = "The leaders met at the summit in Baku on 7 October.";
    let mut e3 = common::doc(
        "e3",
        "en-summit",
        "2025-10-08",
        "en",
        "Summit in Baku",
        en,
        &[],
    );
    e3.events = vec![event(
        "e3",
        "summit",
        &["AZ", "KZ"],
        Some("2025-10-07"),
        "en",
        en,
    )];
    docs.extend([e1, e2, e3]);
    docs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_and_agreements_filter_and_page_with_their_sources_on_a_live_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::build_store(dir.path(), &event_documents());
    let live = Live::serve(&db, dir).await;
    let addr = live.addr;

    let (status, v) = fetch_json(addr, "/api/events").await;
    assert_eq!(status, 200);
    assert_eq!(
        v["total"], 2,
        "two reports of one visit, and the summit: {v}"
    );
    let visit = &v["events"][0];
    assert_eq!(visit["type"], "state_visit", "newest first");
    assert_eq!(visit["date"], "2025-11-15", "the more precise date");
    let sources = visit["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    let ru = sources.iter().find(|s| s["language"] == "ru").unwrap();
    assert_eq!(
        ru["document"]["title"],
        "Государственный визит в Узбекистан"
    );
    assert_eq!(ru["document"]["url"], "https://example.org/visit");
    let kk = sources.iter().find(|s| s["language"] == "kk").unwrap();
    assert!(kk["document"]["title"].is_null());
    assert_eq!(kk["document"]["name"], "kk-visit");
    assert_eq!(kk["document"]["path"], "fixture/kk-visit.txt");
    assert_eq!(visit["agreements"][0]["count"], 17);
    assert_eq!(v["events"][1]["type"], "summit");

    for (query, total) in [
        ("type=summit", 1),
        ("country=uz", 1),
        ("country=RU", 0),
        ("since=2025-11", 1),
        ("until=2025-10-31", 1),
        ("since=2025-10-07&until=2025-10-07", 1),
        ("language=kk", 1),
        ("language=tg", 0),
    ] {
        let (status, v) = fetch_json(addr, &format!("/api/events?{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(v["total"], total, "{query}: {v}");
    }
    let (_, page) = fetch_json(addr, "/api/events?limit=1&offset=1").await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["events"].as_array().unwrap().len(), 1);
    assert_eq!(page["events"][0]["type"], "summit");

    let (status, v) = fetch_json(addr, "/api/agreements").await;
    assert_eq!(status, 200);
    assert_eq!(v["total"], 1);
    let a = &v["agreements"][0];
    assert_eq!(a["count"], 17);
    assert_eq!(a["subject"], "trade");
    assert_eq!(a["sides"], serde_json::json!(["KZ", "UZ"]));
    assert_eq!(a["event"]["type"], "state_visit");
    assert_eq!(a["source"]["document"]["url"], "https://example.org/visit");
    for (query, total) in [
        ("type=state_visit", 1),
        ("type=summit", 0),
        ("country=AZ", 0),
        ("since=2025-12", 0),
        ("language=ru", 1),
    ] {
        let (_, v) = fetch_json(addr, &format!("/api/agreements?{query}")).await;
        assert_eq!(v["total"], total, "{query}: {v}");
    }
    for bad in [
        "type=party",
        "since=11/2025",
        "until=2025-1",
        "country=KAZ",
        "limit=0",
    ] {
        for path in ["/api/events", "/api/agreements"] {
            let (status, v) = fetch_json(addr, &format!("{path}?{bad}")).await;
            assert_eq!(status, 400, "{path}?{bad}");
            assert!(v["error"].is_string(), "{v}");
        }
    }
}

/// A project report as a document gives it.
fn project(
    doc: &str,
    name: &str,
    sides: &[&str],
    status: &str,
    date: &str,
    (lang, text): (&str, &str),
) -> tandem_model::ProjectReport {
    tandem_model::ProjectReport {
        doc: doc.to_owned(),
        name: Some(name.to_owned()),
        key: Some(tandem_events::name_key(name)),
        count: None,
        sides: sides.iter().map(|c| (*c).to_owned()).collect(),
        sector: Some("energy".to_owned()),
        place: None,
        value: Some(2.6e9),
        currency: Some("USD".to_owned()),
        capacity: None,
        capacity_unit: None,
        jobs: None,
        status: Some(status.to_owned()),
        date: Some(date.to_owned()),
        lang: lang.to_owned(),
        start: 0,
        end: text.len(),
        sentence: text.to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn projects_filter_and_page_with_their_history_on_a_live_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = common::documents();
    let ru = "Строительство завода «Кандым» идёт по плану.";
    let mut p1 = common::doc("p1", "ru-kandym", "2016-09-29", "ru", "Кандым", ru, &[]);
    p1.projects = vec![project(
        "p1",
        "Кандым",
        &["RU", "UZ"],
        "under_construction",
        "2016-09-29",
        ("ru", ru),
    )];
    let en = "The Kandym plant was launched.";
    let mut p2 = common::doc("p2", "en-kandym", "2018-05-02", "en", "Kandym", en, &[]);
    p2.projects = vec![project(
        "p2",
        "Kandym",
        &["UZ"],
        "launched",
        "2018-05",
        ("en", en),
    )];
    let tg = "Нерӯгоҳи «Роғун» ба кор андохта шуд.";
    let mut p3 = common::doc("p3", "tg-rogun", "2019-12-26", "tg", "Роғун", tg, &[]);
    p3.projects = vec![project(
        "p3",
        "Роғун",
        &["TJ"],
        "launched",
        "2019-12-26",
        ("tg", tg),
    )];
    docs.extend([p1, p2, p3]);
    let db = common::build_store(dir.path(), &docs);
    let live = Live::serve(&db, dir).await;
    let addr = live.addr;

    let (status, v) = fetch_json(addr, "/api/projects").await;
    assert_eq!(status, 200);
    assert_eq!(v["total"], 2, "Кандым and Kandym are one project: {v}");
    assert_eq!(
        v["projects"][0]["name"], "Роғун",
        "the most recently reported first"
    );
    let kandym = &v["projects"][1];
    assert_eq!(kandym["status"], "launched", "the latest status");
    assert_eq!(kandym["sides"], serde_json::json!(["RU", "UZ"]));
    let history = kandym["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["status"], "under_construction", "oldest first");
    assert_eq!(history[0]["source"]["document"]["title"], "Кандым");

    for (query, total) in [
        ("country=ru", 1),
        ("status=launched", 2),
        ("status=planned", 0),
        ("sector=energy", 2),
        ("sector=trade", 0),
        ("since=2019", 1),
        ("until=2016-12", 1),
        ("language=tg", 1),
    ] {
        let (status, v) = fetch_json(addr, &format!("/api/projects?{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(v["total"], total, "{query}: {v}");
    }
    let (_, page) = fetch_json(addr, "/api/projects?limit=1&offset=1").await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["projects"].as_array().unwrap().len(), 1);

    let id = kandym["id"].as_i64().unwrap();
    let (status, one) = fetch_json(addr, &format!("/api/projects/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(one["history"].as_array().unwrap().len(), 2);
    let (status, _) = fetch_json(addr, "/api/projects/99999").await;
    assert_eq!(status, 404);
    for bad in [
        "status=built",
        "sector=space",
        "since=2019/01",
        "country=RUS",
        "limit=0",
    ] {
        let (status, v) = fetch_json(addr, &format!("/api/projects?{bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert!(v["error"].is_string(), "{v}");
    }
    let (status, _) = fetch_json(addr, "/api/projects/kandym").await;
    assert_eq!(status, 400);
}
