//! Bounds on what a request may carry, and headers every response gets.

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Longest a request may take before it is answered 503, but for
/// `POST /api/reindex`.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Longest accepted request target (path and query), in bytes.
pub const MAX_URI_BYTES: usize = 4096;
/// Longest accepted query string, in bytes.
pub const MAX_QUERY_BYTES: usize = 2048;
/// Largest accepted request body, in bytes, except a submitted document's.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Room for a submitted document's JSON beyond its text: the other fields,
/// and escapes.
const UPLOAD_OVERHEAD_BYTES: u64 = 1024 * 1024;

/// Largest body of `POST /api/documents` for documents of up to
/// `max_document_bytes`: twice that (JSON escapes), and some room.
pub fn upload_bytes(max_document_bytes: u64) -> usize {
    usize::try_from(max_document_bytes.saturating_mul(2) + UPLOAD_OVERHEAD_BYTES)
        .unwrap_or(usize::MAX)
        .max(MAX_BODY_BYTES)
}

/// Whether a request submits a document (the one request whose body may
/// exceed [`MAX_BODY_BYTES`]).
fn is_upload(req: &Request<Body>) -> bool {
    req.method() == Method::POST && req.uri().path() == "/api/documents"
}

const CSP: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Rejects over-long request targets with 414 and, but for a submitted
/// document, bodies declared larger than [`MAX_BODY_BYTES`] with 413 (the
/// router's body limit bounds every body as it is read); adds security
/// headers.
pub async fn guard(req: Request<Body>, next: Next) -> Response {
    let uri = req.uri();
    let too_long = uri.to_string().len() > MAX_URI_BYTES
        || uri.query().is_some_and(|q| q.len() > MAX_QUERY_BYTES);
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let mut res = if too_long {
        (
            StatusCode::URI_TOO_LONG,
            Json(serde_json::json!({ "error": format!("request target longer than {MAX_QUERY_BYTES} bytes of query or {MAX_URI_BYTES} in all") })),
        )
            .into_response()
    } else if declared > MAX_BODY_BYTES as u64 && !is_upload(&req) {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            Json(serde_json::json!({ "error": format!("request body of {declared} bytes, over the limit of {MAX_BODY_BYTES}") })),
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

/// Answers 503 to a request not answered within [`REQUEST_TIMEOUT`], but
/// lets a reindex ([`crate::api::REINDEX`]) take as long as it takes (the
/// rebuild goes on in a blocking task whatever happens to its request).
pub async fn deadline(req: Request<Body>, next: Next) -> Response {
    if req.method() == Method::POST && req.uri().path() == crate::api::REINDEX {
        return next.run(req).await;
    }
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(res) => res,
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "error": format!("the request took longer than {} s", REQUEST_TIMEOUT.as_secs()) })),
        )
            .into_response(),
    }
}
