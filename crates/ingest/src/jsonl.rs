//! JSON Lines: one document per line with `id`, `url`, `title`, `date`, `text`.

use serde::Deserialize;
use tandem_model::DocDate;

use crate::{content_id, Format, Read, Reason, Rejection, SourceDoc};

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    text: Option<String>,
}

/// Whether the text looks like JSON Lines: its first non-blank line is a JSON object.
pub(crate) fn looks_like(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            let l = l.trim();
            l.starts_with('{')
                && l.ends_with('}')
                && serde_json::from_str::<serde_json::Value>(l).is_ok()
        })
}

/// Reads every line; bad lines are rejected one by one, the others kept.
pub(crate) fn read(source: &str, text: &str) -> Read {
    let mut out = Read::default();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let reject = |message: String| Rejection {
            source: source.to_string(),
            reason: Reason::BadRecord {
                line: line_no,
                message,
            },
        };
        let rec: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                out.rejected.push(reject(format!("not a JSON object: {e}")));
                continue;
            }
        };
        let Some(body) = rec.text.filter(|t| !t.trim().is_empty()) else {
            out.rejected
                .push(reject("no `text`, or it is empty".into()));
            continue;
        };
        let date = match rec.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => match DocDate::parse(
                d.get(..10)
                    .filter(|_| d.len() > 10 && d.as_bytes()[10] == b'T')
                    .unwrap_or(d),
            ) {
                Some(d) => Some(d),
                None => {
                    out.rejected.push(reject(format!(
                        "`date` {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD"
                    )));
                    continue;
                }
            },
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let name = id.clone().unwrap_or_else(|| format!("line-{line_no}"));
        let title = rec.title.filter(|t| !t.trim().is_empty());
        out.docs.push(SourceDoc {
            id: content_id(title.as_deref(), date, &body),
            source: format!("{source}#{name}"),
            name,
            url: rec.url,
            title,
            date,
            format: Format::Jsonl,
            text: body,
            table: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_good_lines_and_rejects_bad_ones_with_their_line_number() {
        let text = r#"{"id":"a1","url":"https://x/1","title":"T","date":"2024-05","text":"Export grew by 5%."}
not json
{"id":"a2","date":"2024","text":""}
{"id":7,"date":"2025-13-01","text":"x"}
{"title":"no id","date":"2023-02-01T10:00:00Z","text":"Body."}
"#;
        let r = read("feed.jsonl", text);
        assert_eq!(r.docs.len(), 2);
        assert_eq!(r.docs[0].name, "a1");
        assert_eq!(r.docs[0].source, "feed.jsonl#a1");
        assert_eq!(r.docs[0].date.unwrap().to_string(), "2024-05");
        assert_eq!(r.docs[1].name, "line-5");
        assert_eq!(r.docs[1].date.unwrap().to_string(), "2023-02-01");
        let lines: Vec<usize> = r
            .rejected
            .iter()
            .map(|j| match j.reason {
                Reason::BadRecord { line, .. } => line,
                _ => 0,
            })
            .collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }

    #[test]
    fn recognises_json_lines_by_content() {
        assert!(looks_like("\n{\"text\": \"a\"}\n"));
        assert!(!looks_like("{not json}"));
        assert!(!looks_like(" date 2025-01-01 T\n{\"a\":1}"));
    }
}
