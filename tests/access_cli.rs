//! Access to the records from the command line (`commissione accesso`): the register with the
//! 30-day deadline and the counter-interested parties' 10 days, a secret an applicant declared,
//! the decision, and the bundle of a granted request written and journaled: the requester's own
//! marks and reasons, the others' with the secret parts withheld, the verbali (the sealed ones,
//! or copies with omissis where they name a natural person).

mod minutes_common;

use std::ffi::OsStr;
use std::fs;

use minutes_common::*;

fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run(&args)
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = cli(args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

#[test]
fn a_request_of_a_competitor_is_registered_decided_and_answered_with_its_bundle() {
    let dir = example_a();
    let d = dir.path().to_str().unwrap();
    // P4's applicant is a natural person: its name is personal data.
    let code = format!(
        "RSSMRA80A01F205{}",
        commissione::domain::tax_code::person_check_character("RSSMRA80A01F205").unwrap()
    );
    edit(
        dir.path(),
        "candidature/P4.ron",
        "Associazione P4",
        "Mario Rossi",
    );
    edit(dir.path(), "candidature/P4.ron", "12345916766", &code);
    for s in ["s1", "s2", "s3"] {
        ok(&["close", d, "--session", s, "--conferma-pendenti"]);
    }

    let out = ok(&[
        "accesso",
        d,
        "nuova",
        "--data",
        "01/12/2026",
        "--richiedente",
        "Associazione P1",
        "--candidatura",
        "P1",
        "--oggetto",
        "punteggi e motivazioni della propria candidatura e delle altre",
    ]);
    assert!(
        out.contains("Richiesta di accesso «a1» registrata: va conclusa entro il 31/12/2026."),
        "{out}"
    );
    let out = ok(&[
        "accesso",
        d,
        "notifica",
        "a1",
        "--candidatura",
        "P2",
        "--data",
        "02/12/2026",
    ]);
    assert!(out.contains("può opporsi fino al 12/12/2026"), "{out}");
    ok(&[
        "accesso",
        d,
        "segreto",
        "--candidatura",
        "P2",
        "--parte",
        "piano economico",
        "--criteri",
        "B",
        "--motivazione",
        "segreto commerciale",
    ]);
    let register = ok(&["accesso", d]);
    assert!(register.contains("termine 31/12/2026"), "{register}");
    assert!(
        register.contains(
            "controinteressata P2: notificata il 02/12/2026, può opporsi fino al 12/12/2026"
        ),
        "{register}"
    );

    // Not granted yet: no bundle, nothing written.
    let (code, _, err) = cli(&["accesso", d, "rilascia", "a1"]);
    assert_eq!(code, 1);
    assert!(err.contains("non è accolta"), "{err}");
    assert!(!dir.path().join("verbali/accesso-a1").exists());

    ok(&[
        "accesso",
        d,
        "decidi",
        "a1",
        "--esito",
        "accolta",
        "--data",
        "14/12/2026",
    ]);
    let out = ok(&["accesso", d, "rilascia", "a1"]);
    assert!(out.contains("accesso-a1.pdf (SHA-256 "), "{out}");
    let folder = dir.path().join("verbali/accesso-a1");
    let document = squeeze(&pages_text(&fs::read(folder.join("accesso-a1.pdf")).unwrap()).concat());
    for expected in [
        "Richiesta n. a1, pervenuta il 01/12/2026.",
        "Termine per la conclusione del procedimento (30 giorni, art. 25, c. 4, L. 241/1990): 31/12/2026.",
        "Decisione: richiesta accolta il 14/12/2026.",
        "Candidatura P1 – Associazione P1",
        "Valutazione di m1 sul criterio B della proposta P1.",
        "Valutazione di m1 sul criterio A della proposta P2.",
        "riguarda una parte dichiarata segreto tecnico o commerciale dal concorrente (piano economico)",
    ] {
        assert!(
            document.contains(expected),
            "«{expected}» not in:\n{document}"
        );
    }
    // P2's reasons on B are withheld; the requester's own are not.
    assert!(
        !document.contains("Valutazione di m1 sul criterio B della proposta P2."),
        "{document}"
    );
    assert!(!document.contains("Mario Rossi"), "{document}");

    // The verbali name Mario Rossi (the opening and the final one) or report P2's reasons on B
    // (the scoring one): each a copy with omissis that says so and names the original's seal.
    for (file, session) in [
        ("verbale-01-s1-omissis.pdf", "s1"),
        ("verbale-02-s2-omissis.pdf", "s2"),
        ("verbale-03-s3-omissis.pdf", "s3"),
    ] {
        let t = squeeze(&pages_text(&fs::read(folder.join(file)).unwrap()).concat());
        assert!(!t.contains("Mario Rossi"), "{file}: {t}");
        assert!(
            t.contains("Copia rilasciata per l'accesso agli atti"),
            "{file}: {t}"
        );
        let seal = workspace(dir.path())
            .session(&sid(session))
            .unwrap()
            .seal
            .clone()
            .unwrap();
        assert!(
            t.contains(&format!(
                "Sigillo SHA-256 del verbale originale: {}",
                seal.sha256
            )),
            "{file}: {t}"
        );
    }
    let opening =
        squeeze(&pages_text(&fs::read(folder.join("verbale-01-s1-omissis.pdf")).unwrap()).concat());
    assert!(opening.contains("[omissis]"), "{opening}");
    let scoring =
        squeeze(&pages_text(&fs::read(folder.join("verbale-02-s2-omissis.pdf")).unwrap()).concat());
    assert!(
        !scoring.contains("Valutazione di m1 sul criterio B della proposta P2."),
        "{scoring}"
    );
    assert!(
        scoring.contains("Valutazione di m1 sul criterio B della proposta P1."),
        "{scoring}"
    );

    // The release is journaled with the files' hashes, and the register shows it.
    let journal = ok(&["registro", d]);
    assert!(journal.contains("accessi.ron"), "{journal}");
    let sha = commissione::seal::sha256_hex(&fs::read(folder.join("accesso-a1.pdf")).unwrap());
    assert!(journal.contains(&sha), "{journal}");
    // Each file written in the same transaction as the register, with its own entry.
    for file in [
        "accesso-a1.pdf",
        "verbale-01-s1-omissis.pdf",
        "verbale-03-s3-omissis.pdf",
    ] {
        assert!(
            journal.contains(&format!("atto rilasciato per l'accesso agli atti: {file}")),
            "{file}: {journal}"
        );
    }
    let register = ok(&["accesso", d]);
    assert!(register.contains("in verbali/accesso-a1"), "{register}");
    // The closed sessions are untouched.
    let out = ok(&["verify", d]);
    assert!(
        out.contains("tutte le 3 sedute chiuse sono integre"),
        "{out}"
    );
}

#[test]
fn a_refusal_needs_its_reasons() {
    let dir = example_a();
    let d = dir.path().to_str().unwrap();
    ok(&[
        "accesso",
        d,
        "nuova",
        "--data",
        "01/12/2026",
        "--richiedente",
        "Giornalista",
        "--oggetto",
        "tutto",
    ]);
    let (code, _, err) = cli(&[
        "accesso",
        d,
        "decidi",
        "a1",
        "--esito",
        "respinta",
        "--data",
        "05/12/2026",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("motivazione"), "{err}");
}

/// Access acts recorded while a session is open go in that session's verbale, with no natural
/// person's data: a requester who is not a competitor is «un soggetto interessato», a
/// counter-interested party that is a natural person is named by its protocol only.
#[test]
fn the_access_acts_of_an_open_session_are_in_its_sealed_verbale_without_personal_data() {
    let dir = example_a();
    let d = dir.path().to_str().unwrap();
    let code = format!(
        "RSSMRA80A01F205{}",
        commissione::domain::tax_code::person_check_character("RSSMRA80A01F205").unwrap()
    );
    edit(
        dir.path(),
        "candidature/P4.ron",
        "Associazione P4",
        "Mario Rossi",
    );
    edit(dir.path(), "candidature/P4.ron", "12345916766", &code);
    for s in ["s1", "s2"] {
        ok(&["close", d, "--session", s, "--conferma-pendenti"]);
    }
    // s3 is open: the acts are recorded in it.
    ok(&[
        "accesso",
        d,
        "nuova",
        "--data",
        "27/11/2026",
        "--richiedente",
        "Giovanni Bianchi",
        "--oggetto",
        "la graduatoria e i verbali",
    ]);
    ok(&[
        "accesso",
        d,
        "notifica",
        "a1",
        "--candidatura",
        "P4",
        "--data",
        "27/11/2026",
        "--opposizione",
        "Mario Rossi si oppone: dati personali",
    ]);
    let register = ok(&["accesso", d]);
    assert!(
        register.contains("2 atti di accesso non ancora riportati in un verbale sigillato"),
        "{register}"
    );
    ok(&["close", d, "--session", "s3", "--conferma-pendenti"]);
    let t = squeeze(
        &pages_text(&fs::read(dir.path().join("verbali/sigillati/verbale-03-s3.pdf")).unwrap())
            .concat(),
    );
    for expected in [
        "Accesso agli atti",
        "Istanza n. a1 del 27/11/2026",
        "L'istanza è pervenuta il 27/11/2026 da un soggetto interessato, con oggetto: «la graduatoria e i verbali». Il procedimento si conclude entro trenta giorni, il 27/12/2026",
        "notificata alla controinteressata candidatura P4, che può presentare motivata opposizione entro dieci giorni, fino al 07/12/2026",
        "la controinteressata ha presentato opposizione motivata, agli atti del procedimento",
    ] {
        assert!(t.contains(expected), "«{expected}» not in:\n{t}");
    }
    // The requester's name and the opposition's words stay in the register. (P4's applicant
    // is named where the verbale names every applicant, as applicants: not here.)
    for personal in ["Giovanni Bianchi", "si oppone: dati personali"] {
        assert!(!t.contains(personal), "{personal} in:\n{t}");
    }
    let section = &t[t.find("Accesso agli atti").unwrap()..];
    assert!(!section.contains("Mario Rossi"), "{section}");
    let scoring = squeeze(
        &pages_text(&fs::read(dir.path().join("verbali/sigillati/verbale-02-s2.pdf")).unwrap())
            .concat(),
    );
    assert!(!scoring.contains("Accesso agli atti"), "{scoring}");
    let register = ok(&["accesso", d]);
    assert!(!register.contains("non ancora riportati"), "{register}");
}
