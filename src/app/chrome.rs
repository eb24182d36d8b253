//! The window's frame around the views: the start screen, the bar at the top (who is working,
//! what is unsaved, undo and redo), the side panel with the views, the presentation, and the
//! confirmations.

use egui::{RichText, Ui};

use crate::editor::{Actor, Editor, ReadOnly};

use super::open::{self, StartAction};
use super::settings::{Settings, Theme};
use super::strings as s;
use super::views::{Action, Desk, View, presentazione};
use super::widgets::{self, Tone};
use super::{App, Confirm, Work};

impl App {
    pub(super) fn start_ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let mut action = None;
        egui::CentralPanel::default().show(ui, |ui| {
            // The start screen offers no way out with its errors.
            let _ = self.messages.ui(ui);
            hovering_files_ui(ui);
            action = open::start_ui(ui, &mut self.start, &self.settings);
            ui.add_space(12.0);
            theme_ui(ui, &mut self.settings);
        });
        match action {
            Some(StartAction::Choose(dir)) => self.switch_to(&dir, now),
            Some(StartAction::Open {
                dir,
                actor,
                read_only,
            }) => self.open_as(&dir, actor, read_only),
            Some(StartAction::Sample) => self.write_sample(),
            Some(StartAction::Forget(dir)) => self.settings.forget(&dir),
            Some(StartAction::Back) => self.start.choice = None,
            Some(StartAction::Create { dir, template }) => self.create(&dir, template),
            None => {}
        }
    }

    pub(super) fn work_ui(&mut self, ui: &mut Ui, now: f64, out: &mut Vec<Action>) {
        let Some(work) = &mut self.work else { return };
        let bar = Bar {
            can_undo: work.can_undo(),
            can_redo: work.can_redo(),
            unsaved: work.drafts.len(),
            stale: stale_holder(&mut self.stale, work, now),
        };
        let all_marks = work.sees_all_marks();
        let (editor, drafts, generation) = work.parts();

        egui::Panel::top("barra").show(ui, |ui| {
            bar_ui(ui, editor, &bar, out);
            read_only_ui(ui, editor, bar.stale, out);
            warnings_ui(ui, editor);
            if let Some(name) = &self.sample
                && super::nuovo::sample_banner_ui(ui, name)
            {
                out.push(Action::Leave {
                    force: false,
                    new_call: true,
                });
            }
            if let Some(action) = self.messages.ui(ui) {
                out.push(action);
            }
            App::amend_offer_ui(ui, &mut self.amend);
        });

        egui::Panel::left("viste")
            .resizable(false)
            .exact_size(196.0)
            .show(ui, |ui| {
                side_panel_ui(ui, self.view, &mut self.settings, editor, out);
            });

        egui::CentralPanel::default().show(ui, |ui| {
            hovering_files_ui(ui);
            let mut desk = Desk {
                dir: editor.dir(),
                ws: editor.workspace(),
                eval: editor.evaluation(),
                problems: editor.problems(),
                actor: editor.actor(),
                writable: editor.read_only().is_none(),
                all_marks,
                generation,
                now,
                drafts,
                out,
            };
            self.views.ui(self.view, ui, &mut desk);
        });
    }

    pub(super) fn presentation_ui(&mut self, ui: &mut Ui, now: f64, out: &mut Vec<Action>) {
        let Some(work) = &mut self.work else { return };
        let all_marks = work.sees_all_marks();
        let (editor, drafts, generation) = work.parts();
        let mut stay = true;
        egui::CentralPanel::default().show(ui, |ui| {
            let mut desk = Desk {
                dir: editor.dir(),
                ws: editor.workspace(),
                eval: editor.evaluation(),
                problems: editor.problems(),
                actor: editor.actor(),
                writable: false,
                all_marks,
                generation,
                now,
                drafts,
                out,
            };
            stay = presentazione::presentazione_ui(ui, &mut self.views.presentazione, &mut desk);
        });
        if !stay {
            out.push(Action::TogglePresentation);
        }
    }

    pub(super) fn confirm_ui(&mut self, ctx: &egui::Context, out: &mut Vec<Action>) {
        let Some(confirm) = &self.confirm else { return };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("conferma")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            let (title, text, yes) = match confirm {
                Confirm::Close(waiting) => {
                    (s::CONFIRM_CLOSE_TITLE, waiting.join("\n"), s::CLOSE_ANYWAY)
                }
                Confirm::Leave(waiting) => {
                    (s::CONFIRM_LEAVE_TITLE, waiting.join("\n"), s::LEAVE_ANYWAY)
                }
                Confirm::TakeOver(who) => (
                    s::CONFIRM_TAKE_OVER_TITLE,
                    s::take_over_text(who),
                    s::TAKE_OVER,
                ),
            };
            ui.heading(title);
            if matches!(confirm, Confirm::Close(_) | Confirm::Leave(_)) {
                ui.label(s::UNSAVED_EXPLAIN);
            }
            ui.add(egui::Label::new(text).wrap());
            answer = widgets::confirm_row(ui, yes, true);
        });
        let Some(yes) = answer else { return };
        let Some(confirm) = self.confirm.take() else {
            return;
        };
        if !yes {
            return;
        }
        out.push(match confirm {
            Confirm::Close(_) => Action::Close,
            Confirm::Leave(_) => Action::Leave {
                force: true,
                new_call: false,
            },
            Confirm::TakeOver(_) => Action::TakeOver,
        });
    }
}

