//! Scores: from the members' marks (or the application's own figures) to each criterion's
//! points, before and after riparametrazione, to the total and the thresholds.
//!
//! Every value stays an exact fraction until the single rounding the call allows, per
//! criterion, half up at the call's decimals; the total is the sum of the rounded points.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::marks::{Marks, Row};
use super::ratio::Ratio;
use crate::domain::{
    Application, Call, Criterion, CriterionId, Measure, MemberId, Protocol, RescaleAmong, Scoring,
    Workspace,
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
    /// Fewer members can score it than the call requires (`min_scoring_members`): it waits for
    /// a substitute appointed for it.
    TooFewMembers { scorers: usize, required: u32 },
    /// The application does not state the fact or figure this criterion needs.
    NotDeclared,
    /// The call says the commission gives one collegial mark (`Call::collegial_mark`), and
    /// none is recorded yet on this criterion of the application.
    NoCollegialMark,
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
    /// The collegial mark that counts in place of the mean, when the call says the commission
    /// gives one (`Call::collegial_mark`): a coefficient or points, as the criterion's method.
    pub collegial: Option<Decimal>,
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
            collegial: None,
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

/// Every criterion's score of one application, leaves and groups, in the order of their ids.
/// A sorted list rather than a map: the rules build 40,000 of these on a large call at every
/// change, and a list is built in place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CriterionScores(Vec<CriterionScore>);

impl CriterionScores {
    pub fn get(&self, id: &CriterionId) -> Option<&CriterionScore> {
        self.0
            .binary_search_by(|c| c.criterion.cmp(id))
            .ok()
            .map(|i| &self.0[i])
    }

    pub fn values(&self) -> impl Iterator<Item = &CriterionScore> {
        self.0.iter()
    }

    /// Each criterion's id with its score, in the order of the ids.
    pub fn iter(&self) -> impl Iterator<Item = (&CriterionId, &CriterionScore)> {
        self.0.iter().map(|c| (&c.criterion, c))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&CriterionId> for CriterionScores {
    type Output = CriterionScore;

    /// Panics when the criterion has no score: for tests and callers that know it has.
    fn index(&self, id: &CriterionId) -> &CriterionScore {
        match self.get(id) {
            Some(c) => c,
            None => panic!("no score for criterion {id}"),
        }
    }
}

/// The scores of one admitted application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scores {
    /// Every criterion, leaves and groups.
    pub criteria: CriterionScores,
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

/// The call's criteria, numbered once per lot in the order of their ids (the order of
/// `Scores::criteria`): every table below is a row per application and a place per criterion,
/// instead of a map searched by id.
struct Layout<'a> {
    /// Every criterion, leaves and groups, by id.
    all: Vec<&'a Criterion>,
    /// For each place: its column in the marks, for a leaf.
    column: Vec<Option<usize>>,
    /// For each place: the places of its sub-criteria (empty for a leaf).
    children: Vec<Vec<usize>>,
    /// The places of the top-level criteria.
    top: Vec<usize>,
    /// The places in the call's order (`Call::all_criteria`: a group before its sub-criteria).
    call_order: Vec<usize>,
}

impl<'a> Layout<'a> {
    fn new(call: &'a Call) -> Layout<'a> {
        let in_call_order = call.all_criteria();
        let mut all = in_call_order.clone();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        let place = |c: &Criterion| all.iter().position(|x| std::ptr::eq(*x, c));
        let call_order: Vec<usize> = in_call_order.iter().filter_map(|c| place(c)).collect();
        // Leaves take the marks' columns in the call's order (`Call::leaf_criteria`).
        let mut column = vec![None; all.len()];
        for (next, &p) in call_order.iter().filter(|&&p| all[p].is_leaf()).enumerate() {
            column[p] = Some(next);
        }
        let children = all
            .iter()
            .map(|c| c.subcriteria().iter().filter_map(place).collect())
            .collect();
        let top = call.criteria.iter().filter_map(place).collect();
        Layout {
            all,
            column,
            children,
            top,
            call_order,
        }
    }

    /// The places of the leaves in the call's order.
    fn leaves(&self) -> impl Iterator<Item = usize> + '_ {
        self.call_order
            .iter()
            .copied()
            .filter(|&p| self.column[p].is_some())
    }

    /// Each group's value: the sum of its sub-criteria's, when they all have one. A group
    /// comes before its sub-criteria in the call's order: walking it backwards sums the inner
    /// groups first.
    fn sum_groups(
        &self,
        row: &mut [CriterionScore],
        get: fn(&CriterionScore) -> Option<Decimal>,
        set: fn(&mut CriterionScore, Option<Decimal>),
    ) {
        for &place in self.call_order.iter().rev() {
            if self.column[place].is_some() {
                continue;
            }
            let mut sum = Some(Decimal::ZERO);
            for &sub in &self.children[place] {
                sum = sum.zip(get(&row[sub])).map(|(a, b)| a + b);
            }
            set(&mut row[place], sum);
        }
    }

    fn total(
        &self,
        row: &[CriterionScore],
        get: fn(&CriterionScore) -> Option<Decimal>,
    ) -> Decimal {
        self.top.iter().filter_map(|&place| get(&row[place])).sum()
    }
}

/// One application's scores while they are worked out.
struct Work<'a> {
    app: &'a Application,
    /// A place per criterion of the layout.
    row: Vec<CriterionScore>,
    total_before_rescaling: Option<Decimal>,
    total: Option<Decimal>,
    threshold_failures: Vec<ThresholdFailure>,
    /// No gap and no threshold failed: kept up to date as gaps are found.
    eligible: bool,
}

impl Work<'_> {
    fn complete(&self) -> bool {
        self.row.iter().all(|c| c.gaps.is_empty())
    }
}

