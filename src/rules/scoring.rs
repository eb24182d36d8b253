//! Scores: from the members' marks (or the application's own figures) to each criterion's
//! points, before and after riparametrazione, to the total and the thresholds.
//!
//! Every value stays an exact fraction until the single rounding the call allows, per
//! criterion, half up at the call's decimals; the total is the sum of the rounded points.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::marks::{Marks, Row};
use super::ratio::{Exact, Overflow, Ratio};
use crate::domain::{
    Application, Call, Criterion, CriterionId, Measure, MemberId, Protocol, Scoring, Workspace,
};

/// One member's mark on one criterion. Its reason stays in the member's sheet
/// (`Workspace::score`): the evaluation runs after every change, and copying 280,000 reasons
/// each time cost more than all the arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub member: MemberId,
    /// A coefficient or points, as the criterion's method says.
    pub value: Decimal,
}

/// Why a criterion of an application has no value yet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// The member has not scored it.
    NotScored { member: MemberId },
    /// The member gave a value without a reason: it does not count until the reason is written.
    NoReason { member: MemberId },
    /// Every voting member abstains.
    NobodyCanScore,
    /// The application does not state the fact or figure this criterion needs.
    NotDeclared,
    /// The figures are beyond exact arithmetic.
    TooLarge,
}

/// One criterion (leaf or group) of one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionScore {
    pub criterion: CriterionId,
    /// The members' marks, in the commission's order (discretionary criteria).
    pub marks: Vec<Mark>,
    /// Members who abstain on this application.
    pub abstained: Vec<MemberId>,
    /// What is still missing.
    pub gaps: Vec<Gap>,
    /// The mean of the marks, exact (discretionary criteria).
    pub mean: Option<Ratio>,
    /// The measure x of a linear criterion, exact.
    pub measure: Option<Ratio>,
    /// V in 0..1, exact.
    pub coefficient: Option<Ratio>,
    /// max × V, rounded: what thresholds compare.
    pub points_before_rescaling: Option<Decimal>,
    /// After riparametrazione (equal to the above when the criterion is not rescaled).
    pub points: Option<Decimal>,
}

impl CriterionScore {
    fn new(criterion: &Criterion) -> CriterionScore {
        CriterionScore {
            criterion: criterion.id.clone(),
            marks: Vec::new(),
            abstained: Vec::new(),
            gaps: Vec::new(),
            mean: None,
            measure: None,
            coefficient: None,
            points_before_rescaling: None,
            points: None,
        }
    }
}

/// A threshold an application did not reach.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ThresholdFailure {
    Criterion(CriterionId),
    Overall,
}

impl ThresholdFailure {
    /// As `rank --format json` writes it: the criterion id, or "overall".
    pub fn code(&self) -> String {
        match self {
            ThresholdFailure::Criterion(id) => id.to_string(),
            ThresholdFailure::Overall => "overall".into(),
        }
    }
}

/// The scores of one admitted application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scores {
    /// Every criterion, leaves and groups.
    pub criteria: BTreeMap<CriterionId, CriterionScore>,
    pub total_before_rescaling: Option<Decimal>,
    pub total: Option<Decimal>,
    pub threshold_failures: Vec<ThresholdFailure>,
}

impl Scores {
    pub fn complete(&self) -> bool {
        self.criteria.values().all(|c| c.gaps.is_empty())
    }

    pub fn eligible(&self) -> bool {
        self.complete() && self.threshold_failures.is_empty()
    }

    pub fn gaps(&self) -> impl Iterator<Item = (&CriterionId, &Gap)> {
        self.criteria
            .values()
            .flat_map(|c| c.gaps.iter().map(move |g| (&c.criterion, g)))
    }

    pub fn points(&self, criterion: &CriterionId) -> Option<Decimal> {
        self.criteria.get(criterion).and_then(|c| c.points)
    }
}

/// Scores the admitted applications of one lot.
pub fn score_lot(ws: &Workspace, admitted: &[&Application]) -> BTreeMap<Protocol, Scores> {
    score_lot_with(ws, &Marks::new(ws, false), admitted)
}

