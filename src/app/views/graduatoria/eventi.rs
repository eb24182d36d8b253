//! Graduatoria → Eventi successivi: a renunciation, an exclusion after the check of the
//! declarations, a readmission after a soccorso or an appeal, each recorded in the open session
//! with its act and reason; the allocation follows from them (the ranking slides down to the
//! next). The events recorded so far, and the allocation as it stands now.

use egui::{RichText, Ui};

use crate::domain::{Allocation, Event, EventKind, Protocol, SessionKind};
use crate::editor::Command;
use crate::italian;

use crate::app::strings as s;
use crate::app::views::Desk;
use crate::app::widgets::{self, Tone};

pub struct State {
    kind: EventKind,
    application: Option<Protocol>,
    act: String,
    reason: String,
    /// How many events there were when one was sent: the form empties once it is recorded
    /// (a refused one keeps what was typed).
    sent: Option<usize>,
}

impl Default for State {
    fn default() -> State {
        State {
            kind: EventKind::Renunciation,
            application: None,
            act: String::new(),
            reason: String::new(),
            sent: None,
        }
    }
}

pub fn eventi_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(s::EVENTS_TITLE);
            widgets::keys_hint(ui, s::EVENTS_HINT);
            recorded_ui(ui, desk);
            allocation_ui(ui, desk);
            form_ui(ui, state, desk);
            ui.add_space(16.0);
        });
}

fn recorded_ui(ui: &mut Ui, desk: &Desk) {
    widgets::section(ui, s::EVENTS_RECORDED);
    let events = desk.ws.events();
    if events.is_empty() {
        ui.weak(s::EVENTS_NONE);
    }
    for (session, e) in events {
        ui.add(
            egui::Label::new(s::event_line(
                &italian::capitalized(italian::event_kind(e.kind)),
                e.application.as_str(),
                session.number,
                &e.act,
                &e.reason,
            ))
            .wrap(),
        );
    }
}

/// Each lot's ranking as the events leave it: who is selected or funded now.
fn allocation_ui(ui: &mut Ui, desk: &Desk) {
    widgets::section(ui, s::EVENTS_ALLOCATION);
    for lot in &desk.ws.call().lots {
        let Some(result) = desk.eval.lots.get(&lot.id) else {
            continue;
        };
        if desk.ws.call().lots.len() > 1 {
            ui.label(RichText::new(&lot.name).strong());
        }
        for place in &result.ranking {
            let Some(r) = desk.eval.application(&place.protocol) else {
                continue;
            };
            let granted = match r.granted {
                Some(m) if !m.is_zero() => format!(" · {}", italian::euro(m)),
                _ => String::new(),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{}. {} · {}",
                    place.rank,
                    place.protocol,
                    desk.applicant(&place.protocol)
                ));
                widgets::badge(
                    ui,
                    r.outcome.label(lot.allocation),
                    widgets::outcome_tone(r.outcome),
                );
                if !granted.is_empty() {
                    ui.label(granted);
                }
            });
        }
    }
}

fn form_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    widgets::section(ui, s::EVENT_NEW);
    let recorded = desk.ws.events().len();
    if state.sent.is_some_and(|n| recorded > n) {
        state.act.clear();
        state.reason.clear();
        state.sent = None;
    }
    if !desk.can_edit_records() {
        widgets::note(ui, Tone::Info, s::EVENT_READ_ONLY);
        return;
    }
    let approved = desk
        .ws
        .sessions()
        .values()
        .any(|s| s.kind == SessionKind::Final && s.is_closed());
    if !approved {
        widgets::note(ui, Tone::Warn, s::EVENT_NEEDS_RANKING);
        return;
    }
    let Some(session) = desk.ws.open_session().cloned() else {
        widgets::note(ui, Tone::Warn, s::EVENT_NEEDS_SESSION);
        return;
    };
    ui.label(s::collegial_session(
        session.number,
        &italian::date(session.date),
    ));
    kind_ui(ui, state);
    application_ui(ui, state, desk);
    widgets::field(ui, s::EVENT_ACT, &mut state.act, 1, s::EVENT_ACT_HINT);
    widgets::field(ui, s::EVENT_REASON, &mut state.reason, 3, "");
    ui.add_space(4.0);
    let ready = state.application.is_some();
    if ui
        .add_enabled(ready, egui::Button::new(s::EVENT_RECORD))
        .clicked()
        && let Some(application) = state.application.clone()
    {
        desk.send(Command::RecordEvent {
            session: session.id.clone(),
            event: Event {
                kind: state.kind,
                application,
                act: state.act.trim().to_string(),
                reason: state.reason.trim().to_string(),
            },
        });
        state.sent = Some(recorded);
    }
}

/// What happened: a renunciation, an exclusion, a readmission.
fn kind_ui(ui: &mut Ui, state: &mut State) {
    ui.horizontal_wrapped(|ui| {
        widgets::combo(
            ui,
            s::EVENT_KIND,
            italian::capitalized(italian::event_kind(state.kind)),
            320.0,
            |ui| {
                for k in EventKind::ALL {
                    ui.selectable_value(
                        &mut state.kind,
                        k,
                        italian::capitalized(italian::event_kind(k)),
                    );
                }
            },
        );
    });
}

/// The application the event concerns, among those it can: in the ranking for a
/// renunciation, admitted for an exclusion, excluded for a readmission.
fn application_ui(ui: &mut Ui, state: &mut State, desk: &Desk) {
    let candidates: Vec<Protocol> = desk
        .eval
        .applications
        .values()
        .filter(|r| match state.kind {
            EventKind::Renunciation => r.place.is_some(),
            EventKind::ExcludedAfterVerification => r.admission.admitted(),
            EventKind::ReadmittedAfterSoccorso | EventKind::ReadmittedAfterAppeal => {
                r.outcome == crate::rules::Outcome::Excluded
            }
        })
        .map(|r| r.protocol.clone())
        .collect();
    if state
        .application
        .as_ref()
        .is_none_or(|p| !candidates.contains(p))
    {
        state.application = candidates.first().cloned();
    }
    let shown = state
        .application
        .as_ref()
        .map_or_else(String::new, |p| label(desk, p));
    ui.horizontal_wrapped(|ui| {
        widgets::combo(ui, s::EVENT_APPLICATION, shown, 420.0, |ui| {
            for p in &candidates {
                ui.selectable_value(&mut state.application, Some(p.clone()), label(desk, p));
            }
        });
    });
}

fn label(desk: &Desk, p: &Protocol) -> String {
    let outcome = desk.eval.application(p).map(|r| {
        let allocation = desk
            .ws
            .call()
            .lot(&r.lot)
            .map_or(Allocation::SingleWinner, |l| l.allocation);
        r.outcome.label(allocation)
    });
    format!(
        "{p} · {} ({})",
        desk.applicant(p),
        outcome.unwrap_or_default()
    )
}