pub(crate) fn score_lot_with(
    ws: &Workspace,
    marks: &Marks,
    admitted: &[&Application],
) -> BTreeMap<Protocol, Scores> {
    let call = ws.call();
    let dp = call.decimals.min(6);
    let layout = Layout::new(call);
    let required = call.min_scoring_members.unwrap_or(0);
    let collegial = collegial_marks(ws);

    // Each leaf's V, per application.
    let mut table: Vec<Work> = admitted
        .iter()
        .map(|app| {
            let at = marks.row(&app.protocol);
            let row = layout
                .all
                .iter()
                .zip(&layout.column)
                .map(|(c, column)| match column {
                    Some(column) => {
                        let mut cs = judged(marks, at, *column, app, c, required);
                        if let Some(collegial) = &collegial {
                            counts_collegial(&mut cs, c, collegial.get(&(&app.protocol, &c.id)));
                        }
                        cs
                    }
                    None => CriterionScore::new(c),
                })
                .collect();
            Work {
                app,
                row,
                total_before_rescaling: None,
                total: None,
                threshold_failures: Vec::new(),
                eligible: false,
            }
        })
        .collect();
    for place in layout.leaves() {
        let c = layout.all[place];
        if let Scoring::Linear { measure } = &c.scoring {
            linear(call, c, measure, place, &mut table);
        }
    }

    // Points before rescaling, rounded once; thresholds on them.
    for work in &mut table {
        for place in layout.leaves() {
            let cs = &mut work.row[place];
            if let Some(v) = &cs.coefficient {
                cs.points_before_rescaling = Some(points_of(layout.all[place], v, dp));
            }
        }
        layout.sum_groups(
            &mut work.row,
            |c| c.points_before_rescaling,
            |c, p| c.points_before_rescaling = p,
        );
        if work.complete() {
            let total = layout.total(&work.row, |c| c.points_before_rescaling);
            work.total_before_rescaling = Some(total);
            for &place in &layout.call_order {
                let (c, cs) = (layout.all[place], &work.row[place]);
                if let (Some(min), Some(p)) = (c.min, cs.points_before_rescaling)
                    && p < min.value()
                {
                    work.threshold_failures
                        .push(ThresholdFailure::Criterion(c.id.clone()));
                }
            }
            if let Some(min) = call.overall_min
                && total < min.value()
            {
                work.threshold_failures.push(ThresholdFailure::Overall);
            }
            work.eligible = work.threshold_failures.is_empty();
        }
    }

    // Riparametrazione among the eligible applications only: the threshold is judged on the
    // points before it, and those below it are out of the comparison (Cons. Stato V, 9075/2023).
    // A call may say instead among every admitted application of the lot: the best is then
    // looked for among all of them, and still only the eligible ones are rescaled.
    let among_all = call.rescale_among == RescaleAmong::Admitted;
    for place in layout.leaves() {
        let c = layout.all[place];
        let best = table
            .iter()
            .filter(|w| w.eligible || among_all)
            .filter_map(|w| w.row[place].coefficient.as_ref())
            .max()
            .cloned();
        for work in &mut table {
            let cs = &mut work.row[place];
            cs.points = match (c.rescale && work.eligible, &cs.coefficient, &best) {
                (true, Some(v), Some(best)) => {
                    // V / V_best: zero when the best is zero.
                    let rescaled = v.checked_div(best).unwrap_or(Ratio::ZERO);
                    Some(points_of(c, &rescaled, dp))
                }
                _ => cs.points_before_rescaling,
            };
        }
    }
    for work in &mut table {
        layout.sum_groups(&mut work.row, |c| c.points, |c, p| c.points = p);
        if work.complete() {
            work.total = Some(layout.total(&work.row, |c| c.points));
        }
    }

    let mut results: BTreeMap<Protocol, Scores> = table
        .into_iter()
        .map(|work| {
            let scores = Scores {
                criteria: CriterionScores(work.row),
                total_before_rescaling: work.total_before_rescaling,
                total: work.total,
                threshold_failures: work.threshold_failures,
            };
            (work.app.protocol.clone(), scores)
        })
        .collect();
    if call.rescale_totals {
        rescale_totals(call, dp, &mut results);
    }
    results
}

