//! Writing a workspace: deterministic RON, atomic replacement, the previous version kept.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;

use super::files::{
    self, ApplicationFile, CallFile, CommissionFile, FileKind, SessionFile, file_name_for,
};
use super::load::Sources;
use crate::domain::{Application, MemberId, Protocol, ScoreSheet, Session, SessionId, Workspace};

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "{file}: il file contiene errori e non viene sovrascritto; correggerlo a mano e riaprire l'avviso"
    )]
    Quarantined { file: String },
    #[error("{file}: impossibile scrivere ({source})")]
    Io { file: String, source: io::Error },
    #[error("{file}: impossibile preparare il contenuto ({message})")]
    Serialize { file: String, message: String },
}

/// The text of a file: its header comment, then pretty RON with "\n" line ends and a final newline,
/// the same bytes on every system.
pub fn to_text<K: FileKind>(content: K::Content) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .struct_names(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let body = ron::ser::to_string_pretty(&K::wrap(content), config)?;
    Ok(format!("{}\n{}\n", K::HEADER, unescape_apostrophes(&body)))
}

/// RON escapes every apostrophe (`l\'avviso`), which is legal but makes Italian text hard to
/// read and diff. An apostrophe needs no escape inside a string, and in the serializer's output
/// every `'` is preceded by exactly the one backslash that escapes it, so removing that
/// backslash is exact.
pub(crate) fn unescape_apostrophes(text: &str) -> String {
    text.replace("\\'", "'")
}

/// Replaces `path` with `contents` so that a crash leaves either the old file or the new one:
/// a temporary file in the same folder is written, flushed to disk and renamed over the old
/// one, whose previous version is kept as `NAME.bak`. Writing the same contents again does nothing.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    // The size first: a file of another size is another file, without reading ten megabytes.
    if fs::metadata(path).is_ok_and(|m| m.len() == contents.len() as u64)
        && fs::read(path).is_ok_and(|old| old == contents)
    {
        return Ok(());
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(parent)?;
    temp.write_all(contents)?;
    temp.flush()?;
    if let Some(permissions) = permissions_for(path) {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    if path.exists() {
        crate::platform::wait_until_replaceable(path)?;
        keep_backup(path, parent, &name)?;
    }
    crate::platform::replace_file(&temp.into_temp_path(), path)?;
    sync_dir(parent);
    Ok(())
}

/// Keeps the version about to be replaced as `NAME.bak`. The new version is a new file renamed
/// over the old name, so the old one can stay as it is under a second name (a hard link, made
/// under a temporary name and renamed over the previous `.bak`): nothing is copied. Where the
/// file system has no hard links (FAT on a USB stick), it is copied.
fn keep_backup(path: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let backup = parent.join(format!("{name}.bak"));
    let link = parent.join(format!(".{name}.bak.tmp"));
    // Left by a crash between the two steps below.
    let _ = fs::remove_file(&link);
    match fs::hard_link(path, &link) {
        Ok(()) => crate::platform::replace_file(&link, &backup),
        Err(_) => fs::copy(path, &backup).map(|_| ()),
    }
}

/// The temporary file is private (0600); the saved one keeps the permissions the file had, or
/// those of an ordinary new file, so that a shared folder stays readable by the others.
fn permissions_for(path: &Path) -> Option<fs::Permissions> {
    match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => new_file_permissions(),
    }
}

#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; a failure here loses nothing already written.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

