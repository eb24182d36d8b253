//! CSV, XLSX and ODS in, spreadsheets out.
//!
//! An import takes two steps, so that the window can show a preview table before anything is
//! written:
//!
//! 1. [`plan_applications`] or [`plan_scores`] read the files and check every row against the
//!    workspace, giving an [`ImportPlan`]: the rows recognised, what each item would create,
//!    change or leave alone, and every [`Problem`] with its file, row, column and an Italian
//!    sentence. Nothing is written.
//! 2. [`apply`] writes the plan through the [`Editor`](crate::editor::Editor), one command per
//!    application or per member's sheet, so every change is checked, saved atomically and
//!    journaled. Nothing is written if any row has an error, unless the user chooses to import
//!    only the good rows.
//!
//! For files already in memory (dropped on the window), [`table::from_bytes`] reads them and
//! [`applications::plan`] or [`scores::plan`] check them. The exports of the ranking and of the
//! score matrix are in [`export`], written by [`workbook`].

pub mod applications;
mod canonical;
mod cells;
pub mod columns;
pub mod dialect;
pub mod export;
pub mod legal_form;
mod lines;
mod messages;
mod ods;
mod parties;
pub mod plan;
pub mod scores;
pub mod table;
pub mod template;
pub mod values;
pub mod workbook;

use std::path::{Path, PathBuf};

pub use applications::Books;
pub use columns::Kind;
pub use plan::{
    Action, Applied, ApplyError, Column, FileSummary, ImportPlan, Place, PlanItem, PlanKind,
    Problem, RowRef, Severity, apply,
};
pub use table::{Book, TableError};

use crate::domain::Workspace;
use columns::Layout;
use plan::Findings;

/// The files of an import of applications, as paths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFiles {
    pub applications: Option<PathBuf>,
    pub budget: Option<PathBuf>,
    pub cofinancing: Option<PathBuf>,
}

/// Reads the files and checks them against the workspace: see [`applications::plan`].
pub fn plan_applications(ws: &Workspace, files: &ApplicationFiles) -> ImportPlan {
    let read = |path: &Option<PathBuf>| path.as_deref().map(table::read);
    let (a, b, c) = (
        read(&files.applications),
        read(&files.budget),
        read(&files.cofinancing),
    );
    let errors: Vec<&TableError> = [&a, &b, &c]
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_ref().err())
        .collect();
    if !errors.is_empty() {
        return unreadable(PlanKind::Applications, &errors);
    }
    fn ok(r: &Option<Result<Book, TableError>>) -> Option<&Book> {
        r.as_ref().and_then(|r| r.as_ref().ok())
    }
    applications::plan(
        ws,
        Books {
            applications: ok(&a),
            budget: ok(&b),
            cofinancing: ok(&c),
        },
    )
}

/// Reads a file of scores and checks it against the workspace: see [`scores::plan`].
pub fn plan_scores(ws: &Workspace, path: &Path) -> ImportPlan {
    match table::read(path) {
        Ok(book) => scores::plan(ws, &book),
        Err(e) => unreadable(PlanKind::Scores, &[&e]),
    }
}

/// A plan that stops at files that cannot be read.
fn unreadable(kind: PlanKind, errors: &[&TableError]) -> ImportPlan {
    let mut findings = Findings::default();
    for e in errors {
        if let TableError::Encoding {
            file,
            row,
            column,
            message,
        } = e
        {
            // Where the bad byte is, as every problem of a row says it.
            let place = Place {
                row: Some(*row),
                column: Some(plan::Column {
                    index: *column,
                    header: String::new(),
                }),
                ..Place::file(file)
            };
            findings.blocking(place, message.clone());
            continue;
        }
        let file = match e {
            TableError::Io { file, .. }
            | TableError::Spreadsheet { file, .. }
            | TableError::Csv { file, .. }
            | TableError::Encoding { file, .. } => file.clone(),
        };
        let message = e.to_string();
        let message = message
            .strip_prefix(&format!("{file}: "))
            .unwrap_or(&message)
            .to_string();
        findings.blocking(Place::file(&file), message);
    }
    ImportPlan {
        kind,
        files: Vec::new(),
        items: Vec::new(),
        problems: findings.problems,
        blocking: findings.blocking,
        sheets_before: Vec::new(),
    }
}

/// How the preview describes a file.
fn summary(book: &Book, layout: &Layout, kind: Kind) -> FileSummary {
    FileSummary {
        file: book.file.clone(),
        kind,
        format: book.format.describe(),
        sheet: layout.sheet_name.clone().or_else(|| {
            book.sheets
                .get(layout.sheet)
                .and_then(|s| s.name.clone())
                .filter(|_| book.sheets.len() > 1)
        }),
        rows: layout.rows(book).len(),
    }
}
