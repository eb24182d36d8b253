//! Valutazione → Giudizio collegiale: the consensus step. Per application and criterion, the
//! members' marks and reasons side by side; the collegial motivazione and the dissents. The
//! secretariat records it in the open session, whose verbale reports it; the members' marks
//! stay the basis of the points, unless the call says the commission gives one collegial mark:
//! the form then takes it beside the motivazione, and it counts.

use std::collections::BTreeMap;

use egui::{RichText, ScrollArea, Ui};

use crate::domain::{
    Collegial, CriterionId, Dissent, MemberId, Points, Protocol, Scoring, Session,
};
use crate::editor::Command;
use crate::italian;

use crate::app::strings as s;
use crate::app::views::Desk;
use crate::app::widgets::{self, Tone};

#[derive(Default)]
pub struct State {
    application: Option<Protocol>,
    criterion: Option<CriterionId>,
    /// The pair the form was filled for: choosing another fills it again.
    loaded: Option<(Protocol, CriterionId, u64)>,
    reason: String,
    /// The collegial mark chosen (a coefficient of the scale), where the call has one.
    value: Option<Points>,
    /// The collegial points typed, for a criterion in points.
    points: String,
    /// Per voting member: whether they dissent, and their words.
    dissents: BTreeMap<MemberId, (bool, String)>,
}

pub fn collegiale_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    ui.heading(s::COLLEGIAL_TITLE);
    widgets::keys_hint(ui, s::COLLEGIAL_HINT);
    let call = desk.ws.call();
    let counts = if call.collegial_mark {
        s::COLLEGIAL_MARK_COUNTS
    } else {
        s::COLLEGIAL_MARKS_COUNT
    };
    widgets::note(ui, Tone::Info, counts);
    let apps: Vec<Protocol> = desk
        .eval
        .applications
        .values()
        .filter(|r| r.admission.admitted())
        .map(|r| r.protocol.clone())
        .collect();
    let criteria: Vec<CriterionId> = call
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .map(|c| c.id.clone())
        .collect();
    if apps.is_empty() {
        widgets::empty(ui, s::NO_ADMITTED);
        return;
    }
    if criteria.is_empty() {
        widgets::empty(ui, s::NO_DISCRETIONARY);
        return;
    }
    if state.application.as_ref().is_none_or(|p| !apps.contains(p)) {
        state.application = apps.first().cloned();
    }
    if state
        .criterion
        .as_ref()
        .is_none_or(|c| !criteria.contains(c))
    {
        state.criterion = criteria.first().cloned();
    }
    let (Some(app), Some(criterion)) = (state.application.clone(), state.criterion.clone()) else {
        return;
    };
    let listed = Listed {
        apps: &apps,
        criteria: &criteria,
    };
    pickers_ui(ui, state, desk, &listed, (&app, &criterion));
    if call.collegial_mark {
        missing_ui(ui, desk, &app, &criteria);
    }
    ui.separator();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            marks_ui(ui, desk, &app, &criterion);
            ui.add_space(8.0);
            recorded_ui(ui, desk, &app, &criterion);
            ui.add_space(8.0);
            form_ui(ui, state, desk, &app, &criterion);
            ui.add_space(16.0);
        });
}

/// What the step can be taken on: the admitted applications and the discretionary criteria.
struct Listed<'a> {
    apps: &'a [Protocol],
    criteria: &'a [CriterionId],
}

/// The application and the criterion the step is on (`shown`), chosen from their lists.
fn pickers_ui(
    ui: &mut Ui,
    state: &mut State,
    desk: &Desk,
    listed: &Listed,
    shown: (&Protocol, &CriterionId),
) {
    let (app, criterion) = shown;
    let call = desk.ws.call();
    ui.horizontal_wrapped(|ui| {
        widgets::combo(
            ui,
            s::COLLEGIAL_APPLICATION,
            format!("{app} · {}", desk.applicant(app)),
            360.0,
            |ui| {
                for p in listed.apps {
                    ui.selectable_value(
                        &mut state.application,
                        Some(p.clone()),
                        format!("{p} · {}", desk.applicant(p)),
                    );
                }
            },
        );
        let title = |c: &CriterionId| {
            call.criterion(c)
                .map_or_else(|| c.to_string(), |k| format!("{c} · {}", k.title))
        };
        widgets::combo(ui, s::COLLEGIAL_CRITERION, title(criterion), 360.0, |ui| {
            for c in listed.criteria {
                ui.selectable_value(&mut state.criterion, Some(c.clone()), title(c));
            }
        });
    });
}

