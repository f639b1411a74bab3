//! Where a store lives: a SQLite file (the default) or a PostgreSQL
//! database named by a `postgres://` URL. The URL's password never
//! appears in what is shown of a location.

use std::fmt;
use std::path::{Path, PathBuf};

/// A store's location, parsed from what a user typed (`--db`, `db = …` in
/// `tandem.toml`, `$TANDEM_DB`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL database.
    Postgres(PgUrl),
}

/// A `postgres://` or `postgresql://` URL, kept as typed.
#[derive(Clone, PartialEq, Eq)]
pub struct PgUrl(String);

impl PgUrl {
    /// The URL with its password, for connecting.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL with its password replaced by `***`, for messages.
    pub fn masked(&self) -> String {
        let url = &self.0;
        let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
            return url.clone();
        };
        let rest = &url[scheme_end..];
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let Some(at) = rest[..authority_end].rfind('@') else {
            return url.clone();
        };
        match rest[..at].find(':') {
            Some(colon) => format!(
                "{}{}:***{}",
                &url[..scheme_end],
                &rest[..colon],
                &rest[at..]
            ),
            None => url.clone(),
        }
    }

    /// The database name in the URL's path (empty when none is given).
    pub fn database(&self) -> &str {
        let rest = self.0.split_once("://").map_or("", |(_, r)| r);
        rest.split_once('/')
            .map_or("", |(_, path)| path.split('?').next().unwrap_or(""))
    }
}

impl fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl Location {
    /// Reads a location: a `postgres://` or `postgresql://` URL names a
    /// PostgreSQL database, anything else a SQLite file.
    pub fn parse(s: &str) -> Location {
        let lower = s.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(PgUrl(s.trim().to_owned()))
        } else {
            Location::Sqlite(PathBuf::from(s))
        }
    }

    /// The SQLite file, if this is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(p) => Some(p),
            Location::Postgres(_) => None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(p) => write!(f, "{}", p.display()),
            Location::Postgres(u) => f.write_str(&u.masked()),
        }
    }
}

impl From<&Path> for Location {
    fn from(p: &Path) -> Location {
        Location::Sqlite(p.to_path_buf())
    }
}

impl From<&PathBuf> for Location {
    fn from(p: &PathBuf) -> Location {
        Location::Sqlite(p.clone())
    }
}

impl From<PathBuf> for Location {
    fn from(p: PathBuf) -> Location {
        Location::Sqlite(p)
    }
}

impl From<&Location> for Location {
    fn from(l: &Location) -> Location {
        l.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_postgres_and_their_password_is_masked() {
        let l = Location::parse("postgres://ana:s3cret@db.example:5432/tandem?sslmode=disable");
        let Location::Postgres(u) = &l else {
            panic!("not postgres: {l:?}");
        };
        assert_eq!(
            l.to_string(),
            "postgres://ana:***@db.example:5432/tandem?sslmode=disable"
        );
        assert_eq!(u.database(), "tandem");
        assert!(!format!("{l:?}").contains("s3cret"));
        assert_eq!(
            Location::parse("postgresql://ana@h/db").to_string(),
            "postgresql://ana@h/db"
        );
        assert_eq!(
            Location::parse("tandem-data/tandem.db"),
            Location::Sqlite("tandem-data/tandem.db".into())
        );
    }
}
