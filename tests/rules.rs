//! The rules' edge cases, each on a small workspace built in code.

mod common;

use commissione::domain::{Allocation, Criterion, Level, LevelId, Measure, Scoring, TieBreak};
use commissione::rules::{Check, Evaluation, Gap, Outcome, Rule, Tie, evaluate};
use common::build::*;
use rust_decimal::Decimal;

const M: [&str; 3] = ["m1", "m2", "m3"];

fn outcome(e: &Evaluation, p: &str) -> Outcome {
    e.application(&pid(p)).expect("evaluated").outcome
}

fn total(e: &Evaluation, p: &str) -> Option<String> {
    e.application(&pid(p))?
        .scores
        .as_ref()?
        .total
        .map(|t| t.to_string())
}

fn finding<'a>(e: &'a Evaluation, p: &str, rule: Rule) -> &'a commissione::rules::Finding {
    e.application(&pid(p))
        .expect("evaluated")
        .admission
        .findings
        .iter()
        .find(|f| f.rule == rule)
        .expect("the rule was checked")
}

#[test]
fn a_fraction_of_a_cent_below_the_minimum_is_below() {
    // 3.333,33 of 33.333,33 is 9,99999…%: below 10%, and never shown as 10%.
    let ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "33333.33", "3333.33", "30000.00", 0,
        ))
        .workspace();
    let e = evaluate(&ws);
    let min = finding(&e, "P1", Rule::MinCofinancingShare);
    assert_eq!(min.check, Check::Fail);
    assert_eq!(min.figures.shortfall, Some(money("0.01")));
    let text = min.message.to_string();
    assert!(
        text.contains("9,99%") && text.contains("mancano € 0,01"),
        "{text}"
    );
    assert!(!text.contains("è il 10%"));
    let max = finding(&e, "P1", Rule::MaxContributionShare);
    assert_eq!(max.check, Check::Fail);
    assert_eq!(max.figures.excess, Some(money("0.01")));
    assert!(
        max.message.to_string().contains("90,01%"),
        "{}",
        max.message
    );
    let r = e.application(&pid("P1")).expect("P1");
    assert_eq!(r.budget.share_percent.to_string(), "9.9999");
    // Nobody decided: the checks only propose the exclusion.
    assert_eq!(r.outcome, Outcome::ExclusionProposed);
}

#[test]
fn exactly_at_the_limits_passes() {
    let ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "50000.00", "5000.00", "45000.00", 0,
        ))
        .workspace();
    let e = evaluate(&ws);
    assert_eq!(
        finding(&e, "P1", Rule::MinCofinancingShare).check,
        Check::Pass
    );
    assert_eq!(
        finding(&e, "P1", Rule::MaxContributionShare).check,
        Check::Pass
    );
    assert_eq!(finding(&e, "P1", Rule::Balance).check, Check::Pass);
}

#[test]
fn zero_cofinancing_misses_the_whole_minimum() {
    let ws = Build::new(call(), &M)
        .app(application("P1", "L1", "20000.00", "0", "20000.00", 0))
        .workspace();
    let e = evaluate(&ws);
    let min = finding(&e, "P1", Rule::MinCofinancingShare);
    assert_eq!(min.figures.shortfall, Some(money("2000.00")));
    assert_eq!(
        e.application(&pid("P1")).expect("P1").budget.share_percent,
        Decimal::ZERO
    );
}

#[test]
fn an_unbalanced_budget_says_the_difference() {
    let ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "17000.00", 0,
        ))
        .workspace();
    let e = evaluate(&ws);
    let balance = finding(&e, "P1", Rule::Balance);
    assert_eq!(balance.check, Check::Fail);
    assert_eq!(
        balance.figures.difference,
        Some("-1000.00".parse().expect("decimal"))
    );
    let text = balance.message.to_string();
    assert!(
        text.contains("non quadra") && text.contains("-€ 1.000,00"),
        "{text}"
    );
}

#[test]
fn a_member_in_conflict_abstains_and_the_mean_uses_the_others() {
    let ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .conflict("m3", "P1")
        .score("m1", "P1", "A", "1")
        .score("m2", "P1", "A", "0.6")
        .score("m1", "P1", "B", "0.8")
        .score("m2", "P1", "B", "0.8")
        .score("m1", "P1", "C", "20")
        .score("m2", "P1", "C", "25")
        .workspace();
    let e = evaluate(&ws);
    let s = e
        .application(&pid("P1"))
        .and_then(|r| r.scores.as_ref())
        .expect("scored");
    let a = &s.criteria[&cid("A")];
    assert_eq!(a.abstained, vec![mid("m3")]);
    assert_eq!(a.marks.len(), 2);
    // A: 40 × 0,8 = 32; B: 30 × 0,8 = 24; C: (20 + 25) / 2 = 22,5.
    assert_eq!(total(&e, "P1").as_deref(), Some("78.50"));
}

