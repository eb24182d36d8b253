//! The one road of every change: checked, saved, journaled, undoable; and who may change what.

mod common;

use std::fs;

use commissione::domain::{
    AdmissionOutcome, Conflict, ConflictKind, CriterionId, Decision, MemberId, Points, Protocol,
};
use commissione::editor::{Actor, Command, EditError, Editor, ReadOnly};
use commissione::rules::Outcome;
use commissione::workspace::{journal, load};
use common::fixture;

fn member(id: &str) -> MemberId {
    MemberId::new(id).expect("id")
}

fn protocol(id: &str) -> Protocol {
    Protocol::new(id).expect("id")
}

fn criterion(id: &str) -> CriterionId {
    CriterionId::new(id).expect("id")
}

fn score(m: &str, p: &str, c: &str, value: &str) -> Command {
    Command::Score {
        member: member(m),
        application: protocol(p),
        criterion: criterion(c),
        value: Some(Points::parse(value).expect("points")),
        reason: "Motivazione aggiornata dopo la discussione in seduta.".into(),
    }
}

fn total(editor: &Editor, p: &str) -> String {
    editor
        .evaluation()
        .application(&protocol(p))
        .and_then(|r| r.scores.as_ref())
        .and_then(|s| s.total)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[test]
fn a_score_changes_the_ranking_is_saved_journaled_and_undone() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Member(member("m2"))).expect("opens");
    assert_eq!(total(&editor, "P1"), "78.81");
    let undo = editor
        .apply(score("m2", "P1", "B", "1.0"))
        .expect("a valid score");
    // B: (0.8 + 1.0 + 1.0) / 3 × 25 = 23.33
    assert_ne!(total(&editor, "P1"), "78.81");
    let on_disk = load(&dir).workspace.expect("loads");
    let sheet = on_disk.sheet(&member("m2")).expect("m2");
    assert_eq!(
        sheet
            .score(&protocol("P1"), &criterion("B"))
            .map(|s| s.value.to_string()),
        Some("1.0".into())
    );
    assert_eq!(sheet.revision, 1);

    let entries = editor.journal().read().expect("intact");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].who, "m2");
    // A mark is a line at the end of the sheet's log of changes (README: schede/MEMBER.modifiche).
    assert_eq!(entries[0].file, "schede/m2.modifiche");
    assert!(
        entries[0].before.contains("0.8") && entries[0].after.contains("1.0"),
        "{:?}",
        entries[0]
    );

    editor.apply(undo).expect("undo");
    assert_eq!(total(&editor, "P1"), "78.81");
    let sheet = load(&dir)
        .workspace
        .expect("loads")
        .sheet(&member("m2"))
        .cloned()
        .expect("m2");
    assert_eq!(sheet.revision, 2, "an undo is a newer version too");
    assert_eq!(editor.journal().read().expect("intact").len(), 2);
}

#[test]
fn members_change_only_their_own_sheet() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Member(member("m2"))).expect("opens");
    let error = editor
        .apply(score("m1", "P1", "B", "1.0"))
        .expect_err("not m2's sheet");
    assert!(matches!(error, EditError::NotAllowed(_)), "{error}");
    assert!(error.to_string().contains("solo la propria scheda"));
    let error = editor
        .apply(Command::Decide {
            application: protocol("P4"),
            decision: Some(Decision {
                outcome: AdmissionOutcome::Admitted,
                reason: String::new(),
                session: None,
            }),
        })
        .expect_err("only the secretariat decides");
    assert!(error.to_string().contains("solo la segreteria"));
    assert!(editor.journal().read().expect("intact").is_empty());
}

#[test]
fn a_value_outside_the_scale_is_refused_and_nothing_is_written() {
    let (_tmp, dir) = fixture("example-a");
    let before = common::snapshot(&dir);
    let mut editor = Editor::open(&dir, Actor::Member(member("m2"))).expect("opens");
    let error = editor
        .apply(score("m2", "P1", "B", "0.7"))
        .expect_err("0.7 is not in the scale");
    assert!(error.to_string().contains("scala di giudizio"), "{error}");
    let error = editor
        .apply(score("m2", "P1", "C", "21"))
        .expect_err("over the maximum");
    assert!(error.to_string().contains("superano il massimo"), "{error}");
    drop(editor);
    common::assert_same(&before, &common::snapshot(&dir));
}

#[test]
fn declaring_a_conflict_removes_the_scores_and_forbids_new_ones() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Member(member("m1"))).expect("opens");
    editor
        .apply(Command::Declare {
            member: member("m1"),
            application: protocol("P3"),
            declaration: Some(Some(Conflict {
                kind: ConflictKind::Kinship,
                note: "Cugino del legale rappresentante".into(),
            })),
        })
        .expect("declared");
    let sheet = editor.workspace().sheet(&member("m1")).expect("m1");
    assert!(sheet.scores.iter().all(|s| s.application != protocol("P3")));
    let error = editor
        .apply(score("m1", "P3", "A", "0.8"))
        .expect_err("in conflict");
    assert!(
        error.to_string().contains("conflitto di interessi"),
        "{error}"
    );
    // The means now use m2 and m3 only; P3 is still complete.
    assert_ne!(
        editor
            .evaluation()
            .application(&protocol("P3"))
            .map(|r| r.outcome),
        Some(Outcome::Incomplete)
    );
}

