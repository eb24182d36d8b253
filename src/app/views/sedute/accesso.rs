//! Sedute → Accesso agli atti: the register of requests (L. 241/1990) with each one's 30-day
//! deadline, the counter-interested parties notified and their 10 days, the decision, the
//! releases; the forms that record them; and the secrets applicants declared. Releasing a
//! granted request writes its bundle and journals it (see `crate::access`).

use egui::{RichText, Ui};

use crate::domain::{
    AccessDecision, AccessId, AccessOutcome, AccessRequest, Counterpart, CriterionId, Date,
    Protocol, Secret,
};
use crate::editor::{AccessChange, Command};
use crate::italian;

use crate::app::strings as s;
use crate::app::views::{Action, Desk};
use crate::app::widgets::{self, Tone};

pub struct State {
    selected: Option<AccessId>,
    // A new request.
    received_on: String,
    requester: String,
    application: Option<Protocol>,
    object: String,
    // A notice.
    notify: Option<Protocol>,
    notified_on: String,
    opposition: String,
    // The decision.
    outcome: AccessOutcome,
    decided_on: String,
    reason: String,
    // A secret.
    secret_application: Option<Protocol>,
    part: String,
    criteria: Vec<CriterionId>,
    secret_reason: String,
}

impl Default for State {
    fn default() -> State {
        let today = italian::date(crate::editor::now().date());
        State {
            selected: None,
            received_on: today.clone(),
            requester: String::new(),
            application: None,
            object: s::ACCESS_OBJECT_DEFAULT.into(),
            notify: None,
            notified_on: today.clone(),
            opposition: String::new(),
            outcome: AccessOutcome::Granted,
            decided_on: today,
            reason: String::new(),
            secret_application: None,
            part: String::new(),
            criteria: Vec::new(),
            secret_reason: String::new(),
        }
    }
}

fn typed_date(desk: &mut Desk, text: &str) -> Option<Date> {
    match italian::parse_typed_date(text) {
        Ok(d) => Some(d),
        Err(e) => {
            desk.out.push(Action::Notice(e));
            None
        }
    }
}

fn app_label(desk: &Desk, p: &Protocol) -> String {
    format!("{p} · {}", desk.applicant(p))
}

/// The two tabs over Sedute: the sessions and their verbali, or access to the records.
/// Returns whether access is chosen.
pub fn tabs(ui: &mut Ui, access: &mut bool) -> bool {
    ui.horizontal(|ui| {
        ui.selectable_value(access, false, s::TAB_MINUTES_SESSIONS);
        ui.selectable_value(access, true, s::TAB_ACCESS);
    });
    *access
}

pub fn accesso_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(s::ACCESS_TITLE);
            widgets::keys_hint(ui, s::ACCESS_HINT);
            // Acts no sealed verbale reports yet: the next session's verbale will.
            let unsealed = crate::record::unsealed_access_acts(desk.ws);
            if unsealed > 0 {
                widgets::note(ui, Tone::Info, italian::unsealed_access_acts(unsealed));
            }
            register_ui(ui, state, desk);
            if !desk.can_edit_records() {
                widgets::note(ui, Tone::Info, s::ACCESS_READ_ONLY);
                return;
            }
            new_request_ui(ui, state, desk);
            if let Some(id) = state.selected.clone()
                && let Some(request) = desk.ws.access().request(&id).cloned()
            {
                request_ui(ui, state, desk, &request);
            }
            secrets_ui(ui, state, desk);
            ui.add_space(16.0);
        });
}

fn state_text(r: &AccessRequest, today: Date) -> String {
    match &r.decision {
        Some(d) => format!(
            "{} il {}",
            italian::access_outcome(d.outcome),
            italian::date(d.on)
        ),
        None if today > r.deadline() => s::access_deadline_past(&italian::date(r.deadline())),
        None => "da decidere".into(),
    }
}

fn register_ui(ui: &mut Ui, state: &mut State, desk: &Desk) {
    let requests = &desk.ws.access().requests;
    if requests.is_empty() {
        ui.weak(s::ACCESS_NONE);
        return;
    }
    let today = crate::editor::now().date();
    for r in requests {
        let text = s::access_row(
            r.id.as_str(),
            &italian::date(r.received_on),
            &r.requester,
            &italian::date(r.deadline()),
            &state_text(r, today),
        );
        if ui
            .selectable_label(state.selected.as_ref() == Some(&r.id), text)
            .clicked()
        {
            state.selected = Some(r.id.clone());
        }
    }
}

