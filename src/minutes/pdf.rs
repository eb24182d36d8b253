//! From laid-out pages to PDF bytes that depend on nothing but the pages and the metadata.
//!
//! printpdf embeds the two subset faces (font program, widths, ToUnicode map): it is given a
//! single page that shows every character the document uses, and from the document it makes,
//! that page is replaced by the real ones, whose content streams `content` writes. The
//! metadata are ours, the dates the session's, and the file identifier is a hash of the file.

use std::collections::BTreeSet;
use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf_printpdf as lo;
use printpdf::{
    FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem,
};
use sha2::{Digest, Sha256};

use super::MinutesError;
use super::content::{Glyphs, page_content, resource};
use super::font::{Fonts, Style};
use super::layout::{Mark, PAGE_HEIGHT, PAGE_WIDTH, Page};
use super::text::NBSP;

/// The keys of the document information dictionary that say what the document is.
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

/// The characters each face has to show; the space is always kept, for the word gaps.
fn used_chars(pages: &[Page]) -> (BTreeSet<char>, BTreeSet<char>) {
    // A flag per code point: millions of characters, a few dozen distinct.
    let mut seen = [vec![false; 0x1_0000], vec![false; 0x1_0000]];
    let mut other = [BTreeSet::new(), BTreeSet::new()];
    for mark in pages.iter().flat_map(|p| &p.marks) {
        if let Mark::Text { runs, .. } = mark {
            for run in runs {
                let k = usize::from(run.style == Style::Bold);
                for c in run.text.chars() {
                    match seen[k].get_mut(c as usize) {
                        Some(flag) => *flag = true,
                        None => {
                            other[k].insert(c);
                        }
                    }
                }
            }
        }
    }
    let [regular, bold] = [0, 1].map(|k| {
        let mut set: BTreeSet<char> = seen[k]
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .filter_map(|(cp, _)| char::from_u32(cp as u32))
            .filter(|&c| c != NBSP)
            .collect();
        set.extend(&other[k]);
        set.insert(' ');
        set
    });
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

fn deflate(content: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = ZlibEncoder::new(
        Vec::with_capacity(content.len() / 4),
        Compression::default(),
    );
    encoder.write_all(content).ok()?;
    encoder.finish().ok()
}

/// A stream, compressed when that makes it smaller.
fn stream(dict: lo::Dictionary, content: Vec<u8>) -> lo::Stream {
    match deflate(&content) {
        Some(compressed) if compressed.len() + 19 < content.len() => {
            let mut dict = dict;
            dict.set("Filter", "FlateDecode");
            let mut s = lo::Stream::new(dict, compressed);
            s.allows_compression = false;
            s
        }
        _ => lo::Stream::new(dict, content),
    }
}

/// The pages' content streams, made on all cores. Each page is made on its own, so the bytes
/// do not depend on how the work was shared; each page's marks are dropped once written.
fn contents(pages: Vec<Page>, regular: &Glyphs, bold: &Glyphs) -> Vec<lo::Stream> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let share = pages.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<Page>> = Vec::new();
    let mut pages = pages.into_iter().peekable();
    while pages.peek().is_some() {
        chunks.push(pages.by_ref().take(share).collect());
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|p| stream(lo::Dictionary::new(), page_content(p, regular, bold)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    })
}

/// A document whose only page shows every character of both faces: printpdf makes the font
/// objects from it, with widths and ToUnicode entries for exactly those characters.
fn carrier(
    regular: ParsedFont,
    bold: ParsedFont,
    regular_chars: &BTreeSet<char>,
    bold_chars: &BTreeSet<char>,
) -> lo::Document {
    let mut doc = PdfDocument::new("");
    let id = |style| FontId(resource(style).to_string());
    doc.resources
        .fonts
        .map
        .insert(id(Style::Regular), PdfFont::new(regular));
    doc.resources
        .fonts
        .map
        .insert(id(Style::Bold), PdfFont::new(bold));
    let mut ops = vec![Op::StartTextSection];
    for (style, chars) in [(Style::Regular, regular_chars), (Style::Bold, bold_chars)] {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id(style)),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(chars.iter().collect())],
        });
    }
    ops.push(Op::EndTextSection);
    doc.pages = vec![PdfPage::new(
        Pt(PAGE_WIDTH).into(),
        Pt(PAGE_HEIGHT).into(),
        ops,
    )];
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    doc.to_lopdf_document(&options, &mut Vec::new())
}

