//! Pages and the flow of blocks down them: paragraphs, headings, tables (see `table`), rules.
//! Coordinates are points from the page's top left corner; the PDF writer turns them over.

use std::cell::RefCell;
use std::collections::HashMap;

use super::font::Faces;
use super::objects::Batch;
use super::tags::{Elem, PageObjects, Role, Tagger, fixed, parents_array};
use super::text::{Line, Run, Span, wrap};

/// A4, in points.
pub const PAGE_WIDTH: f32 = 595.2756;
pub const PAGE_HEIGHT: f32 = 841.8898;
pub const MARGIN_LEFT: f32 = 62.0;
pub const MARGIN_RIGHT: f32 = 56.0;
pub const MARGIN_TOP: f32 = 56.0;
/// Room for the footer with the page number and the seal.
pub const MARGIN_BOTTOM: f32 = 72.0;

/// Liberation Serif's ascender and descender, in ems: where the baseline sits in a line box.
const ASCENT: f32 = 0.891;
const DESCENT: f32 = 0.216;

pub const BODY_SIZE: f32 = 11.0;
pub const LEADING: f32 = 1.25;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
    Justify,
}

/// What a piece of text on a page is, for the structure tree: the content of an element
/// (with its marked-content id on that page), or an artifact: decoration that readers skip,
/// such as a table header repeated on a later page, or the page's footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// The marked-content id on the page, and the type of the element it belongs to.
    Content(u32, Role),
    Artifact,
    Footer,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A line of text whose baseline starts at (x, baseline); `gap` is added after each space.
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        gap: f32,
        runs: Vec<Run>,
        tag: Tag,
    },
    /// A filled grey rectangle (table headers, totals). Always an artifact.
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        gray: f32,
    },
    /// A horizontal rule. Always an artifact.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        gray: f32,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub marks: Vec<Mark>,
    /// The numbers of the page's objects in the file (none for a footer).
    pub objects: Option<PageObjects>,
}

