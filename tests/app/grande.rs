//! A large call in the window (issue 18, points 2 and 6): search and filters in Ammissibilità
//! and Valutazione, the application picker with *Prossima da valutare*, the score matrix with
//! frozen columns at 20 criteria, lot names and the summary of the lots, and nothing cut at
//! 1366×768. The calls are synthetic (`commissione sample large`), a few hundred applications.

use std::path::PathBuf;

use commissione::app::{App, View, strings as s};
use commissione::domain::{CriterionId, Protocol};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::Outcome;
use commissione::samples::large::{Size, generate};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::support::*;

/// 300 applications in 3 lots, 3 members, 20 criteria.
fn large() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("grande");
    let size = Size {
        applications: 300,
        lots: 3,
        members: 3,
        criteria: 20,
        seed: 7,
    };
    commissione::workspace::write_new(&dir, &generate(size).unwrap()).unwrap();
    (tmp, dir)
}

/// The label of an application's row in Ammissibilità: protocol and applicant.
fn row(n: usize) -> String {
    format!("2026/{n:06} · Associazione di promozione sociale n. {n}")
}

/// Opens the drop-down `combo` and picks `option` (a button: lot names are labels in the rows
/// too).
fn pick(h: &mut Harness<App>, combo: &str, option: &str) {
    press(h, combo);
    h.get_by_role_and_label(Role::Button, option).click();
    h.run();
}

fn present(h: &Harness<App>, label: &str) -> bool {
    h.query_by_role_and_label(Role::Button, label).is_some()
}

#[test]
fn ammissibilita_is_searched_and_filtered_by_lot_outcome_and_decision() {
    let (_tmp, dir) = large();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    view(&mut h, s::VIEW_AMMISSIBILITA);
    assert!(present(&h, &row(1)));
    // Application n is in lot n % 3: the second lot starts with n. 2.
    pick(&mut h, s::LOT, "Ambito territoriale 2");
    assert!(!present(&h, &row(1)));
    assert!(present(&h, &row(2)));
    // Far down the list, found by its protocol.
    assert!(!present(&h, &row(152)));
    type_in(&mut h, s::SEARCH, "000152");
    assert!(present(&h, &row(152)));
    assert!(!present(&h, &row(2)));
    press(&mut h, s::CLEAR_FILTERS);
    assert!(present(&h, &row(1)));

    // An application excluded at the opening is decided: "only undecided" leaves it out.
    let work = h.state().work().unwrap();
    let eval = work.editor().evaluation();
    let decided = eval
        .applications
        .values()
        .find(|r| r.admission.decided)
        .map(|r| r.protocol.clone())
        .expect("the opening session excluded some");
    let n: usize = decided.as_str()[5..].parse().unwrap();
    type_in(&mut h, s::SEARCH, &format!("{n:06}"));
    assert!(present(&h, &row(n)));
    press(&mut h, s::ONLY_UNDECIDED);
    assert!(!present(&h, &row(n)));
    h.get_by_label(s::NO_APPLICATIONS_MATCH);
    press(&mut h, s::CLEAR_FILTERS);

    // By outcome: the funded ones, the first of them at the top.
    let work = h.state().work().unwrap();
    let eval = work.editor().evaluation();
    let first = |keep: &dyn Fn(Outcome) -> bool| {
        eval.applications
            .values()
            .find(|r| keep(r.outcome))
            .map(|r| r.protocol.as_str()[5..].parse::<usize>().unwrap())
            .unwrap()
    };
    let funded = first(&|o| o == Outcome::Funded);
    let other = first(&|o| o != Outcome::Funded);
    pick(&mut h, s::OUTCOME, "finanziata");
    assert!(present(&h, &row(funded)));
    assert!(!present(&h, &row(other)));
    assert_clean(&h);
}

/// The member's applications, as the sheet lists them, and two left unfinished.
fn unfinished_sheet(dir: &std::path::Path) -> (Vec<Protocol>, [Protocol; 2]) {
    let mut editor = Editor::open(dir, Actor::Secretariat).unwrap();
    let member = member("c1");
    let ws = editor.workspace();
    let list: Vec<Protocol> = editor
        .evaluation()
        .applications
        .values()
        .filter(|r| r.admission.admitted() && !ws.abstains(&member, &r.protocol))
        .map(|r| r.protocol.clone())
        .collect();
    let left = [list[40].clone(), list[120].clone()];
    for p in &left {
        editor
            .apply(Command::Score {
                member: member.clone(),
                application: p.clone(),
                criterion: CriterionId::new("C01").unwrap(),
                value: None,
                reason: String::new(),
            })
            .unwrap();
    }
    (list, left)
}

fn heading(h: &Harness<App>, p: &Protocol) -> bool {
    let title = h
        .state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .application(p)
        .unwrap()
        .title
        .clone();
    h.query_by_label(&format!("{p} · {title}")).is_some()
}

