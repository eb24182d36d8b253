//! The letter to each applicant with the outcome of its application (comunicazione di esito),
//! as data: the call, the application and its applicant, the admission or the exclusion with
//! its reason, the points per criterion with the commission's motivazioni, the thresholds,
//! the rank, the outcome and the amount. Nothing about any other applicant but how many are
//! ranked.
//!
//! Drawn from the records the minutes report: a closed final session's kept record for the
//! ranking and outcomes, and the last closed scoring session's for the points; what no
//! closed session has fixed yet comes from the data as they stand, and the letter is then a
//! draft.

use serde::{Deserialize, Serialize};

use crate::domain::{Date, LegalForm, Moment, Money, Protocol, SessionId, SessionKind, Workspace};
use crate::record::{
    ApplicationScoring, Business, CallRecord, CriterionInfo, FinalRecord, LotInfo, ScoringRecord,
    SessionRecord, call_record, final_record, outcome_code, outcome_from_code, scoring_record,
};
use crate::rules::{self, Outcome};

pub const LETTER_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterRecord {
    pub format: u32,
    pub call: CallRecord,
    pub protocol: Protocol,
    pub received_at: Moment,
    pub title: String,
    pub applicant: Addressee,
    pub lot: LotInfo,
    /// The final session whose verbale approved the ranking: number and date.
    pub approved_in: Option<(u32, Date)>,
    /// Whether the outcome comes from a closed final session (otherwise: a draft).
    pub approved: bool,
    #[serde(
        serialize_with = "outcome_code",
        deserialize_with = "outcome_from_code"
    )]
    pub outcome: Outcome,
    pub rank: Option<u32>,
    /// How many applications the lot's ranking holds.
    pub ranked: u32,
    pub granted: Option<Money>,
    /// For an excluded application, the reasons.
    pub exclusion: Vec<String>,
    /// The criteria, and this application's results on them, if it was scored.
    pub criteria: Vec<CriterionInfo>,
    pub scoring: Option<ApplicationScoring>,
    pub overall_min: Option<rust_decimal::Decimal>,
    pub decimals: u32,
    pub rescale_totals: bool,
    /// The commission's collegial motivazione per criterion, where it recorded one in a closed
    /// session: the letter gives it in place of the members' reasons (not written when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collegial: Vec<CollegialReason>,
}

/// A collegial motivazione on one criterion, as the letter gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollegialReason {
    pub criterion: crate::domain::CriterionId,
    pub reason: String,
}

/// The collegial motivazioni on `protocol` that closed sessions recorded, the latest standing,
/// in the call's order of the criteria.
fn collegial_reasons(ws: &Workspace, protocol: &Protocol) -> Vec<CollegialReason> {
    ws.call()
        .leaf_criteria()
        .into_iter()
        .filter_map(|c| {
            ws.sessions_in_order()
                .into_iter()
                .rev()
                .filter(|s| s.is_closed())
                .find_map(|s| {
                    s.collegial
                        .iter()
                        .find(|k| &k.application == protocol && k.criterion == c.id)
                })
                .map(|k| CollegialReason {
                    criterion: c.id.clone(),
                    reason: k.reason.trim().to_string(),
                })
        })
        .collect()
}

/// Whom the letter is addressed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Addressee {
    pub name: String,
    pub tax_code: String,
    pub legal_form: LegalForm,
    pub pec: String,
    pub representative: String,
    pub address: String,
}

/// Where the letters' facts come from, with the moment they are dated.
pub struct Sources {
    pub call: CallRecord,
    pub final_record: FinalRecord,
    pub scoring: ScoringRecord,
    pub approved_in: Option<(u32, Date)>,
    pub approved: bool,
    /// The closing of the final session, or the moment of export for drafts.
    pub dated: Moment,
}

fn kept_business(
    ws: &Workspace,
    kind: SessionKind,
    kept: &mut dyn FnMut(&SessionId) -> Option<Vec<u8>>,
) -> Option<(SessionRecord, Moment, u32, Date)> {
    ws.sessions_in_order()
        .into_iter()
        .rev()
        .filter(|s| s.kind == kind)
        .find_map(|s| {
            let seal = s.seal.as_ref()?;
            let bytes = kept(&s.id)?;
            let record = crate::minutes::kept_record(&bytes, seal).ok()?;
            Some((record, seal.closed_at, s.number, s.date))
        })
}

