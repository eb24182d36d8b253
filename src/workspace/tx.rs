//! Transactions: a change that writes several files (an import, a sheet taken in, a session
//! closed, a rettifica) happens whole or not at all, whatever stops it (a kill, a power cut, a
//! full disk, Ctrl+C).
//!
//! 1. Every new content is written beside its file under a temporary name and flushed to disk;
//!    the version each file has now is kept under a second name (a hard link: nothing is
//!    copied). Nothing the call reads has changed yet.
//! 2. The intent, `transazione.ron`, is written (atomically): the files, their temporary and
//!    kept names (or, for a file that grows, its length before), the journal's length before,
//!    and the hash of the last journal entry to come.
//! 3. The new contents are renamed over their files; what is appended to a file (a line of a
//!    sheet's log of changes, see `sheet_log`) is written at its end and flushed.
//! 4. The journal entries are appended in one write and flushed: this is the commit.
//! 5. The kept versions become `NAME.bak`, and the intent is removed.
//!
//! If anything fails before 4, every file is put back as it was and the journal is cut back to
//! its length: nothing on disk changed. If the program is stopped, the next program that takes
//! the lock finds the intent ([`recover`]): with the journal entries all there the transaction
//! had committed and is completed; otherwise it is rolled back. Either way it says so.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::fault;
use super::files::MAX_FILE_BYTES;
use super::journal::{Draft, Journal, JournalError, Prepared};
use super::os_error;
use crate::domain::Moment;
use crate::seal::hex;

/// The intent of a transaction under way, in the call's folder.
pub const INTENT: &str = "transazione.ron";

/// One file a transaction writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Creates the file or replaces it whole.
    Put { file: PathBuf, bytes: Vec<u8> },
    /// Creates the file or replaces it whole with a content already written beside it (see
    /// [`Writing`]): a closing's kept record and sealed verbale, hundreds of megabytes on a
    /// large call, go to disk as they are made instead of whole through memory.
    PutWritten { file: PathBuf, written: Written },
    /// Adds bytes at the end of the file (created if missing): undone by cutting the file back
    /// to its length. Nothing is copied or kept, whatever the file's size.
    Append { file: PathBuf, bytes: Vec<u8> },
    /// Removes the file (it stays as `NAME.bak`).
    Remove { file: PathBuf },
}

impl Op {
    pub fn file(&self) -> &Path {
        match self {
            Op::Put { file, .. }
            | Op::PutWritten { file, .. }
            | Op::Append { file, .. }
            | Op::Remove { file } => file,
        }
    }
}

/// A change to the call: what it writes and what the journal says of it. The drafts' `sha256`
/// and `size` are filled in when it is committed: what each file holds at the end.
#[derive(Debug, Clone, Default)]
pub struct Transaction {
    /// In Italian, for messages about it: "importazione di 40 candidature".
    pub what: String,
    ops: Vec<Op>,
    /// Where each file's operation is in `ops`: an import of 100,000 applications must not
    /// look through all the earlier ones for each.
    index: HashMap<PathBuf, usize>,
    /// The journal's entries, in the order they were pushed.
    pub drafts: Vec<Draft>,
    /// Why the transaction cannot be written, found while it was put together: it is refused
    /// whole when committed.
    broken: Option<String>,
}

impl Transaction {
    pub fn new(what: impl Into<String>) -> Transaction {
        Transaction {
            what: what.into(),
            ops: Vec::new(),
            index: HashMap::new(),
            drafts: Vec::new(),
            broken: None,
        }
    }

