//! Independent judgement and the documents: a member who has not given his own marks on every
//! application exports nothing that shows the others' marks or the points made of them — the
//! public ranking, the letters, a verbale, the score matrix, another member's sheet. The buttons
//! are disabled and say why; the request, if it comes anyway, is refused and writes nothing.
//! Once his own marks are given, or on a call that turns independent judgement off, he may.

use std::path::Path;

use commissione::app::{Action, App, View, strings as s};
use commissione::domain::{SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common;
use crate::support::*;

/// The exports whose documents show the others' marks or points, in Graduatoria.
const GATED: [&str; 3] = [s::EXPORT_RANKING, s::EXPORT_LETTERS, s::EXPORT_SPREADSHEET];

fn disabled(h: &Harness<App>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().is_disabled()
}

/// Whether the exports with the others' marks are offered: in Graduatoria and in Sedute.
fn assert_offered(h: &mut Harness<App>, offered: bool, when: &str) {
    click(h, s::VIEW_GRADUATORIA);
    for label in GATED {
        assert_eq!(!disabled(h, label), offered, "{label} {when}");
    }
    click(h, s::VIEW_SEDUTE);
    assert_eq!(
        !disabled(h, s::EXPORT_MINUTES),
        offered,
        "the verbale {when}"
    );
}

/// Example A with Marco Neri (m2) not having scored P3, and a scoring session under way.
fn pending_with_session() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = example_with_pending_scores();
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    let session = common::session("s1", 1, SessionKind::ReservedScoring, "2026-03-10");
    editor
        .apply(Command::PutSession(Box::new(session)))
        .expect("a session");
    (tmp, dir)
}

/// Every request that would write a document with the others' marks, as a view could push it.
fn leaking_requests(dir: &Path) -> Vec<Action> {
    vec![
        Action::ExportRanking,
        Action::ExportLetters,
        Action::ExportMinutes(SessionId::new("s1").unwrap()),
        Action::ExportSpreadsheet(Some(dir.join("..").join("punteggi.xlsx"))),
        Action::ExportScorePdf(member("m1")),
        Action::ExportSheet {
            member: member("m1"),
            path: Some(dir.join("..").join("scheda-m1.ron")),
        },
    ]
}

/// The files of the call and beside it, to prove a refused export wrote nothing.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut all: Vec<_> = common::snapshot(dir.parent().unwrap())
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    all.sort();
    all
}

#[test]
fn a_member_exports_no_document_with_the_others_points_before_his_own_marks() {
    let (_tmp, dir) = pending_with_session();
    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.state_mut().set_open_documents(false);
    h.run();
    // Two of P3's three criteria marked: not yet all.
    for n in [0, 1] {
        h.get_all_by_label("2 buono (0,8)").nth(n).unwrap().click();
        h.run();
    }

    click(&mut h, s::VIEW_GRADUATORIA);
    for label in GATED {
        assert!(disabled(&h, label), "{label} before his own marks");
    }
    // The transparency table has the grants, no points: as the ranking's table shows them.
    assert!(!disabled(&h, s::EXPORT_TRANSPARENCY));
    // The pointer on a disabled button says why.
    h.get_by_label(s::EXPORT_RANKING).hover();
    h.run();
    h.run();
    h.get_by_label(s::EXPORT_AFTER_YOURS);

    click(&mut h, s::VIEW_SEDUTE);
    assert!(
        disabled(&h, s::EXPORT_MINUTES),
        "the verbale shows the marks"
    );

    // Asked anyway (a key, a stale button): refused, said, nothing written.
    let before = files(&dir);
    for action in leaking_requests(&dir) {
        let asked = format!("{action:?}");
        h.state_mut().request(action);
        h.run();
        assert_eq!(
            errors(&h).last().map(String::as_str),
            Some(s::EXPORT_AFTER_YOURS),
            "{asked}"
        );
        for _ in 0..5 {
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
        assert_eq!(files(&dir), before, "{asked} wrote nothing");
    }

    // His own sheet to sign holds his own marks only: his to export.
    let own = dir.join("verbali").join("scheda-m2.pdf");
    h.state_mut().request(Action::ExportScorePdf(member("m2")));
    h.run();
    wait_for(&mut h, |_| own.exists());

    // The last mark on P3: now everything.
    h.state_mut().set_view(View::Valutazione);
    h.run();
    type_in(&mut h, "Punti, criterio C", "12");
    h.key_press(Key::Enter);
    h.run();
    assert_offered(&mut h, true, "after his own marks");
    let errors_before = errors(&h).len();
    h.state_mut().request(Action::ExportRanking);
    h.run();
    let ranking = dir.join("verbali").join("graduatoria.pdf");
    wait_for(&mut h, |_| ranking.exists());
    assert_eq!(errors(&h).len(), errors_before, "{:?}", errors(&h));
}

/// The secretariat sees every mark all along; a call that turns independent judgement off lets
/// a member export before his own marks.
#[test]
fn the_secretariat_and_a_call_without_independent_judgement_export_all_along() {
    let (_tmp, dir) = pending_with_session();
    {
        let mut h = harness(&dir, Actor::Secretariat);
        h.run();
        assert_offered(&mut h, true, "for the secretariat");
    }
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    let mut call = editor.workspace().call().clone();
    call.independent_judgement = false;
    editor.apply(Command::PutCall(Box::new(call))).unwrap();
    drop(editor);

    let mut h = harness(&dir, Actor::Member(member("m2")));
    h.state_mut().set_open_documents(false);
    h.run();
    assert_offered(&mut h, true, "with the option off");
    h.state_mut().request(Action::ExportRanking);
    h.run();
    let ranking = dir.join("verbali").join("graduatoria.pdf");
    wait_for(&mut h, |_| ranking.exists());
}
