//! The embedded fonts and their metrics. Liberation Serif (SIL OFL, see
//! assets/fonts/LICENSE-Liberation.txt) is metric-compatible with Times New Roman, so the
//! minutes read like the Word documents the offices are used to.
//!
//! A character Liberation Serif cannot draw (a Cyrillic or Greek name, a rare symbol) is drawn
//! in DejaVu Serif (see assets/fonts/LICENSE-DejaVu.txt), whose coverage is far wider: the
//! text setting gives such characters the fallback style of their span (`Style::fallback`),
//! and the PDF embeds the fallback faces only when a document uses them, so a document that
//! needs none is the same, byte for byte, as before the fallback existed. A character neither
//! family can draw is never printed as a stand-in: [`Charset::new`] refuses the document and
//! names the field that holds it.

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
pub(crate) const FALLBACK_REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");
pub(crate) const FALLBACK_BOLD_TTF: &[u8] =
    include_bytes!("../../assets/fonts/DejaVuSerif-Bold.ttf");

/// Set in place of a character that is not in the document's [`Charset`]. Every character
/// of a document's record is in it (or the document is refused), and the program's own
/// sentences use only the fixed set: this is a last resort that no document should reach.
pub(crate) const REPLACEMENT: char = '?';

/// A face: a span is `Regular` or `Bold`; the text setting draws the characters the primary
/// faces lack in the matching fallback face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular,
    Bold,
    /// DejaVu Serif, for characters Liberation Serif lacks in a regular span.
    FallbackRegular,
    /// DejaVu Serif Bold, for characters Liberation Serif lacks in a bold span.
    FallbackBold,
}

impl Style {
    /// Every face, in the order of [`Style::index`].
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::FallbackRegular,
        Style::FallbackBold,
    ];

    /// The face that draws, in this style, what the primary face lacks.
    pub fn fallback(self) -> Style {
        match self {
            Style::Regular | Style::FallbackRegular => Style::FallbackRegular,
            Style::Bold | Style::FallbackBold => Style::FallbackBold,
        }
    }

    /// The primary face of this style.
    pub fn primary(self) -> Style {
        match self {
            Style::Regular | Style::FallbackRegular => Style::Regular,
            Style::Bold | Style::FallbackBold => Style::Bold,
        }
    }

    pub fn is_fallback(self) -> bool {
        matches!(self, Style::FallbackRegular | Style::FallbackBold)
    }

    /// A place per face, for tables indexed by style.
    pub fn index(self) -> usize {
        match self {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::FallbackRegular => 2,
            Style::FallbackBold => 3,
        }
    }
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
    pub fallback_regular: Face,
    pub fallback_bold: Face,
}

