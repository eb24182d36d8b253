//! Graduatoria → Eventi successivi: a renunciation recorded from the window in the open
//! session, the allocation sliding to the next, the closed final session untouched.

use commissione::app::{App, View, strings as s};
use commissione::domain::{EventKind, Money, SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::Outcome;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;
use crate::support::*;

/// Example A with its final session (s1) closed: P2 selected with € 96.000,00; a second
/// session (s2) open.
fn ranked() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = common::fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("open");
    let final_session = common::session("s1", 1, SessionKind::Final, "2026-11-28");
    editor
        .apply(Command::PutSession(Box::new(final_session)))
        .expect("the final session");
    editor
        .apply(Command::CloseSession(SessionId::new("s1").unwrap()))
        .expect("closed");
    let later = common::session("s2", 2, SessionKind::Final, "2026-12-05");
    editor
        .apply(Command::PutSession(Box::new(later)))
        .expect("a later session");
    drop(editor);
    (tmp, dir)
}

fn granted(h: &Harness<App>, p: &str) -> Option<Money> {
    h.state()
        .work()
        .unwrap()
        .editor()
        .evaluation()
        .application(&protocol(p))
        .unwrap()
        .granted
}

#[test]
fn a_renunciation_recorded_in_the_window_passes_the_allocation_to_the_second() {
    let (_tmp, dir) = ranked();
    let sealed = std::fs::read(dir.join("verbali/sigillati/verbale-01-s1.pdf")).unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    assert_eq!(outcome(&h, "P2"), Outcome::Funded);
    click(&mut h, View::Graduatoria.title());
    click(&mut h, s::TAB_EVENTS);
    h.get_by_label(s::EVENTS_NONE);

    choose(
        &mut h,
        s::EVENT_APPLICATION,
        "P2 · Associazione P2 (selezionata per la co-progettazione)",
    );
    type_in(
        &mut h,
        s::EVENT_ACT,
        "nota PEC prot. n. 9120 del 01/12/2026",
    );
    type_in(
        &mut h,
        s::EVENT_REASON,
        "rinuncia per indisponibilità della sede",
    );
    press(&mut h, s::EVENT_RECORD);
    assert_clean(&h);

    // The allocation follows: P2 keeps its place and renounces, P1 takes the grant.
    assert_eq!(outcome(&h, "P2"), Outcome::Renounced);
    assert_eq!(outcome(&h, "P1"), Outcome::Funded);
    assert_eq!(granted(&h, "P1"), Some(Money::parse("129000.00").unwrap()));
    h.get_by_label(&s::event_line(
        "Rinuncia",
        "P2",
        2,
        "nota PEC prot. n. 9120 del 01/12/2026",
        "rinuncia per indisponibilità della sede",
    ));
    h.get_by_label(" · € 129.000,00");
    // Recorded in the open session, through the editor (its file and the journal).
    let work = h.state().work().unwrap();
    let s2 = work
        .editor()
        .workspace()
        .session(&SessionId::new("s2").unwrap())
        .unwrap();
    assert_eq!(s2.events.len(), 1);
    assert_eq!(s2.events[0].kind, EventKind::Renunciation);
    let file = std::fs::read_to_string(dir.join("sedute/s2.ron")).unwrap();
    assert!(file.contains("Renunciation"), "{file}");
    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(
        journal.contains("rinuncia della candidatura P2 nella seduta s2"),
        "{journal}"
    );
    // The closed final session is as it was sealed.
    assert_eq!(
        std::fs::read(dir.join("verbali/sigillati/verbale-01-s1.pdf")).unwrap(),
        sealed
    );
    // The form emptied; a second renunciation of P2 is not offered (P2 is not selected any more).
    assert!(
        h.query_by_label("P2 · Associazione P2 (selezionata per la co-progettazione)")
            .is_none()
    );
}

#[test]
fn a_member_sees_the_events_but_does_not_record_them() {
    let (_tmp, dir) = ranked();
    let mut h = harness(&dir, Actor::Member(member("m1")));
    h.run();
    click(&mut h, View::Graduatoria.title());
    click(&mut h, s::TAB_EVENTS);
    h.get_by_label(s::EVENT_READ_ONLY);
    assert!(h.query_by_label(s::EVENT_RECORD).is_none());
}
