//! What the committee wants to know before closing a session: who still has to score what,
//! where members disagree, and how severe each member is compared with the others. Diagnostics
//! only: nothing here changes a score.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::ApplicationResult;
use super::marks::{Marks, MemberMarks, Row};
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
    /// The admitted applications this member must score and has not finished (a judgement or
    /// a reason missing), in protocol order: what *Prossima da valutare* walks.
    pub unfinished: Vec<Protocol>,
}

impl MemberProgress {
    /// Whether this member still has to finish `application` (not one they abstain on, nor one
    /// they do not sit on).
    pub fn is_unfinished(&self, application: &Protocol) -> bool {
        self.unfinished.binary_search(application).is_ok()
    }
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

/// What a mark is divided by to become a share of the criterion's range, in millionths, so
/// that coefficients and points compare: None where marks are not given or the range is empty.
fn range_millionths(c: &Criterion) -> Option<i64> {
    match c.scoring {
        Scoring::Coefficient => Some(1_000_000),
        Scoring::Points { .. } if !c.max.value().is_zero() => Some(c.max.millionths()),
        _ => None,
    }
}

pub fn diagnose(ws: &Workspace, results: &BTreeMap<Protocol, ApplicationResult>) -> Diagnostics {
    let admitted: Vec<(&Protocol, &LotId)> = results
        .values()
        .filter(|r| r.admission.admitted())
        .map(|r| (&r.protocol, &r.lot))
        .collect();
    let marks = Marks::new(ws, false);
    combine(ws, [&part(ws, &marks, &admitted)])
}

/// What the diagnostics count over some admitted applications (one lot's, in the evaluation),
/// kept unfinished so that the parts of several lots add up: counts and sums, not means. A
/// mark changes one lot's part only, so the window evaluates again just that lot after a mark
/// (see `rules::reevaluate_marks`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Part {
    /// One per voting member, in the commission's order.
    progress: Vec<MemberProgress>,
    /// In protocol order, then the criteria's.
    discordances: Vec<Discordance>,
    /// Per member, per criterion and number of marks on the cell: the numerators of the
    /// distances from the others' mean (see `combine`).
    severity_sums: Vec<Vec<i128>>,
    severity_counts: Vec<usize>,
    /// In protocol order.
    thin_panels: Vec<ThinPanel>,
}

/// The discretionary criteria with their column in the marks.
fn discretionary<'a>(marks: &Marks<'a>) -> Vec<(usize, &'a Criterion)> {
    marks
        .leaves()
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| c.is_discretionary())
        .collect()
}

/// Per discretionary criterion: the range, and the largest spread (in millionths) that is not
/// a discordance.
fn ranges(ws: &Workspace, discretionary: &[(usize, &Criterion)]) -> Vec<Option<(i64, i128)>> {
    let gap = ws.call().discordance_gap.value();
    discretionary
        .iter()
        .map(|&(_, c)| {
            let range = range_millionths(c)?;
            let limit = (gap * Decimal::from(range)).floor();
            Some((range, limit.to_i128().unwrap_or(i128::MAX)))
        })
        .collect()
}

/// The diagnostics' part of the admitted applications, given in protocol order with their lot.
pub(crate) fn part(ws: &Workspace, marks: &Marks, admitted: &[(&Protocol, &LotId)]) -> Part {
    let discretionary = discretionary(marks);
    let admitted: Vec<(&Protocol, &LotId, Row)> = admitted
        .iter()
        .filter_map(|&(p, lot)| Some((p, lot, marks.row(p)?)))
        .collect();
    let progress = marks
        .members()
        .iter()
        .map(|member| member_progress(member, &discretionary, &admitted))
        .collect();
    let (discordances, severity_sums, severity_counts) = compare_marks(
        marks,
        &discretionary,
        &ranges(ws, &discretionary),
        &admitted,
    );
    Part {
        progress,
        discordances,
        severity_sums,
        severity_counts,
        thin_panels: thin_panels(ws, marks, &admitted),
    }
}

