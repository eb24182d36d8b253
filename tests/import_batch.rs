//! What the import needs from the editor: many changes applied one by one but evaluated once,
//! and an application checked alone, as the whole workspace would check it.

mod common;

use commissione::domain::{AdmissionOutcome, Decision, LotId, Protocol, SessionId};
use commissione::editor::{Actor, BatchError, Command, EditError, Editor};
use commissione::workspace::load;
use common::{assert_same, fixture, snapshot};

fn protocol(id: &str) -> Protocol {
    Protocol::new(id).expect("id")
}

#[test]
fn a_batch_is_journaled_change_by_change_and_undone_in_reverse() {
    let (_tmp, dir) = fixture("example-a");
    let before = snapshot(&dir);
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let p1 = editor
        .workspace()
        .application(&protocol("P1"))
        .cloned()
        .expect("P1");
    let copies: Vec<Command> = ["N1", "N2", "N3"]
        .iter()
        .map(|p| {
            let mut app = p1.clone();
            app.protocol = protocol(p);
            Command::PutApplication(Box::new(app))
        })
        .collect();
    let undo = editor.apply_all(copies).expect("applied");
    assert_eq!(
        undo,
        [
            Command::RemoveApplication(protocol("N3")),
            Command::RemoveApplication(protocol("N2")),
            Command::RemoveApplication(protocol("N1")),
        ]
    );
    // Evaluated once, at the end: the three are there.
    assert!(editor.evaluation().application(&protocol("N3")).is_some());
    let entries = editor.journal().read().expect("intact");
    assert_eq!(
        entries
            .iter()
            .map(|e| e.change.as_str())
            .collect::<Vec<_>>(),
        [
            "candidatura N1 registrata",
            "candidatura N2 registrata",
            "candidatura N3 registrata",
        ]
    );
    assert_eq!(load(&dir).workspace.expect("loads").applications().len(), 7);

    editor.apply_all(undo).expect("undone");
    assert!(editor.evaluation().application(&protocol("N1")).is_none());
    assert_eq!(editor.journal().read().expect("intact").len(), 6);
    // As before, but for the journal, the lock and the removed files' backups.
    let kept = |(p, _): &(std::path::PathBuf, Vec<u8>)| {
        let name = p.to_string_lossy();
        !(name.ends_with("registro.ron") || name.ends_with(".lock") || name.ends_with(".bak"))
    };
    let mut after = snapshot(&dir);
    after.retain(kept);
    let mut expected = before.clone();
    expected.retain(kept);
    assert_same(&expected, &after);
}

#[test]
fn a_batch_refused_at_one_change_writes_none_of_them() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let p1 = editor
        .workspace()
        .application(&protocol("P1"))
        .cloned()
        .expect("P1");
    let mut good = p1.clone();
    good.protocol = protocol("N1");
    let mut bad = p1.clone();
    bad.protocol = protocol("N2");
    bad.lot = LotId::new("altrove").expect("id");
    let mut never = p1;
    never.protocol = protocol("N3");
    let commands = [good, bad, never].map(|a| Command::PutApplication(Box::new(a)));
    let before = snapshot(&dir);
    let Err(BatchError { index, error }) = editor.apply_all(commands) else {
        panic!("the second change is refused");
    };
    assert_eq!(index, Some(1));
    assert!(
        matches!(&error, EditError::Invalid(m) if m[0].contains("il lotto «altrove» non esiste")),
        "{error}"
    );
    // All or nothing: the first, checked and good, is not written either.
    let ws = load(&dir).workspace.expect("loads");
    assert!(ws.application(&protocol("N1")).is_none());
    assert!(ws.application(&protocol("N3")).is_none());
    assert!(editor.workspace().application(&protocol("N1")).is_none());
    assert!(editor.evaluation().application(&protocol("N1")).is_none());
    let mut after = snapshot(&dir);
    after.retain(|(p, _)| !p.to_string_lossy().ends_with(".lock"));
    let mut expected = before;
    expected.retain(|(p, _)| !p.to_string_lossy().ends_with(".lock"));
    assert_same(&expected, &after);
}

#[test]
fn one_application_is_checked_against_the_draws_and_sessions_that_name_it() {
    let (_tmp, dir) = fixture("example-b-lottery");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let mut call = editor.workspace().call().clone();
    let mut second = call.lots[0].clone();
    second.id = LotId::new("secondo").expect("id");
    call.lots.push(second);
    editor
        .apply(Command::PutCall(Box::new(call)))
        .expect("a second lot");

    // H4 is in the draw of lot "quartieri": it cannot move to another lot.
    let mut h4 = editor
        .workspace()
        .application(&protocol("H4"))
        .cloned()
        .expect("H4");
    h4.lot = LotId::new("secondo").expect("id");
    let mut whole = editor.workspace().clone();
    assert!(
        whole
            .change(|parts| {
                parts.applications.retain(|a| a.protocol.as_str() != "H4");
                parts.applications.push(h4.clone());
            })
            .is_err(),
        "the whole workspace refuses it too"
    );
    let before = snapshot(&dir);
    let error = editor
        .apply(Command::PutApplication(Box::new(h4)))
        .expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("è in un sorteggio del lotto «quartieri»"),
        "{error}"
    );

    // A decision citing a session that does not exist.
    let mut h1 = editor
        .workspace()
        .application(&protocol("H1"))
        .cloned()
        .expect("H1");
    h1.decision = Some(Decision {
        outcome: AdmissionOutcome::Admitted,
        reason: String::new(),
        session: Some(SessionId::new("s9").expect("id")),
    });
    let error = editor
        .apply(Command::PutApplication(Box::new(h1)))
        .expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("la decisione cita la seduta «s9», che non esiste"),
        "{error}"
    );
    assert_same(&before, &snapshot(&dir));
}

/// A new application whose protocol is a registered one written another way is refused on the
/// batch road too (the workspace finds it by its number, not by comparing it with every
/// application): within one batch, against one already registered, and not once the first is
/// removed as registered by mistake.
#[test]
fn a_protocol_written_another_way_is_refused_in_a_batch() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let p1 = editor
        .workspace()
        .application(&protocol("P1"))
        .cloned()
        .expect("P1");
    let with = |id: &str| {
        let mut app = p1.clone();
        app.protocol = protocol(id);
        Command::PutApplication(Box::new(app))
    };
    let before = snapshot(&dir);
    let error = editor
        .apply_all([with("2026/0100"), with("2026 - 0100")])
        .expect_err("refused");
    assert_eq!(error.index, Some(1));
    assert!(
        error
            .error
            .to_string()
            .contains("è lo stesso numero della candidatura già registrata «2026/0100»"),
        "{}",
        error.error
    );
    assert_same(&before, &snapshot(&dir));

    editor.apply_all([with("2026/0100")]).expect("registered");
    let error = editor.apply(with("2026-0100")).expect_err("refused");
    assert!(error.to_string().contains("«2026/0100»"), "{error}");
    // The same protocol again is a new version, not another number.
    editor.apply(with("2026/0100")).expect("a new version");
    // Removed as registered by mistake, its number is free again.
    let mut gone = editor
        .workspace()
        .application(&protocol("2026/0100"))
        .cloned()
        .expect("registered");
    gone.removed = Some(commissione::domain::Removal {
        reason: "registrata per errore".into(),
        at: commissione::domain::Moment::parse("2026-03-02T10:00").expect("a moment"),
        after: None,
    });
    editor
        .apply(Command::PutApplication(Box::new(gone)))
        .expect("removed");
    editor.apply(with("2026-0100")).expect("the number is free");
}
