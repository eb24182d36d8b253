//! Tables: columns as wide as their content allows, rows that break only between lines of
//! text, and the header repeated at the top of every page the table continues on.

use super::font::Faces;
use super::font::Style;
use super::layout::{Align, Flow, LEADING, MARGIN_TOP, Mark, baseline, place, spaced};
use super::tags::{Elem, Role};
use super::text::{Line, Prepared, Span};

/// Room between a cell's text and its edges.
const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.0;
/// A row taller than this share of a page is split where the page ends, rather than moved
/// whole to the next page and leaving a hole.
const MOVABLE_SHARE: f32 = 0.34;
/// A table no taller than this share of a page is not broken across pages.
const KEPT_WHOLE_SHARE: f32 = 0.4;

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
}

impl Column {
    pub fn left(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            align: Align::Left,
        }
    }

    pub fn right(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            align: Align::Right,
        }
    }

    pub fn center(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            align: Align::Center,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Vec<Span>>,
    /// Totals: bold on a grey ground.
    pub emphasis: bool,
    /// More of the row before: its cells continue the previous row's cells (the same TR and
    /// TD elements), and its first cell, which repeats the group's label, is drawn only where
    /// the row opens a page, as an artifact. A group of lines (a criterion's marks) is then
    /// three structure elements however many lines it has.
    pub joined: bool,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row {
            cells: cells.into_iter().map(|c| vec![Span::regular(c)]).collect(),
            emphasis: false,
            joined: false,
        }
    }

    pub fn spans(cells: Vec<Vec<Span>>) -> Row {
        Row {
            cells,
            emphasis: false,
            joined: false,
        }
    }

    /// This row continues the one before it (see `joined`).
    pub fn joined(mut self) -> Row {
        self.joined = true;
        self
    }

    pub fn emphasis(mut self) -> Row {
        self.emphasis = true;
        for cell in &mut self.cells {
            for span in cell {
                span.style = Style::Bold;
            }
        }
        self
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub size: f32,
}

impl Table {
    pub fn new(columns: Vec<Column>, size: f32) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            size,
        }
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }
}

/// Column widths that fill `total`: every column at least as wide as its widest word, and the
/// rest shared out by how much more each needs to set its text on one line.
fn fit(min: &[f32], max: &[f32], total: f32) -> Vec<f32> {
    let sum_min: f32 = min.iter().sum();
    let sum_max: f32 = max.iter().sum();
    if sum_max <= total {
        let extra = total - sum_max;
        return max
            .iter()
            .map(|m| m + extra * m / sum_max.max(1.0))
            .collect();
    }
    // Columns that fit in their share of the width (a name, a date, an amount) are set on one
    // line; the long ones (motivazioni) share the rest. A name broken over two lines to give
    // a reason one more word per line reads worse.
    let share = total / min.len().max(1) as f32;
    let narrow: Vec<bool> = max.iter().map(|m| *m <= share).collect();
    let narrow_sum: f32 = max
        .iter()
        .zip(&narrow)
        .filter(|(_, n)| **n)
        .map(|(m, _)| m)
        .sum();
    let wide_min: f32 = min
        .iter()
        .zip(&narrow)
        .filter(|(_, n)| !**n)
        .map(|(m, _)| m)
        .sum();
    if narrow.iter().any(|n| !n) && narrow_sum + wide_min <= total {
        let extra = total - narrow_sum - wide_min;
        let want: f32 = (0..min.len())
            .filter(|j| !narrow[*j])
            .map(|j| max[j] - min[j])
            .sum();
        return (0..min.len())
            .map(|j| {
                if narrow[j] {
                    max[j]
                } else {
                    min[j] + extra * (max[j] - min[j]) / want.max(1.0)
                }
            })
            .collect();
    }
    if sum_min <= total {
        let extra = total - sum_min;
        let want: f32 = max.iter().zip(min).map(|(a, b)| a - b).sum();
        return min
            .iter()
            .zip(max)
            .map(|(lo, hi)| lo + extra * (hi - lo) / want.max(1.0))
            .collect();
    }
    // Not even the longest words fit. The columns whose words are short keep their width and
    // the ones with overlong words share what is left, where those words will be broken.
    let (mut lo, mut hi) = (0.0f32, total);
    for _ in 0..40 {
        let cap = (lo + hi) / 2.0;
        let used: f32 = min.iter().map(|m| m.min(cap)).sum();
        if used > total {
            hi = cap;
        } else {
            lo = cap;
        }
    }
    let kept: Vec<f32> = min.iter().map(|m| m.min(lo)).collect();
    let short = total - kept.iter().sum::<f32>();
    let capped = kept.iter().zip(min).filter(|(k, m)| k < m).count().max(1) as f32;
    kept.iter()
        .zip(min)
        .map(|(k, m)| if k < m { k + short / capped } else { *k })
        .collect()
}

