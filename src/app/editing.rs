//! Editing from the keyboard and the bar: Ctrl+S saves what is being typed, Ctrl+Z and
//! Ctrl+Shift+Z undo and redo through the editor's inverse commands, F5 and F11 switch to the
//! presentation and to full screen, Ctrl+1…6 change view.

use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};

use crate::domain::{MemberId, Workspace};
use crate::editor::Command;

use super::App;
use super::strings as s;
use super::views::{Action, View};

impl App {
    /// The keys of the whole window, as requests done after the frame with the others.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, out: &mut Vec<Action>) {
        let typing = ctx.text_edit_focused();
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&command(Key::S)) {
                out.push(Action::SaveAll);
            }
            // The text field has its own undo for what is being typed. The shifted shortcut
            // first: Ctrl+Z would also match Ctrl+Shift+Z.
            if !typing {
                if i.consume_shortcut(&command_shift(Key::Z))
                    || i.consume_shortcut(&command(Key::Y))
                {
                    out.push(Action::Redo);
                }
                if i.consume_shortcut(&command(Key::Z)) {
                    out.push(Action::Undo);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::F5) {
                out.push(Action::TogglePresentation);
            }
            if i.consume_key(Modifiers::NONE, Key::F11) {
                out.push(Action::ToggleFullscreen);
            }
            let keys = [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
            ];
            if let Some(n) = keys.iter().position(|k| i.consume_shortcut(&command(*k)))
                && !self.presenting
                && let Some(view) = View::ALL.get(n)
            {
                out.push(Action::Goto(*view, None));
            }
        });
    }

    /// F5: into the presentation, or out of it (and out of full screen).
    pub(super) fn toggle_presentation(&mut self, ctx: &egui::Context) {
        self.presenting = !self.presenting;
        if self.presenting {
            self.start_presentation(None);
        } else if ctx.input(|i| i.viewport().fullscreen.unwrap_or(false)) {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
        }
    }

    pub(super) fn save_all(&mut self, now: f64) {
        let Some(work) = &mut self.work else { return };
        let refused = work.save_drafts(now, true);
        let clean = refused.is_empty() && !work.unsaved();
        let waiting = work.drafts.waiting();
        let reported: Vec<String> = refused.iter().map(|r| r.error.to_string()).collect();
        self.report(refused);
        if clean {
            self.messages.notice(s::ALL_SAVED);
        } else {
            // What waits for something else (a reason for its judgement); the refusals are
            // reported already.
            let mut said = !reported.is_empty();
            for why in waiting.into_iter().filter(|w| !reported.contains(w)) {
                self.messages.error(s::not_saved(&why));
                said = true;
            }
            if !said {
                // Never a click that does nothing while the bar says something waits.
                self.messages.error(s::not_saved(s::NOT_SAVED_UNKNOWN));
            }
        }
    }

    pub(super) fn undo(&mut self, now: f64) {
        // What is being typed is saved first, so that undo takes back the last thing done.
        self.save_due(now, true);
        let Some(work) = &mut self.work else { return };
        if !work.can_undo() {
            self.messages.hint(s::NOTHING_TO_UNDO);
            return;
        }
        match work.undo() {
            Ok(done) => {
                let what = done.map(|c| change_name(&c, work.editor().workspace()));
                self.messages.notice(s::undone(what.as_deref()));
            }
            Err(e) => self.messages.error(s::undo_failed(&e.to_string())),
        }
    }

    pub(super) fn redo(&mut self, now: f64) {
        self.save_due(now, true);
        let Some(work) = &mut self.work else { return };
        if !work.can_redo() {
            self.messages.hint(s::NOTHING_TO_REDO);
            return;
        }
        match work.redo() {
            Ok(done) => {
                let what = done.map(|c| change_name(&c, work.editor().workspace()));
                self.messages.notice(s::redone(what.as_deref()));
            }
            Err(e) => self.messages.error(s::redo_failed(&e.to_string())),
        }
    }

    pub(super) fn save_due(&mut self, now: f64, all: bool) {
        if let Some(work) = &mut self.work {
            let refused = work.save_drafts(now, all);
            self.report(refused);
        }
    }
}

/// What a change touches, in a few words for "Annullato: …": whose judgement on which
/// criterion of which application, which decision, which data.
fn change_name(command: &Command, ws: &Workspace) -> String {
    let name = |m: &MemberId| {
        ws.commission()
            .member(m)
            .map_or_else(|| m.to_string(), |m| m.name.clone())
    };
    match command {
        Command::Score {
            member,
            application,
            criterion,
            ..
        } => s::change_score(&name(member), criterion.as_str(), application.as_str()),
        Command::Declare {
            member,
            application,
            ..
        }
        | Command::WithdrawConflict {
            member,
            application,
            ..
        } => s::change_declaration(&name(member), application.as_str()),
        Command::Decide { application, .. } => s::change_decision(application.as_str()),
        Command::Document {
            application,
            document,
            ..
        } => s::change_document(document.as_str(), application.as_str()),
        Command::PutApplication(app) => s::change_application(app.protocol.as_str()),
        Command::RemoveApplication(p) | Command::Unregister { application: p, .. } => {
            s::change_application(p.as_str())
        }
        Command::PutSheet(sheet) => s::change_sheet(&name(&sheet.member)),
        Command::PutSession(session) => s::change_session(session.number),
        Command::RemoveSession(id) | Command::CloseSession(id) => {
            s::change_session(ws.session(id).map_or(0, |s| s.number))
        }
        Command::PutCall(_) => s::CHANGE_CALL_DATA.to_string(),
        Command::PutCommission(_) => s::CHANGE_COMMISSION.to_string(),
        Command::Amend { change, .. } => change_name(change, ws),
        Command::Collegial { judgement, .. } => {
            s::change_collegial(judgement.criterion.as_str(), judgement.application.as_str())
        }
        Command::RecordEvent { event, .. } => s::change_event(event.application.as_str()),
        Command::Access(_) => s::CHANGE_ACCESS.to_string(),
    }
}
