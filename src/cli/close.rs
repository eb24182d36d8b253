//! `commissione close DIR --session ID [--conferma-pendenti]`: closes a session, sealing what its
//! minutes report. Refused while files of the call cannot be read (the seal would leave them
//! out); a final session with applications undecided or not fully scored closes only with
//! `--conferma-pendenti`, after the list of them, and its verbale states them.

use std::path::Path;

use super::Exit;
use crate::domain::{SessionId, SessionKind};
use crate::editor::{Actor, Command, EditError, Editor};

pub fn run(dir: &Path, session: &str, confirm_pending: bool) -> Exit {
    crate::workspace::tx::catch_interruptions();
    let editor = match Editor::open(dir, Actor::Secretariat) {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("{e}");
            return Exit::DataErrors;
        }
    };
    super::say_recovered(&editor);
    let Ok(id) = SessionId::new(session) else {
        eprintln!("errore: «{session}» non è un identificativo di seduta");
        return Exit::Misuse;
    };
    // Unreadable files first: the editor refuses to close over them, naming them.
    let final_open = editor
        .workspace()
        .session(&id)
        .is_some_and(|s| s.kind == SessionKind::Final && !s.is_closed());
    if final_open && editor.problems().is_empty() {
        let pending = crate::record::pending(editor.workspace(), editor.evaluation());
        if !pending.is_empty() {
            let lines = pending.lines(editor.workspace());
            let list: String = lines.iter().map(|l| format!("\n  {l}")).collect();
            if !confirm_pending {
                eprintln!(
                    "errore: la seduta conclusiva «{id}» ha {} in sospeso:{list}\nLa seduta non è stata chiusa. Per chiuderla comunque, con queste candidature in sospeso (il verbale le riporta), ripetere il comando con --conferma-pendenti.",
                    if lines.len() == 1 {
                        "una candidatura".to_string()
                    } else {
                        format!("{} candidature", lines.len())
                    }
                );
                return Exit::DataErrors;
            }
            println!(
                "Chiusura confermata con candidature in sospeso (il verbale le riporta):{list}"
            );
        }
    }
    // The command ends with the closing: the editor is not kept.
    match editor.apply_and_leave(Command::CloseSession(id.clone())) {
        Ok(ws) => {
            let Some(seal) = ws.session(&id).and_then(|s| s.seal.clone()) else {
                return Exit::DataErrors;
            };
            let number = ws.session(&id).map_or(0, |s| s.number);
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
            if e.interrupted() {
                return Exit::Interrupted;
            }
            Exit::DataErrors
        }
    }
}