/// Where a line's baseline sits in a line box of height `line_height` starting at `top`.
pub fn baseline(top: f32, size: f32, line_height: f32) -> f32 {
    top + (line_height - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size
}

/// The x where a line starts in a box of `width` at `x`, and the gap to add to each space.
pub fn place(line: &Line, x: f32, width: f32, align: Align) -> (f32, f32) {
    match align {
        Align::Left => (x, 0.0),
        Align::Right => (x + (width - line.width).max(0.0), 0.0),
        Align::Center => (x + ((width - line.width) / 2.0).max(0.0), 0.0),
        Align::Justify => (x, line.justify_gap(width)),
    }
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub size: f32,
    pub align: Align,
    /// From the left margin.
    pub indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Room that must follow on the same page (a sentence keeps the opening of its table).
    pub keep_with: f32,
    /// Kept on one page with the opening of whatever comes next (a heading, the closing
    /// formula before the signatures).
    pub keep_next: bool,
    /// What it is in the structure tree.
    pub role: Role,
}

impl Paragraph {
    pub fn new(spans: Vec<Span>) -> Paragraph {
        Paragraph {
            spans,
            size: BODY_SIZE,
            align: Align::Justify,
            indent: 0.0,
            space_before: 0.0,
            space_after: 6.0,
            keep_with: 0.0,
            keep_next: false,
            role: Role::P,
        }
    }

    pub fn text(text: impl Into<String>) -> Paragraph {
        Paragraph::new(vec![Span::regular(text)])
    }

    pub fn align(mut self, align: Align) -> Paragraph {
        self.align = align;
        self
    }

    pub fn size(mut self, size: f32) -> Paragraph {
        self.size = size;
        self
    }

    pub fn indent(mut self, indent: f32) -> Paragraph {
        self.indent = indent;
        self
    }

    pub fn before(mut self, space: f32) -> Paragraph {
        self.space_before = space;
        self
    }

    pub fn after(mut self, space: f32) -> Paragraph {
        self.space_after = space;
        self
    }

    pub fn keep_with(mut self, room: f32) -> Paragraph {
        self.keep_with = room;
        self
    }

    pub fn keep_next(mut self) -> Paragraph {
        self.keep_next = true;
        self
    }

    pub fn role(mut self, role: Role) -> Paragraph {
        self.role = role;
        self
    }
}

/// Where finished pages go: the PDF writer, or a list (for tests).
pub trait Sink {
    fn page(&mut self, page: Page);
    /// Small finished objects (structure elements, page dictionaries) for the object stream
    /// `number`.
    fn objects(&mut self, _number: u32, _batch: Batch) {}
}

impl Sink for Vec<Page> {
    fn page(&mut self, page: Page) {
        self.push(page);
    }
}

/// A paragraph set into lines, waiting to be placed.
struct Block {
    lines: Vec<Line>,
    p: Paragraph,
}

impl Block {
    fn line_height(&self) -> f32 {
        self.p.size * LEADING
    }

    fn height(&self) -> f32 {
        self.p.space_before + self.line_height() * self.lines.len() as f32 + self.p.space_after
    }

    /// The room it needs where it starts: all of it with what it keeps, if that fits on a
    /// page, or else its first two lines.
    fn opening(&self) -> f32 {
        let whole =
            self.line_height() * self.lines.len() as f32 + self.p.space_after + self.p.keep_with;
        if whole <= Flow::limit() - MARGIN_TOP {
            whole
        } else {
            self.line_height() * self.lines.len().min(2) as f32
        }
    }
}

/// What a finished layout leaves for the file around the pages.
#[derive(Debug, Clone)]
pub struct Laid {
    pub pages: Vec<PageObjects>,
    pub root: Elem,
    pub next_number: u32,
}

/// The document being laid out: the page being filled and the position on it, and the
/// structure tree being built. Each page is handed to the sink as soon as the next one
/// starts, so a long document is never held whole.
pub struct Flow<'f> {
    pub faces: Faces<'f>,
    page: Page,
    sink: &'f mut dyn Sink,
    /// The top of the free space on the current page.
    pub y: f32,
    tags: Tagger,
    /// The elements new ones go into (the root when empty).
    containers: Vec<Elem>,
    pages: Vec<PageObjects>,
    /// The element of each marked-content id of the current page.
    parents: Vec<u32>,
    /// The element whose content the last text mark showed, and its id: the next line of
    /// the same element continues it.
    current: Option<(Elem, u32, Role)>,
    /// Headings (and what else must stay with the next block) not yet placed.
    pending: Vec<Block>,
    /// A heading was just placed with room for two lines of the element `begin` opened: the
    /// first block inside asks for those two lines only, not to be kept whole (else a long
    /// first item would leave the heading alone at the foot of the page).
    opened_after_heading: bool,
}

