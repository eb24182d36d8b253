//! Two writers at once on one call folder, as in a meeting room where two people run the
//! program on a shared folder: pairs of `commissione import` started together, 200 pairs.
//!
//! - 100 pairs import a mark of the same member, each on another criterion;
//! - 100 pairs import the same new protocol, each with its own title.
//!
//! After each pair: every command that said it imported has its effect on disk; one that did
//! not was told why, in Italian (the call is in use by the other); the journal's chain holds
//! and agrees with the files; no protocol has two files. `COMMISSIONE_PAIRS` changes the count.

#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use commissione::domain::{CriterionId, MemberId, Protocol};
use commissione::workspace::journal::Journal;
use commissione::workspace::load;

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_commissione"))
}

fn start(dir: &Path, args: &[&str]) -> Child {
    cli()
        .arg("import")
        .arg(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Whether the command says it imported; if not, it must say why, naming the other writer.
fn completed(output: &Output, what: &str) -> bool {
    let said = text(output);
    if output.status.success() {
        assert!(said.contains("Importati"), "{what}: {said}");
        return true;
    }
    assert!(
        said.contains("non si può modificare") && said.contains("è aperto da"),
        "{what} failed without saying the call is in use by another: {said}"
    );
    assert!(!said.contains("os error"), "{what}: {said}");
    false
}

fn pairs() -> usize {
    std::env::var("COMMISSIONE_PAIRS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

fn write(path: &Path, text: &str) -> PathBuf {
    fs::write(path, text).expect("the file is written");
    path.to_path_buf()
}

fn check_journal(dir: &Path, what: &str) {
    let journal = Journal::of(dir);
    let (_, broken) = journal.verify();
    assert!(broken.is_none(), "{what}: {broken:?}");
    let disagree = journal.disagreements(dir);
    assert!(disagree.is_empty(), "{what}: {disagree:?}");
}

#[test]
fn two_writers_at_once_never_lose_or_duplicate_anything() {
    let tmp = common::fast_tempdir();
    let dir = tmp.path().join("example-a");
    common::copy_dir(Path::new("tests/fixtures/example-a"), &dir);
    let total = pairs();
    let marks = total / 2;
    let member = MemberId::new("m1").expect("id");
    let application = Protocol::new("P1").expect("id");
    let mut refused = 0;
    for i in 0..total {
        if i < marks {
            // Two marks of m1 on P1, criteria A and B, with reasons that name the pair.
            let a = write(
                &tmp.path().join("a.csv"),
                &format!(
                    "commissario;protocollo;criterio;valore;motivazione\nm1;P1;A;{};coppia {i} processo a\n",
                    if i % 2 == 0 { "buono" } else { "ottimo" }
                ),
            );
            let b = write(
                &tmp.path().join("b.csv"),
                &format!(
                    "commissario;protocollo;criterio;valore;motivazione\nm1;P1;B;{};coppia {i} processo b\n",
                    if i % 2 == 0 { "discreto" } else { "buono" }
                ),
            );
            let first = start(&dir, &["--scores", a.to_str().expect("utf-8")]);
            let second = start(&dir, &["--scores", b.to_str().expect("utf-8")]);
            let (first, second) = (
                first.wait_with_output().expect("ends"),
                second.wait_with_output().expect("ends"),
            );
            let ws = load(&dir).workspace.expect("the call loads");
            for (output, criterion, name) in [(&first, "A", "a"), (&second, "B", "b")] {
                let criterion = CriterionId::new(criterion).expect("id");
                let reason = format!("coppia {i} processo {name}");
                let on_disk = ws
                    .score(&member, &application, &criterion)
                    .map(|s| s.reason.clone());
                if completed(output, &format!("pair {i}, process {name}")) {
                    assert_eq!(on_disk.as_deref(), Some(reason.as_str()), "pair {i}");
                } else {
                    refused += 1;
                    assert_ne!(on_disk.as_deref(), Some(reason.as_str()), "pair {i}");
                }
            }
        } else {
            // The same new protocol, each with its own title.
            let protocol = format!("N{i}");
            let file = |who: &str| {
                write(
                    &tmp.path().join(format!("{who}.csv")),
                    &format!(
                        "protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;lotto;titolo;contributo_richiesto\n{protocol};02/03/2026 10:15;APS Nuova;12345679190;APS;coworking;Titolo {who} {i};79.000,00\n"
                    ),
                )
            };
            let (a, b) = (file("a"), file("b"));
            let first = start(&dir, &["--applications", a.to_str().expect("utf-8")]);
            let second = start(&dir, &["--applications", b.to_str().expect("utf-8")]);
            let (first, second) = (
                first.wait_with_output().expect("ends"),
                second.wait_with_output().expect("ends"),
            );
            let done: Vec<String> = [(&first, "a"), (&second, "b")]
                .into_iter()
                .filter(|(output, who)| completed(output, &format!("pair {i}, process {who}")))
                .map(|(_, who)| format!("Titolo {who} {i}"))
                .collect();
            refused += 2 - done.len();
            let loaded = load(&dir);
            assert!(
                loaded.problems.is_empty(),
                "pair {i}: {:?}",
                loaded.problems
            );
            let ws = loaded.workspace.expect("the call loads");
            let app = ws.application(&Protocol::new(&protocol).expect("id"));
            match app {
                Some(app) => assert!(done.contains(&app.title), "pair {i}: {}", app.title),
                None => assert!(
                    done.is_empty(),
                    "pair {i}: {done:?} completed, nothing on disk"
                ),
            }
            let files: Vec<_> = fs::read_dir(dir.join("candidature"))
                .expect("the folder")
                .filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.starts_with(&protocol) && name.ends_with(".ron")
                })
                .collect();
            assert!(
                files.len() <= 1,
                "pair {i}: {} files for {protocol}",
                files.len()
            );
        }
        if i % 10 == 9 || i + 1 == total {
            check_journal(&dir, &format!("pair {i}"));
        }
    }
    // The lock is never left behind.
    assert!(!dir.join("commissione.lock").exists());
    println!("{total} pairs, {refused} commands refused because the other held the call");
}
