//! The documents that follow the minutes: the letter to each applicant with its outcome, the
//! table of grants for Amministrazione trasparente, each member's score sheet to sign, and the
//! AgID metadata written beside every document issued. `minutes` draws the PDFs; this module
//! says what goes in them and writes the files.

pub mod agid;
pub mod letter;
pub mod sheet;
pub mod transparency;

use std::path::{Path, PathBuf};

use crate::domain::{Moment, SessionId, Workspace};
use crate::import::workbook;
use crate::minutes;
use crate::workspace::{files, write_atomic};

/// Reads the record a closed session kept (see `Store::sealed_record`).
pub type Kept<'a> = &'a mut dyn FnMut(&SessionId) -> Option<Vec<u8>>;

/// Where the letters go when no folder is named: `verbali/comunicazioni/`.
pub fn letters_folder(dir: &Path) -> PathBuf {
    dir.join(files::MINUTES).join("comunicazioni")
}

/// The file name of an application's letter: `esito-2026-0004512.pdf`.
pub fn letter_file(protocol: &crate::domain::Protocol) -> String {
    format!(
        "esito-{}.pdf",
        files::file_name_for(protocol.as_str()).trim_end_matches(".ron")
    )
}

/// Writes a document's file, never over a file of the call in `dir` (see
/// [`crate::workspace::guard::guard_output`]).
pub fn write_file(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::workspace::guard::guard_output(dir, path)?;
    write_atomic(path, bytes).map_err(|e| {
        format!(
            "{}: impossibile scrivere: {}",
            path.display(),
            crate::workspace::os_error::describe(&e)
        )
    })
}

/// Writes every application's letter into `folder`, each with its AgID metadata beside it;
/// the files written, in protocol order. Nothing goes over a file of the call in `dir`.
pub fn write_letters(
    dir: &Path,
    ws: &Workspace,
    kept: Kept,
    now: Moment,
    folder: &Path,
) -> Result<Vec<PathBuf>, String> {
    let sources = letter::sources(ws, kept, now);
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut written = Vec::new();
    for protocol in ws.applications().keys() {
        let Some(record) = letter::letter(ws, &sources, protocol) else {
            continue;
        };
        let pdf = minutes::letter_pdf(&record, sources.dated).map_err(|e| e.to_string())?;
        let path = folder.join(letter_file(protocol));
        crate::workspace::guard::guard_output(dir, &agid::beside(&path))?;
        write_file(dir, &path, &pdf)?;
        let name = letter_file(protocol);
        let subject = format!(
            "Comunicazione dell'esito della valutazione della candidatura prot. {} – {}",
            protocol, record.call.title
        );
        agid::write_beside(
            &path,
            &agid::Described {
                kind: "Comunicazione",
                file_name: &name,
                subject: &subject,
                keywords: vec!["comunicazione di esito".into(), protocol.to_string()],
                parties: vec![
                    agid::Party {
                        role: "Autore".into(),
                        kind: "PAI".into(),
                        name: format!("{} – {}", record.call.authority, record.call.office),
                        tax_code: None,
                    },
                    agid::Party {
                        role: "Responsabile del procedimento".into(),
                        kind: "PF".into(),
                        name: record.call.rup.clone(),
                        tax_code: None,
                    },
                    agid::Party {
                        role: "Destinatario".into(),
                        kind: "PG".into(),
                        name: record.applicant.name.clone(),
                        tax_code: Some(record.applicant.tax_code.clone()),
                    },
                ],
                reserved: true,
                dated: sources.dated,
                final_version: record.approved,
            },
        )
        .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes the table for Amministrazione trasparente as `NAME.csv` and `NAME.ods` (the same
/// rows), dated like the ranking; the two files. Neither goes over a file of the call in `dir`.
pub fn write_transparency(
    dir: &Path,
    ws: &Workspace,
    kept: Kept,
    now: Moment,
    base: &Path,
) -> Result<[PathBuf; 2], String> {
    let sources = letter::sources(ws, kept, now);
    let grid = transparency::grants(ws, &sources);
    let csv = base.with_extension("csv");
    let ods = base.with_extension("ods");
    for path in [&csv, &ods] {
        crate::workspace::guard::guard_output(dir, path)?;
    }
    if let Some(parent) = base.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    write_file(dir, &csv, &workbook::csv(&grid))?;
    let bytes = workbook::ods(&[grid], sources.dated).map_err(|e| e.to_string())?;
    write_file(dir, &ods, &bytes)?;
    Ok([csv, ods])
}

/// A member's score sheet as PDF, with the moment it is dated; None if no such member.
pub fn sheet_pdf(
    ws: &Workspace,
    member: &crate::domain::MemberId,
    kept: Kept,
    now: Moment,
) -> Option<Result<Vec<u8>, String>> {
    let (record, dated) = sheet::sheet_record(ws, member, kept, now)?;
    Some(minutes::sheet_pdf(&record, dated).map_err(|e| e.to_string()))
}

/// The AgID metadata of a verbale, written beside its file.
pub fn verbale_metadata(
    path: &Path,
    authority: &str,
    title: &str,
    number: u32,
    reserved: bool,
    dated: Moment,
    closed: bool,
) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let subject = format!("Verbale n. {number} della commissione di valutazione – {title}");
    agid::write_beside(
        path,
        &agid::Described {
            kind: "Verbale",
            file_name: &name,
            subject: &subject,
            keywords: vec!["verbale".into(), "commissione di valutazione".into()],
            parties: vec![agid::Party {
                role: "Autore".into(),
                kind: "PAI".into(),
                name: format!("{authority} – Commissione di valutazione"),
                tax_code: None,
            }],
            reserved,
            dated,
            final_version: closed,
        },
    )
}

/// The AgID metadata of the public ranking, written beside its file.
pub fn ranking_metadata(
    path: &Path,
    authority: &str,
    title: &str,
    dated: Moment,
    approved: bool,
) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let subject = format!("Graduatoria – {title}");
    agid::write_beside(
        path,
        &agid::Described {
            kind: "Graduatoria",
            file_name: &name,
            subject: &subject,
            keywords: vec!["graduatoria".into(), "amministrazione trasparente".into()],
            parties: vec![agid::Party {
                role: "Autore".into(),
                kind: "PAI".into(),
                name: authority.to_string(),
                tax_code: None,
            }],
            reserved: false,
            dated,
            final_version: approved,
        },
    )
}
