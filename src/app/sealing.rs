//! Closing a session from the window. Writing the sealed verbale of a large call takes seconds
//! (about ten at 2,000 applications, most of a minute at 10,000): the call's editor, the one
//! road of every change, goes to a thread of its own for the closing and comes back when it is
//! done, while the window says that the closing is under way and takes nothing else.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::editor::{Actor, Command};

use super::App;
use super::strings as s;
use super::work::{Refused, Work};

/// A closing the user confirmed, not yet done.
pub(super) enum Sealing {
    /// Drawn as under way before the work starts (a window is measured, not shown, the first
    /// frame it is drawn), so that the notice is there from the start.
    Asked {
        command: Command,
        number: u32,
        drawn: u8,
    },
    /// The editor is closing the session on its thread.
    Running {
        number: u32,
        /// Where the call is and who had it open, to open it again should the thread fail.
        dir: PathBuf,
        actor: Actor,
        done: Receiver<(Work, Result<(), Box<Refused>>)>,
    },
}

impl App {
    /// Takes a confirmed closing. What is typed in the session (its end time, a note) is saved
    /// first: it goes in before the seal.
    pub(super) fn seal_later(&mut self, command: Command, ctx: &egui::Context, now: f64) {
        self.save_due(now, true);
        let number = match &command {
            Command::CloseSession(id) => self
                .work
                .as_ref()
                .and_then(|w| w.editor().workspace().session(id))
                .map_or(0, |s| s.number),
            _ => 0,
        };
        self.sealing = Some(Sealing::Asked {
            command,
            number,
            drawn: 0,
        });
        ctx.request_repaint();
    }

    /// Whether a session is being closed: the window then shows only that.
    pub fn sealing(&self) -> bool {
        self.sealing.is_some()
    }

    /// Moves the closing on: starts it once its notice is on the screen, takes the editor back
    /// when it is done. True while it is under way.
    pub(super) fn seal_due(&mut self, ctx: &egui::Context) -> bool {
        match self.sealing.take() {
            None => false,
            Some(Sealing::Asked {
                command,
                number,
                drawn,
            }) if drawn >= 2 => {
                self.start_sealing(command, number, ctx);
                notice_ui(ctx, number);
                true
            }
            Some(Sealing::Asked {
                command,
                number,
                drawn,
            }) => {
                self.sealing = Some(Sealing::Asked {
                    command,
                    number,
                    drawn: drawn + 1,
                });
                notice_ui(ctx, number);
                ctx.request_repaint();
                // The views are drawn behind the notice until the editor leaves.
                false
            }
            Some(Sealing::Running {
                number,
                dir,
                actor,
                done,
            }) => match done.try_recv() {
                Ok((work, result)) => {
                    self.work = Some(work);
                    match result {
                        Ok(()) => self.messages.notice(s::session_closed(number)),
                        Err(refused) => self.refused(*refused),
                    }
                    ctx.request_repaint();
                    false
                }
                Err(TryRecvError::Empty) => {
                    self.sealing = Some(Sealing::Running {
                        number,
                        dir,
                        actor,
                        done,
                    });
                    notice_ui(ctx, number);
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    true
                }
                // The thread ended without giving the editor back (an internal error): the
                // call is read again from its files, where a closing is whole or not at all.
                Err(TryRecvError::Disconnected) => {
                    self.messages.error(s::CLOSING_SESSION_FAILED);
                    match Work::open(&dir, actor) {
                        Ok(work) => self.work = Some(work),
                        Err(e) => self.messages.error(e.to_string()),
                    }
                    false
                }
            },
        }
    }

    fn start_sealing(&mut self, command: Command, number: u32, ctx: &egui::Context) {
        let Some(mut work) = self.work.take() else {
            return;
        };
        let dir = work.editor().dir().to_path_buf();
        let actor = work.editor().actor().clone();
        let (sender, done) = mpsc::channel();
        let wake = ctx.clone();
        std::thread::spawn(move || {
            let result = work.try_apply(command);
            let _ = sender.send((work, result));
            wake.request_repaint();
        });
        self.sealing = Some(Sealing::Running {
            number,
            dir,
            actor,
            done,
        });
    }
}

/// The notice of a closing under way.
fn notice_ui(ctx: &egui::Context, number: u32) {
    let id = egui::Id::unique("chiusura_in_corso");
    // Whole at once, not faded in.
    let area = egui::Modal::default_area(id).fade_in(false);
    egui::Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.heading(s::closing_session_title(number));
        });
        ui.add(egui::Label::new(s::CLOSING_SESSION_WAIT).wrap());
    });
}
