//! A session against the commission, the applications and the lots it names.

use super::*;

pub(super) fn check_session(
    session: &mut Session,
    call: &Call,
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
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
    check_collegial(session, call, commission, applications, unavailable, report);
    check_events(session, applications, unavailable, report);
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

/// Whether an application a session names is there: one whose file could not be read is kept
/// (its entries come back when the file is mended), one that does not exist is reported.
fn known(
    p: &Protocol,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
    what: &str,
    report: &mut Report,
) -> bool {
    if applications.contains_key(p) || unavailable.contains(p) {
        return true;
    }
    report.add(
        "application",
        p,
        format!("{what} cita la candidatura «{p}», che non esiste"),
    );
    false
}

fn check_collegial(
    session: &mut Session,
    call: &Call,
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
    report: &mut Report,
) {
    let mut seen = BTreeSet::new();
    session.collegial.retain_mut(|c| {
        if !known(&c.application, applications, unavailable, "il giudizio collegiale", report) {
            return false;
        }
        let Some(criterion) = call.criterion(&c.criterion).filter(|k| k.is_discretionary()) else {
            report.add(
                "criterion",
                &c.criterion,
                format!(
                    "il giudizio collegiale riguarda il criterio «{}», che non è un criterio valutato dai commissari (criteri: {})",
                    c.criterion,
                    list(call.leaf_criteria().iter().filter(|k| k.is_discretionary()).map(|k| &k.id))
                ),
            );
            return false;
        };
        if !seen.insert((c.application.clone(), c.criterion.clone())) {
            report.add(
                "criterion",
                &c.criterion,
                format!(
                    "il giudizio collegiale sulla candidatura «{}», criterio «{}», è ripetuto nella stessa seduta",
                    c.application, c.criterion
                ),
            );
            return false;
        }
        if c.reason.trim().is_empty() {
            report.add(
                "reason",
                &c.criterion,
                format!(
                    "il giudizio collegiale sulla candidatura «{}», criterio «{}», non ha la motivazione",
                    c.application, c.criterion
                ),
            );
            return false;
        }
        // A collegial mark off the criterion's scale is left out (the criterion then waits for
        // one, where the call has a collegial mark), and said.
        if let Some(problem) = c.value.and_then(|v| value_problem(call, criterion, v)) {
            report.add("value", &c.criterion, format!("giudizio collegiale sulla candidatura «{}»: {problem}", c.application));
            c.value = None;
        }
        c.dissents.retain(|d| {
            let votes = commission.member(&d.member).is_some_and(|m| m.role.votes());
            if !votes {
                report.add(
                    "member",
                    &d.member,
                    format!(
                        "il dissenso è di «{}», che non è un componente con diritto di voto",
                        d.member
                    ),
                );
            }
            votes
        });
        true
    });
}

/// Why `value` cannot be a mark on `criterion`, if it cannot.
pub fn value_problem(
    call: &Call,
    criterion: &Criterion,
    value: crate::domain::Points,
) -> Option<String> {
    match &criterion.scoring {
        Scoring::Coefficient => (!call
            .judgement_scale
            .iter()
            .any(|j| j.coefficient.value() == value.value()))
        .then(|| {
            format!(
                "il coefficiente {value} non è nella scala di giudizio dell'avviso (ammessi: {})",
                list(
                    call.judgement_scale
                        .iter()
                        .map(|j| format!("{} {}", j.coefficient, j.label))
                )
            )
        }),
        Scoring::Points { step } => {
            if value > criterion.max {
                return Some(format!(
                    "{value} punti superano il massimo del criterio «{}» ({})",
                    criterion.id, criterion.max
                ));
            }
            step.filter(|s| !s.value().is_zero() && !(value.value() % s.value()).is_zero())
                .map(|step| {
                    format!(
                        "il criterio «{}» si valuta a passi di {step} punti: {value} non è ammesso",
                        criterion.id
                    )
                })
        }
        _ => Some(format!(
            "il criterio «{}» non si valuta con un giudizio",
            criterion.id
        )),
    }
}

fn check_events(
    session: &mut Session,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
    report: &mut Report,
) {
    session.events.retain(|e| {
        if !known(&e.application, applications, unavailable, "l'evento", report) {
            return false;
        }
        if e.reason.trim().is_empty() || e.act.trim().is_empty() {
            report.add(
                "application",
                &e.application,
                format!(
                    "l'evento sulla candidatura «{}» non ha {}: ogni evento si registra con l'atto su cui si fonda e la sua motivazione",
                    e.application,
                    if e.act.trim().is_empty() { "l'atto" } else { "la motivazione" }
                ),
            );
            return false;
        }
        true
    });
}
