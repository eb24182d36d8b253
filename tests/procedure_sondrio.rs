//! Issue 19's «done when», on the Sondrio sample and from the command line alone: the
//! opening and scoring sessions (with a collegial motivazione and a dissent), the final session
//! approving the ranking, the winner's renunciation recorded in a later session and the second
//! taking its place, an access request answered with its bundle and reported, act by act, in
//! the verbale of the next session; every session sealed and intact, every act in a sealed
//! verbale.

mod minutes_common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use minutes_common::*;

fn ok(args: &[&str]) -> String {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

fn text(pdf: &Path) -> String {
    squeeze(&pages_text(&fs::read(pdf).unwrap()).concat())
}

/// A final session of the Sondrio commission, open.
fn final_session(dir: &Path, id: &str, number: u32, date: &str) {
    fs::write(
        dir.join(format!("sedute/{id}.ron")),
        format!(
            r#"(
    format: 1,
    session: (
        id: "{id}",
        number: {number},
        kind: Final,
        date: "{date}",
        start: "10:00",
        end: "11:30",
        place: "Sala Giunta, Palazzo Pretorio, Sondrio",
        present: ["gianoli", "tognini", "pedranzini", "fognini"],
        notes: [],
        draws: [],
        seal: None,
    ),
)
"#
        ),
    )
    .unwrap();
}

const WINNER: &str = "2026/0005873";
const SECOND: &str = "2026/0006160";
const REASON: &str = "La rete territoriale è ampia, con accordi già sottoscritti";

