//! Setting up the call in the Avviso view: its data, lots, rules, criteria, scale, documents
//! and the commission, with what each field's check says.

/// Why an application is not ranked yet: fewer members can score it than the call requires.
pub fn gap_too_few(required: u32) -> String {
    format!("servono almeno {required} componenti: in attesa di un supplente")
}

pub const RESERVED_ALL: &str =
    "una quota riservata del 100% o più non lascia nulla per i contributi: va da 0 a 99";
pub const DECIMALS_RANGE: &str = "i decimali dei punteggi vanno da 0 a 6";
pub const STEP_ZERO: &str =
    "il passo dei punti non può essere zero (lasciarlo vuoto per nessun passo)";

pub fn coefficient_range(text: &str) -> String {
    format!("«{text}»: un coefficiente va da 0 a 1 (per esempio 0,8)")
}

pub fn criterion_id_taken(id: &str) -> String {
    format!("la sigla «{id}» è già di un altro criterio")
}

pub fn threshold_above_max(min: &str, max: &str) -> String {
    format!("la soglia ({min}) supera il massimo del criterio ({max})")
}

pub fn level_above_max(level: &str, points: &str, max: &str) -> String {
    format!("il livello «{level}» varrebbe {points} punti, più del massimo del criterio ({max})")
}

pub const TAB_DATA: &str = "Dati generali";
pub const TAB_LOTS: &str = "Lotti";
pub const TAB_FUNDING: &str = "Finanziamento";
pub const TAB_CRITERIA: &str = "Criteri";
pub const TAB_DOCUMENTS: &str = "Giudizi e documenti";
pub const TAB_COMMISSION: &str = "Commissione";

pub fn call_fixed(number: u32, date: &str) -> String {
    format!(
        "Il verbale n. {number} (seduta del {date}) ha fissato l'avviso: ogni modifica si registra come rettifica in una seduta aperta, con la sua motivazione."
    )
}

pub const CUP_HINT: &str = "Il Codice Unico di Progetto, se l'avviso è finanziato da un programma di investimento pubblico: 15 caratteri, per esempio I71B16000290001. Lasciare vuoto se non c'è.";
pub const DEADLINE_HINT: &str = "Data e ora, ora di Roma: per esempio 31/03/2026 12:00. Una candidatura ricevuta anche un secondo dopo è tardiva.";

// Lots.

pub const LOTS_HINT: &str = "Ogni lotto (un programma, uno spazio) ha le sue risorse e la sua graduatoria. Le cifre si scrivono all'italiana: 146.400,00; la quota riservata in percentuale: 10.";
pub const ADD_LOT: &str = "Aggiungi un lotto";
pub const REMOVE_LOT: &str = "Rimuovi il lotto";
pub const SHIFT_UP: &str = "Sposta su";
pub const SHIFT_DOWN: &str = "Sposta giù";
pub const LOT_NAME: &str = "Nome";
pub const LOT_DESCRIPTION: &str = "Descrizione";
pub const LOT_BUDGET: &str = "Risorse (€)";
pub const LOT_RESERVED: &str = "Quota riservata al Comune (%)";
pub const LOT_CEILING: &str = "Tetto dei contributi";
pub const LOT_ALLOCATION: &str = "Assegnazione";
pub const ALLOCATION_SINGLE: &str = "Un solo soggetto, il primo in graduatoria (co-progettazione)";
pub const ALLOCATION_DOWN: &str = "Scorrendo la graduatoria fino a esaurimento delle risorse";
pub const ALLOCATION_ALL: &str =
    "Tutte le idonee; se le risorse non bastano, scorrendo la graduatoria";
pub const ALLOCATION_PRO_RATA: &str =
    "Tutte le idonee; se le risorse non bastano, ogni contributo ridotto in proporzione";
pub const ALLOCATION_PARTIAL: &str = "L'ultima può essere finanziata in parte";
pub const ALLOCATION_SKIP: &str =
    "Chi non rientra nelle risorse è saltato e si prova la successiva";

pub fn lot_heading(n: usize, name: &str) -> String {
    format!("Lotto {n}: {name}")
}

pub fn lot_id(id: &str) -> String {
    format!("(identificativo «{id}», usato nei file e nei fogli di calcolo)")
}

/// The name of a lot's field, for a screen reader: «Risorse (€) del lotto 2».
pub fn lot_field(field: &str, n: usize) -> String {
    format!("{field} del lotto {n}")
}

