//! The rules of the call, as pure functions of the workspace: admissibility, co-financing,
//! scores, ranking, allocation and diagnostics. One entry point: [`evaluate`].

pub mod admissibility;
pub mod allocation;
pub mod cofinancing;
pub mod diagnostics;
pub mod events;
pub mod finding;
pub(crate) mod marks;
pub mod message;
pub mod ranking;
pub mod ratio;
pub mod scoring;
pub mod sheet;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::domain::{
    AdmissionOutcome, Allocation, Application, Lot, LotId, Money, Protocol, Workspace,
};
pub use admissibility::Admission;
use allocation::Grant;
pub use cofinancing::Budget;
pub use diagnostics::Diagnostics;
pub use finding::{Check, Figures, Finding, Rule};
pub use message::Message;
pub use ranking::{Place, Tie};
pub use ratio::Ratio;
pub use scoring::{CriterionScore, Gap, Mark, Scores, ThresholdFailure};

/// Where an application stands. The one vocabulary of outcomes: the window, the command line,
/// the spreadsheets, the verbali and the public ranking all say it with [`Outcome::label`].
///
/// An exclusion the commission has not decided is a variant of its own, so that no output can
/// show, count or publish it as decided by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Funded,
    PartiallyFunded,
    EligibleNotFunded,
    /// In a tie that decides the funding, awaiting a draw.
    TieUnresolved,
    /// Below such a tie.
    PendingTie,
    /// Rinunciataria: ranked, but its applicant gave up its place (an event after the
    /// ranking); the allocation passes to the next one.
    Renounced,
    /// Non idonea: below a threshold.
    BelowThreshold,
    /// Some member has not scored it yet, or nobody can.
    Incomplete,
    /// The checks fail and the commission has not decided yet: an exclusion only proposed.
    ExclusionProposed,
    /// Excluded by the commission's recorded decision.
    Excluded,
}

impl Outcome {
    /// The code `rank --format json` writes.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Funded => "funded",
            Outcome::PartiallyFunded => "partially_funded",
            Outcome::EligibleNotFunded => "eligible_not_funded",
            Outcome::TieUnresolved => "tie_unresolved",
            Outcome::PendingTie => "pending_tie",
            Outcome::Renounced => "renounced",
            Outcome::BelowThreshold => "below_threshold",
            Outcome::Incomplete => "incomplete",
            Outcome::ExclusionProposed => "exclusion_proposed",
            Outcome::Excluded => "excluded",
        }
    }

    /// The outcome in Italian, as the lot's allocation mode says it (a single-winner lot
    /// selects, it does not fund). Every output uses this one function.
    pub fn label(self, allocation: Allocation) -> &'static str {
        match (self, allocation) {
            (Outcome::Funded, Allocation::SingleWinner) => "selezionata per la co-progettazione",
            (Outcome::Funded, _) => "finanziata",
            (Outcome::PartiallyFunded, _) => "finanziata parzialmente",
            (Outcome::EligibleNotFunded, Allocation::SingleWinner) => "idonea non selezionata",
            (Outcome::EligibleNotFunded, _) => "idonea non finanziata",
            (Outcome::TieUnresolved, _) => "in attesa di sorteggio",
            (Outcome::PendingTie, _) => "in attesa dell'esito del sorteggio",
            (Outcome::Renounced, _) => "rinunciataria",
            (Outcome::BelowThreshold, _) => "non idonea",
            (Outcome::Incomplete, _) => "valutazione incompleta",
            (Outcome::ExclusionProposed, _) => "esclusa (proposta)",
            (Outcome::Excluded, _) => "esclusa",
        }
    }

    /// Whether the application is out for admissibility, decided or only proposed.
    pub fn is_exclusion(self) -> bool {
        matches!(self, Outcome::Excluded | Outcome::ExclusionProposed)
    }

    /// Whether the outcome still waits for the commission: an exclusion not decided, a
    /// valutazione not complete, a draw not held.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Outcome::ExclusionProposed
                | Outcome::Incomplete
                | Outcome::TieUnresolved
                | Outcome::PendingTie
        )
    }

    pub const ALL: [Outcome; 10] = [
        Outcome::Funded,
        Outcome::PartiallyFunded,
        Outcome::EligibleNotFunded,
        Outcome::TieUnresolved,
        Outcome::PendingTie,
        Outcome::Renounced,
        Outcome::BelowThreshold,
        Outcome::Incomplete,
        Outcome::ExclusionProposed,
        Outcome::Excluded,
    ];
}

