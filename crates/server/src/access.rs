//! Who may call the API. On a loopback address the server is open, as it
//! always was; on any other address it refuses to start without an
//! [`Access`] setting:
//!
//! - [`Access::PublicRead`]: the GET endpoints are open, the write
//!   endpoints (`POST /api/documents`, `POST /api/reindex`) need a token
//!   of scope `write`;
//! - [`Access::Token`]: every `/api/` endpoint needs a token, of scope
//!   `read` for GET and `write` for writes.
//!
//! A client sends its token as `Authorization: Bearer TOKEN`. No token, or
//! one the store does not know or has revoked, is answered 401; a read
//! token on a write endpoint 403. The dashboard's page and files stay
//! open (the page sends the token it was given with each API call), and so
//! does `/openapi.json`.
//!
//! Tokens are `tandem_` and 64 hex digits (32 random bytes from the
//! operating system); the store keeps only their SHA-256 ([`token_hash`]).
//! The server logs no request header, so no token reaches a log.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tandem_store::TokenScope;

use crate::error::ApiError;
use crate::state::{blocking, AppState};

/// Who may call the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everything open: the default on a loopback address only.
    Open,
    /// Reading open, writing with a `write` token.
    PublicRead,
    /// Every API call with a token.
    Token,
}

impl Access {
    /// Reads a setting as typed (`--access`, `access = …` in tandem.toml):
    /// `public-read` or `token`.
    pub fn parse(s: &str) -> Option<Access> {
        match s {
            "public-read" => Some(Access::PublicRead),
            "token" => Some(Access::Token),
            _ => None,
        }
    }

    /// The access for a server on `addr`: the one `chosen`, else open on a
    /// loopback address; on any other address an error saying what to add.
    pub fn for_address(addr: SocketAddr, chosen: Option<Access>) -> Result<Access, String> {
        match chosen {
            Some(a) => Ok(a),
            None if addr.ip().is_loopback() => Ok(Access::Open),
            None => Err(format!(
                "refusing to serve on {addr} without an access setting: anyone who can reach \
                 that address could read the store and submit documents. Add `--access token` \
                 (every API call needs a token: create one with `tandem token create NAME`) or \
                 `--access public-read` (reading open, writing needs a token of scope write), \
                 or set `access = \"token\"` in tandem.toml; or serve on 127.0.0.1"
            )),
        }
    }
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Access::Open => "open (loopback only)",
            Access::PublicRead => "public-read",
            Access::Token => "token",
        })
    }
}

/// What every token starts with.
pub const TOKEN_PREFIX: &str = "tandem_";

/// A new token and its hash: show the token once, store only the hash.
pub fn new_token() -> anyhow::Result<(String, String)> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret)
        .map_err(|e| anyhow::anyhow!("cannot draw random bytes for a token: {e}"))?;
    let token = format!("{TOKEN_PREFIX}{}", hex(&secret));
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The SHA-256 of a token, as 64 hex digits: what the store keeps.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The token of an `Authorization: Bearer TOKEN` header, if there is one.
fn bearer(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::unauthorized("the Authorization header is not ASCII"))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim()))
        }
        _ => Err(ApiError::unauthorized(
            "the Authorization header must be `Bearer TOKEN`",
        )),
    }
}

/// Checks that the request carries a token not revoked, of `needed` scope.
async fn authorize(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    needed: TokenScope,
) -> Result<(), ApiError> {
    let Some(token) = bearer(headers)? else {
        return Err(ApiError::unauthorized(format!(
            "this server needs an API token of scope {}: send `Authorization: Bearer TOKEN` \
             (its administrator creates one with `tandem token create NAME --scope {}`)",
            needed.as_str(),
            needed.as_str()
        )));
    };
    let hash = token_hash(token);
    let found = blocking(state, move |_, store| Ok(store.api_token_by_hash(&hash)?)).await?;
    match found {
        None => Err(ApiError::unauthorized("unknown or revoked API token")),
        Some(t) if t.scope < needed => Err(ApiError::forbidden(format!(
            "token `{}` may only read: this endpoint needs a token of scope write",
            t.name
        ))),
        Some(_) => Ok(()),
    }
}

/// Middleware: lets a request to `/api/` through only as the server's
/// [`Access`] allows.
pub async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let needed = if matches!(*req.method(), Method::GET | Method::HEAD) {
        TokenScope::Read
    } else {
        TokenScope::Write
    };
    let check = match (state.access(), needed) {
        (Access::Open, _) | (Access::PublicRead, TokenScope::Read) => Ok(()),
        (Access::PublicRead, TokenScope::Write) | (Access::Token, _) => {
            authorize(&state, req.headers(), needed).await
        }
    };
    match check {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, ha) = new_token().unwrap();
        let (b, _) = new_token().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() == TOKEN_PREFIX.len() + 64);
        assert_eq!(ha, token_hash(&a));
        assert_eq!(ha.len(), 64);
        assert!(!ha.contains(&a[TOKEN_PREFIX.len()..]));
        // SHA-256 of "abc"
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_loopback_is_open_by_default() {
        let open = |a: &str| Access::for_address(a.parse().unwrap(), None);
        assert_eq!(open("127.0.0.1:8080"), Ok(Access::Open));
        assert_eq!(open("[::1]:8080"), Ok(Access::Open));
        for addr in ["0.0.0.0:8080", "192.168.1.5:80", "[::]:8080"] {
            let e = open(addr).unwrap_err();
            assert!(e.contains("--access token") && e.contains(addr), "{e}");
        }
        assert_eq!(
            Access::for_address("0.0.0.0:1".parse().unwrap(), Some(Access::PublicRead)),
            Ok(Access::PublicRead)
        );
        assert_eq!(Access::parse("token"), Some(Access::Token));
        assert_eq!(Access::parse("open"), None);
    }
}
