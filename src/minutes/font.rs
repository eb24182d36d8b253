//! The embedded fonts and their metrics. Liberation Serif (SIL OFL, see
//! assets/fonts/LICENSE-Liberation.txt) is metric-compatible with Times New Roman, so the
//! minutes read like the Word documents the offices are used to.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::ParsedFont;
use sha2::{Digest, Sha256};

use super::MinutesError;

pub(crate) const REGULAR_TTF: &[u8] =
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");

/// Shown in place of a character the font has no glyph for (an emoji in a motivazione).
pub(crate) const REPLACEMENT: char = '?';

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
}

/// One face: the parsed font for embedding and a flat table of advance widths for measuring.
pub(crate) struct Face {
    bytes: &'static [u8],
    name: &'static str,
    pub parsed: ParsedFont,
    /// Advance width in font units per Basic Multilingual Plane code point; `MISSING` if none.
    widths: Vec<u16>,
    units_per_em: f32,
}

const MISSING: u16 = u16::MAX;

impl Face {
    fn load(bytes: &'static [u8], name: &'static str) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("il carattere {name} incorporato non è leggibile"))?;
        parsed.font_name = Some(name.to_string());
        let mut widths = vec![MISSING; 0x1_0000];
        for (&cp, &gid) in &parsed.codepoint_to_glyph {
            if let (Some(slot), Some(w)) =
                (widths.get_mut(cp as usize), parsed.get_glyph_width(gid))
                && gid != 0
            {
                *slot = w.min(MISSING - 1);
            }
        }
        let units_per_em = f32::from(parsed.units_per_em.max(1));
        Ok(Face {
            bytes,
            name,
            parsed,
            widths,
            units_per_em,
        })
    }

    fn advance(&self, c: char) -> Option<u16> {
        self.widths
            .get(c as usize)
            .copied()
            .filter(|&w| w != MISSING)
    }

    /// The face cut down to the glyphs of `chars`, ready to embed: a verbale uses a hundred
    /// glyphs of the font's two thousand. Its name carries a subset tag made from the glyphs
    /// kept, so the same text gives the same name.
    pub fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, MinutesError> {
        let error = |e: String| MinutesError::Font(format!("{}: {e}", self.name));
        let gids: BTreeSet<u16> = chars
            .iter()
            .filter_map(|c| self.parsed.lookup_glyph_index(*c as u32))
            .filter(|&g| g != 0)
            .collect();
        // .notdef first, as the subsetter requires.
        let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
        let font = ReadScope::new(self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| error(e.to_string()))?;
        let provider = font.table_provider(0).map_err(|e| error(e.to_string()))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| error(e.to_string()))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| error("sottoinsieme non leggibile".into()))?;
        // Two subsets in one file must not share a tag: the face's name is hashed too.
        let mut hasher = Sha256::new();
        hasher.update(self.name.as_bytes());
        for g in &ids {
            hasher.update(g.to_be_bytes());
        }
        let digest = hasher.finalize();
        let tag: String = digest
            .iter()
            .take(6)
            .map(|b| char::from(b'A' + b % 26))
            .collect();
        parsed.font_name = Some(format!("{tag}+{}", self.name));
        Ok(parsed)
    }

    pub fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// The width of `text` at `size` points: the sum of the advance widths, unkerned, as the
    /// PDF viewer will place the glyphs.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                u32::from(
                    self.advance(c)
                        .or_else(|| self.advance(REPLACEMENT))
                        .unwrap_or(0),
                )
            })
            .sum();
        units as f32 / self.units_per_em * size
    }
}

pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }
}

/// The characters a document may show, known before it is laid out: the page content is
/// written while the layout goes on, so the embedded subset and its glyph ids must be fixed
/// first. Everything the document says comes from its record or from the program's own
/// sentences, so the record's characters and the fixed set of the program's sentences cover
/// it; anything else is shown as `REPLACEMENT`.
pub struct Charset {
    allowed: Vec<bool>,
}

/// What the program's own sentences and numbers use: ASCII, Latin-1 (the accented vowels,
/// «», the no-break space) and a little typography.
const FIXED: &str = "€–—‘’“”…•";

