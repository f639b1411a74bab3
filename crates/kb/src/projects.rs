//! Projects as an analyst follows them: one record per named project (the
//! reports of every document, language and script whose names fold to one
//! key), with its latest status, value and jobs and its history (every
//! report, oldest first) with its sources; and the counts of projects
//! documents state, over time. Used alike by `tandem projects`,
//! `tandem export projects` and the API.

use serde::Serialize;
use tandem_store::ProjectRow;

use crate::events::{DateBounds, SourceRef};

/// One report of a project: what one document said of it, and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectStep {
    /// The name as this report writes it (`None` for a count).
    pub name: Option<String>,
    /// How many projects, for a count.
    pub count: Option<u32>,
    /// ISO codes of the countries taking part, as this report gives them.
    pub sides: Vec<String>,
    /// Sector, when a word says.
    pub sector: Option<String>,
    /// City or region, as written.
    pub place: Option<String>,
    /// Value, in `currency`.
    pub value: Option<f64>,
    /// ISO 4217 code of `value`.
    pub currency: Option<String>,
    /// Capacity, in `capacity_unit`.
    pub capacity: Option<f64>,
    /// Unit of `capacity`.
    pub capacity_unit: Option<String>,
    /// Jobs.
    pub jobs: Option<f64>,
    /// `planned`, `agreed`, `under_construction` or `launched`.
    pub status: Option<String>,
    /// When the status was reported.
    pub date: Option<String>,
    /// Where it is reported.
    pub source: SourceRef,
}

/// One named project with every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRecord {
    /// Its number (`projects.id`).
    pub id: i64,
    /// Its name as first reported.
    pub name: String,
    /// ISO codes of the countries taking part, as all reports give them.
    pub sides: Vec<String>,
    /// Sector, as the latest report saying one gives it.
    pub sector: Option<String>,
    /// City or region, as first written.
    pub place: Option<String>,
    /// The latest status reported, and when.
    pub status: Option<String>,
    /// The date of the latest report.
    pub date: Option<String>,
    /// The latest value reported, in `currency`.
    pub value: Option<f64>,
    /// ISO 4217 code of `value`.
    pub currency: Option<String>,
    /// The latest jobs figure reported.
    pub jobs: Option<f64>,
    /// Every report, oldest first (undated ones first).
    pub history: Vec<ProjectStep>,
}

/// Which projects to keep beside the store's filter.
#[derive(Debug, Clone, Default)]
pub struct ProjectQuery {
    /// Only projects whose latest status is this one.
    pub status: Option<String>,
    /// Only projects of this sector.
    pub sector: Option<String>,
    /// Only projects with a report dated within these bounds.
    pub bounds: DateBounds,
}

fn step(r: &ProjectRow) -> ProjectStep {
    let p = &r.report;
    ProjectStep {
        name: p.name.clone(),
        count: p.count,
        sides: p.sides.clone(),
        sector: p.sector.clone(),
        place: p.place.clone(),
        value: p.value,
        currency: p.currency.clone(),
        capacity: p.capacity,
        capacity_unit: p.capacity_unit.clone(),
        jobs: p.jobs,
        status: p.status.clone(),
        date: p.date.clone().or_else(|| r.document.date.clone()),
        source: SourceRef {
            document: r.document.clone(),
            language: p.lang.clone(),
            start: p.start,
            end: p.end,
            sentence: p.sentence.clone(),
        },
    }
}