pub(crate) fn score_lot_with(
    ws: &Workspace,
    marks: &Marks,
    admitted: &[&Application],
) -> BTreeMap<Protocol, Scores> {
    let call = ws.call();
    let dp = call.decimals.min(6);
    let leaves: &[&Criterion] = marks.leaves();

    // Each leaf's V, per application.
    let mut table: BTreeMap<Protocol, BTreeMap<CriterionId, CriterionScore>> = BTreeMap::new();
    for app in admitted {
        let at = marks.row(&app.protocol);
        // Built in one go: a map collected from a list is sorted once, not grown key by key.
        let row = leaves
            .iter()
            .enumerate()
            .map(|(leaf, c)| (c.id.clone(), judged(marks, at, leaf, app, c)))
            .collect();
        table.insert(app.protocol.clone(), row);
    }
    for c in leaves {
        if let Scoring::Linear { measure } = &c.scoring {
            linear(call, c, measure, admitted, &mut table);
        }
    }

    // Points before rescaling, rounded once; thresholds on them.
    let mut results: BTreeMap<Protocol, Scores> = BTreeMap::new();
    for (protocol, mut row) in table {
        for c in leaves {
            if let Some(cs) = row.get_mut(&c.id)
                && let Some(v) = cs.coefficient
            {
                match points_of(c, v, dp) {
                    Ok(p) => cs.points_before_rescaling = Some(p),
                    Err(Overflow) => cs.gaps.push(Gap::TooLarge),
                }
            }
        }
        let mut scores = Scores {
            criteria: row,
            total_before_rescaling: None,
            total: None,
            threshold_failures: Vec::new(),
        };
        sum_groups(
            call,
            &mut scores,
            |c| c.points_before_rescaling,
            |c, p| c.points_before_rescaling = p,
        );
        if scores.complete() {
            let total: Decimal = call
                .criteria
                .iter()
                .filter_map(|c| {
                    scores
                        .criteria
                        .get(&c.id)
                        .and_then(|s| s.points_before_rescaling)
                })
                .sum();
            scores.total_before_rescaling = Some(total);
            for c in call.all_criteria() {
                if let (Some(min), Some(p)) = (
                    c.min,
                    scores
                        .criteria
                        .get(&c.id)
                        .and_then(|s| s.points_before_rescaling),
                ) && p < min.value()
                {
                    scores
                        .threshold_failures
                        .push(ThresholdFailure::Criterion(c.id.clone()));
                }
            }
            if let Some(min) = call.overall_min
                && total < min.value()
            {
                scores.threshold_failures.push(ThresholdFailure::Overall);
            }
        }
        results.insert(protocol, scores);
    }

    // Riparametrazione among the eligible applications only: the threshold is judged on the
    // points before it, and those below it are out of the comparison (Cons. Stato V, 9075/2023).
    for c in leaves {
        let best = results
            .values()
            .filter(|s| s.eligible())
            .filter_map(|s| s.criteria.get(&c.id).and_then(|cs| cs.coefficient))
            .max();
        for scores in results.values_mut() {
            let eligible = scores.eligible();
            let Some(cs) = scores.criteria.get_mut(&c.id) else {
                continue;
            };
            cs.points = match (c.rescale && eligible, cs.coefficient, best) {
                (true, Some(v), Some(best)) => {
                    let rescaled = if best.is_zero() {
                        Ok(Ratio::ZERO)
                    } else {
                        v.checked_div(best)
                    };
                    match rescaled.and_then(|r| points_of(c, r, dp)) {
                        Ok(p) => Some(p),
                        Err(Overflow) => {
                            cs.gaps.push(Gap::TooLarge);
                            None
                        }
                    }
                }
                _ => cs.points_before_rescaling,
            };
        }
    }
    for scores in results.values_mut() {
        sum_groups(call, scores, |c| c.points, |c, p| c.points = p);
        if scores.complete() {
            scores.total = Some(
                call.criteria
                    .iter()
                    .filter_map(|c| scores.criteria.get(&c.id).and_then(|s| s.points))
                    .sum(),
            );
        }
    }

    if call.rescale_totals {
        rescale_totals(call, dp, &mut results);
    }
    results
}