/// A row with its cells set into lines.
#[derive(Clone)]
struct SetRow {
    cells: Vec<Vec<Line>>,
    emphasis: bool,
    header: bool,
    joined: bool,
    /// The next row is joined to this one: the rule below leaves the first column open, so
    /// that the group reads as one.
    next_joined: bool,
}

impl SetRow {
    fn lines(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
    }
}

struct Geometry {
    xs: Vec<f32>,
    widths: Vec<f32>,
    aligns: Vec<Align>,
    size: f32,
    line_height: f32,
}

impl Geometry {
    fn height(&self, lines: usize) -> f32 {
        lines as f32 * self.line_height + 2.0 * PAD_Y
    }
}

/// A table with its columns fitted and every cell set into lines, ready to be drawn.
pub struct SetTable {
    g: Geometry,
    header: SetRow,
    rows: Vec<SetRow>,
}

/// Fits the columns and sets every cell. Each cell's text is measured once and serves both
/// the fitting and the setting.
pub fn prepare(faces: Faces, table: &Table) -> SetTable {
    let n = table.columns.len();
    let header_cells: Vec<Vec<Span>> = table
        .columns
        .iter()
        .map(|c| vec![Span::bold(c.header.clone())])
        .collect();
    let prepare_row = |cells: &[Vec<Span>]| -> Vec<Prepared> {
        cells
            .iter()
            .take(n)
            .map(|cell| Prepared::new(faces, cell, table.size))
            .collect()
    };
    let header = prepare_row(&header_cells);
    let rows: Vec<Vec<Prepared>> = table.rows.iter().map(|r| prepare_row(&r.cells)).collect();
    let mut min = vec![0.0f32; n];
    let mut max = vec![0.0f32; n];
    for row in std::iter::once(&header).chain(&rows) {
        for (j, cell) in row.iter().enumerate() {
            let (lo, hi) = cell.extent();
            min[j] = min[j].max(lo + 2.0 * PAD_X);
            max[j] = max[j].max(hi + 2.0 * PAD_X);
        }
    }
    let widths = fit(&min, &max, Flow::width());
    let mut xs = Vec::with_capacity(n);
    let mut x = Flow::left();
    for w in &widths {
        xs.push(x);
        x += w;
    }
    let set = |row: &[Prepared], emphasis: bool, header: bool, joined: bool| SetRow {
        cells: row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| cell.wrap(w - 2.0 * PAD_X))
            .collect(),
        emphasis,
        header,
        joined,
        next_joined: false,
    };
    let header = set(&header, false, true, false);
    let rows = rows
        .iter()
        .zip(&table.rows)
        .enumerate()
        .map(|(i, (cells, r))| {
            let mut row = set(cells, r.emphasis, false, r.joined && i > 0);
            row.next_joined = table.rows.get(i + 1).is_some_and(|next| next.joined);
            row
        })
        .collect();
    SetTable {
        g: Geometry {
            xs,
            aligns: table.columns.iter().map(|c| c.align).collect(),
            widths,
            size: table.size,
            line_height: table.size * LEADING,
        },
        header,
        rows,
    }
}

impl SetTable {
    fn header_height(&self) -> f32 {
        self.g.height(self.header.lines())
    }

