//! The sentences of the workspace's checks, all in one place: what a check found wrong, in
//! Italian, with the values it names, and what each text is called when it holds a character
//! it may not.

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

/// What each text is called when it holds a character it may not ("il nome «…» contiene…").
pub(super) mod field {
    pub(in crate::domain::validate) const AUTHORITY: &str = "l'ente";
    pub(in crate::domain::validate) const OFFICE: &str = "l'ufficio";
    pub(in crate::domain::validate) const CALL_TITLE: &str = "il titolo dell'avviso";
    pub(in crate::domain::validate) const CUP: &str = "il CUP";
    pub(in crate::domain::validate) const RUP: &str = "il responsabile del procedimento";
    pub(in crate::domain::validate) const LOT_NAME: &str = "il nome del lotto";
    pub(in crate::domain::validate) const LOT_DESCRIPTION: &str = "la descrizione del lotto";
    pub(in crate::domain::validate) const CRITERION_TITLE: &str = "il titolo del criterio";
    pub(in crate::domain::validate) const CRITERION_DESCRIPTION: &str =
        "la descrizione del criterio";
    pub(in crate::domain::validate) const LEVEL_NAME: &str = "il nome del livello";
    pub(in crate::domain::validate) const UNIT: &str = "l'unità di misura";
    pub(in crate::domain::validate) const JUDGEMENT_NAME: &str = "il nome del giudizio";
    pub(in crate::domain::validate) const DOCUMENT_TITLE: &str = "il titolo del documento";
    pub(in crate::domain::validate) const CATEGORY_NAME: &str = "il nome della categoria di spesa";
    pub(in crate::domain::validate) const APPOINTED_BY: &str = "l'atto di nomina";
    pub(in crate::domain::validate) const MEMBER_NAME: &str = "il nome del componente";
    pub(in crate::domain::validate) const QUALIFICATION: &str = "la qualifica";
    pub(in crate::domain::validate) const PLACE: &str = "il luogo della seduta";
    pub(in crate::domain::validate) const NOTE: &str = "la nota";
    pub(in crate::domain::validate) const DRAW_METHOD: &str = "la modalità del sorteggio";
    pub(in crate::domain::validate) const AMENDMENT: &str = "la rettifica";
    pub(in crate::domain::validate) const AMENDMENT_REASON: &str = "la motivazione della rettifica";
    pub(in crate::domain::validate) const TITLE: &str = "il titolo";
    pub(in crate::domain::validate) const SUMMARY: &str = "la sintesi";
    pub(in crate::domain::validate) const NAME: &str = "il nome";
    pub(in crate::domain::validate) const TAX_CODE: &str = "il codice fiscale";
    pub(in crate::domain::validate) const PEC: &str = "la PEC";
    pub(in crate::domain::validate) const REPRESENTATIVE: &str = "il rappresentante legale";
    pub(in crate::domain::validate) const ADDRESS: &str = "l'indirizzo";
    pub(in crate::domain::validate) const BUDGET_LINE: &str = "la descrizione della voce di costo";
    pub(in crate::domain::validate) const COFINANCING_SOURCE: &str =
        "la fonte del co-finanziamento";
    pub(in crate::domain::validate) const DECLARED: &str = "il dato dichiarato";
    pub(in crate::domain::validate) const DECISION_REASON: &str = "la motivazione della decisione";
}

// The call.

pub(super) const NO_LOTS: &str = "l'avviso non ha lotti: ne serve almeno uno";

pub(super) fn lot_twice(lot: impl Display) -> String {
    format!("il lotto «{lot}» è definito due volte")
}

pub(super) const NO_CRITERIA: &str = "l'avviso non ha criteri di valutazione";

pub(super) fn criterion_twice(criterion: impl Display) -> String {
    format!("il criterio «{criterion}» è definito due volte")
}

pub(super) fn tie_break_missing(criterion: impl Display, criteria: &str) -> String {
    format!("il criterio di parità «{criterion}» non esiste (criteri: {criteria})")
}

