//! What the minutes of a session report, as data: the single source the PDF is drawn from and
//! the seal is computed over. Nothing here formats or lays out; values keep their exact file
//! spelling (amounts "131760.00", dates "2026-11-21") so that the seal does not depend on how
//! a later version of the program chooses to print them.
//!
//! Every list is in a fixed order (the call's, the commission's, protocol or arrival order),
//! so the same workspace always gives the same record and the same seal.

mod ranking;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::domain::{
    AdmissionOutcome, Allocation, Application, Coefficient, ConflictKind, Criterion, CriterionId,
    Date, Declaration, DocumentStatus, LegalForm, LotId, MemberId, Moment, Money, Protocol, Role,
    Scoring, SessionId, SessionKind, TimeOfDay, Workspace,
};
use crate::rules::{self, ApplicationResult, Check, Evaluation, Gap, Outcome, Ratio, Tie};

pub use ranking::{PublicLot, PublicOther, PublicRanked, RankingRecord, ranking_record};

/// Changes whenever the shape of the records changes: a seal names what it was computed over.
pub const RECORD_FORMAT: u32 = 1;

/// Decimals kept for means and coefficients: enough to see why the rounded points are what
/// they are, without pretending a repeating decimal ends.
const MEAN_DECIMALS: u32 = 4;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub format: u32,
    pub call: CallRecord,
    pub session: SessionInfo,
    pub commission: CommissionRecord,
    /// Per voting member present: what they declared about conflicts of interest.
    pub declarations: Vec<MemberDeclarations>,
    /// What the session did, according to its kind.
    pub business: Business,
    /// Draws (sorteggi) held in the session.
    pub draws: Vec<DrawRecord>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallRecord {
    pub authority: String,
    pub office: String,
    pub title: String,
    pub cup: Option<String>,
    pub rup: String,
    pub deadline: Moment,
    pub lots: Vec<LotInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LotInfo {
    pub id: LotId,
    pub name: String,
    pub budget: Money,
    /// Budget × (1 − reserved share): what the contributions may reach.
    pub ceiling: Money,
    pub allocation: Allocation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionInfo {
    pub id: SessionId,
    pub number: u32,
    pub kind: SessionKind,
    pub date: Date,
    pub start: TimeOfDay,
    pub end: Option<TimeOfDay>,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommissionRecord {
    pub appointed_by: String,
    /// In the commission's order.
    pub members: Vec<MemberRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberRecord {
    pub id: MemberId,
    pub name: String,
    pub role: Role,
    pub qualification: String,
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberDeclarations {
    pub member: MemberId,
    /// Applications the member declared no conflict with.
    pub no_conflict: Vec<Protocol>,
    /// Conflicts declared: the member abstains on these.
    pub conflicts: Vec<ConflictRecord>,
    /// Applications the member has not declared anything about yet.
    pub missing: Vec<Protocol>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictRecord {
    pub application: Protocol,
    pub kind: ConflictKind,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Business {
    Opening(OpeningRecord),
    Scoring(ScoringRecord),
    Final(FinalRecord),
}

/// Seduta pubblica di apertura.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpeningRecord {
    /// Every application received, in order of arrival.
    pub received: Vec<ReceivedRecord>,
    /// The admissibility decisions this session took, by protocol.
    pub decisions: Vec<AdmissionRecord>,
    /// Soccorso istruttorio on the applications this session decided, or asked on its date.
    pub soccorso: Vec<SoccorsoRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedRecord {
    pub protocol: Protocol,
    pub received_at: Moment,
    pub applicant: String,
    pub legal_form: LegalForm,
    pub lot: LotId,
    pub title: String,
    pub on_time: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdmissionRecord {
    pub protocol: Protocol,
    pub applicant: String,
    pub outcome: AdmissionOutcome,
    /// The commission's reason.
    pub reason: String,
    /// What the automatic checks found failing, in Italian.
    pub failed_checks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoccorsoRecord {
    pub protocol: Protocol,
    pub document: String,
    pub requested_on: Date,
    pub deadline: Date,
    pub received_on: Option<Date>,
}

/// Seduta riservata di valutazione.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoringRecord {
    /// Every criterion, groups and leaves, depth first.
    pub criteria: Vec<CriterionInfo>,
    pub judgement_scale: Vec<JudgementInfo>,
    pub overall_min: Option<Decimal>,
    pub rescale_totals: bool,
    pub decimals: u32,
    pub lots: Vec<LotScoring>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionInfo {
    pub id: CriterionId,
    pub title: String,
    pub max: Decimal,
    pub min: Option<Decimal>,
    pub rescale: bool,
    pub method: Method,
    /// 0 for a top-level criterion, 1 for its sub-criteria…
    pub depth: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Method {
    Coefficient,
    Points,
    /// The measure, in Italian: "quota di co-finanziamento oltre il minimo".
    Linear {
        measure: String,
        percent: bool,
    },
    Levels,
    Group,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JudgementInfo {
    pub label: String,
    pub coefficient: Coefficient,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LotScoring {
    pub lot: LotId,
    /// The admitted applications, by protocol.
    pub applications: Vec<ApplicationScoring>,
    /// Every application of the lot, by protocol.
    pub cofinancing: Vec<CofinancingRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationScoring {
    pub protocol: Protocol,
    pub applicant: String,
    pub title: String,
    /// Members who declared a conflict and abstain.
    pub abstained: Vec<MemberId>,
    /// In the order of `ScoringRecord::criteria`.
    pub criteria: Vec<CriterionResult>,
    pub total_before_rescaling: Option<Decimal>,
    pub total: Option<Decimal>,
    /// Criterion ids, or "overall".
    pub threshold_failures: Vec<String>,
    #[serde(serialize_with = "outcome_code")]
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    pub criterion: CriterionId,
    pub marks: Vec<MarkRecord>,
    pub gaps: Vec<GapRecord>,
    /// The mean of the marks (coefficients or points), rounded to four decimals for reading.
    pub mean: Option<Decimal>,
    /// A linear criterion's measure x, rounded to six decimals for reading.
    pub measure: Option<Decimal>,
    /// A tabular criterion's declared level.
    pub level: Option<String>,
    /// V in 0..1, rounded to four decimals for reading.
    pub coefficient: Option<Decimal>,
    pub points_before_rescaling: Option<Decimal>,
    pub points: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkRecord {
    pub member: MemberId,
    pub value: Decimal,
    /// The judgement of the scale the coefficient stands for ("buono").
    pub judgement: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum GapRecord {
    NotScored(MemberId),
    NoReason(MemberId),
    NobodyCanScore,
    NotDeclared,
    TooLarge,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CofinancingRow {
    pub protocol: Protocol,
    pub applicant: String,
    pub total_cost: Money,
    pub cash: Money,
    pub in_kind: Money,
    pub requested: Money,
    /// K / C in per cent, truncated to four decimals.
    pub share_percent: Decimal,
    /// The co-financing checks that failed, in Italian.
    pub failures: Vec<String>,
}

/// Seduta pubblica conclusiva.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalRecord {
    pub lots: Vec<LotRanking>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LotRanking {
    pub lot: LotId,
    pub granted: Money,
    pub remaining: Money,
    /// Some admitted application still lacks scores.
    pub provisional: bool,
    pub halted_by_tie: bool,
    pub ranked: Vec<RankedRecord>,
    /// Not in the ranking: below a threshold, incomplete, excluded; by protocol.
    pub others: Vec<UnrankedRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedRecord {
    pub rank: u32,
    pub protocol: Protocol,
    pub applicant: String,
    pub total: Option<Decimal>,
    pub total_before_rescaling: Option<Decimal>,
    #[serde(serialize_with = "outcome_code")]
    pub outcome: Outcome,
    pub granted: Option<Money>,
    pub tie: TieRecord,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TieRecord {
    None,
    SettledByDraw {
        session: SessionId,
        /// The number of that session's minutes.
        session_number: Option<u32>,
        with: Vec<Protocol>,
    },
    Unresolved {
        with: Vec<Protocol>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnrankedRecord {
    pub protocol: Protocol,
    pub applicant: String,
    #[serde(serialize_with = "outcome_code")]
    pub outcome: Outcome,
    /// For an exclusion: the commission's reason, or the failing checks when none is recorded.
    pub reasons: Vec<String>,
    /// For a non-eligible one: the criteria ids (or "overall") whose minimum was not reached.
    pub threshold_failures: Vec<String>,
    pub total_before_rescaling: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawRecord {
    pub lot: LotId,
    pub order: Vec<Protocol>,
    pub method: String,
}

fn outcome_code<S: Serializer>(outcome: &Outcome, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(outcome.code())
}

/// The record of `session`'s minutes, or None if the workspace has no such session.
pub fn session_record(
    ws: &Workspace,
    evaluation: &Evaluation,
    session: &SessionId,
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
        })
        .collect();
    let business = match s.kind {
        SessionKind::OpeningPublic => Business::Opening(opening(ws, evaluation, session, s.date)),
        SessionKind::ReservedScoring => Business::Scoring(scoring(ws, evaluation)),
        SessionKind::Final => Business::Final(final_ranking(ws, evaluation)),
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
    })
}

fn call_record(ws: &Workspace, evaluation: &Evaluation) -> CallRecord {
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

fn failing_messages(result: &ApplicationResult) -> Vec<String> {
    result
        .admission
        .findings
        .iter()
        .filter(|f| f.check == Check::Fail)
        .map(|f| f.message.clone())
        .collect()
}

fn opening(ws: &Workspace, evaluation: &Evaluation, id: &SessionId, date: Date) -> OpeningRecord {
    let call = ws.call();
    let mut arrivals: Vec<&Application> = ws.applications().values().collect();
    arrivals.sort_by(|a, b| (a.received_at, &a.protocol).cmp(&(b.received_at, &b.protocol)));
    let received = arrivals
        .iter()
        .map(|a| ReceivedRecord {
            protocol: a.protocol.clone(),
            received_at: a.received_at,
            applicant: a.applicant.name.clone(),
            legal_form: a.applicant.legal_form.clone(),
            lot: a.lot.clone(),
            title: a.title.clone(),
            on_time: a.received_at <= call.deadline,
        })
        .collect();

    let decided_here =
        |a: &Application| a.decision.as_ref().and_then(|d| d.session.as_ref()) == Some(id);
    let mut decisions = Vec::new();
    let mut soccorso = Vec::new();
    for app in ws.applications().values() {
        let here = decided_here(app);
        if here && let Some(decision) = &app.decision {
            decisions.push(AdmissionRecord {
                protocol: app.protocol.clone(),
                applicant: app.applicant.name.clone(),
                outcome: decision.outcome,
                reason: decision.reason.clone(),
                failed_checks: evaluation
                    .application(&app.protocol)
                    .map(failing_messages)
                    .unwrap_or_default(),
            });
        }
        for doc in &app.documents {
            let (requested_on, deadline, received_on) = match doc.status {
                DocumentStatus::IntegrationRequested {
                    requested_on,
                    deadline,
                } => (requested_on, deadline, None),
                DocumentStatus::Integrated {
                    requested_on,
                    deadline,
                    received_on,
                } => (requested_on, deadline, Some(received_on)),
                DocumentStatus::Present | DocumentStatus::Missing => continue,
            };
            if !here && requested_on != date {
                continue;
            }
            let title = call
                .required_documents
                .iter()
                .find(|r| r.id == doc.document)
                .map_or_else(|| doc.document.to_string(), |r| r.title.clone());
            soccorso.push(SoccorsoRecord {
                protocol: app.protocol.clone(),
                document: title,
                requested_on,
                deadline,
                received_on,
            });
        }
    }
    OpeningRecord {
        received,
        decisions,
        soccorso,
    }
}

fn criterion_info(c: &Criterion, depth: u32, out: &mut Vec<CriterionInfo>) {
    let method = match &c.scoring {
        Scoring::Coefficient => Method::Coefficient,
        Scoring::Points { .. } => Method::Points,
        Scoring::Linear { measure } => {
            let (text, percent) = match measure {
                crate::domain::Measure::CofinancingShare => {
                    ("quota di co-finanziamento".to_string(), true)
                }
                crate::domain::Measure::CofinancingShareAboveMinimum => (
                    "quota di co-finanziamento oltre il minimo".to_string(),
                    true,
                ),
                crate::domain::Measure::Declared { unit } => (unit.clone(), false),
            };
            Method::Linear {
                measure: text,
                percent,
            }
        }
        Scoring::Levels(_) => Method::Levels,
        Scoring::Subcriteria(_) => Method::Group,
    };
    out.push(CriterionInfo {
        id: c.id.clone(),
        title: c.title.clone(),
        max: c.max.value(),
        min: c.min.map(|m| m.value()),
        rescale: c.rescale,
        method,
        depth,
    });
    for sub in c.subcriteria() {
        criterion_info(sub, depth + 1, out);
    }
}

fn shown(r: Option<Ratio>, dp: u32) -> Option<Decimal> {
    r.and_then(|r| r.round_half_up(dp).ok())
        .map(|d| d.normalize())
}

fn scoring(ws: &Workspace, evaluation: &Evaluation) -> ScoringRecord {
    let call = ws.call();
    let mut criteria = Vec::new();
    for c in &call.criteria {
        criterion_info(c, 0, &mut criteria);
    }
    let all = call.all_criteria();
    let lots = call
        .lots
        .iter()
        .map(|lot| {
            let mut applications = Vec::new();
            let mut cofinancing = Vec::new();
            for app in ws.applications().values().filter(|a| a.lot == lot.id) {
                let Some(result) = evaluation.application(&app.protocol) else {
                    continue;
                };
                let b = &result.budget;
                cofinancing.push(CofinancingRow {
                    protocol: app.protocol.clone(),
                    applicant: app.applicant.name.clone(),
                    total_cost: b.total_cost,
                    cash: b.cash,
                    in_kind: b.in_kind,
                    requested: b.requested,
                    share_percent: b.share_percent,
                    failures: result
                        .admission
                        .findings
                        .iter()
                        .filter(|f| f.rule.is_cofinancing() && f.check == Check::Fail)
                        .map(|f| f.message.clone())
                        .collect(),
                });
                if let Some(scores) = &result.scores {
                    applications.push(application_scoring(ws, app, result, scores, &all));
                }
            }
            LotScoring {
                lot: lot.id.clone(),
                applications,
                cofinancing,
            }
        })
        .collect();
    ScoringRecord {
        criteria,
        judgement_scale: call
            .judgement_scale
            .iter()
            .map(|j| JudgementInfo {
                label: j.label.clone(),
                coefficient: j.coefficient,
            })
            .collect(),
        overall_min: call.overall_min.map(|m| m.value()),
        rescale_totals: call.rescale_totals,
        decimals: call.decimals,
        lots,
    }
}

fn application_scoring(
    ws: &Workspace,
    app: &Application,
    result: &ApplicationResult,
    scores: &rules::Scores,
    all: &[&Criterion],
) -> ApplicationScoring {
    let call = ws.call();
    // The rules already know who abstained; asking the sheets again would scan them per application.
    let abstained = ws
        .commission()
        .voting_members()
        .filter(|m| {
            scores
                .criteria
                .values()
                .any(|cs| cs.abstained.contains(&m.id))
        })
        .map(|m| m.id.clone())
        .collect();
    let criteria = all
        .iter()
        .map(|c| {
            let cs = scores.criteria.get(&c.id);
            let level = match &c.scoring {
                Scoring::Levels(levels) => app
                    .declared(&c.id)
                    .and_then(|v| levels.iter().find(|l| l.id.as_str() == v))
                    .map(|l| l.label.clone()),
                _ => None,
            };
            CriterionResult {
                criterion: c.id.clone(),
                marks: cs
                    .map(|cs| {
                        cs.marks
                            .iter()
                            .map(|m| MarkRecord {
                                member: m.member.clone(),
                                value: m.value,
                                judgement: match c.scoring {
                                    Scoring::Coefficient => Coefficient::new(m.value)
                                        .and_then(|k| call.judgement_for(k))
                                        .map(|j| j.label.clone()),
                                    _ => None,
                                },
                                reason: m.reason.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                gaps: cs
                    .map(|cs| cs.gaps.iter().map(gap_record).collect())
                    .unwrap_or_default(),
                mean: shown(cs.and_then(|cs| cs.mean), MEAN_DECIMALS),
                measure: shown(cs.and_then(|cs| cs.measure), 6),
                level,
                coefficient: match c.scoring {
                    Scoring::Linear { .. } | Scoring::Points { .. } => {
                        shown(cs.and_then(|cs| cs.coefficient), MEAN_DECIMALS)
                    }
                    _ => None,
                },
                points_before_rescaling: cs.and_then(|cs| cs.points_before_rescaling),
                points: cs.and_then(|cs| cs.points),
            }
        })
        .collect();
    ApplicationScoring {
        protocol: app.protocol.clone(),
        applicant: app.applicant.name.clone(),
        title: app.title.clone(),
        abstained,
        criteria,
        total_before_rescaling: scores.total_before_rescaling,
        total: scores.total,
        threshold_failures: scores.threshold_failures.iter().map(|t| t.code()).collect(),
        outcome: result.outcome,
    }
}

fn gap_record(gap: &Gap) -> GapRecord {
    match gap {
        Gap::NotScored { member } => GapRecord::NotScored(member.clone()),
        Gap::NoReason { member } => GapRecord::NoReason(member.clone()),
        Gap::NobodyCanScore => GapRecord::NobodyCanScore,
        Gap::NotDeclared => GapRecord::NotDeclared,
        Gap::TooLarge => GapRecord::TooLarge,
    }
}

fn final_ranking(ws: &Workspace, evaluation: &Evaluation) -> FinalRecord {
    let applicant = |p: &Protocol| {
        ws.application(p)
            .map(|a| a.applicant.name.clone())
            .unwrap_or_default()
    };
    let lots = ws
        .call()
        .lots
        .iter()
        .filter_map(|lot| {
            let result = evaluation.lots.get(&lot.id)?;
            let ranked = result
                .ranking
                .iter()
                .filter_map(|place| {
                    let r = evaluation.application(&place.protocol)?;
                    let scores = r.scores.as_ref();
                    Some(RankedRecord {
                        rank: place.rank,
                        protocol: place.protocol.clone(),
                        applicant: applicant(&place.protocol),
                        total: scores.and_then(|s| s.total),
                        total_before_rescaling: scores.and_then(|s| s.total_before_rescaling),
                        outcome: r.outcome,
                        granted: r.granted,
                        tie: match &place.tie {
                            Tie::None => TieRecord::None,
                            Tie::SettledByDraw { session, with } => TieRecord::SettledByDraw {
                                session: session.clone(),
                                session_number: ws.session(session).map(|s| s.number),
                                with: with.clone(),
                            },
                            Tie::Unresolved { with } => {
                                TieRecord::Unresolved { with: with.clone() }
                            }
                        },
                    })
                })
                .collect();
            let others = evaluation
                .applications
                .values()
                .filter(|r| r.lot == lot.id && r.place.is_none())
                .map(|r| UnrankedRecord {
                    protocol: r.protocol.clone(),
                    applicant: applicant(&r.protocol),
                    outcome: r.outcome,
                    reasons: if r.outcome == Outcome::Excluded {
                        if r.admission.decided && !r.admission.reason.trim().is_empty() {
                            vec![r.admission.reason.clone()]
                        } else {
                            failing_messages(r)
                        }
                    } else {
                        Vec::new()
                    },
                    threshold_failures: r
                        .scores
                        .as_ref()
                        .map(|s| s.threshold_failures.iter().map(|t| t.code()).collect())
                        .unwrap_or_default(),
                    total_before_rescaling: r
                        .scores
                        .as_ref()
                        .and_then(|s| s.total_before_rescaling),
                })
                .collect();
            Some(LotRanking {
                lot: lot.id.clone(),
                granted: result.granted,
                remaining: result.remaining,
                provisional: result.provisional,
                halted_by_tie: result.halted_by_tie,
                ranked,
                others,
            })
        })
        .collect();
    FinalRecord { lots }
}
