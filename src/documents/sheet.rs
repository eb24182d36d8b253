//! One member's score sheet as data, for the paper the member signs: the declarations on
//! conflicts of interest, and every mark with its motivazione, application by application.
//! Drawn from the last closed scoring session's kept record when there is one, from the data
//! as they stand otherwise (a draft).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::{
    ConflictKind, Date, MemberId, Moment, Protocol, Role, SessionId, SessionKind, Workspace,
};
use crate::record::{
    Business, CallRecord, CriterionInfo, ScoringRecord, call_record, scoring_record,
};
use crate::rules;

pub const SHEET_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRecord {
    pub format: u32,
    pub call: CallRecord,
    pub appointed_by: String,
    pub member: MemberId,
    pub name: String,
    pub role: Role,
    pub qualification: String,
    /// The scoring session the marks belong to: number and date, and whether it is closed.
    pub session: Option<(u32, Date)>,
    pub closed: bool,
    pub criteria: Vec<CriterionInfo>,
    pub applications: Vec<SheetApplication>,
    /// Declared no conflict with these many applications.
    pub no_conflict: usize,
    pub conflicts: Vec<SheetConflict>,
    pub undeclared: Vec<Protocol>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetConflict {
    pub application: Protocol,
    pub kind: ConflictKind,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetApplication {
    pub protocol: Protocol,
    pub applicant: String,
    pub title: String,
    pub abstained: bool,
    pub marks: Vec<SheetMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetMark {
    pub criterion: String,
    pub value: Decimal,
    pub judgement: Option<String>,
    pub reason: String,
}

/// The sheet of `member`, with the moment it is dated (the closing of its scoring session, or
/// `now` for a draft); None if no such voting member.
pub fn sheet_record(
    ws: &Workspace,
    member: &MemberId,
    kept: &mut dyn FnMut(&SessionId) -> Option<Vec<u8>>,
    now: Moment,
) -> Option<(SheetRecord, Moment)> {
    let m = ws.commission().member(member)?.clone();
    let evaluation = rules::evaluate(ws);
    let sessions = ws.sessions_in_order();
    let scoring_session = sessions
        .iter()
        .rev()
        .find(|s| s.kind == SessionKind::ReservedScoring);
    let closed = scoring_session.and_then(|s| {
        let seal = s.seal.as_ref()?;
        let record = crate::minutes::kept_record(&kept(&s.id)?, seal).ok()?;
        Some((record, seal.closed_at))
    });
    let (scoring, call, dated, is_closed, declarations): (
        ScoringRecord,
        CallRecord,
        Moment,
        bool,
        _,
    ) = match closed {
        Some((record, closed_at)) => {
            let declarations = record
                .declarations
                .iter()
                .find(|d| &d.member == member)
                .cloned();
            match record.business {
                Business::Scoring(s) => (s, record.call, closed_at, true, declarations),
                _ => (
                    scoring_record(ws, &evaluation),
                    call_record(ws, &evaluation),
                    now,
                    false,
                    None,
                ),
            }
        }
        None => (
            scoring_record(ws, &evaluation),
            call_record(ws, &evaluation),
            now,
            false,
            None,
        ),
    };
    let (no_conflict, conflicts, undeclared) = match declarations {
        Some(d) => (
            d.no_conflict.len(),
            d.conflicts
                .into_iter()
                .map(|c| SheetConflict {
                    application: c.application,
                    kind: c.kind,
                    note: c.note,
                })
                .collect(),
            d.missing,
        ),
        None => {
            let sheet = ws.sheet(member);
            let mut no = 0;
            let mut conflicts = Vec::new();
            let mut undeclared = Vec::new();
            for protocol in ws.applications().keys() {
                match sheet.and_then(|s| s.declarations.iter().find(|d| &d.application == protocol))
                {
                    None => undeclared.push(protocol.clone()),
                    Some(d) => match &d.conflict {
                        None => no += 1,
                        Some(c) => conflicts.push(SheetConflict {
                            application: protocol.clone(),
                            kind: c.kind,
                            note: c.note.clone(),
                        }),
                    },
                }
            }
            (no, conflicts, undeclared)
        }
    };
    let applications = scoring
        .lots
        .iter()
        .flat_map(|l| &l.applications)
        .map(|a| SheetApplication {
            protocol: a.protocol.clone(),
            applicant: a.applicant.clone(),
            title: a.title.clone(),
            abstained: a.abstained.contains(member),
            marks: scoring
                .criteria
                .iter()
                .zip(&a.criteria)
                .flat_map(|(c, r)| {
                    r.marks
                        .iter()
                        .filter(|mk| &mk.member == member)
                        .map(move |mk| SheetMark {
                            criterion: c.id.to_string(),
                            value: mk.value,
                            judgement: mk.judgement.as_ref().map(|j| j.to_string()),
                            reason: mk.reason.to_string(),
                        })
                })
                .collect(),
        })
        .collect();
    Some((
        SheetRecord {
            format: SHEET_FORMAT,
            call,
            appointed_by: ws.commission().appointed_by.clone(),
            member: member.clone(),
            name: m.name,
            role: m.role,
            qualification: m.qualification,
            session: scoring_session.map(|s| (s.number, s.date)),
            closed: is_closed,
            criteria: scoring.criteria,
            applications,
            no_conflict,
            conflicts,
            undeclared,
        },
        dated,
    ))
}

/// The fingerprint the sheet carries: the SHA-256 of its record.
pub fn sheet_seal(record: &SheetRecord) -> String {
    crate::seal::sha256_hex(&serde_json::to_vec(record).unwrap_or_default())
}
