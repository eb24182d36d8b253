//! Sedute: the commission's sessions: when, where, who was present, what was noted, the draws
//! that settled ties, the amendments recorded; closing a session (see [`chiusura`]) and the
//! export of each session's verbale.

mod accesso;
mod chiusura;

use egui::{RichText, ScrollArea, Ui};

use crate::domain::{Draw, LotId, Protocol, Session, SessionId, SessionKind, TimeOfDay};
use crate::editor::{self, Command};
use crate::italian;
use crate::rules::Tie;

use super::{Action, Desk};
use crate::app::drafts::{Field, SessionField, Stale};
use crate::app::export::ExportStatus;
use crate::app::strings as s;
use crate::app::widgets::{self, DraftEdit, Tone};

#[derive(Default)]
pub struct State {
    pub selected: Option<SessionId>,
    /// The order being drawn for a tie, per lot, and how the draw was held.
    draw: Option<DrawForm>,
    /// What the export of the verbale is doing, set by the window.
    pub export: ExportStatus,
    /// The session whose closing is being confirmed.
    closing: Option<chiusura::Closing>,
    /// Access to the records is open instead of the sessions (see `accesso`).
    access: bool,
    access_state: accesso::State,
}

struct DrawForm {
    lot: LotId,
    order: Vec<Protocol>,
    method: String,
}

pub fn sedute_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    if accesso::tabs(ui, &mut state.access) {
        accesso::accesso_ui(ui, &mut state.access_state, desk);
        return;
    }
    let sessions = desk.ws.sessions_in_order();
    if state
        .selected
        .as_ref()
        .is_none_or(|id| desk.ws.session(id).is_none())
    {
        state.selected = sessions.last().map(|s| s.id.clone());
    }
    egui::Panel::left("sedute_elenco")
        .resizable(true)
        .default_size(260.0)
        .min_size(200.0)
        .show(ui, |ui| {
            ui.heading(s::VIEW_SEDUTE);
            if desk.can_edit_records() && ui.button(s::NEW_SESSION).clicked() {
                let session = new_session(desk);
                state.selected = Some(session.id.clone());
                desk.send(Command::PutSession(Box::new(session)));
            }
            ui.separator();
            if sessions.is_empty() {
                widgets::empty(ui, s::NO_SESSIONS);
            }
            for session in &sessions {
                let label = s::session_label(
                    session.number,
                    &italian::date(session.date),
                    session.seal.is_some(),
                );
                if ui
                    .selectable_label(state.selected.as_ref() == Some(&session.id), label)
                    .on_hover_text(italian::session_kind(session.kind))
                    .clicked()
                {
                    state.selected = Some(session.id.clone());
                }
            }
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(session) = state
            .selected
            .as_ref()
            .and_then(|id| desk.ws.session(id))
            .cloned()
        else {
            widgets::empty(ui, s::SESSIONS_HINT);
            return;
        };
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| session_ui(ui, state, &session, desk));
    });
}

/// A new session: the next number, today, now, the last place, everyone present.
fn new_session(desk: &Desk) -> Session {
    let now = editor::now();
    let number = desk
        .ws
        .sessions()
        .values()
        .map(|s| s.number)
        .max()
        .unwrap_or(0)
        + 1;
    let mut n = number;
    let id = loop {
        let candidate = SessionId::new(format!("s{n}"));
        match candidate {
            Ok(id) if desk.ws.session(&id).is_none() => break id,
            _ => n += 1,
        }
    };
    let last = desk.ws.sessions_in_order().last().map(|s| (*s).clone());
    Session {
        id,
        number,
        kind: if last.is_none() {
            SessionKind::OpeningPublic
        } else {
            SessionKind::ReservedScoring
        },
        date: now.date(),
        start: TimeOfDay::new(now.time().hour(), now.time().minute()).unwrap_or(now.time()),
        end: None,
        place: last.map(|s| s.place).unwrap_or_default(),
        present: desk
            .ws
            .commission()
            .members
            .iter()
            .map(|m| m.id.clone())
            .collect(),
        notes: Vec::new(),
        draws: Vec::new(),
        amendments: Vec::new(),
        collegial: Vec::new(),
        events: Vec::new(),
        seal: None,
    }
}

