//! The commission's changes over time: members replaced, substitutes appointed.

use super::*;

/// A replacement names a member who exists, other than the one replaced, who sits now; a
/// substitute votes and is appointed by an act.
pub(super) fn check_changes(commission: &Commission, report: &mut Report) {
    for m in &commission.members {
        if let Some(r) = &m.replaced {
            match commission.member(&r.by) {
                None => report.add(
                    "by",
                    &r.by,
                    format!(
                        "«{}» è sostituito da «{}», che non fa parte della commissione",
                        m.id, r.by
                    ),
                ),
                Some(by) if by.id == m.id => report.add(
                    "by",
                    &r.by,
                    format!("«{}» non può sostituire sé stesso", m.id),
                ),
                Some(by) if by.replaced.is_some() => report.add(
                    "by",
                    &r.by,
                    format!(
                        "«{}» è sostituito da «{}», che a sua volta è stato sostituito",
                        m.id, r.by
                    ),
                ),
                Some(_) => {}
            }
            if r.act.trim().is_empty() {
                report.add(
                    "act",
                    "",
                    format!(
                        "la sostituzione di «{}» richiede l'atto che la dispone",
                        m.id
                    ),
                );
            }
        }
        if m.substitute.is_some() && !m.role.votes() {
            report.add(
                "substitute",
                &m.id,
                format!(
                    "«{}» è segretario verbalizzante: un supplente è un componente che valuta",
                    m.id
                ),
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
                    format!(
                        "il supplente «{}» è nominato per la candidatura «{p}», che non esiste",
                        m.id
                    ),
                );
            }
        }
    }
}
