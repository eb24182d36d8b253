//! What the window tells the user: errors stay until closed, notices fade after a few seconds.
//! Nothing fails silently: every refused change and every failed operation ends up here.

use egui::{RichText, Ui};

use super::strings as s;
use super::views::Action;
use super::widgets::{self, Mark, Tone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something was refused or failed: stays until closed.
    Error,
    /// Something was done ("Tutto salvato").
    Done,
    /// Something to know, not a failure ("nessuna cartella scelta").
    Hint,
}

impl Kind {
    /// Seconds the message stays; errors stay until closed.
    fn lasts(self) -> Option<f64> {
        match self {
            Kind::Error => None,
            Kind::Done => Some(4.0),
            Kind::Hint => Some(10.0),
        }
    }

    fn look(self) -> (Mark, Tone) {
        match self {
            Kind::Error => (Mark::Cross, Tone::Bad),
            Kind::Done => (Mark::Tick, Tone::Good),
            Kind::Hint => (Mark::Dot, Tone::Info),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Message {
    pub text: String,
    pub kind: Kind,
    /// `ui.input().time` when it was first shown.
    at: Option<f64>,
    /// A way out offered with an error (*Apri la cartella*): the button's label and what it
    /// asks.
    offer: Option<(&'static str, Action)>,
}

#[derive(Debug, Default)]
pub struct Messages {
    list: Vec<Message>,
}

impl Messages {
    fn post(&mut self, kind: Kind, text: String) {
        // The same message twice in a row is one message.
        if self
            .list
            .last()
            .is_some_and(|m| m.kind == kind && m.text == text)
        {
            return;
        }
        self.list.push(Message {
            text,
            kind,
            at: None,
            offer: None,
        });
    }

    /// An error with a way out: a button labelled `label` that asks `action`.
    pub fn error_offering(&mut self, text: impl Into<String>, label: &'static str, action: Action) {
        self.post(Kind::Error, text.into());
        if let Some(m) = self.list.last_mut() {
            m.offer = Some((label, action));
        }
    }

    /// Forgets every message (another call was opened: what went wrong before is past).
    pub fn clear(&mut self) {
        self.list.clear();
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.post(Kind::Error, text.into());
    }

    pub fn notice(&mut self, text: impl Into<String>) {
        self.post(Kind::Done, text.into());
    }

    pub fn hint(&mut self, text: impl Into<String>) {
        self.post(Kind::Hint, text.into());
    }

    /// Takes away an error that no longer holds (the change was made another way).
    pub fn dismiss(&mut self, text: &str) {
        self.list
            .retain(|m| !(m.kind == Kind::Error && m.text == text));
    }

    pub fn errors(&self) -> impl Iterator<Item = &str> {
        self.list
            .iter()
            .filter(|m| m.kind == Kind::Error)
            .map(|m| m.text.as_str())
    }

    /// The errors, where they are drawn (the bar, the start screen): they stay until closed.
    /// Returns what the user asked with an error's button.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut close = None;
        let mut asked = None;
        for (i, m) in self.list.iter().enumerate() {
            if m.kind != Kind::Error {
                continue;
            }
            let (icon, tone) = m.kind.look();
            ui.horizontal(|ui| {
                widgets::mark(ui, icon, tone);
                ui.add(egui::Label::new(RichText::new(&m.text).color(tone.color(ui))).wrap());
                if let Some((label, action)) = &m.offer
                    && ui.small_button(*label).clicked()
                {
                    asked = Some(action.clone());
                }
                if ui.small_button(s::CLOSE_MESSAGE).clicked() {
                    close = Some(i);
                }
            });
        }
        if let Some(i) = close {
            self.list.remove(i);
        }
        asked
    }

    /// The notices that fade ("Tutto salvato."), drawn over the window in a corner: they come
    /// and go without moving anything, and clicks go through them.
    pub fn toasts_ui(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let mut wake = None::<f64>;
        self.list.retain_mut(|m| {
            let Some(lasts) = m.kind.lasts() else {
                return true;
            };
            let at = *m.at.get_or_insert(now);
            let left = at + lasts - now;
            if left > 0.0 {
                wake = Some(wake.map_or(left, |w| w.min(left)));
            }
            left > 0.0
        });
        let toasts: Vec<&Message> = self
            .list
            .iter()
            .filter(|m| m.kind.lasts().is_some())
            .collect();
        // Drawn every frame, empty or not, so that a notice does not make a new area (which
        // takes frames to place).
        egui::Area::new(egui::Id::unique("avvisi"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -16.0])
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                if !toasts.is_empty() {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_max_width(480.0);
                        for m in toasts {
                            let (icon, tone) = m.kind.look();
                            ui.horizontal(|ui| {
                                widgets::mark(ui, icon, tone);
                                ui.add(
                                    egui::Label::new(RichText::new(&m.text).color(tone.color(ui)))
                                        .wrap(),
                                );
                            });
                        }
                    });
                }
            });
        if let Some(w) = wake {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(w));
        }
    }
}