    /// Adds a file to write, with its journal entry. A later write of the same file replaces an
    /// earlier one, and what is appended to a file already written or appended to in this
    /// transaction goes at the end of it; the entries all stay, in order.
    pub fn push(&mut self, op: Op, mut draft: Draft) {
        draft.file = text_of(op.file());
        self.drafts.push(draft);
        match (self.index.get(op.file()).copied(), op) {
            (Some(i), Op::Append { bytes, .. }) => match &mut self.ops[i] {
                Op::Put { bytes: to, .. } | Op::Append { bytes: to, .. } => {
                    to.extend_from_slice(&bytes)
                }
                Op::Remove { file } => {
                    let file = file.clone();
                    self.ops[i] = Op::Put { file, bytes };
                }
                // Only a closing writes these, and it never appends to them; were it to, the
                // content written is read back and the bytes go after it.
                Op::PutWritten { file, written } => match fs::read(&*written.temp) {
                    Ok(mut content) => {
                        content.extend_from_slice(&bytes);
                        let file = file.clone();
                        self.ops[i] = Op::Put {
                            file,
                            bytes: content,
                        };
                    }
                    Err(e) => {
                        let what = format!("{}: {}", text_of(file), os_error::describe(&e));
                        self.broken.get_or_insert(what);
                    }
                },
            },
            // Each file is written once, whatever the order: the later write takes the place
            // of the earlier.
            (Some(i), op) => self.ops[i] = op,
            (None, op) => {
                self.index.insert(op.file().to_path_buf(), self.ops.len());
                self.ops.push(op);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

/// A file's new content being written beside it, under a temporary name (`.NAME.….tmp`, which
/// the next opening sweeps away if the program stops first), hashed as it goes. [`finish`]
/// flushes it to disk; a transaction then puts it in place ([`Op::PutWritten`]). Dropped
/// unfinished, or never committed, it is removed.
///
/// [`finish`]: Writing::finish
pub struct Writing {
    out: io::BufWriter<File>,
    temp: tempfile::TempPath,
    file: PathBuf,
    hasher: Sha256,
    size: u64,
}

/// What a [`Writing`] wrote: the temporary file, its SHA-256 in hexadecimal and its size.
#[derive(Debug, Clone)]
pub struct Written {
    temp: Arc<tempfile::TempPath>,
    pub sha256: String,
    pub size: u64,
}

impl PartialEq for Written {
    fn eq(&self, other: &Written) -> bool {
        self.temp.as_ref() as &Path == other.temp.as_ref() as &Path && self.sha256 == other.sha256
    }
}

impl Eq for Written {}

impl Writing {
    /// Starts the new content of `file` (relative to the call's folder `dir`), in its folder:
    /// refused, before anything is written, for a path leading out of the call's folder.
    pub fn new(dir: &Path, file: &Path) -> Result<Writing, TxError> {
        let target = inside(dir, file)?;
        let folder = target.parent().unwrap_or(dir);
        fault::step("scrittura di un file nuovo").map_err(io(file))?;
        fs::create_dir_all(folder).map_err(io(file))?;
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{}.", name_of(file)))
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(io(file))?;
        let (handle, temp) = temp.into_parts();
        if let Some(permissions) = permissions_for(&target) {
            let _ = handle.set_permissions(permissions);
        }
        Ok(Writing {
            out: io::BufWriter::with_capacity(1 << 16, handle),
            temp,
            file: file.to_path_buf(),
            hasher: Sha256::new(),
            size: 0,
        })
    }

    /// The content complete: flushed to disk, with its hash and size.
    pub fn finish(self) -> Result<Written, TxError> {
        let file = self.file;
        let handle = self
            .out
            .into_inner()
            .map_err(|e| io(&file)(e.into_error()))?;
        fault::step("file nuovo sul disco").map_err(io(&file))?;
        handle.sync_all().map_err(io(&file))?;
        Ok(Written {
            temp: Arc::new(self.temp),
            sha256: hex(&self.hasher.finalize()),
            size: self.size,
        })
    }
}

impl Write for Writing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn text_of(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[derive(Debug, thiserror::Error)]
pub enum TxError {
    #[error("{file}: {}; non è stato scritto nulla", os_error::describe(.source))]
    Io { file: String, source: io::Error },
    #[error(
        "{file}: il file sarebbe di {size} byte, oltre il limite di {limit} byte che Commissione legge: non è stato scritto nulla"
    )]
    TooLarge { file: String, size: u64, limit: u64 },
    #[error(
        "{file}: il percorso porta fuori dalla cartella dell'avviso (un collegamento simbolico?): per sicurezza non è stato scritto nulla"
    )]
    Outside { file: String },
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error(
        "l'operazione è stata interrotta (Ctrl+C o richiesta di chiusura) ed è stata annullata: non è stato scritto nulla"
    )]
    Interrupted,
    #[error("{0}")]
    Refused(String),
    #[error(
        "{first}; inoltre non si è potuto rimettere tutto com'era ({second}): la prossima apertura dell'avviso completerà l'annullamento"
    )]
    NotUndone { first: Box<TxError>, second: String },
}

