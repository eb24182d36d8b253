//! The Candidature view, an application's page and its budget editor.

// Candidature.

pub const ALL_LOTS: &str = "Tutti i lotti";
pub const ALL_OUTCOMES: &str = "Tutti gli esiti";
pub const SEARCH: &str = "Cerca";
pub const SEARCH_HINT: &str = "protocollo, soggetto o titolo";
pub const CLEAR_FILTERS: &str = "Togli i filtri";
pub const NO_APPLICATIONS_MATCH: &str = "Nessuna candidatura corrisponde ai filtri.";
pub const SORT_HINT: &str = "Fare clic per ordinare; di nuovo per invertire l'ordine";
pub const COL_PROTOCOL: &str = "Protocollo";
pub const COL_APPLICANT: &str = "Soggetto proponente";
pub const COL_COST: &str = "Costo (C)";
pub const COL_REQUESTED: &str = "Richiesto (R)";
pub const COL_COFINANCING: &str = "Co-fin. (K)";
pub const COL_SHARE: &str = "K/C";
pub const COL_STATUS: &str = "Stato";
pub const COL_POSITION: &str = "Pos.";
pub const COL_GRANTED: &str = "Assegnato";

// An application's page.

pub const BACK_TO_LIST: &str = "« Tutte le candidature";
pub const GO_ADMISSIBILITY: &str = "Ammissibilità";
pub const GO_SCORE: &str = "Valutazione";
pub const APPLICANT: &str = "Soggetto proponente";
pub const PARTNERS: &str = "Partner";
pub const PARTY_NAME: &str = "Denominazione";
pub const PARTY_FORM: &str = "Forma giuridica";
pub const PARTY_TAX_CODE: &str = "Codice fiscale";
pub const PARTY_PEC: &str = "PEC";
pub const PARTY_REPRESENTATIVE: &str = "Legale rappresentante";
pub const PARTY_ADDRESS: &str = "Sede";
pub const DOCUMENTS: &str = "Documenti";
pub const DOC_PRESENT: &str = "presente";
pub const DOC_MISSING: &str = "mancante";
pub const DOC_NOT_APPLICABLE: &str = "non pertinente";
pub const MARK_NOT_APPLICABLE: &str = "Segna non pertinente";
pub const MARK_PRESENT: &str = "Segna presente";
pub const MARK_MISSING: &str = "Segna mancante";
pub const ADMISSIBILITY_CHECKS: &str = "Ammissibilità";
pub const SCORES: &str = "Punteggi";
pub const POINTS_BEFORE: &str = "Prima della riparametrazione";

pub fn received(lot: &str, when: &str) -> String {
    format!("Lotto: {lot} · pervenuta il {when}")
}

pub fn doc_mark(document: &str, status: &str) -> String {
    format!("Segna «{document}» come {status}")
}

pub fn doc_requested(on: &str, deadline: &str) -> String {
    format!("integrazione richiesta il {on}, entro il {deadline}")
}

pub fn doc_integrated(on: &str, in_time: bool) -> String {
    if in_time {
        format!("integrato il {on}")
    } else {
        format!("integrato il {on}, fuori termine")
    }
}

// The budget editor.

pub const BUDGET: &str = "Piano finanziario";
pub const BUDGET_LINES: &str = "Voci di costo";
pub const BUDGET_CATEGORY: &str = "Categoria";
pub const BUDGET_DESCRIPTION: &str = "Descrizione";
pub const ADD_BUDGET_LINE: &str = "+ Aggiungi una voce di costo";
pub const COFINANCING_LINES: &str = "Co-finanziamento";
pub const COFINANCING_SOURCE: &str = "Fonte";
pub const COFINANCING_KIND: &str = "Tipo";
pub const CASH: &str = "monetario";
pub const IN_KIND: &str = "in natura";
pub const ADD_COFINANCING_LINE: &str = "+ Aggiungi una quota di co-finanziamento";
pub const REMOVE_LINE: &str = "Togli la riga";
pub const COFINANCING_CHECKS: &str = "Controlli del co-finanziamento";
pub const CHECKS_FOLLOW_TYPING: &str =
    "I controlli seguono ciò che si scrive, prima ancora di salvare.";
pub const BUDGET_UNSAVED: &str = "Piano finanziario modificato: si salva con Invio, uscendo dal campo, con Ctrl+S o dopo una breve pausa.";
pub const SAVE_NOW: &str = "Salva ora";
pub const DISCARD_CHANGES: &str = "Scarta le modifiche";
pub const TOTALS_OF_SAVED: &str =
    "Alcuni importi non si leggono: i totali sono quelli del piano salvato.";

pub fn line_field(what: &str, n: usize) -> String {
    format!("{what} voce {n}")
}

pub fn cofinancing_field(what: &str, n: usize) -> String {
    format!("{what} quota {n}")
}

pub fn budget_line_needs_category(n: usize) -> String {
    format!("Voce di costo {n}: manca la categoria.")
}

pub const CATEGORY_MISSING: &str = "manca la categoria";

pub fn budget_fields_wrong(n: usize) -> String {
    format!(
        "Il piano non si salva finché {} segnat{} in rosso non {} corrett{}.",
        if n == 1 { "il campo" } else { "i campi" },
        if n == 1 { "o" } else { "i" },
        if n == 1 { "è" } else { "sono" },
        if n == 1 { "o" } else { "i" },
    )
}

pub fn amount_here(error: &str) -> String {
    format!("Importo non valido: {error}")
}

pub fn budget_line_error(n: usize, error: &str) -> String {
    format!("Voce di costo {n}: {error}.")
}

pub fn cofinancing_line_error(n: usize, error: &str) -> String {
    format!("Quota di co-finanziamento {n}: {error}.")
}

pub fn requested_error(error: &str) -> String {
    format!("Contributo richiesto: {error}.")
}

pub fn budget_other_draft(protocol: &str) -> String {
    format!(
        "Il piano finanziario della candidatura {protocol} ha modifiche non salvate: tornare a quella candidatura per completarle o scartarle."
    )
}

pub fn total_cost(amount: &str) -> String {
    format!("Costo complessivo (C): {amount}")
}

pub fn total_cofinancing(amount: &str, in_kind: &str) -> String {
    format!("Co-finanziamento (K): {amount}, di cui in natura {in_kind}")
}

pub fn total_requested(amount: &str) -> String {
    format!("Contributo richiesto (R): {amount}")
}

pub fn cofinancing_share(percent: &str) -> String {
    format!("K/C: {percent}")
}