impl Charset {
    /// Every character the record's text uses, with the fixed set, that both faces have.
    pub fn new(fonts: &Fonts, record: &impl serde::Serialize) -> Charset {
        let mut wanted = vec![false; 0x1_0000];
        for cp in (0x20..0x7f).chain(0xa0..0x100) {
            wanted[cp] = true;
        }
        for c in FIXED.chars() {
            wanted[c as usize] = true;
        }
        let mut collector = Collector {
            wanted: &mut wanted,
            pending: Vec::new(),
        };
        // Serializing a record cannot fail; were it to, the characters it misses would show
        // as REPLACEMENT, not break the document.
        let _ = serde_json::to_writer(&mut collector, record);
        Charset::keep(fonts, wanted)
    }

    /// Every character both faces have: for tests, which set text of any origin.
    #[cfg(test)]
    pub fn all(fonts: &Fonts) -> Charset {
        Charset::keep(fonts, vec![true; 0x1_0000])
    }

    fn keep(fonts: &Fonts, mut wanted: Vec<bool>) -> Charset {
        for (cp, flag) in wanted.iter_mut().enumerate() {
            if *flag {
                *flag = char::from_u32(cp as u32)
                    .is_some_and(|c| !c.is_control() && fonts.regular.has(c) && fonts.bold.has(c));
            }
        }
        Charset { allowed: wanted }
    }

    pub fn has(&self, c: char) -> bool {
        self.allowed.get(c as usize).copied().unwrap_or(false)
    }

    pub fn chars(&self) -> BTreeSet<char> {
        self.allowed
            .iter()
            .enumerate()
            .filter(|(_, a)| **a)
            .filter_map(|(cp, _)| char::from_u32(cp as u32))
            .collect()
    }
}

/// Collects the characters of JSON text written in chunks that may split a character.
struct Collector<'a> {
    wanted: &'a mut Vec<bool>,
    pending: Vec<u8>,
}

impl std::io::Write for Collector<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b < 0x80 {
                self.pending.clear();
                continue;
            }
            if b >= 0xc0 {
                self.pending.clear();
            }
            self.pending.push(b);
            if let Ok(text) = std::str::from_utf8(&self.pending)
                && let Some(c) = text.chars().next()
            {
                if let Some(flag) = self.wanted.get_mut(c as usize) {
                    *flag = true;
                }
                self.pending.clear();
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The faces and the characters a document may use: what setting text needs.
#[derive(Clone, Copy)]
pub struct Faces<'a> {
    pub fonts: &'a Fonts,
    pub charset: &'a Charset,
}

static FONTS: LazyLock<Result<Fonts, String>> = LazyLock::new(|| {
    Ok(Fonts {
        regular: Face::load(REGULAR_TTF, "LiberationSerif")?,
        bold: Face::load(BOLD_TTF, "LiberationSerif-Bold")?,
    })
});

/// The fonts, parsed once per process.
pub(crate) fn fonts() -> Result<&'static Fonts, MinutesError> {
    FONTS.as_ref().map_err(|e| MinutesError::Font(e.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_have_the_italian_letters_and_the_euro() {
        let f = fonts().unwrap();
        for c in "àèéìòùÀÈÉÌÒÙ€«»–’".chars() {
            assert!(f.regular.has(c) && f.bold.has(c), "{c}");
        }
    }

    #[test]
    fn the_charset_holds_what_the_record_says() {
        let f = fonts().unwrap();
        let set = Charset::new(f, &vec!["Łukasz Ţurcan", "😀"]);
        for c in "ŁŢ€àè«»".chars() {
            assert!(set.has(c), "{c}");
        }
        assert!(!set.has('😀'));
        assert!(!set.has('Ж'));
        assert!(Charset::all(f).has('Ж'));
    }

    #[test]
    fn widths_are_times_metrics() {
        let f = fonts().unwrap();
        // Times New Roman: 'M' is 889/1000 em, the space 250/1000.
        assert!((f.regular.width("M", 1000.0) - 889.0).abs() < 1.0);
        assert!((f.regular.width(" ", 1000.0) - 250.0).abs() < 1.0);
        assert!(f.bold.width("Pagina", 10.0) > f.regular.width("Pagina", 10.0));
    }
}
