//! `/api/figures`, `/api/figures/{id}` and `/api/export/figures`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use tandem_kb::export::{self, Format};
use tandem_kb::FigureRecord;
use tandem_store::FigureFilter;

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{self, NoParams, Params};
use crate::state::{blocking, AppState};

/// Filters shared by the figure listing and the export.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureParams {
    indicator: Option<String>,
    country: Option<String>,
    period: Option<String>,
    kind: Option<String>,
    measure: Option<String>,
    unit: Option<String>,
    product: Option<String>,
    source_kind: Option<String>,
    language: Option<String>,
    document: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

fn filter(p: FigureParams, default_limit: bool) -> Result<FigureFilter, ApiError> {
    Ok(FigureFilter {
        indicator: params::indicator(p.indicator)?,
        country: params::country(p.country)?,
        period: params::period(p.period)?,
        kind: params::kind(p.kind)?,
        measure: params::measure(p.measure)?,
        unit: params::unit(p.unit)?,
        product: params::product(p.product)?,
        source_kind: params::source_kind(p.source_kind)?,
        language: params::language(p.language)?,
        document: params::bounded("document", p.document, 256)?,
        limit: if default_limit || p.limit.is_some() {
            Some(params::limit(p.limit)?)
        } else {
            None
        },
        offset: params::offset(p.offset)?,
    })
}

/// A page of figures.
#[derive(Serialize)]
pub struct FigurePage {
    total: u64,
    limit: Option<u32>,
    offset: u32,
    figures: Vec<FigureRecord>,
}

/// Lists figures of current documents (or of the given document).
pub async fn list(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<FigureParams>,
) -> ApiResult<JsonBody> {
    let filter = filter(p, true)?;
    blocking(&state, move |state, store| {
        state.cached(store, &uri.to_string(), |store| {
            let total = store.count_figures(&filter)?;
            let figures = store.figures(&filter)?;
            to_vec(&FigurePage {
                total,
                limit: filter.limit,
                offset: filter.offset,
                figures,
            })
        })
    })
    .await
    .map(JsonBody)
}

/// One figure by id.
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Params(NoParams {}): Params<NoParams>,
) -> ApiResult<Json<FigureRecord>> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("figure id must be an integer, got `{id}`")))?;
    blocking(&state, move |_, store| match store.figure(id)? {
        Some(f) => Ok(Json(f)),
        None => Err(ApiError::not_found(format!("no figure {id}"))),
    })
    .await
}

/// Query of the export: the figure filters plus a format.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportParams {
    format: Option<String>,
    indicator: Option<String>,
    country: Option<String>,
    period: Option<String>,
    kind: Option<String>,
    measure: Option<String>,
    unit: Option<String>,
    product: Option<String>,
    source_kind: Option<String>,
    language: Option<String>,
    document: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

/// Downloads the matching figures as CSV, JSON Lines or Parquet.
pub async fn export(
    State(state): State<Arc<AppState>>,
    Params(p): Params<ExportParams>,
) -> ApiResult<Response> {
    let format: Format = p
        .format
        .as_deref()
        .unwrap_or("csv")
        .parse()
        .map_err(ApiError::bad_request)?;
    let filter = filter(
        FigureParams {
            indicator: p.indicator,
            country: p.country,
            period: p.period,
            kind: p.kind,
            measure: p.measure,
            unit: p.unit,
            product: p.product,
            source_kind: p.source_kind,
            language: p.language,
            document: p.document,
            limit: p.limit,
            offset: p.offset,
        },
        false,
    )?;
    blocking(&state, move |_, store| {
        let records = store.figures(&filter)?;
        let mut body = Vec::new();
        let write_err =
            |e: &dyn std::fmt::Display| ApiError::internal(format!("export failed: {e}"));
        let (mime, ext) = match format {
            Format::Csv => {
                export::write_csv(&records, &mut body).map_err(|e| write_err(&e))?;
                ("text/csv; charset=utf-8", "csv")
            }
            Format::Jsonl => {
                export::write_jsonl(&records, &mut body).map_err(|e| write_err(&e))?;
                ("application/x-ndjson", "jsonl")
            }
            Format::Parquet => {
                export::write_parquet(&records, &mut body).map_err(|e| write_err(&e))?;
                ("application/vnd.apache.parquet", "parquet")
            }
        };
        let disposition = format!("attachment; filename=\"tandem-figures.{ext}\"");
        Ok((
            [
                (header::CONTENT_TYPE, mime.to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            body,
        )
            .into_response())
    })
    .await
}
