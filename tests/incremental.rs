//! After a mark, the editor evaluates again only the lot of the application marked
//! (`rules::reevaluate_marks`): its evaluation must be, field for field, the one a full
//! evaluation of the same workspace gives, after every mark of a long random sequence (marks
//! raised, lowered, removed and given again, on every lot, by every member), on a synthetic call
//! of several lots and on the samples.

use std::collections::BTreeMap;
use std::path::Path;

use commissione::domain::{CriterionId, MemberId, Points, Protocol, Workspace};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::evaluate;
use commissione::samples::large::{Size, generate};
use commissione::workspace::write_new;

/// A small deterministic generator (the same sequence on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// The values members gave on each criterion, to give again elsewhere: valid by construction.
fn values_by_criterion(ws: &Workspace) -> BTreeMap<CriterionId, Vec<Points>> {
    let mut values: BTreeMap<CriterionId, Vec<Points>> = BTreeMap::new();
    for sheet in ws.sheets().values() {
        for score in &sheet.scores {
            let list = values.entry(score.criterion.clone()).or_default();
            if !list.contains(&score.value) {
                list.push(score.value);
            }
        }
    }
    values
}

/// Gives `count` random marks on members' sheets and compares the evaluations after each.
fn marks_agree_with_a_full_evaluation(dir: &Path, count: usize, seed: u64) -> usize {
    let ws = commissione::workspace::load(dir)
        .workspace
        .expect("the call loads");
    let values = values_by_criterion(&ws);
    let members: Vec<MemberId> = ws.sheets().keys().cloned().collect();
    let protocols: Vec<Protocol> = ws.applications().keys().cloned().collect();
    let criteria: Vec<CriterionId> = values.keys().cloned().collect();
    assert!(
        !members.is_empty() && !criteria.is_empty(),
        "a call with marks"
    );
    let mut rng = Lcg(seed);
    let mut given = 0;
    // The secretariat may give a mark on a member's sheet (as when copying a paper sheet), by
    // the same road as the member.
    let mut editor = Editor::open(dir, Actor::Secretariat).expect("the call opens");
    for step in 0..count {
        let member = members[rng.next(members.len())].clone();
        let application = protocols[rng.next(protocols.len())].clone();
        let criterion = criteria[rng.next(criteria.len())].clone();
        let choices = &values[&criterion];
        // One mark in five removed.
        let value = match rng.next(5) {
            0 => None,
            _ => Some(choices[rng.next(choices.len())]),
        };
        let command = Command::Score {
            member,
            application,
            criterion,
            value,
            reason: format!("motivazione {step}"),
        };
        if editor.apply(command).is_ok() {
            given += 1;
        }
        let full = evaluate(editor.workspace());
        assert!(
            editor.evaluation() == &full,
            "step {step}: the evaluation after the mark differs from a full one"
        );
        if step % 10 != 9 {
            continue;
        }
        // Also as the call reads from disk: the marks were saved.
        let reloaded = commissione::workspace::load(dir)
            .workspace
            .expect("the call loads");
        assert!(
            evaluate(&reloaded) == full,
            "step {step}: saved differently"
        );
    }
    given
}

#[test]
fn a_synthetic_call_of_four_lots() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let ws = generate(Size {
        applications: 240,
        lots: 4,
        members: 4,
        criteria: 6,
        seed: 7,
    })
    .expect("a valid size");
    write_new(temp.path(), &ws).expect("the call is written");
    let given = marks_agree_with_a_full_evaluation(temp.path(), 60, 11);
    // Most marks must be accepted, or the comparison proves little.
    assert!(given >= 45, "only {given} of 60 marks were given");
}

#[test]
fn the_samples() {
    for name in ["sondrio-coworking", "milano-quartieri-connessi"] {
        let temp = tempfile::tempdir().expect("a temporary folder");
        commissione::samples::write(name, temp.path()).expect("the sample is written");
        marks_agree_with_a_full_evaluation(temp.path(), 30, 3);
    }
}