fn applications(desk: &Desk) -> Vec<Protocol> {
    desk.ws.applications().keys().cloned().collect()
}

fn new_request_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    widgets::section(ui, s::ACCESS_NEW);
    widgets::field(
        ui,
        s::ACCESS_RECEIVED_ON,
        &mut state.received_on,
        1,
        "20/04/2026",
    );
    widgets::field(ui, s::ACCESS_REQUESTER, &mut state.requester, 1, "");
    let apps = applications(desk);
    let shown = state.application.as_ref().map_or_else(
        || s::ACCESS_NO_APPLICATION.to_string(),
        |p| app_label(desk, p),
    );
    ui.horizontal_wrapped(|ui| {
        widgets::combo(ui, s::ACCESS_OWN_APPLICATION, shown, 420.0, |ui| {
            ui.selectable_value(&mut state.application, None, s::ACCESS_NO_APPLICATION);
            for p in &apps {
                ui.selectable_value(&mut state.application, Some(p.clone()), app_label(desk, p));
            }
        });
    });
    widgets::field(ui, s::ACCESS_OBJECT, &mut state.object, 2, "");
    if ui.button(s::ACCESS_REGISTER).clicked()
        && let Some(received_on) = typed_date(desk, &state.received_on)
    {
        let id = desk.ws.access().next_id();
        desk.send(Command::Access(AccessChange::Request(Box::new(
            AccessRequest {
                id: id.clone(),
                received_on,
                requester: state.requester.trim().to_string(),
                application: state.application.clone(),
                object: state.object.trim().to_string(),
                counterparts: Vec::new(),
                decision: None,
                releases: Vec::new(),
                recorded: None,
            },
        ))));
        state.selected = Some(id);
    }
}

fn request_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, r: &AccessRequest) {
    ui.separator();
    ui.label(
        RichText::new(format!(
            "{} {} · {}",
            s::ACCESS_REQUEST_PICK,
            r.id,
            r.requester
        ))
        .strong(),
    );
    ui.add(egui::Label::new(format!("{}: {}", s::ACCESS_OBJECT, r.object)).wrap());
    counterparts_ui(ui, state, desk, r);
    access_decision_ui(ui, state, desk, r);
    release_ui(ui, desk, r);
}

/// The counter-interested parties notified, and the form to notify another.
fn counterparts_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, r: &AccessRequest) {
    widgets::section(ui, s::ACCESS_COUNTERPARTS);
    for c in &r.counterparts {
        let mut text = s::access_counterpart(
            c.application.as_str(),
            &italian::date(c.notified_on),
            &italian::date(c.deadline()),
        );
        if !c.opposition.is_empty() {
            text.push_str(&format!(" · {}", c.opposition));
        }
        ui.label(text);
    }
    let others: Vec<Protocol> = applications(desk)
        .into_iter()
        .filter(|p| r.application.as_ref() != Some(p))
        .collect();
    if state.notify.as_ref().is_none_or(|p| !others.contains(p)) {
        state.notify = others.first().cloned();
    }
    let shown = state
        .notify
        .as_ref()
        .map_or_else(String::new, |p| app_label(desk, p));
    ui.horizontal_wrapped(|ui| {
        widgets::combo(ui, s::ACCESS_NOTIFY_APPLICATION, shown, 420.0, |ui| {
            for p in &others {
                ui.selectable_value(&mut state.notify, Some(p.clone()), app_label(desk, p));
            }
        });
    });
    widgets::field(ui, s::ACCESS_NOTIFIED_ON, &mut state.notified_on, 1, "");
    widgets::field(ui, s::ACCESS_OPPOSITION, &mut state.opposition, 2, "");
    if ui.button(s::ACCESS_NOTIFY).clicked()
        && let Some(application) = state.notify.clone()
        && let Some(notified_on) = typed_date(desk, &state.notified_on)
    {
        desk.send(Command::Access(AccessChange::Notify {
            request: r.id.clone(),
            counterpart: Counterpart {
                application,
                notified_on,
                opposition: state.opposition.trim().to_string(),
                recorded: None,
            },
        }));
    }
}