/// The records the letters are drawn from: each closed session's kept record where there is
/// one (`kept` reads it), the data as they stand otherwise.
pub fn sources(
    ws: &Workspace,
    kept: &mut dyn FnMut(&SessionId) -> Option<Vec<u8>>,
    now: Moment,
) -> Sources {
    let evaluation = rules::evaluate(ws);
    let closed_final = kept_business(ws, SessionKind::Final, kept);
    let closed_scoring = kept_business(ws, SessionKind::ReservedScoring, kept);
    let last_final = ws
        .sessions_in_order()
        .into_iter()
        .rev()
        .find(|s| s.kind == SessionKind::Final)
        .map(|s| (s.number, s.date));
    let (final_record, approved_in, approved, dated, call) = match closed_final {
        Some((record, closed_at, number, date)) => match record.business {
            Business::Final(f) => (f, Some((number, date)), true, closed_at, record.call),
            _ => (
                final_record(ws, &evaluation),
                last_final,
                false,
                now,
                call_record(ws, &evaluation),
            ),
        },
        None => (
            final_record(ws, &evaluation),
            last_final,
            false,
            now,
            call_record(ws, &evaluation),
        ),
    };
    let scoring = match closed_scoring.map(|(r, ..)| r.business) {
        Some(Business::Scoring(s)) => s,
        _ => scoring_record(ws, &evaluation),
    };
    Sources {
        call,
        final_record,
        scoring,
        approved_in,
        approved,
        dated,
    }
}

/// The letter of one application, or None if it is in no lot's ranking or list.
pub fn letter(ws: &Workspace, sources: &Sources, protocol: &Protocol) -> Option<LetterRecord> {
    let app = ws.application(protocol)?;
    let lot_ranking = sources
        .final_record
        .lots
        .iter()
        .find(|l| l.lot == app.lot)?;
    let lot = sources.call.lots.iter().find(|l| l.id == app.lot)?.clone();
    let ranked = lot_ranking.ranked.iter().find(|r| &r.protocol == protocol);
    let other = lot_ranking.others.iter().find(|o| &o.protocol == protocol);
    let (outcome, rank, granted, exclusion) = match (ranked, other) {
        (Some(r), _) => (r.outcome, Some(r.rank), r.granted, Vec::new()),
        (None, Some(o)) => (o.outcome, None, None, o.reasons.clone()),
        (None, None) => return None,
    };
    let scoring = sources
        .scoring
        .lots
        .iter()
        .flat_map(|l| &l.applications)
        .find(|a| &a.protocol == protocol)
        .cloned();
    Some(LetterRecord {
        format: LETTER_FORMAT,
        call: sources.call.clone(),
        protocol: protocol.clone(),
        received_at: app.received_at,
        title: app.title.clone(),
        applicant: Addressee {
            name: app.applicant.name.clone(),
            tax_code: app.applicant.tax_code.clone(),
            legal_form: app.applicant.legal_form.clone(),
            pec: app.applicant.pec.clone(),
            representative: app.applicant.representative.clone(),
            address: app.applicant.address.clone(),
        },
        lot,
        approved_in: sources.approved_in,
        approved: sources.approved,
        outcome,
        rank,
        ranked: lot_ranking.ranked.len() as u32,
        granted,
        exclusion,
        criteria: sources.scoring.criteria.clone(),
        scoring,
        overall_min: sources.scoring.overall_min,
        decimals: sources.scoring.decimals,
        rescale_totals: sources.scoring.rescale_totals,
        collegial: collegial_reasons(ws, protocol),
    })
}

/// The fingerprint the letter carries: the SHA-256 of its record.
pub fn letter_seal(record: &LetterRecord) -> String {
    crate::seal::sha256_hex(&serde_json::to_vec(record).unwrap_or_default())
}
