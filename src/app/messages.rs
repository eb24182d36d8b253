//! What the window tells the user: errors stay until closed, notices fade after a few seconds.
//! Nothing fails silently: every refused change and every failed operation ends up here.

use egui::{RichText, Ui};

use super::strings as s;
use super::widgets::{self, Mark, Tone};

/// Seconds a notice stays.
const NOTICE_SECONDS: f64 = 5.0;

#[derive(Debug, Clone)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// `ui.input().time` when it was posted; 0 until the first frame shows it.
    at: Option<f64>,
}

#[derive(Debug, Default)]
pub struct Messages {
    list: Vec<Message>,
}

impl Messages {
    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        // The same refusal twice in a row is one message.
        if self.list.last().is_some_and(|m| m.error && m.text == text) {
            return;
        }
        self.list.push(Message {
            text,
            error: true,
            at: None,
        });
    }

    pub fn notice(&mut self, text: impl Into<String>) {
        self.list.push(Message {
            text: text.into(),
            error: false,
            at: None,
        });
    }

    pub fn errors(&self) -> impl Iterator<Item = &str> {
        self.list
            .iter()
            .filter(|m| m.error)
            .map(|m| m.text.as_str())
    }

    pub fn ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let mut close = None;
        let mut wake = None::<f64>;
        for (i, m) in self.list.iter_mut().enumerate() {
            let at = *m.at.get_or_insert(now);
            if !m.error {
                let left = at + NOTICE_SECONDS - now;
                if left <= 0.0 {
                    close = Some(i);
                    continue;
                }
                wake = Some(wake.map_or(left, |w| w.min(left)));
            }
            let tone = if m.error { Tone::Bad } else { Tone::Good };
            ui.horizontal(|ui| {
                let icon = if m.error { Mark::Cross } else { Mark::Tick };
                widgets::mark(ui, icon, tone);
                ui.add(egui::Label::new(RichText::new(&m.text).color(tone.color(ui))).wrap());
                if m.error && ui.small_button(s::CLOSE_MESSAGE).clicked() {
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
