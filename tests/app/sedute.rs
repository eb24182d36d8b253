//! Closing a session from the window, its seal and the verbale kept at closing; a change to
//! what it fixed refused, then made as an amendment (rettifica) in the next session.

use commissione::app::{App, View, strings as s};
use commissione::domain::{CriterionId, Session, SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common;
use crate::common::session;
use crate::support::*;

fn the_session(h: &Harness<App>, id: &str) -> Session {
    h.state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .session(&SessionId::new(id).unwrap())
        .cloned()
        .expect("the session exists")
}

/// Replaces the text of the field labelled `label` and presses Enter.
fn retype(h: &mut Harness<App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn a_session_is_closed_from_the_window_and_its_verbale_is_the_one_kept() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_SEDUTE);
    click(&mut h, s::NEW_SESSION);
    assert!(the_session(&h, "s1").seal.is_none());

    // Without its end time the session cannot close: the confirmation says so.
    click(&mut h, s::CLOSE_SESSION);
    h.get_by_label(&s::close_session_title(1));
    h.get_by_label(s::CLOSE_SESSION_EXPLAIN);
    h.get_by_label(s::CLOSE_SESSION_FIXES);
    h.get_by_label(s::CLOSE_SESSION_NEEDS_END);
    assert!(
        h.get_by_label(s::CLOSE_SESSION_CONFIRM)
            .accesskit_node()
            .is_disabled()
    );
    click(&mut h, s::GO_BACK);
    assert!(h.query_by_label(&s::close_session_title(1)).is_none());

    retype(&mut h, s::SESSION_END, "12:30");
    click(&mut h, s::CLOSE_SESSION);
    // The closing is first shown under way, drawn before the window gets busy with it.
    h.get_by_label(s::CLOSE_SESSION_CONFIRM).click();
    for _ in 0..4 {
        if h.query_by_label(&s::closing_session_title(1)).is_some() {
            break;
        }
        h.step();
    }
    h.get_by_label(&s::closing_session_title(1));
    h.get_by_label(s::CLOSING_SESSION_WAIT);
    assert!(h.state().sealing());
    settle(&mut h);
    assert!(h.query_by_label(&s::closing_session_title(1)).is_none());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());

    let closed = the_session(&h, "s1");
    let seal = closed.seal.clone().expect("the session is sealed");
    h.get_by_label(&s::session_closed(1));
    h.get_by_label_contains(&seal.sha256);
    assert!(dir.join("sedute/s1.verbale.json").is_file());
    // A closed session is not edited any more, nor closed again.
    assert!(h.query_by_label(s::CLOSE_SESSION).is_none());
    assert!(h.query_by_label(s::DELETE_SESSION).is_none());
    // What it fixed is listed, collapsed until asked for.
    let fixed = s::session_fixed(seal.covers.len());
    let p1_data = commissione::coverage::describe("candidatura:P1");
    assert!(h.query_by_label(&p1_data).is_none());
    click(&mut h, &fixed);
    h.get_by_label(&p1_data);
    // Closing cannot be undone.
    assert!(!h.state().work().unwrap().can_undo());

    // The verbale is drawn from the record kept when the session closed...
    h.state_mut().set_open_documents(false);
    h.get_by_label(s::MINUTES_KEPT);
    h.get_by_label(s::EXPORT_MINUTES).click();
    h.step();
    let pdf = dir.join("verbali").join("verbale-01-s1.pdf");
    let written = s::export_done(&pdf.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    let bytes = std::fs::read(&pdf).unwrap();
    assert_eq!(
        commissione::minutes::seal_in_pdf(&bytes).as_deref(),
        Some(seal.sha256.as_str())
    );
    // The very bytes sealed at closing, with the metadata of the final version beside them.
    let sealed = dir
        .join("verbali")
        .join("sigillati")
        .join("verbale-01-s1.pdf");
    assert!(std::fs::read(sealed).unwrap() == bytes);
    let metadata =
        std::fs::read_to_string(dir.join("verbali").join("verbale-01-s1.metadati.json")).unwrap();
    assert!(
        metadata.contains("\"VersioneDelDocumento\": \"1\""),
        "{metadata}"
    );
    // ...so that a kept record altered afterwards stops the export, as on the command line.
    let kept = dir.join("sedute/s1.verbale.json");
    let mut record = std::fs::read(&kept).unwrap();
    record.extend_from_slice(b" ");
    std::fs::write(&kept, record).unwrap();
    h.get_by_label(s::EXPORT_MINUTES).click();
    h.step();
    let altered = commissione::minutes::MinutesError::KeptRecordAltered.to_string();
    wait_for(&mut h, |h| h.state().errors().contains(&altered));
}

/// Example A with its scoring session s1 closed and session s2 open.
pub fn closed_then_open() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = common::fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::ReservedScoring,
            "2026-03-10",
        ))))
        .unwrap();
    editor
        .apply(Command::CloseSession(SessionId::new("s1").unwrap()))
        .unwrap();
    editor
        .apply(Command::PutSession(Box::new(session(
            "s2",
            2,
            SessionKind::Final,
            "2026-03-20",
        ))))
        .unwrap();
    drop(editor);
    (tmp, dir)
}