pub(super) const DECIMALS: &str = "i decimali dei punteggi vanno da 0 a 6";

pub(super) fn overall_min_over_max(min: impl Display, max: impl Display) -> String {
    format!("la soglia complessiva {min} supera il punteggio massimo {max}")
}

pub(super) fn judgement_unnamed(coefficient: impl Display) -> String {
    format!(
        "il giudizio con coefficiente {coefficient} non ha un nome: ogni giudizio della scala ne ha uno (per esempio \"buono\")"
    )
}

pub(super) fn judgement_named_twice(label: impl Display, first: impl Display) -> String {
    format!(
        "il giudizio «{label}» compare due volte nella scala di giudizio (la prima come «{first}»): ogni giudizio ha un nome suo, altrimenti non si sa quale coefficiente valga"
    )
}

pub(super) fn coefficient_twice(coefficient: impl Display) -> String {
    format!("il coefficiente {coefficient} compare due volte nella scala di giudizio")
}

pub(super) fn document_twice(document: impl Display) -> String {
    format!("il documento «{document}» è elencato due volte")
}

pub(super) const CATEGORY_TWICE: &str = "una categoria di spesa è elencata due volte";

pub(super) fn cap_category_missing(category: impl Display, categories: &str) -> String {
    format!(
        "il limite riguarda la categoria «{category}», che non è tra le categorie di spesa ({categories})"
    )
}

pub(super) fn criterion_min_over_max(
    criterion: impl Display,
    min: impl Display,
    max: impl Display,
) -> String {
    format!("la soglia del criterio «{criterion}» ({min}) supera il massimo ({max})")
}

pub(super) fn no_subcriteria(criterion: impl Display) -> String {
    format!("il criterio «{criterion}» non ha sub-criteri")
}

pub(super) fn max_not_sum(criterion: impl Display, max: impl Display, sum: impl Display) -> String {
    format!(
        "il massimo del criterio «{criterion}» ({max}) non è la somma dei massimi dei sub-criteri ({sum})"
    )
}

pub(super) fn rescale_on_group(criterion: impl Display) -> String {
    format!(
        "la riparametrazione si indica sui sub-criteri, non sul criterio «{criterion}» che li raggruppa"
    )
}

pub(super) fn coefficients_without_scale(criterion: impl Display) -> String {
    format!(
        "il criterio «{criterion}» usa i coefficienti, ma l'avviso non ha una scala di giudizio"
    )
}

pub(super) fn step_zero(criterion: impl Display) -> String {
    format!("il passo dei punti del criterio «{criterion}» non può essere zero")
}

pub(super) fn no_levels(criterion: impl Display) -> String {
    format!("il criterio «{criterion}» non ha livelli")
}

pub(super) fn level_twice(level: impl Display, criterion: impl Display) -> String {
    format!("il livello «{level}» è ripetuto nel criterio «{criterion}»")
}

pub(super) fn level_over_max(
    level: impl Display,
    criterion: impl Display,
    max: impl Display,
) -> String {
    format!("il livello «{level}» vale più del massimo del criterio «{criterion}» ({max})")
}

pub(super) fn cofinancing_without_minimum(criterion: impl Display) -> String {
    format!(
        "il criterio «{criterion}» misura il co-finanziamento oltre il minimo, ma l'avviso non fissa un minimo"
    )
}

// The commission.

pub(super) fn member_twice(member: impl Display) -> String {
    format!("il componente «{member}» è elencato due volte")
}

pub(super) fn presidents(count: usize) -> String {
    format!("la commissione deve avere un presidente, e uno solo (ne ha {count})")
}

// The sessions.

pub(super) fn draw_lot_missing(lot: impl Display) -> String {
    format!("il sorteggio riguarda il lotto «{lot}», che non esiste")
}

pub(super) fn draw_application_missing(application: impl Display) -> String {
    format!("il sorteggio cita la candidatura «{application}», che non esiste")
}