pub fn lot_in_use(applications: usize) -> String {
    if applications == 1 {
        "Non si può rimuovere: c'è una candidatura per questo lotto.".into()
    } else {
        format!("Non si può rimuovere: ci sono {applications} candidature per questo lotto.")
    }
}

// Funding.

pub const FUNDING_HINT: &str = "Le percentuali si scrivono come numeri: 90 per il 90%. Il contributo e il co-finanziamento sono percentuali del costo complessivo, la parte in natura del co-finanziamento. Un campo vuoto significa che l'avviso non pone quel limite.";
pub const FUNDING_MAX_CONTRIBUTION: &str = "Contributo massimo (% del costo)";
pub const FUNDING_MIN_COFINANCING: &str = "Co-finanziamento minimo (% del costo)";
pub const FUNDING_IN_KIND: &str = "In natura, al massimo (%)";
pub const FUNDING_PER_PROJECT: &str = "Tetto del contributo per progetto (€)";
pub const CATEGORIES: &str = "Categorie di spesa";
pub const CATEGORIES_HINT: &str = "Le voci in cui si divide il piano finanziario di ogni candidatura. Senza categorie, ogni voce è ammessa. Una categoria può avere un limite: una quota del costo complessivo, o dei costi diretti (le altre voci), come le spese generali al 10% dei costi diretti.";
pub const NEW_CATEGORY: &str = "Nuova categoria";
pub const ADD_CATEGORY: &str = "Aggiungi la categoria";
pub const CATEGORY_NAME: &str = "Nome";
pub const CATEGORY_CAPPED: &str = "Con un limite";
pub const CATEGORY_CAP: &str = "Limite (%)";
pub const CAP_OF_TOTAL: &str = "del costo complessivo";
pub const CAP_OF_DIRECT: &str = "dei costi diretti";

pub fn category_field(field: &str, id: &str) -> String {
    format!("{field} della categoria {id}")
}

// Criteria.

pub const CRITERIA_HINT: &str = "Ogni criterio ha una sigla (A, B, C.1…), un punteggio massimo, una soglia facoltativa (sotto la quale la proposta non è idonea, sui punti prima della riparametrazione) e un metodo. Un criterio con sub-criteri vale la somma dei loro massimi.";
pub const ADD_CRITERION: &str = "Aggiungi un criterio";
pub const NEW_CRITERION: &str = "Nuovo criterio";
pub const ADD_SUBCRITERION: &str = "Aggiungi un sub-criterio";
pub const REMOVE_CRITERION: &str = "Rimuovi il criterio";
pub const CRITERION_SCORED: &str = "(già valutato: non si può rimuovere)";
pub const CRITERION_ID: &str = "Sigla";
pub const CRITERION_TITLE: &str = "Titolo";
pub const CRITERION_DESCRIPTION: &str = "Descrizione";
pub const CRITERION_MAX: &str = "Massimo";
pub const CRITERION_MIN: &str = "Soglia";
pub const CRITERION_RESCALE: &str = "Riparametrazione";
pub const CRITERION_METHOD: &str = "Metodo";
pub const GROUP_MAX: &str = "(somma dei sub-criteri)";
pub const POINTS_STEP: &str = "a passi di";
pub const DECLARED_UNIT: &str = "unità di misura";
pub const POINTS_STEP_NAME: &str = "Passo dei punti";
pub const DECLARED_UNIT_NAME: &str = "Unità di misura";
pub const METHOD_CHOICE_COEFFICIENT: &str = "Giudizio dalla scala (coefficiente da 0 a 1)";
pub const METHOD_CHOICE_POINTS: &str = "Punti da 0 al massimo";
pub const METHOD_CHOICE_COFINANCING: &str = "Quota di co-finanziamento (proporzionale)";
pub const METHOD_CHOICE_COFINANCING_ABOVE: &str =
    "Co-finanziamento oltre il minimo (proporzionale)";
pub const METHOD_CHOICE_DECLARED: &str = "Dato dichiarato dal proponente (proporzionale)";
pub const METHOD_CHOICE_LEVELS: &str = "Livelli a punteggio fisso (tabellare)";
pub const METHOD_HINT_COEFFICIENT: &str = "Ogni componente sceglie un giudizio della scala; i punti sono la media dei coefficienti per il massimo.";
pub const METHOD_HINT_POINTS: &str =
    "Ogni componente dà punti da 0 al massimo; i punti sono la media.";
