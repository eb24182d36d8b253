//! Text people write: names, titles, reasons, notes. Control characters have no place in it:
//! a terminal escape sequence in an applicant's name would repaint the secretariat's terminal,
//! a bidirectional override would show a name other than the one stored, and the minutes
//! would print neither. They are refused where the text comes in (files, imports, the
//! window), and [`visible`] spells them out wherever a refused text is quoted back.

use std::borrow::Cow;
use std::fmt;

/// What a text may hold besides printable characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A name, a title, an address: one line.
    Line,
    /// A reason, a description, a note: lines and tabs (and the carriage returns of a file
    /// written on Windows).
    Paragraphs,
}

/// A character that makes a text unusable, with its place (from 1, in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub character: char,
    pub position: usize,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.character as u32;
        let (what, why) = match self.character {
            '\n' | '\r' => (
                "un a capo",
                ", che qui non è ammesso (il campo va su una riga sola)",
            ),
            '\t' => ("una tabulazione", ", che qui non è ammessa"),
            '\u{1b}' => (
                "un carattere di escape",
                ", l'inizio di una sequenza di controllo del terminale",
            ),
            c if is_bidi_control(c) => (
                "un carattere che inverte la direzione del testo",
                ", e mostrerebbe un testo diverso da quello scritto",
            ),
            _ => ("un carattere di controllo", ""),
        };
        write!(
            f,
            "contiene {what} (U+{code:04X}, al carattere {}){why}: va tolto",
            self.position
        )
    }
}

/// The bidirectional embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn refused(c: char, kind: Kind) -> bool {
    match c {
        '\n' | '\t' | '\r' => kind == Kind::Line,
        c => c.is_control() || is_bidi_control(c),
    }
}

/// Whether the bytes of `chunk` may hold a refused character: a control byte, DEL, or the
/// first byte of a C1 control (0xC2) or of a bidirectional control (0xE2). Written as a fold
/// so that it runs on whole vectors of bytes: every reason of every sheet passes here.
fn suspect(chunk: &[u8]) -> bool {
    chunk.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
    })
}

/// Checks a text; the first refused character, if any.
pub fn check(text: &str, kind: Kind) -> Result<(), Refused> {
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + CHUNK).min(bytes.len());
        if suspect(&bytes[start..end]) {
            // A closer look from the start: rare, and the position is in characters.
            return match text.chars().enumerate().find(|(_, c)| refused(*c, kind)) {
                Some((i, character)) => Err(Refused {
                    character,
                    position: i + 1,
                }),
                None => Ok(()),
            };
        }
        start = end;
    }
    Ok(())
}

/// A text as it can be shown anywhere, a terminal included: every refused character of a
/// paragraph (controls, bidirectional overrides) spelled as `\u{1b}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if check(text, Kind::Paragraphs).is_ok() && !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && c != '\t' && refused(c, Kind::Paragraphs) || c == '\r' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A character that takes no room and shows nothing (a zero-width space, a joiner, a soft
/// hyphen, a byte order mark, a variation selector): two identifiers that differ only by one
/// look the same and are not.
pub fn is_invisible(c: char) -> bool {
    use unicode_general_category::{GeneralCategory, get_general_category};
    get_general_category(c) == GeneralCategory::Format
        || matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' | '\u{034f}' | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_refused_where_they_are() {
        assert!(check("Società Cooperativa «Il Ponte» – 2026", Kind::Line).is_ok());
        assert!(check("Prima riga\nseconda\triga\r\n", Kind::Paragraphs).is_ok());
        let e = check("Coop \u{1b}[31mRossa", Kind::Line).unwrap_err();
        assert_eq!((e.character, e.position), ('\u{1b}', 6));
        assert!(e.to_string().contains("U+001B, al carattere 6"), "{e}");
        assert_eq!(check("a\nb", Kind::Line).unwrap_err().character, '\n');
        assert_eq!(
            check("a\u{85}b", Kind::Paragraphs).unwrap_err().character,
            '\u{85}'
        );
        assert_eq!(
            check("a\u{7f}", Kind::Paragraphs).unwrap_err().character,
            '\u{7f}'
        );
        let bidi = check("Alfa \u{202e}atleB", Kind::Line).unwrap_err();
        assert_eq!(bidi.character, '\u{202e}');
        // A long text with a control far into it, past the first vector.
        let long = format!("{}\u{7}", "è".repeat(200));
        assert_eq!(check(&long, Kind::Paragraphs).unwrap_err().position, 201);
        // "’" and "–" begin with 0xE2 too, and pass.
        assert!(check(&"l’ente – sì ".repeat(50), Kind::Line).is_ok());
    }

    #[test]
    fn refused_characters_are_spelled_out() {
        assert_eq!(visible("Coop \u{1b}[31m"), "Coop \\u{1b}[31m");
        assert_eq!(visible("a\r\nb\u{202e}"), "a\\u{d}\nb\\u{202e}");
        assert!(matches!(visible("Società"), Cow::Borrowed(_)));
    }

    #[test]
    fn invisible_characters_are_known() {
        for c in [
            '\u{200b}', '\u{200d}', '\u{feff}', '\u{ad}', '\u{2060}', '\u{fe0f}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['a', '/', '-', ' ', 'à', '∕'] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }
}
