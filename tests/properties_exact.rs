//! No result the rules define is lost to overflow: on random calls with extreme but accepted
//! figures (amounts up to 999.999.999,99, maxima, shares, marks and declared figures with six
//! decimals, 0 to 6 decimals in the call), every application is fully scored, and each
//! criterion's points before and after riparametrazione, each total and the rescaled totals
//! are exactly those of a plain evaluation in arbitrary precision written here from DESIGN.

mod common;

use commissione::domain::{
    Coefficient, Criterion, Declared, Judgement, Measure, Parts, Scoring, Workspace,
};
use commissione::rules::evaluate;
use common::build::*;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use proptest::prelude::*;
use rust_decimal::Decimal;

const M: [&str; 3] = ["m1", "m2", "m3"];
/// A judgement scale with six-decimal coefficients.
const SCALE: [&str; 6] = ["0", "0.123457", "0.333333", "0.5", "0.666667", "1"];

#[derive(Debug, Clone, Copy)]
enum Kind {
    Coefficient,
    Points,
    Share,
    ShareAboveMinimum,
    Declared,
}

#[derive(Debug, Clone)]
struct Crit {
    kind: Kind,
    /// The maximum in millionths of a point.
    max: u64,
    rescale: bool,
    /// A threshold in millionths (at most the maximum).
    min: Option<u64>,
}

#[derive(Debug, Clone)]
struct App {
    cost: u64,
    cofinancing: u64,
    /// A declared figure in millionths (at most 1.000.000, as a file may state it), for a
    /// declared linear criterion.
    declared: u64,
    /// Per member, per criterion: a scale index or points in millionths.
    marks: Vec<Vec<u64>>,
}

#[derive(Debug, Clone)]
struct Case {
    decimals: u32,
    /// The minimum co-financing share in millionths.
    min_share: Option<u64>,
    criteria: Vec<Crit>,
    apps: Vec<App>,
    overall_min: Option<u64>,
    rescale_totals: bool,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Coefficient),
        Just(Kind::Points),
        Just(Kind::Share),
        Just(Kind::ShareAboveMinimum),
        Just(Kind::Declared),
    ]
}

/// A figure in millionths: often with all six decimals, sometimes round.
fn millionths(max: u64) -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => 0..=max,
        1 => (0..=max / 1_000_000).prop_map(|n| n * 1_000_000),
    ]
}

fn crit() -> impl Strategy<Value = Crit> {
    (
        kind(),
        1u64..=100_000_000,
        any::<bool>(),
        any::<bool>(),
        0u64..=1_000_000,
    )
        .prop_map(|(kind, max, rescale, has_min, min_part)| Crit {
            kind,
            max,
            rescale,
            // A threshold somewhere below the maximum (a share of it, to the millionth).
            min: has_min.then(|| (u128::from(max) * u128::from(min_part) / 2_000_000) as u64),
        })
}

/// Cost and co-financing in cents: the co-financing at least the minimum share of the cost,
/// and less than the cost (something is requested).
fn app(min_share: u64, criteria: usize) -> impl Strategy<Value = App> {
    (
        prop_oneof![
            2 => 2u64..=99_999_999_999,
            1 => 99_000_000_000u64..=99_999_999_999,
        ],
        any::<u64>(),
        millionths(1_000_000_000_000),
        prop::collection::vec(prop::collection::vec(any::<u64>(), criteria), M.len()),
    )
        .prop_map(move |(cost, pick, declared, marks)| {
            let floor = (u128::from(cost) * u128::from(min_share)).div_ceil(1_000_000) as u64;
            let span = cost - 1 - floor.min(cost - 1);
            App {
                cost,
                cofinancing: floor.min(cost - 1) + pick % (span + 1),
                declared,
                marks,
            }
        })
}

fn case() -> impl Strategy<Value = Case> {
    (
        0u32..=6,
        millionths(500_000).prop_map(Some),
        prop::collection::vec(crit(), 1..=4),
        2usize..=5,
        any::<bool>(),
        prop::option::of(0u64..=1_000_000),
    )
        .prop_flat_map(
            |(decimals, min_share, criteria, n, rescale_totals, overall)| {
                let apps = prop::collection::vec(app(min_share.unwrap_or(0), criteria.len()), n);
                let total: u64 = criteria.iter().map(|c| c.max).sum();
                (
                    Just(decimals),
                    Just(min_share),
                    Just(criteria),
                    apps,
                    Just(
                        overall
                            .map(|part| (u128::from(total) * u128::from(part) / 2_000_000) as u64),
                    ),
                    Just(rescale_totals),
                )
            },
        )
        .prop_map(
            |(decimals, min_share, criteria, apps, overall_min, rescale_totals)| {
                let mut case = Case {
                    decimals,
                    min_share,
                    criteria,
                    apps,
                    overall_min,
                    rescale_totals,
                };
                // Marks on the scale, or points up to the criterion's maximum.
                for app in &mut case.apps {
                    for member in &mut app.marks {
                        for (mark, c) in member.iter_mut().zip(&case.criteria) {
                            *mark = match c.kind {
                                Kind::Coefficient => *mark % SCALE.len() as u64,
                                _ => *mark % (c.max + 1),
                            };
                        }
                    }
                }
                case
            },
        )
}

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

