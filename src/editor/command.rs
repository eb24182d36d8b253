//! What a user can ask to change. Every change goes through a command, so that the window, the
//! import and the command line change the workspace the same way, each change is checked,
//! saved atomically and written in the journal, and each has its inverse for undo.

use crate::domain::{
    Application, Call, Collegial, Commission, Conflict, CriterionId, Decision, DocumentId,
    DocumentStatus, Event, MemberId, Points, Protocol, ScoreSheet, Session, SessionId,
};

pub use super::access::AccessChange;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A member's score on one criterion, with its reason; `None` removes it.
    Score {
        member: MemberId,
        application: Protocol,
        criterion: CriterionId,
        value: Option<Points>,
        reason: String,
    },
    /// A member's declaration on an application: `None` withdraws it, `Some(None)` declares no
    /// conflict, `Some(Some(conflict))` a conflict (the member's scores on it are then removed).
    Declare {
        member: MemberId,
        application: Protocol,
        declaration: Option<Option<Conflict>>,
    },
    /// Withdraws a member's declaration of a conflict of interest, with the reason the verbale
    /// reports: the member may then score the application. (A conflict is never withdrawn by
    /// `Declare`, which refuses it.)
    WithdrawConflict {
        member: MemberId,
        application: Protocol,
        reason: String,
    },
    /// The commission's admissibility decision; `None` withdraws it. Admitting an application
    /// whose checks fail needs a reason, as excluding or admitting with reserve does.
    Decide {
        application: Protocol,
        decision: Option<Decision>,
    },
    /// A document's status in an application's checklist; `None` removes the entry.
    Document {
        application: Protocol,
        document: DocumentId,
        status: Option<DocumentStatus>,
    },
    /// Adds an application or replaces it whole (budget edits, corrections).
    PutApplication(Box<Application>),
    /// Removes an application without a trace (the undo of its registration).
    RemoveApplication(Protocol),
    /// Removes an application registered by mistake, with the reason (required): its file stays
    /// with the removal recorded, and the next verbale reports it.
    Unregister {
        application: Protocol,
        reason: String,
    },
    /// Replaces a member's sheet whole (undo, import of a sheet).
    PutSheet(ScoreSheet),
    PutSession(Box<Session>),
    RemoveSession(SessionId),
    PutCall(Box<Call>),
    PutCommission(Box<Commission>),
    /// Closes a session: seals what its minutes report and fixes what it covers. Final.
    CloseSession(SessionId),
    /// A change to something closed sessions had fixed, made in the open session `session`
    /// with its reason; the session's minutes report it as a rettifica.
    Amend {
        session: SessionId,
        reason: String,
        change: Box<Command>,
    },
    /// The commission's collegial judgement on one criterion of one application (its
    /// motivazione, the dissents, the collegial mark where the call has one), recorded in the
    /// open session `session`; it replaces one recorded there on the same criterion.
    Collegial {
        session: SessionId,
        judgement: Collegial,
    },
    /// An event after the ranking (a renunciation, an exclusion after the check of the
    /// declarations, a readmission), recorded in the open session `session` with its act and
    /// its reason; the allocation follows from it.
    RecordEvent {
        session: SessionId,
        event: Event,
    },
    /// A change to the register of access requests.
    Access(AccessChange),
}

impl Command {
    /// The member whose sheet the command changes, if it changes a sheet.
    pub fn sheet_member(&self) -> Option<&MemberId> {
        match self {
            Command::Score { member, .. }
            | Command::Declare { member, .. }
            | Command::WithdrawConflict { member, .. } => Some(member),
            Command::PutSheet(sheet) => Some(&sheet.member),
            _ => None,
        }
    }
}
