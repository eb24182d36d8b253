//! Acts with legal effect: each needs its reason, and each is recorded in the session open when
//! it is done, so that the session's verbale reports it. Admitting an application whose checks
//! fail needs a motivazione; a conflict of interest is withdrawn only with a reason; a session
//! never closes over files that could not be read, which its seal would silently leave out.

use super::{Command, EditError, Editor, compact, messages};
use crate::domain::{
    AdmissionOutcome, Application, DocumentEntry, DocumentId, DocumentStatus, MemberId, Protocol,
    SessionId, Withdrawal,
};
use crate::rules::admissibility;

impl Editor {
    /// Refuses an act with legal effect that comes without its reason.
    pub(super) fn reasons_given(&self, command: &Command) -> Result<(), EditError> {
        match command {
            Command::Decide {
                application,
                decision: Some(decision),
            } if decision.outcome == AdmissionOutcome::Admitted
                && decision.reason.trim().is_empty() =>
            {
                let Some(app) = self.workspace.application(application) else {
                    return Ok(());
                };
                let failing = failing_checks(self, app);
                if failing.is_empty() {
                    return Ok(());
                }
                Err(EditError::Invalid(vec![messages::admission_needs_reason(
                    application,
                    failing.len(),
                    &failing.join(" "),
                )]))
            }
            Command::Declare {
                member,
                application,
                declaration,
            } => {
                let declared = self
                    .workspace
                    .sheet(member)
                    .and_then(|s| s.declaration(application))
                    .and_then(|d| d.conflict.as_ref());
                let withdrawn = matches!(declaration, None | Some(None));
                if declared.is_some() && withdrawn {
                    return Err(EditError::Invalid(vec![
                        messages::conflict_withdrawn_without_reason(member, application),
                    ]));
                }
                Ok(())
            }
            Command::Amend { change, .. } => self.reasons_given(change),
            _ => Ok(()),
        }
    }

    /// A session is never closed while files of the call could not be read or do not hold
    /// together: its seal would fix a call without what they contain.
    pub(super) fn refuse_closing_over_problems(&self) -> Result<(), EditError> {
        if self.problems.is_empty() {
            return Ok(());
        }
        let mut files: Vec<String> = Vec::new();
        for p in &self.problems {
            let file = p.file.to_string_lossy().replace('\\', "/");
            if !files.contains(&file) {
                files.push(file);
            }
        }
        let list: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        Err(EditError::NotAllowed(messages::closing_over_problems(
            files.len(),
            &files.join(", "),
            &list.join("\n"),
        )))
    }

    /// The latest session not closed: acts done now belong to it.
    pub(super) fn open_session(&self) -> Option<SessionId> {
        self.workspace
            .sessions_in_order()
            .into_iter()
            .rev()
            .find(|s| !s.is_closed())
            .map(|s| s.id.clone())
    }

    /// A document's new entry, naming the session that asked the soccorso istruttorio and the
    /// one that recorded the integration (kept from the old entry when the act is the same).
    pub(super) fn document_entry(
        &self,
        app: &Application,
        document: &DocumentId,
        status: DocumentStatus,
    ) -> DocumentEntry {
        let old = app.document(document);
        let request = |s: &DocumentStatus| match *s {
            DocumentStatus::IntegrationRequested {
                requested_on,
                deadline,
            }
            | DocumentStatus::Integrated {
                requested_on,
                deadline,
                ..
            } => Some((requested_on, deadline)),
            _ => None,
        };
        let same_request = old.is_some_and(|o| request(&o.status) == request(&status));
        let mut entry = DocumentEntry::new(document.clone(), status);
        if request(&status).is_some() {
            entry.requested_in = match old {
                Some(o) if same_request => o.requested_in.clone(),
                _ if matches!(status, DocumentStatus::IntegrationRequested { .. }) => {
                    self.open_session()
                }
                _ => None,
            };
        }
        if let DocumentStatus::Integrated { received_on, .. } = status {
            entry.integrated_in = match old.map(|o| (&o.status, &o.integrated_in)) {
                Some((DocumentStatus::Integrated { received_on: r, .. }, kept))
                    if same_request && *r == received_on =>
                {
                    kept.clone()
                }
                _ => self.open_session(),
            };
        }
        entry
    }

    /// Withdraws a declared conflict of interest with its reason, kept in the member's sheet
    /// with the session open now.
    pub(super) fn withdraw_conflict(
        &mut self,
        member: MemberId,
        application: Protocol,
        reason: String,
    ) -> Result<super::change::Change, EditError> {
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(EditError::Invalid(vec![
                messages::WITHDRAWAL_NEEDS_REASON.into(),
            ]));
        }
        self.application(&application)?;
        let old = self.sheet_of(&member);
        let Some(conflict) = old
            .declaration(&application)
            .and_then(|d| d.conflict.clone())
        else {
            return Err(EditError::NotFound(messages::no_conflict(
                &member,
                &application,
            )));
        };
        let before = old
            .declaration(&application)
            .map(compact)
            .unwrap_or_default();
        let mut sheet = old.clone();
        sheet.declarations.retain(|d| d.application != application);
        let withdrawal = Withdrawal {
            application: application.clone(),
            conflict,
            reason: reason.clone(),
            at: (self.clock)(),
            session: self.open_session(),
        };
        let after = compact(&withdrawal);
        sheet.withdrawals.push(withdrawal);
        let description = messages::conflict_withdrawn(&member, &application, &reason);
        self.sheet_change(old, sheet, description, before, after)
    }
}

/// The messages of the checks the application fails, in Italian.
fn failing_checks(editor: &Editor, app: &Application) -> Vec<String> {
    let call = editor.workspace.call();
    let Some(lot) = call.lots.iter().find(|l| l.id == app.lot) else {
        return Vec::new();
    };
    admissibility::admission_among(app, call, lot, editor.workspace.applications().values())
        .failures()
        .map(|f| f.message.to_string())
        .collect()
}