/// The collegial marks that stand, per application and criterion, when the call says the
/// commission gives one (`Call::collegial_mark`): a later session's replaces an earlier one's.
/// None when the call has no collegial mark, and the members' marks count.
fn collegial_marks(ws: &Workspace) -> Option<BTreeMap<(&Protocol, &CriterionId), Decimal>> {
    if !ws.call().collegial_mark {
        return None;
    }
    let mut out = BTreeMap::new();
    for session in ws.sessions_in_order() {
        for c in &session.collegial {
            match c.value {
                Some(v) => out.insert((&c.application, &c.criterion), v.value()),
                None => out.remove(&(&c.application, &c.criterion)),
            };
        }
    }
    Some(out)
}

/// A discretionary criterion scored collegially: the members' marks and their mean stay as
/// reported, and V comes from the collegial mark (the coefficient, or the points over the
/// maximum), which the riparametrazione then treats as any V. Without a collegial mark the
/// criterion waits for it. Tabular and linear criteria are not judged, and keep their V.
fn counts_collegial(cs: &mut CriterionScore, c: &Criterion, mark: Option<&Decimal>) {
    if !c.is_discretionary() || cs.gaps.contains(&Gap::NobodyCanScore) {
        return;
    }
    cs.coefficient = None;
    let Some(&mark) = mark else {
        cs.gaps.push(Gap::NoCollegialMark);
        return;
    };
    cs.collegial = Some(mark);
    if !cs.gaps.is_empty() {
        // The members' marks are not all there: the application is incomplete all the same.
        return;
    }
    let v = Ratio::from_decimal(mark);
    cs.coefficient = Some(match c.scoring {
        // Points over the maximum; a maximum of zero gives nothing.
        Scoring::Points { .. } => v
            .checked_div(&Ratio::from_decimal(c.max.value()))
            .unwrap_or(Ratio::ZERO),
        _ => v,
    });
}

/// max × V, rounded half up once. V is in 0..1 (a mean of coefficients, points over the
/// maximum, x over x_max, V over V_best), so the points are at most the criterion's maximum,
/// which a decimal holds with room to spare (see `Points`): the rounding cannot fail.
fn points_of(c: &Criterion, v: &Ratio, dp: u32) -> Decimal {
    let max = c.max.value();
    (&Ratio::from_decimal(max) * v)
        .round_half_up(dp)
        .unwrap_or(max)
}

