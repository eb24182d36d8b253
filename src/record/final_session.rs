//! What a final session reports: each lot's ranking, with ties and the draws that settled
//! them, and the applications left out of it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{failing_messages, outcome_code, outcome_from_code};
use crate::domain::{LotId, Money, Protocol, SessionId, Workspace};
use crate::rules::{Evaluation, Outcome, Tie};

/// Seduta pubblica conclusiva.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalRecord {
    pub lots: Vec<LotRanking>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedRecord {
    pub rank: u32,
    pub protocol: Protocol,
    pub applicant: String,
    pub total: Option<Decimal>,
    pub total_before_rescaling: Option<Decimal>,
    #[serde(
        serialize_with = "outcome_code",
        deserialize_with = "outcome_from_code"
    )]
    pub outcome: Outcome,
    pub granted: Option<Money>,
    pub tie: TieRecord,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnrankedRecord {
    pub protocol: Protocol,
    pub applicant: String,
    #[serde(
        serialize_with = "outcome_code",
        deserialize_with = "outcome_from_code"
    )]
    pub outcome: Outcome,
    /// For an exclusion: the commission's reason, or the failing checks when none is recorded
    /// (always for an exclusion only proposed).
    pub reasons: Vec<String>,
    /// For a non-eligible one: the criteria ids (or "overall") whose minimum was not reached.
    pub threshold_failures: Vec<String>,
    pub total_before_rescaling: Option<Decimal>,
}

pub(super) fn final_ranking(ws: &Workspace, evaluation: &Evaluation) -> FinalRecord {
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
                    reasons: if r.outcome.is_exclusion() {
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