#[test]
fn the_sondrio_call_from_the_opening_to_a_renounced_winner_replaced_by_the_second() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sondrio");
    let d = dir.to_str().unwrap();
    ok(&["sample", "sondrio-coworking", d]);

    // The collegial judgement, in the scoring session.
    ok(&[
        "collegiale",
        d,
        "--seduta",
        "s2",
        "--candidatura",
        WINNER,
        "--criterio",
        "A",
        "--motivazione",
        REASON,
        "--dissenso",
        "tognini: gli accordi non coprono la fascia serale",
    ]);
    for s in ["s1", "s2"] {
        ok(&["close", d, "--session", s]);
    }
    final_session(&dir, "s3", 3, "2026-04-09");
    ok(&["close", d, "--session", "s3", "--conferma-pendenti"]);
    let rank = ok(&["rank", d]);
    assert!(
        rank.lines()
            .any(|l| l.contains(WINNER) && l.contains("127.500,00") && l.contains("selezionata")),
        "{rank}"
    );

    // The winner renounces; the second takes its place.
    final_session(&dir, "s4", 4, "2026-04-20");
    let out = ok(&[
        "evento",
        d,
        "--tipo",
        "rinuncia",
        "--candidatura",
        WINNER,
        "--atto",
        "nota PEC prot. n. 2026/0009120 del 15/04/2026",
        "--motivazione",
        "il soggetto comunica di non poter avviare il servizio",
    ]);
    assert!(
        out.contains(&format!(
            "2. {SECOND} selezionata per la co-progettazione € 128.800,00"
        )),
        "{out}"
    );
    assert!(
        out.contains("Totale assegnato: € 128.800,00 (prima: € 127.500,00)."),
        "{out}"
    );
    ok(&["close", d, "--session", "s4", "--conferma-pendenti"]);

    let sealed = dir.join("verbali/sigillati");
    let scoring = text(&sealed.join("verbale-02-s2.pdf"));
    assert!(
        scoring.contains(&format!("Motivazione collegiale: {REASON}.")),
        "{scoring}"
    );
    assert!(
        scoring.contains(
            "dissente dal giudizio collegiale: gli accordi non coprono la fascia serale."
        ),
        "{scoring}"
    );
    let events = text(&sealed.join("verbale-04-s4.pdf"));
    for expected in [
        "Eventi successivi alla graduatoria",
        "rinuncia al posto in graduatoria. Atto: nota PEC prot. n. 2026/0009120 del 15/04/2026.",
        "€ 127.500,00",
        "€ 128.800,00",
        &format!(
            "Si procede pertanto allo scorrimento della graduatoria: la candidatura {SECOND} è selezionata per la co-progettazione in luogo della candidatura {WINNER}."
        ),
    ] {
        assert!(events.contains(expected), "«{expected}» not in:\n{events}");
    }
    let approved = text(&sealed.join("verbale-03-s3.pdf"));
    assert!(!approved.contains("rinunciataria"), "{approved}");

    // The public ranking, version 2.
    let g = dir.join("verbali/graduatoria.pdf");
    ok(&["graduatoria", d]);
    let ranking = text(&g);
    assert!(
        ranking.contains("Versione n. 2 del 20/04/2026, approvata con il verbale n. 4, che sostituisce la versione n. 1 del 09/04/2026"),
        "{ranking}"
    );

    // The letters follow the last approval: the second is selected, with the collegial
    // motivazione in the winner's letter.
    ok(&["lettere", d]);
    let letters: Vec<_> = fs::read_dir(dir.join("verbali/comunicazioni"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    let letter_of = |p: &str| {
        let tail = p.rsplit('/').next().unwrap();
        let file = letters
            .iter()
            .find(|f| f.to_string_lossy().contains(tail))
            .unwrap_or_else(|| panic!("a letter to {p} in {letters:?}"));
        text(file)
    };
    let second = letter_of(SECOND);
    assert!(
        second.contains("selezionata per la co-progettazione"),
        "{second}"
    );
    assert!(second.contains("€ 128.800,00"), "{second}");
    let winner = letter_of(WINNER);
    assert!(
        winner.contains(&format!("motivazione collegiale: «{REASON}»")),
        "{winner}"
    );

    // The second asks to see the records; the request is granted and answered.
    ok(&[
        "accesso",
        d,
        "nuova",
        "--data",
        "22/04/2026",
        "--richiedente",
        "Retica Impresa Sociale S.r.l.",
        "--candidatura",
        SECOND,
        "--oggetto",
        "verbali, punteggi e motivazioni",
    ]);
    ok(&[
        "accesso",
        d,
        "notifica",
        "a1",
        "--candidatura",
        WINNER,
        "--data",
        "23/04/2026",
    ]);
    ok(&[
        "accesso",
        d,
        "decidi",
        "a1",
        "--esito",
        "accolta",
        "--data",
        "06/05/2026",
    ]);
    ok(&["accesso", d, "rilascia", "a1"]);
    let bundle = text(&dir.join("verbali/accesso-a1/accesso-a1.pdf"));
    assert!(
        bundle.contains(&format!("Candidatura {SECOND}")),
        "{bundle}"
    );
    assert!(bundle.contains(REASON), "{bundle}");
    let register = ok(&["accesso", d]);
    assert!(register.contains("termine 22/05/2026"), "{register}");
    assert!(register.contains("in verbali/accesso-a1"), "{register}");
    // Recorded while no session was open, the access acts wait for the next verbale.
    assert!(
        register.contains("4 atti di accesso non ancora riportati in un verbale sigillato"),
        "{register}"
    );

    // The next session takes note of them: its sealed verbale reports each act, the request
    // named by its applicant (an entity), the release with each file's SHA-256; no natural
    // person's name (Retica's legal representative, the winner's).
    final_session(&dir, "s5", 5, "2026-05-08");
    // Acts and closings are ordered by their moments, written to the second; an act recorded
    // in the very second a session closes is given to the next session (the safe side: it is
    // then still reported as not sealed). A commission never closes in the second of the
    // release; this test could, so it lets that second pass.
    let released = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_nanos(
        1_000_000_000 - u64::from(released.subsec_nanos()) + 1_000_000,
    ));
    ok(&["close", d, "--session", "s5", "--conferma-pendenti"]);
    let acts = text(&sealed.join("verbale-05-s5.pdf"));
    let release = fs::read_to_string(dir.join("accessi.ron")).unwrap();
    let bundle_sha = release
        .split("sha256: \"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    for expected in [
        "Accesso agli atti",
        "Istanza n. a1 del 22/04/2026",
        &format!(
            "L'istanza è pervenuta il 22/04/2026 da Retica Impresa Sociale S.r.l., concorrente con la candidatura {SECOND}, con oggetto: «verbali, punteggi e motivazioni». Il procedimento si conclude entro trenta giorni, il 22/05/2026"
        ),
        &format!(
            "Il 23/04/2026 l'istanza è notificata alla controinteressata candidatura {WINNER} (Il Sentiero Verde Società Cooperativa Sociale), che può presentare motivata opposizione entro dieci giorni, fino al 03/05/2026"
        ),
        "Il 06/05/2026 l'istanza è accolta.",
        "(cartella verbali/accesso-a1)",
        "accesso-a1.pdf",
        &bundle_sha,
    ] {
        assert!(acts.contains(expected), "«{expected}» not in:\n{acts}");
    }
    for personal in ["Giulia Maspes", "Luca Pedrotti", "Anna Cerri"] {
        assert!(!acts.contains(personal), "{personal} in:\n{acts}");
    }
    // Reported once: the verbale of the renunciation, closed before, has none of them.
    assert!(!events.contains("Accesso agli atti"), "{events}");
    let register = ok(&["accesso", d]);
    assert!(!register.contains("non ancora riportati"), "{register}");

    // Every act in a sealed verbale: the collegial motivazione (s2), the approval (s3), the
    // renunciation and scorrimento (s4), the access request answered (s5). Every session
    // sealed and intact, the journal whole.
    let out = ok(&["verify", d]);
    assert!(
        out.contains("tutte le 5 sedute chiuse sono integre"),
        "{out}"
    );
    for n in [
        "verbale-01-s1.pdf",
        "verbale-02-s2.pdf",
        "verbale-03-s3.pdf",
        "verbale-04-s4.pdf",
        "verbale-05-s5.pdf",
    ] {
        let out = ok(&["verify", d, sealed.join(n).to_str().unwrap()]);
        assert!(!out.contains("NON corrisponde"), "{n}: {out}");
    }
}
