//! HTML pages: the article's main text, its title and publication date,
//! without scripts, styles, navigation or other boilerplate.

use scraper::{ElementRef, Html, Node, Selector};
use tandem_model::DocDate;

use crate::{content_id, Format, SourceDoc};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "menu", "figure",
];

/// Class or id fragments that mark boilerplate containers.
const BOILERPLATE: &[&str] = &[
    "cookie",
    "banner",
    "sidebar",
    "related",
    "share",
    "social",
    "comment",
    "breadcrumb",
    "menu",
    "subscribe",
    "advert",
    "promo",
    "footer",
    "header",
    "nav",
    "popup",
    "modal",
];

/// Elements that make a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "td",
    "pre",
    "dd",
    "dt",
];

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// Reads the main text of a page; `None` when it has no text at all.
pub(crate) fn read(source: &str, name: &str, html: &str) -> Option<SourceDoc> {
    let doc = Html::parse_document(html);
    let title = meta(&doc, &["meta[property='og:title']", "meta[name='title']"])
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| first_text(&doc, "h1"))
        .filter(|t| !t.is_empty());
    let date = meta(
        &doc,
        &[
            "meta[property='article:published_time']",
            "meta[name='article:published_time']",
            "meta[property='og:published_time']",
            "meta[name='date']",
            "meta[name='pubdate']",
            "meta[name='publish-date']",
            "meta[name='DC.date']",
            "meta[itemprop='datePublished']",
        ],
    )
    .or_else(|| {
        sel("time[datetime]")
            .and_then(|s| doc.select(&s).next())
            .and_then(|e| e.value().attr("datetime").map(str::to_string))
    })
    .and_then(|d| parse_date(&d));
    let root = main_element(&doc)?;
    let mut paragraphs = Vec::new();
    collect_blocks(root, &mut paragraphs);
    if paragraphs.is_empty() {
        let t = normalise_space(&element_text(root));
        if !t.is_empty() {
            paragraphs.push(t);
        }
    }
    let text = paragraphs.join("\n\n");
    if text.trim().is_empty() {
        return None;
    }
    let url = meta(&doc, &["meta[property='og:url']", "link[rel='canonical']"]);
    Some(SourceDoc {
        id: content_id(title.as_deref(), date, &text),
        name: name.to_string(),
        source: source.to_string(),
        url,
        title,
        date,
        format: Format::Html,
        text,
        table: None,
    })
}

/// Parses the date part of `2025-11-15`, `2025-11-15T08:00:00+05:00`, `2025-11`, `2025`.
fn parse_date(s: &str) -> Option<DocDate> {
    let s = s.trim();
    let cut = s.find(['T', ' ']).unwrap_or(s.len());
    DocDate::parse(&s[..cut])
}

fn meta(doc: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        let s = sel(s)?;
        let e = doc.select(&s).next()?;
        let v = e
            .value()
            .attr("content")
            .or_else(|| e.value().attr("href"))?;
        let v = normalise_space(v);
        (!v.is_empty()).then_some(v)
    })
}

fn first_text(doc: &Html, s: &str) -> Option<String> {
    let s = sel(s)?;
    doc.select(&s)
        .next()
        .map(|e| normalise_space(&element_text(e)))
}

/// The element holding the article: `<article>`, an element marked as the
/// article body, `<main>`, else the element with the most paragraph text.
fn main_element(doc: &Html) -> Option<ElementRef<'_>> {
    for s in [
        "[itemprop='articleBody']",
        "article",
        "[class*='article-body']",
        "[class*='article__body']",
        "[class*='article-text']",
        "[class*='entry-content']",
        "[class*='post-content']",
        "main",
    ] {
        if let Some(e) = sel(s).and_then(|s| doc.select(&s).find(|e| !is_skipped(e))) {
            if text_len(e) > 0 {
                return Some(e);
            }
        }
    }
    // The parent of paragraphs with the most text.
    let p = sel("p")?;
    let mut best: Option<(ElementRef<'_>, usize)> = None;
    let mut scores: Vec<(ego_tree::NodeId, usize)> = Vec::new();
    for para in doc.select(&p).filter(|e| !inside_skipped(e)) {
        if let Some(parent) = para.parent().and_then(ElementRef::wrap) {
            let len = element_text(para).trim().len();
            match scores.iter_mut().find(|(id, _)| *id == parent.id()) {
                Some(s) => s.1 += len,
                None => scores.push((parent.id(), len)),
            }
        }
    }
    for (id, score) in scores {
        if let Some(e) = doc.tree.get(id).and_then(ElementRef::wrap) {
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((e, score));
            }
        }
    }
    best.map(|(e, _)| e)
        .or_else(|| sel("body").and_then(|s| doc.select(&s).next()))
}

fn is_skipped(e: &ElementRef<'_>) -> bool {
    let v = e.value();
    if SKIP.contains(&v.name()) {
        return true;
    }
    let role = v.attr("role").unwrap_or("");
    matches!(
        role,
        "navigation" | "banner" | "contentinfo" | "complementary"
    ) || v.attr("aria-hidden") == Some("true")
        || [v.attr("class"), v.attr("id")]
            .into_iter()
            .flatten()
            .any(has_boilerplate_mark)
}

