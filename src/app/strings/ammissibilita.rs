//! The Ammissibilità view.

use super::plural;

// Ammissibilità.

pub const ONLY_UNDECIDED: &str = "Solo quelle senza decisione";
pub const AUTOMATIC_CHECKS: &str = "Controlli automatici";
pub const CHECKS_PROPOSE: &str =
    "I controlli propongono; decide la commissione, e la sua decisione prevale.";
pub const DECISION: &str = "Decisione della commissione";
pub const NO_DECISION: &str = "Nessuna decisione registrata: vale la proposta dei controlli.";
pub const DECIDE_ADMITTED: &str = "Ammessa";
pub const DECIDE_RESERVE: &str = "Ammessa con riserva";
pub const DECIDE_EXCLUDED: &str = "Esclusa";
pub const WITHDRAW_DECISION: &str = "Ritira la decisione";
pub const DECISION_REASON: &str = "Motivazione della decisione";
pub const DECISION_REASON_REQUIRED: &str = "Motivazione (obbligatoria):";
pub const DECISION_REASON_OPTIONAL: &str = "Motivazione (facoltativa):";
pub const DECISION_REASON_HINT: &str =
    "per esempio: co-finanziamento inferiore al minimo dell'art. 6";
pub const DECISION_KEYS: &str =
    "Invio registra la decisione · Maiusc+Invio va a capo · Esc lascia il campo";
pub const DECISION_NEEDS_REASON: &str = "La motivazione è obbligatoria per escludere o ammettere con riserva: la decisione sarà registrata quando è scritta.";
pub const DECISION_REASON_REQUIRED_FAILING: &str =
    "Motivazione (obbligatoria: la candidatura non supera alcune verifiche):";
pub const ADMISSION_NEEDS_REASON: &str = "La candidatura non supera alcune verifiche: per ammetterla la motivazione è obbligatoria, e il verbale la riporta. La decisione sarà registrata quando è scritta.";
pub const RECEIVED_ON_MISSING: &str =
    "Indicare la data in cui il documento è pervenuto (per esempio 16/03/2026).";
pub const RECORD_LATE_INTEGRATION: &str = "Registra l'integrazione tardiva";
pub const DECISION_NO_SESSION: &str =
    "Non c'è una seduta aperta: la decisione non sarà attribuita a una seduta.";
pub const SOCCORSO: &str = "Soccorso istruttorio";
pub const SOCCORSO_HINT: &str = "Per un documento mancante si può chiedere l'integrazione con un termine: intanto la candidatura risulta ammessa con riserva.";
pub const SOCCORSO_DEADLINE: &str = "Termine per l'integrazione";
pub const REQUEST_INTEGRATION: &str = "Richiedi l'integrazione";
pub const RECEIVED_ON: &str = "Ricevuto il";
pub const MARK_INTEGRATED: &str = "Segna come integrato";
pub const DEADLINE_IN_PAST: &str = "Il termine non può essere anteriore a oggi.";

pub fn for_document(action: &str, document: &str) -> String {
    format!("{action}: {document}")
}

pub fn undecided_count(n: usize) -> String {
    match n {
        0 => "Tutte le candidature hanno una decisione.".into(),
        n => format!(
            "{} senza decisione della commissione.",
            plural(n, "candidatura", "candidature")
        ),
    }
}

pub fn failed_checks(n: usize) -> String {
    plural(n, "controllo non superato", "controlli non superati")
}

pub fn decision_recorded(outcome: &str) -> String {
    format!("Decisione registrata: {outcome}.")
}

pub fn late_integration(received: &str, deadline: &str) -> String {
    format!(
        "Attenzione: il documento è pervenuto il {received}, dopo il termine del {deadline}. L'integrazione tardiva non sana la carenza e il verbale la riporta come pervenuta oltre il termine. Registrarla comunque?"
    )
}

pub fn decision_session(number: u32, date: &str) -> String {
    format!("Nella seduta n. {number} del {date}.")
}
