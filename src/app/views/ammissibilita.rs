//! Ammissibilità: the automatic checks propose, the commission decides (ammessa, ammessa con
//! riserva, esclusa), with the reason the minutes will carry; and the soccorso istruttorio: a
//! missing document requested with a deadline, then marked as given.

use egui::{RichText, ScrollArea, Ui};

use crate::domain::{
    AdmissionOutcome, Date, DocumentId, DocumentStatus, Protocol, RequiredDocument,
};
use crate::editor::{self, Command};
use crate::italian;

use super::{Action, Desk, View, filtro};
use crate::app::drafts::{self, Field, Stale};
use crate::app::strings as s;
use crate::app::widgets::{self, DraftEdit, Tone};

/// Days a soccorso istruttorio gives by default (the law says at most ten).
const DEFAULT_DAYS: i64 = 10;

#[derive(Default)]
pub struct State {
    pub selected: Option<Protocol>,
    filter: filtro::Filter,
    /// The list for a generation of the workspace and the filter: built once per change.
    rows: filtro::Listing<(u64, filtro::Filter)>,
    /// Dates typed for the soccorso istruttorio, per document.
    deadline: String,
    /// The day the document came: typed, never taken for today.
    received: String,
    /// An integration after its deadline, waiting for the confirmation the warning asks.
    late: Option<(Protocol, DocumentId, DocumentStatus)>,
    /// Why the last date typed for a document could not be used, shown under its fields.
    date_note: Option<(DocumentId, String)>,
}

pub fn ammissibilita_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    if desk.ws.applications().is_empty() {
        ui.heading(s::VIEW_AMMISSIBILITA);
        widgets::empty(ui, s::NO_APPLICATIONS);
        return;
    }
    if state
        .selected
        .as_ref()
        .is_none_or(|p| desk.ws.application(p).is_none())
    {
        state.selected = desk.ws.applications().keys().next().cloned();
    }
    egui::Panel::left("ammissibilita_elenco")
        .resizable(true)
        .default_size(330.0)
        .min_size(220.0)
        .show(ui, |ui| list_ui(ui, state, desk));
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some(p) = state.selected.clone() {
            detail_ui(ui, state, &p, desk);
        }
    });
}

fn list_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    ui.heading(s::VIEW_AMMISSIBILITA);
    let undecided = desk
        .eval
        .applications
        .values()
        .filter(|r| !r.admission.decided)
        .count();
    ui.label(s::undecided_count(undecided));
    filtro::filter_ui(ui, &mut state.filter, desk, s::ONLY_UNDECIDED, true);
    ui.separator();
    let filter = &state.filter;
    let rows = state.rows.get((desk.generation, filter.clone()), || {
        desk.eval
            .applications
            .values()
            .filter(|r| filter.keeps(desk, r, !r.admission.decided))
            .map(|r| r.protocol.clone())
            .collect()
    });
    if rows.is_empty() {
        widgets::empty(ui, s::NO_APPLICATIONS_MATCH);
        return;
    }
    let multi_lot = desk.ws.call().lots.len() > 1;
    // Two lines per application, drawn only for those in sight: a call can have thousands.
    let line = ui.spacing().interact_size.y;
    let row_height = 2.0 * line + ui.spacing().item_spacing.y * 3.0 + 6.0;
    let mut clicked = None;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for protocol in &rows[range] {
                let (Some(app), Some(result)) = (
                    desk.ws.application(protocol),
                    desk.eval.application(protocol),
                ) else {
                    continue;
                };
                let selected = state.selected.as_ref() == Some(protocol);
                ui.allocate_ui(egui::vec2(ui.available_width(), row_height), |ui| {
                    ui.set_height(row_height);
                    let text = format!("{} · {}", protocol, app.applicant.name);
                    // One line: the rows have a fixed height. The whole name is in the tooltip.
                    let r = ui
                        .add(egui::Button::selectable(selected, &text).truncate())
                        .on_hover_text(&text);
                    if r.clicked() {
                        clicked = Some(protocol.clone());
                    }
                    ui.horizontal(|ui| {
                        ui.add_space(12.0);
                        widgets::admission_badge(ui, &result.admission);
                        let fails = result.admission.failures().count();
                        if fails > 0 {
                            ui.weak(s::failed_checks(fails));
                        }
                        if multi_lot {
                            let lot = filtro::lot_name(desk, &result.lot);
                            ui.add(egui::Label::new(egui::RichText::new(&lot).weak()).truncate())
                                .on_hover_text(lot);
                        }
                    });
                });
            }
        });
    if clicked.is_some() {
        state.selected = clicked;
    }
}

