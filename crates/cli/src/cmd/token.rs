//! `tandem token`: the API tokens `tandem serve --access …` asks for.
//! A token is shown once, when it is created; the store keeps only its
//! SHA-256.

use std::process::ExitCode;

use anyhow::{bail, Context as _};
use tandem_store::{ApiToken, Store, TokenScope};

use crate::context::Context;

/// Arguments of `tandem token`.
#[derive(clap::Args)]
pub struct TokenArgs {
    #[command(subcommand)]
    command: TokenCommand,
}

#[derive(clap::Subcommand)]
enum TokenCommand {
    /// Create a token and print it (only this once) on standard output.
    Create {
        /// Name of the token: who or what uses it (letters, digits, `.`, `_`, `-`; not only digits).
        name: String,
        /// `read`: GET endpoints; `write`: every endpoint, submitting documents included.
        #[arg(long, value_enum, default_value_t = Scope::Read)]
        scope: Scope,
    },
    /// List tokens (never their secrets), revoked ones included.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token, by name or id: the server refuses it from its next request on.
    Revoke {
        /// The token's name (of a token not revoked) or its id.
        token: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Scope {
    Read,
    Write,
}

impl From<Scope> for TokenScope {
    fn from(s: Scope) -> TokenScope {
        match s {
            Scope::Read => TokenScope::Read,
            Scope::Write => TokenScope::Write,
        }
    }
}

/// Longest token name.
const MAX_NAME: usize = 64;

/// Why `name` cannot name a token, if it cannot.
fn bad_name(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > MAX_NAME {
        return Some(format!("must be 1 to {MAX_NAME} characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Some(format!(
            "holds {c:?}: use letters, digits, `.`, `_` and `-`"
        ));
    }
    if name.bytes().all(|b| b.is_ascii_digit()) {
        return Some("is only digits, which `tandem token revoke` reads as an id".into());
    }
    None
}

/// Runs `tandem token`.
pub fn run(ctx: &Context, args: TokenArgs) -> anyhow::Result<ExitCode> {
    ctx.require_store()?;
    let store = Store::open(&ctx.db)?;
    match args.command {
        TokenCommand::Create { name, scope } => create(&store, &name, scope.into()),
        TokenCommand::List { json } => list(&store, json),
        TokenCommand::Revoke { token } => revoke(&store, &token),
    }
}

fn create(store: &Store, name: &str, scope: TokenScope) -> anyhow::Result<ExitCode> {
    if let Some(why) = bad_name(name) {
        bail!("token name {name:?} {why}");
    }
    let (token, hash) = tandem_server::access::new_token()?;
    let Some(t) = store.add_api_token(name, scope, &hash)? else {
        bail!(
            "a token named `{name}` exists already in {}: revoke it first (`tandem token revoke {name}`) or choose another name",
            ctx_db(store)
        );
    };
    println!("{token}");
    eprintln!(
        "Created token {} `{}` (scope {}) in {}. It is shown only this once: keep it secret.\n\
         Clients send it as `Authorization: Bearer TOKEN`; revoke it with `tandem token revoke {}`.",
        t.id,
        t.name,
        t.scope.as_str(),
        ctx_db(store),
        t.name
    );
    Ok(ExitCode::SUCCESS)
}

fn ctx_db(store: &Store) -> String {
    store.location().to_string()
}

fn list(store: &Store, json: bool) -> anyhow::Result<ExitCode> {
    let tokens = store.api_tokens()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&tokens)?);
        return Ok(ExitCode::SUCCESS);
    }
    if tokens.is_empty() {
        println!(
            "No API tokens in {} (create one with `tandem token create NAME`).",
            ctx_db(store)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let width = tokens
        .iter()
        .map(|t| t.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    println!(
        "{:>4}  {:<width$}  {:<5}  {:<20}  REVOKED",
        "ID", "NAME", "SCOPE", "CREATED"
    );
    for t in &tokens {
        println!(
            "{:>4}  {:<width$}  {:<5}  {:<20}  {}",
            t.id,
            t.name,
            t.scope.as_str(),
            t.created_at,
            t.revoked_at.as_deref().unwrap_or("-")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn revoke(store: &Store, which: &str) -> anyhow::Result<ExitCode> {
    let tokens = store.api_tokens()?;
    let by_id = which.parse::<i64>().ok();
    let found: Option<&ApiToken> = match by_id {
        Some(id) => tokens.iter().find(|t| t.id == id),
        None => tokens
            .iter()
            .find(|t| t.name == which && t.revoked_at.is_none()),
    };
    let Some(t) = found else {
        bail!(
            "no token {} in {} (see `tandem token list`)",
            match by_id {
                Some(id) => format!("with id {id}"),
                None => format!("named `{which}` that is not revoked"),
            },
            ctx_db(store)
        );
    };
    if let Some(at) = &t.revoked_at {
        bail!("token {} `{}` was revoked already, at {at}", t.id, t.name);
    }
    if !store
        .revoke_api_token(t.id)
        .with_context(|| format!("cannot revoke token {}", t.id))?
    {
        bail!("token {} `{}` was revoked meanwhile", t.id, t.name);
    }
    println!(
        "Revoked token {} `{}` (scope {}).",
        t.id,
        t.name,
        t.scope.as_str()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_plain_and_not_ids() {
        assert_eq!(bad_name("ci-bot.2"), None);
        assert!(bad_name("").is_some());
        assert!(bad_name(&"a".repeat(65)).is_some());
        assert!(bad_name("two words").unwrap().contains("' '"));
        assert!(bad_name("42").unwrap().contains("id"));
    }
}
