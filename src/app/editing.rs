//! Editing from the keyboard and the bar: Ctrl+S saves what is being typed, Ctrl+Z and
//! Ctrl+Shift+Z undo and redo through the editor's inverse commands, F5 and F11 switch to the
//! presentation and to full screen, Ctrl+1…6 change view.

use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};

use super::App;
use super::strings as s;
use super::views::View;

impl App {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, now: f64) {
        let typing = ctx.text_edit_focused();
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        let (save, redo, undo, present, fullscreen) = ctx.input_mut(|i| {
            let save = i.consume_shortcut(&command(Key::S));
            // The shifted shortcut first: Ctrl+Z would also match Ctrl+Shift+Z.
            let (redo, undo) = if typing {
                // The text field has its own undo for what is being typed.
                (false, false)
            } else {
                let redo = i.consume_shortcut(&command_shift(Key::Z))
                    || i.consume_shortcut(&command(Key::Y));
                (redo, i.consume_shortcut(&command(Key::Z)))
            };
            let present = i.consume_key(Modifiers::NONE, Key::F5);
            let fullscreen = i.consume_key(Modifiers::NONE, Key::F11);
            (save, redo, undo, present, fullscreen)
        });
        let views = ctx.input_mut(|i| {
            [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
            ]
            .iter()
            .position(|k| i.consume_shortcut(&command(*k)))
        });
        if save {
            self.save_all(now);
        }
        if undo {
            self.undo(now);
        }
        if redo {
            self.redo(now);
        }
        if present {
            self.presenting = !self.presenting;
            if self.presenting {
                self.start_presentation(None);
            }
        }
        if fullscreen {
            let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(!full));
        }
        if let Some(i) = views
            && !self.presenting
            && let Some(view) = View::ALL.get(i)
        {
            self.view = *view;
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
            for why in waiting.into_iter().filter(|w| !reported.contains(w)) {
                self.messages.error(why);
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
            Ok(()) => self.messages.notice(s::UNDONE),
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
            Ok(()) => self.messages.notice(s::REDONE),
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
