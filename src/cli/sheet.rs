//! `commissione sheet export|import`: a member's score sheet to and from one file.

use std::path::Path;

use super::{Exit, emit, load_clean};
use crate::domain::MemberId;
use crate::editor::{Actor, Command, Editor};
use crate::workspace::travel::{self, Refusal};
use crate::workspace::{files, os_error};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Prefer {
    /// Keep the sheet already in the workspace.
    Held,
    /// Take the sheet from the file.
    Incoming,
}

pub fn export(dir: &Path, member: &str, output: &Path) -> Exit {
    if let Err(exit) = super::refuse_call_file(dir, output) {
        return exit;
    }
    let (ws, _) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let Some(sheet) = MemberId::new(member)
        .ok()
        .and_then(|m| ws.sheet(&m).cloned())
    else {
        let members: Vec<String> = ws.sheets().keys().map(|m| m.to_string()).collect();
        eprintln!(
            "errore: non c'è una scheda di valutazione di «{member}» (schede presenti: {})",
            if members.is_empty() {
                "nessuna".into()
            } else {
                members.join(", ")
            }
        );
        return Exit::Misuse;
    };
    // The command line exports as the secretariat does: it does not say which member runs it.
    let text = match travel::export(&ws, &sheet, None) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("errore: impossibile preparare la scheda ({e})");
            return Exit::DataErrors;
        }
    };
    match emit(dir, Some(output), text.as_bytes()) {
        Exit::Ok => {
            println!(
                "Scheda di «{}» (revisione {}, {} punteggi) esportata in {}.",
                sheet.member,
                sheet.revision,
                sheet.scores.len(),
                output.display()
            );
            Exit::Ok
        }
        other => other,
    }
}

pub fn import(dir: &Path, file: &Path, member: Option<&str>, prefer: Option<Prefer>) -> Exit {
    let expected = match member.map(MemberId::new).transpose() {
        Ok(expected) => expected,
        Err(e) => {
            eprintln!("errore: --member: {e}");
            return Exit::Misuse;
        }
    };
    let text = match files::read_regular(file, files::MAX_FILE_BYTES).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|_| std::io::ErrorKind::InvalidData.into())
    }) {
        Ok(text) => text,
        Err(e) => {
            eprintln!(
                "{}: impossibile leggere la scheda: {}",
                file.display(),
                os_error::describe(&e)
            );
            return Exit::DataErrors;
        }
    };
    crate::workspace::tx::catch_interruptions();
    let mut editor = match Editor::open(dir, Actor::Secretariat) {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("{e}");
            return Exit::DataErrors;
        }
    };
    super::say_recovered(&editor);
    if let Some(ro) = editor.read_only() {
        eprintln!("errore: l'avviso non si può modificare: {}", ro.reason());
        return Exit::DataErrors;
    }
    let sheet = match travel::check(editor.workspace(), file, &text, expected.as_ref()) {
        Ok(incoming) => incoming.sheet,
        Err(Refusal::Diverged { member, revision }) => match prefer {
            Some(Prefer::Incoming) => match travel::read_unchecked(&text) {
                Some(sheet) => sheet,
                None => return Exit::DataErrors,
            },
            Some(Prefer::Held) => {
                println!(
                    "Tenuta la scheda di «{member}» già presente (revisione {revision}); il file non è stato importato."
                );
                return Exit::Ok;
            }
            None => {
                eprintln!(
                    "{}: {}\nRieseguire con --prefer incoming per prendere quella del file, o --prefer held per tenere quella presente.",
                    file.display(),
                    Refusal::Diverged { member, revision }
                );
                return Exit::DataErrors;
            }
        },
        Err(refusal @ Refusal::AlreadyHeld { .. }) => {
            println!("{}: {refusal}", file.display());
            return Exit::Ok;
        }
        Err(refusal) => {
            eprintln!("{}: {refusal}", file.display());
            return Exit::DataErrors;
        }
    };
    let member = sheet.member.clone();
    let count = sheet.scores.len();
    let revision = sheet.revision;
    match editor.apply(Command::PutSheet(sheet)) {
        Ok(_) => {
            println!("Scheda di «{member}» importata: revisione {revision}, {count} punteggi.");
            Exit::Ok
        }
        Err(e) => {
            eprintln!("{}: la scheda non è stata importata: {e}", file.display());
            if e.interrupted() {
                return Exit::Interrupted;
            }
            Exit::DataErrors
        }
    }
}
