//! A CSV file's dialect: its encoding, the separator between fields and the decimal separator.
//! Excel in Italy writes `;` between fields and a decimal comma, in Windows-1252 or UTF-8 with a
//! BOM; form platforms write `,` and a decimal point in UTF-8. Each file is read as it is.

use std::fmt;

use super::values::DecimalMark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with the byte order mark Excel writes ("CSV UTF-8").
    Utf8Bom,
    /// Excel's "Testo Unicode".
    Utf16Le,
    Utf16Be,
    /// What Excel on Windows writes for "CSV (delimitato dal separatore di elenco)".
    Windows1252,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub encoding: Encoding,
    pub separator: u8,
    pub decimal: DecimalMark,
}

/// Why a CSV's bytes are not text in one encoding: the first byte that does not fit, by its
/// offset in the file, and what the file otherwise is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadByte {
    pub offset: usize,
    pub byte: u8,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file begins with a byte order mark that says this encoding, and the byte does
    /// not belong to it.
    NotItsEncoding(&'static str),
    /// The rest of the file is UTF-8 (this character, on this line, is written so): a byte
    /// of another encoding in it would be read as anything.
    Mixed { sample: char, line: u64 },
    /// Neither UTF-8 nor a character of Windows-1252.
    Neither,
}

impl fmt::Display for BadByte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let byte = self.byte;
        match &self.problem {
            Problem::NotItsEncoding(name) => write!(
                f,
                "il file si dichiara {name} (con il segno iniziale BOM), ma il byte 0x{byte:02X} non è {name}: salvarlo di nuovo come «CSV UTF-8» dal foglio di calcolo"
            ),
            Problem::Mixed { sample, line } => write!(
                f,
                "il byte 0x{byte:02X} non è UTF-8, mentre il resto del file è scritto in UTF-8 (per esempio «{sample}» alla riga {line}): il file mescola due codifiche e nessuna delle due letture è certa; salvarlo di nuovo come «CSV UTF-8» dal foglio di calcolo"
            ),
            Problem::Neither => write!(
                f,
                "il byte 0x{byte:02X} non è un carattere né in UTF-8 né in Windows-1252: il file non è un testo in una codifica riconosciuta"
            ),
        }
    }
}

/// Bytes that Windows-1252 leaves undefined.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// A character UTF-8 text in an Italian file is made of, which Windows-1252 text almost never
/// spells by chance: the accented letters, «», the no-break space, curly quotes, dashes, €.
/// Their UTF-8 bytes read as Windows-1252 are "Ã ", "Â«", "â€™": no Italian word has them.
fn telling(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{17f}' | '\u{2010}'..='\u{20ac}')
}

/// The line (from 1) of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// The text of a CSV file, its encoding decided on the whole file: UTF-8 (with or without its
/// BOM), UTF-16 with its BOM, or Windows-1252 (Excel's "CSV" on Windows, which covers every
/// Italian letter and "€"). A file that is none of them whole is refused at its first bad
/// byte, never read half one way and half the other: one Windows-1252 byte in a UTF-8 file
/// would otherwise turn every "à" of it into "Ã ".
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), BadByte> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_string(), Encoding::Utf8Bom)),
            Err(e) => Err(BadByte {
                offset: 3 + e.valid_up_to(),
                byte: rest[e.valid_up_to()],
                problem: Problem::NotItsEncoding("UTF-8"),
            }),
        };
    }
    for (bom, encoding, little) in [
        (b"\xFF\xFE", Encoding::Utf16Le, true),
        (b"\xFE\xFF", Encoding::Utf16Be, false),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return utf16(rest, little).map(|t| (t, encoding));
        }
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), Encoding::Utf8)),
        Err(e) => e,
    };
    let first_bad = error.valid_up_to();
    // The UTF-8 the file holds, if any: its first telling character and where it is.
    let mut at = 0;
    let mut sample = None;
    for chunk in bytes.utf8_chunks() {
        if let Some((i, c)) = chunk.valid().char_indices().find(|(_, c)| telling(*c)) {
            sample = Some((c, at + i));
            break;
        }
        at += chunk.valid().len() + chunk.invalid().len();
    }
    if let Some((sample, offset)) = sample {
        return Err(BadByte {
            offset: first_bad,
            byte: bytes[first_bad],
            problem: Problem::Mixed {
                sample,
                line: line_of(bytes, offset),
            },
        });
    }
    if let Some(offset) = bytes.iter().position(|b| UNDEFINED_1252.contains(b)) {
        return Err(BadByte {
            offset,
            byte: bytes[offset],
            problem: Problem::Neither,
        });
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), Encoding::Windows1252))
}

/// UTF-16 after its BOM; a lone surrogate or an odd last byte is refused where it is.
fn utf16(bytes: &[u8], little: bool) -> Result<String, BadByte> {
    let name = "UTF-16";
    let units = bytes.chunks(2).map(|pair| match (pair, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        _ => 0xDC00, // an odd last byte: never part of a character
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut offset = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                text.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(_) => {
                return Err(BadByte {
                    offset: 2 + offset,
                    byte: bytes.get(offset).copied().unwrap_or(0),
                    problem: Problem::NotItsEncoding(name),
                });
            }
        }
    }
    Ok(text)
}

