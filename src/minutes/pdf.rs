//! From laid-out pages to a PDF/A-2a file that depends on nothing but the pages and the
//! metadata, written as the layout goes on.
//!
//! Each finished page's content stream is made and compressed on a thread of its own and
//! written to the output at once, with the structure elements and page dictionaries the
//! layout finished meanwhile (in object streams); the page is then dropped. At the end come
//! the footers (the number of pages is known only then), the fonts, the structure tree's
//! root and parent tree, the metadata and the catalogue. The dates are the document's own
//! (a closed session's closing, or the moment a draft was exported), and the file
//! identifier is a hash of the file.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::mpsc;
use std::thread;

use printpdf::ParsedFont;

use super::MinutesError;
use super::content::{Glyphs, page_content};
use super::embed;
use super::font::{Charset, Fonts, Style};
use super::layout::{Laid, Page, Sink};
use super::objects::{Batch, Out, reference, text_string};
use super::pdfa::{self, Described};
use super::tags::fixed;
use super::text::NBSP;
use crate::domain::Moment;

/// The keys of the document information dictionary that say what the document is.
pub const SEAL_KEY: &[u8] = b"Sigillo";
pub const KIND_KEY: &[u8] = b"Documento";
pub const SESSION_KEY: &[u8] = b"Seduta";
/// For a member's score sheet: whose it is.
pub const MEMBER_KEY: &[u8] = b"Componente";

/// What goes in the document information dictionary and the metadata.
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    /// When the document was issued: its creation and modification date.
    pub date: Moment,
    /// "verbale", "graduatoria", "comunicazione", "scheda".
    pub kind: &'static str,
    pub session: Option<String>,
    pub member: Option<String>,
    pub seal: String,
}

fn io_error(e: std::io::Error) -> MinutesError {
    MinutesError::Pdf(e.to_string())
}

enum Event {
    /// A page's body, or (numbered) its footer.
    Content(u32, Page),
    Objects(u32, Batch),
}

/// Writes a document as it is laid out into `W`.
pub struct Writer<W: Write + Send + 'static> {
    sender: Option<mpsc::SyncSender<Event>>,
    worker: Option<thread::JoinHandle<std::io::Result<Out<W>>>>,
    /// The embedded faces: the two primary ones, and the fallback ones only when some
    /// character needs them.
    faces: Vec<(Style, ParsedFont)>,
}

impl<W: Write + Send + 'static> Writer<W> {
    /// Subsets the faces to the document's characters, which fixes the glyph ids the pages
    /// are written with, and starts the file. The fallback faces only when some character
    /// needs them.
    pub fn new(fonts: &Fonts, charset: &Charset, output: W) -> Result<Writer<W>, MinutesError> {
        let mut chars: BTreeSet<char> = charset.chars();
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
            faces.push((style, fonts.face(style).subset(chars)?));
        }
        let glyphs: Vec<Glyphs> = Style::ALL
            .iter()
            .map(|s| match faces.iter().find(|(style, _)| style == s) {
                Some((_, font)) => Glyphs::new(font),
                None => Glyphs::none(),
            })
            .collect();
        let out = Out::new(output).map_err(io_error)?;
        // A few pages ahead at most: the layout waits rather than piling pages up.
        let (sender, receiver) = mpsc::sync_channel::<Event>(16);
        let worker = thread::spawn(move || {
            let mut out = out;
            for event in receiver {
                match event {
                    Event::Content(number, page) => {
                        let data = page_content(page, &glyphs);
                        out.stream(number, b"", &data, true)?;
                    }
                    Event::Objects(number, batch) => out.object_stream(number, &batch)?,
                }
            }
            Ok(out)
        });
        Ok(Writer {
            sender: Some(sender),
            worker: Some(worker),
            faces,
        })
    }

    fn send(&mut self, event: Event) {
        if let Some(sender) = &self.sender {
            // Only fails if the worker is gone, which `finish` reports.
            let _ = sender.send(event);
        }
    }

    /// The file: the footers drawn over the pages, then everything around them.
    pub fn finish(
        mut self,
        laid: Laid,
        footer: impl Fn(usize, usize) -> Page,
        meta: &Meta,
    ) -> Result<W, MinutesError> {
        let count = laid.pages.len();
        for (i, objects) in laid.pages.iter().enumerate() {
            self.send(Event::Content(objects.footer, footer(i + 1, count)));
        }
        drop(self.sender.take());
        let mut out = self
            .worker
            .take()
            .ok_or_else(|| MinutesError::Pdf("pagine già consegnate".into()))?
            .join()
            .map_err(|_| MinutesError::Pdf("la scrittura delle pagine si è interrotta".into()))?
            .map_err(io_error)?;
        around(&mut out, &laid, &self.faces, meta).map_err(io_error)?;
        out.finish(laid.next_number, &trailer()).map_err(io_error)
    }
}

