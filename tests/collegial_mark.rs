//! The call option «punteggio collegiale» (`Call::collegial_mark`): the members' marks are
//! reported, the commission's collegial mark counts for each discretionary criterion, with the
//! criterion's riparametrazione as for any mark. Figures to the cent, worked by hand below.

mod common;

use commissione::domain::{Collegial, Scoring};
use commissione::rules::{Evaluation, Gap, Outcome, Ratio, evaluate};
use common::build::*;
use rust_decimal::Decimal;

const M: [&str; 3] = ["m1", "m2", "m3"];

/// A (40, coefficient, rescaled), B (30, coefficient), C (30, points, rescaled); P1 and P2 in
/// one lot of 100.000,00, both within it. The members give P1 A 1, B 0,8, C 20 and P2 A 0,6,
/// B 0,6, C 21, all three alike.
fn build(collegial_mark: bool) -> Build {
    let mut call = call();
    call.collegial_mark = collegial_mark;
    call.criteria[0].rescale = true;
    call.criteria[2].rescale = true;
    assert!(matches!(call.criteria[2].scoring, Scoring::Points { .. }));
    Build::new(call, &M)
        .app(application("P1", "L1", "10000.00", "1000.00", "9000.00", 1))
        .app(application("P2", "L1", "10000.00", "1000.00", "9000.00", 2))
        .all_score(&M, "P1", "1", "0.8", "20")
        .all_score(&M, "P2", "0.6", "0.6", "21")
}

fn mark(protocol: &str, criterion: &str, value: &str) -> Collegial {
    Collegial {
        value: Some(points(value)),
        ..collegial(protocol, criterion)
    }
}

/// The collegial marks: P1 A 0,4, B 0,8, C 13 points; P2 A 0,6, B 0,6, C 21 points.
fn marks() -> Vec<Collegial> {
    vec![
        mark("P1", "A", "0.4"),
        mark("P1", "B", "0.8"),
        mark("P1", "C", "13"),
        mark("P2", "A", "0.6"),
        mark("P2", "B", "0.6"),
        mark("P2", "C", "21"),
    ]
}

fn criterion(e: &Evaluation, p: &str, c: &str) -> (Option<String>, Option<String>) {
    let cs = &e
        .application(&pid(p))
        .unwrap()
        .scores
        .as_ref()
        .unwrap()
        .criteria[&cid(c)];
    (
        cs.points_before_rescaling.map(|d| d.to_string()),
        cs.points.map(|d| d.to_string()),
    )
}

fn total(e: &Evaluation, p: &str) -> String {
    let s = e.application(&pid(p)).unwrap().scores.as_ref().unwrap();
    format!(
        "{} / {}",
        s.total_before_rescaling.unwrap(),
        s.total.unwrap()
    )
}

fn rank(e: &Evaluation, p: &str) -> Option<u32> {
    e.application(&pid(p)).unwrap().rank()
}

#[test]
fn without_the_option_the_members_marks_count_and_a_collegial_mark_is_ignored() {
    // The members' means: P1 A 1, C 20 of 30; P2 A 0,6, C 21. A: P1 40,00, P2 40 × 0,6 / 1 =
    // 24,00. C rescaled on the best V (21/30): P1 30 × 20/21 = 28,571… → 28,57; P2 30,00.
    // P1 40 + 24 + 28,57 = 92,57 (before 40 + 24 + 20 = 84,00); P2 24 + 18 + 30 = 72,00.
    let plain = evaluate(&build(false).workspace());
    assert_eq!(total(&plain, "P1"), "84.00 / 92.57");
    assert_eq!(total(&plain, "P2"), "63.00 / 72.00");
    // Collegial judgements recorded with marks change nothing when the call has no such
    // option: the same figures, to the cent.
    let with = evaluate(&build(false).session_with("s1", marks(), vec![]).workspace());
    assert_eq!(total(&with, "P1"), "84.00 / 92.57");
    assert_eq!(total(&with, "P2"), "63.00 / 72.00");
    assert_eq!(
        criterion(&with, "P1", "C"),
        (Some("20.00".into()), Some("28.57".into()))
    );
    assert_eq!(rank(&with, "P1"), Some(1));
}

