//! Language identification of a paragraph.

use crate::Lang;

/// Detects the language of a paragraph.
pub fn detect_language(paragraph: &str) -> Lang {
    let (lang, _) = cld2::detect_language(paragraph, cld2::Format::Text);
    match lang.map(|l| l.0) {
        Some("kk") => Lang::Kk,
        Some("uz") => {
            if paragraph.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                Lang::UzCyrl
            } else {
                Lang::UzLatn
            }
        }
        Some("ky") => Lang::Ky,
        Some("tg") => Lang::Tg,
        Some("ru") => Lang::Ru,
        Some("en") => Lang::En,
        _ => Lang::Und,
    }
}
