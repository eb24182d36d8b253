//! `commissione close DIR --session ID`: closes a session, sealing what its minutes report.

use std::path::Path;

use super::Exit;
use crate::domain::SessionId;
use crate::editor::{Actor, Command, EditError, Editor};

pub fn run(dir: &Path, session: &str) -> Exit {
    let mut editor = match Editor::open(dir, Actor::Secretariat) {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("{e}");
            return Exit::DataErrors;
        }
    };
    let Ok(id) = SessionId::new(session) else {
        eprintln!("errore: «{session}» non è un identificativo di seduta");
        return Exit::Misuse;
    };
    match editor.apply(Command::CloseSession(id.clone())) {
        Ok(_) => {
            let Some(seal) = editor.workspace().session(&id).and_then(|s| s.seal.clone()) else {
                return Exit::DataErrors;
            };
            let number = editor.workspace().session(&id).map_or(0, |s| s.number);
            let sealed = crate::workspace::sealed_pdf_path(number, &id);
            println!(
                "Seduta «{id}» chiusa. Sigillo: {}\nIl verbale è conservato com'è ora, e il PDF sigillato da firmare è {}; {} elementi (avviso, candidature, decisioni, dichiarazioni, punteggi) non si possono più cambiare se non con una rettifica motivata in una seduta successiva.",
                seal.sha256,
                sealed.to_string_lossy().replace('\\', "/"),
                seal.covers.len()
            );
            Exit::Ok
        }
        Err(e @ EditError::NotFound(_)) => {
            eprintln!("errore: {e}");
            Exit::Misuse
        }
        Err(e) => {
            eprintln!("errore: {e}");
            Exit::DataErrors
        }
    }
}
