//! The commission: its members with title, name, role and qualification, the act that
//! appointed it; a member replaced (by whom, by which act, from when); substitutes appointed for
//! the applications the call's minimum of scoring members cannot otherwise reach.

use egui::{RichText, Ui};

use super::campi::{CallText, MemberText, SetupField};
use super::field::{self, Typed};
use crate::app::strings as s;
use crate::app::typed;
use crate::app::views::Desk;
use crate::app::widgets::{self, Tone};
use crate::domain::advice::Spot;
use crate::domain::{Commission, Member, MemberId, Protocol, Replacement, Role, Substitution};
use crate::italian;

/// A member being added, or taking someone's place.
#[derive(Debug, Clone)]
pub struct MemberForm {
    pub title: String,
    pub name: String,
    pub role: Role,
    pub qualification: String,
    pub substitute: bool,
    /// The act appointing a substitute, or the one disposing a replacement.
    pub act: String,
    /// The date of a replacement.
    pub date: String,
    pub applications: Vec<Protocol>,
}

impl MemberForm {
    fn new(role: Role) -> MemberForm {
        MemberForm {
            title: String::new(),
            name: String::new(),
            role,
            qualification: String::new(),
            substitute: false,
            act: String::new(),
            date: String::new(),
            applications: Vec::new(),
        }
    }

    fn member(&self, commission: &Commission) -> Option<Member> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let id = typed::unique(&typed::slug(name, true), |x| {
            commission.members.iter().any(|m| m.id.as_str() == x)
        });
        Some(Member {
            id: MemberId::new(id).ok()?,
            name: typed::join_title(&self.title, name),
            role: self.role,
            qualification: self.qualification.trim().to_string(),
            replaced: None,
            substitute: self.substitute.then(|| Substitution {
                act: self.act.trim().to_string(),
                applications: self.applications.clone(),
            }),
        })
    }
}

#[derive(Default)]
pub struct State {
    pub adding: Option<MemberForm>,
    pub replacing: Option<(MemberId, MemberForm)>,
}

pub(super) fn commissione_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::CALL_COMMISSION);
    field::text_row(ui, desk, SetupField::Appointment, s::APPOINTED_BY);
    field::row(
        ui,
        desk,
        SetupField::Call(CallText::MinScoring),
        s::MIN_SCORING,
        60.0,
    );
    widgets::keys_hint(ui, s::MIN_SCORING_HINT);
    field::advice_ui(ui, typed, &Spot::Commission);
    thin_panels_ui(ui, state, desk);

    let members = desk.ws.commission().members.clone();
    for m in &members {
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            member_ui(ui, state, desk, typed, m);
        });
    }
    ui.add_space(6.0);
    if let Some((id, form)) = &mut state.replacing {
        let id = id.clone();
        let mut done = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(s::replacing_title(&desk.member_name(&id))).strong());
            done = replace_form_ui(ui, desk, &id, form);
        });
        if done {
            state.replacing = None;
        }
    }
    match &mut state.adding {
        None => {
            ui.horizontal_wrapped(|ui| {
                if ui.button(s::ADD_MEMBER).clicked() {
                    let role = if desk.ws.commission().president().is_none() {
                        Role::President
                    } else {
                        Role::Commissioner
                    };
                    state.adding = Some(MemberForm::new(role));
                }
                if ui.button(s::ADD_SUBSTITUTE).clicked() {
                    let mut form = MemberForm::new(Role::Commissioner);
                    form.substitute = true;
                    state.adding = Some(form);
                }
            });
        }
        Some(form) => {
            let mut close = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                close = add_form_ui(ui, desk, form);
            });
            if close {
                state.adding = None;
            }
        }
    }
}

