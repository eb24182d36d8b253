//! What the views ask of the window, done after the frame: changes through the editor (a refusal
//! is reported, with the offer of an amendment where one can be made), documents written in the
//! background, the system's file dialogs and what their answers are for, imports.

use std::path::PathBuf;

use crate::editor::Command;
use crate::import::ImportPlan;

use super::App;
use super::dialog::{Pending, Purpose};
use super::strings as s;
use super::views::Action;

impl App {
    pub(super) fn act(&mut self, out: Vec<Action>, ctx: &egui::Context, now: f64) {
        for action in out {
            match action {
                Action::Apply(command) => self.apply(command, now),
                Action::Goto(view, application) => {
                    self.save_due(now, false);
                    self.view = view;
                    if let Some(p) = application {
                        self.views.select(view, p);
                    }
                }
                Action::ExportMinutes(session) => self.export_minutes(ctx, session),
                Action::ExportRanking => self.export_ranking(ctx),
                Action::ExportLetters => self.export_letters(ctx),
                Action::ExportTransparency => self.export_transparency(ctx),
                Action::ExportScorePdf(member) => {
                    self.save_due(now, true);
                    self.export_score_pdf(ctx, member);
                }
                Action::ExportSpreadsheet(Some(path)) => self.export_spreadsheet(ctx, path),
                Action::ExportSpreadsheet(None) => self.ask(ctx, Purpose::Spreadsheet),
                Action::Present(application) => {
                    self.presenting = true;
                    self.start_presentation(application.as_ref());
                }
                Action::ExportSheet {
                    member,
                    path: Some(path),
                } => {
                    // What is being typed goes in the sheet first.
                    self.save_due(now, true);
                    self.export_sheet(ctx, member, path);
                }
                Action::ExportSheet { member, path: None } => {
                    self.ask(ctx, Purpose::ExportSheet(member))
                }
                Action::ImportSheet(Some(path)) => {
                    self.save_due(now, true);
                    self.import_sheet(&path);
                }
                Action::ImportSheet(None) => self.ask(ctx, Purpose::ImportSheet),
                Action::KeepIncomingSheet(sheet) => self.keep_incoming(*sheet),
                Action::PickImportFile(slot) => self.ask(ctx, Purpose::ImportFile(slot)),
                Action::Import {
                    plan,
                    only_good_rows,
                } => self.import(&plan, only_good_rows, now),
                Action::Notice(text) => self.messages.notice(text),
                Action::ReleaseAccess(id) => self.release_access(&id),
                Action::SaveImportTemplate(Some(path)) => self.save_import_template(&path),
                Action::SaveImportTemplate(None) => self.ask(ctx, Purpose::ImportTemplate),
            }
        }
    }

    /// A change asked by a view, through the editor.
    fn apply(&mut self, command: Command, now: f64) {
        let closing = match &command {
            Command::CloseSession(id) => {
                // What is typed in the session (its end time, a note) goes in before the seal.
                self.save_due(now, true);
                self.work
                    .as_ref()
                    .and_then(|w| w.editor().workspace().session(id))
                    .map(|s| s.number)
            }
            _ => None,
        };
        let Some(work) = &mut self.work else { return };
        match work.try_apply(command) {
            Ok(()) => {
                if let Some(number) = closing {
                    self.messages.notice(s::session_closed(number));
                }
            }
            Err(refused) => self.refused(*refused),
        }
    }

    /// Writes the bundle of a granted access request and journals its release.
    fn release_access(&mut self, id: &crate::domain::AccessId) {
        let Some(work) = &mut self.work else { return };
        match work.release_access(id) {
            Ok(folder) => self
                .messages
                .notice(s::access_release_done(&folder.display().to_string())),
            Err(e) => self
                .messages
                .error(s::access_release_failed(&e.to_string())),
        }
    }

