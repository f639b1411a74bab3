//! `/api/projects` and `/api/projects/{id}`: the registry of named
//! projects, one record per project (every report of it in every document,
//! language and script), the most recently reported first, each with its
//! history and sources as documents one can open.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::Uri;
use serde::{Deserialize, Serialize};
use tandem_kb::events::DateBounds;
use tandem_kb::projects::{project_records, ProjectQuery, ProjectRecord};
use tandem_store::ProjectFilter;

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{self, NoParams, Params};
use crate::state::{blocking, AppState};

/// Filters of the listing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectParams {
    country: Option<String>,
    status: Option<String>,
    sector: Option<String>,
    since: Option<String>,
    until: Option<String>,
    language: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

#[derive(Serialize)]
struct Page<'a> {
    total: usize,
    limit: u32,
    offset: u32,
    projects: &'a [ProjectRecord],
}

/// Lists projects, the most recently reported first.
pub async fn list(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<ProjectParams>,
) -> ApiResult<JsonBody> {
    let filter = ProjectFilter {
        project: None,
        country: params::country(p.country)?,
        lang: params::language(p.language)?,
        counts: false,
    };
    let query = ProjectQuery {
        status: params::project_status(p.status)?,
        sector: params::sector(p.sector)?,
        bounds: DateBounds {
            since: params::day("since", p.since)?,
            until: params::day("until", p.until)?,
        },
    };
    let limit = params::limit(p.limit)?;
    let offset = params::offset(p.offset)?;
    blocking(&state, move |state, store| {
        state.cached(store, &uri.to_string(), |store| {
            let rows = store.project_reports(&filter)?;
            let all = project_records(&rows, &query);
            let start = (offset as usize).min(all.len());
            let end = start.saturating_add(limit as usize).min(all.len());
            to_vec(&Page {
                total: all.len(),
                limit,
                offset,
                projects: &all[start..end],
            })
        })
    })
    .await
    .map(JsonBody)
}

/// One project with its history (its reports, oldest first).
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Params(NoParams {}): Params<NoParams>,
) -> ApiResult<JsonBody> {
    let Ok(number) = id.parse::<i64>() else {
        return Err(ApiError::bad_request(format!(
            "project id must be a number, got `{id}`"
        )));
    };
    blocking(&state, move |_, store| {
        let filter = ProjectFilter {
            project: Some(number),
            ..Default::default()
        };
        let rows = store.project_reports(&filter)?;
        match project_records(&rows, &ProjectQuery::default()).first() {
            Some(p) => to_vec(p),
            None => Err(ApiError::not_found(format!("no project `{id}`"))),
        }
    })
    .await
    .map(|body| JsonBody(body.into()))
}
