//! The events after the ranking, as facts the rules take into account. An exclusion after the
//! check of the declarations, or a readmission, stands in for the admissibility decision (the
//! last one recorded prevails); a renunciation keeps the application's place in the ranking
//! and takes it out of the allocation, so that the next one takes its place (scorrimento).
//!
//! What happens after the ranking does not recompute the others' points: an application that
//! renounces, or is excluded after the check, keeps its part in the comparison of the
//! riparametrazione and of the linear criteria (the principle of invariance of the ranking).
//! A readmitted one enters it, as any admitted application.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{AdmissionOutcome, Decision, EventKind, Protocol, Workspace};

/// Where the events leave the applications.
#[derive(Debug, Default)]
pub struct Standing<'a> {
    /// The admissibility decision an event replaced, per application.
    pub decisions: BTreeMap<&'a Protocol, Decision>,
    /// Applications whose applicant renounced.
    pub renounced: BTreeSet<&'a Protocol>,
    /// Excluded after the check of the declarations: still in the comparisons of the scores.
    pub frozen: BTreeSet<&'a Protocol>,
}

impl Standing<'_> {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.renounced.is_empty()
    }
}

pub fn standing(ws: &Workspace) -> Standing<'_> {
    let mut out = Standing::default();
    for (session, event) in ws.events() {
        let p = &event.application;
        match event.kind {
            EventKind::Renunciation => {
                out.renounced.insert(p);
            }
            kind => {
                let outcome = if kind.readmits() {
                    out.frozen.remove(p);
                    AdmissionOutcome::Admitted
                } else {
                    out.frozen.insert(p);
                    AdmissionOutcome::Excluded
                };
                out.decisions.insert(
                    p,
                    Decision {
                        outcome,
                        reason: event.reason.clone(),
                        session: Some(session.id.clone()),
                    },
                );
            }
        }
    }
    out
}