impl Fonts {
    pub fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
            Style::FallbackRegular => &self.fallback_regular,
            Style::FallbackBold => &self.fallback_bold,
        }
    }

    /// Which family draws `c`: the primary one when both its faces have it, else the fallback
    /// when both of its faces have it (a character looks the same in a regular and a bold
    /// span, apart from the weight).
    fn family(&self, c: char) -> Drawn {
        if self.regular.has(c) && self.bold.has(c) {
            Drawn::Primary
        } else if self.fallback_regular.has(c) && self.fallback_bold.has(c) {
            Drawn::Fallback
        } else {
            Drawn::Nowhere
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drawn {
    Nowhere,
    Primary,
    Fallback,
}

/// The characters a document may show, known before it is laid out, each with the family
/// that draws it: the page content is written while the layout goes on, so the embedded
/// subsets and their glyph ids must be fixed first. Everything the document says comes from
/// its record or from the program's own sentences, so the record's characters and the fixed
/// set of the program's sentences cover it.
pub struct Charset {
    drawn: Vec<Drawn>,
}

/// What the program's own sentences and numbers use: ASCII, Latin-1 (the accented vowels,
/// «», the no-break space) and a little typography.
const FIXED: &str = "€–—‘’“”…•";

/// How a character came to be wanted: the program's own repertoire may lack a glyph (it is
/// then never used), the record's text may not.
const OFFERED: u8 = 1;
const REQUIRED: u8 = 2;

/// A character the text setting turns into a space (see `text::Prepared`): it needs no glyph.
fn set_as_space(c: char) -> bool {
    c.is_control() || c.is_whitespace()
}

impl Charset {
    /// Every character the record's text uses, with the fixed set, each with the family that
    /// draws it. A character of the record that neither family can draw refuses the document,
    /// naming the field it is in: it is never printed as a stand-in.
    pub fn new(fonts: &Fonts, record: &impl serde::Serialize) -> Result<Charset, MinutesError> {
        Charset::read(fonts, record, None)
    }

    /// The same, and the SHA-256 of the record's JSON (`seal::seal`) from the same reading:
    /// a large verbale's record is 220 MB of JSON, read once instead of twice.
    pub fn sealing(
        fonts: &Fonts,
        record: &impl serde::Serialize,
    ) -> (Result<Charset, MinutesError>, String) {
        let mut hasher = Sha256::new();
        let charset = Charset::read(fonts, record, Some(&mut hasher));
        (charset, crate::seal::hex(&hasher.finalize()))
    }

    fn read(
        fonts: &Fonts,
        record: &impl serde::Serialize,
        hasher: Option<&mut Sha256>,
    ) -> Result<Charset, MinutesError> {
        let mut wanted = vec![0u8; 0x1_0000];
        for cp in (0x20..0x7f).chain(0xa0..0x100) {
            wanted[cp] = OFFERED;
        }
        for c in FIXED.chars() {
            wanted[c as usize] = OFFERED;
        }
        let mut collector = Collector {
            wanted: &mut wanted,
            beyond: None,
            pending: Vec::new(),
            hasher,
        };
        // Serializing a record cannot fail; were it to, a character it misses would be set as
        // REPLACEMENT rather than break the document.
        let _ = serde_json::to_writer(&mut collector, record);
        let beyond = collector.beyond;
        let charset = Charset::keep(fonts, &wanted);
        // Outside the Basic Multilingual Plane (an emoji) no embedded face has glyphs.
        let undrawable = beyond.or_else(|| {
            wanted
                .iter()
                .enumerate()
                .filter(|(_, w)| **w == REQUIRED)
                .filter_map(|(cp, _)| char::from_u32(cp as u32))
                .find(|&c| !set_as_space(c) && charset.drawn[c as usize] == Drawn::Nowhere)
        });
        match undrawable {
            None => Ok(charset),
            Some(character) => Err(MinutesError::Undrawable {
                character,
                code: format!("U+{:04X}", character as u32),
                place: locate(record, character),
            }),
        }
    }

    /// Every character either family has: for tests, which set text of any origin.
    #[cfg(test)]
    pub fn all(fonts: &Fonts) -> Charset {
        Charset::keep(fonts, &vec![OFFERED; 0x1_0000])
    }

    fn keep(fonts: &Fonts, wanted: &[u8]) -> Charset {
        let drawn = wanted
            .iter()
            .enumerate()
            .map(|(cp, w)| match char::from_u32(cp as u32) {
                Some(c) if *w != 0 && !c.is_control() => fonts.family(c),
                _ => Drawn::Nowhere,
            })
            .collect();
        Charset { drawn }
    }

    fn drawn(&self, c: char) -> Drawn {
        self.drawn
            .get(c as usize)
            .copied()
            .unwrap_or(Drawn::Nowhere)
    }

    /// The face that draws `c` in a span of `style`: its primary face, or the fallback one;
    /// None when the document has no glyph for it.
    pub fn style_for(&self, c: char, style: Style) -> Option<Style> {
        match self.drawn(c) {
            Drawn::Primary => Some(style.primary()),
            Drawn::Fallback => Some(style.fallback()),
            Drawn::Nowhere => None,
        }
    }

    fn family_chars(&self, family: Drawn) -> BTreeSet<char> {
        self.drawn
            .iter()
            .enumerate()
            .filter(|(_, d)| **d == family)
            .filter_map(|(cp, _)| char::from_u32(cp as u32))
            .collect()
    }

    /// The characters the primary faces draw.
    pub fn chars(&self) -> BTreeSet<char> {
        self.family_chars(Drawn::Primary)
    }

    /// The characters the fallback faces draw: none in most documents, and then the fallback
    /// faces are not embedded.
    pub fn fallback_chars(&self) -> BTreeSet<char> {
        self.family_chars(Drawn::Fallback)
    }
}

/// Where in the record a character is, in words for the secretariat: the field's name (in
/// Italian where the record's key is a known one), its path, the application or member it
/// belongs to, and the text around the character. Only on a refusal: the record is turned
/// into a tree of values to search it.
fn locate(record: &impl serde::Serialize, c: char) -> String {
    let Ok(value) = serde_json::to_value(record) else {
        return "un testo del documento".into();
    };
    let mut path = Vec::new();
    let mut owners = Vec::new();
    let Some(text) = find(&value, c, &mut path, &mut owners) else {
        return "un testo del documento".into();
    };
    let field = path
        .iter()
        .rev()
        .find(|p| p.parse::<usize>().is_err())
        .map_or("testo", |k| field_name(k));
    let mut place = format!("il campo «{field}» ({}", path.join(" › "));
    if let Some(owner) = owners.last() {
        place.push_str(&format!(", {owner}"));
    }
    place.push_str(&format!("): «{}»", excerpt(text, c)));
    place
}

fn find<'v>(
    value: &'v serde_json::Value,
    c: char,
    path: &mut Vec<String>,
    owners: &mut Vec<String>,
) -> Option<&'v str> {
    use serde_json::Value;
    match value {
        Value::String(s) => s.contains(c).then_some(s.as_str()),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            path.push((i + 1).to_string());
            let found = find(v, c, path, owners);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        Value::Object(map) => {
            let owner = ["protocol", "application"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))
                .map(|p| format!("candidatura {p}"))
                .or_else(|| {
                    map.get("member")
                        .and_then(Value::as_str)
                        .map(|m| format!("componente {m}"))
                });
            let pushed = owner.is_some();
            owners.extend(owner);
            let found = map.iter().find_map(|(k, v)| {
                path.push(k.clone());
                if k.contains(c) {
                    return Some(k.as_str());
                }
                let found = find(v, c, path, owners);
                if found.is_none() {
                    path.pop();
                }
                found
            });
            if found.is_none() && pushed {
                owners.pop();
            }
            found
        }
        _ => None,
    }
}

