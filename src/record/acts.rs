//! The acts a session recorded, whatever its kind: admissibility decisions, soccorso istruttorio
//! asked and documents integrated, conflict declarations withdrawn. An opening session takes
//! most decisions, but a scoring or final session may admit an application whose integration
//! came, or withdraw a declaration: its verbale reports them all the same.
//!
//! Which session recorded an act: the one the act names (the decision's `session`, the
//! document's `requested_in` / `integrated_in`, the withdrawal's `session`). Files written before
//! documents named it fall back on dates: a request belongs to the session held on the day it
//! was asked, an integration to the first session from the day it came.

use serde::{Deserialize, Serialize};

use super::failing_messages;
use super::opening::{AdmissionRecord, SoccorsoRecord};
use crate::domain::{
    Application, ConflictKind, Date, DocumentEntry, DocumentStatus, MemberId, Protocol, Session,
    SessionId, Workspace,
};
use crate::rules::Evaluation;

/// What the session recorded, in protocol order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActsRecord {
    /// The admissibility decisions taken in this session.
    #[serde(default)]
    pub decisions: Vec<AdmissionRecord>,
    /// The soccorso istruttorio asked in this session.
    #[serde(default)]
    pub soccorso: Vec<SoccorsoRecord>,
    /// The documents whose integration this session recorded.
    #[serde(default)]
    pub integrations: Vec<IntegrationRecord>,
    /// The conflict declarations withdrawn, with their reasons.
    #[serde(default)]
    pub withdrawals: Vec<WithdrawalRecord>,
}

impl ActsRecord {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
            && self.soccorso.is_empty()
            && self.integrations.is_empty()
            && self.withdrawals.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegrationRecord {
    pub protocol: Protocol,
    pub document: String,
    pub requested_on: Date,
    pub deadline: Date,
    pub received_on: Date,
    /// Received after the deadline given: it does not cure the missing document.
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WithdrawalRecord {
    pub member: MemberId,
    pub application: Protocol,
    pub kind: ConflictKind,
    pub note: String,
    pub reason: String,
}

pub(super) fn acts(ws: &Workspace, evaluation: &Evaluation, session: &Session) -> ActsRecord {
    let id = &session.id;
    let mut out = ActsRecord::default();
    for app in ws.applications().values() {
        if let Some(decision) = app
            .decision
            .as_ref()
            .filter(|d| d.session.as_ref() == Some(id))
        {
            out.decisions.push(AdmissionRecord {
                protocol: app.protocol.clone(),
                applicant: app.applicant.name.clone(),
                outcome: decision.outcome,
                reason: decision.reason.clone(),
                failed_checks: evaluation
                    .application(&app.protocol)
                    .map(failing_messages)
                    .unwrap_or_default(),
            });
        }
        for doc in &app.documents {
            document_acts(ws, app, doc, session, &mut out);
        }
    }
    for member in ws.commission().voting_members() {
        let Some(sheet) = ws.sheet(&member.id) else {
            continue;
        };
        for w in &sheet.withdrawals {
            let reported_here = match &w.session {
                Some(s) => s == id,
                None => next_session_after(ws, w.at) == Some(id),
            };
            if reported_here {
                out.withdrawals.push(WithdrawalRecord {
                    member: member.id.clone(),
                    application: w.application.clone(),
                    kind: w.conflict.kind,
                    note: w.conflict.note.clone(),
                    reason: w.reason.clone(),
                });
            }
        }
    }
    out.withdrawals
        .sort_by(|a, b| (&a.application, &a.member).cmp(&(&b.application, &b.member)));
    out
}

fn document_acts(
    ws: &Workspace,
    app: &Application,
    doc: &DocumentEntry,
    session: &Session,
    out: &mut ActsRecord,
) {
    let (requested_on, deadline, received_on) = match doc.status {
        DocumentStatus::IntegrationRequested {
            requested_on,
            deadline,
        } => (requested_on, deadline, None),
        DocumentStatus::Integrated {
            requested_on,
            deadline,
            received_on,
        } => (requested_on, deadline, Some(received_on)),
        DocumentStatus::Present | DocumentStatus::Missing | DocumentStatus::NotApplicable => {
            return;
        }
    };
    let title = ws
        .call()
        .required_documents
        .iter()
        .find(|r| r.id == doc.document)
        .map_or_else(|| doc.document.to_string(), |r| r.title.clone());
    let asked_here = match &doc.requested_in {
        Some(s) => *s == session.id,
        None => requested_on == session.date,
    };
    if asked_here {
        out.soccorso.push(SoccorsoRecord {
            protocol: app.protocol.clone(),
            document: title.clone(),
            requested_on,
            deadline,
            received_on: None,
        });
    }
    let Some(received_on) = received_on else {
        return;
    };
    let integrated_here = match &doc.integrated_in {
        Some(s) => *s == session.id,
        None => first_session_from(ws, received_on) == Some(&session.id),
    };
    if integrated_here {
        out.integrations.push(IntegrationRecord {
            protocol: app.protocol.clone(),
            document: title,
            requested_on,
            deadline,
            received_on,
            late: received_on > deadline,
        });
    }
}

/// The first session held on or after `date`.
pub(super) fn first_session_from(ws: &Workspace, date: Date) -> Option<&SessionId> {
    ws.sessions_in_order()
        .into_iter()
        .find(|s| s.date >= date)
        .map(|s| &s.id)
}

/// The session whose verbale reports an act done at `at` while no session was open: the first
/// one, in order, still open or closed after it.
pub(super) fn next_session_after(ws: &Workspace, at: crate::domain::Moment) -> Option<&SessionId> {
    ws.sessions_in_order()
        .into_iter()
        .find(|s| s.seal.as_ref().is_none_or(|seal| seal.closed_at > at))
        .map(|s| &s.id)
}