fn detail_ui(ui: &mut Ui, state: &mut State, protocol: &Protocol, desk: &mut Desk) {
    let (Some(app), Some(result)) = (
        desk.ws.application(protocol),
        desk.eval.application(protocol),
    ) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{} · {}", protocol, app.applicant.name));
        widgets::admission_badge(ui, &result.admission);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(&app.title);
        if ui.link(s::OPEN_APPLICATION).clicked() {
            desk.goto(View::Candidature, Some(protocol.clone()));
        }
    });
    ui.separator();
    ScrollArea::vertical()
        .id_salt(("ammissione", protocol.as_str()))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            widgets::section(ui, s::AUTOMATIC_CHECKS);
            widgets::keys_hint(ui, s::CHECKS_PROPOSE);
            widgets::findings_ui(ui, &result.admission.findings);
            let failing = result.admission.failures().count() > 0;
            decision_ui(ui, protocol, failing, desk);
            soccorso_ui(ui, state, protocol, desk);
            ui.add_space(16.0);
        });
}

/// `failing`: the checks fail, so even admitting needs a reason.
fn decision_ui(ui: &mut Ui, protocol: &Protocol, failing: bool, desk: &mut Desk) {
    let Some(app) = desk.ws.application(protocol) else {
        return;
    };
    let saved = app.decision.clone();
    widgets::section(ui, s::DECISION);
    saved_decision_ui(ui, saved.as_ref(), desk);
    if !desk.can_edit_records() {
        if let Some(d) = &saved
            && !d.reason.is_empty()
        {
            ui.label(s::decision_reason(&d.reason));
        }
        return;
    }
    // The outcome being written: a draft's, or the saved one.
    let drafting = OUTCOMES.into_iter().map(|(o, _)| o).find(|o| {
        desk.drafts
            .get(&Field::Decision {
                application: protocol.clone(),
                outcome: *o,
            })
            .is_some()
    });
    let current = drafting.or(saved.as_ref().map(|d| d.outcome));
    let decided = Decided {
        protocol,
        saved: saved.as_ref(),
        failing,
    };
    let chosen = outcomes_ui(ui, &decided, current, desk);
    if let Some(outcome) = chosen.or(current) {
        let drafting = drafting.is_some() || chosen.is_some();
        reason_ui(ui, &decided, outcome, chosen.is_some(), drafting, desk);
    }
}

/// The outcomes the commission decides, with their buttons.
const OUTCOMES: [(AdmissionOutcome, &str); 3] = [
    (AdmissionOutcome::Admitted, s::DECIDE_ADMITTED),
    (AdmissionOutcome::AdmittedWithReserve, s::DECIDE_RESERVE),
    (AdmissionOutcome::Excluded, s::DECIDE_EXCLUDED),
];

/// The application a decision is being taken on: its saved decision, and whether its checks
/// fail (then even admitting needs a reason).
struct Decided<'a> {
    protocol: &'a Protocol,
    saved: Option<&'a crate::domain::Decision>,
    failing: bool,
}

/// The decision recorded, and the session that took it.
fn saved_decision_ui(ui: &mut Ui, saved: Option<&crate::domain::Decision>, desk: &Desk) {
    match saved {
        Some(d) => {
            ui.label(s::decision_recorded(italian::admission(d.outcome, true)));
            if let Some(session) = d.session.as_ref().and_then(|id| desk.ws.session(id)) {
                ui.weak(s::decision_session(
                    session.number,
                    &italian::date(session.date),
                ));
            }
        }
        None => {
            ui.label(s::NO_DECISION);
        }
    }
}

