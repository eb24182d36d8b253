//! What an export may write: never a file of the call itself. One function, [`guard_output`],
//! that every export calls (the ranking, the score matrix, the minutes, the public ranking, a
//! member's sheet, and any export to come) before it writes.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::files;
use super::messages::{self, kept};

/// Refuses `path` as an export's destination when it is, or leads by symbolic links to, a file
/// of the call in `dir`: its data (avviso, commissione, candidature, schede, sedute, the kept
/// records of closed sessions), the journal, the lock, an operation under way, the backups and
/// the temporary files, the verbali sealed at closing (`verbali/sigillati/`). Inside the call's
/// folder only `verbali/` (not its `sigillati/`) and new files in the folder itself are for
/// exports. The error is the Italian sentence to show.
pub fn guard_output(dir: &Path, path: &Path) -> Result<(), String> {
    let Some(rel) = relative_to_call(dir, path) else {
        return Ok(());
    };
    let refuse = |what: &str| Err(messages::export_over_call_file(path.display(), what));
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some(name) = parts.last() else {
        return refuse(kept::FOLDER);
    };
    let lower = name.to_lowercase();
    if lower.ends_with(".bak") {
        return refuse(kept::BACKUP);
    }
    if name.starts_with('.') {
        return refuse(kept::SERVICE_FILE);
    }
    match parts.first().map(String::as_str) {
        Some(files::APPLICATIONS) | Some(files::SHEETS) | Some(files::SESSIONS)
            if parts.len() > 1 =>
        {
            if lower.ends_with(".verbale.json") {
                refuse(kept::KEPT_RECORD)
            } else {
                refuse(kept::DATA_FILE)
            }
        }
        Some(files::MINUTES)
            if parts
                .get(1)
                .is_some_and(|p| p.eq_ignore_ascii_case(super::save::SEALED_MINUTES)) =>
        {
            if parts.len() > 2 {
                refuse(kept::SEALED_MINUTES)
            } else {
                refuse(kept::SEALED_FOLDER)
            }
        }
        Some(files::MINUTES) if parts.len() > 1 => Ok(()),
        _ if parts.len() > 1 => Ok(()),
        _ => match name.as_str() {
            files::CALL | files::COMMISSION => refuse(kept::DATA_FILE),
            super::journal::FILE => refuse(kept::JOURNAL),
            super::lock::FILE | super::lock::SYSTEM_FILE => refuse(kept::LOCK),
            super::tx::INTENT => refuse(kept::INTENT),
            files::APPLICATIONS | files::SHEETS | files::SESSIONS | files::MINUTES => {
                refuse(kept::A_FOLDER)
            }
            _ => Ok(()),
        },
    }
}

/// `path` relative to the call's folder, after following symbolic links, if it is inside it.
fn relative_to_call(dir: &Path, path: &Path) -> Option<PathBuf> {
    let root = fs::canonicalize(dir).ok()?;
    let real = resolve(path)?;
    real.strip_prefix(&root).ok().map(Path::to_path_buf)
}

/// Where writing `path` would really write: the file followed through its links if it exists,
/// otherwise its folder resolved and its name.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = fs::canonicalize(path) {
        return Some(real);
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    // A dangling link: where it points.
    if let Ok(target) = fs::read_link(&absolute) {
        let base = absolute.parent()?.to_path_buf();
        return resolve(&base.join(target));
    }
    // A folder to create and left again (`nuova/..`): where the write would land.
    if let Some(Component::ParentDir) = absolute.components().next_back() {
        return resolve(absolute.parent()?)?.parent().map(Path::to_path_buf);
    }
    // A file to create, maybe in folders to create: the nearest folder that exists resolved.
    let name = absolute.file_name()?.to_os_string();
    let parent = absolute.parent()?;
    Some(
        resolve(parent)
            .unwrap_or_else(|| parent.to_path_buf())
            .join(name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_call_s_own_files_are_refused_and_exports_are_not() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("avviso");
        for folder in ["candidature", "schede", "sedute", "verbali/sigillati"] {
            fs::create_dir_all(dir.join(folder)).expect("folder");
        }
        fs::write(dir.join("avviso.ron"), "x").expect("write");
        fs::write(dir.join("sedute/s2.verbale.json"), "x").expect("write");
        for refused in [
            "avviso.ron",
            "commissione.ron",
            "registro.ron",
            "commissione.lock",
            "transazione.ron",
            "candidature/P1.ron",
            "schede/m1.ron",
            "schede/nuovo.ron",
            "sedute/s2.ron",
            "sedute/s2.verbale.json",
            "avviso.ron.bak",
            "verbali/sigillati/verbale-02-s2.pdf",
            "verbali/sigillati/verbale-02-s2.metadati.json",
            "schede",
            ".commissione.blocco",
            "verbali/sigillati/nuovo.pdf",
            "verbali/sigillati",
        ] {
            let e = guard_output(&dir, &dir.join(refused)).expect_err(refused);
            assert!(e.contains("non lo sovrascrive"), "{refused}: {e}");
        }
        for allowed in [
            "verbali/verbale-01-s1.pdf",
            "graduatoria.csv",
            "verbali/g.xlsx",
        ] {
            assert_eq!(guard_output(&dir, &dir.join(allowed)), Ok(()), "{allowed}");
        }
        assert_eq!(guard_output(&dir, &tmp.path().join("fuori.csv")), Ok(()));
        // Through a path that goes out and back in, and through a link.
        let roundabout = dir.join("verbali/../avviso.ron");
        assert!(guard_output(&dir, &roundabout).is_err());
        // Through a folder that does not exist yet, and would be created on the way.
        let created = dir.join("nuova/../avviso.ron");
        assert!(guard_output(&dir, &created).is_err());
        let created = dir.join("verbali/nuova/../../schede/m1.ron");
        assert!(guard_output(&dir, &created).is_err());
        #[cfg(unix)]
        {
            let link = tmp.path().join("innocuo.csv");
            std::os::unix::fs::symlink(dir.join("avviso.ron"), &link).expect("link");
            assert!(guard_output(&dir, &link).is_err());
            let folder_link = tmp.path().join("cartella");
            std::os::unix::fs::symlink(dir.join("schede"), &folder_link).expect("link");
            assert!(guard_output(&dir, &folder_link.join("m9.ron")).is_err());
            let sealed = tmp.path().join("sigillati");
            std::os::unix::fs::symlink(dir.join("verbali/sigillati"), &sealed).expect("link");
            let e = guard_output(&dir, &sealed.join("verbale-02-s2.pdf")).expect_err("sealed");
            assert!(e.contains("un verbale sigillato"), "{e}");
        }
    }
}
