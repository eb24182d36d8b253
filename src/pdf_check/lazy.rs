//! A revision of a PDF read object by object, when an object is asked for: its cross-reference
//! (every section, through `/Prev`) and trailer are read as lopdf reads them, but no object is
//! parsed until it is needed. A verbale of a large call holds a million objects; checking the
//! updates appended to it needs a few thousand of them.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

use lopdf::xref::{Xref, XrefEntry};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

/// One revision of a file: its bytes up to the end of that revision.
pub(super) struct Revision<'a> {
    pub bytes: &'a [u8],
    pub xref: Xref,
    pub trailer: Dictionary,
    /// Where lopdf found the header (`%PDF-`): the cross-reference counts from there.
    header: usize,
    /// The offsets of the objects written at their own place, in order: where each one ends.
    offsets: Vec<usize>,
    /// The objects read last, by offset, with the objects each holds.
    read: RefCell<VecDeque<(usize, ObjectId, Rc<Objects>)>>,
    /// The object stream last looked into by [`Revision::may_name`], and what it found.
    named: RefCell<Option<(u32, bool)>>,
}

/// Loading keeps no object: only the cross-reference and the trailer are wanted.
fn no_object(_: ObjectId, _: &mut Object) -> Option<(ObjectId, Object)> {
    None
}

/// Whether two cross-reference entries place an object at the same place.
pub(super) fn same_entry(a: Option<&XrefEntry>, b: Option<&XrefEntry>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => match (a, b) {
            (
                XrefEntry::Normal {
                    offset: o1,
                    generation: g1,
                },
                XrefEntry::Normal {
                    offset: o2,
                    generation: g2,
                },
            ) => o1 == o2 && g1 == g2,
            (
                XrefEntry::Compressed {
                    container: c1,
                    index: i1,
                },
                XrefEntry::Compressed {
                    container: c2,
                    index: i2,
                },
            ) => c1 == c2 && i1 == i2,
            (
                XrefEntry::Free | XrefEntry::UnusableFree,
                XrefEntry::Free | XrefEntry::UnusableFree,
            ) => true,
            _ => false,
        },
        _ => false,
    }
}

pub(super) fn in_use(entry: Option<&XrefEntry>) -> bool {
    matches!(
        entry,
        Some(XrefEntry::Normal { .. } | XrefEntry::Compressed { .. })
    )
}

