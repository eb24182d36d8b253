//! What an import would do, before anything is written: the rows recognised, what each would
//! create, change or leave as it is, and every problem with its file, row and column. Then,
//! on the user's word, the same plan applied through the editor, so that each change is
//! checked, saved atomically and journaled like any other.

use std::fmt;

use super::table::column_letter;
use crate::domain::{Application, MemberId, ScoreSheet};
use crate::editor::{BatchError, Command, EditError, Editor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The row cannot be imported.
    Error,
    /// Imported, but the user should know (an unknown column ignored, a legal form kept as
    /// written).
    Notice,
}

/// A column of a file: its position and its header as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// From 0 (column A).
    pub index: usize,
    pub header: String,
}

impl Column {
    pub fn letter(&self) -> String {
        column_letter(self.index)
    }
}

/// Where a problem is: the file, the sheet when the workbook has several, the row as the
/// spreadsheet numbers it, the column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<Column>,
}

impl Place {
    pub fn file(file: &str) -> Place {
        Place {
            file: file.to_string(),
            sheet: None,
            row: None,
            column: None,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", foglio «{sheet}»")?;
        }
        if let Some(row) = self.row {
            write!(f, ", riga {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", colonna {}", column.letter())?;
            if !column.header.trim().is_empty() {
                write!(f, " ({})", column.header.trim())?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub place: Place,
    /// In Italian, for the user.
    pub message: String,
}

impl fmt::Display for Problem {
    /// Cell texts, headers and sheet names come from the file: a control character among them
    /// is spelled out, never sent to a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{}: {}", self.place, self.message);
        f.write_str(&crate::domain::text::visible(&text))
    }
}

/// What importing one item would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    Create,
    Update,
    /// The workspace already holds exactly this: nothing is written.
    Unchanged,
    /// A problem in one of its rows: it is not imported.
    Rejected,
}

impl Action {
    /// "nuova", "modificato"...: the word agrees with what the plan imports.
    pub fn label(self, kind: PlanKind) -> &'static str {
        match (self, kind) {
            (Action::Create, PlanKind::Applications) => "nuova",
            (Action::Create, PlanKind::Scores) => "nuovo",
            (Action::Update, PlanKind::Applications) => "modificata",
            (Action::Update, PlanKind::Scores) => "modificato",
            (Action::Unchanged, PlanKind::Applications) => "invariata",
            (Action::Unchanged, PlanKind::Scores) => "invariato",
            (Action::Rejected, _) => "con errori",
        }
    }
}

/// A row of a file, as the preview cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
}

impl RowRef {
    pub fn place(&self) -> Place {
        Place {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: Some(self.row),
            column: None,
        }
    }
}

/// One thing the import would write: an application (with its budget and co-financing rows)
/// or one member's score on one criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    /// The protocol, or "member · protocol · criterion".
    pub key: String,
    /// A few words to recognise it: the applicant, or the value and reason.
    pub label: String,
    pub rows: Vec<RowRef>,
    pub action: Action,
    /// For an update, what changes, in Italian ("contributo richiesto: € 79.000,00 → € 80.000,00").
    pub changes: Vec<String>,
    pub(super) payload: Payload,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Payload {
    None,
    /// The application as it will be, and as the workspace held it when planned.
    Application {
        new: Box<Application>,
        old: Option<Box<Application>>,
    },
    /// A score for a member's sheet.
    Score {
        member: MemberId,
        score: crate::domain::Score,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanKind {
    Applications,
    Scores,
}

/// A file read for the import, as the preview describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub file: String,
    /// What the file was read as.
    pub kind: super::columns::Kind,
    /// "CSV Windows-1252, separatore «;», virgola decimale...", "foglio di calcolo XLSX".
    pub format: String,
    pub sheet: Option<String>,
    pub rows: usize,
}

/// The whole import, checked, nothing written yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub kind: PlanKind,
    pub files: Vec<FileSummary>,
    pub items: Vec<PlanItem>,
    /// Every problem, errors first, in file and row order.
    pub problems: Vec<Problem>,
    /// Problems that concern a whole file (unreadable, a required column missing): nothing can
    /// be imported, not even the good rows.
    pub blocking: usize,
    /// The sheets as they were when planned, to notice a change made meanwhile.
    pub(super) sheets_before: Vec<(MemberId, Option<ScoreSheet>)>,
}

