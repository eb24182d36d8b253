//! Invariants of the rules, on random calls: shares, rescaling, allocation, monotonicity, and
//! independence from the order in which files and members come.

mod common;

use std::collections::BTreeMap;

use commissione::domain::{Allocation, Parts, Workspace};
use commissione::rules::{Evaluation, Outcome, Rule, evaluate};
use common::build::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

const M: [&str; 3] = ["m1", "m2", "m3"];
const SCALE: [&str; 6] = ["0", "0.2", "0.4", "0.6", "0.8", "1"];

#[derive(Debug, Clone)]
struct Case {
    /// (cost in cents, co-financing in cents); the contribution requested balances the budget.
    apps: Vec<(u64, u64)>,
    /// Per application, per member: (A, B as scale indexes, C points 0..=30).
    marks: Vec<Vec<(usize, usize, u32)>>,
    conflicts: Vec<Vec<bool>>,
    budget_cents: u64,
    mode: usize,
    rescale: bool,
    threshold: Option<u32>,
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=6).prop_flat_map(|n| {
        (
            prop::collection::vec((10_000u64..=20_000_000, 0u64..=100), n),
            prop::collection::vec(
                prop::collection::vec((0usize..6, 0usize..6, 0u32..=30), 3),
                n,
            ),
            prop::collection::vec(prop::collection::vec(prop::bool::weighted(0.15), 3), n),
            1_000_000u64..=50_000_000,
            0usize..4,
            any::<bool>(),
            prop::option::of(30u32..=70),
        )
            .prop_map(
                |(apps, marks, conflicts, budget_cents, mode, rescale, threshold)| Case {
                    apps: apps
                        .into_iter()
                        .map(|(cost, pct)| (cost, cost * pct / 100))
                        .collect(),
                    marks,
                    conflicts,
                    budget_cents,
                    mode,
                    rescale,
                    threshold,
                },
            )
    })
}

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

fn parts(case: &Case) -> Parts {
    let mut c = call();
    c.lots[0].budget = money(&cents(case.budget_cents));
    c.lots[0].allocation = match case.mode {
        0 => Allocation::SingleWinner,
        1 => Allocation::UntilExhausted {
            partial: true,
            skip_when_not_fitting: false,
        },
        2 => Allocation::UntilExhausted {
            partial: false,
            skip_when_not_fitting: true,
        },
        _ => Allocation::AllAboveThreshold,
    };
    c.criteria[0].rescale = case.rescale;
    c.criteria[2].rescale = case.rescale;
    c.overall_min = case.threshold.map(|t| points(&t.to_string()));
    // Any share is admissible here, so that every application is scored.
    c.funding.min_cofinancing_share = None;
    c.funding.max_contribution_share = Some(share("1"));
    let mut b = Build::new(c, &M);
    for (i, (cost, k)) in case.apps.iter().enumerate() {
        let p = format!("P{i}");
        let cofinancing = if *k == 0 { "0".to_string() } else { cents(*k) };
        b = b.app(application(
            &p,
            "L1",
            &cents(*cost),
            &cofinancing,
            &cents(cost - k),
            i as u32,
        ));
        for (m, member) in M.iter().enumerate() {
            if case.conflicts[i][m] {
                b = b.conflict(member, &p);
                continue;
            }
            let (a, bb, cc) = case.marks[i][m];
            b = b
                .score(member, &p, "A", SCALE[a])
                .score(member, &p, "B", SCALE[bb])
                .score(member, &p, "C", &cc.to_string());
        }
    }
    b.parts
}

fn workspace(parts: Parts) -> Workspace {
    let (ws, problems) = Workspace::assemble(parts);
    assert!(problems.is_empty(), "{problems:#?}");
    ws.expect("consistent")
}

type Summary = BTreeMap<String, (Outcome, Option<Decimal>, Option<String>, Option<u32>)>;

