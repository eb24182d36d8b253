//! The whole call in memory: the avviso, the commission, the applications, the score sheets and
//! the sessions, assembled so that every id they use points at something that exists.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::access::AccessRegister;
use super::application::Application;
use super::call::Call;
use super::commission::Commission;
use super::id::{CriterionId, MemberId, Protocol, SessionId};
use super::procedure::{Collegial, Event};
use super::session::Draw;
use super::session::Session;
use super::sheet::{Declaration, Score, ScoreSheet};
use super::validate;

/// Which input an inconsistency was found in: the index is the position in `Parts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Call,
    Commission,
    Application(usize),
    Sheet(usize),
    Session(usize),
    /// The register of access requests (`accessi.ron`).
    Access,
}

/// Something that does not hold together: an id that points nowhere, a duplicate, a value out
/// of the call's range. `field` and `value` let the storage layer point at the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inconsistency {
    pub part: Part,
    pub field: &'static str,
    pub value: String,
    /// In Italian, for the user.
    pub message: String,
}

/// The pieces of a workspace as read, before they are checked against each other.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    pub call: Option<Call>,
    pub commission: Option<Commission>,
    pub applications: Vec<Application>,
    /// Shared with the workspace they come from (see [`Workspace::change`]): a sheet is copied
    /// only when something changes it.
    pub sheets: Vec<Arc<ScoreSheet>>,
    pub sessions: Vec<Session>,
    /// The register of access requests; empty when the call has none (no `accessi.ron`).
    pub access: AccessRegister,
    /// Protocols of application files that exist but could not be read. What refers to them is
    /// set aside (see [`SetAside`]) rather than reported as wrong: the error is in their file.
    pub unreadable: BTreeSet<Protocol>,
}

/// Entries of sheets and sessions that refer to applications left out of the workspace (a
/// broken file, an unknown lot). They are kept apart, so that saving a sheet does not lose
/// them, and they come back when the application's file is mended.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetAside {
    pub declarations: BTreeMap<MemberId, Vec<Declaration>>,
    pub scores: BTreeMap<MemberId, Vec<Score>>,
    pub draws: BTreeMap<SessionId, Vec<Draw>>,
}

impl SetAside {
    pub fn is_empty(&self) -> bool {
        self.declarations.is_empty() && self.scores.is_empty() && self.draws.is_empty()
    }
}

/// What assembling parts gave.
#[derive(Debug, Clone)]
pub struct Assembled {
    pub workspace: Option<Workspace>,
    pub problems: Vec<Inconsistency>,
    pub set_aside: SetAside,
}

/// A consistent workspace. Its fields are private: every change goes through a method that
/// checks it, so that no id can dangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    call: Call,
    commission: Commission,
    applications: BTreeMap<Protocol, Application>,
    /// Applications registered by mistake and removed (`Application::removed`): kept for the
    /// record, outside the call.
    removed: BTreeMap<Protocol, Application>,
    /// Shared between copies: the editor copies the workspace at every change, and on a large
    /// call the sheets are tens of megabytes; a change replaces a whole sheet.
    sheets: BTreeMap<MemberId, Arc<ScoreSheet>>,
    sessions: BTreeMap<SessionId, Session>,
    access: AccessRegister,
    /// Each application's protocol by its number as a reader compares it ([`Protocol::key`]):
    /// a new application written another way ("2026-0004512" for "2026/0004512") is found at
    /// once, not by comparing it with every registered one, which made an import of 100,000
    /// rows quadratic.
    numbers: HashMap<String, Protocol>,
}

impl Workspace {
    /// Checks the parts against each other. Whatever does not hold together is left out and
    /// reported; without a sound call and commission there is no workspace at all.
    pub fn assemble(parts: Parts) -> (Option<Workspace>, Vec<Inconsistency>) {
        let assembled = validate::assemble(parts);
        (assembled.workspace, assembled.problems)
    }

    /// As [`Workspace::assemble`], also returning what was set aside.
    pub fn assemble_keeping(parts: Parts) -> Assembled {
        validate::assemble(parts)
    }

    pub(super) fn from_checked(
        call: Call,
        commission: Commission,
        applications: BTreeMap<Protocol, Application>,
        removed: BTreeMap<Protocol, Application>,
        sheets: BTreeMap<MemberId, Arc<ScoreSheet>>,
        sessions: BTreeMap<SessionId, Session>,
        access: AccessRegister,
    ) -> Workspace {
        Workspace {
            call,
            commission,
            numbers: applications.keys().map(|p| (p.key(), p.clone())).collect(),
            applications,
            removed,
            sheets,
            sessions,
            access,
        }
    }

    pub fn call(&self) -> &Call {
        &self.call
    }

    pub fn commission(&self) -> &Commission {
        &self.commission
    }

