//! Registering an application by hand, as the secretariat does from a PEC: protocol, time of
//! receipt, lot, title, the applicant and the partners of an ATS; then, on the application's
//! page, correcting any of it (tax codes checked as they are typed), the figures declared for
//! tabular and linear criteria, and removing an application registered by mistake, with the
//! reason the next verbale reports.

use egui::{RichText, Ui};

use super::Desk;
use crate::app::drafts::{Commit, Field};
use crate::app::strings as s;
use crate::app::typed;
use crate::app::widgets::{self, DraftEdit, Tone};
use crate::domain::tax_code::check_tax_code;
use crate::domain::{
    Application, CriterionId, Declared, LegalForm, LotId, Measure, Money, Party, Protocol, Scoring,
    Workspace,
};
use crate::editor::Command;
use crate::italian;

/// The legal forms offered, in the order of the list.
const FORMS: [LegalForm; 11] = [
    LegalForm::SocialPromotionAssociation,
    LegalForm::VolunteerOrganisation,
    LegalForm::SocialCooperative,
    LegalForm::SocialEnterprise,
    LegalForm::Foundation,
    LegalForm::Association,
    LegalForm::ReligiousBody,
    LegalForm::Company,
    LegalForm::PublicBody,
    LegalForm::InformalGroup,
    LegalForm::Other(String::new()),
];

/// A party as typed in the registration form.
#[derive(Debug, Clone)]
pub struct PartyForm {
    pub name: String,
    pub tax_code: String,
    pub legal_form: LegalForm,
    pub pec: String,
    pub representative: String,
    pub address: String,
}

impl PartyForm {
    fn new() -> PartyForm {
        PartyForm {
            name: String::new(),
            tax_code: String::new(),
            legal_form: LegalForm::SocialPromotionAssociation,
            pec: String::new(),
            representative: String::new(),
            address: String::new(),
        }
    }

    fn party(&self) -> Party {
        Party {
            name: self.name.trim().to_string(),
            tax_code: tax_code_text(&self.tax_code),
            legal_form: self.legal_form.clone(),
            pec: self.pec.trim().to_string(),
            representative: self.representative.trim().to_string(),
            address: self.address.trim().to_string(),
        }
    }
}

/// A new application as typed.
#[derive(Debug, Clone)]
pub struct Form {
    pub protocol: String,
    pub received: String,
    pub lot: Option<LotId>,
    pub title: String,
    pub summary: String,
    pub applicant: PartyForm,
    pub partners: Vec<PartyForm>,
}

impl Form {
    pub fn new(ws: &Workspace) -> Form {
        Form {
            protocol: String::new(),
            received: String::new(),
            lot: ws.call().lots.first().map(|l| l.id.clone()),
            title: String::new(),
            summary: String::new(),
            applicant: PartyForm::new(),
            partners: Vec::new(),
        }
    }

    /// The application the form describes, or what is missing or wrong, in Italian.
    fn application(&self, ws: &Workspace) -> Result<Application, Vec<String>> {
        let mut errors = Vec::new();
        let protocol = match Protocol::new(self.protocol.trim()) {
            Ok(p) if ws.application(&p).is_some() || ws.removed().contains_key(&p) => {
                errors.push(s::protocol_taken(p.as_str()));
                None
            }
            Ok(p) => Some(p),
            Err(_) => {
                errors.push(s::PROTOCOL_NEEDED.into());
                None
            }
        };
        let received = typed::moment(&self.received)
            .map_err(|e| errors.push(s::received_error(&e)))
            .ok();
        if self.lot.is_none() {
            errors.push(s::LOT_NEEDED.into());
        }
        if self.title.trim().is_empty() {
            errors.push(s::TITLE_NEEDED.into());
        }
        if self.applicant.name.trim().is_empty() {
            errors.push(s::APPLICANT_NEEDED.into());
        }
        if self.partners.iter().any(|p| p.name.trim().is_empty()) {
            errors.push(s::PARTNER_NEEDS_NAME.into());
        }
        match (protocol, received, &self.lot, errors.is_empty()) {
            (Some(protocol), Some(received_at), Some(lot), true) => Ok(Application {
                protocol,
                received_at,
                lot: lot.clone(),
                title: self.title.trim().to_string(),
                summary: self.summary.trim().to_string(),
                applicant: self.applicant.party(),
                partners: self.partners.iter().map(PartyForm::party).collect(),
                budget: Vec::new(),
                cofinancing: Vec::new(),
                requested: Money::ZERO,
                documents: Vec::new(),
                declared: Vec::new(),
                decision: None,
                removed: None,
            }),
            _ => Err(errors),
        }
    }
}

/// A tax code as stored: no spaces, upper case, no "IT" before a VAT number.
fn tax_code_text(text: &str) -> String {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    match t.strip_prefix("IT") {
        Some(rest) if rest.len() == 11 && rest.chars().all(|c| c.is_ascii_digit()) => {
            rest.to_string()
        }
        _ => t,
    }
}

/// What a typed tax code's check says, if it fails (an informal group may have none).
fn tax_code_problem(text: &str, form: &LegalForm) -> Option<String> {
    let code = tax_code_text(text);
    if code.is_empty() && *form == LegalForm::InformalGroup {
        return None;
    }
    check_tax_code(&code)
        .err()
        .map(|e| s::tax_code_problem(&e.to_string()))
}

#[derive(Default)]
pub struct State {
    /// The registration form, while it is open.
    pub form: Option<Form>,
    /// The application being removed, with the reason typed.
    removing: Option<(Protocol, String)>,
}

