//! Statistics tables read as official figures: workbooks written here with
//! `rust_xlsxwriter`, CSV files written as text, read through the public
//! reader exactly as `tandem ingest` reads them.

use std::io::Write as _;

use rust_xlsxwriter::Workbook;
use tandem_ingest::{read_bytes, read_path, Format, Reason, SourceDoc};
use tandem_model::{Figure, SourceKind};

const MAX: u64 = 50 * 1024 * 1024;

fn one_doc(read: tandem_ingest::Read) -> SourceDoc {
    assert!(read.rejected.is_empty(), "{:?}", read.rejected);
    assert_eq!(read.docs.len(), 1);
    read.docs.into_iter().next().unwrap()
}

fn figures(doc: &SourceDoc) -> &[Figure] {
    &doc.table.as_ref().expect("a table").figures
}

fn by_cell<'a>(doc: &'a SourceDoc, cell: &str) -> &'a Figure {
    figures(doc)
        .iter()
        .find(|f| f.cell.as_deref() == Some(cell))
        .unwrap_or_else(|| panic!("no figure from {cell}: {:#?}", figures(doc)))
}

/// Checks one figure completely, that its span is its cell's text and its
/// sentence its row.
#[allow(clippy::too_many_arguments)]
fn assert_figure(
    doc: &SourceDoc,
    cell: &str,
    value: f64,
    indicator: &str,
    subject: &str,
    partner: Option<&str>,
    period: &str,
    product: Option<&str>,
) {
    let f = by_cell(doc, cell);
    assert_eq!(f.value, value, "{cell}");
    assert_eq!(f.indicator, indicator, "{cell}");
    assert_eq!(f.subject.as_deref(), Some(subject), "{cell}");
    assert_eq!(f.partner.as_deref(), partner, "{cell}");
    assert_eq!(f.period.as_deref(), Some(period), "{cell}");
    assert_eq!(f.product.as_deref(), product, "{cell}");
    assert_eq!(f.unit, "USD");
    assert_eq!(f.measure, "level");
    assert_eq!(f.kind, "actual");
    assert_eq!(f.source_kind, SourceKind::Official);
    assert_eq!(&doc.text[f.start..f.end], f.text, "{cell}");
    // the sentence is the cell's own row, as it stands in the text
    let row_start = doc.text[..f.start].rfind('\n').map_or(0, |i| i + 1);
    let row_end = doc.text[f.end..]
        .find('\n')
        .map_or(doc.text.len(), |i| f.end + i);
    assert_eq!(f.sentence, doc.text[row_start..row_end], "{cell}");
}

#[test]
fn statistics_office_workbook_with_countries_in_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kz-trade.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Sheet1").unwrap();
    ws.write(0, 0, "Внешняя торговля Республики Казахстан, млн долл. США")
        .unwrap();
    for (c, h) in ["Страна", "Экспорт 2023", "Импорт 2023", "Товарооборот 2024"]
        .iter()
        .enumerate()
    {
        ws.write(2, c as u16, *h).unwrap();
    }
    let rows = [
        ("Узбекистан", 2800.5, 1601.2, 4045.9),
        ("Кыргызстан", 1250.0, 640.25, 1903.5),
    ];
    for (i, (country, e, m, t)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write(r, 0, *country).unwrap();
        ws.write(r, 1, *e).unwrap();
        ws.write(r, 2, *m).unwrap();
        ws.write(r, 3, *t).unwrap();
    }
    wb.save(&path).unwrap();

    let doc = one_doc(read_path(&path, MAX));
    assert_eq!(doc.format, Format::Xlsx);
    assert_eq!(figures(&doc).len(), 6, "{:#?}", figures(&doc));
    let uz = Some("UZ");
    assert_figure(
        &doc,
        "Sheet1!B4",
        2800.5e6,
        "trade.export",
        "KZ",
        uz,
        "2023",
        None,
    );
    assert_figure(
        &doc,
        "Sheet1!C4",
        1601.2e6,
        "trade.import",
        "KZ",
        uz,
        "2023",
        None,
    );
    assert_figure(
        &doc,
        "Sheet1!D4",
        4045.9e6,
        "trade.turnover",
        "KZ",
        uz,
        "2024",
        None,
    );
    assert_figure(
        &doc,
        "Sheet1!C5",
        640.25e6,
        "trade.import",
        "KZ",
        Some("KG"),
        "2023",
        None,
    );
    assert_eq!(by_cell(&doc, "Sheet1!B4").text, "2800.5");
}

