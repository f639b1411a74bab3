//! Tables flattened to text (PDF exports): rows "Label n1 n2 … nK" under a
//! header whose K parenthesised groups give each column's scale and unit,
//! e.g. "Аумағы (млн. км²) … Халық саны (млн.) … ЖІӨ (млрд АҚШ долл.)".

use crate::context::Doc;
use crate::quantities::Quantity;
use crate::sentences::Sent;

/// Finds table cells as quantities with their meaning fixed.
pub(crate) fn find(_doc: &Doc, _sents: &[Sent], _lang_at: impl Fn(usize) -> &'static str) -> Vec<Quantity> {
    Vec::new()
}
