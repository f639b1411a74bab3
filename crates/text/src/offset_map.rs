//! A compact map from byte offsets of a repaired view back to byte offsets
//! of the original text.
//!
//! The view is built left to right from *segments*: a copied run of the
//! original (offsets map linearly) or a replacement (a run of original bytes
//! replaced by other view bytes, possibly none). Segments tile both the
//! view and the original, so the map is monotone by construction. Only
//! edits create segments: an untouched document is one segment.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    view_start: usize,
    view_len: usize,
    orig_start: usize,
    orig_len: usize,
    /// `true`: view bytes equal the original bytes (linear map).
    copied: bool,
}

impl Segment {
    fn view_end(&self) -> usize {
        self.view_start + self.view_len
    }
}

/// Offset map from view bytes to original bytes (see the module docs).
#[derive(Clone, Debug, Default)]
pub(crate) struct OffsetMap {
    segments: Vec<Segment>,
    view_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    /// Maps a view offset to the original offset of the view character that
    /// starts there (or the end of the original for the end of the view).
    pub(crate) fn to_original(&self, view_offset: usize) -> usize {
        if view_offset >= self.view_len {
            return self.orig_len;
        }
        let i = self
            .segments
            .partition_point(|s| s.view_end() <= view_offset);
        match self.segments.get(i) {
            Some(s) if s.copied => s.orig_start + (view_offset - s.view_start),
            Some(s) => s.orig_start,
            None => self.orig_len,
        }
    }

    /// Maps a view range to an original range whose end is the end of the
    /// original bytes of the last view byte in the range.
    pub(crate) fn original_range(&self, view: Range<usize>) -> Range<usize> {
        let start = self.to_original(view.start);
        let end = view.end.min(self.view_len);
        if end <= view.start {
            return start..start;
        }
        let last = end - 1;
        let i = self.segments.partition_point(|s| s.view_end() <= last);
        let mapped_end = match self.segments.get(i) {
            Some(s) if s.copied => s.orig_start + (end - s.view_start),
            Some(s) => s.orig_start + s.orig_len,
            None => self.orig_len,
        };
        start..mapped_end.max(start)
    }
}

/// Builds a view and its [`OffsetMap`] by consuming the original left to
/// right: every original byte must be either copied or replaced, in order.
/// Until the first edit the view is the original itself and is not copied.
pub(crate) struct ViewBuilder<'a> {
    original: &'a str,
    /// The view built so far, once an edit made it differ from the
    /// original (before that it is `original[..consumed]`).
    view: Option<String>,
    /// Length of the view built so far.
    view_len: usize,
    segments: Vec<Segment>,
    /// Original offset consumed so far.
    consumed: usize,
}

impl<'a> ViewBuilder<'a> {
    pub(crate) fn new(original: &'a str) -> Self {
        ViewBuilder {
            original,
            view: None,
            view_len: 0,
            segments: Vec::new(),
            consumed: 0,
        }
    }

    /// Original offset consumed so far.
    pub(crate) fn consumed(&self) -> usize {
        self.consumed
    }

    /// Copies the original up to `orig_end` unchanged (no-op if already there).
    pub(crate) fn copy_to(&mut self, orig_end: usize) {
        if orig_end <= self.consumed {
            return;
        }
        let Some(piece) = self.original.get(self.consumed..orig_end) else {
            return;
        };
        let len = piece.len();
        match self.segments.last_mut() {
            Some(last) if last.copied => {
                last.view_len += len;
                last.orig_len += len;
            }
            _ => self.segments.push(Segment {
                view_start: self.view_len,
                view_len: len,
                orig_start: self.consumed,
                orig_len: len,
                copied: true,
            }),
        }
        if let Some(view) = &mut self.view {
            view.push_str(piece);
        }
        self.view_len += len;
        self.consumed = orig_end;
    }

    /// Replaces the original bytes `consumed..orig_end` by `replacement`
    /// (after copying anything before `orig_start` unchanged).
    pub(crate) fn replace(&mut self, orig: Range<usize>, replacement: &str) {
        self.copy_to(orig.start);
        if orig.end < self.consumed || orig.start != self.consumed {
            return;
        }
        if orig.end == orig.start && replacement.is_empty() {
            return;
        }
        if self.original.get(orig.clone()) == Some(replacement) {
            self.copy_to(orig.end);
            return;
        }
        self.segments.push(Segment {
            view_start: self.view_len,
            view_len: replacement.len(),
            orig_start: orig.start,
            orig_len: orig.end - orig.start,
            copied: false,
        });
        let (original, consumed) = (self.original, self.consumed);
        let view = self.view.get_or_insert_with(|| {
            let mut view = String::with_capacity(original.len());
            view.push_str(original.get(..consumed).unwrap_or_default());
            view
        });
        view.push_str(replacement);
        self.view_len += replacement.len();
        self.consumed = orig.end;
    }

    /// Copies the rest of the original and returns the view (`None` when
    /// it is the original unchanged) and its map.
    pub(crate) fn finish(mut self) -> (Option<String>, OffsetMap) {
        self.copy_to(self.original.len());
        let map = OffsetMap {
            view_len: self.view_len,
            orig_len: self.original.len(),
            segments: self.segments,
        };
        (self.view, map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_map() {
        let (view, map) = ViewBuilder::new("abc").finish();
        assert_eq!(view, None);
        assert_eq!(map.to_original(1), 1);
        assert_eq!(map.to_original(3), 3);
        assert_eq!(map.original_range(0..2), 0..2);
    }

    #[test]
    fn replacement_and_deletion() {
        let original = "a\u{a0}b-\ncd";
        let mut b = ViewBuilder::new(original);
        b.replace(1..3, " ");
        b.replace(4..6, "");
        let (view, map) = b.finish();
        assert_eq!(view.as_deref(), Some("a bcd"));
        // The space maps to the two-byte no-break space.
        assert_eq!(map.original_range(1..2), 1..3);
        assert_eq!(map.to_original(2), 3);
        // `b` ends before the deleted "-\n"; `c` starts after it.
        assert_eq!(map.original_range(2..3), 3..4);
        assert_eq!(map.to_original(3), 6);
        assert_eq!(map.original_range(2..5), 3..8);
        assert_eq!(&original[map.original_range(0..5)], original);
    }

    #[test]
    fn range_inside_replacement_covers_whole_replacement() {
        // Three view bytes replace one original byte.
        let mut b = ViewBuilder::new("xKy");
        b.replace(1..2, "К");
        let (view, map) = b.finish();
        assert_eq!(view.as_deref(), Some("xКy"));
        assert_eq!(map.original_range(1..3), 1..2);
        assert_eq!(map.to_original(3), 2);
        assert_eq!(map.original_range(3..4), 2..3);
    }
}
