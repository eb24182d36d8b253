//! What the minutes report of the commission's changes and of the applications removed: a
//! member replaced (by whom, by which act, from when), a substitute and the applications they
//! were appointed for, and each application registered by mistake and removed since the
//! previous session closed, with its reason.

use serde::{Deserialize, Serialize};

use crate::domain::{Date, LotId, Member, MemberId, Moment, Protocol, Session, Workspace};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplacedRecord {
    pub by: MemberId,
    pub by_name: String,
    pub act: String,
    pub on: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubstituteRecord {
    pub act: String,
    pub applications: Vec<Protocol>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovedRecord {
    pub protocol: Protocol,
    pub received_at: Moment,
    pub applicant: String,
    pub lot: LotId,
    pub title: String,
    pub reason: String,
    pub removed_at: Moment,
}

pub(super) fn replaced(ws: &Workspace, m: &Member) -> Option<ReplacedRecord> {
    let r = m.replaced.as_ref()?;
    Some(ReplacedRecord {
        by: r.by.clone(),
        by_name: ws
            .commission()
            .member(&r.by)
            .map_or_else(|| r.by.to_string(), |b| b.name.clone()),
        act: r.act.clone(),
        on: r.on,
    })
}

pub(super) fn substitute(m: &Member) -> Option<SubstituteRecord> {
    m.substitute.as_ref().map(|s| SubstituteRecord {
        act: s.act.clone(),
        applications: s.applications.clone(),
    })
}

/// The applications removed since the latest session closed before `session`, reported by the
/// first session after it only: each removal is reported by one verbale, the next one.
pub(super) fn removed(ws: &Workspace, session: &Session) -> Vec<RemovedRecord> {
    if ws.removed().is_empty() {
        return Vec::new();
    }
    let order = ws.sessions_in_order();
    let at = order.iter().position(|s| s.id == session.id).unwrap_or(0);
    let closed_before = order[..at].iter().rposition(|s| s.is_closed());
    // Only the first session after the latest closed one reports what came after it.
    let first_after = closed_before.map_or(0, |i| i + 1);
    if at != first_after {
        return Vec::new();
    }
    let after = closed_before.map(|i| &order[i].id);
    let mut list: Vec<RemovedRecord> = ws
        .removed()
        .values()
        .filter_map(|a| {
            let r = a.removed.as_ref()?;
            (r.after.as_ref() == after).then(|| RemovedRecord {
                protocol: a.protocol.clone(),
                received_at: a.received_at,
                applicant: a.applicant.name.clone(),
                lot: a.lot.clone(),
                title: a.title.clone(),
                reason: r.reason.clone(),
                removed_at: r.at,
            })
        })
        .collect();
    list.sort_by(|a, b| (a.removed_at, &a.protocol).cmp(&(b.removed_at, &b.protocol)));
    list
}
