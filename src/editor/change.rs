//! What each command changes: the new workspace, the file it writes, the journal's words and
//! the command that undoes it, prepared before anything is written.

use std::path::Path;

use super::{Command, EditError, Editor, messages};
use crate::coverage;
use crate::domain::{
    Application, Call, Commission, Conflict, CriterionId, Decision, DocumentId, DocumentStatus,
    MemberId, Parts, Points, Protocol, ScoreSheet, Session, SessionId, Workspace,
};
use crate::workspace::files;

impl Editor {
    /// The change a command asks for: one function per command, each with its checks.
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
            Command::Collegial { session, judgement } => self.collegial(session, judgement),
            Command::RecordEvent { session, event } => self.record_event(session, event),
            Command::Access(change) => self.access(change),
            Command::Score {
                member,
                application,
                criterion,
                value,
                reason,
            } => self.score(member, application, criterion, value, reason),
            Command::Declare {
                member,
                application,
                declaration,
            } => self.declare(member, application, declaration),
            Command::PutSheet(sheet) => self.put_sheet(sheet),
            Command::Decide {
                application,
                decision,
            } => self.decide(application, decision),
            Command::Document {
                application,
                document,
                status,
            } => self.document(application, document, status),
            Command::PutApplication(app) => self.put_application(*app),
            Command::Unregister {
                application,
                reason,
            } => self.unregister(application, reason),
            Command::RemoveApplication(protocol) => self.remove_application(protocol),
            Command::PutSession(session) => self.put_session(*session),
            Command::RemoveSession(id) => self.remove_session(id),
            Command::PutCall(call) => self.put_call(*call),
            Command::PutCommission(commission) => self.put_commission(*commission),
        }
    }

    fn score(
        &mut self,
        member: MemberId,
        application: Protocol,
        criterion: CriterionId,
        value: Option<Points>,
        reason: String,
    ) -> Result<Change, EditError> {
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
        let description = messages::score(&member, &application, &criterion);
        self.sheet_change(old, sheet, description, before, after)
    }

    fn declare(
        &mut self,
        member: MemberId,
        application: Protocol,
        declaration: Option<Option<Conflict>>,
    ) -> Result<Change, EditError> {
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
        let description = messages::declaration(&member, &application);
        self.sheet_change(old, sheet, description, before, after)
    }

    fn put_sheet(&mut self, sheet: ScoreSheet) -> Result<Change, EditError> {
        let old = self.sheet_of(&sheet.member);
        let description = messages::sheet(&sheet.member);
        let (before, after) = sheet_diff(&old, &sheet);
        self.sheet_change(old, sheet, description, before, after)
    }

    fn decide(
        &mut self,
        application: Protocol,
        decision: Option<Decision>,
    ) -> Result<Change, EditError> {
        let mut app = self.application(&application)?;
        let before = app.decision.as_ref().map(compact).unwrap_or_default();
        app.decision = decision;
        let after = app.decision.as_ref().map(compact).unwrap_or_default();
        let description = messages::decision(&application);
        self.application_change(app, description, before, after)
    }

    fn document(
        &mut self,
        application: Protocol,
        document: DocumentId,
        status: Option<DocumentStatus>,
    ) -> Result<Change, EditError> {
        let mut app = self.application(&application)?;
        let before = app.document(&document).map(compact).unwrap_or_default();
        // The entry names the session that recorded the request or the integration.
        let entry = status.map(|status| self.document_entry(&app, &document, status));
        app.documents.retain(|d| d.document != document);
        app.documents.extend(entry);
        let after = app.document(&document).map(compact).unwrap_or_default();
        let description = messages::document(&document, &application);
        self.application_change(app, description, before, after)
    }

    fn put_application(&mut self, app: Application) -> Result<Change, EditError> {
        let (before, after) = match self.workspace.application(&app.protocol) {
            Some(old) => diff(old, &app),
            None => (String::new(), compact(&app)),
        };
        self.application_change(app, String::new(), before, after)
    }

    fn remove_application(&mut self, protocol: Protocol) -> Result<Change, EditError> {
        let old = self.application(&protocol)?;
        let file = self.store.application_file(&protocol)?;
        let workspace =
            self.changed(|parts| parts.applications.retain(|a| a.protocol != protocol))?;
        Ok(Change {
            workspace,
            target: Target::RemovedApplication(protocol.clone()),
            file: path_text(&file),
            description: messages::application_removed(&protocol),
            before: compact(&old),
            after: String::new(),
            inverse: Command::PutApplication(Box::new(old)),
            sealed_record: None,
            amended_session: None,
            also: Vec::new(),
        })
    }

    fn put_session(&mut self, session: Session) -> Result<Change, EditError> {
        let old = self.workspace.session(&session.id).cloned();
        let id = session.id.clone();
        let file = self.store.session_file(&id)?;
        let after = compact(&session);
        let workspace = self.changed(move |parts| {
            parts.sessions.retain(|s| s.id != session.id);
            parts.sessions.push(session);
        })?;
        Ok(Change {
            workspace,
            target: Target::Session(id.clone()),
            file: path_text(&file),
            description: messages::session(&id),
            before: old.as_ref().map(compact).unwrap_or_default(),
            after,
            inverse: match old {
                Some(old) => Command::PutSession(Box::new(old)),
                None => Command::RemoveSession(id),
            },
            sealed_record: None,
            amended_session: None,
            also: Vec::new(),
        })
    }

    fn remove_session(&mut self, id: SessionId) -> Result<Change, EditError> {
        let old = self
            .workspace
            .session(&id)
            .cloned()
            .ok_or_else(|| EditError::NotFound(messages::no_session(&id)))?;
        let file = self.store.session_file(&id)?;
        let workspace = self.changed(|parts| parts.sessions.retain(|s| s.id != id))?;
        Ok(Change {
            workspace,
            target: Target::RemovedSession(id.clone()),
            file: path_text(&file),
            description: messages::session_removed(&id),
            before: compact(&old),
            after: String::new(),
            inverse: Command::PutSession(Box::new(old)),
            sealed_record: None,
            amended_session: None,
            also: Vec::new(),
        })
    }

    fn put_call(&mut self, call: Call) -> Result<Change, EditError> {
        let old = self.workspace.call().clone();
        let after = compact(&call);
        let description = super::describe::call(&old, &call);
        let workspace = self.changed(move |parts| parts.call = Some(call))?;
        Ok(Change {
            workspace,
            target: Target::Call,
            file: files::CALL.into(),
            description,
            before: compact(&old),
            after,
            inverse: Command::PutCall(Box::new(old)),
            sealed_record: None,
            amended_session: None,
            also: Vec::new(),
        })
    }

    fn put_commission(&mut self, commission: Commission) -> Result<Change, EditError> {
        let old = self.workspace.commission().clone();
        let after = compact(&commission);
        let description = super::describe::commission(&old, &commission);
        let workspace = self.changed(move |parts| parts.commission = Some(commission))?;
        Ok(Change {
            workspace,
            target: Target::Commission,
            file: files::COMMISSION.into(),
            description,
            before: compact(&old),
            after,
            inverse: Command::PutCommission(Box::new(old)),
            sealed_record: None,
            amended_session: None,
            also: Vec::new(),
        })
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
            .ok_or_else(|| EditError::NotFound(messages::no_application(protocol)))
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
        let next = old
            .revision
            .checked_add(1)
            .filter(|&n| n <= crate::workspace::travel::MAX_REVISION)
            .ok_or_else(|| {
                EditError::Invalid(vec![messages::last_revision(&old.member, old.revision)])
            })?;
        sheet.revision = sheet.revision.max(next);
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
            also: Vec::new(),
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
        // An application removed as registered by mistake comes back as it was.
        let old = self
            .workspace
            .application(&protocol)
            .or_else(|| self.workspace.removed().get(&protocol))
            .cloned();
        let file = self.store.application_file(&protocol)?;
        let description = match (description.is_empty(), &old) {
            (false, _) => description,
            (true, Some(_)) => messages::application_changed(&protocol),
            (true, None) => messages::application_registered(&protocol),
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
            also: Vec::new(),
        })
    }
}