fn session_ui(ui: &mut Ui, state: &mut State, session: &Session, desk: &mut Desk) {
    let sealed = session.seal.is_some();
    let editable = desk.can_edit_records() && !sealed;
    ui.heading(s::session_title(
        session.number,
        italian::session_kind(session.kind),
    ));
    chiusura::seal_ui(ui, session);
    export_ui(ui, state, session, desk);
    if editable {
        chiusura::close_button_ui(ui, &mut state.closing, session);
        chiusura::close_dialog_ui(ui, &mut state.closing, session, desk);
    }
    widgets::section(ui, s::SESSION_WHEN);
    egui::Grid::new("seduta_dati")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            let label_id = ui.strong(s::SESSION_KIND).id;
            if editable {
                let mut kind = session.kind;
                egui::ComboBox::from_id_salt("tipo_seduta")
                    .selected_text(italian::session_kind(kind))
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        for k in [
                            SessionKind::OpeningPublic,
                            SessionKind::ReservedScoring,
                            SessionKind::Final,
                        ] {
                            ui.selectable_value(&mut kind, k, italian::session_kind(k));
                        }
                    })
                    .response
                    .labelled_by(label_id);
                if kind != session.kind {
                    let mut changed = session.clone();
                    changed.kind = kind;
                    desk.send(Command::PutSession(Box::new(changed)));
                }
            } else {
                ui.label(italian::session_kind(session.kind));
            }
            ui.end_row();
            let fields = [
                (
                    s::SESSION_DATE,
                    SessionField::Date,
                    italian::date(session.date),
                ),
                (
                    s::SESSION_START,
                    SessionField::Start,
                    italian::time(session.start),
                ),
                (
                    s::SESSION_END,
                    SessionField::End,
                    session.end.map(italian::time).unwrap_or_default(),
                ),
                (s::SESSION_PLACE, SessionField::Place, session.place.clone()),
            ];
            for (label, field, value) in fields {
                let label_id = ui.strong(label).id;
                if editable {
                    let width = if field == SessionField::Place {
                        640.0
                    } else {
                        110.0
                    };
                    DraftEdit::line(Field::Session(session.id.clone(), field), &value, label)
                        .labelled_by(label_id)
                        .width(width)
                        .show(ui, desk.drafts, desk.now);
                } else {
                    ui.label(value);
                }
                ui.end_row();
            }
        });
    presence_ui(ui, session, editable, desk);
    notes_ui(ui, session, editable, desk);
    draws_ui(ui, state, session, editable, desk);
    chiusura::amendments_ui(ui, session, desk);
    if editable {
        ui.add_space(12.0);
        let id = ui.scope_id().with(("elimina", session.id.as_str()));
        if widgets::confirm_button(ui, id, s::DELETE_SESSION, s::DELETE_SESSION_CONFIRM) {
            desk.send(Command::RemoveSession(session.id.clone()));
        }
    }
    ui.add_space(16.0);
}

fn export_ui(ui: &mut Ui, state: &mut State, session: &Session, desk: &mut Desk) {
    ui.horizontal_wrapped(|ui| {
        // Independent judgement: a verbale shows the members' marks and the points.
        let may = desk.sees_all_marks();
        let why_not = if may {
            s::EXPORT_WRITING
        } else {
            s::EXPORT_AFTER_YOURS
        };
        let allowed = may && !state.export.busy();
        let button = egui::Button::new(s::EXPORT_MINUTES);
        if widgets::button_if(ui, allowed, button, s::EXPORT_MINUTES_HINT, why_not).clicked() {
            desk.out.push(Action::ExportMinutes(session.id.clone()));
        }
        ui.weak(if session.seal.is_none() {
            s::MINUTES_DRAFT
        } else {
            s::MINUTES_KEPT
        });
        match &state.export {
            ExportStatus::Idle => {}
            ExportStatus::Writing { session: id } if *id == session.id => {
                ui.spinner();
                ui.label(s::EXPORT_WRITING);
            }
            ExportStatus::Done { session: id, path } if *id == session.id => {
                widgets::note(ui, Tone::Good, s::export_done(&path.display().to_string()));
            }
            ExportStatus::Failed { session: id, error } if *id == session.id => {
                widgets::note(ui, Tone::Bad, error.as_str());
            }
            _ => {}
        }
    });
}

