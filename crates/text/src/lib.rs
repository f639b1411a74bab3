//! `tandem-text`: turns a decoded document into a repaired *view* with a map
//! back to the original bytes, splits it into paragraphs, labels each
//! paragraph with its language and splits it into sentences.
//!
//! Offsets are sacred: every position handed out by this crate is a byte
//! offset into [`Text::view`]; callers map them back to the original with
//! [`Text::to_original`] and [`Text::original_range`].

mod chars;
mod data;
mod lang;
mod langid;
mod offset_map;
mod paragraphs;
mod repair;
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
pub fn analyze(original: &str) -> Analysis {
    let text = Text::new(original);
    let paragraphs = paragraphs::analyze_paragraphs(text.view());
    Analysis { text, paragraphs }
}
