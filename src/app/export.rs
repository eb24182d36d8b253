//! Writing documents in the background (a long call's verbale takes seconds): the verbale of a
//! session and the public ranking as PDF, opened afterwards with the system's viewer, and the
//! spreadsheets. The frame never waits: the window polls the job's channel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::domain::{LotId, SessionId, Workspace};
use crate::import::{self, workbook};
use crate::minutes;
use crate::rules::Evaluation;
use crate::workspace::files;

use super::strings as s;

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
}

pub struct ExportJob {
    document: Document,
    receiver: Receiver<Result<PathBuf, String>>,
}

impl ExportJob {
    /// Runs `write` (which makes the file's bytes) on a thread, saves them atomically as
    /// `path`, and wakes the window when done.
    pub fn start(
        ctx: &egui::Context,
        document: Document,
        path: PathBuf,
        write: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) -> ExportJob {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = write().and_then(|bytes| save(&path, &bytes).map(|()| path));
            let _ = sender.send(result);
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
        let lots: Vec<LotId> = ws.call().lots.iter().map(|l| l.id.clone()).collect();
        let ranking = import::export::ranking(&ws, &evaluation, &lots);
        let matrix = import::export::matrix(&ws, &evaluation, &lots);
        match extension.as_str() {
            "csv" => Ok(workbook::csv(&ranking)),
            "ods" => workbook::ods(&[ranking, matrix]).map_err(|e| e.to_string()),
            _ => workbook::xlsx(&[ranking, matrix]).map_err(|e| e.to_string()),
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

/// What makes the verbale's bytes, run on the export thread.
pub fn minutes_writer(
    ws: Workspace,
    session: SessionId,
) -> impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static {
    move || minutes::minutes_pdf(&ws, &session).map_err(|e| e.to_string())
}

/// What makes the public ranking's bytes, run on the export thread.
pub fn ranking_writer(ws: Workspace) -> impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static {
    move || minutes::ranking_pdf(&ws).map_err(|e| e.to_string())
}

fn save(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| s::cannot_write(&parent.display().to_string(), &e.to_string()))?;
    }
    crate::workspace::write_atomic(path, bytes)
        .map_err(|e| s::cannot_write(&path.display().to_string(), &e.to_string()))
}

/// Opens a file with the program the system associates with it.
pub fn open_with_system(path: &Path) -> Result<(), String> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]).arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    let mut child = command
        .spawn()
        .map_err(|e| s::cannot_open(&path.display().to_string(), &e.to_string()))?;
    // Reaped on a thread, so that no finished viewer launcher lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}
