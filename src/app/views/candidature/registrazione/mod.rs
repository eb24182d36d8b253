//! Registering an application by hand, as the secretariat does from a PEC: protocol, time of
//! receipt, lot, title, the applicant and the partners of an ATS; then, on the application's
//! page, correcting any of it (tax codes checked as they are typed), the figures declared for
//! tabular and linear criteria, and removing an application registered by mistake, with the
//! reason the next verbale reports.

mod dati;

pub use dati::{AppField, commit, dati_ui};

use egui::{RichText, Ui};

use crate::app::strings as s;
use crate::app::typed;
use crate::app::views::Desk;
use crate::app::widgets::{self, Tone};
use crate::domain::tax_code::check_tax_code;
use crate::domain::{Application, LegalForm, LotId, Money, Party, Protocol, Workspace};
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
    pub(super) fn new() -> PartyForm {
        PartyForm {
            name: String::new(),
            tax_code: String::new(),
            legal_form: LegalForm::SocialPromotionAssociation,
            pec: String::new(),
            representative: String::new(),
            address: String::new(),
        }
    }

    pub(super) fn party(&self) -> Party {
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
        // Two spellings of one number ("2026/7", "2026-7") are one protocol.
        let taken = |p: &Protocol| {
            ws.applications()
                .keys()
                .chain(ws.removed().keys())
                .find(|x| x.same_number(p))
                .cloned()
        };
        let protocol = match Protocol::new(self.protocol.trim()) {
            Ok(p) => match taken(&p) {
                Some(existing) => {
                    errors.push(s::protocol_taken(p.as_str(), existing.as_str()));
                    None
                }
                None => Some(p),
            },
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
pub(super) fn tax_code_text(text: &str) -> String {
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
pub(super) fn tax_code_problem(text: &str, form: &LegalForm) -> Option<String> {
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
    pub(super) removing: Option<(Protocol, String)>,
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
            data_ui(ui, form, desk);
            widgets::section(ui, s::APPLICANT);
            party_form_ui(ui, &mut form.applicant, s::LEAD);
            partners_ui(ui, &mut form.partners);
            ui.add_space(8.0);
            open = register_ui(ui, form, desk);
            widgets::keys_hint(ui, s::REGISTER_AFTER);
        });
    if !open {
        state.form = None;
    }
    open
}

/// A line of the form: its label, and a field of `width`.
fn line(ui: &mut Ui, label: &str, text: &mut String, width: f32) {
    widgets::row(ui, label, |ui, id| {
        ui.add(egui::TextEdit::singleline(text).desired_width(width))
            .labelled_by(id);
    });
}

/// Protocol, when it came (a note when after the deadline), lot, title and summary.
fn data_ui(ui: &mut Ui, form: &mut Form, desk: &Desk) {
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
}

/// The partners of an ATS, each removed apart; one more added.
fn partners_ui(ui: &mut Ui, partners: &mut Vec<PartyForm>) {
    let mut remove = None;
    for (i, p) in partners.iter_mut().enumerate() {
        widgets::section(ui, &s::partner_heading(i + 1));
        party_form_ui(ui, p, &s::partner_whose(i + 1));
        if ui.button(s::partner_remove(i + 1)).clicked() {
            remove = Some(i);
        }
    }
    if let Some(i) = remove {
        partners.remove(i);
    }
    if ui.button(s::ADD_PARTNER).clicked() {
        partners.push(PartyForm::new());
    }
}

/// What keeps the form from making an application, and *Registra* and *Annulla*; false once
/// either closed the form.
fn register_ui(ui: &mut Ui, form: &Form, desk: &mut Desk) -> bool {
    let mut open = true;
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
            desk.goto(crate::app::views::View::Candidature, Some(protocol));
            open = false;
        }
        if ui.button(s::FORM_CANCEL).clicked() {
            open = false;
        }
    });
    open
}

pub(super) fn form_combo(ui: &mut Ui, form: &mut LegalForm, salt: &str, name: &str) -> bool {
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