    /// Applications by protocol number.
    pub fn applications(&self) -> &BTreeMap<Protocol, Application> {
        &self.applications
    }

    pub fn application(&self, protocol: &Protocol) -> Option<&Application> {
        self.applications.get(protocol)
    }

    /// Applications registered by mistake and removed, by protocol.
    pub fn removed(&self) -> &BTreeMap<Protocol, Application> {
        &self.removed
    }

    pub fn sheets(&self) -> &BTreeMap<MemberId, Arc<ScoreSheet>> {
        &self.sheets
    }

    pub fn sheet(&self, member: &MemberId) -> Option<&ScoreSheet> {
        self.sheets.get(member).map(|s| &**s)
    }

    pub fn sessions(&self) -> &BTreeMap<SessionId, Session> {
        &self.sessions
    }

    pub fn session(&self, id: &SessionId) -> Option<&Session> {
        self.sessions.get(id)
    }

    /// Sessions in the order of their minutes.
    pub fn sessions_in_order(&self) -> Vec<&Session> {
        let mut list: Vec<&Session> = self.sessions.values().collect();
        list.sort_by_key(|a| (a.number, a.date, a.start));
        list
    }

    /// The latest session not closed: the acts done now belong to it.
    pub fn open_session(&self) -> Option<&Session> {
        self.sessions_in_order()
            .into_iter()
            .rev()
            .find(|s| !s.is_closed())
    }

    /// The register of access requests and the secrets declared.
    pub fn access(&self) -> &AccessRegister {
        &self.access
    }

    /// The collegial judgement that stands on `criterion` of `application`: the one recorded
    /// last, in the order of the sessions, with its session.
    pub fn collegial(
        &self,
        application: &Protocol,
        criterion: &CriterionId,
    ) -> Option<(&Session, &Collegial)> {
        self.sessions_in_order().into_iter().rev().find_map(|s| {
            s.collegial
                .iter()
                .find(|c| &c.application == application && &c.criterion == criterion)
                .map(|c| (s, c))
        })
    }

    /// Every event after the ranking, in the order of the sessions that recorded them.
    pub fn events(&self) -> Vec<(&Session, &Event)> {
        self.sessions_in_order()
            .into_iter()
            .flat_map(|s| s.events.iter().map(move |e| (s, e)))
            .collect()
    }

    /// Back to loose parts, for a change that needs to be checked as a whole.
    pub fn into_parts(self) -> Parts {
        Parts {
            call: Some(self.call),
            commission: Some(self.commission),
            applications: self
                .applications
                .into_values()
                .chain(self.removed.into_values())
                .collect(),
            sheets: self.sheets.into_values().collect(),
            sessions: self.sessions.into_values().collect(),
            access: self.access,
            unreadable: BTreeSet::new(),
        }
    }

    pub fn to_parts(&self) -> Parts {
        self.clone().into_parts()
    }

    /// Applies a change to the parts and keeps it only if everything still holds together.
    /// On refusal the workspace is unchanged and the reasons are returned.
    pub fn change(&mut self, edit: impl FnOnce(&mut Parts)) -> Result<(), Vec<Inconsistency>> {
        let mut parts = self.to_parts();
        edit(&mut parts);
        match Workspace::assemble(parts) {
            (Some(workspace), problems) if problems.is_empty() => {
                *self = workspace;
                Ok(())
            }
            (_, problems) => Err(problems),
        }
    }