fn member_progress(
    member: &MemberMarks,
    discretionary: &[(usize, &Criterion)],
    admitted: &[(&Protocol, &LotId, Row)],
) -> MemberProgress {
    let mut p = MemberProgress {
        member: member.id.clone(),
        applications_done: 0,
        applications_to_score: 0,
        marks_done: 0,
        marks_to_give: 0,
        missing_reasons: 0,
        undeclared: 0,
        abstentions: 0,
        unfinished: Vec::new(),
    };
    for &(protocol, _, app) in admitted {
        if !member.declared(app) {
            p.undeclared += 1;
        }
        if !member.sits_on(app) {
            continue;
        }
        if member.abstains(app) {
            p.abstentions += 1;
            continue;
        }
        p.applications_to_score += 1;
        let mut all = true;
        for &(leaf, _) in discretionary {
            p.marks_to_give += 1;
            match member.mark(app, leaf) {
                Some(given) if given.has_reason => p.marks_done += 1,
                Some(_) => {
                    p.missing_reasons += 1;
                    all = false;
                }
                None => all = false,
            }
        }
        if all {
            p.applications_done += 1;
        } else {
            p.unfinished.push(protocol.clone());
        }
    }
    p
}

type Compared = (Vec<Discordance>, Vec<Vec<i128>>, Vec<usize>);

/// The discordances, and the severity's sums and counts.
///
/// Marks are compared as integers (millionths); a share of the range is a fraction whose
/// denominator is the criterion's range, and only the figures shown are divided out.
/// Severity: each mark against the mean of the others' on the same cell. With n marks whose
/// sum is S, a mark m is (n·m − S) / (n − 1) away from that mean; the numerators are summed
/// per member, criterion and n, and divided once at the end (`combine`).
fn compare_marks(
    marks: &Marks,
    discretionary: &[(usize, &Criterion)],
    ranges: &[Option<(i64, i128)>],
    admitted: &[(&Protocol, &LotId, Row)],
) -> Compared {
    let members = marks.members();
    let mut discordances = Vec::new();
    // A bucket per criterion and count of marks on the cell (2 to every member).
    let panels = members.len().saturating_sub(1).max(1);
    let buckets = panels * discretionary.len();
    let mut severity_sums: Vec<Vec<i128>> = vec![vec![0; buckets]; members.len()];
    let mut severity_counts: Vec<usize> = vec![0; members.len()];
    let mut cell: Vec<(usize, i64, Decimal)> = Vec::with_capacity(members.len());
    for &(app, _, row) in admitted {
        for (k, &(leaf, c)) in discretionary.iter().enumerate() {
            let Some((range, limit)) = ranges[k] else {
                continue;
            };
            cell.clear();
            for (i, member) in members.iter().enumerate() {
                if let Some(given) = member.mark(row, leaf) {
                    cell.push((i, given.millionths, given.value()));
                }
            }
            let n = cell.len();
            if n < 2 {
                continue;
            }
            let low = cell.iter().min_by_key(|m| m.1);
            let high = cell.iter().max_by_key(|m| m.1);
            if let (Some(low), Some(high)) = (low, high)
                && i128::from(high.1 - low.1) > limit
            {
                let spread = Decimal::from(high.1 - low.1)
                    .checked_div(Decimal::from(range))
                    .unwrap_or(Decimal::ONE);
                discordances.push(Discordance {
                    application: app.clone(),
                    criterion: c.id.clone(),
                    lowest: (members[low.0].id.clone(), low.2),
                    highest: (members[high.0].id.clone(), high.2),
                    spread: spread.round_dp(2),
                });
            }
            let sum: i128 = cell.iter().map(|m| i128::from(m.1)).sum();
            let bucket = k * panels + (n - 2);
            for &(i, m, _) in &cell {
                severity_sums[i][bucket] += n as i128 * i128::from(m) - sum;
                severity_counts[i] += 1;
            }
        }
    }
    (discordances, severity_sums, severity_counts)
}

