//! Scoring events and agreements against gold records (format:
//! `gold/EVENTS.md`).
//!
//! * An event matches a gold event of the same document when its type, its
//!   set of countries and its date (both none, or equal) agree.
//! * An agreement matches a gold agreement of the same document when its
//!   count (both none, or equal), its value (both none, or within 0.5 %)
//!   and its date agree.
//!
//! * A project matches a gold project of the same document when their
//!   names agree ([`crate::same_name`] of their [`crate::name_key`]s: folded
//!   across scripts and endings, one equal to or a run of whole words of
//!   the other) and their sets of sides are equal.
//! * A count of projects matches when its count (both none, or equal) and
//!   its value (both none, or within 0.5 %) agree.
//!
//! Each gold record is matched at most once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tandem_model::{Agreement, Event, ProjectReport};

/// One gold line: an event or an agreement of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "lowercase")]
pub enum Gold {
    /// An event.
    Event {
        /// Document id (corpus file name without `.txt`).
        doc: String,
        /// Event type.
        #[serde(rename = "type")]
        event_type: String,
        /// ISO codes of the countries taking part.
        countries: Vec<String>,
        /// Date as the text gives it, resolved; `null` when it gives none.
        date: Option<String>,
        /// ISO code of the place's country, when the text names a place
        /// (informative, not scored).
        #[serde(default)]
        place: Option<String>,
    },
    /// Documents signed.
    Agreement {
        /// Document id.
        doc: String,
        /// How many, when stated.
        count: Option<u32>,
        /// Total value, when stated.
        #[serde(default)]
        value: Option<f64>,
        /// Date, when stated (or of the event they were signed at).
        date: Option<String>,
        /// What they are about, as written, when stated (several joined by
        /// "; "); scored on its own line.
        #[serde(default)]
        subject: Option<String>,
    },
    /// A named project (the other fields of `gold/EVENTS.md` are
    /// informative).
    Project {
        /// Document id.
        doc: String,
        /// The name as written.
        name: String,
        /// ISO codes of the countries taking part.
        sides: Vec<String>,
    },
    /// A count of projects.
    #[serde(rename = "project_count")]
    ProjectCount {
        /// Document id.
        doc: String,
        /// How many, when a number says so.
        count: Option<u32>,
        /// Their total value, when stated.
        #[serde(default)]
        value: Option<f64>,
    },
}

impl Gold {
    /// The document the record belongs to.
    pub fn doc(&self) -> &str {
        match self {
            Gold::Event { doc, .. }
            | Gold::Agreement { doc, .. }
            | Gold::Project { doc, .. }
            | Gold::ProjectCount { doc, .. } => doc,
        }
    }
}

/// Reads gold lines (JSON Lines; blank lines and lines starting with `#`
/// are skipped).
pub fn parse_gold(text: &str) -> Result<Vec<Gold>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Counts of one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Gold records.
    pub gold: usize,
    /// Predicted records.
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
}

impl Counts {
    /// Precision (1 with nothing predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// Recall (1 with no gold record).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A scoring run over some documents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Events (type, countries and date right).
    pub events: Counts,
    /// Events with type and countries right, whatever the date.
    pub events_type_countries: Counts,
    /// Agreements (count, value and date right).
    pub agreements: Counts,
    /// Subjects of agreements: those of a document's gold agreements
    /// against those read from it (see [`same_subject`]).
    pub agreement_subjects: Counts,
    /// Named projects (name and sides right).
    pub projects: Counts,
    /// Counts of projects (count and value right).
    pub project_counts: Counts,
    /// Misses and false finds, one line each, by document (a false find
    /// with the byte offset of its sentence, `@start`).
    pub errors: BTreeMap<String, Vec<String>>,
}

fn same_set(a: &[String], b: &[String]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    a == b
}

/// Whether two optional values agree: both none, or within 0.5 %.
fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 0.005 * x.abs(),
        (None, None) => true,
        _ => false,
    }
}

