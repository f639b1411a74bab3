mod common;
#[test]
fn dump() {
    let mut docs = common::read_corpus(&common::examples_dir());
    if let Some(s) = common::shared_dir() { docs.extend(common::read_corpus(&s)); }
    std::fs::create_dir_all("/tmp/docs").unwrap();
    for d in &docs { std::fs::write(format!("/tmp/docs/{}.txt", d.name), &d.text).unwrap(); }
}
