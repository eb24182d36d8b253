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
