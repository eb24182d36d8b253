//! The Avviso view edits every part of a call, each edit one command that Ctrl+Z undoes and
//! Ctrl+Shift+Z redoes: lots added, moved and removed with their allocation; criteria moved,
//! removed, on levels or on a declared figure; the scoring rules; the funding rules and a
//! category's cap; the judgement scale, the documents, the legal forms; a member replaced.

use std::path::Path;

use commissione::app::{App, View, strings as s};
use commissione::domain::{Allocation, Call, CapBase, Date, Measure, RescaleAmong, Scoring};
use commissione::editor::Actor;
use commissione::templates::Template;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::nuovo::{assert_clean, choose, fill, press, type_in, view};
use crate::support::*;

/// A blank call, opened by the secretariat on the Avviso view.
fn blank(dir: &Path) -> Harness<'static, App> {
    commissione::templates::create(dir, Template::Blank, Date::parse("2026-03-02").unwrap())
        .unwrap();
    let mut h = harness(dir, Actor::Secretariat);
    h.run();
    view(&mut h, s::VIEW_AVVISO);
    assert_eq!(h.state().view(), View::Avviso);
    h
}

fn call(h: &Harness<App>) -> Call {
    h.state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .call()
        .clone()
}

/// The call as saved on disk.
fn saved(dir: &Path) -> Call {
    commissione::workspace::load(dir)
        .workspace
        .unwrap()
        .call()
        .clone()
}

fn undo(h: &mut Harness<App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

fn redo(h: &mut Harness<App>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
}

fn lot_ids(call: &Call) -> Vec<String> {
    call.lots.iter().map(|l| l.id.to_string()).collect()
}

fn criterion_ids(call: &Call) -> Vec<String> {
    call.criteria.iter().map(|c| c.id.to_string()).collect()
}

#[test]
fn lots_are_added_moved_removed_and_each_change_undone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    let mut h = blank(&dir);
    press(&mut h, s::TAB_LOTS);
    press(&mut h, s::ADD_LOT);
    press(&mut h, s::ADD_LOT);
    fill(&mut h, &s::lot_field(s::LOT_NAME, 3), "Spazio di via Roma");
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-2", "lotto-3"]);
    press(&mut h, &s::lot_field(s::SHIFT_UP, 3));
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3", "lotto-2"]);
    // The third shown is now lotto-2.
    press(&mut h, &s::lot_field(s::REMOVE_LOT, 3));
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3"]);
    assert_eq!(call(&h).lots[1].name, "Spazio di via Roma");

    choose(
        &mut h,
        &s::lot_field(s::LOT_ALLOCATION, 1),
        s::ALLOCATION_DOWN,
    );
    press(&mut h, &s::lot_field(s::ALLOCATION_PARTIAL, 1));
    assert_eq!(
        call(&h).lots[0].allocation,
        Allocation::UntilExhausted {
            partial: true,
            skip_when_not_fitting: false
        }
    );
    choose(
        &mut h,
        &s::lot_field(s::LOT_ALLOCATION, 2),
        s::ALLOCATION_PRO_RATA,
    );
    assert_eq!(call(&h).lots[1].allocation, Allocation::ProRata);
    assert_clean(&h);
    assert_eq!(saved(&dir), call(&h));

    // Back, one command at a time: the allocation, the partial funding, the removed lot.
    undo(&mut h);
    assert_eq!(call(&h).lots[1].allocation, Allocation::SingleWinner);
    undo(&mut h);
    undo(&mut h);
    undo(&mut h);
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3", "lotto-2"]);
    assert_eq!(saved(&dir), call(&h));
    redo(&mut h);
    assert_eq!(lot_ids(&call(&h)), ["lotto-1", "lotto-3"]);
    assert_eq!(saved(&dir), call(&h));
    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(journal.contains("lotto-2"), "{journal}");
}

