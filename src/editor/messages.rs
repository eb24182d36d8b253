//! The editor's sentences for the changes each command prepares: the journal's words for what
//! changed, and why a change is refused. (The procedure's commands — sessions closed, collegial
//! judgement, events, access — and `describe`'s summaries of the call and the commission still
//! write theirs where they are made.)

use std::fmt::Display;

pub(super) fn score(
    member: impl Display,
    application: impl Display,
    criterion: impl Display,
) -> String {
    format!("punteggio di {member} sulla candidatura {application}, criterio {criterion}")
}

pub(super) fn declaration(member: impl Display, application: impl Display) -> String {
    format!("dichiarazione di {member} sulla candidatura {application}")
}

pub(super) fn sheet(member: impl Display) -> String {
    format!("scheda di valutazione di {member}")
}

pub(super) fn decision(application: impl Display) -> String {
    format!("decisione sull'ammissibilità della candidatura {application}")
}

pub(super) fn document(document: impl Display, application: impl Display) -> String {
    format!("documento «{document}» della candidatura {application}")
}

pub(super) fn application_changed(application: impl Display) -> String {
    format!("candidatura {application} modificata")
}

pub(super) fn application_registered(application: impl Display) -> String {
    format!("candidatura {application} registrata")
}

pub(super) fn application_removed(application: impl Display) -> String {
    format!("candidatura {application} rimossa")
}

pub(super) fn session(session: impl Display) -> String {
    format!("seduta {session}")
}

pub(super) fn session_removed(session: impl Display) -> String {
    format!("seduta {session} rimossa")
}

pub(super) fn no_session(session: impl Display) -> String {
    format!("la seduta «{session}» non esiste")
}

pub(super) fn no_application(application: impl Display) -> String {
    format!("la candidatura «{application}» non esiste")
}

pub(super) fn last_revision(member: impl Display, revision: u32) -> String {
    format!(
        "la scheda di {member} ha raggiunto la revisione massima ({revision}): non si può più modificare"
    )
}

// The procedure: collegial judgements and events after the ranking.

pub(super) fn act_in_closed_session(session: impl Display, number: impl Display) -> String {
    format!(
        "la seduta {session} (verbale n. {number}) è chiusa: l'atto va registrato in una seduta aperta"
    )
}

pub(super) fn collegial(
    application: impl Display,
    criterion: impl Display,
    session: impl Display,
) -> String {
    format!(
        "giudizio collegiale sulla candidatura {application}, criterio {criterion}, nella seduta {session}"
    )
}

pub(super) fn event(
    kind: impl Display,
    application: impl Display,
    session: impl Display,
    act: impl Display,
    reason: impl Display,
) -> String {
    format!(
        "{kind} della candidatura {application} nella seduta {session} ({act}; motivazione: {reason})"
    )
}

pub(super) fn collegial_not_admitted(application: impl Display) -> String {
    format!("la candidatura {application} non è ammessa: non riceve un giudizio collegiale")
}

pub(super) fn collegial_criterion_not_scored(criterion: impl Display) -> String {
    format!(
        "il criterio «{criterion}» non è valutato dai commissari: non riceve un giudizio collegiale"
    )
}

pub(super) const COLLEGIAL_NEEDS_REASON: &str =
    "il giudizio collegiale richiede la motivazione della commissione, che il verbale riporta";

pub(super) fn dissent_not_voting(member: impl Display) -> String {
    format!("«{member}» non è un componente con diritto di voto: non può esprimere dissenso")
}

pub(super) fn dissent_abstained(member: impl Display, application: impl Display) -> String {
    format!(
        "{member} si è astenuto sulla candidatura {application} per conflitto di interessi: non partecipa al giudizio collegiale"
    )
}

pub(super) fn dissent_without_reasons(member: impl Display) -> String {
    format!("il dissenso di {member} richiede le sue ragioni, che il verbale riporta")
}

pub(super) fn dissent_repeated(member: impl Display) -> String {
    format!("il dissenso di «{member}» è ripetuto")
}

pub(super) fn collegial_mark_missing(criterion: impl Display) -> String {
    format!(
        "l'avviso prevede il punteggio collegiale: indicare il giudizio della commissione sul criterio {criterion}, che conta per i punti"
    )
}