/// The named projects of `rows` as records, the most recently reported
/// first (undated ones last), kept by `query`.
pub fn project_records(rows: &[ProjectRow], query: &ProjectQuery) -> Vec<ProjectRecord> {
    let mut out: Vec<ProjectRecord> = Vec::new();
    for r in rows {
        let Some(id) = r.project else { continue };
        let s = step(r);
        match out.iter_mut().find(|p| p.id == id) {
            Some(p) => p.history.push(s),
            None => out.push(ProjectRecord {
                id,
                name: r
                    .project_name
                    .clone()
                    .or_else(|| s.name.clone())
                    .unwrap_or_default(),
                sides: Vec::new(),
                sector: None,
                place: None,
                status: None,
                date: None,
                value: None,
                currency: None,
                jobs: None,
                history: vec![s],
            }),
        }
    }
    for p in &mut out {
        p.history.sort_by(|a, b| {
            a.date
                .as_deref()
                .unwrap_or("")
                .cmp(b.date.as_deref().unwrap_or(""))
        });
        for h in &p.history {
            for c in &h.sides {
                if !p.sides.contains(c) {
                    p.sides.push(c.clone());
                }
            }
            if h.sector.is_some() {
                p.sector.clone_from(&h.sector);
            }
            if p.place.is_none() {
                p.place.clone_from(&h.place);
            }
            if h.status.is_some() {
                p.status.clone_from(&h.status);
            }
            if h.value.is_some() {
                p.value = h.value;
                p.currency.clone_from(&h.currency);
            }
            if h.jobs.is_some() {
                p.jobs = h.jobs;
            }
            if h.date.is_some() {
                p.date.clone_from(&h.date);
            }
        }
        p.sides.sort();
    }
    out.retain(|p| {
        query
            .status
            .as_ref()
            .is_none_or(|s| p.status.as_ref() == Some(s))
            && query
                .sector
                .as_ref()
                .is_none_or(|s| p.sector.as_ref() == Some(s))
            && p.history
                .iter()
                .any(|h| query.bounds.keeps(h.date.as_deref()))
    });
    out.sort_by(|a, b| b.date.cmp(&a.date));
    out
}

/// The counts of projects of `rows` (read with `ProjectFilter::counts`),
/// newest first, within `bounds`.
pub fn project_counts(rows: &[ProjectRow], bounds: &DateBounds) -> Vec<ProjectStep> {
    let mut out: Vec<ProjectStep> = rows
        .iter()
        .filter(|r| r.project.is_none())
        .map(step)
        .filter(|s| bounds.keeps(s.date.as_deref()))
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_model::ProjectReport;
    use tandem_store::ReportDocument;

    fn row(id: i64, doc: &str, status: &str, date: &str, sides: &[&str]) -> ProjectRow {
        ProjectRow {
            project: Some(id),
            project_name: Some("Rogun".into()),
            report: ProjectReport {
                doc: doc.into(),
                name: Some("Rogun".into()),
                key: Some("rogun".into()),
                count: None,
                sides: sides.iter().map(|s| s.to_string()).collect(),
                sector: Some("energy".into()),
                place: None,
                value: None,
                currency: None,
                capacity: None,
                capacity_unit: None,
                jobs: None,
                status: Some(status.into()),
                date: Some(date.into()),
                lang: "en".into(),
                start: 0,
                end: 1,
                sentence: String::new(),
            },
            document: ReportDocument {
                id: doc.into(),
                name: doc.into(),
                title: None,
                url: None,
                path: doc.into(),
                date: None,
                language: "en".into(),
            },
        }
    }

    #[test]
    fn reports_of_one_project_are_its_history_oldest_first() {
        let rows = vec![
            row(1, "b", "launched", "2019-12", &["TJ"]),
            row(1, "a", "under_construction", "2016-10", &["RU", "TJ"]),
            row(2, "c", "planned", "2020-01", &["UZ"]),
        ];
        let all = project_records(&rows, &ProjectQuery::default());
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].id, 2, "the most recently reported first");
        let rogun = &all[1];
        assert_eq!(
            rogun.history[0].status.as_deref(),
            Some("under_construction")
        );
        assert_eq!(rogun.status.as_deref(), Some("launched"));
        assert_eq!(rogun.sides, vec!["RU", "TJ"]);
        let launched = ProjectQuery {
            status: Some("launched".into()),
            ..Default::default()
        };
        assert_eq!(project_records(&rows, &launched).len(), 1);
    }
}