fn presence_ui(ui: &mut Ui, session: &Session, editable: bool, desk: &mut Desk) {
    widgets::section(ui, s::SESSION_PRESENT);
    for m in &desk.ws.commission().members {
        let mut present = session.present.contains(&m.id);
        let label = format!("{} · {}", m.name, italian::role(m.role));
        let r = ui.add_enabled(editable, egui::Checkbox::new(&mut present, label));
        if r.changed() {
            let mut changed = session.clone();
            if present {
                changed.present.push(m.id.clone());
            } else {
                changed.present.retain(|p| p != &m.id);
            }
            desk.send(Command::PutSession(Box::new(changed)));
        }
    }
}

fn notes_ui(ui: &mut Ui, session: &Session, editable: bool, desk: &mut Desk) {
    widgets::section(ui, s::SESSION_NOTES);
    widgets::keys_hint(ui, s::SESSION_NOTES_HINT);
    let mut remove = None;
    for (i, note) in session.notes.iter().enumerate() {
        if editable {
            let name = s::note_field(i + 1);
            ui.horizontal_top(|ui| {
                if ui
                    .small_button(s::REMOVE)
                    .on_hover_text(s::REMOVE_NOTE)
                    .clicked()
                {
                    remove = Some(i);
                }
                DraftEdit::text(
                    Field::Session(session.id.clone(), SessionField::Note(i)),
                    note,
                    &name,
                    2,
                )
                .show(ui, desk.drafts, desk.now);
            });
        } else {
            ui.horizontal_top(|ui| {
                ui.label(format!("{}.", i + 1));
                ui.add(egui::Label::new(note).wrap());
            });
        }
    }
    if let Some(i) = remove {
        let mut changed = session.clone();
        changed.notes.remove(i);
        // The drafts of later notes would now point at the wrong note.
        desk.out.push(Action::ApplyDropping {
            command: Command::PutSession(Box::new(changed)),
            stale: Stale::Notes(session.id.clone()),
        });
    }
    if editable && ui.button(s::ADD_NOTE).clicked() {
        let mut changed = session.clone();
        changed.notes.push(String::new());
        desk.send(Command::PutSession(Box::new(changed)));
    }
}

fn draws_ui(ui: &mut Ui, state: &mut State, session: &Session, editable: bool, desk: &mut Desk) {
    widgets::section(ui, s::SESSION_DRAWS);
    recorded_draws_ui(ui, session, editable, desk);
    let ties = unresolved_ties(desk);
    if ties.is_empty() {
        if session.draws.is_empty() {
            ui.weak(s::NO_TIES);
        }
        return;
    }
    ties_ui(ui, state, &ties, editable, desk);
    if !editable {
        return;
    }
    let Some(form) = &mut state.draw else {
        return;
    };
    if draw_form_ui(ui, form, session, desk) {
        state.draw = None;
    }
}

/// The draws the session recorded, each with *Rimuovi* while it is open.
fn recorded_draws_ui(ui: &mut Ui, session: &Session, editable: bool, desk: &mut Desk) {
    for (i, draw) in session.draws.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let order: Vec<&str> = draw.order.iter().map(|p| p.as_str()).collect();
            ui.label(s::draw_recorded(
                &super::filtro::lot_name(desk, &draw.lot),
                &order.join(s::DRAW_ORDER_SEPARATOR),
                &draw.method,
            ));
            if editable
                && ui
                    .small_button(s::REMOVE)
                    .on_hover_text(s::REMOVE_DRAW)
                    .clicked()
            {
                let mut changed = session.clone();
                changed.draws.remove(i);
                desk.send(Command::PutSession(Box::new(changed)));
            }
        });
    }
}

