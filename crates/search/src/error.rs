//! The errors of this crate: bad queries (told to the user as they are),
//! bad language data (a build defect) and index failures.

/// Everything that can go wrong while indexing or searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query cannot be run; the message says why, in words for the user.
    #[error("bad query: {0}")]
    BadQuery(String),
    /// A filter (language, date, limit) is not valid.
    #[error("bad filter: {0}")]
    BadFilter(String),
    /// An embedded language data file is malformed.
    #[error("language data file {file} is invalid: {message}")]
    Data {
        /// The data file.
        file: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// Another process kept writing the index for as many seconds.
    #[error("the search index is being written by another process (waited {0} s)")]
    Busy(u64),
    /// The index directory cannot be read or written.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index directory cannot be opened.
    #[error("search index directory: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    /// A file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
