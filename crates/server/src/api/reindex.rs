//! `POST /api/reindex`: rebuilds this server's search index from the store.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;

use crate::error::{ApiError, ApiResult};
use crate::params::{NoParams, Params};
use crate::state::{AppState, Reindexed};

/// Rebuilds the server's search index from the store and answers when it
/// is done (this request has no time limit): how many documents the index
/// holds and how long it took. Searches go on meanwhile, from the old
/// index. A second request while one runs gets 409. The rebuild runs on
/// to its end even if the client goes away.
pub async fn reindex(
    State(state): State<Arc<AppState>>,
    Params(NoParams {}): Params<NoParams>,
) -> ApiResult<Json<Reindexed>> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.reindex())
        .await
        .map_err(|e| ApiError::internal(format!("reindex task failed: {e}")))?
        .map(Json)
}