#[test]
fn with_the_option_the_collegial_mark_counts_with_its_own_riparametrazione() {
    let e = evaluate(&build(true).session_with("s1", marks(), vec![]).workspace());
    // A: P1 0,4 → 16,00 before; rescaled on the best collegial V (P2's 0,6): 40 × 0,4 / 0,6 =
    // 26,666… → 26,67. P2 24,00 → 40,00.
    assert_eq!(
        criterion(&e, "P1", "A"),
        (Some("16.00".into()), Some("26.67".into()))
    );
    assert_eq!(
        criterion(&e, "P2", "A"),
        (Some("24.00".into()), Some("40.00".into()))
    );
    // B, not rescaled: 30 × 0,8 = 24,00 and 30 × 0,6 = 18,00.
    assert_eq!(
        criterion(&e, "P1", "B"),
        (Some("24.00".into()), Some("24.00".into()))
    );
    // C in points: V = 13/30 and 21/30; 13,00 before; rescaled 30 × 13/21 = 18,571… → 18,57.
    assert_eq!(
        criterion(&e, "P1", "C"),
        (Some("13.00".into()), Some("18.57".into()))
    );
    assert_eq!(
        criterion(&e, "P2", "C"),
        (Some("21.00".into()), Some("30.00".into()))
    );
    // Totals: P1 26,67 + 24 + 18,57 = 69,24 (before 53,00); P2 40 + 18 + 30 = 88,00.
    assert_eq!(total(&e, "P1"), "53.00 / 69.24");
    assert_eq!(total(&e, "P2"), "63.00 / 88.00");
    // The ranking turns: the commission's marks count, not the members' (P1's mean on A is 1).
    assert_eq!(rank(&e, "P2"), Some(1));
    assert_eq!(rank(&e, "P1"), Some(2));
    let a = &e
        .application(&pid("P1"))
        .unwrap()
        .scores
        .as_ref()
        .unwrap()
        .criteria[&cid("A")];
    assert_eq!(a.mean, Some(Ratio::ONE));
    assert_eq!(a.collegial, Some(Decimal::new(4, 1)));
    assert_eq!(a.marks.len(), 3, "the members' marks are still reported");
}

#[test]
fn a_missing_collegial_mark_leaves_the_application_incomplete_and_a_later_one_replaces() {
    // P1 has no collegial mark on C: it waits for it, never scored as zero.
    let partial: Vec<Collegial> = marks()
        .into_iter()
        .filter(|c| !(c.application == pid("P1") && c.criterion == cid("C")))
        .collect();
    let e = evaluate(&build(true).session_with("s1", partial, vec![]).workspace());
    let p1 = e.application(&pid("P1")).unwrap();
    assert_eq!(p1.outcome, Outcome::Incomplete);
    let gaps: Vec<_> = p1.scores.as_ref().unwrap().gaps().collect();
    assert_eq!(gaps, vec![(&cid("C"), &Gap::NoCollegialMark)]);
    // A motivazione without a mark (an earlier version's, or the call's option turned on
    // later) leaves the same gap.
    let e = evaluate(
        &build(true)
            .session_with("s1", vec![collegial("P1", "A")], vec![])
            .workspace(),
    );
    let gaps = e
        .application(&pid("P1"))
        .unwrap()
        .scores
        .as_ref()
        .unwrap()
        .gaps()
        .count();
    assert_eq!(gaps, 3, "A without its mark, B and C without a judgement");

    // A later session's judgement replaces the earlier one: P1 A 0,6 instead of 0,4, equal to
    // the best, 40,00; P1 then totals 40 + 24 + 18,57 = 82,57.
    let e = evaluate(
        &build(true)
            .session_with("s1", marks(), vec![])
            .session_with("s2", vec![mark("P1", "A", "0.6")], vec![])
            .workspace(),
    );
    assert_eq!(
        criterion(&e, "P1", "A"),
        (Some("24.00".into()), Some("40.00".into()))
    );
    assert_eq!(total(&e, "P1"), "61.00 / 82.57");
}