/// What an interrupted transaction became when the call was opened again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub what: String,
    /// True when it had committed and was completed; false when it was rolled back.
    pub completed: bool,
}

impl Recovered {
    /// The sentence for the user.
    pub fn message(&self) -> String {
        if self.completed {
            super::messages::recovered_completed(&self.what)
        } else {
            super::messages::recovered_undone(&self.what)
        }
    }
}

/// What the intent file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Intent {
    format: u32,
    what: String,
    /// The journal's length before the transaction.
    journal_len: u64,
    /// How many entries it appends, and the last one's hash: when the journal ends with them,
    /// the transaction committed.
    entries: u64,
    last_hash: String,
    files: Vec<IntentFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    /// Relative to the call's folder, with '/'.
    file: String,
    /// The new content's temporary name beside it (None: the file is removed).
    staged: Option<String>,
    /// The version it had, kept under this name beside it (None: it did not exist, or it
    /// grows).
    kept: Option<String>,
    /// For a file that grows: its length before (0: it did not exist, and is removed if the
    /// transaction is rolled back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    appended_from: Option<u64>,
}

// --- interruption (Ctrl+C, SIGTERM) --------------------------------------------------------

/// Set by Ctrl+C, SIGTERM or SIGHUP once [`catch_interruptions`] is called.
static INTERRUPTED: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// Whether Ctrl+C or a request to end arrived (see [`catch_interruptions`]).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// From now on Ctrl+C and SIGTERM (and SIGHUP) do not kill the program: they are noted, and
/// the transaction under way is rolled back at its next step; the command then ends cleanly,
/// releasing the lock. A second one ends the program at once (exit 130; the next opening
/// completes or rolls back what was under way).
pub fn catch_interruptions() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let _ = signal_hook::flag::register_conditional_shutdown(
                signal,
                130,
                Arc::clone(&INTERRUPTED),
            );
            let _ = signal_hook::flag::register(signal, Arc::clone(&INTERRUPTED));
        }
    }
}

/// Marks the program interrupted, as a signal would (for tests).
pub fn interrupt_for_test(on: bool) {
    INTERRUPTED.store(on, Ordering::SeqCst);
}

fn check_interrupted() -> Result<(), TxError> {
    if interrupted() {
        Err(TxError::Interrupted)
    } else {
        Ok(())
    }
}

// --- writing -------------------------------------------------------------------------------

/// Where a file of the call really is, refusing a path that leaves the folder: absolute paths,
/// `..`, and folders that are symbolic links to elsewhere.
pub fn inside(dir: &Path, rel: &Path) -> Result<PathBuf, TxError> {
    Inside::new(dir)?.check(rel)
}

/// The check of [`inside`] for the many files of one transaction: the call's folder resolved
/// once, and each folder once (an import of 2,000 applications writes into one folder).
struct Inside {
    root: PathBuf,
    /// Folders (as joined, unresolved) already found to resolve inside the root.
    checked: Vec<PathBuf>,
}

impl Inside {
    fn new(dir: &Path) -> Result<Self, TxError> {
        let root = fs::canonicalize(dir).map_err(|source| TxError::Io {
            file: dir.display().to_string(),
            source,
        })?;
        Ok(Inside {
            root,
            checked: Vec::new(),
        })
    }

    fn check(&mut self, rel: &Path) -> Result<PathBuf, TxError> {
        let outside = || TxError::Outside { file: text_of(rel) };
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(outside());
        }
        let path = self.root.join(rel);
        // The deepest folder that exists must resolve inside the call's folder.
        let parent = path.parent().map(Path::to_path_buf);
        if let Some(parent) = parent.filter(|p| !self.checked.contains(p)) {
            let mut folder = Some(parent.clone());
            while let Some(f) = folder {
                match fs::canonicalize(&f) {
                    Ok(real) if real.starts_with(&self.root) => break,
                    Ok(_) => return Err(outside()),
                    Err(_) => folder = f.parent().map(Path::to_path_buf),
                }
            }
            // Only a folder that exists stays checked: one made later is checked again.
            if parent.is_dir() {
                self.checked.push(parent);
            }
        }
        // The file itself, if it is a link, must not lead out either (a rename replaces the
        // link, but what is kept of it as the previous version would be the outside file).
        if let Ok(meta) = fs::symlink_metadata(&path)
            && meta.file_type().is_symlink()
        {
            match fs::canonicalize(&path) {
                Ok(real) if real.starts_with(&self.root) => {}
                _ => return Err(outside()),
            }
        }
        Ok(path)
    }
}

