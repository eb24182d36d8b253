//! The members' marks arranged for the rules: one table per member, a row per application and
//! a column per leaf criterion, built once per evaluation in one pass over the sheets. Reading
//! a mark is then an index, not a search: the evaluation reads each of the 280,000 marks of a
//! large call several times (scores, progress, discordances, severity).

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::domain::{Criterion, Member, MemberId, Protocol, Score, Workspace};

pub(crate) struct Marks<'a> {
    /// The workspace's applications in protocol order: a row's number is its place here.
    rows: Vec<&'a Protocol>,
    /// The call's leaf criteria in the call's order: a column's number is its place here.
    leaves: Vec<&'a Criterion>,
    members: Vec<MemberMarks<'a>>,
}

/// One mark as the rules read it, out of its [`Cell`] of the table: the value as an integer,
/// not a `Decimal` (the rules add and compare marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Given {
    /// The value in millionths (`Points::millionths`): sums and comparisons of marks are
    /// integer operations.
    pub millionths: i64,
    /// The decimals the sheet writes the value with ("0.50": 2), so that [`Given::value`] is
    /// the value as written, not only the same number.
    scale: u8,
    /// Whether it has a reason (`Score::has_reason`), read once, in the sheet's order.
    pub has_reason: bool,
}

impl Given {
    pub fn of(score: &crate::domain::Score) -> Given {
        let value = score.value();
        Given {
            millionths: score.value.millionths(),
            // A `Decimal`'s scale is at most 28.
            scale: value.scale() as u8,
            has_reason: score.has_reason(),
        }
    }

    /// The value as the sheet writes it (`Score::value`), digits and decimals: reading a mark
    /// never goes back to the sheet. Exact: points are at most a billion with at most six
    /// significant decimals (`Points::new`), so the millionths, scaled back to the decimals
    /// written, are the value's own digits.
    pub fn value(self) -> Decimal {
        let scale = u32::from(self.scale);
        let digits = i128::from(self.millionths);
        let mantissa = if scale <= 6 {
            digits / 10i128.pow(6 - scale)
        } else {
            digits * 10i128.pow(scale - 6)
        };
        Decimal::from_i128_with_scale(mantissa, scale)
    }
}

/// A cell of the table: a [`Given`] in 8 bytes, its millionths above a byte that holds the
/// decimals, whether it has a reason and that the cell is not empty (so never zero). The
/// millionths fit: a mark is at most 10^9 with six decimals (`Points::new`), 10^15 millionths,
/// 50 bits of the 56 left. The table has a cell for every member, application and leaf
/// criterion (1.3 million at 10,000 applications): 10 MB less than a `Given` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell(std::num::NonZeroU64);

impl Cell {
    const SCALE: u64 = 0x1f;
    const REASON: u64 = 1 << 5;
    const FILLED: u64 = 1 << 6;

    fn of(given: Given) -> Cell {
        debug_assert!(given.millionths.unsigned_abs() < 1 << 55);
        let bits = (given.millionths << 8) as u64
            | Cell::FILLED
            | if given.has_reason { Cell::REASON } else { 0 }
            | u64::from(given.scale) & Cell::SCALE;
        Cell(std::num::NonZeroU64::new(bits).unwrap_or(std::num::NonZeroU64::MIN))
    }

    fn given(self) -> Given {
        let bits = self.0.get();
        Given {
            // Arithmetic shift: the sign comes back.
            millionths: (bits as i64) >> 8,
            scale: (bits & Cell::SCALE) as u8,
            has_reason: bits & Cell::REASON != 0,
        }
    }
}

/// An application's row in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row(usize);

/// The leaf criteria by id: a column's number for each, in the order of the ids, which is
/// the order of a sheet's marks within one application.
pub(crate) struct Columns<'c>(Vec<(&'c str, usize)>);

impl<'c> Columns<'c> {
    pub fn of(leaves: &[&'c Criterion]) -> Columns<'c> {
        let mut by_id: Vec<(&str, usize)> = leaves
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        by_id.sort_unstable();
        Columns(by_id)
    }

    pub fn width(&self) -> usize {
        self.0.len()
    }

    /// The column of a leaf criterion.
    pub fn column(&self, criterion: &str) -> Option<usize> {
        self.0
            .binary_search_by(|(id, _)| (*id).cmp(criterion))
            .ok()
            .map(|i| self.0[i].1)
    }
}

/// Where each mark of a sheet goes in a table of `rows × columns`, row by row: walked with the
/// sheet, in its order (by application, then criterion; see `ScoreSheet::normalize`), so that
/// placing a mark costs a comparison or two rather than a search.
pub(crate) struct Cells<'t, 'c> {
    rows: &'t [&'t Protocol],
    columns: &'t Columns<'c>,
    row: usize,
    column: usize,
}

impl<'t, 'c> Cells<'t, 'c> {
    pub fn new(rows: &'t [&'t Protocol], columns: &'t Columns<'c>) -> Cells<'t, 'c> {
        Cells {
            rows,
            columns,
            row: 0,
            column: 0,
        }
    }