/// What closing a session keeps besides the session's file.
pub(super) struct Sealed {
    /// The record its verbale reports (`sedute/ID.verbale.json`), written beside it.
    pub(super) record: crate::workspace::tx::Written,
    /// The verbale as sealed: the PDF the members sign, written beside it.
    pub(super) pdf: crate::workspace::tx::Written,
    /// The session's number, for the PDF's file name.
    pub(super) number: u32,
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
    /// The register of access requests.
    Access,
}

pub(super) struct Change {
    pub(super) workspace: Workspace,
    pub(super) target: Target,
    /// The file it writes, as messages name it.
    #[allow(dead_code)]
    pub(super) file: String,
    pub(super) description: String,
    pub(super) before: String,
    pub(super) after: String,
    pub(super) inverse: Command,
    /// What closing a session keeps: the record, beside the session's file, and the sealed
    /// verbale, in `verbali/sigillati/`.
    pub(super) sealed_record: Option<Sealed>,
    /// The open session that records this change as an amendment, also written.
    pub(super) amended_session: Option<SessionId>,
    /// More files the change writes in the same transaction (a kept PDF of a closed session).
    pub(super) also: Vec<Also>,
}

/// A further file a change writes, with the journal's words for it.
pub(super) struct Also {
    pub(super) file: std::path::PathBuf,
    pub(super) bytes: Vec<u8>,
    pub(super) description: String,
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
            Target::Session(_) | Target::RemovedSession(_) | Target::Access => None,
        }
    }
}

