//! `commissione verify DIR`: every closed session of the workspace — its kept record, its sealed
//! verbale, what it fixed — and the seals against the journal.

use std::path::Path;

use crate::anchor;
use crate::cli::{Exit, load_clean};
use crate::coverage;
use crate::domain::{Seal, Session, Workspace};
use crate::italian;
use crate::minutes;
use crate::workspace::journal::Journal;
use crate::workspace::{Store, sealed_pdf_path};

pub(super) fn run(dir: &Path) -> Exit {
    let (ws, loaded) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let mut store = Store::new(dir, loaded.sources);
    let mut closed = 0;
    let mut ok = true;
    for session in ws.sessions_in_order() {
        let Some(stored) = &session.seal else {
            continue;
        };
        closed += 1;
        println!(
            "Seduta «{}» (verbale n. {} del {}), chiusa il {}.",
            session.id,
            session.number,
            italian::date(session.date),
            italian::moment(stored.closed_at)
        );
        match store.sealed_record(&session.id) {
            Ok(kept) => ok &= session_holds(&ws, session, stored, &kept),
            Err(e) => {
                println!("Il verbale conservato alla chiusura non si può leggere: {e}.");
                ok = false;
            }
        }
        ok &= sealed_pdf_holds(&mut store, session, stored);
        println!();
    }
    let (entries, broken) = Journal::of(dir).verify();
    let sessions = ws.sessions_in_order();
    let findings = anchor::check(&sessions, &entries, broken.as_ref());
    if closed == 0 && findings.is_empty() {
        println!("Nessuna seduta è ancora chiusa: non c'è nulla di sigillato da verificare.");
        return Exit::Ok;
    }
    match &broken {
        None => println!("Registro: {} voci, catena integra.", entries.len()),
        Some(problem) => println!("REGISTRO NON INTEGRO: {problem}"),
    }
    for finding in &findings {
        println!("{}.", anchor::capitalise(finding));
    }
    ok &= findings.is_empty();
    if ok && closed == 1 {
        println!("Esito: la seduta chiusa è integra.");
    } else if ok {
        println!("Esito: tutte le {closed} sedute chiuse sono integre.");
    } else {
        println!("Esito: almeno una seduta chiusa NON è integra.");
    }
    if ok { Exit::Ok } else { Exit::DataErrors }
}

/// Whether a closed session still holds: the record kept at closing hashes to its seal, and
/// what it fixed is unchanged or changed by a recorded amendment.
pub(super) fn session_holds(ws: &Workspace, session: &Session, stored: &Seal, kept: &[u8]) -> bool {
    let mut ok = true;
    if !stored.anchors_journal() {
        println!(
            "Nota: la seduta è stata chiusa con una versione precedente del programma: il suo sigillo non copre il registro né l'elenco di ciò che ha fissato, e il PDF sigillato non è stato conservato. Si verifica ciò che quella versione consentiva."
        );
    }
    if crate::seal::sha256_hex(kept).eq_ignore_ascii_case(stored.record_sha256()) {
        println!("Il verbale conservato alla chiusura è integro.");
    } else {
        println!(
            "Il verbale conservato alla chiusura NON corrisponde al sigillo: è stato modificato."
        );
        ok = false;
    }
    let departures = coverage::departures(ws);
    let mut changed = 0;
    for d in departures.iter().filter(|d| d.session.id == session.id) {
        changed += 1;
        if d.unamended() {
            println!(
                "MODIFICATO DOPO LA CHIUSURA SENZA RETTIFICA: {}.",
                coverage::describe(&d.item)
            );
            ok = false;
        } else {
            let by: Vec<String> = d
                .amendments
                .iter()
                .map(|(s, reason)| {
                    format!(
                        "rettificato nella seduta «{}» (verbale n. {}): {reason}",
                        s.id, s.number
                    )
                })
                .collect();
            println!(
                "Cambiato dopo la chiusura: {}; {}.",
                coverage::describe(&d.item),
                by.join("; ")
            );
        }
    }
    println!(
        "{} elementi fissati dalla seduta su {} sono invariati.",
        stored.covers.len() - changed.min(stored.covers.len()),
        stored.covers.len()
    );
    ok
}

/// Whether the verbale sealed at closing is still in `verbali/sigillati/` as it was (or as the
/// start of a copy signed in place), or can be drawn again identical.
fn sealed_pdf_holds(store: &mut Store, session: &Session, stored: &Seal) -> bool {
    let Some(sha256) = &stored.pdf else {
        return true;
    };
    let path = sealed_pdf_path(session.number, &session.id);
    let path = path.to_string_lossy().replace('\\', "/");
    let kept = store.sealed_pdf(&session.id, session.number).ok();
    match kept
        .as_deref()
        .and_then(|pdf| crate::pdf_check::sealed_prefix(pdf, sha256).map(|p| (pdf, p)))
    {
        Some((pdf, sealed)) if pdf.len() == sealed.len() => {
            println!("Il verbale sigillato ({path}) è integro.");
            return true;
        }
        Some(_) => {
            println!(
                "Il verbale sigillato ({path}) contiene il documento sigillato, seguito da aggiunte (per esempio firme apposte sul file stesso)."
            );
            return true;
        }
        None => {}
    }
    let kept = minutes::Kept {
        record: store.sealed_record(&session.id).ok(),
        pdf: None,
    };
    if minutes::sealed_minutes_pdf(stored, &kept).is_ok() {
        println!(
            "Il verbale sigillato ({path}) manca o è stato modificato, ma il programma lo ridisegna identico dal verbale conservato: «commissione minutes» lo riscrive."
        );
        true
    } else {
        println!(
            "IL VERBALE SIGILLATO ({path}) MANCA O È STATO MODIFICATO, e questa versione del programma non lo ridisegna identico: va ripreso da una copia di sicurezza."
        );
        false
    }
}
