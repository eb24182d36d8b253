//! The command line as a script would use it: exit codes, Italian messages, files untouched.

mod common;

use common::{edit, fixture, run, snapshot};

#[test]
fn check_prints_admissibility_and_exits_zero() {
    let (_tmp, dir) = fixture("example-a");
    let (code, out, _) = run(&["check", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("File: nessun errore."));
    assert!(
        out.contains(
            "P4 · Associazione P4 · lotto «coworking»: esclusa\n    motivazione: Co-finanziamento inferiore al minimo del 10%."
        ),
        "{out}"
    );
    assert!(
        out.contains("mancano € 500,00 per raggiungere il 10%"),
        "{out}"
    );
}

#[test]
fn a_corrupted_file_exits_one_with_its_place_and_is_not_rewritten() {
    let (_tmp, dir) = fixture("example-a");
    edit(&dir.join("candidature/P1.ron"), "\"90000.00\"", "\"12,5\"");
    edit(
        &dir.join("candidature/P3.ron"),
        "lot: \"coworking\"",
        "lot: \"cowork\"",
    );
    edit(
        &dir.join("schede/m1.ron"),
        "member: \"m1\",",
        "member: \"m1\"",
    );
    let before = snapshot(&dir);
    let (code, out, _) = run(&["check", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("candidature/P1.ron:24:26: «12,5» non è un importo valido"),
        "{out}"
    );
    assert!(
        out.contains("candidature/P3.ron:8:14: il lotto «cowork» non esiste"),
        "{out}"
    );
    assert!(
        out.contains("schede/m1.ron:7:9: manca una virgola"),
        "{out}"
    );
    common::assert_same(&before, &snapshot(&dir));
    // The ranking is not computed on a workspace with errors.
    let (code, _, err) = run(&["rank", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1);
    assert!(err.contains("correggerli prima di procedere"), "{err}");
    assert!(out.contains("File: 3 errori."), "{out}");
}

#[test]
fn one_error_is_counted_in_the_singular() {
    let (_tmp, dir) = fixture("example-a");
    edit(&dir.join("candidature/P1.ron"), "\"90000.00\"", "\"12,5\"");
    let (code, out, _) = run(&["check", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("File: 1 errore.\n"), "{out}");
    let (code, _, err) = run(&["rank", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1);
    assert!(err.contains("1 errore in "), "{err}");
}

#[test]
fn rank_prints_the_examples_figures() {
    let (code, out, _) = run(&["rank", "tests/fixtures/example-a"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("87,73") && out.contains("78,81") && out.contains("72,24"),
        "{out}"
    );
    assert!(out.contains("selezionata per la co-progettazione"));
    let (code, out, _) = run(&["rank", "tests/fixtures/example-b", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["H3"]["outcome"], "tie_unresolved");
    assert_eq!(json["H1"]["granted"], "60000.00");
    let (code, out, _) = run(&["rank", "tests/fixtures/example-b", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with('\u{feff}'));
    assert!(out.contains("quartieri;1;H1;Associazione H1;88,67;88,67;finanziata;100000,00;40000,00;40,0000;60000,00;60000,00"), "{out}");
}

#[test]
fn rank_writes_a_file_when_asked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("graduatoria.json");
    let (code, out, _) = run(&[
        "rank",
        "tests/fixtures/example-a",
        "--format",
        "json",
        "-o",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert!(
        std::fs::read_to_string(&path)
            .expect("written")
            .contains("\"87.73\"")
    );
}

#[test]
fn misuse_exits_two_in_italian() {
    let (code, _, err) = run(&["rnak", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("comando sconosciuto «rnak»"), "{err}");
    let (code, _, err) = run(&["rank", "tests/fixtures/example-a", "--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("valore non valido «pdf»"), "{err}");
    let (code, _, err) = run(&["rank", "tests/fixtures/example-a", "--lot", "nessuno"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("il lotto «nessuno» non esiste (lotti: coworking)"),
        "{err}"
    );
    let (code, _, err) = run(&["sample", "roma", "/tmp/never-written"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("non esiste un avviso di esempio «roma»"),
        "{err}"
    );
    assert!(!std::path::Path::new("/tmp/never-written").exists());
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Uso:") && out.contains("Comandi"), "{out}");
}

#[test]
fn a_missing_folder_is_said_plainly() {
    let (code, out, _) = run(&["check", "/nonexistent/avviso"]);
    assert_eq!(code, 1);
    assert!(out.contains("/nonexistent/avviso: non esiste"), "{out}");
}

#[test]
fn each_sample_is_written_and_checks_clean() {
    let names = commissione::samples::names();
    assert_eq!(
        names,
        [
            "milano-hub-innovazione",
            "milano-quartieri-connessi",
            "sondrio-coworking"
        ]
    );
    let tmp = tempfile::tempdir().expect("tmp");
    for name in names {
        let dir = tmp.path().join(name);
        let (code, out, err) = run(&["sample", name, dir.to_str().expect("utf-8")]);
        assert_eq!(code, 0, "{out}{err}");
        let (code, out, _) = run(&["check", dir.to_str().expect("utf-8")]);
        assert_eq!(code, 0, "{name}: {out}");
        assert!(out.contains("File: nessun errore."));
        let (code, out, _) = run(&["rank", dir.to_str().expect("utf-8")]);
        assert_eq!(code, 0, "{name}: {out}");
        // Writing a sample over a call is refused.
        let (code, _, err) = run(&["sample", name, dir.to_str().expect("utf-8")]);
        assert_eq!(code, 1);
        assert!(err.contains("contiene già un avviso"), "{err}");
    }
}

/// `verify` on a file that is missing, or that is a pipe, says so in Italian and stops: it
/// neither prints the system's English nor waits forever for a pipe that never ends.
#[test]
fn verify_refuses_a_missing_file_and_a_pipe_in_italian() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let call = temp.path().join("call");
    let call_str = call.to_str().expect("utf-8");
    let (code, _, err) = run(&["sample", "sondrio-coworking", call_str]);
    assert_eq!(code, 0, "{err}");
    let missing = temp.path().join("non-esiste.pdf");
    let (code, _, err) = run(&["verify", call_str, missing.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("il file non esiste"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    #[cfg(unix)]
    {
        let pipe = temp.path().join("verbale.pdf");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let (code, _, err) = run(&["verify", call_str, pipe.to_str().expect("utf-8")]);
        assert_eq!(code, 2);
        assert!(err.contains("non è un file ordinario"), "{err}");
    }
}

/// Output cut short (`commissione check DIR | head -1`) stops the program quietly, as
/// command-line tools do: no panic, no message.
#[cfg(unix)]
#[test]
fn output_cut_short_stops_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let (_tmp, dir) = fixture("example-a");
    // A pipe whose reader is gone before the program writes a line.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_commissione"))
        .args(["check", dir.to_str().expect("utf-8 path")])
        .stdout(writer)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{:?}", out.status);
}
