//! `commissione verify DIR FILE.pdf`: whether a verbale or a ranking matches the workspace.
//! The seal decides: it is recomputed from the data and compared with the one the PDF carries
//! and, for a closed session, with the one stored when it was closed.

use std::path::Path;

use super::{Exit, load_clean};
use crate::domain::Workspace;
use crate::italian;
use crate::minutes::{self, Stamp};
use crate::record::{ranking_record, session_record};
use crate::rules;
use crate::seal::{ranking_seal, seal};

pub fn run(dir: &Path, file: &Path) -> Exit {
    let pdf = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("errore: impossibile leggere {} ({e})", file.display());
            return Exit::Misuse;
        }
    };
    let (ws, _) = match load_clean(dir) {
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
        ("verbale", Some(_)) => verbale(&ws, &stamp, &pdf),
        ("graduatoria", _) => graduatoria(&ws, &stamp, &pdf),
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

fn verbale(ws: &Workspace, stamp: &Stamp, pdf: &[u8]) -> bool {
    let Some(id) = &stamp.session else {
        return false;
    };
    let Some(session) = ws.session(id) else {
        println!(
            "La seduta «{id}» del verbale non esiste in questo avviso: il verbale non corrisponde."
        );
        return false;
    };
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
            minutes::render_minutes(&record, session.seal.as_ref()).ok(),
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
        same_bytes(pdf, minutes::render_ranking(&record).ok());
        println!("Esito: la graduatoria corrisponde ai dati dell'avviso.");
        true
    } else {
        println!("Esito: la graduatoria NON corrisponde ai dati dell'avviso.");
        false
    }
}
