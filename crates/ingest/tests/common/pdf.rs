//! A small PDF writer for tests and benchmarks: pages of text lines at given
//! positions, in the standard Helvetica font with a custom one-byte encoding
//! whose `/ToUnicode` map gives each code its letter, so Cyrillic text has
//! a real text layer; pages holding only an image stand for scanned pages.
//! Metadata: `/Title` (UTF-16) and `/CreationDate` in the Info dictionary.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One line of text: left edge, baseline (points from the bottom of an
/// A4 page), font size, text.
pub type Line<'a> = (f32, f32, f32, &'a str);

/// One page: text lines, or an image only.
enum Page {
    Text(Vec<(f32, f32, f32, String)>),
    Image,
}

/// A PDF being assembled.
#[derive(Default)]
pub struct Pdf {
    pages: Vec<Page>,
    title: Option<String>,
    date: Option<String>,
}

impl Pdf {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the Info dictionary's `/Title`.
    pub fn title(mut self, title: &str) -> Self {
        self.title = Some(title.to_string());
        self
    }

    /// Sets the Info dictionary's `/CreationDate`, e.g. `D:20251124090000Z`.
    pub fn date(mut self, date: &str) -> Self {
        self.date = Some(date.to_string());
        self
    }

    /// Adds a page of text lines.
    pub fn page(&mut self, lines: &[Line<'_>]) {
        self.pages.push(Page::Text(
            lines
                .iter()
                .map(|&(x, y, s, t)| (x, y, s, t.to_string()))
                .collect(),
        ));
    }

    /// Adds a page holding one grey image and no text (a scanned page).
    pub fn image_page(&mut self) {
        self.pages.push(Page::Image);
    }

    /// The codes of the non-ASCII characters used (128 and up).
    fn encoding(&self) -> BTreeMap<char, u8> {
        let mut chars: Vec<char> = self
            .pages
            .iter()
            .flat_map(|p| match p {
                Page::Text(lines) => lines.iter().flat_map(|l| l.3.chars()).collect(),
                Page::Image => Vec::new(),
            })
            .filter(|c| !c.is_ascii())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        assert!(chars.len() <= 128, "too many distinct letters for one font");
        chars
            .into_iter()
            .enumerate()
            .map(|(i, c)| (c, 128 + i as u8))
            .collect()
    }

    /// The file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let codes = self.encoding();
        // Objects 1..: catalog, pages, font, ToUnicode, info, image, then
        // page and content stream pairs.
        let mut objects: Vec<Vec<u8>> = Vec::new();
        let n_pages = self.pages.len();
        let first_page = 7;
        let kids: Vec<String> = (0..n_pages)
            .map(|i| format!("{} 0 R", first_page + 2 * i))
            .collect();
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {n_pages} >>",
                kids.join(" ")
            )
            .into_bytes(),
        );
        let differences: Vec<String> = codes
            .keys()
            .map(|c| format!("/uni{:04X}", *c as u32))
            .collect();
        let widths = vec!["556"; 224].join(" ");
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 \
                 /Widths [{widths}] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding \
                 /Differences [128 {}] >> /ToUnicode 4 0 R >>",
                differences.join(" ")
            )
            .into_bytes(),
        );
        objects.push(stream(to_unicode(&codes).as_bytes(), ""));
        let mut info = String::from("<< /Producer (Tandem test writer)");
        if let Some(t) = &self.title {
            let hex: String = t.encode_utf16().map(|u| format!("{u:04X}")).collect();
            write!(info, " /Title <FEFF{hex}>").unwrap();
        }
        if let Some(d) = &self.date {
            write!(info, " /CreationDate ({d})").unwrap();
        }
        info.push_str(" >>");
        objects.push(info.into_bytes());
        objects.push(stream(
            &[0x80; 64],
            "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
        ));
        for page in &self.pages {
            let content_obj = objects.len() + 2;
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                     /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> \
                     /Contents {content_obj} 0 R >>"
                )
                .into_bytes(),
            );
            let content = match page {
                Page::Image => b"q 515 0 0 762 40 40 cm /Im1 Do Q".to_vec(),
                Page::Text(lines) => {
                    let mut c = Vec::new();
                    for (x, y, size, text) in lines {
                        c.extend_from_slice(format!("BT /F1 {size} Tf {x} {y} Td (").as_bytes());
                        for ch in text.chars() {
                            let b = if ch.is_ascii() { ch as u8 } else { codes[&ch] };
                            match b {
                                b'(' | b')' | b'\\' => c.extend_from_slice(&[b'\\', b]),
                                32..=126 => c.push(b),
                                _ => c.extend_from_slice(format!("\\{b:03o}").as_bytes()),
                            }
                        }
                        c.extend_from_slice(b") Tj ET\n");
                    }
                    c
                }
            };
            objects.push(stream(&content, ""));
        }
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        write_str(
            &mut out,
            &format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1),
        );
        for off in offsets {
            write_str(&mut out, &format!("{off:010} 00000 n \n"));
        }
        write_str(
            &mut out,
            &format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            ),
        );
        out
    }
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
}

/// A stream object with extra dictionary entries.
fn stream(data: &[u8], dict: &str) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// The `/ToUnicode` CMap: printable ASCII to itself, the other codes to
/// their letters.
fn to_unicode(codes: &BTreeMap<char, u8>) -> String {
    let mut pairs: Vec<(u8, char)> = (32u8..127).map(|b| (b, b as char)).collect();
    pairs.extend(codes.iter().map(|(&c, &b)| (b, c)));
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Tandem-Test-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    for chunk in pairs.chunks(100) {
        writeln!(s, "{} beginbfchar", chunk.len()).unwrap();
        for (b, c) in chunk {
            writeln!(s, "<{b:02X}> <{:04X}>", *c as u32).unwrap();
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}
