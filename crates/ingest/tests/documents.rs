//! PDF and DOCX reading on files the tests write: text and its order,
//! running heads and page numbers gone, metadata, the text stage's repair of
//! hard wraps and hyphenation, and the refusals (scanned, truncated,
//! encrypted PDF; zip bomb; a ZIP that is no DOCX).

mod common;

use common::docx::{bomb, docx, p, table, zip_parts};
use common::pdf::Pdf;
use tandem_ingest::{read_bytes, Format, Reason, SourceDoc};

const LIMIT: u64 = 1 << 20;

fn one(name: &str, bytes: &[u8], limit: u64) -> Result<SourceDoc, Reason> {
    let mut r = read_bytes(name, Some(name), bytes, limit);
    match (r.docs.pop(), r.rejected.pop()) {
        (Some(doc), None) => Ok(doc),
        (None, Some(rej)) => Err(rej.reason),
        other => panic!("{name}: expected one document or one rejection, got {other:?}"),
    }
}

/// Three pages: a running head and a page number on each, a Russian and a
/// Kazakh paragraph, a word hyphenated at a line end, and a sentence going
/// on across the first page break.
fn report() -> Vec<u8> {
    let head = "Обзор торговли · Сауда шолуы · 2025";
    let mut pdf = Pdf::new()
        .title("Торговля Казахстана и Узбекистана")
        .date("D:20251124090000+05'00'");
    pdf.page(&[
        (72.0, 800.0, 9.0, head),
        (
            72.0,
            700.0,
            12.0,
            "Товарооборот Казахстана и Узбекистана в 2024",
        ),
        (
            72.0,
            685.0,
            12.0,
            "году составил 4,0 млрд долларов США, а экспорт",
        ),
        (
            72.0,
            670.0,
            12.0,
            "Казахстана достиг 2,9 млрд долларов. Взаимная тор-",
        ),
        (
            72.0,
            655.0,
            12.0,
            "говля остаётся крупнейшей в регионе, и стороны",
        ),
        (300.0, 40.0, 9.0, "1"),
    ]);
    pdf.page(&[
        (72.0, 800.0, 9.0, head),
        (72.0, 700.0, 12.0, "обсуждают новые проекты."),
        (
            72.0,
            640.0,
            12.0,
            "Қазақстан мен Өзбекстан арасындағы тауар",
        ),
        (
            72.0,
            625.0,
            12.0,
            "айналымы 2025 жылдың тоғыз айында 3,39 млрд",
        ),
        (72.0, 610.0, 12.0, "долларға жетті."),
        (300.0, 40.0, 9.0, "2"),
    ]);
    pdf.page(&[
        (72.0, 800.0, 9.0, head),
        (
            72.0,
            700.0,
            12.0,
            "Ўзбек ва тоҷик ҳамкорлари ҳам қатнашди: ә ғ қ ң ө ұ ү һ і ӣ ӯ ҷ.",
        ),
        (300.0, 40.0, 9.0, "3"),
    ]);
    pdf.to_bytes()
}

