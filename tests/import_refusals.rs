//! Bad data in an import is refused with its reason, never reinterpreted: a CSV of two
//! encodings, a control character or a terminal escape in a cell, a protocol spelled as
//! another already registered (or twice in the file), a time that Rome's clock skips or shows
//! twice, a date without its time. Each named by file, row and column; nothing written.

mod common;
mod import_support;

use std::path::Path;

use commissione::workspace::load;
use common::{assert_same, fixture, run, snapshot};
use import_support::*;

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

const HEADER: &str = "protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;lotto;titolo;contributo_richiesto";

/// An applications CSV (`;`, UTF-8) of the example-a call with these rows after the header.
fn applications_csv(rows: &[&str]) -> String {
    let mut text = format!("{HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

fn row(protocol: &str, name: &str, received: &str) -> String {
    format!(
        "{protocol};{received};{name};{};APS;coworking;Un titolo;1.000,00",
        tax_code("0094485014")
    )
}

/// Runs a dry import of `bytes` as applications into a fresh example-a; the exit code and
/// the output, after checking that nothing was written.
fn dry_import(bytes: &[u8]) -> (i32, String) {
    let (tmp, dir) = fixture("example-a");
    let file = write(tmp.path(), "domande.csv", bytes);
    let before = snapshot(&dir);
    let (code, out, err) = run(&["import", s(&dir), "--applications", s(&file), "--dry-run"]);
    assert_same(&before, &snapshot(&dir));
    (code, format!("{out}{err}"))
}

#[test]
fn one_windows_1252_byte_in_a_utf8_file_refuses_the_file_at_that_byte() {
    let mut bytes = applications_csv(&[
        &row("N1", "Società Cooperativa Alfa", "02/03/2026 10:15"),
        &row("N2", "Associazione Beta", "02/03/2026 10:16"),
    ])
    .into_bytes();
    // "Città" in Windows-1252 in the second data row, fourth field... the name field (C).
    let at = bytes
        .windows(4)
        .position(|w| w == b"Beta")
        .expect("the name");
    bytes.splice(at..at + 4, b"Citt\xE0".iter().copied());
    let (code, out) = dry_import(&bytes);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("domande.csv, riga 3, colonna C: il byte 0xE0 non è UTF-8, mentre il resto del file è scritto in UTF-8 (per esempio «à» alla riga 2)"),
        "{out}"
    );
    // Never the misreading it used to be.
    assert!(!out.contains("SocietÃ"), "{out}");
}

#[test]
fn a_whole_windows_1252_file_is_still_read() {
    let text = applications_csv(&[&row("N1", "Società Cooperativa Alfa", "02/03/2026 10:15")]);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let (code, out) = dry_import(&bytes);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("CSV Windows-1252"), "{out}");
    assert!(out.contains("Società Cooperativa Alfa"), "{out}");
}

#[test]
fn a_control_character_or_escape_sequence_in_a_cell_is_refused_and_never_printed() {
    let bytes = applications_csv(&[
        &row("N1", "Coop \u{1b}[2J\u{1b}[31mRossa", "02/03/2026 10:15"),
        &row("N2", "Associazione Beta", "02/03/2026 10:16"),
    ]);
    let (code, out) = dry_import(bytes.as_bytes());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("domande.csv, riga 2, colonna C (denominazione): «Coop \\u{1b}[2J\\u{1b}[31mRossa» contiene un carattere di escape"),
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "the escape reached the terminal: {out:?}"
    );
}

#[test]
fn a_protocol_spelled_as_one_already_registered_is_refused() {
    // example-a has P1..P4; "P-1" is not one of them, but "N/1" and "N-1" are one number.
    let bytes = applications_csv(&[
        &row("N/1", "Associazione Alfa", "02/03/2026 10:15"),
        &row("N-1", "Associazione Alfa", "02/03/2026 10:15"),
        &row("N\u{2215}1", "Associazione Alfa", "02/03/2026 10:15"),
    ]);
    let (code, out) = dry_import(bytes.as_bytes());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("domande.csv, riga 3, colonna A (protocollo): il protocollo «N-1» è lo stesso numero di «N/1» alla riga 2, scritto in un altro modo"),
        "{out}"
    );
    assert!(
        out.contains("riga 4, colonna A (protocollo): il protocollo «N∕1» è lo stesso numero di «N/1» alla riga 2"),
        "{out}"
    );
    // A zero-width space in a protocol is refused, and shown.
    let bytes = applications_csv(&[&row("N\u{200b}1", "Associazione Alfa", "02/03/2026 10:15")]);
    let (code, out) = dry_import(bytes.as_bytes());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("«N\\u{200b}1» contiene un carattere invisibile (U+200B)"),
        "{out}"
    );
}

