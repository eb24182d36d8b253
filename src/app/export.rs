//! Writing documents in the background (a long call's verbale takes seconds): the verbale of a
//! session and the public ranking as PDF, opened afterwards with the system's viewer, and the
//! spreadsheets, and a member's score sheet. The frame never waits: the window polls the job's
//! channel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::domain::{LotId, SessionId, Workspace};
use crate::import::{self, workbook};
use crate::minutes;
use crate::rules::Evaluation;
use crate::workspace::files;
use crate::workspace::guard::guard_output;
use crate::workspace::os_error;

use super::App;
use super::strings as s;
use super::views::Action;

#[derive(Debug, Clone, Default)]
pub enum ExportStatus {
    #[default]
    Idle,
    Writing {
        session: SessionId,
    },
    Done {
        session: SessionId,
        path: PathBuf,
    },
    Failed {
        session: SessionId,
        error: String,
    },
}

impl ExportStatus {
    pub fn busy(&self) -> bool {
        matches!(self, ExportStatus::Writing { .. })
    }
}

/// What a background job writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    Minutes(SessionId),
    /// The ranking for publication, without personal data.
    PublicRanking,
    /// The ranking and the score matrix for a spreadsheet.
    Spreadsheet,
    /// The letters to the applicants (a folder).
    Letters,
    /// The table for Amministrazione trasparente.
    Transparency,
    /// A member's score sheet as PDF, to sign.
    ScorePdf,
    /// A member's score sheet, to carry to another copy of the call.
    Sheet {
        name: String,
        revision: u32,
        scores: usize,
    },
}

pub struct ExportJob {
    document: Document,
    receiver: Receiver<Result<PathBuf, String>>,
}

impl ExportJob {
    /// Runs `write` (which makes the file's bytes) on a thread, saves them atomically as
    /// `path`, and wakes the window when done. Every export of the window comes here: `path`
    /// is refused, before anything is made, when it is a file of the call in `call` (see
    /// [`guard_output`]).
    pub fn start(
        ctx: &egui::Context,
        document: Document,
        call: &Path,
        path: PathBuf,
        write: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) -> ExportJob {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let call = call.to_path_buf();
        std::thread::spawn(move || {
            let result = guard_output(&call, &path)
                .and_then(|()| write())
                .and_then(|bytes| save(&path, &bytes).map(|()| path));
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        ExportJob { document, receiver }
    }

    /// Runs `write`, which writes its files itself and says where, on a thread.
    pub fn start_files(
        ctx: &egui::Context,
        document: Document,
        write: impl FnOnce() -> Result<PathBuf, String> + Send + 'static,
    ) -> ExportJob {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = sender.send(write());
            ctx.request_repaint();
        });
        ExportJob { document, receiver }
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    /// How it ended, once it did: the file written, or why not.
    pub fn poll(&self) -> Option<Result<PathBuf, String>> {
        match self.receiver.try_recv() {
            Err(TryRecvError::Empty) => None,
            Ok(result) => Some(result),
            Err(TryRecvError::Disconnected) => Some(Err(s::EXPORT_INTERRUPTED.into())),
        }
    }
}

/// The spreadsheet of the ranking and the score matrix, every lot, as the file's extension
/// says: `.xlsx`, `.ods` (both sheets) or `.csv` (the ranking only).
pub fn spreadsheet_writer(
    ws: Workspace,
    evaluation: Evaluation,
    path: &Path,
) -> Result<impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static, String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(extension.as_str(), "xlsx" | "ods" | "csv") {
        return Err(s::unknown_extension(&path.display().to_string()));
    }
    Ok(move || {
        let moment = crate::minutes::ranking_moment(&ws);
        let lots: Vec<LotId> = ws.call().lots.iter().map(|l| l.id.clone()).collect();
        let ranking = import::export::ranking(&ws, &evaluation, &lots);
        let matrix = import::export::matrix(&ws, &evaluation, &lots);
        match extension.as_str() {
            "csv" => Ok(workbook::csv(&ranking)),
            "ods" => workbook::ods(&[ranking, matrix], moment).map_err(|e| e.to_string()),
            _ => workbook::xlsx(&[ranking, matrix], moment).map_err(|e| e.to_string()),
        }
    })
}

