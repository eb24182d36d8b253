//! The journal (registro): every change, appended one line at a time, each line carrying the
//! hash of the one before, so that a line changed or removed afterwards is detected.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::Moment;
use crate::seal::hex;

pub const FILE: &str = "registro.ron";
/// Entries of format 2 also say what the file they name holds after the change (`sha256`,
/// `size`), so that the journal can be checked against the files.
const FORMAT: u32 = 2;
/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub format: u32,
    /// 1 for the first entry.
    pub seq: u64,
    pub at: Moment,
    /// "segreteria" or a member's id.
    pub who: String,
    /// The file changed, relative to the workspace.
    pub file: String,
    /// What changed, in Italian: "punteggio di m1 su P1, criterio A".
    pub change: String,
    /// The item before and after, in compact RON ("" when it did not exist or no longer does).
    pub before: String,
    pub after: String,
    /// From format 2: the SHA-256 of the file's content after the change, "" when the change
    /// removed it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
    /// From format 2: the file's length in bytes after the change.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub size: u64,
    /// The previous entry's hash.
    pub prev: String,
    /// SHA-256 of this entry's fields and `prev`.
    pub hash: String,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Entry {
    fn digest(&self) -> String {
        // A canonical form of its own, independent of how RON happens to print.
        let mut canonical = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.format,
            self.seq,
            self.at,
            self.who,
            self.file,
            self.change,
            self.before,
            self.after,
            self.prev
        );
        if self.format >= 2 {
            canonical.push_str(&format!("\u{1f}{}\u{1f}{}", self.sha256, self.size));
        }
        hex(&Sha256::digest(canonical.as_bytes()))
    }
}

/// What is wrong with a journal, naming the first entry that does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error("{file}:{line}: la riga non è una voce del registro leggibile ({message})")]
    Unreadable {
        file: String,
        line: usize,
        message: String,
    },
    #[error(
        "{file}:{line}: la voce n. {seq} è stata modificata dopo la registrazione (il suo hash non corrisponde)"
    )]
    Altered { file: String, line: usize, seq: u64 },
    #[error(
        "{file}:{line}: la voce n. {seq} non segue la precedente (catena interrotta: una voce è stata tolta, aggiunta o riordinata)"
    )]
    Broken { file: String, line: usize, seq: u64 },
    #[error("{file}: impossibile leggere il registro ({message})")]
    Io { file: String, message: String },
}

/// The journal file of a workspace.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    /// The file as this instance last left it, to chain the next entry without reading and
    /// checking the whole journal again, which would make an import of thousands of
    /// applications quadratic. The first append of each instance checks the whole chain.
    written: Mutex<Option<Written>>,
}

/// The journal file's length and modification time after this instance's last append, with
/// that entry's sequence number and hash. Any other write changes the time (a tampered line of
/// the same length included), and then the whole chain is checked again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    len: u64,
    modified: Option<std::time::SystemTime>,
    seq: u64,
    hash: String,
}

impl Clone for Journal {
    /// A copy checks the chain again before its first append.
    fn clone(&self) -> Journal {
        Journal::of_path(self.path.clone())
    }
}

impl Journal {
    pub fn of(dir: &Path) -> Journal {
        Journal::of_path(dir.join(FILE))
    }

    fn of_path(path: PathBuf) -> Journal {
        Journal {
            path,
            written: Mutex::new(None),
        }
    }

    /// Every entry, checked: the chain must hold from the first line to the last.
    pub fn read(&self) -> Result<Vec<Entry>, JournalError> {
        match self.verify() {
            (entries, None) => Ok(entries),
            (_, Some(e)) => Err(e),
        }
    }

