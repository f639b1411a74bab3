//! A small HTTP/1.1 load generator for measuring the server on loopback:
//! a fixed number of keep-alive connections send GET requests round-robin
//! over a list of paths until a time or request budget runs out, and the
//! latencies are summarised. Bounded by design: it stops by itself.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What a load run measured.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    /// Requests answered with 200.
    pub ok: u64,
    /// Requests answered otherwise, or failed.
    pub errors: u64,
    /// Wall time of the run in seconds.
    pub seconds: f64,
    /// Answered requests per second.
    pub requests_per_sec: f64,
    /// Median latency in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency in milliseconds.
    pub p99_ms: f64,
    /// Slowest request in milliseconds.
    pub max_ms: f64,
    /// Response bytes received (bodies).
    pub body_bytes: u64,
}

/// Limits of a load run.
#[derive(Debug, Clone, Copy)]
pub struct LoadPlan {
    /// Parallel keep-alive connections.
    pub connections: usize,
    /// Stop after this long.
    pub duration: Duration,
    /// Stop after this many requests in all.
    pub max_requests: u64,
}

/// Only loopback addresses may be load-tested.
fn check_loopback(addr: &SocketAddr) -> std::io::Result<()> {
    if addr.ip().is_loopback() {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{addr} is not a loopback address"),
        ))
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads one response; returns (status, body length).
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<(u16, usize)> {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed response");
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(bad)?;
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok((status, length))
}

struct WorkerResult {
    latencies: Vec<Duration>,
    errors: u64,
    bytes: u64,
}

async fn worker(
    addr: SocketAddr,
    paths: Vec<String>,
    start_at: usize,
    deadline: Instant,
    budget: u64,
) -> WorkerResult {
    let mut out = WorkerResult {
        latencies: Vec::new(),
        errors: 0,
        bytes: 0,
    };
    let mut stream: Option<TcpStream> = None;
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut i = start_at;
    while Instant::now() < deadline && (out.latencies.len() as u64 + out.errors) < budget {
        let path = &paths[i % paths.len()];
        i += 1;
        let conn = match stream.as_mut() {
            Some(s) => s,
            None => match TcpStream::connect(addr).await {
                Ok(s) => stream.insert(s),
                Err(_) => {
                    out.errors += 1;
                    continue;
                }
            },
        };
        let t = Instant::now();
        let req =
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: tandem-loadtest\r\n\r\n");
        let res = match conn.write_all(req.as_bytes()).await {
            Ok(()) => read_response(conn, &mut buf).await,
            Err(e) => Err(e),
        };
        match res {
            Ok((200, len)) => {
                out.latencies.push(t.elapsed());
                out.bytes += len as u64;
            }
            Ok(_) => out.errors += 1,
            Err(_) => {
                out.errors += 1;
                stream = None;
            }
        }
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

/// Sends GET requests for `paths` to the server at `addr` (loopback only)
/// within `plan`'s limits and reports throughput and latency.
pub async fn run(
    addr: SocketAddr,
    paths: &[String],
    plan: LoadPlan,
) -> std::io::Result<LoadReport> {
    check_loopback(&addr)?;
    if paths.is_empty() || plan.connections == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "nothing to request",
        ));
    }
    let start = Instant::now();
    let deadline = start + plan.duration;
    let per_worker = plan.max_requests.div_ceil(plan.connections as u64);
    let tasks: Vec<_> = (0..plan.connections)
        .map(|w| tokio::spawn(worker(addr, paths.to_vec(), w, deadline, per_worker)))
        .collect();
    let mut latencies = Vec::new();
    let (mut errors, mut bytes) = (0, 0);
    for t in tasks {
        let r = t.await.map_err(std::io::Error::other)?;
        latencies.extend(r.latencies);
        errors += r.errors;
        bytes += r.bytes;
    }
    let seconds = start.elapsed().as_secs_f64();
    latencies.sort_unstable();
    Ok(LoadReport {
        ok: latencies.len() as u64,
        errors,
        seconds,
        requests_per_sec: latencies.len() as f64 / seconds.max(1e-9),
        p50_ms: percentile(&latencies, 50.0),
        p99_ms: percentile(&latencies, 99.0),
        max_ms: latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        body_bytes: bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refuses_addresses_off_loopback() {
        let plan = LoadPlan {
            connections: 1,
            duration: Duration::from_millis(10),
            max_requests: 1,
        };
        let addr: SocketAddr = "192.0.2.1:80".parse().unwrap();
        assert!(run(addr, &["/".to_owned()], plan).await.is_err());
    }

    #[test]
    fn percentiles_of_sorted_latencies() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert!((percentile(&v, 50.0) - 51.0).abs() < 1.01);
        assert!((percentile(&v, 99.0) - 99.0).abs() < 1.01);
        assert_eq!(percentile(&[], 99.0), 0.0);
    }
}
