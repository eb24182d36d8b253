//! The minutes from the command line: `minutes`, `graduatoria` and `verify`, in separate
//! processes.

mod minutes_common;

use std::ffi::OsStr;
use std::fs;

use minutes_common::*;

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

#[test]
fn two_runs_of_the_binary_write_the_same_bytes() {
    let dir = example_a();
    let out = tempfile::tempdir().unwrap();
    let a = out.path().join("a.pdf");
    let b = out.path().join("b.pdf");
    // Drafts are dated by their export: scripts fix that moment with SOURCE_DATE_EPOCH.
    for file in [&a, &b] {
        let (code, stdout, stderr) = run_at(
            &[
                os("minutes"),
                dir.path().as_os_str(),
                os("--session"),
                os("s2"),
                os("-o"),
                file.as_os_str(),
            ],
            "1796138405",
        );
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(stdout.contains("Verbale n. 2 della seduta «s2» scritto in"));
    }
    assert!(fs::read(&a).unwrap() == fs::read(&b).unwrap());

    let g1 = out.path().join("g1.pdf");
    let g2 = out.path().join("g2.pdf");
    for file in [&g1, &g2] {
        let (code, _, stderr) = run_at(
            &[
                os("graduatoria"),
                dir.path().as_os_str(),
                os("-o"),
                file.as_os_str(),
            ],
            "1796138405",
        );
        assert_eq!(code, 0, "{stderr}");
    }
    assert!(fs::read(&g1).unwrap() == fs::read(&g2).unwrap());
}

#[test]
fn without_a_file_name_the_verbale_goes_into_verbali() {
    let dir = example_a();
    let (code, stdout, stderr) = run(&[
        os("minutes"),
        dir.path().as_os_str(),
        os("--session"),
        os("s1"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        dir.path().join("verbali/verbale-01-s1.pdf").exists(),
        "{stdout}"
    );
}

#[test]
fn verify_catches_a_changed_score() {
    let dir = example_a();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("s2.pdf");
    let (code, _, stderr) = run(&[
        os("minutes"),
        dir.path().as_os_str(),
        os("--session"),
        os("s2"),
        os("-o"),
        pdf.as_os_str(),
    ]);
    assert_eq!(code, 0, "{stderr}");

    let (code, stdout, stderr) = run(&[os("verify"), dir.path().as_os_str(), pdf.as_os_str()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("il verbale corrisponde ai dati dell'avviso"));
    assert!(stdout.contains("coincide byte per byte"));

    // Marco Neri's coefficient on criterion A of P1 goes from 0.6 to 0.8.
    edit(
        dir.path(),
        "schede/m2.ron",
        "value: \"0.6\"",
        "value: \"0.8\"",
    );
    let (code, stdout, _) = run(&[os("verify"), dir.path().as_os_str(), pdf.as_os_str()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("il verbale NON corrisponde"));
}

#[test]
fn verify_checks_the_public_ranking_too() {
    let dir = example_a();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("g.pdf");
    let (code, _, stderr) = run(&[
        os("graduatoria"),
        dir.path().as_os_str(),
        os("-o"),
        pdf.as_os_str(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = run(&[os("verify"), dir.path().as_os_str(), pdf.as_os_str()]);
    assert_eq!(code, 0, "{stdout}");
    edit(
        dir.path(),
        "schede/m1.ron",
        "value: \"18\"",
        "value: \"10\"",
    );
    let (code, stdout, _) = run(&[os("verify"), dir.path().as_os_str(), pdf.as_os_str()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("la graduatoria NON corrisponde"));
}

#[test]
fn misuse_is_told_in_italian() {
    let dir = example_a();
    let (code, _, stderr) = run(&[
        os("minutes"),
        dir.path().as_os_str(),
        os("--session"),
        os("s9"),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("la seduta «s9» non esiste"), "{stderr}");
    assert!(stderr.contains("s2 (verbale n. 2)"), "{stderr}");

    let (code, _, stderr) = run(&[
        os("verify"),
        dir.path().as_os_str(),
        dir.path().join("manca.pdf").as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("impossibile leggere"), "{stderr}");

    // A file that is not ours carries no seal.
    let other = dir.path().join("avviso.ron");
    let (code, stdout, _) = run(&[os("verify"), dir.path().as_os_str(), other.as_os_str()]);
    assert_eq!(code, 1);
    assert!(stdout.contains("non porta un sigillo"), "{stdout}");
}

#[test]
fn verify_tells_a_closed_session_whose_data_changed() {
    let dir = example_a();
    let ws = workspace(dir.path());
    let evaluation = commissione::rules::evaluate(&ws);
    let record = commissione::record::session_record(&ws, &evaluation, &sid("s2")).unwrap();
    let sealed = commissione::seal::seal(&record);
    edit(
        dir.path(),
        "sedute/s2.ron",
        "seal: None",
        &format!("seal: (sha256: \"{sealed}\", closed_at: \"2026-11-21T13:05:00+01:00\")"),
    );
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("s2.pdf");
    let (code, stdout, stderr) = run(&[
        os("minutes"),
        dir.path().as_os_str(),
        os("--session"),
        os("s2"),
        os("-o"),
        pdf.as_os_str(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("seduta chiusa, con il sigillo"), "{stdout}");
    let (code, stdout, _) = run(&[os("verify"), dir.path().as_os_str(), pdf.as_os_str()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("Sigillo della chiusura"), "{stdout}");

    edit(
        dir.path(),
        "schede/m3.ron",
        "value: \"1.0\"",
        "value: \"0.8\"",
    );
    let (code, stdout, _) = run(&[os("verify"), dir.path().as_os_str(), pdf.as_os_str()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("cambiati dopo la sua chiusura"), "{stdout}");
    // The verbale of a closed session whose data changed is not issued again.
    let (code, _, stderr) = run(&[
        os("minutes"),
        dir.path().as_os_str(),
        os("--session"),
        os("s2"),
        os("-o"),
        pdf.as_os_str(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("è stata chiusa con il sigillo"), "{stderr}");
}
