//! Sessions that close: the seal, what it fixes, amendments, and verify.

mod common;

use std::fs;
use std::path::Path;

use commissione::domain::{CriterionId, MemberId, Points, Protocol, SessionId, SessionKind};
use commissione::editor::{Actor, Command, EditError, Editor};
use common::{fixture, run, session};

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn score(member: &str, app: &str, criterion: &str, value: &str) -> Command {
    Command::Score {
        member: MemberId::new(member).expect("id"),
        application: Protocol::new(app).expect("id"),
        criterion: CriterionId::new(criterion).expect("id"),
        value: Some(Points::parse(value).expect("points")),
        reason: "Rivalutazione dopo il confronto in commissione.".into(),
    }
}

/// Example A with its scoring session closed.
fn closed_scoring() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::ReservedScoring,
            "2026-03-10",
        ))))
        .expect("session added");
    editor
        .apply(Command::CloseSession(SessionId::new("s1").expect("id")))
        .expect("closed");
    (tmp, dir)
}

#[test]
fn closing_seals_the_record_and_keeps_it() {
    let (_tmp, dir) = closed_scoring();
    let ws = commissione::workspace::load(&dir).workspace.expect("loads");
    let s1 = ws.session(&SessionId::new("s1").expect("id")).expect("s1");
    let seal = s1.seal.as_ref().expect("sealed");
    assert_eq!(seal.sha256.len(), 64);
    // What it fixed: the call, the commission, the four applications, the twelve
    // declarations, and the complete scores (m1, m2, m3 on P1 and P3; m1, m2 on P2).
    assert!(seal.covers.iter().any(|c| c.item == "avviso"));
    assert!(seal.covers.iter().any(|c| c.item == "valutazione:P2:m1"));
    assert!(
        !seal.covers.iter().any(|c| c.item == "valutazione:P2:m3"),
        "m3 abstains on P2"
    );
    let kept = fs::read(dir.join("sedute/s1.verbale.json")).expect("the record is kept");
    assert_eq!(
        Some(commissione::seal::sha256_hex(&kept)),
        seal.record,
        "the seal names the kept record by its hash"
    );
    // The kept record draws the same verbale as the data do now.
    let out = dir.join("v1.pdf");
    let (code, text, err) = run(&["minutes", p(&dir), "--session", "s1", "-o", p(&out)]);
    assert_eq!(code, 0, "{text}{err}");
    let (code, text, _) = run(&["verify", p(&dir), p(&out)]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("Il verbale conservato alla chiusura è integro."),
        "{text}"
    );
    assert!(text.contains("invariati"), "{text}");
}

#[test]
fn a_closed_sessions_verbale_is_its_sealed_pdf_and_an_altered_kept_record_stops_it() {
    let (_tmp, dir) = closed_scoring();
    let sealed = fs::read(dir.join("verbali/sigillati/verbale-01-s1.pdf")).expect("kept pdf");
    let out = dir.join("v1.pdf");
    let issue = || run(&["minutes", p(&dir), "--session", "s1", "-o", p(&out)]);
    let (code, text, err) = issue();
    assert_eq!(code, 0, "{text}{err}");
    assert_eq!(
        fs::read(&out).expect("written"),
        sealed,
        "the sealed PDF, byte for byte"
    );
    fs::remove_file(&out).expect("removed");

    // The kept record, hashed piece by piece, must still give the seal.
    let record = dir.join("sedute/s1.verbale.json");
    let kept = fs::read(&record).expect("kept record");
    let mut altered = kept.clone();
    let at = altered
        .iter()
        .position(|b| b.is_ascii_digit())
        .expect("a digit");
    altered[at] = if altered[at] == b'9' {
        b'8'
    } else {
        altered[at] + 1
    };
    fs::write(&record, &altered).expect("altered");
    let (code, text, err) = issue();
    assert_eq!(code, 1, "{text}{err}");
    assert!(err.contains("è stato modificato dopo la chiusura"), "{err}");
    assert!(!out.exists(), "nothing issued");

    // A kept record that is gone does not stop the sealed PDF (verify reports it).
    fs::remove_file(&record).expect("removed");
    let (code, text, err) = issue();
    assert_eq!(code, 0, "{text}{err}");
    assert_eq!(fs::read(&out).expect("written"), sealed);
}

#[test]
fn a_score_fixed_by_a_closed_session_cannot_change_without_an_amendment() {
    let (_tmp, dir) = closed_scoring();
    let before = common::snapshot(&dir);
    let mut editor =
        Editor::open(&dir, Actor::Member(MemberId::new("m2").expect("id"))).expect("opens");
    let error = editor
        .apply(score("m2", "P1", "B", "1.0"))
        .expect_err("fixed by s1");
    assert!(matches!(error, EditError::Sealed(_)), "{error}");
    assert!(
        error.to_string().contains("il verbale n. 1 (seduta del 10/03/2026, chiusa) ha fissato i punteggi di m2 sulla candidatura P1"),
        "{error}"
    );
    drop(editor);
    common::assert_same(&before, &common::snapshot(&dir));
    // The closed session itself cannot be changed or closed again.
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let mut s1 = editor
        .workspace()
        .session(&SessionId::new("s1").expect("id"))
        .cloned()
        .expect("s1");
    s1.place = "Altrove".into();
    assert!(matches!(
        editor.apply(Command::PutSession(Box::new(s1))),
        Err(EditError::Sealed(_))
    ));
    assert!(matches!(
        editor.apply(Command::CloseSession(SessionId::new("s1").expect("id"))),
        Err(EditError::Sealed(_))
    ));
}