/// The registration page: true while it stays open.
pub fn form_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) -> bool {
    let Some(form) = &mut state.form else {
        return false;
    };
    let mut open = true;
    ui.horizontal_wrapped(|ui| {
        ui.heading(s::REGISTER_TITLE);
    });
    widgets::keys_hint(ui, s::REGISTER_HINT);
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let line = |ui: &mut Ui, label: &str, text: &mut String, width: f32| {
                widgets::row(ui, label, |ui, id| {
                    ui.add(egui::TextEdit::singleline(text).desired_width(width))
                        .labelled_by(id);
                });
            };
            line(ui, s::PROTOCOL, &mut form.protocol, 200.0);
            line(ui, s::RECEIVED_AT, &mut form.received, 200.0);
            widgets::keys_hint(ui, s::RECEIVED_HINT);
            if let Ok(m) = typed::moment(&form.received)
                && m > desk.ws.call().deadline
            {
                widgets::note(
                    ui,
                    Tone::Warn,
                    s::received_late(&italian::moment_precise(desk.ws.call().deadline)),
                );
            }
            let call = desk.ws.call();
            let lot_name = form
                .lot
                .as_ref()
                .and_then(|l| call.lot(l))
                .map_or_else(String::new, |l| l.name.clone());
            widgets::row(ui, s::LOT, |ui, id| {
                egui::ComboBox::from_id_salt("lotto_nuova")
                    .selected_text(lot_name)
                    .width(420.0)
                    .truncate()
                    .show_ui(ui, |ui| {
                        for l in &call.lots {
                            ui.selectable_value(&mut form.lot, Some(l.id.clone()), &l.name);
                        }
                    })
                    .response
                    .labelled_by(id);
            });
            line(ui, s::APPLICATION_TITLE, &mut form.title, 520.0);
            widgets::row(ui, s::SUMMARY, |ui, id| {
                ui.add(
                    egui::TextEdit::multiline(&mut form.summary)
                        .desired_rows(2)
                        .desired_width(520.0),
                )
                .labelled_by(id);
            });
            widgets::section(ui, s::APPLICANT);
            party_form_ui(ui, &mut form.applicant, s::LEAD);
            let mut remove = None;
            for (i, p) in form.partners.iter_mut().enumerate() {
                widgets::section(ui, &s::partner_heading(i + 1));
                party_form_ui(ui, p, &s::partner_whose(i + 1));
                if ui.button(s::partner_remove(i + 1)).clicked() {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                form.partners.remove(i);
            }
            if ui.button(s::ADD_PARTNER).clicked() {
                form.partners.push(PartyForm::new());
            }
            ui.add_space(8.0);
            let app = form.application(desk.ws);
            if let Err(errors) = &app {
                for e in errors {
                    widgets::note(ui, Tone::Neutral, e.as_str());
                }
            }
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(
                        app.is_ok(),
                        egui::Button::new(RichText::new(s::REGISTER).strong()),
                    )
                    .clicked()
                    && let Ok(app) = app.clone()
                {
                    let protocol = app.protocol.clone();
                    desk.send(Command::PutApplication(Box::new(app)));
                    desk.goto(super::View::Candidature, Some(protocol));
                    open = false;
                }
                if ui.button(s::FORM_CANCEL).clicked() {
                    open = false;
                }
            });
            widgets::keys_hint(ui, s::REGISTER_AFTER);
        });
    if !open {
        state.form = None;
    }
    open
}

fn form_combo(ui: &mut Ui, form: &mut LegalForm, salt: &str, name: &str) -> bool {
    let mut changed = false;
    widgets::row(ui, s::PARTY_FORM, |ui, _| {
        egui::ComboBox::from_id_salt(("forma", salt))
            .selected_text(form_text(form))
            .width(320.0)
            .show_ui(ui, |ui| {
                for f in FORMS {
                    let same = std::mem::discriminant(&f) == std::mem::discriminant(form);
                    if ui.selectable_label(same, form_text(&f)).clicked() && !same {
                        *form = f;
                        changed = true;
                    }
                }
            })
            .response
            .accessible_name(name);
    });
    changed
}

fn form_text(form: &LegalForm) -> String {
    match form {
        LegalForm::Other(t) if t.is_empty() => s::OTHER_FORM.into(),
        f => italian::legal_form(f),
    }
}

fn party_form_ui(ui: &mut Ui, p: &mut PartyForm, whose: &str) {
    let line = |ui: &mut Ui, label: &str, text: &mut String, width: f32| {
        widgets::row(ui, label, |ui, _| {
            ui.add(egui::TextEdit::singleline(text).desired_width(width))
                .accessible_name(s::party_field(label, whose));
        });
    };
    line(ui, s::PARTY_NAME, &mut p.name, 520.0);
    line(ui, s::PARTY_TAX_CODE, &mut p.tax_code, 220.0);
    if !p.tax_code.trim().is_empty()
        && let Some(problem) = tax_code_problem(&p.tax_code, &p.legal_form)
    {
        widgets::note(ui, Tone::Bad, problem);
    }
    form_combo(
        ui,
        &mut p.legal_form,
        whose,
        &s::party_field(s::PARTY_FORM, whose),
    );
    if let LegalForm::Other(text) = &mut p.legal_form {
        line(ui, s::OTHER_FORM_TEXT, text, 320.0);
    }
    line(ui, s::PARTY_PEC, &mut p.pec, 320.0);
    line(ui, s::PARTY_REPRESENTATIVE, &mut p.representative, 320.0);
    line(ui, s::PARTY_ADDRESS, &mut p.address, 520.0);
}

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
