//! Closing a session from the window. Writing the sealed verbale of a large call takes seconds
//! (about ten at 2,000 applications, most of a minute at 10,000) on the window's own thread,
//! which the editor's one road of changes runs on: so the window first draws, for one frame,
//! that the closing is under way and what not to do meanwhile, then closes. The notice stays on
//! the screen while the work is done.

use crate::editor::Command;

use super::App;
use super::strings as s;

/// A closing the user confirmed, not yet done.
pub(super) struct Sealing {
    command: Command,
    number: u32,
    /// How many frames drew the notice: a window is measured, not shown, the first frame it
    /// is drawn, so the closing waits for the second.
    drawn: u8,
}

impl App {
    /// Takes a confirmed closing: the next frame says it is under way, the one after does it.
    pub(super) fn seal_later(&mut self, command: Command, ctx: &egui::Context) {
        let number = match &command {
            Command::CloseSession(id) => self
                .work
                .as_ref()
                .and_then(|w| w.editor().workspace().session(id))
                .map_or(0, |s| s.number),
            _ => 0,
        };
        self.sealing = Some(Sealing {
            command,
            number,
            drawn: 0,
        });
        ctx.request_repaint();
    }

    /// Draws the closing under way; once it is on the screen, closes.
    pub(super) fn seal_due(&mut self, ctx: &egui::Context, now: f64) {
        let Some(sealing) = &mut self.sealing else {
            return;
        };
        if sealing.drawn >= 2 {
            if let Some(sealing) = self.sealing.take() {
                self.apply(sealing.command, now);
            }
            return;
        }
        sealing.drawn += 1;
        let number = sealing.number;
        let id = egui::Id::unique("chiusura_in_corso");
        // Whole at once, not faded in: the frame drawn is the one that stays on the screen.
        let area = egui::Modal::default_area(id).fade_in(false);
        egui::Modal::new(id).area(area).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.horizontal(|ui| {
                ui.spinner();
                ui.heading(s::closing_session_title(number));
            });
            ui.add(egui::Label::new(s::CLOSING_SESSION_WAIT).wrap());
        });
        ctx.request_repaint();
    }
}
