//! What the window's tests share: opening a call in a harness the size of a laptop screen,
//! clicking by label, reading the evaluation behind the window.

use std::path::{Path, PathBuf};

use commissione::app::App;
use commissione::domain::{CriterionId, MemberId, Protocol};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::Outcome;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;

pub fn protocol(p: &str) -> Protocol {
    Protocol::new(p).unwrap()
}

pub fn member(m: &str) -> MemberId {
    MemberId::new(m).unwrap()
}

/// The window on a laptop screen, opened on `dir` as `actor`.
pub fn harness(dir: &Path, actor: Actor) -> Harness<'static, App> {
    let app = App::open(dir, actor).expect("the example opens");
    Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

pub fn outcome(h: &Harness<App>, p: &str) -> Outcome {
    let work = h.state().work().expect("a call is open");
    work.editor()
        .evaluation()
        .application(&protocol(p))
        .expect("the application is evaluated")
        .outcome
}

/// Example A with Marco Neri (m2) not having scored P3 yet.
pub fn example_with_pending_scores() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = common::fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("open");
    for c in ["A", "B", "C"] {
        editor
            .apply(Command::Score {
                member: member("m2"),
                application: protocol("P3"),
                criterion: CriterionId::new(c).unwrap(),
                value: None,
                reason: String::new(),
            })
            .expect("remove a score");
    }
    drop(editor);
    (tmp, dir)
}

pub fn click(h: &mut Harness<App>, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

/// Runs the window until it is still; a session being closed is waited for, frame by frame
/// (its thread may take a while on a loaded machine: no time limit but a generous count).
pub fn settle(h: &mut Harness<App>) {
    h.step();
    for _ in 0..100_000 {
        if !h.state().sealing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    assert!(!h.state().sealing(), "the session is still being closed");
    h.run();
}

/// A fresh copy of the Sondrio sample, as `commissione sample` writes it.
pub fn sondrio() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sondrio");
    commissione::samples::write("sondrio-coworking", &dir).unwrap();
    (tmp, dir)
}

/// Steps the window until `done` (a background job has finished), for at most ten seconds.
pub fn wait_for(h: &mut Harness<App>, done: impl Fn(&Harness<App>) -> bool) {
    for _ in 0..500 {
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    panic!(
        "the background job did not finish: {:?}",
        h.state().errors()
    );
}

// Forms: the helpers of the tests that set up a call.

/// Types `text` in the field named `label`, over what it held, and ends with Enter.
pub fn fill(h: &mut Harness<App>, label: &str, text: &str) {
    type_in(h, label, text);
    h.key_press(egui::Key::Enter);
    h.run();
}

/// Types `text` in the field named `label`, over what it held, without ending the field.
pub fn type_in(h: &mut Harness<App>, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

pub fn press(h: &mut Harness<App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// Opens the drop-down named `combo` and picks `option` (the last node with that label: the
/// open list is drawn over the rest).
pub fn choose(h: &mut Harness<App>, combo: &str, option: &str) {
    press(h, combo);
    if h.query_all_by_label(option).next().is_none() {
        for n in h.query_all(egui_kittest::kittest::By::new()) {
            let l = egui_kittest::kittest::NodeT::accesskit_node(&n);
            eprintln!("{:?} {:?} {:?}", l.role(), l.label(), l.value());
        }
    }
    let last = h.get_all_by_label(option).count() - 1;
    h.get_all_by_label(option).nth(last).unwrap().click();
    h.run();
}

/// Goes to a view by its button in the side panel.
pub fn view(h: &mut Harness<App>, title: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, title)
        .click();
    h.run();
}

pub fn errors(h: &Harness<App>) -> Vec<String> {
    h.state().errors()
}

pub fn assert_clean(h: &Harness<App>) {
    assert!(errors(h).is_empty(), "{:?}", errors(h));
    assert!(!h.state().work().unwrap().unsaved(), "a draft is not saved");
}

/// The start screen, with no call open and none remembered as the last one.
pub fn start_screen(tmp: &Path) -> Harness<'static, App> {
    let settings = commissione::app::Settings {
        recent: vec![tmp.join("nessuno")],
        ..Default::default()
    };
    let mut app = App::new(settings, None);
    app.set_open_documents(false);
    Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}
