//! One application's page: the applicant and partners, the documents checklist, the budget
//! editor with its live checks, the admissibility findings and the scores.

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::domain::{Application, DocumentStatus, Party, Protocol};
use crate::editor::Command;
use crate::italian;
use crate::rules::ApplicationResult;

use super::State as ListState;
use super::piano;
use crate::app::strings as s;
use crate::app::views::{Action, Desk, View};
use crate::app::widgets::{self, Tone};

pub fn candidatura_ui(ui: &mut Ui, list: &mut ListState, protocol: &Protocol, desk: &mut Desk) {
    let Some((app, result, allocation)) = super::looked_up(desk, protocol) else {
        return;
    };
    nav_ui(ui, list, protocol, desk);
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{} · {}", app.protocol, app.title));
        widgets::status_badge(ui, result, allocation);
    });
    let lot_name = desk
        .ws
        .call()
        .lot(&app.lot)
        .map_or_else(|| app.lot.to_string(), |l| l.name.clone());
    ui.label(s::received(
        &lot_name,
        &italian::moment_precise(app.received_at),
    ));
    ui.separator();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if !app.summary.is_empty() {
                ui.add(egui::Label::new(RichText::new(&app.summary).italics()).wrap());
            }
            if desk.can_edit_records() {
                super::registrazione::dati_ui(ui, &mut list.registrazione, app, desk);
            } else {
                widgets::section(ui, s::APPLICANT);
                party_ui(ui, &app.applicant);
                if !app.partners.is_empty() {
                    widgets::section(ui, s::PARTNERS);
                    for p in &app.partners {
                        ui.label(RichText::new(&p.name).strong());
                        party_ui(ui, p);
                        ui.add_space(4.0);
                    }
                }
            }
            documents_ui(ui, app, desk);
            piano::piano_ui(ui, app, desk);
            widgets::section(ui, s::ADMISSIBILITY_CHECKS);
            ui.horizontal_wrapped(|ui| {
                widgets::admission_badge(ui, &result.admission);
                if !result.admission.reason.is_empty() {
                    ui.label(s::decision_reason(&result.admission.reason));
                }
            });
            let others: Vec<_> = result
                .admission
                .findings
                .iter()
                .filter(|f| !f.rule.is_cofinancing())
                .cloned()
                .collect();
            widgets::findings_ui(ui, &others);
            scores_ui(ui, result, desk);
            ui.add_space(16.0);
        });
}

fn nav_ui(ui: &mut Ui, list: &mut ListState, protocol: &Protocol, desk: &mut Desk) {
    // Previous and next follow every application in protocol order, whatever the filter.
    let all: Vec<&Protocol> = desk.ws.applications().keys().collect();
    let at = all.iter().position(|p| *p == protocol);
    ui.horizontal_wrapped(|ui| {
        if ui.button(s::BACK_TO_LIST).clicked() {
            list.open = None;
            desk.out.push(Action::SaveBudget);
        }
        let prev = at.and_then(|i| i.checked_sub(1)).and_then(|i| all.get(i));
        let next = at.and_then(|i| all.get(i + 1));
        if ui
            .add_enabled(prev.is_some(), egui::Button::new(s::PREVIOUS))
            .clicked()
            && let Some(p) = prev
        {
            list.open = Some((*p).clone());
            desk.out.push(Action::SaveBudget);
        }
        if ui
            .add_enabled(next.is_some(), egui::Button::new(s::NEXT))
            .clicked()
            && let Some(p) = next
        {
            list.open = Some((*p).clone());
            desk.out.push(Action::SaveBudget);
        }
        ui.separator();
        if ui.button(s::GO_ADMISSIBILITY).clicked() {
            desk.goto(View::Ammissibilita, Some(protocol.clone()));
        }
        if ui.button(s::GO_SCORE).clicked() {
            desk.goto(View::Valutazione, Some(protocol.clone()));
        }
    });
}

