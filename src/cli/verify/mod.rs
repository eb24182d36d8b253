//! `commissione verify DIR [FILE.pdf]`: whether a verbale or a ranking is the document the
//! workspace issued, and whether the sessions closed in it still hold.
//!
//! A PDF matches only if it is the document byte for byte — for a closed session the verbale
//! kept as sealed when it closed, otherwise the one drawn again from the data — or that document
//! followed by incremental updates that only sign it (see [`crate::pdf_check`]). The seal it
//! carries must be the one stored; the signatures found are listed, without judging whether
//! their certificates are to be trusted. Without a file, every closed session is checked: its
//! kept record and sealed verbale, what it fixed, and its seal against the journal.

mod document;
mod sessions;

use std::path::Path;

use super::Exit;

pub fn run(dir: &Path, file: Option<&Path>) -> Exit {
    match file {
        Some(file) => document::run(dir, file),
        None => sessions::run(dir),
    }
}
