//! Line layout of the original and the decision which line breaks are
//! hard wraps (text pulled from PDFs) that the view joins into paragraphs.
//!
//! News text has one paragraph per line and is left alone. A document is
//! taken as hard-wrapped when most of its lines end with a trailing space
//! (the mark that PDF-to-text tools leave at soft wraps) or when most lines
//! end without sentence punctuation and few are long.

use crate::chars::{
    is_alphanumeric, is_horizontal_space, is_hyphen, is_letter, is_lowercase, is_sentence_terminal,
};
use crate::scan::{count_bytes, find_byte};

/// One line of the original.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    /// Start of the line.
    pub(crate) start: usize,
    /// Start of the content (after leading horizontal space).
    pub(crate) content_start: usize,
    /// End of the content (before trailing horizontal space).
    pub(crate) content_end: usize,
    /// End of the line (before its terminator).
    pub(crate) end: usize,
    /// Start of the next line (after the terminator).
    pub(crate) next: usize,
    /// Characters in the content.
    pub(crate) chars: usize,
}

impl Line {
    pub(crate) fn is_blank(&self) -> bool {
        self.content_start == self.content_end
    }

    fn has_trailing_space(&self) -> bool {
        self.content_end < self.end
    }
}

/// Splits `text` into lines (terminators: LF, CR, CRLF, VT, FF, NEL, LS, PS).
pub(crate) fn scan_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(skip) = find_byte(&bytes[i..], |b| {
        (b == b'\n') | (b == b'\r') | (b == 0x0B) | (b == 0x0C) | (b == 0xC2) | (b == 0xE2)
    }) {
        i += skip;
        let b = bytes[i];
        let terminator_len = match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\n' | b'\r' | 0x0B | 0x0C => 1,
            0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                3
            }
            _ => 0,
        };
        if terminator_len > 0 {
            lines.push(make_line(text, start, i, i + terminator_len));
            i += terminator_len;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        lines.push(make_line(text, start, bytes.len(), bytes.len()));
    }
    lines
}

fn make_line(text: &str, start: usize, end: usize, next: usize) -> Line {
    let body = text.get(start..end).unwrap_or("");
    let trimmed_start = body.trim_start_matches(is_horizontal_space);
    let content_start = start + (body.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches(is_horizontal_space);
    let content_end = content_start + trimmed.len();
    let chars = count_bytes(trimmed.as_bytes(), |b| (b & 0xC0) != 0x80);
    Line {
        start,
        content_start,
        content_end,
        end,
        next,
        chars,
    }
}

/// How a line break is rendered in the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Break {
    /// A soft wrap: the break (and blank line, if any) becomes one space.
    Space,
    /// A word hyphenated across the break; the hyphen starts at `hyphen`.
    /// Whether it stays is decided by [`super::hyphen`].
    Hyphen { hyphen: usize, keep: bool },
}

/// A planned join from `from` (end of a line's content) to `to` (start of
/// the content of a later line).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Join {
    /// Index of the line whose end is joined.
    pub(crate) line: usize,
    /// Index of the line joined to it.
    pub(crate) next_line: usize,
    pub(crate) kind: Break,
}

struct Layout {
    /// Lines end with a trailing space at soft wraps.
    trailing_space_marks_wraps: bool,
    /// The document looks hard-wrapped.
    wrapped: bool,
    /// Typical width (characters) of a full wrapped line.
    width: usize,
}

fn layout(text: &str, lines: &[Line]) -> Layout {
    let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let n = nonblank.len();
    let trailing = nonblank.iter().filter(|l| l.has_trailing_space()).count();
    let unterminated = nonblank
        .iter()
        .filter(|l| !last_char(text, l).is_some_and(ends_sentence))
        .count();
    let long = nonblank.iter().filter(|l| l.chars > 160).count();
    let mut widths: Vec<usize> = nonblank.iter().map(|l| l.chars).collect();
    widths.sort_unstable();
    let width = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0);
    let trailing_space_marks_wraps = n >= 3 && trailing * 3 >= n;
    let wrapped = trailing_space_marks_wraps || (n >= 4 && unterminated * 2 > n && long * 5 < n);
    Layout {
        trailing_space_marks_wraps,
        wrapped,
        width,
    }
}

