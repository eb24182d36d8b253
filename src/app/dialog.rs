//! The system's file dialogs, on a thread: the frame goes on while one is open, and the window
//! polls for the answer. Where the system has no dialog (no portal), rfd answers nothing at once:
//! every dialog therefore has a typed path beside it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// A dialog waiting for the user.
pub struct Pending {
    receiver: Receiver<Option<PathBuf>>,
}

impl Pending {
    fn spawn(ctx: &egui::Context, ask: impl FnOnce() -> Option<PathBuf> + Send + 'static) -> Self {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = sender.send(ask());
            ctx.request_repaint();
        });
        Pending { receiver }
    }

    /// Asks for a folder.
    pub fn pick_folder(ctx: &egui::Context, title: &str) -> Self {
        let dialog = rfd::FileDialog::new().set_title(title);
        Self::spawn(ctx, move || dialog.pick_folder())
    }

    /// Asks for a file to read, starting from `dir`; `filters` are a description and its
    /// extensions.
    pub fn pick_file(
        ctx: &egui::Context,
        title: &str,
        dir: &Path,
        filters: &[(&str, &[&str])],
    ) -> Self {
        let mut dialog = rfd::FileDialog::new().set_title(title).set_directory(dir);
        for (description, extensions) in filters {
            dialog = dialog.add_filter(*description, extensions);
        }
        Self::spawn(ctx, move || dialog.pick_file())
    }

    /// Asks where to save a file, starting from `dir` and `name`; `filters` are a description
    /// and its extensions.
    pub fn save_file(
        ctx: &egui::Context,
        title: &str,
        dir: &Path,
        name: &str,
        filters: &[(&str, &[&str])],
    ) -> Self {
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_directory(dir)
            .set_file_name(name);
        for (description, extensions) in filters {
            dialog = dialog.add_filter(*description, extensions);
        }
        Self::spawn(ctx, move || dialog.save_file())
    }

    /// The answer, once the dialog closed: `Some(None)` when it gave no path (the user
    /// cancelled, or the system has no dialog).
    pub fn poll(&self) -> Option<Option<PathBuf>> {
        match self.receiver.try_recv() {
            Err(TryRecvError::Empty) => None,
            Ok(picked) => Some(picked),
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

/// What the answer of an open dialog is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Where to save the ranking and the score matrix.
    Spreadsheet,
    /// Where to save a member's score sheet.
    ExportSheet(crate::domain::MemberId),
    /// A member's exported sheet to take in.
    ImportSheet,
    /// A file for the import of applications or scores.
    ImportFile(crate::app::views::importa::Slot),
    /// Where to save the template of an import of applications.
    ImportTemplate,
}