impl<'a> Revision<'a> {
    /// Reads the cross-reference of `bytes`; an error for a file lopdf cannot read, or whose
    /// cross-reference it had to repair.
    pub fn open(bytes: &'a [u8]) -> Result<Revision<'a>, String> {
        let doc = Document::load_mem_with_options(bytes, LoadOptions::with_filter(no_object))
            .map_err(|e| e.to_string())?;
        if doc.xref_recovery.is_some() {
            return Err("la tabella dei riferimenti incrociati è danneggiata".into());
        }
        // lopdf reads from the header on: offsets count from there.
        let header = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
        let mut offsets: Vec<usize> = doc
            .reference_table
            .entries
            .values()
            .filter_map(|e| match e {
                XrefEntry::Normal { offset, .. } => Some(*offset as usize + header),
                _ => None,
            })
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        Ok(Revision {
            bytes,
            xref: doc.reference_table,
            trailer: doc.trailer,
            header,
            offsets,
            read: RefCell::new(VecDeque::new()),
            named: RefCell::new(None),
        })
    }

    pub fn entry(&self, id: ObjectId) -> Option<&XrefEntry> {
        self.xref.get(id.0)
    }

    /// The object `id` of this revision, or None where it has none (or it cannot be read).
    pub fn object(&self, id: ObjectId) -> Option<Object> {
        self.with(id, Object::clone)
    }

    /// `f` of the object `id`, without copying it.
    pub fn with<R>(&self, id: ObjectId, f: impl FnOnce(&Object) -> R) -> Option<R> {
        match *self.entry(id)? {
            XrefEntry::Normal { offset, .. } => {
                let (found, objects) = self.at(offset as usize)?;
                (found == id).then(|| objects.get(&id).map(f)).flatten()
            }
            XrefEntry::Compressed { container, .. } if id.1 == 0 && id.0 != container => {
                let offset = match *self.entry((container, 0))? {
                    XrefEntry::Normal { offset, .. } => offset as usize,
                    _ => return None,
                };
                // lopdf reads the objects of an object stream with the stream itself.
                let (found, objects) = self.at(offset)?;
                let is_container =
                    |o: &Object| o.as_stream().is_ok_and(|s| s.dict.has_type(b"ObjStm"));
                if found != (container, 0) || !objects.get(&found).is_some_and(is_container) {
                    return None;
                }
                objects.get(&id).map(f)
            }
            _ => None,
        }
    }

    /// Whether the text of object `id` as written may name one of `numbers`: false only when
    /// no run of digits in it (in its object stream, decompressed, for an object held in
    /// one) is one of them, so that it cannot refer to any of them.
    pub fn may_name(&self, id: ObjectId, numbers: &BTreeSet<u64>) -> bool {
        match self.entry(id) {
            Some(XrefEntry::Normal { offset, .. }) => {
                let offset = *offset as usize + self.header;
                self.piece(offset).is_none_or(|p| names(p, numbers))
            }
            Some(XrefEntry::Compressed { container, .. }) => {
                let mut cache = self.named.borrow_mut();
                if let Some((c, named)) = *cache
                    && c == *container
                {
                    return named;
                }
                let named = self
                    .container_text(*container)
                    .is_none_or(|text| names(&text, numbers));
                *cache = Some((*container, named));
                named
            }
            _ => false,
        }
    }

    /// The decompressed content of the object stream `container`, without parsing its
    /// objects (lopdf is given it as a stream of another type).
    fn container_text(&self, container: u32) -> Option<Vec<u8>> {
        let offset = match *self.entry((container, 0))? {
            XrefEntry::Normal { offset, .. } => offset as usize + self.header,
            _ => return None,
        };
        let mut piece = self.piece(offset)?.to_vec();
        let dict_end = piece
            .windows(6)
            .position(|w| w == b"stream")
            .unwrap_or(piece.len());
        let at = piece[..dict_end].windows(7).position(|w| w == b"/ObjStm")?;
        piece[at..at + 7].copy_from_slice(b"/ObjStX");
        let (_, mut objects) = self.parse_piece(&piece)?;
        let Some(Object::Stream(stream)) = objects.remove(&(container, 0)) else {
            return None;
        };
        stream.decompressed_content().ok()
    }

    /// The identifier of object number `n` in this revision's cross-reference.
    pub fn id_of(&self, n: u32) -> ObjectId {
        match self.xref.get(n) {
            Some(XrefEntry::Normal { generation, .. }) => (n, *generation),
            _ => (n, 0),
        }
    }

    /// The object written at `offset` (from the header), with the objects it holds if it is
    /// an object stream; the last few read are kept.
    fn at(&self, offset: usize) -> Option<(ObjectId, Rc<Objects>)> {
        let offset = offset + self.header;
        if let Some((_, id, objects)) = self.read.borrow().iter().find(|(o, ..)| *o == offset) {
            return Some((*id, Rc::clone(objects)));
        }
        let (id, objects) = self.parse(offset)?;
        let objects = Rc::new(objects);
        let mut read = self.read.borrow_mut();
        if read.len() == KEPT {
            read.pop_front();
        }
        read.push_back((offset, id, Rc::clone(&objects)));
        Some((id, objects))
    }

    /// The object at `offset` parsed by lopdf: the bytes from there to the next object, as the
    /// only object of a small PDF of their own, numbered 0 there (a number no other object can
    /// have).
    fn parse(&self, offset: usize) -> Option<(ObjectId, Objects)> {
        self.parse_piece(self.piece(offset)?)
    }

    /// The bytes from `offset` to the next object written at its own place.
    fn piece(&self, offset: usize) -> Option<&'a [u8]> {
        let next = self.offsets.partition_point(|&o| o <= offset);
        let end = self
            .offsets
            .get(next)
            .copied()
            .unwrap_or(self.bytes.len())
            .min(self.bytes.len());
        self.bytes.get(offset..end)
    }

