//! The documents that follow the minutes, from the command line: the letters to the
//! applicants, the table for Amministrazione trasparente, each member's score sheet to sign,
//! and the AgID metadata beside each document.

mod minutes_common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use minutes_common::pdfa::{assert_pdfa, page_texts};
use minutes_common::*;

const EPOCH: &str = "1796138405"; // 01/12/2026 16:20:05

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn text(pdf: &[u8]) -> String {
    squeeze(&page_texts(pdf).concat())
}

fn sha256(bytes: &[u8]) -> String {
    commissione::seal::sha256_hex(bytes)
}

fn close_all(dir: &Path) {
    for s in ["s1", "s2", "s3"] {
        // The final session closes over applications nobody decided on only when told so.
        let (code, _, err) = run(&[
            os("close"),
            dir.as_os_str(),
            os("--session"),
            os(s),
            os("--conferma-pendenti"),
        ]);
        assert_eq!(code, 0, "{err}");
    }
}

#[test]
fn a_letter_to_each_applicant_with_its_outcome_points_and_remedies() {
    let dir = example_a();
    close_all(dir.path());
    let (code, out, err) = run_at(&[os("lettere"), dir.path().as_os_str()], EPOCH);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("4 comunicazioni di esito"), "{out}");
    let folder = dir.path().join("verbali/comunicazioni");
    let letter = fs::read(folder.join("esito-P2.pdf")).unwrap();
    assert_pdfa("comunicazione", &letter);
    let t = text(&letter);
    for expected in [
        "Spett.le Associazione P2",
        "codice fiscale 12345758382",
        "Comunicazione dell'esito della valutazione",
        "candidatura prot. n. P2",
        "La candidatura è stata ammessa alla valutazione",
        "87,73",
        "Valutazione di m1 sul criterio A della proposta P2.",
        "si colloca al 1° posto su",
        "selezionata per la co-progettazione",
        "€ 96.000,00",
        "co-progettazione",
        "convenzione",
        "legge 7 agosto 1990, n. 241",
        "entro 60 giorni",
        "Presidente della Repubblica entro 120 giorni",
        "Il Responsabile unico del procedimento",
    ] {
        assert!(t.contains(expected), "«{expected}» not in the letter:\n{t}");
    }
    // Drawn from the closed final session: no draft notice, dated by its closing, to be
    // signed.
    assert!(!t.contains("Bozza"), "{t}");
    assert!(t.contains("firmato digitalmente"), "{t}");
    let ws = workspace(dir.path());
    let closed = ws
        .session(&sid("s3"))
        .unwrap()
        .seal
        .as_ref()
        .unwrap()
        .closed_at;
    assert_eq!(
        commissione::minutes::stamp_in_pdf(&letter).unwrap().issued,
        Some(closed)
    );
    // No other applicant's name.
    for other in ["Associazione P1", "Associazione P3", "Associazione P4"] {
        assert!(!t.contains(other), "«{other}» in P2's letter");
    }
    // The AgID metadata beside it, with the file's fingerprint.
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(folder.join("esito-P2.metadati.json")).unwrap()).unwrap();
    assert_eq!(
        meta["IdDoc"]["ImprontaCrittografica"]["Impronta"],
        sha256(&letter)
    );
    assert_eq!(
        meta["IdDoc"]["ImprontaCrittografica"]["Algoritmo"],
        "SHA-256"
    );
    assert_eq!(meta["TipologiaDocumentale"], "Comunicazione");
    assert_eq!(meta["Riservato"], true);
    assert_eq!(
        meta["IdentificativoDelFormato"]["Formato"],
        "application/pdf"
    );
    assert!(
        meta["Soggetti"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["Ruolo"] == "Destinatario" && s["Denominazione"] == "Associazione P2")
    );

    // A score changed by hand after the closing does not change the letters: they report
    // what the closed sessions kept.
    edit(
        dir.path(),
        "schede/m1.ron",
        "value: \"0.6\", reason: \"Valutazione di m1 sul criterio A della proposta P2.\"",
        "value: \"0.2\", reason: \"Valutazione di m1 sul criterio A della proposta P2.\"",
    );
    let (code, out, err) = run_at(&[os("lettere"), dir.path().as_os_str()], EPOCH);
    assert_eq!(code, 0, "{out}{err}");
    assert!(fs::read(folder.join("esito-P2.pdf")).unwrap() == letter);
}

#[test]
fn a_draft_letter_says_so_and_letters_never_go_among_the_calls_data() {
    let dir = example_a();
    let (code, _, err) = run_at(&[os("lettere"), dir.path().as_os_str()], EPOCH);
    assert_eq!(code, 0, "{err}");
    let folder = dir.path().join("verbali/comunicazioni");
    let letter = fs::read(folder.join("esito-P1.pdf")).unwrap();
    assert_pdfa("bozza di comunicazione", &letter);
    let t = text(&letter);
    assert!(
        t.contains("Bozza: la graduatoria non è ancora stata approvata"),
        "{t}"
    );
    // A draft claims no signature.
    assert!(!t.contains("firmato digitalmente"), "{t}");
    assert!(t.contains("Bozza non firmata"), "{t}");
    assert_eq!(
        commissione::minutes::stamp_in_pdf(&letter).unwrap().issued,
        Some(commissione::domain::Moment::parse("2026-12-01T16:20:05+01:00").unwrap())
    );
    // Into a folder of the call's data: refused.
    let (code, _, err) = run_at(
        &[
            os("lettere"),
            dir.path().as_os_str(),
            os("-o"),
            dir.path().join("sedute").as_os_str(),
        ],
        EPOCH,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("non lo sovrascrive"), "{err}");
}