/// A collegial mark off the criterion's scale: `problem` says why.
pub(super) fn collegial_mark(problem: String) -> String {
    format!("giudizio collegiale: {problem}")
}

pub(super) const COLLEGIAL_MARK_NOT_FORESEEN: &str = "l'avviso non prevede il punteggio collegiale: i punti vengono dai giudizi dei componenti, il giudizio collegiale ne dà la motivazione";

pub(super) const EVENT_BEFORE_APPROVAL: &str = "gli eventi successivi alla graduatoria si registrano dopo che una seduta conclusiva, chiusa, l'ha approvata";

pub(super) const EVENT_NEEDS_ACT: &str = "indicare l'atto su cui si fonda l'evento (per esempio la nota PEC con il suo protocollo e la data)";

pub(super) const EVENT_NEEDS_REASON: &str =
    "l'evento richiede la motivazione, che il verbale riporta";

pub(super) fn already_renounced(application: impl Display) -> String {
    format!("per la candidatura {application} è già registrata la rinuncia")
}

pub(super) fn no_place_to_renounce(application: impl Display, outcome: &str) -> String {
    format!(
        "la candidatura {application} non è in graduatoria ({outcome}): non c'è un posto a cui rinunciare"
    )
}

pub(super) fn not_admitted_to_exclude(application: impl Display) -> String {
    format!(
        "la candidatura {application} non è ammessa: non si può escludere dopo la verifica dei requisiti"
    )
}

pub(super) fn nothing_to_readmit(application: impl Display, outcome: &str) -> String {
    format!("la candidatura {application} non è esclusa ({outcome}): non c'è nulla da riammettere")
}

// The register of access requests.

pub(super) const RELEASE_FILES_DIFFER: &str =
    "i file del fascicolo non corrispondono a quelli registrati nel rilascio";

pub(super) fn released_file(name: impl Display) -> String {
    format!("atto rilasciato per l'accesso agli atti: {name}")
}

pub(super) fn no_request(request: impl Display) -> String {
    format!("la richiesta di accesso «{request}» non esiste")
}

pub(super) const REQUESTER_MISSING: &str = "indicare chi chiede l'accesso";

pub(super) const OBJECT_MISSING: &str =
    "indicare l'oggetto della richiesta: quali atti si chiede di vedere";

pub(super) fn request(request: impl Display, requester: impl Display, on: impl Display) -> String {
    format!("richiesta di accesso agli atti {request} di {requester} del {on}")
}

pub(super) fn counterpart_is_requester(application: impl Display) -> String {
    format!("la candidatura {application} è quella del richiedente: non è controinteressata")
}

pub(super) fn notice_before_request(notified: impl Display, received: impl Display) -> String {
    format!("la notifica del {notified} precede la richiesta, pervenuta il {received}")
}

/// A counter-interested party notified, with its opposition if it made one.
pub(super) fn notice(
    request: impl Display,
    application: impl Display,
    on: impl Display,
    opposition: &str,
) -> String {
    let opposition = if opposition.is_empty() {
        String::new()
    } else {
        format!(" (opposizione: {opposition})")
    };
    format!(
        "richiesta di accesso {request}: notifica alla controinteressata {application} del {on}{opposition}"
    )
}

pub(super) fn decision_needs_reason(outcome: impl Display) -> String {
    format!("una richiesta {outcome} richiede la motivazione")
}

pub(super) fn decision_before_request(decided: impl Display, received: impl Display) -> String {
    format!("la decisione del {decided} precede la richiesta, pervenuta il {received}")
}

pub(super) fn counterpart_may_oppose(
    application: impl Display,
    notified: impl Display,
    until: impl Display,
) -> String {
    format!(
        "la controinteressata {application} è stata notificata il {notified} e può opporsi fino al {until}: si decide dopo quel giorno (o dopo la sua opposizione)"
    )
}

/// The decision on a request, with its reason if it has one.
pub(super) fn decision_on_request(
    request: impl Display,
    outcome: impl Display,
    on: impl Display,
    reason: &str,
) -> String {
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!(" (motivazione: {reason})")
    };
    format!("richiesta di accesso {request} {outcome} il {on}{reason}")
}

pub(super) fn nothing_to_release(request: impl Display) -> String {
    format!("la richiesta di accesso {request} non è accolta: non si rilascia nulla")
}