/// Whether a class or id attribute has a word (letters, digits, `-`, `_`)
/// that is a boilerplate fragment or starts with one followed by `-` or `_`
/// (ASCII case ignored).
fn has_boilerplate_mark(marks: &str) -> bool {
    marks
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        .any(|w| {
            BOILERPLATE
                .iter()
                .any(|b| is_mark(w.as_bytes(), b.as_bytes()))
        })
}

/// `word` is `fragment`, or `fragment` followed by `-` or `_` and more.
fn is_mark(word: &[u8], fragment: &[u8]) -> bool {
    word.get(..fragment.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(fragment))
        && matches!(word.get(fragment.len()), None | Some(b'-' | b'_'))
}

fn inside_skipped(e: &ElementRef<'_>) -> bool {
    is_skipped(e)
        || e.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_skipped(&a))
}

fn text_len(e: ElementRef<'_>) -> usize {
    element_text(e).trim().len()
}

/// Text of an element, skipping boilerplate descendants.
fn element_text(e: ElementRef<'_>) -> String {
    let mut out = String::new();
    push_text(e, &mut out);
    out
}

fn push_text(e: ElementRef<'_>, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                if el.name() == "br" {
                    out.push(' ');
                } else if let Some(ce) = ElementRef::wrap(child) {
                    if !is_skipped(&ce) {
                        push_text(ce, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Paragraph-level blocks in document order; text outside blocks (e.g. a bare
/// text node in a div) becomes its own paragraph.
fn collect_blocks(e: ElementRef<'_>, out: &mut Vec<String>) {
    let mut loose = String::new();
    for child in e.children() {
        match child.value() {
            Node::Text(t) => loose.push_str(t),
            Node::Element(el) => {
                let Some(ce) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_skipped(&ce) {
                    continue;
                }
                if BLOCKS.contains(&el.name()) {
                    flush(&mut loose, out);
                    let t = normalise_space(&element_text(ce));
                    if !t.is_empty() {
                        out.push(t);
                    }
                } else if matches!(
                    el.name(),
                    "div"
                        | "section"
                        | "article"
                        | "main"
                        | "ul"
                        | "ol"
                        | "table"
                        | "tbody"
                        | "tr"
                        | "dl"
                        | "body"
                ) {
                    flush(&mut loose, out);
                    collect_blocks(ce, out);
                } else {
                    push_text(ce, &mut loose);
                }
            }
            _ => {}
        }
    }
    flush(&mut loose, out);
}

fn flush(loose: &mut String, out: &mut Vec<String>) {
    let t = normalise_space(loose);
    if !t.is_empty() {
        out.push(t);
    }
    loose.clear();
}

/// Collapses runs of whitespace (including newlines and NBSP runs) to one space.
fn normalise_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_marks_are_whole_words_or_prefixes() {
        assert!(has_boilerplate_mark("main Sidebar-left"));
        assert!(has_boilerplate_mark("NAV"));
        assert!(has_boilerplate_mark("top nav_bar"));
        assert!(has_boilerplate_mark("x menu-"));
        assert!(!has_boilerplate_mark("menus canvas"));
        assert!(!has_boilerplate_mark("article-body"));
        assert!(!has_boilerplate_mark(""));
    }

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Site | Trade grows</title>
<meta property="og:title" content="Trade between Kazakhstan and Uzbekistan grows">
<meta property="article:published_time" content="2025-10-02T09:30:00+05:00">
<style>p { color: red }</style><script>var tracking = "Товарооборот 99 млрд";</script>
</head><body>
<header><nav><ul><li>Home</li><li>Economy</li></ul></nav></header>
<div class="cookie-banner">We use cookies.</div>
<article><h1>Trade grows</h1>
<p>Mutual trade reached <b>$4.1 bn</b> in 2024.</p>
<p>Exports rose by 12%.</p>
<aside class="related"><p>Read also: something else</p></aside>
</article>
<footer>© 2025 News site</footer></body></html>"#;

    #[test]
    fn keeps_article_text_title_and_date_only() {
        let doc = read("p.html", "p", PAGE).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Trade between Kazakhstan and Uzbekistan grows")
        );
        assert_eq!(doc.date.unwrap().to_string(), "2025-10-02");
        assert_eq!(
            doc.text,
            "Trade grows\n\nMutual trade reached $4.1 bn in 2024.\n\nExports rose by 12%."
        );
    }

    #[test]
    fn without_article_tag_takes_the_densest_paragraph_container() {
        let html = r#"<html><head><title>T</title><meta name="date" content="2024-05"></head><body>
<div id="menu"><p>Home</p><p>About</p></div>
<div class="content-x"><p>Ташкент и Астана подписали 17 документов на сумму 1,2 млрд долларов.</p>
<p>Второй абзац статьи, довольно длинный.</p></div>
<div class="footer"><p>Contacts</p></div></body></html>"#;
        let doc = read("x.html", "x", html).unwrap();
        assert_eq!(doc.date.unwrap().to_string(), "2024-05");
        assert!(doc.text.starts_with("Ташкент и Астана"), "{}", doc.text);
        assert!(!doc.text.contains("Home") && !doc.text.contains("Contacts"));
    }
}