    /// Replaces one member's sheet after checking it against the call, the commission and the
    /// applications. Cheaper than `change`, for the edit made most often.
    pub fn put_sheet(&mut self, mut sheet: ScoreSheet) -> Result<(), Vec<Inconsistency>> {
        let problems = validate::check_sheet(
            &mut sheet,
            0,
            &self.call,
            &self.commission,
            &self.applications,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        sheet.normalize();
        self.sheets.insert(sheet.member.clone(), Arc::new(sheet));
        Ok(())
    }

    /// Gives, replaces or (with None) removes one mark of `member`'s sheet, and sets the sheet's
    /// revision: the edit made most often, made in place (the sheet is copied only if another
    /// copy of the workspace shares it). The mark is checked as [`Workspace::check_score`]
    /// checks it; the member must have a sheet.
    pub fn put_score(
        &mut self,
        member: &MemberId,
        application: &Protocol,
        criterion: &CriterionId,
        score: Option<Score>,
        revision: u32,
    ) -> Result<(), String> {
        if let Some(score) = &score {
            self.check_score(member, score)?;
            if (&score.application, &score.criterion) != (application, criterion) {
                return Err("il punteggio non è quello indicato".into());
            }
        }
        let Some(sheet) = self.sheets.get_mut(member) else {
            return Err(format!("{member} non ha una scheda di valutazione"));
        };
        let sheet = Arc::make_mut(sheet);
        let at = sheet
            .scores
            .binary_search_by(|s| (&s.application, &s.criterion).cmp(&(application, criterion)));
        match (at, score) {
            (Ok(i), Some(score)) => sheet.scores[i] = score,
            (Err(i), Some(score)) => sheet.scores.insert(i, score),
            (Ok(i), None) => {
                sheet.scores.remove(i);
            }
            (Err(_), None) => {}
        }
        sheet.revision = revision;
        Ok(())
    }

    /// Adds or replaces one application after checking it against the call and the sessions.
    /// Cheaper than `change`, which checks everything again: an import of thousands of
    /// applications would otherwise take quadratic time.
    pub fn put_application(&mut self, app: Application) -> Result<(), Vec<Inconsistency>> {
        let written_otherwise = (!self.applications.contains_key(&app.protocol))
            .then(|| self.numbers.get(&app.protocol.key()))
            .flatten();
        let problems =
            validate::check_put_application(&app, &self.call, &self.sessions, written_otherwise);
        if !problems.is_empty() {
            return Err(problems);
        }
        if app.removed.is_some() {
            // Nothing may refer to an application that is no longer part of the call.
            let referred = self.sheets.values().any(|s| {
                s.declaration_normalized(&app.protocol).is_some()
                    || s.scores.iter().any(|sc| sc.application == app.protocol)
            }) || self
                .sessions
                .values()
                .any(|s| s.draws.iter().any(|d| d.order.contains(&app.protocol)));
            if referred {
                return Err(vec![Inconsistency {
                    part: Part::Application(0),
                    field: "removed",
                    value: app.protocol.to_string(),
                    message: format!(
                        "la candidatura «{}» ha già dichiarazioni, punteggi o sorteggi: non si può rimuovere come registrata per errore (se non è ammissibile, va esclusa con la sua motivazione)",
                        app.protocol
                    ),
                }]);
            }
            if self.applications.remove(&app.protocol).is_some() {
                self.numbers.remove(&app.protocol.key());
            }
            self.removed.insert(app.protocol.clone(), app);
        } else {
            self.removed.remove(&app.protocol);
            self.numbers
                .insert(app.protocol.key(), app.protocol.clone());
            self.applications.insert(app.protocol.clone(), app);
        }
        Ok(())
    }

    /// Whether this value could be recorded as `member`'s score: the reason it could not, in
    /// Italian, otherwise. Used by the UI and the import before anything changes.
    pub fn check_score(&self, member: &MemberId, score: &Score) -> Result<(), String> {
        let mut sheet = ScoreSheet::new(member.clone());
        if let Some(held) = self.sheets.get(member) {
            sheet.declarations = held.declarations.clone();
        }
        sheet.scores.push(score.clone());
        match validate::check_sheet(
            &mut sheet,
            0,
            &self.call,
            &self.commission,
            &self.applications,
        )
        .into_iter()
        .next()
        {
            Some(problem) => Err(problem.message),
            None => Ok(()),
        }
    }

    /// The members expected to score `application`: voting members on its panel (a substitute
    /// only where appointed) who did not declare a conflict with it.
    pub fn scorers(&self, application: &Protocol) -> Vec<&MemberId> {
        self.commission
            .voting_members()
            .filter(|m| m.sits_on(application) && !self.abstains(&m.id, application))
            .map(|m| &m.id)
            .collect()
    }

    // The sheets held here are always in normal order (`assemble` and `put_sheet` normalize
    // them), so these lookups may search instead of scanning.
    pub fn abstains(&self, member: &MemberId, application: &Protocol) -> bool {
        self.sheets
            .get(member)
            .and_then(|s| s.declaration_normalized(application))
            .is_some_and(|d| d.conflict.is_some())
    }

    pub fn score(
        &self,
        member: &MemberId,
        application: &Protocol,
        criterion: &CriterionId,
    ) -> Option<&Score> {
        self.sheets
            .get(member)
            .and_then(|s| s.score_normalized(application, criterion))
    }

    /// The applications moved out of the workspace, which keeps none: for a workspace about to
    /// be dropped, whose record reports them one by one and lets each go (see
    /// `record::session_record_taking`).
    pub fn take_applications(&mut self) -> BTreeMap<Protocol, Application> {
        std::mem::take(&mut self.applications)
    }

    /// Every member's marks moved out of their sheets, which keep none: for a workspace about
    /// to be dropped, whose marks a record takes over application by application (see
    /// `record::session_record_taking`). A sheet shared with another workspace keeps its
    /// marks, and they are copied.
    pub fn take_scores(&mut self) -> Vec<(MemberId, Vec<Score>)> {
        self.sheets
            .iter_mut()
            .map(|(member, held)| {
                let scores = match Arc::get_mut(held) {
                    Some(sheet) => std::mem::take(&mut sheet.scores),
                    None => held.scores.clone(),
                };
                (member.clone(), scores)
            })
            .collect()
    }
}