/// Everything the rules say of one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationResult {
    pub protocol: Protocol,
    pub lot: LotId,
    pub budget: Budget,
    pub admission: Admission,
    /// For admitted applications.
    pub scores: Option<Scores>,
    pub outcome: Outcome,
    /// For eligible applications.
    pub place: Option<Place>,
    /// For eligible applications: what the allocation gives (zero when nothing).
    pub granted: Option<Money>,
}

impl ApplicationResult {
    pub fn rank(&self) -> Option<u32> {
        self.place.as_ref().map(|p| p.rank)
    }
}

/// A lot's ranking and funds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotResult {
    pub lot: LotId,
    /// Budget × (1 − reserved share).
    pub ceiling: Money,
    pub granted: Money,
    pub remaining: Money,
    pub ranking: Vec<Place>,
    /// Some admitted application still lacks scores: the ranking may change.
    pub provisional: bool,
    pub halted_by_tie: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub applications: BTreeMap<Protocol, ApplicationResult>,
    pub lots: BTreeMap<LotId, LotResult>,
    pub diagnostics: Diagnostics,
    /// The diagnostics' part of each lot, from which [`reevaluate_marks`] adds them up again
    /// after a mark.
    parts: BTreeMap<LotId, diagnostics::Part>,
}

impl Evaluation {
    /// The evaluation of nothing: a placeholder while one is being replaced.
    pub fn empty() -> Evaluation {
        Evaluation {
            applications: BTreeMap::new(),
            lots: BTreeMap::new(),
            diagnostics: Diagnostics::default(),
            parts: BTreeMap::new(),
        }
    }

    pub fn application(&self, protocol: &Protocol) -> Option<&ApplicationResult> {
        self.applications.get(protocol)
    }

    /// A lot's applications in ranking order, then the others by protocol.
    pub fn lot_applications(&self, lot: &LotId) -> Vec<&ApplicationResult> {
        let mut list: Vec<&ApplicationResult> = self
            .applications
            .values()
            .filter(|a| &a.lot == lot)
            .collect();
        list.sort_by_key(|a| (a.rank().unwrap_or(u32::MAX), a.outcome, a.protocol.clone()));
        list
    }

    /// How many of a lot's applications were received, admitted, ranked and funded (wholly
    /// or in part): the lots' summary of the ranking.
    pub fn lot_counts(&self, lot: &LotId) -> LotCounts {
        let mut counts = LotCounts::default();
        for a in self.applications.values().filter(|a| &a.lot == lot) {
            counts.applications += 1;
            counts.admitted += usize::from(a.admission.admitted());
            counts.ranked += usize::from(a.place.is_some());
            counts.funded += usize::from(matches!(
                a.outcome,
                Outcome::Funded | Outcome::PartiallyFunded
            ));
        }
        counts
    }

    /// Every lot's counts and funds added up: the row of totals of the lots' summary.
    pub fn lots_total(&self) -> LotsTotal {
        let mut total = LotsTotal {
            counts: LotCounts::default(),
            ceiling: Money::ZERO,
            granted: Money::ZERO,
            remaining: Money::ZERO,
        };
        for (id, lot) in &self.lots {
            let c = self.lot_counts(id);
            total.counts.applications += c.applications;
            total.counts.admitted += c.admitted;
            total.counts.ranked += c.ranked;
            total.counts.funded += c.funded;
            total.ceiling = total.ceiling + lot.ceiling;
            total.granted = total.granted + lot.granted;
            total.remaining = total.remaining + lot.remaining;
        }
        total
    }
}

