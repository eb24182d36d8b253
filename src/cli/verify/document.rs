//! `commissione verify DIR FILE.pdf`: whether a verbale, the public ranking or a member's score
//! sheet is the document the workspace issued, byte for byte, possibly signed afterwards. A
//! draft, the ranking and a score sheet are drawn again with the date they carry (the moment
//! of their export).

use std::path::Path;

use crate::cli::{Exit, load_clean};
use crate::domain::{Session, Workspace};
use crate::italian;
use crate::minutes::{self, Kept, Stamp};
use crate::pdf_check::{self, PageDifference, Report, Verdict};
use crate::record::{ranking_record, session_record};
use crate::rules;
use crate::seal::{ranking_seal, seal};
use crate::workspace::{Store, files, os_error};

use super::sessions::session_holds;

/// The largest document `verify` reads: well above the verbale of a 10,000-application call
/// (about 240 MB), so that a FIFO or a device given as the file is refused, not read forever.
const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024 * 1024;

pub(super) fn run(dir: &Path, file: &Path) -> Exit {
    let pdf = match files::read_regular(file, MAX_DOCUMENT_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!(
                "errore: impossibile leggere {} ({})",
                file.display(),
                os_error::describe(&e)
            );
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
        println!("Esito: il file NON corrisponde.");
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
            println!("Esito: il file NON corrisponde.");
            false
        }
    };
    if matches { Exit::Ok } else { Exit::DataErrors }
}

fn verbale(ws: &Workspace, store: &mut Store, stamp: &Stamp, pdf: &[u8]) -> bool {
    let Some(id) = &stamp.session else {
        return false;
    };
    let Some(session) = ws.session(id) else {
        println!("La seduta «{id}» del verbale non esiste in questo avviso.");
        println!("Esito: il verbale NON corrisponde.");
        return false;
    };
    match &session.seal {
        Some(stored) if stored.pdf.is_some() || store.sealed_record(id).is_ok() => {
            closed_verbale(ws, store, session, stamp, pdf)
        }
        _ => verbale_from_data(ws, session, stamp, pdf),
    }
}

