//! Importing applications or scores from spreadsheets (CSV, XLSX, ODS), as the command line's
//! `import` does, in two steps: the files are read and checked into a plan, shown as a preview
//! (see [`anteprima`](anteprima)); nothing is written until the user confirms, and then
//! the window writes the plan through the editor.

mod anteprima;

use std::path::{Path, PathBuf};

use egui::{RichText, ScrollArea, Ui};

use crate::import::{self, Action as Do, ApplicationFiles, Applied, ImportPlan, PlanKind};

use super::{Action, Desk};
use crate::app::strings as s;
use crate::app::widgets::{self, Tone};

/// A file the import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Applications,
    Budget,
    Cofinancing,
    Scores,
}

impl Slot {
    fn label(self) -> &'static str {
        match self {
            Slot::Applications => s::IMPORT_FILE_APPLICATIONS,
            Slot::Budget => s::IMPORT_FILE_BUDGET,
            Slot::Cofinancing => s::IMPORT_FILE_COFINANCING,
            Slot::Scores => s::IMPORT_FILE_SCORES,
        }
    }

    /// The import a file is for.
    pub fn kind(self) -> PlanKind {
        match self {
            Slot::Scores => PlanKind::Scores,
            _ => PlanKind::Applications,
        }
    }

    fn index(self) -> usize {
        match self {
            Slot::Applications | Slot::Scores => 0,
            Slot::Budget => 1,
            Slot::Cofinancing => 2,
        }
    }
}

/// The import page: the files, the plan once previewed, what was written once confirmed.
pub struct State {
    kind: PlanKind,
    /// The paths typed or chosen, in the order of [`State::slots`].
    paths: [String; 3],
    /// The plan, and the generation of the workspace it was checked against.
    plan: Option<(u64, Box<ImportPlan>)>,
    /// How the last import ended: what it wrote, or why nothing.
    outcome: Option<Result<Applied, String>>,
    /// Where to save the template to fill in, as typed.
    template: String,
}

impl State {
    pub fn new(kind: PlanKind) -> State {
        State {
            kind,
            paths: Default::default(),
            plan: None,
            outcome: None,
            template: String::new(),
        }
    }

    fn slots(&self) -> &'static [Slot] {
        match self.kind {
            PlanKind::Applications => &[Slot::Applications, Slot::Budget, Slot::Cofinancing],
            PlanKind::Scores => &[Slot::Scores],
        }
    }

    /// A file chosen in the system's dialog; the preview is to be made again.
    pub fn set_path(&mut self, slot: Slot, path: &Path) {
        if slot.kind() == self.kind {
            self.paths[slot.index()] = path.display().to_string();
            self.plan = None;
            self.outcome = None;
        }
    }

    /// What the window reports once it applied the plan.
    pub fn finished(&mut self, outcome: Result<Applied, String>) {
        if outcome.is_ok() {
            self.plan = None;
        }
        self.outcome = Some(outcome);
    }

    fn path(&self, slot: Slot) -> Option<PathBuf> {
        let text = self.paths[slot.index()].trim();
        (!text.is_empty()).then(|| PathBuf::from(text))
    }

    /// Reads the files and checks them against the workspace: nothing is written.
    fn preview(&mut self, desk: &Desk) {
        let plan = match self.kind {
            PlanKind::Applications => import::plan_applications(
                desk.ws,
                &ApplicationFiles {
                    applications: self.path(Slot::Applications),
                    budget: self.path(Slot::Budget),
                    cofinancing: self.path(Slot::Cofinancing),
                },
            ),
            PlanKind::Scores => match self.path(Slot::Scores) {
                Some(path) => import::plan_scores(desk.ws, &path),
                None => return,
            },
        };
        self.plan = Some((desk.generation, Box::new(plan)));
    }
}

/// The import page. Returns false when the user closes it.
pub fn importa_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) -> bool {
    let mut open = true;
    ui.horizontal_wrapped(|ui| {
        ui.heading(match state.kind {
            PlanKind::Applications => s::IMPORT_TITLE_APPLICATIONS,
            PlanKind::Scores => s::IMPORT_TITLE_SCORES,
        });
        if ui.button(s::IMPORT_CLOSE).clicked() {
            open = false;
        }
    });
    widgets::keys_hint(ui, s::IMPORT_INTRO);
    if state.kind == PlanKind::Applications {
        template_ui(ui, state, desk);
    }
    files_ui(ui, state, desk);
    ui.separator();
    if let Some(outcome) = &state.outcome {
        outcome_ui(ui, outcome);
    }
    // A plan checked against a workspace that changed since (an import rolled back, a change
    // made elsewhere) is made again, so that what it shows is what importing would do now.
    if let Some((generation, _)) = &state.plan
        && *generation != desk.generation
    {
        state.preview(desk);
    }
    let Some((_, plan)) = &state.plan else {
        return open;
    };
    let plan = plan.clone();
    if !decide_ui(ui, &plan, desk) {
        open = false;
    }
    ui.separator();
    ScrollArea::vertical()
        .id_salt("anteprima")
        .auto_shrink([false, false])
        .show(ui, |ui| anteprima::plan_ui(ui, &plan));
    open
}