#[test]
fn what_was_still_open_can_be_completed_after_closing() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    // m2 has not scored P3 on C yet when the session closes.
    let m2 = MemberId::new("m2").expect("id");
    let mut sheet = editor.workspace().sheet(&m2).cloned().expect("m2");
    sheet
        .scores
        .retain(|s| !(s.application.as_str() == "P3" && s.criterion.as_str() == "C"));
    editor.apply(Command::PutSheet(sheet)).expect("put");
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::ReservedScoring,
            "2026-03-10",
        ))))
        .expect("session");
    editor
        .apply(Command::CloseSession(SessionId::new("s1").expect("id")))
        .expect("closed");
    // Completing m2's scores on P3 is new work, not a change to what s1 fixed.
    editor
        .apply(score("m2", "P3", "C", "12"))
        .expect("completed after closing");
    // But what m2 had already given on P3 is fixed.
    assert!(editor.apply(score("m2", "P3", "A", "0.6")).is_err());
}

#[test]
fn an_amendment_in_a_later_session_is_recorded_and_reported() {
    let (_tmp, dir) = closed_scoring();
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    editor
        .apply(Command::PutSession(Box::new(session(
            "s2",
            2,
            SessionKind::Final,
            "2026-03-20",
        ))))
        .expect("a new session");
    let no_reason = editor.apply(Command::Amend {
        session: SessionId::new("s2").expect("id"),
        reason: "  ".into(),
        change: Box::new(score("m2", "P1", "B", "1.0")),
    });
    assert!(
        no_reason
            .expect_err("a reason is required")
            .to_string()
            .contains("motivazione")
    );
    editor
        .apply(Command::Amend {
            session: SessionId::new("s2").expect("id"),
            reason: "Errore materiale di trascrizione del coefficiente, segnalato dal componente"
                .into(),
            change: Box::new(score("m2", "P1", "B", "1.0")),
        })
        .expect("amended");
    let s2 = editor
        .workspace()
        .session(&SessionId::new("s2").expect("id"))
        .cloned()
        .expect("s2");
    assert_eq!(s2.amendments.len(), 1);
    assert_eq!(s2.amendments[0].item, "valutazione:P1:m2");
    drop(editor);

    // The final session's minutes report the amendment.
    let out = dir.join("v2.pdf");
    let (code, text, err) = run(&["minutes", p(&dir), "--session", "s2", "-o", p(&out)]);
    assert_eq!(code, 0, "{text}{err}");
    let pdf_text = pdf_extract::extract_text(&out).expect("text");
    let flat = pdf_text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Rettifiche a verbali precedenti"), "{flat}");
    assert!(
        flat.contains("Con riferimento al verbale n. 1 della seduta del 10/03/2026"),
        "{flat}"
    );
    assert!(flat.contains("Errore materiale di trascrizione"), "{flat}");

    // The closed session's verbale still verifies, naming the amendment.
    let v1 = dir.join("v1.pdf");
    assert_eq!(
        run(&["minutes", p(&dir), "--session", "s1", "-o", p(&v1)]).0,
        0
    );
    let (code, text, _) = run(&["verify", p(&dir), p(&v1)]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("rettificato nella seduta «s2» (verbale n. 2)"),
        "{text}"
    );
}

#[test]
fn a_hand_edit_after_closing_is_caught_by_verify() {
    let (_tmp, dir) = closed_scoring();
    let v1 = dir.join("v1.pdf");
    assert_eq!(
        run(&["minutes", p(&dir), "--session", "s1", "-o", p(&v1)]).0,
        0
    );
    let (code, out, _) = run(&["verify", p(&dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Esito: la seduta chiusa è integra."), "{out}");
    // Someone edits m1's sheet with a text editor, bypassing the program.
    let sheet = dir.join("schede/m1.ron");
    let text = fs::read_to_string(&sheet).expect("read");
    let edited = text.replacen("value: \"0.6\"", "value: \"1.0\"", 1);
    assert_ne!(text, edited);
    fs::write(&sheet, edited).expect("tamper");
    let (code, out, _) = run(&["verify", p(&dir), p(&v1)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("MODIFICATO DOPO LA CHIUSURA SENZA RETTIFICA: i punteggi di m1"),
        "{out}"
    );
    // Without a PDF, verify checks the closed sessions of the workspace alone.
    let (code, out, _) = run(&["verify", p(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("MODIFICATO DOPO LA CHIUSURA SENZA RETTIFICA: i punteggi di m1")
            && out.contains("almeno una seduta chiusa NON è integra"),
        "{out}"
    );
    // And an edited kept record is caught too.
    let kept = dir.join("sedute/s1.verbale.json");
    let record = fs::read_to_string(&kept).expect("read");
    fs::write(&kept, record.replacen("Marco", "Mario", 1)).expect("tamper");
    let (code, out, _) = run(&["verify", p(&dir), p(&v1)]);
    assert_eq!(code, 1);
    assert!(out.contains("NON corrisponde al sigillo"), "{out}");
}

#[test]
fn close_from_the_command_line() {
    let (_tmp, dir) = fixture("example-b-lottery");
    // A final session over applications nobody decided on closes only when told so.
    let (code, out, err) = run(&["close", p(&dir), "--session", "s1"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("H1") && err.contains("--conferma-pendenti"),
        "{err}"
    );
    let (code, out, err) = run(&["close", p(&dir), "--session", "s1", "--conferma-pendenti"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Seduta «s1» chiusa. Sigillo:"), "{out}");
    let (code, _, err) = run(&["close", p(&dir), "--session", "s1"]);
    assert_eq!(code, 1);
    assert!(err.contains("già chiusa"), "{err}");
    let (code, _, err) = run(&["close", p(&dir), "--session", "s9"]);
    assert_eq!(code, 2);
    assert!(err.contains("non esiste"), "{err}");
}
