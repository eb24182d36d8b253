//! A new call from the start screen: the kind of call (a model, or blank), the folder (the
//! system's dialog on a thread, or a typed path), then the call is written and opened for the
//! secretariat on the Avviso view. And the banner that says a sample call is a sample.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::templates::Template;

use super::dialog::Pending;
use super::strings as s;
use super::widgets::{self, Tone};

/// The new-call page of the start screen.
pub struct NewCall {
    pub template: Template,
    /// The folder to create the call in, as typed or chosen.
    pub folder: String,
    /// The folder dialog, while it is open.
    dialog: Option<Pending>,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

impl NewCall {
    pub fn new() -> NewCall {
        let folder = crate::platform::documents_dir()
            .map(|d| unused(&d.join("Commissione").join(s::NEW_CALL_FOLDER)))
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        NewCall {
            template: Template::Coprogettazione,
            folder,
            dialog: None,
            error: None,
        }
    }

    /// The folder chosen in the dialog, once it closed.
    pub fn poll(&mut self) {
        let Some(answer) = self.dialog.as_ref().and_then(Pending::poll) else {
            return;
        };
        self.dialog = None;
        if let Some(dir) = answer {
            // A folder with files in it gets a new folder inside: a call has one of its own.
            let empty = std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_none());
            let dir = if empty {
                dir
            } else {
                unused(&dir.join(s::NEW_CALL_FOLDER))
            };
            self.folder = dir.display().to_string();
        }
    }
}

impl Default for NewCall {
    fn default() -> Self {
        NewCall::new()
    }
}

/// `path`, or `path-2`, `path-3`…: the first that does not exist.
fn unused(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (2..)
        .map(|n| path.with_file_name(format!("{name}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.to_path_buf())
}

/// What the new-call page asks.
pub enum NewAction {
    Create { dir: PathBuf, template: Template },
    Back,
}

pub fn new_call_ui(ui: &mut Ui, form: &mut NewCall) -> Option<NewAction> {
    form.poll();
    let mut action = None;
    widgets::section(ui, s::NEW_CALL_TITLE);
    widgets::keys_hint(ui, s::NEW_CALL_HINT);
    ui.add_space(4.0);
    ui.label(RichText::new(s::NEW_CALL_KIND).strong());
    for t in Template::ALL {
        ui.horizontal_top(|ui| {
            ui.radio_value(&mut form.template, t, RichText::new(t.title()).strong());
        });
        ui.horizontal_top(|ui| {
            ui.add_space(28.0);
            ui.add(egui::Label::new(RichText::new(t.description()).weak()).wrap());
        });
    }
    ui.add_space(8.0);
    let label = ui.label(RichText::new(s::NEW_CALL_FOLDER_LABEL).strong());
    ui.horizontal_wrapped(|ui| {
        let r = ui
            .add(egui::TextEdit::singleline(&mut form.folder).desired_width(520.0))
            .labelled_by(label.id);
        if r.changed() {
            form.error = None;
        }
        let busy = form.dialog.is_some();
        if ui
            .add_enabled(!busy, egui::Button::new(s::NEW_CALL_PICK))
            .clicked()
        {
            form.dialog = Some(Pending::pick_folder(ui.ctx(), s::NEW_CALL_DIALOG));
        }
        if busy {
            ui.spinner();
        }
    });
    widgets::keys_hint(ui, s::NEW_CALL_FOLDER_HINT);
    if let Some(e) = &form.error {
        widgets::note(ui, Tone::Bad, e.as_str());
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let folder = form.folder.trim();
        if ui
            .add_enabled(
                !folder.is_empty(),
                egui::Button::new(RichText::new(s::NEW_CALL_CREATE).strong()),
            )
            .clicked()
        {
            action = Some(NewAction::Create {
                dir: crate::platform::paths::typed(folder),
                template: form.template,
            });
        }
        if ui.button(s::GO_BACK).clicked() {
            action = Some(NewAction::Back);
        }
    });
    action
}

/// Says that the open call is a sample, with the way to a real one. True when the user asks
/// for a new call.
pub fn sample_banner_ui(ui: &mut Ui, sample: &str) -> bool {
    let mut new = false;
    egui::Frame::new()
        .fill(Tone::Info.background(ui))
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                widgets::note(ui, Tone::Info, s::sample_banner(sample));
                new = ui.button(s::NEW_CALL).clicked();
            });
        });
    new
}
