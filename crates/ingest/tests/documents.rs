//! PDF and DOCX reading on files the tests write: text and its order,
//! running heads and page numbers gone, metadata, the text stage's repair of
//! hard wraps and hyphenation, and the refusals (scanned, truncated,
//! encrypted PDF; zip bomb; a ZIP that is no DOCX).

mod common;

use common::docx::{bomb, docx, p, table, zip_parts};
use common::pdf::Pdf;
use tandem_ingest::{read_bytes, read_pdf_parts, Format, Reason, SourceDoc};

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

/// A bulletin of `pages` pages, each with a running head and a page
/// number: an odd page states an export figure of its own and ends inside a
/// sentence whose import figure (`100 + page` million) goes on across the
/// page break; an even page finishes it and states a growth in percent.
fn bulletin(pages: usize) -> Vec<u8> {
    let mut pdf = Pdf::new()
        .title("Бюллетень внешней торговли")
        .date("D:20251015080000Z");
    for n in 1..=pages {
        let number = format!("- {n} -");
        let body: Vec<String> = if n % 2 == 1 {
            vec![
                format!("Экспорт за период {n} составил {n},5 млн долларов."),
                "Стороны обсудили поставки зерна и удобрений.".into(),
                format!("Импорт за тот же период составил {}", 100 + n),
            ]
        } else {
            vec![
                "млн долларов, а стороны обсудили новые маршруты.".into(),
                format!("Транзит грузов вырос на {n}% за год."),
                "Соглашение о сотрудничестве продлено.".into(),
            ]
        };
        let mut lines = vec![(72.0, 800.0, 9.0, "Бюллетень · внешняя торговля")];
        for (i, l) in body.iter().enumerate() {
            lines.push((72.0, 700.0 - 40.0 * i as f32, 12.0, l.as_str()));
        }
        lines.push((300.0, 40.0, 9.0, number.as_str()));
        pdf.page(&lines);
    }
    pdf.to_bytes()
}

/// The figures of a document's text, as (figure text, start, end).
fn figures_of(doc: &SourceDoc) -> Vec<(String, usize, usize)> {
    let analysis = tandem_text::analyze(&doc.text);
    tandem_extract::extract(&doc.id, &analysis, doc.date)
        .into_iter()
        .map(|f| (f.text, f.start, f.end))
        .collect()
}

/// Reads the bulletin in parts of `part_bytes` and checks them.
fn parts_of_the_bulletin(path: &std::path::Path, part_bytes: u64, pages: usize) -> Vec<SourceDoc> {
    let source = path.display().to_string();
    let reads: Vec<_> = read_pdf_parts(path, part_bytes, LIMIT).collect();
    assert!(reads.iter().all(|r| r.rejected.is_empty()), "{reads:?}");
    let parts: Vec<SourceDoc> = reads.into_iter().flat_map(|r| r.docs).collect();
    assert!(parts.len() >= 4, "{} parts", parts.len());

    // in order, each titled with its pages, which follow on and cover the file
    let mut next_page = 1;
    for (i, part) in parts.iter().enumerate() {
        assert_eq!(part.source, format!("{source}#part-{}", i + 1));
        assert_eq!(part.name, "bulletin");
        assert_eq!(part.format, Format::Pdf);
        assert_eq!(part.date.unwrap().to_string(), "2025-10-15");
        let title = part.title.as_deref().unwrap();
        let prefix = format!("Бюллетень внешней торговли (part {}: pages ", i + 1);
        let range = title
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or_else(|| panic!("title {title:?}"));
        let (first, last) = range.split_once('–').unwrap();
        let (first, last): (usize, usize) = (first.parse().unwrap(), last.parse().unwrap());
        assert_eq!(first, next_page, "{title}");
        assert!(last >= first, "{title}");
        // a part is cut after an even page: the odd page's last sentence goes on
        assert!(
            last % 2 == 0 || last == pages,
            "{title}: cut inside a sentence"
        );
        next_page = last + 1;
        // running heads and page numbers are gone from every part, the
        // short last one included
        assert!(!part.text.contains("Бюллетень"), "{title}: {}", part.text);
        assert!(!part.text.contains("- "), "{title}: {}", part.text);
        // each page's own figures are in the part that holds the page
        for n in first..=last {
            let own = if n % 2 == 1 {
                format!("{n},5 млн долларов")
            } else {
                format!("вырос на {n}%")
            };
            assert!(part.text.contains(&own), "{title}: page {n}: {}", part.text);
        }
        assert_eq!(
            part.id,
            tandem_ingest::content_id(part.title.as_deref(), part.date, &part.text)
        );
    }
    assert_eq!(next_page, pages + 1, "every page is in a part");

    // every figure is found once, in the right place of its part's text
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut found: Vec<String> = Vec::new();
    for part in &parts {
        for (text, start, end) in figures_of(part) {
            assert_eq!(&part.text[start..end], text, "{}", part.source);
            found.push(words(&text));
        }
    }
    for n in 1..=pages {
        let expected = if n % 2 == 1 {
            vec![format!("{n},5 млн долларов")]
        } else {
            // the import figure starts on the page before
            vec![format!("{} млн долларов", 99 + n), format!("{n}%")]
        };
        for e in expected {
            let times = found.iter().filter(|f| **f == e).count();
            assert_eq!(times, 1, "{e:?} found {times} times among {found:?}");
        }
    }

    parts
}

