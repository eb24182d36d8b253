//! `commissione sample NAME DIR`.

use std::path::Path;

use super::Exit;
use crate::samples::{self, large};
use crate::workspace::{files, write_new};

pub fn run(name: &str, dir: &Path, size: large::Size) -> Exit {
    if name == "large" {
        return run_large(dir, size);
    }
    match samples::write(name, dir) {
        Ok(()) => {
            println!("Avviso di esempio «{name}» scritto in {}.", dir.display());
            Exit::Ok
        }
        Err(e @ samples::SampleError::Unknown { .. }) => {
            eprintln!("errore: {e}");
            Exit::Misuse
        }
        Err(e) => {
            eprintln!("errore: {e}");
            Exit::DataErrors
        }
    }
}

fn run_large(dir: &Path, size: large::Size) -> Exit {
    if dir.join(files::CALL).exists() {
        eprintln!(
            "errore: {} contiene già un avviso: scegliere una cartella vuota o nuova",
            dir.display()
        );
        return Exit::DataErrors;
    }
    let Some(ws) = large::generate(size) else {
        eprintln!("errore: dimensioni non valide per un avviso sintetico");
        return Exit::Misuse;
    };
    match write_new(dir, &ws) {
        Ok(_) => {
            println!(
                "Avviso sintetico scritto in {}: {} candidature, {} lotti, {} componenti, {} criteri (seme {}).",
                dir.display(),
                ws.applications().len(),
                ws.call().lots.len(),
                ws.commission().voting_members().count(),
                ws.call().leaf_criteria().len(),
                size.seed
            );
            Exit::Ok
        }
        Err(e) => {
            eprintln!("errore: {e}");
            Exit::DataErrors
        }
    }
}
