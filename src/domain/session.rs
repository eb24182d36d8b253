//! A session (seduta) of the commission: what it did, who was there, the draws it held.

use serde::{Deserialize, Serialize};

use super::id::{LotId, MemberId, Protocol, SessionId};
use super::time::{Date, Moment, TimeOfDay};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: SessionId,
    /// The number of its minutes: "VERBALE N. 2".
    pub number: u32,
    pub kind: SessionKind,
    pub date: Date,
    pub start: TimeOfDay,
    #[serde(default)]
    pub end: Option<TimeOfDay>,
    pub place: String,
    /// Members present; the others are recorded as absent.
    pub present: Vec<MemberId>,
    /// What was said and decided, in the order the minutes report it.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Sorteggi held in this session to settle ties.
    #[serde(default)]
    pub draws: Vec<Draw>,
    /// Set when the session is closed: afterwards what it covers cannot change.
    #[serde(default)]
    pub seal: Option<Seal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SessionKind {
    /// Seduta pubblica: opening of the applications, admissibility.
    OpeningPublic,
    /// Seduta riservata: scoring.
    ReservedScoring,
    /// Seduta pubblica finale: ranking, draws, allocation.
    Final,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draw {
    pub lot: LotId,
    /// The order drawn, first to last.
    pub order: Vec<Protocol>,
    /// How it was held: "estrazione di biglietti numerati da un'urna".
    #[serde(default)]
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// SHA-256 of the canonical form of everything the session's minutes report.
    pub sha256: String,
    pub closed_at: Moment,
}