/// Writes parts of a workspace into its folder, never over a file that had errors.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
    pub sources: Sources,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>, sources: Sources) -> Store {
        Store {
            dir: dir.into(),
            sources,
        }
    }

    fn write<K: FileKind>(&self, rel: &Path, content: K::Content) -> Result<(), SaveError> {
        self.write_text(rel, || to_text::<K>(content).map_err(|e| e.to_string()))
    }

    fn write_text(
        &self,
        rel: &Path,
        text: impl FnOnce() -> Result<String, String>,
    ) -> Result<(), SaveError> {
        let file = rel.to_string_lossy().replace('\\', "/");
        if self.sources.quarantined.contains_key(rel) {
            return Err(SaveError::Quarantined { file });
        }
        let text = text().map_err(|message| SaveError::Serialize {
            file: file.clone(),
            message,
        })?;
        write_atomic(&self.dir.join(rel), text.as_bytes())
            .map_err(|source| SaveError::Io { file, source })
    }

    /// A file name in `folder` for a new item, unused by any other item. Refused when a file
    /// with errors already declares this id: a second file would hide the first.
    fn new_file(
        &self,
        folder: &str,
        id: &str,
        taken: impl Iterator<Item = PathBuf>,
    ) -> Result<PathBuf, SaveError> {
        if let Some((file, _)) =
            self.sources.quarantined.iter().find(|(file, declared)| {
                file.starts_with(folder) && declared.as_deref() == Some(id)
            })
        {
            return Err(SaveError::Quarantined {
                file: file.to_string_lossy().replace('\\', "/"),
            });
        }
        let taken: Vec<PathBuf> = taken.collect();
        let base = file_name_for(id);
        let stem = base.trim_end_matches(".ron").to_string();
        let mut candidate = Path::new(folder).join(&base);
        let mut n = 2;
        while taken.contains(&candidate)
            || self.sources.quarantined.contains_key(&candidate)
            || self.dir.join(&candidate).exists()
        {
            candidate = Path::new(folder).join(format!("{stem}-{n}.ron"));
            n += 1;
        }
        Ok(candidate)
    }

    pub fn save_call(&self, ws: &Workspace) -> Result<(), SaveError> {
        self.write::<CallFile>(Path::new(files::CALL), ws.call().clone())?;
        self.write::<CommissionFile>(Path::new(files::COMMISSION), ws.commission().clone())
    }

    pub fn application_file(&mut self, protocol: &Protocol) -> Result<PathBuf, SaveError> {
        if let Some(path) = self.sources.applications.get(protocol) {
            return Ok(path.clone());
        }
        let path = self.new_file(
            files::APPLICATIONS,
            protocol.as_str(),
            self.sources.applications.values().cloned(),
        )?;
        self.sources
            .applications
            .insert(protocol.clone(), path.clone());
        Ok(path)
    }

    pub fn save_application(&mut self, app: &Application) -> Result<(), SaveError> {
        let rel = self.application_file(&app.protocol)?;
        self.write::<ApplicationFile>(&rel, app.clone())
    }

    pub fn sheet_file(&mut self, member: &MemberId) -> Result<PathBuf, SaveError> {
        if let Some(path) = self.sources.sheets.get(member) {
            return Ok(path.clone());
        }
        let path = self.new_file(
            files::SHEETS,
            member.as_str(),
            self.sources.sheets.values().cloned(),
        )?;
        self.sources.sheets.insert(member.clone(), path.clone());
        Ok(path)
    }

    pub fn save_sheet(&mut self, sheet: &ScoreSheet) -> Result<(), SaveError> {
        let rel = self.sheet_file(&sheet.member)?;
        let mut sheet = sheet.clone();
        if let Some(aside) = self.sources.set_aside.declarations.get(&sheet.member) {
            sheet.declarations.extend(aside.iter().cloned());
        }
        if let Some(aside) = self.sources.set_aside.scores.get(&sheet.member) {
            sheet.scores.extend(aside.iter().cloned());
        }
        sheet.normalize();
        // The file saved at every mark: written directly, the same bytes as `to_text` (see
        // `sheet_text`).
        self.write_text(&rel, || Ok(super::sheet_text(&sheet)))
    }

    pub fn session_file(&mut self, id: &SessionId) -> Result<PathBuf, SaveError> {
        if let Some(path) = self.sources.sessions.get(id) {
            return Ok(path.clone());
        }
        let path = self.new_file(
            files::SESSIONS,
            id.as_str(),
            self.sources.sessions.values().cloned(),
        )?;
        self.sources.sessions.insert(id.clone(), path.clone());
        Ok(path)
    }

    /// Where the record of a closed session is kept: beside its file, as `NAME.verbale.json`.
    pub fn sealed_record_file(&mut self, id: &SessionId) -> Result<PathBuf, SaveError> {
        Ok(sealed_record_path(&self.session_file(id)?))
    }

    pub fn save_sealed_record(&mut self, id: &SessionId, bytes: &[u8]) -> Result<(), SaveError> {
        let rel = self.sealed_record_file(id)?;
        let file = rel.to_string_lossy().replace('\\', "/");
        write_atomic(&self.dir.join(&rel), bytes).map_err(|source| SaveError::Io { file, source })
    }

    /// The kept record of a closed session, as written when it closed.
    pub fn sealed_record(&mut self, id: &SessionId) -> Result<Vec<u8>, SaveError> {
        let rel = self.sealed_record_file(id)?;
        let file = rel.to_string_lossy().replace('\\', "/");
        fs::read(self.dir.join(&rel)).map_err(|source| SaveError::Io { file, source })
    }

    pub fn save_session(&mut self, session: &Session) -> Result<(), SaveError> {
        let rel = self.session_file(&session.id)?;
        let mut session = session.clone();
        if let Some(aside) = self.sources.set_aside.draws.get(&session.id) {
            session.draws.extend(aside.iter().cloned());
        }
        self.write::<SessionFile>(&rel, session)
    }

    /// Writes every part of the workspace. Files of items no longer in it are left in place.
    pub fn save_all(&mut self, ws: &Workspace) -> Result<(), SaveError> {
        self.save_call(ws)?;
        for app in ws.applications().values() {
            self.save_application(app)?;
        }
        for sheet in ws.sheets().values() {
            self.save_sheet(sheet)?;
        }
        for session in ws.sessions().values() {
            self.save_session(session)?;
        }
        Ok(())
    }

    /// Removes an application's file (when an application is withdrawn from the workspace); the
    /// previous version stays as `NAME.bak`.
    pub fn remove_application(&mut self, protocol: &Protocol) -> Result<(), SaveError> {
        let rel = self.sources.applications.remove(protocol);
        self.retire(rel)
    }

    pub fn remove_session(&mut self, id: &SessionId) -> Result<(), SaveError> {
        let rel = self.sources.sessions.remove(id);
        self.retire(rel)
    }

    fn retire(&self, rel: Option<PathBuf>) -> Result<(), SaveError> {
        let Some(rel) = rel else { return Ok(()) };
        let file = rel.to_string_lossy().replace('\\', "/");
        if self.sources.quarantined.contains_key(&rel) {
            return Err(SaveError::Quarantined { file });
        }
        let path = self.dir.join(&rel);
        let backup = path.with_extension("ron.bak");
        fs::rename(&path, &backup).map_err(|source| SaveError::Io { file, source })
    }
}

/// `sedute/s2.ron` → `sedute/s2.verbale.json`.
pub fn sealed_record_path(session_file: &Path) -> PathBuf {
    session_file.with_extension("verbale.json")
}

/// Writes a whole workspace into an empty or new folder (for `sample`, tests and copies).
pub fn write_new(dir: &Path, ws: &Workspace) -> Result<Sources, SaveError> {
    let mut store = Store::new(dir, Sources::default());
    store.save_all(ws)?;
    Ok(store.sources)
}
