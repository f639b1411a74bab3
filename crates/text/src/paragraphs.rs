//! Paragraphs of the repaired view and their languages.
//!
//! After the repairs every paragraph is one line of the view. Each gets a
//! language; a paragraph whose evidence is weak (a three-word heading, a
//! table row, a line of names) takes the language of its nearest clearly
//! identified neighbour of the same script, and a paragraph without
//! letters (a row of numbers) the language of its neighbours.

use crate::chars::Script;
use crate::langid::{evidence, Detection};
use crate::{split_sentences, Lang, Sentence};

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

/// Splits the view into non-blank lines (trimmed), with their detections.
/// A line whose own evidence is not clear but points at the language of
/// the nearest clear line of its script (the previous one on a tie) takes
/// it without asking cld2 (see [`crate::langid::Evidence::decide`]).
fn split_lines(view: &str) -> Vec<(usize, usize, Detection)> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in view.split_inclusive('\n') {
        let body = line.trim_start();
        let start = pos + (line.len() - body.len());
        let body = body.trim_end();
        if !body.is_empty() {
            lines.push((start, start + body.len(), evidence(body)));
        }
        pos += line.len();
    }
    let clear: Vec<Option<(Lang, Script)>> = lines
        .iter()
        .map(|l| l.2.clear().map(|lang| (lang, l.2.script())))
        .collect();
    let mut out = Vec::with_capacity(lines.len());
    for (i, (start, end, ev)) in lines.into_iter().enumerate() {
        let script = ev.script();
        let same = |c: &&Option<(Lang, Script)>| matches!(c, Some((_, s)) if *s == script);
        let before = clear[..i].iter().rev().position(|c| same(&c));
        let after = clear[i + 1..].iter().position(|c| same(&c));
        let nearest = match (before, after) {
            (Some(b), Some(a)) if a < b => Some(i + 1 + a),
            (Some(b), _) => Some(i - 1 - b),
            (None, Some(a)) => Some(i + 1 + a),
            (None, None) => None,
        };
        let neighbour = nearest.and_then(|n| clear[n]).map(|(lang, _)| lang);
        out.push((start, end, ev.decide(neighbour)));
    }
    out
}

/// Gives weakly identified paragraphs the language of their nearest
/// confident neighbour of the same script (the previous one on a tie).
fn smooth(detections: &[Detection]) -> Vec<Lang> {
    let mut langs: Vec<Lang> = detections.iter().map(|d| d.lang).collect();
    for (i, d) in detections.iter().enumerate() {
        if d.confident {
            continue;
        }
        let fits =
            |n: &&Detection| n.confident && (d.script == Script::Other || n.script == d.script);
        let before = detections[..i].iter().rev().position(|n| fits(&n));
        let after = detections[i + 1..].iter().position(|n| fits(&n));
        let neighbour = match (before, after) {
            (Some(b), Some(a)) if a < b => Some(i + 1 + a),
            (Some(b), _) => Some(i - 1 - b),
            (None, Some(a)) => Some(i + 1 + a),
            (None, None) => None,
        };
        if let Some(n) = neighbour {
            langs[i] = detections[n].lang;
        }
    }
    langs
}

/// Splits the view into paragraphs with languages and sentences.
pub(crate) fn analyze_paragraphs(view: &str) -> Vec<Paragraph> {
    let lines = split_lines(view);
    let detections: Vec<Detection> = lines.iter().map(|l| l.2).collect();
    let langs = smooth(&detections);
    lines
        .into_iter()
        .zip(langs)
        .map(|((start, end, _), lang)| Paragraph {
            start,
            end,
            lang,
            sentences: split_sentences(view, start..end, lang),
        })
        .collect()
}