fn summary(e: &Evaluation) -> Summary {
    e.applications
        .values()
        .map(|r| {
            (
                r.protocol.to_string(),
                (
                    r.outcome,
                    r.scores.as_ref().and_then(|s| s.total),
                    r.granted.map(|g| g.to_string()),
                    r.rank(),
                ),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn shares_of_a_balanced_budget_sum_to_one_hundred(case in case()) {
        let e = evaluate(&workspace(parts(&case)));
        for r in e.applications.values() {
            let k = r.budget.share_percent;
            let rr = r.admission.findings.iter().find(|f| f.rule == Rule::MaxContributionShare)
                .and_then(|f| f.figures.share_percent).expect("checked");
            // K/C shown rounded down and R/C rounded up: together exactly 100.
            prop_assert_eq!(k + rr, Decimal::ONE_HUNDRED);
        }
    }

    #[test]
    fn rescaled_points_never_exceed_the_maximum(case in case()) {
        let ws = workspace(parts(&case));
        let e = evaluate(&ws);
        for r in e.applications.values() {
            let Some(s) = &r.scores else { continue };
            for c in ws.call().all_criteria() {
                if let Some(p) = s.criteria.get(&c.id).and_then(|cs| cs.points) {
                    prop_assert!(p <= c.max.value(), "{} on {}: {} > {}", r.protocol, c.id, p, c.max);
                    prop_assert!(p >= Decimal::ZERO);
                }
            }
            if let Some(t) = s.total {
                prop_assert!(t <= ws.call().max_total());
            }
        }
    }

    #[test]
    fn allocation_never_exceeds_the_ceiling(case in case()) {
        let ws = workspace(parts(&case));
        let e = evaluate(&ws);
        let lot = &e.lots[&lid("L1")];
        let granted: Decimal = e.applications.values().filter_map(|r| r.granted).map(|g| g.value()).sum();
        prop_assert!(granted <= lot.ceiling.value());
        prop_assert_eq!(granted, lot.granted.value());
        prop_assert_eq!(lot.remaining.value(), lot.ceiling.value() - granted);
        for r in e.applications.values() {
            if let Some(g) = r.granted {
                prop_assert!(g <= r.budget.requested);
                prop_assert_eq!(g.is_zero(), !matches!(r.outcome, Outcome::Funded | Outcome::PartiallyFunded) || r.budget.requested.is_zero());
            }
        }
        if matches!(ws.call().lots[0].allocation, Allocation::SingleWinner) {
            let funded = e.applications.values().filter(|r| matches!(r.outcome, Outcome::Funded | Outcome::PartiallyFunded)).count();
            prop_assert!(funded <= 1);
        }
    }

    #[test]
    fn the_order_of_files_and_members_does_not_matter(case in case(), seed in any::<u64>()) {
        let original = summary(&evaluate(&workspace(parts(&case))));
        let mut shuffled = parts(&case);
        let mut rng = seed;
        let mut next = move || { rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (rng >> 33) as usize };
        let n = shuffled.applications.len();
        for i in (1..n).rev() { let j = next() % (i + 1); shuffled.applications.swap(i, j); }
        shuffled.sheets.reverse();
        for sheet in &mut shuffled.sheets {
            let sheet = std::sync::Arc::make_mut(sheet);
            sheet.scores.reverse();
            sheet.declarations.reverse();
        }
        if let Some(c) = &mut shuffled.commission {
            c.members.reverse();
        }
        prop_assert_eq!(summary(&evaluate(&workspace(shuffled))), original);
    }

    #[test]
    fn a_better_score_on_every_criterion_never_ranks_lower(case in case(), who in 0usize..6, lift in prop::collection::vec((0usize..6, 0usize..6, 0u32..=30), 3)) {
        let who = who % case.apps.len();
        let before = evaluate(&workspace(parts(&case)));
        let p = format!("P{who}");
        let Some(rank_before) = before.application(&pid(&p)).and_then(|r| r.rank()) else { return Ok(()) };
        let mut better = case.clone();
        for (m, (a, b, c)) in lift.iter().enumerate() {
            let old = better.marks[who][m];
            better.marks[who][m] = (old.0.max(*a), old.1.max(*b), old.2.max(*c));
        }
        let after = evaluate(&workspace(parts(&better)));
        let rank_after = after.application(&pid(&p)).and_then(|r| r.rank());
        prop_assert!(rank_after.is_some_and(|r| r <= rank_before), "{} was {} and became {:?}", p, rank_before, rank_after);
    }
}
