//! The change made most often, a member's mark, on a short road: the mark is checked alone
//! (not the member's whole sheet of tens of thousands of marks), written as one line at the
//! end of the sheet's log of changes (see `workspace::sheet_log`) in a transaction with its
//! journal entry, and put into the sheet in place.

use super::change::compact;
use super::{Command, EditError, Editor, Stale, messages};
use crate::coverage;
use std::path::PathBuf;

use crate::domain::{CriterionId, MemberId, Protocol, Score, ScoreSheet};
use crate::workspace::journal::Draft;
use crate::workspace::sheet_log::{self, Delta, ScoreKey};
use crate::workspace::tx::{Op, Transaction};

impl Editor {
    /// A mark given, replaced or removed, when it can take the short road: the member has a
    /// sheet written on disk, no closed session fixed their marks on that application, and the
    /// log is not due to be folded. None: the general road (which also says why a change is
    /// refused to whom may not make it).
    pub(super) fn quick_mark(&mut self, command: &Command) -> Option<Result<Command, EditError>> {
        let Command::Score {
            member,
            application,
            criterion,
            value,
            reason,
        } = command
        else {
            return None;
        };
        let base = self.short_road(command, member, application)?;
        let sheet: &ScoreSheet = self.workspace.sheet(member)?;
        let old = sheet.score_normalized(application, criterion).cloned();
        // The last revision: the general road refuses it.
        let revision = sheet.revision.checked_add(1)?;
        let new = value.map(|value| Score {
            application: application.clone(),
            criterion: criterion.clone(),
            value,
            reason: reason.clone(),
        });
        if let Some(score) = &new
            && let Err(message) = self.workspace.check_score(member, score)
        {
            return Some(Err(EditError::Invalid(vec![message])));
        }
        let delta = mark_delta(revision, old.as_ref(), new.as_ref(), application, criterion);
        let log = sheet_log::log_path(&base);
        let held = std::fs::metadata(self.dir.join(&log)).map_or(0, |m| m.len());
        let line = delta.line();
        if held + line.len() as u64 >= sheet_log::FOLD_AT
            || self.store.sources.quarantined.contains_key(&log)
        {
            return None;
        }
        let bytes = if held == 0 {
            format!("{}{line}", sheet_log::HEADER)
        } else {
            line
        };
        let description = messages::score(member, application, criterion);
        let mut tx = Transaction::new(description.clone());
        tx.push(
            Op::Append {
                file: log,
                bytes: bytes.into_bytes(),
            },
            Draft {
                who: self.actor.label(),
                change: description,
                before: old.as_ref().map(compact).unwrap_or_default(),
                after: new.as_ref().map(compact).unwrap_or_default(),
                ..Draft::default()
            },
        );
        if let Err(e) = self.commit(tx) {
            return Some(Err(e));
        }
        let inverse = Command::Score {
            member: member.clone(),
            application: application.clone(),
            criterion: criterion.clone(),
            value: old.as_ref().map(|s| s.value),
            reason: old.map(|s| s.reason).unwrap_or_default(),
        };
        // Checked above: it cannot be refused now.
        let _ = self
            .workspace
            .put_score(member, application, criterion, new, revision);
        self.stale = std::mem::replace(&mut self.stale, Stale::Current).marks_on(application);
        Some(Ok(inverse))
    }

    /// The file of the member's sheet, when a mark may take the short road: the editor may
    /// write and the member may change this sheet, the sheet is on disk and reads, and no
    /// closed session fixed the member's marks on the application.
    fn short_road(
        &self,
        command: &Command,
        member: &MemberId,
        application: &Protocol,
    ) -> Option<PathBuf> {
        if self.read_only.is_some() || self.lock.is_none() || self.allowed(command).is_err() {
            return None;
        }
        let base = self.store.sources.sheets.get(member)?;
        if !self.dir.join(base).is_file()
            || self.store.sources.quarantined.contains_key(base)
            || coverage::scores_fixed_by(&self.workspace, application, member).is_some()
        {
            return None;
        }
        Some(base.clone())
    }
}

/// The line of the sheet's log for a mark given, replaced (`new`) or removed (`old` without
/// `new`).
fn mark_delta(
    revision: u32,
    old: Option<&Score>,
    new: Option<&Score>,
    application: &Protocol,
    criterion: &CriterionId,
) -> Delta {
    Delta {
        revision,
        scores: new.into_iter().cloned().collect(),
        removed: match (old, new) {
            (Some(_), None) => vec![ScoreKey {
                application: application.clone(),
                criterion: criterion.clone(),
            }],
            _ => Vec::new(),
        },
        declarations: Vec::new(),
        undeclared: Vec::new(),
    }
}
