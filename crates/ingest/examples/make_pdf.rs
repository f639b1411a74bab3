//! Writes a large text PDF for the memory benchmark of `tandem ingest`
//! (BENCHMARKS.md): `cargo run --release -p tandem-ingest --example make_pdf -- OUT.pdf 50`
//! gives about 50 MB of pages with a running head, page numbers and
//! Russian and Kazakh sentences with figures.

#[allow(dead_code)] // its image-only pages serve the tests, not this example
#[path = "../tests/common/pdf.rs"]
mod pdf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(mb)) = (args.next(), args.next()) else {
        eprintln!("usage: make_pdf OUT.pdf MEGABYTES");
        std::process::exit(2);
    };
    let target: usize = mb.parse::<usize>().expect("MEGABYTES is a number") << 20;
    let sentences = [
        "Товарооборот Казахстана и Узбекистана в {y} году составил {v} млрд долларов.",
        "Экспорт вырос на {p}%, импорт достиг {w} млн долларов.",
        "Қазақстан мен Өзбекстан арасындағы тауар айналымы {y} жылы {v} млрд доллар болды.",
        "Теміржол жүк тасымалы {p} млн тоннаға жетті.",
    ];
    let mut doc = pdf::Pdf::new()
        .title("Нагрузочный отчёт")
        .date("D:20251201000000Z");
    let mut page = 0usize;
    let mut size = 0usize;
    while size < target {
        page += 1;
        let lines: Vec<String> = (0..45)
            .map(|i| {
                let n = page * 45 + i;
                sentences[n % 4]
                    .replace("{y}", &(2000 + n % 26).to_string())
                    .replace("{v}", &format!("{},{}", 1 + n % 9, n % 10))
                    .replace("{p}", &(n % 40).to_string())
                    .replace("{w}", &(100 + n % 900).to_string())
            })
            .collect();
        let number = page.to_string();
        let mut items: Vec<pdf::Line<'_>> = vec![(72.0, 810.0, 9.0, "Нагрузочный отчёт · 2025")];
        for (i, l) in lines.iter().enumerate() {
            items.push((60.0, 780.0 - 16.0 * i as f32, 10.0, l));
        }
        items.push((300.0, 30.0, 9.0, &number));
        // Letters past ASCII are written as four-byte octal escapes.
        size += items
            .iter()
            .map(|l| {
                40 + l
                    .3
                    .chars()
                    .map(|c| if c.is_ascii() { 1 } else { 4 })
                    .sum::<usize>()
            })
            .sum::<usize>();
        doc.page(&items);
    }
    std::fs::write(&out, doc.to_bytes()).expect("write the PDF");
    eprintln!("{out}: {page} pages");
}