pub(super) fn compact<T: serde::Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_default()
}

/// What changed between two versions of an item, field by field: the fields that differ, as
/// they were and as they are (`{"requested":"80000.00"}`), so that the journal records the
/// change rather than the whole item twice.
pub(super) fn diff<T: serde::Serialize>(old: &T, new: &T) -> (String, String) {
    use serde_json::Value;
    match (serde_json::to_value(old), serde_json::to_value(new)) {
        (Ok(Value::Object(a)), Ok(Value::Object(b))) => {
            let mut before = std::collections::BTreeMap::new();
            let mut after = std::collections::BTreeMap::new();
            for key in a.keys().chain(b.keys()) {
                if a.get(key) != b.get(key) {
                    before.insert(key.clone(), a.get(key).cloned().unwrap_or(Value::Null));
                    after.insert(key.clone(), b.get(key).cloned().unwrap_or(Value::Null));
                }
            }
            (compact(&before), compact(&after))
        }
        _ => (compact(old), compact(new)),
    }
}

/// What changed in a member's sheet: the revision, and only the scores and declarations that
/// differ, as they were and as they are.
pub(super) fn sheet_diff(old: &ScoreSheet, new: &ScoreSheet) -> (String, String) {
    use std::collections::BTreeMap;
    #[derive(serde::Serialize)]
    struct Side<'a> {
        revision: u32,
        scores: Vec<&'a crate::domain::Score>,
        declarations: Vec<&'a crate::domain::Declaration>,
    }
    let (os, ns): (BTreeMap<_, _>, BTreeMap<_, _>) = (
        old.scores
            .iter()
            .map(|x| ((&x.application, &x.criterion), x))
            .collect(),
        new.scores
            .iter()
            .map(|x| ((&x.application, &x.criterion), x))
            .collect(),
    );
    let (od, nd): (BTreeMap<_, _>, BTreeMap<_, _>) = (
        old.declarations
            .iter()
            .map(|d| (&d.application, d))
            .collect(),
        new.declarations
            .iter()
            .map(|d| (&d.application, d))
            .collect(),
    );
    let mut before = Side {
        revision: old.revision,
        scores: Vec::new(),
        declarations: Vec::new(),
    };
    let mut after = Side {
        revision: new.revision,
        scores: Vec::new(),
        declarations: Vec::new(),
    };
    for key in os
        .keys()
        .chain(ns.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        if os.get(key) != ns.get(key) {
            before.scores.extend(os.get(key));
            after.scores.extend(ns.get(key));
        }
    }
    for key in od
        .keys()
        .chain(nd.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        if od.get(key) != nd.get(key) {
            before.declarations.extend(od.get(key));
            after.declarations.extend(nd.get(key));
        }
    }
    (compact(&before), compact(&after))
}

pub(super) fn path_text(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
