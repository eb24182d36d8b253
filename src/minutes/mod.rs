//! The documents a session produces, as PDF: the verbale of each session and the public
//! ranking (graduatoria). Both are drawn only from their records (`crate::record`), in an
//! embedded font, A4, and byte for byte the same for the same data.
//!
//! `text` measures and breaks lines, `layout` and `table` flow them down pages, `content`
//! writes each page's drawing operators and `pdf` the file around them (the fonts embedded by
//! printpdf); `verbale` (with `opening`, `scoring`, `final_session`) and `graduatoria` say what
//! goes in each document.

mod acts;
mod changes;
mod content;
mod final_session;
pub(crate) mod font;
mod graduatoria;
mod layout;
mod opening;
mod pdf;
mod scoring;
mod table;
mod text;
mod verbale;

use crate::domain::{Seal, SessionId, Workspace};
use crate::record::{RankingRecord, SessionRecord, ranking_record, session_record};
use crate::rules;
use crate::seal::{ranking_seal, seal};

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
}

/// The verbale of `session`, evaluated from the workspace as it stands. For a closed session
/// the stored seal must still match the data, and is the one printed.
pub fn minutes_pdf(ws: &Workspace, session: &SessionId) -> Result<Vec<u8>, MinutesError> {
    let evaluation = rules::evaluate(ws);
    let record = session_record(ws, &evaluation, session)
        .ok_or_else(|| MinutesError::NoSession(session.clone()))?;
    let stored = ws.session(session).and_then(|s| s.seal.as_ref());
    render_minutes(&record, stored)
}

/// The verbale of a closed session, drawn from the record kept when it closed: the same document
/// whatever happened afterwards. The record must still hash to the seal.
pub fn kept_minutes_pdf(kept: &[u8], stored: &Seal) -> Result<Vec<u8>, MinutesError> {
    if !crate::seal::sha256_hex(kept).eq_ignore_ascii_case(stored.record_sha256()) {
        return Err(MinutesError::KeptRecordAltered);
    }
    let record: SessionRecord = serde_json::from_slice(kept)
        .map_err(|e| MinutesError::KeptRecordUnreadable(e.to_string()))?;
    render_minutes(&record, Some(stored))
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
/// happened afterwards; an open session's is the draft of the data as they stand. A closed
/// session whose kept record is missing is drawn from the data, which must still give its seal.
pub fn issued_minutes_pdf(
    ws: &Workspace,
    session: &SessionId,
    kept: Option<&Kept>,
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
        _ => minutes_pdf(ws, session),
    }
}

/// The verbale drawn from its record. `stored` is the session's seal if it is closed.
pub fn render_minutes(
    record: &SessionRecord,
    stored: Option<&Seal>,
) -> Result<Vec<u8>, MinutesError> {
    let computed = seal(record);
    if let Some(stored) = stored
        && !stored.record_sha256().eq_ignore_ascii_case(&computed)
    {
        return Err(MinutesError::SealMismatch {
            session: record.session.id.clone(),
            stored: stored.record_sha256().to_string(),
            computed,
        });
    }
    verbale::render(font::fonts()?, record, &computed, stored)
}

/// The public ranking of every lot.
pub fn ranking_pdf(ws: &Workspace) -> Result<Vec<u8>, MinutesError> {
    let evaluation = rules::evaluate(ws);
    render_ranking(&ranking_record(ws, &evaluation))
}

pub fn render_ranking(record: &RankingRecord) -> Result<Vec<u8>, MinutesError> {
    graduatoria::render(font::fonts()?, record, &ranking_seal(record))
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
}

/// The seal a verbale or ranking made by this program carries, or None for any other file.
pub fn seal_in_pdf(pdf: &[u8]) -> Option<String> {
    stamp_in_pdf(pdf).map(|s| s.seal)
}

/// Reads the stamp back. Works on signed copies too: a signature is an incremental update
/// that leaves the information dictionary in place.
pub fn stamp_in_pdf(pdf: &[u8]) -> Option<Stamp> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok())?;
    let text = |key: &[u8]| -> Option<String> {
        let bytes = info.get(key).ok()?.as_str().ok()?;
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
