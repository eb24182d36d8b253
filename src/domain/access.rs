//! Access to the records (accesso agli atti, L. 241/1990, artt. 22 ss., and D.P.R. 184/2006):
//! the register of requests, each with its 30-day deadline, the counter-interested parties
//! notified and their 10 days to oppose, the decision and every release; and the parts of the
//! applications their applicants declared a technical or commercial secret.
//!
//! Kept in `accessi.ron`, apart from the sessions: access is the RUP's business, not the
//! commission's, and a request may come long after the last session.

use serde::{Deserialize, Serialize};

use super::id::{AccessId, CriterionId, Protocol, SessionId};
use super::time::{Date, Moment};

/// Days the administration has to answer a request (art. 25, c. 4, L. 241/1990).
pub const ANSWER_DAYS: i32 = 30;
/// Days a counter-interested party has to oppose, from the notice (art. 3 D.P.R. 184/2006).
pub const OPPOSITION_DAYS: i32 = 10;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessRegister {
    #[serde(default)]
    pub requests: Vec<AccessRequest>,
    /// What applicants declared a technical or commercial secret: withheld from the others.
    #[serde(default)]
    pub secrets: Vec<Secret>,
}

impl AccessRegister {
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty() && self.secrets.is_empty()
    }

    pub fn request(&self, id: &AccessId) -> Option<&AccessRequest> {
        self.requests.iter().find(|r| &r.id == id)
    }

    /// The secrets an application declared.
    pub fn secrets_of<'a>(&'a self, application: &'a Protocol) -> impl Iterator<Item = &'a Secret> {
        self.secrets
            .iter()
            .filter(move |s| &s.application == application)
    }

    /// The next free id: "a1", "a2"…
    pub fn next_id(&self) -> AccessId {
        let mut n = self.requests.len() + 1;
        loop {
            if let Ok(id) = AccessId::new(format!("a{n}"))
                && self.request(&id).is_none()
            {
                return id;
            }
            n += 1;
        }
    }
}

/// One request of access.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessRequest {
    pub id: AccessId,
    /// When the request came (PEC, protocol): the 30 days run from it.
    pub received_on: Date,
    /// Who asks: an applicant's name, or anyone with a direct interest.
    pub requester: String,
    /// The requester's own application, when the requester is an applicant.
    #[serde(default)]
    pub application: Option<Protocol>,
    /// What is asked: "i punteggi e le motivazioni della propria candidatura e delle altre".
    pub object: String,
    /// The counter-interested parties notified, each with its 10 days.
    #[serde(default)]
    pub counterparts: Vec<Counterpart>,
    #[serde(default)]
    pub decision: Option<AccessDecision>,
    /// Every release of the bundle, as journaled.
    #[serde(default)]
    pub releases: Vec<Release>,
    /// When the request was registered (or last corrected), and in which session: the
    /// verbale that reports it (absent from registers written before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
}

/// When an access act was recorded in the register, and the session open then, if any. The
/// verbale of that session reports the act; one recorded while no session was open goes in
/// the verbale of the next session, the first still open or closed after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    pub at: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionId>,
}

impl AccessRequest {
    /// The day by which the administration must answer.
    pub fn deadline(&self) -> Date {
        self.received_on.plus_days(ANSWER_DAYS)
    }

    /// The last day of the counter-interested parties' oppositions, if any was notified.
    pub fn opposition_until(&self) -> Option<Date> {
        self.counterparts.iter().map(Counterpart::deadline).max()
    }
}

/// A counter-interested party (controinteressato): another applicant whose data the request
/// touches, notified so that it may oppose within 10 days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counterpart {
    pub application: Protocol,
    pub notified_on: Date,
    /// What it answered, if it opposed (empty: no opposition).
    #[serde(default)]
    pub opposition: String,
    /// When the notice (or the opposition) was recorded, and in which session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
}

impl Counterpart {
    pub fn deadline(&self) -> Date {
        self.notified_on.plus_days(OPPOSITION_DAYS)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessDecision {
    pub outcome: AccessOutcome,
    pub on: Date,
    /// Required for anything but a full grant.
    #[serde(default)]
    pub reason: String,
    /// When the decision was recorded, and in which session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AccessOutcome {
    /// Accolta.
    Granted,
    /// Accolta in parte (parts withheld).
    PartiallyGranted,
    /// Respinta (diniego).
    Refused,
    /// Differita.
    Deferred,
}

impl AccessOutcome {
    pub const ALL: [AccessOutcome; 4] = [
        AccessOutcome::Granted,
        AccessOutcome::PartiallyGranted,
        AccessOutcome::Refused,
        AccessOutcome::Deferred,
    ];

    /// Whether a bundle is released.
    pub fn grants(self) -> bool {
        matches!(
            self,
            AccessOutcome::Granted | AccessOutcome::PartiallyGranted
        )
    }
}

/// One release of the bundle of a granted request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub at: Moment,
    /// The folder written, relative to the call's: "verbali/accesso-a1".
    pub folder: String,
    pub files: Vec<ReleasedFile>,
    /// The session open when the bundle was released, whose verbale reports it (absent: the
    /// next session after `at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleasedFile {
    pub name: String,
    pub sha256: String,
}

/// A part of an application its applicant declared a technical or commercial secret (art. 24
/// L. 241/1990): the motivazioni on the criteria that judge it are withheld from the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Secret {
    pub application: Protocol,
    /// What is secret: "piano tariffario e business plan (Allegato D, par. 3)".
    pub part: String,
    /// The criteria whose motivazioni reveal it.
    pub criteria: Vec<CriterionId>,
    /// Why, as the applicant declared it.
    #[serde(default)]
    pub reason: String,
}
