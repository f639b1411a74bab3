//! Serialising a [`Document`] as plain text, an HTML page or a JSON line.

use crate::document::Document;
use crate::lang::LangData;

/// The HTML page skeleton with `@@name@@` placeholders.
const PAGE: &str = include_str!("../data/page.html");

/// How precisely a JSON Lines record gives its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DatePrecision {
    /// `YYYY-MM-DD`
    Day,
    /// `YYYY-MM`
    Month,
    /// `YYYY`
    Year,
}

/// Plain text: a ` date YYYY-MM-DD Title` line, then one paragraph a line.
pub(crate) fn txt(doc: &Document, leading_space: bool) -> String {
    let mut out = String::with_capacity(2048);
    if leading_space {
        out.push(' ');
    }
    out.push_str("date ");
    out.push_str(&doc.date.iso());
    out.push(' ');
    out.push_str(&doc.title);
    out.push('\n');
    for p in &doc.paragraphs {
        out.push_str(p);
        out.push('\n');
    }
    out
}

/// Variations of the HTML page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HtmlStyle {
    /// Date in `article:published_time` (true) or `<meta name="date">` (false).
    pub(crate) published_time: bool,
    /// Body in `<article>` (true) or `<div class="article-body">` (false).
    pub(crate) article_tag: bool,
}

/// A full web page with boilerplate around the article.
pub(crate) fn html(doc: &Document, lang: &LangData, style: HtmlStyle) -> String {
    let date = doc.date.iso();
    let meta = if style.published_time {
        format!(r#"<meta property="article:published_time" content="{date}T09:30:00+05:00">"#)
    } else {
        format!(r#"<meta name="date" content="{date}">"#)
    };
    let (open, close) = if style.article_tag {
        ("<article>", "</article>")
    } else {
        (r#"<div class="article-body">"#, "</div>")
    };
    let list = |items: &mut dyn Iterator<Item = (usize, &String)>, indent: &str, prefix: &str| {
        items
            .map(|(i, t)| {
                format!(
                    r#"{indent}<li><a href="/{prefix}{i}">{}</a></li>"#,
                    escape(t)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let menu = list(&mut lang.ui.menu.iter().enumerate(), "        ", "section/");
    let related = list(&mut doc.related.iter().enumerate(), "        ", "news/");
    let paragraphs = doc
        .paragraphs
        .iter()
        .map(|p| format!("      <p>{}</p>", escape(p)))
        .collect::<Vec<_>>()
        .join("\n");
    let title = escape(&doc.title);
    let values: [(&str, &str); 13] = [
        ("lang", &lang.code),
        ("title", &title),
        ("site", &lang.ui.site),
        ("meta", &meta),
        ("menu", &menu),
        ("open", open),
        ("close", close),
        ("date", &date),
        ("paragraphs", &paragraphs),
        ("related_title", &lang.ui.related),
        ("related", &related),
        ("cookie", &lang.ui.cookie),
        ("accept", &lang.ui.accept),
    ];
    let mut out = PAGE.replace("@@footer@@", &lang.ui.footer);
    for (name, value) in values {
        out = out.replace(&format!("@@{name}@@"), value);
    }
    out
}

/// One JSON Lines record (with the trailing newline).
pub(crate) fn jsonl(doc: &Document, precision: DatePrecision) -> String {
    let iso = doc.date.iso();
    let date = match precision {
        DatePrecision::Day => &iso[..],
        DatePrecision::Month => &iso[..7],
        DatePrecision::Year => &iso[..4],
    };
    let record = serde_json::json!({
        "id": doc.id,
        "url": doc.url,
        "title": doc.title,
        "date": date,
        "text": doc.paragraphs.join("\n"),
    });
    let mut line = record.to_string();
    line.push('\n');
    line
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::build;
    use crate::lang::load_all;

    #[test]
    fn each_format_carries_title_date_and_text() {
        let langs = load_all().unwrap();
        let lang = &langs[0];
        let doc = build(lang, 3, 5);
        let date = doc.date.iso();

        let t = txt(&doc, true);
        assert!(t.starts_with(&format!(" date {date} {}\n", doc.title)));
        assert_eq!(t.lines().count(), 1 + doc.paragraphs.len());

        let style = HtmlStyle {
            published_time: false,
            article_tag: false,
        };
        let h = html(&doc, lang, style);
        assert!(!h.contains("@@"));
        assert!(h.contains(&format!(r#"<meta name="date" content="{date}">"#)));
        assert!(h.contains(r#"<div class="article-body">"#));
        assert!(h.contains(&format!("<p>{}</p>", escape(&doc.paragraphs[0]))));
        assert!(h.contains("<script>") && h.contains("<style>") && h.contains("<nav"));

        let j = jsonl(&doc, DatePrecision::Month);
        assert!(j.ends_with('\n') && j.trim_end().lines().count() == 1);
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["date"], &date[..7]);
        assert_eq!(v["text"], doc.paragraphs.join("\n"));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"a<b & "c">"#), "a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
