//! `commissione verify DIR [FILE.pdf]`: whether a verbale or a ranking matches the workspace,
//! and whether the sessions closed in it still hold. The seal decides: it is recomputed from
//! the data and compared with the one the PDF carries and, for a closed session, with the one
//! stored when it was closed.

use std::path::Path;

use super::{Exit, load_clean};
use crate::coverage;
use crate::domain::{Seal, Session, Workspace};
use crate::italian;
use crate::minutes::{self, Stamp};
use crate::record::{ranking_record, session_record};
use crate::rules;
use crate::seal::{ranking_seal, seal};
use crate::workspace::Store;

pub fn run(dir: &Path, file: Option<&Path>) -> Exit {
    match file {
        Some(file) => pdf(dir, file),
        None => closed_sessions(dir),
    }
}

/// Every closed session of the workspace: its kept record and what it fixed.
fn closed_sessions(dir: &Path) -> Exit {
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
        println!();
    }
    if closed == 0 {
        println!("Nessuna seduta è ancora chiusa: non c'è nulla di sigillato da verificare.");
    } else if ok && closed == 1 {
        println!("Esito: la seduta chiusa è integra.");
    } else if ok {
        println!("Esito: tutte le {closed} sedute chiuse sono integre.");
    } else {
        println!("Esito: almeno una seduta chiusa NON è integra.");
    }
    if ok { Exit::Ok } else { Exit::DataErrors }
}

fn pdf(dir: &Path, file: &Path) -> Exit {
    let pdf = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("errore: impossibile leggere {} ({e})", file.display());
            return Exit::Misuse;
        }
    };
    let (ws, loaded) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let Some(stamp) = minutes::stamp_in_pdf(&pdf) else {
        println!(
            "{} non è un verbale né una graduatoria prodotti da Commissione: non porta un sigillo da verificare.",
            file.display()
        );
        return Exit::DataErrors;
    };
    let matches = match (stamp.kind.as_str(), &stamp.session) {
        ("verbale", Some(_)) => verbale(&ws, &mut Store::new(dir, loaded.sources), &stamp, &pdf),
        ("graduatoria", _) => graduatoria(&ws, &stamp, &pdf),
        ("scheda", _) => scheda(&ws, &mut Store::new(dir, loaded.sources), &stamp, &pdf),
        _ => {
            println!(
                "{}: il documento porta un sigillo, ma non dice di quale seduta sia il verbale.",
                file.display()
            );
            false
        }
    };
    if matches { Exit::Ok } else { Exit::DataErrors }
}

/// Whether the file is what the program writes today from this data: the same bytes, or the
/// same bytes followed by an incremental update such as a digital signature.
fn same_bytes(pdf: &[u8], regenerated: Option<Vec<u8>>) {
    match regenerated {
        Some(r) if r == pdf => {
            println!("Il file coincide byte per byte con il documento rigenerato dai dati.");
        }
        Some(r) if pdf.starts_with(&r) => println!(
            "Il file coincide con il documento rigenerato dai dati, seguito da aggiunte successive (per esempio una firma digitale)."
        ),
        _ => println!(
            "Attenzione: il file non coincide byte per byte con il documento rigenerato oggi (può essere stato prodotto da un'altra versione del programma, o modificato dopo l'emissione): fa fede il sigillo."
        ),
    }
}

fn verbale(ws: &Workspace, store: &mut Store, stamp: &Stamp, pdf: &[u8]) -> bool {
    let Some(id) = &stamp.session else {
        return false;
    };
    let Some(session) = ws.session(id) else {
        println!(
            "La seduta «{id}» del verbale non esiste in questo avviso: il verbale non corrisponde."
        );
        return false;
    };
    if let Some(stored) = &session.seal
        && let Ok(kept) = store.sealed_record(id)
    {
        return closed_verbale(ws, session, stored, &kept, stamp, pdf);
    }
    let evaluation = rules::evaluate(ws);
    let Some(record) = session_record(ws, &evaluation, id) else {
        return false;
    };
    let computed = seal(&record);
    println!(
        "Verbale n. {} della seduta «{}» del {}.",
        session.number,
        session.id,
        italian::date(session.date)
    );
    println!("Sigillo nel PDF:          {}", stamp.seal);
    println!("Sigillo ricalcolato:      {computed}");
    let mut ok = stamp.seal.eq_ignore_ascii_case(&computed);
    match &session.seal {
        Some(stored) => {
            println!(
                "Sigillo della chiusura:   {} (seduta chiusa il {})",
                stored.sha256,
                italian::moment(stored.closed_at)
            );
            if !stored.sha256.eq_ignore_ascii_case(&computed) {
                println!(
                    "I dati che la seduta copre sono cambiati dopo la sua chiusura: il sigillo registrato non corrisponde più."
                );
                ok = false;
            }
        }
        None => println!("La seduta non è ancora chiusa: il verbale è una bozza."),
    }
    if ok {
        same_bytes(
            pdf,
            // A draft is regenerated with the moment it carries as its date.
            minutes::render_minutes_at(
                &record,
                session.seal.as_ref(),
                stamp.issued.unwrap_or_else(minutes::issue_moment),
            )
            .ok(),
        );
        println!("Esito: il verbale corrisponde ai dati dell'avviso.");
    } else {
        println!("Esito: il verbale NON corrisponde ai dati dell'avviso.");
    }
    ok
}

