//! A session (seduta) of the commission: what it did, who was there, the draws it held.

use serde::{Deserialize, Serialize};

use super::id::{LotId, MemberId, Protocol, SessionId};
use super::procedure::{Collegial, Event};
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
    /// Changes made in this session to what earlier, closed sessions had fixed, with their
    /// reasons: its minutes report them as rettifiche.
    #[serde(default)]
    pub amendments: Vec<Amendment>,
    /// Collegial judgements the commission formed in this session (absent from files written
    /// before there were any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collegial: Vec<Collegial>,
    /// Events after the ranking recorded in this session, each with its act and reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Set when the session is closed: afterwards what it covers cannot change.
    #[serde(default)]
    pub seal: Option<Seal>,
}

impl Session {
    pub fn is_closed(&self) -> bool {
        self.seal.is_some()
    }
}

/// A change to something a closed session had fixed, made in a later session with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The closed session whose content changes.
    pub closed: SessionId,
    /// What changed, as the closed session's seal names it ("valutazione:P1:m2").
    pub item: String,
    /// What changed, in Italian.
    pub change: String,
    /// Why: required.
    pub reason: String,
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
    /// What the session fixed, each with a hash of its content when the session closed:
    /// changing any of them afterwards needs an amendment in a later session.
    #[serde(default)]
    pub covers: Vec<Cover>,
}

/// One thing a closed session fixed: the call, an application's data, a decision, a member's
/// declaration or scores on one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// "avviso", "commissione", "candidatura:P1", "decisione:P1", "soccorso:P1:statuto",
    /// "dichiarazione:P1:m2", "valutazione:P1:m2".
    pub item: String,
    pub sha256: String,
}
