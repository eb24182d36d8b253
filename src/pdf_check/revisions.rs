//! The revisions of a PDF file, read from its bytes: a file updated incrementally is the
//! original followed by sections that each end with `startxref N` and `%%EOF`, and each
//! section's trailer points back (`/Prev`) to the cross-reference of the one before.

/// Where one revision ends in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevisionEnd {
    /// Just after `%%EOF`.
    pub eof: usize,
    /// After the end of line that follows `%%EOF`, if any (the same as `eof` otherwise).
    pub end: usize,
    /// The offset `startxref` gives: where this revision's cross-reference starts.
    pub startxref: usize,
}

/// Every revision end of `pdf`, in order: each `%%EOF` that follows `startxref N`.
pub fn revision_ends(pdf: &[u8]) -> Vec<RevisionEnd> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], b"%%EOF").map(|i| i + from) {
        from = at + 5;
        if let Some(startxref) = startxref_before(&pdf[..at]) {
            let eol = match pdf.get(from..from + 2) {
                Some(b"\r\n") => 2,
                _ if matches!(pdf.get(from), Some(b'\n' | b'\r')) => 1,
                _ => 0,
            };
            out.push(RevisionEnd {
                eof: from,
                end: from + eol,
                startxref,
            });
        }
    }
    out
}

/// The number after the `startxref` keyword that ends `before` (only whitespace after it).
fn startxref_before(before: &[u8]) -> Option<usize> {
    let text = trim_end(before);
    let digits = text.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 15 {
        return None;
    }
    let number = &text[text.len() - digits..];
    let rest = trim_end(&text[..text.len() - digits]);
    if rest.len() == text.len() - digits || !rest.ends_with(b"startxref") {
        return None;
    }
    std::str::from_utf8(number).ok()?.parse().ok()
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let keep = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &bytes[..keep]
}

/// The offset the last `/Prev` of a section's trailer (or cross-reference stream) gives.
pub fn prev_in(section: &[u8]) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    while let Some(at) = find(&section[from..], b"/Prev").map(|i| i + from) {
        from = at + 5;
        let rest = &section[from..];
        let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let digits: Vec<u8> = rest[skip..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .copied()
            .collect();
        if let Some(n) = std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse().ok())
        {
            found = Some(n);
        }
    }
    found
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_are_found_after_startxref() {
        let pdf = b"%PDF-1.7\n1 0 obj<<>>endobj\nxref\n0 1\ntrailer<<>>\nstartxref\n27\n%%EOF\n\
                    2 0 obj<<>>endobj\nxref\ntrailer<</Prev 27>>\nstartxref\n80\n%%EOF";
        let ends = revision_ends(pdf);
        assert_eq!(ends.len(), 2);
        assert_eq!(ends[0].startxref, 27);
        assert_eq!(&pdf[ends[0].eof - 5..ends[0].end], b"%%EOF\n");
        assert_eq!(ends[1].end, pdf.len());
        assert_eq!(prev_in(&pdf[ends[0].end..]), Some(27));
        // A "%%EOF" inside data, not after startxref, is no revision.
        assert!(revision_ends(b"stream %%EOF endstream").is_empty());
    }
}
