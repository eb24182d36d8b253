//! The Avviso view: the call, its rules and criteria.

use crate::domain::CapBase;

// Avviso.

pub const CALL_READ_ONLY: &str = "L'avviso è in sola lettura.";
pub const CALL_READ_ONLY_MEMBER: &str = "Solo la segreteria può correggere l'avviso.";
pub const CALL_GENERAL: &str = "Dati dell'avviso";
pub const CALL_AUTHORITY: &str = "Ente";
pub const CALL_OFFICE: &str = "Ufficio";
pub const CALL_TITLE: &str = "Titolo";
pub const CALL_CUP: &str = "CUP";
pub const CALL_RUP: &str = "Responsabile del procedimento";
pub const CALL_PUBLISHED: &str = "Pubblicato il";
pub const CALL_DEADLINE: &str = "Termine di presentazione";
pub const CALL_LOTS: &str = "Lotti";
pub const CALL_FUNDING: &str = "Regole di finanziamento";
pub const RULE_BALANCE: &str = "Il piano finanziario deve quadrare: contributo richiesto + co-finanziamento = costo complessivo.";
pub const RULE_LOT_CAP: &str = "Il contributo richiesto non può superare il tetto del lotto.";
pub const CALL_CRITERIA: &str = "Criteri di valutazione";
pub const METHOD_COEFFICIENT: &str = "giudizio discrezionale: coefficiente dalla scala di giudizio";
pub const METHOD_SUBCRITERIA: &str = "somma dei sub-criteri";
pub const MEASURE_COFINANCING: &str = "quota di co-finanziamento";
pub const MEASURE_COFINANCING_ABOVE: &str = "quota di co-finanziamento oltre il minimo";
pub const RESCALE_TOTALS: &str = "I totali sono riparametrati una seconda volta.";
pub const COLLEGIAL_MARK_RULE: &str = "Punteggio collegiale: per ogni criterio discrezionale conta il giudizio della commissione; i giudizi dei componenti sono riportati nel verbale.";
pub const TIE_BREAK_EARLIER: &str = "presentazione anteriore";
pub const TIE_BREAK_LOWER_REQUESTED: &str = "contributo richiesto minore";
pub const CALL_SCALE: &str = "Scala di giudizio";
pub const CALL_DOCUMENTS: &str = "Documenti richiesti";
pub const CALL_LEGAL_FORMS: &str = "Forme giuridiche ammesse";
pub const ANY_LEGAL_FORM: &str = "Qualsiasi forma giuridica.";
pub const INFORMAL_ALLOWED: &str = "Sono ammessi i gruppi informali.";
pub const INFORMAL_NOT_ALLOWED: &str = "Non sono ammessi i gruppi informali.";
pub const CALL_COMMISSION: &str = "Commissione di valutazione";

pub fn lot_figures(budget: &str, reserved: &str, ceiling: &str) -> String {
    format!(
        "Risorse {budget} · quota riservata al Comune {reserved} · tetto dei contributi {ceiling}"
    )
}

pub fn lot_allocation(mode: &str) -> String {
    format!("Assegnazione: {mode}.")
}

pub fn rule_min_cofinancing(share: &str) -> String {
    format!("Co-finanziamento di almeno il {share} del costo complessivo.")
}

pub fn rule_max_contribution(share: &str) -> String {
    format!("Contributo richiesto al massimo del {share} del costo complessivo.")
}

pub fn rule_project_cap(amount: &str) -> String {
    format!("Contributo richiesto al massimo di {amount} per progetto.")
}

pub fn rule_in_kind(share: &str) -> String {
    format!("Co-finanziamento in natura al massimo del {share} del co-finanziamento.")
}

pub fn rule_category_cap(name: &str, share: &str, of: CapBase) -> String {
    let base = match of {
        CapBase::Total => "del costo complessivo",
        CapBase::DirectCosts => "dei costi diretti (le altre voci)",
    };
    format!("La voce «{name}» al massimo del {share} {base}.")
}

pub fn method_points(step: Option<&str>) -> String {
    match step {
        Some(step) => format!("giudizio discrezionale: punti da 0 al massimo, a passi di {step}"),
        None => "giudizio discrezionale: punti da 0 al massimo".into(),
    }
}

pub fn method_linear(measure: String) -> String {
    format!("calcolato: {measure}, in proporzione alla migliore del lotto")
}

pub fn measure_declared(unit: &str) -> String {
    format!("valore dichiarato ({unit})")
}

pub fn method_levels(levels: &str) -> String {
    format!("tabellare: {levels}")
}

pub fn overall_min(points: &str) -> String {
    format!("Soglia di sbarramento sul totale: {points} punti (prima della riparametrazione).")
}

pub fn max_total(points: &str) -> String {
    format!("Punteggio massimo: {points} punti.")
}

pub fn decimals(n: u32) -> String {
    format!("I punti di ogni criterio si arrotondano a {n} decimali.")
}

pub fn tie_break_criterion(id: &str) -> String {
    format!("più punti sul criterio {id}")
}

pub fn tie_breaks(list: &str) -> String {
    format!("A parità di punteggio: {list}; poi il sorteggio in seduta pubblica.")
}

pub fn judgement(label: &str, coefficient: &str) -> String {
    format!("{label} {coefficient}")
}

pub fn discordance_gap(share: &str) -> String {
    format!(
        "Sono segnalati come discordanti i giudizi che differiscono più del {share} del massimo del criterio."
    )
}

pub const INDEPENDENT_JUDGEMENT: &str = "Giudizio indipendente: ogni componente vede i giudizi degli altri su una candidatura solo dopo aver dato il proprio";
pub const INDEPENDENT_JUDGEMENT_HINT: &str =
    "La segreteria e la consultazione vedono sempre tutti i giudizi.";
