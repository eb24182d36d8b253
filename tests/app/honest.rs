//! The window tells the record as it is (issue 13): files that could not be read are said at
//! the head of the ranking and stop a session from closing; a final session closes over
//! pending applications only after naming them; admitting despite failing checks, withdrawing
//! a conflict and recording a late integration each ask for what the law needs.

use commissione::app::{App, View, strings as s};
use commissione::domain::{
    AdmissionOutcome, Date, DocumentId, DocumentStatus, SessionId, SessionKind,
};
use commissione::editor::{Actor, Command, Editor};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common;
use crate::support::*;

fn sid(id: &str) -> SessionId {
    SessionId::new(id).unwrap()
}

fn disabled(h: &Harness<App>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().is_disabled()
}

#[test]
fn the_ranking_says_in_its_heading_what_an_unreadable_file_leaves_out() {
    let (_tmp, dir) = sondrio();
    common::edit(
        &dir.join("candidature/2026-0006391.ron"),
        "amount: \"62000.00\"",
        "amount: 34.000,00",
    );
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, View::Graduatoria.title());
    h.get_by_label(&s::left_out_heading(1, 0));
    h.get_by_label_contains("candidature/2026-0006391.ron:24:25");
    h.get_by_label(s::LEFT_OUT_HINT);

    // And no session closes: the confirmation says why and cannot be given.
    click(&mut h, s::VIEW_SEDUTE);
    click(&mut h, s::CLOSE_SESSION);
    h.get_by_label(s::CLOSE_SESSION_UNREADABLE);
    assert!(disabled(&h, s::CLOSE_SESSION_CONFIRM));
}

#[test]
fn a_final_session_with_pending_applications_closes_only_after_naming_them() {
    let (_tmp, dir) = sondrio();
    {
        let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
        let mut s3 = editor.workspace().session(&sid("s2")).unwrap().clone();
        s3.id = sid("s3");
        s3.number = 3;
        s3.kind = SessionKind::Final;
        s3.date = Date::parse("2026-03-26").unwrap();
        s3.notes = vec![];
        editor.apply(Command::PutSession(Box::new(s3))).unwrap();
    }
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_SEDUTE);
    click(&mut h, s::CLOSE_SESSION);
    // Two without a decision, two not scored by everyone.
    h.get_by_label(&s::close_pending_title(4));
    h.get_by_label(
        "2026/0006254 (Fondazione Valtellina Futura ETS): manca la decisione sull'ammissibilità (le verifiche propongono l'esclusione)",
    );
    h.get_by_label_contains("2026/0006498 (Valtellina Digitale APS): valutazione incompleta");
    assert!(disabled(&h, s::CLOSE_SESSION_CONFIRM));
    click(&mut h, s::CLOSE_PENDING_CONFIRM);
    assert!(!disabled(&h, s::CLOSE_SESSION_CONFIRM));
    click(&mut h, s::CLOSE_SESSION_CONFIRM);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let work = h.state().work().unwrap();
    let s3 = work.editor().workspace().session(&sid("s3")).unwrap();
    assert!(s3.is_closed());
}

#[test]
fn admitting_an_application_that_fails_its_checks_needs_a_reason() {
    let (_tmp, dir) = sondrio();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_AMMISSIBILITA);
    h.get_by_role_and_label(Role::Button, "2026/0006519 · Associazione Montagna Attiva")
        .click();
    h.run();
    let decided = |h: &Harness<App>| {
        let work = h.state().work().unwrap();
        let app = work
            .editor()
            .workspace()
            .application(&protocol("2026/0006519"));
        app.and_then(|a| a.decision.clone())
    };
    click(&mut h, s::DECIDE_ADMITTED);
    // Not recorded at once, as a passing application would be: the reason is required.
    h.get_by_label(s::DECISION_REASON_REQUIRED_FAILING);
    assert_eq!(decided(&h), None);
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(s::ADMISSION_NEEDS_REASON);
    assert_eq!(decided(&h), None);
    h.get_by_label(s::DECISION_REASON).click();
    h.run();
    h.get_by_label(s::DECISION_REASON)
        .type_text("Errore materiale nel piano finanziario, accertato dal RUP.");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let decision = decided(&h).expect("recorded with its reason");
    assert_eq!(decision.outcome, AdmissionOutcome::Admitted);
    assert_eq!(
        decision.reason,
        "Errore materiale nel piano finanziario, accertato dal RUP."
    );
}

