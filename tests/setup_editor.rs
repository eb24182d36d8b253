//! The editor's side of setting up a call: an application registered by mistake is removed
//! with its reason (kept in its file, journaled, undone like any change, reported by the next
//! verbale only); the commission's replacements and substitutes in the record and the PDF; the
//! journal says what a change to the call changed.

mod common;

use commissione::domain::{
    Date, LotId, Member, MemberId, Protocol, Replacement, Role, SessionId, SessionKind,
};
use commissione::editor::{Actor, Command, EditError, Editor};
use common::build::application;
use common::{fixture, session};

fn p(s: &str) -> Protocol {
    Protocol::new(s).unwrap()
}

fn registered(dir: &std::path::Path) -> Editor {
    let mut editor = Editor::open(dir, Actor::Secretariat).unwrap();
    let mut app = application("P9", "coworking", "20000.00", "2000.00", "18000.00", 5);
    app.lot = LotId::new("coworking").unwrap();
    editor
        .apply(Command::PutApplication(Box::new(app)))
        .expect("registered");
    editor
}

#[test]
fn an_application_registered_by_mistake_is_removed_with_its_reason_and_undone() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = registered(&dir);
    let refused = editor
        .apply(Command::Unregister {
            application: p("P9"),
            reason: "  ".into(),
        })
        .unwrap_err();
    assert!(matches!(refused, EditError::Invalid(_)), "{refused}");
    assert!(
        refused.to_string().contains("serve la motivazione"),
        "{refused}"
    );

    let undo = editor
        .apply(Command::Unregister {
            application: p("P9"),
            reason: "PEC destinata a un altro avviso".into(),
        })
        .unwrap();
    assert!(editor.workspace().application(&p("P9")).is_none());
    assert!(editor.evaluation().application(&p("P9")).is_none());
    // The file stays, with the removal and its reason; the call opens without it.
    let text = std::fs::read_to_string(dir.join("candidature/P9.ron")).unwrap();
    assert!(
        text.contains("reason: \"PEC destinata a un altro avviso\""),
        "{text}"
    );
    drop(editor);
    let loaded = commissione::workspace::load(&dir);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let ws = loaded.workspace.unwrap();
    assert!(ws.application(&p("P9")).is_none());
    assert!(ws.removed().contains_key(&p("P9")));
    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(
        journal.contains(
            "candidatura P9 rimossa perché registrata per errore (motivazione: PEC destinata a un altro avviso)"
        ),
        "{journal}"
    );

    // Undone, it is back as it was; redone, removed again.
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    let redo = editor.apply(undo).unwrap();
    assert!(editor.workspace().application(&p("P9")).is_some());
    assert!(editor.workspace().removed().is_empty());
    let text = std::fs::read_to_string(dir.join("candidature/P9.ron")).unwrap();
    assert!(!text.contains("removed"), "{text}");
    // In its own file, not in a second one.
    let files = std::fs::read_dir(dir.join("candidature"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".ron"))
        })
        .count();
    assert_eq!(files, 5);
    editor.apply(redo).unwrap();
    assert!(editor.workspace().removed().contains_key(&p("P9")));
}

#[test]
fn an_application_already_scored_cannot_be_removed_as_a_mistake() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    let refused = editor
        .apply(Command::Unregister {
            application: p("P1"),
            reason: "errore".into(),
        })
        .unwrap_err();
    assert!(refused.to_string().contains("va esclusa"), "{refused}");
    assert!(editor.workspace().application(&p("P1")).is_some());
}