/// Where a session's verbale is written: `verbali/verbale-02-s2.pdf` in the call's folder, the
/// name the command line gives it too.
pub fn minutes_path(dir: &Path, ws: &Workspace, session: &SessionId) -> PathBuf {
    let number = ws.session(session).map_or(0, |s| s.number);
    let id = files::file_name_for(session.as_str());
    dir.join(files::MINUTES).join(format!(
        "verbale-{number:02}-{}.pdf",
        id.trim_end_matches(".ron")
    ))
}

/// Where the public ranking is written: `verbali/graduatoria.pdf`, as the command line does.
pub fn ranking_path(dir: &Path) -> PathBuf {
    dir.join(files::MINUTES).join("graduatoria.pdf")
}

/// What makes the verbale's bytes, run on the export thread: as the command line issues it
/// (see [`minutes::issued_minutes_pdf`]), `kept` reading what was kept at closing; a draft is
/// dated `drafted`.
pub fn minutes_writer(
    ws: Workspace,
    session: SessionId,
    kept: impl FnOnce() -> minutes::Kept + Send + 'static,
    drafted: crate::domain::Moment,
) -> impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static {
    move || {
        let kept = ws
            .session(&session)
            .and_then(|s| s.seal.as_ref())
            .map(|_| kept());
        minutes::issued_minutes_pdf_at(&ws, &session, kept.as_ref(), drafted)
            .map_err(|e| e.to_string())
    }
}

/// What makes the public ranking's bytes, run on the export thread.
pub fn ranking_writer(ws: Workspace) -> impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static {
    move || minutes::ranking_pdf(&ws).map_err(|e| e.to_string())
}

/// Writes an export, every failure said in Italian (`os_error`).
fn save(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        crate::workspace::create_folders(parent)
            .map_err(|e| s::cannot_write(&parent.display().to_string(), &os_error::describe(&e)))?;
    }
    crate::workspace::write_atomic(path, bytes)
        .map_err(|e| s::cannot_write(&path.display().to_string(), &os_error::describe(&e)))
}

/// Why a written document could not be shown, in Italian. "Not found" for a file that is
/// there means the program that shows it is missing.
fn cannot_open(path: &Path, e: &std::io::Error) -> String {
    let why = if e.kind() == std::io::ErrorKind::NotFound && path.exists() {
        s::NO_VIEWER.to_string()
    } else {
        os_error::describe(e)
    };
    s::cannot_open(&path.display().to_string(), &why)
}

impl App {
    /// Opens a written document in the system's viewer; when it cannot be shown, says why in
    /// Italian and offers to open its folder instead.
    fn show_document(&mut self, path: &Path) {
        let Some(open) = self.opener else { return };
        if let Err(e) = open(path) {
            let e = cannot_open(path, &e);
            let folder = path.parent().unwrap_or(path).to_path_buf();
            self.messages
                .error_offering(e, s::OPEN_FOLDER, Action::OpenFolder(folder));
        }
    }

    /// Reports a finished export: the verbale opens in the system's viewer, the spreadsheet's
    /// place is said.
    pub(super) fn exported(&mut self, document: Document, result: Result<PathBuf, String>) {
        match (document, result) {
            (Document::Minutes(session), Ok(path)) => {
                self.show_document(&path);
                self.views.sedute.export = ExportStatus::Done { session, path };
            }
            (Document::Minutes(session), Err(error)) => {
                self.messages.error(error.clone());
                self.views.sedute.export = ExportStatus::Failed { session, error };
            }
            (Document::PublicRanking, Ok(path)) => {
                self.show_document(&path);
                self.messages
                    .notice(s::ranking_written(&path.display().to_string()));
            }
            (Document::PublicRanking, Err(error)) => self.messages.error(error),
            (Document::Letters | Document::Transparency, Ok(path)) => self
                .messages
                .notice(s::documents_written(&path.display().to_string())),
            (Document::ScorePdf, Ok(path)) => {
                self.show_document(&path);
                self.messages
                    .notice(s::documents_written(&path.display().to_string()));
            }
            (Document::Letters | Document::Transparency | Document::ScorePdf, Err(error)) => {
                self.messages.error(error)
            }
            (Document::Spreadsheet, Ok(path)) => self
                .messages
                .notice(s::spreadsheet_written(&path.display().to_string())),
            (Document::Spreadsheet, Err(error)) => self.messages.error(error),
            (
                Document::Sheet {
                    name,
                    revision,
                    scores,
                },
                Ok(path),
            ) => self.messages.notice(s::sheet_exported(
                &name,
                revision,
                scores,
                &path.display().to_string(),
            )),
            (Document::Sheet { .. }, Err(error)) => self.messages.error(error),
        }
    }

