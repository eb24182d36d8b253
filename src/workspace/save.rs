//! Writing a workspace: deterministic RON, atomic replacement, the previous version kept.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;

use super::files::{
    self, AccessFile, ApplicationFile, CallFile, CommissionFile, FileKind, SessionFile,
    file_name_for,
};
use super::journal::Draft;
use super::load::Sources;
use super::tx::Op;
use crate::domain::{Application, MemberId, Protocol, ScoreSheet, Session, SessionId, Workspace};

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "{file}: il file contiene errori e non viene sovrascritto; correggerlo a mano e riaprire l'avviso"
    )]
    Quarantined { file: String },
    #[error("{file}: impossibile scrivere: {}", super::os_error::describe(.source))]
    Io { file: String, source: io::Error },
    #[error(
        "{file}: il file sarebbe di {size} byte, oltre il limite che Commissione legge: non viene scritto"
    )]
    TooLarge { file: String, size: u64 },
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
        .depth_limit(K::DEPTH)
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
    create_folders(parent)?;
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

/// Creates `folder` and the folders above it that are missing. When one on the way is a file,
/// the error says that a part of the path is not a folder (rather than that a file exists).
pub fn create_folders(folder: &Path) -> io::Result<()> {
    if let Some(existing) = folder.ancestors().find(|a| fs::symlink_metadata(a).is_ok())
        && !existing.is_dir()
    {
        return Err(io::Error::from(io::ErrorKind::NotADirectory));
    }
    fs::create_dir_all(folder)
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
    /// The files of `sources` (applications, sheets, sessions), to find a free name for a new
    /// one without looking through them all: an import of 100,000 applications asks 100,000
    /// times.
    taken: HashSet<PathBuf>,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>, sources: Sources) -> Store {
        let taken = (sources.applications.values())
            .chain(sources.sheets.values())
            .chain(sources.sessions.values())
            .cloned()
            .collect();
        Store {
            dir: dir.into(),
            sources,
            taken,
        }
    }

    fn write<K: FileKind>(&self, rel: &Path, content: K::Content) -> Result<(), SaveError> {
        let bytes = self.text::<K>(rel, content)?;
        self.write_bytes(rel, &bytes)
    }

    /// The bytes of a file, refused when the file on disk had errors (never written over).
    fn text<K: FileKind>(&self, rel: &Path, content: K::Content) -> Result<Vec<u8>, SaveError> {
        self.text_with(rel, || to_text::<K>(content).map_err(|e| e.to_string()))
    }

    fn text_with(
        &self,
        rel: &Path,
        text: impl FnOnce() -> Result<String, String>,
    ) -> Result<Vec<u8>, SaveError> {
        let file = rel.to_string_lossy().replace('\\', "/");
        if self.sources.quarantined.contains_key(rel) {
            return Err(SaveError::Quarantined { file });
        }
        let text = text().map_err(|message| SaveError::Serialize { file, message })?;
        Ok(text.into_bytes())
    }

    fn write_bytes(&self, rel: &Path, bytes: &[u8]) -> Result<(), SaveError> {
        let file = rel.to_string_lossy().replace('\\', "/");
        if bytes.len() as u64 > files::limit_for(rel) {
            return Err(SaveError::TooLarge {
                file,
                size: bytes.len() as u64,
            });
        }
        write_atomic(&self.dir.join(rel), bytes).map_err(|source| SaveError::Io { file, source })
    }

    /// A file name in `folder` for a new item, unused by any other item. Refused when a file
    /// with errors already declares this id: a second file would hide the first.
    /// A free file name for a new application, sheet or session, marked as taken.
    fn new_file(&mut self, folder: &str, id: &str) -> Result<PathBuf, SaveError> {
        if let Some((file, _)) =
            self.sources.quarantined.iter().find(|(file, declared)| {
                file.starts_with(folder) && declared.as_deref() == Some(id)
            })
        {
            return Err(SaveError::Quarantined {
                file: file.to_string_lossy().replace('\\', "/"),
            });
        }
        let base = file_name_for(id);
        let stem = base.trim_end_matches(".ron").to_string();
        let mut candidate = Path::new(folder).join(&base);
        let mut n = 2;
        while self.taken.contains(&candidate)
            || self.sources.quarantined.contains_key(&candidate)
            || self.dir.join(&candidate).exists()
        {
            candidate = Path::new(folder).join(format!("{stem}-{n}.ron"));
            n += 1;
        }
        self.taken.insert(candidate.clone());
        Ok(candidate)
    }

    pub fn save_call(&self, ws: &Workspace) -> Result<(), SaveError> {
        self.write::<CallFile>(Path::new(files::CALL), ws.call().clone())?;
        self.write::<CommissionFile>(Path::new(files::COMMISSION), ws.commission().clone())
    }

    /// `avviso.ron` as it would be written.
    pub fn call_bytes(&self, ws: &Workspace) -> Result<(PathBuf, Vec<u8>), SaveError> {
        let rel = PathBuf::from(files::CALL);
        let bytes = self.text::<CallFile>(&rel, ws.call().clone())?;
        Ok((rel, bytes))
    }

    /// `commissione.ron` as it would be written.
    pub fn commission_bytes(&self, ws: &Workspace) -> Result<(PathBuf, Vec<u8>), SaveError> {
        let rel = PathBuf::from(files::COMMISSION);
        let bytes = self.text::<CommissionFile>(&rel, ws.commission().clone())?;
        Ok((rel, bytes))
    }

    pub fn application_file(&mut self, protocol: &Protocol) -> Result<PathBuf, SaveError> {
        if let Some(path) = self.sources.applications.get(protocol) {
            return Ok(path.clone());
        }
        let path = self.new_file(files::APPLICATIONS, protocol.as_str())?;
        self.sources
            .applications
            .insert(protocol.clone(), path.clone());
        Ok(path)
    }

    pub fn save_application(&mut self, app: &Application) -> Result<(), SaveError> {
        let (rel, bytes) = self.application_bytes(app)?;
        self.write_bytes(&rel, &bytes)
    }

    /// An application's file and the bytes it would be written with.
    pub fn application_bytes(
        &mut self,
        app: &Application,
    ) -> Result<(PathBuf, Vec<u8>), SaveError> {
        let rel = self.application_file(&app.protocol)?;
        let bytes = self.text::<ApplicationFile>(&rel, app.clone())?;
        Ok((rel, bytes))
    }

    pub fn sheet_file(&mut self, member: &MemberId) -> Result<PathBuf, SaveError> {
        if let Some(path) = self.sources.sheets.get(member) {
            return Ok(path.clone());
        }
        let path = self.new_file(files::SHEETS, member.as_str())?;
        self.sources.sheets.insert(member.clone(), path.clone());
        Ok(path)
    }

    pub fn save_sheet(&mut self, sheet: &ScoreSheet) -> Result<(), SaveError> {
        let (rel, bytes) = self.sheet_bytes(sheet)?;
        self.write_bytes(&rel, &bytes)
    }

    /// A member's sheet file and the bytes it would be written with, with what was set aside.
    pub fn sheet_bytes(&mut self, sheet: &ScoreSheet) -> Result<(PathBuf, Vec<u8>), SaveError> {
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
        let bytes = self.text_with(&rel, || Ok(super::sheet_text(&sheet)))?;
        Ok((rel, bytes))
    }

    /// The log of changes beside a member's sheet file (see `sheet_log`).
    pub fn sheet_log_file(&mut self, member: &MemberId) -> Result<PathBuf, SaveError> {
        Ok(super::sheet_log::log_path(&self.sheet_file(member)?))
    }

    /// The length of a member's log of changes on disk (0: there is none).
    pub fn sheet_log_len(&mut self, member: &MemberId) -> Result<u64, SaveError> {
        let log = self.sheet_log_file(member)?;
        Ok(fs::metadata(self.dir.join(log)).map_or(0, |m| m.len()))
    }

    /// What writing `new` in place of `old` takes: a line at the end of the sheet's log when
    /// the change is small and the log short (see `sheet_log`); otherwise the whole sheet, and
    /// the log removed. Each with what the journal says of it, the first with `draft`.
    pub fn sheet_writes(
        &mut self,
        old: Option<&ScoreSheet>,
        new: &ScoreSheet,
        draft: Draft,
    ) -> Result<Vec<(Op, Draft)>, SaveError> {
        let base = self.sheet_file(&new.member)?;
        let log = super::sheet_log::log_path(&base);
        let held = fs::metadata(self.dir.join(&log)).map_or(0, |m| m.len());
        let line = match old {
            Some(old) if self.dir.join(&base).exists() => {
                super::sheet_log::delta(old, new).map(|d| d.line())
            }
            _ => None,
        };
        if let Some(line) = line
            && held + (line.len() as u64) < super::sheet_log::FOLD_AT
        {
            self.check_writable(&log)?;
            let bytes = if held == 0 {
                format!("{}{line}", super::sheet_log::HEADER)
            } else {
                line
            };
            return Ok(vec![(
                Op::Append {
                    file: log,
                    bytes: bytes.into_bytes(),
                },
                draft,
            )]);
        }
        let (file, bytes) = self.sheet_bytes(new)?;
        let mut out = vec![(Op::Put { file, bytes }, draft)];
        if held > 0 || self.dir.join(&log).exists() {
            self.check_writable(&log)?;
            out.push((
                Op::Remove { file: log },
                Draft {
                    who: out[0].1.who.clone(),
                    change: super::messages::log_folded(&new.member),
                    ..Draft::default()
                },
            ));
        }
        Ok(out)
    }

    fn check_writable(&self, rel: &Path) -> Result<(), SaveError> {
        if self.sources.quarantined.contains_key(rel) {
            return Err(SaveError::Quarantined {
                file: rel.to_string_lossy().replace('\\', "/"),
            });
        }
        Ok(())
    }

    pub fn session_file(&mut self, id: &SessionId) -> Result<PathBuf, SaveError> {
        if let Some(path) = self.sources.sessions.get(id) {
            return Ok(path.clone());
        }
        let path = self.new_file(files::SESSIONS, id.as_str())?;
        self.sources.sessions.insert(id.clone(), path.clone());
        Ok(path)
    }

    /// Where the record of a closed session is kept: beside its file, as `NAME.verbale.json`.
    pub fn sealed_record_file(&mut self, id: &SessionId) -> Result<PathBuf, SaveError> {
        Ok(sealed_record_path(&self.session_file(id)?))
    }

    pub fn save_sealed_record(&mut self, id: &SessionId, bytes: &[u8]) -> Result<(), SaveError> {
        let rel = self.sealed_record_file(id)?;
        self.write_bytes(&rel, bytes)
    }

    /// The kept record of a closed session, as written when it closed.
    pub fn sealed_record(&mut self, id: &SessionId) -> Result<Vec<u8>, SaveError> {
        let rel = self.sealed_record_file(id)?;
        let file = rel.to_string_lossy().replace('\\', "/");
        files::read_regular(&self.dir.join(&rel), files::MAX_KEPT_BYTES)
            .map_err(|source| SaveError::Io { file, source })
    }

    /// The SHA-256 of the kept record of a closed session, read piece by piece: what the seal
    /// is checked against when the record itself is not needed.
    pub fn sealed_record_sha256(&mut self, id: &SessionId) -> Result<String, SaveError> {
        let rel = self.sealed_record_file(id)?;
        let file = rel.to_string_lossy().replace('\\', "/");
        files::sha256_regular(&self.dir.join(&rel), files::MAX_KEPT_BYTES)
            .map_err(|source| SaveError::Io { file, source })
    }

    /// Writes the verbale of a closed session as it was sealed, in `verbali/sigillati/`.
    pub fn save_sealed_pdf(
        &mut self,
        id: &SessionId,
        number: u32,
        bytes: &[u8],
    ) -> Result<(), SaveError> {
        let rel = sealed_pdf_path(number, id);
        let file = rel.to_string_lossy().replace('\\', "/");
        let path = self.dir.join(&rel);
        let io = |source| SaveError::Io {
            file: file.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io)?;
        }
        write_atomic(&path, bytes).map_err(io)
    }

    /// The verbale of a closed session as sealed, as kept in `verbali/sigillati/`.
    pub fn sealed_pdf(&self, id: &SessionId, number: u32) -> Result<Vec<u8>, SaveError> {
        let rel = sealed_pdf_path(number, id);
        let file = rel.to_string_lossy().replace('\\', "/");
        files::read_regular(&self.dir.join(&rel), files::MAX_KEPT_BYTES)
            .map_err(|source| SaveError::Io { file, source })
    }

    pub fn save_session(&mut self, session: &Session) -> Result<(), SaveError> {
        let (rel, bytes) = self.session_bytes(session)?;
        self.write_bytes(&rel, &bytes)
    }

    /// A session's file and the bytes it would be written with.
    pub fn session_bytes(&mut self, session: &Session) -> Result<(PathBuf, Vec<u8>), SaveError> {
        let rel = self.session_file(&session.id)?;
        let mut session = session.clone();
        if let Some(aside) = self.sources.set_aside.draws.get(&session.id) {
            session.draws.extend(aside.iter().cloned());
        }
        let bytes = self.text::<SessionFile>(&rel, session)?;
        Ok((rel, bytes))
    }

    /// Writes the register of access requests (`accessi.ron`); a call that never had one gets
    /// no file while it stays empty.
    pub fn save_access(&self, ws: &Workspace) -> Result<(), SaveError> {
        let rel = Path::new(files::ACCESS);
        if ws.access().is_empty() && !self.dir.join(rel).exists() {
            return Ok(());
        }
        self.write::<AccessFile>(rel, ws.access().clone())
    }

    /// `accessi.ron` as it would be written.
    pub fn access_bytes(&self, ws: &Workspace) -> Result<(PathBuf, Vec<u8>), SaveError> {
        let rel = PathBuf::from(files::ACCESS);
        let bytes = self.text::<AccessFile>(&rel, ws.access().clone())?;
        Ok((rel, bytes))
    }

    /// Writes every part of the workspace. Files of items no longer in it are left in place.
    pub fn save_all(&mut self, ws: &Workspace) -> Result<(), SaveError> {
        self.save_call(ws)?;
        for app in ws.applications().values().chain(ws.removed().values()) {
            self.save_application(app)?;
        }
        for sheet in ws.sheets().values() {
            self.save_sheet(sheet)?;
        }
        for session in ws.sessions().values() {
            self.save_session(session)?;
        }
        self.save_access(ws)
    }

    /// The file of an application being removed, refused when it had errors. Its sources entry
    /// goes: a later application with the protocol gets a file again.
    pub fn removed_application_file(
        &mut self,
        protocol: &Protocol,
    ) -> Result<Option<PathBuf>, SaveError> {
        let rel = self.sources.applications.get(protocol).cloned();
        self.check_removable(rel.as_deref())?;
        if let Some(rel) = &rel {
            self.taken.remove(rel);
        }
        self.sources.applications.remove(protocol);
        Ok(rel)
    }

    pub fn removed_session_file(&mut self, id: &SessionId) -> Result<Option<PathBuf>, SaveError> {
        let rel = self.sources.sessions.get(id).cloned();
        self.check_removable(rel.as_deref())?;
        if let Some(rel) = &rel {
            self.taken.remove(rel);
        }
        self.sources.sessions.remove(id);
        Ok(rel)
    }

    fn check_removable(&self, rel: Option<&Path>) -> Result<(), SaveError> {
        match rel {
            Some(rel) if self.sources.quarantined.contains_key(rel) => {
                Err(SaveError::Quarantined {
                    file: rel.to_string_lossy().replace('\\', "/"),
                })
            }
            _ => Ok(()),
        }
    }
}

/// `sedute/s2.ron` → `sedute/s2.verbale.json`.
pub fn sealed_record_path(session_file: &Path) -> PathBuf {
    session_file.with_extension("verbale.json")
}

/// Where the verbale of session `number`/`id` is kept as sealed when the session closes:
/// `verbali/sigillati/verbale-02-s2.pdf`. The exports go to `verbali/` itself, never here.
pub fn sealed_pdf_path(number: u32, id: &SessionId) -> PathBuf {
    Path::new(super::files::MINUTES)
        .join(SEALED_MINUTES)
        .join(format!(
            "verbale-{number:02}-{}.pdf",
            super::files::file_name_for(id.as_str()).trim_end_matches(".ron")
        ))
}

/// The folder of `verbali/` that keeps the sealed verbali.
pub const SEALED_MINUTES: &str = "sigillati";

/// Writes a whole workspace into an empty or new folder (for `sample`, tests and copies).
pub fn write_new(dir: &Path, ws: &Workspace) -> Result<Sources, SaveError> {
    let mut store = Store::new(dir, Sources::default());
    store.save_all(ws)?;
    Ok(store.sources)
}