fn io(file: &Path) -> impl Fn(io::Error) -> TxError + '_ {
    move |source| TxError::Io {
        file: text_of(file),
        source,
    }
}

fn staged_name(file: &Path, id: &str) -> PathBuf {
    with_name(file, &format!(".{}.tx-{id}.tmp", name_of(file)))
}

fn kept_name(file: &Path, id: &str) -> PathBuf {
    with_name(file, &format!(".{}.tx-{id}.old", name_of(file)))
}

fn backup_name(file: &Path) -> PathBuf {
    with_name(file, &format!("{}.bak", name_of(file)))
}

fn name_of(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn with_name(file: &Path, name: &str) -> PathBuf {
    match file.parent() {
        Some(p) => p.join(name),
        None => PathBuf::from(name),
    }
}

/// Writes the transaction: whole, or (on any error, or when `still_ours` says the lock was
/// lost, or on Ctrl+C) not at all. The caller holds the lock.
pub fn commit(
    dir: &Path,
    journal: &Journal,
    at: Moment,
    tx: Transaction,
    still_ours: &dyn Fn() -> bool,
) -> Result<(), TxError> {
    if tx.ops.is_empty() {
        return Ok(());
    }
    check_interrupted()?;
    if let Some(why) = tx.broken {
        return Err(TxError::Refused(super::messages::transaction_broken(why)));
    }
    check_writable(dir, &tx.ops)?;
    let id = format!("{}-{}", std::process::id(), at.timestamp().as_millisecond());
    let (ends, grown) = file_ends(dir, &tx.ops)?;
    let mut drafts = tx.drafts;
    for d in &mut drafts {
        if let Some((sha256, size)) = ends.get(&d.file) {
            d.sha256 = sha256.clone();
            d.size = *size;
        }
    }
    let prepared = journal.prepare(at, drafts)?;
    let intent = intent_for(dir, tx.what, &prepared, &tx.ops, &id, &grown);
    let written = stage(dir, &tx.ops, &intent)
        .and_then(|()| check_interrupted())
        .and_then(|()| write_intent(dir, &intent))
        .and_then(|()| switch(dir, &tx.ops, &intent))
        .and_then(|()| check_interrupted())
        .and_then(|()| {
            if still_ours() {
                Ok(())
            } else {
                Err(TxError::Refused(super::messages::LOCK_TAKEN.into()))
            }
        })
        .and_then(|()| journal.write(&prepared).map_err(TxError::from));
    match written {
        Ok(()) => {
            finish(dir, &intent);
            for (file, len, hasher) in grown {
                remember_hash(&dir.join(file), len, hasher);
            }
            Ok(())
        }
        Err(first) => match roll_back(dir, journal, &intent) {
            Ok(()) => Err(first),
            Err(second) => Err(TxError::NotUndone {
                first: Box::new(first),
                second: os_error::describe(&second),
            }),
        },
    }
}

/// Refuses, before anything is written, a file too large to be read back, a path leading out
/// of the call's folder, a file another program holds open.
fn check_writable(dir: &Path, ops: &[Op]) -> Result<(), TxError> {
    let mut folders = Inside::new(dir)?;
    for op in ops {
        let size = match op {
            Op::Put { bytes, .. } => Some(bytes.len() as u64),
            Op::PutWritten { written, .. } => Some(written.size),
            Op::Append { .. } | Op::Remove { .. } => None,
        };
        if let Some(size) = size
            && size > super::files::limit_for(op.file())
        {
            return Err(TxError::TooLarge {
                file: text_of(op.file()),
                size,
                limit: super::files::limit_for(op.file()),
            });
        }
        folders.check(op.file())?;
    }
    // On Windows a file another program holds open (an antivirus, a viewer) cannot be replaced:
    // wait for it here and refuse before anything is written. Elsewhere this returns at once.
    for op in ops {
        crate::platform::wait_until_replaceable(&dir.join(op.file())).map_err(io(op.file()))?;
    }
    Ok(())
}

/// A file grown by an append: its name, its length after, the hash of all it will hold.
type Appended = (PathBuf, u64, Sha256);

/// What each file holds at the end (hash and size, by name), for the entries that wrote it;
/// and the files grown by appends.
#[allow(clippy::type_complexity)]
fn file_ends(
    dir: &Path,
    ops: &[Op],
) -> Result<(HashMap<String, (String, u64)>, Vec<Appended>), TxError> {
    let mut grown = Vec::new();
    let mut ends: HashMap<String, (String, u64)> = HashMap::new();
    for op in ops {
        let (sha256, size) = match op {
            Op::Put { bytes, .. } => (hex(&Sha256::digest(bytes)), bytes.len() as u64),
            Op::PutWritten { written, .. } => (written.sha256.clone(), written.size),
            Op::Remove { .. } => (String::new(), 0),
            Op::Append { file, bytes } => {
                let (from, hasher) = appended_hash(&dir.join(file), bytes).map_err(io(file))?;
                if from + bytes.len() as u64 > MAX_FILE_BYTES {
                    return Err(TxError::TooLarge {
                        file: text_of(file),
                        size: from + bytes.len() as u64,
                        limit: MAX_FILE_BYTES,
                    });
                }
                let sha256 = hex(&hasher.clone().finalize());
                grown.push((file.clone(), from + bytes.len() as u64, hasher));
                (sha256, from + bytes.len() as u64)
            }
        };
        ends.insert(text_of(op.file()), (sha256, size));
    }
    Ok((ends, grown))
}

/// The intent of the transaction: what it does, the journal entries it adds, and for each
/// file where its new content is staged, where the present one is kept, where an append
/// starts.
fn intent_for(
    dir: &Path,
    what: String,
    prepared: &Prepared,
    ops: &[Op],
    id: &str,
    grown: &[Appended],
) -> Intent {
    Intent {
        format: 1,
        what,
        journal_len: prepared.len_before,
        entries: prepared.entries.len() as u64,
        last_hash: prepared
            .entries
            .last()
            .map(|e| e.hash.clone())
            .unwrap_or_default(),
        files: ops
            .iter()
            .map(|op| IntentFile {
                file: text_of(op.file()),
                staged: matches!(op, Op::Put { .. } | Op::PutWritten { .. })
                    .then(|| text_of(&staged_name(op.file(), id))),
                kept: (!matches!(op, Op::Append { .. }) && dir.join(op.file()).exists())
                    .then(|| text_of(&kept_name(op.file(), id))),
                appended_from: match op {
                    Op::Append { file, bytes } => grown
                        .iter()
                        .find(|(f, _, _)| f == file)
                        .map(|(_, len, _)| len - bytes.len() as u64),
                    _ => None,
                },
            })
            .collect(),
    }
}

/// Step 1: the new contents beside their files, flushed; the present versions kept.
fn stage(dir: &Path, ops: &[Op], intent: &Intent) -> Result<(), TxError> {
    let mut folders: Vec<PathBuf> = Vec::new();
    let many = ops.len() > 8 && cfg!(target_os = "linux");
    for (op, f) in ops.iter().zip(&intent.files) {
        let target = dir.join(op.file());
        let folder = target.parent().unwrap_or(dir).to_path_buf();
        if let Op::Append { .. } = op {
            // Nothing to prepare: the bytes go at the end of the file in step 3.
            fs::create_dir_all(&folder).map_err(io(op.file()))?;
            continue;
        }
        if !folders.contains(&folder) {
            fs::create_dir_all(&folder).map_err(io(op.file()))?;
            folders.push(folder);
        }
        if let (Op::PutWritten { written, .. }, Some(staged)) = (op, &f.staged) {
            // Written and flushed already, in the same folder: only renamed.
            fault::step("file nuovo al nome di transazione").map_err(io(op.file()))?;
            fs::rename(&*written.temp, dir.join(staged)).map_err(io(op.file()))?;
        }
        if let (Op::Put { bytes, .. }, Some(staged)) = (op, &f.staged) {
            let staged = dir.join(staged);
            fault::step("scrittura di un file nuovo").map_err(io(op.file()))?;
            let mut out = File::create(&staged).map_err(io(op.file()))?;
            out.write_all(bytes).map_err(io(op.file()))?;
            if let Some(permissions) = permissions_for(&target) {
                let _ = out.set_permissions(permissions);
            }
            if !many {
                fault::step("file nuovo sul disco").map_err(io(op.file()))?;
                out.sync_all().map_err(io(op.file()))?;
            }
        }
        if let Some(kept) = &f.kept {
            let kept = dir.join(kept);
            fault::step("versione precedente conservata").map_err(io(op.file()))?;
            if fs::hard_link(&target, &kept).is_err() {
                // No hard links (FAT on a USB stick): a copy, flushed.
                fs::copy(&target, &kept).map_err(io(op.file()))?;
                File::open(&kept)
                    .and_then(|f| f.sync_all())
                    .map_err(io(op.file()))?;
            }
        }
    }
    if many {
        fault::step("file nuovi sul disco").map_err(io(Path::new(".")))?;
        sync_file_system(dir).map_err(io(Path::new(".")))?;
    }
    for folder in &folders {
        fault::step("cartella sul disco").map_err(io(folder))?;
        sync_dir(folder).map_err(io(folder))?;
    }
    Ok(())
}

/// Step 2: the intent, written whole.
fn write_intent(dir: &Path, intent: &Intent) -> Result<(), TxError> {
    let text = ron::ser::to_string_pretty(intent, ron::ser::PrettyConfig::new().new_line("\n"))
        .map_err(|e| TxError::Refused(e.to_string()))?;
    let text = format!(
        "// Commissione: un'operazione in corso. Se resta dopo un'interruzione, la prossima apertura la completa o la annulla.\n{text}\n"
    );
    let path = dir.join(INTENT);
    let temp = dir.join(format!(".{INTENT}.tmp"));
    let fail = io(Path::new(INTENT));
    fault::step("scrittura dell'intento").map_err(&fail)?;
    let mut out = File::create(&temp).map_err(&fail)?;
    out.write_all(text.as_bytes()).map_err(&fail)?;
    fault::step("intento sul disco").map_err(&fail)?;
    out.sync_all().map_err(&fail)?;
    drop(out);
    fault::step("intento al suo posto").map_err(&fail)?;
    crate::platform::replace_file(&temp, &path).map_err(&fail)?;
    fault::step("cartella dell'avviso sul disco").map_err(&fail)?;
    sync_dir(dir).map_err(&fail)
}

/// Step 3: the new contents over their files, what grows appended.
fn switch(dir: &Path, ops: &[Op], intent: &Intent) -> Result<(), TxError> {
    let mut folders: Vec<PathBuf> = Vec::new();
    for (op, f) in ops.iter().zip(&intent.files) {
        let target = dir.join(&f.file);
        let rel = Path::new(&f.file);
        if let (Op::Append { bytes, .. }, Some(from)) = (op, f.appended_from) {
            append(&target, rel, bytes)?;
            // A file created needs its folder flushed; one that grew does not.
            if from > 0 {
                continue;
            }
        } else if let Some(staged) = &f.staged {
            fault::step("file nuovo al suo posto").map_err(io(rel))?;
            crate::platform::replace_file(&dir.join(staged), &target).map_err(io(rel))?;
        } else {
            fault::step("file tolto").map_err(io(rel))?;
            match fs::remove_file(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io(rel)(e)),
                _ => {}
            }
        }
        let folder = target.parent().unwrap_or(dir).to_path_buf();
        if !folders.contains(&folder) {
            folders.push(folder);
        }
    }
    for folder in &folders {
        fault::step("cartella sul disco").map_err(io(folder))?;
        sync_dir(folder).map_err(io(folder))?;
    }
    Ok(())
}

