//! Sentence splitting around abbreviations, initials, decimals and
//! numbered lists.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus closing quotes and
//! brackets) followed by space and a word that can start a sentence, or at
//! a line break. A period does not end a sentence after:
//! - an abbreviation that precedes what it qualifies (`Dr.`, `им.`,
//!   `т.е.`), or one that follows it (`млрд.`, `т.б.`) unless a capital
//!   follows; `ж.`/`г.` count as the latter after a number (`2023 г.`) and
//!   as the former otherwise (`г. Алматы`) — lists in
//!   `data/abbreviations/`;
//! - an initial (`Г. В. Плеханова`, `Е.Ф.`);
//! - the number of a list item at the start of a sentence (`1. Item`);
//! - inside a number (`2.5`), since no space follows.
//!
//! A period glued to a capitalised word (`етті.Осыған`) ends a sentence
//! when a lowercase word of three letters or more precedes it.

use std::ops::Range;

use crate::chars::{
    is_alphanumeric, is_closing, is_lowercase, is_sentence_terminal, is_uppercase, push_lowercase,
};
use crate::data::{abbreviations, AbbrevKind, Abbreviations};
use crate::scan::find_byte;
use crate::Lang;

/// A sentence (byte offsets into [`crate::Text::view`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte offset in the view.
    pub start: usize,
    /// End byte offset in the view (exclusive).
    pub end: usize,
}

/// Splits `view[range]` into sentences (view byte offsets, trimmed of
/// surrounding whitespace). A range that is out of bounds or not on char
/// boundaries yields no sentences.
pub fn split_sentences(view: &str, range: Range<usize>, lang: Lang) -> Vec<Sentence> {
    let mut out = Vec::new();
    let Some(text) = view.get(range.clone()) else {
        return out;
    };
    let abbrevs = abbreviations(lang);
    // The lowercased token before a period, reused.
    let mut lower = String::new();
    let base = range.start;
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        // Jump to the next byte that can start a terminal or a line break.
        let Some(skip) = find_byte(&bytes[i..], |b| {
            (b == b'.') | (b == b'!') | (b == b'?') | (b == b'\n') | (b == 0xE2)
        }) else {
            break;
        };
        i += skip;
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        if c == '\n' {
            push(&mut out, text, base, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if !is_sentence_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        // The cluster of terminal punctuation and closing quotes/brackets.
        let mut end = i;
        let mut single_period = true;
        let mut count = 0;
        for d in text[i..].chars() {
            if is_sentence_terminal(d) {
                single_period &= d == '.';
                count += 1;
            } else if !is_closing(d) {
                break;
            }
            end += d.len_utf8();
        }
        single_period &= count == 1;
        let after = &text[end..];
        let next_start = end + (after.len() - after.trim_start_matches([' ', '\t']).len());
        let boundary = if next_start == end {
            // Nothing or no space follows: only a glued capital counts.
            end < text.len()
                && bytes.get(end) != Some(&b'\n')
                && single_period
                && glued_sentence(text, start, i, end)
        } else if next_start >= text.len() {
            false
        } else if single_period {
            period_ends_sentence(text, abbrevs, start, i, next_start, &mut lower)
        } else {
            !starts_lowercase(&text[next_start..])
        };
        if boundary {
            push(&mut out, text, base, start, end);
            start = next_start;
        }
        i = end.max(i + c.len_utf8());
    }
    push(&mut out, text, base, start, text.len());
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, base: usize, start: usize, end: usize) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if !body.is_empty() {
        out.push(Sentence {
            start: base + start + lead,
            end: base + start + lead + body.len(),
        });
    }
}

/// The first letter or digit of `s` after opening punctuation.
fn first_significant(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| is_alphanumeric(c) || c.is_whitespace())
        .filter(|c| !c.is_whitespace())
}

fn starts_lowercase(s: &str) -> bool {
    first_significant(s).is_some_and(is_lowercase)
}

