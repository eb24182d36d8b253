//! From laid-out pages to PDF bytes that depend on nothing but the pages and the metadata.
//!
//! printpdf embeds the two subset faces (font program, widths, ToUnicode map): it is given a
//! single page that shows every character the document may use, and in the document it makes
//! that page is replaced by the real ones, whose content streams `content` writes as the
//! layout hands them over. The metadata are ours, the dates the session's, and the file
//! identifier is a hash of the file.

use std::collections::BTreeSet;
use std::sync::{Arc, mpsc};
use std::thread;

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf_printpdf as lo;
use printpdf::{
    FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem,
};
use sha2::{Digest, Sha256};

use super::MinutesError;
use super::content::{Glyphs, page_content, resource};
use super::font::{Charset, Fonts, Style};
use super::layout::{PAGE_HEIGHT, PAGE_WIDTH, Page, Sink};
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

/// A zlib compressor kept for many streams: a fresh one per page would allocate its window
/// and tables twelve thousand times for a long verbale, and the freed memory does not all
/// come back.
struct Deflater(Compress);

impl Deflater {
    fn new() -> Deflater {
        Deflater(Compress::new(Compression::default(), true))
    }

    fn deflate(&mut self, input: &[u8]) -> Option<Vec<u8>> {
        self.0.reset();
        let mut out = Vec::with_capacity(input.len() / 3 + 64);
        loop {
            let read = usize::try_from(self.0.total_in()).ok()?;
            let status = self
                .0
                .compress_vec(input.get(read..)?, &mut out, FlushCompress::Finish)
                .ok()?;
            if status == Status::StreamEnd {
                return Some(out);
            }
            out.reserve(out.capacity().max(256));
        }
    }

    /// A stream, compressed when that makes it smaller.
    fn stream(&mut self, content: Vec<u8>) -> lo::Stream {
        match self.deflate(&content) {
            Some(compressed) if compressed.len() + 19 < content.len() => {
                let dict = lo::Dictionary::from_iter(vec![("Filter", "FlateDecode".into())]);
                let mut s = lo::Stream::new(dict, compressed);
                s.allows_compression = false;
                s
            }
            _ => lo::Stream::new(lo::Dictionary::new(), content),
        }
    }
}

/// One embedded face: its style, the subset, and the characters it draws in the document.
#[derive(Clone)]
struct Embedded {
    style: Style,
    font: ParsedFont,
    chars: BTreeSet<char>,
}

/// A document whose only page shows every character of each face: printpdf makes the font
/// objects from it, with widths and ToUnicode entries for exactly those characters.
fn carrier(faces: &[Embedded]) -> lo::Document {
    let mut doc = PdfDocument::new("");
    let id = |style| FontId(resource(style).to_string());
    for face in faces {
        doc.resources
            .fonts
            .map
            .insert(id(face.style), PdfFont::new(face.font.clone()));
    }
    let mut ops = vec![Op::StartTextSection];
    for face in faces {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id(face.style)),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(face.chars.iter().collect())],
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

/// Writes a document as it is laid out: each finished page's content stream is made and
/// compressed on a thread of its own while the layout goes on, and the page dropped.
pub struct Writer {
    sender: Option<mpsc::SyncSender<Page>>,
    worker: Option<thread::JoinHandle<Vec<lo::Stream>>>,
    /// A place per face, in the order of `Style::index`.
    glyphs: Arc<Vec<Glyphs>>,
    faces: Vec<Embedded>,
}

impl Writer {
    /// Subsets the faces to the document's characters, which fixes the glyph ids the pages
    /// are written with. The fallback faces only when some character needs them.
    pub fn new(fonts: &Fonts, charset: &Charset) -> Result<Writer, MinutesError> {
        let mut chars = charset.chars();
        // The no-break space is written as a space, and must not take the space's place in
        // the map that tells readers which character a glyph is.
        chars.remove(&NBSP);
        chars.insert(' ');
        let fallback = charset.fallback_chars();
        let mut faces = Vec::new();
        for style in Style::ALL {
            let chars = match style.is_fallback() {
                false => &chars,
                true if fallback.is_empty() => continue,
                true => &fallback,
            };
            faces.push(Embedded {
                style,
                font: fonts.face(style).subset(chars)?,
                chars: chars.clone(),
            });
        }
        let glyphs: Vec<Glyphs> = Style::ALL
            .iter()
            .map(|s| match faces.iter().find(|f| f.style == *s) {
                Some(face) => Glyphs::new(&face.font),
                None => Glyphs::none(),
            })
            .collect();
        let glyphs = Arc::new(glyphs);
        // A few pages ahead at most: the layout waits rather than piling pages up.
        let (sender, receiver) = mpsc::sync_channel::<Page>(16);
        let worker_glyphs = Arc::clone(&glyphs);
        let worker = thread::spawn(move || {
            let mut deflater = Deflater::new();
            receiver
                .into_iter()
                .map(|page| deflater.stream(page_content(page, &worker_glyphs)))
                .collect()
        });
        Ok(Writer {
            sender: Some(sender),
            worker: Some(worker),
            glyphs,
            faces,
        })
    }

    /// The file: the pages received, each with its footer drawn over it, and the metadata.
    pub fn finish(mut self, footers: Vec<Page>, meta: &Meta) -> Result<Vec<u8>, MinutesError> {
        drop(self.sender.take());
        let bodies = self
            .worker
            .take()
            .ok_or_else(|| MinutesError::Pdf("pagine già consegnate".into()))?
            .join()
            .map_err(|_| MinutesError::Pdf("la scrittura delle pagine si è interrotta".into()))?;
        if bodies.len() != footers.len() {
            return Err(MinutesError::Pdf(format!(
                "{} pagine e {} piè di pagina",
                bodies.len(),
                footers.len()
            )));
        }
        let mut deflater = Deflater::new();
        let feet: Vec<lo::Stream> = footers
            .into_iter()
            .map(|p| deflater.stream(page_content(p, &self.glyphs)))
            .collect();
        assemble(
            carrier(&self.faces),
            bodies.into_iter().zip(feet).collect(),
            meta,
        )
    }
}

impl Sink for Writer {
    fn page(&mut self, page: Page) {
        if let Some(sender) = &self.sender {
            // Only fails if the worker is gone, which `finish` reports.
            let _ = sender.send(page);
        }
    }
}

/// The carrier's page replaced by the real ones, the metadata, the identifier.
fn assemble(
    mut pdf: lo::Document,
    pages: Vec<(lo::Stream, lo::Stream)>,
    meta: &Meta,
) -> Result<Vec<u8>, MinutesError> {
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
    for (body, foot) in pages {
        let body = pdf.add_object(body);
        let foot = pdf.add_object(foot);
        let page = lo::Dictionary::from_iter(vec![
            ("Type", lo::Object::Name(b"Page".to_vec())),
            ("Parent", lo::Object::Reference(pages_id)),
            ("MediaBox", media_box.clone()),
            ("Resources", lo::Object::Reference(resources)),
            (
                "Contents",
                lo::Object::Array(vec![
                    lo::Object::Reference(body),
                    lo::Object::Reference(foot),
                ]),
            ),
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
    let mut deflater = Deflater::new();
    for object in pdf.objects.values_mut() {
        if let lo::Object::Stream(s) = object
            && s.allows_compression
            && s.dict.get(b"Filter").is_err()
            && let Some(compressed) = deflater.deflate(&s.content)
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