/// Appends `bytes` at the end of a file (created if missing) and flushes them.
fn append(target: &Path, rel: &Path, bytes: &[u8]) -> Result<(), TxError> {
    fault::step("aggiunta in fondo a un file").map_err(io(rel))?;
    let mut out = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(target)
        .map_err(io(rel))?;
    out.write_all(bytes).map_err(io(rel))?;
    fault::step("aggiunta sul disco").map_err(io(rel))?;
    out.sync_data().map_err(io(rel))
}

/// The length of a file about to grow, and the hash of its content with `bytes` added. The
/// hash of what it held is remembered from the last append of this program (a log grows by a
/// line at every mark: it is not read again each time), checked by the file's length and
/// time; otherwise the file is read.
fn appended_hash(path: &Path, bytes: &[u8]) -> io::Result<(u64, Sha256)> {
    let meta = match fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut hasher = match &meta {
        None => Sha256::new(),
        Some(meta) => {
            let known = GROWN.lock().ok().and_then(|g| {
                g.get(path)
                    .filter(|k| k.len == meta.len() && k.modified == meta.modified().ok())
                    .map(|k| k.hasher.clone())
            });
            match known {
                Some(hasher) => hasher,
                None => {
                    let held = super::files::read_regular(path, MAX_FILE_BYTES)?;
                    let mut hasher = Sha256::new();
                    hasher.update(&held);
                    hasher
                }
            }
        }
    };
    hasher.update(bytes);
    Ok((meta.map_or(0, |m| m.len()), hasher))
}

