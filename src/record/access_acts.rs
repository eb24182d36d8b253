//! The acts of access to the records (L. 241/1990) that a session's verbale reports: a request
//! received, a counter-interested party notified (and whether it opposed), the decision, a
//! release of the bundle with the SHA-256 of each file released.
//!
//! Access is the RUP's procedure, kept in its own register (`accessi.ron`), but the commission
//! takes note of it in its minutes, so that every act of the procedure stands in a sealed
//! verbale: an act recorded while a session is open is reported by that session's verbale; one
//! recorded while none is open, by the verbale of the next session (the first still open, or
//! closed after it). Registers written before acts carried their moment fall back on dates: the
//! first session held on or after the act's date.
//!
//! No personal data of a natural person: the requester is named only when it is the applicant
//! of an application and an entity (otherwise the verbale says «un soggetto interessato», and
//! the register keeps the name); a counter-interested party by its protocol, and by name only
//! when an entity; an opposition by the fact, its text stays in the register.

use serde::{Deserialize, Serialize};

use super::acts::{first_session_from, next_session_after};
use super::redact::natural_person;
use crate::domain::{
    AccessId, AccessOutcome, Date, Moment, Protocol, Recorded, ReleasedFile, Session, Workspace,
};

/// One request, with the acts on it the session reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessActs {
    pub request: AccessId,
    pub received_on: Date,
    /// 30 days from the request.
    pub deadline: Date,
    /// The requester as a verbale names it: an entity that applied; None for anyone else.
    pub requester: Option<String>,
    /// The requester's own application.
    pub application: Option<Protocol>,
    pub object: String,
    pub acts: Vec<AccessAct>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AccessAct {
    /// The request received and registered.
    Received,
    /// A counter-interested party notified, with its 10 days.
    Notified {
        protocol: Protocol,
        /// Its name, when an entity.
        applicant: Option<String>,
        notified_on: Date,
        deadline: Date,
        opposed: bool,
    },
    Decided {
        outcome: AccessOutcome,
        on: Date,
        reason: String,
    },
    /// The bundle released: where, when, and each file with its SHA-256.
    Released {
        at: Moment,
        folder: String,
        files: Vec<ReleasedFile>,
    },
}

/// Whether the act recorded with `recorded` (or, unstamped, dated `date`) belongs to the
/// verbale of `session`.
fn reported_in(ws: &Workspace, session: &Session, recorded: Option<&Recorded>, date: Date) -> bool {
    let here = match recorded {
        Some(Recorded {
            session: Some(s), ..
        }) => return *s == session.id,
        Some(Recorded { at, session: None }) => next_session_after(ws, *at),
        None => first_session_from(ws, date),
    };
    here == Some(&session.id)
}

/// The name a verbale may give to the applicant of `p`: an entity's, never a natural person's.
fn entity_name(ws: &Workspace, p: &Protocol) -> Option<String> {
    ws.application(p)
        .filter(|a| !natural_person(&a.applicant))
        .map(|a| a.applicant.name.trim().to_string())
}

/// The access acts `session`'s verbale reports, request by request in the register's order.
pub(super) fn access_acts(ws: &Workspace, session: &Session) -> Vec<AccessActs> {
    let mut out = Vec::new();
    for r in &ws.access().requests {
        let mut acts = Vec::new();
        if reported_in(ws, session, r.recorded.as_ref(), r.received_on) {
            acts.push(AccessAct::Received);
        }
        for c in &r.counterparts {
            if reported_in(ws, session, c.recorded.as_ref(), c.notified_on) {
                acts.push(AccessAct::Notified {
                    protocol: c.application.clone(),
                    applicant: entity_name(ws, &c.application),
                    notified_on: c.notified_on,
                    deadline: c.deadline(),
                    opposed: !c.opposition.trim().is_empty(),
                });
            }
        }
        if let Some(d) = &r.decision
            && reported_in(ws, session, d.recorded.as_ref(), d.on)
        {
            acts.push(AccessAct::Decided {
                outcome: d.outcome,
                on: d.on,
                reason: d.reason.clone(),
            });
        }
        for rel in &r.releases {
            let stamp = Recorded {
                at: rel.at,
                session: rel.session.clone(),
            };
            if reported_in(ws, session, Some(&stamp), rel.at.date()) {
                acts.push(AccessAct::Released {
                    at: rel.at,
                    folder: rel.folder.clone(),
                    files: rel.files.clone(),
                });
            }
        }
        if acts.is_empty() {
            continue;
        }
        out.push(AccessActs {
            request: r.id.clone(),
            received_on: r.received_on,
            deadline: r.deadline(),
            requester: r.application.as_ref().and_then(|p| entity_name(ws, p)),
            application: r.application.clone(),
            object: r.object.clone(),
            acts,
        });
    }
    out
}

/// The access acts that no session's verbale reports yet, or only a session still open: what
/// the register tells the secretariat is not yet in a sealed verbale. Counted per act.
pub fn unsealed_access_acts(ws: &Workspace) -> usize {
    let mut sealed: usize = 0;
    let mut all: usize = 0;
    for r in &ws.access().requests {
        all += 1 + r.counterparts.len() + usize::from(r.decision.is_some()) + r.releases.len();
    }
    for s in ws.sessions().values().filter(|s| s.is_closed()) {
        sealed += access_acts(ws, s)
            .iter()
            .map(|a| a.acts.len())
            .sum::<usize>();
    }
    all.saturating_sub(sealed)
}