/// *Ammessa*, *Ammessa con riserva*, *Esclusa* and *Ritira la decisione*: the outcome chosen
/// now, if one was (its reason carries over what was typed for another).
fn outcomes_ui(
    ui: &mut Ui,
    decided: &Decided,
    current: Option<AdmissionOutcome>,
    desk: &mut Desk,
) -> Option<AdmissionOutcome> {
    let protocol = decided.protocol;
    let mut current = current;
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        for (outcome, label) in OUTCOMES {
            if ui
                .selectable_label(current == Some(outcome), label)
                .clicked()
                && current != Some(outcome)
            {
                let reason = desk
                    .drafts
                    .get(&Field::Decision {
                        application: protocol.clone(),
                        outcome: current.unwrap_or(outcome),
                    })
                    .map(|d| d.text.clone())
                    .or_else(|| decided.saved.map(|d| d.reason.clone()))
                    .unwrap_or_default();
                desk.out.push(Action::ChooseOutcome {
                    application: protocol.clone(),
                    outcome,
                    reason,
                    // No reason needed: recorded at once.
                    record: outcome == AdmissionOutcome::Admitted && !decided.failing,
                });
                current = Some(outcome);
                chosen = Some(outcome);
            }
        }
        if decided.saved.is_some() && ui.button(s::WITHDRAW_DECISION).clicked() {
            desk.out.push(Action::ApplyDropping {
                command: Command::Decide {
                    application: protocol.clone(),
                    decision: None,
                },
                stale: Stale::Decisions(protocol.clone()),
            });
        }
    });
    chosen
}

/// The reason of the outcome being written (required unless admitting on passing checks);
/// focused when the outcome was just chosen; while drafting, the session it will be recorded in.
fn reason_ui(
    ui: &mut Ui,
    decided: &Decided,
    outcome: AdmissionOutcome,
    chosen: bool,
    drafting: bool,
    desk: &mut Desk,
) {
    let failing = decided.failing;
    let field = Field::Decision {
        application: decided.protocol.clone(),
        outcome,
    };
    let saved_reason = decided
        .saved
        .filter(|d| d.outcome == outcome)
        .map(|d| d.reason.clone())
        .unwrap_or_default();
    let label = match outcome {
        AdmissionOutcome::Admitted if failing => s::DECISION_REASON_REQUIRED_FAILING,
        AdmissionOutcome::Admitted => s::DECISION_REASON_OPTIONAL,
        _ => s::DECISION_REASON_REQUIRED,
    };
    ui.label(label);
    let r = DraftEdit::text(field, &saved_reason, s::DECISION_REASON, 3)
        .hint(s::DECISION_REASON_HINT)
        .show(ui, desk.drafts, desk.now);
    if chosen && (outcome != AdmissionOutcome::Admitted || failing) {
        r.request_focus();
    }
    widgets::keys_hint(ui, s::DECISION_KEYS);
    if drafting {
        let session = drafts::open_session(desk.ws)
            .and_then(|id| desk.ws.session(&id).map(|s| (s.number, s.date)));
        match session {
            Some((n, d)) => ui.weak(s::decision_session(n, &italian::date(d))),
            None => ui.weak(s::DECISION_NO_SESSION),
        };
    }
}

fn soccorso_ui(ui: &mut Ui, state: &mut State, protocol: &Protocol, desk: &mut Desk) {
    let Some(app) = desk.ws.application(protocol) else {
        return;
    };
    let call = desk.ws.call();
    widgets::section(ui, s::SOCCORSO);
    widgets::keys_hint(ui, s::SOCCORSO_HINT);
    if call.required_documents.is_empty() {
        ui.weak(s::NO_REQUIRED_DOCUMENTS);
        return;
    }
    let editable = desk.can_edit_records();
    let today = editor::now().date();
    if state.deadline.is_empty() {
        state.deadline = plus_days(today, DEFAULT_DAYS).map_or_else(String::new, italian::date);
    }
    let mut send = Vec::new();
    for doc in &call.required_documents {
        let status = app.document(&doc.id).map(|e| e.status);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&doc.title).strong());
            let (text, tone) = widgets::document_status(status);
            widgets::badge(ui, &text, tone);
        });
        if !editable {
            continue;
        }
        match status {
            None | Some(DocumentStatus::Missing) => {
                request_integration_ui(ui, state, doc, today, &mut send);
            }
            Some(DocumentStatus::IntegrationRequested {
                requested_on,
                deadline,
            }) => {
                let asked = (requested_on, deadline);
                integrated_ui(ui, state, protocol, doc, asked, &mut send);
                late_ui(ui, state, protocol, &doc.id, &mut send);
            }
            _ => {}
        }
    }
    for (document, status) in send {
        desk.send(Command::Document {
            application: protocol.clone(),
            document,
            status: Some(status),
        });
    }
}

