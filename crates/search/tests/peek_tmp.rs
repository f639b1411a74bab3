mod common;
#[test]
fn peek() {
    let mut docs = common::read_corpus(&common::examples_dir());
    if let Some(s) = common::shared_dir() { docs.extend(common::read_corpus(&s)); }
    let dir = tempfile::tempdir().unwrap();
    let index = common::index_docs(dir.path(), &docs);
    let qs = std::env::var("Q").unwrap_or_default();
    for q in qs.split(';') {
        let mut req = tandem_search::SearchRequest::new(q);
        req.limit = 40;
        req.exact = std::env::var("EXACT").is_ok();
        match index.search(&req) {
            Ok(r) => {
                println!("== {q} total={} concepts={:?}", r.total, r.concepts);
                for h in r.hits { println!("  {:.2} {} [{}] {}", h.score, h.name, h.lang, if std::env::var("SNIP").is_ok() { h.snippet.clone() } else { String::new() }); }
            }
            Err(e) => println!("== {q} ERR {e}"),
        }
    }
}
