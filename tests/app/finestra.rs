//! Issue 18 in the window: pages open at the top, the keyboard's criterion and the subtotal stay
//! in sight, a window open only to read follows the one that writes, errors at their field,
//! feedback that says what was done, a ranking slide per lot, independent judgement.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use commissione::app::{App, Settings, strings as s};
use commissione::domain::{AdmissionOutcome, Decision};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::Outcome;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common;
use crate::support::*;

fn top(h: &Harness<App>, label: &str) -> f32 {
    h.get_by_label(label).rect().min.y
}

/// An application opened from another starts at the top of its page; each application keeps
/// its own scroll.
#[test]
fn an_application_opens_at_the_top_of_its_page() {
    let (_tmp, dir) = common::fixture("example-a");
    // Where P2's figure is when P2 is opened fresh.
    let mut fresh = harness(&dir, Actor::Secretariat);
    fresh.run();
    click(&mut fresh, "P2");
    let p2_at_top = top(&fresh, s::REQUESTED);
    drop(fresh);

    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, "P1");
    let p1_at_top = top(&h, s::REQUESTED);
    // Down to the end of P1's page.
    for _ in 0..10 {
        h.get_by_label(s::REQUESTED).scroll_down();
        h.run();
    }
    let p1_scrolled = top(&h, s::REQUESTED);
    assert!(p1_scrolled < p1_at_top - 100.0, "{p1_scrolled} {p1_at_top}");
    // → the next application: at its top, not where P1 was left.
    click(&mut h, s::NEXT);
    h.get_by_label_contains("P2 · ");
    assert_eq!(top(&h, s::REQUESTED), p2_at_top);
    // ← back to P1: where it was left.
    click(&mut h, s::PREVIOUS);
    assert_eq!(top(&h, s::REQUESTED), p1_scrolled);
}

/// ↓ moves the outline down the criteria and the page follows it; the subtotal is always in
/// sight, not only at the very bottom.
#[test]
fn keyboard_scoring_keeps_the_outlined_criterion_and_the_subtotal_in_sight() {
    let (_tmp, dir) = common::fixture("example-a");
    // A laptop with little height: the three criteria do not fit.
    let app = App::open(&dir, Actor::Member(member("m1"))).unwrap();
    let mut h = Harness::builder()
        .with_size([1000.0, 560.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    let subtotal = |h: &Harness<App>| {
        let r = h.get_by_label_contains("Subtotale di Anna Verdi").rect();
        r.min.y >= 0.0 && r.max.y <= 560.0
    };
    assert!(subtotal(&h));
    let reason_c = "Motivazione, criterio C";
    assert!(
        h.get_by_label(reason_c).rect().min.y > 560.0,
        "C starts out of sight"
    );
    for _ in 0..2 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    let r = h.get_by_label(reason_c).rect();
    assert!(
        r.min.y >= 0.0 && r.max.y <= 560.0,
        "C is outlined and in sight: {r:?}"
    );
    assert!(subtotal(&h));
}

/// A window open only to read (here: the call is busy) reads the files again when the other
/// window writes, by itself within a couple of seconds or at once with *Aggiorna*; consultation
/// says so in the bar, not "Segreteria".
#[test]
fn a_window_open_to_read_follows_the_one_that_writes() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut writer = Editor::open(&dir, Actor::Secretariat).unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    assert!(h.state().work().unwrap().editor().read_only().is_some());
    let before = outcome(&h, "P4");
    assert_eq!(before, Outcome::Excluded);
    // The other window withdraws P4's exclusion: P4 is only proposed for exclusion now.
    writer
        .apply(Command::Decide {
            application: protocol("P4"),
            decision: None,
        })
        .unwrap();
    h.run();
    // A frame is a quarter of a second in the harness: two seconds later, it shows.
    h.run_steps(8);
    assert_eq!(outcome(&h, "P4"), Outcome::ExclusionProposed);
    // *Aggiorna* reads at once.
    writer
        .apply(Command::Decide {
            application: protocol("P4"),
            decision: Some(Decision {
                outcome: AdmissionOutcome::Excluded,
                reason: "Cofinanziamento insufficiente.".into(),
                session: None,
            }),
        })
        .unwrap();
    click(&mut h, s::REFRESH);
    assert_eq!(outcome(&h, "P4"), Outcome::Excluded);

    // Consultation, chosen on the start screen, says what it is.
    drop(writer);
    let app = App::new(Settings::default(), Some(dir.clone()));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    press(&mut h, s::ROLE_READ_ONLY);
    h.get_by_label(s::ACTOR_CONSULTATION);
    assert!(h.query_by_label(s::ACTOR_SECRETARIAT).is_none());
}

/// A figure that does not read is said at its field; *Salva ora* says why it did not save.
#[test]
fn a_bad_amount_is_said_at_its_field_and_save_now_says_why_not() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, "P1");
    type_in(&mut h, s::REQUESTED, "12x");
    let field = h.get_by_label(s::REQUESTED).rect();
    let note = h.get_by_label_contains("Importo non valido").rect();
    assert!(
        (note.center().y - field.center().y).abs() < 12.0 && note.min.x > field.max.x,
        "the message is beside the field: {note:?} {field:?}"
    );
    assert!(h.state().work().unwrap().unsaved());
    // Out of the field, then *Salva ora*: not silent.
    h.key_press(Key::Escape);
    h.run();
    click(&mut h, s::SAVE);
    let errors = errors(&h);
    assert!(
        errors.iter().any(|e| e.starts_with("Non salvato: ")),
        "{errors:?}"
    );
}