#[test]
fn criteria_are_moved_removed_and_given_levels_or_a_declared_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    let mut h = blank(&dir);
    press(&mut h, s::TAB_CRITERIA);
    press(&mut h, s::ADD_CRITERION);
    press(&mut h, s::ADD_CRITERION);
    assert_eq!(criterion_ids(&call(&h)), ["A", "B", "C"]);
    press(&mut h, &s::criterion_field(s::SHIFT_UP, "C"));
    assert_eq!(criterion_ids(&call(&h)), ["A", "C", "B"]);
    press(&mut h, &s::criterion_field(s::REMOVE_CRITERION, "B"));
    assert_eq!(criterion_ids(&call(&h)), ["A", "C"]);

    // C on levels: Sì at its maximum and No at 0 to start with, one more added.
    choose(
        &mut h,
        &s::criterion_field(s::CRITERION_METHOD, "C"),
        s::METHOD_CHOICE_LEVELS,
    );
    press(&mut h, &s::criterion_field(s::ADD_LEVEL, "C"));
    fill(
        &mut h,
        &s::level_field(s::LEVEL_LABEL, "livello-3", "C"),
        "In parte",
    );
    fill(
        &mut h,
        &s::level_field(s::LEVEL_POINTS, "livello-3", "C"),
        "4",
    );
    let c = call(&h).criterion(&cid("C")).unwrap().clone();
    let Scoring::Levels(levels) = &c.scoring else {
        panic!("{:?}", c.scoring)
    };
    let levels: Vec<(String, String)> = levels
        .iter()
        .map(|l| (l.label.clone(), l.points.value().to_string()))
        .collect();
    assert_eq!(
        levels,
        [
            ("Sì".to_string(), c.max.value().to_string()),
            ("No".into(), "0".into()),
            ("In parte".into(), "4".into())
        ]
    );
    // A level worth more than the criterion is said beside it, and not saved.
    fill(
        &mut h,
        &s::level_field(s::LEVEL_POINTS, "livello-3", "C"),
        "40",
    );
    h.get_by_label_contains("«In parte» varrebbe 40 punti, più del massimo del criterio (10)");
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert_eq!(saved(&dir), call(&h));
    // And so is a maximum below a level.
    fill(&mut h, &s::criterion_field(s::CRITERION_MAX, "C"), "3");
    h.get_by_label_contains("«Sì» varrebbe 10 punti, più del massimo del criterio (3)");
    fill(&mut h, &s::criterion_field(s::CRITERION_MAX, "C"), "10");
    fill(
        &mut h,
        &s::level_field(s::LEVEL_POINTS, "livello-3", "C"),
        "5",
    );

    // A on a figure the applicant declares: its unit is asked for.
    choose(
        &mut h,
        &s::criterion_field(s::CRITERION_METHOD, "A"),
        s::METHOD_CHOICE_DECLARED,
    );
    h.get_by_label_contains("manca l'unità di misura del dato dichiarato");
    fill(
        &mut h,
        &s::criterion_field(s::DECLARED_UNIT_NAME, "A"),
        "ore di apertura settimanali",
    );
    assert!(
        h.query_by_label_contains("manca l'unità di misura")
            .is_none()
    );
    assert_eq!(
        call(&h).criterion(&cid("A")).unwrap().scoring,
        Scoring::Linear {
            measure: Measure::Declared {
                unit: "ore di apertura settimanali".into()
            }
        }
    );

    // The scoring rules: decimals, riparametrazione among all admitted, the second one.
    fill(&mut h, s::DECIMALS, "3");
    press(&mut h, s::RESCALE_AMONG_ADMITTED);
    press(&mut h, s::RESCALE_TOTALS_CHOICE);
    let c = call(&h);
    assert_eq!(
        (c.decimals, c.rescale_among, c.rescale_totals),
        (3, RescaleAmong::Admitted, true)
    );
    assert_clean(&h);
    assert_eq!(saved(&dir), call(&h));
    undo(&mut h);
    assert!(!call(&h).rescale_totals);
    assert_eq!(call(&h).rescale_among, RescaleAmong::Admitted);
    assert_eq!(saved(&dir), call(&h));
}

fn cid(c: &str) -> commissione::domain::CriterionId {
    commissione::domain::CriterionId::new(c).unwrap()
}
