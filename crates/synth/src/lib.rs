//! `tandem-synth`: a deterministic generator of synthetic multilingual
//! economic news for benchmarks.
//!
//! [`generate`] writes `docs` documents in the seven Tandem languages (Kazakh,
//! Uzbek Cyrillic and Latin, Kyrgyz, Tajik, Russian, English) and in every input
//! format ingest reads: plain text with a date line, HTML pages with
//! boilerplate, JSON Lines with many documents a file, and gzip versions of all
//! three. Sentences come from per-language templates in `data/<lang>.toml`
//! with slots for countries, periods and figures written the way that
//! language's press writes them. Output is a function of `(docs, seed)` only,
//! memory use does not grow with `docs`, and every document's text is unique.

mod document;
mod format;
mod lang;
mod layout;
mod numbers;
mod rng;
mod sink;
mod template;

pub use layout::generate;

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Number of files written (a JSON Lines file counts once).
    pub files: u64,
    /// Number of documents written.
    pub documents: u64,
    /// Total size of the written files on disk, in bytes (compressed size for
    /// gzip files).
    pub bytes: u64,
}

/// The language codes in the order documents cycle through them; each is
/// also the name of the output sub-directory holding that language.
pub const LANGUAGES: [&str; 7] = ["kk", "uz-Cyrl", "uz-Latn", "ky", "tg", "ru", "en"];
