//! The JSON API under `/api/`. [`routes`] is the one list of endpoints:
//! the router is built from it and a test checks that `/openapi.json`
//! describes each of them and every parameter they accept.

mod documents;
mod events;
mod figures;
mod knowledge;
mod projects;
mod reindex;
mod search;
mod stats;

use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post, MethodRouter};

use crate::state::AppState;

/// The hand-written OpenAPI 3 description of the API.
pub const OPENAPI_JSON: &str = include_str!("../../assets/openapi.json");

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}

/// The one endpoint without a time limit: a rebuild of the search index
/// takes as long as the store is large.
pub const REINDEX: &str = "/api/reindex";

/// Every API route: (path in axum syntax, which is also OpenAPI's, handler).
pub fn routes() -> Vec<(&'static str, MethodRouter<Arc<AppState>>)> {
    vec![
        (
            "/api/documents",
            get(documents::list).post(documents::create),
        ),
        ("/api/documents/{id}", get(documents::one)),
        ("/api/figures", get(figures::list)),
        ("/api/figures/{id}", get(figures::one)),
        ("/api/export/figures", get(figures::export)),
        ("/api/series", get(knowledge::series)),
        ("/api/conflicts", get(knowledge::conflicts)),
        ("/api/checks", get(knowledge::checks)),
        ("/api/targets", get(knowledge::targets)),
        ("/api/events", get(events::events)),
        ("/api/agreements", get(events::agreements)),
        ("/api/projects", get(projects::list)),
        ("/api/projects/{id}", get(projects::one)),
        ("/api/search", get(search::search)),
        ("/api/stats", get(stats::stats)),
        (REINDEX, post(reindex::reindex)),
        ("/openapi.json", get(openapi)),
    ]
}