pub const METHOD_HINT_LINEAR: &str = "Calcolato dai dati della candidatura: la migliore del lotto ha il massimo, le altre in proporzione.";
pub const METHOD_HINT_LEVELS: &str = "Punti fissi secondo il livello che la candidatura dichiara.";
pub const LEVEL_YES: &str = "Sì";
pub const LEVEL_NO: &str = "No";
pub const LEVEL_LABEL: &str = "Livello";
pub const LEVEL_POINTS: &str = "punti";
pub const ADD_LEVEL: &str = "Aggiungi un livello";
pub const NEW_LEVEL: &str = "Nuovo livello";
pub const SCORING_RULES: &str = "Soglie, riparametrazione, decimali";
pub const OVERALL_MIN: &str = "Soglia complessiva (punti)";
pub const DECIMALS: &str = "Decimali dei punteggi";
pub const RESCALE_AMONG: &str = "La riparametrazione confronta la proposta migliore";
pub const RESCALE_AMONG_ELIGIBLE: &str =
    "tra le sole proposte che hanno superato le soglie (di solito)";
pub const RESCALE_AMONG_ADMITTED: &str = "tra tutte le proposte ammesse del lotto";
pub const RESCALE_TOTALS_CHOICE: &str =
    "Seconda riparametrazione: il totale migliore riceve il punteggio massimo";
pub const COLLEGIAL_MARK_CHOICE: &str = "Punteggio collegiale: per ogni criterio conta il giudizio della commissione, non la media dei componenti";
pub const COLLEGIAL_MARK_CHOICE_HINT: &str = "Ogni componente dà comunque il proprio giudizio, che il verbale riporta; in seduta la commissione attribuisce il giudizio collegiale (Valutazione → Giudizio collegiale), da cui vengono i punti, con la riparametrazione del criterio come per ogni giudizio.";
pub const TIE_BREAKS: &str = "In caso di parità";
pub const TIE_BREAKS_HINT: &str = "In ordine: il primo che distingue due proposte decide; se restano pari, si tiene un sorteggio in seduta.";
pub const ADD_TIE_BREAK: &str = "Aggiungi";
pub const CHOOSE: &str = "scegliere…";

pub fn criterion_field(field: &str, id: &str) -> String {
    format!("{field} del criterio {id}")
}

pub fn level_field(field: &str, level: &str, criterion: &str) -> String {
    format!("{field} «{level}» del criterio {criterion}")
}

pub fn tie_break_field(field: &str, n: usize) -> String {
    format!("{field} il criterio di parità n. {n}")
}

pub fn tie_break_on(id: &str, title: &str) -> String {
    format!("punteggio più alto sul criterio {id} ({title})")
}

// Scale, documents, legal forms.

pub const SCALE_HINT: &str = "I giudizi tra cui un componente sceglie per i criteri a giudizio discrezionale, con il coefficiente (da 0 a 1) che vale ciascuno.";
pub const JUDGEMENT_LABEL: &str = "Giudizio";
pub const JUDGEMENT_COEFFICIENT: &str = "coefficiente";
pub const ADD_JUDGEMENT: &str = "Aggiungi un giudizio";
pub const NEW_JUDGEMENT: &str = "nuovo giudizio";
pub const DISCORDANCE_GAP: &str = "Scarto segnalato come discordante (%)";
pub const DISCORDANCE_HINT: &str = "Due giudizi sullo stesso criterio più distanti di questa quota del massimo sono evidenziati nella matrice dei punteggi, prima di chiudere la seduta.";
pub const DOCUMENTS_HINT: &str = "Un documento obbligatorio mancante fa proporre l'esclusione; uno non obbligatorio è solo segnalato. «Solo per le ATS» riguarda le candidature con partner (l'accordo di associazione, il mandato).";
pub const DOCUMENT_TITLE: &str = "Titolo";
pub const DOCUMENT_MANDATORY: &str = "Obbligatorio";
pub const DOCUMENT_ONLY_ATS: &str = "Solo per le ATS";
pub const NEW_DOCUMENT: &str = "Nuovo documento";
pub const ADD_DOCUMENT: &str = "Aggiungi il documento";
pub const LEGAL_FORMS_HINT: &str =
    "Le forme giuridiche che possono presentare una candidatura, come capofila o partner.";
pub const INFORMAL_CHOICE: &str = "Sono ammessi i gruppi informali di cittadini";

pub fn judgement_field(field: &str, n: usize) -> String {
    format!("{field} n. {n} della scala")
}

pub fn document_field(field: &str, id: &str) -> String {
    format!("{field} del documento {id}")
}

// Commission.

