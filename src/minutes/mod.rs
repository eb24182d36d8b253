//! The documents a session produces, as PDF: the verbale of each session and the public
//! ranking (graduatoria). Both are drawn only from their records (`crate::record`), in an
//! embedded font, A4, and byte for byte the same for the same data.
//!
//! Every document is PDF/A-2a: tagged (headings, paragraphs, lists, tables with header
//! cells), with XMP metadata and an sRGB output intent, its fonts embedded.
//!
//! `text` measures and breaks lines, `layout` and `table` flow them down pages and build the
//! structure tree (`tags`), `content` writes each page's drawing operators and `pdf` the file
//! around them (`objects`, `embed` for the fonts, `pdfa` for the metadata), all written as the
//! layout goes on (`document`); `verbale` (with `opening`, `scoring`, `final_session`) and
//! `graduatoria` say what goes in each document.

mod access;
mod access_acts;
mod acts;
mod changes;
mod content;
mod copy;
mod document;
mod embed;
mod final_session;
pub(crate) mod font;
mod graduatoria;
mod layout;
mod letter;
mod objects;
mod opening;
mod pdf;
pub mod pdfa;
mod procedure;
mod scheda;
mod scoring;
mod table;
mod tags;
mod text;
mod verbale;

use std::io::Write;

use crate::domain::{MemberId, Moment, Seal, SessionId, Workspace};
use crate::record::{RankingRecord, SessionRecord, ranking_record, session_record};
use crate::rules;
use crate::seal::ranking_seal;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinutesError {
    #[error("la seduta «{0}» non esiste in questo avviso")]
    NoSession(SessionId),
    #[error(
        "la seduta «{session}» è stata chiusa con il sigillo {stored}, ma i dati attuali danno {computed}: \
         qualcosa che la seduta copre è cambiato dopo la chiusura, e il verbale non può essere emesso"
    )]
    SealMismatch {
        session: SessionId,
        stored: String,
        computed: String,
    },
    #[error(
        "il verbale conservato alla chiusura della seduta non corrisponde al suo sigillo: è stato modificato dopo la chiusura"
    )]
    KeptRecordAltered,
    #[error("il verbale conservato alla chiusura della seduta non si può leggere: {0}")]
    KeptRecordUnreadable(String),
    #[error(
        "il verbale sigillato alla chiusura della seduta (in verbali/sigillati/) manca o è stato modificato, e questa versione del programma non lo ridisegna identico: va ripreso da una copia di sicurezza della cartella"
    )]
    SealedPdfLost,
    #[error("il carattere tipografico incorporato non è utilizzabile: {0}")]
    Font(String),
    #[error(
        "il documento non è stato scritto: {place} contiene il carattere «{character}» ({code}), che nessuno dei caratteri tipografici incorporati (Liberation Serif, DejaVu Serif) sa disegnare; correggere il testo e ripetere"
    )]
    Undrawable {
        character: char,
        code: String,
        place: String,
    },
    #[error("la scrittura del PDF non è riuscita: {0}")]
    Pdf(String),
    #[error(
        "le motivazioni dei punteggi, messe da parte in un file temporaneo mentre si calcolava la valutazione, non si possono rileggere ({0}): il verbale non è stato scritto; ripetere"
    )]
    ReasonsUnreadable(String),
}

/// The moment a document is issued when its data give none (a draft): now, to the second, or
/// the moment `SOURCE_DATE_EPOCH` gives (seconds since 1970, the convention of reproducible
/// builds), so that a script can make the same draft twice.
pub fn issue_moment() -> Moment {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    Moment::from_timestamp(from_env.unwrap_or_else(jiff::Timestamp::now))
}

/// The verbale of `session`, evaluated from the workspace as it stands. For a closed session
/// the stored seal must still match the data, and is the one printed. A draft is dated now.
pub fn minutes_pdf(ws: &Workspace, session: &SessionId) -> Result<Vec<u8>, MinutesError> {
    minutes_pdf_at(ws, session, issue_moment())
}

/// The same, a draft dated `drafted`.
pub fn minutes_pdf_at(
    ws: &Workspace,
    session: &SessionId,
    drafted: Moment,
) -> Result<Vec<u8>, MinutesError> {
    let evaluation = rules::evaluate(ws);
    let record = session_record(ws, &evaluation, session)
        .ok_or_else(|| MinutesError::NoSession(session.clone()))?;
    drop(evaluation);
    let stored = ws.session(session).and_then(|s| s.seal.as_ref());
    write_minutes(&record, stored, drafted, Vec::new())
}

