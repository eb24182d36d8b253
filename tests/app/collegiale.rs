//! Valutazione → Giudizio collegiale: the members' marks and reasons side by side, the
//! collegial motivazione and a member's dissent recorded by the secretariat in the open session.

use commissione::app::{View, strings as s};
use commissione::domain::{SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::Outcome;

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

/// The call's option «punteggio collegiale», turned on where the call is set up; the
/// collegial step then takes the commission's mark beside the motivazione, and the mark counts:
/// an application waits for the commission's marks on its other criteria.
#[test]
fn with_the_collegial_mark_turned_on_the_form_takes_the_commissions_mark() {
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
    assert_eq!(outcome(&h, "P2"), Outcome::Funded);
    view(&mut h, View::Avviso.title());
    press(&mut h, s::TAB_CRITERIA);
    press(&mut h, s::COLLEGIAL_MARK_CHOICE);
    assert_clean(&h);
    let work = h.state().work().unwrap();
    assert!(work.editor().workspace().call().collegial_mark);
    // The members' marks no longer make the points: every application waits for the
    // commission's marks.
    assert_eq!(outcome(&h, "P2"), Outcome::Incomplete);

    view(&mut h, View::Valutazione.title());
    // A member's sheet says that their marks are reported and the commission's counts.
    h.get_by_label(s::SUBTOTAL_NOTE_COLLEGIAL);
    click(&mut h, s::TAB_COLLEGIAL);
    h.get_by_label(s::COLLEGIAL_MARK_COUNTS);
    choose(&mut h, s::COLLEGIAL_APPLICATION, "P2 · Associazione P2");
    h.get_by_label(&s::collegial_marks_missing("A, B, C"));
    press(&mut h, "buono 0,8");
    type_in(&mut h, s::COLLEGIAL_REASON, "Proposta solida, rete ampia");
    press(&mut h, s::COLLEGIAL_RECORD);
    assert_clean(&h);

    let work = h.state().work().unwrap();
    let ws = work.editor().workspace();
    let c = &ws
        .session(&SessionId::new("s1").unwrap())
        .unwrap()
        .collegial[0];
    assert_eq!(c.value.map(|v| v.to_string()), Some("0.8".into()));
    h.get_by_label(&s::collegial_mark_line("buono (0,8)"));
    h.get_by_label(&s::collegial_marks_missing("B, C"));
    // The collegial mark counts on A: 40 × 0,8 before riparametrazione.
    let result = work
        .editor()
        .evaluation()
        .application(&protocol("P2"))
        .unwrap();
    let a = &result.scores.as_ref().unwrap().criteria
        [&commissione::domain::CriterionId::new("A").unwrap()];
    assert_eq!(a.collegial.map(|d| d.to_string()), Some("0.8".into()));
    assert_eq!(
        a.points_before_rescaling.map(|d| d.to_string()),
        Some("32.00".into())
    );
    assert_eq!(
        result.outcome,
        Outcome::Incomplete,
        "B and C wait for theirs"
    );
}
