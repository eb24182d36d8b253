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

/// The text of a CSV file. Bytes that are not UTF-8 are Windows-1252, which covers every
/// Italian letter and "€": a file from an Italian office in any other encoding is unheard of.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
        return (text.into_owned(), Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (text.into_owned(), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return (text.into_owned(), Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
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
        assert_eq!(decode(b"\xEF\xBB\xBFa;b").1, Encoding::Utf8Bom);
        assert_eq!(decode(b"a;b").1, Encoding::Utf8);
        let (text, encoding) = decode(b"Societ\xE0;\x80 12");
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text, "Società;€ 12");
        let (text, encoding) = decode(b"\xFF\xFEa\x00;\x00b\x00");
        assert_eq!((text.as_str(), encoding), ("a;b", Encoding::Utf16Le));
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