/// The diagnostics of the whole call from the parts of its lots: counts added, lists put in
/// protocol order, the severity's means divided out once.
pub(crate) fn combine<'p>(
    ws: &Workspace,
    parts: impl IntoIterator<Item = &'p Part>,
) -> Diagnostics {
    let members: Vec<&MemberId> = ws.commission().voting_members().map(|m| &m.id).collect();
    let discretionary: Vec<&Criterion> = ws
        .call()
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .collect();
    let ranges: Vec<Option<i64>> = discretionary.iter().map(|c| range_millionths(c)).collect();
    let panels = members.len().saturating_sub(1).max(1);
    let buckets = panels * discretionary.len();
    let mut progress: Vec<MemberProgress> = members
        .iter()
        .map(|&m| MemberProgress {
            member: m.clone(),
            applications_done: 0,
            applications_to_score: 0,
            marks_done: 0,
            marks_to_give: 0,
            missing_reasons: 0,
            undeclared: 0,
            abstentions: 0,
            unfinished: Vec::new(),
        })
        .collect();
    let mut discordances = Vec::new();
    let mut thin_panels = Vec::new();
    let mut severity_sums: Vec<Vec<i128>> = vec![vec![0; buckets]; members.len()];
    let mut severity_counts: Vec<usize> = vec![0; members.len()];
    for part in parts {
        for (total, p) in progress.iter_mut().zip(&part.progress) {
            total.applications_done += p.applications_done;
            total.applications_to_score += p.applications_to_score;
            total.marks_done += p.marks_done;
            total.marks_to_give += p.marks_to_give;
            total.missing_reasons += p.missing_reasons;
            total.undeclared += p.undeclared;
            total.abstentions += p.abstentions;
            total.unfinished.extend(p.unfinished.iter().cloned());
        }
        discordances.extend(part.discordances.iter().cloned());
        thin_panels.extend(part.thin_panels.iter().cloned());
        for (i, sums) in part.severity_sums.iter().enumerate() {
            for (total, s) in severity_sums[i].iter_mut().zip(sums) {
                *total += s;
            }
            severity_counts[i] += part.severity_counts[i];
        }
    }
    // Each application is in one part, in the order of its criteria there: a stable sort by
    // protocol gives the order of the whole call.
    discordances.sort_by(|a: &Discordance, b| a.application.cmp(&b.application));
    for p in &mut progress {
        p.unfinished.sort();
    }
    thin_panels.sort_by(|a: &ThinPanel, b| a.application.cmp(&b.application));
    let severity = members
        .iter()
        .enumerate()
        .filter(|&(i, _)| severity_counts[i] > 0)
        .map(|(i, &member)| {
            let mut total = Decimal::ZERO;
            for (bucket, &numerator) in severity_sums[i].iter().enumerate() {
                let (k, others) = (bucket / panels, bucket % panels + 1);
                let Some(range) = ranges[k] else {
                    continue;
                };
                if numerator == 0 {
                    continue;
                }
                let denominator = Decimal::from(range) * Decimal::from(others as u64);
                let share = Decimal::try_from_i128_with_scale(numerator, 0)
                    .ok()
                    .and_then(|n| n.checked_div(denominator))
                    .unwrap_or(Decimal::ZERO);
                total += share;
            }
            let n = severity_counts[i];
            Severity {
                member: member.clone(),
                mean_gap: (total / Decimal::from(n as u64)).round_dp(3),
                marks_compared: n,
            }
        })
        .collect();
    Diagnostics {
        progress,
        discordances,
        severity,
        thin_panels,
    }
}

fn thin_panels(
    ws: &Workspace,
    marks: &Marks,
    admitted: &[(&Protocol, &LotId, Row)],
) -> Vec<ThinPanel> {
    let required = ws.call().min_scoring_members.unwrap_or(1);
    let mut thin_panels = Vec::new();
    for &(app, lot, row) in admitted {
        let scorers = marks.members().iter().filter(|m| m.scores(row)).count();
        if scorers < required as usize {
            thin_panels.push(ThinPanel {
                lot: lot.clone(),
                application: app.clone(),
                scorers,
                required,
            });
        }
    }
    thin_panels
}