    /// Opens a file dialog for `purpose`, unless one is open already.
    fn ask(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let Some(work) = &self.work else { return };
        if self.dialog.is_some() {
            return;
        }
        let dir = work.editor().dir();
        let pending = match &purpose {
            Purpose::Spreadsheet => Pending::save_file(
                ctx,
                s::SAVE_DIALOG_TITLE,
                dir,
                s::SPREADSHEET_NAME,
                &[(s::SPREADSHEET_FILTER, &["xlsx", "ods", "csv"])],
            ),
            Purpose::ExportSheet(member) => Pending::save_file(
                ctx,
                s::SHEET_DIALOG_TITLE,
                dir,
                &s::sheet_file_name(member.as_str()),
                &[(s::SHEET_FILTER, &["ron"])],
            ),
            Purpose::ImportSheet => Pending::pick_file(
                ctx,
                s::SHEET_DIALOG_TITLE,
                dir,
                &[(s::SHEET_FILTER, &["ron"])],
            ),
            Purpose::ImportFile(_) => Pending::pick_file(
                ctx,
                s::IMPORT_FILE_DIALOG,
                dir,
                &[(s::IMPORT_FILTER, &["csv", "txt", "xlsx", "xls", "ods"])],
            ),
            Purpose::ImportTemplate => Pending::save_file(
                ctx,
                s::IMPORT_TEMPLATE_DIALOG,
                dir,
                s::IMPORT_TEMPLATE_NAME,
                &[(s::IMPORT_TEMPLATE_FILTER, &["xlsx", "ods"])],
            ),
        };
        self.dialog = Some((purpose, pending));
    }

    /// Background work: the folder dialog of the start screen, the file dialogs, the documents
    /// being written.
    pub(super) fn poll(&mut self, ctx: &egui::Context) {
        match self.start.poll_dialog() {
            Some(Some(dir)) => self.switch_to(&dir, ctx.input(|i| i.time)),
            Some(None) => self.messages.hint(s::DIALOG_NOTHING),
            None => {}
        }
        if let Some((_, pending)) = &self.dialog
            && let Some(answer) = pending.poll()
            && let Some((purpose, _)) = self.dialog.take()
        {
            self.answered(ctx, purpose, answer);
        }
        if let Some(job) = &self.export
            && let Some(result) = job.poll()
        {
            let document = job.document().clone();
            self.export = None;
            self.exported(document, result);
        }
    }

    fn answered(&mut self, ctx: &egui::Context, purpose: Purpose, answer: Option<PathBuf>) {
        let Some(path) = answer else {
            self.messages.hint(match purpose {
                Purpose::Spreadsheet | Purpose::ExportSheet(_) | Purpose::ImportTemplate => {
                    s::SAVE_DIALOG_NOTHING
                }
                Purpose::ImportSheet | Purpose::ImportFile(_) => s::OPEN_DIALOG_NOTHING,
            });
            return;
        };
        match purpose {
            Purpose::Spreadsheet => self.export_spreadsheet(ctx, path),
            Purpose::ExportSheet(member) => self.export_sheet(ctx, member, path),
            Purpose::ImportSheet => self.import_sheet(&path),
            Purpose::ImportTemplate => self.save_import_template(&path),
            Purpose::ImportFile(slot) => {
                if let Some(state) = self.views.import_mut(slot.kind()) {
                    state.set_path(slot, &path);
                }
            }
        }
    }

    /// Writes the template to fill in for an import of applications, with the call's lots.
    fn save_import_template(&mut self, path: &std::path::Path) {
        let Some(work) = &self.work else { return };
        let path = match crate::import::template::TemplateFormat::of(path) {
            Some(_) => path.to_path_buf(),
            // No extension, or another: the XLSX the dialog proposes.
            None => path.with_extension("xlsx"),
        };
        let format = crate::import::template::TemplateFormat::of(&path)
            .unwrap_or(crate::import::template::TemplateFormat::Xlsx);
        // An export never goes over a file of the call.
        let written = crate::workspace::guard::guard_output(work.editor().dir(), &path)
            .and_then(|()| {
                crate::import::template::template(work.editor().workspace().call(), format)
                    .map_err(|e| e.to_string())
            })
            .and_then(|bytes| {
                crate::workspace::write_atomic(&path, &bytes).map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => self
                .messages
                .notice(s::import_template_saved(&path.display().to_string())),
            Err(e) => self
                .messages
                .error(s::import_template_failed(&path.display().to_string(), &e)),
        }
    }

    /// Writes a previewed import through the editor; the import page shows how it ended.
    fn import(&mut self, plan: &ImportPlan, only_good_rows: bool, now: f64) {
        self.save_due(now, true);
        let Some(work) = &mut self.work else { return };
        let outcome = work.import(plan, only_good_rows).map_err(|e| e.to_string());
        if let Err(e) = &outcome {
            self.messages.error(e.clone());
        }
        if let Some(state) = self.views.import_mut(plan.kind) {
            state.finished(outcome);
        }
    }
}
