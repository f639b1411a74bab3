//! `tandem-events`: what governments did, as sourced records — the visits,
//! summits, council sessions, forums, talks and phone calls a document
//! reports, and the agreements signed there.
//!
//! Figures are half of what an analyst of Central Asian economic news
//! follows; the other half is who met whom, where, when, and what they
//! signed. This crate reads those events from the same analysis the
//! figures come from: it does not tokenise or match words itself but takes
//! the [`tandem_extract::reading::Reading`] that
//! [`tandem_extract::extract_with_reading`] returns with the figures —
//! country names with their case roles, cities, heads of state, days and
//! months resolved against the document's date, and the lexicon's event,
//! office, agreement and day words (`[events]`, `[offices]`,
//! `[agreements]`, `[days]`, `[venues]` of `lexicon/<lang>.toml`). So a
//! language is added to events the way it is added to figures: by its
//! lexicon file.
//!
//! * [`read`]: the events and agreements of one document, each with its
//!   source span (reports of one event within a document are one event);
//! * [`read_projects`]: named projects and counts of projects (the
//!   lexicon's `[projects]`, `[sectors]` and `[project_status]`), with the
//!   figures of their sentences as values, capacities and jobs;
//! * an agreement's subject, as written (`[agreement_words]` of `lexicon/<lang>.toml`:
//!   "соглашение о торговле", "савдо бўйича келишув");
//! * [`merge`]: the same event reported by several documents or languages
//!   as one record with every source;
//! * [`score`]: precision and recall against gold records
//!   (`gold/EVENTS.md`).

mod days;
mod merge;
mod projects;
mod read;
pub mod score;
mod subjects;

pub use merge::{merge, Record, Source};
pub use projects::{name_key, read_projects, same_name};
pub use read::{read, Found};

/// Analyses and reads one text: its figures, events, agreements and
/// projects (`doc`
/// is the document id; `date` its date, else read from its header).
pub fn analyse(
    doc: &str,
    text: &str,
    date: Option<tandem_model::DocDate>,
) -> (Vec<tandem_model::Figure>, Found) {
    let analysis = tandem_text::analyze(text);
    let (figures, reading) = tandem_extract::extract_with_reading(doc, &analysis, date);
    let found = read(doc, text, &reading, &figures);
    (figures, found)
}
