//! Paragraph splitting of the repaired view.

use crate::{detect_language, split_sentences, Lang, Sentence};

/// A paragraph of the view (byte offsets into [`crate::Text::view`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Start byte offset in the view.
    pub start: usize,
    /// End byte offset in the view (exclusive).
    pub end: usize,
    /// Detected language.
    pub lang: Lang,
    /// Sentences of the paragraph.
    pub sentences: Vec<Sentence>,
}

/// Splits the view into non-empty lines and analyses each one.
pub(crate) fn analyze_paragraphs(view: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in view.split_inclusive('\n') {
        let trimmed_start = line.len() - line.trim_start().len();
        let body = line.trim();
        if !body.is_empty() {
            let start = pos + trimmed_start;
            let end = start + body.len();
            let lang = detect_language(body);
            let sentences = split_sentences(view, start..end, lang);
            out.push(Paragraph {
                start,
                end,
                lang,
                sentences,
            });
        }
        pos += line.len();
    }
    out
}
