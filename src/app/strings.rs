//! Every sentence the window shows, in one place, so that the wording stays consistent and can
//! be reviewed by the people who use it. Amounts, dates, outcomes and roles are formatted by
//! `crate::italian`; the functions here only put them into sentences.

use crate::domain::CapBase;

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
pub const OPEN_CALL: &str = "Aprire un avviso";
pub const PICK_FOLDER: &str = "Scegli la cartella dell'avviso…";
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
pub const SAMPLE_OPEN: &str = "Apri l'avviso di esempio";
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
pub const UNDONE: &str = "Modifica annullata.";
pub const REDONE: &str = "Modifica ripetuta.";
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
pub const CANCEL: &str = "Annulla";

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

// Avviso.

pub const CALL_EDIT: &str = "Correggi i dati dell'avviso";
pub const CALL_EDIT_DONE: &str = "Fine correzione";
pub const CALL_READ_ONLY: &str = "L'avviso è in sola lettura.";
pub const CALL_READ_ONLY_MEMBER: &str = "Solo la segreteria può correggere l'avviso.";
pub const CALL_READ_ONLY_SESSIONS: &str =
    "L'avviso non si può più correggere: la commissione si è già riunita.";
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

pub fn decision_session(number: u32, date: &str) -> String {
    format!("Nella seduta n. {number} del {date}.")
}

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
pub const SCORING_KEYS: &str = "Tastiera. Frecce su e giù: scelgono il criterio (bordo evidenziato). Tasti da 1 a 9: danno il giudizio con quel numero. Invio: apre la motivazione; Invio di nuovo la salva, Maiusc+Invio va a capo. Esc: torna alla scheda. Frecce sinistra e destra, o PagSu e PagGiù: candidatura precedente e successiva. Tab e Maiusc+Tab: campo successivo e precedente; Spazio preme il pulsante scelto.";
pub const FIELD_REQUIRED: &str = "Il campo non può restare vuoto.";

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

// Graduatoria.

pub const NO_LOTS: &str = "L'avviso non ha lotti.";
pub const RANKING_PROVISIONAL: &str =
    "Graduatoria provvisoria: alcune candidature ammesse non sono ancora state valutate da tutti.";
pub const RANKING_HALTED: &str = "L'assegnazione è ferma a una parità da sorteggiare in seduta pubblica: le candidature successive sono in attesa.";
pub const BELOW_OVERALL: &str = "sotto la soglia di sbarramento sul totale";
pub const GAP_NOBODY: &str = "nessun componente può valutarla";
pub const GAP_NOT_DECLARED: &str = "manca un dato dichiarato dalla candidatura";
pub const GAP_TOO_LARGE: &str = "importi troppo grandi per il calcolo esatto";
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

// Sedute.

pub const NEW_SESSION: &str = "+ Nuova seduta";
pub const NO_SESSIONS: &str = "Nessuna seduta registrata.";
pub const SESSIONS_HINT: &str = "Creare una seduta con «+ Nuova seduta».";
pub const SESSION_WHEN: &str = "Quando e dove";
pub const SESSION_KIND: &str = "Tipo";
pub const SESSION_DATE: &str = "Data";
pub const SESSION_START: &str = "Inizio";
pub const SESSION_END: &str = "Fine";
pub const SESSION_PLACE: &str = "Luogo";
pub const SESSION_PRESENT: &str = "Presenti";
pub const SESSION_NOTES: &str = "Note per il verbale";
pub const SESSION_NOTES_HINT: &str =
    "Ciò che la commissione ha detto e deciso, nell'ordine in cui il verbale lo riporta.";
pub const ADD_NOTE: &str = "+ Aggiungi una nota";
pub const REMOVE_NOTE: &str = "Togli la nota";
pub const SESSION_DRAWS: &str = "Sorteggi";
pub const NO_TIES: &str = "Nessuna parità da sorteggiare.";
pub const RECORD_DRAW: &str = "Registra il sorteggio";
pub const DRAW_ORDER_HINT: &str =
    "Mettere le candidature nell'ordine estratto, dalla prima all'ultima.";
