//! Plain text documents, with an optional ` date YYYY-MM-DD Title` first line.

use tandem_model::DocDate;

use crate::{content_id, Format, SourceDoc};

/// Parses the header line ` date YYYY[-MM[-DD]] Title` (leading space optional).
pub fn parse_header(first_line: &str) -> Option<(DocDate, &str)> {
    let rest = first_line.trim_start().strip_prefix("date ")?;
    let (date, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    Some((DocDate::parse(date)?, title.trim()))
}

/// Reads a plain-text document; the text keeps the header line.
pub(crate) fn read(source: &str, name: &str, text: String) -> SourceDoc {
    let first = text.lines().next().unwrap_or("");
    let (date, title) = match parse_header(first) {
        Some((d, t)) => (Some(d), (!t.is_empty()).then(|| t.to_string())),
        None => {
            let t = first.trim();
            (
                None,
                (!t.is_empty() && t.chars().count() <= 200).then(|| t.to_string()),
            )
        }
    };
    SourceDoc {
        id: content_id(title.as_deref(), date, &text),
        name: name.to_string(),
        source: source.to_string(),
        url: None,
        title,
        date,
        format: Format::Txt,
        text,
        table: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_gives_date_and_title_with_or_without_leading_space() {
        let (d, t) = parse_header(" date 2025-11-15 Тауар айналымы өсті").unwrap();
        assert_eq!(
            (d.to_string().as_str(), t),
            ("2025-11-15", "Тауар айналымы өсті")
        );
        let (d, t) = parse_header("date 2024-03 Savdo").unwrap();
        assert_eq!((d.to_string().as_str(), t), ("2024-03", "Savdo"));
        assert!(parse_header("updated 2025-11-15 x").is_none());
        assert!(parse_header("date 15.11.2025 x").is_none());
    }

    #[test]
    fn undated_text_takes_its_short_first_line_as_title() {
        let doc = read("a.txt", "a", "Headline\nBody text.".into());
        assert_eq!(doc.title.as_deref(), Some("Headline"));
        assert!(doc.date.is_none());
        assert_eq!(doc.text, "Headline\nBody text.");
    }
}