/// Whether two subjects agree: one of the subjects of one ("; " between
/// several) and one of the other name the same thing as project names do
/// ([`crate::same_name`]: words folded and cut to five letters, one a run
/// of whole words of the other: "сотрудничестве" and "сотрудничества в
/// области энергетики").
pub fn same_subject(a: &str, b: &str) -> bool {
    let keys = |s: &str| -> Vec<String> { s.split("; ").map(crate::name_key).collect() };
    let (a, b) = (keys(a), keys(b));
    a.iter().any(|x| b.iter().any(|y| crate::same_name(x, y)))
}

/// Greedy one-to-one matching; returns the number of pairs and the
/// unmatched indices of each side.
fn pair<G, P>(
    gold: &[G],
    pred: &[P],
    ok: impl Fn(&G, &P) -> bool,
) -> (usize, Vec<usize>, Vec<usize>) {
    let mut used = vec![false; pred.len()];
    let mut missed = Vec::new();
    let mut n = 0;
    for (i, g) in gold.iter().enumerate() {
        match (0..pred.len()).find(|&j| !used[j] && ok(g, &pred[j])) {
            Some(j) => {
                used[j] = true;
                n += 1;
            }
            None => missed.push(i),
        }
    }
    let extra = (0..pred.len()).filter(|&j| !used[j]).collect();
    (n, missed, extra)
}