/// The ties the ranking says still await a draw, lot by lot, each group once.
fn unresolved_ties(desk: &Desk) -> Vec<(LotId, Vec<Protocol>)> {
    let mut ties: Vec<(LotId, Vec<Protocol>)> = Vec::new();
    for (lot, result) in &desk.eval.lots {
        for place in &result.ranking {
            if let Tie::Unresolved { with } = &place.tie {
                let mut group = vec![place.protocol.clone()];
                group.extend(with.iter().cloned());
                group.sort();
                if !ties.iter().any(|(l, g)| l == lot && *g == group) {
                    ties.push((lot.clone(), group));
                }
            }
        }
    }
    ties
}

/// Each tie awaiting a draw, with *Registra il sorteggio* while the session is open.
fn ties_ui(
    ui: &mut Ui,
    state: &mut State,
    ties: &[(LotId, Vec<Protocol>)],
    editable: bool,
    desk: &Desk,
) {
    for (lot, group) in ties {
        ui.horizontal_wrapped(|ui| {
            let list: Vec<&str> = group.iter().map(|p| p.as_str()).collect();
            widgets::note(
                ui,
                Tone::Warn,
                s::tie_awaiting(&super::filtro::lot_name(desk, lot), &list.join(", ")),
            );
            if editable
                && state.draw.as_ref().is_none_or(|d| &d.lot != lot)
                && ui.button(s::RECORD_DRAW).clicked()
            {
                state.draw = Some(DrawForm {
                    lot: lot.clone(),
                    order: group.clone(),
                    method: s::DRAW_METHOD_DEFAULT.into(),
                });
            }
        });
    }
}

/// The draw being recorded: the order drawn and how it was held. True once saved or
/// cancelled.
fn draw_form_ui(ui: &mut Ui, form: &mut DrawForm, session: &Session, desk: &mut Desk) -> bool {
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let lot = super::filtro::lot_name(desk, &form.lot);
        ui.label(RichText::new(s::draw_form(&lot)).strong());
        widgets::keys_hint(ui, s::DRAW_ORDER_HINT);
        order_ui(ui, &mut form.order, desk);
        ui.horizontal(|ui| {
            let label = ui.label(s::DRAW_METHOD);
            ui.add(egui::TextEdit::singleline(&mut form.method).desired_width(380.0))
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            if ui.button(s::SAVE_DRAW).clicked() {
                let mut changed = session.clone();
                changed.draws.push(Draw {
                    lot: form.lot.clone(),
                    order: form.order.clone(),
                    method: form.method.trim().to_string(),
                });
                desk.send(Command::PutSession(Box::new(changed)));
                close = true;
            } else if ui.button(s::CANCEL).clicked() {
                close = true;
            }
        });
    });
    close
}

/// The order drawn, first to last, each moved up or down.
fn order_ui(ui: &mut Ui, order: &mut [Protocol], desk: &Desk) {
    let mut swap = None;
    let n = order.len();
    for (i, p) in order.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            ui.label(format!("{} · {}", p, desk.applicant(p)));
            if ui
                .add_enabled(i > 0, egui::Button::new(s::MOVE_UP).small())
                .on_hover_text(s::MOVE_UP_HINT)
                .clicked()
            {
                swap = Some((i - 1, i));
            }
            if ui
                .add_enabled(i + 1 < n, egui::Button::new(s::MOVE_DOWN).small())
                .on_hover_text(s::MOVE_DOWN_HINT)
                .clicked()
            {
                swap = Some((i, i + 1));
            }
        });
    }
    if let Some((a, b)) = swap {
        order.swap(a, b);
    }
}