/// The record's keys the secretariat would look for, in Italian.
fn field_name(key: &str) -> &str {
    match key {
        "applicant" => "soggetto proponente",
        "name" => "nome",
        "title" => "titolo",
        "summary" => "sintesi",
        "reason" | "reasons" => "motivazione",
        "note" => "nota",
        "notes" => "note della seduta",
        "place" => "luogo",
        "authority" => "ente",
        "office" => "ufficio",
        "rup" => "responsabile del procedimento",
        "method" => "modalità del sorteggio",
        "change" => "modifica",
        "appointed_by" => "atto di nomina",
        "qualification" => "qualifica",
        "document" => "documento",
        "description" => "descrizione",
        "label" => "etichetta",
        other => other,
    }
}

/// Up to twenty characters either side of the first `c` in `text`.
fn excerpt(text: &str, c: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&x| x == c).unwrap_or(0);
    let from = at.saturating_sub(20);
    let to = (at + 21).min(chars.len());
    let mut out: String = chars[from..to]
        .iter()
        .map(|&x| if x.is_control() { ' ' } else { x })
        .collect();
    if from > 0 {
        out.insert(0, '…');
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// Collects the characters of JSON text written in chunks that may split a character (only
/// non-ASCII ones: ASCII is always in the set), marking each as required.
struct Collector<'a> {
    wanted: &'a mut Vec<u8>,
    /// The first character beyond the Basic Multilingual Plane.
    beyond: Option<char>,
    pending: Vec<u8>,
    /// What was written, hashed on the way (see [`Charset::sealing`]).
    hasher: Option<&'a mut Sha256>,
}

