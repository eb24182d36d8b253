//! The judgement scale and the discordance gap; the documents the call requires (always, or
//! only of an ATS); the legal forms it admits and whether informal groups may apply.

use egui::Ui;

use super::campi::{CallText, JudgementText, SetupField};
use super::field::{self, Typed};
use crate::app::strings as s;
use crate::app::typed;
use crate::app::views::Desk;
use crate::app::widgets;
use crate::domain::advice::Spot;
use crate::domain::{Coefficient, DocumentId, Judgement, LegalForm, RequiredDocument};
use crate::italian;

#[derive(Default)]
pub(super) struct State {
    /// The title of the document being added.
    new_document: String,
}

/// The legal forms a call may admit, in the order the list shows them.
const FORMS: [LegalForm; 9] = [
    LegalForm::SocialPromotionAssociation,
    LegalForm::VolunteerOrganisation,
    LegalForm::SocialCooperative,
    LegalForm::SocialEnterprise,
    LegalForm::Foundation,
    LegalForm::Association,
    LegalForm::ReligiousBody,
    LegalForm::Company,
    LegalForm::PublicBody,
];

pub(super) fn documenti_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, typed: &Typed) {
    scale_ui(ui, desk, typed);
    documents_ui(ui, state, desk, typed);
    forms_ui(ui, desk);
}

fn scale_ui(ui: &mut Ui, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::CALL_SCALE);
    widgets::keys_hint(ui, s::SCALE_HINT);
    let scale = desk.ws.call().judgement_scale.clone();
    let used: Vec<rust_decimal::Decimal> = desk
        .ws
        .sheets()
        .values()
        .flat_map(|sh| sh.scores.iter().map(|sc| sc.value()))
        .collect();
    for (i, j) in scale.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let name = |what: &str| s::judgement_field(what, i + 1);
            ui.label(format!("{}.", i + 1));
            field::inline(
                ui,
                desk,
                SetupField::Judgement(i, JudgementText::Label),
                &name(s::JUDGEMENT_LABEL),
                200.0,
            );
            ui.label(s::JUDGEMENT_COEFFICIENT);
            field::inline(
                ui,
                desk,
                SetupField::Judgement(i, JudgementText::Coefficient),
                &name(s::JUDGEMENT_COEFFICIENT),
                70.0,
            );
            if field::small(ui, i > 0, s::SHIFT_UP, &name(s::SHIFT_UP)) {
                field::put_call(desk, |c| c.judgement_scale.swap(i, i - 1));
            }
            if field::small(ui, i + 1 < scale.len(), s::SHIFT_DOWN, &name(s::SHIFT_DOWN)) {
                field::put_call(desk, |c| c.judgement_scale.swap(i, i + 1));
            }
            let in_use = used.contains(&j.coefficient.value());
            if field::small(ui, !in_use, s::REMOVE, &name(s::REMOVE)) {
                field::put_call(desk, |c| {
                    c.judgement_scale.remove(i);
                });
            }
        });
    }
    if ui.button(s::ADD_JUDGEMENT).clicked() {
        field::put_call(desk, |c| {
            if let Some(coefficient) = free_coefficient(&c.judgement_scale) {
                c.judgement_scale.push(Judgement {
                    label: s::NEW_JUDGEMENT.into(),
                    coefficient,
                });
            }
        });
    }
    field::advice_ui(ui, typed, &Spot::Scale);
    field::row(
        ui,
        desk,
        SetupField::Call(CallText::DiscordanceGap),
        s::DISCORDANCE_GAP,
        70.0,
    );
    widgets::keys_hint(ui, s::DISCORDANCE_HINT);
    let mut independent = desk.ws.call().independent_judgement;
    if ui
        .checkbox(&mut independent, s::INDEPENDENT_JUDGEMENT)
        .on_hover_text(s::INDEPENDENT_JUDGEMENT_HINT)
        .changed()
    {
        field::put_call(desk, |c| c.independent_judgement = independent);
    }
}

