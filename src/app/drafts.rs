//! Text being typed is a draft until it is saved: a reason, a decision's motivation, a session's
//! place, a budget. A draft is turned into a [`Command`] on Enter, when its field loses focus,
//! on Ctrl+S or after a short pause; until then the window shows an unsaved-changes mark.
//!
//! A draft that cannot be saved yet (a reason before its judgement, an amount that does not
//! read) stays a draft, with the reason shown next to its field.

use std::collections::BTreeMap;

use crate::domain::{
    AdmissionOutcome, Application, BudgetLine, CategoryId, CofinancingKind, CofinancingLine,
    CriterionId, Decision, Lot, MemberId, Protocol, SessionId, Workspace,
};
use crate::editor::Command;
use crate::italian;
use crate::rules::{self, Finding};

use super::strings as s;
pub use super::views::avviso::campi::SetupField;

/// Seconds of quiet after which a draft is saved by itself.
pub const PAUSE: f64 = 1.5;

/// A field whose text can be a draft.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// A member's reason (motivazione) for one criterion of one application.
    Reason {
        member: MemberId,
        application: Protocol,
        criterion: CriterionId,
    },
    /// Points typed for a criterion scored in points.
    Points {
        member: MemberId,
        application: Protocol,
        criterion: CriterionId,
    },
    /// The motivation of an admissibility decision, with the outcome chosen.
    Decision {
        application: Protocol,
        outcome: AdmissionOutcome,
    },
    Session(SessionId, SessionField),
    /// A field of the call or the commission being set up.
    Setup(SetupField),
    /// A field of a registered application, corrected on its page.
    Registration(Protocol, super::views::candidature::registrazione::AppField),
}

/// The drafts a change makes stale: dropped once the change is saved, kept (with what was
/// typed) when it is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// One field's draft (the reason of a judgement cleared).
    Field(Field),
    /// Every decision drafted for an application (its decision withdrawn).
    Decisions(Protocol),
    /// Every note drafted in a session (a note removed: the later ones move up).
    Notes(SessionId),
}

