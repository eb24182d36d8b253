//! A session against the commission, the applications and the lots it names.

use super::*;

pub(super) fn check_session(
    session: &mut Session,
    call: &Call,
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
    report: &mut Report,
) {
    use text::Kind::{Line, Paragraphs};
    report.text("place", &session.place, Line, "il luogo della seduta");
    for note in &session.notes {
        report.text("notes", note, Paragraphs, "la nota");
    }
    for draw in &session.draws {
        report.text(
            "method",
            &draw.method,
            Paragraphs,
            "la modalità del sorteggio",
        );
    }
    for a in &session.amendments {
        report.text("change", &a.change, Paragraphs, "la rettifica");
        report.text(
            "reason",
            &a.reason,
            Paragraphs,
            "la motivazione della rettifica",
        );
    }
    session.present.retain(|m| {
        let known = commission.member(m).is_some();
        if !known {
            report.add(
                "present",
                m,
                format!(
                    "«{m}» non fa parte della commissione (componenti: {})",
                    list(commission.members.iter().map(|m| &m.id))
                ),
            );
        }
        known
    });
    session.draws.retain(|draw| {
        if call.lot(&draw.lot).is_none() {
            report.add("lot", &draw.lot, format!("il sorteggio riguarda il lotto «{}», che non esiste", draw.lot));
            return false;
        }
        let mut seen = BTreeSet::new();
        for p in &draw.order {
            match applications.get(p) {
                None => {
                    report.add("order", p, format!("il sorteggio cita la candidatura «{p}», che non esiste"));
                    return false;
                }
                Some(a) if a.lot != draw.lot => {
                    report.add(
                        "order",
                        p,
                        format!("la candidatura «{p}» è del lotto «{}», non del lotto «{}» del sorteggio", a.lot, draw.lot),
                    );
                    return false;
                }
                Some(_) => {}
            }
            if !seen.insert(p) {
                report.add("order", p, format!("la candidatura «{p}» compare due volte nel sorteggio"));
                return false;
            }
        }
        true
    });
}
