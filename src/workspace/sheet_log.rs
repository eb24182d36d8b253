//! A member's sheet between two whole writes: the changes made since, one line each, appended
//! beside the sheet (`schede/m1.ron` → `schede/m1.modifiche`).
//!
//! On a large call a sheet holds 40,000 marks with their reasons (ten megabytes); rewriting and
//! flushing it at every mark took most of the time a mark took. A mark now appends one line
//! of a few hundred bytes to the log, in the same transaction as its journal entry (see
//! `tx`: an append is undone by cutting the file back to its length). Whoever reads the call
//! reads the sheet, then applies the log's lines in order. The log is folded into the sheet
//! (the sheet written whole, the log removed, one transaction) when a change is too large to be
//! a line (a sheet taken in, a declaration that removes marks) and when the log grows past
//! [`FOLD_AT`] bytes; never when a call is merely opened, so that a command refused afterwards
//! has changed nothing.
//!
//! A line is compact RON: `(revision:5,scores:[(application:"P1",criterion:"A",value:"0.8",reason:"…")])`,
//! with only what changed: marks given or replaced (`scores`), marks removed (`removed`),
//! declarations made or replaced (`declarations`), declarations removed (`undeclared`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::problem::{Position, Problem};
use crate::domain::{CriterionId, Declaration, Protocol, Score, ScoreSheet};

/// The log's extension, beside the sheet's `.ron`.
pub const EXTENSION: &str = "modifiche";

/// The first line of a log.
pub const HEADER: &str = "// Commissione: le modifiche alla scheda di valutazione dopo la sua ultima scrittura per intero, una per riga, nell'ordine in cui sono state fatte.\n";

/// Past this size the next change writes the sheet whole and removes the log.
pub const FOLD_AT: u64 = 1024 * 1024;

/// The most changes one line carries; a larger change writes the sheet whole.
pub const MAX_ITEMS: usize = 64;

/// `schede/m1.ron` → `schede/m1.modifiche`.
pub fn log_path(sheet_file: &Path) -> PathBuf {
    sheet_file.with_extension(EXTENSION)
}

/// A score's key in a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreKey {
    pub application: Protocol,
    pub criterion: CriterionId,
}

/// One change to a sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delta {
    /// The sheet's revision after the change.
    pub revision: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<ScoreKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<Declaration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undeclared: Vec<Protocol>,
}

impl Delta {
    fn items(&self) -> usize {
        self.scores.len() + self.removed.len() + self.declarations.len() + self.undeclared.len()
    }

    /// The line the log holds, with its line end.
    pub fn line(&self) -> String {
        let mut line = ron::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// What changed from `old` to `new`, both in normal order (see [`ScoreSheet::normalize`]),
/// as one line: None when it cannot be one (another member, withdrawals changed, more than
/// [`MAX_ITEMS`] items), and the sheet is then written whole. One walk over both sheets.
pub fn delta(old: &ScoreSheet, new: &ScoreSheet) -> Option<Delta> {
    if old.member != new.member || old.withdrawals != new.withdrawals {
        return None;
    }
    let mut delta = Delta {
        revision: new.revision,
        scores: Vec::new(),
        removed: Vec::new(),
        declarations: Vec::new(),
        undeclared: Vec::new(),
    };
    let key = |s: &Score| (s.application.clone(), s.criterion.clone());
    let (mut a, mut b) = (old.scores.iter().peekable(), new.scores.iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => {
                (&x.application, &x.criterion).cmp(&(&y.application, &y.criterion))
            }
        };
        match order {
            std::cmp::Ordering::Less => {
                let (application, criterion) = a.next().map(key)?;
                delta.removed.push(ScoreKey {
                    application,
                    criterion,
                });
            }
            std::cmp::Ordering::Greater => delta.scores.extend(b.next().cloned()),
            std::cmp::Ordering::Equal => {
                let (x, y) = (a.next()?, b.next()?);
                if x != y {
                    delta.scores.push(y.clone());
                }
            }
        }
        if delta.items() > MAX_ITEMS {
            return None;
        }
    }
    let (mut a, mut b) = (
        old.declarations.iter().peekable(),
        new.declarations.iter().peekable(),
    );
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => x.application.cmp(&y.application),
        };
        match order {
            std::cmp::Ordering::Less => delta
                .undeclared
                .extend(a.next().map(|d| d.application.clone())),
            std::cmp::Ordering::Greater => delta.declarations.extend(b.next().cloned()),
            std::cmp::Ordering::Equal => {
                let (x, y) = (a.next()?, b.next()?);
                if x != y {
                    delta.declarations.push(y.clone());
                }
            }
        }
        if delta.items() > MAX_ITEMS {
            return None;
        }
    }
    Some(delta)
}

/// Applies one change to a sheet in normal order, keeping the order.
pub fn apply(sheet: &mut ScoreSheet, delta: Delta) {
    sheet.revision = delta.revision;
    let find = |sheet: &ScoreSheet, application: &Protocol, criterion: &CriterionId| {
        sheet
            .scores
            .binary_search_by(|s| (&s.application, &s.criterion).cmp(&(application, criterion)))
    };
    for k in delta.removed {
        if let Ok(i) = find(sheet, &k.application, &k.criterion) {
            sheet.scores.remove(i);
        }
    }
    for score in delta.scores {
        match find(sheet, &score.application, &score.criterion) {
            Ok(i) => sheet.scores[i] = score,
            Err(i) => sheet.scores.insert(i, score),
        }
    }
    let find = |sheet: &ScoreSheet, application: &Protocol| {
        sheet
            .declarations
            .binary_search_by(|d| d.application.cmp(application))
    };
    for application in delta.undeclared {
        if let Ok(i) = find(sheet, &application) {
            sheet.declarations.remove(i);
        }
    }
    for declaration in delta.declarations {
        match find(sheet, &declaration.application) {
            Ok(i) => sheet.declarations[i] = declaration,
            Err(i) => sheet.declarations.insert(i, declaration),
        }
    }
}

