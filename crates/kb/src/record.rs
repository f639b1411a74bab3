//! A stored figure together with the document it came from: the unit every
//! knowledge-layer result is built from, so that nothing is shown without
//! its source.

use serde::Serialize;
use tandem_model::Figure;

/// What a user needs to know about the document a figure came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocMeta {
    /// Document id (content hash).
    pub id: String,
    /// File stem or JSONL id.
    pub name: String,
    /// Title, when the document has one.
    pub title: Option<String>,
    /// Date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Language code of the document.
    pub language: Option<String>,
}

/// A figure with its row id and its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRecord {
    /// Row id in the `figures` table.
    pub id: i64,
    /// The figure itself (value, unit, indicator, sides, period, span, sentence).
    #[serde(flatten)]
    pub figure: Figure,
    /// The document that states it.
    pub document: DocMeta,
}

impl FigureRecord {
    /// The document date as a sortable string (`""` when unknown, so that
    /// undated documents count as the oldest).
    pub fn date_key(&self) -> &str {
        self.document.date.as_deref().unwrap_or("")
    }
}
