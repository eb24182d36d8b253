//! One application against the call, and against the sessions that name it.

use super::messages::{self, field};
use super::*;

/// Checks one application to be added or replaced in a consistent workspace: against the call,
/// the sessions its decision or a draw names, and nothing else, since no other part depends on
/// an application's content. What `assemble` would find, without checking everything again.
/// `written_otherwise`: a registered application with the same number written another way,
/// when `app` is new.
pub(in crate::domain) fn check_put_application(
    app: &Application,
    call: &Call,
    sessions: &BTreeMap<SessionId, Session>,
    written_otherwise: Option<&Protocol>,
) -> Vec<Inconsistency> {
    let mut out = Vec::new();
    let mut report = Report {
        part: Part::Application(0),
        out: &mut out,
    };
    check_application(app, call, &mut report);
    if let Some(other) = written_otherwise {
        report.add(
            "protocol",
            &app.protocol,
            messages::protocol_spelled_otherwise(&app.protocol, other),
        );
    }
    if let Some(id) = app.decision.as_ref().and_then(|d| d.session.as_ref())
        && !sessions.contains_key(id)
    {
        report.add(
            "session",
            id,
            messages::decision_session_missing(id, &list(sessions.keys())),
        );
    }
    for draw in sessions.values().flat_map(|s| &s.draws) {
        if draw.order.contains(&app.protocol) && draw.lot != app.lot {
            report.add(
                "lot",
                &app.lot,
                messages::drawn_in_another_lot(&app.protocol, &draw.lot, &app.lot),
            );
        }
    }
    out
}

/// Reports every text of the application that holds a control character.
fn check_texts(app: &Application, report: &mut Report) {
    use text::Kind::{Line, Paragraphs};
    report.text("title", &app.title, Line, field::TITLE);
    report.text("summary", &app.summary, Paragraphs, field::SUMMARY);
    for party in std::iter::once(&app.applicant).chain(&app.partners) {
        report.text("name", &party.name, Line, field::NAME);
        report.text("tax_code", &party.tax_code, Line, field::TAX_CODE);
        report.text("pec", &party.pec, Line, field::PEC);
        report.text(
            "representative",
            &party.representative,
            Line,
            field::REPRESENTATIVE,
        );
        report.text("address", &party.address, Line, field::ADDRESS);
    }
    for line in &app.budget {
        report.text(
            "description",
            &line.description,
            Paragraphs,
            field::BUDGET_LINE,
        );
    }
    for line in &app.cofinancing {
        report.text("source", &line.source, Line, field::COFINANCING_SOURCE);
    }
    for d in &app.declared {
        report.text("value", &d.value, Line, field::DECLARED);
    }
    if let Some(decision) = &app.decision {
        report.text(
            "reason",
            &decision.reason,
            Paragraphs,
            field::DECISION_REASON,
        );
    }
}

/// Returns true when the application can be taken into the workspace.
pub(super) fn check_application(app: &Application, call: &Call, report: &mut Report) -> bool {
    let before = report.out.len();
    check_texts(app, report);
    if call.lot(&app.lot).is_none() {
        report.add(
            "lot",
            &app.lot,
            messages::lot_missing(&app.lot, &list(call.lots.iter().map(|l| &l.id))),
        );
    }
    if !call.budget_categories.is_empty() {
        for line in &app.budget {
            if !call.budget_categories.iter().any(|c| c.id == line.category) {
                report.add(
                    "category",
                    &line.category,
                    messages::category_missing(
                        &line.category,
                        &list(call.budget_categories.iter().map(|c| &c.id)),
                    ),
                );
            }
        }
    }
    for entry in &app.documents {
        if !call
            .required_documents
            .iter()
            .any(|d| d.id == entry.document)
        {
            report.add(
                "document",
                &entry.document,
                messages::document_not_required(
                    &entry.document,
                    &list(call.required_documents.iter().map(|d| &d.id)),
                ),
            );
        }
    }
    check_declared(app, call, report);
    if let Some(decision) = &app.decision
        && decision.outcome != AdmissionOutcome::Admitted
        && decision.reason.trim().is_empty()
    {
        report.add("reason", "", messages::DECISION_NEEDS_REASON);
    }
    report.out.len() == before
}

/// The figures declared for criteria: once each, for a criterion that is worked out from them,
/// a level of it or a number.
fn check_declared(app: &Application, call: &Call, report: &mut Report) {
    let mut declared = BTreeSet::new();
    for d in &app.declared {
        if !declared.insert(&d.criterion) {
            report.add(
                "criterion",
                &d.criterion,
                messages::declared_twice(&d.criterion),
            );
        }
        match call.criterion(&d.criterion).map(|c| &c.scoring) {
            Some(Scoring::Levels(levels)) => {
                if !levels.iter().any(|l| l.id.as_str() == d.value) {
                    report.add(
                        "value",
                        &d.value,
                        messages::not_a_level(
                            &d.value,
                            &d.criterion,
                            &list(levels.iter().map(|l| &l.id)),
                        ),
                    );
                }
            }
            Some(Scoring::Linear {
                measure: Measure::Declared { .. },
            }) => {
                if crate::domain::number::Points::parse(&d.value).is_err() {
                    report.add(
                        "value",
                        &d.value,
                        messages::declared_not_a_number(&d.criterion),
                    );
                }
            }
            Some(_) => report.add(
                "criterion",
                &d.criterion,
                messages::criterion_not_declared(&d.criterion),
            ),
            None => report.add(
                "criterion",
                &d.criterion,
                messages::criterion_not_in_call(&d.criterion),
            ),
        }
    }
}