fn party_ui(ui: &mut Ui, p: &Party) {
    let rows = [
        (s::PARTY_NAME, p.name.clone()),
        (s::PARTY_FORM, italian::legal_form(&p.legal_form)),
        (s::PARTY_TAX_CODE, p.tax_code.clone()),
        (s::PARTY_PEC, p.pec.clone()),
        (s::PARTY_REPRESENTATIVE, p.representative.clone()),
        (s::PARTY_ADDRESS, p.address.clone()),
    ];
    for (label, value) in rows {
        if !value.is_empty() {
            widgets::text_row(ui, label, &value);
        }
    }
}

fn documents_ui(ui: &mut Ui, app: &Application, desk: &mut Desk) {
    let call = desk.ws.call();
    widgets::section(ui, s::DOCUMENTS);
    if call.required_documents.is_empty() {
        ui.weak(s::NO_REQUIRED_DOCUMENTS);
        return;
    }
    let editable = desk.can_edit_records();
    let mut send = Vec::new();
    for doc in &call.required_documents {
        let status = app.document(&doc.id).map(|e| e.status);
        let (text, tone) = widgets::document_status(status);
        ui.horizontal_wrapped(|ui| {
            widgets::badge(ui, &text, tone);
            ui.label(&doc.title);
            if !doc.mandatory {
                ui.weak(s::DOCUMENT_OPTIONAL);
            }
            if !editable {
                return;
            }
            let present = status == Some(DocumentStatus::Present);
            if !present
                && ui
                    .small_button(s::MARK_PRESENT)
                    .on_hover_text(s::doc_mark(&doc.title, s::DOC_PRESENT))
                    .clicked()
            {
                send.push((doc.id.clone(), DocumentStatus::Present));
            }
            let missing = matches!(status, None | Some(DocumentStatus::Missing));
            if !missing
                && ui
                    .small_button(s::MARK_MISSING)
                    .on_hover_text(s::doc_mark(&doc.title, s::DOC_MISSING))
                    .clicked()
            {
                send.push((doc.id.clone(), DocumentStatus::Missing));
            }
            // Only a document some applicants need can not concern this one.
            let not_applicable = status == Some(DocumentStatus::NotApplicable);
            if !doc.mandatory
                && !not_applicable
                && ui
                    .small_button(s::MARK_NOT_APPLICABLE)
                    .on_hover_text(s::doc_mark(&doc.title, s::DOC_NOT_APPLICABLE))
                    .clicked()
            {
                send.push((doc.id.clone(), DocumentStatus::NotApplicable));
            }
        });
    }
    for (document, status) in send {
        desk.send(Command::Document {
            application: app.protocol.clone(),
            document,
            status: Some(status),
        });
    }
}

fn scores_ui(ui: &mut Ui, result: &ApplicationResult, desk: &Desk) {
    let Some(scores) = &result.scores else {
        return;
    };
    widgets::section(ui, s::SCORES);
    if !desk.sees_others_marks(&result.protocol) {
        // Independent judgement: the points are made of the others' marks.
        widgets::note(ui, Tone::Info, s::MARKS_AFTER_YOURS);
        return;
    }
    Grid::new("punteggi_candidatura")
        .num_columns(3)
        .spacing([16.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            ui.strong(s::CRITERION);
            ui.strong(s::POINTS_BEFORE);
            ui.strong(s::POINTS);
            ui.end_row();
            for c in desk.ws.call().all_criteria() {
                let Some(cs) = scores.criteria.get(&c.id) else {
                    continue;
                };
                ui.label(format!("{} · {}", c.id, c.title));
                let show = |v: Option<rust_decimal::Decimal>| {
                    v.map_or_else(|| s::NOT_YET.to_string(), italian::number)
                };
                ui.label(show(cs.points_before_rescaling));
                ui.label(show(cs.points));
                ui.end_row();
            }
            ui.strong(s::TOTAL);
            ui.label(
                scores
                    .total_before_rescaling
                    .map_or_else(|| s::NOT_YET.to_string(), italian::number),
            );
            ui.strong(
                scores
                    .total
                    .map_or_else(|| s::NOT_YET.to_string(), italian::number),
            );
            ui.end_row();
        });
    if !scores.complete() {
        widgets::note(ui, Tone::Warn, s::SCORES_INCOMPLETE);
    }
}