    /// The room the first page of the table needs below the header.
    fn fresh(&self) -> f32 {
        Flow::limit() - MARGIN_TOP - self.header_height()
    }

    /// How much of the table must fit on the page where it starts: all of it if it is short
    /// enough to be kept whole, otherwise its header and first lines. A sentence that
    /// introduces the table keeps this much room after it.
    pub fn opening_height(&self) -> f32 {
        let whole: f32 = self.header_height()
            + self
                .rows
                .iter()
                .map(|r| self.g.height(r.lines()))
                .sum::<f32>();
        if whole <= self.fresh() * KEPT_WHOLE_SHARE {
            whole
        } else {
            self.header_height()
                + self
                    .rows
                    .first()
                    .map_or(0.0, |r| self.g.height(r.lines().min(3)))
        }
    }
}

/// Draws lines `from..to` of every cell of `row` at the flow's position, each cell's lines as
/// the content of its element in `cells` (artifacts when None: a repeated header, a joined
/// row's repeated label). The lines are moved out of the row: each is drawn once.
fn draw_part(
    flow: &mut Flow,
    g: &Geometry,
    row: &mut SetRow,
    from: usize,
    to: usize,
    cells: &[Option<Elem>],
) {
    let height = g.height(to - from);
    let x0 = Flow::left();
    let width = Flow::width();
    if row.header || row.emphasis {
        flow.mark(Mark::Fill {
            x: x0,
            y: flow.y,
            width,
            height,
            gray: if row.header { 0.88 } else { 0.94 },
        });
    }
    for (j, cell) in row.cells.iter_mut().enumerate() {
        let count = cell.len();
        let end = to.min(count);
        let elem = cells.get(j).copied().flatten();
        for (k, line) in cell.iter_mut().enumerate().take(end).skip(from) {
            let top = flow.y + PAD_Y + (k - from) as f32 * g.line_height;
            let inner = g.widths[j] - 2.0 * PAD_X;
            let align = if row.header { Align::Left } else { g.aligns[j] };
            let (x, gap) = place(line, g.xs[j] + PAD_X, inner, align);
            flow.text(
                elem,
                x,
                baseline(top, g.size, g.line_height),
                g.size,
                gap,
                spaced(std::mem::take(&mut line.runs), k + 1 < count),
            );
        }
    }
    flow.y += height;
    let y = flow.y;
    let x1 = match g.xs.get(1) {
        Some(x) if row.next_joined => *x,
        _ => x0,
    };
    flow.mark(Mark::Rule {
        x1,
        x2: x0 + width,
        y,
        thickness: if row.header { 0.6 } else { 0.3 },
        gray: if row.header { 0.0 } else { 0.55 },
    });
}

/// The header row: the table's header cells the first time, an artifact when repeated.
fn draw_header(flow: &mut Flow, g: &Geometry, header: &SetRow, table: Option<Elem>) {
    let y = flow.y;
    flow.mark(Mark::Rule {
        x1: Flow::left(),
        x2: Flow::left() + Flow::width(),
        y,
        thickness: 0.8,
        gray: 0.0,
    });
    let mut copy = header.clone();
    let lines = copy.lines();
    match table {
        Some(table) => {
            let tr = flow.element(Role::TR, Some(table));
            let cells: Vec<Option<Elem>> = (0..copy.cells.len())
                .map(|_| {
                    let th = flow.element(Role::TH, Some(tr));
                    flow.column_header(th);
                    Some(th)
                })
                .collect();
            draw_part(flow, g, &mut copy, 0, lines, &cells);
            for th in cells.into_iter().flatten() {
                flow.end_element(th);
            }
            flow.end_element(tr);
        }
        None => draw_part(flow, g, &mut copy, 0, lines, &[]),
    }
}

fn end_row(flow: &mut Flow, tr: Elem, cells: Vec<Option<Elem>>) {
    for td in cells.into_iter().flatten() {
        flow.end_element(td);
    }
    flow.end_element(tr);
}