impl ImportPlan {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn notices(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Notice)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The problems found in the rows of one item, for the preview's detail.
    pub fn problems_of<'a>(&'a self, item: &'a PlanItem) -> impl Iterator<Item = &'a Problem> {
        self.problems.iter().filter(move |p| {
            item.rows.iter().any(|r| {
                p.place.file == r.file && p.place.sheet == r.sheet && p.place.row == Some(r.row)
            })
        })
    }

    pub fn count(&self, action: Action) -> usize {
        self.items.iter().filter(|i| i.action == action).count()
    }

    /// Whether applying would write anything.
    pub fn writes(&self, only_good_rows: bool) -> bool {
        (only_good_rows || !self.has_errors())
            && self.blocking == 0
            && self
                .items
                .iter()
                .any(|i| matches!(i.action, Action::Create | Action::Update))
    }

    pub(super) fn sort_problems(&mut self) {
        self.problems.sort_by(|a, b| {
            (
                a.severity,
                &a.place.file,
                a.place.row,
                a.place.column.as_ref().map(|c| c.index),
            )
                .cmp(&(
                    b.severity,
                    &b.place.file,
                    b.place.row,
                    b.place.column.as_ref().map(|c| c.index),
                ))
        });
        self.problems.dedup();
    }
}

/// Problems as they are found, and the items they spoil.
#[derive(Debug, Default)]
pub(super) struct Findings {
    pub problems: Vec<Problem>,
    /// Keys of the items with an error.
    pub spoiled: std::collections::BTreeSet<String>,
    /// Errors that concern no single item.
    pub blocking: usize,
}

impl Findings {
    /// An error in a row that belongs to the item `key`.
    pub fn error(&mut self, key: &str, place: Place, message: impl Into<String>) {
        self.spoiled.insert(key.to_string());
        self.problems.push(Problem {
            severity: Severity::Error,
            place,
            message: message.into(),
        });
    }

    /// An error that stops the whole import.
    pub fn blocking(&mut self, place: Place, message: impl Into<String>) {
        self.blocking += 1;
        self.problems.push(Problem {
            severity: Severity::Error,
            place,
            message: message.into(),
        });
    }

    pub fn notice(&mut self, place: Place, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Notice,
            place,
            message: message.into(),
        });
    }

    /// File-level problems from reading a file or finding its columns: every error among them
    /// stops the import.
    pub fn file_problems(&mut self, problems: Vec<Problem>) {
        for p in problems {
            if p.severity == Severity::Error {
                self.blocking += 1;
            }
            self.problems.push(p);
        }
    }

    pub fn is_spoiled(&self, key: &str) -> bool {
        self.spoiled.contains(key)
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Keys of the items created or updated.
    pub written: Vec<String>,
    /// Keys of the items left out for their errors (with `only_good_rows`).
    pub skipped: Vec<String>,
    pub unchanged: usize,
    /// Changes written to the workspace (one per application, one per member's sheet).
    pub commands: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(
        "l'importazione ha {0} errori: non è stato scritto nulla (si possono importare solo le righe senza errori)"
    )]
    HasErrors(usize),
    #[error("un file non si può importare ({0} errori sul file intero): non è stato scritto nulla")]
    Blocked(usize),
    #[error(
        "l'avviso è cambiato dopo l'anteprima ({0}): non è stato scritto nulla; rifare l'anteprima"
    )]
    Stale(String),
    #[error("{}{source}; non è stato scritto nulla di questa importazione", if key.is_empty() { String::new() } else { format!("{key}: ") })]
    Edit { key: String, source: EditError },
}