impl<'f> Flow<'f> {
    pub fn new(faces: Faces<'f>, sink: &'f mut dyn Sink) -> Flow<'f> {
        let mut tags = Tagger::new();
        let first = tags.page(0);
        Flow {
            faces,
            page: Page {
                marks: Vec::new(),
                objects: Some(first),
            },
            sink,
            y: MARGIN_TOP,
            tags,
            containers: Vec::new(),
            pages: vec![first],
            parents: Vec::new(),
            current: None,
            pending: Vec::new(),
            opened_after_heading: false,
        }
    }

    /// Hands over the last page and the rest of the structure tree.
    pub fn finish(mut self) -> Laid {
        self.flush(0.0);
        self.end_page();
        for (number, batch) in self.tags.finish() {
            self.sink.objects(number, batch);
        }
        Laid {
            pages: self.pages,
            root: self.tags.root,
            next_number: self.tags.next_number(),
        }
    }

    pub const fn left() -> f32 {
        MARGIN_LEFT
    }

    pub const fn width() -> f32 {
        PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    }

    pub const fn limit() -> f32 {
        PAGE_HEIGHT - MARGIN_BOTTOM
    }

    /// The room left on the current page.
    pub fn room(&self) -> f32 {
        Self::limit() - self.y
    }

    pub fn at_top(&self) -> bool {
        self.y <= MARGIN_TOP
    }

    /// The page's dictionary and parent-tree entry, then the page to the sink.
    fn end_page(&mut self) {
        let page = std::mem::take(&mut self.page);
        if let Some(objects) = page.objects {
            let parents = std::mem::take(&mut self.parents);
            self.tags.object(objects.parents, &parents_array(&parents));
            self.tags.object(objects.page, &page_dictionary(objects));
        }
        self.sink.page(page);
        for (number, batch) in self.tags.take_full() {
            self.sink.objects(number, batch);
        }
    }

    pub fn new_page(&mut self) {
        self.end_page();
        let objects = self.tags.page(self.pages.len() as u32);
        self.pages.push(objects);
        self.page.objects = Some(objects);
        self.current = None;
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn need(&mut self, height: f32) {
        if height > self.room() && !self.at_top() {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        if !self.at_top() {
            self.y = (self.y + height).min(Self::limit());
        }
    }

    /// A grey ground or a rule: decoration, an artifact.
    pub fn mark(&mut self, mark: Mark) {
        self.page.marks.push(mark);
    }

    /// A line of text: content of `elem`, or an artifact if None.
    pub fn text(
        &mut self,
        elem: Option<Elem>,
        x: f32,
        baseline: f32,
        size: f32,
        gap: f32,
        runs: Vec<Run>,
    ) {
        let tag = match elem {
            None => {
                self.current = None;
                Tag::Artifact
            }
            Some(e) => match self.current {
                Some((c, mcid, role)) if c == e => Tag::Content(mcid, role),
                _ => {
                    let mcid = self.parents.len() as u32;
                    let role = self.tags.role(e).unwrap_or(Role::P);
                    self.parents.push(e.0);
                    if let Some(objects) = self.page.objects {
                        self.tags.content(e, objects.page, mcid);
                    }
                    self.current = Some((e, mcid, role));
                    Tag::Content(mcid, role)
                }
            },
        };
        self.page.marks.push(Mark::Text {
            x,
            baseline,
            size,
            gap,
            runs,
            tag,
        });
    }

    fn container(&self) -> Option<Elem> {
        self.containers.last().copied()
    }

    /// A structure element inside the current one, that stays current until `end`. What
    /// waits to be kept with the next block (a heading) is placed first, with room for two
    /// lines of what the element will hold.
    pub fn begin(&mut self, role: Role) -> Elem {
        if !self.pending.is_empty() {
            self.flush(2.0 * BODY_SIZE * LEADING);
            self.opened_after_heading = true;
        }
        let e = self.tags.begin(role, self.container());
        self.containers.push(e);
        e
    }

    /// Ends the element `begin` opened last.
    pub fn end(&mut self) {
        self.flush(0.0);
        self.opened_after_heading = false;
        if let Some(e) = self.containers.pop() {
            self.tags.end(e);
        }
    }

    /// An element inside the current one, not made current: a table's rows and cells.
    pub fn element(&mut self, role: Role, parent: Option<Elem>) -> Elem {
        let parent = parent.or_else(|| self.container());
        self.tags.begin(role, parent)
    }

    pub fn column_header(&mut self, e: Elem) {
        self.tags.column_header(e);
    }

    pub fn end_element(&mut self, e: Elem) {
        self.tags.end(e);
    }

    pub fn paragraph(&mut self, p: Paragraph) {
        let width = Self::width() - p.indent;
        let lines = wrap(self.faces, &p.spans, p.size, width);
        if lines.is_empty() {
            return;
        }
        let block = Block { lines, p };
        if block.p.keep_next {
            self.pending.push(block);
            return;
        }
        // A one-line paragraph after a heading is not yet the two lines the heading keeps:
        // it waits with it for the next block.
        let waiting_heading = self.pending.last().is_some_and(|b| b.p.keep_next);
        if waiting_heading && block.lines.len() < 2 {
            self.pending.push(block);
            return;
        }
        let opening = block.opening();
        self.flush(opening);
        self.place(block, true);
    }

    /// Places what waits for the next block, on one page with the `opening` that block
    /// needs where it starts.
    pub fn flush(&mut self, opening: f32) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let held: f32 = pending.iter().map(Block::height).sum::<f32>();
        let total = held + opening;
        let page = Self::limit() - MARGIN_TOP;
        self.need(if total <= page { total } else { held.min(page) });
        for block in pending {
            self.place(block, false);
        }
    }

    /// Sets a block's lines down the page; `keep` asks for its opening to fit first.
    fn place(&mut self, block: Block, keep: bool) {
        let line_height = block.line_height();
        let p = block.p;
        self.space(p.space_before);
        let after_heading = std::mem::take(&mut self.opened_after_heading);
        if keep {
            let whole = line_height * block.lines.len() as f32 + p.space_after + p.keep_with;
            let first = line_height * block.lines.len().min(2) as f32;
            self.need(if whole <= Self::limit() - MARGIN_TOP && !after_heading {
                whole
            } else {
                first
            });
        }
        let width = Self::width() - p.indent;
        let elem = self.tags.begin(p.role, self.container());
        let count = block.lines.len();
        for (i, line) in block.lines.into_iter().enumerate() {
            self.need(line_height);
            let (x, gap) = place(&line, Self::left() + p.indent, width, p.align);
            let baseline = baseline(self.y, p.size, line_height);
            let runs = spaced(line.runs, i + 1 < count);
            self.text(Some(elem), x, baseline, p.size, gap, runs);
            self.y += line_height;
        }
        self.tags.end(elem);
        self.y = (self.y + p.space_after).min(Self::limit());
    }

    /// A heading, kept with the first lines of what follows: a second-level heading at the
    /// size of the sections, a third-level one below it.
    pub fn heading(&mut self, text: impl Into<String>, size: f32) {
        let role = if size >= 12.0 { Role::H2 } else { Role::H3 };
        self.paragraph(
            Paragraph::new(vec![Span::bold(text)])
                .size(size)
                .align(Align::Left)
                .before(size * 0.8)
                .after(4.0)
                .keep_next()
                .role(role),
        );
    }

    /// An item of a list: the list element is `begin(Role::L)`'s.
    pub fn item(&mut self, p: Paragraph) {
        self.begin(Role::LI);
        self.paragraph(p.role(Role::LBody));
        self.end();
    }

    /// Signature lines: the role and name on the left, a line to sign on the right. Kept
    /// together on one page, with what waits to be kept with them (the closing formula).
    pub fn signatures(&mut self, signers: &[(String, String)]) {
        let size = BODY_SIZE;
        let row = size * LEADING * 3.2;
        let height = row * signers.len() as f32;
        if self.pending.is_empty() {
            self.need(height);
        } else {
            self.flush(height);
        }
        let sign_x = Self::left() + Self::width() * 0.55;
        let text_width = Self::width() * 0.5;
        for (role, name) in signers {
            let top = self.y + row - size * LEADING * 2.0;
            let lines = wrap(
                self.faces,
                &[Span::bold(format!("{role} ")), Span::regular(name.clone())],
                size,
                text_width,
            );
            let elem = self.tags.begin(Role::P, self.container());
            for (i, line) in lines.into_iter().take(2).enumerate() {
                let baseline = baseline(top + i as f32 * size * LEADING, size, size * LEADING);
                self.text(Some(elem), Self::left(), baseline, size, 0.0, line.runs);
            }
            self.tags.end(elem);
            let y = top + size * LEADING;
            self.mark(Mark::Rule {
                x1: sign_x,
                x2: Self::left() + Self::width(),
                y,
                thickness: 0.5,
                gray: 0.0,
            });
            self.y += row;
        }
    }
}

