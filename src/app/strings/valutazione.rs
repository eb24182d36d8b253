//! The Valutazione view: the score sheet, the progress and the matrix.

use super::plural;

// Valutazione.

pub const TAB_SHEET: &str = "Scheda di valutazione";
pub const TAB_PROGRESS: &str = "Avanzamento";
pub const TAB_MATRIX: &str = "Matrice dei punteggi";
pub const SHEET_OF: &str = "Scheda di";
pub const SECRETARIAT_TRANSCRIBES: &str =
    "La segreteria trascrive la scheda del componente scelto.";
pub const NO_VOTING_MEMBERS: &str = "La commissione non ha componenti che votano.";
pub const NO_ADMITTED: &str = "Non ci sono candidature ammesse da valutare.";
pub const MARK_DONE: &str = "valutata";
pub const MARK_TODO: &str = "da valutare";
pub const MARK_ABSTAINED: &str = "astensione";
pub const CONFLICT: &str = "Conflitto di interessi:";
pub const CONFLICT_KIND: &str = "Tipo di conflitto";
pub const APPLICATION_PICK: &str = "Candidatura da valutare";
pub const NOT_DECLARED: &str = "non ancora dichiarato";
pub const NO_CONFLICT: &str = "nessun conflitto";
pub const DECLARE_NO_CONFLICT: &str = "Dichiaro di non avere conflitti";
pub const DECLARE_CONFLICT: &str = "Dichiaro un conflitto di interessi";
pub const DECLARE_CONFLICT_HINT: &str = "Chi dichiara un conflitto si astiene: i suoi punteggi su questa candidatura vengono cancellati.";
pub const WITHDRAW_DECLARATION: &str = "Ritira la dichiarazione";
pub const WITHDRAW_CONFLICT: &str = "Ritira la dichiarazione di conflitto…";
pub const WITHDRAW_CONFLICT_TITLE: &str = "Ritirare la dichiarazione di conflitto di interessi?";
pub const WITHDRAW_CONFLICT_REASON: &str = "Motivazione del ritiro (obbligatoria)";
pub const WITHDRAW_CONFLICT_HINT: &str =
    "per esempio: la collaborazione indicata si è conclusa prima della pubblicazione dell'avviso";
pub const WITHDRAW_CONFLICT_NEEDS_REASON: &str =
    "Scrivere la motivazione: il ritiro si registra solo con essa.";
pub const WITHDRAW_CONFLICT_CONFIRM: &str = "Ritira la dichiarazione di conflitto";
pub const YOU_ABSTAIN: &str =
    "Hai dichiarato un conflitto di interessi: ti astieni e non puoi valutare questa candidatura.";
pub const RESCALED: &str = "riparametrato";
pub const REASON: &str = "Motivazione (obbligatoria):";
pub const REASON_HINT: &str = "perché questo giudizio";
pub const REASON_MISSING: &str =
    "Manca la motivazione: il giudizio non conta finché non è scritta.";
pub const REASON_WAITS_FOR_JUDGEMENT: &str =
    "Scegliere il giudizio: la motivazione sarà salvata insieme a esso.";
pub const CLEAR_SCORE: &str = "Cancella il giudizio";
pub const SUBTOTAL_NOTE: &str = "Il subtotale è la somma dei tuoi giudizi (coefficiente × massimo) e dei criteri calcolati, prima della media tra i componenti e della riparametrazione.";
pub const SUBTOTAL_NOTE_COLLEGIAL: &str = "Il subtotale è la somma dei tuoi giudizi (coefficiente × massimo) e dei criteri calcolati. L'avviso prevede il punteggio collegiale: i tuoi giudizi sono riportati nel verbale, ma per i punti conta il giudizio che la commissione dà collegialmente in seduta.";
pub const SCORING_KEYS: &str = "Tastiera. Frecce su e giù: scelgono il criterio (bordo evidenziato). Tasti da 1 a 9: danno il giudizio con quel numero. Invio: apre la motivazione; Invio di nuovo la salva, Maiusc+Invio va a capo. Esc: torna alla scheda. Frecce sinistra e destra, o PagSu e PagGiù: candidatura precedente e successiva. Tab e Maiusc+Tab: campo successivo e precedente; Spazio preme il pulsante scelto.";
pub const FIELD_REQUIRED: &str = "Il campo non può restare vuoto.";

pub fn withdraw_conflict_explain(member: &str, application: &str) -> String {
    format!(
        "{member} ha dichiarato un conflitto di interessi sulla candidatura {application} e si astiene dalla sua valutazione. Ritirando la dichiarazione potrà valutarla: il ritiro, con la sua motivazione, è registrato nel registro delle modifiche e riportato nel verbale della seduta."
    )
}

