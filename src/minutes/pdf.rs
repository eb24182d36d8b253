//! From laid-out pages to PDF bytes that depend on nothing but the pages and the metadata:
//! fixed font resource names (printpdf would draw random ones), the document's metadata
//! written by us, and the file identifier taken from a hash of the file itself.

use std::collections::BTreeSet;

use lopdf_printpdf as lo;
use printpdf::{
    Color, FontId, Greyscale, Line as PdfLine, LinePoint, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

use super::MinutesError;
use super::font::{Fonts, Style};
use super::layout::{Mark, PAGE_HEIGHT, PAGE_WIDTH, Page};
use super::text::NBSP;

/// Resource names and subset tags of the two faces: six capital letters, as a subset tag
/// must be, and the same in every file.
const REGULAR_ID: &str = "LSREGU";
const BOLD_ID: &str = "LSBOLD";

/// The key of the document information dictionary that carries the seal.
pub const SEAL_KEY: &[u8] = b"Sigillo";
pub const KIND_KEY: &[u8] = b"Documento";
pub const SESSION_KEY: &[u8] = b"Seduta";

/// What goes in the document information dictionary.
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    /// "D:20261121103000+01'00'".
    pub date: String,
    /// "verbale" or "graduatoria".
    pub kind: &'static str,
    pub session: Option<String>,
    pub seal: String,
}

fn font_id(style: Style) -> FontId {
    FontId(
        match style {
            Style::Regular => REGULAR_ID,
            Style::Bold => BOLD_ID,
        }
        .to_string(),
    )
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - y_from_top),
    }
}