#[test]
fn a_fixed_score_is_refused_then_changed_as_an_amendment_with_its_reason() {
    let (_tmp, dir) = closed_then_open();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    // Anna Verdi's sheet, on P1: she gave "buono" on A; "1" gives "ottimo".
    h.get_by_label_contains("P1 · Proposta P1");
    // The sheet says beforehand that these scores are fixed.
    h.get_by_label(&s::scores_fixed(1, "10/03/2026"));
    let score = |h: &Harness<App>| {
        h.state()
            .work()
            .unwrap()
            .editor()
            .workspace()
            .score(
                &member("m1"),
                &protocol("P1"),
                &CriterionId::new("A").unwrap(),
            )
            .map(|s| s.value.to_string())
    };
    assert_eq!(score(&h).as_deref(), Some("0.8"));
    h.key_press(Key::Num1);
    h.run();
    // Refused, with the sentence that says what the closed session fixed.
    let errors = h.state().errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("il verbale n. 1 (seduta del 10/03/2026, chiusa) ha fissato i punteggi di m1 sulla candidatura P1"),
        "{errors:?}"
    );
    assert_eq!(score(&h).as_deref(), Some("0.8"));

    // The secretariat may make it as an amendment in session 2: the reason is required.
    click(&mut h, &s::amend_in(2));
    h.get_by_label(&s::amend_title(2));
    // The dialog says what the amendment changes.
    h.get_by_label(&s::amend_score(
        "Anna Verdi",
        "P1",
        "A",
        "1,0",
        "Valutazione di m1 sul criterio A della proposta P1.",
    ));
    click(&mut h, s::AMEND_CONFIRM);
    h.get_by_label(s::AMEND_REASON_REQUIRED);
    assert_eq!(score(&h).as_deref(), Some("0.8"));
    h.get_by_label(s::AMEND_REASON).click();
    h.run();
    h.get_by_label(s::AMEND_REASON)
        .type_text("Errore materiale di trascrizione del giudizio, rilevato in seduta.");
    h.run();
    click(&mut h, s::AMEND_CONFIRM);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    h.get_by_label(&s::amended(2));
    assert_eq!(score(&h).as_deref(), Some("1.0"));

    // Session 2 records it, and the Sedute view lists it with its reason.
    let s2 = the_session(&h, "s2");
    assert_eq!(s2.amendments.len(), 1);
    assert_eq!(s2.amendments[0].item, "valutazione:P1:m1");
    assert_eq!(s2.amendments[0].closed.as_str(), "s1");
    click(&mut h, s::VIEW_SEDUTE);
    assert_eq!(h.state().view(), View::Sedute);
    h.get_by_label(s::SESSION_AMENDMENTS);
    h.get_by_label(&s::amendment(
        1,
        &s::amended_session(1, "10/03/2026"),
        "i punteggi di m1 sulla candidatura P1",
    ));
    h.get_by_label(&s::amendment_reason(
        "Errore materiale di trascrizione del giudizio, rilevato in seduta.",
    ));
}

#[test]
fn a_reason_typed_on_a_fixed_score_is_amended_and_its_draft_dropped() {
    let (_tmp, dir) = closed_then_open();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    retype(&mut h, "Motivazione, criterio B", "Motivazione riscritta.");
    assert_eq!(h.state().errors().len(), 1);
    assert!(h.state().work().unwrap().unsaved());
    click(&mut h, &s::amend_in(2));
    click(&mut h, s::AMEND_REASON);
    h.get_by_label(s::AMEND_REASON)
        .type_text("Motivazione trascritta in modo incompleto.");
    h.run();
    click(&mut h, s::AMEND_CONFIRM);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let work = h.state().work().unwrap();
    assert!(!work.unsaved(), "the draft was made as the amendment");
    let reason = work
        .editor()
        .workspace()
        .score(
            &member("m1"),
            &protocol("P1"),
            &CriterionId::new("B").unwrap(),
        )
        .map(|s| s.reason.clone());
    assert_eq!(reason.as_deref(), Some("Motivazione riscritta."));
}

#[test]
fn without_an_open_session_after_it_no_amendment_is_offered() {
    let (_tmp, dir) = closed_then_open();
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    editor
        .apply(Command::RemoveSession(SessionId::new("s2").unwrap()))
        .unwrap();
    drop(editor);
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(h.state().errors().len(), 1);
    h.get_by_label(s::AMEND_NEEDS_SESSION);
    assert!(
        h.query_by_label_contains("Rettifica nella seduta")
            .is_none()
    );
    // And a commissioner is never offered one: amendments are the secretariat's.
    let (_tmp, dir) = closed_then_open();
    let mut h = harness(&dir, Actor::Member(member("m1")));
    h.run();
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(h.state().errors().len(), 1);
    assert!(
        h.query_by_label_contains("Rettifica nella seduta")
            .is_none()
    );
}

#[test]
fn a_fixed_score_changed_by_hand_is_said_loudly_at_the_top() {
    let (_tmp, dir) = closed_then_open();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    assert!(h.query_by_label(s::SEALED_DATA_CHANGED).is_none());
    drop(h);
    common::edit(
        &dir.join("schede/m2.ron"),
        "value: \"0.6\"",
        "value: \"1.0\"",
    );
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    // Not in a collapsed line: the banner and each sentence are on screen.
    h.get_by_label(s::SEALED_DATA_CHANGED);
    h.get_by_label_contains("SENZA RETTIFICA: i punteggi di m2 sulla candidatura P1");
    assert_eq!(
        h.state().work().unwrap().editor().sealed_warnings().len(),
        1
    );
}
