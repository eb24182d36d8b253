//! Closing a session, its seal, and the amendments (rettifiche) made in a later session.

use super::plural;

pub const CLOSE_SESSION: &str = "Chiudi la seduta…";
pub const CLOSE_SESSION_HINT: &str =
    "Sigilla il verbale della seduta: dopo, ciò che ha fissato cambia solo con una rettifica.";
pub const CLOSE_SESSION_CONFIRM: &str = "Chiudi la seduta";
pub const CLOSE_SESSION_EXPLAIN: &str = "Chiudendo la seduta il verbale viene sigillato: il programma conserva ciò che il verbale riporta così com'è ora e ne calcola l'impronta (SHA-256), stampata su ogni pagina del verbale. La seduta non si potrà più modificare né riaprire.";
pub const CLOSE_SESSION_FIXES: &str = "Ciò che la seduta fissa — i dati delle candidature, le decisioni sull'ammissibilità, le dichiarazioni dei componenti, i punteggi con le loro motivazioni — da quel momento si potrà cambiare solo con una rettifica motivata, registrata in una seduta successiva e riportata nel suo verbale.";
pub const CLOSE_SESSION_FINAL: &str = "La chiusura non si annulla con Ctrl+Z.";
pub const CLOSE_SESSION_NEEDS_END: &str =
    "Prima di chiudere, indicare l'ora di fine della seduta: il verbale la riporta.";
pub const CLOSE_SESSION_UNREADABLE: &str = "La seduta non si può chiudere: questi file dell'avviso non si leggono o non sono coerenti, e il verbale con il suo sigillo li lascerebbe fuori senza dirlo. Correggerli (commissione check li elenca), poi riaprire l'avviso.";
pub const CLOSE_PENDING_CONFIRM: &str =
    "Chiudo la seduta con queste candidature in sospeso: il verbale le elenca";
pub const MINUTES_KEPT: &str =
    "Il verbale è quello conservato alla chiusura della seduta, con il suo sigillo.";
pub const SESSION_AMENDMENTS: &str = "Rettifiche";
pub const SESSION_AMENDMENTS_HINT: &str = "Modifiche a ciò che sedute già chiuse avevano fissato, registrate in questa seduta con la loro motivazione: il verbale le riporta.";
pub const AMEND_REASON: &str = "Motivazione della rettifica";
pub const AMEND_REASON_HINT: &str =
    "per esempio: errore materiale di trascrizione del giudizio, rilevato in seduta";
pub const AMEND_CONFIRM: &str = "Registra la rettifica";
pub const AMEND_REASON_REQUIRED: &str = "La motivazione è obbligatoria: il verbale la riporta.";
pub const AMEND_DISMISS: &str = "Lascia com'è";
pub const AMEND_NEEDS_SESSION: &str = "Per cambiarlo con una rettifica, creare prima una nuova seduta (vista Sedute): la rettifica si registra in una seduta aperta, successiva a quella chiusa.";

pub fn session_closed(number: u32) -> String {
    format!("Seduta n. {number} chiusa: il verbale è sigillato.")
}

pub fn closing_session_title(number: u32) -> String {
    format!("Chiusura della seduta n. {number} in corso…")
}

pub const CLOSING_SESSION_WAIT: &str = "Il programma scrive il verbale sigillato e conserva ciò che riporta: su un avviso con migliaia di candidature richiede fino a un minuto, e nel frattempo non si può fare altro. Non chiudere il programma: se venisse chiuso prima della fine, riaprendo l'avviso la seduta risulterebbe aperta come prima, oppure chiusa per intero, mai a metà.";
pub const CLOSING_SESSION_NOT_NOW: &str =
    "La chiusura della seduta è in corso: il programma si può chiudere appena è finita.";
pub const CLOSING_SESSION_FAILED: &str = "La chiusura della seduta si è interrotta per un errore interno: l'avviso è stato riletto dai suoi file, dove la seduta è chiusa per intero oppure ancora aperta.";

pub fn close_session_title(number: u32) -> String {
    format!("Chiudere la seduta n. {number}?")
}

pub fn close_pending_title(n: usize) -> String {
    match n {
        1 => "Una candidatura è ancora in sospeso (senza decisione sull'ammissibilità o non valutata da tutti):".to_string(),
        n => format!("{n} candidature sono ancora in sospeso (senza decisione sull'ammissibilità o non valutate da tutti):"),
    }
}

pub fn session_fixed(n: usize) -> String {
    format!(
        "Ciò che la seduta ha fissato ({})",
        plural(n, "elemento", "elementi")
    )
}

pub fn amended_session(number: u32, date: &str) -> String {
    format!("seduta n. {number} del {date}")
}

/// "1. Rettifica alla seduta n. 1 del 10/03/2026: i punteggi di m2 sulla candidatura P1".
pub fn amendment(n: usize, closed: &str, change: &str) -> String {
    format!("{n}. Rettifica alla {closed}: {change}")
}

pub fn amendment_reason(reason: &str) -> String {
    format!("Motivazione: {reason}")
}

/// The button beside a refusal.
pub fn amend_in(number: u32) -> String {
    format!("Rettifica nella seduta n. {number}…")
}

pub fn amend_title(number: u32) -> String {
    format!("Rettifica nella seduta n. {number}")
}

pub fn amend_explain(number: u32) -> String {
    format!(
        "La modifica viene registrata come rettifica nella seduta n. {number}, con la sua motivazione, e il verbale di quella seduta la riporta. Il verbale della seduta chiusa resta com'era."
    )
}

pub fn amended(number: u32) -> String {
    format!("Rettifica registrata nella seduta n. {number}.")
}

/// What an amendment changes, in the dialog that asks its reason.
pub fn amend_score(
    member: &str,
    application: &str,
    criterion: &str,
    value: &str,
    reason: &str,
) -> String {
    if reason.is_empty() {
        format!(
            "Nuovo giudizio di {member} sulla candidatura {application}, criterio {criterion}: {value}."
        )
    } else {
        format!(
            "Nuovo giudizio di {member} sulla candidatura {application}, criterio {criterion}: {value}, con la motivazione «{reason}»."
        )
    }
}

pub fn amend_score_removed(member: &str, application: &str, criterion: &str) -> String {
    format!(
        "Si toglie il giudizio di {member} sulla candidatura {application}, criterio {criterion}."
    )
}

pub fn amend_declaration(member: &str, application: &str) -> String {
    format!("Si cambia la dichiarazione di {member} sulla candidatura {application}.")
}

pub fn amend_decision(application: &str) -> String {
    format!("Si cambia la decisione sull'ammissibilità della candidatura {application}.")
}

pub fn amend_document(document: &str, application: &str) -> String {
    format!("Si cambia lo stato del documento «{document}» della candidatura {application}.")
}

pub fn amend_application(application: &str) -> String {
    format!("Si cambiano i dati della candidatura {application}.")
}

pub fn amend_sheet(member: &str) -> String {
    format!("Si sostituisce la scheda di valutazione di {member}.")
}
