//! Events after the ranking from the command line (`commissione evento`): a renunciation, an
//! exclusion after the check of the declarations and a readmission, each recorded in an open
//! session with its act and reason; the allocation recomputed (scorrimento), the earlier closed
//! sessions untouched, the new verbale reporting the old and the new allocation, the public
//! ranking republished with its version.

mod minutes_common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use minutes_common::*;

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<&OsStr> = args.iter().map(|a| os(a)).collect();
    run(&args)
}

fn sha256(path: &Path) -> String {
    commissione::seal::sha256_hex(&fs::read(path).unwrap())
}

fn text_of(pdf: &Path) -> String {
    squeeze(&pages_text(&fs::read(pdf).unwrap()).concat())
}

/// Example A with its three sessions closed (P2 selected with € 96.000,00) and a fourth,
/// open, to record what happens after the ranking.
fn ranked() -> tempfile::TempDir {
    let dir = example_a();
    let d = dir.path().to_str().unwrap().to_string();
    for s in ["s1", "s2", "s3"] {
        let (code, _, err) = cli(&["close", &d, "--session", s, "--conferma-pendenti"]);
        assert_eq!(code, 0, "{err}");
    }
    fs::write(
        dir.path().join("sedute/s4.ron"),
        session_file("s4", 4, "Final", "2026-12-05", "09:00"),
    )
    .unwrap();
    dir
}

fn event(d: &str, kind: &str, p: &str) -> (i32, String, String) {
    cli(&[
        "evento",
        d,
        "--tipo",
        kind,
        "--candidatura",
        p,
        "--atto",
        "nota PEC prot. n. 9120 del 01/12/2026",
        "--motivazione",
        "il soggetto rinuncia per sopravvenuta indisponibilità della sede",
    ])
}