/// Undo and redo say what they undid; the notice comes over the window without moving it.
#[test]
fn undo_and_redo_say_what_and_their_notice_moves_nothing() {
    let (_tmp, dir) = example_with_pending_scores();
    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.run();
    h.get_by_label_contains("Proposta P3");
    h.get_all_by_label("2 buono (0,8)").next().unwrap().click();
    h.run();
    // The application's title, above the criteria (whose lines change with the undo).
    let title = |h: &Harness<App>| h.get_by_label_contains("Proposta P3").rect();
    let before = title(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("Annullato: giudizio di Marco Neri sul criterio A per P3.");
    assert_eq!(title(&h), before, "the notice moved the page");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    h.get_by_label("Ripetuto: giudizio di Marco Neri sul criterio A per P3.");
    assert_eq!(title(&h), before);
}

/// The errors of a folder that was not a call go once a call opens.
#[test]
fn the_errors_of_a_folder_that_was_not_a_call_go_when_a_call_opens() {
    let (tmp, dir) = common::fixture("example-a");
    let empty = tmp.path().join("vuota");
    std::fs::create_dir_all(&empty).unwrap();
    let settings = Settings {
        recent: vec![dir.clone()],
        ..Default::default()
    };
    let app = App::new(settings, Some(empty));
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    assert!(!errors(&h).is_empty());
    press(&mut h, &dir.display().to_string());
    press(&mut h, s::ROLE_SECRETARIAT);
    assert!(h.state().work().is_some());
    assert!(errors(&h).is_empty(), "{:?}", errors(&h));
}

static OPENED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A system that can show folders but has no PDF viewer.
fn no_viewer(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        OPENED.lock().unwrap().push(path.to_path_buf());
        Ok(())
    } else {
        Err(std::io::ErrorKind::NotFound.into())
    }
}

/// A PDF that cannot be shown: said in Italian, with *Apri la cartella*.
#[test]
fn a_pdf_that_cannot_be_shown_offers_its_folder() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.state_mut().set_opener(no_viewer);
    h.run();
    click(&mut h, s::VIEW_GRADUATORIA);
    h.get_by_label(s::EXPORT_RANKING).click();
    h.step();
    wait_for(&mut h, |h| !h.state().errors().is_empty());
    let error = errors(&h).remove(0);
    assert!(error.contains(s::NO_VIEWER), "{error}");
    assert!(!error.contains("os error"), "{error}");
    click(&mut h, s::OPEN_FOLDER);
    let opened = OPENED.lock().unwrap().clone();
    assert_eq!(opened.len(), 1, "{opened:?}");
    assert!(opened[0].starts_with(&dir), "{opened:?}");
}

/// The presentation ends each lot with its whole ranking; the window is light by default.
#[test]
fn the_presentation_shows_each_lot_whole_ranking_in_a_light_theme() {
    let (_tmp, dir) = common::fixture("example-a");
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light, "light by default");
    h.key_press(Key::F5);
    h.run();
    let ranking = s::ranking_of("Lotto coworking");
    for _ in 0..6 {
        if h.query_by_label(&ranking).is_some() {
            break;
        }
        h.key_press(Key::ArrowRight);
        h.run();
    }
    h.get_by_label(&ranking);
    // Every application of the lot, in one slide.
    for p in ["P1", "P2", "P3", "P4"] {
        h.get_by_label(&format!("{p} · Associazione {p}"));
    }
}

