//! The subset faces as PDF fonts (ISO 32000-1, 9.7; PDF/A-2, 6.2.11): a Type0 font with
//! Identity-H encoding over a CIDFontType2 whose CIDs are the subset's glyph ids, the font
//! program embedded whole, the widths of every glyph as the program has them, a ToUnicode
//! map for every glyph a character maps to, and the CIDSet of the glyphs present.

use std::collections::BTreeMap;
use std::io::{self, Write};

use printpdf::ParsedFont;

use super::content::resource;
use super::font::Style;
use super::objects::{Out, reference};
use super::tags::fixed;

/// Objects per face.
pub const OBJECTS: u32 = 6;

/// A width in thousandths of an em, as PDF fonts give them.
fn thousandths(units: u16, per_em: u16) -> i64 {
    (i64::from(units) * 1000 + i64::from(per_em) / 2) / i64::from(per_em.max(1))
}

fn scaled(units: i16, per_em: u16) -> i64 {
    let per_em = i64::from(per_em.max(1));
    let u = i64::from(units) * 1000;
    if u >= 0 {
        (u + per_em / 2) / per_em
    } else {
        (u - per_em / 2) / per_em
    }
}

/// The number of glyphs of the subset program: every CID from 0 below it is present.
fn glyph_count(font: &ParsedFont) -> u16 {
    let from_widths = font.glyph_widths.keys().max().map_or(0, |g| g + 1);
    let from_cmap = font.codepoint_to_glyph.values().max().map_or(0, |g| g + 1);
    from_widths.max(from_cmap).max(1)
}

/// The ToUnicode CMap: each glyph to the character it shows (the lowest, if several).
fn to_unicode(font: &ParsedFont) -> Vec<u8> {
    let mut by_glyph: BTreeMap<u16, u32> = BTreeMap::new();
    for (&cp, &gid) in &font.codepoint_to_glyph {
        if gid != 0 {
            by_glyph
                .entry(gid)
                .and_modify(|c| *c = (*c).min(cp))
                .or_insert(cp);
        }
    }
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(u16, u32)> = by_glyph.into_iter().collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (gid, cp) in chunk {
            let mut units = [0u16; 2];
            let text: String = char::from_u32(*cp)
                .map(|c| {
                    c.encode_utf16(&mut units)
                        .iter()
                        .map(|u| format!("{u:04X}"))
                        .collect()
                })
                .unwrap_or_else(|| "FFFD".to_string());
            out.push_str(&format!("<{gid:04X}> <{text}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// Writes one face's six objects from `base`: Type0 font, CIDFont, descriptor, font
/// program, ToUnicode, CIDSet.
pub fn write_face<W: Write>(
    out: &mut Out<W>,
    base: u32,
    style: Style,
    font: &ParsedFont,
) -> io::Result<()> {
    let (type0, cid, descriptor, program, unicode, cidset) =
        (base, base + 1, base + 2, base + 3, base + 4, base + 5);
    let name = font
        .font_name
        .clone()
        .unwrap_or_else(|| resource(style).into());
    let per_em = font.units_per_em;
    let count = glyph_count(font);

    let mut d = Vec::new();
    d.extend_from_slice(
        format!("<</Type/Font/Subtype/Type0/BaseFont/{name}/Encoding/Identity-H/DescendantFonts[")
            .as_bytes(),
    );
    reference(&mut d, cid);
    d.extend_from_slice(b"]/ToUnicode ");
    reference(&mut d, unicode);
    d.extend_from_slice(b">>");
    out.object(type0, &d)?;

    let mut d = Vec::new();
    d.extend_from_slice(
        format!(
            "<</Type/Font/Subtype/CIDFontType2/BaseFont/{name}/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/CIDToGIDMap/Identity/FontDescriptor "
        )
        .as_bytes(),
    );
    reference(&mut d, descriptor);
    d.extend_from_slice(b"/DW 1000/W[0[");
    for gid in 0..count {
        if gid > 0 {
            d.push(b' ');
        }
        let w = font.glyph_widths.get(&gid).copied().unwrap_or(0);
        d.extend_from_slice(thousandths(w, per_em).to_string().as_bytes());
    }
    d.extend_from_slice(b"]]>>");
    out.object(cid, &d)?;

    let m = &font.pdf_font_metrics;
    let bold = matches!(style, Style::Bold | Style::FallbackBold);
    let mut d = format!(
        "<</Type/FontDescriptor/FontName/{name}/Flags 34/FontBBox[{} {} {} {}]/ItalicAngle 0/Ascent {}/Descent {}/CapHeight 662/StemV {}/FontWeight {}/FontFile2 ",
        scaled(m.x_min, per_em),
        scaled(m.y_min, per_em),
        scaled(m.x_max, per_em),
        scaled(m.y_max, per_em),
        scaled(font.font_metrics.ascent, per_em),
        scaled(font.font_metrics.descent, per_em),
        if bold { 140 } else { 80 },
        if bold { 700 } else { 400 },
    )
    .into_bytes();
    reference(&mut d, program);
    d.extend_from_slice(b"/CIDSet ");
    reference(&mut d, cidset);
    d.extend_from_slice(b">>");
    out.object(descriptor, &d)?;

    let bytes = &font.original_bytes;
    out.stream(
        program,
        format!("/Length1 {}", bytes.len()).as_bytes(),
        bytes,
        true,
    )?;
    out.stream(unicode, b"", &to_unicode(font), true)?;
    // Every CID below the count is in the program: all bits set, the last byte's unused
    // bits clear.
    let mut set = vec![0xFFu8; usize::from(count).div_ceil(8)];
    let tail = count % 8;
    if tail != 0
        && let Some(last) = set.last_mut()
    {
        *last = 0xFFu8 << (8 - tail);
    }
    out.stream(cidset, b"", &set, false)
}

/// The first of a face's objects: each face has its place, so a document without the
/// fallback faces leaves theirs free.
pub fn base(style: Style) -> u32 {
    fixed::FONTS + OBJECTS * style.index() as u32
}

/// The resources every page shares: the faces embedded, each at its first object.
pub fn resources(faces: &[(Style, u32)]) -> Vec<u8> {
    let mut d = b"<</Font<<".to_vec();
    for (style, base) in faces {
        d.extend_from_slice(format!("/{} {base} 0 R", resource(*style)).as_bytes());
    }
    d.extend_from_slice(b">>/ProcSet[/PDF/Text]>>");
    d
}
