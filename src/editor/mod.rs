//! The open workspace and the one road every change takes: command → check → atomic save →
//! journal → evaluate again. Used by the window, the import and the command line alike.

mod acts;
mod change;
mod command;
mod sealing;

use std::io;
use std::path::{Path, PathBuf};

pub use command::Command;

use change::{Change, Target, compact, path_text};

use crate::domain::{MemberId, Moment, SessionId, Workspace};
use crate::rules::{self, Evaluation};
use crate::workspace::journal::{Journal, JournalError};
use crate::workspace::lock::{self, Acquire, Holder, Lock};
use crate::workspace::{self, Problem, SaveError, Store};

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
    #[error("la modifica è salvata, ma il registro non la riporta: {0}")]
    Journal(#[from] JournalError),
}

/// A change of a batch refused: which one, why, and how to undo the ones applied before it.
#[derive(Debug, thiserror::Error)]
#[error("modifica n. {}: {error}", .index + 1)]
pub struct BatchError {
    /// From 0, in the order given.
    pub index: usize,
    pub error: EditError,
    /// The commands that undo the changes applied before it, in the order to apply them
    /// (the last change first).
    pub undo: Vec<Command>,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{dir}: non si può aprire l'avviso:\n{}", .problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Unreadable { dir: String, problems: Vec<Problem> },
    #[error("{dir}: impossibile prendere il blocco dell'avviso ({source})")]
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
}