/// A session still open, or closed so long ago that no record was kept: the file must be the
/// verbale the data give now, and for a closed session the data must still give its seal.
fn verbale_from_data(ws: &Workspace, session: &Session, stamp: &Stamp, pdf: &[u8]) -> bool {
    let evaluation = rules::evaluate(ws);
    let Some(record) = session_record(ws, &evaluation, &session.id) else {
        return false;
    };
    let computed = seal(&record);
    heading(session);
    println!("Sigillo nel PDF:          {}", stamp.seal);
    println!("Sigillo ricalcolato:      {computed}");
    let mut ok = stamp.seal.eq_ignore_ascii_case(&computed);
    match &session.seal {
        Some(stored) => {
            println!(
                "Sigillo della chiusura:   {} (seduta chiusa il {}, senza verbale conservato)",
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
        None if draft_in_pdf(pdf) == Some(false) => {
            println!(
                "Il file è un verbale chiuso e sigillato, ma la seduta risulta aperta: il sigillo è stato tolto dal file della seduta."
            );
            ok = false;
        }
        None => println!("La seduta non è ancora chiusa: il verbale è una bozza."),
    }
    if ok {
        // A draft is drawn again with the moment it carries as its date (a closed session's
        // verbale is dated by its closing).
        let dated = stamp.issued.unwrap_or_else(minutes::issue_moment);
        match minutes::render_minutes_at(&record, session.seal.as_ref(), dated) {
            Ok(document) => ok &= compare(pdf, &document, "il verbale rigenerato dai dati"),
            Err(e) => {
                println!("Il verbale non si può rigenerare: {e}.");
                ok = false;
            }
        }
    }
    if ok {
        println!("Esito: il verbale corrisponde ai dati dell'avviso.");
    } else {
        println!("Esito: il verbale NON corrisponde ai dati dell'avviso.");
    }
    ok
}

/// A closed session: the file must be the verbale as sealed, its seal the stored one, and the
/// session must still hold.
fn closed_verbale(
    ws: &Workspace,
    store: &mut Store,
    session: &Session,
    stamp: &Stamp,
    pdf: &[u8],
) -> bool {
    let Some(stored) = &session.seal else {
        return false;
    };
    heading(session);
    println!("Chiusa il {}.", italian::moment(stored.closed_at));
    println!("Sigillo nel PDF:          {}", stamp.seal);
    println!("Sigillo della chiusura:   {}", stored.sha256);
    let mut ok = stamp.seal.eq_ignore_ascii_case(&stored.sha256);
    if !ok {
        println!("Il PDF non porta il sigillo con cui la seduta è stata chiusa.");
    }
    // The kept copy of the sealed verbale is read once the session's data are checked, and let
    // go once it has given the sealed document: a large verbale is not held twice.
    let mut kept = Kept {
        record: store.sealed_record(&session.id).ok(),
        pdf: None,
    };
    match &kept.record {
        Some(record) => ok &= session_holds(ws, session, stored, record),
        None => {
            println!(
                "Il verbale conservato alla chiusura (sedute/….verbale.json) non si può leggere."
            );
            ok = false;
        }
    }
    if !crate::seal::seal_is_consistent(stored) {
        println!(
            "Il sigillo della seduta non corrisponde alle sue parti: l'elenco di ciò che ha fissato è stato cambiato dopo la chiusura."
        );
        ok = false;
    }
    kept.pdf = store.sealed_pdf(&session.id, session.number).ok();
    let sealed = match (&stored.pdf, minutes::sealed_minutes_pdf(stored, &kept)) {
        (_, Ok(document)) => Some(document),
        // The kept copy is lost: the file itself may still begin with the sealed verbale.
        (Some(sha256), Err(_)) => pdf_check::sealed_prefix(pdf, sha256).map(<[u8]>::to_vec),
        (None, Err(e)) => {
            println!("Il verbale non si può ridisegnare dal verbale conservato: {e}.");
            None
        }
    };
    kept.pdf = None;
    match (sealed, &stored.pdf) {
        (Some(document), Some(_)) => {
            ok &= compare(pdf, &document, "il verbale sigillato alla chiusura");
        }
        (Some(document), None) => ok &= compare_legacy(pdf, &document),
        (None, Some(_)) => {
            println!(
                "Il verbale sigillato alla chiusura (verbali/sigillati/) manca o è stato modificato, e il file non lo contiene: il file non si può legare alle pagine sigillate."
            );
            if let Some(record) = &kept.record
                && let Ok(drawn) = minutes::kept_minutes_pdf(record, stored)
            {
                explain_difference(pdf, &drawn);
            }
            ok = false;
        }
        (None, None) => ok = false,
    }
    conclude(ok)
}

/// The public ranking: it belongs to no closed session, so the file must be what the data give
/// now, drawn by this version of the program.
fn graduatoria(ws: &Workspace, stamp: &Stamp, pdf: &[u8]) -> bool {
    let evaluation = rules::evaluate(ws);
    let record = ranking_record(ws, &evaluation);
    let computed = ranking_seal(&record);
    println!("Graduatoria.");
    println!("Impronta nel PDF:         {}", stamp.seal);
    println!("Impronta ricalcolata:     {computed}");
    let mut ok = stamp.seal.eq_ignore_ascii_case(&computed);
    if !ok {
        println!("I dati dell'avviso sono cambiati da quando la graduatoria è stata scritta.");
    }
    match minutes::render_ranking_at(&record, stamp.issued.unwrap_or_else(minutes::issue_moment)) {
        Ok(document) => ok &= compare(pdf, &document, "la graduatoria rigenerata dai dati"),
        Err(e) => {
            println!("La graduatoria non si può rigenerare: {e}.");
            ok = false;
        }
    }
    if ok {
        println!("Esito: la graduatoria corrisponde ai dati dell'avviso.");
    } else {
        println!("Esito: la graduatoria NON corrisponde ai dati dell'avviso.");
    }
    ok
}

/// A member's score sheet: its fingerprint recomputed from the data (the kept record of a
/// closed scoring session, or the data as they stand for a draft), and the file the sheet
/// drawn again with the date it carries, possibly signed afterwards.
fn scheda(ws: &Workspace, store: &mut Store, stamp: &Stamp, pdf: &[u8]) -> bool {
    let Some(member) = &stamp.member else {
        println!("La scheda non dice di quale componente sia.");
        println!("Esito: la scheda NON corrisponde.");
        return false;
    };
    let mut kept = |id: &crate::domain::SessionId| store.sealed_record(id).ok();
    let issued = stamp.issued.unwrap_or_else(minutes::issue_moment);
    let Some((record, dated)) =
        crate::documents::sheet::sheet_record(ws, member, &mut kept, issued)
    else {
        println!("Il componente «{member}» della scheda non è nella commissione di questo avviso.");
        println!("Esito: la scheda NON corrisponde.");
        return false;
    };
    let computed = crate::documents::sheet::sheet_seal(&record);
    println!("Scheda di valutazione di {} ({member}).", record.name);
    println!("Impronta nel PDF:         {}", stamp.seal);
    println!("Impronta ricalcolata:     {computed}");
    let mut ok = stamp.seal.eq_ignore_ascii_case(&computed);
    if !ok {
        println!("I dati della scheda sono cambiati da quando è stata scritta.");
    }
    if ok {
        match minutes::sheet_pdf(&record, dated) {
            Ok(document) => ok &= compare(pdf, &document, "la scheda rigenerata dai dati"),
            Err(e) => {
                println!("La scheda non si può rigenerare: {e}.");
                ok = false;
            }
        }
    }
    if ok {
        println!("Esito: la scheda corrisponde ai dati dell'avviso.");
    } else {
        println!("Esito: la scheda NON corrisponde ai dati dell'avviso.");
    }
    ok
}

fn heading(session: &Session) {
    println!(
        "Verbale n. {} della seduta «{}» del {}.",
        session.number,
        session.id,
        italian::date(session.date)
    );
}

fn conclude(ok: bool) -> bool {
    if ok {
        println!("Esito: il verbale corrisponde alla seduta chiusa.");
    } else {
        println!("Esito: il verbale NON corrisponde.");
    }
    ok
}

/// Compares the file with the document it should be, says how, and lists its signatures.
fn compare(pdf: &[u8], document: &[u8], what: &str) -> bool {
    let report = pdf_check::check(pdf, document);
    say_verdict(&report, what);
    say_signatures(&report);
    report.verdict.matches()
}

/// A session closed by an older version, whose sealed PDF was not kept: the file is compared
/// with the verbale drawn today from the kept record; if an older rendering made it, the text
/// of each of its pages must still be that verbale's, and anything after must only sign.
fn compare_legacy(pdf: &[u8], document: &[u8]) -> bool {
    let report = pdf_check::check(pdf, document);
    if report.verdict.matches() {
        say_verdict(&report, "il verbale ridisegnato dal verbale conservato");
        say_signatures(&report);
        return true;
    }
    let Some(first) = pdf_check::first_revision(pdf) else {
        say_verdict(&report, "il verbale ridisegnato dal verbale conservato");
        return false;
    };
    let updates = pdf_check::check(pdf, first);
    match pdf_check::text_difference(first, document) {
        Ok(PageDifference::None) if updates.verdict.matches() => {
            println!(
                "Il file non coincide byte per byte con il verbale ridisegnato oggi (è stato prodotto da un'altra versione del programma), ma il testo di ogni sua pagina è quello del verbale conservato alla chiusura{}. La seduta è stata chiusa prima che il programma conservasse il PDF sigillato: il legame con le pagine è solo nel testo.",
                if updates.verdict == Verdict::Identical {
                    ""
                } else {
                    ", e le aggiunte successive sono solo firme"
                }
            );
            say_signatures(&updates);
            true
        }
        _ if !updates.verdict.matches() => {
            say_verdict(&updates, "il documento com'era prima delle aggiunte");
            false
        }
        _ => {
            say_verdict(&report, "il verbale ridisegnato dal verbale conservato");
            false
        }
    }
}

fn say_verdict(report: &Report, what: &str) {
    match &report.verdict {
        Verdict::Identical => println!("Il file coincide byte per byte con {what}."),
        Verdict::Signed => println!(
            "Il file coincide byte per byte con {what}, seguito da aggiunte che contengono solo firme digitali (nessuna pagina, contenuto, risorsa o annotazione è cambiata)."
        ),
        Verdict::Altered { changes, page } => {
            println!(
                "Il file contiene {what}, ma seguito da AGGIUNTE NON DI FIRMA, che cambiano ciò che il documento mostra:"
            );
            for change in changes.iter().take(10) {
                println!("  - {change}");
            }
            if changes.len() > 10 {
                println!("  … e altre {} modifiche.", changes.len() - 10);
            }
            say_page(page, "con le aggiunte");
        }
        Verdict::Different { page } => {
            println!("Il file NON è {what}: i suoi byte sono diversi.");
            say_page(page, "");
        }
        Verdict::Unreadable(why) => println!("Il file non è un PDF leggibile: {why}."),
    }
}

fn say_page(page: &PageDifference, with: &str) {
    let with = if with.is_empty() {
        String::new()
    } else {
        format!(" {with}")
    };
    match page {
        PageDifference::Text {
            page,
            found,
            expected,
        } => {
            println!("Prima pagina il cui testo è diverso{with}: pagina {page}.");
            match found {
                Some(found) => println!("  nel file:    «{found}»"),
                None => println!("  nel file:    (il testo della pagina non si può leggere)"),
            }
            if let Some(expected) = expected {
                println!("  nel verbale: «{expected}»");
            }
        }
        PageDifference::Count { found, expected } => println!(
            "Il file ha {found} pagine, il documento {expected}; le pagine in comune hanno lo stesso testo."
        ),
        PageDifference::None => println!(
            "Il testo delle pagine è lo stesso, ma il file non è il documento: sono cambiati la grafica, i caratteri o la struttura."
        ),
    }
}

/// Where the file departs from the verbale drawn again, when the sealed one is lost.
fn explain_difference(pdf: &[u8], drawn: &[u8]) {
    match pdf_check::text_difference(pdf, drawn) {
        Ok(page) => say_page(&page, "rispetto al verbale ridisegnato oggi"),
        Err(e) => println!("Il file non è un PDF leggibile: {e}."),
    }
}

fn say_signatures(report: &Report) {
    if report.signatures.is_empty() {
        println!("Firme digitali nel file: nessuna.");
        return;
    }
    println!(
        "Firme digitali nel file: {}. Qui non si giudica se i certificati siano affidabili (validi, non revocati, rilasciati da un certificatore accreditato): lo verificano gli strumenti di firma digitale.",
        report.signatures.len()
    );
    for (i, s) in report.signatures.iter().enumerate() {
        let who = s
            .signer
            .clone()
            .unwrap_or_else(|| "firmatario non leggibile dal certificato".into());
        let kind = if s.timestamp {
            "marca temporale del documento, emessa da"
        } else {
            "firmata da"
        };
        let when = s
            .time
            .as_ref()
            .map(|t| format!(", il {t}"))
            .unwrap_or_default();
        let field = s
            .field
            .as_ref()
            .map(|f| format!(" (campo «{f}»)"))
            .unwrap_or_default();
        let coverage = match (s.covers_sealed, s.covers_file) {
            (true, true) => "copre tutto il documento e l'intero file",
            (true, false) => "copre tutto il documento (non le aggiunte successive alla firma)",
            (false, _) => "NON copre tutto il documento",
        };
        let digest = match s.digest_matches {
            Some(true) => "; l'impronta firmata corrisponde ai byte coperti",
            Some(false) => "; ATTENZIONE: l'impronta firmata NON corrisponde ai byte coperti",
            None => "",
        };
        let visible = s
            .visible_on
            .map(|p| format!("; aspetto visibile a pagina {p}"))
            .unwrap_or_default();
        println!(
            "  {}. {kind} {who}{when}{field}: {coverage}{digest}{visible}.",
            i + 1
        );
    }
}

/// Whether the PDF says it is a draft (its keywords end with "bozza"); None when it does not
/// say.
fn draft_in_pdf(pdf: &[u8]) -> Option<bool> {
    let info = lopdf::Document::load_metadata_mem(pdf).ok()?;
    Some(info.keywords?.contains("bozza"))
}
