//! What each command changes: the new workspace, the file it writes, the journal's words and
//! the command that undoes it, prepared before anything is written.

use std::path::Path;

use super::{Command, EditError, Editor};
use crate::coverage;
use crate::domain::{Application, MemberId, Parts, Protocol, ScoreSheet, SessionId, Workspace};
use crate::workspace::files;

impl Editor {
    pub(super) fn prepare(&mut self, command: Command) -> Result<Change, EditError> {
        match command {
            Command::CloseSession(id) => self.close(id),
            Command::WithdrawConflict {
                member,
                application,
                reason,
            } => self.withdraw_conflict(member, application, reason),
            Command::Amend {
                session,
                reason,
                change,
            } => self.amend(session, reason, *change),
            Command::Score {
                member,
                application,
                criterion,
                value,
                reason,
            } => {
                let old = self.sheet_of(&member);
                let mut sheet = old.clone();
                let before = sheet
                    .score(&application, &criterion)
                    .map(compact)
                    .unwrap_or_default();
                sheet
                    .scores
                    .retain(|s| !(s.application == application && s.criterion == criterion));
                if let Some(value) = value {
                    sheet.scores.push(crate::domain::Score {
                        application: application.clone(),
                        criterion: criterion.clone(),
                        value,
                        reason,
                    });
                }
                let after = sheet
                    .score(&application, &criterion)
                    .map(compact)
                    .unwrap_or_default();
                let description = format!(
                    "punteggio di {member} sulla candidatura {application}, criterio {criterion}"
                );
                self.sheet_change(old, sheet, description, before, after)
            }
            Command::Declare {
                member,
                application,
                declaration,
            } => {
                self.application(&application)?;
                let old = self.sheet_of(&member);
                let mut sheet = old.clone();
                let before = sheet
                    .declaration(&application)
                    .map(compact)
                    .unwrap_or_default();
                sheet.declarations.retain(|d| d.application != application);
                if let Some(conflict) = declaration {
                    if conflict.is_some() {
                        // A member in conflict abstains: their scores on it no longer count.
                        sheet.scores.retain(|s| s.application != application);
                    }
                    sheet.declarations.push(crate::domain::Declaration {
                        application: application.clone(),
                        conflict,
                    });
                }
                let after = sheet
                    .declaration(&application)
                    .map(compact)
                    .unwrap_or_default();
                let description =
                    format!("dichiarazione di {member} sulla candidatura {application}");
                self.sheet_change(old, sheet, description, before, after)
            }
            Command::PutSheet(sheet) => {
                let old = self.sheet_of(&sheet.member);
                let description = format!("scheda di valutazione di {}", sheet.member);
                let (before, after) = (compact(&old), compact(&sheet));
                self.sheet_change(old, sheet, description, before, after)
            }
            Command::Decide {
                application,
                decision,
            } => {
                let mut app = self.application(&application)?;
                let before = app.decision.as_ref().map(compact).unwrap_or_default();
                app.decision = decision;
                let after = app.decision.as_ref().map(compact).unwrap_or_default();
                let description =
                    format!("decisione sull'ammissibilità della candidatura {application}");
                self.application_change(app, description, before, after)
            }
            Command::Document {
                application,
                document,
                status,
            } => {
                let mut app = self.application(&application)?;
                let before = app.document(&document).map(compact).unwrap_or_default();
                // The entry names the session that recorded the request or the integration.
                let entry = status.map(|status| self.document_entry(&app, &document, status));
                app.documents.retain(|d| d.document != document);
                app.documents.extend(entry);
                let after = app.document(&document).map(compact).unwrap_or_default();
                let description = format!("documento «{document}» della candidatura {application}");
                self.application_change(app, description, before, after)
            }
            Command::PutApplication(app) => {
                let before = self
                    .workspace
                    .application(&app.protocol)
                    .map(compact)
                    .unwrap_or_default();
                let after = compact(&*app);
                self.application_change(*app, String::new(), before, after)
            }
            Command::RemoveApplication(protocol) => {
                let old = self.application(&protocol)?;
                let file = self.store.application_file(&protocol)?;
                let workspace =
                    self.changed(|parts| parts.applications.retain(|a| a.protocol != protocol))?;
                Ok(Change {
                    workspace,
                    target: Target::RemovedApplication(protocol.clone()),
                    file: path_text(&file),
                    description: format!("candidatura {protocol} rimossa"),
                    before: compact(&old),
                    after: String::new(),
                    inverse: Command::PutApplication(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::PutSession(session) => {
                let old = self.workspace.session(&session.id).cloned();
                let id = session.id.clone();
                let file = self.store.session_file(&id)?;
                let after = compact(&*session);
                let workspace = self.changed(move |parts| {
                    parts.sessions.retain(|s| s.id != session.id);
                    parts.sessions.push(*session);
                })?;
                Ok(Change {
                    workspace,
                    target: Target::Session(id.clone()),
                    file: path_text(&file),
                    description: format!("seduta {id}"),
                    before: old.as_ref().map(compact).unwrap_or_default(),
                    after,
                    inverse: match old {
                        Some(old) => Command::PutSession(Box::new(old)),
                        None => Command::RemoveSession(id),
                    },
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::RemoveSession(id) => {
                let old =
                    self.workspace.session(&id).cloned().ok_or_else(|| {
                        EditError::NotFound(format!("la seduta «{id}» non esiste"))
                    })?;
                let file = self.store.session_file(&id)?;
                let workspace = self.changed(|parts| parts.sessions.retain(|s| s.id != id))?;
                Ok(Change {
                    workspace,
                    target: Target::RemovedSession(id.clone()),
                    file: path_text(&file),
                    description: format!("seduta {id} rimossa"),
                    before: compact(&old),
                    after: String::new(),
                    inverse: Command::PutSession(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::PutCall(call) => {
                let old = self.workspace.call().clone();
                let after = compact(&*call);
                let workspace = self.changed(move |parts| parts.call = Some(*call))?;
                Ok(Change {
                    workspace,
                    target: Target::Call,
                    file: files::CALL.into(),
                    description: "avviso".into(),
                    before: compact(&old),
                    after,
                    inverse: Command::PutCall(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::PutCommission(commission) => {
                let old = self.workspace.commission().clone();
                let after = compact(&*commission);
                let workspace = self.changed(move |parts| parts.commission = Some(*commission))?;
                Ok(Change {
                    workspace,
                    target: Target::Commission,
                    file: files::COMMISSION.into(),
                    description: "commissione".into(),
                    before: compact(&old),
                    after,
                    inverse: Command::PutCommission(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
        }
    }

    pub(super) fn sheet_of(&self, member: &MemberId) -> ScoreSheet {
        self.workspace
            .sheet(member)
            .cloned()
            .unwrap_or_else(|| ScoreSheet::new(member.clone()))
    }

    pub(super) fn application(&self, protocol: &Protocol) -> Result<Application, EditError> {
        self.workspace
            .application(protocol)
            .cloned()
            .ok_or_else(|| EditError::NotFound(format!("la candidatura «{protocol}» non esiste")))
    }

    /// The workspace after `edit`, if it still holds together.
    pub(super) fn changed(&self, edit: impl FnOnce(&mut Parts)) -> Result<Workspace, EditError> {
        let mut ws = self.workspace.clone();
        ws.change(edit).map_err(invalid)?;
        Ok(ws)
    }

    pub(super) fn sheet_change(
        &mut self,
        old: ScoreSheet,
        mut sheet: ScoreSheet,
        description: String,
        before: String,
        after: String,
    ) -> Result<Change, EditError> {
        // Every saved version of a sheet has a higher revision, undo included, so that an older
        // copy brought on a USB stick is recognised as older; an imported sheet keeps its own.
        sheet.revision = sheet.revision.max(old.revision + 1);
        let member = sheet.member.clone();
        let file = self.store.sheet_file(&member)?;
        let mut workspace = self.workspace.clone();
        workspace.put_sheet(sheet).map_err(invalid)?;
        Ok(Change {
            workspace,
            target: Target::Sheet(member),
            file: path_text(&file),
            description,
            before,
            after,
            inverse: Command::PutSheet(old),
            sealed_record: None,
            amended_session: None,
        })
    }

    pub(super) fn application_change(
        &mut self,
        app: Application,
        description: String,
        before: String,
        after: String,
    ) -> Result<Change, EditError> {
        let protocol = app.protocol.clone();
        let old = self.workspace.application(&protocol).cloned();
        let file = self.store.application_file(&protocol)?;
        let description = match (description.is_empty(), &old) {
            (false, _) => description,
            (true, Some(_)) => format!("candidatura {protocol} modificata"),
            (true, None) => format!("candidatura {protocol} registrata"),
        };
        let mut workspace = self.workspace.clone();
        workspace.put_application(app).map_err(invalid)?;
        Ok(Change {
            workspace,
            target: Target::Application(protocol.clone()),
            file: path_text(&file),
            description,
            before,
            after,
            inverse: match old {
                Some(old) => Command::PutApplication(Box::new(old)),
                None => Command::RemoveApplication(protocol),
            },
            sealed_record: None,
            amended_session: None,
        })
    }
}

pub(super) fn invalid(problems: Vec<crate::domain::Inconsistency>) -> EditError {
    EditError::Invalid(problems.into_iter().map(|p| p.message).collect())
}

/// Which file a change writes.
#[derive(Debug, Clone)]
pub(super) enum Target {
    Call,
    Commission,
    Application(Protocol),
    RemovedApplication(Protocol),
    Sheet(MemberId),
    Session(SessionId),
    RemovedSession(SessionId),
}

pub(super) struct Change {
    pub(super) workspace: Workspace,
    pub(super) target: Target,
    pub(super) file: String,
    pub(super) description: String,
    pub(super) before: String,
    pub(super) after: String,
    pub(super) inverse: Command,
    /// The record of a session being closed, written beside its file.
    pub(super) sealed_record: Option<Vec<u8>>,
    /// The open session that records this change as an amendment, also written.
    pub(super) amended_session: Option<SessionId>,
}

impl Target {
    /// What the change writes, as far as what closed sessions cover goes.
    pub(super) fn scope(&self) -> Option<coverage::Scope> {
        match self {
            Target::Call => Some(coverage::Scope::Call),
            Target::Commission => Some(coverage::Scope::Commission),
            Target::Application(p) | Target::RemovedApplication(p) => {
                Some(coverage::Scope::Application(p.clone()))
            }
            Target::Sheet(m) => Some(coverage::Scope::Sheet(m.clone())),
            Target::Session(_) | Target::RemovedSession(_) => None,
        }
    }
}

pub(super) fn compact<T: serde::Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_default()
}

pub(super) fn path_text(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
