//! The window, driven as a user would: through AccessKit (labels, clicks, keys, typing) with
//! egui_kittest, on temporary copies of the worked examples and of the Sondrio sample. No real
//! window and no graphics adapter: the harness runs the same `App::ui` the window does.

mod accesso;
mod avviso;
mod collegiale;
#[path = "../common/mod.rs"]
mod common;
mod eventi;
mod exports;
mod finestra;
mod giudizio;
mod grande;
mod honest;
mod importa;
mod inizio;
mod nuovo;
mod schede;
mod screenshots;
mod sedute;
mod sondrio;
mod support;

use support::*;

use commissione::app::{App, View, strings as s};
use commissione::domain::{AdmissionOutcome, CriterionId};
use commissione::editor::Actor;
use commissione::rules::Outcome;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn the_secretariat_sees_every_application_in_the_table() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    assert_eq!(h.state().view(), View::Candidature);
    for p in ["P1", "P2", "P3", "P4"] {
        h.get_by_label(p);
        h.get_by_label(&format!("Associazione {p}"));
    }
    // P4 fails the co-financing checks and the commission excluded it (see honest.rs for an
    // exclusion only proposed).
    h.get_by_label("esclusa");
    h.get_by_label("selezionata per la co-progettazione");

    // Filtering by text narrows the table.
    h.get_by_label(s::SEARCH).click();
    h.run();
    h.get_by_label(s::SEARCH).type_text("P2");
    h.run();
    assert!(h.query_by_label("Associazione P1").is_none());
    h.get_by_label("Associazione P2");
}

#[test]
fn a_commissioner_scores_a_pending_application_and_the_ranking_changes() {
    let (_tmp, dir) = example_with_pending_scores();
    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.run();
    assert_eq!(h.state().view(), View::Valutazione);
    assert_eq!(outcome(&h, "P3"), Outcome::Incomplete);

    // The sheet opens on the application still to be scored.
    h.get_by_label_contains("Proposta P3");
    // Criterion A: "buono" with a reason.
    h.get_all_by_label("2 buono (0,8)").next().unwrap().click();
    h.run();
    h.get_by_label("Motivazione, criterio A").click();
    h.run();
    h.get_by_label("Motivazione, criterio A")
        .type_text("Proposta solida, obiettivi chiari.");
    h.key_press(Key::Enter);
    h.run();
    // Criterion B: the reason first, then the judgement: the reason waits and goes with it.
    h.get_by_label("Motivazione, criterio B").click();
    h.run();
    h.get_by_label("Motivazione, criterio B")
        .type_text("Rete di partner adeguata.");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(s::REASON_WAITS_FOR_JUDGEMENT);
    h.get_all_by_label("3 discreto (0,6)")
        .nth(1)
        .unwrap()
        .click();
    h.run();
    // Criterion C is in points, typed the Italian way.
    h.get_by_label("Punti, criterio C").click();
    h.run();
    h.get_by_label("Punti, criterio C").type_text("12");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Motivazione, criterio C").click();
    h.run();
    h.get_by_label("Motivazione, criterio C")
        .type_text("Esperienza nel settore.");
    h.key_press(Key::Enter);
    h.run();

    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(!h.state().work().unwrap().unsaved());
    let work = h.state().work().unwrap();
    let score = |c: &str| {
        work.editor()
            .workspace()
            .score(
                &member("m2"),
                &protocol("P3"),
                &CriterionId::new(c).unwrap(),
            )
            .map(|s| (s.value.to_string(), s.reason.clone()))
    };
    assert_eq!(
        score("A"),
        Some(("0.8".into(), "Proposta solida, obiettivi chiari.".into()))
    );
    assert_eq!(
        score("B"),
        Some(("0.6".into(), "Rete di partner adeguata.".into()))
    );
    assert_eq!(
        score("C"),
        Some(("12".into(), "Esperienza nel settore.".into()))
    );

    // The ranking now has P3, third, as the worked example says.
    assert_eq!(outcome(&h, "P3"), Outcome::EligibleNotFunded);
    click(&mut h, s::VIEW_GRADUATORIA);
    h.get_by_label("72,24");
    assert_eq!(h.get_all_by_label("idonea non selezionata").count(), 2);
    assert!(h.query_by_label("valutazione incompleta").is_none());
}

