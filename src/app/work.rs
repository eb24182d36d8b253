//! The open workspace as the window holds it: the editor (the one road for every change), the
//! undo and redo stacks of inverse commands, and the drafts being typed.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::editor::{Actor, Command, EditError, Editor, OpenError};
use crate::import::{self, Applied, ApplyError, ImportPlan};

use super::drafts::{self, Commit, Drafts, Field};

/// A change the editor refused: why, and what was asked (to make it again as an amendment when
/// a closed session fixed what it changes).
#[derive(Debug)]
pub struct Refused {
    pub error: EditError,
    pub command: Command,
    /// The draft whose saving was refused, if the change came from one.
    pub draft: Option<Typed>,
}

/// A draft: a field's text, or the budget being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    Field(Field),
    Budget,
}

/// How often the lock is refreshed, so that other instances do not take it for abandoned.
const KEEP_ALIVE: Duration = Duration::from_secs(120);

pub struct Work {
    editor: Editor,
    undo: Vec<Command>,
    redo: Vec<Command>,
    pub drafts: Drafts,
    /// Grows by one at every change: views keep what they derive from the workspace (a sorted,
    /// filtered list) until it moves.
    generation: u64,
    alive_at: Instant,
    /// For a window open only to read: what the call's files looked like when last read (see
    /// [`Work::follow`]).
    stamp: Option<u64>,
    /// Whether the user sees the others' marks on every application, for a generation.
    all_marks: Option<(u64, bool)>,
}

impl Work {
    pub fn open(dir: &Path, actor: Actor) -> Result<Work, OpenError> {
        let editor = Editor::open(dir, actor)?;
        // What was read, for a window that only reads to see when the files change.
        let stamp = editor.read_only().map(|_| stamp(dir));
        Ok(Work {
            editor,
            undo: Vec::new(),
            redo: Vec::new(),
            drafts: Drafts::default(),
            generation: 0,
            alive_at: Instant::now(),
            stamp,
            all_marks: None,
        })
    }

    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// The editor to read and the drafts to write, at once (a view needs both).
    pub fn parts(&mut self) -> (&Editor, &mut Drafts, u64) {
        (&self.editor, &mut self.drafts, self.generation)
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the user sees the others' marks on every scored application: what a document
    /// showing them, or the points made of them, needs (the ranking, the letters, a verbale,
    /// the score matrix, another member's sheet). Independent judgement (see
    /// [`crate::rules::sheet::sees_others_marks`]): a member only once their own marks are
    /// given everywhere; the secretariat and consultation always; everyone when the call turns
    /// it off. Worked out once per change.
    pub fn sees_all_marks(&mut self) -> bool {
        if let Some((generation, sees)) = self.all_marks
            && generation == self.generation
        {
            return sees;
        }
        let sees = sees_all_marks(&self.editor);
        self.all_marks = Some((self.generation, sees));
        sees
    }

    /// Applies a change; its inverse goes on the undo stack. Closing a session is final: what
    /// was done before it cannot be undone past it (the inverses would be refused), so the
    /// stacks are emptied.
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        let closing = matches!(command, Command::CloseSession(_));
        let inverse = self.editor.apply(command)?;
        if closing {
            self.undo.clear();
        } else {
            self.undo.push(inverse);
        }
        self.redo.clear();
        self.generation += 1;
        Ok(())
    }

    /// [`Work::apply`], keeping the command when it is refused.
    pub fn try_apply(&mut self, command: Command) -> Result<(), Box<Refused>> {
        self.apply(command.clone()).map_err(|error| {
            Box::new(Refused {
                error,
                command,
                draft: None,
            })
        })
    }

    /// Writes an import through the editor (see [`import::apply`]). An import writes many files
    /// at once and is not undone by Ctrl+Z: the undo stacks are emptied, since an older inverse
    /// (a whole sheet, a whole application) would silently drop what was imported.
    pub fn import(
        &mut self,
        plan: &ImportPlan,
        only_good_rows: bool,
    ) -> Result<Applied, ApplyError> {
        let result = import::apply(plan, &mut self.editor, only_good_rows);
        // A refused or failed import writes nothing at all.
        let wrote = matches!(&result, Ok(applied) if applied.commands > 0);
        if wrote {
            self.undo.clear();
            self.redo.clear();
            self.generation += 1;
        }
        result
    }

