//! The collegial judgement from the command line (`commissione collegiale`): recorded in an
//! open session with the dissents, reported by its verbale beside the members' marks, and given
//! by the letter to the applicant in place of the members' reasons.

mod minutes_common;

use std::ffi::OsStr;
use std::fs;

use minutes_common::*;

fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run(&args)
}

const REASON: &str = "La rete di partner è ampia e radicata nel quartiere";

#[test]
fn a_collegial_motivazione_with_a_dissent_goes_in_the_verbale_and_in_the_letter() {
    let dir = example_a();
    let d = dir.path().to_str().unwrap();
    let (code, _, err) = cli(&["close", d, "--session", "s1"]);
    assert_eq!(code, 0, "{err}");
    // Recorded in the scoring session (s2), named.
    let (code, out, err) = cli(&[
        "collegiale",
        d,
        "--seduta",
        "s2",
        "--candidatura",
        "P2",
        "--criterio",
        "A",
        "--motivazione",
        REASON,
        "--dissenso",
        "m2: la rete esiste solo sulla carta",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Giudizio collegiale sulla candidatura P2, criterio A, registrato nella seduta «s2» (verbale n. 2)"),
        "{out}"
    );
    let (_, journal, _) = cli(&["registro", d]);
    assert!(
        journal.contains("giudizio collegiale sulla candidatura P2, criterio A, nella seduta s2"),
        "{journal}"
    );
    // The points do not move: the members' marks count.
    let (_, rank, _) = cli(&["rank", d]);
    assert!(rank.contains("87,73"), "{rank}");

    for s in ["s2", "s3"] {
        let (code, _, err) = cli(&["close", d, "--session", s, "--conferma-pendenti"]);
        assert_eq!(code, 0, "{err}");
    }
    let t = squeeze(
        &pages_text(&fs::read(dir.path().join("verbali/sigillati/verbale-02-s2.pdf")).unwrap())
            .concat(),
    );
    for expected in [
        "Giudizio collegiale",
        "Candidatura P2 – Associazione P2",
        &format!("Motivazione collegiale: {REASON}."),
        "Marco Neri dissente dal giudizio collegiale: la rete esiste solo sulla carta.",
        "si astiene per conflitto di interessi",
    ] {
        assert!(
            t.contains(expected),
            "«{expected}» not in the verbale:\n{t}"
        );
    }

    let (code, out, err) = cli(&["lettere", d]);
    assert_eq!(code, 0, "{out}{err}");
    let letters = dir.path().join("verbali/comunicazioni");
    let p2 = squeeze(&pages_text(&fs::read(letters.join("esito-P2.pdf")).unwrap()).concat());
    assert!(
        p2.contains(&format!("motivazione collegiale: «{REASON}»")),
        "{p2}"
    );
    // The other criteria, and the other applicants, keep the members' reasons.
    let p1 = squeeze(&pages_text(&fs::read(letters.join("esito-P1.pdf")).unwrap()).concat());
    assert!(!p1.contains("motivazione collegiale"), "{p1}");
}

#[test]
fn a_collegial_judgement_is_refused_without_its_reasons_or_from_a_member_who_abstains() {
    let dir = example_a();
    let d = dir.path().to_str().unwrap();
    let before = fs::read(dir.path().join("sedute/s1.ron")).unwrap();
    let (code, _, err) = cli(&[
        "collegiale",
        d,
        "--candidatura",
        "P2",
        "--criterio",
        "A",
        "--motivazione",
        " ",
        "--dissenso",
        "m3: non condivido",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("richiede la motivazione della commissione"),
        "{err}"
    );
    assert!(err.contains("si è astenuto sulla candidatura P2"), "{err}");
    assert_eq!(fs::read(dir.path().join("sedute/s1.ron")).unwrap(), before);
    // A dissent without the member's words is refused too.
    let (code, _, err) = cli(&[
        "collegiale",
        d,
        "--candidatura",
        "P2",
        "--criterio",
        "A",
        "--motivazione",
        REASON,
        "--dissenso",
        "m2:",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("il dissenso di Marco Neri richiede le sue ragioni"),
        "{err}"
    );
}