#[test]
fn scoring_works_from_the_keyboard_alone() {
    let (_tmp, dir) = example_with_pending_scores();
    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.run();
    // Number keys score the active criterion; the arrows move between criteria.
    h.key_press(Key::Num1);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Num4);
    h.run();
    // Enter opens the reason of the active criterion (B).
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Motivazione, criterio B")
        .type_text("Sufficiente.");
    h.key_press(Key::Enter);
    h.run();
    let work = h.state().work().unwrap();
    let ws = work.editor().workspace();
    let a = ws.score(
        &member("m2"),
        &protocol("P3"),
        &CriterionId::new("A").unwrap(),
    );
    let b = ws.score(
        &member("m2"),
        &protocol("P3"),
        &CriterionId::new("B").unwrap(),
    );
    assert_eq!(a.map(|s| s.value.to_string()), Some("1.0".into()));
    assert_eq!(
        b.map(|s| (s.value.to_string(), s.reason.as_str())),
        Some(("0.4".into(), "Sufficiente."))
    );
    // The page keys change application (P4 is excluded: P3 is the last to score).
    h.key_press(Key::PageUp);
    h.run();
    h.get_by_label_contains("Proposta P2");
}

#[test]
fn a_member_in_conflict_cannot_score_that_application() {
    let (_tmp, dir) = common::fixture("example-a");
    // Giulia Russo (m3) declared a conflict on P2.
    let mut h = harness(&dir, Actor::Member(member("m3")));
    h.run();
    h.key_press(Key::PageDown);
    h.run();
    h.get_by_label_contains("Proposta P2");
    h.get_by_label(s::YOU_ABSTAIN);
    assert!(h.query_by_label("Motivazione, criterio A").is_none());
    // And a member cannot touch the secretariat's records.
    click(&mut h, s::VIEW_AMMISSIBILITA);
    assert!(h.query_by_label(s::DECIDE_EXCLUDED).is_none());
}

#[test]
fn the_secretariat_excludes_an_application_with_a_reason() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_AMMISSIBILITA);
    h.get_by_role_and_label(Role::Button, "P1 · Associazione P1")
        .click();
    h.run();
    click(&mut h, s::DECIDE_EXCLUDED);
    // Without a reason nothing is recorded: the field asks for it and has the focus.
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(s::DECISION_NEEDS_REASON);
    let decided = |h: &Harness<App>| {
        let work = h.state().work().unwrap();
        let app = work.editor().workspace().application(&protocol("P1"));
        app.and_then(|a| a.decision.clone())
    };
    assert_eq!(decided(&h), None);
    h.get_by_label(s::DECISION_REASON).click();
    h.run();
    h.get_by_label(s::DECISION_REASON)
        .type_text("Domanda non sottoscritta dal legale rappresentante.");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let decision = decided(&h).expect("a decision is recorded");
    assert_eq!(decision.outcome, AdmissionOutcome::Excluded);
    assert_eq!(
        decision.reason,
        "Domanda non sottoscritta dal legale rappresentante."
    );
    assert_eq!(outcome(&h, "P1"), Outcome::Excluded);
    h.get_by_label(&s::decision_recorded("esclusa"));
    // The ranking moves up: P2 still first, P3 second.
    click(&mut h, s::VIEW_GRADUATORIA);
    h.get_by_label("Domanda non sottoscritta dal legale rappresentante.");
}

#[test]
fn editing_the_budget_fails_a_check_as_you_type_and_undo_restores_it() {
    let (_tmp, dir) = common::fixture("example-a");
    let before = std::fs::read(dir.join("candidature/P1.ron")).unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, "P1");
    h.get_by_label(s::BUDGET);
    assert!(h.query_by_label_contains("mancano").is_none());

    let field = "Importo quota 1";
    h.get_by_label(field).scroll_to_me();
    h.run();
    h.get_by_label(field).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(field).type_text("1.000,00");
    h.run();
    // Not saved yet, and already checked: C = 146.000, K = 4.000, 10% is 14.600.
    h.get_by_label_contains("mancano € 10.600,00 per raggiungere il 10%");
    assert!(h.state().work().unwrap().unsaved());
    assert_eq!(
        std::fs::read(dir.join("candidature/P1.ron")).unwrap(),
        before
    );

    // Enter saves it; the application is now proposed for exclusion.
    h.key_press(Key::Enter);
    h.run();
    assert!(!h.state().work().unwrap().unsaved());
    assert_eq!(outcome(&h, "P1"), Outcome::ExclusionProposed);
    assert_ne!(
        std::fs::read(dir.join("candidature/P1.ron")).unwrap(),
        before
    );
    h.get_by_label_contains("mancano € 10.600,00 per raggiungere il 10%");

    // Ctrl+Z takes it back, file included.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.query_by_label_contains("mancano").is_none());
    assert_ne!(outcome(&h, "P1"), Outcome::ExclusionProposed);
    assert_eq!(
        std::fs::read(dir.join("candidature/P1.ron")).unwrap(),
        before
    );
    // And Ctrl+Shift+Z does it again.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(outcome(&h, "P1"), Outcome::ExclusionProposed);
}