/// Where the commission gives one collegial mark: the criteria of this application still
/// without it (it is not ranked until they have one).
fn missing_ui(ui: &mut Ui, desk: &Desk, app: &Protocol, criteria: &[CriterionId]) {
    let missing: Vec<String> = criteria
        .iter()
        .filter(|c| {
            desk.ws
                .collegial(app, c)
                .is_none_or(|(_, j)| j.value.is_none())
        })
        .map(ToString::to_string)
        .collect();
    if !missing.is_empty() {
        widgets::note(
            ui,
            Tone::Warn,
            s::collegial_marks_missing(&missing.join(", ")),
        );
    }
}

fn mark_text(desk: &Desk, criterion: &CriterionId, value: Points) -> String {
    let call = desk.ws.call();
    match call.criterion(criterion).map(|c| &c.scoring) {
        Some(Scoring::Coefficient) => crate::domain::Coefficient::new(value.value())
            .and_then(|k| call.judgement_for(k))
            .map_or_else(
                || italian::number(value.value()),
                |j| format!("{} ({})", j.label, italian::number(value.value())),
            ),
        _ => format!("{} punti", italian::number(value.value())),
    }
}

/// The members' marks and reasons on the criterion, side by side.
fn marks_ui(ui: &mut Ui, desk: &Desk, app: &Protocol, criterion: &CriterionId) {
    egui::Grid::new("collegiale_voti")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.strong(s::COLLEGIAL_MEMBER);
            ui.strong(s::COLLEGIAL_VALUE);
            ui.strong(s::COLLEGIAL_REASON_OF_MEMBER);
            ui.end_row();
            for m in desk.ws.commission().voting_members() {
                ui.label(&m.name);
                if desk.ws.abstains(&m.id, app) {
                    ui.weak(s::COLLEGIAL_ABSTAINS);
                    ui.label("");
                } else {
                    match desk.ws.score(&m.id, app, criterion) {
                        Some(score) => {
                            ui.label(mark_text(desk, criterion, score.value));
                            ui.add(egui::Label::new(score.reason.trim()).wrap());
                        }
                        None => {
                            ui.weak(s::COLLEGIAL_NOT_SCORED);
                            ui.label("");
                        }
                    }
                }
                ui.end_row();
            }
        });
}

/// The judgement that stands now, with the session that recorded it.
fn recorded_ui(ui: &mut Ui, desk: &Desk, app: &Protocol, criterion: &CriterionId) {
    match desk.ws.collegial(app, criterion) {
        None => {
            ui.weak(s::COLLEGIAL_NONE);
        }
        Some((session, c)) => {
            ui.label(
                RichText::new(s::collegial_in_session(
                    session.number,
                    &italian::date(session.date),
                ))
                .strong(),
            );
            if let Some(v) = c.value.filter(|_| desk.ws.call().collegial_mark) {
                ui.strong(s::collegial_mark_line(&mark_text(desk, criterion, v)));
            }
            ui.add(egui::Label::new(c.reason.as_str()).wrap());
            for d in &c.dissents {
                ui.label(s::dissent_line(&desk.member_name(&d.member), &d.note));
            }
        }
    }
}