/// What the bar at the top shows of the work: the undo and redo stacks, the drafts, and
/// whether the holder of the lock looks gone.
struct Bar {
    can_undo: bool,
    can_redo: bool,
    unsaved: usize,
    stale: bool,
}

/// The bar's first line: the call, who is working, what is unsaved, undo, redo, save, present.
fn bar_ui(ui: &mut Ui, editor: &Editor, bar: &Bar, out: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        // The call's title can be two lines long: the bar shows its start.
        ui.scope(|ui| {
            ui.set_max_width((ui.available_width() * 0.4).max(200.0));
            ui.add(
                egui::Label::new(RichText::new(&editor.workspace().call().title).strong())
                    .truncate(),
            )
            .on_hover_text(editor.dir().display().to_string());
        });
        ui.separator();
        ui.label(actor_text(editor));
        ui.separator();
        if bar.unsaved > 0 {
            widgets::note(ui, Tone::Warn, s::unsaved(bar.unsaved));
        } else if editor.read_only().is_none() {
            widgets::note(ui, Tone::Good, s::SAVED);
        }
        ui.separator();
        if ui
            .add_enabled(bar.can_undo, egui::Button::new(s::UNDO))
            .on_hover_text(s::UNDO_HINT)
            .clicked()
        {
            out.push(Action::Undo);
        }
        if ui
            .add_enabled(bar.can_redo, egui::Button::new(s::REDO))
            .on_hover_text(s::REDO_HINT)
            .clicked()
        {
            out.push(Action::Redo);
        }
        if ui.button(s::SAVE).on_hover_text(s::SAVE_HINT).clicked() {
            out.push(Action::SaveAll);
        }
        if ui
            .button(s::PRESENT)
            .on_hover_text(s::PRESENT_HINT)
            .clicked()
        {
            out.push(Action::Present(None));
        }
    });
}

/// Who is working, as the bar says it.
fn actor_text(editor: &Editor) -> String {
    match editor.actor() {
        // Open only to read by choice (the projector, a second computer).
        _ if matches!(editor.read_only(), Some(ReadOnly::Chosen)) => {
            s::ACTOR_CONSULTATION.to_string()
        }
        Actor::Secretariat => s::ACTOR_SECRETARIAT.to_string(),
        Actor::Member(m) => s::actor_member(
            &editor
                .workspace()
                .commission()
                .member(m)
                .map_or_else(|| m.to_string(), |m| m.name.clone()),
        ),
    }
}

/// Why the call is open only to read, with *Aggiorna* and, when the holder looks gone,
/// *Prendi il controllo*.
fn read_only_ui(ui: &mut Ui, editor: &Editor, stale: bool, out: &mut Vec<Action>) {
    let Some(ro) = editor.read_only() else { return };
    ui.horizontal_wrapped(|ui| {
        let why = match ro {
            ReadOnly::Busy(h) => {
                s::read_only_busy(&h.who, &h.host, &crate::italian::moment(h.since))
            }
            ReadOnly::Journal(e) => s::read_only_journal(e),
            ReadOnly::Chosen => s::READ_ONLY_CHOSEN.to_string(),
            ReadOnly::Unfinished(_) => ro.reason(),
        };
        widgets::note(ui, Tone::Warn, why);
        if ui
            .button(s::REFRESH)
            .on_hover_text(s::REFRESH_HINT)
            .clicked()
        {
            out.push(Action::Refresh);
        }
        if let ReadOnly::Busy(holder) = ro
            && stale
            && ui.button(s::TAKE_OVER).clicked()
        {
            out.push(Action::AskTakeOver(holder.who.clone()));
        }
    });
}