#[test]
fn the_transparency_table_lists_the_grants_without_personal_data() {
    let dir = example_a();
    close_all(dir.path());
    let (code, out, err) = run_at(&[os("trasparenza"), dir.path().as_os_str()], EPOCH);
    assert_eq!(code, 0, "{out}{err}");
    let csv = fs::read_to_string(dir.path().join("verbali/trasparenza.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("\u{feff}beneficiario;codice_fiscale;importo;norma_o_titolo_a_base_dell_attribuzione;ufficio;responsabile_del_procedimento;modalita_di_individuazione_del_beneficiario"), "{csv}");
    assert_eq!(lines.len(), 2, "one grant: {csv}");
    assert!(
        lines[1].starts_with("Associazione P2;12345758382;96000,00;"),
        "{csv}"
    );
    assert!(
        lines[1].contains("Art. 55 del D.Lgs. 3 luglio 2017, n. 117"),
        "{csv}"
    );
    assert!(lines[1].contains("Verbale n. 3"), "{csv}");
    let ods = fs::read(dir.path().join("verbali/trasparenza.ods")).unwrap();
    assert!(ods.starts_with(b"PK"));
    // Personal tax codes are never published.
    use commissione::documents::transparency::entity_code;
    assert_eq!(entity_code("12345758382"), Some("12345758382".into()));
    assert_eq!(entity_code("IT12345758382"), Some("12345758382".into()));
    assert_eq!(entity_code("RSSMRA80A01F205X"), None);
}

#[test]
fn a_members_score_sheet_to_sign_is_verified_like_a_verbale() {
    let dir = example_a();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("scheda-m1.pdf");
    let (code, stdout, err) = run_at(
        &[
            os("scheda"),
            dir.path().as_os_str(),
            os("--member"),
            os("m1"),
            os("-o"),
            file.as_os_str(),
        ],
        EPOCH,
    );
    assert_eq!(code, 0, "{stdout}{err}");
    let pdf = fs::read(&file).unwrap();
    assert_pdfa("scheda", &pdf);
    let t = text(&pdf);
    for expected in [
        "SCHEDA DI VALUTAZIONE INDIVIDUALE",
        "Anna Verdi",
        "Valutazione di m1 sul criterio A della proposta P1.",
        "Dichiarazioni sui conflitti di interesse",
        "Data: 01/12/2026",
        "Il Presidente Anna Verdi",
    ] {
        assert!(t.contains(expected), "«{expected}» not in the sheet:\n{t}");
    }
    assert!(!t.contains("Valutazione di m2"), "another member's marks");
    let (code, stdout, err) = run(&[os("verify"), dir.path().as_os_str(), file.as_os_str()]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("la scheda corrisponde"), "{stdout}");
    assert!(stdout.contains("coincide byte per byte"), "{stdout}");
    // The same fingerprint over other pages is refused: the file must be the sheet itself.
    let mut forged = pdf.clone();
    let at = forged.len() / 2;
    for b in &mut forged[at..at + 10] {
        *b ^= 0x20;
    }
    let forged_file = out.path().join("scheda-m1-alterata.pdf");
    fs::write(&forged_file, &forged).unwrap();
    let (code, stdout, _) = run(&[
        os("verify"),
        dir.path().as_os_str(),
        forged_file.as_os_str(),
    ]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("NON corrisponde"), "{stdout}");
    edit(
        dir.path(),
        "schede/m1.ron",
        "Valutazione di m1 sul criterio A della proposta P1.",
        "Motivazione cambiata.",
    );
    let (code, stdout, _) = run(&[os("verify"), dir.path().as_os_str(), file.as_os_str()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("NON corrisponde"), "{stdout}");
    let (code, _, err) = run(&[
        os("scheda"),
        dir.path().as_os_str(),
        os("--member"),
        os("nessuno"),
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_verbale_and_the_ranking_have_their_agid_metadata_beside() {
    let dir = example_a();
    let (code, _, err) = run_at(
        &[
            os("minutes"),
            dir.path().as_os_str(),
            os("--session"),
            os("s2"),
        ],
        EPOCH,
    );
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("verbali/verbale-02-s2.pdf");
    let meta: serde_json::Value = serde_json::from_slice(
        &fs::read(dir.path().join("verbali/verbale-02-s2.metadati.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        meta["IdDoc"]["ImprontaCrittografica"]["Impronta"],
        sha256(&fs::read(&pdf).unwrap())
    );
    assert_eq!(meta["TipologiaDocumentale"], "Verbale");
    assert_eq!(meta["Riservato"], true);
    assert_eq!(meta["VersioneDelDocumento"], "bozza");
    assert_eq!(meta["DataDiCreazione"], "2026-12-01T16:20:05+01:00");
    let (code, _, err) = run_at(&[os("graduatoria"), dir.path().as_os_str()], EPOCH);
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("verbali/graduatoria.pdf");
    let meta: serde_json::Value = serde_json::from_slice(
        &fs::read(dir.path().join("verbali/graduatoria.metadati.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        meta["IdDoc"]["ImprontaCrittografica"]["Impronta"],
        sha256(&fs::read(&pdf).unwrap())
    );
    assert_eq!(meta["TipologiaDocumentale"], "Graduatoria");
    assert_eq!(meta["Riservato"], false);
    for key in [
        "ModalitaDiFormazione",
        "ChiaveDescrittiva",
        "Soggetti",
        "IdentificativoDelFormato",
        "NomeDelDocumento",
        "VersioneDelDocumento",
    ] {
        assert!(!meta[key].is_null(), "{key} missing");
    }
}
