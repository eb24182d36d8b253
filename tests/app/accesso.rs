//! Sedute → Accesso agli atti: a competitor's request registered, granted and answered with
//! its bundle from the window; the release journaled in the register.

use commissione::app::{View, strings as s};
use commissione::domain::{AccessId, AccessOutcome, SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use egui_kittest::kittest::Queryable;

use crate::common;
use crate::support::*;

#[test]
fn a_request_is_registered_granted_and_its_bundle_released_from_the_window() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("open");
    editor
        .apply(Command::PutSession(Box::new(common::session(
            "s1",
            1,
            SessionKind::Final,
            "2026-11-28",
        ))))
        .expect("the final session");
    editor
        .apply(Command::CloseSession(SessionId::new("s1").unwrap()))
        .expect("closed");
    drop(editor);

    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    view(&mut h, View::Sedute.title());
    click(&mut h, s::TAB_ACCESS);
    h.get_by_label(s::ACCESS_NONE);
    type_in(&mut h, s::ACCESS_RECEIVED_ON, "01/12/2026");
    type_in(&mut h, s::ACCESS_REQUESTER, "Associazione P1");
    choose(&mut h, s::ACCESS_OWN_APPLICATION, "P1 · Associazione P1");
    press(&mut h, s::ACCESS_REGISTER);
    assert_clean(&h);
    // In the register with its 30-day deadline.
    // (Whether it is past depends on today: the state after it is not asserted.)
    h.get_by_label_contains(
        "a1 · pervenuta il 01/12/2026 · Associazione P1 · termine 31/12/2026 · ",
    );

    type_in(&mut h, s::ACCESS_DECIDED_ON, "14/12/2026");
    press(&mut h, s::ACCESS_DECIDE);
    assert_clean(&h);
    press(&mut h, s::ACCESS_RELEASE);
    for _ in 0..5 {
        h.run();
    }
    assert_clean(&h);

    let work = h.state().work().unwrap();
    let register = work.editor().workspace().access();
    let request = register.request(&AccessId::new("a1").unwrap()).unwrap();
    assert_eq!(
        request.decision.as_ref().map(|d| d.outcome),
        Some(AccessOutcome::Granted)
    );
    assert_eq!(request.releases.len(), 1);
    let folder = dir.join(&request.releases[0].folder);
    assert!(folder.join("accesso-a1.pdf").is_file(), "{folder:?}");
    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(journal.contains("accessi.ron"), "{journal}");
}

#[test]
fn a_member_reads_the_register_but_does_not_change_it() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Member(member("m1")));
    h.run();
    view(&mut h, View::Sedute.title());
    click(&mut h, s::TAB_ACCESS);
    h.get_by_label(s::ACCESS_READ_ONLY);
    assert!(h.query_by_label(s::ACCESS_REGISTER).is_none());
}