/// Where a byte is, as a spreadsheet shows it: the row (the line its record starts on, as the
/// rows of a CSV are numbered) and the column (from 0), the fields separated by `separator`
/// outside quotes. The structure of a CSV (separators, quotes, line ends) is ASCII, the same
/// bytes in UTF-8 and Windows-1252.
pub fn position(bytes: &[u8], offset: usize, separator: u8) -> (u64, usize) {
    let (mut line, mut row, mut column, mut quoted) = (1u64, 1u64, 0usize, false);
    for &b in &bytes[..offset.min(bytes.len())] {
        match b {
            b'"' => quoted = !quoted,
            b'\n' => {
                line += 1;
                if !quoted {
                    row = line;
                    column = 0;
                }
            }
            b if b == separator && !quoted => column += 1,
            _ => {}
        }
    }
    (row, column)
}

/// The separator, and how many leading lines to skip: Excel's `sep=;` hint line says it
/// outright; otherwise the most frequent of `;`, tab and `,` outside quotes in the first
/// non-empty line (the header), `;` winning ties.
pub fn separator(text: &str) -> (u8, usize) {
    let mut lines = text.lines();
    if let Some(first) = lines.next() {
        let first = first.trim();
        if let Some(sep) = first
            .strip_prefix("sep=")
            .or_else(|| first.strip_prefix("SEP="))
            && let [b] = sep.as_bytes()
        {
            return (*b, 1);
        }
    }
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
            c.1 += 1;
        }
    }
    let best = counts
        .iter()
        .fold((b';', 0), |best, &c| if c.1 > best.1 { c } else { best });
    (best.0, 0)
}

impl Dialect {
    /// The dialect of a file with this encoding and separator. The decimal separator follows
    /// the separator: `;` is the Italian convention (decimal comma, point for thousands); with
    /// `,` the comma cannot be decimal; with a tab nothing is known, so only numbers with a
    /// single reading are accepted (see `values`).
    pub fn new(encoding: Encoding, separator: u8) -> Dialect {
        let decimal = if separator == b';' {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        };
        Dialect {
            encoding,
            separator,
            decimal,
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let encoding = match self.encoding {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 con BOM",
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16",
            Encoding::Windows1252 => "Windows-1252",
        };
        let separator = match self.separator {
            b'\t' => "tabulazione".to_string(),
            b => format!("«{}»", b as char),
        };
        let decimal = match self.decimal {
            DecimalMark::Comma => "virgola decimale e punto delle migliaia",
            DecimalMark::Point => {
                "punto decimale (un numero come 1.234 o 1,234, che si può leggere in due modi, è rifiutato)"
            }
        };
        write!(f, "CSV {encoding}, separatore {separator}, {decimal}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b").unwrap().1, Encoding::Utf8Bom);
        assert_eq!(decode(b"a;b").unwrap().1, Encoding::Utf8);
        let (text, encoding) = decode(b"Societ\xE0;\x80 12").unwrap();
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text, "Società;€ 12");
        // Capitals with curly quotes in Windows-1252 are not taken for UTF-8.
        let (text, _) = decode(b"PERCH\xC9\x94 \xAB s\xEC \xBB").unwrap();
        assert_eq!(text, "PERCHÉ” « sì »");
        let (text, encoding) = decode(b"\xFF\xFEa\x00;\x00b\x00").unwrap();
        assert_eq!((text.as_str(), encoding), ("a;b", Encoding::Utf16Le));
    }

    #[test]
    fn a_file_of_two_encodings_is_refused_at_its_first_foreign_byte() {
        // "Società" in UTF-8 on line 2, "città" in Windows-1252 on line 3, second field.
        let bytes = b"nome;citt\xC3\xA0\nSociet\xC3\xA0 Cooperativa;Roma\nAlfa;citt\xE0\n";
        let bad = decode(bytes).unwrap_err();
        assert_eq!(bad.byte, 0xE0);
        assert_eq!(
            bad.problem,
            Problem::Mixed {
                sample: 'à',
                line: 1
            }
        );
        assert_eq!(position(bytes, bad.offset, b';'), (3, 1));
        assert!(bad.to_string().contains("0xE0 non è UTF-8"), "{bad}");
        // A byte Windows-1252 leaves undefined, in a file with no UTF-8 in it.
        let bad = decode(b"a;b\nc;\x81\n").unwrap_err();
        assert_eq!((bad.offset, bad.problem.clone()), (6, Problem::Neither));
        // A BOM that says UTF-8, then a byte that is not.
        let bad = decode(b"\xEF\xBB\xBFa;\xE0").unwrap_err();
        assert_eq!(bad.offset, 5);
        // A lone UTF-16 surrogate.
        assert!(decode(b"\xFF\xFEa\x00\x00\xD8b\x00").is_err());
    }

    #[test]
    fn positions_count_rows_and_fields_outside_quotes() {
        let bytes = b"a;\"b;\nc\";d\ne;f";
        // The byte "f": row 3 (the record that starts on line 3), column B.
        assert_eq!(position(bytes, bytes.len() - 1, b';'), (3, 1));
        // The byte "d": the record begun on line 1 (a quoted field spans two lines), column C.
        assert_eq!(position(bytes, 10, b';'), (1, 2));
    }

    #[test]
    fn separators_from_the_header_or_the_hint() {
        assert_eq!(separator("protocollo;lotto\n1;a"), (b';', 0));
        assert_eq!(separator("protocollo,lotto\n1,a"), (b',', 0));
        assert_eq!(separator("protocollo\tlotto"), (b'\t', 0));
        assert_eq!(separator("\"a;b\",c,d"), (b',', 0));
        assert_eq!(separator("sep=,\nprotocollo,lotto"), (b',', 1));
        assert_eq!(separator("protocollo"), (b';', 0));
    }
}
