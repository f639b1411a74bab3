//! Where Tandem keeps its data and which limits apply: resolved once from
//! flags, the environment and an optional `tandem.toml`.

use std::path::{Path, PathBuf};

use tandem_store::Location;

use anyhow::Context as _;
use serde::Deserialize;

/// Default size limit for one input file (50 MB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Optional settings file, read from `./tandem.toml` or `$TANDEM_CONFIG`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    db: Option<String>,
    index: Option<PathBuf>,
    index_refresh_seconds: Option<u64>,
    max_file_bytes: Option<u64>,
    access: Option<String>,
    watch: Option<tandem_watch::WatchConfig>,
}

/// Paths and limits every subcommand works with.
#[derive(Debug, Clone)]
pub struct Context {
    /// The store: a SQLite file, or a PostgreSQL database.
    pub db: Location,
    /// The search index directory, when given (`--index`, `index = …`).
    pub index: Option<PathBuf>,
    /// Seconds between two passes of `tandem serve` bringing its search
    /// index up to date with the store, when the config file says.
    pub index_refresh_seconds: Option<u64>,
    /// Largest input file accepted by ingest, in bytes.
    pub max_file_bytes: u64,
    /// Who may call `tandem serve`'s API (`access = "public-read"` or
    /// `"token"`), when the config file says.
    pub access: Option<tandem_server::access::Access>,
    /// The `[watch]` table: feeds for `tandem watch`.
    pub watch: Option<tandem_watch::WatchConfig>,
    /// The config file read, if any (named in errors).
    pub config_path: Option<PathBuf>,
}

impl Context {
    /// Resolves the context: `--db` beats the config file, which beats
    /// `$TANDEM_DB`, which beats `./tandem-data/tandem.db`; `--index`
    /// beats the config file's `index`.
    pub fn load(db_flag: Option<String>, index_flag: Option<PathBuf>) -> anyhow::Result<Context> {
        let config_path = std::env::var_os("TANDEM_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("tandem.toml"));
        let found = config_path.is_file();
        let config = if found {
            let raw = std::fs::read_to_string(&config_path)
                .with_context(|| format!("cannot read {}", config_path.display()))?;
            toml::from_str::<ConfigFile>(&raw).with_context(|| {
                format!("{} is not a valid Tandem config", config_path.display())
            })?
        } else {
            ConfigFile::default()
        };
        let db = db_flag
            .or(config.db)
            .or_else(|| std::env::var("TANDEM_DB").ok().filter(|s| !s.is_empty()))
            .map_or_else(
                || Location::Sqlite(PathBuf::from("tandem-data/tandem.db")),
                |s| Location::parse(&s),
            );
        let access = match config.access {
            None => None,
            Some(a) => Some(tandem_server::access::Access::parse(&a).with_context(|| {
                format!(
                    "{}: access = {a:?} is neither \"public-read\" nor \"token\"",
                    config_path.display()
                )
            })?),
        };
        if config.index_refresh_seconds == Some(0) {
            anyhow::bail!(
                "{}: index_refresh_seconds must be at least 1",
                config_path.display()
            );
        }
        Ok(Context {
            db,
            index: index_flag.or(config.index),
            index_refresh_seconds: config.index_refresh_seconds,
            access,
            max_file_bytes: config.max_file_bytes.unwrap_or(DEFAULT_MAX_FILE_BYTES),
            watch: config.watch,
            config_path: found.then_some(config_path),
        })
    }

    /// The search index directory: the one given, else beside a SQLite
    /// file (`<db>.index/`); for a PostgreSQL store, each machine keeps its
    /// own under `./tandem-data/` (`<database>-<hash of the URL>.pg.index/`,
    /// so that two stores of one name on two servers get two indexes).
    pub fn index_dir(&self) -> PathBuf {
        if let Some(dir) = &self.index {
            return dir.clone();
        }
        match &self.db {
            Location::Sqlite(db) => {
                let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
                name.push(".index");
                db.parent().unwrap_or(Path::new(".")).join(name)
            }
            Location::Postgres(url) => {
                let db = url.database();
                let db = if db.is_empty() { "postgres" } else { db };
                // the password left out: changing it keeps the index
                let hash = blake3::hash(url.masked().as_bytes()).to_hex();
                PathBuf::from("tandem-data").join(format!("{db}-{}.pg.index", &hash[..8]))
            }
        }
    }

    /// How often `tandem serve` brings its search index up to date: `flag`
    /// seconds, else the config file's `index_refresh_seconds`, else
    /// [`tandem_server::DEFAULT_INDEX_REFRESH`].
    pub fn index_refresh(&self, flag: Option<u64>) -> std::time::Duration {
        flag.or(self.index_refresh_seconds).map_or(
            tandem_server::DEFAULT_INDEX_REFRESH,
            std::time::Duration::from_secs,
        )
    }

    /// Fails, naming the file, when the SQLite store does not exist yet (a
    /// PostgreSQL store is checked when connecting).
    pub fn require_store(&self) -> anyhow::Result<()> {
        match self.db.sqlite_path() {
            Some(path) if !path.is_file() => anyhow::bail!(
                "no store at {}: run `tandem ingest PATH` first (or pass --db)",
                path.display()
            ),
            _ => Ok(()),
        }
    }
}
