//! `tandem-search`: cross-language, cross-script full-text search over
//! the documents Tandem stores.
//!
//! Why it is built this way:
//! - **One analyser per language group** (`kk`, `uz`, `ky`, `tg`, `ru`,
//!   `en`, `und`), each a chain of small steps ([`analyzer`]): proper
//!   names first ([`names`]: `Өзбекстанға` and `Узбекистана` become
//!   `uzbekistan`), then a stemmer (Snowball for Russian and English,
//!   data-driven suffix folding for the Turkic languages and Tajik), then a
//!   transliteration fold ([`fold`]) that maps Cyrillic and Latin
//!   spellings onto one key. Each group has its own index fields; a query
//!   word is analysed by every group and looked up in that group's fields.
//! - **Concepts** ([`concepts`]): a lexicon of terms in all seven
//!   languages; a query naming one term also finds the others.
//! - **Language knowledge is data** (`data/`), embedded with
//!   `include_str!`.

#![warn(missing_docs)]

pub mod analyzer;
pub mod bench;
pub mod concepts;
pub mod dates;
mod error;
pub mod eval;
pub mod fold;
mod index;
pub mod lang;
pub mod lexicon;
pub mod names;
pub mod plan;
pub mod query;
pub mod snippet;
pub mod suffix;
pub mod tokenizer;

pub use error::SearchError;
pub use index::{Hit, IndexDoc, IndexPosition, Rebuild, SearchIndex, SearchRequest, SearchResults};
pub use lang::LangGroup;