#[test]
fn an_amount_that_could_mean_two_things_is_refused_with_a_message() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, "P1");
    let field = s::REQUESTED;
    h.get_by_label(field).scroll_to_me();
    h.run();
    h.get_by_label(field).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(field).type_text("129000.50");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label_contains("forse «129000,50»");
    // Nothing was saved, and the window says why it waits.
    assert!(h.state().work().unwrap().unsaved());
    let app = h
        .state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .application(&protocol("P1"))
        .cloned();
    assert_eq!(
        app.map(|a| a.requested.to_string()),
        Some("129000.00".into())
    );
}

#[test]
fn the_presentation_shows_no_personal_data() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, "P1");
    // The secretariat's page shows the tax code, in the field that corrects it.
    let tax_code = s::app_party_field(s::PARTY_TAX_CODE, s::LEAD, "P1");
    assert_eq!(
        h.get_by_label(&tax_code)
            .accesskit_node()
            .value()
            .as_deref(),
        Some("12345679190")
    );
    h.key_press(Key::F5);
    h.run();
    // The ranking's first: P2, whose panel lacks Giulia Russo (in conflict).
    h.get_by_label_contains("P2 · Proposta P2");
    assert!(h.query_by_label("12345758382").is_none());
    assert!(h.query_by_label(s::PARTY_TAX_CODE).is_none());
    assert!(h.query_by_label(s::PARTY_REPRESENTATIVE).is_none());
    // Two marks on A, not three.
    h.get_by_label("0,6 · 0,6");
    h.key_press(Key::ArrowRight);
    h.run();
    h.get_by_label_contains("P1 · Proposta P1");
    assert!(h.query_by_label("12345679190").is_none());
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label(s::BACK_TO_LIST);
}

