//! A session against the commission, the applications and the lots it names.

use super::messages::{self, field};
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
    report.text("place", &session.place, Line, field::PLACE);
    for note in &session.notes {
        report.text("notes", note, Paragraphs, field::NOTE);
    }
    for draw in &session.draws {
        report.text("method", &draw.method, Paragraphs, field::DRAW_METHOD);
    }
    for a in &session.amendments {
        report.text("change", &a.change, Paragraphs, field::AMENDMENT);
        report.text("reason", &a.reason, Paragraphs, field::AMENDMENT_REASON);
    }
    check_collegial(session, call, commission, applications, unavailable, report);
    check_events(session, applications, unavailable, report);
    session.present.retain(|m| {
        let known = commission.member(m).is_some();
        if !known {
            report.add(
                "present",
                m,
                messages::not_in_commission(m, &list(commission.members.iter().map(|m| &m.id))),
            );
        }
        known
    });
    session.draws.retain(|draw| {
        if call.lot(&draw.lot).is_none() {
            report.add("lot", &draw.lot, messages::draw_lot_missing(&draw.lot));
            return false;
        }
        let mut seen = BTreeSet::new();
        for p in &draw.order {
            match applications.get(p) {
                None => {
                    report.add("order", p, messages::draw_application_missing(p));
                    return false;
                }
                Some(a) if a.lot != draw.lot => {
                    report.add("order", p, messages::draw_other_lot(p, &a.lot, &draw.lot));
                    return false;
                }
                Some(_) => {}
            }
            if !seen.insert(p) {
                report.add("order", p, messages::draw_application_twice(p));
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
        messages::names_missing_application(what, p),
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
        if !known(
            &c.application,
            applications,
            unavailable,
            messages::COLLEGIAL,
            report,
        ) {
            return false;
        }
        let Some(criterion) = call
            .criterion(&c.criterion)
            .filter(|k| k.is_discretionary())
        else {
            report.add(
                "criterion",
                &c.criterion,
                messages::collegial_criterion_not_scored(
                    &c.criterion,
                    &list(
                        call.leaf_criteria()
                            .iter()
                            .filter(|k| k.is_discretionary())
                            .map(|k| &k.id),
                    ),
                ),
            );
            return false;
        };
        if !seen.insert((c.application.clone(), c.criterion.clone())) {
            report.add(
                "criterion",
                &c.criterion,
                messages::collegial_repeated(&c.application, &c.criterion),
            );
            return false;
        }
        if c.reason.trim().is_empty() {
            report.add(
                "reason",
                &c.criterion,
                messages::collegial_without_reason(&c.application, &c.criterion),
            );
            return false;
        }
        // A collegial mark off the criterion's scale is left out (the criterion then waits for
        // one, where the call has a collegial mark), and said.
        if let Some(problem) = c.value.and_then(|v| value_problem(call, criterion, v)) {
            report.add(
                "value",
                &c.criterion,
                messages::collegial_mark(&c.application, problem),
            );
            c.value = None;
        }
        c.dissents.retain(|d| {
            let votes = commission.member(&d.member).is_some_and(|m| m.role.votes());
            if !votes {
                report.add("member", &d.member, messages::dissent_not_voting(&d.member));
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
            messages::coefficient_not_in_scale(
                value,
                &list(
                    call.judgement_scale
                        .iter()
                        .map(|j| format!("{} {}", j.coefficient, j.label)),
                ),
            )
        }),
        Scoring::Points { step } => {
            if value > criterion.max {
                return Some(messages::points_over_max(
                    value,
                    &criterion.id,
                    criterion.max,
                ));
            }
            step.filter(|s| !s.value().is_zero() && !(value.value() % s.value()).is_zero())
                .map(|step| messages::points_off_step(&criterion.id, step, value))
        }
        _ => Some(messages::not_judged(&criterion.id)),
    }
}

fn check_events(
    session: &mut Session,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
    report: &mut Report,
) {
    session.events.retain(|e| {
        if !known(
            &e.application,
            applications,
            unavailable,
            messages::EVENT,
            report,
        ) {
            return false;
        }
        if e.reason.trim().is_empty() || e.act.trim().is_empty() {
            report.add(
                "application",
                &e.application,
                messages::event_without(
                    &e.application,
                    if e.act.trim().is_empty() {
                        messages::ACT
                    } else {
                        messages::REASON
                    },
                ),
            );
            return false;
        }
        true
    });
}