#[test]
fn a_large_pdf_is_read_in_parts_cut_at_page_breaks_between_sentences() {
    common::require_pdftotext();
    let pages = 23;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bulletin.pdf");
    std::fs::write(&path, bulletin(pages)).unwrap();
    let source = path.display().to_string();
    // in one part, the same file is the one document it was: the tool
    // reading the path or its standard input alike
    let whole: Vec<_> = read_pdf_parts(&path, tandem_ingest::PART_BYTES, LIMIT).collect();
    let from_memory = read_bytes(&source, Some("bulletin.pdf"), &bulletin(pages), LIMIT);
    assert_eq!(whole.len(), 1);
    assert_eq!(whole[0].docs, from_memory.docs);
    assert_eq!(whole[0].docs.len(), 1);
    assert_eq!(whole[0].docs[0].source, source);
    assert_eq!(
        whole[0].docs[0].title.as_deref(),
        Some("Бюллетень внешней торговли")
    );
    // parts of two to five pages, their size reached after an odd page or
    // an even one: together, the whole text
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for part_bytes in [300, 400, 500, 600, 700, 800] {
        let parts = parts_of_the_bulletin(&path, part_bytes, pages);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(words(&joined), words(&whole[0].docs[0].text));
    }
}

#[test]
fn a_pdf_read_in_parts_is_refused_with_its_file_named() {
    common::require_pdftotext();
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let refusal = |path: &std::path::Path, part_bytes: u64, limit: u64| {
        let reads: Vec<_> = read_pdf_parts(path, part_bytes, limit).collect();
        let mut rejected: Vec<_> = reads.iter().flat_map(|r| r.rejected.clone()).collect();
        let docs = reads.iter().map(|r| r.docs.len()).sum::<usize>();
        assert_eq!(rejected.len(), 1, "{reads:?}");
        let rejection = rejected.pop().unwrap();
        assert_eq!(rejection.source, path.display().to_string());
        (rejection.reason, docs)
    };
    let full = bulletin(9);
    let cut = write("cut.pdf", &full[..full.len() / 2]);
    let (reason, docs) = refusal(&cut, 400, LIMIT);
    assert!(
        matches!(&reason, Reason::Pdf(m) if m.contains("truncated")),
        "{reason}"
    );
    assert_eq!(docs, 0);
    let locked = write("locked.pdf", include_bytes!("data/encrypted.pdf"));
    assert_eq!(refusal(&locked, 400, LIMIT), (Reason::EncryptedPdf, 0));
    let mut scan = Pdf::new();
    scan.image_page();
    let scan = write("scan.pdf", &scan.to_bytes());
    assert_eq!(
        refusal(&scan, 400, LIMIT),
        (Reason::NoTextLayer { pages: 1 }, 0)
    );
    let fake = write("fake.pdf", b"just text in a .pdf file");
    let (reason, _) = refusal(&fake, 400, LIMIT);
    assert!(
        matches!(&reason, Reason::Pdf(m) if m.contains("not a PDF")),
        "{reason}"
    );
    let missing = tmp.path().join("missing.pdf");
    assert_eq!(refusal(&missing, 400, LIMIT).0, Reason::NotFound);
    // a file over the limit is refused before it is read
    let big = write("big.pdf", &full);
    let (reason, docs) = refusal(&big, 400, 1000);
    assert_eq!(
        reason,
        Reason::TooLarge {
            size: full.len() as u64,
            limit: 1000
        }
    );
    assert_eq!(docs, 0);
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
