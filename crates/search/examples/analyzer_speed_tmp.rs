use std::time::Instant;
use tandem_search::analyzer::{words, Analyzer, Scratch};
use tandem_search::LangGroup;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut texts = Vec::new();
    let mut total = 0;
    for e in walk(std::path::Path::new(&dir)) {
        if let Ok(s) = std::fs::read_to_string(&e) { total += s.len(); texts.push(s); }
        if total > 30_000_000 { break; }
    }
    for lang in [LangGroup::Kk, LangGroup::Ru, LangGroup::Uz, LangGroup::En] {
        let a = Analyzer::new(lang).unwrap();
        let mut scratch = Scratch::default();
        let mut out = String::new();
        let t = Instant::now();
        let mut n = 0usize;
        for s in &texts { for (b, e) in words(s) { if a.term_into(&s[b..e], &mut scratch, &mut out) { n += 1; } } }
        let secs = t.elapsed().as_secs_f64();
        println!("{lang:?}: {:.1} MB/s, {} tokens", total as f64 / 1e6 / secs, n);
    }
    let t = Instant::now(); let mut n = 0;
    for s in &texts { n += words(s).count(); }
    println!("words only: {:.1} MB/s {n}", total as f64 / 1e6 / t.elapsed().as_secs_f64());
}
fn walk(d: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(d).unwrap() { let p = e.unwrap().path(); if p.is_dir() { v.extend(walk(&p)); } else if p.extension().is_some_and(|x| x == "txt") { v.push(p); } }
    v
}
