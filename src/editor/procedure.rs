//! The procedure around the scores, recorded in an open session: the commission's collegial
//! judgement on a criterion of an application, and the events after the ranking. Each is
//! checked against the state the rules give now, and written in the session's file, which the
//! session's seal then fixes.

use super::change::{Change, Target, compact, path_text};
use super::{EditError, Editor, messages};
use crate::domain::{Collegial, Event, EventKind, Session, SessionId, SessionKind, Workspace};
use crate::italian;
use crate::rules::Outcome;

impl Editor {
    /// The open session `id`, for an act recorded in it.
    fn open_session_named(&self, id: &SessionId) -> Result<Session, EditError> {
        let session = self
            .workspace
            .session(id)
            .cloned()
            .ok_or_else(|| EditError::NotFound(messages::no_session(id)))?;
        if session.is_closed() {
            return Err(EditError::Sealed(messages::act_in_closed_session(
                id,
                session.number,
            )));
        }
        Ok(session)
    }

    pub(super) fn collegial(
        &mut self,
        session: SessionId,
        mut judgement: Collegial,
    ) -> Result<Change, EditError> {
        let old = self.open_session_named(&session)?;
        judgement.reason = judgement.reason.trim().to_string();
        let problems = collegial_problems(&self.workspace, self.evaluation(), &judgement);
        if !problems.is_empty() {
            return Err(EditError::Invalid(problems));
        }
        let mut new = old.clone();
        let same = |c: &Collegial| {
            c.application == judgement.application && c.criterion == judgement.criterion
        };
        let before = new
            .collegial
            .iter()
            .find(|c| same(c))
            .map(compact)
            .unwrap_or_default();
        let after = compact(&judgement);
        let description =
            messages::collegial(&judgement.application, &judgement.criterion, &session);
        match new.collegial.iter_mut().find(|c| same(c)) {
            Some(slot) => *slot = judgement,
            None => new.collegial.push(judgement),
        }
        self.session_change(old, new, description, before, after)
    }

    pub(super) fn record_event(
        &mut self,
        session: SessionId,
        mut event: Event,
    ) -> Result<Change, EditError> {
        let old = self.open_session_named(&session)?;
        event.act = event.act.trim().to_string();
        event.reason = event.reason.trim().to_string();
        let problems = event_problems(&self.workspace, self.evaluation(), &event);
        if !problems.is_empty() {
            return Err(EditError::Invalid(problems));
        }
        let mut new = old.clone();
        let description = messages::event(
            italian::event_kind(event.kind),
            &event.application,
            &session,
            &event.act,
            &event.reason,
        );
        let after = compact(&event);
        new.events.push(event);
        self.session_change(old, new, description, String::new(), after)
    }

    fn session_change(
        &mut self,
        old: Session,
        new: Session,
        description: String,
        before: String,
        after: String,
    ) -> Result<Change, EditError> {
        let id = old.id.clone();
        let file = self.store.session_file(&id)?;
        let workspace = self.changed(move |parts| {
            parts.sessions.retain(|s| s.id != new.id);
            parts.sessions.push(new);
        })?;
        Ok(Change {
            workspace,
            target: Target::Session(id),
            file: path_text(&file),
            description,
            before,
            after,
            inverse: super::Command::PutSession(Box::new(old)),
            sealed_record: None,
            amended_session: None,
            also: Vec::new(),
        })
    }
}

/// Why a collegial judgement cannot be recorded as it is, in Italian.
pub fn collegial_problems(
    ws: &Workspace,
    evaluation: &crate::rules::Evaluation,
    c: &Collegial,
) -> Vec<String> {
    let mut out = Vec::new();
    let call = ws.call();
    let Some(result) = evaluation.application(&c.application) else {
        return vec![messages::no_application(&c.application)];
    };
    if !result.admission.admitted() && result.scores.is_none() {
        out.push(messages::collegial_not_admitted(&c.application));
    }
    let Some(criterion) = call
        .criterion(&c.criterion)
        .filter(|k| k.is_discretionary())
    else {
        out.push(messages::collegial_criterion_not_scored(&c.criterion));
        return out;
    };
    if c.reason.trim().is_empty() {
        out.push(messages::COLLEGIAL_NEEDS_REASON.into());
    }
    out.extend(collegial_mark_problem(call, criterion, c));
    let mut seen = Vec::new();
    for d in &c.dissents {
        let name = ws.commission().member(&d.member).filter(|m| m.role.votes());
        match name {
            None => out.push(messages::dissent_not_voting(&d.member)),
            Some(m) if ws.abstains(&m.id, &c.application) => {
                out.push(messages::dissent_abstained(&m.name, &c.application))
            }
            Some(m) if d.note.trim().is_empty() => {
                out.push(messages::dissent_without_reasons(&m.name))
            }
            Some(_) => {}
        }
        if seen.contains(&&d.member) {
            out.push(messages::dissent_repeated(&d.member));
        }
        seen.push(&d.member);
    }
    out
}

/// Why the collegial mark of a judgement does not fit the call: required where the call says
/// the commission gives one, on the criterion's scale or within its points; absent otherwise.
fn collegial_mark_problem(
    call: &crate::domain::Call,
    criterion: &crate::domain::Criterion,
    c: &Collegial,
) -> Option<String> {
    match (call.collegial_mark, c.value) {
        (true, None) => Some(messages::collegial_mark_missing(&c.criterion)),
        (true, Some(value)) => {
            crate::domain::mark_problem(call, criterion, value).map(messages::collegial_mark)
        }
        (false, Some(_)) => Some(messages::COLLEGIAL_MARK_NOT_FORESEEN.into()),
        (false, None) => None,
    }
}

/// Why an event cannot be recorded now, in Italian.
pub fn event_problems(
    ws: &Workspace,
    evaluation: &crate::rules::Evaluation,
    e: &Event,
) -> Vec<String> {
    let mut out = Vec::new();
    let approved = ws
        .sessions()
        .values()
        .any(|s| s.kind == SessionKind::Final && s.is_closed());
    if !approved {
        out.push(messages::EVENT_BEFORE_APPROVAL.into());
    }
    if e.act.trim().is_empty() {
        out.push(messages::EVENT_NEEDS_ACT.into());
    }
    if e.reason.trim().is_empty() {
        out.push(messages::EVENT_NEEDS_REASON.into());
    }
    let Some(result) = evaluation.application(&e.application) else {
        out.push(messages::no_application(&e.application));
        return out;
    };
    let p = &e.application;
    match e.kind {
        EventKind::Renunciation if result.outcome == Outcome::Renounced => {
            out.push(messages::already_renounced(p));
        }
        EventKind::Renunciation if result.place.is_none() => {
            out.push(messages::no_place_to_renounce(p, outcome_label(ws, result)))
        }
        EventKind::ExcludedAfterVerification if !result.admission.admitted() => {
            out.push(messages::not_admitted_to_exclude(p));
        }
        EventKind::ReadmittedAfterSoccorso | EventKind::ReadmittedAfterAppeal
            if result.outcome != Outcome::Excluded =>
        {
            out.push(messages::nothing_to_readmit(p, outcome_label(ws, result)));
        }
        _ => {}
    }
    out
}

fn outcome_label(ws: &Workspace, result: &crate::rules::ApplicationResult) -> &'static str {
    let allocation = ws
        .call()
        .lot(&result.lot)
        .map_or(crate::domain::Allocation::SingleWinner, |l| l.allocation);
    result.outcome.label(allocation)
}
