//! Opening a call: the start screen (native folder dialog, a typed path where no dialog is
//! available, drag and drop, recent calls) and the choice of who is using the program.

use std::path::{Path, PathBuf};

use egui::{RichText, ScrollArea, Ui};

use crate::domain::Member;
use crate::editor::Actor;
use crate::italian;
use crate::workspace::{self, files};

use super::dialog::Pending;
use super::settings::Settings;
use super::strings as s;
use super::widgets::{self, Tone};

/// A call's folder read far enough to ask who is using it.
pub struct Choice {
    pub dir: PathBuf,
    pub title: String,
    pub authority: String,
    pub voting: Vec<Member>,
    /// Problems found reading it (files left out): shown again once it is open.
    pub problems: usize,
    /// The name of the sample it is, if it is one.
    pub sample: Option<&'static str>,
}

impl Choice {
    pub fn load(dir: &Path) -> Result<Choice, String> {
        if !dir.is_dir() {
            return Err(s::not_a_folder(&dir.display().to_string()));
        }
        if !dir.join(files::CALL).is_file() {
            return Err(s::no_call_in(&dir.display().to_string(), files::CALL));
        }
        let loaded = workspace::load(dir);
        let problems = loaded.problems.len();
        match loaded.workspace {
            Some(ws) => Ok(Choice {
                dir: dir.to_path_buf(),
                title: ws.call().title.clone(),
                authority: ws.call().authority.clone(),
                voting: ws.commission().voting_members().cloned().collect(),
                problems,
                sample: crate::samples::sample_of(ws.call()),
            }),
            None => {
                let list: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
                Err(s::unreadable(&dir.display().to_string(), &list.join("\n")))
            }
        }
    }
}

/// What the start screen asks the window to do.
pub enum StartAction {
    /// Look at this folder and ask who is using it.
    Choose(PathBuf),
    Open {
        dir: PathBuf,
        actor: Actor,
        read_only: bool,
    },
    /// Write the sample call into the documents folder and choose it.
    Sample,
    Forget(PathBuf),
    /// Back from the choice of role to the choice of folder.
    Back,
    /// Create a new call from a model in a new folder, and open it.
    Create {
        dir: PathBuf,
        template: crate::templates::Template,
    },
}

#[derive(Default)]
pub struct Start {
    pub typed: String,
    pub choice: Option<Choice>,
    dialog: Option<Pending>,
    /// The new-call page, while it is open.
    pub new: Option<super::nuovo::NewCall>,
}

impl Start {
    /// Opens the system's folder dialog; the frame goes on while it is open.
    pub fn pick_folder(&mut self, ctx: &egui::Context) {
        if self.dialog.is_none() {
            self.dialog = Some(Pending::pick_folder(ctx, s::DIALOG_TITLE));
        }
    }

    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// The folder chosen in the dialog, once it closed: `Some(None)` when it gave none.
    pub fn poll_dialog(&mut self) -> Option<Option<PathBuf>> {
        let answer = self.dialog.as_ref()?.poll()?;
        self.dialog = None;
        Some(answer)
    }
}

pub fn start_ui(ui: &mut Ui, start: &mut Start, settings: &Settings) -> Option<StartAction> {
    let mut action = None;
    ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(12.0);
        ui.heading(s::APP_TITLE);
        ui.label(s::APP_SUBTITLE);
        ui.add_space(12.0);
        if let Some(form) = &mut start.new {
            match super::nuovo::new_call_ui(ui, form) {
                Some(super::nuovo::NewAction::Create { dir, template }) => {
                    action = Some(StartAction::Create { dir, template })
                }
                Some(super::nuovo::NewAction::Back) => start.new = None,
                None => {}
            }
            return;
        }
        match &start.choice {
            Some(choice) => action = role_ui(ui, choice),
            None => action = folder_ui(ui, start, settings),
        }
    });
    action
}

