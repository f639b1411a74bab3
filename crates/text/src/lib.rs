//! `tandem-text`: turns a decoded document into a repaired *view* with a map
//! back to the original bytes, splits it into paragraphs, labels each
//! paragraph with its language and splits it into sentences.
//!
//! ```
//! let a = tandem_text::analyze("Экспорт 2024 ж. 3,39 млрд. долл. болды. Импорт өсті.\n");
//! let p = &a.paragraphs[0];
//! assert_eq!(p.lang, tandem_text::Lang::Kk);
//! assert_eq!(p.sentences.len(), 2);
//! let first = p.sentences[0];
//! assert_eq!(a.text.original_range(first.start..first.end), 0..first.end);
//! ```
//!
//! Offsets are sacred: every position handed out by this crate is a byte
//! offset into [`Text::view`]; callers map them back to the original with
//! [`Text::to_original`] and [`Text::original_range`].
//!
//! Modules, in pipeline order:
//! - `repair`: builds the view (line joins, hyphenation, look-alike letters,
//!   apostrophes, NFC, spaces) through `offset_map`;
//! - `paragraphs`: one paragraph per line of the view, with languages
//!   smoothed over weak paragraphs;
//! - `langid`: letter cues, function words and cld2 per paragraph;
//! - `sentences`: abbreviation-aware sentence splitting.
//!
//! Language knowledge (look-alike letters, compounds, abbreviations, letter
//! cues, function words) lives in `crates/text/data/`, embedded with
//! `include_str!`.

mod chars;
mod data;
mod lang;
mod langid;
mod offset_map;
mod paragraphs;
mod repair;
mod scan;
mod sentences;
mod text;

pub use lang::Lang;
pub use langid::detect_language;
pub use paragraphs::Paragraph;
pub use sentences::{split_sentences, Sentence};
pub use text::Text;

/// A repaired document with its paragraphs, their languages and sentences.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The original text, the repaired view and the offset map.
    pub text: Text,
    /// Paragraphs in document order (view byte offsets).
    pub paragraphs: Vec<Paragraph>,
}

/// Repairs `original`, splits it into paragraphs, detects the language of
/// each paragraph and splits each paragraph into sentences.
///
/// A paragraph is a non-blank line of the view (hard-wrapped lines are
/// already joined), trimmed of surrounding whitespace. Never panics.
pub fn analyze(original: &str) -> Analysis {
    let text = Text::new(original);
    let paragraphs = paragraphs::analyze_paragraphs(text.view());
    Analysis { text, paragraphs }
}
