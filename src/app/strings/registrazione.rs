//! Registering an application by hand, correcting it, removing one registered by mistake.

pub const REGISTER_APPLICATION: &str = "Registra una candidatura…";
pub const REGISTER_APPLICATION_HINT: &str =
    "Una candidatura ricevuta per PEC o a mano, registrata con il suo protocollo.";
pub const REGISTER_TITLE: &str = "Registrare una candidatura ricevuta";
pub const REGISTER_HINT: &str = "I dati della PEC e della domanda: protocollo, data e ora di ricezione, lotto, titolo, soggetto proponente e, per un'ATS, i partner. Il piano finanziario e i documenti si inseriscono subito dopo, nella pagina della candidatura.";
pub const REGISTER_AFTER: &str = "Dopo la registrazione si apre la pagina della candidatura: piano finanziario (con i controlli del co-finanziamento mentre si scrive), documenti, dati dichiarati.";
pub const REGISTER: &str = "Registra la candidatura";
pub const PROTOCOL: &str = "Protocollo";
pub const RECEIVED_AT: &str = "Ricevuta il";
pub const RECEIVED_HINT: &str =
    "Data e ora della PEC, con i secondi se servono: 02/03/2026 10:15 oppure 05/03/2026 12:00:30.";
pub const APPLICATION_TITLE: &str = "Titolo della proposta";
pub const SUMMARY: &str = "Sintesi";
pub const LEAD: &str = "capofila";
pub const ADD_PARTNER: &str = "Aggiungi un partner (ATS)";
pub const NEW_PARTNER: &str = "Nuovo partner";
pub const PROTOCOL_NEEDED: &str = "Manca il numero di protocollo.";
pub const LOT_NEEDED: &str = "Manca il lotto.";
pub const TITLE_NEEDED: &str = "Manca il titolo della proposta.";
pub const APPLICANT_NEEDED: &str = "Manca la denominazione del soggetto proponente.";
pub const PARTNER_NEEDS_NAME: &str = "Un partner è senza denominazione.";
pub const OTHER_FORM: &str = "altra forma (da scrivere)";
pub const OTHER_FORM_TEXT: &str = "Quale forma";
pub const APPLICATION_DATA: &str = "Dati della candidatura";
pub const DECLARED: &str = "Dati dichiarati";
pub const DECLARED_HINT: &str = "Quello che la candidatura dichiara per i criteri tabellari e per le misure calcolate dai suoi dati.";
pub const REMOVE_APPLICATION: &str = "Rimuovi la candidatura (registrata per errore)…";
pub const REMOVE_EXPLAIN: &str = "Solo per una candidatura registrata per errore (due volte, o destinata a un altro avviso): esce dall'avviso, il suo file resta e la rimozione, con la motivazione, è riportata nel registro e nel prossimo verbale. Una candidatura non ammissibile si esclude nella vista Ammissibilità.";
pub const REMOVE_REASON: &str = "Motivazione";
pub const REMOVE_CONFIRM: &str = "Rimuovi la candidatura";

pub fn protocol_taken(protocol: &str, existing: &str) -> String {
    if protocol == existing {
        format!("Il protocollo {protocol} è già registrato.")
    } else {
        format!(
            "Il protocollo {protocol} è lo stesso numero di {existing}, già registrato (scritto in un altro modo)."
        )
    }
}

pub fn received_error(why: &str) -> String {
    format!("Data e ora di ricezione: {why}")
}

pub fn received_late(deadline: &str) -> String {
    format!("Ricevuta dopo il termine ({deadline}): ne sarà proposta l'esclusione.")
}

pub fn tax_code_problem(why: &str) -> String {
    format!(
        "{}. Si può registrare com'è scritto nella domanda: il controllo di ammissibilità lo segnalerà.",
        crate::italian::capitalized(why)
    )
}

pub fn party_field(field: &str, whose: &str) -> String {
    format!("{field} del {whose}")
}

pub fn partner_heading(n: usize) -> String {
    format!("Partner n. {n} dell'ATS")
}

pub fn partner_whose(n: usize) -> String {
    format!("partner {n}")
}

pub fn partner_remove(n: usize) -> String {
    format!("Togli il partner n. {n}")
}

pub fn app_field(field: &str, protocol: &str) -> String {
    format!("{field}, candidatura {protocol}")
}

pub fn app_party_field(field: &str, whose: &str, protocol: &str) -> String {
    format!("{field} del {whose}, candidatura {protocol}")
}

// The import template.

pub const IMPORT_TEMPLATE: &str = "Modello da compilare";
pub const IMPORT_TEMPLATE_DOWNLOAD: &str = "Scarica un modello…";
pub const IMPORT_TEMPLATE_SAVE: &str = "Salva il modello qui";
pub const IMPORT_TEMPLATE_PATH_HINT: &str = "oppure il percorso: ~/Documenti/modello.xlsx";
pub const IMPORT_TEMPLATE_HINT: &str = "Un foglio di calcolo (XLSX o ODS) con i tre fogli che l'importazione legge, le loro colonne esatte, le istruzioni e gli elenchi a tendina dei lotti di questo avviso, delle forme giuridiche e dei tipi di co-finanziamento.";
pub const IMPORT_TEMPLATE_DIALOG: &str = "Salva il modello per l'importazione";
pub const IMPORT_TEMPLATE_NAME: &str = "modello-candidature.xlsx";
pub const IMPORT_TEMPLATE_FILTER: &str = "Foglio di calcolo";

pub fn import_template_saved(path: &str) -> String {
    format!("Modello per l'importazione salvato in {path}.")
}

pub fn import_template_failed(path: &str, why: &str) -> String {
    format!("Il modello non è stato salvato in {path}: {why}")
}