/// The last whitespace-delimited token of `text[from..end]` (trailing
/// whitespace ignored): where it starts, and the token without opening
/// punctuation.
fn token_before(text: &str, from: usize, end: usize) -> (usize, &str) {
    let head = text.get(from..end).unwrap_or("").trim_end();
    let token_start = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let token = &head[token_start..];
    (
        from + token_start,
        token.trim_start_matches(|c: char| !is_alphanumeric(c)),
    )
}

fn is_number(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '–' | '—' | '/'))
}

/// Single letters joined by periods: `Г`, `Е.Ф`, `A.B.C`.
fn is_initials(token: &str) -> bool {
    !token.is_empty()
        && token.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        })
}

fn period_ends_sentence(
    text: &str,
    abbrevs: &Abbreviations,
    sentence_start: usize,
    period: usize,
    next_start: usize,
    lower: &mut String,
) -> bool {
    let next = &text[next_start..];
    let first = first_significant(next);
    let next_upper = first.is_some_and(is_uppercase);
    let next_digit = first.is_some_and(|c| c.is_ascii_digit());
    let (token_start, token) = token_before(text, sentence_start, period);
    if token.is_empty() {
        return next_upper || next_digit;
    }
    // `1. Item`: the number of a list item.
    if token_start == sentence_start
        && token.len() <= 3
        && token.chars().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    let kind = if !token.contains('.') && abbrevs.too_long(token.chars().count()) {
        None
    } else {
        lower.clear();
        push_lowercase(lower, token);
        abbrevs.get(lower.as_str()).copied().or_else(|| {
            // `и т.п`, `долл.США`: try the part after the last inner period.
            lower
                .rsplit_once('.')
                .and_then(|(_, last)| abbrevs.get(last).copied())
        })
    };
    if let Some(kind) = kind {
        let kind = match kind {
            AbbrevKind::Year => {
                let (_, previous) = token_before(text, sentence_start, token_start);
                if is_number(previous) {
                    AbbrevKind::After
                } else {
                    AbbrevKind::Before
                }
            }
            other => other,
        };
        // `млрд. долл. США`: an acronym after an abbreviation continues it.
        return kind == AbbrevKind::After && next_upper && !starts_with_acronym(next);
    }
    if is_initials(token) {
        return false;
    }
    next_upper || next_digit
}

/// Whether `s` starts with an all-capital word of 2–5 letters (`США`, `АҚШ`).
fn starts_with_acronym(s: &str) -> bool {
    let word: Vec<char> = s.chars().take_while(|c| c.is_alphabetic()).collect();
    (2..=5).contains(&word.len()) && word.iter().all(|c| c.is_uppercase())
}

/// `етті.Осыған`: a period between a lowercase word (3+ letters) and a
/// capitalised word.
fn glued_sentence(text: &str, sentence_start: usize, period: usize, after: usize) -> bool {
    let head = &text[sentence_start..period];
    let word: Vec<char> = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .collect();
    let mut next = text[after..].chars();
    word.len() == 3
        && word.iter().all(|c| c.is_lowercase())
        && next.next().is_some_and(char::is_uppercase)
        && next.next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        split_sentences(text, 0..text.len(), lang)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn out_of_bounds_range_is_empty() {
        assert!(split_sentences("abc", 2..10, Lang::En).is_empty());
        assert!(split_sentences("жж", 1..2, Lang::Kk).is_empty());
    }

    #[test]
    fn initials_and_tokens() {
        assert!(is_initials("Г"));
        assert!(is_initials("Е.Ф"));
        assert!(!is_initials("Ерлан"));
        let text = "Оның «т.б. ";
        assert_eq!(
            token_before(text, 0, text.len() - 2),
            ("Оның ".len(), "т.б")
        );
        assert_eq!(token_before(text, 0, "Оның ".len()), (0, "Оның"));
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("One. Two! Three? four", Lang::En),
            ["One.", "Two!", "Three? four"]
        );
    }
}