impl Stale {
    pub fn covers(&self, field: &Field) -> bool {
        match (self, field) {
            (Stale::Field(f), field) => f == field,
            (Stale::Decisions(p), Field::Decision { application, .. }) => application == p,
            (Stale::Notes(id), Field::Session(session, SessionField::Note(_))) => session == id,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SessionField {
    Date,
    Start,
    End,
    Place,
    Note(usize),
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub text: String,
    /// `ui.input().time` of the last keystroke.
    pub edited_at: f64,
    /// Why it could not be saved at the last try; cleared by the next keystroke.
    pub waiting: Option<String>,
}

/// What saving a draft means now.
#[derive(Debug)]
pub enum Commit {
    /// The draft says what is saved already.
    Nothing,
    Command(Command),
    /// It cannot be saved yet: the draft stays, with this explanation.
    Wait(String),
}

/// An application's budget being edited: the typed texts, and the checks on what they say.
#[derive(Debug, Clone)]
pub struct BudgetDraft {
    pub protocol: Protocol,
    pub lines: Vec<LineDraft>,
    pub cofinancing: Vec<CofinancingDraft>,
    pub requested: String,
    pub edited_at: f64,
    pub waiting: Option<String>,
    /// The application as the draft says it, when every field reads.
    pub parsed: Result<Application, Vec<String>>,
    /// The co-financing checks of `parsed`, computed once per keystroke, not per frame.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone)]
pub struct LineDraft {
    pub category: String,
    pub description: String,
    pub amount: String,
}

#[derive(Debug, Clone)]
pub struct CofinancingDraft {
    pub source: String,
    pub kind: CofinancingKind,
    pub amount: String,
}

impl BudgetDraft {
    /// The texts of the saved application, as the fields show them before any keystroke.
    pub fn of(app: &Application) -> BudgetDraft {
        BudgetDraft {
            protocol: app.protocol.clone(),
            lines: app
                .budget
                .iter()
                .map(|l| LineDraft {
                    category: l.category.to_string(),
                    description: l.description.clone(),
                    amount: italian::amount(l.amount),
                })
                .collect(),
            cofinancing: app
                .cofinancing
                .iter()
                .map(|l| CofinancingDraft {
                    source: l.source.clone(),
                    kind: l.kind,
                    amount: italian::amount(l.amount),
                })
                .collect(),
            requested: italian::amount(app.requested),
            edited_at: 0.0,
            waiting: None,
            parsed: Ok(app.clone()),
            findings: Vec::new(),
        }
    }

    /// Reads the typed texts again and re-runs the co-financing checks on them: called on each
    /// keystroke, so that the checks follow the typing.
    pub fn recheck(&mut self, saved: &Application, lot: Option<&Lot>, ws: &Workspace) {
        self.parsed = self.read(saved);
        self.findings = match (&self.parsed, lot) {
            (Ok(app), Some(lot)) => rules::cofinancing::findings(app, ws.call(), lot),
            _ => Vec::new(),
        };
    }

    fn read(&self, saved: &Application) -> Result<Application, Vec<String>> {
        let mut errors = Vec::new();
        let mut app = saved.clone();
        app.budget.clear();
        for (i, line) in self.lines.iter().enumerate() {
            let category = CategoryId::new(line.category.trim())
                .map_err(|_| s::budget_line_needs_category(i + 1));
            let amount = italian::parse_typed_amount(&line.amount)
                .map_err(|e| s::budget_line_error(i + 1, &e));
            match (category, amount) {
                (Ok(category), Ok(amount)) => app.budget.push(BudgetLine {
                    category,
                    description: line.description.trim().to_string(),
                    amount,
                }),
                (c, a) => errors.extend(c.err().into_iter().chain(a.err())),
            }
        }
        app.cofinancing.clear();
        for (i, line) in self.cofinancing.iter().enumerate() {
            match italian::parse_typed_amount(&line.amount) {
                Ok(amount) => app.cofinancing.push(CofinancingLine {
                    source: line.source.trim().to_string(),
                    kind: line.kind,
                    amount,
                }),
                Err(e) => errors.push(s::cofinancing_line_error(i + 1, &e)),
            }
        }
        match italian::parse_typed_amount(&self.requested) {
            Ok(r) => app.requested = r,
            Err(e) => errors.push(s::requested_error(&e)),
        }
        if errors.is_empty() {
            Ok(app)
        } else {
            Err(errors)
        }
    }

    pub fn commit(&self, ws: &Workspace) -> Commit {
        match &self.parsed {
            Err(errors) => Commit::Wait(errors.join(" ")),
            Ok(app) if ws.application(&app.protocol) == Some(app) => Commit::Nothing,
            Ok(app) => Commit::Command(Command::PutApplication(Box::new(app.clone()))),
        }
    }
}

#[derive(Debug, Default)]
pub struct Drafts {
    texts: BTreeMap<Field, Draft>,
    budget: Option<BudgetDraft>,
    /// Fields whose editing ended (Enter, focus lost): saved at the end of the frame.
    due: Vec<Field>,
    budget_due: bool,
}

impl Drafts {
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty() && self.budget.is_none()
    }

    pub fn len(&self) -> usize {
        self.texts.len() + usize::from(self.budget.is_some())
    }

    pub fn get(&self, field: &Field) -> Option<&Draft> {
        self.texts.get(field)
    }

    pub fn edit(&mut self, field: Field, text: String, now: f64) {
        self.texts.insert(
            field,
            Draft {
                text,
                edited_at: now,
                waiting: None,
            },
        );
    }

    /// Starts a draft with no keystroke yet (a decision whose outcome was chosen, before its
    /// reason is written): it is saved by Enter, focus loss or Ctrl+S, not by the pause.
    pub fn start(&mut self, field: Field, text: String) {
        self.texts.entry(field).or_insert(Draft {
            text,
            edited_at: f64::NEG_INFINITY,
            waiting: None,
        });
    }

    /// The drafts of the call's set-up, in the order of their fields.
    pub fn setup_texts(&self) -> Vec<(SetupField, String)> {
        self.texts
            .iter()
            .filter_map(|(f, d)| match f {
                Field::Setup(s) => Some((s.clone(), d.text.clone())),
                _ => None,
            })
            .collect()
    }

    pub fn discard(&mut self, field: &Field) {
        self.texts.remove(field);
    }

    /// Drops the drafts `keep` says no to (a decision's other outcomes).
    pub fn discard_where(&mut self, mut drop: impl FnMut(&Field) -> bool) {
        self.texts.retain(|f, _| !drop(f));
    }

    pub fn finish(&mut self, field: Field) {
        if self.texts.contains_key(&field) && !self.due.contains(&field) {
            self.due.push(field);
        }
    }

    pub fn budget(&self) -> Option<&BudgetDraft> {
        self.budget.as_ref()
    }

    pub fn budget_mut(&mut self) -> Option<&mut BudgetDraft> {
        self.budget.as_mut()
    }

    pub fn set_budget(&mut self, draft: Option<BudgetDraft>) {
        self.budget = draft;
    }

    pub fn finish_budget(&mut self) {
        self.budget_due = self.budget.is_some();
    }

    /// The fields to save now: those finished this frame, and those quiet for [`PAUSE`]
    /// (`all` on Ctrl+S or before closing). The budget is reported apart.
    pub fn due(&mut self, now: f64, all: bool) -> (Vec<Field>, bool) {
        let mut fields = std::mem::take(&mut self.due);
        for (field, draft) in &self.texts {
            let quiet = draft.waiting.is_none() && now - draft.edited_at >= PAUSE;
            if (all || quiet) && !fields.contains(field) {
                fields.push(field.clone());
            }
        }
        let budget = std::mem::take(&mut self.budget_due)
            || self.budget.as_ref().is_some_and(|b| {
                all || (b.waiting.is_none() && b.edited_at > 0.0 && now - b.edited_at >= PAUSE)
            });
        (fields, budget)
    }

    /// When the next draft falls quiet, so that the window wakes up to save it.
    pub fn next_pause(&self, now: f64) -> Option<f64> {
        let texts = self
            .texts
            .values()
            .filter(|d| d.waiting.is_none() && d.edited_at.is_finite())
            .map(|d| d.edited_at);
        let budget = self
            .budget
            .iter()
            .filter(|b| b.waiting.is_none() && b.edited_at > 0.0)
            .map(|b| b.edited_at);
        texts
            .chain(budget)
            .map(|at| (at + PAUSE - now).max(0.0))
            .reduce(f64::min)
    }

    pub fn set_waiting(&mut self, field: &Field, why: String) {
        if let Some(d) = self.texts.get_mut(field) {
            d.waiting = Some(why);
        }
    }

    pub fn set_budget_waiting(&mut self, why: String) {
        if let Some(b) = &mut self.budget {
            b.waiting = Some(why);
        }
    }

    /// Every draft that could not be saved, as sentences for the closing confirmation.
    pub fn waiting(&self) -> Vec<String> {
        let texts = self.texts.values().filter_map(|d| d.waiting.clone());
        let budget = self.budget.iter().filter_map(|b| b.waiting.clone());
        texts.chain(budget).collect()
    }
}

/// What saving the draft of `field` means against the workspace as it is now.
pub fn commit(field: &Field, text: &str, ws: &Workspace) -> Commit {
    match field {
        Field::Reason {
            member,
            application,
            criterion,
        } => commit_reason(ws, (member, application, criterion), text),
        Field::Points {
            member,
            application,
            criterion,
        } => commit_points(ws, (member, application, criterion), text),
        Field::Decision {
            application,
            outcome,
        } => commit_decision(ws, application, *outcome, text),
        Field::Setup(f) => super::views::avviso::campi::commit(f, text, ws),
        Field::Registration(p, f) => {
            super::views::candidature::registrazione::commit(p, f, text, ws)
        }
        Field::Session(id, f) => commit_session(ws, id, f, text),
    }
}

/// Whose mark, on which application and criterion.
type Marked<'a> = (&'a MemberId, &'a Protocol, &'a CriterionId);

/// A reason goes with its judgement: it waits for one.
fn commit_reason(ws: &Workspace, (member, application, criterion): Marked, text: &str) -> Commit {
    match ws.score(member, application, criterion) {
        None => Commit::Wait(s::REASON_WAITS_FOR_JUDGEMENT.into()),
        Some(score) if score.reason == text.trim() => Commit::Nothing,
        Some(score) => Commit::Command(Command::Score {
            member: member.clone(),
            application: application.clone(),
            criterion: criterion.clone(),
            value: Some(score.value),
            reason: text.trim().to_string(),
        }),
    }
}

/// Points typed for a criterion in points: emptied, the mark goes; what does not read waits.
fn commit_points(ws: &Workspace, (member, application, criterion): Marked, text: &str) -> Commit {
    let saved = ws.score(member, application, criterion);
    if text.trim().is_empty() {
        return match saved {
            None => Commit::Nothing,
            Some(_) => Commit::Command(Command::Score {
                member: member.clone(),
                application: application.clone(),
                criterion: criterion.clone(),
                value: None,
                reason: String::new(),
            }),
        };
    }
    match italian::parse_typed_points(text) {
        Err(e) => Commit::Wait(e),
        Ok(value) if saved.is_some_and(|s| s.value == value) => Commit::Nothing,
        Ok(value) => Commit::Command(Command::Score {
            member: member.clone(),
            application: application.clone(),
            criterion: criterion.clone(),
            value: Some(value),
            reason: saved.map(|s| s.reason.clone()).unwrap_or_default(),
        }),
    }
}

/// An admissibility decision with its reason, required but for admitting on passing checks;
/// recorded in the session it was taken in, or the open one.
fn commit_decision(
    ws: &Workspace,
    application: &Protocol,
    outcome: AdmissionOutcome,
    text: &str,
) -> Commit {
    let reason = text.trim();
    if reason.is_empty() && outcome != AdmissionOutcome::Admitted {
        return Commit::Wait(s::DECISION_NEEDS_REASON.into());
    }
    if reason.is_empty() && fails_checks(ws, application) {
        return Commit::Wait(s::ADMISSION_NEEDS_REASON.into());
    }
    let saved = ws
        .application(application)
        .and_then(|a| a.decision.as_ref());
    if saved.is_some_and(|d| d.outcome == outcome && d.reason == reason) {
        return Commit::Nothing;
    }
    Commit::Command(Command::Decide {
        application: application.clone(),
        decision: Some(Decision {
            outcome,
            reason: reason.to_string(),
            session: saved
                .and_then(|d| d.session.clone())
                .or_else(|| open_session(ws)),
        }),
    })
}

/// A session's date, times, place or note.
fn commit_session(ws: &Workspace, id: &SessionId, f: &SessionField, text: &str) -> Commit {
    let Some(mut session) = ws.session(id).cloned() else {
        return Commit::Nothing;
    };
    let before = session.clone();
    match f {
        SessionField::Date => match italian::parse_typed_date(text) {
            Ok(d) => session.date = d,
            Err(e) => return Commit::Wait(e),
        },
        SessionField::Start => match italian::parse_typed_time(text) {
            Ok(t) => session.start = t,
            Err(e) => return Commit::Wait(e),
        },
        SessionField::End if text.trim().is_empty() => session.end = None,
        SessionField::End => match italian::parse_typed_time(text) {
            Ok(t) => session.end = Some(t),
            Err(e) => return Commit::Wait(e),
        },
        SessionField::Place => session.place = text.trim().to_string(),
        SessionField::Note(i) => match session.notes.get_mut(*i) {
            Some(note) => *note = text.trim().to_string(),
            None => return Commit::Nothing,
        },
    }
    if session == before {
        Commit::Nothing
    } else {
        Commit::Command(Command::PutSession(Box::new(session)))
    }
}

/// Whether the application fails any admissibility check: then admitting it needs a reason.
fn fails_checks(ws: &Workspace, application: &Protocol) -> bool {
    let call = ws.call();
    ws.application(application).is_some_and(|app| {
        call.lot(&app.lot).is_some_and(|lot| {
            crate::rules::admissibility::admission_among(app, call, lot, ws.applications().values())
                .failures()
                .next()
                .is_some()
        })
    })
}

/// The latest session not yet closed: decisions taken now belong to it.
pub fn open_session(ws: &Workspace) -> Option<SessionId> {
    ws.sessions_in_order()
        .into_iter()
        .rev()
        .find(|s| s.seal.is_none())
        .map(|s| s.id.clone())
}