impl std::io::Write for Collector<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(hasher) = self.hasher.as_deref_mut() {
            hasher.update(buf);
        }
        // Most of a record is ASCII, which every document offers.
        if self.pending.is_empty() && buf.is_ascii() {
            return Ok(buf.len());
        }
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
                match self.wanted.get_mut(c as usize) {
                    Some(flag) => *flag = REQUIRED,
                    None => {
                        self.beyond.get_or_insert(c);
                    }
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
        fallback_regular: Face::load(FALLBACK_REGULAR_TTF, "DejaVuSerif")?,
        fallback_bold: Face::load(FALLBACK_BOLD_TTF, "DejaVuSerif-Bold")?,
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
    fn reading_the_record_once_gives_the_same_charset_and_its_seal() {
        let f = fonts().unwrap();
        let record = vec!["Società «Il Ponte»", "Łukasz", "ascii only", "Жанна"];
        let (sealed, sha256) = Charset::sealing(f, &record);
        let sealed = sealed.unwrap();
        let alone = Charset::new(f, &record).unwrap();
        assert_eq!(sealed.chars(), alone.chars());
        assert_eq!(sealed.fallback_chars(), alone.fallback_chars());
        assert!(sealed.chars().contains(&'Ł'));
        assert_eq!(
            sha256,
            crate::seal::sha256_hex(&serde_json::to_vec(&record).unwrap())
        );
        // A character no face draws is refused all the same, and the record still hashed.
        let (refused, sha256) = Charset::sealing(f, &vec!["ok", "\u{a4d0}"]);
        assert!(refused.is_err());
        assert_eq!(sha256.len(), 64);
    }

    #[test]
    fn the_charset_holds_what_the_record_says() {
        let f = fonts().unwrap();
        // Armenian, and two symbols of logic: Liberation Serif has none of them.
        let set = Charset::new(f, &vec!["Łukasz Ţurcan", "Աշոտ ⇒ ∀ Жанна"]).unwrap();
        for c in "ŁŢ€àè«»Ж".chars() {
            assert_eq!(set.style_for(c, Style::Bold), Some(Style::Bold), "{c}");
        }
        for c in "Աշոտ⇒∀".chars() {
            assert!(!f.regular.has(c), "{c}");
            assert_eq!(
                set.style_for(c, Style::Regular),
                Some(Style::FallbackRegular)
            );
            assert_eq!(set.style_for(c, Style::Bold), Some(Style::FallbackBold));
        }
        assert_eq!(set.fallback_chars(), "Աշոտ⇒∀".chars().collect());
        assert!(!set.chars().contains(&'⇒'));
        assert!(
            Charset::new(f, &vec!["Società"])
                .unwrap()
                .fallback_chars()
                .is_empty()
        );
    }

    #[test]
    fn a_character_no_face_draws_refuses_the_document_naming_its_field() {
        #[derive(serde::Serialize)]
        struct Received {
            protocol: &'static str,
            applicant: &'static str,
        }
        #[derive(serde::Serialize)]
        struct Record {
            received: Vec<Received>,
        }
        let record = Record {
            received: vec![
                Received {
                    protocol: "2026/0001",
                    applicant: "Associazione Alfa",
                },
                Received {
                    protocol: "2026/0002",
                    applicant: "Cooperativa 😀 Beta",
                },
            ],
        };
        let f = fonts().unwrap();
        let error = Charset::new(f, &record).err().expect("refused");
        let text = error.to_string();
        assert!(text.contains("«😀» (U+1F600)"), "{text}");
        assert!(
            text.contains(
                "il campo «soggetto proponente» (received › 2 › applicant, candidatura 2026/0002): «Cooperativa 😀 Beta»"
            ),
            "{text}"
        );
        // A character of the Basic Multilingual Plane that no face has, as well.
        let error = Charset::new(f, &vec!["ok", "\u{a4d0}"])
            .err()
            .expect("refused");
        assert!(error.to_string().contains("U+A4D0"), "{error}");
        // Controls and unusual spaces are set as spaces: they need no glyph.
        assert!(Charset::new(f, &vec!["a\u{85}b\u{2003}c"]).is_ok());
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