#[test]
fn when_every_member_is_in_conflict_nobody_can_score() {
    let ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .conflict("m1", "P1")
        .conflict("m2", "P1")
        .conflict("m3", "P1")
        .workspace();
    let e = evaluate(&ws);
    assert_eq!(outcome(&e, "P1"), Outcome::Incomplete);
    let s = e
        .application(&pid("P1"))
        .and_then(|r| r.scores.as_ref())
        .expect("scored");
    assert!(s.gaps().any(|(_, g)| *g == Gap::NobodyCanScore));
}

#[test]
fn a_missing_score_or_reason_is_incomplete_never_zero() {
    let mut b = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .all_score(&M, "P1", "0.8", "0.8", "20");
    // m2 has not scored C; m3 wrote no reason for B.
    std::sync::Arc::make_mut(&mut b.parts.sheets[1])
        .scores
        .retain(|s| s.criterion.as_str() != "C");
    if let Some(s) = std::sync::Arc::make_mut(&mut b.parts.sheets[2])
        .scores
        .iter_mut()
        .find(|s| s.criterion.as_str() == "B")
    {
        s.reason = "  ".into();
    }
    let e = evaluate(&b.workspace());
    assert_eq!(outcome(&e, "P1"), Outcome::Incomplete);
    let s = e
        .application(&pid("P1"))
        .and_then(|r| r.scores.as_ref())
        .expect("scored");
    let gaps: Vec<&Gap> = s.gaps().map(|(_, g)| g).collect();
    assert!(gaps.contains(&&Gap::NotScored { member: mid("m2") }));
    assert!(gaps.contains(&&Gap::NoReason { member: mid("m3") }));
    assert_eq!(s.total, None);
    assert!(e.lots[&lid("L1")].provisional);
}

