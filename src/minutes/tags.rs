//! The structure tree of a tagged PDF (ISO 32000-1, 14.7; PDF/A-2 level A): headings,
//! paragraphs, lists and tables as elements, each pointing at the marked content of the pages
//! that shows it. Elements are written as soon as they end, into object streams, so a
//! verbale of a million table cells never holds its tree.
//!
//! Object numbers are given out here, for elements and pages alike, in the order the layout
//! meets them: the same document always gets the same numbers.

use std::collections::HashMap;
use std::io::Write as _;

use super::objects::{Batch, reference};

/// The objects every document has, at fixed numbers; the layout's numbers follow them.
pub mod fixed {
    pub const CATALOG: u32 = 1;
    pub const PAGES: u32 = 2;
    pub const STRUCT_TREE_ROOT: u32 = 3;
    pub const RESOURCES: u32 = 4;
    pub const INFO: u32 = 5;
    pub const METADATA: u32 = 6;
    pub const ICC_PROFILE: u32 = 7;
    pub const PARENT_TREE: u32 = 8;
    /// Six objects per face, four faces (the two fallback ones free when not embedded).
    pub const FONTS: u32 = 9;
    pub const FIRST_FREE: u32 = 33;
}

/// Standard structure types (ISO 32000-1, 14.8.4): no role map is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    H1,
    H2,
    H3,
    P,
    L,
    LI,
    LBody,
    Table,
    TR,
    TH,
    TD,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
        }
    }
}

/// A structure element, known by its object number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Elem(pub u32);

#[derive(Debug, Clone, Copy)]
enum Kid {
    Elem(u32),
    Content { page: u32, mcid: u32 },
}

#[derive(Debug)]
struct Node {
    role: Role,
    parent: u32,
    kids: Vec<Kid>,
    /// A table header cell's scope.
    column_header: bool,
}

/// The numbers of one page's objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageObjects {
    pub page: u32,
    pub body: u32,
    pub footer: u32,
    pub parents: u32,
    /// The page's key in the parent tree (its index).
    pub key: u32,
}

/// Builds the tree, hands out object numbers, and collects finished small objects into
/// batches for object streams.
pub struct Tagger {
    next: u32,
    open: HashMap<u32, Node>,
    pub root: Elem,
    batch: Batch,
    /// Full batches, each with its object stream's number, waiting to be taken.
    full: Vec<(u32, Batch)>,
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

impl Tagger {
    /// A tree whose root is the Document element.
    pub fn new() -> Tagger {
        let mut t = Tagger {
            next: fixed::FIRST_FREE,
            open: HashMap::new(),
            root: Elem(0),
            batch: Batch::default(),
            full: Vec::new(),
        };
        t.root = t.begin(Role::Document, None);
        t
    }

    pub fn number(&mut self) -> u32 {
        let n = self.next;
        self.next += 1;
        n
    }

    /// The first number not given out: the last object's number is below it.
    pub fn next_number(&self) -> u32 {
        self.next
    }

    pub fn page(&mut self, key: u32) -> PageObjects {
        PageObjects {
            page: self.number(),
            body: self.number(),
            footer: self.number(),
            parents: self.number(),
            key,
        }
    }

    /// A new element under `parent` (the Document element if None), after the parent's
    /// other children.
    pub fn begin(&mut self, role: Role, parent: Option<Elem>) -> Elem {
        let number = self.number();
        let parent = match parent {
            Some(p) => p.0,
            // The Document element itself hangs from the tree's root.
            None if self.root.0 == 0 => fixed::STRUCT_TREE_ROOT,
            None => self.root.0,
        };
        if let Some(p) = self.open.get_mut(&parent) {
            p.kids.push(Kid::Elem(number));
        }
        self.open.insert(
            number,
            Node {
                role,
                parent,
                kids: Vec::new(),
                column_header: false,
            },
        );
        Elem(number)
    }

    /// Marks a table header cell as the header of its column.
    pub fn column_header(&mut self, e: Elem) {
        if let Some(n) = self.open.get_mut(&e.0) {
            n.column_header = true;
        }
    }

    pub fn role(&self, e: Elem) -> Option<Role> {
        self.open.get(&e.0).map(|n| n.role)
    }

    /// Content marked `mcid` on `page` belongs to `e`.
    pub fn content(&mut self, e: Elem, page: u32, mcid: u32) {
        if let Some(n) = self.open.get_mut(&e.0) {
            n.kids.push(Kid::Content { page, mcid });
        }
    }

    /// The element is complete: it is written.
    pub fn end(&mut self, e: Elem) {
        let Some(node) = self.open.remove(&e.0) else {
            return;
        };
        let mut out = Vec::with_capacity(96);
        out.extend_from_slice(b"<</Type/StructElem/S/");
        out.extend_from_slice(node.role.name().as_bytes());
        out.extend_from_slice(b"/P ");
        reference(&mut out, node.parent);
        let page = node.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Elem(_) => None,
        });
        if let Some(page) = page {
            out.extend_from_slice(b"/Pg ");
            reference(&mut out, page);
        }
        if node.column_header {
            out.extend_from_slice(b"/A<</O/Table/Scope/Column>>");
        }
        if !node.kids.is_empty() {
            out.extend_from_slice(b"/K[");
            for (i, kid) in node.kids.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                match *kid {
                    Kid::Elem(n) => reference(&mut out, n),
                    Kid::Content { page: p, mcid } if Some(p) == page => {
                        let _ = write!(out, "{mcid}");
                    }
                    Kid::Content { page: p, mcid } => {
                        out.extend_from_slice(b"<</Type/MCR/Pg ");
                        reference(&mut out, p);
                        let _ = write!(out, "/MCID {mcid}>>");
                    }
                }
            }
            out.push(b']');
        }
        out.extend_from_slice(b">>");
        self.object(e.0, &out);
    }

    /// A small object for an object stream.
    pub fn object(&mut self, number: u32, body: &[u8]) {
        self.batch.push(number, body);
        if self.batch.len() >= Batch::SIZE {
            let stream = self.number();
            let batch = std::mem::take(&mut self.batch);
            self.full.push((stream, batch));
        }
    }

    /// The batches filled since the last call.
    pub fn take_full(&mut self) -> Vec<(u32, Batch)> {
        std::mem::take(&mut self.full)
    }

    /// Ends every element still open (the root last) and gives the last batches.
    pub fn finish(&mut self) -> Vec<(u32, Batch)> {
        let mut open: Vec<u32> = self.open.keys().copied().collect();
        // Children have higher numbers than their parents: end them first.
        open.sort_unstable_by(|a, b| b.cmp(a));
        for n in open {
            self.end(Elem(n));
        }
        if !self.batch.is_empty() {
            let stream = self.number();
            let batch = std::mem::take(&mut self.batch);
            self.full.push((stream, batch));
        }
        self.take_full()
    }
}

/// The parent tree's entry for one page: the element of each marked-content id, in order.
pub fn parents_array(elements: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(elements.len() * 9 + 2);
    out.push(b'[');
    for (i, e) in elements.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        reference(&mut out, *e);
    }
    out.push(b']');
    out
}