#[test]
fn an_import_does_not_register_an_application_again_under_another_spelling() {
    let (tmp, dir) = fixture("example-a");
    let first = write(
        tmp.path(),
        "prima.csv",
        applications_csv(&[&row("2026/0001", "Associazione Alfa", "02/03/2026 10:15")]).as_bytes(),
    );
    let (code, out, err) = run(&["import", s(&dir), "--applications", s(&first)]);
    assert_eq!(code, 0, "{out}{err}");
    let again = write(
        tmp.path(),
        "seconda.csv",
        applications_csv(&[&row("2026-0001", "Associazione Alfa", "02/03/2026 10:15")]).as_bytes(),
    );
    let before = snapshot(&dir);
    let (code, out, _) = run(&["import", s(&dir), "--applications", s(&again)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("seconda.csv, riga 2, colonna A (protocollo): il protocollo «2026-0001» è lo stesso numero della candidatura già registrata «2026/0001», scritto in un altro modo"),
        "{out}"
    );
    assert_same(&before, &snapshot(&dir));
    assert_eq!(
        load(&dir)
            .workspace
            .expect("loads")
            .applications()
            .keys()
            .filter(|p| p.as_str().starts_with("2026"))
            .count(),
        1
    );
}

#[test]
fn times_rome_skips_or_repeats_and_dates_without_time_are_refused() {
    let bytes = applications_csv(&[
        &row("N1", "Associazione Alfa", "29/03/2026 02:30"),
        &row("N2", "Associazione Beta", "25/10/2026 02:30"),
        &row("N3", "Associazione Gamma", "2026-03-05"),
        &row("N4", "Associazione Delta", "2026-10-25T02:30:00+01:00"),
    ]);
    let (code, out) = dry_import(bytes.as_bytes());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "riga 2, colonna B (ricevuta_il): «29/03/2026 02:30» non esiste nell'ora di Roma"
        ),
        "{out}"
    );
    assert!(
        out.contains("riga 3, colonna B (ricevuta_il): «25/10/2026 02:30» a Roma c'è due volte"),
        "{out}"
    );
    assert!(
        out.contains("riga 4, colonna B (ricevuta_il): «2026-03-05» non indica l'ora di ricezione"),
        "{out}"
    );
    // With its offset, the hour lived twice is one instant.
    assert!(!out.contains("riga 5, colonna B"), "{out}");
}

/// A call's files with terminal escapes in them (a name, an amount that cannot be read):
/// `check` names each where it is, and writes no escape to the terminal.
#[test]
fn check_never_prints_a_files_control_characters() {
    let (_tmp, dir) = fixture("example-a");
    common::edit(
        &dir.join("candidature/P1.ron"),
        "Associazione P1",
        "Associazione \u{1b}]0;titolo\u{7}\u{1b}[2JP1",
    );
    common::edit(
        &dir.join("candidature/P2.ron"),
        "\"14000.00\"",
        "\"\u{1b}[31m14000.00\"",
    );
    let (code, out, err) = run(&["check", s(&dir)]);
    assert_eq!(code, 1, "{out}{err}");
    let all = format!("{out}{err}");
    assert!(
        !all.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the terminal: {all:?}"
    );
    assert!(
        all.contains("candidature/P1.ron:12:13: il nome «Associazione \\u{1b}]0;titolo\\u{7}\\u{1b}[2JP1» contiene un carattere di escape"),
        "{all}"
    );
    assert!(all.contains("candidature/P2.ron:"), "{all}");
    assert!(all.contains("\\u{1b}[31m14000.00"), "{all}");
}