#[test]
fn a_session_is_recorded_and_its_verbale_written_as_pdf() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_SEDUTE);
    h.get_by_label(s::NO_SESSIONS);
    click(&mut h, s::NEW_SESSION);
    let work = h.state().work().unwrap();
    let session = work
        .editor()
        .workspace()
        .sessions()
        .values()
        .next()
        .cloned()
        .expect("a session");
    assert_eq!(session.number, 1);
    assert_eq!(session.present.len(), 4);
    h.get_by_label(s::SESSION_PLACE).click();
    h.run();
    h.get_by_label(s::SESSION_PLACE)
        .type_text("Sala Giunta, Palazzo Pretorio");
    h.key_press(Key::Enter);
    h.run();
    let place = h
        .state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .session(&session.id)
        .map(|s| s.place.clone());
    assert_eq!(place.as_deref(), Some("Sala Giunta, Palazzo Pretorio"));
    // The verbale is written on a thread, where the command line would write it.
    h.state_mut().set_open_documents(false);
    h.get_by_label(s::MINUTES_DRAFT);
    // A spinner turns while it writes: step the frames rather than wait for them to settle.
    h.get_by_label(s::EXPORT_MINUTES).click();
    h.step();
    let pdf = dir.join("verbali").join("verbale-01-s1.pdf");
    let written = s::export_done(&pdf.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let bytes = std::fs::read(&pdf).expect("the verbale is written");
    assert!(bytes.starts_with(b"%PDF"));
    // With its AgID metadata beside it, naming the file's SHA-256 and the draft.
    let metadata = std::fs::read_to_string(dir.join("verbali").join("verbale-01-s1.metadati.json"))
        .expect("the verbale's metadata are written beside it");
    assert!(
        metadata.contains(&commissione::seal::sha256_hex(&bytes)),
        "{metadata}"
    );
    assert!(metadata.contains("\"bozza\""), "{metadata}");

    // And the public ranking, from the Graduatoria view.
    click(&mut h, s::VIEW_GRADUATORIA);
    click(&mut h, s::EXPORT_RANKING);
    let ranking = dir.join("verbali").join("graduatoria.pdf");
    let written = s::ranking_written(&ranking.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    let bytes = std::fs::read(&ranking).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let metadata = std::fs::read_to_string(dir.join("verbali").join("graduatoria.metadati.json"))
        .expect("the ranking's metadata are written beside it");
    assert!(
        metadata.contains(&commissione::seal::sha256_hex(&bytes)),
        "{metadata}"
    );
    assert!(metadata.contains("\"Graduatoria\""), "{metadata}");

    // The letters to the applicants and the table for Amministrazione trasparente.
    click(&mut h, s::EXPORT_LETTERS);
    let letters = dir.join("verbali").join("comunicazioni");
    let written = s::documents_written(&letters.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let count = std::fs::read_dir(&letters)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert_eq!(
        count,
        h.state()
            .work()
            .unwrap()
            .editor()
            .workspace()
            .applications()
            .len()
    );
    click(&mut h, s::EXPORT_TRANSPARENCY);
    let table = dir.join("verbali").join("trasparenza.csv");
    let written = s::documents_written(&table.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    assert!(dir.join("verbali").join("trasparenza.ods").exists());

    // A member's score sheet to sign, from the Valutazione view.
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::EXPORT_SCORE_PDF);
    h.state_mut().set_open_documents(false);
    wait_for(&mut h, |h| h.query_by_label_contains("scheda-").is_some());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let sheet = std::fs::read_dir(dir.join("verbali"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("scheda-")
        })
        .expect("the score sheet is written");
    let stamp = commissione::minutes::stamp_in_pdf(&std::fs::read(sheet).unwrap()).unwrap();
    assert_eq!(stamp.kind, "scheda");
}

#[test]
fn a_second_window_on_the_same_call_is_read_only() {
    let (_tmp, dir) = common::fixture("example-a");
    let _first = App::open(&dir, Actor::Secretariat).unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    h.get_by_label_contains("Sola lettura");
    click(&mut h, s::VIEW_AMMISSIBILITA);
    assert!(h.query_by_label(s::DECIDE_EXCLUDED).is_none());
}

#[test]
fn closing_with_a_reason_that_cannot_be_saved_asks_first() {
    let (_tmp, dir) = example_with_pending_scores();
    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.run();
    h.get_by_label("Motivazione, criterio A").click();
    h.run();
    h.get_by_label("Motivazione, criterio A")
        .type_text("Da completare");
    h.run();
    assert!(!h.state_mut().may_close(100.0));
    h.run();
    h.get_by_label(s::CONFIRM_CLOSE_TITLE);
    h.get_by_label(s::CLOSE_ANYWAY);
}

#[test]
fn the_start_screen_asks_who_is_using_the_program() {
    let (_tmp, dir) = common::fixture("example-a");
    let settings = commissione::app::Settings {
        last: Some(dir.clone()),
        ..Default::default()
    };
    let app = App::new(settings, None);
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h.get_by_label(s::WHO_ARE_YOU);
    click(&mut h, "Sono Marco Neri (Componente)");
    assert_eq!(h.state().view(), View::Valutazione);
    assert_eq!(
        h.state().work().unwrap().editor().actor(),
        &Actor::Member(member("m2"))
    );

    // A folder without a call is refused with a sentence, not a panic.
    let empty = tempfile::tempdir().unwrap();
    let app = App::new(Default::default(), Some(empty.path().to_path_buf()));
    assert!(app.errors()[0].contains("avviso.ron"), "{:?}", app.errors());
}

#[test]
fn a_tie_is_shown_until_a_draw_is_recorded_in_a_session() {
    let (_tmp, dir) = common::fixture("example-b");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_GRADUATORIA);
    h.get_by_label(&s::tie_pending(4, "H3, H4"));
    assert_eq!(outcome(&h, "H3"), Outcome::TieUnresolved);

    click(&mut h, s::VIEW_SEDUTE);
    click(&mut h, s::NEW_SESSION);
    h.get_by_label(&s::tie_awaiting("Lotto quartieri", "H3, H4"));
    click(&mut h, s::RECORD_DRAW);
    // H4 was drawn first: up one place.
    h.get_all_by_label(s::MOVE_UP).nth(1).unwrap().click();
    h.run();
    click(&mut h, s::SAVE_DRAW);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert_ne!(outcome(&h, "H3"), Outcome::TieUnresolved);
    assert_ne!(outcome(&h, "H4"), Outcome::TieUnresolved);
    // The lot by its name, not its id.
    h.get_by_label(&s::draw_recorded(
        "Lotto quartieri",
        "H4 – H3",
        s::DRAW_METHOD_DEFAULT,
    ));
    click(&mut h, s::VIEW_GRADUATORIA);
    assert!(h.query_by_label(&s::tie_pending(4, "H3, H4")).is_none());
}

#[test]
fn the_secretariat_edits_the_call_until_a_session_closes_then_by_rettifica() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_AVVISO);
    h.get_by_label(s::CALL_CUP).click();
    h.run();
    h.get_by_label(s::CALL_CUP).type_text("I71B16000290001");
    h.key_press(Key::Enter);
    h.run();
    let cup = |h: &Harness<App>| {
        h.state()
            .work()
            .unwrap()
            .editor()
            .workspace()
            .call()
            .cup
            .clone()
    };
    assert_eq!(cup(&h).as_deref(), Some("I71B16000290001"));
    drop(h);
    // A session met and closed: the call is what its verbale fixed.
    let mut editor = commissione::editor::Editor::open(&dir, Actor::Secretariat).unwrap();
    for (id, number, date) in [("s1", 1, "2026-03-10"), ("s2", 2, "2026-03-20")] {
        editor
            .apply(commissione::editor::Command::PutSession(Box::new(
                common::session(
                    id,
                    number,
                    commissione::domain::SessionKind::OpeningPublic,
                    date,
                ),
            )))
            .unwrap();
        if id == "s1" {
            editor
                .apply(commissione::editor::Command::CloseSession(
                    commissione::domain::SessionId::new("s1").unwrap(),
                ))
                .unwrap();
        }
    }
    drop(editor);
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_AVVISO);
    h.get_by_label(&s::call_fixed(1, "10/03/2026"));
    h.get_by_label(s::CALL_CUP).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(s::CALL_CUP).type_text("B49D16010990006");
    h.key_press(Key::Enter);
    h.run();
    // Refused, with the offer of a rettifica in the open session.
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("serve una rettifica")),
        "{:?}",
        h.state().errors()
    );
    assert_eq!(cup(&h).as_deref(), Some("I71B16000290001"));
    click(&mut h, &s::amend_in(2));
    h.get_by_label(s::AMEND_CALL);
    h.get_by_label(s::AMEND_REASON).click();
    h.run();
    h.get_by_label(s::AMEND_REASON)
        .type_text("CUP corretto secondo la determinazione di finanziamento");
    h.run();
    click(&mut h, s::AMEND_CONFIRM);
    assert_eq!(cup(&h).as_deref(), Some("B49D16010990006"));
    let ws = h.state().work().unwrap().editor().workspace();
    let s2 = ws
        .session(&commissione::domain::SessionId::new("s2").unwrap())
        .unwrap();
    assert_eq!(s2.amendments.len(), 1);
    assert_eq!(s2.amendments[0].item, "avviso");
}

