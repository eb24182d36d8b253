//! Page content streams, written straight from the marks. printpdf's own path (an operation
//! per line, every character looked up and encoded through several layers) took most of the
//! time of a long verbale; the operators written here are the same few it would write.

use std::io::Write as _;

use printpdf::ParsedFont;

use super::font::Style;
use super::layout::{Mark, PAGE_HEIGHT, Page, Tag};
use super::text::NBSP;

/// Characters to glyph ids of one embedded (subset) face, each id already written as a
/// literal string holds it (see [`glyph_string`]): writing a character is then one lookup and
/// one copy, a hundred million times in a large verbale.
pub struct Glyphs {
    /// Indexed by Basic Multilingual Plane code point; the id 0 is .notdef.
    codes: Vec<Code>,
}

/// A glyph id's two bytes, big-endian, with a backslash before each that a literal string
/// must escape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Code {
    bytes: [u8; 4],
    len: u8,
}

impl Code {
    fn of(id: u16) -> Code {
        let mut code = Code {
            bytes: [0; 4],
            len: 0,
        };
        for byte in id.to_be_bytes() {
            // The delimiters and the backslash are escaped, and so are the two end-of-line
            // bytes, which a reader would otherwise take for a line end and read as one LF.
            let escaped: &[u8] = match byte {
                b'(' => b"\\(",
                b')' => b"\\)",
                b'\\' => b"\\\\",
                b'\r' => b"\\r",
                b'\n' => b"\\n",
                _ => &[byte],
            };
            for &b in escaped {
                code.bytes[usize::from(code.len)] = b;
                code.len += 1;
            }
        }
        code
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl Glyphs {
    pub fn new(font: &ParsedFont) -> Glyphs {
        let mut ids = vec![0u16; 0x1_0000];
        for (&cp, &gid) in &font.codepoint_to_glyph {
            if let Some(slot) = ids.get_mut(cp as usize) {
                *slot = gid;
            }
        }
        Glyphs::of_ids(&ids)
    }

    /// `ids[c]` is the glyph of the character c.
    fn of_ids(ids: &[u16]) -> Glyphs {
        let mut codes: Vec<Code> = ids.iter().map(|&id| Code::of(id)).collect();
        // A no-break space is drawn as a space.
        if let Some(&space) = codes.get(' ' as usize)
            && let Some(nbsp) = codes.get_mut(NBSP as usize)
        {
            *nbsp = space;
        }
        Glyphs { codes }
    }

    /// A face the document does not embed (a fallback face no character needs).
    pub fn none() -> Glyphs {
        Glyphs { codes: Vec::new() }
    }

    fn code(&self, c: char) -> Code {
        self.codes
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| Code::of(0))
    }
}

/// The resource name a face is known by on every page.
pub fn resource(style: Style) -> &'static str {
    match style {
        Style::Regular => "LSREGU",
        Style::Bold => "LSBOLD",
        Style::FallbackRegular => "DVREGU",
        Style::FallbackBold => "DVBOLD",
    }
}

/// A number as content streams write it: at most three decimals, no trailing zeros, the same
/// text on every machine.
fn number(out: &mut Vec<u8>, value: f32) {
    let thousandths = (f64::from(value) * 1000.0).round() as i64;
    if thousandths < 0 {
        out.push(b'-');
    }
    let abs = thousandths.unsigned_abs();
    digits(out, abs / 1000);
    let frac = abs % 1000;
    if frac != 0 {
        out.push(b'.');
        let three = [frac / 100, frac / 10 % 10, frac % 10].map(|d| b'0' + d as u8);
        let kept = 3 - three.iter().rev().take_while(|&&d| d == b'0').count();
        out.extend_from_slice(&three[..kept]);
    }
}

/// The decimal digits of `n`, written without the formatting machinery: a page of a verbale
/// has a few thousand numbers, a large verbale a hundred million.
fn digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buffer = [0u8; 20];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buffer[at..]);
}

