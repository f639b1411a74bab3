//! `/api/stats`: what the store holds, for the overview page.
//!
//! Its counts of documents, paragraphs, sentences and figures (per
//! language, year, indicator, kind and product) are SQL aggregates over
//! small indexes, answered at once on any store. The counts of the
//! knowledge base (facts, conflicts, checks, targets) need the knowledge
//! base, which takes minutes to build on a large store: they are given
//! when it is built for the store as it is (`knowledge_current: true`);
//! while it is being built in the background they are those of the
//! latest one built (`knowledge_current: false`), or `null` before the
//! first ([`AppState::knowledge_counts`]). On a small store the answer
//! waits a moment for the build, so its overview is complete at once.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use serde::Serialize;
use tandem_store::{FigureCounts, Stats};

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{NoParams, Params};
use crate::state::{blocking, AppState, KnowledgeCounts, COUNTS_WAIT, SMALL_STORE_FIGURES};

/// Counts of documents, figures and knowledge-layer results.
#[derive(Serialize)]
pub struct StatsResponse {
    #[serde(flatten)]
    store: Stats,
    figures_per_indicator: Vec<(String, i64)>,
    figures_per_kind: Vec<(String, i64)>,
    figures_per_product: Vec<(Option<String>, i64)>,
    facts: Option<usize>,
    conflicts: Option<usize>,
    checks: Option<usize>,
    checks_failed: Option<usize>,
    targets: Option<usize>,
    /// Whether the five counts above are of the store as it is now.
    knowledge_current: bool,
}

/// Store counts at once, knowledge-layer counts as far as built.
pub async fn stats(
    State(state): State<Arc<AppState>>,
    Params(NoParams {}): Params<NoParams>,
) -> ApiResult<JsonBody> {
    let shared = state.clone();
    blocking(&state, move |state, store| {
        let print = store.fingerprint()?;
        let counted = state.cached(store, "/api/stats (store)", |store| {
            to_vec(&(store.stats()?, store.figure_counts()?))
        })?;
        let (stats, figures): (Stats, FigureCounts) = serde_json::from_slice(&counted)
            .map_err(|e| ApiError::internal(format!("cached counts unreadable: {e}")))?;
        // a small store's knowledge base is built at once: wait for it
        let wait = if stats.figures <= SMALL_STORE_FIGURES {
            COUNTS_WAIT
        } else {
            Duration::ZERO
        };
        let knowledge = shared.knowledge_counts(print, wait);
        let part = |f: fn(&KnowledgeCounts) -> usize| knowledge.as_ref().map(|(c, _)| f(c));
        to_vec(&StatsResponse {
            store: stats,
            figures_per_indicator: figures.per_indicator,
            figures_per_kind: figures.per_kind,
            figures_per_product: figures.per_product,
            facts: part(|c| c.facts),
            conflicts: part(|c| c.conflicts),
            checks: part(|c| c.checks),
            checks_failed: part(|c| c.checks_failed),
            targets: part(|c| c.targets),
            knowledge_current: knowledge.is_some_and(|(_, current)| current),
        })
    })
    .await
    .map(|body| JsonBody(body.into()))
}
