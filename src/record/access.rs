//! What the bundle of a granted access request reports (L. 241/1990): the request with its
//! deadlines and counter-interested parties, the requester's own marks and reasons, the other
//! applicants' marks and motivazioni with the personal data of natural persons removed and the
//! parts declared secret withheld, and the verbali released with it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::RECORD_FORMAT;
use super::procedure::collegial_judgements;
use super::redact::Redaction;
use super::scoring::MarkRecord;
use crate::domain::{
    AccessId, AccessOutcome, AccessRequest, Allocation, Coefficient, CriterionId, Date, Protocol,
    Scoring, SessionId, SessionKind, Workspace,
};
use crate::rules::Evaluation;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessRecord {
    pub format: u32,
    pub authority: String,
    pub office: String,
    pub title: String,
    pub cup: Option<String>,
    pub rup: String,
    /// The members of the commission, with their names: public officials, never left out.
    pub members: Vec<(crate::domain::MemberId, String)>,
    pub request: RequestRecord,
    /// The requester's own application, whole.
    pub own: Option<ApplicationMarks>,
    /// The other applications scored (of the requester's lot, or all), as released.
    pub others: Vec<ApplicationMarks>,
    pub verbali: Vec<VerbaleEntry>,
    /// The parts withheld as technical or commercial secrets.
    pub withheld: Vec<WithheldRecord>,
    pub released_on: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    pub id: AccessId,
    pub received_on: Date,
    pub deadline: Date,
    pub requester: String,
    pub application: Option<Protocol>,
    pub object: String,
    pub counterparts: Vec<CounterpartRecord>,
    pub decision: Option<(AccessOutcome, Date, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CounterpartRecord {
    pub protocol: Protocol,
    pub applicant: String,
    pub notified_on: Date,
    pub deadline: Date,
    pub opposition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationMarks {
    pub protocol: Protocol,
    pub applicant: String,
    pub title: String,
    /// The outcome in the words of its lot's ranking.
    pub outcome: String,
    pub rank: Option<u32>,
    pub total: Option<Decimal>,
    pub criteria: Vec<CriterionMarks>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionMarks {
    pub criterion: CriterionId,
    pub title: String,
    pub max: Decimal,
    pub marks: Vec<MarkRecord>,
    /// The collegial motivazione and mark, when the commission formed one.
    pub collegial: Option<CollegialBrief>,
    pub points: Option<Decimal>,
    /// The part declared secret its motivazioni would reveal: they are withheld.
    pub withheld: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollegialBrief {
    pub reason: String,
    /// The collegial mark, as the table writes it («buono (0,8)», «14 punti»), where the call
    /// says it counts (not written otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
    /// "Dott.ssa Silvia Tognini: …"
    pub dissents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerbaleEntry {
    pub session: SessionId,
    pub number: u32,
    pub date: Date,
    pub kind: SessionKind,
    /// The file in the bundle.
    pub file: String,
    /// The seal of the verbale as closed.
    pub seal: String,
    /// The copy leaves parts out (personal data, secrets): it is not the sealed document.
    pub redacted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WithheldRecord {
    pub protocol: Protocol,
    pub applicant: String,
    pub part: String,
    pub criteria: Vec<CriterionId>,
    pub reason: String,
}

fn applicant(ws: &Workspace, p: &Protocol) -> String {
    ws.application(p)
        .map(|a| a.applicant.name.clone())
        .unwrap_or_default()
}

fn member_name(ws: &Workspace, m: &crate::domain::MemberId) -> String {
    ws.commission()
        .member(m)
        .map_or_else(|| m.to_string(), |m| m.name.clone())
}

/// One application's marks, reasons and points; `redaction` None for the requester's own.
fn marks(
    ws: &Workspace,
    evaluation: &Evaluation,
    p: &Protocol,
    redaction: Option<&Redaction>,
) -> Option<ApplicationMarks> {
    let app = ws.application(p)?;
    let result = evaluation.application(p)?;
    let scores = result.scores.as_ref()?;
    let call = ws.call();
    let allocation = call
        .lot(&app.lot)
        .map_or(Allocation::SingleWinner, |l| l.allocation);
    let text = |s: &str| redaction.map_or_else(|| s.to_string(), |r| r.text(s));
    let collegial = collegial_judgements(ws, p);
    let criteria = call
        .leaf_criteria()
        .into_iter()
        .map(|c| {
            let cs = scores.criteria.get(&c.id);
            let withheld = redaction
                .and_then(|r| r.secret(p, &c.id))
                .map(str::to_string);
            let hide = |s: &str| match &withheld {
                Some(part) => Redaction::withheld(part),
                None => text(s),
            };
            let marks = cs
                .map(|cs| {
                    cs.marks
                        .iter()
                        .map(|m| MarkRecord {
                            member: m.member.clone(),
                            value: m.value,
                            judgement: match c.scoring {
                                Scoring::Coefficient => Coefficient::new(m.value)
                                    .and_then(|k| call.judgement_for(k))
                                    .map(|j| super::scoring::Judgement::new(&j.label)),
                                _ => None,
                            },
                            reason: hide(
                                &ws.score(&m.member, p, &c.id)
                                    .map(|s| s.reason.clone())
                                    .unwrap_or_default(),
                            )
                            .into(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let collegial =
                collegial
                    .iter()
                    .find(|k| k.criterion == c.id)
                    .map(|k| CollegialBrief {
                        reason: hide(&k.reason),
                        mark: k.mark.as_ref().map(|m| match &m.judgement {
                            Some(label) => {
                                format!("{label} ({})", crate::italian::number(m.value))
                            }
                            None => format!("{} punti", crate::italian::number(m.value)),
                        }),
                        dissents: k
                            .dissents
                            .iter()
                            .map(|d| format!("{}: {}", member_name(ws, &d.member), hide(&d.note)))
                            .collect(),
                    });
            CriterionMarks {
                criterion: c.id.clone(),
                title: c.title.clone(),
                max: c.max.value(),
                marks,
                collegial,
                points: cs.and_then(|cs| cs.points),
                withheld,
            }
        })
        .collect();
    Some(ApplicationMarks {
        protocol: p.clone(),
        applicant: text(&app.applicant.name),
        title: text(&app.title),
        outcome: result.outcome.label(allocation).to_string(),
        rank: result.rank(),
        total: scores.total,
        criteria,
    })
}

/// The bundle's record for `request`, released on `released_on`, listing `verbali`.
pub fn access_record(
    ws: &Workspace,
    evaluation: &Evaluation,
    request: &AccessRequest,
    verbali: Vec<VerbaleEntry>,
    released_on: Date,
) -> AccessRecord {
    let redaction = Redaction::for_request(ws, request);
    let call = ws.call();
    let own_lot = request
        .application
        .as_ref()
        .and_then(|p| ws.application(p))
        .map(|a| a.lot.clone());
    let own = request
        .application
        .as_ref()
        .and_then(|p| marks(ws, evaluation, p, None));
    let others = ws
        .applications()
        .values()
        .filter(|a| Some(&a.protocol) != request.application.as_ref())
        .filter(|a| own_lot.as_ref().is_none_or(|l| &a.lot == l))
        .filter_map(|a| marks(ws, evaluation, &a.protocol, Some(&redaction)))
        .collect();
    let withheld = ws
        .access()
        .secrets
        .iter()
        .filter(|s| Some(&s.application) != request.application.as_ref())
        .map(|s| WithheldRecord {
            protocol: s.application.clone(),
            applicant: redaction.text(&applicant(ws, &s.application)),
            part: s.part.clone(),
            criteria: s.criteria.clone(),
            reason: s.reason.clone(),
        })
        .collect();
    AccessRecord {
        format: RECORD_FORMAT,
        authority: call.authority.clone(),
        office: call.office.clone(),
        title: call.title.clone(),
        cup: call.cup.clone(),
        rup: call.rup.clone(),
        members: ws
            .commission()
            .members
            .iter()
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect(),
        request: RequestRecord {
            id: request.id.clone(),
            received_on: request.received_on,
            deadline: request.deadline(),
            requester: request.requester.clone(),
            application: request.application.clone(),
            object: request.object.clone(),
            counterparts: request
                .counterparts
                .iter()
                .map(|c| CounterpartRecord {
                    protocol: c.application.clone(),
                    applicant: redaction.text(&applicant(ws, &c.application)),
                    notified_on: c.notified_on,
                    deadline: c.deadline(),
                    opposition: redaction.text(&c.opposition),
                })
                .collect(),
            decision: request
                .decision
                .as_ref()
                .map(|d| (d.outcome, d.on, d.reason.clone())),
        },
        own,
        others,
        verbali,
        withheld,
        released_on,
    }
}
