//! The sample calls shipped in the binary (from `sample-data/`).

use std::fs;
use std::io;
use std::path::Path;

pub mod large;

use crate::workspace::{files, write_atomic};

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

pub fn names() -> Vec<&'static str> {
    SAMPLES.iter().map(|(name, _)| *name).collect()
}

pub fn files(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    SAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, files)| *files)
}

#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("non esiste un avviso di esempio «{name}»: quelli disponibili sono {available}")]
    Unknown { name: String, available: String },
    #[error("{dir} contiene già un avviso ({file}): scegliere una cartella vuota o nuova")]
    NotEmpty { dir: String, file: &'static str },
    #[error("{path}: impossibile scrivere ({})", crate::workspace::os_error::describe(.source))]
    Io { path: String, source: io::Error },
}

/// Writes the sample `name` into `dir`, which must not hold a call already.
pub fn write(name: &str, dir: &Path) -> Result<(), SampleError> {
    let Some(list) = files(name) else {
        return Err(SampleError::Unknown {
            name: name.to_string(),
            available: names().join(", "),
        });
    };
    if dir.join(files::CALL).exists() {
        return Err(SampleError::NotEmpty {
            dir: dir.display().to_string(),
            file: files::CALL,
        });
    }
    for (rel, text) in list {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| SampleError::Io {
                path: parent.display().to_string(),
                source,
            })?;
        }
        write_atomic(&path, text.as_bytes()).map_err(|source| SampleError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(())
}

/// The name of the sample whose call this is (same authority, title and CUP), if any: the
/// window says so, so that nobody takes the sample for a real call.
pub fn sample_of(call: &crate::domain::Call) -> Option<&'static str> {
    static CALLS: std::sync::LazyLock<Vec<(&'static str, String, String)>> =
        std::sync::LazyLock::new(|| {
            let options = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
            SAMPLES
                .iter()
                .filter_map(|(name, list)| {
                    let (_, text) = list.iter().find(|(rel, _)| *rel == files::CALL)?;
                    let file: files::CallFile = options.from_str(text).ok()?;
                    Some((*name, file.call.authority, file.call.title))
                })
                .collect()
        });
    CALLS
        .iter()
        .find(|(_, authority, title)| *authority == call.authority && *title == call.title)
        .map(|(name, _, _)| *name)
}