    /// The cell of the next mark of the sheet, or None for a mark on an application not in
    /// the rows or on a criterion the call does not score.
    pub fn of(&mut self, score: &Score) -> Option<usize> {
        let application = score.application.as_str();
        while self
            .rows
            .get(self.row)
            .is_some_and(|r| r.as_str() < application)
        {
            self.row += 1;
            self.column = 0;
        }
        if self.rows.get(self.row)?.as_str() != application {
            return None;
        }
        // The application's marks and the columns are both in id order: when they agree,
        // each mark costs one comparison.
        let criterion = score.criterion.as_str();
        while let Some(&(id, leaf)) = self.columns.0.get(self.column) {
            match id.cmp(criterion) {
                Ordering::Less => self.column += 1,
                Ordering::Equal => {
                    self.column += 1;
                    return Some(self.row * self.columns.width() + leaf);
                }
                // Not a criterion the call scores.
                Ordering::Greater => return None,
            }
        }
        None
    }
}

pub(crate) struct MemberMarks<'a> {
    pub id: &'a MemberId,
    /// `rows × width`, row by row.
    marks: Vec<Option<Cell>>,
    /// The number of leaf criteria.
    width: usize,
    declared: Vec<bool>,
    conflicts: Vec<bool>,
    /// For a substitute: the rows of the applications they were appointed for; `None` for
    /// every other member, who sits on every application.
    panel: Option<Vec<bool>>,
}

impl<'a> Marks<'a> {
    /// The voting members in the commission's order, with their marks; one member per core
    /// when `parallel`.
    pub fn new(ws: &'a Workspace, parallel: bool) -> Marks<'a> {
        Marks::of(ws, ws.applications().keys().collect(), parallel)
    }

    /// The marks on some applications only (`rows`, in protocol order): a mark on any other
    /// is left out.
    pub fn of(ws: &'a Workspace, rows: Vec<&'a Protocol>, parallel: bool) -> Marks<'a> {
        Marks::built(ws, rows, parallel, |member| {
            ws.sheet(member).map_or(&[][..], |s| &s.scores[..])
        })
    }

    /// The marks of a workspace whose sheets gave theirs up (`Workspace::take_scores`), from
    /// where they went: the table is what the rules read, so the marks themselves can go
    /// before the evaluation is made (see `record::session_record_taking`).
    pub fn of_taken(
        ws: &'a Workspace,
        taken: &[(MemberId, Vec<Score>)],
        parallel: bool,
    ) -> Marks<'a> {
        Marks::built(ws, ws.applications().keys().collect(), parallel, |member| {
            taken
                .iter()
                .find(|(m, _)| m == member)
                .map_or(&[][..], |(_, scores)| &scores[..])
        })
    }

    fn built<'s>(
        ws: &'a Workspace,
        rows: Vec<&'a Protocol>,
        parallel: bool,
        scores_of: impl Fn(&MemberId) -> &'s [Score] + Sync,
    ) -> Marks<'a> {
        debug_assert!(rows.is_sorted());
        let leaves = ws.call().leaf_criteria();
        let columns = Columns::of(&leaves);
        let width = leaves.len();
        let voting: Vec<&Member> = ws.commission().voting_members().collect();
        let members = crate::parallel::map(parallel, &voting, |m| {
            let mut marks = vec![None; rows.len() * width];
            let mut declared = vec![false; rows.len()];
            let mut conflicts = vec![false; rows.len()];
            let mut cells = Cells::new(&rows, &columns);
            for score in scores_of(&m.id) {
                if let Some(cell) = cells.of(score) {
                    marks[cell] = Some(Cell::of(Given::of(score)));
                }
            }
            if let Some(sheet) = ws.sheet(&m.id) {
                for d in &sheet.declarations {
                    if let Ok(row) = rows.binary_search(&&d.application) {
                        declared[row] = true;
                        conflicts[row] |= d.conflict.is_some();
                    }
                }
            }
            let panel = m.substitute.as_ref().map(|s| {
                rows.iter()
                    .map(|p| s.applications.contains(p))
                    .collect::<Vec<bool>>()
            });
            MemberMarks {
                id: &m.id,
                marks,
                width,
                declared,
                conflicts,
                panel,
            }
        });
        Marks {
            rows,
            leaves,
            members,
        }
    }

    pub fn members(&self) -> &[MemberMarks<'a>] {
        &self.members
    }

    /// The call's leaf criteria, in the order of the columns.
    pub fn leaves(&self) -> &[&'a Criterion] {
        &self.leaves
    }

    /// The row of an application of the workspace.
    pub fn row(&self, application: &Protocol) -> Option<Row> {
        self.rows.binary_search(&application).ok().map(Row)
    }
}

