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

/// The call says the commission gives one collegial mark: `collegiale --voto` records it,
/// refused off the scale or missing; the ranking follows the collegial marks (P3 overtakes the
/// winner by the members' marks), and the sealed verbale reports the members' marks beside the
/// collegial one that counts.
#[test]
fn with_the_collegial_mark_the_commissions_mark_counts_in_the_ranking_and_the_verbale() {
    let dir = example_a();
    let d = dir.path().to_str().unwrap();
    let avviso = dir.path().join("avviso.ron");
    let text = fs::read_to_string(&avviso).unwrap();
    fs::write(
        &avviso,
        text.replacen(
            "rescale_totals: false,",
            "rescale_totals: false,\n        collegial_mark: true,",
            1,
        ),
    )
    .unwrap();
    let (code, _, err) = cli(&["close", d, "--session", "s1"]);
    assert_eq!(code, 0, "{err}");
    // Until the commission gives its marks, no application is ranked.
    let (_, rank, _) = cli(&["rank", d]);
    assert!(!rank.contains("selezionata"), "{rank}");

    let judge = |p: &str, c: &str, mark: Option<&str>| {
        let mut args = vec![
            "collegiale",
            d,
            "--seduta",
            "s2",
            "--candidatura",
            p,
            "--criterio",
            c,
            "--motivazione",
            REASON,
        ];
        if let Some(mark) = mark {
            args.extend(["--voto", mark]);
        }
        cli(&args)
    };
    let before = fs::read(dir.path().join("sedute/s2.ron")).unwrap();
    let (code, _, err) = judge("P1", "A", None);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("l'avviso prevede il punteggio collegiale"),
        "{err}"
    );
    let (code, _, err) = judge("P1", "A", Some("0,7"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("giudizio collegiale: il coefficiente 0.7 non è nella scala di giudizio"),
        "{err}"
    );
    let (code, _, err) = judge("P1", "C", Some("21"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("superano il massimo"), "{err}");
    assert_eq!(fs::read(dir.path().join("sedute/s2.ron")).unwrap(), before);

    // P1: A buono (0,8), B 0,8, C 16 points; P2: A 0,6, B 0,6, C 12; P3: A 0,8, B ottimo, C 14.
    for (p, a, b, c) in [
        ("P1", "buono", "0,8", "16"),
        ("P2", "0.6", "0,6", "12"),
        ("P3", "0,8", "1", "14"),
    ] {
        for (criterion, mark) in [("A", a), ("B", b), ("C", c)] {
            let (code, out, err) = judge(p, criterion, Some(mark));
            assert_eq!(code, 0, "{p} {criterion}: {out}{err}");
        }
    }
    // A rescaled on the best collegial V (0,8): P1 and P3 40,00, P2 40 × 0,6 / 0,8 = 30,00;
    // B 25 × V; C the points; D (co-financing) as before: P1 2,47, P2 15,00, P3 3,24.
    // P3 40 + 25 + 14 + 3,24 = 82,24; P1 40 + 20 + 16 + 2,47 = 78,47; P2 30 + 15 + 12 + 15 = 72.
    let (_, rank, _) = cli(&["rank", d]);
    let line = |p: &str| {
        rank.lines()
            .find(|l| l.contains(&format!("  {p}  ")))
            .unwrap_or_else(|| panic!("{p} in {rank}"))
            .to_string()
    };
    assert!(
        line("P3").contains("82,24") && line("P3").contains("selezionata per la co-progettazione"),
        "{rank}"
    );
    assert!(line("P3").trim_start().starts_with('1'), "{rank}");
    assert!(line("P1").contains("78,47"), "{rank}");
    assert!(line("P2").contains("72,00"), "{rank}");

    let (code, _, err) = cli(&["close", d, "--session", "s2"]);
    assert_eq!(code, 0, "{err}");
    let t = squeeze(
        &pages_text(&fs::read(dir.path().join("verbali/sigillati/verbale-02-s2.pdf")).unwrap())
            .concat(),
    );
    for expected in [
        "L'avviso prevede il punteggio collegiale",
        "Commissione (giudizio collegiale)",
        "0,8 (buono)",
        "Conta per i punti del criterio",
        "collegiale 0,6 (media dei componenti",
        "collegiale 16 punti; coeff. 0,8",
        "Giudizio collegiale: buono (0,8), che determina i punti del criterio.",
        &format!("Motivazione collegiale: {REASON}."),
        "82,24",
    ] {
        assert!(
            t.contains(expected),
            "«{expected}» not in the verbale:\n{t}"
        );
    }
    let (code, out, err) = cli(&["verify", d]);
    assert_eq!(code, 0, "{out}{err}");
}