fn numbers(out: &mut Vec<u8>, values: &[f32], operator: &str) {
    for v in values {
        number(out, *v);
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
    out.push(b'\n');
}

/// `text` as a literal string of two-byte glyph ids, big-endian (the fonts are Identity-H).
/// The ids are written as bytes, half the size of a hexadecimal string: the pages of a large
/// verbale are mostly these strings, and they are compressed.
fn glyph_string(out: &mut Vec<u8>, glyphs: &Glyphs, text: &str) {
    out.reserve(text.len() * 2 + 2);
    out.push(b'(');
    for c in text.chars() {
        out.extend_from_slice(glyphs.code(c).as_bytes());
    }
    out.push(b')');
}

/// How a group of marks is marked in the content stream.
fn open_group(out: &mut Vec<u8>, tag: Tag) {
    match tag {
        Tag::Content(mcid, role) => {
            out.push(b'/');
            out.extend_from_slice(role.name().as_bytes());
            let _ = writeln!(out, "<</MCID {mcid}>>BDC");
        }
        Tag::Artifact => out.extend_from_slice(b"/Artifact<</Type/Pagination>>BDC\n"),
        Tag::Footer => {
            out.extend_from_slice(b"/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n");
        }
    }
}

/// The content stream of one page: grey grounds and rules first, as layout artifacts, then
/// the text, each element's lines in a marked-content sequence of their own. `glyphs` has a
/// place per face, in the order of [`Style::index`].
pub fn page_content(page: Page, glyphs: &[Glyphs]) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.marks.len() * 64);
    let mut fill: Option<f32> = None;
    let mut stroke: Option<(f32, f32)> = None;
    let decorated = page.marks.iter().any(|m| !matches!(m, Mark::Text { .. }));
    if decorated {
        out.extend_from_slice(b"/Artifact<</Type/Layout>>BDC\n");
    }
    for mark in &page.marks {
        match *mark {
            Mark::Fill {
                x,
                y,
                width,
                height,
                gray,
            } => {
                if fill != Some(gray) {
                    numbers(&mut out, &[gray], "g");
                    fill = Some(gray);
                }
                numbers(
                    &mut out,
                    &[x, PAGE_HEIGHT - y - height, width, height],
                    "re f",
                );
            }
            Mark::Rule {
                x1,
                x2,
                y,
                thickness,
                gray,
            } => {
                if stroke != Some((gray, thickness)) {
                    numbers(&mut out, &[gray], "G");
                    numbers(&mut out, &[thickness], "w");
                    stroke = Some((gray, thickness));
                }
                let y = PAGE_HEIGHT - y;
                numbers(&mut out, &[x1, y], "m");
                numbers(&mut out, &[x2, y], "l S");
            }
            Mark::Text { .. } => {}
        }
    }
    if decorated {
        out.extend_from_slice(b"EMC\n");
    }
    out.extend_from_slice(b"0 g\n");
    let mut font: Option<(Style, f32)> = None;
    let mut group: Option<Tag> = None;
    for mark in page.marks {
        let Mark::Text {
            x,
            baseline,
            size,
            gap,
            runs,
            tag,
        } = mark
        else {
            continue;
        };
        if group != Some(tag) {
            if group.is_some() {
                out.extend_from_slice(b"ET\nEMC\n");
            }
            open_group(&mut out, tag);
            out.extend_from_slice(b"BT\n");
            group = Some(tag);
        }
        numbers(
            &mut out,
            &[1.0, 0.0, 0.0, 1.0, x, PAGE_HEIGHT - baseline],
            "Tm",
        );
        // TJ offsets are thousandths of the font size, negative to the right: each space of a
        // justified line is widened by the same amount.
        let offset = -gap * 1000.0 / size;
        for run in runs {
            if font != Some((run.style, size)) {
                out.push(b'/');
                out.extend_from_slice(resource(run.style).as_bytes());
                out.push(b' ');
                numbers(&mut out, &[size], "Tf");
                font = Some((run.style, size));
            }
            let Some(glyphs) = glyphs.get(run.style.index()) else {
                continue;
            };
            if gap > 0.0 && run.text.contains(' ') {
                out.push(b'[');
                let mut parts = run.text.split(' ').peekable();
                while let Some(part) = parts.next() {
                    if parts.peek().is_some() {
                        glyph_string(&mut out, glyphs, part);
                        glyph_string(&mut out, glyphs, " ");
                        out.push(b' ');
                        number(&mut out, offset);
                        out.push(b' ');
                    } else if !part.is_empty() {
                        glyph_string(&mut out, glyphs, part);
                    }
                }
                out.extend_from_slice(b"] TJ\n");
            } else {
                glyph_string(&mut out, glyphs, &run.text);
                out.extend_from_slice(b" Tj\n");
            }
        }
    }
    if group.is_some() {
        out.extend_from_slice(b"ET\nEMC\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_same_everywhere() {
        let mut out = Vec::new();
        for v in [
            0.0, 1.0, -2.5, 595.2756, 841.8898, 0.3, 12.25, 0.05, -0.001, 100.0, 1000.004, -0.0004,
        ] {
            number(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0 1 -2.5 595.276 841.89 0.3 12.25 0.05 -0.001 100 1000.004 0 "
        );
    }

    #[test]
    fn glyph_ids_read_back_from_their_literal_string() {
        // Ids whose bytes are a delimiter, the backslash, an end of line, or zero.
        let ids: [u16; 6] = [0x0028, 0x2900, 0x5C0D, 0x0A41, 0x0000, 0xFFFF];
        let mut table = vec![0u16; 0x1_0000];
        let text: String = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let c = char::from_u32(0x41 + i as u32).unwrap();
                table[c as usize] = *id;
                c
            })
            .collect();
        table[' ' as usize] = 0x0003;
        let glyphs = Glyphs::of_ids(&table);
        // A no-break space is the space's glyph; a character beyond the table is .notdef.
        let text = format!("{text}{NBSP}\u{1F600}");
        let ids: Vec<u16> = ids.into_iter().chain([0x0003, 0x0000]).collect();
        let mut out = Vec::new();
        glyph_string(&mut out, &glyphs, &text);
        let content = lopdf::content::Content::decode(&[out.as_slice(), b" Tj"].concat()).unwrap();
        let read = content.operations[0].operands[0].as_str().unwrap().to_vec();
        let expected: Vec<u8> = ids.iter().flat_map(|id| id.to_be_bytes()).collect();
        assert_eq!(read, expected);
    }
}
