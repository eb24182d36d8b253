//! The procedure around the scores: the collegial judgement (Valutazione), the events after the
//! ranking (Graduatoria).

// Giudizio collegiale.

pub const TAB_COLLEGIAL: &str = "Giudizio collegiale";
pub const COLLEGIAL_TITLE: &str = "Giudizio collegiale della commissione";
pub const COLLEGIAL_HINT: &str = "Per ogni candidatura e criterio: i giudizi e le motivazioni dei componenti a confronto, la motivazione collegiale che il verbale riporta, il dissenso di chi non la condivide.";
pub const COLLEGIAL_MARKS_COUNT: &str =
    "Contano i punteggi dei componenti: il giudizio collegiale ne è la motivazione comune.";
pub const COLLEGIAL_MARK_COUNTS: &str = "L'avviso prevede il punteggio collegiale: per i punti conta il giudizio della commissione qui sotto, non la media dei componenti (che il verbale riporta).";
pub const COLLEGIAL_MARK: &str = "Giudizio collegiale (conta per i punti)";
pub const COLLEGIAL_POINTS: &str = "Punti collegiali (conta per i punti)";

pub fn collegial_marks_missing(criteria: &str) -> String {
    format!(
        "Manca il giudizio collegiale sui criteri {criteria}: finché manca, la candidatura non entra in graduatoria."
    )
}

pub fn collegial_mark_line(mark: &str) -> String {
    format!("Giudizio collegiale che conta per i punti: {mark}")
}
pub const COLLEGIAL_APPLICATION: &str = "Candidatura";
pub const COLLEGIAL_CRITERION: &str = "Criterio";
pub const COLLEGIAL_MEMBER: &str = "Componente";
pub const COLLEGIAL_VALUE: &str = "Valutazione";
pub const COLLEGIAL_REASON_OF_MEMBER: &str = "Motivazione";
pub const COLLEGIAL_NOT_SCORED: &str = "non ancora valutata";
pub const COLLEGIAL_ABSTAINS: &str = "si astiene (conflitto di interessi)";
pub const COLLEGIAL_REASON: &str = "Motivazione collegiale";
pub const COLLEGIAL_REASON_HINT: &str =
    "Le ragioni del giudizio della commissione su questo criterio.";
pub const COLLEGIAL_DISSENTS: &str = "Dissenso";
pub const COLLEGIAL_FORM: &str = "Giudizio da registrare";
pub const COLLEGIAL_RECORD: &str = "Registra il giudizio collegiale";
pub const COLLEGIAL_NEEDS_SESSION: &str =
    "Per registrare un giudizio collegiale serve una seduta aperta: crearla in Sedute.";
pub const COLLEGIAL_READ_ONLY: &str =
    "Solo la segreteria registra il giudizio collegiale, in seduta.";
pub const COLLEGIAL_NONE: &str = "Nessun giudizio collegiale registrato su questo criterio.";
pub const NO_DISCRETIONARY: &str = "L'avviso non ha criteri valutati dai commissari.";

pub fn collegial_in_session(number: u32, date: &str) -> String {
    format!("Giudizio collegiale registrato nella seduta n. {number} del {date}:")
}

pub fn collegial_session(number: u32, date: &str) -> String {
    format!("Si registra nella seduta n. {number} del {date} (aperta).")
}

pub fn dissent_of(name: &str) -> String {
    format!("Dissenso di {name}")
}

pub fn dissent_reason_of(name: &str) -> String {
    format!("Ragioni del dissenso di {name}")
}

pub fn dissent_line(name: &str, note: &str) -> String {
    format!("{name} dissente: {note}")
}

// Eventi successivi alla graduatoria.

pub const TAB_EVENTS: &str = "Eventi successivi";
pub const EVENTS_TITLE: &str = "Eventi successivi alla graduatoria";
pub const EVENTS_HINT: &str = "Una rinuncia, un'esclusione dopo la verifica dei requisiti, una riammissione dopo un soccorso istruttorio o un ricorso: ognuno si registra in una seduta aperta con l'atto e la motivazione, e l'assegnazione si ricalcola (scorrimento). Le sedute chiuse restano come sono.";
pub const EVENTS_NONE: &str = "Nessun evento registrato dopo la graduatoria.";
pub const EVENT_KIND: &str = "Evento";
pub const EVENT_APPLICATION: &str = "Candidatura interessata";
pub const EVENT_ACT: &str = "Atto";
pub const EVENT_ACT_HINT: &str = "per esempio: nota PEC prot. n. 9120 del 14/04/2026";
pub const EVENT_REASON: &str = "Motivazione dell'evento";
pub const EVENT_RECORD: &str = "Registra l'evento";
pub const EVENT_NEW: &str = "Nuovo evento";
pub const EVENT_NEEDS_SESSION: &str =
    "Gli eventi si registrano in una seduta aperta: crearla in Sedute.";