pub const APPOINTED_BY: &str = "Atto di nomina";
pub const MIN_SCORING: &str = "Componenti minimi per candidatura";
pub const MIN_SCORING_HINT: &str = "Quanti componenti devono poter valutare ogni candidatura. Se per conflitti di interessi sono meno, la candidatura non entra in graduatoria finché un supplente nominato per essa non la valuta. Vuoto: nessun minimo.";
pub const ADD_MEMBER: &str = "Aggiungi un componente";
pub const ADD_SUBSTITUTE: &str = "Nomina un supplente";
pub const APPOINT_SUBSTITUTE_FOR_THEM: &str = "Nomina un supplente per queste candidature";
pub const NEW_MEMBER: &str = "nuovo componente";
pub const NEW_MEMBER_TITLE: &str = "Nuovo componente";
pub const NEW_SUBSTITUTE_TITLE: &str = "Nuovo supplente";
pub const CONFIRM_ADD_MEMBER: &str = "Aggiungi il componente";
pub const CONFIRM_ADD_SUBSTITUTE: &str = "Nomina il supplente";
pub const CONFIRM_REPLACEMENT: &str = "Conferma la sostituzione";
pub const FORM_CANCEL: &str = "Chiudi senza salvare";
pub const MEMBER_TITLE: &str = "Titolo";
pub const MEMBER_TITLE_HINT: &str =
    "Dott., Dott.ssa, Ing., Arch., Avv., Sig., Sig.ra…: il verbale lo scrive prima del nome.";
pub const MEMBER_NAME: &str = "Nome e cognome";
pub const MEMBER_ROLE: &str = "Ruolo";
pub const MEMBER_QUALIFICATION: &str = "Qualifica";
pub const MEMBER_NEEDS_NAME: &str = "Scrivere almeno il nome e cognome.";
pub const MEMBER_IN_RECORDS: &str =
    "(ha già dichiarazioni, punteggi o presenze: si sostituisce, non si rimuove)";
pub const REMOVE_MEMBER: &str = "Rimuovi il componente";
pub const REPLACE_MEMBER: &str = "Sostituisci…";
pub const REPLACED: &str = "sostituito";
pub const SUBSTITUTE: &str = "supplente";
pub const SUBSTITUTE_ACT: &str = "Atto di nomina del supplente";
pub const SUBSTITUTE_FOR: &str = "Valuta le candidature:";
pub const REPLACEMENT_ACT: &str = "Atto della sostituzione";
pub const REPLACEMENT_DATE: &str = "Dalla data";
pub const REPLACEMENT_NEEDS: &str =
    "Servono il nome del nuovo componente, l'atto della sostituzione e la data.";
pub const NO_APPLICATIONS_YET: &str = "Non ci sono ancora candidature registrate.";

pub fn member_field(field: &str, id: &str) -> String {
    format!("{field} di {id}")
}

pub fn member_id(id: &str) -> String {
    format!("(identificativo «{id}»)")
}

pub fn form_field(field: &str, whose: &str) -> String {
    format!("{field} del {whose}")
}

pub fn substitute_for_field(protocol: &str, who: &str) -> String {
    format!("Candidatura {protocol} per il supplente {who}")
}

pub fn replacing_title(name: &str) -> String {
    format!("Sostituzione di {name}")
}

pub fn replaced_by(name: &str, date: &str, act: &str) -> String {
    format!("Sostituito da {name} dal {date} ({act}).")
}

pub fn thin_item(protocol: &str, scorers: usize) -> String {
    format!("{protocol} ({scorers})")
}

pub fn thin_panels(required: u32, list: &str) -> String {
    format!(
        "Candidature che meno di {required} componenti possono valutare, per conflitti di interessi: {list}. Non entrano in graduatoria finché un supplente nominato per esse non le valuta."
    )
}

pub const AMEND_CALL: &str = "Si cambiano i dati dell'avviso.";
pub const AMEND_COMMISSION: &str = "Si cambia la composizione della commissione.";

pub fn amend_unregister(application: &str) -> String {
    format!("Si rimuove la candidatura {application}, registrata per errore.")
}

pub const SUBSTITUTE_ROLE: &str = "Componente supplente";

pub fn was_replaced(name: &str, by: &str, date: &str, act: &str) -> String {
    format!("{name} è stato sostituito da {by} dal {date} ({act}).")
}

pub fn substitute_for(name: &str, applications: &str) -> String {
    if applications.is_empty() {
        format!("{name} è supplente, non ancora per alcuna candidatura.")
    } else {
        format!("{name} è supplente per le candidature {applications}.")
    }
}
