//! `/api/events` and `/api/agreements`: what governments did, one record
//! per event (every report of it merged, newest first) or per agreement,
//! each with its sources as documents one can open (title, URL or path,
//! language).

use std::sync::Arc;

use axum::extract::State;
use axum::http::Uri;
use serde::{Deserialize, Serialize};
use tandem_kb::events::{agreement_records, event_records, DateBounds};
use tandem_store::{AgreementFilter, EventFilter};

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{self, Params};
use crate::state::{blocking, AppState};

/// Filters of both listings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    country: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    since: Option<String>,
    until: Option<String>,
    language: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

/// The checked filters: (country, type, language), date bounds, limit and
/// offset.
struct Checked {
    filter: EventFilter,
    bounds: DateBounds,
    limit: u32,
    offset: u32,
}

fn check(p: EventParams) -> Result<Checked, ApiError> {
    Ok(Checked {
        filter: EventFilter {
            country: params::country(p.country)?,
            event_type: params::event_type(p.event_type)?,
            lang: params::language(p.language)?,
        },
        bounds: DateBounds {
            since: params::day("since", p.since)?,
            until: params::day("until", p.until)?,
        },
        limit: params::limit(p.limit)?,
        offset: params::offset(p.offset)?,
    })
}

/// A page of records.
#[derive(Serialize)]
struct Page<T> {
    total: usize,
    limit: u32,
    offset: u32,
    #[serde(flatten)]
    items: T,
}

#[derive(Serialize)]
struct Events<T> {
    events: T,
}

#[derive(Serialize)]
struct Agreements<T> {
    agreements: T,
}

fn slice<T>(all: &[T], offset: u32, limit: u32) -> &[T] {
    let start = (offset as usize).min(all.len());
    let end = start.saturating_add(limit as usize).min(all.len());
    &all[start..end]
}

/// Lists events, newest first.
pub async fn events(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<EventParams>,
) -> ApiResult<JsonBody> {
    let c = check(p)?;
    blocking(&state, move |state, store| {
        state.cached(store, &uri.to_string(), |store| {
            let reports = store.event_reports(&c.filter)?;
            let all = event_records(&reports, &c.bounds);
            to_vec(&Page {
                total: all.len(),
                limit: c.limit,
                offset: c.offset,
                items: Events {
                    events: slice(&all, c.offset, c.limit),
                },
            })
        })
    })
    .await
    .map(JsonBody)
}

/// Lists agreements, newest first.
pub async fn agreements(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<EventParams>,
) -> ApiResult<JsonBody> {
    let c = check(p)?;
    let filter = AgreementFilter {
        country: c.filter.country.clone(),
        event_type: c.filter.event_type.clone(),
        lang: c.filter.lang.clone(),
    };
    blocking(&state, move |state, store| {
        state.cached(store, &uri.to_string(), |store| {
            let reports = store.agreement_reports(&filter)?;
            let all = agreement_records(&reports, &c.bounds);
            to_vec(&Page {
                total: all.len(),
                limit: c.limit,
                offset: c.offset,
                items: Agreements {
                    agreements: slice(&all, c.offset, c.limit),
                },
            })
        })
    })
    .await
    .map(JsonBody)
}
