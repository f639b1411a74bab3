//! A small DOCX writer for tests: a ZIP archive with `[Content_Types].xml`,
//! a body of WordprocessingML written by the test, and optional core
//! properties (title, creation date).

use std::io::Write as _;

use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A paragraph of plain text.
pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A table: one `<w:tr>` per row, one `<w:tc>` per cell.
pub fn table(rows: &[&[&str]]) -> String {
    let rows: String = rows
        .iter()
        .map(|r| {
            let cells: String = r.iter().map(|c| format!("<w:tc>{}</w:tc>", p(c))).collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

/// The archive: `body` goes inside `<w:body>`; `core` is (title, created).
pub fn docx(body: &str, core: Option<(&str, &str)>) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
    );
    let mut parts = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
                .to_string(),
        ),
        ("word/document.xml", document),
    ];
    if let Some((title, created)) = core {
        parts.push((
            "docProps/core.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties \
                 xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
                 xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
                 <dc:title>{title}</dc:title>\
                 <dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
                 </cp:coreProperties>"
            ),
        ));
    }
    zip_parts(&parts)
}

/// A ZIP archive of the named parts, deflated.
pub fn zip_parts(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, content) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A DOCX whose body inflates to `size` bytes of spaces (a zip bomb).
pub fn bomb(size: usize) -> Vec<u8> {
    let body = format!("{}{}{}", p("Экспорт"), " ".repeat(size), p("өсті"));
    docx(&body, None)
}