#[test]
fn a_conflict_is_withdrawn_only_after_confirming_with_a_reason() {
    let (_tmp, dir) = sondrio();
    // Arch. Pedranzini declared a conflict on 2026/0006160.
    let mut h = harness(&dir, Actor::Member(member("pedranzini")));
    h.run();
    for _ in 0..6 {
        if h.query_by_label(s::YOU_ABSTAIN).is_some() {
            break;
        }
        h.key_press(Key::PageDown);
        h.run();
    }
    h.get_by_label_contains("2026/0006160");
    h.get_by_label(s::YOU_ABSTAIN);
    // While in conflict, "no conflict" cannot be declared in one click.
    assert!(h.query_by_label(s::DECLARE_NO_CONFLICT).is_none());
    click(&mut h, s::WITHDRAW_CONFLICT);
    h.get_by_label(s::WITHDRAW_CONFLICT_TITLE);
    h.get_by_label(s::WITHDRAW_CONFLICT_NEEDS_REASON);
    assert!(disabled(&h, s::WITHDRAW_CONFLICT_CONFIRM));
    h.get_by_label(s::WITHDRAW_CONFLICT_REASON).click();
    h.run();
    h.get_by_label(s::WITHDRAW_CONFLICT_REASON)
        .type_text("Dichiarato per errore: la collaborazione riguardava un altro ente.");
    h.run();
    assert!(!disabled(&h, s::WITHDRAW_CONFLICT_CONFIRM));
    click(&mut h, s::WITHDRAW_CONFLICT_CONFIRM);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.query_by_label(s::YOU_ABSTAIN).is_none());
    let work = h.state().work().unwrap();
    let sheet = work
        .editor()
        .workspace()
        .sheet(&member("pedranzini"))
        .unwrap();
    assert!(!sheet.abstains(&protocol("2026/0006160")));
    assert_eq!(
        sheet.withdrawals[0].reason,
        "Dichiarato per errore: la collaborazione riguardava un altro ente."
    );
}

#[test]
fn a_late_integration_needs_its_date_and_a_confirmation() {
    let (_tmp, dir) = sondrio();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_AMMISSIBILITA);
    h.get_by_role_and_label(Role::Button, "2026/0006498 · Valtellina Digitale APS")
        .click();
    h.run();
    let status = |h: &Harness<App>| {
        let work = h.state().work().unwrap();
        let app = work
            .editor()
            .workspace()
            .application(&protocol("2026/0006498"))
            .cloned()
            .unwrap();
        app.document(&DocumentId::new("dsan").unwrap())
            .map(|d| d.status)
    };
    let integrated = s::for_document(
        s::MARK_INTEGRATED,
        "Dichiarazione sostitutiva sul possesso dei requisiti (artt. 46 e 47 D.P.R. 445/2000)",
    );
    h.get_by_label(&integrated).scroll_to_me();
    h.run();
    // No date is assumed: today would be a guess.
    click(&mut h, &integrated);
    h.get_by_label(s::RECEIVED_ON_MISSING);
    assert!(matches!(
        status(&h),
        Some(DocumentStatus::IntegrationRequested { .. })
    ));
    h.get_by_label(s::RECEIVED_ON).click();
    h.run();
    h.get_by_label(s::RECEIVED_ON).type_text("25/03/2026");
    h.run();
    click(&mut h, &integrated);
    // After the deadline of 23/03/2026: a warning, and nothing recorded until confirmed.
    h.get_by_label(&s::late_integration("25/03/2026", "23/03/2026"));
    assert!(matches!(
        status(&h),
        Some(DocumentStatus::IntegrationRequested { .. })
    ));
    click(&mut h, s::RECORD_LATE_INTEGRATION);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert_eq!(
        status(&h),
        Some(DocumentStatus::Integrated {
            requested_on: Date::parse("2026-03-12").unwrap(),
            deadline: Date::parse("2026-03-23").unwrap(),
            received_on: Date::parse("2026-03-25").unwrap(),
        })
    );
}
