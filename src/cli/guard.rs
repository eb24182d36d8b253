//! Exports never write over a file of the call: inside the call's folder a document goes only
//! under `verbali/`, the folder of what the program issues. (A check of its own until the
//! workspace offers one.)

use std::path::{Component, Path, PathBuf};

use crate::workspace::files;

/// The path made absolute and without `.` or `..`, without touching the disk (the file may
/// not exist yet).
fn normal(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Refuses `target` if it lies in the call's folder `dir` outside `verbali/`.
pub fn not_a_call_file(dir: &Path, target: &Path) -> Result<(), String> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| normal(p));
    let dir = canonical(dir);
    // The folder of the target may not exist yet: resolve what exists of it.
    let target = match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
            canonical(parent).join(name)
        }
        _ => normal(target),
    };
    let Ok(inside) = target.strip_prefix(&dir) else {
        return Ok(());
    };
    let first = inside.components().next();
    let in_minutes = matches!(first, Some(Component::Normal(f)) if f == files::MINUTES)
        && inside.components().count() > 1;
    // A new file beside the call's files takes nothing's place; a folder of the call's data,
    // or any file already there, is the call's.
    let new_beside = inside.components().count() == 1 && !target.exists();
    if in_minutes || new_beside {
        Ok(())
    } else {
        Err(format!(
            "{} è nella cartella dell'avviso: i documenti si scrivono in {}/ o fuori dalla cartella, mai al posto dei file dell'avviso",
            target.display(),
            files::MINUTES
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_minutes_folder_of_a_call_takes_documents() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("avviso.ron"), "").unwrap();
        assert!(not_a_call_file(d, &d.join("avviso.ron")).is_err());
        assert!(not_a_call_file(d, &d.join("sedute/s1.ron")).is_err());
        assert!(not_a_call_file(d, &d.join("verbali/../avviso.ron")).is_err());
        assert!(not_a_call_file(d, &d.join("lettere.pdf")).is_ok());
        assert!(not_a_call_file(d, &d.join("candidature/x.pdf")).is_err());
        assert!(not_a_call_file(d, &d.join("verbali/lettere/a.pdf")).is_ok());
        assert!(not_a_call_file(d, &d.join("verbali/v.pdf")).is_ok());
        let other = tempfile::tempdir().unwrap();
        assert!(not_a_call_file(d, &other.path().join("v.pdf")).is_ok());
    }
}
