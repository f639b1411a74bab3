//! Bounds on what a request may carry, and headers every response gets.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Longest accepted request target (path and query), in bytes.
pub const MAX_URI_BYTES: usize = 4096;
/// Longest accepted query string, in bytes.
pub const MAX_QUERY_BYTES: usize = 2048;
/// Largest accepted request body, in bytes (the API only reads).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

const CSP: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Rejects over-long request targets with 414 and adds security headers.
pub async fn guard(req: Request<Body>, next: Next) -> Response {
    let uri = req.uri();
    let too_long = uri.to_string().len() > MAX_URI_BYTES
        || uri.query().is_some_and(|q| q.len() > MAX_QUERY_BYTES);
    let mut res = if too_long {
        (
            StatusCode::URI_TOO_LONG,
            Json(serde_json::json!({ "error": format!("request target longer than {MAX_QUERY_BYTES} bytes of query or {MAX_URI_BYTES} in all") })),
        )
            .into_response()
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}