/// The verbale of a closed session, drawn from the record kept when it closed: the same document
/// whatever happened afterwards. The record must still hash to the seal.
pub fn kept_minutes_pdf(kept: &[u8], stored: &Seal) -> Result<Vec<u8>, MinutesError> {
    write_kept_minutes(kept, stored, Vec::new())
}

/// The kept record of a closed session, read back after checking it against the seal.
pub fn kept_record(kept: &[u8], stored: &Seal) -> Result<SessionRecord, MinutesError> {
    if !crate::seal::sha256_hex(kept).eq_ignore_ascii_case(stored.record_sha256()) {
        return Err(MinutesError::KeptRecordAltered);
    }
    serde_json::from_slice(kept).map_err(|e| MinutesError::KeptRecordUnreadable(e.to_string()))
}

/// The verbale of a closed session from its kept record, into `output`.
pub fn write_kept_minutes<W: Write + Send + 'static>(
    kept: &[u8],
    stored: &Seal,
    output: W,
) -> Result<W, MinutesError> {
    let record = kept_record(kept, stored)?;
    write_minutes(&record, Some(stored), stored.closed_at, output)
}

/// What closing a session kept: the record its verbale reports (`sedute/ID.verbale.json`) and
/// the verbale as sealed (`verbali/sigillati/`), each if it could be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    pub record: Option<Vec<u8>>,
    pub pdf: Option<Vec<u8>>,
}

/// The verbale of a closed session as it was sealed, the bytes the members sign: the PDF kept
/// at closing (or the sealed part of it, if it was signed in place), else the one drawn again
/// from the kept record when that gives the very same bytes. A seal written before the sealed
/// PDF was kept has only the record to draw from.
pub fn sealed_minutes_pdf(stored: &Seal, kept: &Kept) -> Result<Vec<u8>, MinutesError> {
    // A kept record that no longer gives the seal means the files were tampered with: nothing
    // is issued until that is cleared up.
    if let Some(record) = &kept.record
        && !crate::seal::sha256_hex(record).eq_ignore_ascii_case(stored.record_sha256())
    {
        return Err(MinutesError::KeptRecordAltered);
    }
    let Some(pdf_sha256) = &stored.pdf else {
        let record = kept.record.as_deref().ok_or_else(|| {
            MinutesError::KeptRecordUnreadable("il file sedute/….verbale.json manca".into())
        })?;
        return kept_minutes_pdf(record, stored);
    };
    if let Some(sealed) = kept
        .pdf
        .as_deref()
        .and_then(|pdf| crate::pdf_check::sealed_prefix(pdf, pdf_sha256))
    {
        return Ok(sealed.to_vec());
    }
    let drawn = match kept.record.as_deref() {
        Some(record) => kept_minutes_pdf(record, stored)?,
        None => return Err(MinutesError::SealedPdfLost),
    };
    if crate::seal::sha256_hex(&drawn).eq_ignore_ascii_case(pdf_sha256) {
        Ok(drawn)
    } else {
        Err(MinutesError::SealedPdfLost)
    }
}

/// The verbale of `session` as it is issued, by the window and the command line alike: a closed
/// session's is the verbale as sealed (see [`sealed_minutes_pdf`]), the same document whatever
/// happened afterwards; an open session's is the draft of the data as they stand, dated now. A
/// closed session whose kept record is missing is drawn from the data, which must still give
/// its seal.
pub fn issued_minutes_pdf(
    ws: &Workspace,
    session: &SessionId,
    kept: Option<&Kept>,
) -> Result<Vec<u8>, MinutesError> {
    issued_minutes_pdf_at(ws, session, kept, issue_moment())
}

/// The same, a draft dated `drafted`.
pub fn issued_minutes_pdf_at(
    ws: &Workspace,
    session: &SessionId,
    kept: Option<&Kept>,
    drafted: Moment,
) -> Result<Vec<u8>, MinutesError> {
    let seal = ws
        .session(session)
        .ok_or_else(|| MinutesError::NoSession(session.clone()))?
        .seal
        .as_ref();
    match (seal, kept) {
        (Some(seal), Some(kept)) if kept.record.is_some() || kept.pdf.is_some() => {
            sealed_minutes_pdf(seal, kept)
        }
        _ => minutes_pdf_at(ws, session, drafted),
    }
}