    /// Writes the bundle of a granted access request and journals its release (see
    /// [`crate::access::release`]). Files written are not taken back by Ctrl+Z: the undo stacks
    /// are emptied, as after an import. Returns the folder written.
    pub fn release_access(
        &mut self,
        id: &crate::domain::AccessId,
    ) -> Result<std::path::PathBuf, crate::access::ReleaseError> {
        let (folder, _) = crate::access::release(&mut self.editor, id, crate::editor::now())?;
        self.undo.clear();
        self.redo.clear();
        self.generation += 1;
        Ok(self.editor.dir().join(folder))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last change by applying its inverse; what undoes the undo goes on the redo
    /// stack. Nothing is lost when the inverse is refused: it stays on its stack.
    /// Returns the command applied, to say what was undone.
    pub fn undo(&mut self) -> Result<Option<Command>, EditError> {
        let done = Self::step(&mut self.editor, &mut self.undo, &mut self.redo)?;
        self.generation += 1;
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<Option<Command>, EditError> {
        let done = Self::step(&mut self.editor, &mut self.redo, &mut self.undo)?;
        self.generation += 1;
        Ok(done)
    }

    fn step(
        editor: &mut Editor,
        from: &mut Vec<Command>,
        to: &mut Vec<Command>,
    ) -> Result<Option<Command>, EditError> {
        let Some(command) = from.pop() else {
            return Ok(None);
        };
        match editor.apply(command.clone()) {
            Ok(inverse) => {
                to.push(inverse);
                Ok(Some(command))
            }
            Err(e) => {
                from.push(command);
                Err(e)
            }
        }
    }

    /// Whether something typed is not saved yet.
    pub fn unsaved(&self) -> bool {
        !self.drafts.is_empty()
    }

    /// Saves the drafts that are due (finished, quiet, or `all` of them). Returns the changes
    /// the editor refused; a draft that cannot be saved yet stays a draft.
    pub fn save_drafts(&mut self, now: f64, all: bool) -> Vec<Refused> {
        let (mut fields, budget) = self.drafts.due(now, all);
        // Points first: a reason waits for its score, and may be saved right after it.
        fields.sort_by_key(|f| !matches!(f, Field::Points { .. }));
        let mut errors = Vec::new();
        let mut i = 0;
        while i < fields.len() {
            let field = fields[i].clone();
            i += 1;
            let Some(draft) = self.drafts.get(&field) else {
                continue;
            };
            let text = draft.text.clone();
            match drafts::commit(&field, &text, self.editor.workspace()) {
                Commit::Nothing => self.drafts.discard(&field),
                Commit::Wait(why) => self.drafts.set_waiting(&field, why),
                Commit::Command(command) => match self.apply(command.clone()) {
                    Ok(()) => {
                        self.drafts.discard(&field);
                        if let Field::Points {
                            member,
                            application,
                            criterion,
                        } = field
                        {
                            let reason = Field::Reason {
                                member,
                                application,
                                criterion,
                            };
                            if self.drafts.get(&reason).is_some() && !fields.contains(&reason) {
                                fields.push(reason);
                            }
                        }
                    }
                    Err(error) => {
                        self.drafts.set_waiting(&field, error.to_string());
                        errors.push(Refused {
                            error,
                            command,
                            draft: Some(Typed::Field(field)),
                        });
                    }
                },
            }
        }
        if budget && let Some(draft) = self.drafts.budget() {
            match draft.commit(self.editor.workspace()) {
                Commit::Nothing => self.drafts.set_budget(None),
                Commit::Wait(why) => self.drafts.set_budget_waiting(why),
                Commit::Command(command) => match self.apply(command.clone()) {
                    Ok(()) => self.drafts.set_budget(None),
                    Err(error) => {
                        self.drafts.set_budget_waiting(error.to_string());
                        errors.push(Refused {
                            error,
                            command,
                            draft: Some(Typed::Budget),
                        });
                    }
                },
            }
        }
        errors
    }

    /// Drops a draft (its change was made another way, as an amendment).
    pub fn discard_draft(&mut self, draft: &Typed) {
        match draft {
            Typed::Field(field) => self.drafts.discard(field),
            Typed::Budget => self.drafts.set_budget(None),
        }
    }

    /// Takes the lock from an instance the user confirmed is gone.
    pub fn take_over(&mut self) -> std::io::Result<()> {
        self.editor.take_over()?;
        // The files were read again.
        self.undo.clear();
        self.redo.clear();
        self.generation += 1;
        Ok(())
    }

    /// Refreshes the lock every few minutes.
    pub fn keep_alive(&mut self) {
        if self.alive_at.elapsed() >= KEEP_ALIVE {
            if self.editor.keep_alive() {
                // The files were read again: what the stacks would undo may be gone.
                self.undo.clear();
                self.redo.clear();
                self.generation += 1;
            }
            self.alive_at = Instant::now();
        }
    }

    /// A window open only to read follows the one that writes: when the call's files changed
    /// on disk (or `now` is asked, by *Aggiorna*), it reads them again. A look at the folders'
    /// and the sheets' dates and sizes, cheap enough to do every second or two. Returns whether
    /// the files were read again.
    pub fn follow(&mut self, now: bool) -> bool {
        if self.editor.read_only().is_none() {
            self.stamp = None;
            return false;
        }
        let stamp = stamp(self.editor.dir());
        let changed = self.stamp.is_some_and(|s| s != stamp);
        self.stamp = Some(stamp);
        if !(changed || now) {
            return false;
        }
        self.editor.read_again();
        self.undo.clear();
        self.redo.clear();
        self.generation += 1;
        true
    }

    pub fn set_read_only(&mut self) {
        self.editor.set_read_only();
        self.stamp = Some(stamp(self.editor.dir()));
    }
}

/// The dates and sizes of what a change writes: the call's folder and its sub-folders (a file
/// written whole is renamed into place, which changes its folder's date) and the files in them
/// that grow in place (the members' logs of marks, the journal).
fn stamp(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hash = std::collections::hash_map::DefaultHasher::new();
    let mut look = |path: &Path| {
        if let Ok(m) = std::fs::metadata(path) {
            (m.len(), m.modified().ok()).hash(&mut hash);
        }
    };
    look(dir);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return hash.finish();
    };
    let mut top: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    top.sort();
    for path in top {
        look(&path);
        let sheets = path
            .file_name()
            .is_some_and(|n| n == crate::workspace::files::SHEETS);
        if sheets && let Ok(entries) = std::fs::read_dir(&path) {
            let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            files.sort();
            files.iter().for_each(|f| look(f));
        }
    }
    hash.finish()
}

fn sees_all_marks(editor: &Editor) -> bool {
    let Actor::Member(me) = editor.actor() else {
        return true;
    };
    let ws = editor.workspace();
    !ws.call().independent_judgement
        || editor
            .evaluation()
            .applications
            .values()
            .filter(|r| r.scores.is_some())
            .all(|r| crate::rules::sheet::sees_others_marks(ws, Some(me), &r.protocol))
}
