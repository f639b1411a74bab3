//! Fetching over HTTP, politely: robots.txt per host, a delay between two
//! requests to one host, conditional requests, bounded retries with
//! exponential backoff, timeouts, a size limit and redirects followed up
//! to a limit.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::WatchConfig;

/// Most redirects followed for one URL.
pub const MAX_REDIRECTS: usize = 5;

/// The validators of a reply, sent back on the next request for the same URL
/// (kept in the store between rounds).
pub use tandem_store::Validators;

/// A body received.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL it came from, after redirects.
    pub final_url: String,
    /// The body (decompressed if the server compressed it).
    pub bytes: Vec<u8>,
    /// The `charset` of its `Content-Type`, if any.
    pub charset: Option<String>,
    /// Its validators, for the next request.
    pub validators: Validators,
}

/// What a fetch gave.
#[derive(Debug)]
pub enum Fetched {
    /// `304 Not Modified`: the copy seen last time is current.
    NotModified,
    /// A new body.
    Body(Page),
}

/// Why a URL could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// robots.txt of the host disallows the URL for our user agent.
    #[error("{url}: disallowed by robots.txt")]
    Disallowed {
        /// The URL.
        url: String,
    },
    /// Anything else: bad URL, network error, timeout, HTTP error status,
    /// too large, redirect loop, a host whose robots.txt could not be
    /// fetched.
    #[error("{url}: {reason}")]
    Failed {
        /// The URL asked for.
        url: String,
        /// What went wrong.
        reason: String,
    },
}

/// What robots.txt says for one host.
enum Robots {
    /// Rules for our user agent.
    Rules(texting_robots::Robot),
    /// No robots.txt (a 4xx reply): everything is allowed.
    AllowAll,
    /// robots.txt could not be fetched (5xx, network error): nothing is
    /// fetched from the host this round, as RFC 9309 asks. Holds why.
    Unreachable(String),
}

/// One reply, before its status is judged.
struct Reply {
    status: u16,
    location: Option<String>,
    charset: Option<String>,
    validators: Validators,
    bytes: Vec<u8>,
}

/// A polite HTTP client. Keep one per round: robots.txt is read once per
/// host and round.
pub struct Fetcher {
    agent: ureq::Agent,
    robots_name: String,
    host_delay: Duration,
    retries: u32,
    retry_delay: Duration,
    max_bytes: u64,
    last_request: HashMap<String, Instant>,
    robots: HashMap<String, Robots>,
    /// Requests sent (each try counts).
    pub requests: usize,
}

