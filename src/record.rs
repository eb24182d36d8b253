//! What the minutes of a session report, as data: the single source the PDF is drawn from and
//! the seal is computed over. Nothing here formats or lays out; values keep their exact file
//! spelling (amounts "131760.00", dates "2026-11-21") so that the seal does not depend on how
//! a later version of the program chooses to print them.
//!
//! Every list is in a fixed order (the call's, the commission's, protocol or arrival order),
//! so the same workspace always gives the same record and the same seal. What a session did
//! depends on its kind: `opening`, `scoring` and `final_session` build those parts; `ranking`
//! is the public ranking.

mod access;
mod access_acts;
mod acts;
mod changes;
mod final_session;
mod opening;
mod pending;
mod procedure;
mod ranking;
mod redact;
mod scoring;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::{
    Allocation, ConflictKind, Date, Declaration, LotId, MemberId, Moment, Money, Protocol, Role,
    SessionId, SessionKind, TimeOfDay, Workspace,
};
use crate::rules::{self, ApplicationResult, Check, Evaluation, Outcome};

pub use access::{
    AccessRecord, ApplicationMarks, CollegialBrief, CounterpartRecord, CriterionMarks,
    RequestRecord, VerbaleEntry, WithheldRecord, access_record,
};
pub use access_acts::{AccessAct, AccessActs, unsealed_access_acts};
pub use acts::{ActsRecord, IntegrationRecord, WithdrawalRecord};
pub use changes::{RemovedRecord, ReplacedRecord, SubstituteRecord};
pub use final_session::{FinalRecord, LotRanking, RankedRecord, TieRecord, UnrankedRecord};
pub use opening::{AdmissionRecord, OpeningRecord, ReceivedRecord, SoccorsoRecord};
pub use pending::{IncompleteRecord, PendingRecord, UndecidedRecord, pending};
pub use procedure::{
    AllocationChange, ChangeRow, CollegialRecord, DissentRecord, EventRecord, EventsRecord,
    StandingRecord, collegial_judgements,
};
pub use ranking::{
    PublicLot, PublicOther, PublicRanked, RankingRecord, RankingVersion, ranking_record,
};
pub use redact::{OMISSIS, Redaction};
pub use scoring::{
    ApplicationScoring, CofinancingRow, CollegialMark, CriterionInfo, CriterionResult, GapRecord,
    Judgement, JudgementInfo, LotScoring, MarkRecord, Method, ScoringRecord, max_total,
};

pub const RECORD_FORMAT: u32 = 1;