    /// Writes the ranking and the score matrix as a spreadsheet, on a thread.
    pub(super) fn export_spreadsheet(&mut self, ctx: &egui::Context, path: PathBuf) {
        let Some(work) = &self.work else { return };
        if self.export.is_some() {
            self.messages.hint(s::EXPORT_BUSY);
            return;
        }
        let (ws, evaluation) = (
            work.editor().workspace().clone(),
            work.editor().evaluation().clone(),
        );
        match spreadsheet_writer(ws, evaluation, &path) {
            Ok(write) => {
                self.export = Some(ExportJob::start(
                    ctx,
                    Document::Spreadsheet,
                    work.editor().dir(),
                    path,
                    write,
                ))
            }
            Err(e) => self.messages.error(e),
        }
    }

    /// Writes the public ranking (no personal data) as PDF on a thread, then opens it.
    pub(super) fn export_ranking(&mut self, ctx: &egui::Context) {
        let Some(work) = &self.work else { return };
        if self.export.is_some() {
            self.messages.hint(s::EXPORT_BUSY);
            return;
        }
        let ws = work.editor().workspace().clone();
        let path = ranking_path(work.editor().dir());
        let authority = ws.call().authority.clone();
        let title = ws.call().title.clone();
        let approved = ws
            .sessions_in_order()
            .into_iter()
            .rev()
            .find(|s| s.kind == crate::domain::SessionKind::Final)
            .is_some_and(|s| s.seal.is_some());
        let write = ranking_writer(ws);
        let call = work.editor().dir().to_path_buf();
        self.export = Some(ExportJob::start_files(
            ctx,
            Document::PublicRanking,
            move || {
                // Refused before anything is made when it would replace a file of the call.
                guard_output(&call, &path)?;
                guard_output(&call, &crate::documents::agid::beside(&path))?;
                let bytes = write()?;
                save(&path, &bytes)?;
                // The AgID metadata beside it, dated as the ranking says it was issued.
                let dated = minutes::stamp_in_pdf(&bytes)
                    .and_then(|s| s.issued)
                    .unwrap_or_else(minutes::issue_moment);
                crate::documents::ranking_metadata(&path, &authority, &title, dated, approved)
                    .map_err(|e| {
                        s::cannot_write(
                            &crate::documents::agid::beside(&path).display().to_string(),
                            &os_error::describe(&e),
                        )
                    })?;
                Ok(path)
            },
        ));
    }