impl Fetcher {
    /// A client for a round, refusing bodies over `max_bytes`.
    pub fn new(config: &WatchConfig, max_bytes: u64) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(config.timeout_secs.max(1))))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(config.user_agent.as_str())
            .build()
            .new_agent();
        Fetcher {
            agent,
            robots_name: robots_name(&config.user_agent),
            host_delay: Duration::from_millis(config.host_delay_ms),
            retries: config.retries,
            retry_delay: Duration::from_millis(config.retry_delay_ms),
            max_bytes,
            last_request: HashMap::new(),
            robots: HashMap::new(),
            requests: 0,
        }
    }

    /// Fetches `url`, conditionally when `known` holds validators from a
    /// previous reply, after checking the host's robots.txt (also for
    /// every redirect target).
    pub fn fetch(&mut self, url: &str, known: &Validators) -> Result<Fetched, FetchError> {
        let failed = |reason: String| FetchError::Failed {
            url: url.to_string(),
            reason,
        };
        let mut current = parse_http_url(url).map_err(failed)?;
        let mut visited = vec![current.to_string()];
        loop {
            match self.allowed(&current) {
                Ok(true) => {}
                Ok(false) => {
                    return Err(FetchError::Disallowed {
                        url: current.to_string(),
                    })
                }
                Err(why) => return Err(failed(why)),
            }
            let reply = self.get_with_retries(&current, known).map_err(failed)?;
            match reply.status {
                200..=299 => {
                    return Ok(Fetched::Body(Page {
                        final_url: current.to_string(),
                        bytes: reply.bytes,
                        charset: reply.charset,
                        validators: reply.validators,
                    }))
                }
                304 => return Ok(Fetched::NotModified),
                301 | 302 | 303 | 307 | 308 => {
                    let Some(location) = reply.location else {
                        return Err(failed(format!(
                            "HTTP {} without a Location header",
                            reply.status
                        )));
                    };
                    let next = current
                        .join(&location)
                        .map_err(|e| failed(format!("bad redirect to {location:?}: {e}")))?;
                    if !matches!(next.scheme(), "http" | "https") {
                        return Err(failed(format!("redirect to a non-HTTP URL {next}")));
                    }
                    if visited.contains(&next.to_string()) {
                        visited.push(next.to_string());
                        return Err(failed(format!("redirect loop: {}", visited.join(" → "))));
                    }
                    if visited.len() > MAX_REDIRECTS {
                        return Err(failed(format!(
                            "more than {MAX_REDIRECTS} redirects (last to {next})"
                        )));
                    }
                    visited.push(next.to_string());
                    current = next;
                }
                status => return Err(failed(format!("HTTP {status}"))),
            }
        }
    }

    /// Whether robots.txt of the URL's host allows it (fetching robots.txt
    /// the first time the host is met); an error saying why when robots.txt
    /// could not be fetched, so the host is skipped this round.
    fn allowed(&mut self, url: &url::Url) -> Result<bool, String> {
        let host = host_key(url);
        if !self.robots.contains_key(&host) {
            let robots = self.fetch_robots(url);
            self.robots.insert(host.clone(), robots);
        }
        match &self.robots[&host] {
            Robots::Rules(robot) => Ok(robot.allowed(url.as_str())),
            Robots::AllowAll => Ok(true),
            Robots::Unreachable(why) => Err(why.clone()),
        }
    }

    fn fetch_robots(&mut self, url: &url::Url) -> Robots {
        let Ok(robots_url) = url.join("/robots.txt") else {
            return Robots::AllowAll;
        };
        match self.get_with_retries(&robots_url, &Validators::default()) {
            Ok(reply) if (200..300).contains(&reply.status) => {
                match texting_robots::Robot::new(&self.robots_name, &reply.bytes) {
                    Ok(robot) => Robots::Rules(robot),
                    Err(e) => {
                        tracing::warn!(url = %robots_url, error = %e, "unreadable robots.txt: every path allowed");
                        Robots::AllowAll
                    }
                }
            }
            // a redirected robots.txt is not followed: treated as absent
            Ok(reply) if reply.status < 500 => Robots::AllowAll,
            Ok(reply) => {
                tracing::warn!(url = %robots_url, status = reply.status, "robots.txt unavailable: host skipped this round");
                Robots::Unreachable(format!(
                    "host skipped this round: {robots_url} could not be fetched (HTTP {})",
                    reply.status
                ))
            }
            Err(reason) => {
                tracing::warn!(url = %robots_url, %reason, "robots.txt unavailable: host skipped this round");
                Robots::Unreachable(format!(
                    "host skipped this round: {robots_url} could not be fetched ({reason})"
                ))
            }
        }
    }

    /// GETs a URL, retrying network errors, timeouts, 429 and 5xx replies
    /// with exponential backoff; the last reply (or error) is returned.
    fn get_with_retries(&mut self, url: &url::Url, known: &Validators) -> Result<Reply, String> {
        let mut attempt = 0;
        loop {
            let result = self.get_once(url, known);
            let retryable = match &result {
                Ok(reply) => reply.status == 429 || reply.status >= 500,
                Err((_, retryable)) => *retryable,
            };
            if !retryable || attempt >= self.retries {
                return result.map_err(|(reason, _)| {
                    if attempt > 0 {
                        format!("{reason} (after {} tries)", attempt + 1)
                    } else {
                        reason
                    }
                });
            }
            let wait = self.retry_delay.saturating_mul(1 << attempt.min(16));
            tracing::debug!(%url, attempt, ?wait, "retrying");
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    /// One GET, after waiting for the host's delay. An error says whether
    /// a retry may help.
    fn get_once(&mut self, url: &url::Url, known: &Validators) -> Result<Reply, (String, bool)> {
        let host = host_key(url);
        if let Some(last) = self.last_request.get(&host) {
            let since = last.elapsed();
            if since < self.host_delay {
                std::thread::sleep(self.host_delay - since);
            }
        }
        self.last_request.insert(host.clone(), Instant::now());
        self.requests += 1;
        let mut request = self.agent.get(url.as_str());
        if let Some(etag) = &known.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &known.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let result = request.call();
        // the delay runs from the end of the request, so a slow host is not hammered
        self.last_request.insert(host, Instant::now());
        let mut response = result.map_err(|e| describe(&e))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let status = response.status().as_u16();
        let location = header("location");
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let charset = response.body().charset().map(str::to_string);
        let bytes = if (200..300).contains(&status) {
            let read = response
                .body_mut()
                .with_config()
                .limit(self.max_bytes)
                .read_to_vec();
            read.map_err(|e| describe(&e))?
        } else {
            Vec::new()
        };
        Ok(Reply {
            status,
            location,
            charset,
            validators,
            bytes,
        })
    }
}

/// A message for a transport error and whether a retry may help.
fn describe(e: &ureq::Error) -> (String, bool) {
    match e {
        ureq::Error::BodyExceedsLimit(limit) => (
            format!(
                "too large: over the limit of {limit} bytes (set max_file_bytes in tandem.toml)"
            ),
            false,
        ),
        ureq::Error::Timeout(_) => (format!("timed out ({e})"), true),
        ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
            (e.to_string(), true)
        }
        _ => (e.to_string(), false),
    }
}

/// Parses an http(s) URL.
fn parse_http_url(url: &str) -> Result<url::Url, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("not a valid URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err("not an http(s) URL".into());
    }
    Ok(parsed)
}

/// The key of a host for delays and robots.txt: scheme, host and port.
fn host_key(url: &url::Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// The name robots.txt rules are matched against: the user agent's
/// product token (`TandemBot/0.1 (+https://…)` → `TandemBot`).
fn robots_name(user_agent: &str) -> String {
    let token = user_agent
        .split(['/', ' '])
        .find(|s| !s.is_empty())
        .unwrap_or("*");
    token.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_name_is_the_product_token() {
        assert_eq!(
            robots_name("TandemBot/0.1 (+mailto:a@b.example)"),
            "TandemBot"
        );
        assert_eq!(robots_name("  Plain"), "Plain");
        assert_eq!(robots_name(""), "*");
    }

    #[test]
    fn only_http_urls_are_fetched() {
        assert!(parse_http_url("ftp://a.example/x").is_err());
        assert!(parse_http_url("not a url").is_err());
        assert!(parse_http_url("https://a.example/x").is_ok());
        let u = url::Url::parse("http://a.example/x").unwrap();
        assert_eq!(host_key(&u), "http://a.example:80");
    }
}
