//! Importing applications and scores from spreadsheets, with the preview.

use super::plural;

pub const IMPORT_APPLICATIONS: &str = "Importa da foglio di calcolo…";
pub const IMPORT_APPLICATIONS_HINT: &str = "Registra o aggiorna le candidature da file CSV, XLSX o ODS (per esempio l'esportazione di un modulo online), con un'anteprima prima di scrivere.";
pub const IMPORT_TITLE_APPLICATIONS: &str = "Importa candidature da foglio di calcolo";
pub const IMPORT_TITLE_SCORES: &str = "Importa punteggi da foglio di calcolo";
pub const IMPORT_INTRO: &str = "Prima l'anteprima: il programma legge i file e mostra che cosa farebbe, riga per riga, con ogni problema. Non viene scritto nulla finché non si conferma.";
pub const IMPORT_FILE_APPLICATIONS: &str = "File delle candidature";
pub const IMPORT_FILE_BUDGET: &str = "Voci di costo (facoltativo)";
pub const IMPORT_FILE_COFINANCING: &str = "Co-finanziamento (facoltativo)";
pub const IMPORT_FILE_SCORES: &str = "File dei punteggi";
pub const IMPORT_FILE_DIALOG: &str = "File da importare";
pub const IMPORT_FILTER: &str = "Foglio di calcolo";
pub const IMPORT_PREVIEW: &str = "Anteprima";
pub const IMPORT_NEEDS_FILE: &str = "Indicare almeno un file da leggere.";
pub const IMPORT_ALL: &str = "Importa";
pub const IMPORT_GOOD_ROWS: &str = "Importa solo le righe corrette";
pub const IMPORT_CANCEL: &str = "Non importare";
pub const IMPORT_CLOSE: &str = "Chiudi";
pub const IMPORT_ALL_DISABLED: &str = "Alcune righe hanno errori: correggere i file e rifare l'anteprima, oppure importare solo le righe corrette.";
pub const IMPORT_BLOCKED: &str =
    "Un file non si può importare (errori sull'intero file): nulla può essere importato.";
pub const IMPORT_NOTHING_NEW: &str = "Nulla da importare: l'avviso contiene già questi dati.";
pub const IMPORT_STALE: &str =
    "L'avviso è cambiato dopo l'anteprima: rifare l'anteprima prima di importare.";
pub const COL_ACTION: &str = "Esito";
pub const COL_ITEM: &str = "Elemento";
pub const COL_DESCRIPTION: &str = "Descrizione";
pub const COL_ROWS: &str = "Righe";
pub const COL_CHANGES: &str = "Modifiche e problemi";
pub const COL_KIND: &str = "Tipo";
pub const COL_FILE: &str = "File";
pub const COL_ROW: &str = "Riga";
pub const COL_COLUMN: &str = "Colonna";
pub const COL_PROBLEM: &str = "Problema";
pub const PROBLEMS_TITLE: &str = "Problemi";
pub const NOTICE: &str = "avviso";
pub const ERROR: &str = "errore";
pub const IMPORT_NOT_UNDONE: &str =
    "L'importazione non si annulla con Ctrl+Z: ogni modifica è nel registro.";

pub fn file_read(kind: &str, file: &str, format: &str, rows: usize) -> String {
    format!(
        "{kind}: {file} ({format}), {}",
        plural(rows, "riga", "righe")
    )
}

pub fn plan_counts(
    scores: bool,
    create: usize,
    update: usize,
    same: usize,
    rejected: usize,
) -> String {
    if scores {
        format!(
            "Punteggi — nuovi: {create}, modificati: {update}, invariati: {same}, con errori: {rejected}"
        )
    } else {
        format!(
            "Candidature — nuove: {create}, modificate: {update}, invariate: {same}, con errori: {rejected}"
        )
    }
}

pub fn would_import(list: &str) -> String {
    format!("Con «Importa solo le righe corrette» si importano: {list}.")
}

pub fn would_skip(list: &str) -> String {
    format!("Restano fuori, per gli errori nelle loro righe: {list}.")
}

pub fn imported(n: usize, list: &str) -> String {
    format!("Importati {n}: {list}.")
}

pub fn skipped(list: &str) -> String {
    format!("Non importati per errori: {list}.")
}

pub fn problems_count(errors: usize, notices: usize) -> String {
    format!(
        "{}, {}",
        plural(errors, "errore", "errori"),
        plural(notices, "avviso", "avvisi")
    )
}

pub fn rows_of(file: &str, rows: &[String]) -> String {
    let word = if rows.len() == 1 { "riga" } else { "righe" };
    format!("{file} {word} {}", rows.join(", "))
}

pub fn file_in_sheet(file: &str, sheet: &str) -> String {
    format!("{file}, foglio «{sheet}»")
}

pub fn column_named(letter: &str, header: &str) -> String {
    if header.is_empty() {
        letter.to_string()
    } else {
        format!("{letter} ({header})")
    }
}

/// After the first keys of a long list.
pub fn and_others(n: usize) -> String {
    format!(" e altri {n}")
}

/// A change as the import describes it ("contributo richiesto: € 79.000,00 → € 80.000,00"), in
/// words the window's font can draw: "contributo richiesto: da € 79.000,00 a € 80.000,00".
pub fn change(text: &str) -> String {
    let parts = text
        .split_once(": ")
        .and_then(|(what, rest)| rest.split_once(" → ").map(|(from, to)| (what, from, to)));
    match parts {
        Some((what, from, to)) => format!("{what}: da {from} a {to}"),
        None => text.replace('→', "›"),
    }
}