fn graduatoria(ws: &Workspace, stamp: &Stamp, pdf: &[u8]) -> bool {
    let evaluation = rules::evaluate(ws);
    let record = ranking_record(ws, &evaluation);
    let computed = ranking_seal(&record);
    println!("Graduatoria.");
    println!("Impronta nel PDF:         {}", stamp.seal);
    println!("Impronta ricalcolata:     {computed}");
    if stamp.seal.eq_ignore_ascii_case(&computed) {
        same_bytes(
            pdf,
            minutes::render_ranking_at(&record, stamp.issued.unwrap_or_else(minutes::issue_moment))
                .ok(),
        );
        println!("Esito: la graduatoria corrisponde ai dati dell'avviso.");
        true
    } else {
        println!("Esito: la graduatoria NON corrisponde ai dati dell'avviso.");
        false
    }
}

/// A member's score sheet: its fingerprint recomputed from the data (the kept record of a
/// closed scoring session, or the data as they stand for a draft, dated as the file says).
fn scheda(ws: &Workspace, store: &mut Store, stamp: &Stamp, pdf: &[u8]) -> bool {
    let Some(member) = &stamp.member else {
        println!("La scheda non dice di quale componente sia.");
        return false;
    };
    let mut kept = |id: &crate::domain::SessionId| store.sealed_record(id).ok();
    let issued = stamp.issued.unwrap_or_else(minutes::issue_moment);
    let Some((record, dated)) =
        crate::documents::sheet::sheet_record(ws, member, &mut kept, issued)
    else {
        println!("Il componente «{member}» della scheda non è nella commissione di questo avviso.");
        return false;
    };
    let computed = crate::documents::sheet::sheet_seal(&record);
    println!("Scheda di valutazione di {} ({member}).", record.name);
    println!("Impronta nel PDF:         {}", stamp.seal);
    println!("Impronta ricalcolata:     {computed}");
    if stamp.seal.eq_ignore_ascii_case(&computed) {
        same_bytes(pdf, minutes::sheet_pdf(&record, dated).ok());
        println!("Esito: la scheda corrisponde ai dati dell'avviso.");
        true
    } else {
        println!("Esito: la scheda NON corrisponde ai dati dell'avviso.");
        false
    }
}

/// A closed session: the PDF must carry the seal stored at closing, the record kept then must
/// still hash to it, and what the session fixed must be unchanged or changed by a recorded
/// amendment. Results that later scoring moved (rescaled points, rankings) do not count: the
/// verbale reports them as they were.
fn closed_verbale(
    ws: &Workspace,
    session: &Session,
    stored: &Seal,
    kept: &[u8],
    stamp: &Stamp,
    pdf: &[u8],
) -> bool {
    println!(
        "Verbale n. {} della seduta «{}» del {}, chiusa il {}.",
        session.number,
        session.id,
        italian::date(session.date),
        italian::moment(stored.closed_at)
    );
    println!("Sigillo nel PDF:          {}", stamp.seal);
    println!("Sigillo della chiusura:   {}", stored.sha256);
    let mut ok = stamp.seal.eq_ignore_ascii_case(&stored.sha256);
    if !ok {
        println!("Il PDF non porta il sigillo con cui la seduta è stata chiusa.");
    }
    ok &= session_holds(ws, session, stored, kept);
    if ok {
        same_bytes(pdf, minutes::kept_minutes_pdf(kept, stored).ok());
        println!("Esito: il verbale corrisponde alla seduta chiusa.");
    } else {
        println!("Esito: il verbale NON corrisponde.");
    }
    ok
}

/// Whether a closed session still holds: the record kept at closing hashes to its seal, and
/// what it fixed is unchanged or changed by a recorded amendment.
fn session_holds(ws: &Workspace, session: &Session, stored: &Seal, kept: &[u8]) -> bool {
    let mut ok = true;
    if crate::seal::sha256_hex(kept).eq_ignore_ascii_case(&stored.sha256) {
        println!("Il verbale conservato alla chiusura è integro.");
    } else {
        println!(
            "Il verbale conservato alla chiusura NON corrisponde al sigillo: è stato modificato."
        );
        ok = false;
    }
    let mut unchanged = 0;
    for cover in &stored.covers {
        if coverage::item_hash(ws, &cover.item).as_deref() == Some(cover.sha256.as_str()) {
            unchanged += 1;
            continue;
        }
        let amended: Vec<String> = ws
            .sessions_in_order()
            .into_iter()
            .flat_map(|s| s.amendments.iter().map(move |a| (s, a)))
            .filter(|(_, a)| a.closed == session.id && a.item == cover.item)
            .map(|(s, a)| {
                format!(
                    "rettificato nella seduta «{}» (verbale n. {}): {}",
                    s.id, s.number, a.reason
                )
            })
            .collect();
        if amended.is_empty() {
            println!(
                "MODIFICATO DOPO LA CHIUSURA SENZA RETTIFICA: {}.",
                coverage::describe(&cover.item)
            );
            ok = false;
        } else {
            println!(
                "Cambiato dopo la chiusura: {}; {}.",
                coverage::describe(&cover.item),
                amended.join("; ")
            );
        }
    }
    println!(
        "{unchanged} elementi fissati dalla seduta su {} sono invariati.",
        stored.covers.len()
    );
    ok
}
