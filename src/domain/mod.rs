//! The domain: pure data with the types that keep it sound. No files, no UI, no PDF here.

pub mod access;
pub mod advice;
pub mod application;
pub mod call;
pub mod commission;
pub mod id;
pub mod number;
pub mod procedure;
pub mod session;
pub mod sheet;
pub mod tax_code;
pub mod text;
pub mod time;
mod validate;
pub mod workspace;

pub use access::{
    AccessDecision, AccessOutcome, AccessRegister, AccessRequest, Counterpart, Recorded, Release,
    ReleasedFile, Secret,
};
pub use application::{
    AdmissionOutcome, Application, BudgetLine, CofinancingKind, CofinancingLine, Decision,
    Declared, DocumentEntry, DocumentStatus, LegalForm, Party, Removal,
};
pub use call::{
    Allocation, BudgetCategory, Call, CapBase, CategoryCap, Criterion, FundingRules, Judgement,
    Level, Lot, Measure, RequiredDocument, RescaleAmong, Scoring, TieBreak,
};
pub use commission::{Commission, Member, Replacement, Role, Substitution};
pub use id::{
    AccessId, CategoryId, CriterionId, DocumentId, IdError, LevelId, LotId, MemberId, Protocol,
    SessionId,
};
pub use number::{Coefficient, Money, NumberError, Points, Share};
pub use procedure::{Collegial, Dissent, Event, EventKind};
pub use session::{Amendment, Cover, Draw, JournalHead, Seal, Session, SessionKind};
pub use sheet::{Conflict, ConflictKind, Declaration, Score, ScoreSheet, Withdrawal};
pub use time::{Date, Moment, RomeGap, TimeOfDay};
pub use validate::mark_problem;
pub use workspace::{Assembled, Inconsistency, Part, Parts, SetAside, Workspace};