#[test]
fn statistics_office_workbook_with_countries_across_a_row() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Export").unwrap();
    ws.write(0, 0, "Экспорт Республики Узбекистан, тыс. долл. США")
        .unwrap();
    ws.write(1, 0, "Год").unwrap();
    ws.write(1, 1, "Казахстан").unwrap();
    ws.write(1, 2, "Таджикистан").unwrap();
    ws.write(2, 0, "2023").unwrap();
    ws.write(2, 1, 1500000.0).unwrap();
    ws.write(2, 2, 300000.0).unwrap();
    ws.write(3, 0, "2024").unwrap();
    ws.write(3, 1, 1650000.0).unwrap();
    ws.write(3, 2, 350000.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();

    let doc = one_doc(read_bytes("uz.xlsx", Some("uz.xlsx"), &bytes, MAX));
    assert_eq!(figures(&doc).len(), 4, "{:#?}", figures(&doc));
    let kz = Some("KZ");
    assert_figure(
        &doc,
        "Export!B3",
        1.5e9,
        "trade.export",
        "UZ",
        kz,
        "2023",
        None,
    );
    assert_figure(
        &doc,
        "Export!C4",
        3.5e8,
        "trade.export",
        "UZ",
        Some("TJ"),
        "2024",
        None,
    );
}

/// An OpenDocument spreadsheet written here by hand: the `mimetype`
/// entry, a manifest and `content.xml` with one sheet.
fn ods(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let cell = |c: &&str| {
        match c.replace(',', ".").parse::<f64>() {
        Ok(x) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{x}\"><text:p>{c}</text:p></table:table-cell>"
        ),
        Err(_) if c.is_empty() => "<table:table-cell/>".to_string(),
        Err(_) => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{c}</text:p></table:table-cell>"
        ),
    }
    };
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}</table:table-row>",
                r.iter().map(cell).collect::<String>()
            )
        })
        .collect();
    ods_of_rows(sheet, &body)
}

/// An OpenDocument spreadsheet of one sheet whose rows are `body`.
fn ods_of_rows(sheet: &str, body: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"{sheet}\">{body}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn statistics_office_ods_spreadsheet() {
    let bytes = ods(
        "Импорт",
        &[
            &["Импорт Кыргызской Республики, млн долл. США"],
            &["Страна", "2023", "2024"],
            &["Казахстан", "890,5", "955,25"],
            &["Узбекистан", "", "410"],
        ],
    );
    let doc = one_doc(read_bytes(
        "kg-import.ods",
        Some("kg-import.ods"),
        &bytes,
        MAX,
    ));
    assert_eq!(doc.format, Format::Ods);
    assert_eq!(figures(&doc).len(), 3, "{:#?}", figures(&doc));
    assert_figure(
        &doc,
        "Импорт!B3",
        890.5e6,
        "trade.import",
        "KG",
        Some("KZ"),
        "2023",
        None,
    );
    assert_figure(
        &doc,
        "Импорт!C4",
        410e6,
        "trade.import",
        "KG",
        Some("UZ"),
        "2024",
        None,
    );
    // cut short, it is refused naming the file
    let r = rejected(read_bytes(
        "cut.ods",
        Some("cut.ods"),
        &bytes[..bytes.len() / 2],
        MAX,
    ));
    assert!(
        r.to_string()
            .starts_with("cut.ods: not a readable ODS workbook"),
        "{r}"
    );
}