fn broken(what: &str) -> MinutesError {
    MinutesError::Pdf(format!(
        "struttura inattesa del documento di printpdf: {what}"
    ))
}

/// Stands for the file identifier until the file's hash is known; the same length as the
/// identifier that replaces it, so no offset in the cross-reference table moves.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

pub fn write(fonts: &Fonts, pages: Vec<Page>, meta: &Meta) -> Result<Vec<u8>, MinutesError> {
    let (regular_chars, bold_chars) = used_chars(&pages);
    let regular = fonts.regular.subset(&regular_chars)?;
    let bold = fonts.bold.subset(&bold_chars)?;
    let (regular_glyphs, bold_glyphs) = (Glyphs::new(&regular), Glyphs::new(&bold));
    let mut pdf = carrier(regular, bold, &regular_chars, &bold_chars);
    pdf.version = "1.7".to_string();

    // The carrier's page goes; its resources (the fonts) serve every real page.
    let root = pdf
        .trailer
        .get(b"Root")
        .and_then(lo::Object::as_reference)
        .map_err(|_| broken("catalogo"))?;
    let pages_id = pdf
        .get_dictionary(root)
        .and_then(|c| c.get(b"Pages"))
        .and_then(lo::Object::as_reference)
        .map_err(|_| broken("albero delle pagine"))?;
    let carrier_page = pdf
        .get_dictionary(pages_id)
        .and_then(|p| p.get(b"Kids"))
        .and_then(lo::Object::as_array)
        .ok()
        .and_then(|kids| kids.first())
        .and_then(|k| k.as_reference().ok())
        .ok_or_else(|| broken("pagina dei caratteri"))?;
    let (resources, carrier_content) = {
        let page = pdf
            .get_dictionary(carrier_page)
            .map_err(|_| broken("pagina dei caratteri"))?;
        (
            page.get(b"Resources")
                .and_then(lo::Object::as_reference)
                .map_err(|_| broken("risorse"))?,
            page.get(b"Contents")
                .and_then(lo::Object::as_reference)
                .map_err(|_| broken("contenuto"))?,
        )
    };
    pdf.objects.remove(&carrier_page);
    pdf.objects.remove(&carrier_content);

    let media_box = lo::Object::Array(vec![
        lo::Object::Integer(0),
        lo::Object::Integer(0),
        lo::Object::Real(PAGE_WIDTH),
        lo::Object::Real(PAGE_HEIGHT),
    ]);
    let mut kids = Vec::with_capacity(pages.len());
    for content in contents(pages, &regular_glyphs, &bold_glyphs) {
        let content_id = pdf.add_object(content);
        let page = lo::Dictionary::from_iter(vec![
            ("Type", lo::Object::Name(b"Page".to_vec())),
            ("Parent", lo::Object::Reference(pages_id)),
            ("MediaBox", media_box.clone()),
            ("Resources", lo::Object::Reference(resources)),
            ("Contents", lo::Object::Reference(content_id)),
        ]);
        kids.push(lo::Object::Reference(pdf.add_object(page)));
    }
    let count = kids.len() as i64;
    if let Ok(lo::Object::Dictionary(tree)) = pdf.get_object_mut(pages_id) {
        tree.set("Kids", lo::Object::Array(kids));
        tree.set("Count", lo::Object::Integer(count));
    }

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
    // printpdf's information dictionary is replaced where it stands.
    match pdf.trailer.get(b"Info").and_then(lo::Object::as_reference) {
        Ok(id) => {
            pdf.objects.insert(id, lo::Object::Dictionary(info));
        }
        Err(_) => {
            let id = pdf.add_object(info);
            pdf.trailer.set("Info", lo::Object::Reference(id));
        }
    }
    if let Ok(lo::Object::Dictionary(catalog)) = pdf.get_object_mut(root) {
        catalog.set("Lang", text_string("it-IT"));
        catalog.set(
            "ViewerPreferences",
            lo::Dictionary::from_iter(vec![("DisplayDocTitle", lo::Object::Boolean(true))]),
        );
    }
    // The fonts' own streams.
    for object in pdf.objects.values_mut() {
        if let lo::Object::Stream(s) = object
            && s.allows_compression
            && s.dict.get(b"Filter").is_err()
            && let Some(compressed) = deflate(&s.content)
            && compressed.len() + 19 < s.content.len()
        {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(compressed);
        }
    }
    let placeholder = || lo::Object::String(ID_PLACEHOLDER.to_vec(), lo::StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", lo::Object::Array(vec![placeholder(), placeholder()]));

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
