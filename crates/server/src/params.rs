//! Query-string parameters: parsed strictly (unknown names are a 400, so a
//! typo never silently widens a query) and validated against the schema's
//! vocabulary.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use tandem_kb::period::Period;
use tandem_kb::{Goods, Sides, Tolerance};
use tandem_model::{SourceKind, INDICATORS, LANGUAGES, SECTORS};
use tandem_store::MAX_LIMIT;

use crate::error::ApiError;

/// Query parameters of type `T`; a parse failure is a 400 with a JSON message.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(t)| Params(t))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// For endpoints that take no query parameters: any parameter is a 400.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// Default page size of listings.
pub const DEFAULT_LIMIT: u32 = 50;

/// Checks a page size: 1..=[`MAX_LIMIT`], default [`DEFAULT_LIMIT`].
pub fn limit(v: Option<u32>) -> Result<u32, ApiError> {
    match v {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!(
            "limit must be between 1 and {MAX_LIMIT}, got {n}"
        ))),
    }
}

/// Largest offset accepted by listings.
pub const MAX_OFFSET: u32 = 1_000_000;

/// Checks an offset.
pub fn offset(v: Option<u32>) -> Result<u32, ApiError> {
    match v.unwrap_or(0) {
        n if n <= MAX_OFFSET => Ok(n),
        n => Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET}, got {n}"
        ))),
    }
}

fn one_of(name: &str, v: Option<String>, allowed: &[&str]) -> Result<Option<String>, ApiError> {
    match v {
        Some(s) if !allowed.contains(&s.as_str()) => Err(ApiError::bad_request(format!(
            "unknown {name} `{s}`; expected one of: {}",
            allowed.join(", ")
        ))),
        v => Ok(v),
    }
}

/// Checks an indicator id.
pub fn indicator(v: Option<String>) -> Result<Option<String>, ApiError> {
    one_of("indicator", v, INDICATORS)
}

/// Checks a figure kind.
pub fn kind(v: Option<String>) -> Result<Option<String>, ApiError> {
    one_of("kind", v, &["actual", "target", "forecast"])
}

/// Checks a measure.
pub fn measure(v: Option<String>) -> Result<Option<String>, ApiError> {
    one_of(
        "measure",
        v,
        &["level", "change_pct", "share_pct", "ratio", "change_abs"],
    )
}

/// Checks a goods selection: a two-digit HS chapter (`10`), or `none` for
/// the figures about no particular goods.
pub fn product(v: Option<String>) -> Result<Option<Goods>, ApiError> {
    v.map(|p| Goods::parse(&p).map_err(ApiError::bad_request))
        .transpose()
}

/// Checks a source kind: `official` (statistics tables) or `news` (text).
pub fn source_kind(v: Option<String>) -> Result<Option<SourceKind>, ApiError> {
    Ok(one_of("source_kind", v, &["official", "news"])?.and_then(|k| SourceKind::parse(&k)))
}

/// Checks a language code (`und` included).
pub fn language(v: Option<String>) -> Result<Option<String>, ApiError> {
    let mut all: Vec<&str> = LANGUAGES.to_vec();
    all.push("und");
    one_of("language", v, &all)
}

/// Checks a country code (two ASCII letters), upper-cased.
pub fn country(v: Option<String>) -> Result<Option<String>, ApiError> {
    match v {
        Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Ok(Some(c.to_ascii_uppercase()))
        }
        Some(c) => Err(ApiError::bad_request(format!(
            "country must be an ISO 3166-1 alpha-2 code like KZ, got `{c}`"
        ))),
        None => Ok(None),
    }
}

/// Checks a period string and returns it in canonical form.
pub fn period(v: Option<String>) -> Result<Option<String>, ApiError> {
    match v {
        Some(p) => match Period::parse(&p) {
            Some(parsed) => Ok(Some(parsed.to_string())),
            None => Err(ApiError::bad_request(format!(
                "period `{p}` is not one of 2024, 2025-01..2025-09, 2025-03-15, ..2030, 2016..2023, 2019.."
            ))),
        },
        None => Ok(None),
    }
}

/// Event types (`gold/EVENTS.md`).
pub const EVENT_TYPES: &[&str] = &[
    "state_visit",
    "official_visit",
    "working_visit",
    "visit",
    "summit",
    "session",
    "forum",
    "talks",
    "phone_call",
];

/// Checks an event type.
pub fn event_type(v: Option<String>) -> Result<Option<String>, ApiError> {
    one_of("type", v, EVENT_TYPES)
}

/// Project statuses (`gold/EVENTS.md`).
pub const PROJECT_STATUSES: &[&str] = &["planned", "agreed", "under_construction", "launched"];

/// Checks a project status.
pub fn project_status(v: Option<String>) -> Result<Option<String>, ApiError> {
    one_of("status", v, PROJECT_STATUSES)
}

/// Checks a project sector.
pub fn sector(v: Option<String>) -> Result<Option<String>, ApiError> {
    one_of("sector", v, SECTORS)
}

