//! Sentence and paragraph segmentation over tokens.
//!
//! Documents come with lines wrapped mid-sentence (PDF exports) as well as
//! one paragraph per line (news), so a line break ends a sentence only when
//! the line reads like a heading: it is short compared with the document's
//! usual line, or a blank line follows, and the next line starts with a
//! capitalised word.

use crate::matcher::FxSet;
use crate::tokens::{Kind, Tokens};

/// A sentence: tokens `start..end`, and whether it starts a paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sent {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Starts a new paragraph.
    pub para_start: bool,
}

fn titlecase_word(toks: &Tokens, i: usize) -> bool {
    if toks.kind(i) != Kind::Word {
        return false;
    }
    let mut cs = toks.text(i).chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) => a.is_uppercase() && b.is_lowercase(),
        (Some(a), None) => a.is_uppercase(),
        _ => false,
    }
}

fn starts_sentence(toks: &Tokens, i: usize) -> bool {
    match toks.kind(i) {
        Kind::Word => toks
            .text(i)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase()),
        Kind::Num => true,
        Kind::Punct => {
            matches!(toks.norm(i), "-" | "«" | "\"" | "(" | "“" | "„" | "•" | "[")
                || toks.text(i).chars().next().is_some_and(pictograph)
        }
        Kind::Space => false,
    }
}