#[test]
fn un_comtrade_csv_export() {
    let csv = "\
typeCode,freqCode,refYear,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,cmdCode,cmdDesc,primaryValue
C,A,2023,2023,398,KAZ,Kazakhstan,X,Export,860,UZB,Uzbekistan,TOTAL,All Commodities,2790123456.5
C,A,2023,2023,398,KAZ,Kazakhstan,M,Import,860,UZB,Uzbekistan,1001,Wheat and meslin,1234567
C,M,2023,202309,860,UZB,Uzbekistan,X,Export,398,KAZ,Kazakhstan,27,Mineral fuels,98765
C,A,2023,2023,398,KAZ,Kazakhstan,X,Export,0,W00,World,TOTAL,All Commodities,78000000000
C,A,2023,2023,398,KAZ,Kazakhstan,RX,Re-export,860,UZB,Uzbekistan,TOTAL,All Commodities,5
";
    let doc = one_doc(read_bytes(
        "comtrade.csv",
        Some("comtrade.csv"),
        csv.as_bytes(),
        MAX,
    ));
    assert_eq!(doc.format, Format::Csv);
    assert_eq!(
        figures(&doc).len(),
        4,
        "re-exports left out: {:#?}",
        figures(&doc)
    );
    let (kz, uz) = (Some("KZ"), Some("UZ"));
    assert_figure(
        &doc,
        "O2",
        2790123456.5,
        "trade.export",
        "KZ",
        uz,
        "2023",
        None,
    );
    assert_figure(
        &doc,
        "O3",
        1234567.0,
        "trade.import",
        "KZ",
        uz,
        "2023",
        Some("10"),
    );
    assert_figure(
        &doc,
        "O4",
        98765.0,
        "trade.export",
        "UZ",
        kz,
        "2023-09",
        Some("27"),
    );
    assert_figure(&doc, "O5", 78e9, "trade.export", "KZ", None, "2023", None);
}

#[test]
fn windows_1251_semicolon_csv_with_a_title_row() {
    let text = "Товарооборот Республики Казахстан, млн долл. США;;\r\n\
                Страна;2023;2024\r\n\
                Узбекистан;4 398,2;4 045,9\r\n\
                Таджикистан;1 090,0;1 120,4\r\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!bad);
    let doc = one_doc(read_bytes("t.csv", Some("t.csv"), &bytes, MAX));
    assert_eq!(figures(&doc).len(), 4, "{:#?}", figures(&doc));
    assert_figure(
        &doc,
        "C3",
        4045.9e6,
        "trade.turnover",
        "KZ",
        Some("UZ"),
        "2024",
        None,
    );
    assert_figure(
        &doc,
        "B4",
        1090e6,
        "trade.turnover",
        "KZ",
        Some("TJ"),
        "2023",
        None,
    );
    assert_eq!(by_cell(&doc, "C3").text, "4 045,9");
}

#[test]
fn a_table_without_countries_is_stored_as_text_with_the_reason() {
    let csv = "product,2023,2024\nwheat,10,12\ncement,3,4\n";
    let doc = one_doc(read_bytes("p.csv", Some("p.csv"), csv.as_bytes(), MAX));
    let table = doc.table.as_ref().unwrap();
    assert!(table.figures.is_empty());
    assert_eq!(
        table.unread.as_deref(),
        Some("no country column or row found")
    );
    assert!(doc.text.contains("wheat\t10\t12"), "{}", doc.text);
}

fn rejected(read: tandem_ingest::Read) -> tandem_ingest::Rejection {
    assert!(read.docs.is_empty());
    assert_eq!(read.rejected.len(), 1, "{:?}", read.rejected);
    read.rejected.into_iter().next().unwrap()
}

#[test]
fn a_csv_that_is_not_a_table_is_rejected_naming_the_file() {
    let text = "This is a letter.\nIt has no columns at all.\n";
    let r = rejected(read_bytes(
        "dir/letter.csv",
        Some("letter.csv"),
        text.as_bytes(),
        MAX,
    ));
    assert_eq!(r.source, "dir/letter.csv");
    assert!(
        r.to_string().starts_with("dir/letter.csv: not a table"),
        "{r}"
    );
}

#[test]
fn a_truncated_workbook_is_rejected_naming_the_file() {
    let mut wb = Workbook::new();
    wb.add_worksheet().write(0, 0, "Узбекистан").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let r = rejected(read_bytes("cut.xlsx", Some("cut.xlsx"), cut, MAX));
    assert!(matches!(r.reason, Reason::Table(_)), "{r}");
    assert!(
        r.to_string()
            .starts_with("cut.xlsx: not a readable XLSX workbook"),
        "{r}"
    );
}