/// max × V, rounded half up once.
fn points_of(c: &Criterion, v: Ratio, dp: u32) -> Exact<Decimal> {
    Ratio::from_decimal(c.max.value())
        .checked_mul(v)?
        .round_half_up(dp)
}

/// The members' marks on a discretionary criterion (column `leaf` of the marks, in the
/// application's row `at`), or the declared level of a tabular one.
fn judged(
    marks: &Marks,
    at: Option<Row>,
    leaf: usize,
    app: &Application,
    c: &Criterion,
) -> CriterionScore {
    let mut cs = CriterionScore::new(c);
    match &c.scoring {
        Scoring::Coefficient | Scoring::Points { .. } => {
            cs.marks.reserve_exact(marks.members().len());
            // Marks have at most four decimals and are few: their exact sum fits a Decimal.
            let mut sum = Decimal::ZERO;
            for member in marks.members() {
                if at.is_some_and(|at| member.abstains(at)) {
                    cs.abstained.push(member.id.clone());
                    continue;
                }
                match at.and_then(|at| member.mark(at, leaf)) {
                    None => cs.gaps.push(Gap::NotScored {
                        member: member.id.clone(),
                    }),
                    Some((s, has_reason)) => {
                        if !has_reason {
                            cs.gaps.push(Gap::NoReason {
                                member: member.id.clone(),
                            });
                        }
                        cs.marks.push(Mark {
                            member: member.id.clone(),
                            value: s.value(),
                        });
                        match sum.checked_add(s.value()) {
                            Some(total) => sum = total,
                            None => cs.gaps.push(Gap::TooLarge),
                        }
                    }
                }
            }
            let scorers = cs.marks.len()
                + cs.gaps
                    .iter()
                    .filter(|g| matches!(g, Gap::NotScored { .. }))
                    .count();
            if scorers == 0 {
                cs.gaps.push(Gap::NobodyCanScore);
            }
            if cs.gaps.is_empty() {
                let n = cs.marks.len() as i128;
                let mean = Ratio::new(sum.mantissa(), 10i128.pow(sum.scale()).saturating_mul(n));
                let v = mean.and_then(|mean| match c.scoring {
                    Scoring::Points { .. } if c.max.value().is_zero() => Ok(Ratio::ZERO),
                    Scoring::Points { .. } => mean.checked_div(Ratio::from_decimal(c.max.value())),
                    _ => Ok(mean),
                });
                match (mean, v) {
                    (Ok(mean), Ok(v)) => {
                        cs.mean = Some(mean);
                        cs.coefficient = Some(v);
                    }
                    _ => cs.gaps.push(Gap::TooLarge),
                }
            }
        }
        Scoring::Levels(levels) => {
            let level = app
                .declared(&c.id)
                .and_then(|v| levels.iter().find(|l| l.id.as_str() == v));
            match level {
                None => cs.gaps.push(Gap::NotDeclared),
                Some(level) => {
                    let v = if c.max.value().is_zero() {
                        Ok(Ratio::ZERO)
                    } else {
                        Ratio::from_decimal(level.points.value())
                            .checked_div(Ratio::from_decimal(c.max.value()))
                    };
                    match v {
                        Ok(v) => cs.coefficient = Some(v),
                        Err(Overflow) => cs.gaps.push(Gap::TooLarge),
                    }
                }
            }
        }
        Scoring::Linear { .. } | Scoring::Subcriteria(_) => {}
    }
    cs
}

