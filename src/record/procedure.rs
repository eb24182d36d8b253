//! What a session's verbale reports of the procedure around the scores: the collegial
//! judgements formed in it, each beside the members' marks and reasons, with the dissents;
//! and the events after the ranking it recorded, with each lot's allocation before and after
//! them side by side.
//!
//! `collegial_judgements` gives the judgements that stand on an application, for the letters
//! to the applicants and the bundles of access to the records.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::scoring::MarkRecord;
use super::{outcome_code, outcome_from_code};
use crate::domain::{
    Coefficient, Collegial, CriterionId, Date, EventKind, LotId, MemberId, Money, Protocol,
    Scoring, Session, SessionId, Workspace,
};
use crate::rules::{self, Evaluation, Outcome};

/// The commission's collegial judgement on one criterion of one application, as a verbale
/// reports it: the members' marks and reasons beside the collegial motivazione.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollegialRecord {
    pub protocol: Protocol,
    pub applicant: String,
    pub criterion: CriterionId,
    pub criterion_title: String,
    /// The members' marks with their reasons, in the commission's order.
    pub marks: Vec<MarkRecord>,
    /// Members who abstain on the application for a conflict of interest.
    pub abstained: Vec<MemberId>,
    /// The collegial motivazione.
    pub reason: String,
    /// The collegial mark, where the call says it counts (not written otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<super::scoring::CollegialMark>,
    pub dissents: Vec<DissentRecord>,
    /// The session whose verbale carried the judgement this one replaces: number and date.
    pub replaces: Option<(u32, Date)>,
    /// The session that formed it, and its verbale's number.
    pub session: SessionId,
    pub session_number: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DissentRecord {
    pub member: MemberId,
    pub note: String,
}

/// The events a session recorded, and what they changed in the allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventsRecord {
    pub events: Vec<EventRecord>,
    /// Each lot an event touched: its allocation before the session's events and after.
    pub lots: Vec<AllocationChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub kind: EventKind,
    pub protocol: Protocol,
    pub applicant: String,
    pub act: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationChange {
    pub lot: LotId,
    pub granted_before: Money,
    pub granted_after: Money,
    /// The applications ranked before or after, and those the events name, in the order of
    /// the ranking after the events.
    pub rows: Vec<ChangeRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeRow {
    pub protocol: Protocol,
    pub applicant: String,
    pub before: StandingRecord,
    pub after: StandingRecord,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StandingRecord {
    pub rank: Option<u32>,
    #[serde(
        serialize_with = "outcome_code",
        deserialize_with = "outcome_from_code"
    )]
    pub outcome: Outcome,
    pub granted: Option<Money>,
}

fn applicant(ws: &Workspace, p: &Protocol) -> String {
    ws.application(p)
        .map(|a| a.applicant.name.clone())
        .unwrap_or_default()
}

/// One collegial judgement as reported, beside the marks the members gave.
fn collegial_record(
    ws: &Workspace,
    session: &Session,
    c: &Collegial,
    replaces: Option<(u32, Date)>,
) -> CollegialRecord {
    let call = ws.call();
    let criterion = call.criterion(&c.criterion);
    let judgement_of = |value: Decimal| match criterion.map(|k| &k.scoring) {
        Some(Scoring::Coefficient) => Coefficient::new(value)
            .and_then(|k| call.judgement_for(k))
            .map(|j| super::scoring::Judgement::new(&j.label)),
        _ => None,
    };
    let mut marks = Vec::new();
    let mut abstained = Vec::new();
    for m in ws.commission().voting_members() {
        if ws.abstains(&m.id, &c.application) {
            abstained.push(m.id.clone());
            continue;
        }
        if let Some(score) = ws.score(&m.id, &c.application, &c.criterion) {
            marks.push(MarkRecord {
                member: m.id.clone(),
                value: score.value.value(),
                judgement: judgement_of(score.value.value()),
                reason: score.reason.as_str().into(),
            });
        }
    }
    CollegialRecord {
        protocol: c.application.clone(),
        applicant: applicant(ws, &c.application),
        criterion: c.criterion.clone(),
        criterion_title: criterion.map(|k| k.title.clone()).unwrap_or_default(),
        marks,
        abstained,
        reason: c.reason.clone(),
        mark: c
            .value
            .filter(|_| call.collegial_mark)
            .map(|v| super::scoring::CollegialMark {
                value: v.value().normalize(),
                judgement: judgement_of(v.value()).map(|j| j.to_string()),
            }),
        dissents: c
            .dissents
            .iter()
            .map(|d| DissentRecord {
                member: d.member.clone(),
                note: d.note.clone(),
            })
            .collect(),
        replaces,
        session: session.id.clone(),
        session_number: session.number,
    }
}

