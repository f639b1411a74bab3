use tandem_search::analyzer::Analyzer;
use tandem_search::LangGroup;
#[test]
fn peek2() {
    let words = std::env::var("W").unwrap_or_default();
    for l in LangGroup::ALL {
        let a = Analyzer::new(l).unwrap();
        println!("{:?}: {:?}", l, a.terms(&words));
    }
}