/// The applications fewer members can score than the call requires, with the offer of a
/// substitute for them.
fn thin_panels_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let thin = &desk.eval.diagnostics.thin_panels;
    if thin.is_empty() {
        return;
    }
    let required = thin[0].required;
    let list: Vec<String> = thin
        .iter()
        .map(|t| s::thin_item(t.application.as_str(), t.scorers))
        .collect();
    widgets::note(ui, Tone::Warn, s::thin_panels(required, &list.join(", ")));
    if state.adding.is_none() && ui.button(s::APPOINT_SUBSTITUTE_FOR_THEM).clicked() {
        let mut form = MemberForm::new(Role::Commissioner);
        form.substitute = true;
        form.applications = thin.iter().map(|t| t.application.clone()).collect();
        state.adding = Some(form);
    }
}

fn role_text(role: Role) -> &'static str {
    italian::role(role)
}

fn member_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, typed: &Typed, m: &Member) {
    let id = m.id.as_str();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&m.name).strong());
        ui.weak(s::member_id(id));
        if m.substitute.is_some() {
            widgets::badge(ui, s::SUBSTITUTE, Tone::Info);
        }
        if m.replaced.is_some() {
            widgets::badge(ui, s::REPLACED, Tone::Neutral);
        }
    });
    person_ui(ui, desk, m);
    if m.replaced.is_some() {
        replaced_ui(ui, desk, m);
    }
    if m.substitute.is_some() {
        substitute_ui(ui, desk, m);
    }
    field::advice_ui(ui, typed, &Spot::Member(m.id.clone()));
    member_buttons_ui(ui, state, desk, m);
}

/// A member's field, as the window names it.
fn member_field(m: &Member, text: MemberText) -> SetupField {
    SetupField::Member(m.id.clone(), text)
}

/// A row of a member's field: its label, and the field named after the member.
fn member_row(ui: &mut Ui, desk: &mut Desk, m: &Member, text: MemberText, label: &str, width: f32) {
    let name = s::member_field(label, m.id.as_str());
    field::row_named(ui, desk, member_field(m, text), label, &name, width);
}

/// Title, name, role and qualification.
fn person_ui(ui: &mut Ui, desk: &mut Desk, m: &Member) {
    let id = m.id.as_str();
    let name = |what: &str| s::member_field(what, id);
    ui.horizontal_wrapped(|ui| {
        ui.label(s::MEMBER_TITLE);
        let title = member_field(m, MemberText::Title);
        field::inline(ui, desk, title, &name(s::MEMBER_TITLE), 80.0);
        ui.label(s::MEMBER_NAME);
        let full_name = member_field(m, MemberText::Name);
        field::inline(ui, desk, full_name, &name(s::MEMBER_NAME), 280.0);
        let mut role = m.role;
        ui.label(s::MEMBER_ROLE);
        egui::ComboBox::from_id_salt(("ruolo", id))
            .selected_text(role_text(role))
            .width(200.0)
            .show_ui(ui, |ui| {
                for r in [Role::President, Role::Commissioner, Role::Secretary] {
                    ui.selectable_value(&mut role, r, role_text(r));
                }
            })
            .response
            .accessible_name(name(s::MEMBER_ROLE));
        if role != m.role {
            let member = m.id.clone();
            field::put_commission(desk, |c| {
                if let Some(x) = c.members.iter_mut().find(|x| x.id == member) {
                    x.role = role;
                }
            });
        }
    });
    member_row(
        ui,
        desk,
        m,
        MemberText::Qualification,
        s::MEMBER_QUALIFICATION,
        520.0,
    );
}

/// A member replaced: by whom, by which act and from when.
fn replaced_ui(ui: &mut Ui, desk: &mut Desk, m: &Member) {
    let Some(r) = &m.replaced else { return };
    widgets::note(
        ui,
        Tone::Neutral,
        s::replaced_by(&desk.member_name(&r.by), &italian::date(r.on), &r.act),
    );
    member_row(
        ui,
        desk,
        m,
        MemberText::ReplacementAct,
        s::REPLACEMENT_ACT,
        520.0,
    );
    member_row(
        ui,
        desk,
        m,
        MemberText::ReplacementDate,
        s::REPLACEMENT_DATE,
        140.0,
    );
}

