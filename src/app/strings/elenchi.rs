//! The lists of a large call: filters, the application picker, the score matrix's columns and
//! the summary of the lots.

// Filters.

pub const SEARCH_APPLICANT_HINT: &str = "protocollo o soggetto";
pub const ONLY_UNFINISHED: &str = "Solo quelle da finire";

// The application picker of the score sheet.

pub const NEXT_TO_SCORE: &str = "Prossima da valutare";
pub const NEXT_TO_SCORE_HINT: &str =
    "La prima candidatura dopo questa, nell'ordine dell'elenco, che la scheda non ha finito.";
pub const NOTHING_LEFT_TO_SCORE: &str = "Nell'elenco non resta nulla da valutare.";
pub const PICKER_SEARCH: &str = "Cerca una candidatura";
pub const PICKER_NO_MATCH: &str = "Nessuna candidatura corrisponde.";
pub const OUT_OF_FILTERS: &str = "fuori dai filtri";

// The score matrix.

pub const ALL_CRITERIA: &str = "Tutti i criteri";
pub const MATRIX_SIDEWAYS: &str = "Protocollo e soggetto restano fermi; i criteri scorrono di lato (la barra sotto le intestazioni, o Maiusc + rotellina).";

// The summary of the lots.

pub const TAB_ALL_LOTS: &str = "Riepilogo dei lotti";
pub const COL_APPLICATIONS: &str = "Candidature";
pub const COL_ADMITTED: &str = "Ammesse";
pub const COL_RANKED: &str = "In graduatoria";
pub const COL_FUNDED: &str = "Finanziate";
pub const COL_BUDGET: &str = "Risorse";
pub const COL_ALLOCATED: &str = "Assegnate";
pub const COL_REMAINING: &str = "Residue";
pub const LOTS_NOTE: &str = "Risorse: la dotazione del lotto al netto della quota riservata al Comune. Finanziate: anche in parte (o selezionate, nei lotti a un solo soggetto).";

/// A criterion in the matrix's filter: its id and title.
pub fn criterion_choice(id: &str, title: &str) -> String {
    format!("{id} · {title}")
}
