//! The call's folder as something that others touch too: exports that must not overwrite it,
//! links that lead out of it, pipes and devices, a lock left behind, Ctrl+C, a hand edit the
//! journal does not know, and a journal that stays small.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use commissione::domain::{CriterionId, MemberId, Points, Protocol, SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use commissione::workspace::journal::Journal;
use commissione::workspace::tx;
use common::{fixture, run, session, snapshot};

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8")
}

#[test]
fn no_export_overwrites_a_file_of_the_call() {
    let (_tmp, dir) = fixture("example-a");
    {
        let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
        editor
            .apply(Command::PutSession(Box::new(session(
                "s2",
                1,
                SessionKind::ReservedScoring,
                "2026-03-10",
            ))))
            .expect("a session");
        editor
            .apply(Command::CloseSession(SessionId::new("s2").expect("id")))
            .expect("closed");
    }
    let before = snapshot(&dir);
    let d = p(&dir);
    let attempts: Vec<Vec<String>> = vec![
        vec![
            "rank",
            d,
            "--format",
            "csv",
            "-o",
            &format!("{d}/avviso.ron"),
        ],
        vec![
            "rank",
            d,
            "--matrix",
            "--format",
            "csv",
            "-o",
            &format!("{d}/registro.ron"),
        ],
        vec![
            "minutes",
            d,
            "--session",
            "s2",
            "-o",
            &format!("{d}/commissione.ron"),
        ],
        vec!["graduatoria", d, "-o", &format!("{d}/candidature/P1.ron")],
        vec![
            "sheet",
            "export",
            d,
            "--member",
            "m1",
            "-o",
            &format!("{d}/schede/m2.ron"),
        ],
        vec![
            "sheet",
            "export",
            d,
            "--member",
            "m1",
            "-o",
            &format!("{d}/sedute/s2.verbale.json"),
        ],
        vec![
            "sheet",
            "export",
            d,
            "--member",
            "m1",
            "-o",
            &format!("{d}/schede/m1.ron.bak"),
        ],
        vec![
            "rank",
            d,
            "--format",
            "csv",
            "-o",
            &format!("{d}/commissione.lock"),
        ],
    ]
    .into_iter()
    .map(|a| a.into_iter().map(String::from).collect())
    .collect();
    for args in &attempts {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("non lo sovrascrive"), "{args:?}: {err}");
    }
    // Through a link placed outside, pointing in.
    let link = dir.parent().expect("parent").join("innocuo.csv");
    symlink(dir.join("avviso.ron"), &link).expect("link");
    let (code, _, err) = run(&["rank", d, "--format", "csv", "-o", p(&link)]);
    assert_eq!(code, 2, "{err}");
    let mut after = snapshot(&dir);
    after.retain(|(p, _)| !p.ends_with("commissione.lock"));
    let mut expected = before;
    expected.retain(|(p, _)| !p.ends_with("commissione.lock"));
    common::assert_same(&expected, &after);
    // Exports where they belong still work.
    let (code, _, err) = run(&[
        "rank",
        d,
        "--format",
        "csv",
        "-o",
        &format!("{d}/verbali/g.csv"),
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_folder_linked_outside_the_call_is_never_written() {
    let (tmp, dir) = fixture("example-a");
    let elsewhere = tmp.path().join("altrove");
    fs::rename(dir.join("candidature"), &elsewhere).expect("moved");
    symlink(&elsewhere, dir.join("candidature")).expect("link");
    let outside = snapshot(&elsewhere);
    let csv = tmp.path().join("d.csv");
    fs::write(
        &csv,
        "protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;lotto;titolo;contributo_richiesto\nN1;02/03/2026 10:15;APS Uno;12345679190;APS;coworking;Nuova;79.000,00\n",
    )
    .expect("written");
    let (code, out, err) = run(&["import", p(&dir), "--applications", p(&csv)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("fuori dalla cartella dell'avviso"), "{err}");
    common::assert_same(&outside, &snapshot(&elsewhere));
}

fn fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn pipes_and_devices_are_never_read() {
    let (tmp, dir) = fixture("example-a");
    // A pipe among the applications, a link to /dev/zero among the sheets: `check` names both
    // and ends (before, it waited forever, or read until memory ran out).
    fifo(&dir.join("candidature/P9.ron"));
    symlink("/dev/zero", dir.join("schede/m9.ron")).expect("link");
    let (code, out, err) = run(&["check", p(&dir)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("candidature/P9.ron") && out.contains("non è un file ordinario"),
        "{out}"
    );
    assert!(out.contains("schede/m9.ron"), "{out}");
    // A pipe given as a sheet to take in, or as a spreadsheet to import.
    let pipe = tmp.path().join("scheda.ron");
    fifo(&pipe);
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&pipe)]);
    assert_ne!(code, 0);
    assert!(err.contains("non è un file ordinario"), "{err}");
    let (code, _, err) = run(&["import", p(&dir), "--scores", p(&pipe), "--dry-run"]);
    assert_eq!(code, 2);
    assert!(err.contains("non è un file ordinario"), "{err}");
}

#[test]
fn a_lock_left_by_a_process_that_is_gone_does_not_block_anyone() {
    let (_tmp, dir) = fixture("example-a");
    let mut child = std::process::Command::new("true").spawn().expect("runs");
    let pid = child.id();
    child.wait().expect("ends");
    // As a window killed on this computer leaves it.
    let host = fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string());
    let host = std::env::var("HOSTNAME")
        .ok()
        .or(host.ok())
        .unwrap_or_default();
    fs::write(
        dir.join("commissione.lock"),
        format!(
            "(format:1,who:\"segreteria (mrossi)\",host:\"{host}\",pid:{pid},since:\"2026-03-10T10:30:00+01:00\",refreshed:\"2026-03-10T10:30:00+01:00\")"
        ),
    )
    .expect("left behind");
    let (code, out, err) = run(&["close", p(&dir), "--session", "s9"]);
    // Not refused for the lock: the session simply does not exist.
    assert_eq!(code, 2, "{out}{err}");
    assert!(!err.contains("è aperto da"), "{err}");
    assert!(!dir.join("commissione.lock").exists(), "released");
}