pub const DRAW_METHOD: &str = "Modalità del sorteggio";
pub const DRAW_METHOD_DEFAULT: &str = "estrazione di biglietti numerati da un'urna";
pub const SAVE_DRAW: &str = "Registra l'esito del sorteggio";
pub const REMOVE_DRAW: &str = "Togli il sorteggio";
pub const MOVE_UP: &str = "Su";
pub const MOVE_DOWN: &str = "Giù";
pub const MOVE_UP_HINT: &str = "Sposta prima";
pub const MOVE_DOWN_HINT: &str = "Sposta dopo";
pub const DELETE_SESSION: &str = "Elimina la seduta";
pub const DELETE_SESSION_CONFIRM: &str = "Eliminare la seduta? (Si può annullare con Ctrl+Z.)";
pub const EXPORT_MINUTES: &str = "Esporta verbale";
pub const EXPORT_MINUTES_HINT: &str =
    "Scrive il verbale della seduta in PDF nella cartella «verbali» e lo apre.";
pub const MINUTES_DRAFT: &str = "La seduta non è ancora chiusa: il verbale esce come bozza.";
pub const EXPORT_RANKING: &str = "Graduatoria pubblica (PDF)";
pub const EXPORT_RANKING_HINT: &str = "La graduatoria da pubblicare, senza dati personali, in PDF nella cartella «verbali»; poi si apre.";
pub const EXPORT_WRITING: &str = "Scrittura del verbale in corso…";
pub const EXPORT_INTERRUPTED: &str = "La scrittura del verbale si è interrotta.";

pub fn session_label(number: u32, date: &str, sealed: bool) -> String {
    let lock = if sealed { " (chiusa)" } else { "" };
    format!("Seduta n. {number} del {date}{lock}")
}

pub fn session_title(number: u32, kind: &str) -> String {
    format!("Seduta n. {number}: {kind}")
}

pub fn sealed(at: &str, sha: &str) -> String {
    format!("Seduta chiusa il {at}: non si può più modificare. Sigillo SHA-256: {sha}")
}

pub fn note_field(n: usize) -> String {
    format!("Nota {n}")
}

/// The order drawn, as the minutes write it: "P2 – P3".
pub const DRAW_ORDER_SEPARATOR: &str = " – ";

pub fn draw_recorded(lot: &str, order: &str, method: &str) -> String {
    if method.is_empty() {
        format!("Lotto {lot}: {order}")
    } else {
        format!("Lotto {lot}: {order} ({method})")
    }
}

pub fn tie_awaiting(lot: &str, list: &str) -> String {
    format!("Lotto {lot}: parità da sorteggiare tra {list}.")
}

pub fn draw_form(lot: &str) -> String {
    format!("Esito del sorteggio, lotto {lot}")
}

pub fn ranking_written(path: &str) -> String {
    format!("Graduatoria pubblica scritta in {path}")
}

pub fn export_done(path: &str) -> String {
    format!("Verbale scritto in {path}")
}

pub fn cannot_write(path: &str, error: &str) -> String {
    format!("Impossibile scrivere {path}: {error}")
}

pub fn cannot_open(path: &str, error: &str) -> String {
    format!("Il verbale è in {path}, ma non è stato possibile aprirlo: {error}")
}

// Presentazione.

pub const PRESENT_EXIT: &str = "Esci (Esc)";
pub const PRESENT_MARKS: &str = "Giudizi dei componenti";
pub const PRESENT_KEYS: &str = "Frecce sinistra e destra, o PagSu e PagGiù: candidatura precedente e successiva · F11: schermo intero · Esc: esci";

pub fn partners_count(n: usize) -> String {
    format!("in associazione con {}", plural(n, "partner", "partner"))
}

pub fn rank(n: u32) -> String {
    format!("{n}ª in graduatoria")
}

pub fn granted(amount: &str) -> String {
    format!("assegnati {amount}")
}