impl<'a> MemberMarks<'a> {
    pub fn abstains(&self, row: Row) -> bool {
        self.conflicts[row.0]
    }

    /// Whether the member sits on this application's panel: a substitute only where appointed.
    pub fn sits_on(&self, row: Row) -> bool {
        self.panel.as_ref().is_none_or(|p| p[row.0])
    }

    /// Whether the member is expected to score this application: on its panel, not abstaining.
    pub fn scores(&self, row: Row) -> bool {
        self.sits_on(row) && !self.abstains(row)
    }

    pub fn declared(&self, row: Row) -> bool {
        self.declared[row.0]
    }

    /// The mark on the leaf criterion in column `leaf` (see [`Marks::leaves`]).
    pub fn mark(&self, row: Row, leaf: usize) -> Option<Given> {
        if leaf >= self.width {
            return None;
        }
        self.marks
            .get(row.0 * self.width + leaf)
            .copied()
            .flatten()
            .map(Cell::given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CriterionId, Points, Protocol, Score};
    use proptest::prelude::*;

    fn score(value: Decimal, reason: &str) -> Score {
        Score {
            application: Protocol::new("2026/0001").unwrap(),
            criterion: CriterionId::new("C1").unwrap(),
            value: Points::new(value).unwrap(),
            reason: reason.into(),
        }
    }

    #[test]
    fn the_evaluation_from_marks_taken_out_of_the_sheets_is_the_evaluation() {
        use crate::samples::large::{Size, generate};
        let size = Size {
            applications: 60,
            lots: 3,
            members: 4,
            criteria: 5,
            seed: 3,
        };
        let ws = generate(size).unwrap();
        let expected = crate::rules::evaluate(&ws);
        let mut own = generate(size).unwrap();
        let taken = own.take_scores();
        assert!(taken.iter().map(|(_, s)| s.len()).sum::<usize>() > 500);
        assert!(own.sheets().values().all(|s| s.scores.is_empty()));
        let marks = Marks::of_taken(&own, &taken, true);
        assert_eq!(crate::rules::evaluate_with(&own, &marks), expected);
        // The table is all the rules read: without the marks taken, nothing is scored.
        let none = Marks::of_taken(&own, &[], false);
        assert_ne!(crate::rules::evaluate_with(&own, &none), expected);
        // And as `check` has it, letting the marks go.
        let mut released = generate(size).unwrap();
        assert_eq!(crate::rules::evaluate_releasing(&mut released), expected);
        assert!(released.sheets().values().all(|s| s.scores.is_empty()));
    }

    #[test]
    fn a_mark_in_the_table_takes_eight_bytes() {
        assert_eq!(std::mem::size_of::<Option<Cell>>(), 8);
    }

    #[test]
    fn a_mark_comes_out_of_its_cell_as_it_went_in() {
        for text in [
            "0",
            "0.5",
            "0.50",
            "0.000001",
            "7",
            "1000000000",
            "999999999.999999",
        ] {
            let value: Decimal = text.parse().unwrap();
            for reason in ["", "motivata"] {
                let given = Given::of(&score(value, reason));
                let back = Cell::of(given).given();
                assert_eq!(back, given, "{text}");
                assert_eq!(back.value().to_string(), text);
            }
        }
    }

    #[test]
    fn a_mark_keeps_the_decimals_it_is_written_with() {
        for text in ["0.5", "0.50", "0.500000", "7", "7.0", "1000000", "0.000001"] {
            let value: Decimal = text.parse().unwrap();
            let given = Given::of(&score(value, "motivata"));
            assert_eq!(given.value().to_string(), text);
            assert!(given.has_reason);
        }
        assert!(!Given::of(&score(Decimal::ONE, " \n")).has_reason);
    }

    proptest! {
        /// Every value a sheet can hold comes back the same, digits and scale: up to a
        /// billion, six significant decimals, written with up to 28 (trailing zeros).
        #[test]
        fn a_mark_comes_back_as_written(
            units in 0i128..=1_000_000_000,
            millionths in 0i128..1_000_000,
            zeros in 0u32..=22,
        ) {
            let digits = units * 1_000_000 + millionths;
            let exact = Decimal::from_i128_with_scale(digits, 6);
            prop_assume!(exact <= Decimal::from(1_000_000_000));
            // Beyond 96 bits of digits no `Decimal` can write it.
            let written = Decimal::try_from_i128_with_scale(digits * 10i128.pow(zeros), 6 + zeros);
            prop_assume!(written.is_ok());
            let written = written.unwrap();
            let given = Given::of(&score(written, "x"));
            prop_assert_eq!(given.value(), written);
            prop_assert_eq!(given.value().scale(), written.scale());
            prop_assert_eq!(given.value().to_string(), written.to_string());
            let normal = exact.normalize();
            let given = Given::of(&score(normal, "x"));
            prop_assert_eq!(given.value().to_string(), normal.to_string());
        }
    }
}
