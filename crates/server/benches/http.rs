//! Load test of the HTTP server on loopback: a synthetic store of 1,500
//! documents (6,000 figures) on SQLite and, when `TANDEM_TEST_PG` names a
//! PostgreSQL server (see `tandem_store::testing`), the same documents on
//! PostgreSQL; for each, the server on an ephemeral port with its search
//! index built from the store, and 4 keep-alive connections per endpoint
//! for a bounded time.
//!
//! Run with `cargo bench -p tandem-server --bench http`; with
//! `-- DB…` (SQLite paths or `postgres://` URLs of existing stores, such as
//! the 100k synthetic corpus ingested into each engine) it serves those
//! instead, each with an index built from it.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tandem_server::loadtest::{self, LoadPlan};
use tandem_server::state::AppState;
use tandem_store::{Location, Store};

const SECONDS_PER_ENDPOINT: u64 = 4;

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    // (cargo passes `--bench`)
    let given: Vec<Location> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(|a| Location::parse(&a))
        .collect();
    let stores = if given.is_empty() {
        let docs = common::synthetic(500);
        let mut stores = vec![Location::Sqlite(common::build_store(dir.path(), &docs))];
        if let Some(pg) = tandem_store::testing::fresh_postgres() {
            common::fill_store(&pg, &docs);
            stores.push(pg);
        }
        stores
    } else {
        given
    };
    for (n, db) in stores.iter().enumerate() {
        let engine = match db {
            Location::Sqlite(_) => "SQLite",
            Location::Postgres(_) => "PostgreSQL",
        };
        // a document of the store for /api/documents/{id}
        let first = Store::open_read_only(db)?
            .documents_after(0, 1)?
            .into_iter()
            .next()
            .map_or_else(String::new, |(_, d)| d.id);
        println!("\n{engine}: {db}");
        let state = Arc::new(AppState::new(db, &dir.path().join(format!("index-{n}"))));
        let started = Instant::now();
        state
            .sync_index()
            .map_err(|e| anyhow::anyhow!("index: {}", e.message))?;
        println!("index built in {:.1} s", started.elapsed().as_secs_f64());
        measure(state, &first)?;
    }
    Ok(())
}

/// Serves `state` on a loopback port and loads each endpoint in turn.
fn measure(state: Arc<AppState>, document: &str) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let app = tandem_server::router(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let document = format!("/api/documents/{document}");
        let endpoints = [
            "/api/stats",
            "/api/documents?limit=50",
            document.as_str(),
            "/api/figures?indicator=trade.turnover&limit=50",
            "/api/series?indicator=trade.turnover&pair=KZ-UZ&measure=level",
            "/api/conflicts?indicator=trade.turnover",
            "/api/targets",
            "/api/events?limit=50",
            "/api/search?q=turnover",
            "/api/search?q=%D1%82%D0%BE%D0%B2%D0%B0%D1%80%D0%BE%D0%BE%D0%B1%D0%BE%D1%80%D0%BE%D1%82",
            "/assets/app.js",
        ];
        println!(
            "{:<62} {:>9} {:>8} {:>8} {:>8} {:>7} {:>8}",
            "endpoint", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "KB/resp"
        );
        for path in endpoints {
            let plan = LoadPlan {
                connections: 4,
                duration: Duration::from_secs(SECONDS_PER_ENDPOINT),
                max_requests: 200_000,
            };
            let r = loadtest::run(addr, &[path.to_owned()], plan).await?;
            println!(
                "{:<62} {:>9.0} {:>8.2} {:>8.2} {:>8.2} {:>7} {:>8.1}",
                path,
                r.requests_per_sec,
                r.p50_ms,
                r.p99_ms,
                r.max_ms,
                r.errors,
                r.body_bytes as f64 / r.ok.max(1) as f64 / 1024.0
            );
        }
        server.abort();
        anyhow::Ok(())
    })
}
