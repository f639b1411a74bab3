//! `/api/documents` and `/api/documents/{id}`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::Json;
use serde::{Deserialize, Serialize};
use tandem_store::{DocumentDetail, DocumentFilter, DocumentSummary};

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{self, NoParams, Params};
use crate::state::{blocking, AppState};

/// Query of the document listing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    language: Option<String>,
    year: Option<String>,
    all_versions: Option<bool>,
    limit: Option<u32>,
    offset: Option<u32>,
}

/// A page of documents.
#[derive(Serialize)]
pub struct DocumentPage {
    total: u64,
    limit: u32,
    offset: u32,
    documents: Vec<DocumentSummary>,
}

/// Lists current documents, newest first.
pub async fn list(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<ListParams>,
) -> ApiResult<JsonBody> {
    let year = match p.year {
        Some(y) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => Some(y),
        Some(y) => {
            return Err(ApiError::bad_request(format!(
                "year must be four digits, got `{y}`"
            )))
        }
        None => None,
    };
    let filter = DocumentFilter {
        language: params::language(p.language)?,
        year,
        all_versions: p.all_versions.unwrap_or(false),
        limit: params::limit(p.limit)?,
        offset: params::offset(p.offset)?,
    };
    blocking(&state, move |state, store| {
        state.cached(store, &uri.to_string(), |store| {
            let (total, documents) = store.documents(&filter)?;
            to_vec(&DocumentPage {
                total,
                limit: filter.limit,
                offset: filter.offset,
                documents,
            })
        })
    })
    .await
    .map(JsonBody)
}

/// One document (by id, or by name for its current version) with its text,
/// paragraphs and figures.
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Params(NoParams {}): Params<NoParams>,
) -> ApiResult<Json<DocumentDetail>> {
    if id.is_empty() || id.len() > 256 {
        return Err(ApiError::bad_request("document id must be 1 to 256 bytes"));
    }
    blocking(&state, move |_, store| match store.document(&id)? {
        Some(d) => Ok(Json(d)),
        None => Err(ApiError::not_found(format!("no document `{id}`"))),
    })
    .await
}
