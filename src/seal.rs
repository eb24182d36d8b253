//! The seal of a session: the SHA-256 of everything its minutes report, so that a closed
//! session can be recognised as unchanged, and a printed verbale as matching the data.
//!
//! The hash is over the canonical JSON of the record: its structs serialize their fields in
//! declaration order, its lists are built in fixed orders and it holds no maps whose order
//! could vary, so the same data always gives the same bytes.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::{Cover, JournalHead, Moment, Seal};
use crate::record::{RankingRecord, SessionRecord};

/// Lowercase hex SHA-256 of the session record.
pub fn seal(record: &SessionRecord) -> String {
    digest(record)
}

/// The same for the public ranking: printed on it, so a published copy can be checked.
pub fn ranking_seal(record: &RankingRecord) -> String {
    digest(record)
}

/// The seal of a closed session, printed on every page of its verbale: the SHA-256 of a plain
/// text naming the record kept (by its hash), the closing time, the journal's head at closing
/// and every item the session fixed with its hash. Whoever holds the signed verbale can then
/// tell whether the list of what was fixed, or the journal before the closing, was touched.
pub fn session_seal(
    record_sha256: &str,
    closed_at: Moment,
    journal: &JournalHead,
    covers: &[Cover],
) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"Commissione: sigillo di seduta, versione 2\n");
    hasher.update(format!("verbale {record_sha256}\n").as_bytes());
    hasher.update(format!("chiusa {closed_at}\n").as_bytes());
    hasher.update(format!("registro {} {}\n", journal.seq, journal.hash).as_bytes());
    for cover in covers {
        hasher.update(format!("fissato {} {}\n", cover.item, cover.sha256).as_bytes());
    }
    hex(&hasher.finalize())
}

/// Whether a stored seal is what its own parts give: false when the list of what the session
/// fixed, its journal head, its record hash or its time were changed after closing. A seal
/// written before the seal anchored the journal has no parts to recompute: true.
pub fn seal_is_consistent(seal: &Seal) -> bool {
    match (&seal.record, &seal.journal) {
        (Some(record), Some(journal)) => seal.sha256.eq_ignore_ascii_case(&session_seal(
            record,
            seal.closed_at,
            journal,
            &seal.covers,
        )),
        _ => true,
    }
}

fn digest(value: &impl Serialize) -> String {
    let mut hasher = Sha256::new();
    // Serializing plain structs, strings and decimals cannot fail; were it ever to, hashing the
    // error text still gives a value that matches nothing real, and verify would say so.
    match serde_json::to_writer(&mut HashWriter(&mut hasher), value) {
        Ok(()) => {}
        Err(e) => hasher.update(format!("errore: {e}").as_bytes()),
    }
    hex(&hasher.finalize())
}

/// Lowercase hex SHA-256 of bytes: the seal of a closed session's kept record.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex of bytes, as every hash in the files is written.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

/// Streams the JSON into the hasher: a big verbale's record need not exist twice in memory.
struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