/// Independent judgement: before scoring P3, Marco Neri does not see the others' marks on it
/// in the matrix; after, he does. The secretariat sees them all along; a call may turn it off.
#[test]
fn a_member_sees_the_others_marks_only_after_giving_his_own() {
    let (_tmp, dir) = example_with_pending_scores();
    let matrix = |h: &mut Harness<App>| {
        h.get_by_role_and_label(Role::Button, s::TAB_MATRIX).click();
        h.run();
    };
    let hidden = |h: &Harness<App>| h.query_all_by_label_contains("?").count();
    {
        let mut h = harness(&dir, Actor::Secretariat);
        h.run();
        click(&mut h, s::VIEW_VALUTAZIONE);
        matrix(&mut h);
        assert_eq!(hidden(&h), 0);
    }
    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.run();
    for (criterion, n) in [("A", 0), ("B", 1)] {
        h.get_all_by_label("2 buono (0,8)").nth(n).unwrap().click();
        h.run();
        let _ = criterion;
    }
    matrix(&mut h);
    // P3: three criteria, two members whose marks wait for Marco Neri's on C.
    assert!(hidden(&h) >= 1, "the others' marks on P3 are hidden");
    h.get_by_role_and_label(Role::Button, s::TAB_SHEET).click();
    h.run();
    type_in(&mut h, "Punti, criterio C", "12");
    h.key_press(Key::Enter);
    h.run();
    matrix(&mut h);
    assert_eq!(hidden(&h), 0, "shown once his own are given");

    // A call that turns it off: shown before.
    let (_tmp2, dir2) = example_with_pending_scores();
    let mut editor = Editor::open(&dir2, Actor::Secretariat).unwrap();
    let mut call = editor.workspace().call().clone();
    assert!(
        call.independent_judgement,
        "on for a call that does not say"
    );
    call.independent_judgement = false;
    editor.apply(Command::PutCall(Box::new(call))).unwrap();
    drop(editor);
    let mut h = harness(&dir2, Actor::Member(member("m2")));
    h.run();
    matrix(&mut h);
    assert_eq!(hidden(&h), 0);
}

/// Independent judgement beyond the matrix: with two of P3's three criteria marked, Marco Neri
/// sees neither P3's points nor its total in Graduatoria, on P3's page, in the presentation's
/// ranking, nor may he export the score matrix; once he marks the third, he sees them all. The
/// secretariat sees them all along.
#[test]
fn a_member_sees_no_points_of_an_application_before_his_own_marks() {
    let (_tmp, dir) = example_with_pending_scores();
    let hidden = |h: &Harness<App>| h.query_all_by_label(s::MATRIX_HIDDEN).count();
    let ranking = |h: &mut Harness<App>| {
        click(h, s::VIEW_GRADUATORIA);
        h.get_by_role_and_label(Role::Button, s::TAB_RANKING)
            .click();
        h.run();
    };
    {
        let mut h = harness(&dir, Actor::Secretariat);
        h.run();
        ranking(&mut h);
        assert_eq!(hidden(&h), 0, "the secretariat sees every point");
    }
    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.run();
    // A and B marked on P3: their points could be worked out from his own and the others'.
    for n in [0, 1] {
        h.get_all_by_label("2 buono (0,8)").nth(n).unwrap().click();
        h.run();
    }
    ranking(&mut h);
    // P3's row: its four criteria and its total.
    assert_eq!(hidden(&h), 5, "P3's points and total are hidden");
    assert!(
        h.get_by_label(s::EXPORT_SPREADSHEET)
            .accesskit_node()
            .is_disabled(),
        "the score matrix is not exported before his own marks"
    );
    h.get_by_label("P3").click();
    h.run();
    h.get_by_label(s::MARKS_AFTER_YOURS);
    h.key_press(Key::F5);
    h.run();
    let slide = s::ranking_of("Lotto coworking");
    for _ in 0..8 {
        if h.query_by_label(&slide).is_some() {
            break;
        }
        h.key_press(Key::ArrowRight);
        h.run();
    }
    h.get_by_label(&slide);
    assert_eq!(hidden(&h), 1, "P3's total is hidden on the lot's slide");
    h.key_press(Key::Escape);
    h.run();

    h.state_mut().set_view(commissione::app::View::Valutazione);
    h.run();
    type_in(&mut h, "Punti, criterio C", "12");
    h.key_press(Key::Enter);
    h.run();
    ranking(&mut h);
    assert_eq!(hidden(&h), 0, "shown once his own are given");
    assert!(
        !h.get_by_label(s::EXPORT_SPREADSHEET)
            .accesskit_node()
            .is_disabled()
    );
}

/// A judgement refused (a closed session fixed it) leaves the reason being typed in its box.
#[test]
fn a_refused_judgement_keeps_the_reason_being_typed() {
    let (_tmp, dir) = crate::sedute::closed_then_open();
    let mut h = harness(&dir, Actor::Member(member("m1")));
    h.run();
    h.get_by_label_contains("P1 · Proposta P1");
    let reason = "Motivazione, criterio A";
    type_in(&mut h, reason, "Rivisto dopo il sopralluogo.");
    h.get_all_by_label("3 discreto (0,6)")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(errors(&h).len(), 1, "{:?}", errors(&h));
    assert_eq!(
        h.get_by_label(reason).value().as_deref(),
        Some("Rivisto dopo il sopralluogo.")
    );
}