/// Applies the plan through the editor. Nothing is written if the plan has errors, unless
/// `only_good_rows`: then the items without errors are written and the others listed as
/// skipped. Items unchanged are not touched (no file rewritten, no journal entry). The whole
/// import is one transaction: all of it is written, or (on a refusal, a full disk, Ctrl+C)
/// nothing.
pub fn apply(
    plan: &ImportPlan,
    editor: &mut Editor,
    only_good_rows: bool,
) -> Result<Applied, ApplyError> {
    if plan.blocking > 0 {
        return Err(ApplyError::Blocked(plan.blocking));
    }
    let errors = plan.errors().count();
    if errors > 0 && !only_good_rows {
        return Err(ApplyError::HasErrors(errors));
    }
    let mut applied = Applied {
        skipped: plan
            .items
            .iter()
            .filter(|i| i.action == Action::Rejected)
            .map(|i| i.key.clone())
            .collect(),
        unchanged: plan.count(Action::Unchanged),
        ..Applied::default()
    };
    let (keys, commands): (Vec<Vec<String>>, Vec<Command>) =
        commands(plan, editor)?.into_iter().unzip();
    applied.commands = commands.len();
    let what = match plan.kind {
        PlanKind::Applications => super::messages::applications_imported(commands.len()),
        PlanKind::Scores => super::messages::scores_imported(commands.len()),
    };
    match editor.apply_all_as(&what, commands) {
        Ok(_) => applied.written = keys.into_iter().flatten().collect(),
        Err(BatchError { index, error }) => {
            return Err(ApplyError::Edit {
                key: index
                    .and_then(|i| keys.get(i))
                    .map(|k| k.join(", "))
                    .unwrap_or_default(),
                source: error,
            });
        }
    }
    Ok(applied)
}

/// The editor's commands for the items to write, each with the keys it covers, after checking
/// that the workspace is still as it was when planned.
fn commands(plan: &ImportPlan, editor: &Editor) -> Result<Vec<(Vec<String>, Command)>, ApplyError> {
    let ws = editor.workspace();
    let writing = plan
        .items
        .iter()
        .filter(|i| matches!(i.action, Action::Create | Action::Update));
    let mut out = Vec::new();
    match plan.kind {
        PlanKind::Applications => {
            for item in writing {
                let Payload::Application { new, old } = &item.payload else {
                    continue;
                };
                if ws.application(&new.protocol) != old.as_deref() {
                    return Err(ApplyError::Stale(super::messages::application_changed(
                        &new.protocol,
                    )));
                }
                out.push((vec![item.key.clone()], Command::PutApplication(new.clone())));
            }
        }
        PlanKind::Scores => {
            for (member, before) in &plan.sheets_before {
                let now = ws.sheet(member);
                let same = match (now, before) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a.scores == b.scores && a.declarations == b.declarations,
                    _ => false,
                };
                if !same {
                    return Err(ApplyError::Stale(super::messages::sheet_changed(member)));
                }
            }
            type Marks = std::collections::BTreeMap<
                (crate::domain::Protocol, crate::domain::CriterionId),
                crate::domain::Score,
            >;
            let mut by_member: Vec<(MemberId, Vec<String>, Marks)> = Vec::new();
            for item in writing {
                let Payload::Score { member, score } = &item.payload else {
                    continue;
                };
                let at = match by_member.iter().position(|(m, _, _)| m == member) {
                    Some(at) => at,
                    None => {
                        by_member.push((member.clone(), Vec::new(), Marks::new()));
                        by_member.len() - 1
                    }
                };
                let (_, keys, marks) = &mut by_member[at];
                marks.insert(
                    (score.application.clone(), score.criterion.clone()),
                    score.clone(),
                );
                keys.push(item.key.clone());
            }
            // One change per member's sheet: one file written, one journal entry. The new
            // marks replace the held ones in one pass (not one pass per mark: a file of
            // 100,000 scores stays linear).
            for (member, keys, marks) in by_member {
                let mut sheet = ws
                    .sheet(&member)
                    .cloned()
                    .unwrap_or_else(|| ScoreSheet::new(member.clone()));
                sheet
                    .scores
                    .retain(|s| !marks.contains_key(&(s.application.clone(), s.criterion.clone())));
                sheet.scores.extend(marks.into_values());
                sheet.normalize();
                out.push((keys, Command::PutSheet(sheet)));
            }
        }
    }
    Ok(out)
}