/// The members' marks on a discretionary criterion (column `leaf` of the marks, in the
/// application's row `at`), or the declared level of a tabular one.
fn judged(
    marks: &Marks,
    at: Option<Row>,
    leaf: usize,
    app: &Application,
    c: &Criterion,
    required: u32,
) -> CriterionScore {
    let mut cs = CriterionScore::new(c);
    match &c.scoring {
        Scoring::Coefficient | Scoring::Points { .. } => {
            cs.marks.reserve_exact(marks.members().len());
            // Marks are added as integers (millionths): exact, and no Decimal arithmetic.
            let mut sum: i128 = 0;
            for member in marks.members() {
                if at.is_some_and(|at| !member.sits_on(at)) {
                    // A substitute not appointed for this application.
                    continue;
                }
                if at.is_some_and(|at| member.abstains(at)) {
                    cs.abstained.push(member.id.clone());
                    continue;
                }
                match at.and_then(|at| member.mark(at, leaf)) {
                    None => cs.gaps.push(Gap::NotScored {
                        member: member.id.clone(),
                    }),
                    Some(given) => {
                        if !given.has_reason {
                            cs.gaps.push(Gap::NoReason {
                                member: member.id.clone(),
                            });
                        }
                        cs.marks.push(Mark {
                            member: member.id.clone(),
                            value: given.value(),
                        });
                        sum += i128::from(given.millionths);
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
            } else if scorers < required as usize {
                cs.gaps.push(Gap::TooFewMembers { scorers, required });
            }
            if cs.gaps.is_empty() {
                // At least one mark (a member scored, or the gap NobodyCanScore).
                let n = cs.marks.len() as i128;
                let mean = Ratio::new(sum, 1_000_000 * n).unwrap_or(Ratio::ZERO);
                cs.coefficient = Some(match c.scoring {
                    // Points over the maximum; a maximum of zero gives nothing.
                    Scoring::Points { .. } => mean
                        .checked_div(&Ratio::from_decimal(c.max.value()))
                        .unwrap_or(Ratio::ZERO),
                    _ => mean.clone(),
                });
                cs.mean = Some(mean);
            }
        }
        Scoring::Levels(levels) => {
            let level = app
                .declared(&c.id)
                .and_then(|v| levels.iter().find(|l| l.id.as_str() == v));
            match level {
                None => cs.gaps.push(Gap::NotDeclared),
                Some(level) => {
                    // A maximum of zero gives nothing.
                    let v = Ratio::from_decimal(level.points.value())
                        .checked_div(&Ratio::from_decimal(c.max.value()))
                        .unwrap_or(Ratio::ZERO);
                    cs.coefficient = Some(v);
                }
            }
        }
        Scoring::Linear { .. } | Scoring::Subcriteria(_) => {}
    }
    cs
}

/// The measure x of a linear criterion for one application, exact; None when not declared.
fn measure_of(call: &Call, measure: &Measure, c: &Criterion, app: &Application) -> Option<Ratio> {
    // K / C; nothing when there are no costs.
    let share = |app: &Application| -> Ratio {
        Ratio::from_decimal(app.cofinancing_total().value())
            .checked_div(&Ratio::from_decimal(app.total_cost().value()))
            .unwrap_or(Ratio::ZERO)
    };
    match measure {
        Measure::CofinancingShare => Some(share(app)),
        Measure::CofinancingShareAboveMinimum => {
            let min = call
                .funding
                .min_cofinancing_share
                .map_or(Decimal::ZERO, |s| s.value());
            Some((&share(app) - &Ratio::from_decimal(min)).max(Ratio::ZERO))
        }
        Measure::Declared { .. } => app
            .declared(&c.id)
            .and_then(|v| crate::domain::Points::parse(v).ok())
            .map(|p| Ratio::from_decimal(p.value())),
    }
}

/// V = x / x_max over the admitted applications of the lot.
fn linear(call: &Call, c: &Criterion, measure: &Measure, place: usize, table: &mut [Work]) {
    let xs: Vec<Option<Ratio>> = table
        .iter()
        .map(|w| measure_of(call, measure, c, w.app))
        .collect();
    let best = xs.iter().flatten().max().cloned().unwrap_or(Ratio::ZERO);
    for (work, x) in table.iter_mut().zip(xs) {
        let cs = &mut work.row[place];
        match x {
            None => cs.gaps.push(Gap::NotDeclared),
            Some(x) => {
                // x / x_max; zero when the best is zero.
                cs.coefficient = Some(x.checked_div(&best).unwrap_or(Ratio::ZERO));
                cs.measure = Some(x);
            }
        }
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
        // total / best × the maximum, at most the maximum; zero when the best is zero.
        let rescaled = Ratio::from_decimal(total)
            .checked_div(&Ratio::from_decimal(best))
            .map_or(Ratio::ZERO, |r| &r * &max);
        scores.total = rescaled.round_half_up(dp).ok();
    }
}
