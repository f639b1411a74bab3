//! Reading a feed: RSS 2.0 and Atom (through `feed-rs`), XML sitemaps and
//! sitemap indexes (through `quick-xml`), gzip-compressed or not. An HTML
//! page where a feed was expected is an error, not an empty feed.

use std::io::Read as _;

use quick_xml::events::Event;
use tandem_model::DocDate;

/// An article listed by a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Absolute http(s) URL of the article page.
    pub url: String,
    /// The feed's title for it.
    pub title: Option<String>,
    /// The feed's date for it (published, else updated / last modified).
    pub date: Option<DocDate>,
}

/// What a feed lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    /// Articles (RSS, Atom or a sitemap).
    Items(Vec<Item>),
    /// Further sitemaps (a sitemap index).
    Sitemaps(Vec<String>),
}

/// Parses a feed fetched from `url` (relative links are resolved against
/// it). `max_bytes` bounds a gzip-compressed sitemap once inflated.
pub fn parse(url: &str, bytes: &[u8], max_bytes: u64) -> Result<Listing, String> {
    let inflated;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        inflated = gunzip(bytes, max_bytes)?;
        &inflated[..]
    } else {
        bytes
    };
    let base = url::Url::parse(url).map_err(|e| format!("not a valid URL: {e}"))?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err("an HTML page, not a feed (RSS, Atom or XML sitemap)".into());
    }
    match root_element(bytes)?.as_str() {
        "urlset" => Ok(Listing::Items(sitemap_urls(&base, bytes)?)),
        "sitemapindex" => Ok(Listing::Sitemaps(
            sitemap_index(&base, bytes)?.into_iter().collect(),
        )),
        "rss" | "feed" | "RDF" => rss_or_atom(&base, bytes),
        "html" => Err("an HTML page, not a feed (RSS, Atom or XML sitemap)".into()),
        other => Err(format!(
            "not a feed: the root element is <{other}>, not <rss>, <feed>, <urlset> or <sitemapindex>"
        )),
    }
}

fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt gzip data: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!(
            "over the size limit of {limit} bytes once inflated"
        ));
    }
    Ok(out)
}

/// The local name of the first element.
fn root_element(bytes: &[u8]) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return Ok(e.local_name().as_ref().to_string())
            }
            Ok(Event::Eof) => return Err("empty: no XML element".into()),
            Ok(_) => {}
            Err(e) => return Err(format!("not XML: {e}")),
        }
        buf.clear();
    }
}

/// An absolute http(s) URL for `href`, resolved against the feed's URL.
fn absolute(base: &url::Url, href: &str) -> Option<String> {
    let u = base.join(href.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

fn date_of(s: &str) -> Option<DocDate> {
    let s = s.trim();
    DocDate::parse(&s[..s.find(['T', ' ']).unwrap_or(s.len())])
}

fn rss_or_atom(base: &url::Url, bytes: &[u8]) -> Result<Listing, String> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(bytes)
        .map_err(|e| format!("not a valid RSS or Atom feed: {e}"))?;
    let items = feed
        .entries
        .iter()
        .filter_map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.as_str())
                .or_else(|| entry.id.starts_with("http").then_some(entry.id.as_str()))?;
            Some(Item {
                url: absolute(base, link)?,
                title: entry
                    .title
                    .as_ref()
                    .map(|t| t.content.trim().to_string())
                    .filter(|t| !t.is_empty()),
                date: entry
                    .published
                    .or(entry.updated)
                    .and_then(|d| date_of(&d.date_naive().to_string())),
            })
        })
        .collect();
    Ok(Listing::Items(items))
}

/// Walks a sitemap, calling `on_entry` with the text of each child of a
/// `<url>` / `<sitemap>` entry (by local name) and `None` at its end.
fn walk_sitemap(
    bytes: &[u8],
    entry: &str,
    mut on_entry: impl FnMut(Option<(&str, String)>),
) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut field: Option<String> = None;
    let mut text = String::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                if name.as_ref() != entry {
                    field = Some(name.as_ref().to_string());
                    text.clear();
                }
            }
            Ok(Event::Text(t)) => {
                if field.is_some() {
                    text.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if field.is_some() {
                    let resolved = quick_xml::escape::resolve_predefined_entity(r.as_ref())
                        .map(str::to_string)
                        .or_else(|| r.resolve_char_ref().ok().flatten().map(|c| c.to_string()));
                    text.push_str(resolved.as_deref().unwrap_or(""));
                }
            }
            Ok(Event::CData(t)) => {
                if field.is_some() {
                    text.push_str(t.as_ref());
                }
            }
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == entry {
                    on_entry(None);
                } else if let Some(f) = field.take() {
                    on_entry(Some((&f, std::mem::take(&mut text))));
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "not a valid sitemap at byte {}: {e}",
                    reader.buffer_position()
                ))
            }
        }
        buf.clear();
    }
}