/// The same into `output`, taking the workspace so that it is freed before the pages are laid
/// out: a long verbale then needs only its record. A closed session's verbale is the one
/// sealed, copied as it was kept; one closed before the sealed PDF was kept is drawn again
/// from its kept record, page by page.
pub fn write_issued_minutes<W: Write + Send + 'static>(
    ws: Workspace,
    session: &SessionId,
    kept: Option<Kept>,
    drafted: Moment,
    output: W,
) -> Result<W, MinutesError> {
    let seal = ws
        .session(session)
        .ok_or_else(|| MinutesError::NoSession(session.clone()))?
        .seal
        .clone();
    match (seal, kept) {
        (Some(seal), Some(kept)) if kept.record.is_some() || kept.pdf.is_some() => {
            drop(ws);
            write_kept_issued(&seal, kept, output)
        }
        (seal, _) => {
            // The marks leave the sheets before the evaluation, their reasons move into the
            // record, and the rest of the workspace goes with the evaluation.
            let record = crate::record::session_record_taking(ws, session)
                .map_err(|e| MinutesError::ReasonsUnreadable(e.to_string()))?
                .ok_or_else(|| MinutesError::NoSession(session.clone()))?;
            write_minutes(&record, seal.as_ref(), drafted, output)
        }
    }
}

/// The verbale of a closed session from what its closing kept (at least one of the record
/// and the PDF), into `output`: the sealed PDF as it was kept, or, for a session closed before
/// the sealed PDF was kept, drawn again from its kept record, page by page. Needs no workspace.
pub fn write_kept_issued<W: Write + Send + 'static>(
    seal: &Seal,
    kept: Kept,
    mut output: W,
) -> Result<W, MinutesError> {
    if seal.pdf.is_none()
        && let Some(record) = &kept.record
    {
        let record = kept_record(record, seal)?;
        drop(kept);
        return write_minutes(&record, Some(seal), seal.closed_at, output);
    }
    write_sealed(seal, &kept, &mut output)?;
    Ok(output)
}

/// The verbale of a closed session straight from its kept sealed PDF (`pdf`), when the seal
/// names one and the file still gives it. `record_sha256` is the hash of the kept record, None
/// when it cannot be read: the record must give the seal too, or nothing is issued. Ok(false)
/// when the PDF cannot be issued so: the caller then reads the kept record and goes through
/// [`write_kept_issued`], which may draw the verbale again from it.
pub fn write_kept_pdf_issued<W: Write>(
    seal: &Seal,
    pdf: &[u8],
    record_sha256: Option<&str>,
    output: &mut W,
) -> Result<bool, MinutesError> {
    if record_sha256.is_some_and(|h| !h.eq_ignore_ascii_case(seal.record_sha256())) {
        return Err(MinutesError::KeptRecordAltered);
    }
    let Some(sealed) = seal
        .pdf
        .as_ref()
        .and_then(|sha256| crate::pdf_check::sealed_prefix(pdf, sha256))
    else {
        return Ok(false);
    };
    output
        .write_all(sealed)
        .map_err(|e| MinutesError::Pdf(e.to_string()))?;
    Ok(true)
}

/// The verbale as sealed into `output`: the sealed part of the kept PDF written straight from
/// it, without a copy; else as [`sealed_minutes_pdf`] finds it.
fn write_sealed<W: Write>(stored: &Seal, kept: &Kept, output: &mut W) -> Result<(), MinutesError> {
    if let Some(pdf) = &kept.pdf {
        let record = kept.record.as_deref().map(crate::seal::sha256_hex);
        if write_kept_pdf_issued(stored, pdf, record.as_deref(), output)? {
            return Ok(());
        }
    }
    let bytes = sealed_minutes_pdf(stored, kept)?;
    output
        .write_all(&bytes)
        .map_err(|e| MinutesError::Pdf(e.to_string()))
}

/// The verbale drawn from its record. `stored` is the session's seal if it is closed; a draft
/// is dated now.
pub fn render_minutes(
    record: &SessionRecord,
    stored: Option<&Seal>,
) -> Result<Vec<u8>, MinutesError> {
    write_minutes(record, stored, issue_moment(), Vec::new())
}

/// The verbale drawn from its record, a draft dated `drafted` (a closed session's verbale is
/// dated by its closing): what `verify` regenerates with the date the file carries.
pub fn render_minutes_at(
    record: &SessionRecord,
    stored: Option<&Seal>,
    drafted: Moment,
) -> Result<Vec<u8>, MinutesError> {
    write_minutes(record, stored, drafted, Vec::new())
}

/// The verbale drawn from its record into `output`.
pub fn write_minutes<W: Write + Send + 'static>(
    record: &SessionRecord,
    stored: Option<&Seal>,
    drafted: Moment,
    output: W,
) -> Result<W, MinutesError> {
    let fonts = font::fonts()?;
    let (charset, computed) = font::Charset::sealing(fonts, record);
    if let Some(stored) = stored
        && !stored.record_sha256().eq_ignore_ascii_case(&computed)
    {
        return Err(MinutesError::SealMismatch {
            session: record.session.id.clone(),
            stored: stored.record_sha256().to_string(),
            computed,
        });
    }
    verbale::render(fonts, &charset?, record, &computed, stored, drafted, output)
}

