//! `commissione minutes DIR --session ID [-o FILE.pdf]`: the verbale of one session.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::{Exit, load_clean};
use crate::domain::{SessionId, Workspace};
use crate::minutes::{self, MinutesError};
use crate::workspace::{self, Store, files};

/// Where a document goes when no file is named: the workspace's `verbali/` folder.
pub(crate) fn default_output(dir: &Path, name: &str) -> PathBuf {
    dir.join(files::MINUTES).join(name)
}

pub(crate) fn write_pdf(dir: &Path, path: &Path, bytes: &[u8]) -> Exit {
    super::export(dir, path, bytes)
}

/// A file being written in its folder under a temporary name, that takes its real name only
/// when complete: a long document goes to disk as it is made, never whole in memory, and a
/// failure leaves no half-written file.
pub(crate) struct Streamed {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl Streamed {
    pub(crate) fn new(path: &Path) -> std::io::Result<(Streamed, BufWriter<File>)> {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let temp = tempfile::Builder::new()
            .prefix(".commissione.")
            .suffix(".tmp")
            .tempfile_in(parent)?;
        let file = BufWriter::with_capacity(1 << 16, temp.as_file().try_clone()?);
        Ok((
            Streamed {
                temp,
                path: path.to_path_buf(),
            },
            file,
        ))
    }

    /// The file complete: flushed to disk and renamed to its name.
    pub(crate) fn keep(self, writer: BufWriter<File>) -> std::io::Result<()> {
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        // A temporary file is private; the document is not.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&self.path).map_or(0o644, |m| m.permissions().mode());
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.sync_all()?;
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
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
    // Neither the verbale nor its metadata beside it may take the place of a file of the call.
    for target in [path.clone(), crate::documents::agid::beside(&path)] {
        if let Err(exit) = super::refuse_call_file(dir, &target) {
            return exit;
        }
    }
    let (streamed, file) = match Streamed::new(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "errore: {}: impossibile scrivere: {}",
                path.display(),
                workspace::os_error::describe(&e)
            );
            return Exit::DataErrors;
        }
    };
    let drafted = minutes::issue_moment();
    let (authority, title) = (ws.call().authority.clone(), ws.call().title.clone());
    let written = match &s.seal {
        // A closed session's verbale is the one sealed when it closed: the loaded call goes
        // before the kept files are read (on a large call each is hundreds of megabytes), and
        // is read again only when neither can be, to draw the verbale from the data.
        Some(seal) => {
            drop(ws);
            let mut store = Store::new(dir, loaded.sources);
            let pdf = store.sealed_pdf(&s.id, s.number).ok();
            // While the sealed PDF is there to be issued, the kept record need only give the
            // seal: it is hashed piece by piece rather than read whole (220 MB at 10,000
            // applications, beside a PDF of 121 MB).
            let mut file = file;
            let issued = match &pdf {
                Some(pdf) if seal.pdf.is_some() => {
                    let record = store.sealed_record_sha256(&s.id).ok();
                    minutes::write_kept_pdf_issued(seal, pdf, record.as_deref(), &mut file)
                }
                _ => Ok(false),
            };
            match issued {
                Err(e) => Err(e),
                Ok(true) => Ok(file),
                Ok(false) => {
                    let kept = minutes::Kept {
                        record: store.sealed_record(&s.id).ok(),
                        pdf,
                    };
                    if kept.record.is_some() || kept.pdf.is_some() {
                        minutes::write_kept_issued(seal, kept, file)
                    } else {
                        let ws = match load_clean(dir) {
                            Ok((ws, _)) => ws,
                            Err(exit) => return exit,
                        };
                        minutes::write_issued_minutes(ws, &s.id, None, drafted, file)
                    }
                }
            }
        }
        // The workspace goes before the pages are laid out: the verbale then needs only its
        // record.
        None => minutes::write_issued_minutes(ws, &s.id, None, drafted, file),
    };
    let file = match written {
        Ok(file) => file,
        Err(e @ MinutesError::NoSession(_)) => {
            eprintln!("errore: {e}");
            return Exit::Misuse;
        }
        Err(e) => {
            eprintln!("errore: {e}");
            return Exit::DataErrors;
        }
    };
    let metadata = |()| {
        crate::documents::verbale_metadata(
            &path,
            &authority,
            &title,
            s.number,
            s.kind == crate::domain::SessionKind::ReservedScoring,
            s.seal.as_ref().map_or(drafted, |seal| seal.closed_at),
            s.seal.is_some(),
        )
    };
    let exit = match streamed.keep(file).and_then(metadata) {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!(
                "errore: {}: impossibile scrivere: {}",
                path.display(),
                workspace::os_error::describe(&e)
            );
            Exit::DataErrors
        }
    };
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