impl Report {
    /// Adds the predictions of one document (`doc`) against its gold lines.
    pub fn add(
        &mut self,
        doc: &str,
        gold: &[&Gold],
        (events, agreements): (&[Event], &[Agreement]),
        projects: &[ProjectReport],
    ) {
        let g_events: Vec<(&String, &Vec<String>, &Option<String>)> = gold
            .iter()
            .filter_map(|g| match g {
                Gold::Event {
                    event_type,
                    countries,
                    date,
                    ..
                } => Some((event_type, countries, date)),
                _ => None,
            })
            .collect();
        let g_agr: Vec<(Option<u32>, Option<f64>, &Option<String>)> = gold
            .iter()
            .filter_map(|g| match g {
                Gold::Agreement {
                    count, value, date, ..
                } => Some((*count, *value, date)),
                _ => None,
            })
            .collect();
        let g_proj: Vec<(String, &String, &Vec<String>)> = gold
            .iter()
            .filter_map(|g| match g {
                Gold::Project { name, sides, .. } => Some((crate::name_key(name), name, sides)),
                _ => None,
            })
            .collect();
        let g_count: Vec<(Option<u32>, Option<f64>)> = gold
            .iter()
            .filter_map(|g| match g {
                Gold::ProjectCount { count, value, .. } => Some((*count, *value)),
                _ => None,
            })
            .collect();
        let named: Vec<&ProjectReport> = projects.iter().filter(|p| p.name.is_some()).collect();
        let counts: Vec<&ProjectReport> = projects.iter().filter(|p| p.name.is_none()).collect();
        let (n4, missed4, extra4) = pair(&g_proj, &named, |g, p| {
            p.key.as_deref().is_some_and(|k| crate::same_name(&g.0, k)) && same_set(g.2, &p.sides)
        });
        let (n5, missed5, extra5) = pair(&g_count, &counts, |g, p| {
            g.0 == p.count && same_value(g.1, p.value)
        });
        for (c, gold_n, pred_n, m) in [
            (&mut self.projects, g_proj.len(), named.len(), n4),
            (&mut self.project_counts, g_count.len(), counts.len(), n5),
        ] {
            c.gold += gold_n;
            c.predicted += pred_n;
            c.matched += m;
        }
        let (n, missed, extra) = pair(&g_events, events, |g, e| {
            *g.0 == e.event_type && same_set(g.1, &e.countries) && *g.2 == e.date
        });
        let (n2, ..) = pair(&g_events, events, |g, e| {
            *g.0 == e.event_type && same_set(g.1, &e.countries)
        });
        let (n3, missed3, extra3) = pair(&g_agr, agreements, |g, a| {
            g.0 == a.count && same_value(g.1, a.value) && *g.2 == a.date
        });
        let g_subj: Vec<&String> = gold
            .iter()
            .filter_map(|g| match g {
                Gold::Agreement {
                    subject: Some(s), ..
                } => Some(s),
                _ => None,
            })
            .collect();
        let p_subj: Vec<&String> = agreements
            .iter()
            .filter_map(|a| a.subject.as_ref())
            .collect();
        let (n6, missed6, extra6) = pair(&g_subj, &p_subj, |g, p| same_subject(g, p));
        self.agreement_subjects.gold += g_subj.len();
        self.agreement_subjects.predicted += p_subj.len();
        self.agreement_subjects.matched += n6;
        for (c, m) in [(&mut self.events, n), (&mut self.events_type_countries, n2)] {
            c.gold += g_events.len();
            c.predicted += events.len();
            c.matched += m;
        }
        self.agreements.gold += g_agr.len();
        self.agreements.predicted += agreements.len();
        self.agreements.matched += n3;
        let errs = self.errors.entry(doc.to_string()).or_default();
        for i in missed {
            let g = g_events[i];
            errs.push(format!("missed event {} {:?} {:?}", g.0, g.1, g.2));
        }
        for j in extra {
            let e = &events[j];
            errs.push(format!(
                "extra event {} {:?} {:?} @{}",
                e.event_type, e.countries, e.date, e.start
            ));
        }
        for i in missed3 {
            let g = g_agr[i];
            errs.push(format!("missed agreement {:?} {:?} {:?}", g.0, g.1, g.2));
        }
        for j in extra3 {
            let a = &agreements[j];
            errs.push(format!(
                "extra agreement {:?} {:?} {:?} @{}",
                a.count, a.value, a.date, a.start
            ));
        }
        for i in missed6 {
            errs.push(format!("missed agreement subject {:?}", g_subj[i]));
        }
        for j in extra6 {
            errs.push(format!("extra agreement subject {:?}", p_subj[j]));
        }
        for i in missed4 {
            let g = &g_proj[i];
            errs.push(format!("missed project {:?} {:?}", g.1, g.2));
        }
        for j in extra4 {
            let p = named[j];
            errs.push(format!(
                "extra project {:?} {:?} @{}",
                p.name.as_deref().unwrap_or(""),
                p.sides,
                p.start
            ));
        }
        for i in missed5 {
            let g = g_count[i];
            errs.push(format!("missed project count {:?} {:?}", g.0, g.1));
        }
        for j in extra5 {
            let p = counts[j];
            errs.push(format!(
                "extra project count {:?} {:?} @{}",
                p.count, p.value, p.start
            ));
        }
        if errs.is_empty() {
            self.errors.remove(doc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_parse() {
        let g = parse_gold(
            "# comment\n{\"record\":\"event\",\"doc\":\"a\",\"type\":\"summit\",\"countries\":[\"KZ\",\"UZ\"],\"date\":null}\n\
             {\"record\":\"agreement\",\"doc\":\"a\",\"count\":17,\"date\":\"2025-11\"}\n",
        )
        .unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[1].doc(), "a");
        assert!(parse_gold("{\"record\":\"x\"}").is_err());
    }

    #[test]
    fn subjects_agree_by_their_words_whatever_the_endings() {
        assert!(same_subject(
            "сотрудничестве",
            "сотрудничества в области энергетики"
        ));
        assert!(same_subject("trade; energy", "energy"));
        assert!(!same_subject("trade", "energy"));
    }

    #[test]
    fn empty_counts_score_one() {
        let c = Counts::default();
        assert_eq!(c.f1(), 1.0);
        let c = Counts {
            gold: 2,
            predicted: 1,
            matched: 1,
        };
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-9);
    }
}
