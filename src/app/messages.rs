//! What the window tells the user: errors stay until closed, notices fade after a few seconds.
//! Nothing fails silently: every refused change and every failed operation ends up here.

use egui::{RichText, Ui};

use super::strings as s;
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
        });
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

    pub fn ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let mut close = None;
        let mut wake = None::<f64>;
        for (i, m) in self.list.iter_mut().enumerate() {
            let at = *m.at.get_or_insert(now);
            if let Some(lasts) = m.kind.lasts() {
                let left = at + lasts - now;
                if left <= 0.0 {
                    close = Some(i);
                    continue;
                }
                wake = Some(wake.map_or(left, |w| w.min(left)));
            }
            let (icon, tone) = m.kind.look();
            ui.horizontal(|ui| {
                widgets::mark(ui, icon, tone);
                ui.add(egui::Label::new(RichText::new(&m.text).color(tone.color(ui))).wrap());
                if m.kind == Kind::Error && ui.small_button(s::CLOSE_MESSAGE).clicked() {
                    close = Some(i);
                }
            });
        }
        if let Some(i) = close {
            self.list.remove(i);
        }
        if let Some(w) = wake {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(w));
        }
    }
}
