//! One application against the call, and against the sessions that name it.

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
            format!(
                "il protocollo «{}» è lo stesso numero della candidatura già registrata «{other}», scritto in un altro modo: va usata la stessa grafia, «{other}»",
                app.protocol
            ),
        );
    }
    if let Some(id) = app.decision.as_ref().and_then(|d| d.session.as_ref())
        && !sessions.contains_key(id)
    {
        report.add(
            "session",
            id,
            format!(
                "la decisione cita la seduta «{id}», che non esiste (sedute: {})",
                list(sessions.keys())
            ),
        );
    }
    for draw in sessions.values().flat_map(|s| &s.draws) {
        if draw.order.contains(&app.protocol) && draw.lot != app.lot {
            report.add(
                "lot",
                &app.lot,
                format!(
                    "la candidatura «{}» è in un sorteggio del lotto «{}» e non può passare al lotto «{}»",
                    app.protocol, draw.lot, app.lot
                ),
            );
        }
    }
    out
}

/// Reports every text of the application that holds a control character.
fn check_texts(app: &Application, report: &mut Report) {
    use text::Kind::{Line, Paragraphs};
    report.text("title", &app.title, Line, "il titolo");
    report.text("summary", &app.summary, Paragraphs, "la sintesi");
    for party in std::iter::once(&app.applicant).chain(&app.partners) {
        report.text("name", &party.name, Line, "il nome");
        report.text("tax_code", &party.tax_code, Line, "il codice fiscale");
        report.text("pec", &party.pec, Line, "la PEC");
        report.text(
            "representative",
            &party.representative,
            Line,
            "il rappresentante legale",
        );
        report.text("address", &party.address, Line, "l'indirizzo");
    }
    for line in &app.budget {
        report.text(
            "description",
            &line.description,
            Paragraphs,
            "la descrizione della voce di costo",
        );
    }
    for line in &app.cofinancing {
        report.text(
            "source",
            &line.source,
            Line,
            "la fonte del co-finanziamento",
        );
    }
    for d in &app.declared {
        report.text("value", &d.value, Line, "il dato dichiarato");
    }
    if let Some(decision) = &app.decision {
        report.text(
            "reason",
            &decision.reason,
            Paragraphs,
            "la motivazione della decisione",
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
            format!(
                "il lotto «{}» non esiste nell'avviso (lotti: {})",
                app.lot,
                list(call.lots.iter().map(|l| &l.id))
            ),
        );
    }
    if !call.budget_categories.is_empty() {
        for line in &app.budget {
            if !call.budget_categories.iter().any(|c| c.id == line.category) {
                report.add(
                    "category",
                    &line.category,
                    format!(
                        "la categoria di spesa «{}» non è tra quelle dell'avviso ({})",
                        line.category,
                        list(call.budget_categories.iter().map(|c| &c.id))
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
                format!(
                    "il documento «{}» non è tra quelli richiesti dall'avviso ({})",
                    entry.document,
                    list(call.required_documents.iter().map(|d| &d.id))
                ),
            );
        }
    }
    let mut declared = BTreeSet::new();
    for d in &app.declared {
        if !declared.insert(&d.criterion) {
            report.add(
                "criterion",
                &d.criterion,
                format!(
                    "il dato per il criterio «{}» è dichiarato due volte",
                    d.criterion
                ),
            );
        }
        match call.criterion(&d.criterion).map(|c| &c.scoring) {
            Some(Scoring::Levels(levels)) => {
                if !levels.iter().any(|l| l.id.as_str() == d.value) {
                    report.add(
                        "value",
                        &d.value,
                        format!(
                            "«{}» non è un livello del criterio «{}» (livelli: {})",
                            d.value,
                            d.criterion,
                            list(levels.iter().map(|l| &l.id))
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
                        format!("il dato dichiarato per il criterio «{}» deve essere un numero non negativo, come \"120\" o \"12.5\"", d.criterion),
                    );
                }
            }
            Some(_) => report.add(
                "criterion",
                &d.criterion,
                format!(
                    "il criterio «{}» non si valuta su dati dichiarati",
                    d.criterion
                ),
            ),
            None => report.add(
                "criterion",
                &d.criterion,
                format!("il criterio «{}» non esiste nell'avviso", d.criterion),
            ),
        }
    }
    if let Some(decision) = &app.decision
        && decision.outcome != AdmissionOutcome::Admitted
        && decision.reason.trim().is_empty()
    {
        report.add(
            "reason",
            "",
            "un'esclusione o un'ammissione con riserva richiede la motivazione",
        );
    }
    report.out.len() == before
}
