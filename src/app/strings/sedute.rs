//! The Sedute view.

// Sedute.

pub const NEW_SESSION: &str = "+ Nuova seduta";
pub const NO_SESSIONS: &str = "Nessuna seduta registrata.";
pub const SESSIONS_HINT: &str = "Creare una seduta con «+ Nuova seduta».";
pub const SESSION_WHEN: &str = "Quando e dove";
pub const SESSION_KIND: &str = "Tipo";
pub const SESSION_DATE: &str = "Data";
pub const SESSION_START: &str = "Inizio";
pub const SESSION_END: &str = "Fine";
pub const SESSION_PLACE: &str = "Luogo";
pub const SESSION_PRESENT: &str = "Presenti";
pub const SESSION_NOTES: &str = "Note per il verbale";
pub const SESSION_NOTES_HINT: &str =
    "Ciò che la commissione ha detto e deciso, nell'ordine in cui il verbale lo riporta.";
pub const ADD_NOTE: &str = "+ Aggiungi una nota";
pub const REMOVE_NOTE: &str = "Togli la nota";
pub const SESSION_DRAWS: &str = "Sorteggi";
pub const NO_TIES: &str = "Nessuna parità da sorteggiare.";
pub const RECORD_DRAW: &str = "Registra il sorteggio";
pub const DRAW_ORDER_HINT: &str =
    "Mettere le candidature nell'ordine estratto, dalla prima all'ultima.";
pub const DRAW_METHOD: &str = "Modalità del sorteggio";
pub const DRAW_METHOD_DEFAULT: &str = "estrazione di biglietti numerati da un'urna";
pub const SAVE_DRAW: &str = "Registra l'esito del sorteggio";
pub const REMOVE_DRAW: &str = "Togli il sorteggio";
pub const MOVE_UP: &str = "Su";
pub const MOVE_DOWN: &str = "Giù";
pub const MOVE_UP_HINT: &str = "Sposta prima";
pub const MOVE_DOWN_HINT: &str = "Sposta dopo";
pub const DELETE_SESSION: &str = "Elimina la seduta";
pub const DELETE_SESSION_CONFIRM: &str = "Eliminare la seduta? (Si può annullare con Ctrl+Z.)";
pub const EXPORT_MINUTES: &str = "Esporta verbale";
pub const EXPORT_MINUTES_HINT: &str =
    "Scrive il verbale della seduta in PDF nella cartella «verbali» e lo apre.";
pub const MINUTES_DRAFT: &str = "La seduta non è ancora chiusa: il verbale esce come bozza.";
pub const EXPORT_RANKING: &str = "Graduatoria pubblica (PDF)";
pub const EXPORT_LETTERS: &str = "Comunicazioni di esito (PDF)";
pub const EXPORT_LETTERS_HINT: &str = "Una lettera per ogni candidatura con l'esito, i punteggi, le motivazioni e le note su accesso agli atti e ricorsi, in PDF/A pronto per la PEC, nella cartella «verbali/comunicazioni».";
pub const EXPORT_TRANSPARENCY: &str = "Tabella per la trasparenza";
pub const EXPORT_TRANSPARENCY_HINT: &str = "I contributi assegnati per Amministrazione trasparente (artt. 26-27 D.Lgs. 33/2013), senza dati personali, in CSV e ODS nella cartella «verbali».";
pub const EXPORT_SCORE_PDF: &str = "Scheda da firmare (PDF)";
pub const EXPORT_SCORE_PDF_HINT: &str = "La scheda di valutazione individuale di questo componente, con valutazioni, motivazioni e dichiarazioni, da firmare: nella cartella «verbali»; poi si apre.";

pub fn documents_written(path: &str) -> String {
    format!("Scritto in {path}.")
}

pub fn no_such_member(id: &str) -> String {
    format!("Il componente «{id}» non è nella commissione.")
}

pub const EXPORT_RANKING_HINT: &str = "La graduatoria da pubblicare, senza dati personali, in PDF nella cartella «verbali»; poi si apre.";
pub const EXPORT_WRITING: &str = "Scrittura del verbale in corso…";
pub const EXPORT_INTERRUPTED: &str = "La scrittura del verbale si è interrotta.";

pub fn session_label(number: u32, date: &str, sealed: bool) -> String {
    let lock = if sealed { " (chiusa)" } else { "" };
    format!("Seduta n. {number} del {date}{lock}")
}

pub fn session_title(number: u32, kind: &str) -> String {
    format!("Seduta n. {number}: {kind}")
}

pub fn sealed(at: &str, sha: &str) -> String {
    format!("Seduta chiusa il {at}: non si può più modificare. Sigillo SHA-256: {sha}")
}

pub fn note_field(n: usize) -> String {
    format!("Nota {n}")
}

/// The order drawn, as the minutes write it: "P2 – P3".
pub const DRAW_ORDER_SEPARATOR: &str = " – ";

/// `lot` is the lot's name (as the call gives it, «Lotto quartieri», «Ambito territoriale 2»).
pub fn draw_recorded(lot: &str, order: &str, method: &str) -> String {
    if method.is_empty() {
        format!("{lot}: {order}")
    } else {
        format!("{lot}: {order} ({method})")
    }
}

pub fn tie_awaiting(lot: &str, list: &str) -> String {
    format!("{lot}: parità da sorteggiare tra {list}.")
}

pub fn draw_form(lot: &str) -> String {
    format!("Esito del sorteggio: {lot}")
}

pub fn ranking_written(path: &str) -> String {
    format!("Graduatoria pubblica scritta in {path}")
}

pub fn export_done(path: &str) -> String {
    format!("Verbale scritto in {path}")
}

pub fn cannot_write(path: &str, error: &str) -> String {
    format!("Impossibile scrivere {path}: {error}")
}

pub fn cannot_open(path: &str, error: &str) -> String {
    format!("Il documento è stato scritto in {path}, ma non è stato possibile mostrarlo: {error}.")
}

pub const NO_VIEWER: &str = "su questo computer non c'è un programma che lo apra";
pub const OPEN_FOLDER: &str = "Apri la cartella";

pub fn open_folder_failed(path: &str, error: &str) -> String {
    format!("Non è stato possibile aprire la cartella {path}: {error}.")
}