/// A line's runs, with a space after the last word when another line of the same text
/// follows: it shows nothing, but a reader extracting the text (a screen reader, a search)
/// finds the words of two lines apart.
pub fn spaced(mut runs: Vec<Run>, more: bool) -> Vec<Run> {
    if more
        && let Some(last) = runs.last_mut()
        && !last.text.ends_with(' ')
    {
        last.text.push(' ');
    }
    runs
}

/// A page's dictionary: its contents are the body and the footer drawn over it.
fn page_dictionary(o: PageObjects) -> Vec<u8> {
    format!(
        "<</Type/Page/Parent {} 0 R/MediaBox[0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]/Resources {} 0 R/Contents[{} 0 R {} 0 R]/StructParents {}/Tabs/S>>",
        fixed::PAGES,
        fixed::RESOURCES,
        o.body,
        o.footer,
        o.key
    )
    .into_bytes()
}

/// The footers of a document's pages: each page's own marks, drawn over it once the number of
/// pages is known. The lines on the left are the same on every page, and the first shares its
/// row with the page's label, so only its width depends on the label («Pagina 9 di 35815» is narrower
/// than «Pagina 10 di 35815»): each is set once for each width it gets rather than once per
/// page.
pub struct Footers<'a> {
    faces: Faces<'a>,
    left: &'a [String],
    /// The first line of `left[k]` set at a width (its bits): None when the text is empty.
    set: RefCell<HashMap<(usize, u32), Option<Line>>>,
}