pub const EVENT_NEEDS_RANKING: &str = "Gli eventi successivi alla graduatoria si registrano dopo la chiusura di una seduta conclusiva che l'ha approvata.";
pub const EVENTS_RECORDED: &str = "Eventi registrati";
pub const EVENTS_ALLOCATION: &str = "Assegnazione attuale";
pub const EVENT_READ_ONLY: &str = "Solo la segreteria registra gli eventi.";

pub fn event_line(kind: &str, protocol: &str, number: u32, act: &str, reason: &str) -> String {
    format!(
        "{kind} della candidatura {protocol} (verbale n. {number}) · atto: {act} · motivazione: {reason}"
    )
}
// Accesso agli atti.

pub const TAB_MINUTES_SESSIONS: &str = "Sedute e verbali";
pub const TAB_ACCESS: &str = "Accesso agli atti";
pub const ACCESS_TITLE: &str = "Registro delle richieste di accesso agli atti";
pub const ACCESS_HINT: &str = "Legge 241/1990: ogni richiesta va conclusa entro 30 giorni; i controinteressati notificati hanno 10 giorni per opporsi. Il fascicolo di una richiesta accolta riporta i punteggi e le motivazioni del richiedente, i verbali e i punteggi e le motivazioni degli altri, senza i dati personali delle persone fisiche e senza le parti dichiarate segrete; ogni rilascio è registrato.";
pub const ACCESS_NONE: &str = "Nessuna richiesta di accesso registrata.";
pub const ACCESS_NEW: &str = "Nuova richiesta";
pub const ACCESS_RECEIVED_ON: &str = "Pervenuta il";
pub const ACCESS_REQUESTER: &str = "Richiedente";
pub const ACCESS_OWN_APPLICATION: &str = "Candidatura del richiedente";
pub const ACCESS_NO_APPLICATION: &str = "nessuna (non è un concorrente)";
pub const ACCESS_OBJECT: &str = "Oggetto della richiesta";
pub const ACCESS_OBJECT_DEFAULT: &str = "punteggi e motivazioni della propria candidatura e delle altre candidature, verbali della commissione";
pub const ACCESS_REGISTER: &str = "Registra la richiesta";
pub const ACCESS_REQUEST_PICK: &str = "Richiesta";
pub const ACCESS_COUNTERPARTS: &str = "Controinteressati";
pub const ACCESS_NOTIFY_APPLICATION: &str = "Candidatura controinteressata";
pub const ACCESS_NOTIFIED_ON: &str = "Notificata il";
pub const ACCESS_OPPOSITION: &str = "Opposizione (se presentata)";
pub const ACCESS_NOTIFY: &str = "Registra la notifica";
pub const ACCESS_DECISION: &str = "Decisione";
pub const ACCESS_OUTCOME: &str = "Esito";
pub const ACCESS_DECIDED_ON: &str = "Decisa il";
pub const ACCESS_DECISION_REASON: &str = "Motivazione della decisione";
pub const ACCESS_DECIDE: &str = "Registra la decisione";
pub const ACCESS_RELEASE: &str = "Rilascia il fascicolo";
pub const ACCESS_RELEASE_HINT: &str = "Scrive in verbali/ il documento dell'accesso e i verbali (con omissis dove serve), e registra il rilascio nel registro.";
pub const ACCESS_SECRETS: &str = "Segreti tecnici o commerciali dichiarati";
pub const ACCESS_SECRET_APPLICATION: &str = "Candidatura che lo dichiara";
pub const ACCESS_SECRET_PART: &str = "Parte dichiarata segreta";
pub const ACCESS_SECRET_CRITERIA: &str = "Criteri le cui motivazioni la rivelano";
pub const ACCESS_SECRET_REASON: &str = "Ragioni dichiarate";
pub const ACCESS_SECRET_RECORD: &str = "Registra il segreto dichiarato";
pub const ACCESS_READ_ONLY: &str = "Solo la segreteria gestisce le richieste di accesso.";
pub const ACCESS_WRITING: &str = "Scrittura del fascicolo in corso…";

pub fn access_row(
    id: &str,
    received: &str,
    requester: &str,
    deadline: &str,
    state: &str,
) -> String {
    format!("{id} · pervenuta il {received} · {requester} · termine {deadline} · {state}")
}

pub fn access_deadline_past(deadline: &str) -> String {
    format!("da decidere: termine del {deadline} scaduto")
}

pub fn access_counterpart(protocol: &str, notified: &str, until: &str) -> String {
    format!("{protocol}: notificata il {notified}, può opporsi fino al {until}")
}

pub fn access_released(at: &str, folder: &str, files: usize) -> String {
    format!("Rilasciato il {at} in {folder} ({files} file)")
}

pub fn access_release_done(folder: &str) -> String {
    format!("Fascicolo scritto in {folder} e rilascio registrato.")
}

pub fn access_release_failed(error: &str) -> String {
    format!("Il fascicolo non è stato rilasciato: {error}")
}
