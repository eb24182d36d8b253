//! The Graduatoria view and its exports.

// Graduatoria.

pub const NO_LOTS: &str = "L'avviso non ha lotti.";
pub const RANKING_PROVISIONAL: &str =
    "Graduatoria provvisoria: alcune candidature ammesse non sono ancora state valutate da tutti.";
pub const RANKING_HALTED: &str = "L'assegnazione è ferma a una parità da sorteggiare in seduta pubblica: le candidature successive sono in attesa.";
pub const BELOW_OVERALL: &str = "sotto la soglia di sbarramento sul totale";
pub const GAP_NOBODY: &str = "nessun componente può valutarla";
pub const GAP_NOT_DECLARED: &str = "manca un dato dichiarato dalla candidatura";
pub const GAP_NO_COLLEGIAL_MARK: &str =
    "manca il giudizio collegiale (Valutazione → Giudizio collegiale)";
pub const TAB_RANKING: &str = "Tabella";
pub const TAB_CHARTS: &str = "Grafici";
pub const COL_NOTE: &str = "Note";
pub const CHART_TOTALS: &str = "Punteggi totali per criterio";
pub const CHART_POINTS: &str = "punti";
pub const CHART_FUNDS: &str = "Risorse assegnate";
pub const CHART_EURO: &str = "euro";

pub const EXPORT_SPREADSHEET: &str = "Esporta in un foglio di calcolo";
pub const EXPORT_SPREADSHEET_HINT: &str = "La graduatoria e la matrice dei punteggi di tutti i lotti, per Excel o LibreOffice: .xlsx, .ods o .csv (solo la graduatoria).";
pub const SAVE_AS: &str = "Scegli dove salvare…";
pub const SAVE_PATH: &str = "oppure il percorso del file";
pub const SAVE_HERE: &str = "Esporta";
pub const SAVE_DIALOG_TITLE: &str = "Salva la graduatoria";
pub const SAVE_DIALOG_NOTHING: &str = "Nessun file scelto. Se la finestra di scelta non si è aperta, scrivere il percorso del file nel campo accanto al pulsante.";
pub const SPREADSHEET_NAME: &str = "graduatoria.xlsx";
pub const SPREADSHEET_FILTER: &str = "Foglio di calcolo";
pub const EXPORT_BUSY: &str = "Un'altra esportazione è in corso: attendere che finisca.";

pub const LEFT_OUT_HINT: &str = "Finché questi file non sono corretti (commissione check li elenca), la graduatoria non li comprende e nessuna seduta si può chiudere: il sigillo lascerebbe fuori ciò che contengono.";

/// The heading over the ranking when files could not be read.
pub fn left_out_heading(applications: usize, other_files: usize) -> String {
    let others = match other_files {
        0 => String::new(),
        1 => " Anche un altro file dell'avviso non si legge.".to_string(),
        n => format!(" Anche altri {n} file dell'avviso non si leggono."),
    };
    match applications {
        0 => format!(
            "Graduatoria incompleta: {}",
            match other_files {
                1 => "un file dell'avviso non si legge e ciò che contiene non è considerato."
                    .to_string(),
                n => format!(
                    "{n} file dell'avviso non si leggono e ciò che contengono non è considerato."
                ),
            }
        ),
        1 => format!(
            "Graduatoria incompleta: una candidatura ne resta fuori perché il suo file non si legge.{others}"
        ),
        n => format!(
            "Graduatoria incompleta: {n} candidature ne restano fuori perché i loro file non si leggono.{others}"
        ),
    }
}

pub fn spreadsheet_written(path: &str) -> String {
    format!("Graduatoria e matrice dei punteggi scritte in {path}")
}

pub fn unknown_extension(path: &str) -> String {
    format!("«{path}»: il nome del file deve finire con .xlsx, .ods o .csv")
}

pub fn chart_first(n: usize) -> String {
    format!("I primi {n} della graduatoria.")
}

pub fn funds(ceiling: &str, granted: &str, remaining: &str) -> String {
    format!("Risorse {ceiling} · assegnate {granted} · residue {remaining}")
}

pub fn tie_pending(rank: u32, list: &str) -> String {
    format!(
        "Parità al {rank}° posto tra {list}: si decide con un sorteggio in seduta pubblica (vista Sedute)."
    )
}

pub fn tie_with(with: &str) -> String {
    format!("pari merito con {with}: in attesa di sorteggio")
}

pub fn tie_drawn(with: &str, session: Option<u32>) -> String {
    match session {
        Some(n) => format!("pari merito con {with}: ordine sorteggiato nella seduta n. {n}"),
        None => format!("pari merito con {with}: ordine sorteggiato"),
    }
}

pub fn exclusion_proposed(failing: &str) -> String {
    format!("in attesa di decisione della commissione; le verifiche rilevano: {failing}")
}

pub fn below_criterion(criterion: &str) -> String {
    format!("sotto la soglia del criterio {criterion}")
}

pub fn gap_not_scored(name: &str) -> String {
    format!("manca il giudizio di {name}")
}

pub fn gap_no_reason(name: &str) -> String {
    format!("manca una motivazione di {name}")
}

pub fn chart_granted(protocol: &str, amount: &str) -> String {
    format!("{protocol}: {amount}")
}

pub fn chart_granted_others(amount: &str) -> String {
    format!("altre candidature: {amount}")
}

pub fn chart_remaining(amount: &str) -> String {
    format!("residuo: {amount}")
}
