//! `commissione import DIR --template FILE.xlsx` (or `.ods`): the workbook to fill in for an
//! import of applications, with the call's lots in its drop-down lists.

use std::path::Path;

use super::{Exit, load_clean};
use crate::import::template::{self, TemplateFormat};

pub fn run(dir: &Path, path: &Path) -> Exit {
    let Some(format) = TemplateFormat::of(path) else {
        eprintln!(
            "errore: {}: il modello si scrive come .xlsx oppure .ods",
            path.display()
        );
        return Exit::Misuse;
    };
    let (ws, _) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let bytes = match template::template(ws.call(), format) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("errore: {e}");
            return Exit::DataErrors;
        }
    };
    match super::export(dir, path, &bytes) {
        Exit::Ok => {
            println!(
                "Modello per l'importazione scritto in {}: fogli «{}», «{}», «{}» da compilare, «{}» con le istruzioni.",
                path.display(),
                template::APPLICATIONS_SHEET,
                template::BUDGET_SHEET,
                template::COFINANCING_SHEET,
                template::INSTRUCTIONS_SHEET
            );
            Exit::Ok
        }
        other => other,
    }
}