#[test]
fn a_single_application_gets_full_rescaled_points() {
    let mut c = call();
    c.criteria[0].rescale = true;
    let ws = Build::new(c, &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .all_score(&M, "P1", "0.6", "0.6", "15")
        .workspace();
    let e = evaluate(&ws);
    let s = e
        .application(&pid("P1"))
        .and_then(|r| r.scores.as_ref())
        .expect("scored");
    assert_eq!(
        s.criteria[&cid("A")]
            .points_before_rescaling
            .map(|p| p.to_string())
            .as_deref(),
        Some("24.00")
    );
    assert_eq!(
        s.criteria[&cid("A")]
            .points
            .map(|p| p.to_string())
            .as_deref(),
        Some("40.00")
    );
    assert_eq!(outcome(&e, "P1"), Outcome::Funded);
    assert_eq!(
        e.application(&pid("P1")).and_then(|r| r.granted),
        Some(money("18000.00"))
    );
}

#[test]
fn every_application_below_the_threshold_leaves_the_funds_untouched() {
    let mut c = call();
    c.overall_min = Some(points("90"));
    let ws = Build::new(c, &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(application(
            "P2", "L1", "20000.00", "2000.00", "18000.00", 1,
        ))
        .all_score(&M, "P1", "0.8", "0.8", "20")
        .all_score(&M, "P2", "1", "1", "15") // 85 < 90
        .workspace();
    let e = evaluate(&ws);
    assert_eq!(outcome(&e, "P1"), Outcome::BelowThreshold);
    assert_eq!(outcome(&e, "P2"), Outcome::BelowThreshold);
    let lot = &e.lots[&lid("L1")];
    assert!(lot.ranking.is_empty());
    assert_eq!(lot.granted, money("0"));
    assert_eq!(lot.remaining, money("100000.00"));
}

#[test]
fn thresholds_are_judged_before_rescaling() {
    // 0,4 × 40 = 16 < 20 before rescaling, although riparametrazione would give 40.
    let mut c = call();
    c.criteria[0].rescale = true;
    c.criteria[0].min = Some(points("20"));
    let ws = Build::new(c, &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .all_score(&M, "P1", "0.4", "1", "30")
        .workspace();
    let e = evaluate(&ws);
    assert_eq!(outcome(&e, "P1"), Outcome::BelowThreshold);
    let s = e
        .application(&pid("P1"))
        .and_then(|r| r.scores.as_ref())
        .expect("scored");
    assert_eq!(
        s.threshold_failures
            .iter()
            .map(|f| f.code())
            .collect::<Vec<_>>(),
        ["A"]
    );
    // Out of the competition, it is not rescaled.
    assert_eq!(
        s.criteria[&cid("A")]
            .points
            .map(|p| p.to_string())
            .as_deref(),
        Some("16.00")
    );
}

fn three_way(budget_for: usize, draw: Option<&[&str]>) -> Evaluation {
    let mut c = call();
    c.lots[0].budget = money(&format!("{}.00", 20000 * budget_for));
    let mut b = Build::new(c, &M)
        .app(application(
            "P1", "L1", "22222.23", "2222.23", "20000.00", 0,
        ))
        .app(application(
            "P2", "L1", "22222.23", "2222.23", "20000.00", 1,
        ))
        .app(application(
            "P3", "L1", "22222.23", "2222.23", "20000.00", 2,
        ))
        .app(application(
            "P4", "L1", "22222.23", "2222.23", "20000.00", 3,
        ));
    for p in ["P1", "P2", "P3"] {
        b = b.all_score(&M, p, "0.8", "0.6", "20");
    }
    b = b.all_score(&M, "P4", "0.6", "0.6", "20");
    if let Some(order) = draw {
        b = b.draw("L1", order);
    }
    evaluate(&b.workspace())
}

#[test]
fn a_three_way_tie_that_decides_the_funding_waits_for_a_draw() {
    let e = three_way(2, None);
    for p in ["P1", "P2", "P3"] {
        assert_eq!(outcome(&e, p), Outcome::TieUnresolved, "{p}");
        assert_eq!(e.application(&pid(p)).and_then(|r| r.rank()), Some(1));
        assert_eq!(
            e.application(&pid(p)).and_then(|r| r.granted),
            Some(money("0"))
        );
    }
    assert_eq!(outcome(&e, "P4"), Outcome::PendingTie);
    assert_eq!(e.application(&pid("P4")).and_then(|r| r.rank()), Some(4));
    assert!(e.lots[&lid("L1")].halted_by_tie);
}

#[test]
fn a_draw_settles_the_three_way_tie() {
    let e = three_way(2, Some(&["P3", "P1", "P2"]));
    assert_eq!(outcome(&e, "P3"), Outcome::Funded);
    assert_eq!(outcome(&e, "P1"), Outcome::Funded);
    assert_eq!(outcome(&e, "P2"), Outcome::EligibleNotFunded);
    assert_eq!(outcome(&e, "P4"), Outcome::EligibleNotFunded);
    let ranks: Vec<u32> = ["P3", "P1", "P2", "P4"]
        .iter()
        .filter_map(|p| e.application(&pid(p)).and_then(|r| r.rank()))
        .collect();
    assert_eq!(ranks, [1, 2, 3, 4]);
    let place = e
        .application(&pid("P1"))
        .and_then(|r| r.place.clone())
        .expect("placed");
    assert!(matches!(place.tie, Tie::SettledByDraw { .. }));
}

#[test]
fn a_tie_that_fits_the_funds_needs_no_draw() {
    let e = three_way(4, None);
    for p in ["P1", "P2", "P3", "P4"] {
        assert_eq!(outcome(&e, p), Outcome::Funded, "{p}");
    }
    assert!(!e.lots[&lid("L1")].halted_by_tie);
}

#[test]
fn tie_breaks_apply_in_the_call_order() {
    let mut c = call();
    c.tie_breaks = vec![TieBreak::Criterion(cid("A")), TieBreak::EarlierSubmission];
    let ws = Build::new(c, &M)
        // Same total (0,8×40 + 0,6×30 = 50 vs 0,6×40 + 0,8×30 + 2 points... kept equal below).
        .app(application(
            "P1", "L1", "22222.23", "2222.23", "20000.00", 5,
        ))
        .app(application(
            "P2", "L1", "22222.23", "2222.23", "20000.00", 1,
        ))
        .app(application(
            "P3", "L1", "22222.23", "2222.23", "20000.00", 9,
        ))
        .all_score(&M, "P1", "0.6", "0.8", "20") // 24 + 24 + 20 = 68
        .all_score(&M, "P2", "0.6", "0.8", "20") // the same, received earlier
        .all_score(&M, "P3", "0.8", "0.4", "24") // 32 + 12 + 24 = 68, more on A
        .workspace();
    let e = evaluate(&ws);
    let order: Vec<String> = e.lots[&lid("L1")]
        .ranking
        .iter()
        .map(|p| p.protocol.to_string())
        .collect();
    assert_eq!(order, ["P3", "P2", "P1"]);
}

#[test]
fn partial_funding_and_skipping() {
    let mut c = call();
    c.lots[0].budget = money("50000.00");
    let build = |c| {
        Build::new(c, &M)
            .app(application(
                "P1", "L1", "33333.34", "3333.34", "30000.00", 0,
            ))
            .app(application(
                "P2", "L1", "33333.34", "3333.34", "30000.00", 1,
            ))
            .app(application(
                "P3", "L1", "11111.12", "1111.12", "10000.00", 2,
            ))
            .all_score(&M, "P1", "1", "1", "30")
            .all_score(&M, "P2", "0.8", "0.8", "25")
            .all_score(&M, "P3", "0.6", "0.6", "20")
            .workspace()
    };
    c.lots[0].allocation = Allocation::UntilExhausted {
        partial: true,
        skip_when_not_fitting: false,
    };
    let e = evaluate(&build(c.clone()));
    assert_eq!(outcome(&e, "P2"), Outcome::PartiallyFunded);
    assert_eq!(
        e.application(&pid("P2")).and_then(|r| r.granted),
        Some(money("20000.00"))
    );
    assert_eq!(outcome(&e, "P3"), Outcome::EligibleNotFunded);

    c.lots[0].allocation = Allocation::UntilExhausted {
        partial: false,
        skip_when_not_fitting: true,
    };
    let e = evaluate(&build(c.clone()));
    assert_eq!(outcome(&e, "P2"), Outcome::EligibleNotFunded);
    assert_eq!(outcome(&e, "P3"), Outcome::Funded);
    assert_eq!(e.lots[&lid("L1")].remaining, money("10000.00"));

    c.lots[0].allocation = Allocation::UntilExhausted {
        partial: false,
        skip_when_not_fitting: false,
    };
    let e = evaluate(&build(c));
    assert_eq!(outcome(&e, "P3"), Outcome::EligibleNotFunded);
}

#[test]
fn subcriteria_levels_and_declared_figures() {
    let mut c = call();
    c.criteria = vec![
        Criterion {
            min: Some(points("10")),
            ..criterion(
                "A",
                "40",
                Scoring::Subcriteria(vec![
                    criterion("A.1", "25", Scoring::Coefficient),
                    criterion(
                        "A.2",
                        "15",
                        Scoring::Points {
                            step: Some(points("0.5")),
                        },
                    ),
                ]),
            )
        },
        criterion(
            "F",
            "10",
            Scoring::Levels(vec![
                Level {
                    id: LevelId::new("si").expect("id"),
                    label: "Sì".into(),
                    points: points("10"),
                },
                Level {
                    id: LevelId::new("no").expect("id"),
                    label: "No".into(),
                    points: points("0"),
                },
            ]),
        ),
        criterion(
            "G",
            "20",
            Scoring::Linear {
                measure: Measure::Declared { unit: "ore".into() },
            },
        ),
    ];
    let declared = |app: &mut commissione::domain::Application, f: &str, g: &str| {
        app.declared = vec![
            commissione::domain::Declared {
                criterion: cid("F"),
                value: f.into(),
            },
            commissione::domain::Declared {
                criterion: cid("G"),
                value: g.into(),
            },
        ];
    };
    let mut p1 = application("P1", "L1", "22222.23", "2222.23", "20000.00", 0);
    declared(&mut p1, "si", "120");
    let mut p2 = application("P2", "L1", "22222.23", "2222.23", "20000.00", 1);
    declared(&mut p2, "no", "300");
    let mut b = Build::new(c, &M).app(p1).app(p2);
    for m in M {
        b = b
            .score(m, "P1", "A.1", "0.8")
            .score(m, "P1", "A.2", "12.5")
            .score(m, "P2", "A.1", "0.4")
            .score(m, "P2", "A.2", "7");
    }
    let e = evaluate(&b.workspace());
    let s1 = e
        .application(&pid("P1"))
        .and_then(|r| r.scores.as_ref())
        .expect("P1");
    let p =
        |s: &commissione::rules::Scores, c: &str| s.criteria[&cid(c)].points.map(|p| p.to_string());
    assert_eq!(p(s1, "A.1").as_deref(), Some("20.00"));
    assert_eq!(p(s1, "A.2").as_deref(), Some("12.50"));
    assert_eq!(p(s1, "A").as_deref(), Some("32.50"));
    assert_eq!(p(s1, "F").as_deref(), Some("10.00"));
    // 120 hours against the best 300: 20 × 120 / 300 = 8.
    assert_eq!(p(s1, "G").as_deref(), Some("8.00"));
    assert_eq!(total(&e, "P1").as_deref(), Some("50.50"));
    let s2 = e
        .application(&pid("P2"))
        .and_then(|r| r.scores.as_ref())
        .expect("P2");
    assert_eq!(p(s2, "A").as_deref(), Some("17.00"));
    assert_eq!(p(s2, "G").as_deref(), Some("20.00"));
}

#[test]
fn a_second_rescaling_brings_the_best_total_to_the_maximum() {
    let mut c = call();
    c.rescale_totals = true;
    let ws = Build::new(c, &M)
        .app(application(
            "P1", "L1", "22222.23", "2222.23", "20000.00", 0,
        ))
        .app(application(
            "P2", "L1", "22222.23", "2222.23", "20000.00", 1,
        ))
        .all_score(&M, "P1", "0.8", "0.8", "24") // 32 + 24 + 24 = 80
        .all_score(&M, "P2", "0.6", "0.6", "18") // 24 + 18 + 18 = 60
        .workspace();
    let e = evaluate(&ws);
    assert_eq!(total(&e, "P1").as_deref(), Some("100.00"));
    assert_eq!(total(&e, "P2").as_deref(), Some("75.00"));
    let s = e
        .application(&pid("P2"))
        .and_then(|r| r.scores.as_ref())
        .expect("P2");
    assert_eq!(
        s.total_before_rescaling.map(|t| t.to_string()).as_deref(),
        Some("60.00")
    );
}

#[test]
fn diagnostics_show_progress_discord_and_severity() {
    let ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(application(
            "P2", "L1", "20000.00", "2000.00", "18000.00", 1,
        ))
        .all_score(&["m1", "m2"], "P1", "0.8", "0.8", "20")
        .score("m3", "P1", "A", "0.2")
        .score("m3", "P1", "B", "0.6")
        .score("m3", "P1", "C", "15")
        .all_score(&["m1", "m2"], "P2", "0.6", "0.6", "18")
        .workspace();
    let e = evaluate(&ws);
    let m3 = e
        .diagnostics
        .progress
        .iter()
        .find(|p| p.member == mid("m3"))
        .expect("m3");
    assert_eq!((m3.applications_done, m3.applications_to_score), (1, 2));
    // What is left to finish, by name: m3 scored P1 whole and P2 not at all.
    assert_eq!(m3.unfinished, vec![pid("P2")]);
    assert!(m3.is_unfinished(&pid("P2")));
    assert!(!m3.is_unfinished(&pid("P1")));
    assert_eq!((m3.marks_done, m3.marks_to_give), (3, 6));
    let d = &e.diagnostics.discordances;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        (d[0].application.as_str(), d[0].criterion.as_str()),
        ("P1", "A")
    );
    assert_eq!(d[0].lowest.0, mid("m3"));
    let severity: Vec<(String, Decimal)> = e
        .diagnostics
        .severity
        .iter()
        .map(|s| (s.member.to_string(), s.mean_gap))
        .collect();
    let m3_gap = severity
        .iter()
        .find(|(m, _)| m == "m3")
        .map(|(_, g)| *g)
        .expect("m3");
    assert!(m3_gap < Decimal::ZERO, "m3 is the strictest: {severity:?}");
    // m3 against the others' mean: A 0,2 − 0,8, B 0,6 − 0,8, C (15 − 20) / 30, over 3 marks.
    // m1 (and m2): A 0,8 − 0,5, B 0,8 − 0,7, C (20 − 17,5) / 30, and three zeros on P2.
    assert_eq!(
        severity,
        vec![
            ("m1".to_string(), "0.081".parse().expect("decimal")),
            ("m2".to_string(), "0.081".parse().expect("decimal")),
            ("m3".to_string(), "-0.322".parse().expect("decimal")),
        ]
    );
    let compared: Vec<usize> = e
        .diagnostics
        .severity
        .iter()
        .map(|s| s.marks_compared)
        .collect();
    assert_eq!(compared, vec![6, 6, 3]);
    assert_eq!(d[0].spread.to_string(), "0.60");
    assert_eq!(d[0].highest.1.to_string(), "0.8");
}

#[test]
fn a_ceiling_per_project_is_checked() {
    let mut c = call();
    c.funding.max_contribution_per_project = Some(money("15000.00"));
    let ws = Build::new(c, &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(application(
            "P2", "L1", "15000.00", "1500.00", "13500.00", 1,
        ))
        .workspace();
    let e = evaluate(&ws);
    let cap = finding(&e, "P1", Rule::ProjectCap);
    assert_eq!(cap.check, Check::Fail);
    assert_eq!(cap.figures.excess, Some(money("3000.00")));
    let text = cap.message.to_string();
    assert!(
        text.contains("massimo per progetto di € 15.000,00"),
        "{text}"
    );
    assert_eq!(finding(&e, "P2", Rule::ProjectCap).check, Check::Pass);
}

#[test]
fn a_sheet_keeps_exactly_its_valid_scores() {
    use commissione::domain::{Conflict, ConflictKind, Declaration, Score, ScoreSheet};
    let mut ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(application(
            "P2", "L1", "20000.00", "2000.00", "18000.00", 1,
        ))
        .app(application(
            "P3", "L1", "20000.00", "2000.00", "18000.00", 2,
        ))
        .workspace();
    let score = |p: &str, c: &str, v: &str| Score {
        application: pid(p),
        criterion: cid(c),
        value: points(v),
        reason: "motivo".into(),
    };
    let mut sheet = ScoreSheet::new(mid("m1"));
    sheet.declarations.push(Declaration {
        application: pid("P3"),
        conflict: Some(Conflict {
            kind: ConflictKind::Other,
            note: String::new(),
        }),
    });
    // Out of order on purpose: the check sorts the sheet before walking it.
    sheet.scores = vec![
        score("P2", "C", "10"),
        score("P1", "A", "0.8"),
        score("P1", "AA", "0.8"),
        score("P1", "B", "0.6"),
        score("P1", "B", "0.4"),
        score("P1", "C", "31"),
        score("P0", "A", "0.8"),
        score("P3", "A", "0.8"),
        score("P2", "A", "0.6"),
        score("P9", "B", "0.6"),
    ];
    let problems = ws.put_sheet(sheet.clone()).expect_err("refused");
    let said: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    assert_eq!(said.len(), 6, "{said:#?}");
    for fragment in [
        "la candidatura «P0» non esiste",
        "il criterio «AA» non esiste",
        "il punteggio di «P1» sul criterio «B» è ripetuto",
        "31 punti superano il massimo del criterio «C»",
        "non può valutarla",
        "la candidatura «P9» non esiste",
    ] {
        assert!(
            said.iter().any(|m| m.contains(fragment)),
            "{fragment}: {said:#?}"
        );
    }
    // Without the bad scores the same sheet is taken whole, in normal order.
    sheet.scores.retain(|s| {
        !matches!(
            (
                s.application.as_str(),
                s.criterion.as_str(),
                s.value.to_string().as_str()
            ),
            ("P1", "AA", _)
                | ("P1", "B", "0.4")
                | ("P1", "C", _)
                | ("P0", ..)
                | ("P3", ..)
                | ("P9", ..)
        )
    });
    ws.put_sheet(sheet).expect("a valid sheet");
    let kept: Vec<(String, String)> = ws.sheets()[&mid("m1")]
        .scores
        .iter()
        .map(|s| (s.application.to_string(), s.criterion.to_string()))
        .collect();
    let pairs = [("P1", "A"), ("P1", "B"), ("P2", "A"), ("P2", "C")];
    assert_eq!(
        kept,
        pairs.map(|(a, c)| (a.to_string(), c.to_string())).to_vec()
    );
}

/// The case: figures near 10^9, a minimum share of 0,333333, a six-decimal maximum
/// and six decimals in the call. The linear criterion's fractions outgrow 128 bits (for P3 the
/// product max × x / x_max does), yet every application is fully scored: the figures are
/// those of a plain fraction computation (Python's `fractions`), and P3, best on A, wins.
#[test]
fn a_linear_criterion_on_huge_figures_is_scored_exactly() {
    let mut c = call();
    c.decimals = 6;
    c.lots[0].budget = money("1000000000.00");
    c.lots[0].allocation = Allocation::SingleWinner;
    c.funding.min_cofinancing_share = Some(share("0.333333"));
    c.criteria = vec![
        criterion("A", "40", Scoring::Coefficient),
        criterion(
            "D",
            "12.345678",
            Scoring::Linear {
                measure: Measure::CofinancingShareAboveMinimum,
            },
        ),
    ];
    let app = |p: &str, cost: &str, cofinancing: &str, requested: &str, minute: u32| {
        application(p, "L1", cost, cofinancing, requested, minute)
    };
    let mut b = Build::new(c, &M)
        .app(app("P1", "991670246.29", "495802769.56", "495867476.73", 0))
        .app(app("P2", "932803870.12", "321889754.86", "610914115.26", 1))
        .app(app("P3", "962255167.07", "391687100.55", "570568066.52", 2));
    for m in M {
        b = b
            .score(m, "P1", "A", "0.8")
            .score(m, "P2", "A", "0.6")
            .score(m, "P3", "A", "1");
    }
    let e = evaluate(&b.workspace());
    for p in ["P1", "P2", "P3"] {
        let s = e
            .application(&pid(p))
            .and_then(|r| r.scores.as_ref())
            .expect("scored");
        assert!(s.complete(), "{p}: {:?}", s.gaps().collect::<Vec<_>>());
    }
    let d = |p: &str| {
        e.application(&pid(p))
            .and_then(|r| r.scores.as_ref())
            .and_then(|s| s.points(&cid("D")))
            .map(|d| d.to_string())
    };
    assert_eq!(d("P1").as_deref(), Some("12.345678"));
    assert_eq!(d("P2").as_deref(), Some("0.870142"));
    assert_eq!(d("P3").as_deref(), Some("5.461664"));
    assert_eq!(total(&e, "P1").as_deref(), Some("44.345678"));
    assert_eq!(total(&e, "P2").as_deref(), Some("24.870142"));
    assert_eq!(total(&e, "P3").as_deref(), Some("45.461664"));
    let rank = |p: &str| e.application(&pid(p)).and_then(|r| r.rank());
    assert_eq!(
        [rank("P3"), rank("P1"), rank("P2")],
        [Some(1), Some(2), Some(3)]
    );
    assert_eq!(outcome(&e, "P3"), Outcome::Funded);
    assert_eq!(outcome(&e, "P1"), Outcome::EligibleNotFunded);
}

/// The same applicant twice in a lot (the same application registered under two protocols,
/// the tax code written with spaces and "IT" the second time) is a finding the commission
/// decides on: neither is ranked on the checks alone, and a recorded decision prevails.
#[test]
fn the_same_applicant_twice_in_a_lot_awaits_the_commission() {
    let mut twice = application("P2", "L1", "20000.00", "2000.00", "18000.00", 1);
    let code = application("P1", "L1", "20000.00", "2000.00", "18000.00", 0)
        .applicant
        .tax_code;
    twice.applicant.tax_code = format!("IT {} {}", &code[..5], &code[5..]);
    let other = application("P3", "L1", "20000.00", "2000.00", "18000.00", 2);
    let mut b = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(twice.clone())
        .app(other);
    for p in ["P1", "P2", "P3"] {
        b = b.all_score(&M, p, "0.8", "0.8", "24");
    }
    let e = evaluate(&b.workspace());
    for (p, other) in [("P1", "P2"), ("P2", "P1")] {
        let f = finding(&e, p, Rule::SameTaxCode);
        assert_eq!(f.check, Check::Fail, "{p}");
        let text = f.message.to_string();
        assert!(
            text.contains(&format!(
                "ha presentato nel lotto anche la candidatura {other}"
            )) && text.contains("la commissione decide quale considerare"),
            "{text}"
        );
        // No decision recorded: the checks only propose the exclusion.
        assert_eq!(outcome(&e, p), Outcome::ExclusionProposed);
        assert_eq!(e.application(&pid(p)).and_then(|r| r.rank()), None);
    }
    assert_eq!(finding(&e, "P3", Rule::SameTaxCode).check, Check::Pass);
    assert_eq!(e.application(&pid("P3")).and_then(|r| r.rank()), Some(1));
}

/// Three applications of one applicant in a lot: each names the other two, never itself (the
/// group's list is shared, each leaves itself out when it is written).
#[test]
fn each_of_three_applications_of_one_applicant_names_the_other_two() {
    let code = application("P1", "L1", "20000.00", "2000.00", "18000.00", 0)
        .applicant
        .tax_code;
    let mut b = Build::new(call(), &M);
    for p in ["P1", "P2", "P3"] {
        let mut a = application(p, "L1", "20000.00", "2000.00", "18000.00", 0);
        a.applicant.tax_code = code.clone();
        b = b.app(a).all_score(&M, p, "0.8", "0.8", "24");
    }
    let e = evaluate(&b.workspace());
    for (p, others) in [("P1", "P2, P3"), ("P2", "P1, P3"), ("P3", "P1, P2")] {
        let f = finding(&e, p, Rule::SameTaxCode);
        assert_eq!(f.check, Check::Fail, "{p}");
        let text = f.message.to_string();
        assert!(
            text.contains(&format!("anche le candidature {others}:")),
            "{p}: {text}"
        );
    }
}

/// An application without budget lines, or asking for nothing, fails a check that says so.
#[test]
fn no_budget_lines_or_nothing_requested_fails_its_check() {
    let mut empty = application("P1", "L1", "20000.00", "0", "0.00", 0);
    empty.budget.clear();
    let nothing = application("P2", "L1", "20000.00", "20000.00", "0.00", 1);
    let e = evaluate(
        &Build::new(call(), &M)
            .app(empty)
            .app(nothing)
            .app(application(
                "P3", "L1", "20000.00", "2000.00", "18000.00", 2,
            ))
            .workspace(),
    );
    let lines = finding(&e, "P1", Rule::BudgetLines);
    assert_eq!(lines.check, Check::Fail);
    assert!(
        lines
            .message
            .to_string()
            .contains("Il piano finanziario non ha voci di costo"),
        "{}",
        lines.message
    );
    let requested = finding(&e, "P2", Rule::Requested);
    assert_eq!(requested.check, Check::Fail);
    assert!(
        requested
            .message
            .to_string()
            .contains("Il contributo richiesto è di € 0,00: la candidatura non chiede nulla"),
        "{}",
        requested.message
    );
    assert_eq!(outcome(&e, "P1"), Outcome::ExclusionProposed);
    assert_eq!(outcome(&e, "P2"), Outcome::ExclusionProposed);
    assert_eq!(finding(&e, "P3", Rule::BudgetLines).check, Check::Pass);
    assert_eq!(finding(&e, "P3", Rule::Requested).check, Check::Pass);
}

/// What the score sheet shows is worked out by the rules (`rules::sheet`), not by the window: a
/// member's subtotal (their marks as they are worth, the criteria they have not marked) and
/// whether the others' marks may be shown to them (independent judgement).
#[test]
fn a_members_subtotal_and_independent_judgement_come_from_the_rules() {
    use commissione::rules::sheet::{sees_others_marks, subtotal};
    let build = |call| {
        Build::new(call, &M)
            .app(application(
                "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
            ))
            .conflict("m3", "P1")
            .score("m1", "P1", "A", "1")
            .score("m1", "P1", "C", "20")
            .score("m2", "P1", "A", "0.6")
            .score("m2", "P1", "B", "0.8")
            .score("m2", "P1", "C", "25")
            .workspace()
    };
    let ws = build(call());
    let e = evaluate(&ws);
    // m1: A 40 × 1 = 40, C 20 points, B not marked.
    let m1 = subtotal(&ws, &e, &mid("m1"), &pid("P1"));
    assert_eq!((m1.points, m1.missing), (Decimal::from(60), 1));
    // m2: A 40 × 0,6 = 24, B 30 × 0,8 = 24, C 25.
    let m2 = subtotal(&ws, &e, &mid("m2"), &pid("P1"));
    assert_eq!((m2.points, m2.missing), (Decimal::from(73), 0));

    let p1 = pid("P1");
    assert!(
        !sees_others_marks(&ws, Some(&mid("m1")), &p1),
        "B not marked"
    );
    assert!(sees_others_marks(&ws, Some(&mid("m2")), &p1));
    assert!(sees_others_marks(&ws, Some(&mid("m3")), &p1), "abstains");
    assert!(sees_others_marks(&ws, None, &p1), "the secretariat");
    let mut open = call();
    open.independent_judgement = false;
    let ws = build(open);
    assert!(sees_others_marks(&ws, Some(&mid("m1")), &p1), "turned off");
}