fn six(m: u64) -> String {
    format!("{}.{:06}", m / 1_000_000, m % 1_000_000)
}

fn id(i: usize) -> String {
    format!("K{i}")
}

fn workspace(case: &Case) -> Workspace {
    let mut c = call();
    c.decimals = case.decimals;
    c.lots[0].budget = money("9999999999999.99");
    c.funding.min_cofinancing_share = case.min_share.map(|s| share(&six(s)));
    c.funding.max_contribution_share = None;
    c.judgement_scale = SCALE
        .iter()
        .map(|s| Judgement {
            label: format!("giudizio {s}"),
            coefficient: Coefficient::parse(s).expect("coefficient"),
        })
        .collect();
    c.overall_min = case.overall_min.map(|m| points(&six(m)));
    c.rescale_totals = case.rescale_totals;
    c.criteria = case
        .criteria
        .iter()
        .enumerate()
        .map(|(i, k)| Criterion {
            rescale: k.rescale,
            min: k.min.map(|m| points(&six(m))),
            ..criterion(
                &id(i),
                &six(k.max),
                match k.kind {
                    Kind::Coefficient => Scoring::Coefficient,
                    Kind::Points => Scoring::Points { step: None },
                    Kind::Share => Scoring::Linear {
                        measure: Measure::CofinancingShare,
                    },
                    Kind::ShareAboveMinimum => Scoring::Linear {
                        measure: Measure::CofinancingShareAboveMinimum,
                    },
                    Kind::Declared => Scoring::Linear {
                        measure: Measure::Declared { unit: "ore".into() },
                    },
                },
            )
        })
        .collect();
    let mut b = Build::new(c, &M);
    for (i, a) in case.apps.iter().enumerate() {
        let p = format!("P{i}");
        let mut app = application(
            &p,
            "L1",
            &cents(a.cost),
            &cents(a.cofinancing),
            &cents(a.cost - a.cofinancing),
            i as u32,
        );
        if a.cofinancing == 0 {
            app.cofinancing.clear();
        }
        app.declared = (0..case.criteria.len())
            .filter(|&k| matches!(case.criteria[k].kind, Kind::Declared))
            .map(|k| Declared {
                criterion: cid(&id(k)),
                value: six(a.declared),
            })
            .collect();
        b = b.app(app);
        for (m, member) in M.iter().enumerate() {
            for (k, c) in case.criteria.iter().enumerate() {
                let mark = a.marks[m][k];
                b = match c.kind {
                    Kind::Coefficient => b.score(member, &p, &id(k), SCALE[mark as usize]),
                    Kind::Points => b.score(member, &p, &id(k), &six(mark)),
                    _ => b,
                };
            }
        }
    }
    let parts: Parts = b.parts;
    let (ws, problems) = Workspace::assemble(parts);
    assert!(problems.is_empty(), "{problems:#?}");
    ws.expect("consistent")
}

fn q(n: u64, den: u64) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(den))
}

