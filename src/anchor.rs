//! The seal anchors the journal. A closed session's seal records the journal's head when it
//! closed (the last entry's number and hash) and the journal's closing entry carries the seal,
//! so each keeps the other honest:
//!
//! - a seal removed by hand from a session's file, or replaced, disagrees with the closing
//!   entry of the journal;
//! - a journal cut short, deleted, or rewritten (its hashes recomputed) up to a closing
//!   disagrees with the head the seal recorded;
//! - an item dropped from the list of what the session fixed no longer gives the seal (see
//!   [`crate::seal::seal_is_consistent`]).
//!
//! What an unkeyed chain cannot prove on its own: someone who rewrites the journal, the
//! session's file and the kept record together, recomputing every hash, leaves nothing here to
//! disagree. The verbale the members signed closes that gap: its seal, on every page and under
//! their signatures, must be the one the files give.

use std::path::Path;

use crate::coverage;
use crate::domain::{Session, SessionId, Workspace};
use crate::seal::seal_is_consistent;
use crate::workspace::journal::{Entry, Journal, JournalError};

const CLOSING: &str = " chiusa con il sigillo ";

/// The journal entry's text for the closing of `session` with `seal`.
pub fn closing_description(session: &SessionId, seal: &str) -> String {
    format!("seduta {session}{CLOSING}{seal}")
}

/// The session and seal a closing entry records, if `entry` records a closing.
pub fn closing_in(entry: &Entry) -> Option<(&str, &str)> {
    let rest = entry.change.strip_prefix("seduta ")?;
    let (session, seal) = rest.split_once(CLOSING)?;
    let seal = seal
        .get(..64)
        .filter(|s| s.bytes().all(|b| b.is_ascii_hexdigit()))?;
    Some((session, seal))
}

/// Where closed sessions and the journal disagree, each in an Italian sentence. `entries` are
/// the journal's entries that hold (see [`Journal::verify`]); `broken` its first problem.
pub fn check(
    sessions: &[&Session],
    entries: &[Entry],
    broken: Option<&JournalError>,
) -> Vec<String> {
    let mut out = Vec::new();
    for session in sessions {
        let Some(seal) = &session.seal else { continue };
        let of = format!(
            "della seduta «{}» (verbale n. {})",
            session.id, session.number
        );
        if !seal_is_consistent(seal) {
            out.push(format!(
                "il sigillo {of} non corrisponde alle sue parti: l'elenco di ciò che la seduta ha fissato, o la testa del registro che vi è annotata, è stato cambiato dopo la chiusura"
            ));
        }
        let Some(head) = &seal.journal else { continue };
        let last = entries.last().map_or(0, |e| e.seq);
        let unreliable = broken.map(|p| format!(" (il registro non è integro da quel punto: {p})"));
        if head.seq > 0 {
            match entries.iter().find(|e| e.seq == head.seq) {
                None => {
                    out.push(format!(
                        "alla chiusura {of} il registro contava {} voci, ora ne conta {last} integre: {}",
                        head.seq,
                        unreliable.clone().unwrap_or_else(|| if last == 0 {
                            "il file registro.ron è stato cancellato o svuotato".into()
                        } else {
                            "è stato accorciato".into()
                        })
                    ));
                    continue;
                }
                Some(e) if !e.hash.eq_ignore_ascii_case(&head.hash) => {
                    out.push(format!(
                        "il registro è stato riscritto: la voce n. {} non è quella che c'era alla chiusura {of} (il suo hash è cambiato)",
                        head.seq
                    ));
                    continue;
                }
                Some(_) => {}
            }
        }
        let closing = entries
            .iter()
            .filter(|e| e.seq > head.seq)
            .find_map(|e| closing_in(e).filter(|(s, _)| *s == session.id.as_str()));
        match closing {
            Some((_, recorded)) if !recorded.eq_ignore_ascii_case(&seal.sha256) => {
                out.push(format!(
                    "il registro dice che la seduta «{}» è stata chiusa con il sigillo {recorded}, ma il suo file porta il sigillo {}: il sigillo è stato sostituito",
                    session.id, seal.sha256
                ));
            }
            Some(_) => {}
            None if unreliable.is_some() => out.push(format!(
                "la voce del registro che registra la chiusura {of} non si può confermare{}",
                unreliable.clone().unwrap_or_default()
            )),
            None if last <= head.seq && last == 0 => out.push(format!(
                "il registro non riporta la chiusura {of}: il file registro.ron è stato cancellato o svuotato"
            )),
            None if last <= head.seq => out.push(format!(
                "il registro non riporta la chiusura {of}: finisce alla voce n. {last}, e la voce n. {} che registrava la chiusura è stata tolta",
                head.seq + 1
            )),
            None => out.push(format!(
                "il registro non riporta la chiusura {of}: la voce che la registrava è stata tolta o cambiata"
            )),
        }
    }
    for entry in entries {
        let Some((id, recorded)) = closing_in(entry) else {
            continue;
        };
        match sessions.iter().find(|s| s.id.as_str() == id) {
            None => out.push(format!(
                "la voce n. {} del registro dice che la seduta «{id}» è stata chiusa con il sigillo {recorded}, ma la seduta non esiste più: il suo file è stato tolto",
                entry.seq
            )),
            Some(s) if s.seal.is_none() => out.push(format!(
                "la voce n. {} del registro dice che la seduta «{id}» (verbale n. {}) è stata chiusa con il sigillo {recorded}, ma il suo file non ha più il sigillo: è stato tolto a mano",
                entry.seq, s.number
            )),
            Some(s) if s.seal.as_ref().is_some_and(|seal| seal.journal.is_none()) => {
                if s.seal
                    .as_ref()
                    .is_some_and(|seal| !seal.sha256.eq_ignore_ascii_case(recorded))
                {
                    out.push(format!(
                        "la voce n. {} del registro dice che la seduta «{id}» è stata chiusa con il sigillo {recorded}, ma il suo file porta un altro sigillo: è stato sostituito",
                        entry.seq
                    ));
                }
            }
            Some(_) => {}
        }
    }
    out
}

/// Everything about closed sessions that must be said loudly: data they fixed changed without
/// a rettifica, and seals and journal that disagree. Reads the journal of `dir`.
pub fn warnings(dir: &Path, ws: &Workspace) -> Vec<String> {
    let closed: Vec<&Session> = ws
        .sessions_in_order()
        .into_iter()
        .filter(|s| s.is_closed())
        .collect();
    let (entries, broken) = Journal::of(dir).verify();
    let any_closing = entries.iter().any(|e| closing_in(e).is_some());
    let mut out = coverage::unamended_sentences(ws);
    if !closed.is_empty() || any_closing {
        let sessions = ws.sessions_in_order();
        out.extend(
            check(&sessions, &entries, broken.as_ref())
                .into_iter()
                .map(|s| capitalise(&s)),
        );
    }
    out
}

/// The sentence with its first letter in capitals.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
