//! Score sheets that travel, as the command line's `sheet export` and `sheet import` do them
//! (see `crate::workspace::travel`): a member's sheet written to a file on the export thread; a
//! file taken in through the editor, refused with its sentence when it is of another call, an
//! older revision, edited by hand or of an unknown member; two versions of one revision put
//! side by side for the secretariat to choose.

use std::path::{Path, PathBuf};

use crate::domain::{MemberId, Moment, ScoreSheet};
use crate::editor::Command;
use crate::workspace::travel::{self, Refusal};

use super::App;
use super::export::{Document, ExportJob};
use super::strings as s;
use super::views::View;
use super::views::valutazione::{self, confronto::Versions};

/// When a file was last written, if the system says.
fn saved_at(path: &Path) -> Option<Moment> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let timestamp = jiff::Timestamp::try_from(modified).ok()?;
    Some(Moment::from_timestamp(timestamp))
}

/// The file's name as the user knows it, for messages.
fn shown(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl App {
    /// Writes `member`'s sheet, ready to travel, to `path` on the export thread.
    pub(super) fn export_sheet(&mut self, ctx: &egui::Context, member: MemberId, path: PathBuf) {
        let Some(work) = &self.work else { return };
        if self.export.is_some() {
            self.messages.hint(s::EXPORT_BUSY);
            return;
        }
        let ws = work.editor().workspace();
        let name = ws
            .commission()
            .member(&member)
            .map_or_else(|| member.to_string(), |m| m.name.clone());
        let Some(sheet) = ws.sheet(&member) else {
            self.messages.error(s::no_sheet_to_export(&name));
            return;
        };
        // A member exports their own sheet; the secretariat any member's.
        let exported_by = match work.editor().actor() {
            crate::editor::Actor::Member(me) => Some(me),
            crate::editor::Actor::Secretariat => None,
        };
        let text = match travel::export(ws, sheet, exported_by) {
            Ok(text) => text,
            Err(e) => {
                self.messages.error(e.to_string());
                return;
            }
        };
        let document = Document::Sheet {
            name,
            revision: sheet.revision,
            scores: sheet.scores.len(),
        };
        self.export = Some(ExportJob::start(
            ctx,
            document,
            work.editor().dir(),
            path,
            move || Ok(text.into_bytes()),
        ));
    }

    /// Takes in a member's exported sheet through the editor, or says why not; two versions of
    /// one revision open side by side in the Schede tab.
    pub(super) fn import_sheet(&mut self, path: &Path) {
        let Some(work) = &mut self.work else { return };
        let file = shown(path);
        let text = match crate::workspace::files::read_regular(
            path,
            crate::workspace::files::MAX_FILE_BYTES,
        )
        .and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        }) {
            Ok(text) => text,
            Err(e) => {
                self.messages.error(s::cannot_read(
                    &path.display().to_string(),
                    &crate::workspace::os_error::describe(&e),
                ));
                return;
            }
        };
        let ws = work.editor().workspace();
        let sheet = match travel::check(ws, Path::new(&file), &text, None) {
            Ok(incoming) => incoming.sheet,
            Err(refusal @ Refusal::AlreadyHeld { .. }) => {
                self.messages
                    .hint(s::sheet_unchanged(&file, &refusal.to_string()));
                return;
            }
            Err(refusal @ Refusal::Diverged { .. }) => {
                let Refusal::Diverged { member, .. } = &refusal else {
                    return;
                };
                // `check` has verified the call, the hash and the member before saying so.
                let held = MemberId::new(member)
                    .ok()
                    .and_then(|m| ws.sheet(&m).cloned());
                match (held, travel::read_unchecked(&text)) {
                    (Some(held), Some(incoming)) => {
                        let held_saved = work
                            .editor()
                            .sheet_path(&held.member)
                            .and_then(|p| saved_at(&p));
                        let versions =
                            Versions::new(file, held, incoming, held_saved, saved_at(path));
                        self.views.valutazione.sheets.versions = Some(versions);
                        self.views.valutazione.tab = valutazione::Tab::Sheets;
                        self.view = View::Valutazione;
                    }
                    _ => self
                        .messages
                        .error(s::sheet_refused(&file, &refusal.to_string())),
                }
                return;
            }
            Err(refusal) => {
                self.messages
                    .error(s::sheet_refused(&file, &refusal.to_string()));
                return;
            }
        };
        let name = self.member_name(&sheet.member);
        let (revision, scores) = (sheet.revision, sheet.scores.len());
        let Some(work) = &mut self.work else { return };
        match work.try_apply(Command::PutSheet(sheet)) {
            Ok(()) => self
                .messages
                .notice(s::sheet_imported(&name, revision, scores)),
            Err(refused) => self.refused(*refused),
        }
    }

    /// Of two versions of a sheet, the one from the file replaces the one held: through the
    /// editor, journaled, undone by Ctrl+Z.
    pub(super) fn keep_incoming(&mut self, sheet: ScoreSheet) {
        let name = self.member_name(&sheet.member);
        let member = sheet.member.clone();
        let Some(work) = &mut self.work else { return };
        match work.try_apply(Command::PutSheet(sheet)) {
            Ok(()) => {
                let revision = work
                    .editor()
                    .workspace()
                    .sheet(&member)
                    .map_or(0, |s| s.revision);
                self.messages.notice(s::kept_incoming(&name, revision));
            }
            Err(refused) => self.refused(*refused),
        }
    }

    fn member_name(&self, member: &MemberId) -> String {
        self.work
            .as_ref()
            .and_then(|w| w.editor().workspace().commission().member(member))
            .map_or_else(|| member.to_string(), |m| m.name.clone())
    }
}
