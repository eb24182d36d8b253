//! Every sentence the window shows, in one place, so that the wording stays consistent and can
//! be reviewed by the people who use it. Amounts, dates, outcomes and roles are formatted by
//! `crate::italian`; the functions here only put them into sentences.

mod ammissibilita;
mod avviso;
mod candidature;
mod chiusura;
mod elenchi;
mod graduatoria;
mod importa;
mod impostazione;
mod nuovo;
mod presentazione;
mod procedura;
mod registrazione;
mod schede;
mod sedute;
mod valutazione;

pub use ammissibilita::*;
pub use avviso::*;
pub use candidature::*;
pub use chiusura::*;
pub use elenchi::*;
pub use graduatoria::*;
pub use importa::*;
pub use impostazione::*;
pub use nuovo::*;
pub use presentazione::*;
pub use procedura::*;
pub use registrazione::*;
pub use schede::*;
pub use sedute::*;
pub use valutazione::*;

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

// The window and the start screen.

pub const APP_TITLE: &str = "Commissione";
pub const APP_SUBTITLE: &str = "Valutazione delle candidature agli avvisi di co-progettazione: ammissibilità, punteggi, graduatoria e verbali.";
pub const OPEN_CALL: &str = "Aprire un avviso scrivendone la cartella";
pub const PICK_FOLDER: &str = "Apri un avviso…";
pub const DIALOG_TITLE: &str = "Cartella dell'avviso";
pub const DIALOG_OPEN: &str = "È aperta la finestra di scelta della cartella.";
pub const DIALOG_NOTHING: &str = "Nessuna cartella scelta. Se la finestra di scelta non si è aperta, scrivere il percorso della cartella nel campo «Percorso della cartella».";
pub const TYPED_PATH: &str = "Percorso della cartella";
pub const TYPED_PATH_HINT: &str = "per esempio ~/Documenti/Commissione/sondrio-coworking";
pub const OPEN: &str = "Apri";
pub const DROP_HINT: &str = "Si può anche trascinare la cartella dell'avviso in questa finestra.";
pub const DROP_NOW: &str = "Rilasciare la cartella dell'avviso per aprirla.";
pub const RECENT: &str = "Avvisi aperti di recente";
pub const FORGET_RECENT: &str = "Togli dall'elenco (la cartella non viene toccata)";
pub const SAMPLE_TITLE: &str = "Avviso di esempio";
pub const SAMPLE_TEXT: &str = "Per provare il programma: l'avviso del Comune di Sondrio per il coworking tematico, copiato nella cartella Documenti/Commissione, dove le modifiche vengono salvate.";
pub const SAMPLE_OPEN: &str = "Prova con l'esempio";
pub const NO_DOCUMENTS_FOLDER: &str =
    "Non si trova la cartella Documenti dell'utente: aprire un avviso scegliendone la cartella.";
pub const WHO_ARE_YOU: &str = "Chi usa il programma su questo computer?";
pub const ROLE_SECRETARIAT: &str = "Segreteria della commissione";
pub const ROLE_SECRETARIAT_HINT: &str = "Registra le candidature e i documenti, verbalizza le decisioni di ammissibilità e le sedute, può trascrivere le schede dei componenti.";
pub const ROLE_MEMBER_HINT: &str = "Un componente modifica solo la propria scheda di valutazione e non valuta le candidature per cui ha dichiarato un conflitto di interessi.";
pub const ROLE_READ_ONLY: &str = "Solo consultazione";
pub const ROLE_READ_ONLY_HINT: &str =
    "Apre l'avviso senza poterlo modificare, per esempio per proiettarlo in seduta.";
pub const OTHER_CALL: &str = "« Apri un altro avviso";
pub const THEME: &str = "Tema";
pub const THEME_SYSTEM: &str = "sistema";
pub const THEME_LIGHT: &str = "chiaro";
pub const THEME_DARK: &str = "scuro";

pub fn role_member(name: &str, role: &str) -> String {
    format!("Sono {name} ({role})")
}

pub fn not_a_folder(dir: &str) -> String {
    format!("«{dir}» non è una cartella che esiste su questo computer.")
}

pub fn no_call_in(dir: &str, file: &str) -> String {
    format!("La cartella «{dir}» non contiene un avviso: manca il file {file}.")
}

pub fn unreadable(dir: &str, problems: &str) -> String {
    format!("L'avviso nella cartella «{dir}» non si può aprire:\n{problems}")
}

pub fn sample_failed(error: &str) -> String {
    format!("Non è stato possibile preparare l'avviso di esempio: {error}")
}

pub const SEALED_DATA_CHANGED: &str = "ATTENZIONE: dati fissati da sedute chiuse sono stati cambiati senza rettifica, o i sigilli non corrispondono al registro. I verbali firmati fanno fede: ciò che segue va chiarito prima di proseguire.";

