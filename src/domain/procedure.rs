//! The procedure around the scores, as a session records it: the collegial judgement on an
//! application's criterion (the commission's motivazione and the members who dissent), and the events after the
//! ranking (a renunciation, an exclusion after the check of the declarations, a readmission),
//! each with the act it rests on and its reason.
//!
//! Both live in the session that recorded them (`sedute/NAME.ron`): a closed session keeps
//! them as they were, and a later session records what came after.

use serde::{Deserialize, Serialize};

use super::id::{CriterionId, MemberId, Protocol};
use super::number::Points;

/// The commission's collegial judgement on one criterion of one application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collegial {
    pub application: Protocol,
    pub criterion: CriterionId,
    /// The collegial motivazione: required.
    pub reason: String,
    /// The collegial mark (a coefficient of the judgement scale, or points, as the
    /// criterion's method says): given, and required, only when the call says that the
    /// commission gives one collegial mark (`Call::collegial_mark`); it then counts in place
    /// of the mean of the members' marks. Absent from files written before there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Points>,
    /// The members who do not share the judgement, each with what they say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dissents: Vec<Dissent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    pub member: MemberId,
    /// The member's own words, which the verbale reports.
    pub note: String,
}

/// Something that happened to an application after the ranking was approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub kind: EventKind,
    pub application: Protocol,
    /// The act it rests on: "nota PEC prot. n. 2026/0009120 del 14/04/2026".
    pub act: String,
    /// Why: required, the verbale reports it.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// Rinuncia: the applicant gives up its place; the next one takes it (scorrimento).
    Renunciation,
    /// Esclusione a seguito della verifica dei requisiti dichiarati.
    ExcludedAfterVerification,
    /// Riammissione a seguito di soccorso istruttorio.
    ReadmittedAfterSoccorso,
    /// Riammissione a seguito di ricorso (a decision of a court or of the administration).
    ReadmittedAfterAppeal,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Renunciation,
        EventKind::ExcludedAfterVerification,
        EventKind::ReadmittedAfterSoccorso,
        EventKind::ReadmittedAfterAppeal,
    ];

    /// Whether the event puts the application back among the admitted ones.
    pub fn readmits(self) -> bool {
        matches!(
            self,
            EventKind::ReadmittedAfterSoccorso | EventKind::ReadmittedAfterAppeal
        )
    }
}
