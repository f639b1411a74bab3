//! The `[watch]` table of `tandem.toml`.

use std::time::Duration;

use serde::Deserialize;

/// What to watch and how politely.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchConfig {
    /// Feed URLs: RSS 2.0, Atom, XML sitemaps or sitemap indexes.
    pub feeds: Vec<String>,
    /// Seconds between the starts of two rounds (`tandem watch` without `--once`).
    #[serde(default = "default_interval_secs")]
    pub interval_secs: u64,
    /// Least milliseconds between two requests to the same host.
    #[serde(default = "default_host_delay_ms")]
    pub host_delay_ms: u64,
    /// The `User-Agent` sent; its first word (before `/`) is the name looked up in robots.txt.
    #[serde(default = "default_user_agent")]
    pub user_agent: String,
    /// Seconds a request may take, body included.
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
    /// Retries after an error, a timeout or a 5xx reply (so at most `retries + 1` tries).
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// Milliseconds before the first retry; each later one waits twice as long.
    #[serde(default = "default_retry_delay_ms")]
    pub retry_delay_ms: u64,
    /// Rounds in which a page may fail before it is given up.
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
}

fn default_interval_secs() -> u64 {
    1800
}
fn default_host_delay_ms() -> u64 {
    2000
}
fn default_user_agent() -> String {
    concat!("TandemBot/", env!("CARGO_PKG_VERSION")).to_string()
}
fn default_timeout_secs() -> u64 {
    30
}
fn default_retries() -> u32 {
    3
}
fn default_retry_delay_ms() -> u64 {
    1000
}
fn default_max_attempts() -> u32 {
    5
}

impl WatchConfig {
    /// The time between two rounds.
    pub fn interval(&self) -> Duration {
        Duration::from_secs(self.interval_secs.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_feeds_are_required_and_unknown_keys_are_refused() {
        let c: WatchConfig = toml::from_str(r#"feeds = ["http://a.example/rss"]"#).unwrap();
        assert_eq!(c.feeds, ["http://a.example/rss"]);
        assert_eq!(c.interval_secs, 1800);
        assert!(c.user_agent.starts_with("TandemBot/"));
        assert!(toml::from_str::<WatchConfig>("feeds = []\nfeed_url = 'x'").is_err());
        assert!(toml::from_str::<WatchConfig>("interval_secs = 60").is_err());
    }
}
