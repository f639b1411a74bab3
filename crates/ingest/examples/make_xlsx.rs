//! Writes a workbook whose one sheet inflates to about the given size, for
//! the memory benchmark of `tandem ingest` on workbooks near the zip-bomb
//! bound (BENCHMARKS.md):
//! `cargo run --release -p tandem-ingest --example make_xlsx -- OUT.xlsx 190`
//! gives a sheet of about 190 MB of XML: rows of 20 numeric cells, in the
//! most compact form the format allows (no cell references), so as many
//! cells as the bytes can hold. `make_xlsx OUT.xlsx far` writes instead a
//! tiny sheet of two cells, `A1` and `XFD1048576`, the corners of the
//! largest grid a sheet can have.

use std::io::Write as _;

use zip::write::SimpleFileOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(mb)) = (args.next(), args.next()) else {
        eprintln!("usage: make_xlsx OUT.xlsx MEGABYTES|far");
        std::process::exit(2);
    };
    let far = mb == "far";
    let target: usize = if far {
        0
    } else {
        mb.parse::<usize>().expect("MEGABYTES is a number") << 20
    };
    let file = std::fs::File::create(&out).expect("create the workbook");
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, content) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("write");
    }
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("zip entry");
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
    let tail = "</sheetData></worksheet>";
    zip.write_all(head.as_bytes()).expect("write");
    if far {
        let cells = r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#;
        zip.write_all(cells.as_bytes()).expect("write");
    }
    let mut size = head.len() + tail.len();
    let (mut rows, mut cells) = (0usize, 0usize);
    while size < target {
        let mut row = String::from("<row>");
        for c in 0..20 {
            row.push_str(&format!("<c><v>{}</v></c>", (rows * 7 + c) % 1000));
        }
        row.push_str("</row>");
        zip.write_all(row.as_bytes()).expect("write");
        size += row.len();
        rows += 1;
        cells += 20;
    }
    zip.write_all(tail.as_bytes()).expect("write");
    zip.finish().expect("finish the workbook");
    eprintln!("{out}: {rows} rows, {cells} cells, {size} bytes of sheet XML");
}