/// The pages of a `<urlset>`, with Google News titles and dates when given.
fn sitemap_urls(base: &url::Url, bytes: &[u8]) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let mut current = Item {
        url: String::new(),
        title: None,
        date: None,
    };
    let mut news_date = None;
    walk_sitemap(bytes, "url", |field| match field {
        Some(("loc", v)) => current.url = v,
        Some(("lastmod", v)) => current.date = date_of(&v),
        Some(("publication_date", v)) => news_date = date_of(&v),
        Some(("title", v)) if !v.trim().is_empty() => current.title = Some(v.trim().to_string()),
        Some(_) => {}
        None => {
            let mut item = std::mem::replace(
                &mut current,
                Item {
                    url: String::new(),
                    title: None,
                    date: None,
                },
            );
            item.date = news_date.take().or(item.date);
            if let Some(url) = absolute(base, &item.url) {
                items.push(Item { url, ..item });
            }
        }
    })?;
    Ok(items)
}

/// The sitemaps a `<sitemapindex>` lists.
fn sitemap_index(base: &url::Url, bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut urls = Vec::new();
    walk_sitemap(bytes, "sitemap", |field| {
        if let Some(("loc", v)) = field {
            urls.extend(absolute(base, &v));
        }
    })?;
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://news.example/feeds/main.xml";

    fn items(listing: Listing) -> Vec<Item> {
        match listing {
            Listing::Items(i) => i,
            Listing::Sitemaps(s) => panic!("expected items, got sitemaps {s:?}"),
        }
    }

    #[test]
    fn rss_items_have_absolute_links_titles_and_dates() {
        let rss = br#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>News</title><link>http://news.example/</link>
<item><title>Wheat exports up 8%</title><link>/a/wheat.html</link>
<pubDate>Tue, 04 Mar 2025 09:00:00 +0000</pubDate></item>
<item><title>No link here</title></item>
<item><link>http://other.example/b</link></item>
</channel></rss>"#;
        let got = items(parse(BASE, rss, 1 << 20).unwrap());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].url, "http://news.example/a/wheat.html");
        assert_eq!(got[0].title.as_deref(), Some("Wheat exports up 8%"));
        assert_eq!(got[0].date, DocDate::parse("2025-03-04"));
        assert_eq!(got[1].url, "http://other.example/b");
        assert_eq!(got[1].title, None);
    }

    #[test]
    fn atom_entries_use_their_alternate_link() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id><updated>2025-01-01T00:00:00Z</updated>
<entry><title>Cotton</title><id>urn:1</id><updated>2025-02-10T12:00:00Z</updated>
<link rel="edit" href="http://news.example/edit/1"/><link rel="alternate" href="http://news.example/cotton"/></entry>
</feed>"#;
        let got = items(parse(BASE, atom, 1 << 20).unwrap());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].url, "http://news.example/cotton");
        assert_eq!(got[0].date, DocDate::parse("2025-02-10"));
    }

    #[test]
    fn sitemaps_and_sitemap_indexes() {
        let urlset = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://news.example/x?a=1&amp;b=2</loc><lastmod>2025-05-06</lastmod></url>
<url><loc> http://news.example/y </loc>
  <news:news><news:publication_date>2025-05-07T10:00:00+05:00</news:publication_date><news:title>Gas</news:title></news:news>
  <lastmod>2025-06-01</lastmod></url>
<url><loc>ftp://news.example/z</loc></url>
</urlset>"#;
        let got = items(parse(BASE, urlset, 1 << 20).unwrap());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].url, "http://news.example/x?a=1&b=2");
        assert_eq!(got[0].date, DocDate::parse("2025-05-06"));
        assert_eq!(got[1].url, "http://news.example/y");
        assert_eq!(got[1].title.as_deref(), Some("Gas"));
        assert_eq!(got[1].date, DocDate::parse("2025-05-07"));

        let index = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemaps/1.xml</loc></sitemap><sitemap><loc>http://news.example/sitemaps/2.xml.gz</loc></sitemap>
</sitemapindex>"#;
        assert_eq!(
            parse(BASE, index, 1 << 20).unwrap(),
            Listing::Sitemaps(vec![
                "http://news.example/sitemaps/1.xml".into(),
                "http://news.example/sitemaps/2.xml.gz".into()
            ])
        );
    }

    #[test]
    fn gzip_sitemaps_are_inflated_within_the_limit() {
        use std::io::Write as _;
        let xml = b"<urlset><url><loc>http://news.example/g</loc></url></urlset>";
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(xml).unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(items(parse(BASE, &gz, 1 << 20).unwrap()).len(), 1);
        assert!(parse(BASE, &gz, 10).unwrap_err().contains("size limit"));
    }

    #[test]
    fn html_and_other_documents_are_refused_with_the_reason() {
        let html = b"\n  <!DOCTYPE html><html><body><p>Not a feed</p></body></html>";
        assert!(parse(BASE, html, 1 << 20)
            .unwrap_err()
            .contains("HTML page"));
        let html = b"<html><body>x</body></html>";
        assert!(parse(BASE, html, 1 << 20)
            .unwrap_err()
            .contains("HTML page"));
        let err = parse(BASE, b"<note>hi</note>", 1 << 20).unwrap_err();
        assert!(err.contains("<note>"), "{err}");
        assert!(parse(BASE, b"", 1 << 20).unwrap_err().contains("empty"));
        assert!(parse(BASE, b"<rss><channel><item>", 1 << 20).is_err());
    }
}
