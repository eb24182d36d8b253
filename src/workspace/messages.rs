//! The workspace's sentences, in one place: what an export may not write over, what the
//! journal finds changed, who holds the lock, what a transaction could not do, why a sheet
//! brought from another computer is not taken. The errors' own types say theirs in their
//! `#[error]` attributes; the operating system's errors and RON's are put into Italian by
//! `os_error` and `ron_error`, a table each.

use std::fmt::Display;

// What an export may not write over.

/// `path` is a file of the call (`what`: one of [`kept`]).
pub(super) fn export_over_call_file(path: impl Display, what: &str) -> String {
    format!(
        "{path}: è {what} dell'avviso e un'esportazione non lo sovrascrive: scegliere un altro nome o un'altra cartella"
    )
}

/// What a file of the call is, named when an export would write over it.
pub(super) mod kept {
    pub(in crate::workspace) const FOLDER: &str = "la cartella";
    pub(in crate::workspace) const BACKUP: &str = "una copia di sicurezza di un file";
    pub(in crate::workspace) const SERVICE_FILE: &str = "un file di servizio";
    pub(in crate::workspace) const KEPT_RECORD: &str = "il verbale conservato di una seduta chiusa";
    pub(in crate::workspace) const DATA_FILE: &str = "un file dei dati";
    pub(in crate::workspace) const SEALED_MINUTES: &str =
        "un verbale sigillato alla chiusura di una seduta";
    pub(in crate::workspace) const SEALED_FOLDER: &str = "la cartella dei verbali sigillati";
    pub(in crate::workspace) const JOURNAL: &str = "il registro delle modifiche";
    pub(in crate::workspace) const LOCK: &str = "il file di blocco";
    pub(in crate::workspace) const INTENT: &str = "il file di un'operazione in corso";
    pub(in crate::workspace) const A_FOLDER: &str = "una cartella";
}

// The journal against the files.

pub(super) const FILE_MISSING: &str = "il file manca";
pub(super) const FILE_BACK: &str = "il file esiste, ma il registro dice che è stato tolto";
pub(super) const CONTENT_DIFFERS: &str = "il contenuto è diverso";

/// A file that differs from the journal's last entry on it (`problem`: [`FILE_MISSING`],
/// [`FILE_BACK`], [`CONTENT_DIFFERS`] or a system error).
pub(super) fn differs_from_journal(file: impl Display, problem: &str, seq: u64) -> String {
    format!(
        "{file}: {problem} da quanto registra l'ultima voce che lo riguarda (n. {seq}): il file è stato modificato fuori dal programma, o una modifica non è stata registrata"
    )
}

/// A journal written without entries (never, but said if it were).
pub(super) const NO_ENTRY: &str = "nessuna voce";

// The lock.

pub(super) const UNKNOWN_USER: &str = "utente sconosciuto";
pub(super) const UNKNOWN_HOST: &str = "computer sconosciuto";
/// Who holds a lock whose holder file cannot be read.
pub(super) const ANOTHER_PROGRAM: &str = "un altro programma";
pub(super) const SOME_COMPUTER: &str = "questo o un altro computer";

pub(super) fn still_open(who: impl Display, host: impl Display) -> String {
    format!("il programma di {who} su {host} è ancora aperto sull'avviso: chiuderlo prima")
}

// A member's sheet and the log of its changes.

pub(super) fn log_folded(member: impl Display) -> String {
    format!("modifiche alla scheda di {member} riportate nella scheda, scritta per intero")
}

pub(super) fn log_line_unreadable(error: impl Display) -> String {
    format!("la riga non è una modifica della scheda leggibile ({error})")
}

pub(super) fn log_without_sheet(sheet: impl Display) -> String {
    format!(
        "le modifiche di una scheda di valutazione senza la sua scheda ({sheet}): ripristinarla da {sheet}.bak, o togliere questo file"
    )
}

pub(super) const NOT_UTF8: &str = "il file non è testo UTF-8: è danneggiato";

// A sheet brought from another computer.

pub(super) fn newer_format(format: impl Display) -> String {
    format!("la scheda è nel formato {format}, scritto da una versione più recente di Commissione")
}

// Transactions.

pub(super) fn recovered_completed(what: impl Display) -> String {
    format!("Un'operazione interrotta ({what}) era già registrata ed è stata completata.")
}

pub(super) fn recovered_undone(what: impl Display) -> String {
    format!(
        "Un'operazione interrotta ({what}) non era stata completata ed è stata annullata: l'avviso è com'era prima."
    )
}

pub(super) const LOCK_TAKEN: &str =
    "un altro programma ha preso il blocco dell'avviso: questa modifica non è stata scritta";

pub(super) fn intent_unreadable(intent: impl Display) -> String {
    format!("{intent}: il file dell'operazione in corso non è leggibile: controllarlo a mano")
}

// Simulated faults (for the tests of crashes): `step` names the step of a
// write at which the program stops.

pub(super) fn paused_at(step: &str) -> String {
    format!("in pausa al passo «{step}»")
}

pub(super) fn killed_at(step: &str) -> String {
    format!("guasto simulato: processo terminato al passo «{step}»")
}