impl<W: Write + Send + 'static> Sink for Writer<W> {
    fn page(&mut self, page: Page) {
        if let Some(objects) = page.objects {
            self.send(Event::Content(objects.body, page));
        }
    }

    fn objects(&mut self, number: u32, batch: Batch) {
        self.send(Event::Objects(number, batch));
    }
}

fn trailer() -> Vec<u8> {
    let mut t = b"/Root ".to_vec();
    reference(&mut t, fixed::CATALOG);
    t.extend_from_slice(b"/Info ");
    reference(&mut t, fixed::INFO);
    t
}

/// Everything but the pages: fonts, resources, page tree, structure tree root and parent
/// tree, document information, metadata, output intent, catalogue.
fn around<W: Write>(
    out: &mut Out<W>,
    laid: &Laid,
    faces: &[(Style, ParsedFont)],
    meta: &Meta,
) -> std::io::Result<()> {
    let mut placed = Vec::with_capacity(faces.len());
    for (style, font) in faces {
        let base = embed::base(*style);
        embed::write_face(out, base, *style, font)?;
        placed.push((*style, base));
    }
    out.object(fixed::RESOURCES, &embed::resources(&placed))?;

    let mut pages = format!("<</Type/Pages/Count {}/Kids[", laid.pages.len()).into_bytes();
    for (i, p) in laid.pages.iter().enumerate() {
        if i > 0 {
            pages.push(b' ');
        }
        reference(&mut pages, p.page);
    }
    pages.extend_from_slice(b"]>>");
    out.object(fixed::PAGES, &pages)?;

    let mut root = b"<</Type/StructTreeRoot/K ".to_vec();
    reference(&mut root, laid.root.0);
    root.extend_from_slice(b"/ParentTree ");
    reference(&mut root, fixed::PARENT_TREE);
    root.extend_from_slice(format!("/ParentTreeNextKey {}>>", laid.pages.len()).as_bytes());
    out.object(fixed::STRUCT_TREE_ROOT, &root)?;

    let mut tree = b"<</Nums[".to_vec();
    for (i, p) in laid.pages.iter().enumerate() {
        if i > 0 {
            tree.push(b' ');
        }
        tree.extend_from_slice(format!("{} ", p.key).as_bytes());
        reference(&mut tree, p.parents);
    }
    tree.extend_from_slice(b"]>>");
    out.object(fixed::PARENT_TREE, &tree)?;

    let date = pdfa::pdf_date(meta.date);
    let mut info = b"<<".to_vec();
    let mut entry = |key: &[u8], value: &str| {
        info.push(b'/');
        info.extend_from_slice(key);
        text_string(&mut info, value);
    };
    entry(b"Title", &meta.title);
    entry(b"Author", &meta.author);
    entry(b"Subject", &meta.subject);
    entry(b"Keywords", &meta.keywords);
    entry(b"Creator", pdfa::CREATOR);
    entry(b"Producer", pdfa::PRODUCER);
    entry(b"CreationDate", &date);
    entry(b"ModDate", &date);
    entry(KIND_KEY, meta.kind);
    entry(SEAL_KEY, &meta.seal);
    if let Some(session) = &meta.session {
        entry(SESSION_KEY, session);
    }
    if let Some(member) = &meta.member {
        entry(MEMBER_KEY, member);
    }
    info.extend_from_slice(b">>");
    out.object(fixed::INFO, &info)?;

    let xmp = pdfa::xmp(&Described {
        title: &meta.title,
        author: &meta.author,
        subject: &meta.subject,
        keywords: &meta.keywords,
        date: meta.date,
    });
    // Not compressed, so that archives can read it without a PDF library.
    out.stream(fixed::METADATA, b"/Type/Metadata/Subtype/XML", &xmp, false)?;
    out.stream(fixed::ICC_PROFILE, b"/N 3", pdfa::SRGB_ICC, true)?;

    let mut catalog = b"<</Type/Catalog/Pages ".to_vec();
    reference(&mut catalog, fixed::PAGES);
    catalog.extend_from_slice(b"/Lang(it-IT)/MarkInfo<</Marked true>>/StructTreeRoot ");
    reference(&mut catalog, fixed::STRUCT_TREE_ROOT);
    catalog.extend_from_slice(b"/Metadata ");
    reference(&mut catalog, fixed::METADATA);
    catalog.extend_from_slice(
        b"/OutputIntents[<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier",
    );
    text_string(&mut catalog, pdfa::SRGB_NAME);
    catalog.extend_from_slice(b"/Info");
    text_string(&mut catalog, pdfa::SRGB_NAME);
    catalog.extend_from_slice(b"/RegistryName(http://www.color.org)/DestOutputProfile ");
    reference(&mut catalog, fixed::ICC_PROFILE);
    catalog.extend_from_slice(
        b">>]/ViewerPreferences<</DisplayDocTitle true>>/PageLayout/OneColumn>>",
    );
    out.object(fixed::CATALOG, &catalog)
}
