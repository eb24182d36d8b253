//! The public ranking (graduatoria) as data, for publication in Amministrazione trasparente:
//! organisations, totals, outcomes and amounts only. No tax codes, no legal representatives,
//! no member's individual scores, no reasons (which may name people).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{LotInfo, RECORD_FORMAT, call_record, outcome_code, outcome_from_code};
use crate::domain::{Date, Money, Protocol, SessionKind, Workspace};
use crate::rules::{Evaluation, Outcome, Tie};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingRecord {
    pub format: u32,
    pub authority: String,
    pub office: String,
    pub title: String,
    pub cup: Option<String>,
    pub rup: String,
    /// The last final session, whose minutes approved the ranking; None before there is one.
    pub approved_in: Option<(u32, Date)>,
    pub lots: Vec<PublicLot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicLot {
    pub lot: LotInfo,
    pub granted: Money,
    pub provisional: bool,
    pub halted_by_tie: bool,
    pub ranked: Vec<PublicRanked>,
    /// Out of the ranking by what the commission decided: excluded by its decision, or below
    /// a threshold on its scores.
    pub others: Vec<PublicOther>,
    /// Still waiting for the commission: an exclusion the checks propose and nobody decided,
    /// a valutazione not complete. Published as pending, never as an outcome.
    #[serde(default)]
    pub pending: Vec<PublicOther>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicRanked {
    pub position: u32,
    pub protocol: Protocol,
    /// The organisation's name.
    pub applicant: String,
    pub total: Option<Decimal>,
    #[serde(
        serialize_with = "outcome_code",
        deserialize_with = "outcome_from_code"
    )]
    pub outcome: Outcome,
    pub granted: Option<Money>,
    /// Placed by a draw, or still tied awaiting one.
    pub drawn: bool,
    pub tied: bool,
    /// The commission has recorded its admission (otherwise only the checks admit it).
    #[serde(default = "yes")]
    pub admission_decided: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicOther {
    pub protocol: Protocol,
    pub applicant: String,
    #[serde(
        serialize_with = "outcome_code",
        deserialize_with = "outcome_from_code"
    )]
    pub outcome: Outcome,
}

pub fn ranking_record(ws: &Workspace, evaluation: &Evaluation) -> RankingRecord {
    let call = call_record(ws, evaluation);
    let approved_in = ws
        .sessions_in_order()
        .into_iter()
        .rev()
        .find(|s| s.kind == SessionKind::Final)
        .map(|s| (s.number, s.date));
    let applicant = |p: &Protocol| {
        ws.application(p)
            .map(|a| a.applicant.name.clone())
            .unwrap_or_default()
    };
    let lots = call
        .lots
        .iter()
        .filter_map(|info| {
            let result = evaluation.lots.get(&info.id)?;
            let ranked = result
                .ranking
                .iter()
                .filter_map(|place| {
                    let r = evaluation.application(&place.protocol)?;
                    Some(PublicRanked {
                        position: place.rank,
                        protocol: place.protocol.clone(),
                        applicant: applicant(&place.protocol),
                        total: r.scores.as_ref().and_then(|s| s.total),
                        outcome: r.outcome,
                        granted: r.granted,
                        drawn: matches!(place.tie, Tie::SettledByDraw { .. }),
                        tied: matches!(place.tie, Tie::Unresolved { .. }),
                        admission_decided: r.admission.decided,
                    })
                })
                .collect();
            let (mut pending, mut others): (Vec<PublicOther>, Vec<PublicOther>) = evaluation
                .applications
                .values()
                .filter(|r| r.lot == info.id && r.place.is_none())
                .map(|r| PublicOther {
                    protocol: r.protocol.clone(),
                    applicant: applicant(&r.protocol),
                    outcome: r.outcome,
                })
                .partition(|o| o.outcome.is_pending());
            others.sort_by(|a, b| (a.outcome, &a.protocol).cmp(&(b.outcome, &b.protocol)));
            pending.sort_by(|a, b| (a.outcome, &a.protocol).cmp(&(b.outcome, &b.protocol)));
            Some(PublicLot {
                lot: info.clone(),
                granted: result.granted,
                provisional: result.provisional,
                halted_by_tie: result.halted_by_tie,
                ranked,
                others,
                pending,
            })
        })
        .collect();
    RankingRecord {
        format: RECORD_FORMAT,
        authority: call.authority,
        office: call.office,
        title: call.title,
        cup: call.cup,
        rup: call.rup,
        approved_in,
        lots,
    }
}