/// Checks a date bound named `name`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn day(name: &str, v: Option<String>) -> Result<Option<String>, ApiError> {
    let ok = |d: &str| {
        let b = d.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        match b.len() {
            4 => digits(0..4),
            7 => digits(0..4) && b[4] == b'-' && digits(5..7),
            10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
            _ => false,
        }
    };
    match v {
        Some(d) if !ok(&d) => Err(ApiError::bad_request(format!(
            "{name} must be a date like 2025, 2025-11 or 2025-11-15, got `{d}`"
        ))),
        v => Ok(v),
    }
}

/// A unit: a short word of ASCII letters, digits and `_`.
pub fn unit(v: Option<String>) -> Result<Option<String>, ApiError> {
    match v {
        Some(u)
            if !u.is_empty()
                && u.len() <= 32
                && u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
        {
            Ok(Some(u))
        }
        Some(u) => Err(ApiError::bad_request(format!(
            "unit `{u}` is not a unit name like USD or percent"
        ))),
        None => Ok(None),
    }
}

/// A pair of country codes as given (`KZ-UZ` or `KZ`), checked; use
/// [`pair_sides`] to normalise it for an indicator.
pub fn pair(v: Option<String>) -> Result<Option<Vec<String>>, ApiError> {
    match v {
        Some(p) => {
            let codes: Vec<String> = p
                .split('-')
                .map(|c| c.trim().to_ascii_uppercase())
                .collect();
            if codes.len() <= 2
                && codes
                    .iter()
                    .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
            {
                Ok(Some(codes))
            } else {
                Err(ApiError::bad_request(format!(
                    "pair must look like KZ-UZ or KZ, got `{p}`"
                )))
            }
        }
        None => Ok(None),
    }
}

/// The sides of a checked pair for an indicator.
pub fn pair_sides(indicator: &str, codes: &[String]) -> Result<Sides, ApiError> {
    Sides::parse(indicator, &codes.join("-")).map_err(ApiError::bad_request)
}

/// Whether `sides` names exactly the countries of `codes`, in any order.
pub fn same_countries(sides: &Sides, codes: &[String]) -> bool {
    let mut have: Vec<&str> = sides
        .subject
        .iter()
        .chain(sides.partner.iter())
        .map(String::as_str)
        .collect();
    let mut want: Vec<&str> = codes.iter().map(String::as_str).collect();
    have.sort_unstable();
    want.sort_unstable();
    have == want
}

/// A tolerance given in percent; `None` is the default.
pub fn tolerance(v: Option<f64>) -> Result<Option<Tolerance>, ApiError> {
    v.map(|p| Tolerance::with_percent(p).map_err(ApiError::bad_request))
        .transpose()
}

/// Checks a free-text value's length.
pub fn bounded(name: &str, v: Option<String>, max: usize) -> Result<Option<String>, ApiError> {
    match v {
        Some(s) if s.chars().count() > max => Err(ApiError::bad_request(format!(
            "{name} is longer than {max} characters"
        ))),
        v => Ok(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_accept_the_vocabulary_and_reject_the_rest() {
        assert!(indicator(Some("trade.turnover".into())).is_ok());
        assert!(indicator(Some("trade".into())).is_err());
        assert_eq!(country(Some("kz".into())).unwrap().as_deref(), Some("KZ"));
        assert!(country(Some("KAZ".into())).is_err());
        assert_eq!(
            period(Some("2025-01..2025-09".into())).unwrap().as_deref(),
            Some("2025-01..2025-09")
        );
        assert!(period(Some("last year".into())).is_err());
        assert_eq!(pair(Some("kz-uz".into())).unwrap().unwrap(), ["KZ", "UZ"]);
        assert!(pair(Some("KZ-UZ-RU".into())).is_err());
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(MAX_LIMIT + 1)).is_err());
        assert_eq!(limit(None).unwrap(), DEFAULT_LIMIT);
        assert!(tolerance(Some(-3.0)).is_err());
        assert!(unit(Some("USD;drop".into())).is_err());
        assert!(language(Some("uz-Latn".into())).is_ok());
        assert!(language(Some("de".into())).is_err());
        assert_eq!(
            product(Some("10".into())).unwrap(),
            Some(Goods::Chapter("10".into()))
        );
        assert_eq!(
            product(Some("none".into())).unwrap(),
            Some(Goods::Unspecified)
        );
        assert!(product(Some("wheat".into())).is_err());
        assert!(measure(Some("change_abs".into())).is_ok());
        assert!(event_type(Some("state_visit".into())).is_ok());
        assert!(event_type(Some("party".into())).is_err());
        assert!(day("since", Some("2025-11".into())).is_ok());
        assert!(day("since", Some("2025-11-15".into())).is_ok());
        assert!(day("since", Some("11/2025".into())).is_err());
        assert!(day("since", Some("2025-1".into())).is_err());
        let s = Sides::new("trade.turnover", Some("UZ"), Some("KZ"));
        assert!(same_countries(&s, &["UZ".into(), "KZ".into()]));
        assert!(!same_countries(&s, &["UZ".into()]));
    }
}