/// Reads a log's text into its changes, in order. A last line without its line end is an
/// append under way (or one a crash cut, which the next writer rolls back): not a change yet.
/// A line that does not read is a problem at its line and column.
pub fn read(file: &Path, text: &str) -> Result<Vec<Delta>, Problem> {
    let complete = match text.rfind('\n') {
        Some(end) => &text[..=end],
        None => "",
    };
    let mut out = Vec::new();
    for (i, line) in complete.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("//") {
            continue;
        }
        match ron::from_str::<Delta>(trimmed) {
            Ok(delta) => out.push(delta),
            Err(e) => {
                let at = super::ron_error::position(&e);
                return Err(Problem::at(
                    file,
                    Position {
                        line: i + 1,
                        column: at.column + (line.len() - line.trim_start().len()),
                    },
                    super::messages::log_line_unreadable(super::ron_error::message(&e.code)),
                ));
            }
        }
    }
    Ok(out)
}

/// Applies each sheet's log, read beside it, to the sheet just read. A log that does not read
/// leaves its sheet out (both are named in `problems`); a log without its sheet is a problem.
/// Returns the sheets left out that way, never to be written over.
pub(super) fn apply_logs(
    dir: &Path,
    sheets: &mut Vec<(ScoreSheet, super::load::Source)>,
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    let folder = Path::new(super::files::SHEETS);
    let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
        return Vec::new();
    };
    let mut logs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n.ends_with(&format!(".{EXTENSION}")))
        .map(|n| folder.join(n))
        .collect();
    if logs.is_empty() {
        return Vec::new();
    }
    logs.sort();
    let mut left_out = Vec::new();
    let mut broken: Vec<usize> = Vec::new();
    for log in logs {
        let base = log.with_extension("ron");
        let Some(i) = sheets.iter().position(|(_, s)| s.file == base) else {
            // A sheet that did not read is reported already; a log alone is reported here.
            if !problems.iter().any(|p| p.file == base) {
                problems.push(Problem::whole(
                    &log,
                    super::messages::log_without_sheet(base.display()),
                ));
            }
            continue;
        };
        let read = super::files::read_regular(&dir.join(&log), super::files::MAX_FILE_BYTES)
            .map_err(|e| Problem::whole(&log, super::os_error::describe(&e)))
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|_| Problem::whole(&log, super::messages::NOT_UTF8))
            })
            .and_then(|text| read(&log, &text));
        match read {
            Ok(deltas) => {
                let sheet = &mut sheets[i].0;
                sheet.normalize();
                for delta in deltas {
                    apply(sheet, delta);
                }
            }
            Err(problem) => {
                problems.push(problem);
                broken.push(i);
                left_out.push(base);
            }
        }
    }
    broken.sort_unstable();
    for i in broken.into_iter().rev() {
        sheets.remove(i);
    }
    left_out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MemberId, Points};

    fn sheet(marks: &[(&str, &str, &str)]) -> ScoreSheet {
        let mut s = ScoreSheet::new(MemberId::new("m1").expect("id"));
        for (a, c, v) in marks {
            s.scores.push(Score {
                application: Protocol::new(*a).expect("id"),
                criterion: CriterionId::new(*c).expect("id"),
                value: Points::parse(v).expect("value"),
                reason: format!("perché {v}, con «virgolette\" e\nriga"),
            });
        }
        s.normalize();
        s
    }

    #[test]
    fn a_change_read_back_from_its_line_gives_the_same_sheet() {
        let old = sheet(&[("P1", "A", "0.8"), ("P1", "B", "1"), ("P2", "A", "0.2")]);
        let mut new = sheet(&[("P1", "A", "0.6"), ("P2", "A", "0.2"), ("P3", "C", "4")]);
        new.revision = 7;
        let d = delta(&old, &new).expect("a line");
        assert_eq!(d.scores.len(), 2);
        assert_eq!(d.removed.len(), 1);
        let text = format!("{HEADER}{}", d.line());
        let read = read(Path::new("schede/m1.modifiche"), &text).expect("reads");
        let mut again = old.clone();
        for d in read {
            apply(&mut again, d);
        }
        assert_eq!(again, new);
        // A cut last line is not a change yet.
        let cut = &text[..text.len() - 5];
        assert!(read_ok(cut).is_empty());
    }

    fn read_ok(text: &str) -> Vec<Delta> {
        read(Path::new("x"), text).expect("reads")
    }

    #[test]
    fn a_bad_line_is_named_by_its_line() {
        let text = format!("{HEADER}(revision:1)\n(revision:\"due\")\n");
        let p = read(Path::new("schede/m1.modifiche"), &text).expect_err("bad");
        assert_eq!(p.position.map(|p| p.line), Some(3));
        assert!(p.message.contains("non è una modifica"), "{}", p.message);
    }
}