#[test]
fn the_next_verbale_reports_the_removal_and_a_closed_one_does_not() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = registered(&dir);
    // Session 1 closes before the removal; session 2 is the next.
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::OpeningPublic,
            "2026-03-10",
        ))))
        .unwrap();
    editor
        .apply(Command::CloseSession(SessionId::new("s1").unwrap()))
        .unwrap();
    // P9 was registered when s1 closed, which fixed it: its removal is a rettifica.
    let refused = editor
        .apply(Command::Unregister {
            application: p("P9"),
            reason: "registrata due volte".into(),
        })
        .unwrap_err();
    assert!(
        refused.to_string().contains("serve una rettifica"),
        "{refused}"
    );
    editor
        .apply(Command::PutSession(Box::new(session(
            "s2",
            2,
            SessionKind::Final,
            "2026-03-20",
        ))))
        .unwrap();
    editor
        .apply(Command::Amend {
            session: SessionId::new("s2").unwrap(),
            reason: "Registrata due volte per errore".into(),
            change: Box::new(Command::Unregister {
                application: p("P9"),
                reason: "registrata due volte".into(),
            }),
        })
        .unwrap();
    let ws = editor.workspace();
    let eval = editor.evaluation();
    let s2 = commissione::record::session_record(ws, eval, &SessionId::new("s2").unwrap()).unwrap();
    assert_eq!(s2.removed.len(), 1);
    assert_eq!(s2.removed[0].protocol, p("P9"));
    assert_eq!(s2.removed[0].reason, "registrata due volte");
    let s1 = commissione::record::session_record(ws, eval, &SessionId::new("s1").unwrap()).unwrap();
    assert!(s1.removed.is_empty());
    // The closed session still verifies: its record did not change.
    drop(editor);
    let (code, out, err) = common::run(&["verify", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");

    let pdf = commissione::minutes::minutes_pdf(
        &commissione::workspace::load(&dir).workspace.unwrap(),
        &SessionId::new("s2").unwrap(),
    )
    .unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Candidature rimosse perché registrate per errore"),
        "{flat}"
    );
    assert!(flat.contains("registrata due volte"), "{flat}");
}

#[test]
fn the_verbale_says_who_replaced_whom_by_which_act() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    let mut commission = editor.workspace().commission().clone();
    commission.members[2].replaced = Some(Replacement {
        by: MemberId::new("m4").unwrap(),
        act: "Determinazione dirigenziale n. 7 del 15/03/2026".into(),
        on: Date::parse("2026-03-16").unwrap(),
    });
    commission.members.push(Member {
        id: MemberId::new("m4").unwrap(),
        name: "Dott. Piero Sala".into(),
        role: Role::Commissioner,
        qualification: "Funzionario".into(),
        replaced: None,
        substitute: None,
    });
    editor
        .apply(Command::PutCommission(Box::new(commission)))
        .unwrap();
    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(
        journal.contains("commissione: componente sostituito (m3), componente aggiunto (m4)"),
        "{journal}"
    );
    let mut s = session("s1", 1, SessionKind::ReservedScoring, "2026-03-20");
    s.present = ["m1", "m2", "m4", "seg"]
        .iter()
        .map(|m| MemberId::new(*m).unwrap())
        .collect();
    editor.apply(Command::PutSession(Box::new(s))).unwrap();
    let record = commissione::record::session_record(
        editor.workspace(),
        editor.evaluation(),
        &SessionId::new("s1").unwrap(),
    )
    .unwrap();
    let m3 = record
        .commission
        .members
        .iter()
        .find(|m| m.id.as_str() == "m3")
        .unwrap();
    assert_eq!(m3.replaced.as_ref().unwrap().by_name, "Dott. Piero Sala");
    let pdf = commissione::minutes::minutes_pdf(editor.workspace(), &SessionId::new("s1").unwrap())
        .unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Con Determinazione dirigenziale n. 7 del 15/03/2026, a decorrere dal 16/03/2026, Giulia Russo è sostituito nella commissione da Dott. Piero Sala."),
        "{flat}"
    );
    // The member replaced is not in the table of those present, nor among the signatures.
    assert!(!flat.contains("Giulia Russo Componente"), "{flat}");
}

#[test]
fn records_without_changes_keep_their_bytes() {
    // A session's record without replacements, substitutes or removals is written as before
    // these existed, so that seals of closed sessions still verify.
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::OpeningPublic,
            "2026-03-10",
        ))))
        .unwrap();
    let record = commissione::record::session_record(
        editor.workspace(),
        editor.evaluation(),
        &SessionId::new("s1").unwrap(),
    )
    .unwrap();
    let json = serde_json::to_string(&record).unwrap();
    for field in ["\"removed\"", "\"replaced\"", "\"substitute\""] {
        assert!(!json.contains(field), "{field} in {json}");
    }
}
