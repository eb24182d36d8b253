//! The commands the fault tests interrupt (an import of applications, an import of scores, a
//! member's sheet taken in, a session closed, a rettifica), each on a copy of one prepared call,
//! and what "whole or not at all" means for each on disk.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use commissione::domain::{
    CriterionId, MemberId, Points, Protocol, SessionId, SessionKind, Workspace,
};
use commissione::editor::{Actor, Command, Editor};
use commissione::workspace::journal::Journal;
use commissione::workspace::{load, travel};

use crate::common::{copy_dir, session};

pub const OPS: [&str; 6] = [
    "importazione di candidature",
    "importazione di punteggi",
    "importazione di una scheda",
    "chiusura di una seduta",
    "rettifica",
    "punteggi dati uno per uno",
];

/// The marks op 5 gives, one by one: member m1 on P1, each criterion's reason the mark of the
/// fault; each a line appended to the sheet's log of changes (see `workspace::sheet_log`), the
/// call opened again between the first and the second.
const ONE_BY_ONE: [(&str, &str); 3] = [("A", "0.6"), ("B", "0.4"), ("C", "3")];

/// Example A with two sessions: s1 (scoring, open, with its end time) and s2 (final, open).
pub fn prepared(root: &Path) -> PathBuf {
    let dir = root.join("base");
    copy_dir(Path::new("tests/fixtures/example-a"), &dir);
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    for (id, number, kind) in [
        ("s1", 1, SessionKind::ReservedScoring),
        ("s2", 2, SessionKind::Final),
    ] {
        editor
            .apply(Command::PutSession(Box::new(session(
                id,
                number,
                kind,
                if number == 1 {
                    "2026-03-10"
                } else {
                    "2026-03-20"
                },
            ))))
            .expect("a session");
    }
    dir
}

/// A fresh copy of the prepared call, and the files the commands read, beside it.
pub fn copy(base: &Path, to: &Path) -> PathBuf {
    let _ = fs::remove_dir_all(to);
    copy_dir(base, to);
    let inputs = to.join("..").join(format!(
        "{}-file",
        to.file_name().expect("a name").to_string_lossy()
    ));
    fs::create_dir_all(&inputs).expect("inputs");
    fs::write(
        inputs.join("domande.csv"),
        "protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;lotto;titolo;contributo_richiesto\n\
         N1;02/03/2026 10:15;APS Uno;12345679190;APS;coworking;Nuova uno;79.000,00\n\
         N2;02/03/2026 10:16;APS Due;12345679190;APS;coworking;Nuova due;78.000,00\n\
         N3;02/03/2026 10:17;APS Tre;12345679190;APS;coworking;Nuova tre;77.000,00\n",
    )
    .expect("written");
    fs::write(
        inputs.join("punteggi.csv"),
        "commissario;protocollo;criterio;valore;motivazione\n\
         m1;P1;A;ottimo;segno del guasto\n\
         m2;P2;B;ottimo;segno del guasto\n",
    )
    .expect("written");
    let ws = load(to).workspace.expect("the copy loads");
    let mut sheet = ws
        .sheet(&MemberId::new("m3").expect("id"))
        .cloned()
        .expect("m3's sheet");
    sheet.revision += 1;
    if let Some(s) = sheet
        .scores
        .iter_mut()
        .find(|s| s.application.as_str() == "P1" && s.criterion.as_str() == "A")
    {
        s.reason = "segno del guasto".into();
    }
    fs::write(
        inputs.join("scheda-m3.ron"),
        travel::export(&ws, &sheet, None).expect("exported"),
    )
    .expect("written");
    to.to_path_buf()
}

fn inputs(dir: &Path) -> PathBuf {
    dir.join("..").join(format!(
        "{}-file",
        dir.file_name().expect("a name").to_string_lossy()
    ))
}

fn cli(args: &[&str]) -> commissione::cli::Exit {
    let mut all = vec!["commissione"];
    all.extend_from_slice(args);
    let cli = commissione::cli::parse(all.iter().map(std::ffi::OsString::from)).expect("valid");
    commissione::cli::run(cli.command.expect("a command"))
}

/// Runs command `op` on the call in `dir`; `done` is called after each of its steps that
/// completed (a rettifica is two: the closing of s1, then the amendment). Returns whether it
/// all succeeded.
pub fn run(op: usize, dir: &Path, done: &mut dyn FnMut(usize)) -> Result<(), String> {
    let d = dir.to_str().expect("utf-8");
    let input = |name: &str| inputs(dir).join(name).to_string_lossy().into_owned();
    let ok = |exit: commissione::cli::Exit| match exit {
        commissione::cli::Exit::Ok => Ok(()),
        other => Err(format!("{other:?}")),
    };
    match op {
        0 => ok(cli(&["import", d, "--applications", &input("domande.csv")])).map(|()| done(0)),
        1 => ok(cli(&["import", d, "--scores", &input("punteggi.csv")])).map(|()| done(0)),
        2 => ok(cli(&["sheet", "import", d, &input("scheda-m3.ron")])).map(|()| done(0)),
        3 => ok(cli(&["close", d, "--session", "s1"])).map(|()| done(0)),
        5 => {
            let mut editor = Editor::open(dir, Actor::Secretariat).map_err(|e| e.to_string())?;
            for (i, (criterion, value)) in ONE_BY_ONE.iter().enumerate() {
                if i == 1 {
                    // Opened again: the log written by the first mark is read back, and grows.
                    drop(editor);
                    editor = Editor::open(dir, Actor::Secretariat).map_err(|e| e.to_string())?;
                }
                editor
                    .apply(Command::Score {
                        member: MemberId::new("m1").expect("id"),
                        application: Protocol::new("P1").expect("id"),
                        criterion: CriterionId::new(*criterion).expect("id"),
                        value: Points::parse(value).ok(),
                        reason: "segno del guasto".into(),
                    })
                    .map_err(|e| e.to_string())?;
                done(i);
            }
            Ok(())
        }
        _ => {
            let mut editor = Editor::open(dir, Actor::Secretariat).map_err(|e| e.to_string())?;
            let s1 = SessionId::new("s1").expect("id");
            if !editor
                .workspace()
                .session(&s1)
                .is_some_and(|s| s.is_closed())
            {
                editor
                    .apply(Command::CloseSession(s1))
                    .map_err(|e| e.to_string())?;
            }
            done(0);
            editor
                .apply(Command::Amend {
                    session: SessionId::new("s2").expect("id"),
                    reason: "errore materiale".into(),
                    change: Box::new(Command::Score {
                        member: MemberId::new("m1").expect("id"),
                        application: Protocol::new("P1").expect("id"),
                        criterion: CriterionId::new("A").expect("id"),
                        value: Points::parse("1.0").ok(),
                        reason: "segno del guasto".into(),
                    }),
                })
                .map_err(|e| e.to_string())?;
            done(1);
            Ok(())
        }
    }
}

