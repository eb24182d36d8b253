//! The commission's changes over time: members replaced, substitutes appointed.

use super::messages;
use super::*;

/// A replacement names a member who exists, other than the one replaced, who sits now; a
/// substitute votes and is appointed by an act.
pub(super) fn check_changes(commission: &Commission, report: &mut Report) {
    for m in &commission.members {
        if let Some(r) = &m.replaced {
            match commission.member(&r.by) {
                None => report.add("by", &r.by, messages::replaced_by_stranger(&m.id, &r.by)),
                Some(by) if by.id == m.id => {
                    report.add("by", &r.by, messages::replaces_self(&m.id))
                }
                Some(by) if by.replaced.is_some() => {
                    report.add("by", &r.by, messages::replaced_by_replaced(&m.id, &r.by))
                }
                Some(_) => {}
            }
            if r.act.trim().is_empty() {
                report.add("act", "", messages::replacement_without_act(&m.id));
            }
        }
        if m.substitute.is_some() && !m.role.votes() {
            report.add(
                "substitute",
                &m.id,
                messages::secretary_as_substitute(&m.id),
            );
        }
    }
}

/// A substitute is appointed for applications of the call.
pub(super) fn check_substitutes(
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
    report: &mut Report,
) {
    for m in commission.sitting() {
        let Some(s) = &m.substitute else { continue };
        for p in &s.applications {
            if !applications.contains_key(p) && !unavailable.contains(p) {
                report.add(
                    "applications",
                    p,
                    messages::substitute_for_missing(&m.id, p),
                );
            }
        }
    }
}
