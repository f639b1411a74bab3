//! `/api/series`, `/api/conflicts`, `/api/checks` and `/api/targets`: the
//! knowledge layer's answers, each fact with its sources.

use std::sync::Arc;

use axum::extract::State;
use axum::http::Uri;
use serde::{Deserialize, Serialize};
use tandem_kb::{Check, Fact, Goods, Series, SeriesQuery, Sides, Target, Tolerance};

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{self, Params};
use crate::state::{blocking, AppState};

/// Indicator, pair and goods filters, checked.
struct Selection {
    indicator: Option<String>,
    pair: Option<Vec<String>>,
    product: Option<Goods>,
    tolerance: Option<Tolerance>,
}

impl Selection {
    fn new(
        indicator: Option<String>,
        pair: Option<String>,
        product: Option<String>,
        tolerance: Option<f64>,
    ) -> Result<Selection, ApiError> {
        Ok(Selection {
            indicator: params::indicator(indicator)?,
            pair: params::pair(pair)?,
            product: params::product(product)?,
            tolerance: params::tolerance(tolerance)?,
        })
    }

    /// Whether a result of `indicator` between `sides` about `product` is
    /// selected. With an indicator the pair is read in its order (for
    /// directed indicators); without one any order matches.
    fn matches(&self, indicator: &str, sides: &Sides, product: Option<&str>) -> bool {
        if self.indicator.as_deref().is_some_and(|i| i != indicator)
            || self.product.as_ref().is_some_and(|g| !g.matches(product))
        {
            return false;
        }
        match &self.pair {
            None => true,
            Some(codes) if self.indicator.is_some() => {
                params::pair_sides(indicator, codes).is_ok_and(|s| s == *sides)
            }
            Some(codes) => params::same_countries(sides, codes),
        }
    }
}

/// Query of `/api/series`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesParams {
    indicator: Option<String>,
    pair: Option<String>,
    product: Option<String>,
    measure: Option<String>,
    kind: Option<String>,
    unit: Option<String>,
    tolerance: Option<f64>,
}

/// Series found.
#[derive(Serialize)]
pub struct SeriesResponse {
    tolerance: Tolerance,
    series: Vec<Series>,
}

/// Series of an indicator and pair (or all series), yearly and part-year.
pub async fn series(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<SeriesParams>,
) -> ApiResult<JsonBody> {
    let sel = Selection::new(p.indicator, p.pair, p.product, p.tolerance)?;
    let query = SeriesQuery {
        indicator: sel.indicator.clone(),
        sides: None,
        product: sel.product.clone(),
        measure: params::measure(p.measure)?,
        kind: params::kind(p.kind)?,
        unit: params::unit(p.unit)?,
    };
    blocking(&state, move |state, store| {
        state.cached_json(store, &uri.to_string(), sel.tolerance, |_, kb| {
            let series = kb
                .series(&query)
                .into_iter()
                .filter(|s| sel.matches(&s.indicator, &s.sides, s.product.as_deref()))
                .collect();
            to_vec(&SeriesResponse {
                tolerance: *kb.tolerance(),
                series,
            })
        })
    })
    .await
    .map(JsonBody)
}

/// Query of `/api/conflicts` and `/api/targets`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectParams {
    indicator: Option<String>,
    pair: Option<String>,
    product: Option<String>,
    tolerance: Option<f64>,
}

/// Conflicting facts.
#[derive(Serialize)]
pub struct ConflictsResponse<'a> {
    tolerance: Tolerance,
    conflicts: Vec<&'a Fact>,
}

/// Facts whose sources disagree beyond the tolerance, with every source.
pub async fn conflicts(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<SelectParams>,
) -> ApiResult<JsonBody> {
    let sel = Selection::new(p.indicator, p.pair, p.product, p.tolerance)?;
    blocking(&state, move |state, store| {
        state.cached_json(store, &uri.to_string(), sel.tolerance, |_, kb| {
            let conflicts = kb
                .conflicts(None, None)
                .into_iter()
                .filter(|f| sel.matches(&f.key.indicator, &f.key.sides, f.key.product.as_deref()))
                .collect();
            to_vec(&ConflictsResponse {
                tolerance: *kb.tolerance(),
                conflicts,
            })
        })
    })
    .await
    .map(JsonBody)
}

/// Query of `/api/checks`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckParams {
    indicator: Option<String>,
    pair: Option<String>,
    product: Option<String>,
    status: Option<String>,
    tolerance: Option<f64>,
}

/// Check results.
#[derive(Serialize)]
pub struct ChecksResponse<'a> {
    tolerance: Tolerance,
    passed: usize,
    failed: usize,
    checks: Vec<&'a Check>,
}

/// Consistency checks (export + import vs turnover, growth vs levels).
pub async fn checks(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<CheckParams>,
) -> ApiResult<JsonBody> {
    let sel = Selection::new(p.indicator, p.pair, p.product, p.tolerance)?;
    let want: Option<bool> = match p.status.as_deref() {
        None => None,
        Some("pass") => Some(true),
        Some("fail") => Some(false),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "status must be pass or fail, got `{other}`"
            )))
        }
    };
    blocking(&state, move |state, store| {
        state.cached_json(store, &uri.to_string(), sel.tolerance, |_, kb| {
            let checks: Vec<&Check> = kb
                .checks()
                .iter()
                .filter(|c| {
                    sel.matches(&c.indicator, &c.sides, c.product.as_deref())
                        && want.is_none_or(|w| c.pass == w)
                })
                .collect();
            let passed = checks.iter().filter(|c| c.pass).count();
            to_vec(&ChecksResponse {
                tolerance: *kb.tolerance(),
                passed,
                failed: checks.len() - passed,
                checks,
            })
        })
    })
    .await
    .map(JsonBody)
}

/// Tracked targets.
#[derive(Serialize)]
pub struct TargetsResponse<'a> {
    targets: Vec<&'a Target>,
}

/// Targets with their history and progress.
pub async fn targets(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    Params(p): Params<SelectParams>,
) -> ApiResult<JsonBody> {
    let sel = Selection::new(p.indicator, p.pair, p.product, p.tolerance)?;
    blocking(&state, move |state, store| {
        state.cached_json(store, &uri.to_string(), sel.tolerance, |_, kb| {
            let targets = kb
                .targets()
                .iter()
                .filter(|t| sel.matches(&t.indicator, &t.sides, t.product.as_deref()))
                .collect();
            to_vec(&TargetsResponse { targets })
        })
    })
    .await
    .map(JsonBody)
}
