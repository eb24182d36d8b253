//! `commissione lettere`, `trasparenza` and `scheda`: the documents that follow the minutes.

use std::path::{Path, PathBuf};

use super::minutes::{default_output, write_pdf};
use super::{Exit, load_clean};
use crate::documents;
use crate::domain::MemberId;
use crate::minutes;
use crate::workspace::Store;

/// `commissione lettere DIR [-o FOLDER]`: a letter to each applicant with its outcome.
pub fn letters(dir: &Path, output: Option<&Path>) -> Exit {
    let (ws, loaded) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let folder = output.map_or_else(|| documents::letters_folder(dir), Path::to_path_buf);
    if let Err(exit) = super::refuse_call_file(dir, &folder.join("esito.pdf")) {
        return exit;
    }
    let mut store = Store::new(dir, loaded.sources);
    let mut kept = |id: &crate::domain::SessionId| store.sealed_record(id).ok();
    match documents::write_letters(dir, &ws, &mut kept, minutes::issue_moment(), &folder) {
        Ok(files) => {
            println!(
                "{} comunicazioni di esito scritte in {} (ciascuna con i suoi metadati AgID).",
                files.len(),
                folder.display()
            );
            Exit::Ok
        }
        Err(e) => {
            eprintln!("errore: {e}");
            Exit::DataErrors
        }
    }
}

/// `commissione trasparenza DIR [-o FILE]`: the grants for Amministrazione trasparente.
pub fn transparency(dir: &Path, output: Option<&Path>) -> Exit {
    let (ws, loaded) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let base: PathBuf =
        output.map_or_else(|| default_output(dir, "trasparenza.csv"), Path::to_path_buf);
    for path in [base.with_extension("csv"), base.with_extension("ods")] {
        if let Err(exit) = super::refuse_call_file(dir, &path) {
            return exit;
        }
    }
    let mut store = Store::new(dir, loaded.sources);
    let mut kept = |id: &crate::domain::SessionId| store.sealed_record(id).ok();
    match documents::write_transparency(dir, &ws, &mut kept, minutes::issue_moment(), &base) {
        Ok([csv, ods]) => {
            println!(
                "Tabella per Amministrazione trasparente scritta in {} e {}.",
                csv.display(),
                ods.display()
            );
            Exit::Ok
        }
        Err(e) => {
            eprintln!("errore: {e}");
            Exit::DataErrors
        }
    }
}

/// `commissione scheda DIR --member ID [-o FILE.pdf]`: a member's score sheet to sign.
pub fn sheet(dir: &Path, member: &str, output: Option<&Path>) -> Exit {
    let (ws, loaded) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let Some(id) = MemberId::new(member)
        .ok()
        .filter(|id| ws.commission().member(id).is_some())
    else {
        let ids: Vec<String> = ws
            .commission()
            .voting_members()
            .map(|m| m.id.to_string())
            .collect();
        eprintln!(
            "errore: il componente «{member}» non è nella commissione (componenti: {})",
            ids.join(", ")
        );
        return Exit::Misuse;
    };
    let path = output.map_or_else(
        || default_output(dir, &format!("scheda-{id}.pdf")),
        Path::to_path_buf,
    );
    if let Err(exit) = super::refuse_call_file(dir, &path) {
        return exit;
    }
    let mut store = Store::new(dir, loaded.sources);
    let mut kept = |id: &crate::domain::SessionId| store.sealed_record(id).ok();
    match documents::sheet_pdf(&ws, &id, &mut kept, minutes::issue_moment()) {
        Some(Ok(bytes)) => {
            let exit = write_pdf(dir, &path, &bytes);
            if exit == Exit::Ok {
                println!(
                    "Scheda di valutazione di {id} scritta in {}.",
                    path.display()
                );
            }
            exit
        }
        Some(Err(e)) => {
            eprintln!("errore: {e}");
            Exit::DataErrors
        }
        None => Exit::Misuse,
    }
}