pub fn problems_on_open(n: usize) -> String {
    format!(
        "{} nei file dell'avviso: le parti interessate non sono state caricate (fare clic per i dettagli).",
        plural(n, "problema", "problemi")
    )
}

pub fn unknown_role(role: &str) -> String {
    format!(
        "COMMISSIONE_RUOLO=«{role}»: non è «segreteria» né l'identificativo di un componente che vota."
    )
}

pub fn unknown_view(name: &str) -> String {
    format!(
        "COMMISSIONE_VISTA=«{name}»: le viste sono avviso, candidature, ammissibilita, valutazione, graduatoria, sedute e presentazione."
    )
}

pub fn window_failed(error: &str) -> String {
    format!("errore: impossibile aprire la finestra ({error})")
}

pub fn window_title(call: &str, unsaved: bool) -> String {
    let mark = if unsaved { "• " } else { "" };
    format!("{mark}{call} — Commissione")
}

// The bar at the top and the side panel.

pub const ACTOR_SECRETARIAT: &str = "Segreteria";
pub const SAVED: &str = "Tutto salvato";
pub const UNDO: &str = "Annulla";
pub const UNDO_HINT: &str = "Annulla l'ultima modifica (Ctrl+Z)";
pub const REDO: &str = "Ripeti";
pub const REDO_HINT: &str = "Ripete la modifica annullata (Ctrl+Maiusc+Z)";
pub const SAVE: &str = "Salva";
pub const SAVE_HINT: &str =
    "Salva subito ciò che si sta scrivendo (Ctrl+S). Ogni modifica viene comunque salvata da sola.";
pub const PRESENT: &str = "Presentazione";
pub const PRESENT_HINT: &str = "Caratteri grandi, una candidatura alla volta, senza dati personali: per il proiettore in seduta (F5)";
pub const TAKE_OVER: &str = "Prendi il controllo";
pub const TAKEN_OVER: &str = "Ora l'avviso si può modificare da questo computer.";
pub const CHANGE_CALL: &str = "Cambia avviso o ruolo";
pub const KEYS_TITLE: &str = "Tasti";
pub const KEYS_TEXT: &str = "Ctrl+1…6: le viste nell'ordine dell'elenco\nCtrl+Z: annulla · Ctrl+Maiusc+Z (o Ctrl+Y): ripeti\nCtrl+S: salva ciò che si sta scrivendo\nF5: presentazione · F11: schermo intero\nCtrl + e Ctrl −: ingrandisci e riduci · Ctrl+0: dimensione normale\nTab e Maiusc+Tab: campo successivo e precedente";
pub const ALL_SAVED: &str = "Tutto salvato.";
/// "Annullato: giudizio di Marco Neri sul criterio B per P3."
pub fn undone(what: Option<&str>) -> String {
    what.map_or_else(
        || "Modifica annullata.".into(),
        |w| format!("Annullato: {w}."),
    )
}

pub fn redone(what: Option<&str>) -> String {
    what.map_or_else(
        || "Modifica ripetuta.".into(),
        |w| format!("Ripetuto: {w}."),
    )
}

pub fn change_score(member: &str, criterion: &str, application: &str) -> String {
    format!("giudizio di {member} sul criterio {criterion} per {application}")
}

pub fn change_declaration(member: &str, application: &str) -> String {
    format!("dichiarazione di {member} su {application}")
}

pub fn change_decision(application: &str) -> String {
    format!("decisione sull'ammissibilità di {application}")
}

pub fn change_document(document: &str, application: &str) -> String {
    format!("stato del documento «{document}» di {application}")
}

pub fn change_application(application: &str) -> String {
    format!("dati della candidatura {application}")
}

pub fn change_sheet(member: &str) -> String {
    format!("scheda di valutazione di {member}")
}

pub fn change_collegial(criterion: &str, application: &str) -> String {
    format!("giudizio collegiale sul criterio {criterion} per {application}")
}

pub fn change_event(application: &str) -> String {
    format!("evento successivo alla graduatoria per {application}")
}

pub const CHANGE_ACCESS: &str = "registro degli accessi agli atti";

pub fn change_session(number: u32) -> String {
    format!("seduta n. {number}")
}

/// Why *Salva ora* left something unsaved.
pub fn not_saved(why: &str) -> String {
    format!("Non salvato: {why}")
}

pub const NOT_SAVED_UNKNOWN: &str =
    "una modifica non si può ancora salvare; correggere i campi segnati in rosso";