/// A substitute: the act that appoints them and the applications they are appointed for.
fn substitute_ui(ui: &mut Ui, desk: &mut Desk, m: &Member) {
    let Some(sub) = &m.substitute else { return };
    let id = m.id.as_str();
    member_row(
        ui,
        desk,
        m,
        MemberText::SubstituteAct,
        s::SUBSTITUTE_ACT,
        520.0,
    );
    ui.label(s::SUBSTITUTE_FOR);
    let mut chosen = sub.applications.clone();
    if applications_ui(ui, desk, &mut chosen, id) {
        let member = m.id.clone();
        field::put_commission(desk, |c| {
            if let Some(x) = c.members.iter_mut().find(|x| x.id == member)
                && let Some(s) = &mut x.substitute
            {
                s.applications = chosen;
            }
        });
    }
}

/// *Sostituisci* and *Rimuovi*: a member the records refer to (marks, declarations, a
/// session, a replacement) is not removed.
fn member_buttons_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, m: &Member) {
    let name = |what: &str| s::member_field(what, m.id.as_str());
    ui.horizontal_wrapped(|ui| {
        if m.replaced.is_none()
            && m.substitute.is_none()
            && state.replacing.is_none()
            && field::small(ui, true, s::REPLACE_MEMBER, &name(s::REPLACE_MEMBER))
        {
            state.replacing = Some((m.id.clone(), MemberForm::new(m.role)));
        }
        let referred = referred(desk, &m.id);
        if field::small(ui, !referred, s::REMOVE_MEMBER, &name(s::REMOVE_MEMBER)) {
            let member = m.id.clone();
            field::put_commission(desk, |c| c.members.retain(|x| x.id != member));
        }
        if referred {
            ui.weak(s::MEMBER_IN_RECORDS);
        }
    });
}

/// Whether the records refer to a member: marks or declarations, a session they sat in, a
/// member they replaced.
fn referred(desk: &Desk, member: &MemberId) -> bool {
    desk.ws
        .sheet(member)
        .is_some_and(|sh| !sh.scores.is_empty() || !sh.declarations.is_empty())
        || desk
            .ws
            .sessions()
            .values()
            .any(|s| s.present.contains(member))
        || desk
            .ws
            .commission()
            .members
            .iter()
            .any(|x| x.replaced.as_ref().is_some_and(|r| &r.by == member))
}

/// Check boxes of the applications a substitute is appointed for; true when one changed.
fn applications_ui(ui: &mut Ui, desk: &Desk, chosen: &mut Vec<Protocol>, who: &str) -> bool {
    let mut changed = false;
    if desk.ws.applications().is_empty() {
        ui.weak(s::NO_APPLICATIONS_YET);
    }
    ui.horizontal_wrapped(|ui| {
        for (p, a) in desk.ws.applications() {
            let mut on = chosen.contains(p);
            let text = format!("{p} · {}", a.applicant.name);
            if ui
                .checkbox(&mut on, text)
                .accessible_name(s::substitute_for_field(p.as_str(), who))
                .changed()
            {
                changed = true;
                chosen.retain(|x| x != p);
                if on {
                    chosen.push(p.clone());
                    chosen.sort();
                }
            }
        }
    });
    changed
}

/// The text fields of a member form, named «… del nuovo componente».
fn person_fields(ui: &mut Ui, form: &mut MemberForm, whose: &str) {
    let line = |ui: &mut Ui, label: &str, text: &mut String, width: f32| {
        widgets::row(ui, label, |ui, _| {
            ui.add(egui::TextEdit::singleline(text).desired_width(width))
                .accessible_name(s::form_field(label, whose));
        });
    };
    line(ui, s::MEMBER_TITLE, &mut form.title, 100.0);
    widgets::keys_hint(ui, s::MEMBER_TITLE_HINT);
    line(ui, s::MEMBER_NAME, &mut form.name, 320.0);
    line(ui, s::MEMBER_QUALIFICATION, &mut form.qualification, 520.0);
}

