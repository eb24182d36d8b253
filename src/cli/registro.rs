//! `commissione registro DIR`: the journal of changes, with its chain verified.

use std::fmt::Write as _;
use std::path::Path;

use super::{Exit, emit};
use crate::italian;
use crate::workspace::journal::Journal;

/// The most of an entry's before or after printed without `--completo`: a session's closing
/// carries its seal with a fingerprint per item fixed (150,000 on a 10,000-application call,
/// 12 MB), which would bury every other entry.
const SHOWN: usize = 400;

/// `text` whole when short or when asked; otherwise its first [`SHOWN`] characters and how
/// much more there is, and where.
fn shown(text: &str, whole: bool) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) if !whole => {
            let rest = text[cut..].chars().count();
            format!(
                "{}… [altri {} caratteri: per intero con --completo, o in {}]",
                &text[..cut],
                italian::number(rust_decimal::Decimal::from(rest)),
                crate::workspace::journal::FILE
            )
            .into()
        }
        _ => text.into(),
    }
}

pub fn run(dir: &Path, whole: bool) -> Exit {
    if !dir.is_dir() {
        eprintln!("{}: non esiste o non è una cartella", dir.display());
        return Exit::DataErrors;
    }
    let journal = Journal::of(dir);
    let (entries, problem) = journal.verify();
    if dir.join(crate::workspace::tx::INTENT).exists() {
        eprintln!(
            "Attenzione: un'operazione è in corso o è stata interrotta ({}): la prossima apertura dell'avviso per modificarlo la completerà o la annullerà.",
            crate::workspace::tx::INTENT
        );
    }
    let mut out = String::new();
    if entries.is_empty() && problem.is_none() {
        let _ = writeln!(out, "Il registro è vuoto: nessuna modifica registrata.");
    }
    for e in &entries {
        let _ = writeln!(
            out,
            "n. {} · {} · {} · {} · {}",
            e.seq,
            italian::moment_precise(e.at),
            e.who,
            e.file,
            e.change
        );
        if !e.before.is_empty() {
            let _ = writeln!(out, "    prima: {}", shown(&e.before, whole));
        }
        if !e.after.is_empty() {
            let _ = writeln!(out, "    dopo:  {}", shown(&e.after, whole));
        }
    }
    let disagreements = if problem.is_none() {
        journal.disagreements(dir)
    } else {
        Vec::new()
    };
    // The closed sessions' seals against the journal: each records the journal's head at
    // closing, and each closing entry carries its seal.
    let loaded = crate::workspace::load(dir);
    let findings = match &loaded.workspace {
        Some(ws) => crate::anchor::check(&ws.sessions_in_order(), &entries, problem.as_ref()),
        None => Vec::new(),
    };
    if !findings.is_empty() {
        let _ = writeln!(out, "\nSIGILLI E REGISTRO NON CONCORDANO:");
        for finding in &findings {
            let _ = writeln!(out, "  {}.", crate::anchor::capitalise(finding));
        }
    }
    let status = match &problem {
        None if !disagreements.is_empty() => {
            let _ = writeln!(
                out,
                "\nREGISTRO E FILE NON CONCORDANO: la catena di {} voci è integra, ma {} file non corrispondono a quanto registrato:",
                entries.len(),
                disagreements.len()
            );
            for d in &disagreements {
                let _ = writeln!(out, "  {d}");
            }
            Exit::DataErrors
        }
        None => {
            if !entries.is_empty() {
                let _ = writeln!(
                    out,
                    "\nRegistro integro: {} voci, catena verificata, i file concordano con le voci.",
                    entries.len()
                );
            }
            Exit::Ok
        }
        Some(p) => {
            let _ = writeln!(out, "\nREGISTRO NON INTEGRO: {p}");
            let _ = writeln!(
                out,
                "Le {} voci precedenti sono integre; dalla riga indicata il registro non è attendibile.",
                entries.len()
            );
            Exit::DataErrors
        }
    };
    let status = if findings.is_empty() {
        status
    } else {
        Exit::DataErrors
    };
    match emit(Path::new(""), None, out.as_bytes()) {
        Exit::Ok => status,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_before_or_after_is_cut_unless_asked_whole() {
        let short = "x".repeat(SHOWN);
        assert_eq!(shown(&short, false), short);
        // Characters, not bytes: a cut never falls inside one.
        let long = format!("{}{}", "è".repeat(SHOWN), "a".repeat(1_234));
        let cut = shown(&long, false);
        assert!(cut.starts_with(&"è".repeat(SHOWN)), "{cut}");
        assert!(
            cut.ends_with(
                "… [altri 1.234 caratteri: per intero con --completo, o in registro.ron]"
            ),
            "{cut}"
        );
        assert_eq!(shown(&long, true), long);
    }
}
