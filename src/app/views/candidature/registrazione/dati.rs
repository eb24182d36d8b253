//! An application's data on its page, corrected by the secretariat: what was registered, the
//! parties (tax codes checked as typed), the figures declared for tabular and linear criteria,
//! and the removal of an application registered by mistake, with its reason.

use egui::Ui;

use super::{PartyForm, State, form_combo, tax_code_problem, tax_code_text};
use crate::app::drafts::{Commit, Field};
use crate::app::strings as s;
use crate::app::typed;
use crate::app::views::Desk;
use crate::app::widgets::{self, DraftEdit, Tone};
use crate::domain::{
    Application, CriterionId, Declared, Measure, Party, Protocol, Scoring, Workspace,
};
use crate::editor::Command;
use crate::italian;

/// A field of a registered application, typed on its page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum AppField {
    Received,
    Title,
    Summary,
    /// A party: 0 is the applicant, 1… the partners.
    Party(usize, PartyText),
    /// A figure declared for a linear criterion.
    Declared(CriterionId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PartyText {
    Name,
    TaxCode,
    Pec,
    Representative,
    Address,
}

fn party_mut(app: &mut Application, i: usize) -> Option<&mut Party> {
    if i == 0 {
        Some(&mut app.applicant)
    } else {
        app.partners.get_mut(i - 1)
    }
}

fn saved_text(app: &Application, field: &AppField) -> String {
    let party = |i: usize| {
        if i == 0 {
            Some(&app.applicant)
        } else {
            app.partners.get(i - 1)
        }
    };
    match field {
        AppField::Received => typed::moment_text(app.received_at),
        AppField::Title => app.title.clone(),
        AppField::Summary => app.summary.clone(),
        AppField::Party(i, t) => party(*i)
            .map(|p| match t {
                PartyText::Name => p.name.clone(),
                PartyText::TaxCode => p.tax_code.clone(),
                PartyText::Pec => p.pec.clone(),
                PartyText::Representative => p.representative.clone(),
                PartyText::Address => p.address.clone(),
            })
            .unwrap_or_default(),
        AppField::Declared(c) => app
            .declared(c)
            .and_then(|v| crate::domain::Points::parse(v).ok())
            .map(|p| italian::number(p.value()))
            .unwrap_or_default(),
    }
}

/// What saving the draft of an application's field means now.
pub fn commit(protocol: &Protocol, field: &AppField, text: &str, ws: &Workspace) -> Commit {
    let Some(saved) = ws.application(protocol) else {
        return Commit::Nothing;
    };
    let mut app = saved.clone();
    let t = text.trim();
    match field {
        AppField::Received => match typed::moment(t) {
            Ok(m) => app.received_at = m,
            Err(e) => return Commit::Wait(e),
        },
        AppField::Title if t.is_empty() => return Commit::Wait(s::TITLE_NEEDED.into()),
        AppField::Title => app.title = t.to_string(),
        AppField::Summary => app.summary = t.to_string(),
        AppField::Party(i, pt) => {
            let Some(p) = party_mut(&mut app, *i) else {
                return Commit::Nothing;
            };
            match pt {
                PartyText::Name if t.is_empty() => return Commit::Wait(s::FIELD_REQUIRED.into()),
                PartyText::Name => p.name = t.to_string(),
                PartyText::TaxCode => p.tax_code = tax_code_text(t),
                PartyText::Pec => p.pec = t.to_string(),
                PartyText::Representative => p.representative = t.to_string(),
                PartyText::Address => p.address = t.to_string(),
            }
        }
        AppField::Declared(c) => {
            app.declared.retain(|d| &d.criterion != c);
            if !t.is_empty() {
                match italian::parse_typed_points(t) {
                    Ok(p) => app.declared.push(Declared {
                        criterion: c.clone(),
                        value: p.to_string(),
                    }),
                    Err(e) => return Commit::Wait(e),
                }
            }
        }
    }
    if &app == saved {
        Commit::Nothing
    } else {
        Commit::Command(Command::PutApplication(Box::new(app)))
    }
}

fn edit(ui: &mut Ui, desk: &mut Desk, app: &Application, field: AppField, name: &str, rows: usize) {
    let saved = saved_text(app, &field);
    let key = Field::Registration(app.protocol.clone(), field.clone());
    let edit = if rows > 1 {
        DraftEdit::text(key.clone(), &saved, name, rows)
    } else {
        DraftEdit::line(key.clone(), &saved, name).width(420.0)
    };
    edit.show(ui, desk.drafts, desk.now);
    if let AppField::Party(i, PartyText::TaxCode) = &field {
        let text = desk
            .drafts
            .get(&key)
            .map_or(saved.clone(), |d| d.text.clone());
        let form = if *i == 0 {
            Some(&app.applicant.legal_form)
        } else {
            app.partners.get(i - 1).map(|p| &p.legal_form)
        };
        if let Some(problem) = form.and_then(|f| tax_code_problem(&text, f)) {
            widgets::note(ui, Tone::Bad, problem);
        }
    }
}

/// The application's data on its page, editable by the secretariat: what was registered, the
/// parties, the declared figures, and the removal of an application registered by mistake.
pub fn dati_ui(ui: &mut Ui, state: &mut State, app: &Application, desk: &mut Desk) {
    let p = &app.protocol;
    widgets::section(ui, s::APPLICATION_DATA);
    widgets::text_row(ui, s::PROTOCOL, p.as_str());
    widgets::row(ui, s::RECEIVED_AT, |ui, _| {
        edit(
            ui,
            desk,
            app,
            AppField::Received,
            &s::app_field(s::RECEIVED_AT, p.as_str()),
            1,
        );
    });
    lot_ui(ui, desk, app);
    widgets::row(ui, s::APPLICATION_TITLE, |ui, _| {
        edit(
            ui,
            desk,
            app,
            AppField::Title,
            &s::app_field(s::APPLICATION_TITLE, p.as_str()),
            1,
        );
    });
    widgets::row(ui, s::SUMMARY, |ui, _| {
        edit(
            ui,
            desk,
            app,
            AppField::Summary,
            &s::app_field(s::SUMMARY, p.as_str()),
            2,
        );
    });
    widgets::section(ui, s::APPLICANT);
    party_ui(ui, desk, app, 0, s::LEAD);
    for i in 0..app.partners.len() {
        widgets::section(ui, &s::partner_heading(i + 1));
        party_ui(ui, desk, app, i + 1, &s::partner_whose(i + 1));
        if ui.button(s::partner_remove(i + 1)).clicked() {
            let mut changed = app.clone();
            changed.partners.remove(i);
            desk.send(Command::PutApplication(Box::new(changed)));
        }
    }
    if ui.button(s::ADD_PARTNER).clicked() {
        let mut changed = app.clone();
        changed.partners.push(Party {
            name: s::NEW_PARTNER.into(),
            ..PartyForm::new().party()
        });
        desk.send(Command::PutApplication(Box::new(changed)));
    }
    declared_ui(ui, desk, app);
    removal_ui(ui, state, app, desk);
}

fn lot_ui(ui: &mut Ui, desk: &mut Desk, app: &Application) {
    let call = desk.ws.call();
    let mut lot = app.lot.clone();
    let name = call
        .lot(&lot)
        .map_or_else(|| lot.to_string(), |l| l.name.clone());
    widgets::row(ui, s::LOT, |ui, id| {
        egui::ComboBox::from_id_salt(("lotto", app.protocol.as_str()))
            .selected_text(name)
            .width(420.0)
            .truncate()
            .show_ui(ui, |ui| {
                for l in &call.lots {
                    ui.selectable_value(&mut lot, l.id.clone(), &l.name);
                }
            })
            .response
            .labelled_by(id);
    });
    if lot != app.lot {
        let mut changed = app.clone();
        changed.lot = lot;
        desk.send(Command::PutApplication(Box::new(changed)));
    }
}

fn party_ui(ui: &mut Ui, desk: &mut Desk, app: &Application, i: usize, whose: &str) {
    let p = app.protocol.as_str();
    for (label, t) in [
        (s::PARTY_NAME, PartyText::Name),
        (s::PARTY_TAX_CODE, PartyText::TaxCode),
    ] {
        widgets::row(ui, label, |ui, _| {
            edit(
                ui,
                desk,
                app,
                AppField::Party(i, t),
                &s::app_party_field(label, whose, p),
                1,
            );
        });
    }
    let party = if i == 0 {
        Some(&app.applicant)
    } else {
        app.partners.get(i - 1)
    };
    if let Some(party) = party {
        let mut form = party.legal_form.clone();
        if form_combo(
            ui,
            &mut form,
            &format!("{p}-{i}"),
            &s::app_party_field(s::PARTY_FORM, whose, p),
        ) {
            let mut changed = app.clone();
            if let Some(x) = party_mut(&mut changed, i) {
                x.legal_form = form;
            }
            desk.send(Command::PutApplication(Box::new(changed)));
        }
    }
    for (label, t) in [
        (s::PARTY_PEC, PartyText::Pec),
        (s::PARTY_REPRESENTATIVE, PartyText::Representative),
        (s::PARTY_ADDRESS, PartyText::Address),
    ] {
        widgets::row(ui, label, |ui, _| {
            edit(
                ui,
                desk,
                app,
                AppField::Party(i, t),
                &s::app_party_field(label, whose, p),
                1,
            );
        });
    }
}

/// The facts and figures the application declares for tabular and linear criteria.
fn declared_ui(ui: &mut Ui, desk: &mut Desk, app: &Application) {
    let criteria: Vec<_> = desk
        .ws
        .call()
        .leaf_criteria()
        .into_iter()
        .filter(|c| {
            matches!(
                c.scoring,
                Scoring::Levels(_)
                    | Scoring::Linear {
                        measure: Measure::Declared { .. }
                    }
            )
        })
        .cloned()
        .collect();
    if criteria.is_empty() {
        return;
    }
    widgets::section(ui, s::DECLARED);
    widgets::keys_hint(ui, s::DECLARED_HINT);
    for c in criteria {
        let label = format!("{} · {}", c.id, c.title);
        match &c.scoring {
            Scoring::Levels(levels) => {
                let current = app.declared(&c.id).map(str::to_string);
                let shown = current
                    .as_deref()
                    .and_then(|v| levels.iter().find(|l| l.id.as_str() == v))
                    .map_or_else(|| s::NOT_DECLARED.to_string(), |l| l.label.clone());
                let mut chosen = None;
                widgets::row(ui, &label, |ui, _| {
                    egui::ComboBox::from_id_salt((
                        "dichiarato",
                        app.protocol.as_str(),
                        c.id.as_str(),
                    ))
                    .selected_text(shown)
                    .width(420.0)
                    .truncate()
                    .show_ui(ui, |ui| {
                        for l in levels {
                            let on = current.as_deref() == Some(l.id.as_str());
                            if ui.selectable_label(on, &l.label).clicked() && !on {
                                chosen = Some(l.id.to_string());
                            }
                        }
                    })
                    .response
                    .accessible_name(s::app_field(&c.title, app.protocol.as_str()));
                });
                if let Some(value) = chosen {
                    let mut changed = app.clone();
                    changed.declared.retain(|d| d.criterion != c.id);
                    changed.declared.push(Declared {
                        criterion: c.id.clone(),
                        value,
                    });
                    desk.send(Command::PutApplication(Box::new(changed)));
                }
            }
            _ => {
                widgets::row(ui, &label, |ui, _| {
                    edit(
                        ui,
                        desk,
                        app,
                        AppField::Declared(c.id.clone()),
                        &s::app_field(&c.title, app.protocol.as_str()),
                        1,
                    );
                });
            }
        }
    }
}

fn removal_ui(ui: &mut Ui, state: &mut State, app: &Application, desk: &mut Desk) {
    ui.add_space(8.0);
    match &mut state.removing {
        Some((p, reason)) if p == &app.protocol => {
            widgets::note(ui, Tone::Warn, s::REMOVE_EXPLAIN);
            let mut go = false;
            let mut cancel = false;
            widgets::row(ui, s::REMOVE_REASON, |ui, id| {
                ui.add(egui::TextEdit::multiline(reason).desired_rows(2))
                    .labelled_by(id);
            });
            ui.horizontal_wrapped(|ui| {
                go = ui
                    .add_enabled(
                        !reason.trim().is_empty(),
                        egui::Button::new(s::REMOVE_CONFIRM),
                    )
                    .clicked();
                cancel = ui.button(s::FORM_CANCEL).clicked();
            });
            if go {
                desk.send(Command::Unregister {
                    application: app.protocol.clone(),
                    reason: reason.trim().to_string(),
                });
                state.removing = None;
            } else if cancel {
                state.removing = None;
            }
        }
        _ => {
            if ui.button(s::REMOVE_APPLICATION).clicked() {
                state.removing = Some((app.protocol.clone(), String::new()));
            }
        }
    }
}