#[test]
fn the_ranking_is_saved_as_a_spreadsheet_where_the_user_says() {
    let (tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_GRADUATORIA);
    click(&mut h, s::EXPORT_SPREADSHEET);
    // The typed path, for systems without a save dialog.
    let target = tmp.path().join("esportazioni").join("graduatoria.ods");
    let field = h.get_by_label(s::SAVE_PATH);
    field.click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(s::SAVE_PATH)
        .type_text(&target.display().to_string());
    h.run();
    click(&mut h, s::SAVE_HERE);
    let written = s::spreadsheet_written(&target.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let bytes = std::fs::read(&target).expect("the spreadsheet is written");
    assert!(bytes.starts_with(b"PK"), "an ODS is a zip file");
    h.get_by_label(&s::spreadsheet_written(&target.display().to_string()));

    // A name the program cannot write is refused with a sentence.
    h.get_by_label(s::SAVE_PATH).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(s::SAVE_PATH).type_text("graduatoria.pdf");
    h.run();
    click(&mut h, s::SAVE_HERE);
    assert_eq!(
        h.state().errors(),
        vec![s::unknown_extension("graduatoria.pdf")]
    );
}

#[test]
fn a_lock_left_by_a_program_silent_on_another_computer_is_taken_over() {
    // Issue 14: a holder on another computer whose heartbeat is older than three minutes is
    // gone; the window takes the call over when it opens (it used to ask first). One that
    // is still refreshing keeps the window read-only, with no button to take it.
    use commissione::workspace::lock::{FILE, Holder};
    let (_tmp, dir) = common::fixture("example-a");
    let long_ago = commissione::domain::Moment::parse("2026-03-01T09:00").unwrap();
    let holder = Holder {
        format: 1,
        who: "segreteria (mrossi)".into(),
        host: "pc-ufficio".into(),
        pid: 4242,
        since: long_ago,
        refreshed: long_ago,
    };
    std::fs::write(dir.join(FILE), ron::to_string(&holder).unwrap()).unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    assert!(h.state().work().unwrap().editor().read_only().is_none());
    assert!(h.query_by_label_contains("Sola lettura").is_none());
    drop(h);

    let now = commissione::editor::now();
    let fresh = Holder {
        since: now,
        refreshed: now,
        ..holder
    };
    std::fs::write(dir.join(FILE), ron::to_string(&fresh).unwrap()).unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    h.get_by_label_contains("Sola lettura");
    assert!(h.query_by_label(s::TAKE_OVER).is_none());
}
