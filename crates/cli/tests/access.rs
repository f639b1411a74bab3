//! `tandem token` and the access settings of `tandem serve`, through the
//! binary: tokens created, listed and revoked; a server on an address
//! other than loopback refused without an access setting; and a token
//! never written to the server's output, even at the most verbose log
//! level.

use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{tandem, BIN};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A directory with a store (one small document ingested).
fn store_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Товарооборот Казахстана и Узбекистана в 2024 году составил 4 млрд долларов.",
    )
    .unwrap();
    let out = tandem(dir.path(), &["ingest", "-q", "a.txt"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir
}

#[test]
fn tokens_are_created_once_listed_without_secrets_and_revoked() {
    let dir = store_dir();
    let d = dir.path();
    let out = tandem(d, &["token", "create", "ci", "--scope", "write"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&out.stdout).trim().to_owned();
    assert!(
        token.starts_with("tandem_") && token.len() == 71,
        "only the token on stdout: {token}"
    );
    assert!(text(&out.stderr).contains("only this once"));
    let out = tandem(d, &["token", "create", "analyst"]);
    assert!(out.status.success());

    let out = tandem(d, &["token", "create", "ci"]);
    assert_eq!(out.status.code(), Some(2), "a second token `ci`");
    assert!(
        text(&out.stderr).contains("exists already"),
        "{}",
        text(&out.stderr)
    );
    for bad in ["two words", "42", ""] {
        let out = tandem(d, &["token", "create", bad]);
        assert_eq!(out.status.code(), Some(2), "name {bad:?}");
        assert!(
            text(&out.stderr).contains("token name"),
            "{}",
            text(&out.stderr)
        );
    }

    let out = tandem(d, &["token", "list"]);
    let list = text(&out.stdout);
    assert!(
        list.contains("ci") && list.contains("write") && list.contains("analyst"),
        "{list}"
    );
    assert!(!list.contains(&token[7..]), "no secret in the listing");
    let out = tandem(d, &["token", "list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[1]["scope"], "read");
    assert!(!text(&out.stdout).contains(&token[7..]));

    let out = tandem(d, &["token", "revoke", "ci"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Revoked token 1 `ci`"));
    let out = tandem(d, &["token", "revoke", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("revoked already"),
        "{}",
        text(&out.stderr)
    );
    let out = tandem(d, &["token", "revoke", "nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no token named `nobody`"));
    // revoked, its name can be given again
    assert!(tandem(d, &["token", "create", "ci"]).status.success());

    let none = tempfile::tempdir().unwrap();
    let out = tandem(none.path(), &["token", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no store at"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn serving_beyond_loopback_needs_an_access_setting() {
    let dir = store_dir();
    for addr in ["0.0.0.0:0", "[::]:0"] {
        let out = tandem(dir.path(), &["serve", "--addr", addr]);
        assert_eq!(out.status.code(), Some(2), "{addr}: {}", text(&out.stdout));
        let err = text(&out.stderr);
        assert!(
            err.contains("refusing to serve")
                && err.contains("--access token")
                && err.contains("tandem.toml"),
            "{err}"
        );
    }
    std::fs::write(dir.path().join("tandem.toml"), "access = \"everyone\"\n").unwrap();
    let out = tandem(dir.path(), &["serve", "--addr", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("neither \"public-read\" nor \"token\""),
        "{}",
        text(&out.stderr)
    );
}

/// One GET with a bearer token: the status.
fn get(addr: SocketAddr, path: &str, token: &str) -> u16 {
    common::get(addr, path, &format!("Authorization: Bearer {token}\r\n")).0
}

#[test]
fn a_token_never_reaches_the_servers_output() {
    let dir = store_dir();
    let d = dir.path();
    let token = text(&tandem(d, &["token", "create", "reader"]).stdout)
        .trim()
        .to_owned();
    let writer = text(&tandem(d, &["token", "create", "writer", "--scope", "write"]).stdout)
        .trim()
        .to_owned();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut server = Command::new(BIN)
        .current_dir(d)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .env("TANDEM_LOG", "trace")
        .args(["serve", "--access", "token", "--addr", &addr.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(get(addr, "/api/stats", &token), 200);
    assert_eq!(get(addr, "/api/documents?limit=1", &token), 200);
    assert_eq!(get(addr, "/api/stats", &format!("{token}x")), 401);
    assert_eq!(get(addr, "/api/nothing", &token), 404);
    // a reindex with a write token, logged without it
    let auth = format!("Authorization: Bearer {writer}\r\n");
    let (status, body) = common::call(addr, "POST", "/api/reindex", &auth);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"documents\":1"), "{body}");
    server.kill().unwrap();
    let out = server.wait_with_output().unwrap();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("access: token"), "{stdout}");
    assert!(stderr.contains("search index rebuilt"), "{stderr}");
    for t in [&token, &writer] {
        let secret = &t["tandem_".len()..];
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "a token is in the server's output"
        );
    }
    assert!(
        !stderr
            .to_ascii_lowercase()
            .contains("authorization: bearer"),
        "{stderr}"
    );
}
