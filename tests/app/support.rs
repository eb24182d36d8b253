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
