//! What the committee wants to know before closing a session: who still has to score what,
//! where members disagree, and how severe each member is compared with the others. Diagnostics
//! only: nothing here changes a score.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::ApplicationResult;
use super::ratio::Ratio;
use crate::domain::{Criterion, CriterionId, LotId, MemberId, Protocol, Scoring, Workspace};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics {
    pub progress: Vec<MemberProgress>,
    pub discordances: Vec<Discordance>,
    pub severity: Vec<Severity>,
    pub thin_panels: Vec<ThinPanel>,
}

/// "Rossi: 12/40".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberProgress {
    pub member: MemberId,
    /// Admitted applications whose every discretionary criterion this member has scored with a reason.
    pub applications_done: usize,
    /// Admitted applications this member must score (not in conflict).
    pub applications_to_score: usize,
    pub marks_done: usize,
    pub marks_to_give: usize,
    /// Scores given without the reason.
    pub missing_reasons: usize,
    /// Applications on which the member has not declared whether they are in conflict.
    pub undeclared: usize,
    /// Applications the member abstains on.
    pub abstentions: usize,
}

/// Members further apart than the call's gap on one criterion of one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discordance {
    pub application: Protocol,
    pub criterion: CriterionId,
    pub lowest: (MemberId, Decimal),
    pub highest: (MemberId, Decimal),
    /// The spread as a share of the criterion's range, 0..1, two decimals.
    pub spread: Decimal,
}

/// A member's mean distance from the others' mean, as a share of each criterion's range:
/// negative is stricter, positive more generous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Severity {
    pub member: MemberId,
    pub mean_gap: Decimal,
    pub marks_compared: usize,
}

/// An application fewer members can score than the call requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThinPanel {
    pub lot: LotId,
    pub application: Protocol,
    pub scorers: usize,
    pub required: u32,
}

/// A mark as a share of the criterion's range, so that coefficients and points compare.
fn normalized(c: &Criterion, value: Decimal) -> Option<Ratio> {
    match c.scoring {
        Scoring::Coefficient => Some(Ratio::from_decimal(value)),
        Scoring::Points { .. } if !c.max.value().is_zero() => Ratio::from_decimal(value)
            .checked_div(Ratio::from_decimal(c.max.value()))
            .ok(),
        _ => None,
    }
}

pub fn diagnose(ws: &Workspace, results: &BTreeMap<Protocol, ApplicationResult>) -> Diagnostics {
    let call = ws.call();
    let discretionary: Vec<&Criterion> = call
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .collect();
    let admitted: Vec<&Protocol> = results
        .values()
        .filter(|r| r.admission.admitted())
        .map(|r| &r.protocol)
        .collect();
    let voting: Vec<&MemberId> = ws.commission().voting_members().map(|m| &m.id).collect();

    let mut progress = Vec::new();
    for member in &voting {
        let sheet = ws.sheet(member);
        let mut p = MemberProgress {
            member: (*member).clone(),
            applications_done: 0,
            applications_to_score: 0,
            marks_done: 0,
            marks_to_give: 0,
            missing_reasons: 0,
            undeclared: 0,
            abstentions: 0,
        };
        for app in &admitted {
            if sheet.and_then(|s| s.declaration(app)).is_none() {
                p.undeclared += 1;
            }
            if ws.abstains(member, app) {
                p.abstentions += 1;
                continue;
            }
            p.applications_to_score += 1;
            let mut all = true;
            for c in &discretionary {
                p.marks_to_give += 1;
                match ws.score(member, app, &c.id) {
                    Some(s) if !s.reason.trim().is_empty() => p.marks_done += 1,
                    Some(_) => {
                        p.missing_reasons += 1;
                        all = false;
                    }
                    None => all = false,
                }
            }
            if all {
                p.applications_done += 1;
            }
        }
        progress.push(p);
    }

    let gap = Ratio::from_decimal(call.discordance_gap.value());
    let mut discordances = Vec::new();
    let mut gaps: BTreeMap<&MemberId, (Ratio, usize)> = BTreeMap::new();
    for app in &admitted {
        for c in &discretionary {
            let marks: Vec<(&MemberId, Decimal, Ratio)> = voting
                .iter()
                .filter_map(|m| {
                    let s = ws.score(m, app, &c.id)?;
                    Some((*m, s.value(), normalized(c, s.value())?))
                })
                .collect();
            if marks.len() < 2 {
                continue;
            }
            let low = marks.iter().min_by_key(|m| m.2);
            let high = marks.iter().max_by_key(|m| m.2);
            if let (Some(low), Some(high)) = (low, high)
                && let Ok(spread) = high.2.checked_sub(low.2)
                && spread > gap
            {
                discordances.push(Discordance {
                    application: (*app).clone(),
                    criterion: c.id.clone(),
                    lowest: (low.0.clone(), low.1),
                    highest: (high.0.clone(), high.1),
                    spread: spread.round_half_up(2).unwrap_or(Decimal::ZERO),
                });
            }
            // Severity: each mark against the mean of the others' marks on the same cell.
            let total = marks
                .iter()
                .try_fold(Ratio::ZERO, |acc, m| acc.checked_add(m.2));
            let Ok(total) = total else { continue };
            let others = Ratio::from_int(marks.len() as i64 - 1);
            for (member, _, v) in &marks {
                let diff = total
                    .checked_sub(*v)
                    .and_then(|rest| rest.checked_div(others))
                    .and_then(|mean_others| v.checked_sub(mean_others));
                if let Ok(diff) = diff {
                    let entry = gaps.entry(member).or_insert((Ratio::ZERO, 0));
                    if let Ok(sum) = entry.0.checked_add(diff) {
                        *entry = (sum, entry.1 + 1);
                    }
                }
            }
        }
    }
    let severity = gaps
        .into_iter()
        .map(|(member, (sum, n))| Severity {
            member: member.clone(),
            mean_gap: sum
                .checked_div(Ratio::from_int(n as i64))
                .and_then(|r| r.round_half_up(3))
                .unwrap_or(Decimal::ZERO),
            marks_compared: n,
        })
        .collect();

    let mut thin_panels = Vec::new();
    let required = call.min_scoring_members.unwrap_or(1);
    for app in &admitted {
        let scorers = ws.scorers(app).len();
        if scorers < required as usize
            && let Some(r) = results.get(*app)
        {
            thin_panels.push(ThinPanel {
                lot: r.lot.clone(),
                application: (*app).clone(),
                scorers,
                required,
            });
        }
    }

    Diagnostics {
        progress,
        discordances,
        severity,
        thin_panels,
    }
}
