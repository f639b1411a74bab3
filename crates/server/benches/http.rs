//! Load test of the HTTP server on loopback: a synthetic store of 1,500
//! documents (6,000 figures), the server on an ephemeral port, and
//! 4 keep-alive connections per endpoint for a bounded time.
//!
//! Run with `cargo bench -p tandem-server --bench http`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::Duration;

use tandem_server::loadtest::{self, LoadPlan};
use tandem_server::state::AppState;

const SECONDS_PER_ENDPOINT: u64 = 4;

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = common::build_store(dir.path(), &common::synthetic(500));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let app =
            tandem_server::router(Arc::new(AppState::new(&db, &dir.path().join("none.index"))));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let endpoints = [
            "/api/stats",
            "/api/documents?limit=50",
            "/api/documents/a1-7",
            "/api/figures?indicator=trade.turnover&limit=50",
            "/api/series?indicator=trade.turnover&pair=KZ-UZ&measure=level",
            "/api/conflicts?indicator=trade.turnover",
            "/api/targets",
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
