//! What the committee wants to know before closing a session: who still has to score what,
//! where members disagree, and how severe each member is compared with the others. Diagnostics
//! only: nothing here changes a score.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::ApplicationResult;
use super::marks::{Marks, Row};
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

/// A mark as a share of the criterion's range, so that coefficients and points compare. These
/// figures are diagnostics, never scores: decimal division to 28 digits is exact enough.
fn normalized(c: &Criterion, value: Decimal) -> Option<Decimal> {
    match c.scoring {
        Scoring::Coefficient => Some(value),
        Scoring::Points { .. } if !c.max.value().is_zero() => value.checked_div(c.max.value()),
        _ => None,
    }
}

pub fn diagnose(ws: &Workspace, results: &BTreeMap<Protocol, ApplicationResult>) -> Diagnostics {
    let admitted: Vec<(&Protocol, &LotId)> = results
        .values()
        .filter(|r| r.admission.admitted())
        .map(|r| (&r.protocol, &r.lot))
        .collect();
    diagnose_with(ws, &Marks::new(ws, false), &admitted)
}

/// The diagnostics of the admitted applications, given in protocol order with their lot.
pub(crate) fn diagnose_with(
    ws: &Workspace,
    marks: &Marks,
    admitted: &[(&Protocol, &LotId)],
) -> Diagnostics {
    let call = ws.call();
    // With their column in the marks.
    let discretionary: Vec<(usize, &Criterion)> = marks
        .leaves()
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| c.is_discretionary())
        .collect();
    let admitted: Vec<(&Protocol, &LotId, Row)> = admitted
        .iter()
        .filter_map(|&(p, lot)| Some((p, lot, marks.row(p)?)))
        .collect();

    let mut progress = Vec::new();
    for member in marks.members() {
        let mut p = MemberProgress {
            member: member.id.clone(),
            applications_done: 0,
            applications_to_score: 0,
            marks_done: 0,
            marks_to_give: 0,
            missing_reasons: 0,
            undeclared: 0,
            abstentions: 0,
        };
        for &(_, _, app) in &admitted {
            if !member.declared(app) {
                p.undeclared += 1;
            }
            if member.abstains(app) {
                p.abstentions += 1;
                continue;
            }
            p.applications_to_score += 1;
            let mut all = true;
            for &(leaf, _) in &discretionary {
                p.marks_to_give += 1;
                match member.mark(app, leaf) {
                    Some((_, true)) => p.marks_done += 1,
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

    let gap = call.discordance_gap.value();
    let mut discordances = Vec::new();
    let mut gaps: Vec<(Decimal, usize)> = vec![(Decimal::ZERO, 0); marks.members().len()];
    let mut cell: Vec<(usize, Decimal, Decimal)> = Vec::with_capacity(marks.members().len());
    for &(app, _, row) in &admitted {
        for &(leaf, c) in &discretionary {
            cell.clear();
            for (i, member) in marks.members().iter().enumerate() {
                if let Some((s, _)) = member.mark(row, leaf)
                    && let Some(v) = normalized(c, s.value())
                {
                    cell.push((i, s.value(), v));
                }
            }
            if cell.len() < 2 {
                continue;
            }
            let low = cell.iter().min_by_key(|m| m.2);
            let high = cell.iter().max_by_key(|m| m.2);
            if let (Some(low), Some(high)) = (low, high)
                && high.2 - low.2 > gap
            {
                discordances.push(Discordance {
                    application: app.clone(),
                    criterion: c.id.clone(),
                    lowest: (marks.members()[low.0].id.clone(), low.1),
                    highest: (marks.members()[high.0].id.clone(), high.1),
                    spread: (high.2 - low.2).round_dp(2),
                });
            }
            // Severity: each mark against the mean of the others' marks on the same cell.
            let total: Decimal = cell.iter().map(|m| m.2).sum();
            let others = Decimal::from(cell.len() as u64 - 1);
            for (i, _, v) in &cell {
                let diff = *v - (total - *v) / others;
                gaps[*i] = (gaps[*i].0 + diff, gaps[*i].1 + 1);
            }
        }
    }
    let severity = marks
        .members()
        .iter()
        .zip(gaps)
        .filter(|(_, (_, n))| *n > 0)
        .map(|(member, (sum, n))| Severity {
            member: member.id.clone(),
            mean_gap: (sum / Decimal::from(n as u64)).round_dp(3),
            marks_compared: n,
        })
        .collect();

    let mut thin_panels = Vec::new();
    let required = call.min_scoring_members.unwrap_or(1);
    for &(app, lot, row) in &admitted {
        let scorers = marks.members().iter().filter(|m| !m.abstains(row)).count();
        if scorers < required as usize {
            thin_panels.push(ThinPanel {
                lot: lot.clone(),
                application: app.clone(),
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