pub const CHANGE_CALL_DATA: &str = "dati dell'avviso";
pub const CHANGE_COMMISSION: &str = "composizione della commissione";
pub const ACTOR_CONSULTATION: &str = "Consultazione (sola lettura)";
pub const REFRESH: &str = "Aggiorna";
pub const REFRESH_HINT: &str = "Rilegge i file dell'avviso: le modifiche fatte dall'altra finestra compaiono anche da sole, entro un paio di secondi.";
pub const REFRESHED: &str = "Dati aggiornati dai file dell'avviso.";
pub const NOTHING_TO_UNDO: &str = "Non ci sono modifiche da annullare.";
pub const NOTHING_TO_REDO: &str = "Non ci sono modifiche da ripetere.";
pub const CLOSE_MESSAGE: &str = "Chiudi";

pub fn actor_member(name: &str) -> String {
    format!("Componente: {name}")
}

pub fn unsaved(n: usize) -> String {
    format!(
        "{} in corso di salvataggio",
        plural(n, "modifica", "modifiche")
    )
}

pub const READ_ONLY_CHOSEN: &str =
    "Sola lettura: l'avviso è aperto in consultazione e non si può modificare da qui.";

pub fn read_only_busy(who: &str, host: &str, since: &str) -> String {
    format!(
        "Sola lettura: l'avviso è aperto da {who} sul computer {host} dal {since}; da qui si può consultare, non modificare."
    )
}

pub fn read_only_journal(error: &str) -> String {
    format!(
        "Sola lettura: il registro delle modifiche non è integro ({error}); le modifiche sono sospese finché non si chiarisce."
    )
}

pub fn view_key(n: usize) -> String {
    format!("Ctrl+{n}")
}

pub fn side_applications(total: usize, undecided: usize) -> String {
    format!(
        "{}, {} senza decisione",
        plural(total, "candidatura", "candidature"),
        undecided
    )
}

pub fn side_progress(name: &str, done: usize, total: usize) -> String {
    format!("{name}: {done}/{total}")
}

pub fn undo_failed(error: &str) -> String {
    format!("Non è stato possibile annullare: {error}")
}

pub fn redo_failed(error: &str) -> String {
    format!("Non è stato possibile ripetere: {error}")
}

pub fn take_over_failed(error: &str) -> String {
    format!("Non è stato possibile prendere il controllo dell'avviso: {error}")
}

// Confirmations.

pub const CONFIRM_CLOSE_TITLE: &str = "Chiudere il programma?";
pub const CONFIRM_LEAVE_TITLE: &str = "Lasciare questo avviso?";
pub const CONFIRM_TAKE_OVER_TITLE: &str = "Prendere il controllo dell'avviso?";
pub const UNSAVED_EXPLAIN: &str =
    "Alcune cose scritte non si possono salvare così come sono e andrebbero perse:";
pub const CLOSE_ANYWAY: &str = "Chiudi senza salvarle";
pub const LEAVE_ANYWAY: &str = "Lascia l'avviso senza salvarle";
pub const GO_BACK: &str = "Torna indietro";
pub const YES: &str = "Sì";
pub const NO: &str = "No";
pub const CANCEL: &str = "Chiudi senza registrare";

pub fn take_over_text(who: &str) -> String {
    format!(
        "L'avviso risulta aperto da {who}, ma quel programma sembra chiuso o fermo da tempo. Se si prende il controllo, l'altro programma non potrà più salvare. Farlo solo se si è certi che nessuno lo sta usando."
    )
}

// The views.

pub const VIEW_AVVISO: &str = "Avviso";
pub const VIEW_CANDIDATURE: &str = "Candidature";
pub const VIEW_AMMISSIBILITA: &str = "Ammissibilità";
pub const VIEW_VALUTAZIONE: &str = "Valutazione";
pub const VIEW_GRADUATORIA: &str = "Graduatoria";
pub const VIEW_SEDUTE: &str = "Sedute";

// Shared words.

pub const NONE: &str = "—";
pub const NOT_YET: &str = "—";
pub const PREVIOUS: &str = "‹ Precedente";
pub const NEXT: &str = "Successiva ›";
pub const REMOVE: &str = "Togli";
pub const LOT: &str = "Lotto";
pub const OUTCOME: &str = "Esito";
pub const TOTAL: &str = "Totale";
pub const POINTS: &str = "Punti";
pub const CRITERION: &str = "Criterio";
pub const AMOUNT: &str = "Importo";
pub const REQUESTED: &str = "Contributo richiesto";
pub const OPEN_APPLICATION: &str = "Apri la candidatura";
pub const NO_APPLICATIONS: &str = "L'avviso non ha ancora candidature.";
pub const NO_REQUIRED_DOCUMENTS: &str = "L'avviso non elenca documenti obbligatori.";
pub const DOCUMENT_OPTIONAL: &str = "(solo in alcuni casi)";
pub const SCORES_INCOMPLETE: &str =
    "Valutazione incompleta: mancano giudizi o motivazioni di qualche componente.";

pub fn position(n: usize, of: usize) -> String {
    format!("{n} di {of}")
}

pub fn decision_reason(reason: &str) -> String {
    format!("Motivazione: {reason}")
}
