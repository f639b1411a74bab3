//! Extraction never panics and keeps its offsets consistent, whatever the
//! input. (Its speed, linear in the input, is measured by `tandem bench
//! extract`, see BENCHMARKS.md, not by a timed test.)

use proptest::prelude::*;

fn check(text: &str) -> usize {
    let a = tandem_text::analyze(text);
    let figs = tandem_extract::extract("p", &a, None);
    let original = a.text.original();
    for f in &figs {
        assert!(f.start < f.end && f.end <= original.len(), "{f:?}");
        assert_eq!(original.get(f.start..f.end), Some(f.text.as_str()));
        assert!(f.occurrence >= 1);
        assert!(f.value.is_finite());
        assert!(
            tandem_model::INDICATORS.contains(&&*f.indicator),
            "{}",
            f.indicator
        );
    }
    figs.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn number_soup_never_panics(s in "[0-9 ,.%$\\-–\\[\\]()\n:№]{0,40}(млрд|млн|тыс\\.|mln|мың|доллар|тенге|so'm|раза|есе|жыл|года|[a-zа-яәіңғүұқөһ' ]){0,12}[0-9 ,.%\\-]{0,30}") {
        check(&s);
    }
}

#[test]
fn pathological_inputs_are_handled() {
    let cases: Vec<String> = vec![
        "7".repeat(10_000_000),
        "%".repeat(100_000),
        format!("{}5{}", "(".repeat(50_000), ")".repeat(50_000)),
        format!("{}5 млрд{}", "[".repeat(50_000), "]".repeat(50_000)),
        "млрд ".repeat(100_000),
        "5 млрд ".repeat(100_000),
        "1 234 ".repeat(100_000),
        "1.2.3.4.5.6.7.8.9.".repeat(50_000),
        "екі бір үш ".repeat(50_000),
        "-".repeat(100_000) + "5%",
        "5%-".repeat(100_000),
    ];
    for c in &cases {
        check(c);
    }
}

/// A scaled amount never takes a percentage from the number after it: a
/// billion per cent is a wrong number shown with confidence.
#[test]
fn a_scaled_amount_is_never_a_percentage() {
    let text = "Sales to Korea rose 4.1 pct to 3.6 billion and purchases 12.5 pct to 1.9 billion.";
    let a = tandem_text::analyze(text);
    for f in tandem_extract::extract("p", &a, None) {
        let pct = matches!(&*f.unit, "percent" | "percent_point");
        assert!(!(pct && f.value.abs() >= 1e6), "{f:?}");
    }
}
