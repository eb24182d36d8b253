//! Closing a session, and what a closed one shows: the seal, the list of what it fixed, and the
//! amendments (rettifiche) a session recorded to what earlier closed sessions had fixed.

use egui::{RichText, ScrollArea, Ui};

use crate::domain::{Session, SessionId, SessionKind};
use crate::editor::Command;
use crate::{coverage, italian};

use crate::app::strings as s;
use crate::app::views::Desk;
use crate::app::widgets::{self, Tone};

/// A session whose closing is being confirmed.
pub struct Closing {
    session: SessionId,
    /// For a final session with applications pending: the box that says so was ticked.
    pending_confirmed: bool,
}

/// The button that asks to close an open session; the confirmation follows.
pub fn close_button_ui(ui: &mut Ui, closing: &mut Option<Closing>, session: &Session) {
    if ui
        .button(s::CLOSE_SESSION)
        .on_hover_text(s::CLOSE_SESSION_HINT)
        .clicked()
    {
        *closing = Some(Closing {
            session: session.id.clone(),
            pending_confirmed: false,
        });
    }
}

/// The confirmation of closing, in plain words: what closing does and what it fixes. Refused
/// while files of the call cannot be read; a final session with applications undecided or not
/// fully scored names them and needs a box ticked.
pub fn close_dialog_ui(
    ui: &mut Ui,
    closing: &mut Option<Closing>,
    session: &Session,
    desk: &mut Desk,
) {
    let Some(state) = closing.as_mut().filter(|c| c.session == session.id) else {
        return;
    };
    let pending = if session.kind == SessionKind::Final {
        crate::record::pending(desk.ws, desk.eval).lines(desk.ws)
    } else {
        Vec::new()
    };
    let unreadable = !desk.problems.is_empty();
    // The end time may be typed and not saved yet: what the window will save counts.
    let has_end = session.end.is_some()
        || desk
            .drafts
            .get(&crate::app::drafts::Field::Session(
                session.id.clone(),
                crate::app::drafts::SessionField::End,
            ))
            .is_some_and(|d| !d.text.trim().is_empty());
    let mut answer = None;
    egui::Modal::new(egui::Id::unique(("chiudi_seduta", session.id.as_str()))).show(
        ui.ctx(),
        |ui| {
            ui.set_max_width(560.0);
            ui.heading(s::close_session_title(session.number));
            ui.add(egui::Label::new(s::CLOSE_SESSION_EXPLAIN).wrap());
            ui.add_space(4.0);
            ui.add(egui::Label::new(s::CLOSE_SESSION_FIXES).wrap());
            ui.add_space(4.0);
            ui.add(egui::Label::new(RichText::new(s::CLOSE_SESSION_FINAL).strong()).wrap());
            if !has_end {
                widgets::note(ui, Tone::Warn, s::CLOSE_SESSION_NEEDS_END);
            }
            if unreadable {
                ui.add_space(4.0);
                widgets::note(ui, Tone::Bad, s::CLOSE_SESSION_UNREADABLE);
                for p in desk.problems {
                    widgets::note(ui, Tone::Bad, p.to_string());
                }
            }
            if !pending.is_empty() {
                ui.add_space(4.0);
                ui.add(
                    egui::Label::new(RichText::new(s::close_pending_title(pending.len())).strong())
                        .wrap(),
                );
                ScrollArea::vertical()
                    .id_salt(("in_sospeso", session.id.as_str()))
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for line in &pending {
                            widgets::note(ui, Tone::Warn, line);
                        }
                    });
                ui.checkbox(&mut state.pending_confirmed, s::CLOSE_PENDING_CONFIRM);
            }
            let ready = has_end && !unreadable && (pending.is_empty() || state.pending_confirmed);
            answer = widgets::confirm_row(ui, s::CLOSE_SESSION_CONFIRM, ready);
        },
    );
    match answer {
        Some(true) => {
            desk.send(Command::CloseSession(session.id.clone()));
            *closing = None;
        }
        Some(false) => *closing = None,
        None => {}
    }
}

/// A closed session's seal, and what it fixed (collapsed: a large call's list is long).
pub fn seal_ui(ui: &mut Ui, session: &Session) {
    let Some(seal) = &session.seal else { return };
    widgets::note(
        ui,
        Tone::Info,
        s::sealed(&italian::moment(seal.closed_at), &seal.sha256),
    );
    egui::CollapsingHeader::new(s::session_fixed(seal.covers.len()))
        .id_salt(("fissati", session.id.as_str()))
        .default_open(false)
        .show(ui, |ui| {
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            ScrollArea::vertical()
                .id_salt(("fissati_elenco", session.id.as_str()))
                .max_height(320.0)
                .show_rows(ui, row_height, seal.covers.len(), |ui, range| {
                    for cover in &seal.covers[range] {
                        ui.label(coverage::describe(&cover.item));
                    }
                });
        });
}

/// The amendments the session recorded: which closed session, what changed, why.
pub fn amendments_ui(ui: &mut Ui, session: &Session, desk: &Desk) {
    if session.amendments.is_empty() {
        return;
    }
    widgets::section(ui, s::SESSION_AMENDMENTS);
    widgets::keys_hint(ui, s::SESSION_AMENDMENTS_HINT);
    for (i, a) in session.amendments.iter().enumerate() {
        let closed = desk.ws.session(&a.closed).map_or_else(
            || a.closed.to_string(),
            |c| s::amended_session(c.number, &italian::date(c.date)),
        );
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(
                egui::Label::new(RichText::new(s::amendment(i + 1, &closed, &a.change)).strong())
                    .wrap(),
            )
            .on_hover_text(&a.item);
            ui.add(egui::Label::new(s::amendment_reason(&a.reason)).wrap());
        });
    }
}