pub(super) fn draw_other_lot(
    application: impl Display,
    lot: impl Display,
    drawn: impl Display,
) -> String {
    format!(
        "la candidatura «{application}» è del lotto «{lot}», non del lotto «{drawn}» del sorteggio"
    )
}

pub(super) fn draw_application_twice(application: impl Display) -> String {
    format!("la candidatura «{application}» compare due volte nel sorteggio")
}

/// `what` ([`COLLEGIAL`], [`EVENT`]) names an application that does not exist.
pub(super) fn names_missing_application(what: &str, application: impl Display) -> String {
    format!("{what} cita la candidatura «{application}», che non esiste")
}

pub(super) const COLLEGIAL: &str = "il giudizio collegiale";
pub(super) const EVENT: &str = "l'evento";
/// What an event lacks when it has no act.
pub(super) const ACT: &str = "l'atto";

pub(super) fn collegial_criterion_not_scored(criterion: impl Display, criteria: &str) -> String {
    format!(
        "il giudizio collegiale riguarda il criterio «{criterion}», che non è un criterio valutato dai commissari (criteri: {criteria})"
    )
}

pub(super) fn collegial_repeated(application: impl Display, criterion: impl Display) -> String {
    format!(
        "il giudizio collegiale sulla candidatura «{application}», criterio «{criterion}», è ripetuto nella stessa seduta"
    )
}

pub(super) fn collegial_without_reason(
    application: impl Display,
    criterion: impl Display,
) -> String {
    format!(
        "il giudizio collegiale sulla candidatura «{application}», criterio «{criterion}», non ha la motivazione"
    )
}

/// A collegial mark off the criterion's scale: `problem` says why.
pub(super) fn collegial_mark(application: impl Display, problem: impl Display) -> String {
    format!("giudizio collegiale sulla candidatura «{application}»: {problem}")
}

pub(super) fn dissent_not_voting(member: impl Display) -> String {
    format!("il dissenso è di «{member}», che non è un componente con diritto di voto")
}

pub(super) fn not_judged(criterion: impl Display) -> String {
    format!("il criterio «{criterion}» non si valuta con un giudizio")
}

/// An event without its act or its reason (`missing`: [`ACT`], [`REASON`]).
pub(super) fn event_without(application: impl Display, missing: &str) -> String {
    format!(
        "l'evento sulla candidatura «{application}» non ha {missing}: ogni evento si registra con l'atto su cui si fonda e la sua motivazione"
    )
}

// The register of access requests.

pub(super) fn request_twice(request: impl Display) -> String {
    format!("la richiesta di accesso «{request}» è registrata due volte")
}

pub(super) fn request_of_missing(request: impl Display, application: impl Display) -> String {
    format!(
        "la richiesta di accesso «{request}» è di una candidatura «{application}» che non esiste"
    )
}

pub(super) fn request_notifies_missing(request: impl Display, application: impl Display) -> String {
    format!(
        "la richiesta di accesso «{request}» notifica la candidatura «{application}», che non esiste"
    )
}

pub(super) fn secret_of_missing(application: impl Display) -> String {
    format!("il segreto dichiarato è della candidatura «{application}», che non esiste")
}

pub(super) fn secret_names_missing_criterion(
    application: impl Display,
    criterion: impl Display,
) -> String {
    format!(
        "il segreto dichiarato dalla candidatura «{application}» cita il criterio «{criterion}», che non esiste"
    )
}

// Said by every check.

/// A text that holds a character it may not: `what` names it ([`field`]), `shown` is its
/// beginning made visible, `more` "…" when it goes on, `refused` says which character.
pub(super) fn text_refused(
    what: &str,
    shown: impl Display,
    more: &str,
    refused: impl Display,
) -> String {
    format!("{what} «{shown}{more}» {refused}")
}

/// What a text cut short ends with.
pub(super) const MORE: &str = "…";

/// An empty list.
pub(super) const NONE: &str = "nessuno";

/// A value named in a list.
pub(super) fn quoted(value: impl Display) -> String {
    format!("«{value}»")
}
