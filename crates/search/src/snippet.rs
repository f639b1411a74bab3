//! Snippets: the passage of a document where the query's terms cluster,
//! as plain text with the byte ranges of the matched words.

use std::collections::HashSet;

use crate::analyzer::{words, Analyzer, Scratch};

/// Target snippet length in characters.
pub const SNIPPET_CHARS: usize = 220;
/// Characters of context kept before the first match.
const LEAD_CHARS: usize = 60;
/// Stop looking for matches after this many.
const MAX_MATCHES: usize = 2000;
/// Only this many leading bytes of a document are searched for matches.
const SCAN_BYTES: usize = 2_000_000;

/// A snippet and the byte ranges of its highlighted words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// Plain text, whitespace collapsed to single spaces.
    pub text: String,
    /// Byte ranges of matched words in `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// Byte offset `chars` characters after (positive) or before `from`.
fn step_chars(text: &str, from: usize, chars: isize) -> usize {
    if chars >= 0 {
        text[from..]
            .char_indices()
            .nth(chars as usize)
            .map_or(text.len(), |(i, _)| from + i)
    } else {
        text[..from]
            .char_indices()
            .rev()
            .nth((-chars - 1) as usize)
            .map_or(0, |(i, _)| i)
    }
}

/// Builds the snippet of `text` for the index terms `terms` under `analyzer`.
pub fn make_snippet(text: &str, analyzer: &Analyzer, terms: &HashSet<String>) -> Snippet {
    let mut matches: Vec<(usize, usize, String)> = Vec::new();
    let mut scratch = Scratch::default();
    let mut term = String::new();
    if !terms.is_empty() {
        let mut scan_end = text.len().min(SCAN_BYTES);
        while !text.is_char_boundary(scan_end) {
            scan_end -= 1;
        }
        for (s, e) in words(&text[..scan_end]) {
            if analyzer.term_into(&text[s..e], &mut scratch, &mut term) && terms.contains(&term) {
                matches.push((s, e, term.clone()));
                if matches.len() >= MAX_MATCHES {
                    break;
                }
            }
        }
    }
    // The window with the most distinct terms (then the most matches) wins.
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, first match index)
    for i in 0..matches.len() {
        let limit = step_chars(
            text,
            matches[i].0,
            SNIPPET_CHARS as isize - LEAD_CHARS as isize,
        );
        let mut distinct = HashSet::new();
        let mut count = 0;
        for m in matches[i..].iter().take_while(|m| m.1 <= limit) {
            distinct.insert(m.2.as_str());
            count += 1;
        }
        if (distinct.len(), count) > (best.0, best.1) {
            best = (distinct.len(), count, i);
        }
    }
    let start = match matches.get(best.2) {
        Some(m) if best.1 > 0 => {
            let back = step_chars(text, m.0, -(LEAD_CHARS as isize));
            // begin at a word start
            text[back..m.0]
                .char_indices()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(back, |(i, c)| back + i + c.len_utf8())
        }
        _ => 0,
    };
    let mut end = step_chars(text, start, SNIPPET_CHARS as isize);
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            if space > 0 {
                end = start + space;
            }
        }
    }
    let mut out = Snippet::default();
    if !text[..start].trim().is_empty() {
        out.text.push_str("… ");
    }
    let mut offsets = Vec::new(); // (original offset, snippet offset)
    let mut last_space = true;
    for (i, c) in text[start..end].char_indices() {
        offsets.push((start + i, out.text.len()));
        if c.is_whitespace() || c.is_control() {
            if !last_space {
                out.text.push(' ');
            }
            last_space = true;
        } else {
            out.text.push(c);
            last_space = false;
        }
    }
    offsets.push((end, out.text.len()));
    let trimmed = out.text.trim_end().len();
    out.text.truncate(trimmed);
    let map = |orig: usize| {
        offsets
            .binary_search_by_key(&orig, |&(o, _)| o)
            .map(|i| offsets[i].1.min(trimmed))
            .ok()
    };
    for (s, e, _) in matches.iter().filter(|m| m.0 >= start && m.1 <= end) {
        if let (Some(a), Some(b)) = (map(*s), map(*e)) {
            if a < b {
                out.highlights.push((a, b));
            }
        }
    }
    if end < text.len() {
        out.text.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LangGroup;

    fn snippet(text: &str, words: &[&str]) -> Snippet {
        let analyzer = Analyzer::new(LangGroup::Kk).unwrap();
        let terms = words.iter().filter_map(|w| analyzer.term(w)).collect();
        make_snippet(text, &analyzer, &terms)
    }

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect()
    }

    #[test]
    fn highlights_inflected_forms_in_the_best_window() {
        let filler = "бос сөз ".repeat(80);
        let text = format!("{filler}Өзбекстанмен сауда\n\nартты, саудада өсім бар. {filler}");
        let s = snippet(&text, &["Өзбекстан", "сауда"]);
        assert_eq!(marked(&s), ["Өзбекстанмен", "сауда", "саудада"]);
        assert!(s.text.starts_with("… ") && s.text.ends_with(" …"));
        assert!(!s.text.contains('\n'));
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 4);
    }

    #[test]
    fn without_matches_the_snippet_is_the_beginning() {
        let s = snippet("Бірінші сөйлем. Екінші сөйлем.", &["жоқ"]);
        assert_eq!(s.text, "Бірінші сөйлем. Екінші сөйлем.");
        assert!(s.highlights.is_empty());
    }
}
