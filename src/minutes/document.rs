//! One document from start to end: the layout of its body, every page footed with its lines
//! and «Pagina N di M», written as it goes into any output.

use std::io::Write;

use super::MinutesError;
use super::font::{Charset, Faces, Fonts};
use super::layout::{Flow, Footers};
use super::pdf::{self, Meta};

/// Lays out a document with `body` and writes it into `output`, every page with the footer
/// lines `left` and «Pagina N di M». The characters it may use are those of `record` and
/// of the program's own sentences.
pub fn document<W: Write + Send + 'static>(
    fonts: &Fonts,
    record: &impl serde::Serialize,
    left: &[String],
    meta: &Meta,
    output: W,
    body: impl FnOnce(&mut Flow),
) -> Result<W, MinutesError> {
    let charset = Charset::new(fonts, record)?;
    document_with(fonts, &charset, left, meta, output, body)
}

/// The same with the characters already read from the record.
pub fn document_with<W: Write + Send + 'static>(
    fonts: &Fonts,
    charset: &Charset,
    left: &[String],
    meta: &Meta,
    output: W,
    body: impl FnOnce(&mut Flow),
) -> Result<W, MinutesError> {
    let faces = Faces { fonts, charset };
    let mut writer = pdf::Writer::new(fonts, charset, output)?;
    let laid = {
        let mut flow = Flow::new(faces, &mut writer);
        body(&mut flow);
        flow.finish()
    };
    let footers = Footers::new(faces, left);
    writer.finish(
        laid,
        |n, count| footers.page(&format!("Pagina {n} di {count}")),
        meta,
    )
}
