//! `/api/stats`: what the store holds, for the overview page.

use std::sync::Arc;

use axum::extract::State;
use serde::Serialize;
use tandem_kb::KnowledgeBase;
use tandem_store::{Stats, Store};

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{NoParams, Params};
use crate::state::{blocking, AppState};

/// Counts of documents, figures and knowledge-layer results.
#[derive(Serialize)]
pub struct StatsResponse {
    #[serde(flatten)]
    store: Stats,
    figures_per_indicator: Vec<(String, i64)>,
    figures_per_kind: Vec<(String, i64)>,
    figures_per_product: Vec<(Option<String>, i64)>,
    facts: usize,
    conflicts: usize,
    checks: usize,
    checks_failed: usize,
    targets: usize,
}

/// Store and knowledge-layer counts.
pub async fn stats(
    State(state): State<Arc<AppState>>,
    Params(NoParams {}): Params<NoParams>,
) -> ApiResult<JsonBody> {
    blocking(&state, |state, store| {
        state.cached_json(store, "/api/stats", None, stats_of)
    })
    .await
    .map(JsonBody)
}

fn stats_of(store: &Store, kb: &KnowledgeBase) -> Result<Vec<u8>, ApiError> {
    let checks = kb.checks();
    to_vec(&StatsResponse {
        store: store
            .stats()
            .map_err(|e| ApiError::internal(e.to_string()))?,
        figures_per_indicator: store.figures_per_indicator()?,
        figures_per_kind: store.figures_per_kind()?,
        figures_per_product: store.figures_per_product()?,
        facts: kb.facts().len(),
        conflicts: kb.conflicts(None, None).len(),
        checks_failed: checks.iter().filter(|c| !c.pass).count(),
        checks: checks.len(),
        targets: kb.targets().len(),
    })
}