/// The collegial judgements `session` formed, in protocol and criterion order.
pub(super) fn collegial(ws: &Workspace, session: &Session) -> Vec<CollegialRecord> {
    let order = ws.sessions_in_order();
    let at = order.iter().position(|s| s.id == session.id).unwrap_or(0);
    let mut list: Vec<&Collegial> = session.collegial.iter().collect();
    list.sort_by(|a, b| (&a.application, &a.criterion).cmp(&(&b.application, &b.criterion)));
    list.into_iter()
        .map(|c| {
            let replaces = order[..at]
                .iter()
                .rev()
                .find(|s| {
                    s.collegial
                        .iter()
                        .any(|k| k.application == c.application && k.criterion == c.criterion)
                })
                .map(|s| (s.number, s.date));
            collegial_record(ws, session, c, replaces)
        })
        .collect()
}

/// The collegial judgements that stand on `application`, in the call's order of the criteria:
/// for the letters to the applicants and the bundles of access to the records.
pub fn collegial_judgements(ws: &Workspace, application: &Protocol) -> Vec<CollegialRecord> {
    ws.call()
        .leaf_criteria()
        .into_iter()
        .filter_map(|c| {
            let (session, judgement) = ws.collegial(application, &c.id)?;
            Some(collegial_record(ws, session, judgement, None))
        })
        .collect()
}

/// The events `session` recorded, with each touched lot's allocation before them (the state
/// the earlier sessions left) and after them. None when it recorded none.
pub(super) fn events(ws: &Workspace, session: &Session) -> Option<EventsRecord> {
    if session.events.is_empty() {
        return None;
    }
    let order = ws.sessions_in_order();
    let at = order.iter().position(|s| s.id == session.id).unwrap_or(0);
    let later: Vec<SessionId> = order[at..].iter().map(|s| s.id.clone()).collect();
    let before = without_events(ws, &later);
    let after = without_events(ws, &later[1..]);
    let events: Vec<EventRecord> = session
        .events
        .iter()
        .map(|e| EventRecord {
            kind: e.kind,
            protocol: e.application.clone(),
            applicant: applicant(ws, &e.application),
            act: e.act.clone(),
            reason: e.reason.clone(),
        })
        .collect();
    let mut lots: Vec<LotId> = Vec::new();
    for e in &session.events {
        if let Some(app) = ws.application(&e.application)
            && !lots.contains(&app.lot)
        {
            lots.push(app.lot.clone());
        }
    }
    let named: Vec<&Protocol> = session.events.iter().map(|e| &e.application).collect();
    let lots = lots
        .into_iter()
        .map(|lot| change(ws, &lot, &before, &after, &named))
        .collect();
    Some(EventsRecord { events, lots })
}

/// The evaluation of the workspace without the events of the named sessions.
fn without_events(ws: &Workspace, sessions: &[SessionId]) -> Evaluation {
    let mut stripped = ws.clone();
    let removed = stripped.change(|parts| {
        for s in parts.sessions.iter_mut() {
            if sessions.contains(&s.id) {
                s.events.clear();
            }
        }
    });
    match removed {
        Ok(()) => rules::evaluate(&stripped),
        // Taking events away cannot make a sound workspace unsound; were it to, the state as
        // it is stands in for both.
        Err(_) => rules::evaluate(ws),
    }
}

fn standing(evaluation: &Evaluation, p: &Protocol) -> StandingRecord {
    match evaluation.application(p) {
        Some(r) => StandingRecord {
            rank: r.rank(),
            outcome: r.outcome,
            granted: match r.outcome {
                Outcome::Funded | Outcome::PartiallyFunded => r.granted,
                _ => None,
            },
        },
        None => StandingRecord {
            rank: None,
            outcome: Outcome::Excluded,
            granted: None,
        },
    }
}

fn change(
    ws: &Workspace,
    lot: &LotId,
    before: &Evaluation,
    after: &Evaluation,
    named: &[&Protocol],
) -> AllocationChange {
    let mut rows: Vec<&Protocol> = Vec::new();
    for evaluation in [after, before] {
        if let Some(result) = evaluation.lots.get(lot) {
            for place in &result.ranking {
                if !rows.contains(&&place.protocol) {
                    rows.push(&place.protocol);
                }
            }
        }
    }
    for p in named {
        let in_lot = ws.application(p).is_some_and(|a| &a.lot == lot);
        if in_lot && !rows.contains(p) {
            rows.push(p);
        }
    }
    let granted = |e: &Evaluation| e.lots.get(lot).map_or(Money::ZERO, |r| r.granted);
    AllocationChange {
        lot: lot.clone(),
        granted_before: granted(before),
        granted_after: granted(after),
        rows: rows
            .into_iter()
            .map(|p| ChangeRow {
                protocol: p.clone(),
                applicant: applicant(ws, p),
                before: standing(before, p),
                after: standing(after, p),
            })
            .collect(),
    }
}
