//! Score sheets that travel (Valutazione, tab Schede): a commissioner who scores on their own
//! laptop exports their sheet to a file; the secretariat imports it, or exports any member's
//! sheet to carry to another copy of the call. A sheet refused (another call, an older copy, a
//! file edited by hand) says why and writes nothing; two versions of the same revision are shown
//! side by side (see [`confronto`](super::confronto)). The import of scores from a spreadsheet
//! starts here too.

use std::path::PathBuf;

use egui::{RichText, ScrollArea, Ui};

use crate::domain::MemberId;
use crate::editor::Actor;
use crate::import::PlanKind;

use super::confronto;
use crate::app::strings as s;
use crate::app::views::{Action, Desk, importa};
use crate::app::widgets;

#[derive(Default)]
pub struct State {
    /// The export row, open for a member's sheet, with the path typed in it.
    export: Option<(MemberId, String)>,
    /// The path of a sheet to import, as typed.
    import_path: String,
    /// Two versions of one sheet to choose between, found by an import.
    pub versions: Option<confronto::Versions>,
    /// The import of scores from a spreadsheet, while its page is open.
    pub import: Option<importa::State>,
}

pub fn schede_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    if let Some(import) = &mut state.import {
        if !importa::importa_ui(ui, import, desk) {
            state.import = None;
        }
        return;
    }
    if let Some(versions) = &mut state.versions {
        if !confronto::versions_ui(ui, versions, desk) {
            state.versions = None;
        }
        return;
    }
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            widgets::section(ui, s::SHEETS_TITLE);
            widgets::keys_hint(
                ui,
                if desk.secretariat() {
                    s::SHEETS_SECRETARIAT_HINT
                } else {
                    s::SHEETS_MEMBER_HINT
                },
            );
            sheets_ui(ui, state, desk);
            if let Some((member, path)) = &mut state.export {
                export_ui(ui, member, path, desk);
            }
            if desk.can_edit_records() {
                import_ui(ui, state, desk);
            }
        });
}

/// Each voting member's sheet (for a commissioner, their own), with its export button.
fn sheets_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let members: Vec<(MemberId, String)> = desk
        .ws
        .commission()
        .voting_members()
        .filter(|m| match desk.actor {
            Actor::Secretariat => true,
            Actor::Member(me) => *me == m.id,
        })
        .map(|m| (m.id.clone(), m.name.clone()))
        .collect();
    egui::Grid::new("schede")
        .num_columns(3)
        .spacing([16.0, 8.0])
        .striped(true)
        .show(ui, |ui| {
            ui.strong(s::COL_MEMBER);
            ui.strong(s::COL_SCORES);
            ui.end_row();
            for (id, name) in members {
                ui.label(RichText::new(&name).strong());
                match desk.ws.sheet(&id) {
                    Some(sheet) => ui.label(s::sheet_summary(
                        sheet.revision,
                        sheet.scores.len(),
                        sheet.declarations.len(),
                    )),
                    None => ui.weak(s::NO_SHEET_YET),
                };
                let label = match desk.actor {
                    Actor::Member(_) => s::EXPORT_MY_SHEET.to_string(),
                    Actor::Secretariat => s::export_sheet_of(&name),
                };
                let open = state.export.as_ref().is_some_and(|(m, _)| *m == id);
                if ui
                    .selectable_label(open, label)
                    .on_hover_text(s::EXPORT_SHEET_HINT)
                    .clicked()
                {
                    state.export = if open {
                        None
                    } else {
                        let path = desk.dir.join(s::sheet_file_name(id.as_str()));
                        Some((id.clone(), path.display().to_string()))
                    };
                }
                ui.end_row();
            }
        });
}

/// Where to write a sheet: the system's dialog, or a typed path where there is none.
fn export_ui(ui: &mut Ui, member: &MemberId, path: &mut String, desk: &mut Desk) {
    ui.horizontal_wrapped(|ui| {
        if ui.button(s::SAVE_AS).clicked() {
            desk.out.push(Action::ExportSheet {
                member: member.clone(),
                path: None,
            });
        }
        let label = ui.label(s::SAVE_PATH);
        let r = ui
            .add(egui::TextEdit::singleline(path).desired_width(420.0))
            .labelled_by(label.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(s::SAVE_HERE).clicked() || enter) && !path.trim().is_empty() {
            desk.out.push(Action::ExportSheet {
                member: member.clone(),
                path: Some(PathBuf::from(path.trim())),
            });
        }
    });
}

/// The secretariat takes in a member's sheet, or opens the import of scores from a spreadsheet.
fn import_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    widgets::section(ui, s::IMPORT_SHEET);
    widgets::keys_hint(ui, s::IMPORT_SHEET_HINT);
    ui.horizontal_wrapped(|ui| {
        if ui.button(s::PICK_FILE).clicked() {
            desk.out.push(Action::ImportSheet(None));
        }
        let label = ui.label(s::SHEET_PATH);
        let r = ui
            .add(egui::TextEdit::singleline(&mut state.import_path).desired_width(420.0))
            .labelled_by(label.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let path = state.import_path.trim();
        if (ui.button(s::IMPORT_HERE).clicked() || enter) && !path.is_empty() {
            desk.out
                .push(Action::ImportSheet(Some(PathBuf::from(path))));
        }
    });
    ui.add_space(12.0);
    if ui
        .button(s::IMPORT_SCORES)
        .on_hover_text(s::IMPORT_SCORES_HINT)
        .clicked()
    {
        state.import = Some(importa::State::new(PlanKind::Scores));
    }
}