fn scale_value(text: &str) -> BigRational {
    let d: Decimal = text.parse().expect("a coefficient");
    BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

/// Half up to `dp` decimals, for a value that is not negative.
fn round(x: &BigRational, dp: u32) -> Decimal {
    let scaled = x * BigRational::from_integer(BigInt::from(10).pow(dp));
    let mut n = scaled.floor().to_integer();
    if scaled - BigRational::from_integer(n.clone()) >= q(1, 2) {
        n += 1;
    }
    Decimal::from_i128_with_scale(n.try_into().expect("fits"), dp)
}

fn dec(d: Decimal) -> BigRational {
    BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

/// Per application: each criterion's (points before, points after), total before, total.
type Expected = Vec<(Vec<(Decimal, Decimal)>, Decimal, Decimal)>;

/// DESIGN's rules, plainly, in arbitrary precision.
fn expected(case: &Case) -> Expected {
    let dp = case.decimals;
    let max = |c: &Crit| q(c.max, 1_000_000);
    let share = |a: &App| q(a.cofinancing, a.cost);
    let min_share = q(case.min_share.unwrap_or(0), 1_000_000);
    // V per criterion per application.
    let mut v: Vec<Vec<BigRational>> = Vec::new();
    for (k, c) in case.criteria.iter().enumerate() {
        let marks = |a: &App| -> BigRational {
            let sum: BigRational = a
                .marks
                .iter()
                .map(|m| match c.kind {
                    Kind::Coefficient => scale_value(SCALE[m[k] as usize]),
                    _ => q(m[k], 1_000_000),
                })
                .sum();
            sum / BigRational::from_integer(BigInt::from(M.len()))
        };
        let x = |a: &App| -> BigRational {
            match c.kind {
                Kind::Share => share(a),
                Kind::ShareAboveMinimum => (share(a) - &min_share).max(BigRational::zero()),
                _ => q(a.declared, 1_000_000),
            }
        };
        v.push(match c.kind {
            Kind::Coefficient => case.apps.iter().map(marks).collect(),
            Kind::Points => case.apps.iter().map(|a| marks(a) / max(c)).collect(),
            _ => {
                let xs: Vec<BigRational> = case.apps.iter().map(x).collect();
                let best = xs.iter().max().cloned().unwrap_or_else(BigRational::zero);
                xs.iter()
                    .map(|x| match best.is_zero() {
                        true => BigRational::zero(),
                        false => x / &best,
                    })
                    .collect()
            }
        });
    }
    // Points before riparametrazione, thresholds on them.
    let before: Vec<Vec<Decimal>> = (0..case.apps.len())
        .map(|a| {
            case.criteria
                .iter()
                .enumerate()
                .map(|(k, c)| round(&(max(c) * &v[k][a]), dp))
                .collect()
        })
        .collect();
    let eligible: Vec<bool> = before
        .iter()
        .map(|points| {
            let criteria = case
                .criteria
                .iter()
                .zip(points)
                .all(|(c, p)| c.min.is_none_or(|m| dec(*p) >= q(m, 1_000_000)));
            let total: Decimal = points.iter().sum();
            let overall = case
                .overall_min
                .is_none_or(|m| dec(total) >= q(m, 1_000_000));
            criteria && overall
        })
        .collect();
    // Riparametrazione among the eligible.
    let mut out: Expected = Vec::new();
    for a in 0..case.apps.len() {
        let mut criteria = Vec::new();
        for (k, c) in case.criteria.iter().enumerate() {
            let after = if c.rescale && eligible[a] {
                let best = (0..case.apps.len())
                    .filter(|&b| eligible[b])
                    .map(|b| v[k][b].clone())
                    .max()
                    .expect("a is eligible");
                let rescaled = match best.is_zero() {
                    true => BigRational::zero(),
                    false => &v[k][a] / best,
                };
                round(&(max(c) * rescaled), dp)
            } else {
                before[a][k]
            };
            criteria.push((before[a][k], after));
        }
        let total_before = criteria.iter().map(|c| c.0).sum();
        let total = criteria.iter().map(|c| c.1).sum();
        out.push((criteria, total_before, total));
    }
    if case.rescale_totals {
        let best = (0..out.len())
            .filter(|&a| eligible[a])
            .map(|a| out[a].2)
            .max();
        let max_total: BigRational = case.criteria.iter().map(max).sum();
        if let Some(best) = best {
            for (o, _) in out.iter_mut().zip(&eligible).filter(|(_, e)| **e) {
                o.2 = match best.is_zero() {
                    true => round(&BigRational::zero(), dp),
                    false => round(&(dec(o.2) / dec(best) * &max_total), dp),
                };
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn extreme_figures_are_scored_exactly(case in case()) {
        let ws = workspace(&case);
        let e = evaluate(&ws);
        let want = expected(&case);
        for (a, (criteria, total_before, total)) in want.iter().enumerate() {
            let p = format!("P{a}");
            let r = e.application(&pid(&p)).expect("evaluated");
            let s = r.scores.as_ref();
            prop_assert!(s.is_some(), "{p} not admitted: {:?}", r.admission.findings);
            let s = s.expect("scores");
            prop_assert!(s.complete(), "{p}: {:?}", s.gaps().collect::<Vec<_>>());
            for (k, (before, after)) in criteria.iter().enumerate() {
                let got = &s.criteria[&cid(&id(k))];
                prop_assert_eq!(got.points_before_rescaling, Some(*before), "{} {}", p, id(k));
                prop_assert_eq!(got.points, Some(*after), "{} {}", p, id(k));
            }
            prop_assert_eq!(s.total_before_rescaling, Some(*total_before), "{}", p);
            prop_assert_eq!(s.total, Some(*total), "{}", p);
        }
    }
}