impl ReadOnly {
    pub fn reason(&self) -> String {
        match self {
            ReadOnly::Busy(h) => format!(
                "è aperto da {} su {} dal {}",
                h.who,
                h.host,
                crate::italian::moment(h.since)
            ),
            ReadOnly::Journal(e) => format!("il registro delle modifiche non è integro ({e})"),
            ReadOnly::Chosen => "aperto in consultazione".into(),
        }
    }
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
    /// The workspace changed since the last evaluation.
    unevaluated: bool,
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
        let loaded = workspace::load(dir);
        let Some(ws) = loaded.workspace else {
            return Err(OpenError::Unreadable {
                dir: dir.display().to_string(),
                problems: loaded.problems,
            });
        };
        let journal = Journal::of(dir);
        let mut read_only = None;
        let mut held = None;
        match Lock::acquire(dir, &actor.label(), clock()) {
            Ok(Acquire::Held(l)) => held = Some(l),
            Ok(Acquire::Busy(holder)) => read_only = Some(ReadOnly::Busy(holder)),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                read_only = Some(ReadOnly::Chosen)
            }
            Err(source) => {
                return Err(OpenError::Lock {
                    dir: dir.display().to_string(),
                    source,
                });
            }
        }
        if read_only.is_none()
            && let Err(e) = journal.read()
        {
            read_only = Some(ReadOnly::Journal(e.to_string()));
        }
        let evaluation = rules::evaluate(&ws);
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
            unevaluated: false,
        })
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

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// What reads the record kept when `session` closed (see [`Store::sealed_record`]), to run
    /// where it is needed: a long call's record is read on the thread that writes its verbale.
    pub fn kept_record_reader(
        &self,
        session: &SessionId,
    ) -> impl FnOnce() -> Option<Vec<u8>> + Send + 'static {
        let mut store = self.store.clone();
        let session = session.clone();
        move || store.sealed_record(&session).ok()
    }

    /// The file of `member`'s score sheet in the call's folder, if the sheet has one.
    pub fn sheet_path(&self, member: &MemberId) -> Option<PathBuf> {
        self.store
            .sources
            .sheets
            .get(member)
            .map(|rel| self.dir.join(rel))
    }

    /// Opens for reading only, releasing the lock (presentation mode, a colleague's copy).
    pub fn set_read_only(&mut self) {
        self.lock = None;
        self.read_only = Some(ReadOnly::Chosen);
    }

    /// Takes the lock from an instance the user confirmed is gone.
    pub fn take_over(&mut self) -> io::Result<()> {
        if let Some(ReadOnly::Busy(_) | ReadOnly::Chosen) = self.read_only {
            self.lock = Some(Lock::take_over(
                &self.dir,
                &self.actor.label(),
                (self.clock)(),
            )?);
            self.read_only = self
                .journal
                .read()
                .err()
                .map(|e| ReadOnly::Journal(e.to_string()));
        }
        Ok(())
    }

    /// Tells other instances this one is alive; call it every few minutes. If another instance
    /// took the lock meanwhile, this one becomes read-only.
    pub fn keep_alive(&mut self) {
        let Some(held) = &mut self.lock else { return };
        if held.still_ours() {
            let _ = held.refresh((self.clock)());
            return;
        }
        let holder = lock::read_holder(&self.dir.join(lock::FILE));
        self.lock = None;
        self.read_only = Some(holder.map_or(ReadOnly::Chosen, ReadOnly::Busy));
    }

    /// Applies a change: checks it, saves the file it touches, writes the journal, evaluates
    /// again. Returns the command that undoes it.
    pub fn apply(&mut self, command: Command) -> Result<Command, EditError> {
        let result = self.change(command);
        self.evaluate_if_changed();
        result
    }

    /// Applies changes one after the other, each exactly as [`Editor::apply`] does (checked,
    /// saved, journaled), but evaluates once at the end: an import of thousands of applications
    /// would otherwise evaluate the whole call thousands of times. Returns the commands that
    /// undo them, in the order to apply them (the last change first). Stops at the first change
    /// refused; the ones before it stay applied, and their undo commands come with the error.
    pub fn apply_all(
        &mut self,
        commands: impl IntoIterator<Item = Command>,
    ) -> Result<Vec<Command>, BatchError> {
        let mut undo = Vec::new();
        for (index, command) in commands.into_iter().enumerate() {
            match self.change(command) {
                Ok(inverse) => undo.push(inverse),
                Err(error) => {
                    self.evaluate_if_changed();
                    undo.reverse();
                    return Err(BatchError { index, error, undo });
                }
            }
        }
        self.evaluate_if_changed();
        undo.reverse();
        Ok(undo)
    }

    fn evaluate_if_changed(&mut self) {
        if self.unevaluated {
            self.evaluation = rules::evaluate(&self.workspace);
            self.unevaluated = false;
        }
    }

    /// A change without the evaluation: checked, saved, journaled.
    fn change(&mut self, command: Command) -> Result<Command, EditError> {
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
        self.persist(&change)?;
        let Change {
            workspace,
            file,
            description,
            before,
            after,
            inverse,
            ..
        } = change;
        self.workspace = workspace;
        self.unevaluated = true;
        self.journal.append(
            (self.clock)(),
            &self.actor.label(),
            &file,
            &description,
            &before,
            &after,
        )?;
        Ok(inverse)
    }

    fn allowed(&self, command: &Command) -> Result<(), EditError> {
        match (&self.actor, command.sheet_member()) {
            (Actor::Secretariat, _) => Ok(()),
            (Actor::Member(me), Some(member)) if me == member => Ok(()),
            (Actor::Member(me), Some(member)) => Err(EditError::NotAllowed(format!(
                "{me} può modificare solo la propria scheda di valutazione, non quella di {member}"
            ))),
            (Actor::Member(_), None) => Err(EditError::NotAllowed(
                "solo la segreteria può modificare l'avviso, le candidature e le sedute".into(),
            )),
        }
    }

    fn persist(&mut self, change: &Change) -> Result<(), EditError> {
        let ws = &change.workspace;
        match &change.target {
            Target::Call | Target::Commission => self.store.save_call(ws)?,
            Target::Application(p) => {
                if let Some(app) = ws.application(p) {
                    self.store.save_application(app)?;
                }
            }
            Target::RemovedApplication(p) => self.store.remove_application(p)?,
            Target::Sheet(m) => {
                if let Some(sheet) = ws.sheet(m) {
                    self.store.save_sheet(sheet)?;
                }
            }
            Target::Session(id) => {
                if let Some(bytes) = &change.sealed_record {
                    // The record first: a session is never marked closed without it.
                    self.store.save_sealed_record(id, bytes)?;
                }
                if let Some(session) = ws.session(id) {
                    self.store.save_session(session)?;
                }
            }
            Target::RemovedSession(id) => self.store.remove_session(id)?,
        }
        if let Some(id) = &change.amended_session
            && let Some(session) = ws.session(id)
        {
            self.store.save_session(session)?;
        }
        Ok(())
    }
}
