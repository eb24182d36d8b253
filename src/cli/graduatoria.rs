//! `commissione graduatoria DIR [-o FILE.pdf]`: the public ranking, without personal data.

use std::path::Path;

use super::minutes::{default_output, write_pdf};
use super::{Exit, load_clean};
use crate::minutes;

pub fn run(dir: &Path, output: Option<&Path>) -> Exit {
    let (ws, _) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let bytes = match minutes::ranking_pdf(&ws) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("errore: {e}");
            return Exit::DataErrors;
        }
    };
    let path = output.map_or_else(|| default_output(dir, "graduatoria.pdf"), Path::to_path_buf);
    let mut exit = write_pdf(dir, &path, &bytes);
    if exit == Exit::Ok {
        let dated = minutes::stamp_in_pdf(&bytes)
            .and_then(|s| s.issued)
            .unwrap_or_else(minutes::issue_moment);
        let approved = ws
            .sessions_in_order()
            .into_iter()
            .rev()
            .find(|s| s.kind == crate::domain::SessionKind::Final)
            .is_some_and(|s| s.seal.is_some());
        if let Err(e) = crate::documents::ranking_metadata(
            &path,
            &ws.call().authority,
            &ws.call().title,
            dated,
            approved,
        ) {
            eprintln!("{}: impossibile scrivere i metadati ({e})", path.display());
            exit = Exit::DataErrors;
        }
    }
    if exit == Exit::Ok {
        println!("Graduatoria scritta in {}.", path.display());
    }
    exit
}
