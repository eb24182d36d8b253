//! The window: the whole evaluation in one egui app, for a committee in a meeting room.
//!
//! [`App`] holds everything and draws with [`App::ui`], which both the eframe window and the
//! tests (egui_kittest) call. Views never change the workspace themselves: they ask with
//! [`views::Action`]s, which the app applies through the [`crate::editor::Editor`] after the
//! frame; text being typed is a draft until saved (see [`drafts`]).

mod actions;
mod amend;
mod chrome;
mod dialog;
mod drafts;
mod editing;
mod export;
mod messages;
mod nuovo;
mod open;
mod sealing;
mod settings;
mod sheets;
pub mod strings;
mod typed;
mod views;
mod widgets;
mod work;

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::{Ui, ViewportCommand};

use crate::cli::Exit;
use crate::editor::{Actor, OpenError};
use crate::workspace::files;

use messages::Messages;
use open::{Choice, Start};
pub use settings::{Settings, Theme};
use strings as s;
pub use views::{Action, View};
use views::{Desk, Views, presentazione};
pub use work::Work;

/// Opens the window. `dir` comes from `commissione open DIR`; without it the last call opens,
/// or on first start the sample. Two variables help demonstrations and screenshots (see the
/// README): `COMMISSIONE_RUOLO` (`segreteria` or a member's id) skips the choice of role, and
/// `COMMISSIONE_VISTA` (a view's name, e.g. `graduatoria`, or `presentazione`) picks the first
/// view.
pub fn run(dir: Option<PathBuf>) -> Exit {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(s::APP_TITLE)
            .with_app_id("commissione")
            .with_inner_size([1280.0, 720.0])
            .with_min_inner_size([800.0, 560.0])
            .with_drag_and_drop(true)
            .with_icon(window_icon()),
        ..Default::default()
    };
    let role = std::env::var("COMMISSIONE_RUOLO").ok();
    let view = std::env::var("COMMISSIONE_VISTA").ok();
    let result = eframe::run_native(
        s::APP_TITLE,
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|st| eframe::get_value(st, eframe::APP_KEY))
                .unwrap_or_default();
            let mut app = App::new(settings, dir);
            if let Some(role) = role {
                app.choose_role(&role);
            }
            match view.as_deref() {
                Some(PRESENTATION) => {
                    app.presenting = app.work.is_some();
                    app.start_presentation(None);
                }
                Some(name) => match View::from_name(name) {
                    Some(view) => app.view = view,
                    None => app.messages.error(s::unknown_view(name)),
                },
                None => {}
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => Exit::Ok,
        Err(e) => {
            let message = s::window_failed(&e.to_string());
            eprintln!("{message}");
            // Opened with a double click, the program has no console to print to.
            #[cfg(windows)]
            crate::platform::show_error(s::APP_TITLE, &message);
            Exit::DataErrors
        }
    }
}

/// The program's icon (`assets/icon/`) in the title bar and the task bar.
fn window_icon() -> std::sync::Arc<egui::IconData> {
    let png = include_bytes!("../../assets/icon/icon-256.png");
    std::sync::Arc::new(eframe::icon_data::from_png_bytes(png).unwrap_or_default())
}

/// `COMMISSIONE_VISTA=presentazione` starts in the presentation mode.
const PRESENTATION: &str = "presentazione";

/// What opens a file or a folder with the system's program for it.
pub type Opener = fn(&Path) -> std::io::Result<()>;

/// A confirmation the window waits for.
enum Confirm {
    /// Closing with drafts that cannot be saved.
    Close(Vec<String>),
    /// Leaving the call (another call, another role) with drafts that cannot be saved.
    Leave(Vec<String>),
    /// Taking the lock from an instance that looks gone.
    TakeOver(String),
}

pub struct App {
    settings: Settings,
    work: Option<Work>,
    start: Start,
    view: View,
    views: Views,
    messages: Messages,
    presenting: bool,
    confirm: Option<Confirm>,
    export: Option<export::ExportJob>,
    /// A file dialog, while it is open, and what its answer is for.
    dialog: Option<(dialog::Purpose, dialog::Pending)>,
    /// A change refused because a closed session fixed it, which the secretariat may make as
    /// an amendment in a later session.
    amend: Option<amend::Offer>,
    /// What opens a written document or a folder with the system (the viewer, the file
    /// manager); none in tests, which may put their own.
    opener: Option<Opener>,
    /// Set once the user confirmed closing: the next close request goes through.
    closing: bool,
    /// A session being closed: the editor is on a thread of its own meanwhile (see
    /// [`sealing`]).
    sealing: Option<sealing::Sealing>,
    theme: Option<Theme>,
    title: String,
    /// Whether the lock's holder looked gone, and when that was last checked (a file system
    /// look-up: not every frame).
    stale: Option<(f64, bool)>,
    /// The name of the sample the open call is, if it is one: a banner says so.
    sample: Option<String>,
    /// When a call open only to read last looked at its files (`ui.input().time`).
    followed_at: f64,
    /// Requests made from outside the frame (tests), done with the next frame's.
    requested: Vec<Action>,
}

