//! Whether a PDF file is a document we issued: the same bytes, or the same bytes followed by
//! incremental updates that only sign it (signature fields and their widgets, signature values,
//! document timestamps, validation data). The file's revisions are read from its own bytes
//! (each `startxref` and `%%EOF`, each trailer's `/Prev`), then each revision is parsed and
//! compared with the one before, object by object.

pub(crate) mod changes;
mod delta;
mod lazy;
mod pages;
mod revisions;
mod signatures;

use lopdf::Document;

use lazy::Revision;

pub use pages::PageDifference;
pub use revisions::{RevisionEnd, revision_ends};
pub use signatures::Signature;

/// What a file is, compared with the document it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The document, byte for byte.
    Identical,
    /// The document followed by updates that only sign it.
    Signed,
    /// The document followed by updates that change more than signatures: what they change,
    /// and the first page whose text is not the document's.
    Altered {
        changes: Vec<String>,
        page: PageDifference,
    },
    /// Another file: the first page whose text is not the document's.
    Different { page: PageDifference },
    /// Not a PDF that can be read.
    Unreadable(String),
}

impl Verdict {
    pub fn matches(&self) -> bool {
        matches!(self, Verdict::Identical | Verdict::Signed)
    }
}

/// The verdict, and the signatures found in the updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub verdict: Verdict,
    pub signatures: Vec<Signature>,
}

/// The sealed document inside `pdf`: `pdf` itself or its first revisions, whichever hashes to
/// `sha256` (a copy signed in place still holds the sealed document at its start).
pub fn sealed_prefix<'a>(pdf: &'a [u8], sha256: &str) -> Option<&'a [u8]> {
    let hashes = |bytes: &[u8]| crate::seal::sha256_hex(bytes).eq_ignore_ascii_case(sha256);
    if hashes(pdf) {
        return Some(pdf);
    }
    revision_ends(pdf)
        .into_iter()
        .flat_map(|r| [r.eof, r.end])
        .filter(|&end| end < pdf.len())
        .map(|end| &pdf[..end])
        .find(|prefix| hashes(prefix))
}

fn load(bytes: &[u8]) -> Result<Document, String> {
    let doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.xref_recovery.is_some() {
        return Err("la tabella dei riferimenti incrociati è danneggiata".into());
    }
    Ok(doc)
}

/// Compares `file` with `document`, the PDF it should be.
pub fn check(file: &[u8], document: &[u8]) -> Report {
    if file == document {
        return Report {
            verdict: Verdict::Identical,
            signatures: Vec::new(),
        };
    }
    if file.starts_with(document) {
        return updates(file, document);
    }
    let expected = match load(document) {
        Ok(doc) => doc,
        Err(e) => return unreadable_reference(&e),
    };
    let verdict = match load(file) {
        Ok(doc) => Verdict::Different {
            page: pages::first_difference(&doc, &expected),
        },
        Err(e) => Verdict::Unreadable(e),
    };
    Report {
        verdict,
        signatures: Vec::new(),
    }
}

fn unreadable_reference(e: &str) -> Report {
    Report {
        verdict: Verdict::Unreadable(format!("il documento di riferimento: {e}")),
        signatures: Vec::new(),
    }
}

/// The file is the document followed by more: each update must only sign. The document's
/// bytes are the file's first bytes, so only what each update places anew is read and
/// compared (see [`delta`]); the whole of both is read only to name the first page that
/// differs, when an update changes more than signatures.
fn updates(file: &[u8], document: &[u8]) -> Report {
    let expected = match Revision::open(document) {
        Ok(revision) => revision,
        Err(e) => return unreadable_reference(&e),
    };
    let ends = revision_ends(file);
    let mut changes = Vec::new();
    let Some(base) = ends
        .iter()
        .find(|r| r.eof == document.len() || r.end == document.len())
    else {
        return Report {
            verdict: Verdict::Unreadable("il documento non termina con %%EOF".into()),
            signatures: Vec::new(),
        };
    };
    let updates: Vec<RevisionEnd> = ends
        .iter()
        .copied()
        .filter(|r| r.eof > document.len())
        .collect();
    let last_end = updates.last().map_or(document.len(), |r| r.end);
    if file[last_end..].iter().any(|b| !b.is_ascii_whitespace()) {
        changes.push(
            "dopo la fine dell'ultima aggiunta il file contiene altri dati, che non sono una revisione del documento"
                .into(),
        );
    }
    let mut before = None;
    let mut last_seen = None;
    let mut previous = *base;
    let mut previous_end = document.len();
    for (n, revision) in updates.iter().enumerate() {
        let section = &file[previous_end..revision.eof];
        if revisions::prev_in(section) != Some(previous.startxref) {
            changes.push(format!(
                "l'aggiunta n. {} non si collega alla revisione precedente (il suo /Prev non la indica)",
                n + 1
            ));
        }
        let after = match Revision::open(&file[..revision.end]) {
            Ok(revision) => revision,
            Err(e) => {
                changes.push(format!("l'aggiunta n. {} non si legge: {e}", n + 1));
                break;
            }
        };
        let (found, seen) =
            delta::non_signature_changes(before.as_ref().unwrap_or(&expected), &after);
        changes.extend(
            found
                .into_iter()
                .map(|c| format!("aggiunta n. {}: {c}", n + 1)),
        );
        before = Some(after);
        last_seen = Some(seen);
        previous = *revision;
        previous_end = revision.end;
    }
    let last = before.as_ref().unwrap_or(&expected);
    let signatures = signatures::signatures(
        &delta::signed_document(&expected, last, last_seen),
        file,
        document.len(),
    );
    let verdict = if changes.is_empty() {
        Verdict::Signed
    } else {
        let page = match (load(last.bytes), load(document)) {
            (Ok(found), Ok(expected)) => pages::first_difference(&found, &expected),
            _ => PageDifference::None,
        };
        Verdict::Altered { changes, page }
    };
    Report {
        verdict,
        signatures,
    }
}

/// The file's first revision: the document as first written, before any update.
pub fn first_revision(pdf: &[u8]) -> Option<&[u8]> {
    revision_ends(pdf).first().map(|r| &pdf[..r.end])
}

/// The first page whose text differs between two PDF files (of the second, where it is not
/// the first's); an error for a file that cannot be read.
pub fn text_difference(file: &[u8], document: &[u8]) -> Result<PageDifference, String> {
    Ok(pages::first_difference(&load(file)?, &load(document)?))
}