    /// Readers of the records every closed session kept, to run on the export thread.
    fn kept_records(&self) -> impl FnOnce() -> Vec<(SessionId, Vec<u8>)> + Send + 'static {
        let readers: Vec<_> = self
            .work
            .iter()
            .flat_map(|work| {
                work.editor()
                    .workspace()
                    .sessions_in_order()
                    .into_iter()
                    .filter(|s| s.seal.is_some())
                    .map(|s| (s.id.clone(), work.editor().sealed_record_reader(&s.id)))
                    .collect::<Vec<_>>()
            })
            .collect();
        move || {
            readers
                .into_iter()
                .filter_map(|(id, read)| read().map(|bytes| (id, bytes)))
                .collect()
        }
    }

    /// Writes a letter to each applicant, with its AgID metadata, in `verbali/comunicazioni/`.
    pub(super) fn export_letters(&mut self, ctx: &egui::Context) {
        let Some(work) = &self.work else { return };
        if self.export.is_some() {
            self.messages.hint(s::EXPORT_BUSY);
            return;
        }
        let ws = work.editor().workspace().clone();
        let dir = work.editor().dir().to_path_buf();
        let folder = crate::documents::letters_folder(&dir);
        let kept = self.kept_records();
        self.export = Some(ExportJob::start_files(ctx, Document::Letters, move || {
            let kept = kept();
            let mut read =
                |id: &SessionId| kept.iter().find(|(k, _)| k == id).map(|(_, b)| b.clone());
            crate::documents::write_letters(&dir, &ws, &mut read, minutes::issue_moment(), &folder)
                .map(|_| folder)
        }));
    }

    /// Writes the table for Amministrazione trasparente as `verbali/trasparenza.csv` and `.ods`.
    pub(super) fn export_transparency(&mut self, ctx: &egui::Context) {
        let Some(work) = &self.work else { return };
        if self.export.is_some() {
            self.messages.hint(s::EXPORT_BUSY);
            return;
        }
        let ws = work.editor().workspace().clone();
        let dir = work.editor().dir().to_path_buf();
        let base = dir.join(files::MINUTES).join("trasparenza.csv");
        let kept = self.kept_records();
        self.export = Some(ExportJob::start_files(
            ctx,
            Document::Transparency,
            move || {
                let kept = kept();
                let mut read =
                    |id: &SessionId| kept.iter().find(|(k, _)| k == id).map(|(_, b)| b.clone());
                crate::documents::write_transparency(
                    &dir,
                    &ws,
                    &mut read,
                    minutes::issue_moment(),
                    &base,
                )
                .map(|[csv, _]| csv)
            },
        ));
    }

    /// Writes a member's score sheet to sign as `verbali/scheda-ID.pdf`, then opens it.
    pub(super) fn export_score_pdf(
        &mut self,
        ctx: &egui::Context,
        member: crate::domain::MemberId,
    ) {
        let Some(work) = &self.work else { return };
        if self.export.is_some() {
            self.messages.hint(s::EXPORT_BUSY);
            return;
        }
        let ws = work.editor().workspace().clone();
        let path = work
            .editor()
            .dir()
            .join(files::MINUTES)
            .join(format!("scheda-{member}.pdf"));
        let kept = self.kept_records();
        let call = work.editor().dir().to_path_buf();
        self.export = Some(ExportJob::start(
            ctx,
            Document::ScorePdf,
            &call,
            path,
            move || {
                let kept = kept();
                let mut read =
                    |id: &SessionId| kept.iter().find(|(k, _)| k == id).map(|(_, b)| b.clone());
                crate::documents::sheet_pdf(&ws, &member, &mut read, minutes::issue_moment())
                    .unwrap_or_else(|| Err(s::no_such_member(member.as_str())))
            },
        ));
    }

    /// Writes the session's verbale on a thread; the Sedute view shows the progress, and the
    /// PDF opens in the system's viewer when it is written. A closed session's is drawn from
    /// the record kept when it closed, read on that thread too.
    pub(super) fn export_minutes(&mut self, ctx: &egui::Context, session: SessionId) {
        let Some(work) = &self.work else { return };
        if self.export.is_some() {
            self.messages.hint(s::EXPORT_BUSY);
            return;
        }
        let ws = work.editor().workspace().clone();
        let path = minutes_path(work.editor().dir(), &ws, &session);
        self.views.sedute.export = ExportStatus::Writing {
            session: session.clone(),
        };
        let kept = work.editor().kept_record_reader(&session);
        let drafted = minutes::issue_moment();
        // The AgID metadata beside it, dated as the verbale: by the closing, or by this export.
        let metadata = ws.session(&session).map(|s| {
            (
                ws.call().authority.clone(),
                ws.call().title.clone(),
                s.number,
                s.kind == crate::domain::SessionKind::ReservedScoring,
                s.seal.as_ref().map_or(drafted, |seal| seal.closed_at),
                s.seal.is_some(),
            )
        });
        let write = minutes_writer(ws, session.clone(), kept, drafted);
        let call = work.editor().dir().to_path_buf();
        self.export = Some(ExportJob::start_files(
            ctx,
            Document::Minutes(session),
            move || {
                // Refused before anything is made when it would replace a file of the call.
                guard_output(&call, &path)?;
                guard_output(&call, &crate::documents::agid::beside(&path))?;
                let bytes = write()?;
                save(&path, &bytes)?;
                if let Some((authority, title, number, reserved, dated, closed)) = metadata {
                    crate::documents::verbale_metadata(
                        &path, &authority, &title, number, reserved, dated, closed,
                    )
                    .map_err(|e| {
                        s::cannot_write(
                            &crate::documents::agid::beside(&path).display().to_string(),
                            &os_error::describe(&e),
                        )
                    })?;
                }
                Ok(path)
            },
        ));
    }
}
