//! PDF objects written straight to the output as they are made: nothing of a document is held
//! but the cross-reference table (a few bytes per object). Small objects (structure elements,
//! page dictionaries) go into compressed object streams, and the cross-reference table is a
//! compressed stream too (PDF 1.5, allowed by PDF/A-2), so a verbale of a million table cells
//! stays small. The file identifier is the hash of everything written before the trailer.

use std::io::{self, Write};

use flate2::{Compress, Compression, FlushCompress, Status};
use sha2::{Digest, Sha256};

/// A zlib compressor kept for many streams: a fresh one per page would allocate its window
/// and tables twelve thousand times for a long verbale, and the freed memory does not all
/// come back.
pub struct Deflater(Compress);

impl Default for Deflater {
    fn default() -> Self {
        Self::new()
    }
}

impl Deflater {
    pub fn new() -> Deflater {
        // Level 3 rather than the default 6: on the 35,000 pages of a 10,000-application
        // verbale it compresses in about half the time for a file a tenth larger (129 MB
        // against 117), and the pages' text is what the drawing thread spent most on.
        Deflater(Compress::new(Compression::new(3), true))
    }

    pub fn deflate(&mut self, input: &[u8]) -> Option<Vec<u8>> {
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

    /// Compresses, as one zlib stream, the pieces `fill` gives one after another (an empty
    /// piece is the end): the same bytes as [`Deflater::deflate`] of them all, without the
    /// input held whole (the cross-reference table of a 10,000-application verbale is 15 MB).
    pub fn deflate_from(&mut self, mut fill: impl FnMut(&mut Vec<u8>)) -> Option<Vec<u8>> {
        self.0.reset();
        let mut out = Vec::new();
        let mut piece = Vec::with_capacity(1 << 16);
        loop {
            piece.clear();
            fill(&mut piece);
            let last = piece.is_empty();
            let flush = if last {
                FlushCompress::Finish
            } else {
                FlushCompress::None
            };
            let start = self.0.total_in();
            loop {
                if out.len() == out.capacity() {
                    out.reserve(out.capacity().max(1 << 16));
                }
                let read = usize::try_from(self.0.total_in() - start).ok()?;
                let status = self
                    .0
                    .compress_vec(piece.get(read..)?, &mut out, flush)
                    .ok()?;
                let consumed = usize::try_from(self.0.total_in() - start).ok()? == piece.len();
                match (last, status) {
                    (true, Status::StreamEnd) => return Some(out),
                    (false, _) if consumed && out.len() < out.capacity() => break,
                    _ => {}
                }
            }
        }
    }
}

/// Where an object is: nowhere yet, at a byte offset, or inside an object stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Entry {
    #[default]
    Free,
    At(u64),
    In {
        stream: u32,
        index: u16,
    },
}

/// An [`Entry`] in eight bytes, as the cross-reference table holds one per object until the
/// end: the enum takes sixteen, 128 MB for the eight million objects of a 10,000-application
/// verbale. The top two bits say which entry it is; an offset keeps the other 62.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Packed(u64);

impl Packed {
    const AT: u64 = 1 << 62;
    const IN: u64 = 2 << 62;
    const VALUE: u64 = Self::AT - 1;

    fn new(entry: Entry) -> Packed {
        Packed(match entry {
            Entry::Free => 0,
            Entry::At(offset) => Self::AT | (offset & Self::VALUE),
            Entry::In { stream, index } => Self::IN | (u64::from(stream) << 16) | u64::from(index),
        })
    }

    fn entry(self) -> Entry {
        match self.0 & !Self::VALUE {
            Self::AT => Entry::At(self.0 & Self::VALUE),
            Self::IN => Entry::In {
                stream: ((self.0 & Self::VALUE) >> 16) as u32,
                index: self.0 as u16,
            },
            _ => Entry::Free,
        }
    }
}

/// The cross-reference table as it is filled, in pieces of 64 KB: a table of two million
/// objects grows without its entries copied each time it doubles, nor room for as many again
/// held to the end.
#[derive(Debug, Default)]
struct Xref {
    pieces: Vec<Box<[Packed]>>,
    len: usize,
}

impl Xref {
    const PIECE: usize = 8192;

    fn set(&mut self, i: usize, entry: Entry) {
        while self.pieces.len() * Self::PIECE <= i {
            self.pieces
                .push(vec![Packed::default(); Self::PIECE].into());
        }
        self.pieces[i / Self::PIECE][i % Self::PIECE] = Packed::new(entry);
        self.len = self.len.max(i + 1);
    }