/// The decision on the request: the one recorded, and the form to record it.
fn access_decision_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, r: &AccessRequest) {
    widgets::section(ui, s::ACCESS_DECISION);
    if let Some(d) = &r.decision {
        ui.label(format!(
            "{} il {}{}",
            italian::capitalized(italian::access_outcome(d.outcome)),
            italian::date(d.on),
            if d.reason.is_empty() {
                String::new()
            } else {
                format!(": {}", d.reason)
            }
        ));
    }
    ui.horizontal_wrapped(|ui| {
        widgets::combo(
            ui,
            s::ACCESS_OUTCOME,
            italian::access_outcome(state.outcome),
            200.0,
            |ui| {
                for o in AccessOutcome::ALL {
                    ui.selectable_value(&mut state.outcome, o, italian::access_outcome(o));
                }
            },
        );
    });
    widgets::field(ui, s::ACCESS_DECIDED_ON, &mut state.decided_on, 1, "");
    widgets::field(ui, s::ACCESS_DECISION_REASON, &mut state.reason, 2, "");
    if ui.button(s::ACCESS_DECIDE).clicked()
        && let Some(on) = typed_date(desk, &state.decided_on)
    {
        desk.send(Command::Access(AccessChange::Decide {
            request: r.id.clone(),
            decision: AccessDecision {
                outcome: state.outcome,
                on,
                reason: state.reason.trim().to_string(),
                recorded: None,
            },
        }));
    }
}

/// The bundles released, and *Rilascia* once access is granted.
fn release_ui(ui: &mut Ui, desk: &mut Desk, r: &AccessRequest) {
    for rel in &r.releases {
        ui.label(s::access_released(
            &italian::moment(rel.at),
            &rel.folder,
            rel.files.len(),
        ));
    }
    let granted = r.decision.as_ref().is_some_and(|d| d.outcome.grants());
    if ui
        .add_enabled(granted, egui::Button::new(s::ACCESS_RELEASE))
        .on_hover_text(s::ACCESS_RELEASE_HINT)
        .clicked()
    {
        desk.out.push(Action::ReleaseAccess(r.id.clone()));
    }
}

fn secrets_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    ui.separator();
    widgets::section(ui, s::ACCESS_SECRETS);
    for secret in &desk.ws.access().secrets {
        let criteria: Vec<&str> = secret.criteria.iter().map(|c| c.as_str()).collect();
        ui.add(
            egui::Label::new(format!(
                "{}: {} (criteri {})",
                secret.application,
                secret.part,
                criteria.join(", ")
            ))
            .wrap(),
        );
    }
    let apps = applications(desk);
    if state.secret_application.is_none() {
        state.secret_application = apps.first().cloned();
    }
    let shown = state
        .secret_application
        .as_ref()
        .map_or_else(String::new, |p| app_label(desk, p));
    ui.horizontal_wrapped(|ui| {
        widgets::combo(ui, s::ACCESS_SECRET_APPLICATION, shown, 420.0, |ui| {
            for p in &apps {
                ui.selectable_value(
                    &mut state.secret_application,
                    Some(p.clone()),
                    app_label(desk, p),
                );
            }
        });
    });
    widgets::field(ui, s::ACCESS_SECRET_PART, &mut state.part, 1, "");
    ui.label(s::ACCESS_SECRET_CRITERIA);
    ui.horizontal_wrapped(|ui| {
        for c in desk.ws.call().leaf_criteria() {
            let mut on = state.criteria.contains(&c.id);
            if ui
                .checkbox(&mut on, format!("{} · {}", c.id, c.title))
                .changed()
            {
                if on {
                    state.criteria.push(c.id.clone());
                } else {
                    state.criteria.retain(|k| k != &c.id);
                }
            }
        }
    });
    widgets::field(ui, s::ACCESS_SECRET_REASON, &mut state.secret_reason, 2, "");
    if ui.button(s::ACCESS_SECRET_RECORD).clicked()
        && let Some(application) = state.secret_application.clone()
    {
        desk.send(Command::Access(AccessChange::Secret(Secret {
            application,
            part: state.part.trim().to_string(),
            criteria: state.criteria.clone(),
            reason: state.secret_reason.trim().to_string(),
        })));
    }
}
