//! `/api/documents` (listing, and submitting one document) and
//! `/api/documents/{id}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::Json;
use serde::{Deserialize, Serialize};
use tandem_ingest::{content_id, Format, Reason, SourceDoc, WebPage};
use tandem_model::DocDate;
use tandem_store::{DocumentDetail, DocumentFilter, DocumentSummary};

use crate::error::{ApiError, ApiResult};
use crate::json::{to_vec, JsonBody};
use crate::params::{self, NoParams, Params};
use crate::state::{blocking, AppState, Submitted};

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

/// The body of `POST /api/documents`: one document, as plain text or as
/// an HTML page, with what is known of it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    date: Option<String>,
    name: Option<String>,
}

/// `date` as a document date: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a
/// timestamp starting with one (as JSON Lines records give it).
fn parse_date(date: Option<&str>) -> Result<Option<DocDate>, ApiError> {
    let Some(d) = date.map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let day = d
        .get(..10)
        .filter(|_| d.len() > 10 && d.as_bytes()[10] == b'T')
        .unwrap_or(d);
    DocDate::parse(day).map(Some).ok_or_else(|| {
        ApiError::bad_request(format!("`date` {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD"))
    })
}

/// The answer to a document the ingest readers reject, with the status
/// its reason calls for.
fn rejected(reason: Reason) -> ApiError {
    let message = format!("document rejected: {reason}");
    match reason {
        Reason::TooLarge { .. } => ApiError::too_large(message),
        _ => ApiError::bad_request(message),
    }
}

/// Reads a submission into a document, with the checks and limits of the
/// ingest readers: an HTML page through the reader `tandem watch` uses,
/// plain text as a text file's body. A title or date given wins over one
/// the page has. Without a URL the document is its own source
/// (`api/ID`); with one, a changed page at that URL is a new version.
fn read_submission(s: Submission, max_bytes: u64) -> Result<SourceDoc, ApiError> {
    let date = parse_date(s.date.as_deref())?;
    let title = s.title.filter(|t| !t.trim().is_empty());
    if let Some(url) = &s.url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ApiError::bad_request(format!(
                "`url` {url:?} is not an http:// or https:// URL"
            )));
        }
    }
    let mut doc = match (s.text, s.html) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "give the document as `text` or as `html`, not both",
            ))
        }
        (None, None) => {
            return Err(ApiError::bad_request(
                "no document: give its `text` (plain text) or `html` (a web page)",
            ))
        }
        (None, Some(html)) => {
            let page = WebPage {
                url: s.url.as_deref().unwrap_or(""),
                bytes: html.as_bytes(),
                charset: Some("utf-8"),
                title: title.as_deref(),
                date,
            };
            tandem_ingest::read_web_page(&page, max_bytes).map_err(rejected)?
        }
        (Some(text), None) => {
            if text.len() as u64 > max_bytes {
                return Err(rejected(Reason::TooLarge {
                    size: text.len() as u64,
                    limit: max_bytes,
                }));
            }
            if text.trim().is_empty() {
                return Err(rejected(Reason::Empty));
            }
            SourceDoc {
                id: String::new(),
                name: String::new(),
                source: String::new(),
                url: None,
                title: None,
                date: None,
                format: Format::Txt,
                text,
                table: None,
            }
        }
    };
    if title.is_some() {
        doc.title = title;
    }
    if date.is_some() {
        doc.date = date;
    }
    doc.id = content_id(doc.title.as_deref(), doc.date, &doc.text);
    doc.url = s.url;
    doc.source = doc.url.clone().unwrap_or_else(|| format!("api/{}", doc.id));
    if let Some(name) = s.name.filter(|n| !n.trim().is_empty()) {
        doc.name = name;
    } else if doc.name.is_empty() {
        doc.name = doc.id.clone();
    }
    Ok(doc)
}

/// Ingests one document (JSON: `text` or `html`, and optionally `title`,
/// `url`, `date`, `name`): 201 with what was stored, 200 when the same
/// content was stored before.
pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Params(NoParams {}): Params<NoParams>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Submitted>)> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return Err(ApiError::unsupported_media_type(format!(
            "POST /api/documents takes a JSON object (Content-Type: application/json) with the \
             document's `text` or `html`; got Content-Type {content_type:?}"
        )));
    }
    let submission: Submission = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("the body is not a document: {e}")))?;
    let doc = read_submission(submission, state.max_document_bytes())?;
    let state = state.clone();
    let submitted = tokio::task::spawn_blocking(move || state.submit(doc))
        .await
        .map_err(|e| ApiError::internal(format!("ingest task failed: {e}")))??;
    let status = if submitted.status == "unchanged" {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(submitted)))
}