    /// The entries that hold, and the first problem if the chain breaks.
    pub fn verify(&self) -> (Vec<Entry>, Option<JournalError>) {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (Vec::new(), None),
            Err(e) => return (Vec::new(), Some(io_error(e))),
        };
        // A last line without its newline is an append a crash interrupted: it was never
        // completed, so it is not part of the journal (the next append replaces it).
        let committed = match text.rfind('\n') {
            Some(end) => &text[..=end],
            None => "",
        };
        let mut entries: Vec<Entry> = Vec::new();
        let mut prev = GENESIS.to_string();
        for (i, line) in committed.lines().enumerate() {
            let line_no = i + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with("//") {
                continue;
            }
            let entry: Entry = match ron::from_str(trimmed) {
                Ok(entry) => entry,
                Err(e) => {
                    let error = JournalError::Unreadable {
                        file: FILE.into(),
                        line: line_no,
                        message: super::ron_error::message(&e.code),
                    };
                    return (entries, Some(error));
                }
            };
            if entry.digest() != entry.hash {
                let error = JournalError::Altered {
                    file: FILE.into(),
                    line: line_no,
                    seq: entry.seq,
                };
                return (entries, Some(error));
            }
            let expected_seq = entries.last().map_or(1, |e| e.seq + 1);
            if entry.prev != prev || entry.seq != expected_seq {
                let error = JournalError::Broken {
                    file: FILE.into(),
                    line: line_no,
                    seq: entry.seq,
                };
                return (entries, Some(error));
            }
            prev = entry.hash.clone();
            entries.push(entry);
        }
        (entries, None)
    }

    /// The last entry's sequence number and hash, to chain the next one.
    fn tail(&self) -> Result<(u64, String), JournalError> {
        let now = fs::metadata(&self.path).ok();
        if let Ok(written) = self.written.lock()
            && let (Some(now), Some(w)) = (now, written.as_ref())
            && now.len() == w.len
            && w.modified.is_some()
            && now.modified().ok() == w.modified
        {
            return Ok((w.seq, w.hash.clone()));
        }
        let entries = self.read()?;
        Ok(entries
            .last()
            .map_or((0, GENESIS.to_string()), |e| (e.seq, e.hash.clone())))
    }

    /// The journal's head: its last entry's sequence number and hash (0 and the zero hash when
    /// it is empty), after checking the chain. A closing session's seal records it.
    pub fn head(&self) -> Result<(u64, String), JournalError> {
        self.tail()
    }

    /// Appends one change and flushes it to disk. Refused when the journal is already broken:
    /// chaining onto a tampered journal would hide the tampering.
    pub fn append(
        &self,
        at: Moment,
        who: &str,
        file: &str,
        change: &str,
        before: &str,
        after: &str,
    ) -> Result<Entry, JournalError> {
        let draft = Draft {
            who: who.to_string(),
            file: file.to_string(),
            change: change.to_string(),
            before: before.to_string(),
            after: after.to_string(),
            sha256: String::new(),
            size: 0,
        };
        let prepared = self.prepare(at, vec![draft])?;
        self.write(&prepared)?;
        prepared
            .entries
            .last()
            .cloned()
            .ok_or_else(|| io_error(io::Error::other(super::messages::NO_ENTRY)))
    }

    /// The entries for `drafts`, chained after the last one, ready to be written in one go
    /// (see [`Journal::write`]). Refused when the journal is already broken.
    pub fn prepare(&self, at: Moment, drafts: Vec<Draft>) -> Result<Prepared, JournalError> {
        if self.path.exists() {
            drop_interrupted_tail(&self.path).map_err(io_error)?;
        }
        let (mut seq, mut prev) = self.tail()?;
        let len_before = fs::metadata(&self.path).map_or(0, |m| m.len());
        let mut text = String::new();
        if len_before == 0 {
            text.push_str(HEADER);
        }
        let mut entries = Vec::with_capacity(drafts.len());
        for d in drafts {
            seq += 1;
            let mut entry = Entry {
                format: FORMAT,
                seq,
                at,
                who: d.who,
                file: d.file,
                change: d.change,
                before: d.before,
                after: d.after,
                sha256: d.sha256,
                size: d.size,
                prev,
                hash: String::new(),
            };
            entry.hash = entry.digest();
            prev = entry.hash.clone();
            let line = ron::to_string(&entry).map_err(|e| io_error(io::Error::other(e)))?;
            text.push_str(&line);
            text.push('\n');
            entries.push(entry);
        }
        Ok(Prepared {
            entries,
            text,
            len_before,
        })
    }

    /// Writes prepared entries at the end of the journal in one write, and flushes them to disk.
    /// They count only once whole: a crash that cuts them leaves a journal that a transaction's
    /// recovery cuts back to where it was (see `tx`).
    pub fn write(&self, prepared: &Prepared) -> Result<(), JournalError> {
        let mut f = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(io_error)?;
        super::fault::step("scrittura del registro").map_err(io_error)?;
        f.write_all(prepared.text.as_bytes()).map_err(io_error)?;
        super::fault::step("registro sul disco").map_err(io_error)?;
        f.sync_all().map_err(io_error)?;
        if let (Ok(mut written), Ok(meta), Some(last)) =
            (self.written.lock(), f.metadata(), prepared.entries.last())
        {
            *written = Some(Written {
                len: meta.len(),
                modified: meta.modified().ok(),
                seq: last.seq,
                hash: last.hash.clone(),
            });
        }
        Ok(())
    }

    /// Whether nothing was ever written to it.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The journal's length in bytes (0 when it does not exist yet).
    pub fn len(&self) -> u64 {
        fs::metadata(&self.path).map_or(0, |m| m.len())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Cuts the journal back to `len` bytes: entries of a transaction that did not happen.
    pub(crate) fn cut(&self, len: u64) -> io::Result<()> {
        let Ok(meta) = fs::metadata(&self.path) else {
            return Ok(());
        };
        if meta.len() <= len {
            return Ok(());
        }
        if len == 0 {
            fs::remove_file(&self.path)?;
        } else {
            let f = OpenOptions::new().write(true).open(&self.path)?;
            f.set_len(len)?;
            f.sync_all()?;
        }
        if let Ok(mut written) = self.written.lock() {
            *written = None;
        }
        Ok(())
    }

    /// The entries written from byte `from` on, as far as they read: what a transaction that
    /// was interrupted managed to write (see `tx`).
    pub(crate) fn entries_from(&self, from: u64) -> Vec<Entry> {
        let Ok(bytes) = fs::read(&self.path) else {
            return Vec::new();
        };
        let tail = bytes.get(from as usize..).unwrap_or_default();
        let text = String::from_utf8_lossy(tail);
        let complete = match text.rfind('\n') {
            Some(end) => &text[..=end],
            None => "",
        };
        complete
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .map_while(|l| ron::from_str::<Entry>(l).ok())
            .collect()
    }

    /// Where the files disagree with what the journal last recorded of them: each file named by
    /// an entry of format 2 must hold what its last such entry says (or be absent, if that entry
    /// removed it). Files no entry names (written before the journal, or by hand) are not judged.
    pub fn disagreements(&self, dir: &Path) -> Vec<String> {
        let (entries, _) = self.verify();
        let mut last: std::collections::BTreeMap<&str, &Entry> = std::collections::BTreeMap::new();
        for e in entries.iter().filter(|e| e.format >= 2) {
            last.insert(e.file.as_str(), e);
        }
        let mut out = Vec::new();
        for (file, entry) in last {
            let path = dir.join(file);
            let problem = match fs::read(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    (!entry.sha256.is_empty()).then(|| super::messages::FILE_MISSING.to_string())
                }
                Err(e) => Some(super::os_error::describe(&e)),
                Ok(_) if entry.sha256.is_empty() => Some(super::messages::FILE_BACK.to_string()),
                Ok(bytes) => (bytes.len() as u64 != entry.size
                    || hex(&Sha256::digest(&bytes)) != entry.sha256)
                    .then(|| super::messages::CONTENT_DIFFERS.to_string()),
            };
            if let Some(problem) = problem {
                out.push(super::messages::differs_from_journal(
                    file, &problem, entry.seq,
                ));
            }
        }
        out
    }
}