#[test]
fn the_secretariat_excludes_with_a_reason_and_undoes() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let no_reason = editor.apply(Command::Decide {
        application: protocol("P1"),
        decision: Some(Decision {
            outcome: AdmissionOutcome::Excluded,
            reason: " ".into(),
            session: None,
        }),
    });
    assert!(
        no_reason
            .expect_err("a reason is required")
            .to_string()
            .contains("motivazione")
    );
    let undo = editor
        .apply(Command::Decide {
            application: protocol("P1"),
            decision: Some(Decision {
                outcome: AdmissionOutcome::Excluded,
                reason: "Statuto non conforme all'art. 4 dell'avviso.".into(),
                session: None,
            }),
        })
        .expect("excluded");
    assert_eq!(
        editor
            .evaluation()
            .application(&protocol("P1"))
            .map(|r| r.outcome),
        Some(Outcome::Excluded)
    );
    editor.apply(undo).expect("undo");
    assert_eq!(
        editor
            .evaluation()
            .application(&protocol("P1"))
            .map(|r| r.outcome),
        Some(Outcome::EligibleNotFunded)
    );
}

#[test]
fn a_second_instance_is_read_only_and_says_who_holds_it() {
    let (_tmp, dir) = fixture("example-a");
    let first = Editor::open(&dir, Actor::Secretariat).expect("opens");
    assert!(first.read_only().is_none());
    let mut second = Editor::open(&dir, Actor::Member(member("m2"))).expect("opens read-only");
    let Some(ReadOnly::Busy(holder)) = second.read_only() else {
        panic!("the second instance must be read-only");
    };
    assert!(holder.who.starts_with("segreteria"));
    let error = second
        .apply(score("m2", "P1", "B", "1.0"))
        .expect_err("read-only");
    assert!(
        error.to_string().contains("sola lettura") && error.to_string().contains("segreteria"),
        "{error}"
    );
    drop(first);
    let third = Editor::open(&dir, Actor::Member(member("m2"))).expect("opens");
    assert!(third.read_only().is_none());
}

#[test]
fn a_tampered_journal_makes_the_workspace_read_only() {
    let (_tmp, dir) = fixture("example-a");
    {
        let mut editor = Editor::open(&dir, Actor::Member(member("m2"))).expect("opens");
        editor.apply(score("m2", "P1", "B", "1.0")).expect("scored");
        editor.apply(score("m2", "P3", "B", "0.8")).expect("scored");
    }
    let path = dir.join(journal::FILE);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("\"m2\"", "\"m1\"", 1)).expect("tamper");
    let editor = Editor::open(&dir, Actor::Member(member("m2"))).expect("opens");
    let Some(ReadOnly::Journal(reason)) = editor.read_only() else {
        panic!("a tampered journal must stop further changes");
    };
    assert!(
        reason.contains("registro.ron:2") && reason.contains("voce n. 1"),
        "{reason}"
    );
}

#[test]
fn removing_an_application_keeps_its_file_as_a_backup_and_undo_restores_it() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    // Sheets cite P4, so removing it is refused: scores would dangle.
    let error = editor
        .apply(Command::RemoveApplication(protocol("P4")))
        .expect_err("cited by sheets");
    assert!(error.to_string().contains("P4"), "{error}");
    assert!(dir.join("candidature/P4.ron").exists());
}

/// A change to a session (or to anything but a sheet) checks every sheet again against the
/// call, without copying them: the workspace after it shares each member's sheet with the one
/// before, as long as the sheet holds as it is. A sheet that must change is copied, and the
/// copy before the change keeps its own.
#[test]
fn a_change_elsewhere_leaves_the_sheets_shared() {
    use std::sync::Arc;
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    // A mark added in place: the sheet's list grew, and has room to spare.
    editor.apply(score("m1", "P4", "A", "0.8")).expect("scored");
    let before = editor.workspace().clone();
    let m1 = &before.sheets()[&member("m1")];
    assert!(
        m1.scores.capacity() > m1.scores.len(),
        "{}",
        m1.scores.len()
    );
    editor
        .apply(Command::PutSession(Box::new(common::session(
            "s1",
            1,
            commissione::domain::SessionKind::ReservedScoring,
            "2026-03-10",
        ))))
        .expect("session added");
    let after = editor.workspace();
    assert!(
        after
            .session(&commissione::domain::SessionId::new("s1").unwrap())
            .is_some()
    );
    assert!(!before.sheets().is_empty());
    for (member, sheet) in before.sheets() {
        assert!(
            Arc::ptr_eq(sheet, &after.sheets()[member]),
            "the sheet of {member} was copied"
        );
    }

    // A sheet out of order in the parts is put in order on a copy; the original stays as it was.
    let mut parts = before.to_parts();
    let shared = parts.sheets[0].clone();
    Arc::make_mut(&mut parts.sheets[0]).scores.reverse();
    let reversed = parts.sheets[0].clone();
    let (ws, problems) = commissione::domain::Workspace::assemble(parts);
    assert!(problems.is_empty(), "{problems:?}");
    let ws = ws.expect("assembled");
    let member = &shared.member;
    assert_eq!(ws.sheets()[member].scores, shared.scores);
    assert!(shared.scores.len() > 1, "{shared:?}");
    assert_ne!(reversed.scores, shared.scores, "reversed");
    assert!(Arc::ptr_eq(&before.sheets()[member], &shared));
}