/// Fills the form from the judgement recorded in the open session, if any.
fn load(state: &mut State, desk: &Desk, open: Option<&Session>, app: &Protocol, c: &CriterionId) {
    let key = (app.clone(), c.clone(), desk.generation);
    if state
        .loaded
        .as_ref()
        .is_some_and(|(a, k, _)| a == app && k == c)
    {
        return;
    }
    let held = open.and_then(|s| {
        s.collegial
            .iter()
            .find(|j| &j.application == app && &j.criterion == c)
    });
    state.reason = held.map(|j| j.reason.clone()).unwrap_or_default();
    state.value = held.and_then(|j| j.value);
    state.points = state
        .value
        .map(|v| italian::number(v.value()))
        .unwrap_or_default();
    state.dissents = desk
        .ws
        .commission()
        .voting_members()
        .map(|m| {
            let note = held.and_then(|j| j.dissents.iter().find(|d| d.member == m.id));
            (
                m.id.clone(),
                (
                    note.is_some(),
                    note.map(|d| d.note.clone()).unwrap_or_default(),
                ),
            )
        })
        .collect();
    state.loaded = Some(key);
}

fn form_ui(
    ui: &mut Ui,
    state: &mut State,
    desk: &mut Desk,
    app: &Protocol,
    criterion: &CriterionId,
) {
    if !desk.can_edit_records() {
        widgets::note(ui, Tone::Info, s::COLLEGIAL_READ_ONLY);
        return;
    }
    let open = desk.ws.open_session().cloned();
    load(state, desk, open.as_ref(), app, criterion);
    let Some(session) = open else {
        widgets::note(ui, Tone::Warn, s::COLLEGIAL_NEEDS_SESSION);
        return;
    };
    widgets::section(ui, s::COLLEGIAL_FORM);
    ui.label(s::collegial_session(
        session.number,
        &italian::date(session.date),
    ));
    if desk.ws.call().collegial_mark {
        mark_ui(ui, state, desk, criterion);
    }
    widgets::field(
        ui,
        s::COLLEGIAL_REASON,
        &mut state.reason,
        4,
        s::COLLEGIAL_REASON_HINT,
    );
    widgets::section(ui, s::COLLEGIAL_DISSENTS);
    for m in desk.ws.commission().voting_members() {
        if desk.ws.abstains(&m.id, app) {
            continue;
        }
        let entry = state.dissents.entry(m.id.clone()).or_default();
        ui.checkbox(&mut entry.0, s::dissent_of(&m.name));
        if entry.0 {
            widgets::field(ui, &s::dissent_reason_of(&m.name), &mut entry.1, 2, "");
        }
    }
    ui.add_space(6.0);
    if ui.button(s::COLLEGIAL_RECORD).clicked() {
        let judgement = Collegial {
            application: app.clone(),
            criterion: criterion.clone(),
            reason: state.reason.trim().to_string(),
            value: desk
                .ws
                .call()
                .collegial_mark
                .then_some(state.value)
                .flatten(),
            dissents: state
                .dissents
                .iter()
                .filter(|(_, (on, _))| *on)
                .map(|(member, (_, note))| Dissent {
                    member: member.clone(),
                    note: note.trim().to_string(),
                })
                .collect(),
        };
        desk.send(Command::Collegial {
            session: session.id.clone(),
            judgement,
        });
    }
}

/// The collegial mark, where the call has one: the judgement of the scale as buttons, or the
/// points typed (read the Italian way: «14», «7,5»).
fn mark_ui(ui: &mut Ui, state: &mut State, desk: &Desk, criterion: &CriterionId) {
    let call = desk.ws.call();
    match call.criterion(criterion).map(|c| &c.scoring) {
        Some(Scoring::Coefficient) => {
            ui.label(RichText::new(s::COLLEGIAL_MARK).strong());
            ui.horizontal_wrapped(|ui| {
                for j in &call.judgement_scale {
                    let value = Points::new(j.coefficient.value());
                    let text = format!("{} {}", j.label, italian::number(j.coefficient.value()));
                    if ui
                        .selectable_label(state.value.is_some() && state.value == value, text)
                        .clicked()
                    {
                        state.value = value;
                    }
                }
            });
        }
        _ => {
            widgets::field(ui, s::COLLEGIAL_POINTS, &mut state.points, 1, "");
            state.value = Points::parse(&state.points.trim().replace(',', ".")).ok();
        }
    }
}