#[test]
fn a_zip_bomb_posing_as_a_workbook_is_refused_before_it_is_inflated() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        zip.write_all(&zeros).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "64 MiB of zeros pack small");
    // a 1 MiB file limit allows 4 MiB inflated
    let r = rejected(read_bytes("bomb.xlsx", Some("bomb.xlsx"), &bytes, 1 << 20));
    assert!(matches!(r.reason, Reason::TooLarge { .. }), "{r}");
    assert!(r.to_string().starts_with("bomb.xlsx: too large"), "{r}");
}

#[test]
fn workbooks_that_would_fill_memory_once_read_are_refused_naming_the_file() {
    // two cells at the corners of the largest sheet: calamine's dense range
    // would allocate 17 billion cells at once (and abort); read cell by
    // cell, it is a million blank lines and one row of 16,384 cells
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_number(0, 0, 1.0).unwrap();
    sheet.write_number(1_048_575, 16_383, 2.0).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(bytes.len() < 16 << 10, "{} bytes", bytes.len());
    let doc = one_doc(read_bytes("far.xlsx", Some("far.xlsx"), &bytes, MAX));
    // the title, a blank line, the sheet name, then the rows
    assert_eq!(doc.text.matches('\n').count(), 3 + 1_048_576);
    assert!(doc.text.ends_with(&format!("{}2\n", "\t".repeat(16_383))));
    // a cell at the last column of each of 1,000 rows: 16 million cells
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for row in 0..1000 {
        sheet.write_number(row, 0, 1.0).unwrap();
        sheet.write_number(row, 16_383, 2.0).unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(bytes.len() < 64 << 10, "{} bytes", bytes.len());
    let r = rejected(read_bytes("wide.xlsx", Some("wide.xlsx"), &bytes, MAX)).to_string();
    // refused as it grows past the bound, before it is read whole
    assert!(
        r.starts_with(
            "wide.xlsx: not read: its sheets span more than 13107200 cells (sheet \"Sheet1\" reaches 131"
        ) && r.ends_with(
            "; cells in use and the blank ones between them, at most max_file_bytes / 4)"
        ),
        "{r}"
    );
    // one shared string of 32,760 letters (62 KB) in 1,000 cells: 62 MB of
    // text, over the limit
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let long = "Казахстан ".repeat(3276);
    for row in 0..1000 {
        sheet.write_string(row, 0, &long).unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let r = rejected(read_bytes(
        "strings.xlsx",
        Some("strings.xlsx"),
        &bytes,
        MAX,
    ));
    assert!(
        matches!(r.reason, Reason::TooLarge { limit: MAX, .. }),
        "{r}"
    );
    // an ODS row of 1,000 cells repeated a million times: a billion cells
    let body = "<table:table-row table:number-rows-repeated=\"1000000\">\
        <table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"float\" \
        office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row>";
    let r = rejected(read_bytes(
        "rows.ods",
        Some("rows.ods"),
        &ods_of_rows("S", body),
        MAX,
    ));
    assert_eq!(
        r.reason,
        Reason::TooLarge {
            size: 2_000_000_000,
            limit: MAX
        }
    );
    // and two cells 16,000 columns apart in 1,000 rows: 16 million cells
    let body = "<table:table-row table:number-rows-repeated=\"1000\">\
        <table:table-cell office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell>\
        <table:table-cell table:number-columns-repeated=\"16000\"/>\
        <table:table-cell office:value-type=\"float\" office:value=\"2\"><text:p>2</text:p></table:table-cell>\
        </table:table-row>";
    let r = rejected(read_bytes(
        "wide.ods",
        Some("wide.ods"),
        &ods_of_rows("S", body),
        MAX,
    ));
    assert!(
        r.to_string().starts_with(
            "wide.ods: not read: its sheets span more than 13107200 cells (sheet \"S\" reaches 16002000;"
        ),
        "{r}"
    );
    // the blank rows and columns an office suite writes after a table
    // count for nothing: the table is read
    let cell = |v: &str| {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>")
    };
    let number = |v: &str| {
        format!("<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>")
    };
    let filler = "<table:table-cell table:number-columns-repeated=\"1021\"/>";
    let row = |cells: String| format!("<table:table-row>{cells}{filler}</table:table-row>");
    let body = [
        row(cell("Импорт Кыргызской Республики, млн долл. США")),
        row(format!(
            "{}{}{}",
            cell("Страна"),
            cell("2023"),
            cell("2024")
        )),
        row(format!(
            "{}{}{}",
            cell("Казахстан"),
            number("890.5"),
            number("955.25")
        )),
        row(format!(
            "{}{}{}",
            cell("Узбекистан"),
            number("380"),
            number("410")
        )),
        "<table:table-row table:number-rows-repeated=\"1048572\">\
         <table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
            .to_string(),
    ]
    .concat();
    let doc = one_doc(read_bytes(
        "kg.ods",
        Some("kg.ods"),
        &ods_of_rows("Импорт", &body),
        MAX,
    ));
    assert_eq!(figures(&doc).len(), 4, "{:#?}", doc.table);
}

/// A UN Comtrade export of `rows` rows after its header: row `i` (table
/// row `i + 2`) reports Kazakhstan's exports to Uzbekistan of HS chapter
/// `10 + i % 80` in 2023 worth `1000 + i` dollars.
fn comtrade_rows(rows: usize) -> String {
    let mut csv = String::from(
        "typeCode,freqCode,refYear,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,cmdCode,cmdDesc,primaryValue\n",
    );
    for i in 0..rows {
        csv.push_str(&format!(
            "C,A,2023,2023,398,KAZ,Kazakhstan,X,Export,860,UZB,Uzbekistan,{},Goods of chapter {},{}\n",
            10 + i % 80,
            10 + i % 80,
            1000 + i
        ));
    }
    csv
}

/// Checks the parts of a Comtrade table of `rows` rows read in parts:
/// each a document with the header on top, every row's figure read once
/// with the cell reference of the whole table.
fn assert_parts(parts: &[tandem_ingest::Read], source: &str, rows: usize) {
    assert!(parts.len() > 2, "{} parts", parts.len());
    let mut seen = vec![false; rows];
    for (n, part) in parts.iter().enumerate() {
        let doc = one_doc(tandem_ingest::Read {
            docs: part.docs.clone(),
            rejected: part.rejected.clone(),
        });
        assert_eq!(doc.source, format!("{source}#part-{}", n + 1));
        let mut lines = doc.text.lines();
        let title = lines.next().unwrap();
        assert!(
            title.starts_with(&format!("big (part {}: rows ", n + 1)),
            "{title}"
        );
        assert!(
            lines.next().unwrap().starts_with("typeCode\t"),
            "header on top"
        );
        for f in figures(&doc) {
            let i = f.value as usize - 1000;
            assert_figure(
                &doc,
                &format!("O{}", i + 2),
                f.value,
                "trade.export",
                "KZ",
                Some("UZ"),
                "2023",
                Some(&(10 + i % 80).to_string()),
            );
            assert!(!seen[i], "row {} read twice", i + 2);
            seen[i] = true;
        }
    }
    assert!(seen.iter().all(|&s| s), "every row read");
}

#[test]
fn a_large_csv_table_is_read_in_parts_with_the_references_of_the_whole_table() {
    let dir = tempfile::tempdir().unwrap();
    let rows = 3000;
    let csv = comtrade_rows(rows);
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &csv).unwrap();
    let parts: Vec<_> = tandem_ingest::read_table_parts(&path, 32 << 10).collect();
    assert_parts(&parts, &path.display().to_string(), rows);

    // gzip-compressed, it is inflated as it is read: the same parts
    let gz_path = dir.path().join("big.csv.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(csv.as_bytes()).unwrap();
    std::fs::write(&gz_path, gz.finish().unwrap()).unwrap();
    let gz_parts: Vec<_> = tandem_ingest::read_table_parts(&gz_path, 32 << 10).collect();
    assert_parts(&gz_parts, &gz_path.display().to_string(), rows);

    // a table of one part is the document read whole
    let whole: Vec<_> = tandem_ingest::read_table_parts(&path, 1 << 30).collect();
    assert_eq!(whole.len(), 1);
    assert_eq!(whole[0].docs, read_path(&path, MAX).docs);
    assert_eq!(whole[0].docs[0].source, path.display().to_string());
}

#[test]
fn a_csv_row_without_end_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("endless.csv");
    let mut text = comtrade_rows(2);
    text.push_str(&"9".repeat(3 << 20));
    std::fs::write(&path, text).unwrap();
    let parts: Vec<_> = tandem_ingest::read_table_parts(&path, 32 << 10).collect();
    let last = parts.last().unwrap();
    assert_eq!(last.rejected.len(), 1, "{parts:?}");
    let r = last.rejected[0].to_string();
    assert!(
        r.starts_with(&format!(
            "{}: not a readable CSV table: row 4: ",
            path.display()
        )) && r.contains("a row longer than 1048576 bytes"),
        "{r}"
    );
    // the rows before it were read
    let figures: usize = parts
        .iter()
        .flat_map(|p| &p.docs)
        .map(|d| figures(d).len())
        .sum();
    assert_eq!(figures, 2);
}

#[test]
fn a_stray_byte_ends_a_csv_table_at_its_row_and_the_rows_before_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.csv");
    let text = comtrade_rows(3000);
    // table row 2502 (the 2,501st after the header) gets a byte that is no UTF-8
    let line_start: usize = text.split_inclusive('\n').take(2501).map(str::len).sum();
    let at = line_start + text[line_start..].find("Uzbekistan").unwrap() + 5;
    let mut bytes = text.into_bytes();
    bytes.insert(at, 0xff);
    std::fs::write(&path, &bytes).unwrap();
    let parts: Vec<_> = tandem_ingest::read_table_parts(&path, 32 << 10).collect();
    let last = parts.last().unwrap();
    assert_eq!(last.rejected.len(), 1, "{:?}", last.rejected);
    let r = last.rejected[0].to_string();
    assert_eq!(
        r,
        format!(
            "{}: not a readable CSV table: row 2502: bytes that are not valid UTF-8 at byte {at}",
            path.display()
        )
    );
    // every row before it was read, none after
    let mut values: Vec<usize> = parts
        .iter()
        .flat_map(|p| &p.docs)
        .flat_map(|d| figures(d).iter().map(|f| f.value as usize - 1000))
        .collect();
    values.sort_unstable();
    assert_eq!(values, (0..2500).collect::<Vec<_>>());
}

