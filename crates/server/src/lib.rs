//! Tandem's HTTP server: the JSON API under `/api/` (described by
//! `/openapi.json`) and the web dashboard, both from one binary.
//!
//! - The store is read through a small pool of read-only connections, one
//!   per blocking task ([`state`]); the knowledge base is cached until the
//!   store changes.
//! - The dashboard's files are embedded ([`assets`]); nothing is served
//!   from disk.
//! - Requests are bounded ([`limits`]): long targets get 414, bodies over
//!   the limit 413, bad parameters 400 with a JSON message, unknown ids 404.
//! - Who may call the API is the server's [`access::Access`]: open on a
//!   loopback address, else read-only public or with API tokens.
//! - `POST /api/documents` ingests a document through the same pipeline
//!   as `tandem ingest` ([`state::AppState::submit`]); `POST /api/reindex`
//!   rebuilds the server's search index from the store
//!   ([`state::AppState::reindex`]), the one request without a time limit.
//! - Each server keeps its own search index and brings it up to date with
//!   the store at start and every few seconds ([`state::spawn_index_refresh`]),
//!   so any number of servers on one store answer the same searches.
//! - [`loadtest`] measures requests per second and latency on loopback.

pub mod access;
pub mod api;
pub mod assets;
pub mod error;
pub mod json;
pub mod limits;
pub mod loadtest;
pub mod params;
pub mod state;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::extract::DefaultBodyLimit;
use axum::http::Uri;
use axum::routing::get;
use axum::Router;
use tandem_store::Location;
use tower_http::limit::RequestBodyLimitLayer;

use crate::access::Access;
use crate::error::ApiError;
use crate::state::AppState;

pub use limits::REQUEST_TIMEOUT;

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no route {}", uri.path()))
}

/// The full router (API, OpenAPI document, dashboard) over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let upload = limits::upload_bytes(state.max_document_bytes());
    let mut app = Router::new()
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset));
    for (path, handler) in api::routes() {
        app = app.route(path, handler);
    }
    app.fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access::guard,
        ))
        .with_state(state)
        .layer(DefaultBodyLimit::max(upload))
        .layer(axum::middleware::from_fn(limits::guard))
        .layer(RequestBodyLimitLayer::new(upload))
        .layer(axum::middleware::from_fn(limits::deadline))
}

/// How a server serves, beyond where.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Who may call the API; `None` is allowed on a loopback address only
    /// (see [`Access::for_address`]).
    pub access: Option<Access>,
    /// Largest document `POST /api/documents` takes (text or HTML bytes).
    pub max_document_bytes: u64,
    /// How often the server's search index is brought up to date with the
    /// store (documents stored by other processes: `tandem ingest`,
    /// `tandem watch`, other servers).
    pub index_refresh: Duration,
}

/// Default of [`Options::index_refresh`].
pub const DEFAULT_INDEX_REFRESH: Duration = Duration::from_secs(5);

/// Checks the store at `db` (creating or migrating it if needed) and
/// returns the router for it and the search index in `index_dir`, which a
/// thread of its own brings up to date with the store at once (building it
/// if it has none) and then every `options.index_refresh`.
pub fn app(
    db: &Location,
    index_dir: &Path,
    access: Access,
    options: Options,
) -> anyhow::Result<Router> {
    tandem_store::Store::open(db)?;
    // created here, before searches and the refresh open it concurrently
    tandem_search::SearchIndex::open(index_dir)
        .with_context(|| format!("cannot open search index {}", index_dir.display()))?;
    let state = Arc::new(
        AppState::new(db, index_dir)
            .with_access(access)
            .with_max_document_bytes(options.max_document_bytes),
    );
    state::spawn_index_refresh(&state, options.index_refresh)
        .context("cannot start the search index refresh")?;
    Ok(router(state))
}

/// Serves the API and dashboard on `addr` until Ctrl-C, printing
/// `Tandem dashboard: http://ADDR/` once bound, and the access on the
/// next line. Refuses, before touching
/// the store, to serve a non-loopback address without an access setting.
pub async fn serve(
    addr: SocketAddr,
    db: &Location,
    index_dir: &Path,
    options: Options,
) -> anyhow::Result<()> {
    let access = Access::for_address(addr, options.access).map_err(anyhow::Error::msg)?;
    // opening the store blocks (PostgreSQL's client runs a runtime of its own)
    let (store, index) = (db.clone(), index_dir.to_path_buf());
    let app = tokio::task::spawn_blocking(move || app(&store, &index, access, options))
        .await
        .context("the server's start failed")??;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr()?;
    println!("Tandem dashboard: http://{bound}/");
    println!("API access: {access}");
    println!(
        "Search index: {} (brought up to date with the store every {} s)",
        index_dir.display(),
        options.index_refresh.as_secs_f64()
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // If the signal handler cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .context("server failed")
}

/// Blocking wrapper of [`serve`] with its own runtime.
pub fn run_server(
    addr: SocketAddr,
    db: &Location,
    index_dir: &Path,
    options: Options,
) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(serve(addr, db, index_dir, options))
}