const HEADER: &str = "// Commissione: registro delle modifiche. Una voce per riga; ogni voce porta l'hash della precedente.\n";

fn io_error(e: io::Error) -> JournalError {
    JournalError::Io {
        file: FILE.into(),
        message: super::os_error::describe(&e),
    }
}

/// A change to record, before it is chained.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub who: String,
    pub file: String,
    pub change: String,
    pub before: String,
    pub after: String,
    /// What the file holds after the change (see [`Entry::sha256`]).
    pub sha256: String,
    pub size: u64,
}

/// Entries chained and ready to be written.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub entries: Vec<Entry>,
    text: String,
    /// The journal's length before them.
    pub len_before: u64,
}

/// Cuts an unterminated last line (an append interrupted by a crash) before appending again.
/// Only the end of the file is read.
fn drop_interrupted_tail(path: &Path) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = OpenOptions::new().read(true).write(true).open(path)?;
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    let mut last = [0u8; 1];
    f.seek(SeekFrom::Start(len - 1))?;
    f.read_exact(&mut last)?;
    if last[0] == b'\n' {
        return Ok(());
    }
    // Back to the last line end, a block at a time.
    let mut end = len;
    let mut keep = 0;
    let mut block = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(block.len() as u64);
        let chunk = &mut block[..(end - start) as usize];
        f.seek(SeekFrom::Start(start))?;
        f.read_exact(chunk)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            keep = start + i as u64 + 1;
            break;
        }
        end = start;
    }
    f.set_len(keep)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Moment {
        Moment::parse("2026-03-10T10:30").expect("a valid moment")
    }

    #[test]
    fn entries_chain_and_a_changed_line_is_found() {
        let dir = tempfile::tempdir().expect("tmp");
        let journal = Journal::of(dir.path());
        journal
            .append(at(), "m1", "schede/m1.ron", "punteggio", "", "0.8")
            .expect("append");
        journal
            .append(at(), "m1", "schede/m1.ron", "punteggio", "0.8", "0.6")
            .expect("append");
        journal
            .append(
                at(),
                "segreteria",
                "candidature/P1.ron",
                "esclusione",
                "",
                "Excluded",
            )
            .expect("append");
        assert_eq!(journal.read().expect("intact").len(), 3);

        let path = dir.path().join(FILE);
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, text.replacen("\"0.6\"", "\"1.0\"", 1)).expect("tamper");
        assert_eq!(
            journal.read(),
            Err(JournalError::Altered {
                file: FILE.into(),
                line: 3,
                seq: 2
            })
        );
        // And nothing more can be chained onto it.
        assert!(journal.append(at(), "m1", "x", "y", "", "").is_err());
    }

    #[test]
    fn an_interrupted_append_is_not_an_entry() {
        let dir = tempfile::tempdir().expect("tmp");
        let journal = Journal::of(dir.path());
        journal
            .append(at(), "m1", "f", "prima", "", "")
            .expect("append");
        let path = dir.path().join(FILE);
        let mut f = OpenOptions::new().append(true).open(&path).expect("open");
        f.write_all(b"(format:1,seq:2,at:\"2026")
            .expect("a torn write");
        drop(f);
        assert_eq!(journal.read().expect("the torn line is ignored").len(), 1);
        journal
            .append(at(), "m1", "f", "seconda", "", "")
            .expect("append after a crash");
        let entries = journal.read().expect("intact");
        assert_eq!(
            entries
                .iter()
                .map(|e| e.change.as_str())
                .collect::<Vec<_>>(),
            ["prima", "seconda"]
        );
    }

    #[test]
    fn a_removed_line_breaks_the_chain() {
        let dir = tempfile::tempdir().expect("tmp");
        let journal = Journal::of(dir.path());
        for i in 0..3 {
            journal
                .append(at(), "m1", "f", &format!("voce {i}"), "", "")
                .expect("append");
        }
        let path = dir.path().join(FILE);
        let text = fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        fs::write(&path, format!("{}\n{}\n{}\n", lines[0], lines[1], lines[3]))
            .expect("remove entry 2");
        assert!(matches!(
            journal.read(),
            Err(JournalError::Broken {
                seq: 3,
                line: 3,
                ..
            })
        ));
    }
}