pub(super) fn released_file_hash(name: impl Display, sha256: impl Display) -> String {
    format!("{name} (SHA-256 {sha256})")
}

pub(super) fn release(request: impl Display, folder: impl Display, files: &str) -> String {
    format!("rilascio degli atti per la richiesta di accesso {request} in {folder}: {files}")
}

pub(super) const SECRET_PART_MISSING: &str =
    "indicare quale parte della candidatura è dichiarata segreta";

pub(super) const SECRET_CRITERIA_MISSING: &str =
    "indicare i criteri le cui motivazioni rivelerebbero la parte segreta";

pub(super) fn no_criterion(criterion: impl Display) -> String {
    format!("il criterio «{criterion}» non esiste")
}

pub(super) fn secret(application: impl Display, part: impl Display) -> String {
    format!("segreto tecnico o commerciale dichiarato dalla candidatura {application}: {part}")
}

pub(super) const ACCESS_REGISTER: &str = "registro degli accessi agli atti";

// Closed sessions and amendments.

pub(super) fn session_closed(session: impl Display, number: impl Display) -> String {
    format!(
        "la seduta {session} (verbale n. {number}) è chiusa: ciò che il suo verbale riporta non si può più modificare"
    )
}

pub(super) fn fixed_by_minutes(
    number: impl Display,
    date: impl Display,
    item: impl Display,
) -> String {
    format!(
        "il verbale n. {number} (seduta del {date}, chiusa) ha fissato {item}: per cambiarlo serve una rettifica in una seduta aperta, con la sua motivazione"
    )
}

pub(super) fn already_closed(session: impl Display) -> String {
    format!("la seduta {session} è già chiusa")
}

pub(super) fn end_missing(session: impl Display) -> String {
    format!(
        "indicare l'ora di chiusura della seduta {session} prima di chiuderla: il verbale la riporta"
    )
}

pub(super) fn minutes_unwritable(session: impl Display, error: impl Display) -> String {
    format!(
        "il verbale della seduta {session} non si può scrivere, e la seduta resta aperta: {error}"
    )
}

pub(super) fn amendment_in_closed(session: impl Display) -> String {
    format!("la seduta {session} è chiusa: una rettifica va registrata in una seduta aperta")
}

pub(super) const AMENDMENT_NEEDS_REASON: &str = "una rettifica richiede la sua motivazione";

pub(super) const NOT_AN_AMENDMENT: &str = "questa operazione non si registra come rettifica";

pub(super) fn amendment(session: impl Display, change: &str, reason: &str) -> String {
    format!("rettifica nella seduta {session}: {change} (motivazione: {reason})")
}

pub(super) fn amendment_undone(reason: &str) -> String {
    format!("annullamento della rettifica «{reason}»")
}

// The editor as a whole: who may change what, why it is read-only, what a closing writes.

pub(super) fn opened_by(who: impl Display, host: impl Display, since: impl Display) -> String {
    format!("è aperto da {who} su {host} dal {since}")
}

pub(super) fn journal_broken(error: impl Display) -> String {
    format!("il registro delle modifiche non è integro ({error})")
}

pub(super) const CONSULTATION: &str = "aperto in consultazione";

pub(super) fn unfinished(error: impl Display) -> String {
    format!("un'operazione interrotta non si è potuta sistemare ({error})")
}

pub(super) fn only_own_sheet(me: impl Display, member: impl Display) -> String {
    format!("{me} può modificare solo la propria scheda di valutazione, non quella di {member}")
}

pub(super) const SECRETARIAT_ONLY: &str =
    "solo la segreteria può modificare l'avviso, le candidature e le sedute";

pub(super) fn record_kept(session: impl Display) -> String {
    format!("verbale conservato della seduta {session}")
}

pub(super) fn minutes_sealed(session: impl Display) -> String {
    format!("verbale sigillato della seduta {session}")
}

pub(super) fn amendment_recorded(session: impl Display) -> String {
    format!("seduta {session}: rettifica registrata")
}

// Acts with legal effect.

pub(super) fn admission_needs_reason(
    application: impl Display,
    failing: usize,
    checks: &str,
) -> String {
    let failing = if failing == 1 {
        "una verifica"
    } else {
        "alcune verifiche"
    };
    format!(
        "la candidatura {application} non supera {failing}: per ammetterla serve la motivazione, che il verbale riporta ({checks})"
    )
}