/// The drawing operations of one page: grey grounds and rules first, then all the text.
fn page_ops(page: Page) -> Vec<Op> {
    let mut ops = Vec::new();
    for mark in &page.marks {
        match mark {
            Mark::Fill {
                x,
                y,
                width,
                height,
                gray: g,
            } => {
                ops.push(Op::SetFillColor { col: gray(*g) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_HEIGHT - y - height),
                        width: Pt(*width),
                        height: Pt(*height),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Mark::Rule {
                x1,
                x2,
                y,
                thickness,
                gray: g,
            } => {
                ops.push(Op::SetOutlineColor { col: gray(*g) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                ops.push(Op::DrawLine {
                    line: PdfLine {
                        points: vec![
                            LinePoint {
                                p: point(*x1, *y),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(*x2, *y),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Mark::Text { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: gray(0.0) });
    let mut current: Option<(Style, f32)> = None;
    for mark in page.marks {
        let Mark::Text {
            x,
            baseline,
            size,
            gap,
            runs,
        } = mark
        else {
            continue;
        };
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_HEIGHT - baseline)),
        });
        let mut items: Vec<TextItem> = Vec::new();
        for run in runs {
            if current != Some((run.style, size)) {
                if !items.is_empty() {
                    ops.push(Op::ShowText {
                        items: std::mem::take(&mut items),
                    });
                }
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(run.style)),
                    size: Pt(size),
                });
                current = Some((run.style, size));
            }
            if gap > 0.0 {
                // TJ offsets are thousandths of the font size, negative to the right: each
                // space of a justified line is widened by the same amount.
                let offset = -gap * 1000.0 / size;
                let mut parts = run.text.split(' ').peekable();
                while let Some(part) = parts.next() {
                    if parts.peek().is_some() {
                        items.push(TextItem::Text(shown(format!("{part} "))));
                        items.push(TextItem::Offset(offset));
                    } else if !part.is_empty() {
                        items.push(TextItem::Text(shown(part.to_string())));
                    }
                }
            } else {
                items.push(TextItem::Text(shown(run.text)));
            }
        }
        if !items.is_empty() {
            ops.push(Op::ShowText { items });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The text as the file shows it: a space that must not break is still a space to whoever
/// reads or copies the text.
fn shown(text: String) -> String {
    if text.contains(NBSP) {
        text.replace(NBSP, " ")
    } else {
        text
    }
}

/// The characters each face has to show; the space is always kept, for the word gaps.
fn used_chars(pages: &[Page]) -> (BTreeSet<char>, BTreeSet<char>) {
    let mut regular = BTreeSet::from([' ']);
    let mut bold = BTreeSet::from([' ']);
    for mark in pages.iter().flat_map(|p| &p.marks) {
        if let Mark::Text { runs, .. } = mark {
            for run in runs {
                let set = match run.style {
                    Style::Regular => &mut regular,
                    Style::Bold => &mut bold,
                };
                set.extend(run.text.chars().filter(|&c| c != NBSP));
            }
        }
    }
    (regular, bold)
}

/// A PDF text string: plain when ASCII, UTF-16BE with its byte order mark otherwise.
fn text_string(text: &str) -> lo::Object {
    if text.is_ascii() {
        lo::Object::String(text.as_bytes().to_vec(), lo::StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        lo::Object::String(bytes, lo::StringFormat::Hexadecimal)
    }
}

/// Stands for the file identifier until the file's hash is known; the same length as the
/// identifier that replaces it, so no offset in the cross-reference table moves.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

pub fn write(fonts: &Fonts, pages: Vec<Page>, meta: &Meta) -> Result<Vec<u8>, MinutesError> {
    let mut doc = PdfDocument::new(&meta.title);
    let (regular, bold) = used_chars(&pages);
    doc.resources.fonts.map.insert(
        font_id(Style::Regular),
        PdfFont::new(fonts.regular.subset(&regular)?),
    );
    doc.resources.fonts.map.insert(
        font_id(Style::Bold),
        PdfFont::new(fonts.bold.subset(&bold)?),
    );
    // Each page's marks are dropped as soon as its operations are made: a long verbale is
    // never held twice over.
    doc.pages = pages
        .into_iter()
        .map(|p| PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), page_ops(p)))
        .collect();

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    drop(doc);
    pdf.version = "1.7".to_string();

    let mut info = lo::Dictionary::from_iter(vec![
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
        ("Subject", text_string(&meta.subject)),
        ("Keywords", text_string(&meta.keywords)),
        ("Creator", text_string("Commissione")),
        ("Producer", text_string("Commissione (printpdf, lopdf)")),
        ("CreationDate", text_string(&meta.date)),
        ("ModDate", text_string(&meta.date)),
    ]);
    info.set(KIND_KEY.to_vec(), text_string(meta.kind));
    info.set(SEAL_KEY.to_vec(), text_string(&meta.seal));
    if let Some(session) = &meta.session {
        info.set(SESSION_KEY.to_vec(), text_string(session));
    }
    let info_id = pdf.add_object(info);
    pdf.trailer.set("Info", lo::Object::Reference(info_id));
    if let Ok(root) = pdf.trailer.get(b"Root").and_then(lo::Object::as_reference)
        && let Ok(lo::Object::Dictionary(catalog)) = pdf.get_object_mut(root)
    {
        catalog.set("Lang", text_string("it-IT"));
        catalog.set(
            "ViewerPreferences",
            lo::Dictionary::from_iter(vec![("DisplayDocTitle", lo::Object::Boolean(true))]),
        );
    }
    let placeholder = || lo::Object::String(ID_PLACEHOLDER.to_vec(), lo::StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", lo::Object::Array(vec![placeholder(), placeholder()]));
    // printpdf left its own information dictionary behind; nothing refers to it any more.
    pdf.prune_objects();
    pdf.renumber_objects();
    pdf.compress();

    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| MinutesError::Pdf(e.to_string()))?;
    set_identifier(&mut bytes)?;
    Ok(bytes)
}

/// Replaces the placeholder identifier with the first 16 bytes of the SHA-256 of the file as
/// written with the placeholder: the same pages and metadata give the same identifier.
fn set_identifier(bytes: &mut [u8]) -> Result<(), MinutesError> {
    let hex_placeholder: String = ID_PLACEHOLDER.iter().map(|b| format!("{b:02X}")).collect();
    let pattern = format!("<{hex_placeholder}>");
    let pattern = pattern.as_bytes();
    let digest = Sha256::digest(&*bytes);
    let id: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let mut replaced = 0;
    // The trailer is at the end of the file: look for the two placeholders from there.
    let mut end = bytes.len();
    while replaced < 2 {
        let Some(at) = bytes[..end]
            .windows(pattern.len())
            .rposition(|w| w == pattern)
        else {
            break;
        };
        bytes[at + 1..at + 1 + id.len()].copy_from_slice(id.as_bytes());
        replaced += 1;
        end = at;
    }
    if replaced == 2 {
        Ok(())
    } else {
        Err(MinutesError::Pdf(
            "identificativo del documento non trovato nel file scritto".into(),
        ))
    }
}