#[test]
fn the_application_picker_is_searched_opens_at_the_current_one_and_finds_the_next_to_score() {
    let (_tmp, dir) = large();
    let (list, [a, b]) = unfinished_sheet(&dir);
    let mut h = harness(&dir, Actor::Member(member("c1")));
    h.run();
    assert_eq!(h.state().view(), View::Valutazione);
    // The sheet opens on the first application not finished; the next one and then, round
    // the list, the first again.
    assert!(heading(&h, &a));
    press(&mut h, s::NEXT_TO_SCORE);
    assert!(heading(&h, &b));
    press(&mut h, s::NEXT_TO_SCORE);
    assert!(heading(&h, &a));

    // The picker opens at the application shown, 41st of the list: drawn, in sight.
    press(&mut h, s::APPLICATION_PICK);
    let label = format!(
        "{a} · Associazione di promozione sociale n. {} ({})",
        a.as_str()[5..].parse::<usize>().unwrap(),
        s::MARK_TODO
    );
    let shown = h.get_by_role_and_label(Role::Button, &label).rect();
    assert!(shown.top() > 0.0 && shown.bottom() < 768.0, "{shown:?}");
    // Searched: another application, far down, chosen from the picker.
    let far = &list[200];
    h.get_by_label(s::PICKER_SEARCH)
        .type_text(&far.as_str()[5..]);
    h.run();
    let far_label = format!("{far} · {} ({})", applicant(&h, far), s::MARK_DONE);
    h.get_by_role_and_label(Role::Button, &far_label).click();
    h.run();
    assert!(heading(&h, far));
    assert!(h.query_by_label(s::PICKER_SEARCH).is_none(), "closed");

    // Only what is left: the two applications, from the first.
    press(&mut h, s::ONLY_UNFINISHED);
    assert!(heading(&h, &a));
    h.get_by_label(&s::position(1, 2));
    assert_clean(&h);
}

fn applicant(h: &Harness<App>, p: &Protocol) -> String {
    let ws = h.state().work().unwrap().editor().workspace();
    ws.application(p).unwrap().applicant.name.clone()
}

#[test]
fn the_score_matrix_keeps_protocol_and_applicant_while_twenty_criteria_scroll() {
    let (_tmp, dir) = large();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    view(&mut h, s::VIEW_VALUTAZIONE);
    press(&mut h, s::TAB_MATRIX);
    let work = h.state().work().unwrap();
    let eval = work.editor().evaluation();
    let first_of = |lot: &str| {
        eval.applications
            .values()
            .find(|r| r.admission.admitted() && r.lot.as_str() == lot)
            .map(|r| r.protocol.to_string())
            .unwrap()
    };
    let (first, second_lot) = (first_of("lotto-1"), first_of("lotto-2"));
    h.get_by_label("C01");
    let protocol = h.get_by_label(&first).rect();
    // The last criterion members judge (C20 is computed from the co-financing), brought into
    // sight by scrolling the criteria sideways: it is on the screen, right of the frozen
    // columns, which have not moved.
    h.get_by_label("C19").scroll_to_me();
    h.run();
    h.run();
    let last = h.get_by_label("C19").rect();
    assert!(last.right() <= 1366.0, "{last:?}");
    assert!(
        last.left() > protocol.right() + 200.0,
        "{last:?} {protocol:?}"
    );
    assert_eq!(h.get_by_label(&first).rect(), protocol);
    assert!(
        h.get_by_label(&applicant(&h, &Protocol::new(&first).unwrap()))
            .rect()
            .right()
            < last.left()
    );

    // One criterion, one lot.
    pick(&mut h, s::CRITERION, "C05 · Criterio 5 di valutazione");
    h.get_by_label("C05");
    assert!(h.query_by_label("C01").is_none());
    pick(&mut h, s::LOT, "Ambito territoriale 2");
    h.get_by_label(&second_lot);
    assert!(h.query_by_label(&first).is_none());
    assert_clean(&h);
}

#[test]
fn lots_are_named_and_summed_up_in_the_ranking() {
    let (_tmp, dir) = large();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    // The Candidature table names the lot, not its id.
    assert_eq!(h.state().view(), View::Candidature);
    h.get_all_by_label("Ambito territoriale 1").next().unwrap();
    assert!(h.query_by_label("lotto-1").is_none());

    view(&mut h, s::VIEW_GRADUATORIA);
    press(&mut h, s::TAB_ALL_LOTS);
    let work = h.state().work().unwrap();
    let eval = work.editor().evaluation();
    let lots: Vec<_> = eval.lots.values().collect();
    let euro = |m: commissione::domain::Money| commissione::italian::euro(m);
    let sum = |f: &dyn Fn(&commissione::rules::LotResult) -> commissione::domain::Money| {
        lots.iter()
            .map(|l| f(l))
            .sum::<commissione::domain::Money>()
    };
    let funded = eval
        .applications
        .values()
        .filter(|r| matches!(r.outcome, Outcome::Funded | Outcome::PartiallyFunded))
        .count();
    let expected = [
        "Ambito territoriale 1".to_string(),
        "Ambito territoriale 3".to_string(),
        "300".to_string(),
        funded.to_string(),
        euro(sum(&|l| l.ceiling)),
        euro(sum(&|l| l.granted)),
        euro(sum(&|l| l.remaining)),
        euro(lots[1].granted),
    ];
    for text in expected {
        h.get_all_by_label(&text)
            .next()
            .unwrap_or_else(|| panic!("{text} is not shown"));
    }
    assert_clean(&h);
}

/// At 1366×768 the ranking's notes end inside the window, cut with "…", whole on hover.
#[test]
fn the_ranking_fits_a_laptop_screen() {
    let (_tmp, dir) = sondrio();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    view(&mut h, s::VIEW_GRADUATORIA);
    let note = h.get_by_label_contains("sotto la soglia");
    let rect = note.rect();
    assert!(rect.right() <= 1366.0, "{rect:?}");
    let text = note.accesskit_node().label().unwrap_or_default();
    note.hover();
    h.run();
    // The tooltip is the whole note.
    assert!(h.get_all_by_label(&text).count() >= 2);
}