/// The measure x of a linear criterion for one application, exact; None when not declared.
fn measure_of(
    call: &Call,
    measure: &Measure,
    c: &Criterion,
    app: &Application,
) -> Option<Exact<Ratio>> {
    let cost = app.total_cost().value();
    let share = |app: &Application| -> Exact<Ratio> {
        if cost.is_zero() {
            return Ok(Ratio::ZERO);
        }
        Ratio::from_decimal(app.cofinancing_total().value()).checked_div(Ratio::from_decimal(cost))
    };
    match measure {
        Measure::CofinancingShare => Some(share(app)),
        Measure::CofinancingShareAboveMinimum => {
            let min = call
                .funding
                .min_cofinancing_share
                .map_or(Decimal::ZERO, |s| s.value());
            Some(
                share(app)
                    .and_then(|s| s.checked_sub(Ratio::from_decimal(min)))
                    .map(|x| x.max(Ratio::ZERO)),
            )
        }
        Measure::Declared { .. } => app
            .declared(&c.id)
            .and_then(|v| crate::domain::Points::parse(v).ok())
            .map(|p| Ok(Ratio::from_decimal(p.value()))),
    }
}

/// V = x / x_max over the admitted applications of the lot.
fn linear(
    call: &Call,
    c: &Criterion,
    measure: &Measure,
    admitted: &[&Application],
    table: &mut BTreeMap<Protocol, BTreeMap<CriterionId, CriterionScore>>,
) {
    let xs: Vec<(&Protocol, Option<Exact<Ratio>>)> = admitted
        .iter()
        .map(|a| (&a.protocol, measure_of(call, measure, c, a)))
        .collect();
    let best = xs
        .iter()
        .filter_map(|(_, x)| x.and_then(Result::ok))
        .max()
        .unwrap_or(Ratio::ZERO);
    for (protocol, x) in xs {
        let Some(cs) = table.get_mut(protocol).and_then(|row| row.get_mut(&c.id)) else {
            continue;
        };
        match x {
            None => cs.gaps.push(Gap::NotDeclared),
            Some(Err(Overflow)) => cs.gaps.push(Gap::TooLarge),
            Some(Ok(x)) => {
                cs.measure = Some(x);
                let v = if best.is_zero() {
                    Ok(Ratio::ZERO)
                } else {
                    x.checked_div(best)
                };
                match v {
                    Ok(v) => cs.coefficient = Some(v),
                    Err(Overflow) => cs.gaps.push(Gap::TooLarge),
                }
            }
        }
    }
}

/// A group's points are the sum of its sub-criteria's rounded points.
fn sum_groups(
    call: &Call,
    scores: &mut Scores,
    get: fn(&CriterionScore) -> Option<Decimal>,
    set: fn(&mut CriterionScore, Option<Decimal>),
) {
    fn walk(
        c: &Criterion,
        scores: &mut Scores,
        get: fn(&CriterionScore) -> Option<Decimal>,
        set: fn(&mut CriterionScore, Option<Decimal>),
    ) -> Option<Decimal> {
        if c.is_leaf() {
            return scores.criteria.get(&c.id).and_then(get);
        }
        let mut sum = Some(Decimal::ZERO);
        for sub in c.subcriteria() {
            let p = walk(sub, scores, get, set);
            sum = sum.zip(p).map(|(a, b)| a + b);
        }
        let entry = scores
            .criteria
            .entry(c.id.clone())
            .or_insert_with(|| CriterionScore::new(c));
        set(entry, sum);
        sum
    }
    for c in &call.criteria {
        walk(c, scores, get, set);
    }
}

/// The optional second riparametrazione: the best total among the eligible gets the maximum.
fn rescale_totals(call: &Call, dp: u32, results: &mut BTreeMap<Protocol, Scores>) {
    let best = results
        .values()
        .filter(|s| s.eligible())
        .filter_map(|s| s.total)
        .max();
    let Some(best) = best else { return };
    let max = Ratio::from_decimal(call.max_total());
    for scores in results.values_mut().filter(|s| s.eligible()) {
        let Some(total) = scores.total else { continue };
        let rescaled = if best.is_zero() {
            Ok(Decimal::ZERO)
        } else {
            Ratio::from_decimal(total)
                .checked_div(Ratio::from_decimal(best))
                .and_then(|r| r.checked_mul(max))
                .and_then(|r| r.round_half_up(dp))
        };
        scores.total = rescaled.ok();
    }
}
