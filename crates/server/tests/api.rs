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

#[tokio::test]
async fn stats_and_search() {
    let f = fixture();
    let (s, v) = json(&f.app, "/api/stats").await;
    assert_eq!(s, StatusCode::OK);
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