#[test]
fn ctrl_c_rolls_the_change_back_and_releases_the_lock() {
    let (_tmp, dir) = fixture("example-a");
    let before = snapshot(&dir);
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    tx::interrupt_for_test(true);
    let error = editor
        .apply(Command::Score {
            member: MemberId::new("m1").expect("id"),
            application: Protocol::new("P1").expect("id"),
            criterion: CriterionId::new("A").expect("id"),
            value: Points::parse("1.0").ok(),
            reason: "interrotto".into(),
        })
        .expect_err("interrupted");
    tx::interrupt_for_test(false);
    assert!(error.interrupted(), "{error}");
    assert!(error.to_string().contains("annullata"), "{error}");
    drop(editor);
    assert!(!dir.join("commissione.lock").exists());
    common::assert_same(&before, &snapshot(&dir));
}

#[test]
fn registro_finds_a_file_changed_behind_the_journal() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    editor
        .apply(Command::Score {
            member: MemberId::new("m1").expect("id"),
            application: Protocol::new("P1").expect("id"),
            criterion: CriterionId::new("A").expect("id"),
            value: Points::parse("1.0").ok(),
            reason: "Ottima".into(),
        })
        .expect("scored");
    drop(editor);
    let (code, out, _) = run(&["registro", p(&dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("i file concordano"), "{out}");
    // The mark is in the sheet's log of changes (README: schede/MEMBER.modifiche).
    common::edit(
        &dir.join("schede/m1.modifiche"),
        "Ottima",
        "Ottima, corretta a mano",
    );
    let (code, out, _) = run(&["registro", p(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("NON CONCORDANO") && out.contains("schede/m1.modifiche"),
        "{out}"
    );
}

#[test]
fn the_journal_grows_by_what_changed_not_by_whole_files() {
    let (_tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let journal = Journal::of(&dir);
    let sheet = fs::metadata(dir.join("schede/m1.ron"))
        .expect("sheet")
        .len();
    let mut sizes = Vec::new();
    for (i, value) in ["1.0", "0.6", "0.8"].iter().enumerate() {
        let before = journal.len();
        editor
            .apply(Command::Score {
                member: MemberId::new("m1").expect("id"),
                application: Protocol::new("P1").expect("id"),
                criterion: CriterionId::new("A").expect("id"),
                value: Points::parse(value).ok(),
                reason: format!("motivazione {i}"),
            })
            .expect("scored");
        sizes.push(journal.len() - before);
    }
    // A whole sheet replaced (as undo and a sheet taken in do) records only the marks changed.
    let mut whole = editor
        .workspace()
        .sheet(&MemberId::new("m1").expect("id"))
        .cloned()
        .expect("m1");
    whole.scores[0].reason = "cambiata".into();
    let before = journal.len();
    editor.apply(Command::PutSheet(whole)).expect("put");
    sizes.push(journal.len() - before);
    for size in &sizes {
        assert!(
            *size < 1200,
            "{size} bytes for one mark (the sheet is {sheet} bytes): {sizes:?}"
        );
    }
}

#[test]
fn a_mark_is_a_line_at_the_end_of_the_sheet_s_log_not_the_sheet_written_again() {
    let (_tmp, dir) = fixture("example-a");
    let sheet_file = dir.join("schede/m1.ron");
    let log = dir.join("schede/m1.modifiche");
    let sheet_before = fs::read(&sheet_file).expect("the sheet");
    let mut editor =
        Editor::open(&dir, Actor::Member(MemberId::new("m1").expect("id"))).expect("opens");
    let mark = |editor: &mut Editor, value: &str, reason: &str| {
        editor
            .apply(Command::Score {
                member: MemberId::new("m1").expect("id"),
                application: Protocol::new("P1").expect("id"),
                criterion: CriterionId::new("A").expect("id"),
                value: Points::parse(value).ok(),
                reason: reason.into(),
            })
            .expect("scored")
    };
    let undo = mark(&mut editor, "0.6", "Prima");
    editor.apply(undo).expect("undone");
    mark(&mut editor, "0.4", "Seconda «motivazione»,\nsu due righe");
    // The sheet is untouched; the log holds its header and one line per mark.
    assert_eq!(fs::read(&sheet_file).expect("the sheet"), sheet_before);
    let text = fs::read_to_string(&log).expect("the log is written");
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.lines().skip(1).all(|l| l.len() < 400), "{text}");
    // Whoever reads the call reads the marks, and the journal agrees with the files.
    let read = commissione::workspace::load(&dir);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let ws = read.workspace.expect("loads");
    let m1 = MemberId::new("m1").expect("id");
    let given = ws
        .score(
            &m1,
            &Protocol::new("P1").expect("id"),
            &CriterionId::new("A").expect("id"),
        )
        .expect("the mark");
    assert_eq!(given.value, Points::parse("0.4").expect("value"));
    assert_eq!(given.reason, "Seconda «motivazione»,\nsu due righe");
    let revision = ws.sheet(&m1).expect("m1").revision;
    assert_eq!(&ws, editor.workspace());
    let (code, out, _) = run(&["registro", p(&dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("i file concordano"), "{out}");
    let (code, out, err) = run(&["check", p(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    drop(editor);

    // Opened again, the log is read as it is: opening writes nothing.
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    assert_eq!(fs::read_to_string(&log).expect("the log"), text);
    assert_eq!(editor.workspace(), &ws);
    // A whole sheet put back (as taking in a member's sheet does) with a few marks removed is
    // still a line: what changed, not the sheet.
    let mut whole = ws.sheet(&m1).cloned().expect("m1");
    whole.scores.retain(|s| s.application.as_str() != "P2");
    editor.apply(Command::PutSheet(whole)).expect("put");
    assert_eq!(fs::read(&sheet_file).expect("the sheet"), sheet_before);
    let grown = fs::read_to_string(&log).expect("the log");
    assert_eq!(grown.lines().count(), 5, "{grown}");
    assert!(
        grown
            .lines()
            .last()
            .unwrap_or_default()
            .contains("removed:"),
        "{grown}"
    );
    let again = commissione::workspace::load(&dir).workspace.expect("loads");
    assert_eq!(&again, editor.workspace());
    assert_eq!(again.sheet(&m1).expect("m1").revision, revision + 1);
    drop(editor);
    let (code, out, _) = run(&["registro", p(&dir)]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_spreadsheet_s_far_corner_does_not_size_anything() {
    // Two cells, A1 and XFD1048576: a rectangle of 17 billion cells, which calamine's ranges
    // would allocate at once (the program aborted, "memory allocation of 549755813888 bytes").
    let (tmp, dir) = fixture("example-a");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "commissario").expect("a cell");
    sheet
        .write_string(1_048_575, 16_383, "lontano")
        .expect("the far corner");
    let file = tmp.path().join("angolo.xlsx");
    book.save(&file).expect("saved");
    assert!(fs::metadata(&file).expect("written").len() < 20_000);
    let (code, out, err) = run(&["import", p(&dir), "--scores", p(&file), "--dry-run"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("angolo.xlsx"), "{out}");
    assert!(!dir.join("commissione.lock").exists());
}

#[test]
fn a_kept_record_may_be_larger_than_any_other_file_of_the_call() {
    use commissione::workspace::files::{MAX_FILE_BYTES, MAX_KEPT_BYTES, read_regular};
    use commissione::workspace::journal::Draft;
    let (_tmp, dir) = fixture("example-a");
    let journal = Journal::of(&dir);
    let at = commissione::minutes::issue_moment();
    // A 10,000-application call keeps a record of 220 MB: over the limit of an ordinary file.
    let size = MAX_FILE_BYTES as usize + 1024;
    let put = |file: &str| {
        let mut t = tx::Transaction::new("prova");
        t.push(
            tx::Op::Put {
                file: file.into(),
                bytes: vec![b' '; size],
            },
            Draft {
                who: "prova".into(),
                change: "prova".into(),
                ..Draft::default()
            },
        );
        t
    };
    let refused = tx::commit(&dir, &journal, at, put("candidature/grande.ron"), &|| true);
    assert!(
        matches!(refused, Err(tx::TxError::TooLarge { .. })),
        "{refused:?}"
    );
    assert!(!dir.join("candidature/grande.ron").exists());
    for kept in [
        "sedute/s9.verbale.json",
        "verbali/sigillati/verbale-09-s9.pdf",
    ] {
        tx::commit(&dir, &journal, at, put(kept), &|| true).expect("a kept file is written");
        let path = dir.join(kept);
        assert_eq!(fs::metadata(&path).expect("written").len(), size as u64);
        assert_eq!(
            read_regular(&path, MAX_KEPT_BYTES).expect("read").len(),
            size
        );
        assert!(read_regular(&path, MAX_FILE_BYTES).is_err());
    }
}

/// A content written beside its file as it is made (a closing's record and sealed verbale):
/// the transaction puts it in place and its journal entry carries its hash; one never committed
/// (a failed closing) leaves nothing behind, and neither does one refused as too large.
#[test]
fn a_content_written_beside_its_file_is_put_in_place_by_the_transaction() {
    use commissione::workspace::files::MAX_FILE_BYTES;
    use commissione::workspace::journal::Draft;
    use std::io::Write;
    let (_tmp, dir) = fixture("example-a");
    let journal = Journal::of(&dir);
    let at = commissione::minutes::issue_moment();
    let hidden = |folder: &str| -> Vec<String> {
        fs::read_dir(dir.join(folder))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default()
    };
    let draft = || Draft {
        who: "prova".into(),
        change: "prova".into(),
        ..Draft::default()
    };

    // Dropped before it is committed: gone.
    let mut unfinished = tx::Writing::new(&dir, Path::new("sedute/s9.verbale.json")).unwrap();
    unfinished.write_all(b"{\"a\":1}").unwrap();
    assert_eq!(hidden("sedute").len(), 1, "written beside its file");
    drop(unfinished);
    assert!(hidden("sedute").is_empty(), "{:?}", hidden("sedute"));

    // Too large for its name: refused, and nothing stays.
    let mut big = tx::Writing::new(&dir, Path::new("candidature/grande.ron")).unwrap();
    big.write_all(&vec![b' '; MAX_FILE_BYTES as usize + 1])
        .unwrap();
    let mut t = tx::Transaction::new("prova");
    t.push(
        tx::Op::PutWritten {
            file: "candidature/grande.ron".into(),
            written: big.finish().unwrap(),
        },
        draft(),
    );
    let refused = tx::commit(&dir, &journal, at, t, &|| true);
    assert!(
        matches!(refused, Err(tx::TxError::TooLarge { .. })),
        "{refused:?}"
    );
    assert!(!dir.join("candidature/grande.ron").exists());
    assert!(
        hidden("candidature").is_empty(),
        "{:?}",
        hidden("candidature")
    );

    // Committed: in place, whole, its hash in the journal, nothing beside it.
    let content: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
    let mut kept =
        tx::Writing::new(&dir, Path::new("verbali/sigillati/verbale-09-s9.pdf")).unwrap();
    kept.write_all(&content).unwrap();
    let written = kept.finish().unwrap();
    assert_eq!(written.size, content.len() as u64);
    assert_eq!(written.sha256, commissione::seal::sha256_hex(&content));
    let mut t = tx::Transaction::new("prova");
    t.push(
        tx::Op::PutWritten {
            file: "verbali/sigillati/verbale-09-s9.pdf".into(),
            written: written.clone(),
        },
        draft(),
    );
    tx::commit(&dir, &journal, at, t, &|| true).expect("committed");
    assert_eq!(
        fs::read(dir.join("verbali/sigillati/verbale-09-s9.pdf")).unwrap(),
        content
    );
    assert!(
        hidden("verbali/sigillati").is_empty(),
        "{:?}",
        hidden("verbali/sigillati")
    );
    let last = journal
        .read()
        .expect("the journal")
        .pop()
        .expect("an entry");
    assert_eq!(last.file, "verbali/sigillati/verbale-09-s9.pdf");
    assert_eq!(last.sha256, written.sha256);
    assert_eq!(last.size, content.len() as u64);
    drop(written);
    assert!(dir.join("verbali/sigillati/verbale-09-s9.pdf").exists());

    // What is appended to it in the same transaction goes after it.
    let mut log = tx::Writing::new(&dir, Path::new("sedute/s8.verbale.json")).unwrap();
    log.write_all(b"scritto, ").unwrap();
    let mut t = tx::Transaction::new("prova");
    t.push(
        tx::Op::PutWritten {
            file: "sedute/s8.verbale.json".into(),
            written: log.finish().unwrap(),
        },
        draft(),
    );
    t.push(
        tx::Op::Append {
            file: "sedute/s8.verbale.json".into(),
            bytes: b"poi aggiunto".to_vec(),
        },
        draft(),
    );
    tx::commit(&dir, &journal, at, t, &|| true).expect("committed");
    assert_eq!(
        fs::read_to_string(dir.join("sedute/s8.verbale.json")).unwrap(),
        "scritto, poi aggiunto"
    );
    assert!(hidden("sedute").is_empty(), "{:?}", hidden("sedute"));

    // Out of the call's folder: refused before anything is written.
    assert!(matches!(
        tx::Writing::new(&dir, Path::new("../fuori.json")),
        Err(tx::TxError::Outside { .. })
    ));
    assert!(!dir.parent().unwrap().join("fuori.json").exists());
}