/// The template to fill in: saved where the system's dialog or the typed path says.
fn template_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    widgets::row(ui, s::IMPORT_TEMPLATE, |ui, label| {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(s::IMPORT_TEMPLATE_DOWNLOAD)
                .on_hover_text(s::IMPORT_TEMPLATE_HINT)
                .clicked()
            {
                desk.out.push(Action::SaveImportTemplate(None));
            }
            ui.add(
                egui::TextEdit::singleline(&mut state.template)
                    .hint_text(s::IMPORT_TEMPLATE_PATH_HINT)
                    .desired_width(360.0),
            )
            .labelled_by(label);
            let typed = state.template.trim();
            if ui
                .add_enabled(
                    !typed.is_empty(),
                    egui::Button::new(s::IMPORT_TEMPLATE_SAVE),
                )
                .clicked()
            {
                desk.out
                    .push(Action::SaveImportTemplate(Some(PathBuf::from(typed))));
            }
        });
    });
    widgets::keys_hint(ui, s::IMPORT_TEMPLATE_HINT);
}

fn files_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let mut changed = false;
    for &slot in state.slots() {
        let path = &mut state.paths[slot.index()];
        widgets::row(ui, slot.label(), |ui, label| {
            ui.horizontal(|ui| {
                let r = ui
                    .add(
                        egui::TextEdit::singleline(path)
                            .hint_text(s::OPEN_PATH)
                            .desired_width(520.0),
                    )
                    .labelled_by(label);
                changed |= r.changed();
                if ui
                    .button(s::PICK_FILE)
                    .on_hover_text(slot.label())
                    .clicked()
                {
                    desk.out.push(Action::PickImportFile(slot));
                }
            });
        });
    }
    if changed {
        state.plan = None;
        state.outcome = None;
    }
    let any = state.slots().iter().any(|slot| state.path(*slot).is_some());
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(any, egui::Button::new(s::IMPORT_PREVIEW))
            .clicked()
        {
            state.outcome = None;
            state.preview(desk);
        }
        if !any {
            ui.weak(s::IMPORT_NEEDS_FILE);
        }
    });
}

/// The buttons that write the plan, and what each would import. Returns false on "Annulla".
fn decide_ui(ui: &mut Ui, plan: &ImportPlan, desk: &mut Desk) -> bool {
    let mut open = true;
    let errors = plan.has_errors();
    ui.horizontal_wrapped(|ui| {
        let all = plan.blocking == 0 && !errors && plan.writes(false);
        if ui
            .add_enabled(
                all,
                egui::Button::new(RichText::new(s::IMPORT_ALL).strong()),
            )
            .clicked()
        {
            desk.out.push(Action::Import {
                plan: Box::new(plan.clone()),
                only_good_rows: false,
            });
        }
        if errors
            && ui
                .add_enabled(
                    plan.blocking == 0 && plan.writes(true),
                    egui::Button::new(s::IMPORT_GOOD_ROWS),
                )
                .clicked()
        {
            desk.out.push(Action::Import {
                plan: Box::new(plan.clone()),
                only_good_rows: true,
            });
        }
        if ui.button(s::IMPORT_CANCEL).clicked() {
            open = false;
        }
    });
    if plan.blocking > 0 {
        widgets::note(ui, Tone::Bad, s::IMPORT_BLOCKED);
    } else if errors {
        widgets::note(ui, Tone::Warn, s::IMPORT_ALL_DISABLED);
        let good = keys(plan, |a| matches!(a, Do::Create | Do::Update));
        if !good.is_empty() {
            ui.label(s::would_import(&good));
        }
        let bad = keys(plan, |a| a == Do::Rejected);
        if !bad.is_empty() {
            ui.label(s::would_skip(&bad));
        }
    } else if !plan.writes(false) {
        widgets::note(ui, Tone::Info, s::IMPORT_NOTHING_NEW);
    }
    open
}

/// The keys of the items whose action `which` picks, as a list.
fn keys(plan: &ImportPlan, which: impl Fn(Do) -> bool) -> String {
    let all: Vec<&str> = plan
        .items
        .iter()
        .filter(|i| which(i.action))
        .map(|i| i.key.as_str())
        .collect();
    capped(&all)
}

/// A list of keys; of a long one, the first ones and how many more.
fn capped<T: AsRef<str>>(all: &[T]) -> String {
    const SHOWN: usize = 20;
    let mut list = all
        .iter()
        .take(SHOWN)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ");
    if all.len() > SHOWN {
        list.push_str(&s::and_others(all.len() - SHOWN));
    }
    list
}

fn outcome_ui(ui: &mut Ui, outcome: &Result<Applied, String>) {
    match outcome {
        Ok(applied) => {
            if applied.written.is_empty() {
                widgets::note(ui, Tone::Info, s::IMPORT_NOTHING_NEW);
            } else {
                widgets::note(
                    ui,
                    Tone::Good,
                    s::imported(applied.written.len(), &capped(&applied.written)),
                );
                ui.weak(s::IMPORT_NOT_UNDONE);
            }
            if !applied.skipped.is_empty() {
                widgets::note(ui, Tone::Warn, s::skipped(&capped(&applied.skipped)));
            }
        }
        Err(error) => {
            widgets::note(ui, Tone::Bad, error.as_str());
        }
    }
}
