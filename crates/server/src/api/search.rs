//! `/api/search`: full-text search across languages and scripts.

use std::sync::{Arc, PoisonError};

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use tandem_search::{SearchError, SearchRequest, SearchResults};

use crate::error::{ApiError, ApiResult};
use crate::params::{self, Params};
use crate::state::AppState;

/// Query of `/api/search`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    q: String,
    lang: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
    exact: Option<bool>,
}

/// Searches stored documents.
pub async fn search(
    State(state): State<Arc<AppState>>,
    Params(p): Params<SearchParams>,
) -> ApiResult<Json<SearchResults>> {
    if p.q.trim().is_empty() {
        return Err(ApiError::bad_request("q must not be empty"));
    }
    let langs = match p.lang {
        Some(l) => l
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| params::language(Some(s.to_owned())).map(|v| v.unwrap_or_default()))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let req = SearchRequest {
        query: p.q,
        langs,
        from: params::bounded("from", p.from, 10)?,
        to: params::bounded("to", p.to, 10)?,
        limit: params::limit(p.limit.or(Some(10)))? as usize,
        offset: params::offset(p.offset)? as usize,
        exact: p.exact.unwrap_or(false),
    };
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let index = state.search_index()?;
        let index = index.lock().unwrap_or_else(PoisonError::into_inner);
        index.search(&req).map(Json).map_err(|e| match e {
            SearchError::BadQuery(_) | SearchError::BadFilter(_) => {
                ApiError::bad_request(e.to_string())
            }
            e => ApiError::internal(e.to_string()),
        })
    })
    .await
    .map_err(|e| ApiError::internal(format!("search task failed: {e}")))?
}
