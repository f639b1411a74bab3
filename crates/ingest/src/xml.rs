//! What the XML-based readers (PDF via poppler's XHTML, DOCX) share.

use quick_xml::events::BytesRef;

/// The text of a character or predefined entity reference (`&#1179;`,
/// `&amp;`); `None` for an unknown entity.
pub(crate) fn resolve_ref(r: &BytesRef<'_>) -> Option<String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c.to_string()),
        _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).map(str::to_string),
    }
}
