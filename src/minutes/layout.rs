//! Pages and the flow of blocks down them: paragraphs, headings, tables (see `table`), rules.
//! Coordinates are points from the page's top left corner; the PDF writer turns them over.

use super::font::Faces;
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
    },
    /// A filled grey rectangle (table headers, totals).
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        gray: f32,
    },
    /// A horizontal rule.
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
    /// Room that must follow on the same page (a heading keeps its first lines with it).
    pub keep_with: f32,
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
}

/// Where finished pages go: the PDF writer, or a list (for tests).
pub trait Sink {
    fn page(&mut self, page: Page);
}

impl Sink for Vec<Page> {
    fn page(&mut self, page: Page) {
        self.push(page);
    }
}

/// The document being laid out: the page being filled and the position on it. Each page is
/// handed to the sink as soon as the next one starts, so a long document is never held whole.
pub struct Flow<'f> {
    pub faces: Faces<'f>,
    page: Page,
    count: usize,
    sink: &'f mut dyn Sink,
    /// The top of the free space on the current page.
    pub y: f32,
}

impl<'f> Flow<'f> {
    pub fn new(faces: Faces<'f>, sink: &'f mut dyn Sink) -> Flow<'f> {
        Flow {
            faces,
            page: Page::default(),
            count: 1,
            sink,
            y: MARGIN_TOP,
        }
    }

    /// Hands over the last page; the number of pages.
    pub fn finish(self) -> usize {
        self.sink.page(self.page);
        self.count
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

    pub fn new_page(&mut self) {
        let done = std::mem::take(&mut self.page);
        self.sink.page(done);
        self.count += 1;
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

    pub fn mark(&mut self, mark: Mark) {
        self.page.marks.push(mark);
    }

    pub fn paragraph(&mut self, p: Paragraph) {
        let width = Self::width() - p.indent;
        let lines = wrap(self.faces, &p.spans, p.size, width);
        if lines.is_empty() {
            return;
        }
        let line_height = p.size * LEADING;
        self.space(p.space_before);
        // Keep a heading with what follows, and never leave a paragraph's first line alone
        // at the foot of a page.
        let first = line_height * lines.len().min(2) as f32;
        let with_next = line_height * lines.len() as f32 + p.space_after + p.keep_with;
        self.need(if with_next <= Self::limit() - MARGIN_TOP {
            with_next
        } else {
            first
        });
        for line in lines {
            self.need(line_height);
            let (x, gap) = place(&line, Self::left() + p.indent, width, p.align);
            let baseline = baseline(self.y, p.size, line_height);
            self.mark(Mark::Text {
                x,
                baseline,
                size: p.size,
                gap,
                runs: line.runs,
            });
            self.y += line_height;
        }
        self.y = (self.y + p.space_after).min(Self::limit());
    }

    /// A heading: bold, kept with at least three lines of what follows.
    pub fn heading(&mut self, text: impl Into<String>, size: f32) {
        self.paragraph(
            Paragraph::new(vec![Span::bold(text)])
                .size(size)
                .align(Align::Left)
                .before(size * 0.8)
                .after(4.0)
                .keep_with(3.0 * BODY_SIZE * LEADING),
        );
    }

    /// Signature lines: the role and name on the left, a line to sign on the right. Kept
    /// together on one page.
    pub fn signatures(&mut self, signers: &[(String, String)]) {
        let size = BODY_SIZE;
        let row = size * LEADING * 3.2;
        self.need(row * signers.len() as f32);
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
            for (i, line) in lines.into_iter().take(2).enumerate() {
                let baseline = baseline(top + i as f32 * size * LEADING, size, size * LEADING);
                self.mark(Mark::Text {
                    x: Self::left(),
                    baseline,
                    size,
                    gap: 0.0,
                    runs: line.runs,
                });
            }
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

/// The footer of page `n` of `count`: its own marks, drawn over the page once the number of
/// pages is known. `left` holds the lines on the left; the first shares its row with the label.
pub fn footer(faces: Faces, left: &[String], label: &str) -> Page {
    let size = 7.5;
    let mut page = Page::default();
    let top = PAGE_HEIGHT - MARGIN_BOTTOM + 22.0;
    page.marks.push(Mark::Rule {
        x1: Flow::left(),
        x2: Flow::left() + Flow::width(),
        y: top - 4.0,
        thickness: 0.4,
        gray: 0.5,
    });
    let label = wrap(faces, &[Span::regular(label)], size, Flow::width());
    let label_width = label.first().map_or(0.0, |l| l.width);
    for (k, text) in left.iter().enumerate() {
        let width = if k == 0 {
            Flow::width() - label_width - 12.0
        } else {
            Flow::width()
        };
        for line in wrap(faces, &[Span::regular(text.clone())], size, width)
            .into_iter()
            .take(1)
        {
            page.marks.push(Mark::Text {
                x: Flow::left(),
                baseline: baseline(top + k as f32 * size * 1.3, size, size * 1.3),
                size,
                gap: 0.0,
                runs: line.runs,
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
        });
    }
    page
}