#[test]
fn a_pdf_gives_its_text_in_order_without_running_heads_and_with_its_metadata() {
    common::require_pdftotext();
    let doc = one("report.pdf", &report(), LIMIT).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.name, "report");
    assert_eq!(
        doc.title.as_deref(),
        Some("Торговля Казахстана и Узбекистана")
    );
    assert_eq!(doc.date.unwrap().to_string(), "2025-11-24");
    let text = &doc.text;
    assert!(
        !text.contains("Обзор торговли"),
        "running head kept: {text}"
    );
    assert!(
        !text.lines().any(|l| ["1", "2", "3"].contains(&l.trim())),
        "page number kept: {text}"
    );
    let order = [
        "Товарооборот Казахстана",
        "4,0 млрд долларов США",
        "обсуждают новые проекты.",
        "Қазақстан мен Өзбекстан",
        "3,39 млрд",
        "ә ғ қ ң ө ұ ү һ і ӣ ӯ ҷ",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|s| {
            text.find(s)
                .unwrap_or_else(|| panic!("{s:?} missing in {text}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    // Paragraphs are separated by a blank line; the page break inside the
    // first sentence is not a paragraph break.
    assert!(text.contains("стороны \nобсуждают"), "{text}");
    assert!(text.contains("проекты.\n\nҚазақстан"), "{text}");

    // The text stage joins the hard-wrapped lines and the hyphenated word.
    let analysis = tandem_text::analyze(text);
    let view = analysis.text.view();
    assert!(
        view.contains("в 2024 году составил 4,0 млрд долларов США"),
        "{view}"
    );
    assert!(view.contains("Взаимная торговля остаётся"), "{view}");
    assert!(
        view.contains("и стороны обсуждают новые проекты."),
        "{view}"
    );
    assert!(analysis.paragraphs.len() >= 3, "{:?}", analysis.paragraphs);
}

#[test]
fn a_pdf_without_a_text_layer_is_refused_as_scanned() {
    common::require_pdftotext();
    let mut pdf = Pdf::new();
    pdf.image_page();
    pdf.image_page();
    let err = one("scan.pdf", &pdf.to_bytes(), LIMIT).unwrap_err();
    assert_eq!(err, Reason::NoTextLayer { pages: 2 });
    assert!(err.to_string().contains("no text layer"), "{err}");
}

#[test]
fn truncated_encrypted_and_fake_pdfs_get_clear_errors() {
    common::require_pdftotext();
    let full = report();
    let err = one("cut.pdf", &full[..full.len() / 2], LIMIT).unwrap_err();
    assert!(
        matches!(&err, Reason::Pdf(m) if m.contains("truncated")),
        "{err}"
    );
    // Made from the sample corpus PDF with `qpdf --encrypt user owner 256`.
    let encrypted = include_bytes!("data/encrypted.pdf");
    let err = one("locked.pdf", encrypted, LIMIT).unwrap_err();
    assert_eq!(err, Reason::EncryptedPdf);
    assert!(err.to_string().contains("password"));
    let err = one("fake.pdf", b"just text in a .pdf file", LIMIT).unwrap_err();
    assert!(
        matches!(&err, Reason::Pdf(m) if m.contains("not a PDF")),
        "{err}"
    );
    // Garbage after a PDF header, with an end marker: poppler's own error.
    let err = one("junk.pdf", b"%PDF-1.4\ngarbage\n%%EOF\n", LIMIT).unwrap_err();
    assert!(
        matches!(err, Reason::Pdf(_) | Reason::NoTextLayer { .. }),
        "{err}"
    );
}

#[test]
fn a_pdf_whose_text_exceeds_the_limit_is_refused() {
    common::require_pdftotext();
    let err = one("report.pdf", &report(), 200).unwrap_err();
    assert!(matches!(err, Reason::TooLarge { limit: 200, .. }), "{err}");
}

#[test]
fn a_docx_gives_paragraphs_tables_title_and_date() {
    let body = [
        p("Товарооборот Казахстана и Узбекистана в 2024 году составил 4,0 млрд долларов."),
        // Tracked changes: deleted text is not text.
        "<w:p><w:r><w:t>Экспорт &amp; импорт</w:t></w:r><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del>\
         <w:r><w:tab/><w:t>по годам:</w:t></w:r></w:p>"
            .to_string(),
        table(&[
            &["Жыл", "Экспорт, млрд долл.", "Импорт, млрд долл."],
            &["2023", "3,2", "1,2"],
            &["2024", "2,9", "1,1"],
        ]),
        p("Екі ел 2030 жылға қарай 10 млрд долларға жетуді көздейді."),
    ]
    .concat();
    let bytes = docx(
        &body,
        Some(("Сауда &amp; статистика", "2025-03-04T10:00:00Z")),
    );
    let doc = one("spravka.docx", &bytes, LIMIT).unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(doc.name, "spravka");
    assert_eq!(doc.title.as_deref(), Some("Сауда & статистика"));
    assert_eq!(doc.date.unwrap().to_string(), "2025-03-04");
    assert_eq!(
        doc.text,
        "Товарооборот Казахстана и Узбекистана в 2024 году составил 4,0 млрд долларов.\n\n\
         Экспорт & импорт по годам:\n\n\
         Жыл\tЭкспорт, млрд долл.\tИмпорт, млрд долл.\n2023\t3,2\t1,2\n2024\t2,9\t1,1\n\n\
         Екі ел 2030 жылға қарай 10 млрд долларға жетуді көздейді.\n"
    );
    // Named by its content, not its extension.
    assert_eq!(
        one("upload.bin", &bytes, LIMIT).unwrap().format,
        Format::Docx
    );
}

#[test]
fn a_docx_zip_bomb_is_refused_before_it_fills_memory() {
    let bytes = bomb(20 << 20);
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let err = one("bomb.docx", &bytes, LIMIT).unwrap_err();
    assert!(
        matches!(err, Reason::TooLarge { limit: LIMIT, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("too large"));
}

#[test]
fn zips_that_are_not_word_documents_are_named_as_such() {
    let other = zip_parts(&[("data.csv", "a,b\n1,2\n".to_string())]);
    let err = one("data.zip", &other, LIMIT).unwrap_err();
    assert!(
        matches!(&err, Reason::Binary(m) if m.contains("ZIP archive")),
        "{err}"
    );
    let err = one("broken.docx", &other, LIMIT).unwrap_err();
    assert!(
        matches!(&err, Reason::Docx(m) if m.contains("word/document.xml")),
        "{err}"
    );
    let err = one("cut.docx", &docx(&p("x"), None)[..40], LIMIT).unwrap_err();
    assert!(matches!(err, Reason::Docx(_)), "{err}");
}