impl App {
    /// The window as it starts: the call in `dir`, else the last one, else the start screen,
    /// which offers a new call, opening one, the recent ones and the sample. The user then says
    /// who they are.
    pub fn new(settings: Settings, dir: Option<PathBuf>) -> App {
        let mut app = App::blank(settings);
        if let Some(dir) = dir.or_else(|| app.settings.last.clone()) {
            app.choose(&dir);
        }
        app
    }

    /// The call in `dir`, open with a role: what the tests start from.
    pub fn open(dir: &Path, actor: Actor) -> Result<App, OpenError> {
        let mut app = App::blank(Settings::default());
        let work = Work::open(dir, actor)?;
        app.opened(dir, work);
        Ok(app)
    }

    fn blank(settings: Settings) -> App {
        App {
            settings,
            work: None,
            start: Start::default(),
            view: View::Candidature,
            views: Views::default(),
            messages: Messages::default(),
            presenting: false,
            confirm: None,
            export: None,
            dialog: None,
            amend: None,
            opener: Some(crate::platform::open_with_system),
            closing: false,
            sealing: None,
            theme: None,
            title: String::new(),
            stale: None,
            sample: None,
            followed_at: 0.0,
            requested: Vec::new(),
        }
    }

    pub fn work(&self) -> Option<&Work> {
        self.work.as_ref()
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn set_view(&mut self, view: View) {
        self.view = view;
    }

    /// Whether a written verbale opens in the system's PDF viewer; tests turn it off.
    pub fn set_open_documents(&mut self, open: bool) {
        self.opener = open.then_some(crate::platform::open_with_system as Opener);
    }

    /// What opens documents and folders in their place (tests).
    pub fn set_opener(&mut self, opener: Opener) {
        self.opener = Some(opener);
    }

    /// Asks what a view could ask (tests: a request that no button offers here), done after
    /// the next frame with the frame's own, by the same road.
    pub fn request(&mut self, action: Action) {
        self.requested.push(action);
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The errors the window shows now.
    pub fn errors(&self) -> Vec<String> {
        self.messages.errors().map(str::to_string).collect()
    }

    /// Looks at a folder and asks who is using it.
    fn choose(&mut self, dir: &Path) {
        match Choice::load(dir) {
            Ok(choice) => self.start.choice = Some(choice),
            Err(e) => {
                self.messages.error(e);
                self.start.choice = None;
            }
        }
    }

    /// For `COMMISSIONE_RUOLO`: opens the chosen folder as the secretariat or a member.
    fn choose_role(&mut self, role: &str) {
        let Some(choice) = &self.start.choice else {
            return;
        };
        let actor = if role == "segreteria" {
            Actor::Secretariat
        } else {
            match choice.voting.iter().find(|m| m.id.as_str() == role) {
                Some(m) => Actor::Member(m.id.clone()),
                None => {
                    self.messages.error(s::unknown_role(role));
                    return;
                }
            }
        };
        let dir = choice.dir.clone();
        self.open_as(&dir, actor, false);
    }

    fn write_sample(&mut self) {
        let Some(dir) = settings::sample_dir() else {
            self.messages.error(s::NO_DOCUMENTS_FOLDER);
            return;
        };
        if !dir.join(files::CALL).exists()
            && let Err(e) = crate::samples::write(settings::FIRST_SAMPLE, &dir)
        {
            self.messages.error(s::sample_failed(&e.to_string()));
            return;
        }
        self.choose(&dir);
    }

    fn open_as(&mut self, dir: &Path, actor: Actor, read_only: bool) {
        match Work::open(dir, actor) {
            Ok(mut work) => {
                if read_only {
                    work.set_read_only();
                }
                self.opened(dir, work);
            }
            Err(e) => self.messages.error(e.to_string()),
        }
    }

    fn opened(&mut self, dir: &Path, work: Work) {
        self.settings.remember(dir);
        self.view = match work.editor().actor() {
            Actor::Member(_) => View::Valutazione,
            Actor::Secretariat => View::Candidature,
        };
        self.views = Views::default();
        self.start.choice = None;
        self.presenting = false;
        self.stale = None;
        self.sample =
            crate::samples::sample_of(work.editor().workspace().call()).map(str::to_string);
        // What went wrong before (a folder that was not a call) is past.
        self.messages.clear();
        if let Some(r) = work.editor().recovered() {
            self.messages.notice(r.message());
        }
        self.work = Some(work);
    }

    /// Creates a new call from `template` in `dir` and opens it for the secretariat on the
    /// Avviso view; a refusal (a folder not empty) stays on the new-call page.
    fn create(&mut self, dir: &Path, template: crate::templates::Template) {
        let today = crate::editor::now().date();
        match crate::templates::create(dir, template, today) {
            Ok(_) => {
                self.start.new = None;
                self.open_as(dir, Actor::Secretariat, false);
                if self.work.is_some() {
                    self.view = View::Avviso;
                    self.messages
                        .notice(s::call_created(&dir.display().to_string()));
                }
            }
            Err(e) => {
                if let Some(form) = &mut self.start.new {
                    form.error = Some(e.to_string());
                }
            }
        }
    }

    /// Leaves the open call for the start screen, saving what can be saved.
    fn leave(&mut self, now: f64, force: bool) {
        self.save_due(now, true);
        if let Some(work) = &mut self.work {
            if work.unsaved() && !force {
                self.confirm = Some(Confirm::Leave(work.drafts.waiting()));
                return;
            }
            let dir = work.editor().dir().to_path_buf();
            self.work = None;
            self.amend = None;
            self.choose(&dir);
        }
    }

    /// Draws the whole window.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ui.input(|i| i.time);
        self.apply_theme(&ctx);
        self.poll(&ctx);
        if self.seal_due(&ctx) {
            // The editor is away, closing a session: nothing else is drawn or done meanwhile,
            // the notice stands on the window's plain background.
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
            if ctx.input(|i| i.viewport().close_requested()) {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.messages.error(s::CLOSING_SESSION_NOT_NOW);
            }
            self.messages.toasts_ui(&ctx);
            return;
        }
        self.dropped(&ctx, now);
        self.close_requested(&ctx, now);
        self.refresh(now, false);
        // What the user asks while the frame is drawn (a view, the bar, a key, a dialog) is
        // done here, after it, in one place: `act`.
        let mut out = std::mem::take(&mut self.requested);
        if self.work.is_none() {
            self.start_ui(ui);
        } else {
            self.shortcuts(&ctx, &mut out);
            if self.presenting {
                self.presentation_ui(ui, now, &mut out);
            } else {
                self.work_ui(ui, now, &mut out);
            }
        }
        self.confirm_ui(&ctx, &mut out);
        self.amend_dialog_ui(&ctx, &mut out);
        self.messages.toasts_ui(&ctx);
        self.act(out, &ctx, now);
        if self.work.is_some() {
            self.save_due(now, false);
            self.wake(&ctx, now);
        }
        self.title(&ctx);
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.preference());
            self.theme = Some(self.settings.theme);
        }
    }

    fn title(&mut self, ctx: &egui::Context) {
        let title = match &self.work {
            Some(w) => s::window_title(&w.editor().workspace().call().title, w.unsaved()),
            None => s::APP_TITLE.to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// A folder dropped on the window opens it.
    fn dropped(&mut self, ctx: &egui::Context, now: f64) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.first() {
            // A dropped avviso.ron means its folder.
            let dir = if path.is_file() {
                path.parent().map(Path::to_path_buf).unwrap_or_default()
            } else {
                path.clone()
            };
            self.switch_to(&dir, now);
        }
    }

    fn switch_to(&mut self, dir: &Path, now: f64) {
        if self.work.is_some() {
            self.leave(now, false);
            if self.work.is_some() {
                return;
            }
        }
        self.choose(dir);
    }

    fn close_requested(&mut self, ctx: &egui::Context, now: f64) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.closing {
            return;
        }
        if !self.may_close(now) {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
    }

    /// Saves what can be saved; false (and a confirmation shown) when something typed cannot be.
    pub fn may_close(&mut self, now: f64) -> bool {
        self.save_due(now, true);
        let Some(work) = &mut self.work else {
            return true;
        };
        if work.unsaved() {
            self.confirm = Some(Confirm::Close(work.drafts.waiting()));
            return false;
        }
        true
    }

    /// Wakes the window when a draft falls quiet (to save it) and to refresh the lock.
    fn wake(&mut self, ctx: &egui::Context, now: f64) {
        let Some(work) = &mut self.work else { return };
        work.keep_alive();
        if let Some(secs) = work.drafts.next_pause(now) {
            ctx.request_repaint_after(Duration::from_secs_f64(secs + 0.05));
        }
        if work.editor().read_only().is_some() {
            // To follow the window that writes.
            ctx.request_repaint_after(Duration::from_secs_f64(actions::FOLLOW_EVERY));
        }
        ctx.request_repaint_after(Duration::from_secs(60));
    }

    fn start_presentation(&mut self, application: Option<&crate::domain::Protocol>) {
        let Some(work) = &mut self.work else { return };
        let all_marks = work.sees_all_marks();
        let (editor, drafts, generation) = work.parts();
        let mut out = Vec::new();
        let desk = Desk {
            dir: editor.dir(),
            ws: editor.workspace(),
            eval: editor.evaluation(),
            problems: editor.problems(),
            actor: editor.actor(),
            writable: false,
            all_marks,
            generation,
            now: 0.0,
            drafts,
            out: &mut out,
        };
        presentazione::start(&mut self.views.presentazione, &desk, application);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