/// When the public ranking is issued: the closing of the final session that approved it, or
/// now while there is none closed.
pub fn ranking_moment(ws: &Workspace) -> Moment {
    ws.sessions_in_order()
        .into_iter()
        .rev()
        .find(|s| s.kind == crate::domain::SessionKind::Final)
        .and_then(|s| s.seal.as_ref())
        .map_or_else(issue_moment, |seal| seal.closed_at)
}

/// The document of a bundle of access to the records, drawn from its record; it carries the
/// fingerprint of the record.
pub fn access_pdf(record: &crate::record::AccessRecord) -> Result<Vec<u8>, MinutesError> {
    let fingerprint = crate::seal::sha256_hex(
        &serde_json::to_vec(record).map_err(|e| MinutesError::Pdf(e.to_string()))?,
    );
    access::render(font::fonts()?, record, &fingerprint)
}

/// A copy of a closed session's verbale with parts left out, drawn from the record as released
/// (see `record::Redaction`); it names the seal of the original.
pub fn verbale_copy(
    record: &SessionRecord,
    original: &Seal,
    notice: &str,
) -> Result<Vec<u8>, MinutesError> {
    copy::render_copy(font::fonts()?, record, original, notice)
}

/// The public ranking of every lot.
pub fn ranking_pdf(ws: &Workspace) -> Result<Vec<u8>, MinutesError> {
    let evaluation = rules::evaluate(ws);
    render_ranking_at(&ranking_record(ws, &evaluation), ranking_moment(ws))
}

/// The public ranking drawn from its record, dated now.
pub fn render_ranking(record: &RankingRecord) -> Result<Vec<u8>, MinutesError> {
    render_ranking_at(record, issue_moment())
}

/// The public ranking drawn from its record, dated `issued`.
pub fn render_ranking_at(record: &RankingRecord, issued: Moment) -> Result<Vec<u8>, MinutesError> {
    graduatoria::render(
        font::fonts()?,
        record,
        &ranking_seal(record),
        issued,
        Vec::new(),
    )
}

/// The letter to an applicant, dated `dated`.
pub fn letter_pdf(
    record: &crate::documents::letter::LetterRecord,
    dated: Moment,
) -> Result<Vec<u8>, MinutesError> {
    let seal = crate::documents::letter::letter_seal(record);
    letter::render(font::fonts()?, record, &seal, dated, Vec::new())
}

/// A member's score sheet, dated `dated`.
pub fn sheet_pdf(
    record: &crate::documents::sheet::SheetRecord,
    dated: Moment,
) -> Result<Vec<u8>, MinutesError> {
    let seal = crate::documents::sheet::sheet_seal(record);
    scheda::render(font::fonts()?, record, &seal, dated, Vec::new())
}

/// What a document of ours says about itself in its information dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// "verbale" or "graduatoria".
    pub kind: String,
    /// The session, for a verbale.
    pub session: Option<SessionId>,
    /// The seal printed on it (for the ranking, the fingerprint of its data).
    pub seal: String,
    /// Its creation date: when it was issued.
    pub issued: Option<Moment>,
    /// The member, for a score sheet.
    pub member: Option<MemberId>,
}

/// The seal a verbale or ranking made by this program carries, or None for any other file.
pub fn seal_in_pdf(pdf: &[u8]) -> Option<String> {
    stamp_in_pdf(pdf).map(|s| s.seal)
}

/// Reads the stamp back. Works on signed copies too: a signature is an incremental update
/// that leaves the information dictionary in place. Only the information dictionary is read,
/// not the whole document.
pub fn stamp_in_pdf(pdf: &[u8]) -> Option<Stamp> {
    let info = lopdf::Document::load_metadata_mem(pdf).ok()?;
    let text = |key: &[u8]| -> Option<String> {
        let bytes = match key {
            b"CreationDate" => return info.creation_date.clone(),
            _ => info.custom.get(key)?.as_str().ok()?,
        };
        Some(decode_text(bytes))
    };
    let seal = text(pdf::SEAL_KEY)?;
    if seal.len() != 64 || !seal.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some(Stamp {
        kind: text(pdf::KIND_KEY).unwrap_or_default(),
        session: text(pdf::SESSION_KEY).and_then(|s| SessionId::new(s).ok()),
        seal: seal.to_ascii_lowercase(),
        issued: text(b"CreationDate").and_then(|d| pdfa::parse_pdf_date(&d)),
        member: text(pdf::MEMBER_KEY).and_then(|m| MemberId::new(m).ok()),
    })
}

/// A PDF text string: UTF-16BE after a byte order mark, or single bytes.
fn decode_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
