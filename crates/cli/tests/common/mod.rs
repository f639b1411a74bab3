//! What the command-line tests share: running the built `tandem`, one
//! HTTP request to a server it started, and a fresh PostgreSQL database.
//! (Each test file uses part of it.)
#![allow(dead_code)]

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Output};

/// The `tandem` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_tandem");

/// `tandem ARGS` in `dir`, with no store, configuration or log level taken
/// from the environment.
pub fn tandem(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .env_remove("TANDEM_LOG")
        .args(args)
        .output()
        .expect("run tandem")
}

/// GETs `path` from the server at `addr` with extra header lines
/// (`"Name: value\r\n"` each): its status and body.
pub fn get(addr: SocketAddr, path: &str, headers: &str) -> (u16, String) {
    call(addr, "GET", path, headers)
}

/// `METHOD path` (without a body) to the server at `addr` with extra
/// header lines: its status and body.
pub fn call(addr: SocketAddr, method: &str, path: &str, headers: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let length = if method == "GET" {
        ""
    } else {
        "Content-Length: 0\r\n"
    };
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}{length}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    (status, body)
}

/// A fresh PostgreSQL database and its URL, `None` when the tests have no
/// server (`TANDEM_TEST_PG` unset: skipped, said once; see
/// `tandem_store::testing`).
pub fn fresh_database() -> Option<(tandem_store::Location, String)> {
    let pg = tandem_store::testing::fresh_postgres()?;
    let tandem_store::Location::Postgres(url) = &pg else {
        unreachable!("fresh_postgres gives a PostgreSQL database")
    };
    let url = url.as_str().to_owned();
    Some((pg, url))
}