fn reason(ws: &Workspace, member: &str, app: &str, criterion: &str) -> String {
    ws.score(
        &MemberId::new(member).expect("id"),
        &Protocol::new(app).expect("id"),
        &CriterionId::new(criterion).expect("id"),
    )
    .map(|s| s.reason.clone())
    .unwrap_or_default()
}

fn closed(ws: &Workspace, id: &str) -> bool {
    ws.session(&SessionId::new(id).expect("id"))
        .is_some_and(|s| s.is_closed())
}

/// How far command `op` got, as the files show it: 0 (nothing), 1 (all of it; for a
/// rettifica, the closing), 2 (a rettifica: also the amendment). Panics on a half.
pub fn effect(op: usize, dir: &Path, ws: &Workspace) -> usize {
    let mark = "segno del guasto";
    match op {
        0 => {
            let present = ["N1", "N2", "N3"]
                .iter()
                .filter(|p| ws.application(&Protocol::new(**p).expect("id")).is_some())
                .count();
            assert!(present == 0 || present == 3, "{present} of 3 applications");
            usize::from(present == 3)
        }
        1 => {
            let (a, b) = (
                reason(ws, "m1", "P1", "A") == mark,
                reason(ws, "m2", "P2", "B") == mark,
            );
            assert_eq!(a, b, "one member's mark without the other's");
            usize::from(a)
        }
        2 => {
            let sheet = ws.sheet(&MemberId::new("m3").expect("id")).expect("m3");
            let marked = reason(ws, "m3", "P1", "A") == mark;
            assert_eq!(marked, sheet.revision == 1, "revision {}", sheet.revision);
            usize::from(marked)
        }
        3 => {
            let kept = dir.join("sedute/s1.verbale.json").exists();
            assert_eq!(
                closed(ws, "s1"),
                kept,
                "sealed without its kept record, or the reverse"
            );
            usize::from(kept)
        }
        5 => {
            let given: Vec<bool> = ONE_BY_ONE
                .iter()
                .map(|(c, _)| reason(ws, "m1", "P1", c) == mark)
                .collect();
            let n = given.iter().filter(|g| **g).count();
            assert!(
                given.iter().take(n).all(|g| *g),
                "marks given out of order: {given:?}"
            );
            n
        }
        _ => {
            let kept = dir.join("sedute/s1.verbale.json").exists();
            assert_eq!(
                closed(ws, "s1"),
                kept,
                "sealed without its kept record, or the reverse"
            );
            let amended = ws
                .session(&SessionId::new("s2").expect("id"))
                .is_some_and(|s| !s.amendments.is_empty());
            assert_eq!(
                amended,
                reason(ws, "m1", "P1", "A") == mark,
                "an amendment by halves"
            );
            assert!(!amended || closed(ws, "s1"));
            usize::from(closed(ws, "s1")) + usize::from(amended)
        }
    }
}

/// What must hold after any interruption: the call opens for writing (completing or rolling
/// back what was left), loads without a problem, the journal's chain holds and agrees with the
/// files, and no temporary file is left.
pub fn sound(dir: &Path, what: &str) -> Workspace {
    let unfinished = dir.join("transazione.ron").exists();
    let editor = Editor::open(dir, Actor::Secretariat).expect("the call opens");
    // An operation left half done is completed or rolled back, and said.
    if unfinished {
        let said = editor.recovered().map(|r| r.message()).unwrap_or_default();
        assert!(
            said.contains("completata") || said.contains("annullata"),
            "{what}: nothing said of the operation left: {said:?}"
        );
    }
    assert!(
        editor.read_only().is_none(),
        "{what}: read-only: {:?}",
        editor.read_only()
    );
    drop(editor);
    let loaded = load(dir);
    assert!(loaded.problems.is_empty(), "{what}: {:?}", loaded.problems);
    let journal = Journal::of(dir);
    let (_, broken) = journal.verify();
    assert!(broken.is_none(), "{what}: the journal: {broken:?}");
    let disagree = journal.disagreements(dir);
    assert!(disagree.is_empty(), "{what}: {disagree:?}");
    for folder in ["", "candidature", "schede", "sedute"] {
        for entry in fs::read_dir(dir.join(folder))
            .expect("the folder")
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                !(name.ends_with(".tmp") || name.contains(".tx-") || name == "transazione.ron"),
                "{what}: left behind: {folder}/{name}"
            );
        }
    }
    loaded.workspace.expect("loads")
}
