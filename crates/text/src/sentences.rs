//! Sentence splitting.

use crate::Lang;

/// A sentence (byte offsets into [`crate::Text::view`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte offset in the view.
    pub start: usize,
    /// End byte offset in the view (exclusive).
    pub end: usize,
}

/// Splits `view[range]` into sentences.
pub fn split_sentences(view: &str, range: std::ops::Range<usize>, _lang: Lang) -> Vec<Sentence> {
    let mut out = Vec::new();
    let Some(text) = view.get(range.clone()) else {
        return out;
    };
    let mut start = 0;
    let mut prev_term = false;
    for (i, c) in text.char_indices() {
        if prev_term && c.is_whitespace() {
            push(&mut out, text, range.start, start, i);
            start = i;
        }
        prev_term = matches!(c, '.' | '!' | '?' | '…');
    }
    push(&mut out, text, range.start, start, text.len());
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, base: usize, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if !body.is_empty() {
        out.push(Sentence {
            start: base + start + lead,
            end: base + start + lead + body.len(),
        });
    }
}