/// All the lots together (see [`Evaluation::lots_total`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LotsTotal {
    pub counts: LotCounts,
    pub ceiling: Money,
    pub granted: Money,
    pub remaining: Money,
}

/// A lot's applications counted by where they stand (see [`Evaluation::lot_counts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LotCounts {
    pub applications: usize,
    pub admitted: usize,
    pub ranked: usize,
    pub funded: usize,
}

/// Applies every rule of the call to the workspace.
///
/// A large call is evaluated on all the machine's cores (see [`crate::parallel`]): the members'
/// marks, then each application's admissibility, then the lots side by side. The result does
/// not depend on how many cores there are.
pub fn evaluate(ws: &Workspace) -> Evaluation {
    evaluate_with(ws, &marks::Marks::new(ws, parallel(ws)))
}

/// [`evaluate`] for a workspace whose marks are not read again (`check`): they leave the
/// sheets, laid out in the table the rules read, and go before the evaluation is made, so that
/// a large call's marks and reasons are not held beside it.
pub fn evaluate_releasing(ws: &mut Workspace) -> Evaluation {
    let taken = ws.take_scores();
    let marks = marks::Marks::of_taken(ws, &taken, parallel(ws));
    drop(taken);
    evaluate_with(ws, &marks)
}

/// Whether a workspace is large enough for its evaluation to take every core.
pub(crate) fn parallel(ws: &Workspace) -> bool {
    ws.applications().len() >= crate::parallel::FROM_APPLICATIONS
}

/// [`evaluate`] from the members' marks already laid out in their table, which is all the
/// rules read of the sheets but the declarations.
pub(crate) fn evaluate_with(ws: &Workspace, marks: &marks::Marks) -> Evaluation {
    let call = ws.call();
    let parallel = parallel(ws);
    let standing = events::standing(ws);
    // An event after the ranking stands in for the decision: the application as the rules
    // see it then carries that decision (few applications, so copied).
    let patched: BTreeMap<&Protocol, Application> = standing
        .decisions
        .iter()
        .filter_map(|(p, decision)| {
            let mut app = ws.application(p)?.clone();
            app.decision = Some(decision.clone());
            Some((*p, app))
        })
        .collect();

    // Admissibility depends on the application, its lot and the call only.
    let in_lots: Vec<(&Application, &Lot)> = ws
        .applications()
        .values()
        .map(|a| patched.get(&a.protocol).unwrap_or(a))
        .filter_map(|a| Some((a, call.lots.iter().find(|l| l.id == a.lot)?)))
        .collect();
    // Applications of a lot from one applicant (the same tax code): each names the others,
    // through one list the group shares.
    let mut applicants: BTreeMap<(&LotId, String), Vec<Protocol>> = BTreeMap::new();
    for (a, lot) in &in_lots {
        if let Some(key) = admissibility::tax_code_key(&a.applicant.tax_code) {
            applicants
                .entry((&lot.id, key))
                .or_default()
                .push(a.protocol.clone());
        }
    }
    let applicants: BTreeMap<(&LotId, String), Arc<[Protocol]>> = applicants
        .into_iter()
        .map(|(key, group)| (key, Arc::from(group)))
        .collect();
    let alone: Arc<[Protocol]> = Arc::from([]);
    let same_applicant = |a: &Application| -> Arc<[Protocol]> {
        admissibility::tax_code_key(&a.applicant.tax_code)
            .and_then(|key| applicants.get(&(&a.lot, key)))
            .map_or_else(|| Arc::clone(&alone), Arc::clone)
    };
    let chunks: Vec<&[(&Application, &Lot)]> = in_lots.chunks(ADMISSIONS_PER_TASK).collect();
    let admissions = crate::parallel::map(parallel, &chunks, |chunk| {
        chunk
            .iter()
            .map(|(a, lot)| admissibility::admission(a, call, lot, &same_applicant(a)))
            .collect::<Vec<_>>()
    });
    let mut by_lot: BTreeMap<&LotId, Vec<(&Application, Admission)>> = BTreeMap::new();
    for ((app, lot), admission) in in_lots.iter().zip(admissions.into_iter().flatten()) {
        by_lot.entry(&lot.id).or_default().push((app, admission));
    }
    let mut evaluation = Evaluation::empty();
    evaluate_lots(
        ws,
        marks,
        &standing,
        call.lots.iter().collect(),
        by_lot,
        parallel,
        &mut evaluation,
    );
    evaluation
}

