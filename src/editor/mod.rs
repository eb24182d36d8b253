//! The open workspace and the one road every change takes: command → check → atomic save →
//! journal → evaluate again. Used by the window, the import and the command line alike.

mod command;

use std::io;
use std::path::{Path, PathBuf};

pub use command::Command;

use crate::coverage;
use crate::domain::{
    Application, MemberId, Moment, Parts, Protocol, ScoreSheet, SessionId, Workspace,
};
use crate::rules::{self, Evaluation};
use crate::workspace::journal::{Journal, JournalError};
use crate::workspace::lock::{self, Acquire, Holder, Lock};
use crate::workspace::{self, Problem, SaveError, Store, files};

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
        if matches!(command, Command::CloseSession(_)) {
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

    /// Refuses a change to a closed session, or to what a closed session fixed, unless it is
    /// made as an amendment.
    fn guard(&self, change: &Change) -> Result<(), EditError> {
        if let Target::Session(id) | Target::RemovedSession(id) = &change.target
            && change.sealed_record.is_none()
            && let Some(session) = self.workspace.session(id).filter(|s| s.is_closed())
        {
            return Err(EditError::Sealed(format!(
                "la seduta {id} (verbale n. {}) è chiusa: ciò che il suo verbale riporta non si può più modificare",
                session.number
            )));
        }
        if change.amended_session.is_some() {
            return Ok(());
        }
        let Some(scope) = change.target.scope() else {
            return Ok(());
        };
        match coverage::altered(&self.workspace, &change.workspace, &scope).first() {
            None => Ok(()),
            Some((session, item)) => Err(EditError::Sealed(format!(
                "il verbale n. {} (seduta del {}, chiusa) ha fissato {}: per cambiarlo serve una rettifica in una seduta aperta, con la sua motivazione",
                session.number,
                crate::italian::date(session.date),
                coverage::describe(item)
            ))),
        }
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

    fn prepare(&mut self, command: Command) -> Result<Change, EditError> {
        match command {
            Command::CloseSession(id) => self.close(id),
            Command::Amend {
                session,
                reason,
                change,
            } => self.amend(session, reason, *change),
            Command::Score {
                member,
                application,
                criterion,
                value,
                reason,
            } => {
                let old = self.sheet_of(&member);
                let mut sheet = old.clone();
                let before = sheet
                    .score(&application, &criterion)
                    .map(compact)
                    .unwrap_or_default();
                sheet
                    .scores
                    .retain(|s| !(s.application == application && s.criterion == criterion));
                if let Some(value) = value {
                    sheet.scores.push(crate::domain::Score {
                        application: application.clone(),
                        criterion: criterion.clone(),
                        value,
                        reason,
                    });
                }
                let after = sheet
                    .score(&application, &criterion)
                    .map(compact)
                    .unwrap_or_default();
                let description = format!(
                    "punteggio di {member} sulla candidatura {application}, criterio {criterion}"
                );
                self.sheet_change(old, sheet, description, before, after)
            }
            Command::Declare {
                member,
                application,
                declaration,
            } => {
                self.application(&application)?;
                let old = self.sheet_of(&member);
                let mut sheet = old.clone();
                let before = sheet
                    .declaration(&application)
                    .map(compact)
                    .unwrap_or_default();
                sheet.declarations.retain(|d| d.application != application);
                if let Some(conflict) = declaration {
                    if conflict.is_some() {
                        // A member in conflict abstains: their scores on it no longer count.
                        sheet.scores.retain(|s| s.application != application);
                    }
                    sheet.declarations.push(crate::domain::Declaration {
                        application: application.clone(),
                        conflict,
                    });
                }
                let after = sheet
                    .declaration(&application)
                    .map(compact)
                    .unwrap_or_default();
                let description =
                    format!("dichiarazione di {member} sulla candidatura {application}");
                self.sheet_change(old, sheet, description, before, after)
            }
            Command::PutSheet(sheet) => {
                let old = self.sheet_of(&sheet.member);
                let description = format!("scheda di valutazione di {}", sheet.member);
                let (before, after) = (compact(&old), compact(&sheet));
                self.sheet_change(old, sheet, description, before, after)
            }
            Command::Decide {
                application,
                decision,
            } => {
                let mut app = self.application(&application)?;
                let before = app.decision.as_ref().map(compact).unwrap_or_default();
                app.decision = decision;
                let after = app.decision.as_ref().map(compact).unwrap_or_default();
                let description =
                    format!("decisione sull'ammissibilità della candidatura {application}");
                self.application_change(app, description, before, after)
            }
            Command::Document {
                application,
                document,
                status,
            } => {
                let mut app = self.application(&application)?;
                let before = app.document(&document).map(compact).unwrap_or_default();
                app.documents.retain(|d| d.document != document);
                if let Some(status) = status {
                    app.documents.push(crate::domain::DocumentEntry {
                        document: document.clone(),
                        status,
                    });
                }
                let after = app.document(&document).map(compact).unwrap_or_default();
                let description = format!("documento «{document}» della candidatura {application}");
                self.application_change(app, description, before, after)
            }
            Command::PutApplication(app) => {
                let before = self
                    .workspace
                    .application(&app.protocol)
                    .map(compact)
                    .unwrap_or_default();
                let after = compact(&*app);
                self.application_change(*app, String::new(), before, after)
            }
            Command::RemoveApplication(protocol) => {
                let old = self.application(&protocol)?;
                let file = self.store.application_file(&protocol)?;
                let workspace =
                    self.changed(|parts| parts.applications.retain(|a| a.protocol != protocol))?;
                Ok(Change {
                    workspace,
                    target: Target::RemovedApplication(protocol.clone()),
                    file: path_text(&file),
                    description: format!("candidatura {protocol} rimossa"),
                    before: compact(&old),
                    after: String::new(),
                    inverse: Command::PutApplication(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::PutSession(session) => {
                let old = self.workspace.session(&session.id).cloned();
                let id = session.id.clone();
                let file = self.store.session_file(&id)?;
                let after = compact(&*session);
                let workspace = self.changed(move |parts| {
                    parts.sessions.retain(|s| s.id != session.id);
                    parts.sessions.push(*session);
                })?;
                Ok(Change {
                    workspace,
                    target: Target::Session(id.clone()),
                    file: path_text(&file),
                    description: format!("seduta {id}"),
                    before: old.as_ref().map(compact).unwrap_or_default(),
                    after,
                    inverse: match old {
                        Some(old) => Command::PutSession(Box::new(old)),
                        None => Command::RemoveSession(id),
                    },
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::RemoveSession(id) => {
                let old =
                    self.workspace.session(&id).cloned().ok_or_else(|| {
                        EditError::NotFound(format!("la seduta «{id}» non esiste"))
                    })?;
                let file = self.store.session_file(&id)?;
                let workspace = self.changed(|parts| parts.sessions.retain(|s| s.id != id))?;
                Ok(Change {
                    workspace,
                    target: Target::RemovedSession(id.clone()),
                    file: path_text(&file),
                    description: format!("seduta {id} rimossa"),
                    before: compact(&old),
                    after: String::new(),
                    inverse: Command::PutSession(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::PutCall(call) => {
                let old = self.workspace.call().clone();
                let after = compact(&*call);
                let workspace = self.changed(move |parts| parts.call = Some(*call))?;
                Ok(Change {
                    workspace,
                    target: Target::Call,
                    file: files::CALL.into(),
                    description: "avviso".into(),
                    before: compact(&old),
                    after,
                    inverse: Command::PutCall(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
            Command::PutCommission(commission) => {
                let old = self.workspace.commission().clone();
                let after = compact(&*commission);
                let workspace = self.changed(move |parts| parts.commission = Some(*commission))?;
                Ok(Change {
                    workspace,
                    target: Target::Commission,
                    file: files::COMMISSION.into(),
                    description: "commissione".into(),
                    before: compact(&old),
                    after,
                    inverse: Command::PutCommission(Box::new(old)),
                    sealed_record: None,
                    amended_session: None,
                })
            }
        }
    }

    fn close(&mut self, id: SessionId) -> Result<Change, EditError> {
        let old = self
            .workspace
            .session(&id)
            .cloned()
            .ok_or_else(|| EditError::NotFound(format!("la seduta «{id}» non esiste")))?;
        if old.is_closed() {
            return Err(EditError::Sealed(format!("la seduta {id} è già chiusa")));
        }
        if old.end.is_none() {
            return Err(EditError::Invalid(vec![format!(
                "indicare l'ora di chiusura della seduta {id} prima di chiuderla: il verbale la riporta"
            )]));
        }
        let record = crate::record::session_record(&self.workspace, &self.evaluation, &id)
            .ok_or_else(|| EditError::NotFound(format!("la seduta «{id}» non esiste")))?;
        // The bytes hashed are the bytes kept: the closed verbale is drawn from them forever.
        let bytes =
            serde_json::to_vec(&record).map_err(|e| EditError::Invalid(vec![e.to_string()]))?;
        let sha256 = crate::seal::sha256_hex(&bytes);
        let mut closed = old.clone();
        closed.seal = Some(crate::domain::Seal {
            sha256: sha256.clone(),
            closed_at: (self.clock)(),
            covers: coverage::covers(&self.workspace, &old),
        });
        let file = self.store.session_file(&id)?;
        let after = compact(&closed.seal);
        let workspace = self.changed(move |parts| {
            parts.sessions.retain(|s| s.id != closed.id);
            parts.sessions.push(closed);
        })?;
        Ok(Change {
            workspace,
            target: Target::Session(id.clone()),
            file: path_text(&file),
            description: format!("seduta {id} chiusa con il sigillo {sha256}"),
            before: String::new(),
            after,
            // Closing is final: this "undo" is refused like any change to a closed session.
            inverse: Command::PutSession(Box::new(old)),
            sealed_record: Some(bytes),
            amended_session: None,
        })
    }

    fn amend(
        &mut self,
        session: SessionId,
        reason: String,
        inner: Command,
    ) -> Result<Change, EditError> {
        let holder = self
            .workspace
            .session(&session)
            .ok_or_else(|| EditError::NotFound(format!("la seduta «{session}» non esiste")))?;
        if holder.is_closed() {
            return Err(EditError::Sealed(format!(
                "la seduta {session} è chiusa: una rettifica va registrata in una seduta aperta"
            )));
        }
        if reason.trim().is_empty() {
            return Err(EditError::Invalid(vec![
                "una rettifica richiede la sua motivazione".into(),
            ]));
        }
        if matches!(inner, Command::Amend { .. } | Command::CloseSession(_)) {
            return Err(EditError::Invalid(vec![
                "questa operazione non si registra come rettifica".into(),
            ]));
        }
        let mut change = self.prepare(inner)?;
        let Some(scope) = change.target.scope() else {
            return Ok(change);
        };
        let amendments: Vec<crate::domain::Amendment> =
            coverage::altered(&self.workspace, &change.workspace, &scope)
                .into_iter()
                .map(|(closed, item)| crate::domain::Amendment {
                    closed: closed.id.clone(),
                    change: coverage::describe(&item),
                    item,
                    reason: reason.clone(),
                })
                .collect();
        if amendments.is_empty() {
            // Nothing a closed session fixed: an ordinary change.
            return Ok(change);
        }
        let id = session.clone();
        change
            .workspace
            .change(move |parts| {
                if let Some(s) = parts.sessions.iter_mut().find(|s| s.id == id) {
                    s.amendments.extend(amendments);
                }
            })
            .map_err(invalid)?;
        change.description = format!(
            "rettifica nella seduta {session}: {} (motivazione: {reason})",
            change.description
        );
        change.amended_session = Some(session.clone());
        change.inverse = Command::Amend {
            session,
            reason: format!("annullamento della rettifica «{reason}»"),
            change: Box::new(change.inverse),
        };
        Ok(change)
    }

    fn sheet_of(&self, member: &MemberId) -> ScoreSheet {
        self.workspace
            .sheet(member)
            .cloned()
            .unwrap_or_else(|| ScoreSheet::new(member.clone()))
    }

    fn application(&self, protocol: &Protocol) -> Result<Application, EditError> {
        self.workspace
            .application(protocol)
            .cloned()
            .ok_or_else(|| EditError::NotFound(format!("la candidatura «{protocol}» non esiste")))
    }

    /// The workspace after `edit`, if it still holds together.
    fn changed(&self, edit: impl FnOnce(&mut Parts)) -> Result<Workspace, EditError> {
        let mut ws = self.workspace.clone();
        ws.change(edit).map_err(invalid)?;
        Ok(ws)
    }

    fn sheet_change(
        &mut self,
        old: ScoreSheet,
        mut sheet: ScoreSheet,
        description: String,
        before: String,
        after: String,
    ) -> Result<Change, EditError> {
        // Every saved version of a sheet has a higher revision, undo included, so that an older
        // copy brought on a USB stick is recognised as older; an imported sheet keeps its own.
        sheet.revision = sheet.revision.max(old.revision + 1);
        let member = sheet.member.clone();
        let file = self.store.sheet_file(&member)?;
        let mut workspace = self.workspace.clone();
        workspace.put_sheet(sheet).map_err(invalid)?;
        Ok(Change {
            workspace,
            target: Target::Sheet(member),
            file: path_text(&file),
            description,
            before,
            after,
            inverse: Command::PutSheet(old),
            sealed_record: None,
            amended_session: None,
        })
    }

    fn application_change(
        &mut self,
        app: Application,
        description: String,
        before: String,
        after: String,
    ) -> Result<Change, EditError> {
        let protocol = app.protocol.clone();
        let old = self.workspace.application(&protocol).cloned();
        let file = self.store.application_file(&protocol)?;
        let description = match (description.is_empty(), &old) {
            (false, _) => description,
            (true, Some(_)) => format!("candidatura {protocol} modificata"),
            (true, None) => format!("candidatura {protocol} registrata"),
        };
        let mut workspace = self.workspace.clone();
        workspace.put_application(app).map_err(invalid)?;
        Ok(Change {
            workspace,
            target: Target::Application(protocol.clone()),
            file: path_text(&file),
            description,
            before,
            after,
            inverse: match old {
                Some(old) => Command::PutApplication(Box::new(old)),
                None => Command::RemoveApplication(protocol),
            },
            sealed_record: None,
            amended_session: None,
        })
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

fn invalid(problems: Vec<crate::domain::Inconsistency>) -> EditError {
    EditError::Invalid(problems.into_iter().map(|p| p.message).collect())
}

/// Which file a change writes.
#[derive(Debug, Clone)]
enum Target {
    Call,
    Commission,
    Application(Protocol),
    RemovedApplication(Protocol),
    Sheet(MemberId),
    Session(SessionId),
    RemovedSession(SessionId),
}

struct Change {
    workspace: Workspace,
    target: Target,
    file: String,
    description: String,
    before: String,
    after: String,
    inverse: Command,
    /// The record of a session being closed, written beside its file.
    sealed_record: Option<Vec<u8>>,
    /// The open session that records this change as an amendment, also written.
    amended_session: Option<SessionId>,
}

impl Target {
    /// What the change writes, as far as what closed sessions cover goes.
    fn scope(&self) -> Option<coverage::Scope> {
        match self {
            Target::Call => Some(coverage::Scope::Call),
            Target::Commission => Some(coverage::Scope::Commission),
            Target::Application(p) | Target::RemovedApplication(p) => {
                Some(coverage::Scope::Application(p.clone()))
            }
            Target::Sheet(m) => Some(coverage::Scope::Sheet(m.clone())),
            Target::Session(_) | Target::RemovedSession(_) => None,
        }
    }
}

fn compact<T: serde::Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_default()
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