/// Data a closed session fixed that were changed by hand, and the files that could not be read.
fn warnings_ui(ui: &mut Ui, editor: &Editor) {
    if !editor.sealed_warnings().is_empty() {
        // Not collapsed: data a signed verbale fixed were changed behind its back.
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(s::SEALED_DATA_CHANGED)
                    .strong()
                    .color(Tone::Bad.color(ui)),
            );
            for warning in editor.sealed_warnings() {
                widgets::note(ui, Tone::Bad, warning.as_str());
            }
        });
    }
    if !editor.problems().is_empty() {
        egui::CollapsingHeader::new(
            RichText::new(s::problems_on_open(editor.problems().len())).color(Tone::Warn.color(ui)),
        )
        .id_salt("problemi")
        .show(ui, |ui| {
            for p in editor.problems() {
                ui.add(egui::Label::new(p.to_string()).wrap());
            }
        });
    }
}

/// The side panel: the views, where things stand, another call, the theme, the keys.
fn side_panel_ui(
    ui: &mut Ui,
    current: View,
    settings: &mut Settings,
    editor: &Editor,
    out: &mut Vec<Action>,
) {
    ui.add_space(6.0);
    for (i, view) in View::ALL.iter().enumerate() {
        let text = RichText::new(view.title()).size(17.0);
        if ui
            .add_sized(
                [ui.available_width(), 30.0],
                egui::Button::selectable(current == *view, text),
            )
            .on_hover_text(s::view_key(i + 1))
            .clicked()
        {
            out.push(Action::Goto(*view, None));
        }
    }
    ui.add_space(12.0);
    ui.separator();
    side_status_ui(ui, editor);
    ui.separator();
    if ui.button(s::CHANGE_CALL).clicked() {
        out.push(Action::Leave {
            force: false,
            new_call: false,
        });
    }
    theme_ui(ui, settings);
    egui::CollapsingHeader::new(s::KEYS_TITLE)
        .id_salt("tasti")
        .show(ui, |ui| {
            widgets::keys_hint(ui, s::KEYS_TEXT);
        });
}

/// Whether the holder of the lock looks gone; checked every few seconds only.
fn stale_holder(cache: &mut Option<(f64, bool)>, work: &Work, now: f64) -> bool {
    let Some(ReadOnly::Busy(holder)) = work.editor().read_only() else {
        return false;
    };
    match cache {
        Some((at, stale)) if now - *at < 5.0 => *stale,
        _ => {
            let stale = holder.looks_stale(crate::editor::now());
            *cache = Some((now, stale));
            stale
        }
    }
}

fn side_status_ui(ui: &mut Ui, editor: &crate::editor::Editor) {
    let eval = editor.evaluation();
    let undecided = eval
        .applications
        .values()
        .filter(|r| !r.admission.decided)
        .count();
    ui.weak(s::side_applications(eval.applications.len(), undecided));
    let progress = &eval.diagnostics.progress;
    let mine: Vec<_> = match editor.actor() {
        Actor::Member(m) => progress.iter().filter(|p| &p.member == m).collect(),
        Actor::Secretariat => progress.iter().collect(),
    };
    for p in mine {
        let name = editor
            .workspace()
            .commission()
            .member(&p.member)
            .map_or_else(|| p.member.to_string(), |m| m.name.clone());
        ui.weak(s::side_progress(
            &name,
            p.applications_done,
            p.applications_to_score,
        ));
    }
}

fn theme_ui(ui: &mut Ui, settings: &mut Settings) {
    let themes = [
        (Theme::System, s::THEME_SYSTEM),
        (Theme::Light, s::THEME_LIGHT),
        (Theme::Dark, s::THEME_DARK),
    ];
    let current = themes
        .iter()
        .find(|(t, _)| *t == settings.theme)
        .map_or(s::THEME_SYSTEM, |(_, l)| *l);
    ui.horizontal(|ui| {
        widgets::combo(ui, s::THEME, current, 100.0, |ui| {
            for (theme, label) in themes {
                ui.selectable_value(&mut settings.theme, theme, label);
            }
        });
    });
}

/// While files are dragged over the window, says what dropping them does.
fn hovering_files_ui(ui: &mut Ui) {
    if ui.input(|i| !i.raw.hovered_files.is_empty()) {
        widgets::note(ui, Tone::Info, s::DROP_NOW);
    }
}
