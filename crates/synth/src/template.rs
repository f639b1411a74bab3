//! Filling `{slot}` / `{slot:form}` placeholders of the language templates.

/// Iterates over the slots of a template as `(name, form)` pairs.
pub(crate) fn slots(template: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    template.split('{').skip(1).filter_map(|chunk| {
        let inner = &chunk[..chunk.find('}')?];
        Some(match inner.split_once(':') {
            Some((name, form)) => (name, Some(form)),
            None => (inner, None),
        })
    })
}

/// Replaces every `{name}` or `{name:form}` in `template` with `fill(name, form)`.
/// Text outside braces, and an unclosed `{`, is copied unchanged.
pub(crate) fn render(template: &str, mut fill: impl FnMut(&str, Option<&str>) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let inner = &after[..end];
                let (name, form) = match inner.split_once(':') {
                    Some((n, f)) => (n, Some(f)),
                    None => (inner, None),
                };
                out.push_str(&fill(name, form));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Upper-cases the first letter of `s`.
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_slots_and_forms() {
        let out = render("{a} и {b:gen}: {x}", |name, form| match (name, form) {
            ("a", None) => "A".into(),
            ("b", Some("gen")) => "Б-gen".into(),
            _ => "?".into(),
        });
        assert_eq!(out, "A и Б-gen: ?");
        assert_eq!(
            render("no slots {open", |_, _| "x".into()),
            "no slots {open"
        );
        let found: Vec<_> = slots("{a} {b:dat} {pct}%").collect();
        assert_eq!(found, [("a", None), ("b", Some("dat")), ("pct", None)]);
        assert_eq!(capitalize("в 2024 году"), "В 2024 году");
        assert_eq!(capitalize("ўтган"), "Ўтган");
    }
}
