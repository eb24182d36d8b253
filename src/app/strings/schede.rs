//! Score sheets that travel: export, import, two versions side by side.

use super::plural;

pub const TAB_SHEETS: &str = "Schede";
pub const SHEETS_TITLE: &str = "Schede di valutazione";
pub const SHEETS_MEMBER_HINT: &str = "Chi valuta sul proprio computer esporta la scheda in un file (per esempio su una chiavetta USB) e la consegna alla segreteria, che la importa. Il file dice a quale avviso appartiene, quale revisione è e porta l'impronta del suo contenuto: una copia vecchia, di un altro avviso o modificata a mano viene rifiutata.";
pub const SHEETS_SECRETARIAT_HINT: &str = "Le schede dei componenti: ciascuna si esporta in un file da portare su un altro computer; la scheda consegnata da un componente si importa qui.";
pub const EXPORT_MY_SHEET: &str = "Esporta la mia scheda";
pub const EXPORT_SHEET_HINT: &str = "Scrive la scheda in un file da consegnare alla segreteria.";
pub const IMPORT_SHEET: &str = "Importa una scheda";
pub const IMPORT_SHEET_HINT: &str =
    "La scheda esportata da un componente sul proprio computer (file .ron).";
pub const PICK_FILE: &str = "Scegli il file…";
pub const OPEN_PATH: &str = "oppure il percorso del file";
pub const SHEET_PATH: &str = "oppure il percorso della scheda";
pub const IMPORT_HERE: &str = "Importa";
pub const OPEN_DIALOG_NOTHING: &str = "Nessun file scelto. Se la finestra di scelta non si è aperta, scrivere il percorso del file nel campo accanto al pulsante.";
pub const SHEET_DIALOG_TITLE: &str = "Scheda di valutazione";
pub const SHEET_FILTER: &str = "Scheda di valutazione";
pub const COL_MEMBER: &str = "Componente";
pub const COL_REVISION: &str = "Revisione";
pub const COL_SCORES: &str = "Giudizi";
pub const NO_SHEET_YET: &str = "nessuna scheda";
pub const IMPORT_SCORES: &str = "Importa punteggi da foglio di calcolo…";
pub const IMPORT_SCORES_HINT: &str = "I giudizi di uno o più componenti da un file CSV, XLSX o ODS (una riga per componente, candidatura e criterio), con un'anteprima prima di scrivere.";

pub const VERSIONS_TITLE: &str = "Due versioni della stessa scheda";
pub const VERSIONS_HELD: &str = "Presente nell'avviso";
pub const VERSIONS_INCOMING: &str = "Nel file importato";
pub const VERSIONS_ONLY_DIFFERENT: &str = "Solo le differenze";
pub const KEEP_HELD: &str = "Tieni quella presente";
pub const KEEP_INCOMING: &str = "Tieni quella importata";
pub const KEEP_INCOMING_HINT: &str = "La scheda del file sostituisce quella presente: la modifica è salvata e registrata nel registro come ogni altra, e si può annullare con Ctrl+Z.";
pub const COL_APPLICATION: &str = "Candidatura";
pub const COL_CRITERION: &str = "Criterio";
pub const COL_HELD: &str = "Presente";
pub const COL_INCOMING: &str = "Importata";
pub const DECLARATION: &str = "dichiarazione";
pub const NOT_SCORED: &str = "—";
pub const DATE_UNKNOWN: &str = "data non nota";

pub fn export_sheet_of(name: &str) -> String {
    format!("Esporta la scheda di {name}")
}

pub fn sheet_file_name(member: &str) -> String {
    format!("scheda-{member}.ron")
}

pub fn sheet_summary(revision: u32, scores: usize, declarations: usize) -> String {
    format!(
        "revisione {revision}: {}, {}",
        plural(scores, "giudizio", "giudizi"),
        plural(declarations, "dichiarazione", "dichiarazioni")
    )
}

pub fn no_sheet_to_export(name: &str) -> String {
    format!(
        "{name} non ha ancora una scheda di valutazione da esportare: nessun giudizio è stato dato."
    )
}

pub fn sheet_exported(name: &str, revision: u32, scores: usize, path: &str) -> String {
    format!(
        "Scheda di {name} (revisione {revision}, {}) esportata in {path}",
        plural(scores, "giudizio", "giudizi")
    )
}

pub fn sheet_imported(name: &str, revision: u32, scores: usize) -> String {
    format!(
        "Scheda di {name} importata: revisione {revision}, {}.",
        plural(scores, "giudizio", "giudizi")
    )
}

pub fn sheet_refused(file: &str, why: &str) -> String {
    format!("{file}: {why}. Non è stato scritto nulla.")
}

pub fn sheet_unchanged(file: &str, why: &str) -> String {
    format!("{file}: {why}")
}

pub fn cannot_read(path: &str, error: &str) -> String {
    format!("Impossibile leggere {path}: {error}")
}

pub fn versions_intro(name: &str, revision: u32, file: &str) -> String {
    format!(
        "Il file {file} contiene una scheda di {name} con la stessa revisione {revision} di quella presente, ma con un contenuto diverso: nessuna delle due è semplicemente più recente. Scegliere quale tenere."
    )
}

pub fn version_of(revision: u32, date: &str) -> String {
    format!("revisione {revision}, salvata il {date}")
}

pub fn differences(n: usize) -> String {
    match n {
        0 => "Le due versioni non differiscono in nessun giudizio.".into(),
        n => format!(
            "{} tra le due versioni.",
            plural(n, "differenza", "differenze")
        ),
    }
}

pub fn kept_held(name: &str) -> String {
    format!("Tenuta la scheda di {name} già presente: il file non è stato importato.")
}

pub fn kept_incoming(name: &str, revision: u32) -> String {
    format!("Tenuta la scheda di {name} del file (ora revisione {revision}).")
}

/// A score in the side-by-side view: "0,8 — Proposta chiara".
pub fn score_with_reason(value: &str, reason: &str) -> String {
    format!("{value} — {reason}")
}

pub fn conflict_declared(kind: &str, note: &str) -> String {
    if note.is_empty() {
        format!("conflitto di interessi: {kind}")
    } else {
        format!("conflitto di interessi: {kind} ({note})")
    }
}