#[test]
fn a_renounced_winner_is_replaced_by_the_second_and_the_closed_sessions_stay_as_sealed() {
    let dir = ranked();
    let d = dir.path().to_str().unwrap();
    let sealed3 = dir.path().join("verbali/sigillati/verbale-03-s3.pdf");
    let kept3 = dir.path().join("sedute/s3.verbale.json");
    let (pdf3, json3) = (sha256(&sealed3), sha256(&kept3));

    let (code, out, err) = event(d, "rinuncia", "P2");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Rinuncia della candidatura P2 registrata nella seduta «s4»"),
        "{out}"
    );
    assert!(
        out.contains("2. P1 selezionata per la co-progettazione € 129.000,00"),
        "{out}"
    );
    assert!(
        out.contains("Totale assegnato: € 129.000,00 (prima: € 96.000,00)."),
        "{out}"
    );

    // The ranking as it stands: P2 keeps its place, the allocation passes to P1.
    let (code, out, _) = cli(&["rank", d, "--format", "csv"]);
    assert_eq!(code, 0);
    let line = |p: &str| {
        out.lines()
            .find(|l| l.contains(&format!(";{p};")))
            .unwrap_or_else(|| panic!("{p} in {out}"))
            .to_string()
    };
    assert!(line("P2").contains("rinunciataria"), "{}", line("P2"));
    assert!(line("P1").contains("129000,00"), "{}", line("P1"));

    // The journal names the act, and the session file holds it.
    let (_, journal, _) = cli(&["registro", d]);
    assert!(
        journal.contains("rinuncia della candidatura P2 nella seduta s4"),
        "{journal}"
    );
    let s4 = fs::read_to_string(dir.path().join("sedute/s4.ron")).unwrap();
    assert!(s4.contains("Renunciation") && s4.contains("9120"), "{s4}");

    // The new session closes; its verbale reports the event and the two allocations.
    let (code, _, err) = cli(&["close", d, "--session", "s4", "--conferma-pendenti"]);
    assert_eq!(code, 0, "{err}");
    let t = text_of(&dir.path().join("verbali/sigillati/verbale-04-s4.pdf"));
    for expected in [
        "Eventi successivi alla graduatoria",
        "La candidatura P2 (Associazione P2) rinuncia al posto in graduatoria. Atto: nota PEC prot. n. 9120 del 01/12/2026. Motivazione: il soggetto rinuncia per sopravvenuta indisponibilità della sede.",
        "Pos. prima",
        "Esito ora",
        "€ 96.000,00",
        "€ 129.000,00",
        "Si procede pertanto allo scorrimento della graduatoria: la candidatura P1 è selezionata per la co-progettazione in luogo della candidatura P2.",
    ] {
        assert!(
            t.contains(expected),
            "«{expected}» not in the verbale:\n{t}"
        );
    }

    // The earlier sessions keep what they sealed, byte for byte, and all verify.
    assert_eq!(sha256(&sealed3), pdf3);
    assert_eq!(sha256(&kept3), json3);
    let t3 = text_of(&sealed3);
    assert!(!t3.contains("rinunciataria"), "{t3}");
    let (code, out, err) = cli(&["verify", d]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("tutte le 4 sedute chiuse sono integre"),
        "{out}"
    );

    // The public ranking republished: version 2, dated by the session, replacing version 1.
    let g = dir.path().join("graduatoria.pdf");
    let (code, _, err) = cli(&["graduatoria", d, "-o", g.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let t = text_of(&g);
    assert!(
        t.contains("Versione n. 2 del 05/12/2026, approvata con il verbale n. 4, che sostituisce la versione n. 1 del 28/11/2026 a seguito di: rinuncia della candidatura P2."),
        "{t}"
    );
    assert!(t.contains("rinunciataria"), "{t}");
    assert!(t.contains("€ 129.000,00"), "{t}");
}

#[test]
fn an_exclusion_after_the_check_then_a_readmission_after_an_appeal() {
    let dir = ranked();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = event(d, "esclusione", "P2");
    assert_eq!(code, 0, "{out}{err}");
    // Excluded after the check: out of the ranking; the others keep their points.
    let (_, out, _) = cli(&["rank", d]);
    let row = |p: &str| {
        out.lines()
            .find(|l| l.contains(&format!(" {p} ")))
            .unwrap_or_else(|| panic!("{p} in {out}"))
            .to_string()
    };
    assert!(row("P2").contains("esclusa"), "{}", row("P2"));
    assert!(
        row("P1").contains("78,81") && row("P1").contains("129.000,00"),
        "{}",
        row("P1")
    );
    assert!(row("P3").contains("72,24"), "{}", row("P3"));

    // A readmission of an application that is not excluded is refused, nothing written.
    let before = fs::read(dir.path().join("sedute/s4.ron")).unwrap();
    let (code, _, err) = event(d, "riammissione-ricorso", "P3");
    assert_eq!(code, 1);
    assert!(
        err.contains("la candidatura P3 non è esclusa") && err.contains("nulla da riammettere"),
        "{err}"
    );
    assert_eq!(fs::read(dir.path().join("sedute/s4.ron")).unwrap(), before);

    // The appeal readmits P2: first again, with its € 96.000,00.
    let (code, out, err) = event(d, "riammissione-ricorso", "P2");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1. P2 selezionata per la co-progettazione € 96.000,00"),
        "{out}"
    );
    let (code, _, err) = cli(&["close", d, "--session", "s4", "--conferma-pendenti"]);
    assert_eq!(code, 0, "{err}");
    let t = text_of(&dir.path().join("verbali/sigillati/verbale-04-s4.pdf"));
    assert!(
        t.contains("è esclusa a seguito della verifica dei requisiti dichiarati"),
        "{t}"
    );
    assert!(t.contains("è riammessa a seguito di ricorso"), "{t}");
    assert!(
        t.contains("Gli eventi non modificano l'assegnazione delle risorse."),
        "{t}"
    );
}

#[test]
fn events_are_refused_before_the_ranking_is_approved_and_in_a_closed_session() {
    let dir = example_a();
    let d = dir.path().to_str().unwrap();
    // No final session closed yet: nothing to renounce.
    let (code, _, err) = event(d, "rinuncia", "P2");
    assert_eq!(code, 1);
    assert!(
        err.contains("dopo che una seduta conclusiva, chiusa, l'ha approvata"),
        "{err}"
    );
    // Named, a closed session refuses the act.
    let dir = ranked();
    let d = dir.path().to_str().unwrap();
    let (code, _, err) = cli(&[
        "evento",
        d,
        "--seduta",
        "s3",
        "--tipo",
        "rinuncia",
        "--candidatura",
        "P2",
        "--atto",
        "nota",
        "--motivazione",
        "rinuncia",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("è chiusa"), "{err}");
    // Without an act or a reason: refused with what is missing.
    let (code, _, err) = cli(&[
        "evento",
        d,
        "--tipo",
        "rinuncia",
        "--candidatura",
        "P2",
        "--atto",
        " ",
        "--motivazione",
        "",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("indicare l'atto"), "{err}");
    assert!(err.contains("richiede la motivazione"), "{err}");
    // A renounced application cannot renounce twice.
    let (code, _, _) = event(d, "rinuncia", "P2");
    assert_eq!(code, 0);
    let (code, _, err) = event(d, "rinuncia", "P2");
    assert_eq!(code, 1);
    assert!(err.contains("è già registrata la rinuncia"), "{err}");
}