fn documents_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::CALL_DOCUMENTS);
    widgets::keys_hint(ui, s::DOCUMENTS_HINT);
    let documents = desk.ws.call().required_documents.clone();
    for (i, d) in documents.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let name = |what: &str| s::document_field(what, d.id.as_str());
            field::inline(
                ui,
                desk,
                SetupField::Document(d.id.clone()),
                &name(s::DOCUMENT_TITLE),
                520.0,
            );
            let (mut mandatory, mut only_ats) = (d.mandatory, d.only_ats);
            let a = ui
                .checkbox(&mut mandatory, s::DOCUMENT_MANDATORY)
                .accessible_name(name(s::DOCUMENT_MANDATORY))
                .changed();
            let b = ui
                .checkbox(&mut only_ats, s::DOCUMENT_ONLY_ATS)
                .accessible_name(name(s::DOCUMENT_ONLY_ATS))
                .changed();
            if a || b {
                let id = d.id.clone();
                field::put_call(desk, |c| {
                    if let Some(x) = c.required_documents.iter_mut().find(|x| x.id == id) {
                        x.mandatory = mandatory;
                        x.only_ats = only_ats;
                    }
                });
            }
            if field::small(ui, i > 0, s::SHIFT_UP, &name(s::SHIFT_UP)) {
                field::put_call(desk, |c| c.required_documents.swap(i, i - 1));
            }
            if field::small(
                ui,
                i + 1 < documents.len(),
                s::SHIFT_DOWN,
                &name(s::SHIFT_DOWN),
            ) {
                field::put_call(desk, |c| c.required_documents.swap(i, i + 1));
            }
            let used = desk
                .ws
                .applications()
                .values()
                .any(|a| a.document(&d.id).is_some());
            if field::small(ui, !used, s::REMOVE, &name(s::REMOVE)) {
                let id = d.id.clone();
                field::put_call(desk, |c| c.required_documents.retain(|x| x.id != id));
            }
        });
    }
    field::advice_ui(ui, typed, &Spot::Documents);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(s::NEW_DOCUMENT);
        let r = ui
            .add(egui::TextEdit::singleline(&mut state.new_document).desired_width(420.0))
            .labelled_by(label.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let title = state.new_document.trim().to_string();
        if (ui
            .add_enabled(!title.is_empty(), egui::Button::new(s::ADD_DOCUMENT))
            .clicked()
            || enter)
            && !title.is_empty()
        {
            field::put_call(desk, |c| {
                let base = typed::slug(&title, false).replace('-', "_");
                let base: String = base.chars().take(24).collect();
                let id = typed::unique(base.trim_end_matches('_'), |x| {
                    c.required_documents.iter().any(|d| d.id.as_str() == x)
                });
                if let Ok(id) = DocumentId::new(id) {
                    c.required_documents.push(RequiredDocument {
                        id,
                        title,
                        mandatory: true,
                        only_ats: false,
                    });
                }
            });
            state.new_document.clear();
        }
    });
}

fn forms_ui(ui: &mut Ui, desk: &mut Desk) {
    widgets::section(ui, s::CALL_LEGAL_FORMS);
    widgets::keys_hint(ui, s::LEGAL_FORMS_HINT);
    let call = desk.ws.call();
    let mut admitted = call.admitted_legal_forms.clone();
    let mut informal = call.informal_groups_allowed;
    let mut changed = false;
    for form in FORMS {
        let mut on = admitted.contains(&form);
        if ui.checkbox(&mut on, italian::legal_form(&form)).changed() {
            changed = true;
            admitted.retain(|f| f != &form);
            if on {
                admitted.push(form.clone());
            }
        }
    }
    if admitted.is_empty() {
        widgets::keys_hint(ui, s::ANY_LEGAL_FORM);
    }
    changed |= ui.checkbox(&mut informal, s::INFORMAL_CHOICE).changed();
    if changed {
        // In the list's order, so that the file does not depend on the order of the clicks.
        admitted.sort_by_key(|f| FORMS.iter().position(|x| x == f));
        field::put_call(desk, |c| {
            c.admitted_legal_forms = admitted;
            c.informal_groups_allowed = informal;
        });
    }
}

/// A coefficient not yet on the scale, for a judgement added: 1 or 0 when missing, otherwise
/// half way across the widest gap between two judgements, the highest of equal ones (to be
/// corrected by the user).
fn free_coefficient(scale: &[Judgement]) -> Option<Coefficient> {
    use rust_decimal::Decimal;
    let mut values: Vec<Decimal> = scale.iter().map(|j| j.coefficient.value()).collect();
    values.sort();
    values.dedup();
    let taken = |v: Decimal| values.contains(&v);
    let value = if !taken(Decimal::ONE) {
        Decimal::ONE
    } else if !taken(Decimal::ZERO) {
        Decimal::ZERO
    } else {
        values
            .windows(2)
            .max_by_key(|w| w[1] - w[0])
            .map(|w| ((w[0] + w[1]) / Decimal::TWO).round_dp(2))
            .filter(|v| !taken(*v))?
    };
    Coefficient::new(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(values: &[&str]) -> Vec<Judgement> {
        values
            .iter()
            .map(|v| Judgement {
                label: (*v).into(),
                coefficient: Coefficient::new(v.parse().unwrap()).unwrap(),
            })
            .collect()
    }

    #[test]
    fn a_judgement_added_takes_a_coefficient_not_on_the_scale() {
        let free = |v: &[&str]| free_coefficient(&scale(v)).map(|c| c.value().to_string());
        // The usual scale, from 0 to 1 by 0.2: the highest of the widest gaps is split.
        assert_eq!(
            free(&["1.0", "0.8", "0.6", "0.4", "0.2", "0"]).as_deref(),
            Some("0.9")
        );
        assert_eq!(free(&["0.8", "0"]).as_deref(), Some("1"));
        assert_eq!(free(&["1", "0.5"]).as_deref(), Some("0"));
        assert_eq!(free(&[]).as_deref(), Some("1"));
        assert_eq!(free(&["1", "0.5", "0"]).as_deref(), Some("0.75"));
        assert_eq!(free(&["1", "0.2", "0"]).as_deref(), Some("0.6"));
    }
}