fn ends_sentence(c: char) -> bool {
    is_sentence_terminal(c) || matches!(c, ':' | ';' | '»' | '"' | '”' | ')')
}

fn last_char(text: &str, line: &Line) -> Option<char> {
    text.get(line.content_start..line.content_end)
        .and_then(|s| s.chars().next_back())
}

fn first_char(text: &str, line: &Line) -> Option<char> {
    text.get(line.content_start..line.content_end)
        .and_then(|s| s.chars().next())
}

/// Whether a line starts a list item (`1. `, `2) `, `- `, `• `, `a) `).
fn starts_list_item(text: &str, line: &Line) -> bool {
    let Some(s) = text.get(line.content_start..line.content_end) else {
        return false;
    };
    let mut chars = s.chars();
    match chars.next() {
        Some('-' | '•' | '–' | '—' | '*' | '▪' | '●' | '◦') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = s.trim_start_matches(|d: char| d.is_ascii_digit());
            (rest.starts_with(". ") || rest.starts_with(") ")) && s.len() - rest.len() <= 3
        }
        Some(c) if c.is_alphabetic() => chars.next() == Some(')'),
        _ => false,
    }
}

/// Decides which line breaks the view joins.
pub(crate) fn plan_joins(text: &str, lines: &[Line]) -> Vec<Join> {
    let layout = layout(text, lines);
    let mut joins = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        let Some(next) = lines.get(i + 1) else {
            break;
        };
        if next.is_blank() {
            // A blank line inside a wrapped sentence (a page break): join
            // only when the sentence visibly goes on in lowercase.
            let after = lines.get(i + 2);
            if let Some(after) = after {
                if layout.wrapped && first_char(text, after).is_some_and(is_lowercase) {
                    if let Some(kind @ Break::Hyphen { .. }) = decide(text, &layout, line, after) {
                        joins.push(Join {
                            line: i,
                            next_line: i + 2,
                            kind,
                        });
                        i += 2;
                        continue;
                    }
                }
                let soft = if layout.trailing_space_marks_wraps {
                    line.has_trailing_space()
                } else {
                    layout.wrapped
                };
                if soft
                    && !after.is_blank()
                    && !last_char(text, line).is_some_and(ends_sentence)
                    && first_char(text, after).is_some_and(is_lowercase)
                {
                    joins.push(Join {
                        line: i,
                        next_line: i + 2,
                        kind: Break::Space,
                    });
                    i += 2;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if let Some(kind) = decide(text, &layout, line, next) {
            joins.push(Join {
                line: i,
                next_line: i + 1,
                kind,
            });
        }
        i += 1;
    }
    joins
}

fn decide(text: &str, layout: &Layout, line: &Line, next: &Line) -> Option<Break> {
    let last = last_char(text, line)?;
    let first = first_char(text, next)?;
    let next_lower = is_lowercase(first);
    if is_hyphen(last) && is_letter(first) {
        let hyphen = line.content_end - last.len_utf8();
        let before = text.get(..hyphen).and_then(|s| s.chars().next_back());
        if before.is_some_and(is_alphanumeric)
            && (layout.wrapped || next_lower || last == '\u{00AD}')
        {
            return Some(Break::Hyphen {
                hyphen,
                keep: false,
            });
        }
    }
    if starts_list_item(text, next) {
        return None;
    }
    let join = if layout.trailing_space_marks_wraps {
        line.has_trailing_space()
    } else if layout.wrapped {
        line.has_trailing_space()
            || (!ends_sentence(last) && (next_lower || line.chars * 10 >= layout.width * 6))
    } else {
        !ends_sentence(last) && (is_letter(last) || last == ',') && next_lower
    };
    join.then_some(Break::Space)
}