impl<'a> Footers<'a> {
    pub fn new(faces: Faces<'a>, left: &'a [String]) -> Footers<'a> {
        Footers {
            faces,
            left,
            set: RefCell::new(HashMap::new()),
        }
    }

    fn line(&self, k: usize, width: f32) -> Option<Line> {
        let text = self.left.get(k)?;
        self.set
            .borrow_mut()
            .entry((k, width.to_bits()))
            .or_insert_with(|| {
                wrap(
                    self.faces,
                    &[Span::regular(text.clone())],
                    FOOTER_SIZE,
                    width,
                )
                .into_iter()
                .next()
            })
            .clone()
    }

    /// The footer whose label (on the right of the first row) is `label`.
    pub fn page(&self, label: &str) -> Page {
        let size = FOOTER_SIZE;
        let mut page = Page::default();
        let top = PAGE_HEIGHT - MARGIN_BOTTOM + 22.0;
        page.marks.push(Mark::Rule {
            x1: Flow::left(),
            x2: Flow::left() + Flow::width(),
            y: top - 4.0,
            thickness: 0.4,
            gray: 0.5,
        });
        let label = wrap(self.faces, &[Span::regular(label)], size, Flow::width());
        let label_width = label.first().map_or(0.0, |l| l.width);
        for k in 0..self.left.len() {
            let width = if k == 0 {
                Flow::width() - label_width - 12.0
            } else {
                Flow::width()
            };
            if let Some(line) = self.line(k, width) {
                page.marks.push(Mark::Text {
                    x: Flow::left(),
                    baseline: baseline(top + k as f32 * size * 1.3, size, size * 1.3),
                    size,
                    gap: 0.0,
                    runs: line.runs,
                    tag: Tag::Footer,
                });
            }
        }
        for line in label {
            let (x, _) = place(&line, Flow::left(), Flow::width(), Align::Right);
            page.marks.push(Mark::Text {
                x,
                baseline: baseline(top, size, size * 1.3),
                size,
                gap: 0.0,
                runs: line.runs,
                tag: Tag::Footer,
            });
        }
        page
    }
}

