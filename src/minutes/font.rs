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
        let digest = Sha256::digest(
            ids.iter()
                .flat_map(|g| g.to_be_bytes())
                .collect::<Vec<u8>>(),
        );
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
    fn widths_are_times_metrics() {
        let f = fonts().unwrap();
        // Times New Roman: 'M' is 889/1000 em, the space 250/1000.
        assert!((f.regular.width("M", 1000.0) - 889.0).abs() < 1.0);
        assert!((f.regular.width(" ", 1000.0) - 250.0).abs() < 1.0);
        assert!(f.bold.width("Pagina", 10.0) > f.regular.width("Pagina", 10.0));
    }
}