pub(super) fn conflict_withdrawn_without_reason(
    member: impl Display,
    application: impl Display,
) -> String {
    format!(
        "{member} ha dichiarato un conflitto di interessi sulla candidatura {application}: si ritira solo con la sua motivazione, che il verbale riporta"
    )
}

/// A session is not closed over `count` files that cannot be read (`files`, and the
/// `problems` found in them, one a line).
pub(super) fn closing_over_problems(count: usize, files: &str, problems: &str) -> String {
    let (how_many, verb) = if count == 1 {
        ("un file".to_string(), "non si legge o non è coerente")
    } else {
        (
            format!("{count} file"),
            "non si leggono o non sono coerenti",
        )
    };
    format!(
        "la seduta non si può chiudere: {how_many} dell'avviso {verb} (il verbale e il sigillo li lascerebbero fuori senza dirlo): {files}. Correggerli (commissione check li elenca), poi riaprire l'avviso.\n{problems}"
    )
}

pub(super) const WITHDRAWAL_NEEDS_REASON: &str = "per ritirare una dichiarazione di conflitto di interessi serve la motivazione: il verbale la riporta";

pub(super) fn no_conflict(member: impl Display, application: impl Display) -> String {
    format!("{member} non ha dichiarato un conflitto di interessi sulla candidatura {application}")
}

pub(super) fn conflict_withdrawn(
    member: impl Display,
    application: impl Display,
    reason: &str,
) -> String {
    format!(
        "ritiro della dichiarazione di conflitto di interessi di {member} sulla candidatura {application} (motivazione: {reason})"
    )
}

pub(super) const REMOVAL_NEEDS_REASON: &str = "per rimuovere una candidatura registrata per errore serve la motivazione, che il verbale riporta";

pub(super) fn application_removed_by_mistake(application: impl Display, reason: &str) -> String {
    format!(
        "candidatura {application} rimossa perché registrata per errore (motivazione: {reason})"
    )
}

/// The journal's words for the parts of the call and the commission a change touched
/// («avviso: lotti, criteri»).
pub(super) mod part {
    pub(in crate::editor) const GENERAL: &str = "dati generali";
    pub(in crate::editor) const LOTS: &str = "lotti";
    pub(in crate::editor) const FUNDING: &str = "regole di finanziamento";
    pub(in crate::editor) const CRITERIA: &str = "criteri";
    pub(in crate::editor) const TIE_BREAKS: &str = "criteri di parità";
    pub(in crate::editor) const JUDGEMENT_SCALE: &str = "scala di giudizio";
    pub(in crate::editor) const DOCUMENTS: &str = "documenti richiesti";
    pub(in crate::editor) const LEGAL_FORMS: &str = "forme giuridiche ammesse";
    pub(in crate::editor) const MIN_SCORING: &str = "numero minimo di componenti che valutano";
    pub(in crate::editor) const CALL: &str = "avviso";
    pub(in crate::editor) const APPOINTED_BY: &str = "atto di nomina";
    pub(in crate::editor) const COMMISSION: &str = "commissione";

    pub(in crate::editor) fn lots_added(lots: &str) -> String {
        format!("lotto aggiunto ({lots})")
    }

    pub(in crate::editor) fn lots_removed(lots: &str) -> String {
        format!("lotto rimosso ({lots})")
    }

    pub(in crate::editor) fn call(parts: &str) -> String {
        format!("avviso: {parts}")
    }

    pub(in crate::editor) fn substitute_appointed(member: impl std::fmt::Display) -> String {
        format!("supplente nominato ({member})")
    }

    pub(in crate::editor) fn member_added(member: impl std::fmt::Display) -> String {
        format!("componente aggiunto ({member})")
    }

    pub(in crate::editor) fn member_replaced(member: impl std::fmt::Display) -> String {
        format!("componente sostituito ({member})")
    }

    pub(in crate::editor) fn member_changed(member: impl std::fmt::Display) -> String {
        format!("componente modificato ({member})")
    }

    pub(in crate::editor) fn member_removed(member: impl std::fmt::Display) -> String {
        format!("componente rimosso ({member})")
    }

    pub(in crate::editor) fn commission(parts: &str) -> String {
        format!("commissione: {parts}")
    }
}