/// The size of a footer's text.
const FOOTER_SIZE: f32 = 7.5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::font::{Charset, fonts};
    use crate::minutes::table::{Column, Row, Table, table};

    /// The baselines of the text of each page, with the text.
    fn lines(pages: &[Page]) -> Vec<Vec<(f32, String)>> {
        pages
            .iter()
            .map(|p| {
                p.marks
                    .iter()
                    .filter_map(|m| match m {
                        Mark::Text { baseline, runs, .. } => Some((
                            *baseline,
                            runs.iter().map(|r| r.text.as_str()).collect::<String>(),
                        )),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_heading_goes_with_a_one_line_sentence_and_the_table_after_it() {
        let f = fonts().unwrap();
        let charset = Charset::all(f);
        let faces = Faces {
            fonts: f,
            charset: &charset,
        };
        // Every height of the page where the heading may fall.
        for step in 0..120 {
            let mut pages: Vec<Page> = Vec::new();
            let mut flow = Flow::new(faces, &mut pages);
            for i in 0..30 + step / 8 {
                flow.paragraph(Paragraph::text(format!("Riga {i}.")));
            }
            flow.space((step % 8) as f32 * 2.4);
            let filler = step;
            flow.heading("Co-finanziamento", 12.0);
            flow.paragraph(Paragraph::text("Piano finanziario:"));
            let mut t = Table::new(
                vec![Column::left("Protocollo"), Column::right("Quota")],
                9.0,
            );
            for i in 0..2 {
                t.push(Row::new(vec![format!("2026/{i}"), "10%".into()]));
            }
            table(&mut flow, &t);
            flow.finish();
            let pages = lines(&pages);
            let at = pages
                .iter()
                .position(|p| p.iter().any(|(_, t)| t == "Co-finanziamento"))
                .unwrap();
            let page = &pages[at];
            assert!(
                page.iter().any(|(_, t)| t.starts_with("2026/0")),
                "filler {filler}: the heading on page {at} without its table: {page:?}"
            );
        }
    }

    /// A heading over a list whose first item is long (the reasons in a letter) keeps two of
    /// its lines: the item is split rather than leaving the heading alone at the foot.
    #[test]
    fn a_heading_keeps_two_lines_of_a_long_first_item() {
        let f = fonts().unwrap();
        let charset = Charset::all(f);
        let faces = Faces {
            fonts: f,
            charset: &charset,
        };
        let long = "parola ".repeat(120);
        for step in 0..120 {
            let mut pages: Vec<Page> = Vec::new();
            let mut flow = Flow::new(faces, &mut pages);
            for i in 0..30 + step / 8 {
                flow.paragraph(Paragraph::text(format!("Riga {i}.")));
            }
            flow.space((step % 8) as f32 * 2.4);
            flow.heading("Motivazioni della commissione", 11.0);
            flow.begin(Role::L);
            flow.item(Paragraph::text(format!("Criterio A: {long}")));
            flow.end();
            flow.finish();
            let pages = lines(&pages);
            let at = pages
                .iter()
                .position(|p| p.iter().any(|(_, t)| t == "Motivazioni della commissione"))
                .unwrap();
            let page = &pages[at];
            let after = page
                .iter()
                .skip_while(|(_, t)| t != "Motivazioni della commissione")
                .count();
            assert!(
                after >= 3,
                "step {step}: the heading on page {at} with {} lines after it: {page:?}",
                after - 1
            );
        }
    }

    #[test]
    fn footers_set_once_are_the_footers_set_for_each_page() {
        let f = fonts().unwrap();
        let charset = Charset::all(f);
        let faces = Faces {
            fonts: f,
            charset: &charset,
        };
        let left = [
            "Comune di Esempiopoli – Verbale n. 2 del 19/03/2026 ".repeat(3),
            String::new(),
            "Sigillo ".to_string() + &"ab".repeat(32),
        ];
        let shared = Footers::new(faces, &left);
        for n in [1, 9, 10, 99, 100, 35_815, 7, 1_000] {
            let label = format!("Pagina {n} di 35815");
            let alone = Footers::new(faces, &left).page(&label);
            assert_eq!(shared.page(&label), alone, "{label}");
        }
        // The first line gives way to a wider label; the empty one draws nothing.
        let texts = |p: &Page| -> usize {
            p.marks
                .iter()
                .filter(|m| matches!(m, Mark::Text { .. }))
                .count()
        };
        assert_eq!(texts(&shared.page("Pagina 1 di 2")), 3);
    }
}
