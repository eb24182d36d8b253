//! Releasing the bundle of a granted access request: its document, and the verbali of the
//! closed sessions (each the sealed verbale itself, or a copy with omissis where it reports the
//! personal data of natural persons or a part another applicant declared secret), written in a
//! new folder under `verbali/` and journaled, with their hashes, in the register.

use std::path::{Path, PathBuf};

use crate::domain::{AccessId, Moment, Release, ReleasedFile, SessionId};
use crate::editor::{AccessChange, Command, EditError, Editor};
use crate::minutes::{self, MinutesError};
use crate::record::{Redaction, SessionRecord, VerbaleEntry};
use crate::workspace::files;

#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error("la richiesta di accesso «{0}» non esiste")]
    NoRequest(AccessId),
    #[error(
        "la richiesta di accesso «{0}» non è accolta: si rilascia un fascicolo solo dopo la decisione di accoglierla, in tutto o in parte"
    )]
    NotGranted(AccessId),
    #[error("{0}")]
    Minutes(#[from] MinutesError),
    #[error("il verbale conservato della seduta «{0}» non si legge: {1}")]
    KeptRecord(SessionId, String),
    #[error("{0}")]
    Edit(#[from] EditError),
}

/// One file of a bundle.
pub struct BundleFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

const COPY_NOTICE: &str = "Copia rilasciata per l'accesso agli atti: i dati personali delle persone fisiche e le parti dichiarate segreto tecnico o commerciale sono omessi.";

/// The files of the bundle of `request`, as released at `at`, reading each closed session's
/// kept record with `kept`.
pub fn bundle(
    editor: &Editor,
    request: &AccessId,
    at: Moment,
) -> Result<Vec<BundleFile>, ReleaseError> {
    let ws = editor.workspace();
    let evaluation = editor.evaluation();
    let req = ws
        .access()
        .request(request)
        .ok_or_else(|| ReleaseError::NoRequest(request.clone()))?;
    if !req.decision.as_ref().is_some_and(|d| d.outcome.grants()) {
        return Err(ReleaseError::NotGranted(request.clone()));
    }
    let redaction = Redaction::for_request(ws, req);
    let mut out = Vec::new();
    let mut entries = Vec::new();
    for session in ws.sessions_in_order() {
        let Some(seal) = &session.seal else { continue };
        let kept = editor.kept_record_reader(&session.id)();
        let record: SessionRecord = match &kept.record {
            Some(bytes) => minutes::kept_record(bytes, seal)
                .map_err(|e| ReleaseError::KeptRecord(session.id.clone(), e.to_string()))?,
            None => crate::record::session_record(ws, evaluation, &session.id)
                .ok_or_else(|| MinutesError::NoSession(session.id.clone()))?,
        };
        let released = redaction.session(&record);
        let redacted = released != record;
        let stem = format!(
            "verbale-{:02}-{}",
            session.number,
            files::file_name_for(session.id.as_str()).trim_end_matches(".ron")
        );
        let (name, bytes) = if redacted {
            (
                format!("{stem}-omissis.pdf"),
                minutes::verbale_copy(&released, seal, COPY_NOTICE)?,
            )
        } else {
            // Nothing to leave out: the verbale as sealed, the bytes the members signed.
            (
                format!("{stem}.pdf"),
                minutes::sealed_minutes_pdf(seal, &kept)?,
            )
        };
        entries.push(VerbaleEntry {
            session: session.id.clone(),
            number: session.number,
            date: session.date,
            kind: session.kind,
            file: name.clone(),
            seal: seal.sha256.clone(),
            redacted,
        });
        out.push(BundleFile { name, bytes });
    }
    let record = crate::record::access_record(ws, evaluation, req, entries, at.date());
    let document = BundleFile {
        name: format!(
            "accesso-{}.pdf",
            files::file_name_for(request.as_str()).trim_end_matches(".ron")
        ),
        bytes: minutes::access_pdf(&record)?,
    };
    out.insert(0, document);
    Ok(out)
}

/// A new folder for a release: `verbali/accesso-a1`, then `-2`, `-3` for later releases, so
/// that nothing released before is written over.
fn new_folder(dir: &Path, request: &AccessId) -> PathBuf {
    let stem = format!(
        "accesso-{}",
        files::file_name_for(request.as_str()).trim_end_matches(".ron")
    );
    let base = Path::new(files::MINUTES).join(&stem);
    let mut candidate = base.clone();
    let mut n = 2;
    while dir.join(&candidate).exists() {
        candidate = Path::new(files::MINUTES).join(format!("{stem}-{n}"));
        n += 1;
    }
    candidate
}

/// Writes the bundle of `request` in a new folder, in one transaction with the release
/// recorded in the register (each file journaled with its SHA-256); returns the folder
/// (relative to the call's) and what was recorded. A refused or failed write leaves nothing.
pub fn release(
    editor: &mut Editor,
    request: &AccessId,
    at: Moment,
) -> Result<(PathBuf, Release), ReleaseError> {
    let files = bundle(editor, request, at)?;
    let folder = new_folder(editor.dir(), request);
    let release = Release {
        at,
        folder: folder.to_string_lossy().replace('\\', "/"),
        files: files
            .iter()
            .map(|f| ReleasedFile {
                name: f.name.clone(),
                sha256: crate::seal::sha256_hex(&f.bytes),
            })
            .collect(),
        // The editor names the session open now.
        session: None,
    };
    editor.apply(Command::Access(AccessChange::Release {
        request: request.clone(),
        release: release.clone(),
        files: files.into_iter().map(|f| (f.name, f.bytes)).collect(),
    }))?;
    Ok((folder, release))
}