/// A missing document: the deadline of the integration to ask for, and *Richiedi integrazione*.
fn request_integration_ui(
    ui: &mut Ui,
    state: &mut State,
    doc: &RequiredDocument,
    today: Date,
    send: &mut Vec<(DocumentId, DocumentStatus)>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(s::SOCCORSO_DEADLINE);
        ui.add(egui::TextEdit::singleline(&mut state.deadline).desired_width(110.0))
            .labelled_by(label.id);
        // Named with the document, so that each button says what it asks for.
        if ui
            .button(s::REQUEST_INTEGRATION)
            .accessible_name(s::for_document(s::REQUEST_INTEGRATION, &doc.title))
            .clicked()
        {
            match italian::parse_typed_date(&state.deadline) {
                Ok(deadline) if deadline >= today => send.push((
                    doc.id.clone(),
                    DocumentStatus::IntegrationRequested {
                        requested_on: today,
                        deadline,
                    },
                )),
                Ok(_) => {
                    widgets::note(ui, Tone::Bad, s::DEADLINE_IN_PAST);
                }
                Err(e) => {
                    widgets::note(ui, Tone::Bad, e);
                }
            }
        }
    });
}

/// A document asked for (`asked`: when, and by when): the date it came, typed, and *Integrato*;
/// one that came late waits for the warning to be confirmed.
fn integrated_ui(
    ui: &mut Ui,
    state: &mut State,
    protocol: &Protocol,
    doc: &RequiredDocument,
    asked: (Date, Date),
    send: &mut Vec<(DocumentId, DocumentStatus)>,
) {
    let (requested_on, deadline) = asked;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(s::RECEIVED_ON);
        ui.add(egui::TextEdit::singleline(&mut state.received).desired_width(110.0))
            .labelled_by(label.id);
        if !ui
            .button(s::MARK_INTEGRATED)
            .accessible_name(s::for_document(s::MARK_INTEGRATED, &doc.title))
            .clicked()
        {
            return;
        }
        state.date_note = None;
        state.late = None;
        match italian::parse_typed_date(&state.received) {
            _ if state.received.trim().is_empty() => {
                state.date_note = Some((doc.id.clone(), s::RECEIVED_ON_MISSING.into()));
            }
            Ok(received_on) => {
                let status = DocumentStatus::Integrated {
                    requested_on,
                    deadline,
                    received_on,
                };
                if received_on > deadline {
                    // Late: recorded only after the warning is confirmed.
                    state.late = Some((protocol.clone(), doc.id.clone(), status));
                } else {
                    send.push((doc.id.clone(), status));
                }
            }
            Err(e) => state.date_note = Some((doc.id.clone(), e)),
        }
    });
}

/// The warning of an integration after its deadline, with the two answers.
fn late_ui(
    ui: &mut Ui,
    state: &mut State,
    protocol: &Protocol,
    document: &DocumentId,
    send: &mut Vec<(DocumentId, DocumentStatus)>,
) {
    if let Some((d, note)) = &state.date_note
        && d == document
    {
        widgets::note(ui, Tone::Bad, note.clone());
    }
    let Some((p, d, status)) = state.late.clone() else {
        return;
    };
    if p != *protocol || d != *document {
        return;
    }
    let DocumentStatus::Integrated {
        deadline,
        received_on,
        ..
    } = status
    else {
        return;
    };
    widgets::note(
        ui,
        Tone::Bad,
        s::late_integration(&italian::date(received_on), &italian::date(deadline)),
    );
    ui.horizontal(|ui| {
        if ui.button(s::RECORD_LATE_INTEGRATION).clicked() {
            send.push((d.clone(), status));
            state.late = None;
        }
        if ui.button(s::CANCEL).clicked() {
            state.late = None;
        }
    });
}

fn plus_days(date: Date, days: i64) -> Option<Date> {
    let d = date
        .civil()
        .checked_add(jiff::Span::new().days(days))
        .ok()?;
    Date::new(d.year(), d.month(), d.day())
}