/// Arrows, dingbats and emoji ("📊 2023 …", "✅ Экспорт …"): posts open
/// sentences with them.
fn pictograph(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// The longest first line (in bytes) read as a headline when it has no
/// full stop.
const HEADLINE_MAX: usize = 240;

/// Median length in bytes of the document's non-empty lines.
fn median_line_len(view: &str) -> usize {
    let mut lens: Vec<usize> = view
        .lines()
        .map(|l| l.trim().len())
        .filter(|&l| l > 0)
        .collect();
    if lens.is_empty() {
        return 0;
    }
    let mid = lens.len() / 2;
    let (_, m, _) = lens.select_nth_unstable(mid);
    *m
}

/// Splits the tokens into sentences. `abbreviations` are lower-case words
/// after which a full stop does not end a sentence; `title_line`: the first
/// line is a title (a plain-text header) and ends its own paragraph.
///
/// `scale_ends`: whether the abbreviation before the full stop at `dot` is
/// a scale word ("mln.") that ends the sentence when a capitalised word
/// other than a unit follows at `next` ("to 840 mln. Exports rose …").
pub(crate) fn split(
    toks: &Tokens,
    abbreviations: &FxSet<String>,
    title_line: bool,
    scale_ends: impl Fn(usize, usize) -> bool,
) -> Vec<Sent> {
    let mut title_pending = title_line;
    // the first line of a news text is its headline when it ends without
    // a full stop and the next line starts a sentence
    let mut first_line = true;
    let n = toks.len();
    let median = median_line_len(toks.view);
    let short_line = median * 4 / 5;
    let mut out = Vec::new();
    let mut start = 0;
    let mut para_start = true;
    let mut line_start_byte = 0usize;
    let mut i = 0;
    while i < n {
        let t = toks.toks[i];
        let mut cut = false;
        let mut new_para = false;
        if t.kind == Kind::Space {
            let next = i + 1;
            if t.newlines > 0 && std::mem::take(&mut title_pending) {
                first_line = false;
                cut = true;
                new_para = true;
                line_start_byte = t.end;
            } else if t.newlines > 0 {
                let headline = std::mem::take(&mut first_line);
                let line_len = toks.view[line_start_byte..t.start].trim().len();
                let prev = toks.prev_non_space(i, start);
                let prev_terminal = prev.is_some_and(|p| {
                    matches!(toks.norm(p), "." | "!" | "?" | "…" | ":" | "»" | "\"")
                });
                if next < n {
                    let blank = t.newlines >= 2;
                    if prev_terminal && starts_sentence(toks, next) {
                        let abbrev = prev.is_some_and(|p| {
                            toks.norm(p) == "."
                                && is_abbrev(toks, p, abbreviations)
                                && !(titlecase_word(toks, next) && scale_ends(p, next))
                        });
                        if !abbrev {
                            cut = true;
                            new_para = true;
                        }
                    } else if (titlecase_word(toks, next) && (blank || line_len < short_line))
                        || (blank && prev_terminal)
                        || (headline && line_len <= HEADLINE_MAX && starts_sentence(toks, next))
                    {
                        // a heading line, a blank line after a full stop, or
                        // the headline
                        cut = true;
                        new_para = true;
                    }
                }
                line_start_byte = t.end;
            } else if i > 0 && next < n {
                let p = i - 1;
                let pn = toks.norm(p);
                let terminal = match pn {
                    "!" | "?" | "…" => true,
                    "." => {
                        !is_abbrev(toks, p, abbreviations)
                            || (titlecase_word(toks, next) && scale_ends(p, next))
                    }
                    _ => false,
                };
                if toks.kind(p) == Kind::Punct && terminal && starts_sentence(toks, next) {
                    cut = true;
                }
            }
        }
        if cut {
            if i > start {
                out.push(Sent {
                    start,
                    end: i,
                    para_start,
                });
            }
            start = i + 1;
            para_start = new_para;
        }
        i += 1;
    }
    if n > start {
        out.push(Sent {
            start,
            end: n,
            para_start,
        });
    }
    cap_length(out)
}

/// Longest sentence in tokens; longer runs (tables of digits, lists without
/// full stops) are cut so that work per sentence stays bounded.
const MAX_TOKENS: usize = 600;

fn cap_length(sents: Vec<Sent>) -> Vec<Sent> {
    let mut out = Vec::with_capacity(sents.len());
    for s in sents {
        let mut a = s.start;
        let mut first = true;
        while a < s.end {
            let b = (a + MAX_TOKENS).min(s.end);
            out.push(Sent {
                start: a,
                end: b,
                para_start: s.para_start && first,
            });
            first = false;
            a = b;
        }
    }
    out
}

/// Whether the "." at token `dot` closes an abbreviation or an initial.
pub(crate) fn is_abbrev(toks: &Tokens, dot: usize, abbreviations: &FxSet<String>) -> bool {
    if dot == 0 || !toks.adjacent(dot - 1, dot) || toks.kind(dot - 1) != Kind::Word {
        return false;
    }
    let w = toks.norm(dot - 1);
    if w.chars().count() == 1
        && toks
            .text(dot - 1)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
    {
        return true;
    }
    abbreviations.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<String> {
        let t = Tokens::new(s);
        let abbr: FxSet<String> = ["млрд", "долл"].into_iter().map(str::to_string).collect();
        split(&t, &abbr, false, |dot, _| t.norm(dot - 1) == "млрд")
            .iter()
            .map(|x| s[t.toks[x.start].start..t.toks[x.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let v = sents("Экспорт 1,4 млрд. АҚШ долл. құрады. Г. В. Плеханов жазды. Бәрі.");
        assert_eq!(
            v,
            vec![
                "Экспорт 1,4 млрд. АҚШ долл. құрады.",
                "Г. В. Плеханов жазды.",
                "Бәрі."
            ]
        );
    }

    #[test]
    fn a_scale_abbreviation_ends_a_sentence_before_a_capitalised_word() {
        let v = sents("Экспорт 5 млрд. Импорт 3 млрд. АҚШ долл. құрады.");
        assert_eq!(
            v,
            vec!["Экспорт 5 млрд.", "Импорт 3 млрд. АҚШ долл. құрады."]
        );
    }

    #[test]
    fn a_question_ends_before_an_emoji() {
        let v = sents("Qancha investitsiya kiritildi? 📊 2023 yilda 5 mlrd so'm kiritildi.");
        assert_eq!(v.len(), 2, "{v:?}");
    }

    #[test]
    fn a_first_line_without_a_full_stop_is_the_headline() {
        let long = "O'zbekiston uzumi asosan Qozog'iston bozoriga sotilmoqda va talab yildan yilga oshmoqda";
        let body = format!("{long}\n2024 yilda O'zbekiston 12 ta davlatga 5 ming tonna uzum eksport qildi.\nBu ko'rsatkich o'tgan yilgidan yuqori.");
        let v = sents(&body);
        assert_eq!(v.len(), 3, "{v:?}");
        assert_eq!(v[0], long);
        // a wrapped line later in the text still joins the next one
        let wrapped = format!("Sarlavha\n{long}\nQozog'iston ham shunday qildi.");
        assert_eq!(sents(&wrapped).len(), 2);
    }

    #[test]
    fn wrapped_lines_join_and_headings_split() {
        let body = "Бұл сөйлем жолдан жолға ауысып жазылған өте ұзын сөйлем болып табылады және \nжалғасады әрі қарай да жалғаса береді, ол ұзын жол.\nҚысқа тақырып\nЖаңа абзац мұнда басталады және ол да ұзын болып жазылады әрі қарай жалғасады.";
        let v = sents(body);
        assert_eq!(v.len(), 3, "{v:?}");
        assert!(v[0].contains("жалғасады әрі"));
        assert_eq!(v[1], "Қысқа тақырып");
    }
}