/// Encodes text in windows-1251, UTF-16LE (without a byte-order mark)
/// or UTF-8.
fn encode(text: &str, encoding: &str) -> Vec<u8> {
    match encoding {
        "windows-1251" => encoding_rs::WINDOWS_1251.encode(text).0.into_owned(),
        "UTF-16LE" => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        _ => text.as_bytes().to_vec(),
    }
}

/// A Comtrade table whose commodity descriptions are Russian, in `first`
/// up to its row `switch` (past the first 64 KiB) and in `then` after.
fn switching_table(first: &str, then: &str, switch: usize) -> Vec<u8> {
    let text = comtrade_rows(3000).replace("Goods of chapter", "Товары группы");
    let mut bytes = if first == "UTF-16LE" {
        vec![0xff, 0xfe]
    } else {
        Vec::new()
    };
    for (i, line) in text.split_inclusive('\n').enumerate() {
        bytes.extend(encode(line, if i + 1 < switch { first } else { then }));
    }
    bytes
}

#[test]
fn a_csv_whose_encoding_changes_past_its_first_bytes_ends_at_that_row() {
    let dir = tempfile::tempdir().unwrap();
    // row 2002 starts some 270 KB in, far past the 64 KiB its encoding is told from
    let switch = 2002;
    for (first, then, why) in [
        ("UTF-8", "windows-1251", "bytes that are not valid UTF-8"),
        ("UTF-8", "UTF-16LE", "control character U+0000"),
        (
            "windows-1251",
            "UTF-8",
            "UTF-8 text in a table whose first bytes were read as windows-1251",
        ),
        ("windows-1251", "UTF-16LE", "control character U+00"),
        ("UTF-16LE", "UTF-8", "bytes that do not read as UTF-16LE"),
        (
            "UTF-16LE",
            "windows-1251",
            "bytes that do not read as UTF-16LE",
        ),
    ] {
        let bytes = switching_table(first, then, switch);
        let path = dir.path().join(format!("{first}-{then}.csv"));
        std::fs::write(&path, &bytes).unwrap();
        let in_parts: Vec<_> = tandem_ingest::read_table_parts(&path, 32 << 10).collect();
        let whole = read_bytes(&path.display().to_string(), Some("t.csv"), &bytes, MAX);
        for reads in [in_parts, vec![whole]] {
            let rejected: Vec<String> = reads
                .iter()
                .flat_map(|r| &r.rejected)
                .map(ToString::to_string)
                .collect();
            assert_eq!(rejected.len(), 1, "{first} then {then}: {rejected:?}");
            let prefix = format!(
                "{}: not a readable CSV table: row {switch}: ",
                path.display()
            );
            assert!(
                rejected[0].starts_with(&prefix) && rejected[0].contains(why),
                "{first} then {then}: {}",
                rejected[0]
            );
            // the rows before it are read and stored as they were written
            let mut values: Vec<usize> = Vec::new();
            for doc in reads.iter().flat_map(|r| &r.docs) {
                for line in doc.text.lines().skip(2).filter(|l| !l.is_empty()) {
                    assert!(
                        line.contains("Товары группы"),
                        "{first} then {then}: {line:?}"
                    );
                }
                values.extend(figures(doc).iter().map(|f| f.value as usize - 1000));
            }
            values.sort_unstable();
            assert_eq!(
                values,
                (0..switch - 2).collect::<Vec<_>>(),
                "{first} then {then}"
            );
        }
    }
    // all ASCII up to row 2002, UTF-8 was only a guess: windows-1251 from
    // there on is read as such, every row
    let mut bytes = Vec::new();
    for (i, line) in comtrade_rows(3000).split_inclusive('\n').enumerate() {
        if i + 1 < switch {
            bytes.extend(line.as_bytes());
        } else {
            let line = line.replace("Goods of chapter", "Товары группы");
            bytes.extend(encode(&line, "windows-1251"));
        }
    }
    let path = dir.path().join("ascii-then-1251.csv");
    std::fs::write(&path, &bytes).unwrap();
    let reads: Vec<_> = tandem_ingest::read_table_parts(&path, 32 << 10).collect();
    assert!(reads.iter().all(|r| r.rejected.is_empty()), "{reads:?}");
    let docs: Vec<&SourceDoc> = reads.iter().flat_map(|r| &r.docs).collect();
    let lines = docs.iter().flat_map(|d| d.text.lines());
    assert_eq!(
        lines.filter(|l| l.contains("\tТовары группы ")).count(),
        3000 + 2 - switch
    );
    let figures_read: usize = docs.iter().map(|d| figures(d).len()).sum();
    assert_eq!(figures_read, 3000);
    // Uzbek Cyrillic in windows-1251 writes `Сўм` as two bytes that would
    // be one UTF-8 character: a table of it is read whole
    let text = comtrade_rows(3000).replace("Goods of chapter", "Сўм: товары группы");
    let path = dir.path().join("som.csv");
    std::fs::write(&path, encode(&text, "windows-1251")).unwrap();
    let reads: Vec<_> = tandem_ingest::read_table_parts(&path, 32 << 10).collect();
    assert!(reads.iter().all(|r| r.rejected.is_empty()), "{reads:?}");
    let figures_read: usize = reads
        .iter()
        .flat_map(|r| &r.docs)
        .map(|d| figures(d).len())
        .sum();
    assert_eq!(figures_read, 3000);
}

/// Peak resident memory of this process, in bytes (Linux).
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

/// A 100 MB table, read with the default part size: memory stays at a
/// few parts. Slow in a debug build: `cargo test -p tandem-ingest --release
/// --test tables -- --ignored`.
#[test]
#[ignore]
fn a_100_mb_csv_table_is_read_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let rows = comtrade_rows(10_000);
        while file.get_ref().metadata().unwrap().len() < 100 << 20 {
            file.write_all(rows.as_bytes()).unwrap();
        }
    }
    let before = peak_rss();
    let mut figures_read = 0;
    for part in tandem_ingest::read_table_parts(&path, tandem_ingest::PART_BYTES) {
        assert!(part.rejected.is_empty(), "{:?}", part.rejected);
        figures_read += part.docs.iter().map(|d| figures(d).len()).sum::<usize>();
    }
    assert!(figures_read > 700_000, "{figures_read}");
    let grown = peak_rss().saturating_sub(before);
    assert!(grown < 64 << 20, "peak grew by {grown} bytes");
}
