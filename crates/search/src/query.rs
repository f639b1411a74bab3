//! The query language, parsed by hand (tantivy's parser rejects
//! `O'zbekiston` and errors on much user input): words, `"phrases"`,
//! `-excluded` words or phrases, `OR` between alternatives, `AND` (the
//! default) between the rest. Bad input gets a message, never a panic.

use crate::analyzer::words;
use crate::error::SearchError;

/// Longest accepted query, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most words accepted in one query.
pub const MAX_QUERY_WORDS: usize = 64;

/// What one clause searches for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A single word.
    Word(String),
    /// Words that must follow each other (quoted, or joined by a hyphen).
    Phrase(Vec<String>),
}

/// One clause: an item, possibly excluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// What to search for.
    pub item: Item,
    /// `-word`: documents containing it are excluded.
    pub negated: bool,
}

/// A parsed query: every group must match; within a group any clause may.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Groups of alternatives (clauses joined by `OR`).
    pub groups: Vec<Vec<Clause>>,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

enum Lexeme {
    Or,
    And,
    Clause(Clause),
}

fn item_of(text: &str) -> Option<Item> {
    let mut ws: Vec<String> = words(text).map(|(s, e)| text[s..e].to_string()).collect();
    match ws.len() {
        0 => None,
        1 => ws.pop().map(Item::Word),
        _ => Some(Item::Phrase(ws)),
    }
}

fn lex(query: &str) -> Result<Vec<Lexeme>, SearchError> {
    let mut out = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() || c == '(' || c == ')' {
            chars.next();
            continue;
        }
        let mut negated = false;
        let mut at = start;
        if c == '-' {
            chars.next();
            match chars.peek() {
                Some(&(i, n)) if !n.is_whitespace() => {
                    negated = true;
                    at = i;
                }
                _ => continue,
            }
        }
        let first = query[at..].chars().next().unwrap_or(' ');
        if is_quote(first) {
            chars.next();
            let body_start = at + first.len_utf8();
            let close = chars.by_ref().find(|&(_, c)| is_quote(c));
            let Some((end, _)) = close else {
                return Err(SearchError::BadQuery(
                    "unbalanced quote: a phrase opened with \" is never closed".into(),
                ));
            };
            if let Some(item) = item_of(&query[body_start..end]) {
                out.push(Lexeme::Clause(Clause { item, negated }));
            }
            continue;
        }
        let mut end = query.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || is_quote(c) || c == '(' || c == ')' {
                end = i;
                break;
            }
            chars.next();
        }
        let chunk = &query[at..end];
        match (chunk, negated) {
            ("OR" | "|" | "||", false) => out.push(Lexeme::Or),
            ("AND" | "&" | "&&", false) => out.push(Lexeme::And),
            _ => {
                if let Some(item) = item_of(chunk) {
                    out.push(Lexeme::Clause(Clause { item, negated }));
                }
            }
        }
    }
    Ok(out)
}

/// Parses a query, or says in words what is wrong with it.
pub fn parse(query: &str) -> Result<ParsedQuery, SearchError> {
    if let Some(c) = query
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(SearchError::BadQuery(format!(
            "the query contains a control character (U+{:04X})",
            c as u32
        )));
    }
    if query.trim().is_empty() {
        return Err(SearchError::BadQuery("the query is empty".into()));
    }
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(SearchError::BadQuery(format!(
            "the query is too long ({length} characters; at most {MAX_QUERY_CHARS})"
        )));
    }
    let mut groups: Vec<Vec<Clause>> = Vec::new();
    let mut or_pending = false;
    let mut word_count = 0;
    for lexeme in lex(query)? {
        match lexeme {
            Lexeme::Or => or_pending = true,
            Lexeme::And => or_pending = false,
            Lexeme::Clause(clause) => {
                word_count += match &clause.item {
                    Item::Word(_) => 1,
                    Item::Phrase(ws) => ws.len(),
                };
                let joins = or_pending
                    && !clause.negated
                    && groups.last().is_some_and(|g| g.iter().all(|c| !c.negated));
                match groups.last_mut() {
                    Some(group) if joins => group.push(clause),
                    _ => groups.push(vec![clause]),
                }
                or_pending = false;
            }
        }
    }
    if word_count > MAX_QUERY_WORDS {
        return Err(SearchError::BadQuery(format!(
            "the query has too many words ({word_count}; at most {MAX_QUERY_WORDS})"
        )));
    }
    if groups.is_empty() {
        return Err(SearchError::BadQuery(
            "the query has no words to search for".into(),
        ));
    }
    if groups.iter().flatten().all(|c| c.negated) {
        return Err(SearchError::BadQuery(
            "the query only excludes words: add a word to search for".into(),
        ));
    }
    Ok(ParsedQuery { groups })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str, negated: bool) -> Clause {
        Clause {
            item: Item::Word(w.into()),
            negated,
        }
    }

    #[test]
    fn operators_phrases_and_exclusions() {
        let q = parse("газ OR нефть \"тауар айналымы\" -импорт O'zbekiston").unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![word("газ", false), word("нефть", false)],
                vec![Clause {
                    item: Item::Phrase(vec!["тауар".into(), "айналымы".into()]),
                    negated: false
                }],
                vec![word("импорт", true)],
                vec![word("O'zbekiston", false)],
            ]
        );
    }

    #[test]
    fn hyphenated_words_are_phrases() {
        let q = parse("сауда-экономикалық").unwrap();
        assert_eq!(
            q.groups[0][0].item,
            Item::Phrase(vec!["сауда".into(), "экономикалық".into()])
        );
    }

    #[test]
    fn bad_queries_say_why() {
        for (q, says) in [
            ("", "empty"),
            ("   ", "empty"),
            ("\"тауар айналымы", "unbalanced"),
            ("a\u{7}b", "control"),
            ("-газ", "only excludes"),
            ("OR AND", "no words"),
            ("!!! ??", "no words"),
        ] {
            let err = parse(q).unwrap_err().to_string();
            assert!(err.contains(says), "{q:?}: {err}");
        }
        let long = "слово ".repeat(2000);
        assert!(parse(&long).unwrap_err().to_string().contains("too long"));
    }
}