fn folder_ui(ui: &mut Ui, start: &mut Start, settings: &Settings) -> Option<StartAction> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        let big = |text: &str| {
            egui::Button::new(RichText::new(text).strong()).min_size([220.0, 36.0].into())
        };
        if ui
            .add(big(s::NEW_CALL))
            .on_hover_text(s::NEW_CALL_HINT)
            .clicked()
        {
            start.new = Some(super::nuovo::NewCall::new());
        }
        let busy = start.dialog_open();
        if ui.add_enabled(!busy, big(s::PICK_FOLDER)).clicked() {
            start.pick_folder(ui.ctx());
        }
        if ui
            .add(big(s::SAMPLE_OPEN))
            .on_hover_text(s::SAMPLE_TEXT)
            .clicked()
        {
            action = Some(StartAction::Sample);
        }
    });
    widgets::section(ui, s::OPEN_CALL);
    ui.horizontal_wrapped(|ui| {
        let busy = start.dialog_open();
        if busy {
            ui.spinner();
            ui.label(s::DIALOG_OPEN);
        }
    });
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(s::TYPED_PATH);
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut start.typed)
                    .hint_text(s::TYPED_PATH_HINT)
                    .desired_width(420.0),
            )
            .labelled_by(label.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(s::OPEN).clicked() || enter) && !start.typed.trim().is_empty() {
            action = Some(StartAction::Choose(crate::platform::paths::typed(
                &start.typed,
            )));
        }
    });
    widgets::keys_hint(ui, s::DROP_HINT);
    if !settings.recent.is_empty() {
        widgets::section(ui, s::RECENT);
        for dir in &settings.recent {
            ui.horizontal(|ui| {
                if ui.link(dir.display().to_string()).clicked() {
                    action = Some(StartAction::Choose(dir.clone()));
                }
                if ui
                    .small_button(s::REMOVE)
                    .on_hover_text(s::FORGET_RECENT)
                    .clicked()
                {
                    action = Some(StartAction::Forget(dir.clone()));
                }
            });
        }
    }
    widgets::section(ui, s::SAMPLE_TITLE);
    ui.label(s::SAMPLE_TEXT);
    action
}

fn role_ui(ui: &mut Ui, choice: &Choice) -> Option<StartAction> {
    let mut action = None;
    ui.label(RichText::new(&choice.title).heading());
    ui.label(&choice.authority);
    ui.weak(choice.dir.display().to_string());
    if choice.problems > 0 {
        widgets::note(ui, Tone::Warn, s::problems_on_open(choice.problems));
    }
    if let Some(name) = choice.sample {
        widgets::note(ui, Tone::Info, s::sample_banner(name));
    }
    widgets::section(ui, s::WHO_ARE_YOU);
    let open = |actor: Actor, read_only: bool| StartAction::Open {
        dir: choice.dir.clone(),
        actor,
        read_only,
    };
    if ui
        .add(
            egui::Button::new(RichText::new(s::ROLE_SECRETARIAT).strong())
                .min_size([320.0, 32.0].into()),
        )
        .clicked()
    {
        action = Some(open(Actor::Secretariat, false));
    }
    widgets::keys_hint(ui, s::ROLE_SECRETARIAT_HINT);
    ui.add_space(8.0);
    for m in &choice.voting {
        let label = s::role_member(&m.name, italian::role(m.role));
        if ui
            .add(egui::Button::new(label).min_size([320.0, 32.0].into()))
            .clicked()
        {
            action = Some(open(Actor::Member(m.id.clone()), false));
        }
    }
    widgets::keys_hint(ui, s::ROLE_MEMBER_HINT);
    ui.add_space(8.0);
    if ui
        .add(egui::Button::new(s::ROLE_READ_ONLY).min_size([320.0, 32.0].into()))
        .clicked()
    {
        action = Some(open(Actor::Secretariat, true));
    }
    widgets::keys_hint(ui, s::ROLE_READ_ONLY_HINT);
    ui.add_space(16.0);
    if ui.button(s::OTHER_CALL).clicked() {
        action = Some(StartAction::Back);
    }
    action
}
