//! The files of a workspace: their names, and the envelope that carries the format version.

use serde::{Deserialize, Serialize};

use crate::domain::{AccessRegister, Application, Call, Commission, ScoreSheet, Session};

/// The format this version reads and writes. A file with a higher number was written by a newer
/// version and is refused rather than misread.
pub const FORMAT: u32 = 1;

pub const CALL: &str = "avviso.ron";
pub const COMMISSION: &str = "commissione.ron";
pub const APPLICATIONS: &str = "candidature";
pub const SHEETS: &str = "schede";
pub const SESSIONS: &str = "sedute";
pub const MINUTES: &str = "verbali";
/// The register of access requests: optional, written when the first request is recorded.
pub const ACCESS: &str = "accessi.ron";

/// The largest file Commissione reads, and so the largest it writes: a file larger than this is
/// not one someone wrote, and writing one would make the call unreadable.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest kept record (`sedute/ID.verbale.json`) or sealed verbale (`verbali/sigillati/`)
/// Commissione writes and reads back. These are not files anyone writes by hand: they grow with
/// the call (220 and 240 MB at 10,000 applications of 7 members and 20 criteria) and are bound
/// to the seal by their SHA-256, so they have their own, larger limit.
pub const MAX_KEPT_BYTES: u64 = 1024 * 1024 * 1024;

/// Whether `file` (relative to the call's folder) is a record or verbale kept at a closing.
pub fn is_kept(file: &std::path::Path) -> bool {
    let text = file.to_string_lossy().replace('\\', "/").to_lowercase();
    (text.starts_with("sedute/") && text.ends_with(".verbale.json"))
        || (text.starts_with("verbali/sigillati/") && text.ends_with(".pdf"))
}

/// The largest `file` may be: [`MAX_KEPT_BYTES`] for what a closing keeps, [`MAX_FILE_BYTES`]
/// for everything else.
pub fn limit_for(file: &std::path::Path) -> u64 {
    if is_kept(file) {
        MAX_KEPT_BYTES
    } else {
        MAX_FILE_BYTES
    }
}

/// Reads a file only if it is a regular file (or a link to one) of at most `limit` bytes: never
/// a pipe, which would wait forever for a writer, a device such as `/dev/zero`, which never
/// ends, or a folder. The check is made on the file opened, not on its name, and a file growing
/// meanwhile is cut at the limit and refused.
pub fn read_regular(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let (file, size) = open_regular(path, limit)?;
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(over_the_limit(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// The SHA-256 (lowercase hex) of a file that [`read_regular`] would read, read piece by piece
/// rather than held: a kept record that only has to give its seal is 220 MB at 10,000
/// applications.
pub fn sha256_regular(path: &std::path::Path, limit: u64) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let (file, _) = open_regular(path, limit)?;
    let mut file = file.take(limit + 1);
    let mut hash = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    let mut read = 0u64;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hash.update(&buffer[..n]);
                read += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if read > limit {
        return Err(over_the_limit(read, limit));
    }
    Ok(crate::seal::hex(&hash.finalize()))
}

fn over_the_limit(size: u64, limit: u64) -> std::io::Error {
    std::io::Error::other(super::messages::load::over_the_limit(size, limit))
}

/// Opens a file only if it is a regular file of at most `limit` bytes (see [`read_regular`]),
/// with its size.
fn open_regular(path: &std::path::Path, limit: u64) -> std::io::Result<(std::fs::File, u64)> {
    use std::io::{Error, ErrorKind};
    let refuse = |what: &str| Error::other(what.to_string());
    // Look before opening: opening a pipe for reading waits for a writer.
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(Error::from(ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        return Err(refuse(super::messages::load::NOT_A_REGULAR_FILE));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Replaced by a pipe between the look and the opening: do not wait for it.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refuse(super::messages::load::NOT_A_REGULAR_FILE));
    }
    if meta.len() > limit {
        return Err(over_the_limit(meta.len(), limit));
    }
    Ok((file, meta.len()))
}

/// A kind of file in the workspace, with its envelope and the comment at its top.
pub trait FileKind: Serialize + for<'de> Deserialize<'de> {
    type Content: Send;
    /// The first line of the file: what it is, for a person who opens it.
    const HEADER: &'static str;
    /// How deep the file is laid out one field a line; deeper, a value takes one line.
    const DEPTH: usize;
    fn wrap(content: Self::Content) -> Self;
    fn format(&self) -> u32;
    fn into_content(self) -> Self::Content;
}

macro_rules! envelope {
    ($(#[$doc:meta])* $name:ident, $field:ident: $content:ty, $header:literal) => {
        envelope!($(#[$doc])* $name, $field: $content, $header, usize::MAX);
    };
    ($(#[$doc:meta])* $name:ident, $field:ident: $content:ty, $header:literal, $depth:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            pub format: u32,
            pub $field: $content,
        }

        impl FileKind for $name {
            type Content = $content;
            const HEADER: &'static str = $header;
            const DEPTH: usize = $depth;

            fn wrap(content: $content) -> Self {
                $name { format: FORMAT, $field: content }
            }

            fn format(&self) -> u32 {
                self.format
            }

            fn into_content(self) -> $content {
                self.$field
            }
        }
    };
}

envelope!(
    /// avviso.ron
    CallFile,
    call: Call,
    "// Commissione: l'avviso (lotti, regole di finanziamento, criteri, soglie, parità)."
);
envelope!(
    /// commissione.ron
    CommissionFile,
    commission: Commission,
    "// Commissione: i componenti della commissione di valutazione e l'atto di nomina."
);
envelope!(
    /// candidature/*.ron
    ApplicationFile,
    application: Application,
    "// Commissione: una candidatura (soggetto proponente, piano finanziario, documenti, decisione)."
);
envelope!(
    /// schede/*.ron
    SheetFile,
    sheet: ScoreSheet,
    "// Commissione: la scheda di valutazione di un componente (dichiarazioni, punteggi, motivazioni).",
    // A declaration, a mark or a withdrawal on one line: a third less to write and to read
    // (a large call's sheet holds 40,000 marks), and one line changed for each mark changed.
    3
);
envelope!(
    /// sedute/*.ron
    SessionFile,
    session: Session,
    "// Commissione: una seduta della commissione (presenze, note, sorteggi, sigillo)."
);

envelope!(
    /// accessi.ron
    AccessFile,
    access: AccessRegister,
    "// Commissione: il registro delle richieste di accesso agli atti e i segreti dichiarati dai concorrenti."
);

/// A file name made from an id: letters, digits, '.', '_' and '-' are kept, anything else
/// becomes '-' ("2026/0004512" → "2026-0004512.ron").
pub fn file_name_for(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_start_matches('.');
    if stem.is_empty() {
        "senza-nome.ron".into()
    } else {
        format!("{stem}.ron")
    }
}
