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
    /// The seal printed on every page of the verbale. Since the seal anchors the journal, the
    /// SHA-256 of the record kept (`record`), the closing time, the journal's head and the list
    /// of what the session fixed (`covers`), see `crate::seal::session_seal`; in seals written
    /// before (`record` absent), the SHA-256 of the kept record alone.
    pub sha256: String,
    pub closed_at: Moment,
    /// SHA-256 of the record the verbale reports, kept as `sedute/ID.verbale.json`. Absent in
    /// seals written before the seal anchored the journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The journal's last entry when the session closed; the entry after it records the
    /// closing. Absent in older seals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<JournalHead>,
    /// SHA-256 of the verbale's PDF as it was sealed, kept in `verbali/sigillati/`: the
    /// document the members sign. Not part of `sha256`, which the PDF itself carries. Absent
    /// in older seals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// What the session fixed, each with a hash of its content when the session closed:
    /// changing any of them afterwards needs an amendment in a later session.
    #[serde(default)]
    pub covers: Vec<Cover>,
}

impl Seal {
    /// The SHA-256 of the kept record: `record`, or in an older seal the seal itself.
    pub fn record_sha256(&self) -> &str {
        self.record.as_deref().unwrap_or(&self.sha256)
    }

    /// Whether the seal anchors the journal and the sealed PDF (written by this version on).
    pub fn anchors_journal(&self) -> bool {
        self.record.is_some() && self.journal.is_some()
    }
}

/// Where the journal stood when a session closed: its last entry's number and hash (0 and
/// the zero hash for an empty journal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalHead {
    pub seq: u64,
    pub hash: String,
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
