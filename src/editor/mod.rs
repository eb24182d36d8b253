//! The open workspace and the one road every change takes: command → check → atomic save →
//! journal → evaluate again. Used by the window, the import and the command line alike.

mod access;
mod acts;
mod change;
mod command;
mod describe;
mod messages;
mod procedure;
mod quick;
mod sealing;
mod setup;

use std::io;
use std::path::{Path, PathBuf};

pub use command::{AccessChange, Command};
pub use procedure::{collegial_problems, event_problems};

use change::{Change, Target, compact, path_text};

use crate::domain::{MemberId, Moment, Protocol, SessionId, Workspace};
use crate::rules::{self, Evaluation};
use crate::workspace::journal::{Draft, Journal, JournalError};
use crate::workspace::lock::{self, Acquire, Holder, Lock};
use crate::workspace::tx::{self, Op, Recovered, Transaction, TxError};
use crate::workspace::{self, Problem, SaveError, Store};

/// A change of a batch checked: its inverse, and the file it writes if it wrote one itself.
type Step = (Command, Option<(Op, Draft)>);

/// Who is using the program: the secretariat, or one commissioner on their own laptop.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Actor {
    Secretariat,
    Member(MemberId),
}

impl Actor {
    /// As the journal and the lock write it.
    pub fn label(&self) -> String {
        match self {
            Actor::Secretariat => "segreteria".into(),
            Actor::Member(m) => m.to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("l'avviso è aperto in sola lettura: {0}")]
    ReadOnly(String),
    #[error("{0}")]
    NotAllowed(String),
    #[error("{0}")]
    NotFound(String),
    #[error("modifica non valida: {}", .0.join("; "))]
    Invalid(Vec<String>),
    #[error("{0}")]
    Save(#[from] SaveError),
    #[error("{0}")]
    Sealed(String),
    #[error("il registro delle modifiche non si può scrivere ({0}): non è stato scritto nulla")]
    Journal(#[from] JournalError),
    #[error("{0}")]
    Storage(#[from] TxError),
}

impl EditError {
    /// Whether the change was stopped by Ctrl+C or a request to end.
    pub fn interrupted(&self) -> bool {
        matches!(self, EditError::Storage(TxError::Interrupted))
    }
}

/// A batch refused: nothing of it was written. `index` names the change refused (from 0, in the
/// order given), or is None when writing the whole failed.
#[derive(Debug, thiserror::Error)]
#[error("{}{error}", .index.map(|i| format!("modifica n. {}: ", i + 1)).unwrap_or_default())]
pub struct BatchError {
    pub index: Option<usize>,
    pub error: EditError,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{dir}: non si può aprire l'avviso:\n{}", .problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Unreadable { dir: String, problems: Vec<Problem> },
    #[error("{dir}: impossibile prendere il blocco dell'avviso: {}", workspace::os_error::describe(.source))]
    Lock { dir: String, source: io::Error },
}

/// Why the workspace cannot be changed from here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another instance holds the lock.
    Busy(Holder),
    /// The journal does not hold together: changing more would hide how.
    Journal(String),
    /// Opened read-only on purpose, or the folder cannot be written.
    Chosen,
    /// An operation a stopped program left could not be completed nor rolled back.
    Unfinished(String),
}

impl ReadOnly {
    pub fn reason(&self) -> String {
        match self {
            ReadOnly::Busy(h) => {
                messages::opened_by(&h.who, &h.host, crate::italian::moment(h.since))
            }
            ReadOnly::Journal(e) => messages::journal_broken(e),
            ReadOnly::Chosen => messages::CONSULTATION.into(),
            ReadOnly::Unfinished(e) => messages::unfinished(e),
        }
    }
}

/// Only an amendment or a closing can change what the warnings about sealed data say: any other
/// change to what a closed session fixed is refused.
fn sealing(command: &Command) -> bool {
    matches!(command, Command::Amend { .. } | Command::CloseSession(_))
}

/// The clock's time on Rome's calendar.
pub fn now() -> Moment {
    Moment::from_timestamp(jiff::Timestamp::now())
}

/// A workspace open for work.
pub struct Editor {
    dir: PathBuf,
    actor: Actor,
    workspace: Workspace,
    evaluation: Evaluation,
    store: Store,
    journal: Journal,
    problems: Vec<Problem>,
    lock: Option<Lock>,
    read_only: Option<ReadOnly>,
    clock: fn() -> Moment,
    /// What changed in the workspace since the last evaluation.
    stale: Stale,
    /// What was done, when opening, about an operation a stopped program left.
    recovered: Option<Recovered>,
    /// What closed sessions fixed that changed without a rettifica, and seals that disagree
    /// with the journal (see [`crate::anchor::warnings`]): said loudly by the window.
    sealed_warnings: Vec<String>,
}

/// What the editor's evaluation misses.
#[derive(Debug)]
enum Stale {
    Current,
    /// Only members' marks changed, on these applications: their lots are evaluated again.
    Marks(std::collections::BTreeSet<Protocol>),
    All,
}

impl Stale {
    /// After marks changed on `application`, besides what was already missed.
    fn marks_on(self, application: &Protocol) -> Stale {
        match self {
            Stale::Current => Stale::Marks([application.clone()].into()),
            Stale::Marks(mut set) => {
                set.insert(application.clone());
                Stale::Marks(set)
            }
            Stale::All => Stale::All,
        }
    }
}

impl Editor {
    /// Opens the folder: loads it, takes its lock (or opens read-only if someone holds it), and
    /// checks the journal.
    pub fn open(dir: &Path, actor: Actor) -> Result<Editor, OpenError> {
        Editor::open_with_clock(dir, actor, now)
    }

    pub fn open_with_clock(
        dir: &Path,
        actor: Actor,
        clock: fn() -> Moment,
    ) -> Result<Editor, OpenError> {
        let journal = Journal::of(dir);
        // The lock first, then the files: what is loaded is what no one else changes meanwhile.
        let (held, mut read_only) = match Lock::acquire(dir, &actor.label(), clock()) {
            Ok(Acquire::Held(l)) => (Some(l), None),
            Ok(Acquire::Busy(holder)) => (None, Some(ReadOnly::Busy(holder))),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                (None, Some(ReadOnly::Chosen))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound && !dir.is_dir() => (None, None),
            Err(source) => {
                return Err(OpenError::Lock {
                    dir: dir.display().to_string(),
                    source,
                });
            }
        };
        let mut recovered = None;
        if held.is_some() {
            match tx::recover(dir, &journal) {
                Ok(r) => recovered = r,
                Err(e) => read_only = Some(ReadOnly::Unfinished(e.to_string())),
            }
        }
        let loaded = workspace::load(dir);
        let Some(ws) = loaded.workspace else {
            return Err(OpenError::Unreadable {
                dir: dir.display().to_string(),
                problems: loaded.problems,
            });
        };
        if read_only.is_none()
            && let Err(e) = journal.read()
        {
            read_only = Some(ReadOnly::Journal(e.to_string()));
        }
        let evaluation = rules::evaluate(&ws);
        let sealed_warnings = crate::anchor::warnings(dir, &ws);
        Ok(Editor {
            dir: dir.to_path_buf(),
            actor,
            workspace: ws,
            evaluation,
            store: Store::new(dir, loaded.sources),
            journal,
            problems: loaded.problems,
            lock: held,
            read_only,
            clock,
            stale: Stale::Current,
            recovered,
            sealed_warnings,
        })
    }

    /// What was done, when the call was opened, about an operation a stopped program had left
    /// half done (completed, or rolled back): to be said to the user.
    pub fn recovered(&self) -> Option<&Recovered> {
        self.recovered.as_ref()
    }

    /// Reads the call's files again, for a window open only to read: another program writes
    /// them. (A writer never needs it: no one else writes while it holds the lock.)
    pub fn read_again(&mut self) {
        if self.read_only.is_some() {
            self.reload();
        }
    }

    /// Reads the call's files again (after the lock was taken: another program may have
    /// changed them meanwhile).
    fn reload(&mut self) {
        if let Some(ws) = {
            let loaded = workspace::load(&self.dir);
            self.problems = loaded.problems;
            self.store = Store::new(&self.dir, loaded.sources);
            loaded.workspace
        } {
            self.workspace = ws;
            self.stale = Stale::All;
            self.evaluate_if_changed();
            self.sealed_warnings = crate::anchor::warnings(&self.dir, &self.workspace);
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    pub fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    /// The problems found when the folder was read (files left out or set aside).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// What closed sessions fixed that changed without a rettifica, and seals that disagree
    /// with the journal, in Italian sentences; empty when everything sealed holds.
    pub fn sealed_warnings(&self) -> &[String] {
        &self.sealed_warnings
    }

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// What reads what was kept when `session` closed: its record (see
    /// [`Store::sealed_record`]) and its sealed verbale (see [`Store::sealed_pdf`]), to run where
    /// it is needed: a long call's record is read on the thread that writes its verbale.
    pub fn kept_record_reader(
        &self,
        session: &SessionId,
    ) -> impl FnOnce() -> crate::minutes::Kept + Send + 'static {
        let mut store = self.store.clone();
        let session = session.clone();
        let number = self.workspace.session(&session).map_or(0, |s| s.number);
        move || crate::minutes::Kept {
            record: store.sealed_record(&session).ok(),
            pdf: store.sealed_pdf(&session, number).ok(),
        }
    }

    /// Reads, when called (on another thread), only the record `session` kept when it closed.
    pub fn sealed_record_reader(
        &self,
        session: &SessionId,
    ) -> impl FnOnce() -> Option<Vec<u8>> + Send + 'static {
        let mut store = self.store.clone();
        let session = session.clone();
        move || store.sealed_record(&session).ok()
    }

    /// The file last written of `member`'s score sheet in the call's folder, if the sheet has
    /// one: its log of changes, if it has one (see `workspace::sheet_log`), or the sheet.
    pub fn sheet_path(&self, member: &MemberId) -> Option<PathBuf> {
        let sheet = self.dir.join(self.store.sources.sheets.get(member)?);
        let log = workspace::sheet_log::log_path(&sheet);
        Some(if log.exists() { log } else { sheet })
    }

    /// Opens for reading only, releasing the lock (presentation mode, a colleague's copy).
    pub fn set_read_only(&mut self) {
        self.lock = None;
        self.read_only = Some(ReadOnly::Chosen);
    }

    /// Takes the lock from an instance the user confirmed is gone, completes or rolls back what
    /// it left half done, and reads the files again.
    pub fn take_over(&mut self) -> io::Result<()> {
        if let Some(ReadOnly::Busy(_) | ReadOnly::Chosen) = self.read_only {
            self.lock = Some(Lock::take_over(
                &self.dir,
                &self.actor.label(),
                (self.clock)(),
            )?);
            self.became_writer();
        }
        Ok(())
    }

    fn became_writer(&mut self) {
        self.read_only = None;
        match tx::recover(&self.dir, &self.journal) {
            Ok(r) => self.recovered = r,
            Err(e) => self.read_only = Some(ReadOnly::Unfinished(e.to_string())),
        }
        self.reload();
        if self.read_only.is_none()
            && let Err(e) = self.journal.read()
        {
            self.read_only = Some(ReadOnly::Journal(e.to_string()));
        }
    }

    /// Tells other instances this one is alive; call it every few minutes. If another instance
    /// took the lock meanwhile, this one becomes read-only; if it was read-only because another
    /// held the lock and that one is gone, this one takes it (and reads the files again).
    /// Returns true when the files were read again.
    pub fn keep_alive(&mut self) -> bool {
        let Some(held) = &mut self.lock else {
            if let Some(ReadOnly::Busy(_)) = self.read_only
                && let Ok(Acquire::Held(lock)) =
                    Lock::acquire(&self.dir, &self.actor.label(), (self.clock)())
            {
                self.lock = Some(lock);
                self.became_writer();
                return true;
            }
            return false;
        };
        if held.still_ours() {
            let _ = held.refresh(now());
            return false;
        }
        let holder = lock::read_holder(&self.dir.join(lock::FILE));
        self.lock = None;
        self.read_only = Some(holder.map_or(ReadOnly::Chosen, ReadOnly::Busy));
        false
    }

    /// Applies a change: checks it, writes the files it touches and its journal entries as one
    /// transaction, evaluates again. Returns the command that undoes it. A change refused or
    /// failed writes nothing.
    pub fn apply(&mut self, command: Command) -> Result<Command, EditError> {
        let result = match self.quick_mark(&command) {
            Some(result) => result,
            None => self.apply_one(command),
        };
        self.evaluate_if_changed();
        result
    }

    fn apply_one(&mut self, command: Command) -> Result<Command, EditError> {
        let sealing = sealing(&command);
        let inverse = self.write(command)?;
        self.stale = Stale::All;
        if sealing {
            self.sealed_warnings = crate::anchor::warnings(&self.dir, &self.workspace);
        }
        Ok(inverse)
    }

    /// [`Editor::apply`] for an editor that is not kept: a command of the command line, which
    /// exits after it. The change is checked and written as `apply` does, but what only an
    /// editor that goes on needs is left out: the evaluation of the new state, and after a
    /// closing the check of the data the closed sessions fixed (together 4 s after closing a
    /// session of 10,000 applications). Gives back the workspace as written.
    pub fn apply_and_leave(mut self, command: Command) -> Result<Workspace, EditError> {
        self.write(command)?;
        Ok(self.workspace)
    }

    /// Checks a change, writes it in one transaction and takes the changed workspace.
    fn write(&mut self, command: Command) -> Result<Command, EditError> {
        let mut change = self.check(command)?;
        let mut tx = Transaction::new(change.description.clone());
        self.add_writes(&mut tx, &mut change)?;
        self.commit(tx)?;
        self.workspace = change.workspace;
        Ok(change.inverse)
    }

    /// Applies changes one after the other, each checked as [`Editor::apply`] checks it, and
    /// writes them all as one transaction: all of them, or (when one is refused, or writing
    /// fails) none. Evaluates once at the end: an import of thousands of applications would
    /// otherwise evaluate the whole call thousands of times. Returns the commands that undo
    /// them, in the order to apply them (the last change first).
    pub fn apply_all(
        &mut self,
        commands: impl IntoIterator<Item = Command>,
    ) -> Result<Vec<Command>, BatchError> {
        self.apply_all_as("", commands)
    }

    /// [`Editor::apply_all`], naming the whole for messages about it ("importazione di …").
    pub fn apply_all_as(
        &mut self,
        what: &str,
        commands: impl IntoIterator<Item = Command>,
    ) -> Result<Vec<Command>, BatchError> {
        let original = self.workspace.clone();
        let mut tx = Transaction::new(what);
        let mut undo = Vec::new();
        let mut sealed = false;
        for (index, command) in commands.into_iter().enumerate() {
            sealed |= sealing(&command);
            let step = match self.in_place(&command) {
                Some(result) => result,
                None => self.check(command).and_then(|mut change| {
                    self.add_writes(&mut tx, &mut change)?;
                    self.workspace = change.workspace.clone();
                    Ok((change.inverse, None))
                }),
            };
            match step {
                Ok((inverse, writes)) => {
                    if let Some((op, draft)) = writes {
                        tx.push(op, draft);
                    }
                    undo.push(inverse);
                }
                Err(error) => {
                    self.workspace = original;
                    return Err(BatchError {
                        index: Some(index),
                        error,
                    });
                }
            }
        }
        if tx.what.is_empty() {
            tx.what = match tx.drafts.len() {
                1 => tx.drafts[0].change.clone(),
                n => format!("{n} modifiche"),
            };
        }
        if let Err(error) = self.commit(tx) {
            self.workspace = original;
            return Err(BatchError { index: None, error });
        }
        if !undo.is_empty() {
            self.stale = Stale::All;
        }
        if sealed {
            self.sealed_warnings = crate::anchor::warnings(&self.dir, &self.workspace);
        }
        self.evaluate_if_changed();
        undo.reverse();
        Ok(undo)
    }

    /// An application put by a batch (an import), changed in place instead of on a copy of
    /// the workspace, which would make an import of thousands of applications quadratic. Only
    /// while no session is closed (then every change is compared with what closed sessions
    /// fixed, on a copy). None: take the general road.
    fn in_place(&mut self, command: &Command) -> Option<Result<Step, EditError>> {
        let Command::PutApplication(app) = command else {
            return None;
        };
        if self.read_only.is_some()
            || self.actor != Actor::Secretariat
            || self.workspace.sessions().values().any(|s| s.is_closed())
        {
            return None;
        }
        let protocol = app.protocol.clone();
        let old = self.workspace.application(&protocol).cloned();
        let result = (|| {
            let (file, bytes) = self.store.application_bytes(app)?;
            self.workspace
                .put_application((**app).clone())
                .map_err(change::invalid)?;
            let (before, after) = match &old {
                Some(old) => change::diff(old, &**app),
                None => (String::new(), compact(&**app)),
            };
            let draft = Draft {
                who: self.actor.label(),
                change: match &old {
                    Some(_) => messages::application_changed(&protocol),
                    None => messages::application_registered(&protocol),
                },
                before,
                after,
                ..Draft::default()
            };
            let inverse = match old {
                Some(old) => Command::PutApplication(Box::new(old)),
                None => Command::RemoveApplication(protocol.clone()),
            };
            Ok((inverse, Some((Op::Put { file, bytes }, draft))))
        })();
        Some(result)
    }

    fn evaluate_if_changed(&mut self) {
        match std::mem::replace(&mut self.stale, Stale::Current) {
            Stale::Current => {}
            Stale::Marks(changed) => {
                let previous = std::mem::replace(&mut self.evaluation, Evaluation::empty());
                self.evaluation = rules::reevaluate_marks(&self.workspace, previous, &changed);
            }
            Stale::All => self.evaluation = rules::evaluate(&self.workspace),
        }
    }

    /// A change checked and prepared, nothing written: who may make it, what it changes, and
    /// that it leaves alone what closed sessions fixed.
    fn check(&mut self, command: Command) -> Result<Change, EditError> {
        if let Some(ro) = &self.read_only {
            return Err(EditError::ReadOnly(ro.reason()));
        }
        self.allowed(&command)?;
        self.reasons_given(&command)?;
        if matches!(command, Command::CloseSession(_)) {
            self.refuse_closing_over_problems()?;
            // The seal is over the results as they stand: they must be current.
            self.evaluate_if_changed();
        }
        let change = self.prepare(command)?;
        self.guard(&change)?;
        Ok(change)
    }

    /// Writes a transaction, holding the lock.
    fn commit(&mut self, tx: Transaction) -> Result<(), EditError> {
        let Some(lock) = &self.lock else {
            return Err(EditError::ReadOnly(
                self.read_only
                    .as_ref()
                    .map_or_else(|| ReadOnly::Chosen.reason(), ReadOnly::reason),
            ));
        };
        let still_ours = || lock.still_ours();
        tx::commit(&self.dir, &self.journal, (self.clock)(), tx, &still_ours)?;
        Ok(())
    }

    fn allowed(&self, command: &Command) -> Result<(), EditError> {
        match (&self.actor, command.sheet_member()) {
            (Actor::Secretariat, _) => Ok(()),
            (Actor::Member(me), Some(member)) if me == member => Ok(()),
            (Actor::Member(me), Some(member)) => {
                Err(EditError::NotAllowed(messages::only_own_sheet(me, member)))
            }
            (Actor::Member(_), None) => {
                Err(EditError::NotAllowed(messages::SECRETARIAT_ONLY.into()))
            }
        }
    }

    /// A journal entry by whoever edits.
    fn draft(&self, change: &str, before: &str, after: &str) -> Draft {
        Draft {
            who: self.actor.label(),
            change: change.to_string(),
            before: before.to_string(),
            after: after.to_string(),
            ..Draft::default()
        }
    }

    /// What a change writes: its files, each with its journal entry. A closing's kept record
    /// and sealed verbale (220 and 120 MB at 10,000 applications) are already written beside
    /// their files: the transaction only puts them in place.
    fn add_writes(&mut self, tx: &mut Transaction, change: &mut Change) -> Result<(), EditError> {
        let ws = &change.workspace;
        let main = self.draft(&change.description, &change.before, &change.after);
        let put = |(file, bytes): (std::path::PathBuf, Vec<u8>)| Op::Put { file, bytes };
        match &change.target {
            Target::Call => tx.push(put(self.store.call_bytes(ws)?), main),
            Target::Commission => tx.push(put(self.store.commission_bytes(ws)?), main),
            Target::Application(p) => {
                // An application removed as registered by mistake keeps its file, with the removal.
                if let Some(app) = ws.application(p).or_else(|| ws.removed().get(p)) {
                    tx.push(put(self.store.application_bytes(app)?), main);
                }
            }
            Target::RemovedApplication(p) => {
                if let Some(file) = self.store.removed_application_file(p)? {
                    tx.push(Op::Remove { file }, main);
                }
            }
            Target::Sheet(m) => {
                if let Some(sheet) = ws.sheet(m) {
                    let old = self.workspace.sheet(m);
                    for (op, draft) in self.store.sheet_writes(old, sheet, main)? {
                        tx.push(op, draft);
                    }
                }
            }
            Target::Session(id) => {
                if let Some(sealed) = change.sealed_record.take() {
                    // The record and the sealed verbale first: a session is never marked closed
                    // without them.
                    self.add_sealed_record(tx, id, sealed)?;
                }
                if let Some(session) = ws.session(id) {
                    tx.push(put(self.store.session_bytes(session)?), main);
                }
            }
            Target::RemovedSession(id) => {
                if let Some(file) = self.store.removed_session_file(id)? {
                    tx.push(Op::Remove { file }, main);
                }
            }
            Target::Access => tx.push(put(self.store.access_bytes(ws)?), main),
        }
        for also in &change.also {
            tx.push(
                Op::Put {
                    file: also.file.clone(),
                    bytes: also.bytes.clone(),
                },
                self.draft(&also.description, "", &crate::seal::sha256_hex(&also.bytes)),
            );
        }
        if let Some(id) = &change.amended_session
            && let Some(session) = ws.session(id)
        {
            let (before, after) = match self.workspace.session(id) {
                Some(old) => change::diff(old, session),
                None => (String::new(), compact(session)),
            };
            tx.push(
                put(self.store.session_bytes(session)?),
                self.draft(&messages::amendment_recorded(id), &before, &after),
            );
        }
        Ok(())
    }

    /// A closing's record and sealed verbale, written before the session is marked closed:
    /// a session is never closed without them.
    fn add_sealed_record(
        &mut self,
        tx: &mut Transaction,
        id: &SessionId,
        sealed: change::Sealed,
    ) -> Result<(), EditError> {
        let file = self.store.sealed_record_file(id)?;
        let record = self.draft(&messages::record_kept(id), "", &sealed.record.sha256);
        tx.push(
            Op::PutWritten {
                file,
                written: sealed.record,
            },
            record,
        );
        let pdf = self.draft(&messages::minutes_sealed(id), "", &sealed.pdf.sha256);
        tx.push(
            Op::PutWritten {
                file: crate::workspace::sealed_pdf_path(sealed.number, id),
                written: sealed.pdf,
            },
            pdf,
        );
        Ok(())
    }
}