/// What is remembered of a file this program appended to.
struct Grown {
    len: u64,
    modified: Option<std::time::SystemTime>,
    hasher: Sha256,
}

static GROWN: LazyLock<std::sync::Mutex<std::collections::HashMap<PathBuf, Grown>>> =
    LazyLock::new(Default::default);

fn remember_hash(path: &Path, len: u64, hasher: Sha256) {
    let modified = fs::metadata(path).ok().and_then(|m| m.modified().ok());
    if let Ok(mut grown) = GROWN.lock() {
        grown.insert(
            path.to_path_buf(),
            Grown {
                len,
                modified,
                hasher,
            },
        );
    }
}

/// Step 5, after the commit: the kept versions become `NAME.bak`, the intent goes. Failures
/// here lose nothing: the next opening finishes it.
fn finish(dir: &Path, intent: &Intent) {
    for f in &intent.files {
        if let Some(kept) = &f.kept {
            let _ = fs::rename(dir.join(kept), dir.join(backup_name(Path::new(&f.file))));
        }
        if let Some(staged) = &f.staged {
            let _ = fs::remove_file(dir.join(staged));
        }
    }
    let _ = fs::remove_file(dir.join(INTENT));
}

/// Puts every file back as it was and cuts the journal back: the transaction did not happen.
fn roll_back(dir: &Path, journal: &Journal, intent: &Intent) -> io::Result<()> {
    let mut first_error = None;
    let mut note = |r: io::Result<()>| {
        if let Err(e) = r
            && first_error.is_none()
        {
            first_error = Some(e);
        }
    };
    // The journal first: once its entries are gone, the transaction is not committed even if
    // the program stops while the files are put back (the intent stays until the end).
    note(journal.cut(intent.journal_len));
    for f in intent.files.iter().rev() {
        let target = dir.join(&f.file);
        if let Some(from) = f.appended_from {
            note(cut_back(&target, from));
            if let Some(folder) = target.parent() {
                let _ = sync_dir(folder);
            }
            continue;
        }
        match &f.kept {
            Some(kept) => {
                let kept = dir.join(kept);
                if kept.exists() {
                    note(crate::platform::replace_file(&kept, &target));
                    // Renaming a link over its own file leaves both names.
                    let _ = fs::remove_file(&kept);
                }
            }
            None => match fs::remove_file(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => note(Err(e)),
                _ => {}
            },
        }
        if let Some(staged) = &f.staged {
            let _ = fs::remove_file(dir.join(staged));
        }
        if let Some(folder) = target.parent() {
            let _ = sync_dir(folder);
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => {
            let _ = fs::remove_file(dir.join(INTENT));
            let _ = sync_dir(dir);
            Ok(())
        }
    }
}

/// A file that grew cut back to its length before (removed, if it did not exist).
fn cut_back(target: &Path, from: u64) -> io::Result<()> {
    if from == 0 {
        return match fs::remove_file(target) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    match fs::OpenOptions::new().write(true).open(target) {
        Ok(f) => {
            if f.metadata()?.len() > from {
                f.set_len(from)?;
                f.sync_all()?;
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

// --- recovery ------------------------------------------------------------------------------

/// Completes or rolls back a transaction a stopped program left, and removes the temporary
/// files such programs leave. The caller holds the lock.
pub fn recover(dir: &Path, journal: &Journal) -> Result<Option<Recovered>, TxError> {
    let path = dir.join(INTENT);
    let recovered = match fs::read_to_string(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(TxError::Io {
                file: INTENT.into(),
                source,
            });
        }
        Ok(text) => match ron::from_str::<Intent>(strip_comment(&text)) {
            // An intent cut short by a crash was never renamed into place: it cannot be read
            // only if written by hand. Then it is left, and said.
            Err(_) => {
                return Err(TxError::Refused(super::messages::intent_unreadable(INTENT)));
            }
            Ok(intent) => {
                let written = journal.entries_from(intent.journal_len);
                let committed = written.len() as u64 == intent.entries
                    && written.last().is_some_and(|e| e.hash == intent.last_hash);
                if committed {
                    finish(dir, &intent);
                } else {
                    roll_back(dir, journal, &intent).map_err(|source| TxError::Io {
                        file: INTENT.into(),
                        source,
                    })?;
                }
                Some(Recovered {
                    what: intent.what,
                    completed: committed,
                })
            }
        },
    };
    sweep(dir);
    Ok(recovered)
}

fn strip_comment(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Removes what interrupted writes leave: `.NAME.….tmp` and `.NAME.tx-….old` files in the
/// call's folders. Only with no transaction under way.
fn sweep(dir: &Path) {
    if dir.join(INTENT).exists() {
        return;
    }
    let folders = [
        dir.to_path_buf(),
        dir.join(super::files::APPLICATIONS),
        dir.join(super::files::SHEETS),
        dir.join(super::files::SESSIONS),
        dir.join(super::files::MINUTES),
        dir.join(super::files::MINUTES)
            .join(super::save::SEALED_MINUTES),
    ];
    for folder in folders {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with('.')
                && (name.ends_with(".tmp") || name.contains(".tx-") && name.ends_with(".old"));
            if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

// --- the disk ------------------------------------------------------------------------------

fn permissions_for(path: &Path) -> Option<fs::Permissions> {
    match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                Some(fs::Permissions::from_mode(0o644))
            }
            #[cfg(not(unix))]
            {
                None
            }
        }
    }
}

/// Makes a folder's entries (files created, renamed, removed) durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Flushes everything written to the file system that holds `dir`: one call instead of one per
/// file, for a transaction of thousands of files.
fn sync_file_system(dir: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let d = File::open(dir)?;
        // SAFETY: syncfs only reads the descriptor, which stays open for the call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// One check for the many files of a transaction still refuses each way out: a folder
    /// linked elsewhere (after files of a good folder were checked), a file linked elsewhere,
    /// `..`; a folder not made yet is judged by the deepest one that exists.
    #[test]
    fn every_file_of_a_transaction_is_checked_against_the_call_folder() {
        let tmp = tempfile::tempdir().expect("a folder");
        let call = tmp.path().join("avviso");
        let elsewhere = tmp.path().join("altrove");
        fs::create_dir_all(call.join("candidature")).expect("made");
        fs::create_dir_all(&elsewhere).expect("made");
        symlink(&elsewhere, call.join("schede")).expect("linked");
        fs::write(elsewhere.join("x.ron"), "x").expect("written");
        symlink(elsewhere.join("x.ron"), call.join("candidature/L.ron")).expect("linked");
        let mut folders = Inside::new(&call).expect("the folder resolves");
        for name in ["a.ron", "b.ron", "c.ron"] {
            let path = folders
                .check(&Path::new("candidature").join(name))
                .expect("inside");
            assert!(path.ends_with(Path::new("candidature").join(name)));
        }
        assert!(folders.check(Path::new("nuova/cartella/n.ron")).is_ok());
        for out in [
            "schede/m1.ron",
            "schede/m2.ron",
            "candidature/L.ron",
            "../fuori.ron",
        ] {
            assert!(
                matches!(folders.check(Path::new(out)), Err(TxError::Outside { .. })),
                "{out}"
            );
        }
    }
}
