//! Whether a hyphen at the end of a line belongs to the word
//! (`іс-` + `қимыл` → `іс-қимыл`) or only splits it
//! (`ынтымақтас-` + `тық` → `ынтымақтастық`).
//!
//! Evidence, in order: digits (`2000-` + `2010`), a capitalised second half
//! (a name: `Қасым-` + `Жомарт`), the compound table in
//! `data/compounds.txt`, the Russian pattern `социально-` + adjective, and
//! finally the document itself: the joined word occurring elsewhere means
//! a split word; the first half starting an inline compound elsewhere, or
//! both halves occurring on their own, means a compound.

use std::collections::HashMap;

use super::lines::{Break, Join, Line};
use crate::chars::Script;
use crate::chars::{is_letter, script_of};
use crate::data::compounds;

/// Counts gathered from the document for one candidate word.
#[derive(Default, Clone, Copy)]
struct Evidence {
    /// Occurrences as a word on its own.
    alone: u32,
    /// Occurrences as the first half of an inline hyphenated compound.
    compound_first: u32,
}

struct Candidate {
    join: usize,
    first: String,
    second: String,
}

/// Decides `keep` for every [`Break::Hyphen`] join.
pub(crate) fn resolve(text: &str, lines: &[Line], joins: &mut [Join]) {
    let mut undecided = Vec::new();
    for (index, join) in joins.iter_mut().enumerate() {
        let Break::Hyphen { hyphen, .. } = join.kind else {
            continue;
        };
        let hyphen_char = text.get(hyphen..).and_then(|s| s.chars().next());
        if hyphen_char == Some('\u{00AD}') {
            continue;
        }
        let Some(next) = lines.get(join.next_line) else {
            continue;
        };
        let first = word_before(text, hyphen);
        let second = word_after(text, next.content_start);
        let first_digit = first
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        let second_capitalised = second.chars().next().is_some_and(char::is_uppercase);
        let first_l = first.to_lowercase();
        let second_l = second.to_lowercase();
        let keep = first_digit
            || first.is_empty()
            || (second_capitalised && !first.chars().all(char::is_uppercase))
            || compounds().is_compound(&first_l, &second_l)
            || russian_adjective_compound(&first_l, &second_l);
        if keep {
            join.kind = Break::Hyphen { hyphen, keep: true };
        } else {
            undecided.push(Candidate {
                join: index,
                first: first_l,
                second: second_l,
            });
        }
    }
    if undecided.is_empty() {
        return;
    }
    let mut evidence: HashMap<String, Evidence> = HashMap::new();
    for c in &undecided {
        evidence.entry(c.first.clone()).or_default();
        evidence.entry(c.second.clone()).or_default();
        evidence
            .entry(format!("{}{}", c.first, c.second))
            .or_default();
    }
    gather(text, &mut evidence);
    // Each candidate's own second half stands alone at the start of a line.
    let mut own_seconds: HashMap<&str, u32> = HashMap::new();
    for c in &undecided {
        *own_seconds.entry(c.second.as_str()).or_default() += 1;
    }
    let mut joined = String::new();
    for c in &undecided {
        joined.clear();
        joined.push_str(&c.first);
        joined.push_str(&c.second);
        let get = |w: &str| evidence.get(w).copied().unwrap_or_default();
        let first = get(&c.first);
        let second_alone = get(&c.second)
            .alone
            .saturating_sub(own_seconds.get(c.second.as_str()).copied().unwrap_or(0));
        let keep = if get(&joined).alone > 0 {
            false
        } else {
            first.compound_first > 0
                || (first.alone > 0
                    && second_alone > 0
                    && c.first.chars().count() >= 2
                    && c.second.chars().count() >= 2)
        };
        if let (Some(join), true) = (joins.get_mut(c.join), keep) {
            if let Break::Hyphen { hyphen, .. } = join.kind {
                join.kind = Break::Hyphen { hyphen, keep: true };
            }
        }
    }
}

/// The word (letters and digits) ending at `end`.
fn word_before(text: &str, end: usize) -> &str {
    let head = text.get(..end).unwrap_or("");
    let trimmed = head.trim_end_matches(|c: char| c.is_alphanumeric());
    &head[trimmed.len()..]
}

/// The word (letters) starting at `start`.
fn word_after(text: &str, start: usize) -> &str {
    let tail = text.get(start..).unwrap_or("");
    let end = tail
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(tail.len());
    &tail[..end]
}

/// Russian compound adjectives: `социально-` + `экономический`.
fn russian_adjective_compound(first: &str, second: &str) -> bool {
    const ENDINGS: [&str; 16] = [
        "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
        "ых", "ую",
    ];
    first.chars().count() >= 5
        && first.chars().all(|c| script_of(c) == Script::Cyrillic)
        && (first.ends_with('о') || first.ends_with('е'))
        && second.chars().count() >= 5
        && ENDINGS.iter().any(|e| second.ends_with(e))
}

/// Counts, for the words in `evidence`, how often they occur alone and as
/// the first half of an inline compound (`word-word` on one line).
fn gather(text: &str, evidence: &mut HashMap<String, Evidence>) {
    let mut lower = String::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find(is_letter) {
        let from = &rest[start..];
        let len = from.find(|c: char| !is_letter(c)).unwrap_or(from.len());
        let word = &from[..len];
        let after = &from[len..];
        let before = text[..offset + start].chars().next_back();
        lower.clear();
        lower.extend(word.chars().map(crate::chars::lower));
        if let Some(e) = evidence.get_mut(lower.as_str()) {
            let mut after_chars = after.chars();
            let inline_hyphen =
                after_chars.next() == Some('-') && after_chars.next().is_some_and(is_letter);
            if inline_hyphen {
                e.compound_first += 1;
            } else if before != Some('-') && !after.starts_with('-') {
                e.alone += 1;
            }
        }
        offset += start + len;
        rest = after;
    }
}
