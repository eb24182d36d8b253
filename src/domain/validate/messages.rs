//! The sentences of the workspace's checks that are said in one place: what a check found
//! wrong, in Italian, with the values it names. (The checks of the call, the sessions and the
//! access register, and the names of an application's texts, still write theirs where they are
//! made.)

use std::fmt::Display;

/// Two spellings of one protocol number.
pub(super) fn protocol_spelled_twice(protocol: impl Display, others: &str) -> String {
    format!(
        "il protocollo «{protocol}» è lo stesso numero di {others}, scritto in un altro modo (i separatori «/», «-» e simili e le forme equivalenti dei caratteri non distinguono due protocolli): ogni candidatura ha il suo numero di protocollo"
    )
}

pub(super) fn protocol_repeated(protocol: impl Display, times: usize) -> String {
    format!(
        "il protocollo «{protocol}» compare in {times} candidature: ogni candidatura ha il suo numero di protocollo"
    )
}

pub(super) fn protocol_spelled_otherwise(protocol: impl Display, other: impl Display) -> String {
    format!(
        "il protocollo «{protocol}» è lo stesso numero della candidatura già registrata «{other}», scritto in un altro modo: va usata la stessa grafia, «{other}»"
    )
}

pub(super) fn drawn_in_another_lot(
    application: impl Display,
    drawn: impl Display,
    lot: impl Display,
) -> String {
    format!(
        "la candidatura «{application}» è in un sorteggio del lotto «{drawn}» e non può passare al lotto «{lot}»"
    )
}

pub(super) fn lot_missing(lot: impl Display, lots: &str) -> String {
    format!("il lotto «{lot}» non esiste nell'avviso (lotti: {lots})")
}

pub(super) fn category_missing(category: impl Display, categories: &str) -> String {
    format!("la categoria di spesa «{category}» non è tra quelle dell'avviso ({categories})")
}

pub(super) fn document_not_required(document: impl Display, documents: &str) -> String {
    format!("il documento «{document}» non è tra quelli richiesti dall'avviso ({documents})")
}

pub(super) fn declared_twice(criterion: impl Display) -> String {
    format!("il dato per il criterio «{criterion}» è dichiarato due volte")
}

pub(super) fn not_a_level(value: impl Display, criterion: impl Display, levels: &str) -> String {
    format!("«{value}» non è un livello del criterio «{criterion}» (livelli: {levels})")
}

pub(super) fn declared_not_a_number(criterion: impl Display) -> String {
    format!(
        "il dato dichiarato per il criterio «{criterion}» deve essere un numero non negativo, come \"120\" o \"12.5\""
    )
}

pub(super) fn criterion_not_declared(criterion: impl Display) -> String {
    format!("il criterio «{criterion}» non si valuta su dati dichiarati")
}

pub(super) fn criterion_not_in_call(criterion: impl Display) -> String {
    format!("il criterio «{criterion}» non esiste nell'avviso")
}

pub(super) const DECISION_NEEDS_REASON: &str =
    "un'esclusione o un'ammissione con riserva richiede la motivazione";

pub(super) fn two_sheets(member: impl Display) -> String {
    format!("ci sono due schede di valutazione di «{member}»: ne va tenuta una sola")
}

pub(super) fn session_repeated(session: impl Display) -> String {
    format!("la seduta «{session}» è definita più volte")
}

pub(super) fn decision_session_missing(session: impl Display, sessions: &str) -> String {
    format!("la decisione cita la seduta «{session}», che non esiste (sedute: {sessions})")
}

pub(super) fn replaced_by_stranger(member: impl Display, by: impl Display) -> String {
    format!("«{member}» è sostituito da «{by}», che non fa parte della commissione")
}

pub(super) fn replaces_self(member: impl Display) -> String {
    format!("«{member}» non può sostituire sé stesso")
}

pub(super) fn replaced_by_replaced(member: impl Display, by: impl Display) -> String {
    format!("«{member}» è sostituito da «{by}», che a sua volta è stato sostituito")
}

pub(super) fn replacement_without_act(member: impl Display) -> String {
    format!("la sostituzione di «{member}» richiede l'atto che la dispone")
}

pub(super) fn secretary_as_substitute(member: impl Display) -> String {
    format!("«{member}» è segretario verbalizzante: un supplente è un componente che valuta")
}

pub(super) fn substitute_for_missing(member: impl Display, application: impl Display) -> String {
    format!("il supplente «{member}» è nominato per la candidatura «{application}», che non esiste")
}

pub(super) fn not_in_commission(member: impl Display, members: &str) -> String {
    format!("«{member}» non fa parte della commissione (componenti: {members})")
}

pub(super) fn secretary_does_not_score(member: impl Display) -> String {
    format!("«{member}» è il segretario verbalizzante e non esprime punteggi")
}

pub(super) fn application_missing(application: impl Display) -> String {
    format!("la candidatura «{application}» non esiste")
}

pub(super) fn declaration_repeated(application: impl Display) -> String {
    format!("la dichiarazione sulla candidatura «{application}» è ripetuta")
}

/// What a conflict's note is called when it holds a character it may not.
pub(super) const CONFLICT_NOTE: &str = "la nota del conflitto di interessi";
/// What a mark's reason is called when it holds a character it may not.
pub(super) const REASON: &str = "la motivazione";

pub(super) fn criterion_missing(criterion: impl Display, criteria: &str) -> String {
    format!("il criterio «{criterion}» non esiste (criteri: {criteria})")
}

pub(super) fn score_repeated(application: impl Display, criterion: impl Display) -> String {
    format!("il punteggio di «{application}» sul criterio «{criterion}» è ripetuto")
}

pub(super) fn scores_in_conflict(member: impl Display, application: impl Display) -> String {
    format!(
        "«{member}» ha dichiarato un conflitto di interessi con la candidatura «{application}» e non può valutarla"
    )
}

pub(super) fn substitute_only_for(
    member: impl Display,
    panel: &str,
    application: impl Display,
) -> String {
    format!(
        "«{member}» è supplente solo per le candidature {panel}: non valuta la candidatura «{application}»"
    )
}

pub(super) fn coefficient_not_in_scale(value: impl Display, scale: &str) -> String {
    format!("il coefficiente {value} non è nella scala di giudizio dell'avviso (ammessi: {scale})")
}

pub(super) fn points_over_max(
    value: impl Display,
    criterion: impl Display,
    max: impl Display,
) -> String {
    format!("{value} punti superano il massimo del criterio «{criterion}» ({max})")
}

pub(super) fn points_off_step(
    criterion: impl Display,
    step: impl Display,
    value: impl Display,
) -> String {
    format!("il criterio «{criterion}» si valuta a passi di {step} punti: {value} non è ammesso")
}

pub(super) fn criterion_not_scored(criterion: impl Display) -> String {
    format!(
        "il criterio «{criterion}» non riceve punteggi dai commissari (si calcola dai dati della candidatura)"
    )
}