    /// Every entry, object 0 first.
    fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        self.pieces
            .iter()
            .flat_map(|p| p.iter())
            .take(self.len)
            .map(|p| p.entry())
    }
}

/// Small objects waiting to go into one object stream: their numbers, where each starts in
/// `data`, and their text.
#[derive(Debug, Default)]
pub struct Batch {
    pub numbers: Vec<(u32, u32)>,
    pub data: Vec<u8>,
}

impl Batch {
    /// Objects per stream: enough for compression to find the repetitions, few enough that a
    /// reader does not inflate much to get one.
    pub const SIZE: usize = 200;

    pub fn push(&mut self, number: u32, body: &[u8]) {
        self.numbers.push((number, self.data.len() as u32));
        self.data.extend_from_slice(body);
        self.data.push(b'\n');
    }

    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }
}

/// The output file as it is written.
pub struct Out<W: Write> {
    w: W,
    written: u64,
    hash: Sha256,
    xref: Xref,
    pub deflater: Deflater,
}

impl<W: Write> Out<W> {
    /// Starts the file: the header, and the comment of four high bytes that marks it binary
    /// (PDF/A-2, 6.1.2).
    pub fn new(w: W) -> io::Result<Out<W>> {
        let mut out = Out {
            w,
            written: 0,
            hash: Sha256::new(),
            xref: Xref::default(),
            deflater: Deflater::new(),
        };
        out.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(out)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.hash.update(bytes);
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn set(&mut self, number: u32, entry: Entry) {
        let i = number as usize;
        self.xref.set(i, entry);
    }

    /// An object that is not a stream, written at the current offset.
    pub fn object(&mut self, number: u32, body: &[u8]) -> io::Result<()> {
        self.set(number, Entry::At(self.written));
        self.put(format!("{number} 0 obj\n").as_bytes())?;
        self.put(body)?;
        self.put(b"\nendobj\n")
    }

    /// A stream whose dictionary holds `dict` (without the brackets, the Length and the
    /// Filter) and whose data is `data`, compressed when `compress` and that makes it smaller.
    pub fn stream(
        &mut self,
        number: u32,
        dict: &[u8],
        data: &[u8],
        compress: bool,
    ) -> io::Result<()> {
        let compressed = if compress {
            self.deflater
                .deflate(data)
                .filter(|c| c.len() + 19 < data.len())
        } else {
            None
        };
        match &compressed {
            Some(c) => self.stream_as(number, dict, b"/Filter/FlateDecode", c),
            None => self.stream_as(number, dict, b"", data),
        }
    }

    /// A stream whose `data` are written as they are, under `filter`.
    fn stream_as(
        &mut self,
        number: u32,
        dict: &[u8],
        filter: &[u8],
        data: &[u8],
    ) -> io::Result<()> {
        self.set(number, Entry::At(self.written));
        let mut head = Vec::with_capacity(dict.len() + 48);
        let _ = write!(head, "{number} 0 obj\n<<");
        head.extend_from_slice(dict);
        head.extend_from_slice(filter);
        let _ = write!(head, "/Length {}>>\nstream\n", data.len());
        self.put(&head)?;
        self.put(data)?;
        self.put(b"\nendstream\nendobj\n")
    }

    /// The objects of `batch` as one compressed object stream numbered `number`.
    pub fn object_stream(&mut self, number: u32, batch: &Batch) -> io::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut index = Vec::with_capacity(batch.numbers.len() * 12);
        for (n, at) in &batch.numbers {
            let _ = write!(index, "{n} {at} ");
        }
        index.push(b'\n');
        let first = index.len();
        index.extend_from_slice(&batch.data);
        for (i, (n, _)) in batch.numbers.iter().enumerate() {
            self.set(
                *n,
                Entry::In {
                    stream: number,
                    index: i as u16,
                },
            );
        }
        let dict = format!("/Type/ObjStm/N {}/First {first}", batch.numbers.len());
        self.stream(number, dict.as_bytes(), &index, true)
    }