/// Decimals kept for means and coefficients: enough to see why the rounded points are what
/// they are, without pretending a repeating decimal ends.
pub(crate) const MEAN_DECIMALS: u32 = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub format: u32,
    pub call: CallRecord,
    pub session: SessionInfo,
    pub commission: CommissionRecord,
    /// Per voting member present: what they declared about conflicts of interest.
    pub declarations: Vec<MemberDeclarations>,
    /// What the session did, according to its kind.
    pub business: Business,
    /// The acts the session recorded, whatever its kind: decisions, soccorso istruttorio,
    /// integrations, withdrawn declarations. (Records kept before it existed have none here:
    /// an opening session's decisions were in its `business`.) Not written when empty, so that
    /// a record kept by an earlier version reads back to the same bytes and its seal holds.
    #[serde(default, skip_serializing_if = "ActsRecord::is_empty")]
    pub acts: ActsRecord,
    /// What was still undecided or not fully scored (not written when nothing was).
    #[serde(default, skip_serializing_if = "PendingRecord::is_empty")]
    pub pending: PendingRecord,
    /// Draws (sorteggi) held in the session.
    pub draws: Vec<DrawRecord>,
    pub notes: Vec<String>,
    /// Changes made in this session to what earlier, closed sessions had fixed.
    #[serde(default)]
    pub amendments: Vec<AmendmentRecord>,
    /// The collegial judgements formed in the session (not written when none was, so that a
    /// record kept by an earlier version reads back to the same bytes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collegial: Vec<CollegialRecord>,
    /// The events after the ranking the session recorded, and the allocation before and after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<EventsRecord>,
    /// Applications registered by mistake and removed since the previous session closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<RemovedRecord>,
    /// The acts of access to the records recorded in the session, or since the previous one
    /// closed (not written when there were none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<AccessActs>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmendmentRecord {
    /// The closed session amended, with its minutes' number and date.
    pub closed: SessionId,
    pub closed_number: u32,
    pub closed_date: Date,
    /// What changed, in Italian.
    pub change: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    pub authority: String,
    pub office: String,
    pub title: String,
    pub cup: Option<String>,
    pub rup: String,
    pub deadline: Moment,
    pub lots: Vec<LotInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotInfo {
    pub id: LotId,
    pub name: String,
    pub budget: Money,
    /// Budget × (1 − reserved share): what the contributions may reach.
    pub ceiling: Money,
    pub allocation: Allocation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: SessionId,
    pub number: u32,
    pub kind: SessionKind,
    pub date: Date,
    pub start: TimeOfDay,
    pub end: Option<TimeOfDay>,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommissionRecord {
    pub appointed_by: String,
    /// In the commission's order.
    pub members: Vec<MemberRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRecord {
    pub id: MemberId,
    pub name: String,
    pub role: Role,
    pub qualification: String,
    pub present: bool,
    /// Set when the member was replaced: they no longer sit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<ReplacedRecord>,
    /// Set for a substitute: the act and the applications they score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute: Option<SubstituteRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberDeclarations {
    pub member: MemberId,
    /// Applications the member declared no conflict with.
    pub no_conflict: Vec<Protocol>,
    /// Conflicts declared: the member abstains on these.
    pub conflicts: Vec<ConflictRecord>,
    /// Applications the member has not declared anything about yet.
    pub missing: Vec<Protocol>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictRecord {
    pub application: Protocol,
    pub kind: ConflictKind,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Business {
    Opening(OpeningRecord),
    Scoring(ScoringRecord),
    Final(FinalRecord),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawRecord {
    pub lot: LotId,
    pub order: Vec<Protocol>,
    pub method: String,
}

pub(crate) fn outcome_code<S: Serializer>(outcome: &Outcome, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(outcome.code())
}

/// Reads an outcome back from its code, for the record of a closed session kept on disk.
pub(crate) fn outcome_from_code<'de, D: Deserializer<'de>>(d: D) -> Result<Outcome, D::Error> {
    let code = String::deserialize(d)?;
    Outcome::ALL
        .into_iter()
        .find(|o| o.code() == code)
        .ok_or_else(|| serde::de::Error::custom(format!("esito sconosciuto «{code}»")))
}

/// The record of `session`'s minutes, or None if the workspace has no such session.
pub fn session_record(
    ws: &Workspace,
    evaluation: &Evaluation,
    session: &SessionId,
) -> Option<SessionRecord> {
    record_of(ws, evaluation, session, Marks::Copied)
}

/// The same record from a workspace that is dropped with it, evaluated here: the marks leave
/// their sheets first, laid out in the rules' table (16 bytes each) with their reasons apart,
/// so that the evaluation is made without them; then a scoring session's marks are reported
/// application by application, each application's scores let go as soon as they are reported
/// and each reason moved into the record instead of copied. A large call's marks are so never
/// held twice, nor beside the evaluation (see `scoring::scoring_taking`).
/// Fails only when the reasons, set apart in a temporary file while the evaluation is made,
/// can no longer be read back.
pub fn session_record_taking(
    ws: Workspace,
    session: &SessionId,
) -> std::io::Result<Option<SessionRecord>> {
    record_taking(ws, session, scoring::Reasons::PARKED_FROM)
}

/// [`session_record_taking`], the reasons set apart in a file when they are more than
/// `parked_from` bytes.
fn record_taking(
    mut ws: Workspace,
    session: &SessionId,
    parked_from: usize,
) -> std::io::Result<Option<SessionRecord>> {
    let Some(kind) = ws.session(session).map(|s| s.kind) else {
        return Ok(None);
    };
    let taken = ws.take_scores();
    let marks = rules::marks::Marks::of_taken(&ws, &taken, rules::parallel(&ws));
    // Only a scoring session reports the reasons: for another, they go now.
    let reasons = (kind == SessionKind::ReservedScoring)
        .then(|| scoring::Reasons::new(&ws, taken, parked_from));
    let mut evaluation = rules::evaluate_with(&ws, &marks);
    drop(marks);
    let Some(mut record) = record_of(&ws, &evaluation, session, Marks::Later) else {
        return Ok(None);
    };
    if let (Business::Scoring(scoring), Some(reasons)) = (&mut record.business, reasons) {
        let applications = ws.take_applications();
        *scoring = scoring::scoring_taking(&ws, applications, &mut evaluation, reasons)?;
    }
    Ok(Some(record))
}

/// How a scoring session's record gets its marks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marks {
    /// Copied, with their reasons, from a workspace and an evaluation that stay.
    Copied,
    /// Made afterwards by [`scoring::scoring_taking`]: the record has no lots yet.
    Later,
}

fn record_of(
    ws: &Workspace,
    evaluation: &Evaluation,
    session: &SessionId,
    marks: Marks,
) -> Option<SessionRecord> {
    let s = ws.session(session)?;
    let commission = ws.commission();
    let members = commission
        .members
        .iter()
        .map(|m| MemberRecord {
            id: m.id.clone(),
            name: m.name.clone(),
            role: m.role,
            qualification: m.qualification.clone(),
            present: s.present.contains(&m.id),
            replaced: changes::replaced(ws, m),
            substitute: changes::substitute(m),
        })
        .collect();
    let business = match s.kind {
        SessionKind::OpeningPublic => Business::Opening(opening::opening(ws)),
        SessionKind::ReservedScoring => Business::Scoring(match marks {
            Marks::Copied => scoring::scoring(ws, evaluation),
            Marks::Later => scoring::frame(ws),
        }),
        SessionKind::Final => Business::Final(final_session::final_ranking(ws, evaluation)),
    };
    Some(SessionRecord {
        format: RECORD_FORMAT,
        call: call_record(ws, evaluation),
        session: SessionInfo {
            id: s.id.clone(),
            number: s.number,
            kind: s.kind,
            date: s.date,
            start: s.start,
            end: s.end,
            place: s.place.clone(),
        },
        commission: CommissionRecord {
            appointed_by: commission.appointed_by.clone(),
            members,
        },
        declarations: declarations(ws, &s.present),
        business,
        acts: acts::acts(ws, evaluation, s),
        pending: pending::pending(ws, evaluation),
        draws: s
            .draws
            .iter()
            .map(|d| DrawRecord {
                lot: d.lot.clone(),
                order: d.order.clone(),
                method: d.method.clone(),
            })
            .collect(),
        notes: s.notes.clone(),
        amendments: s
            .amendments
            .iter()
            .map(|a| {
                let closed = ws.session(&a.closed);
                AmendmentRecord {
                    closed: a.closed.clone(),
                    closed_number: closed.map_or(0, |c| c.number),
                    closed_date: closed.map_or(s.date, |c| c.date),
                    change: a.change.clone(),
                    reason: a.reason.clone(),
                }
            })
            .collect(),
        collegial: procedure::collegial(ws, s),
        events: procedure::events(ws, s),
        removed: changes::removed(ws, s),
        access: access_acts::access_acts(ws, s),
    })
}

pub(crate) fn call_record(ws: &Workspace, evaluation: &Evaluation) -> CallRecord {
    let call = ws.call();
    CallRecord {
        authority: call.authority.clone(),
        office: call.office.clone(),
        title: call.title.clone(),
        cup: call.cup.clone(),
        rup: call.rup.clone(),
        deadline: call.deadline,
        lots: call
            .lots
            .iter()
            .map(|l| LotInfo {
                id: l.id.clone(),
                name: l.name.clone(),
                budget: l.budget,
                ceiling: evaluation
                    .lots
                    .get(&l.id)
                    .map_or_else(|| rules::cofinancing::lot_ceiling(l), |r| r.ceiling),
                allocation: l.allocation,
            })
            .collect(),
    }
}

fn declarations(ws: &Workspace, present: &[MemberId]) -> Vec<MemberDeclarations> {
    ws.commission()
        .voting_members()
        .filter(|m| present.contains(&m.id))
        .map(|m| {
            // One pass over the sheet: a lookup per application would be quadratic.
            let declared: BTreeMap<&Protocol, &Declaration> = ws
                .sheet(&m.id)
                .map(|s| s.declarations.iter().map(|d| (&d.application, d)).collect())
                .unwrap_or_default();
            let mut out = MemberDeclarations {
                member: m.id.clone(),
                no_conflict: Vec::new(),
                conflicts: Vec::new(),
                missing: Vec::new(),
            };
            for protocol in ws.applications().keys() {
                match declared.get(protocol) {
                    None => out.missing.push(protocol.clone()),
                    Some(d) => match &d.conflict {
                        None => out.no_conflict.push(protocol.clone()),
                        Some(c) => out.conflicts.push(ConflictRecord {
                            application: protocol.clone(),
                            kind: c.kind,
                            note: c.note.clone(),
                        }),
                    },
                }
            }
            out
        })
        .collect()
}

pub(crate) fn failing_messages(result: &ApplicationResult) -> Vec<String> {
    result
        .admission
        .findings
        .iter()
        .filter(|f| f.check == Check::Fail)
        .map(|f| f.message.to_string())
        .collect()
}

/// What a scoring session reports, drawn from the data as they stand: for the documents that
/// follow the minutes (letters, score sheets) when no closed session has kept it.
pub fn scoring_record(ws: &Workspace, evaluation: &Evaluation) -> ScoringRecord {
    scoring::scoring(ws, evaluation)
}

/// What a final session reports, drawn from the data as they stand.
pub fn final_record(ws: &Workspace, evaluation: &Evaluation) -> FinalRecord {
    final_session::final_ranking(ws, evaluation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::large::{Size, generate};

    #[test]
    fn reasons_set_apart_in_a_file_come_back_as_they_were_written() {
        let size = Size {
            applications: 40,
            lots: 2,
            members: 4,
            criteria: 5,
            seed: 5,
        };
        let s2 = SessionId::new("s2").unwrap();
        let ws = generate(size).unwrap();
        let copied = session_record(&ws, &rules::evaluate(&ws), &s2).unwrap();
        let Business::Scoring(scoring) = &copied.business else {
            panic!("s2 scores");
        };
        let reasons = scoring
            .lots
            .iter()
            .flat_map(|l| &l.applications)
            .flat_map(|a| &a.criteria)
            .flat_map(|c| c.marks.iter())
            .filter(|m| !m.reason.is_empty())
            .count();
        assert!(reasons > 300, "{reasons}");

        // The file is written indeed when asked to from the first byte.
        let mut own = generate(size).unwrap();
        let taken = own.take_scores();
        assert!(scoring::Reasons::new(&own, taken, 0).in_file());

        let in_file = record_taking(generate(size).unwrap(), &s2, 0).unwrap();
        assert_eq!(in_file.as_ref(), Some(&copied));
        let in_memory = record_taking(generate(size).unwrap(), &s2, usize::MAX).unwrap();
        assert_eq!(in_memory.as_ref(), Some(&copied));
    }
}