/// The evaluation after members' marks changed on some applications, and nothing else: only
/// the lots of those applications are evaluated again (their scores, ranking, allocation and
/// diagnostics), the others and every admissibility are taken from `previous`, the evaluation
/// of the workspace before the marks changed. The result is the one [`evaluate`] gives
/// (`tests/incremental.rs` compares them), in a fraction of the time on a call of several
/// lots: what the editor does after each mark.
pub fn reevaluate_marks(
    ws: &Workspace,
    mut previous: Evaluation,
    changed: &BTreeSet<Protocol>,
) -> Evaluation {
    let call = ws.call();
    let lots: BTreeSet<&LotId> = changed
        .iter()
        .filter_map(|p| previous.applications.get(p))
        .map(|r| &r.lot)
        .collect();
    let lots: Vec<&Lot> = call.lots.iter().filter(|l| lots.contains(&l.id)).collect();
    // The applications of those lots, with the admissibility they had (marks do not change it).
    let mut by_lot: BTreeMap<&LotId, Vec<(&Application, Admission)>> = BTreeMap::new();
    let mut rows: Vec<&Protocol> = Vec::new();
    for app in ws.applications().values() {
        if let Some(lot) = lots.iter().find(|l| l.id == app.lot)
            && let Some(result) = previous.applications.get(&app.protocol)
        {
            rows.push(&app.protocol);
            by_lot
                .entry(&lot.id)
                .or_default()
                .push((app, result.admission.clone()));
        }
    }
    let parallel = rows.len() >= crate::parallel::FROM_APPLICATIONS;
    let marks = marks::Marks::of(ws, rows, parallel);
    let mut evaluation = Evaluation {
        applications: std::mem::take(&mut previous.applications),
        lots: std::mem::take(&mut previous.lots),
        diagnostics: Diagnostics::default(),
        parts: std::mem::take(&mut previous.parts),
    };
    let standing = events::standing(ws);
    evaluate_lots(
        ws,
        &marks,
        &standing,
        lots,
        by_lot,
        parallel,
        &mut evaluation,
    );
    evaluation
}

/// Evaluates the given lots into `evaluation` (replacing what it held of them), then the
/// diagnostics from the parts of all lots.
fn evaluate_lots(
    ws: &Workspace,
    marks: &marks::Marks,
    standing: &events::Standing,
    lots: Vec<&Lot>,
    by_lot: BTreeMap<&LotId, Vec<(&Application, Admission)>>,
    parallel: bool,
    evaluation: &mut Evaluation,
) {
    let by_lot = std::sync::Mutex::new(by_lot);
    let done = crate::parallel::map(parallel, &lots, |lot| {
        let members = by_lot
            .lock()
            .map(|mut m| m.remove(&lot.id))
            .unwrap_or_else(|poisoned| poisoned.into_inner().remove(&lot.id))
            .unwrap_or_default();
        let admitted: Vec<(&Protocol, &LotId)> = members
            .iter()
            .filter(|(_, admission)| admission.admitted())
            .map(|(a, _)| (&a.protocol, &lot.id))
            .collect();
        let part = diagnostics::part(ws, marks, &admitted);
        (evaluate_lot(ws, marks, standing, lot, members), part)
    });
    for ((results, lot), part) in done {
        evaluation.applications.retain(|_, r| r.lot != lot.lot);
        evaluation
            .applications
            .extend(results.into_iter().map(|r| (r.protocol.clone(), r)));
        evaluation.parts.insert(lot.lot.clone(), part);
        evaluation.lots.insert(lot.lot.clone(), lot);
    }
    evaluation.diagnostics = diagnostics::combine(ws, evaluation.parts.values());
}

