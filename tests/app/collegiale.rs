//! Valutazione → Giudizio collegiale: the members' marks and reasons side by side, the
//! collegial motivazione and a member's dissent recorded by the secretariat in the open session.

use commissione::app::{View, strings as s};
use commissione::domain::{SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};

use egui_kittest::kittest::Queryable;

use crate::common;
use crate::support::*;

#[test]
fn the_secretariat_records_a_collegial_motivazione_and_a_dissent() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("open");
    editor
        .apply(Command::PutSession(Box::new(common::session(
            "s1",
            1,
            SessionKind::ReservedScoring,
            "2026-11-21",
        ))))
        .expect("a session");
    drop(editor);
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    view(&mut h, View::Valutazione.title());
    click(&mut h, s::TAB_COLLEGIAL);
    choose(&mut h, s::COLLEGIAL_APPLICATION, "P2 · Associazione P2");
    // The marks side by side: Giulia Russo abstains on P2.
    h.get_by_label(s::COLLEGIAL_ABSTAINS);
    h.get_by_label(s::COLLEGIAL_NONE);

    type_in(
        &mut h,
        s::COLLEGIAL_REASON,
        "La rete di partner è ampia e radicata nel quartiere",
    );
    press(&mut h, &s::dissent_of("Marco Neri"));
    type_in(
        &mut h,
        &s::dissent_reason_of("Marco Neri"),
        "la rete esiste solo sulla carta",
    );
    press(&mut h, s::COLLEGIAL_RECORD);
    assert_clean(&h);

    let work = h.state().work().unwrap();
    let session = work
        .editor()
        .workspace()
        .session(&SessionId::new("s1").unwrap())
        .unwrap();
    assert_eq!(session.collegial.len(), 1);
    let c = &session.collegial[0];
    assert_eq!(c.application.as_str(), "P2");
    assert_eq!(c.criterion.as_str(), "A");
    assert_eq!(
        c.reason,
        "La rete di partner è ampia e radicata nel quartiere"
    );
    assert_eq!(c.dissents.len(), 1);
    assert_eq!(c.dissents[0].member.as_str(), "m2");
    assert_eq!(c.dissents[0].note, "la rete esiste solo sulla carta");
    // The view shows it as recorded in the session.
    h.get_by_label(&s::collegial_in_session(1, "21/11/2026"));
    h.get_by_label(&s::dissent_line(
        "Marco Neri",
        "la rete esiste solo sulla carta",
    ));
}

#[test]
fn a_member_reads_the_collegial_step_but_does_not_record_it() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Member(member("m1")));
    h.run();
    view(&mut h, View::Valutazione.title());
    click(&mut h, s::TAB_COLLEGIAL);
    h.get_by_label(s::COLLEGIAL_READ_ONLY);
    assert!(h.query_by_label(s::COLLEGIAL_RECORD).is_none());
}