pub fn sheet_of(name: &str) -> String {
    format!("Scheda di {name}")
}

pub fn progress_short(done: usize, total: usize) -> String {
    format!("{done}/{total} candidature valutate")
}

pub fn conflict(kind: &str) -> String {
    format!("conflitto ({kind})")
}

pub fn member_abstains(name: &str) -> String {
    format!("{name} ha dichiarato un conflitto di interessi e si astiene su questa candidatura.")
}

pub fn max_points(points: &str) -> String {
    format!("max {points} punti")
}

pub fn threshold(points: &str) -> String {
    format!("soglia {points}")
}

pub fn automatic(points: &str, max: &str) -> String {
    format!("calcolato dai dati della candidatura: {points} su {max} punti")
}

pub fn points_field(criterion: &str) -> String {
    format!("Punti, criterio {criterion}")
}

pub fn points_range(max: &str, step: Option<&str>) -> String {
    match step {
        Some(step) => format!("Punti (da 0 a {max}, a passi di {step}):"),
        None => format!("Punti (da 0 a {max}):"),
    }
}

pub fn reason_field(criterion: &str) -> String {
    format!("Motivazione, criterio {criterion}")
}

pub fn worth(points: &str) -> String {
    format!("= {points} punti")
}

pub fn subtotal(name: &str, points: &str, max: &str) -> String {
    format!("Subtotale di {name}: {points} su {max} punti")
}

pub fn subtotal_missing(n: usize) -> String {
    format!("Mancano {}.", plural(n, "criterio", "criteri"))
}

// Avanzamento e matrice.

pub const PROGRESS_TITLE: &str = "Avanzamento dei componenti";
pub const SEVERITY_TITLE: &str = "Severità media (solo indicativa)";
pub const SEVERITY_NOTE: &str = "Scarto medio di ogni componente dalla media degli altri, in percentuale del massimo di ciascun criterio: negativo è più severo. Non modifica alcun punteggio.";
pub const DISCORDANT: &str = "discordante";
pub const MATRIX_ABSTAINED: &str = "ast.";
pub const MATRIX_EMPTY: &str = "–";
/// In place of another member's mark, before one's own (independent judgement).
pub const MATRIX_HIDDEN: &str = "?";
pub const MARKS_AFTER_YOURS: &str = "Giudizio indipendente: i giudizi degli altri componenti si vedono dopo aver dato i propri su tutti i criteri.";
/// Why a document with the others' marks or points (the ranking, the letters, a verbale, the
/// score matrix, another member's sheet) cannot be exported yet.
pub const EXPORT_AFTER_YOURS: &str = "Giudizio indipendente: questo documento mostra i giudizi o i punteggi degli altri componenti; si può esportare dopo aver dato i propri su tutti i criteri di ogni candidatura.";

pub fn marks_done(done: usize, total: usize) -> String {
    format!("{done}/{total} giudizi con motivazione")
}

pub fn missing_reasons(n: usize) -> String {
    format!("{} senza motivazione", plural(n, "giudizio", "giudizi"))
}

pub fn undeclared(n: usize) -> String {
    format!(
        "{} senza dichiarazione sul conflitto di interessi",
        plural(n, "candidatura", "candidature")
    )
}

pub fn abstentions(n: usize) -> String {
    format!("si astiene su {}", plural(n, "candidatura", "candidature"))
}

pub fn thin_panel(application: &str, scorers: usize, required: u32) -> String {
    format!(
        "La candidatura {application} può essere valutata solo da {scorers} componenti: l'avviso ne richiede almeno {required}."
    )
}

pub fn severity(name: &str, percent: &str, compared: usize) -> String {
    format!(
        "{name}: {percent}% (su {})",
        plural(compared, "giudizio confrontato", "giudizi confrontati")
    )
}

pub fn matrix_legend(members: &str) -> String {
    format!("In ogni casella i giudizi di: {members}.")
}

pub fn discordant_note(share: &str) -> String {
    format!("= giudizi distanti più del {share} del massimo")
}

pub fn discordances_count(n: usize) -> String {
    match n {
        0 => "Nessun giudizio discordante.".into(),
        n => format!(
            "{}.",
            plural(n, "giudizio discordante", "giudizi discordanti")
        ),
    }
}

pub fn discordance_detail(low: &str, low_value: &str, high: &str, high_value: &str) -> String {
    format!("{low}: {low_value} · {high}: {high_value}")
}

/// Above the criteria of an application whose scores a closed session fixed.
pub fn scores_fixed(number: u32, date: &str) -> String {
    format!(
        "I punteggi già dati su questa candidatura sono fissati dal verbale n. {number} (seduta del {date}, chiusa): si possono cambiare solo con una rettifica, motivata, in una seduta aperta."
    )
}