/// Applications whose admissibility one thread checks at a time.
const ADMISSIONS_PER_TASK: usize = 250;

/// Scores, ranking and allocation of one lot, from its applications and their admissibility.
fn evaluate_lot(
    ws: &Workspace,
    marks: &marks::Marks,
    standing: &events::Standing,
    lot: &Lot,
    members: Vec<(&Application, Admission)>,
) -> (Vec<ApplicationResult>, LotResult) {
    // Excluded after the check of its declarations, an application still counts in the
    // comparisons of the scores: the others' points do not move (see `events`).
    let admitted: Vec<&Application> = members
        .iter()
        .filter(|(a, admission)| admission.admitted() || standing.frozen.contains(&a.protocol))
        .map(|(a, _)| *a)
        .collect();
    let mut scores = scoring::score_lot_with(ws, marks, &admitted);

    let eligible: Vec<(&Application, &Scores)> = admitted
        .iter()
        .filter(|a| !standing.frozen.contains(&a.protocol))
        .filter_map(|a| scores.get(&a.protocol).map(|s| (*a, s)))
        .filter(|(_, s)| s.eligible() && s.total.is_some())
        .collect();
    let ranking = ranking::rank_lot(ws, &lot.id, &eligible);
    let requested: BTreeMap<Protocol, Money> = eligible
        .iter()
        .map(|(a, _)| (a.protocol.clone(), a.requested))
        .collect();
    let ceiling = cofinancing::lot_ceiling(lot);
    // A renounced application keeps its place in the ranking and leaves the allocation: the
    // next one takes its place.
    let in_allocation: Vec<Place> = ranking
        .iter()
        .filter(|p| !standing.renounced.contains(&p.protocol))
        .cloned()
        .collect();
    let allocated = allocation::allocate(lot.allocation, ceiling, &in_allocation, &requested);
    let places: BTreeMap<&Protocol, &Place> = ranking.iter().map(|p| (&p.protocol, p)).collect();

    let mut provisional = false;
    let mut results = Vec::with_capacity(members.len());
    for (app, admission) in members {
        let app_scores = scores.remove(&app.protocol);
        let grant = allocated.grants.get(&app.protocol).copied();
        let outcome = match (&app_scores, grant) {
            _ if !admission.admitted() && admission.decided => Outcome::Excluded,
            _ if !admission.admitted() => Outcome::ExclusionProposed,
            _ if standing.renounced.contains(&app.protocol) => Outcome::Renounced,
            (None, _) => Outcome::Incomplete,
            (Some(s), _) if !s.complete() || s.total.is_none() => Outcome::Incomplete,
            (Some(s), _) if !s.threshold_failures.is_empty() => Outcome::BelowThreshold,
            (_, Some(Grant::Funded(_))) => Outcome::Funded,
            (_, Some(Grant::PartiallyFunded(_))) => Outcome::PartiallyFunded,
            (_, Some(Grant::TieUnresolved)) => Outcome::TieUnresolved,
            (_, Some(Grant::PendingTie)) => Outcome::PendingTie,
            (_, Some(Grant::NotFunded) | None) => Outcome::EligibleNotFunded,
        };
        provisional |= outcome == Outcome::Incomplete;
        results.push(ApplicationResult {
            protocol: app.protocol.clone(),
            lot: lot.id.clone(),
            budget: Budget::of(app),
            admission,
            scores: app_scores,
            outcome,
            place: places.get(&app.protocol).map(|p| (*p).clone()),
            granted: grant.map(Grant::amount),
        });
    }
    let granted: Money = allocated.grants.values().map(|g| g.amount()).sum();
    let lot = LotResult {
        lot: lot.id.clone(),
        ceiling,
        granted,
        remaining: allocated.remaining,
        ranking,
        provisional,
        halted_by_tie: allocated.halted_by_tie,
    };
    (results, lot)
}

/// Whether an admitted application's admission is still with reserve (soccorso istruttorio).
pub fn with_reserve(result: &ApplicationResult) -> bool {
    result.admission.outcome == AdmissionOutcome::AdmittedWithReserve
}
