//! `commissione sample NAME DIR`.

use std::path::Path;

use super::Exit;
use crate::samples;

pub fn run(name: &str, dir: &Path) -> Exit {
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