/// Lays out the table from the flow's position, continuing on new pages as needed.
pub fn table(flow: &mut Flow, table: &Table) {
    if table.columns.is_empty() {
        return;
    }
    let set = prepare(flow.faces, table);
    draw(flow, set);
}

/// Draws a prepared table from the flow's position, continuing on new pages as needed: a
/// Table element whose first row holds the column headers.
pub fn draw(flow: &mut Flow, set: SetTable) {
    if set.g.widths.is_empty() {
        return;
    }
    let header_height = set.header_height();
    let fresh = set.fresh();
    let opening = set.opening_height();
    flow.flush(opening);
    flow.need(opening);
    let SetTable { g, header, rows } = set;
    let table = flow.begin(Role::Table);
    draw_header(flow, &g, &header, Some(table));

    // The open row: its TR and TD elements, which joined rows continue.
    let mut open: Option<(Elem, Vec<Option<Elem>>)> = None;
    for mut set_row in rows {
        let lines = set_row.lines();
        let height = g.height(lines);
        if height > flow.room() && height <= fresh * MOVABLE_SHARE {
            flow.new_page();
            draw_header(flow, &g, &header, None);
        }
        let joined = set_row.joined && open.is_some();
        if !joined {
            if let Some((tr, cells)) = open.take() {
                end_row(flow, tr, cells);
            }
            let tr = flow.element(Role::TR, Some(table));
            let cells = (0..set_row.cells.len())
                .map(|_| Some(flow.element(Role::TD, Some(tr))))
                .collect();
            open = Some((tr, cells));
        }
        let Some((_, row_cells)) = &open else {
            continue;
        };
        // A joined row's label is an artifact, shown only at the top of a page.
        let mut cells = row_cells.clone();
        if joined && let Some(first) = cells.first_mut() {
            *first = None;
        }
        let mut from = 0;
        while from < lines {
            let fresh_page = flow.y <= MARGIN_TOP + header_height + 0.01;
            let fit = ((flow.room() - 2.0 * PAD_Y) / g.line_height)
                .floor()
                .max(0.0) as usize;
            // At least two lines of a broken row on a page; on a fresh page, whatever fits.
            let fit = if fresh_page {
                fit.max(1)
            } else if fit < 2.min(lines - from) {
                0
            } else {
                fit
            };
            if fit == 0 {
                flow.new_page();
                draw_header(flow, &g, &header, None);
                continue;
            }
            if joined
                && from == 0
                && !fresh_page
                && let Some(label) = set_row.cells.first_mut()
            {
                label.clear();
            }
            let to = (from + fit).min(lines);
            draw_part(flow, &g, &mut set_row, from, to, &cells);
            from = to;
            if from < lines {
                flow.new_page();
                draw_header(flow, &g, &header, None);
            }
        }
    }
    if let Some((tr, cells)) = open {
        end_row(flow, tr, cells);
    }
    flow.end();
    let y = flow.y;
    flow.mark(Mark::Rule {
        x1: Flow::left(),
        x2: Flow::left() + Flow::width(),
        y,
        thickness: 0.8,
        gray: 0.0,
    });
    flow.space(8.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::font::{Charset, fonts};
    use crate::minutes::layout::{Footers, PAGE_HEIGHT, PAGE_WIDTH, Page, Paragraph};
    use crate::minutes::text::Run;

    /// The width a line covers: the space that ends a line followed by another (for text
    /// extraction) shows nothing and is not counted.
    fn line_width(fonts: &crate::minutes::font::Fonts, runs: &[Run], size: f32, gap: f32) -> f32 {
        let last = runs.len().saturating_sub(1);
        let texts: Vec<&str> = runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                if i == last {
                    r.text.trim_end_matches(' ')
                } else {
                    r.text.as_str()
                }
            })
            .collect();
        let text: f32 = runs
            .iter()
            .zip(&texts)
            .map(|(r, t)| fonts.face(r.style).width(t, size))
            .sum();
        let spaces = texts.iter().map(|t| t.matches(' ').count()).sum::<usize>() as f32;
        text + spaces * gap
    }

    #[test]
    fn no_text_leaves_the_margins_and_headers_repeat() {
        let f = fonts().unwrap();
        let charset = Charset::all(f);
        let faces = Faces {
            fonts: f,
            charset: &charset,
        };
        let mut pages: Vec<Page> = Vec::new();
        let mut flow = Flow::new(faces, &mut pages);
        let long = "Motivazione articolata: la proposta è coerente con gli obiettivi dell'avviso, \
                    ben radicata nel quartiere e sostenibile nel tempo. "
            .repeat(40);
        flow.paragraph(Paragraph::text(long.clone()));
        let mut t = Table::new(
            vec![
                Column::left("Protocollo"),
                Column::right("Importo"),
                Column::left("Motivazione"),
            ],
            9.0,
        );
        for i in 0..80 {
            t.push(Row::new(vec![
                format!("2026/{i:07}"),
                "€ 131.760,00".into(),
                if i % 10 == 3 {
                    long.repeat(3)
                } else {
                    format!(
                        "Riga {i} Unaparolachenonentrainnessunacolonnaperchéètroppolunga{}",
                        "x".repeat(90)
                    )
                },
            ]));
        }
        table(&mut flow, &t);
        let count = flow.finish().pages.len();
        assert_eq!(count, pages.len());
        assert!(pages.len() > 5);
        let left_lines = [
            "Comune – Verbale".to_string(),
            "Sigillo ".to_string() + &"ab".repeat(32),
        ];
        let footers = Footers::new(faces, &left_lines);
        for (i, page) in pages.iter_mut().enumerate() {
            let foot = footers.page(&format!("Pagina {} di {count}", i + 1));
            page.marks.extend(foot.marks);
        }
        let (left, right) = (Flow::left(), Flow::left() + Flow::width());
        for (i, page) in pages.iter().enumerate() {
            let mut header_at = None;
            let mut first_row_at = None;
            for mark in &page.marks {
                if let Mark::Text {
                    x,
                    baseline,
                    size,
                    gap,
                    runs,
                    ..
                } = mark
                {
                    let w = line_width(f, runs, *size, *gap);
                    assert!(*x >= left - 0.01, "page {i}: starts at {x}");
                    assert!(x + w <= right + 0.01, "page {i}: ends at {}", x + w);
                    assert!(
                        *baseline > MARGIN_TOP && *baseline < PAGE_HEIGHT,
                        "page {i}"
                    );
                    let body = *baseline < Flow::limit();
                    assert!(
                        body || *size < 8.0,
                        "page {i}: body text in the footer zone"
                    );
                    let text = runs.iter().map(|r| r.text.as_str()).collect::<String>();
                    if text == "Protocollo" && header_at.is_none() {
                        header_at = Some(*baseline);
                    }
                    if text.starts_with("2026/") && first_row_at.is_none() {
                        first_row_at = Some(*baseline);
                    }
                }
            }
            assert!(PAGE_WIDTH > right);
            // Every page that carries rows of the table carries its header above them.
            if let Some(row) = first_row_at {
                let header = header_at.expect("a page with rows has the header");
                assert!(header < row, "page {i}");
            }
        }
    }

    #[test]
    fn columns_fit_their_content() {
        let f = fonts().unwrap();
        let charset = Charset::all(f);
        let faces = Faces {
            fonts: f,
            charset: &charset,
        };
        let mut t = Table::new(vec![Column::left("N."), Column::left("Testo")], 9.0);
        t.push(Row::new(vec!["1".into(), "breve".into()]));
        let w = prepare(faces, &t).g.widths;
        assert!((w.iter().sum::<f32>() - Flow::width()).abs() < 0.01);
        t.push(Row::new(vec!["2".into(), "parola ".repeat(100)]));
        let w = prepare(faces, &t).g.widths;
        // The short column keeps what its widest word needs; the text takes the rest.
        assert!(w[0] < 30.0, "{w:?}");
        assert!(w[1] > Flow::width() - 30.0, "{w:?}");
    }
}