fn add_form_ui(ui: &mut Ui, desk: &mut Desk, form: &mut MemberForm) -> bool {
    let whose = s::NEW_MEMBER;
    ui.label(
        RichText::new(if form.substitute {
            s::NEW_SUBSTITUTE_TITLE
        } else {
            s::NEW_MEMBER_TITLE
        })
        .strong(),
    );
    person_fields(ui, form, whose);
    if !form.substitute {
        widgets::row(ui, s::MEMBER_ROLE, |ui, _| {
            egui::ComboBox::from_id_salt("ruolo_nuovo")
                .selected_text(role_text(form.role))
                .width(220.0)
                .show_ui(ui, |ui| {
                    for r in [Role::President, Role::Commissioner, Role::Secretary] {
                        ui.selectable_value(&mut form.role, r, role_text(r));
                    }
                })
                .response
                .accessible_name(s::form_field(s::MEMBER_ROLE, whose));
        });
    } else {
        widgets::row(ui, s::SUBSTITUTE_ACT, |ui, _| {
            ui.add(egui::TextEdit::singleline(&mut form.act).desired_width(520.0))
                .accessible_name(s::form_field(s::SUBSTITUTE_ACT, whose));
        });
        ui.label(s::SUBSTITUTE_FOR);
        applications_ui(ui, desk, &mut form.applications, whose);
    }
    let member = form.member(desk.ws.commission());
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        let label = if form.substitute {
            s::CONFIRM_ADD_SUBSTITUTE
        } else {
            s::CONFIRM_ADD_MEMBER
        };
        if ui
            .add_enabled(member.is_some(), egui::Button::new(label))
            .clicked()
            && let Some(m) = member.clone()
        {
            field::put_commission(desk, |c| c.members.push(m));
            close = true;
        }
        if ui.button(s::FORM_CANCEL).clicked() {
            close = true;
        }
        if member.is_none() {
            widgets::note(ui, Tone::Neutral, s::MEMBER_NEEDS_NAME);
        }
    });
    close
}

fn replace_form_ui(ui: &mut Ui, desk: &mut Desk, old: &MemberId, form: &mut MemberForm) -> bool {
    let whose = s::NEW_MEMBER;
    person_fields(ui, form, whose);
    widgets::row(ui, s::REPLACEMENT_ACT, |ui, _| {
        ui.add(egui::TextEdit::singleline(&mut form.act).desired_width(520.0))
            .accessible_name(s::form_field(s::REPLACEMENT_ACT, whose));
    });
    widgets::row(ui, s::REPLACEMENT_DATE, |ui, _| {
        ui.add(egui::TextEdit::singleline(&mut form.date).desired_width(140.0))
            .accessible_name(s::form_field(s::REPLACEMENT_DATE, whose));
    });
    let date = typed::date(&form.date);
    if !form.date.trim().is_empty()
        && let Err(why) = &date
    {
        widgets::note(ui, Tone::Bad, why.as_str());
    }
    let member = form.member(desk.ws.commission());
    let ready = member.is_some() && !form.act.trim().is_empty() && date.is_ok();
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(ready, egui::Button::new(s::CONFIRM_REPLACEMENT))
            .clicked()
            && let (Some(new), Ok(on)) = (member.clone(), date.clone())
        {
            let act = form.act.trim().to_string();
            let old = old.clone();
            field::put_commission(desk, |c| {
                let by = new.id.clone();
                if let Some(x) = c.members.iter_mut().find(|x| x.id == old) {
                    x.replaced = Some(Replacement { by, act, on });
                }
                c.members.push(new);
            });
            close = true;
        }
        if ui.button(s::FORM_CANCEL).clicked() {
            close = true;
        }
        if !ready {
            widgets::note(ui, Tone::Neutral, s::REPLACEMENT_NEEDS);
        }
    });
    close
}
