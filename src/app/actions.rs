//! What the views ask of the window, done after the frame: changes through the editor (a refusal
//! is reported, with the offer of an amendment where one can be made), documents written in the
//! background, the system's file dialogs and what their answers are for, imports.

use std::path::PathBuf;

use crate::domain::{CriterionId, MemberId, Points, Protocol};
use crate::editor::{Actor, Command};
use crate::import::ImportPlan;

use super::dialog::{Pending, Purpose};
use super::drafts::{Field, Stale};
use super::strings as s;
use super::views::Action;
use super::{App, Confirm};

/// Seconds between two looks at the files of a call open only to read.
pub(super) const FOLLOW_EVERY: f64 = 1.5;

impl App {
    pub(super) fn act(&mut self, out: Vec<Action>, ctx: &egui::Context, now: f64) {
        for action in out {
            if self.shows_hidden_marks(&action) {
                self.messages.error(s::EXPORT_AFTER_YOURS);
                continue;
            }
            match action {
                // Drawn as under way first: it may take a while (see `sealing`).
                Action::Apply(command @ Command::CloseSession(_)) => {
                    self.seal_later(command, ctx, now);
                }
                Action::Apply(command) => {
                    self.apply(command);
                }
                change @ (Action::ApplyDropping { .. }
                | Action::ChooseOutcome { .. }
                | Action::SaveBudget
                | Action::DiscardBudget
                | Action::Mark { .. }) => self.change(change),
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
                Action::Undo => self.undo(now),
                Action::Redo => self.redo(now),
                Action::SaveAll => self.save_all(now),
                Action::Leave { force, new_call } => {
                    self.leave(now, force);
                    if new_call && self.work.is_none() {
                        self.start.choice = None;
                        self.start.new = Some(super::nuovo::NewCall::new());
                    }
                }
                Action::AskTakeOver(who) => self.confirm = Some(Confirm::TakeOver(who)),
                Action::TakeOver => self.take_over(),
                Action::Refresh => self.refresh(now, true),
                Action::Amend(reason) => self.amend(reason),
                Action::OpenFolder(dir) => self.open_folder(&dir),
                Action::TogglePresentation => self.toggle_presentation(ctx),
                Action::ToggleFullscreen => {
                    let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
                }
                Action::Close => {
                    self.closing = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Independent judgement, whichever road a request came by (a button, a key, a dialog): a
    /// document with the others' marks or the points made of them — the public ranking, the
    /// letters, a verbale, the score matrix, another member's sheet — is not written for a
    /// member before their own marks on every application. (The transparency table has the
    /// grants only; a member's own sheet, their own marks.)
    fn shows_hidden_marks(&mut self, action: &Action) -> bool {
        let Some(work) = &mut self.work else {
            return false;
        };
        let leaks = match action {
            Action::ExportRanking
            | Action::ExportLetters
            | Action::ExportMinutes(_)
            | Action::ExportSpreadsheet(_) => true,
            Action::ExportScorePdf(member) | Action::ExportSheet { member, .. } => {
                !matches!(work.editor().actor(), Actor::Member(me) if me == member)
            }
            _ => false,
        };
        leaks && !work.sees_all_marks()
    }

    /// The requests that change the call and, with it, the drafts being typed: the drafts go
    /// only with a change that was saved.
    fn change(&mut self, action: Action) {
        match action {
            Action::ApplyDropping { command, stale } => {
                if self.apply(command)
                    && let Some(work) = &mut self.work
                {
                    work.drafts.discard_where(|f| stale.covers(f));
                }
            }
            Action::ChooseOutcome {
                application,
                outcome,
                reason,
                record,
            } => {
                let Some(work) = &mut self.work else { return };
                work.drafts
                    .discard_where(|f| Stale::Decisions(application.clone()).covers(f));
                let field = Field::Decision {
                    application,
                    outcome,
                };
                work.drafts.start(field.clone(), reason);
                if record {
                    work.drafts.finish(field);
                }
            }
            Action::SaveBudget => {
                if let Some(work) = &mut self.work {
                    work.drafts.finish_budget();
                }
            }
            Action::DiscardBudget => {
                if let Some(work) = &mut self.work {
                    work.drafts.set_budget(None);
                }
            }
            Action::Mark {
                member,
                application,
                criterion,
                value,
            } => {
                let reason = Field::Reason {
                    member: member.clone(),
                    application: application.clone(),
                    criterion: criterion.clone(),
                };
                let command = self.mark(member, application, criterion, value);
                self.apply(command);
                // The reason typed went with the judgement, or waits on its own (then it
                // says why, and stays in its box).
                if let Some(work) = &mut self.work
                    && work.drafts.get(&reason).is_some()
                {
                    work.drafts.finish(reason);
                }
            }
            _ => {}
        }
    }

    /// Takes the lock from an instance the user confirmed is gone.
    fn take_over(&mut self) {
        let Some(work) = &mut self.work else { return };
        match work.take_over() {
            Ok(()) => self.messages.notice(s::TAKEN_OVER),
            Err(e) => {
                self.messages
                    .error(s::take_over_failed(&crate::workspace::os_error::describe(
                        &e,
                    )))
            }
        }
    }

    /// A window open only to read follows the files: read again when they changed (every
    /// couple of seconds at most), or now (*Aggiorna*).
    pub(super) fn refresh(&mut self, now: f64, asked: bool) {
        let Some(work) = &mut self.work else { return };
        if work.editor().read_only().is_none() {
            return;
        }
        if !asked && now - self.followed_at < FOLLOW_EVERY {
            return;
        }
        self.followed_at = now;
        if work.follow(asked) && asked {
            self.messages.notice(s::REFRESHED);
        }
    }

    /// Opens a folder in the system's file manager; a failure is said in Italian.
    fn open_folder(&mut self, dir: &std::path::Path) {
        let Some(open) = self.opener else { return };
        if let Err(e) = open(dir) {
            self.messages.error(s::open_folder_failed(
                &dir.display().to_string(),
                &crate::workspace::os_error::describe(&e),
            ));
        }
    }

    /// The change a judgement asks for: with the reason being typed, or else the one saved. The
    /// draft of the reason is not touched: once the judgement is saved it matches and goes.
    fn mark(
        &self,
        member: MemberId,
        application: Protocol,
        criterion: CriterionId,
        value: Points,
    ) -> Command {
        let field = Field::Reason {
            member: member.clone(),
            application: application.clone(),
            criterion: criterion.clone(),
        };
        let reason = self.work.as_ref().and_then(|w| {
            w.drafts
                .get(&field)
                .map(|d| d.text.trim().to_string())
                .or_else(|| {
                    let ws = w.editor().workspace();
                    ws.score(&member, &application, &criterion)
                        .map(|s| s.reason.clone())
                })
        });
        Command::Score {
            member,
            application,
            criterion,
            value: Some(value),
            reason: reason.unwrap_or_default(),
        }
    }

    /// A change asked by a view, through the editor: whether it was saved. Closing a session
    /// goes its own way (see `sealing`), taken in `act`.
    fn apply(&mut self, command: Command) -> bool {
        let Some(work) = &mut self.work else {
            return false;
        };
        match work.try_apply(command) {
            Ok(()) => true,
            Err(refused) => {
                self.refused(*refused);
                false
            }
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
                crate::workspace::write_atomic(&path, &bytes)
                    .map_err(|e| crate::workspace::os_error::describe(&e))
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
