//! Reading back the projects documents report (written once for both
//! engines, like the other shared queries).

use tandem_model::ProjectReport;

use crate::events::ReportDocument;
use crate::sql::{Arg, Sql};
use crate::Result;

/// Which project reports to read (every field optional).
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    /// Only the reports of this project (`projects.id`).
    pub project: Option<i64>,
    /// Only reports naming this country as a side (ISO code).
    pub country: Option<String>,
    /// Only reports in this language (of the reporting sentence).
    pub lang: Option<String>,
    /// Counts of projects instead of named projects.
    pub counts: bool,
}

/// One report of a project (or a count of projects) with its document.
#[derive(Debug, Clone)]
pub struct ProjectRow {
    /// The project's number (`projects.id`); `None` for a count.
    pub project: Option<i64>,
    /// The project's name as its first report writes it; `None` for a count.
    pub project_name: Option<String>,
    /// The report.
    pub report: ProjectReport,
    /// The document.
    pub document: ReportDocument,
}

/// Project reports of the latest version of each document matching
/// `filter`, in storage order.
pub(crate) fn project_reports(db: &impl Sql, filter: &ProjectFilter) -> Result<Vec<ProjectRow>> {
    let mut clauses = vec!["d.is_latest = 1".to_owned()];
    clauses.push(if filter.counts {
        "r.project IS NULL".to_owned()
    } else {
        "r.project IS NOT NULL".to_owned()
    });
    let mut args: Vec<Arg> = Vec::new();
    if let Some(id) = filter.project {
        args.push(Arg::Int(id));
        clauses.push(format!("r.project = ?{}", args.len()));
    }
    if let Some(c) = &filter.country {
        args.push(Arg::Text(c.clone()));
        clauses.push(format!(
            "',' || r.sides || ',' LIKE '%,' || ?{} || ',%'",
            args.len()
        ));
    }
    if let Some(l) = &filter.lang {
        args.push(Arg::Text(l.clone()));
        clauses.push(format!("r.language = ?{}", args.len()));
    }
    let sql = format!(
        "SELECT r.project, p.name, r.document_id, r.name, p.key, r.count, r.sides, r.sector, r.place,
                r.value, r.currency, r.capacity, r.capacity_unit, r.jobs, r.status, r.date,
                r.language, r.start_offset, r.end_offset, r.sentence,
                d.name, d.title, d.url, d.source, d.date, d.language
         FROM project_reports r JOIN documents d ON d.seq = r.document
         LEFT JOIN projects p ON p.id = r.project
         WHERE {}
         ORDER BY r.document, r.ordinal",
        clauses.join(" AND ")
    );
    db.rows(&sql, &args, |r| {
        let report = ProjectReport {
            doc: r.text(2)?,
            name: r.opt_text(3)?,
            key: r.opt_text(4)?,
            count: r.opt_int(5)?.map(u32::try_from).transpose()?,
            sides: r
                .text(6)?
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
            sector: r.opt_text(7)?,
            place: r.opt_text(8)?,
            value: r.opt_float(9)?,
            currency: r.opt_text(10)?,
            capacity: r.opt_float(11)?,
            capacity_unit: r.opt_text(12)?,
            jobs: r.opt_float(13)?,
            status: r.opt_text(14)?,
            date: r.opt_text(15)?,
            lang: r.text(16)?,
            start: r.int(17)? as usize,
            end: r.int(18)? as usize,
            sentence: r.text(19)?,
        };
        Ok(ProjectRow {
            project: r.opt_int(0)?,
            project_name: r.opt_text(1)?,
            document: ReportDocument {
                id: report.doc.clone(),
                name: r.text(20)?,
                title: r.opt_text(21)?,
                url: r.opt_text(22)?,
                path: r.text(23)?,
                date: r.opt_text(24)?,
                language: r.text(25)?,
            },
            report,
        })
    })
}
