//! `commissione minutes DIR --session ID [-o FILE.pdf]`: the verbale of one session.

use std::path::{Path, PathBuf};

use super::{Exit, load_clean};
use crate::domain::{SessionId, Workspace};
use crate::minutes::{self, MinutesError};
use crate::workspace::{Store, files};

/// Where a document goes when no file is named: the workspace's `verbali/` folder.
pub(crate) fn default_output(dir: &Path, name: &str) -> PathBuf {
    dir.join(files::MINUTES).join(name)
}

pub(crate) fn write_pdf(dir: &Path, path: &Path, bytes: &[u8]) -> Exit {
    super::export(dir, path, bytes)
}

fn sessions_list(ws: &Workspace) -> String {
    let ids: Vec<String> = ws
        .sessions_in_order()
        .iter()
        .map(|s| format!("{} (verbale n. {})", s.id, s.number))
        .collect();
    if ids.is_empty() {
        "l'avviso non ha ancora sedute (cartella sedute/)".to_string()
    } else {
        format!("sedute: {}", ids.join(", "))
    }
}

pub fn run(dir: &Path, session: &str, output: Option<&Path>) -> Exit {
    let (ws, loaded) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let Some(s) = SessionId::new(session)
        .ok()
        .and_then(|id| ws.session(&id).cloned())
    else {
        eprintln!(
            "errore: la seduta «{session}» non esiste ({})",
            sessions_list(&ws)
        );
        return Exit::Misuse;
    };
    // A closed session's verbale is the one sealed when it closed.
    let kept = match &s.seal {
        Some(_) => {
            let mut store = Store::new(dir, loaded.sources);
            Some(minutes::Kept {
                record: store.sealed_record(&s.id).ok(),
                pdf: store.sealed_pdf(&s.id, s.number).ok(),
            })
        }
        None => None,
    };
    let bytes = match minutes::issued_minutes_pdf(&ws, &s.id, kept.as_ref()) {
        Ok(bytes) => bytes,
        Err(e @ MinutesError::NoSession(_)) => {
            eprintln!("errore: {e}");
            return Exit::Misuse;
        }
        Err(e) => {
            eprintln!("errore: {e}");
            return Exit::DataErrors;
        }
    };
    let path = output.map_or_else(
        || {
            default_output(
                dir,
                &format!(
                    "verbale-{:02}-{}.pdf",
                    s.number,
                    files::file_name_for(s.id.as_str()).trim_end_matches(".ron")
                ),
            )
        },
        Path::to_path_buf,
    );
    let exit = write_pdf(dir, &path, &bytes);
    if exit == Exit::Ok {
        let state = if s.seal.is_some() {
            "seduta chiusa, con il sigillo"
        } else {
            "bozza: la seduta non è ancora chiusa"
        };
        println!(
            "Verbale n. {} della seduta «{}» scritto in {} ({state}).",
            s.number,
            s.id,
            path.display()
        );
    }
    exit
}
