//! Writing a session's verbale in the background (a long call takes seconds), then opening it
//! with the system's PDF viewer. The frame never waits: the window polls the job's channel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::domain::{SessionId, Workspace};

use super::strings as s;

/// Whether this build can write the verbale. The minutes module comes from another branch; until
/// it is merged the button says so instead of pretending.
pub const AVAILABLE: bool = false;

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

pub struct ExportJob {
    session: SessionId,
    receiver: Receiver<Result<PathBuf, String>>,
}

impl ExportJob {
    /// Runs `write` (which makes the PDF's bytes) on a thread, saves the file atomically as
    /// `path`, and wakes the window when done.
    pub fn start(
        ctx: &egui::Context,
        session: SessionId,
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
        ExportJob { session, receiver }
    }

    /// The status now: still writing, or how it ended.
    pub fn poll(&self) -> Option<ExportStatus> {
        match self.receiver.try_recv() {
            Err(TryRecvError::Empty) => None,
            Ok(Ok(path)) => Some(ExportStatus::Done {
                session: self.session.clone(),
                path,
            }),
            Ok(Err(error)) => Some(ExportStatus::Failed {
                session: self.session.clone(),
                error,
            }),
            Err(TryRecvError::Disconnected) => Some(ExportStatus::Failed {
                session: self.session.clone(),
                error: s::EXPORT_INTERRUPTED.into(),
            }),
        }
    }
}

/// Where a session's verbale is written: verbali/verbale-seduta-N.pdf in the call's folder.
pub fn minutes_path(dir: &Path, ws: &Workspace, session: &SessionId) -> PathBuf {
    let number = ws.session(session).map_or(0, |s| s.number);
    dir.join("verbali")
        .join(format!("verbale-seduta-{number}.pdf"))
}

/// What makes the verbale's bytes, run on the export thread. The minutes module is written on
/// another branch: until it is merged (see [`AVAILABLE`]) nothing calls this, and it says so.
pub fn minutes_writer(
    ws: Workspace,
    session: SessionId,
) -> impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static {
    move || {
        let _ = (ws, session);
        Err(s::EXPORT_NOT_AVAILABLE.to_string())
    }
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
