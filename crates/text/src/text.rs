//! [`Text`]: the original document, its repaired view and the offset map.

use std::ops::Range;

use crate::offset_map::OffsetMap;
use crate::repair::repair;

/// The original (UTF-8 decoded) document, a repaired view, and a map from
/// view byte offsets to original byte offsets.
///
/// The view is what the rest of the pipeline reads: NFC, one script per
/// word, hard-wrapped lines joined into paragraphs (one paragraph per
/// line), words hyphenated across line breaks joined, Uzbek Latin
/// apostrophes unified to `'`, odd spaces turned into plain spaces. Every
/// repair is recorded in the map, so any view range maps back to the exact
/// original bytes it came from.
#[derive(Clone, Debug)]
pub struct Text {
    original: String,
    /// The view, `None` when it is the original unchanged.
    view: Option<String>,
    map: OffsetMap,
}

impl Text {
    /// Builds the repaired view of `original` (applies all repairs).
    pub fn new(original: &str) -> Text {
        let (view, map) = repair(original);
        Text {
            original: original.to_owned(),
            view,
            map,
        }
    }

    /// The original document.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The repaired view.
    pub fn view(&self) -> &str {
        self.view.as_deref().unwrap_or(&self.original)
    }

    /// Maps a view byte offset (`0..=view.len()`) to the original byte
    /// offset where the view character at that offset comes from; the end
    /// of the view maps to the end of the original. Monotone.
    pub fn to_original(&self, view_offset: usize) -> usize {
        self.map.to_original(view_offset)
    }

    /// Maps a view byte range to the original range it came from: the start
    /// maps like [`Text::to_original`], the end to the end of the original
    /// bytes of the last view character in the range.
    pub fn original_range(&self, view: Range<usize>) -> Range<usize> {
        self.map.original_range(view)
    }

    /// The original text of a view range.
    pub fn original_slice(&self, view: Range<usize>) -> &str {
        self.original
            .get(self.original_range(view))
            .unwrap_or_default()
    }
}