    /// Ends the file with the cross-reference stream `number`, whose dictionary is the
    /// trailer: `trailer` (the Root and Info entries) and the identifier, the first 16 bytes
    /// of the SHA-256 of everything written before it.
    pub fn finish(mut self, number: u32, trailer: &[u8]) -> io::Result<W> {
        let at = self.written;
        self.set(number, Entry::At(at));
        let digest = std::mem::take(&mut self.hash).finalize();
        let id: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
        let size = self.xref.len;
        let mut dict = format!("/Type/XRef/Size {size}/W[1 4 2]").into_bytes();
        dict.extend_from_slice(trailer);
        dict.extend_from_slice(format!("/ID[<{id}><{id}>]").as_bytes());
        // Compressed as it is laid out, 64 KB at a time: never held whole.
        let compressed = {
            let mut entries = self.xref.entries().enumerate();
            self.deflater.deflate_from(|piece| {
                while piece.len() < 1 << 16
                    && let Some((i, entry)) = entries.next()
                {
                    xref_row(piece, i, entry);
                }
            })
        };
        match compressed.filter(|c| c.len() + 19 < size * 7) {
            Some(c) => self.stream_as(number, &dict, b"/Filter/FlateDecode", &c)?,
            None => {
                let mut table = Vec::with_capacity(size * 7);
                for (i, entry) in self.xref.entries().enumerate() {
                    xref_row(&mut table, i, entry);
                }
                self.stream_as(number, &dict, b"", &table)?;
            }
        }
        self.put(format!("startxref\n{at}\n%%EOF\n").as_bytes())?;
        self.w.flush()?;
        Ok(self.w)
    }
}

/// Object `i`'s row of the cross-reference stream: its type, then where it is in 4 and 2 bytes.
fn xref_row(out: &mut Vec<u8>, i: usize, entry: Entry) {
    match entry {
        Entry::Free => {
            out.push(0);
            out.extend_from_slice(&0u32.to_be_bytes());
            out.extend_from_slice(&(if i == 0 { 0xFFFFu16 } else { 0 }).to_be_bytes());
        }
        Entry::At(offset) => {
            out.push(1);
            out.extend_from_slice(&(offset as u32).to_be_bytes());
            out.extend_from_slice(&0u16.to_be_bytes());
        }
        Entry::In { stream, index } => {
            out.push(2);
            out.extend_from_slice(&stream.to_be_bytes());
            out.extend_from_slice(&index.to_be_bytes());
        }
    }
}

/// A PDF text string: literal when printable ASCII, UTF-16BE with its byte order mark
/// otherwise.
pub fn text_string(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        out.push(b'(');
        for b in text.bytes() {
            if matches!(b, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b')');
    } else {
        out.extend_from_slice(b"<FEFF");
        for unit in text.encode_utf16() {
            let _ = write!(out, "{unit:04X}");
        }
        out.push(b'>');
    }
}

/// `n 0 R`.
pub fn reference(out: &mut Vec<u8>, number: u32) {
    // Written in place: a large verbale writes millions of references.
    let _ = write!(out, "{number} 0 R");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_escape_and_encode() {
        let mut out = Vec::new();
        text_string(&mut out, "a(b)\\");
        assert_eq!(out, b"(a\\(b\\)\\\\)");
        out.clear();
        text_string(&mut out, "è");
        assert_eq!(out, b"<FEFF00E8>");
    }

    #[test]
    fn a_packed_entry_is_the_entry() {
        for entry in [
            Entry::Free,
            Entry::At(0),
            Entry::At(17),
            Entry::At(u64::from(u32::MAX) + 5),
            Entry::In {
                stream: 0,
                index: 0,
            },
            Entry::In {
                stream: 8_388_607,
                index: 199,
            },
            Entry::In {
                stream: u32::MAX,
                index: u16::MAX,
            },
        ] {
            assert_eq!(Packed::new(entry).entry(), entry);
        }
        assert_eq!(std::mem::size_of::<Packed>(), 8);
    }

    #[test]
    fn a_file_reads_back_with_its_objects_in_streams() {
        let mut out = Out::new(Vec::new()).unwrap();
        let mut batch = Batch::default();
        batch.push(1, b"<</Type/Catalog/Pages 2 0 R>>");
        batch.push(2, b"<</Type/Pages/Kids[]/Count 0>>");
        out.object_stream(3, &batch).unwrap();
        out.object(4, b"<</Producer(x)>>").unwrap();
        let bytes = out.finish(5, b"/Root 1 0 R/Info 4 0 R").unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        assert_eq!(
            doc.get_dictionary(root)
                .unwrap()
                .get(b"Type")
                .unwrap()
                .as_name()
                .unwrap(),
            b"Catalog"
        );
        let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
        assert_eq!(id[0].as_str().unwrap().len(), 16);
    }
}
