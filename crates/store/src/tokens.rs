//! API tokens (`api_tokens`): who may call `tandem serve`'s API when it
//! asks for tokens. The store only ever sees the SHA-256 of a token, never
//! the token itself. Written once for both engines.

use serde::Serialize;

use crate::sql::{Arg, Cell, Row, Sql};
use crate::Result;

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenScope {
    /// The GET endpoints.
    Read,
    /// Every endpoint, writes (submitting documents) included.
    Write,
}

impl TokenScope {
    /// The name stored and shown: `read` or `write`.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }

    /// Reads `read` or `write`.
    pub fn parse(s: &str) -> Option<TokenScope> {
        match s {
            "read" => Some(TokenScope::Read),
            "write" => Some(TokenScope::Write),
            _ => None,
        }
    }
}

/// An API token as stored: everything but its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// Row id.
    pub id: i64,
    /// Name given at creation (unique among tokens not revoked).
    pub name: String,
    /// What it may do.
    pub scope: TokenScope,
    /// When it was created (`YYYY-MM-DDTHH:MM:SSZ`, UTC).
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

const COLUMNS: &str = "id, name, scope, created_at, revoked_at";

fn token(r: &dyn Row) -> Cell<ApiToken> {
    let scope = r.text(2)?;
    Ok(ApiToken {
        id: r.int(0)?,
        name: r.text(1)?,
        scope: TokenScope::parse(&scope)
            .ok_or_else(|| format!("api_tokens.scope holds `{scope}`, not read or write"))?,
        created_at: r.text(3)?,
        revoked_at: r.opt_text(4)?,
    })
}

pub(crate) fn add_api_token(
    db: &impl Sql,
    name: &str,
    scope: TokenScope,
    hash: &str,
) -> Result<Option<ApiToken>> {
    let added = db.exec(
        "INSERT INTO api_tokens (name, scope, hash, created_at) VALUES (?1, ?2, ?3, {NOW})
         ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING",
        &[
            Arg::Text(name.to_owned()),
            Arg::Text(scope.as_str().to_owned()),
            Arg::Text(hash.to_owned()),
        ],
    )?;
    if added == 0 {
        return Ok(None);
    }
    api_token_by_hash(db, hash)
}

pub(crate) fn api_tokens(db: &impl Sql) -> Result<Vec<ApiToken>> {
    db.rows(
        &format!("SELECT {COLUMNS} FROM api_tokens ORDER BY id"),
        &[],
        token,
    )
}

pub(crate) fn revoke_api_token(db: &impl Sql, id: i64) -> Result<bool> {
    let n = db.exec(
        "UPDATE api_tokens SET revoked_at = {NOW} WHERE id = ?1 AND revoked_at IS NULL",
        &[Arg::Int(id)],
    )?;
    Ok(n > 0)
}

pub(crate) fn api_token_by_hash(db: &impl Sql, hash: &str) -> Result<Option<ApiToken>> {
    db.row(
        &format!("SELECT {COLUMNS} FROM api_tokens WHERE hash = ?1 AND revoked_at IS NULL"),
        &[Arg::Text(hash.to_owned())],
        token,
    )
}