    fn parse_piece(&self, piece: &[u8]) -> Option<(ObjectId, Objects)> {
        let (id, header) = object_header(piece)?;
        let mut mini = b"%PDF-1.7\n0 0 obj".to_vec();
        mini.extend_from_slice(&piece[header..]);
        let xref = mini.len() + 1;
        mini.extend_from_slice(
            format!(
                "\nxref\n0 1\n0000000009 00000 n \ntrailer\n<</Size 1>>\nstartxref\n{xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
        // With a filter lopdf does not look for a page tree, which this small PDF lacks, by
        // scanning it again.
        let mut doc =
            Document::load_mem_with_options(&mini, LoadOptions::with_filter(keep)).ok()?;
        let object = doc.objects.remove(&(0, 0))?;
        doc.objects.insert(id, object);
        Some((id, doc.objects))
    }
}

/// Whether a run of digits in `text` is one of `numbers`.
fn names(text: &[u8], numbers: &BTreeSet<u64>) -> bool {
    text.split(|b| !b.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .any(|run| {
            let digits = &run[run.iter().take_while(|&&b| b == b'0').count()..];
            digits.len() <= 19
                && std::str::from_utf8(digits)
                    .ok()
                    .and_then(|d| d.parse::<u64>().ok())
                    .or((digits.is_empty()).then_some(0))
                    .is_some_and(|n| numbers.contains(&n))
        })
}

type Objects = BTreeMap<ObjectId, Object>;

/// How many objects (with what they hold) a revision keeps once read.
const KEPT: usize = 8;

/// Keeps every object: lopdf keeps the object it gave the filter for the one written at its
/// own place (numbered 0), the one the filter returns for a member of an object stream.
fn keep(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if id == (0, 0) {
        Some((id, Object::Null))
    } else {
        Some((id, std::mem::replace(object, Object::Null)))
    }
}

/// `N G obj` at the start of an object: its identifier, and the length of that header.
fn object_header(piece: &[u8]) -> Option<(ObjectId, usize)> {
    let mut at = 0;
    let mut word = || {
        at += piece[at..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        let len = piece[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let number = std::str::from_utf8(&piece[at..at + len]).ok()?.parse().ok();
        at += len;
        number
    };
    let number = word()?;
    let generation = u16::try_from(word()?).ok()?;
    at += piece[at..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    piece[at..]
        .starts_with(b"obj")
        .then_some(((number, generation), at + 3))
}

/// A stream kept without its content, where only its place in the document matters.
pub(super) fn without_content(object: Object) -> Object {
    match object {
        Object::Stream(mut s) => {
            s.content = Vec::new();
            Object::Stream(s)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    #[test]
    fn objects_are_read_one_by_one_as_lopdf_reads_them() {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages });
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT (ciao) Tj ET".to_vec()));
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        for compressed in [false, true] {
            let mut bytes = Vec::new();
            let mut copy = doc.clone();
            if compressed {
                copy.save_modern(&mut bytes).expect("saved");
            } else {
                copy.save_to(&mut bytes).expect("saved");
            }
            let full = Document::load_mem(&bytes).expect("loads");
            let lazy = Revision::open(&bytes).expect("opens");
            for id in [pages, page, catalog] {
                assert_eq!(lazy.object(id).as_ref(), full.objects.get(&id), "{id:?}");
            }
            let stream = |o: Option<&Object>| {
                o.and_then(|o| o.as_stream().ok())
                    .map(|s| (s.dict.clone(), s.content.clone()))
            };
            assert_eq!(
                stream(lazy.object(content).as_ref()),
                stream(full.objects.get(&content))
            );
            assert_eq!(lazy.object((99, 0)), None);
            assert_eq!(
                lazy.trailer.get(b"Root").ok(),
                full.trailer.get(b"Root").ok()
            );
        }
    }
}
