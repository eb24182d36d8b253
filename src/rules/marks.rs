//! The members' marks arranged for the rules: one table per member, a row per application and
//! a column per leaf criterion, built once per evaluation in one pass over the sheets. Reading
//! a mark is then an index, not a search: the evaluation reads each of the 280,000 marks of a
//! large call several times (scores, progress, discordances, severity).

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::domain::{Criterion, Member, MemberId, Protocol, Workspace};

pub(crate) struct Marks<'a> {
    /// The workspace's applications in protocol order: a row's number is its place here.
    rows: Vec<&'a Protocol>,
    /// The call's leaf criteria in the call's order: a column's number is its place here.
    leaves: Vec<&'a Criterion>,
    members: Vec<MemberMarks<'a>>,
}

/// One mark as the rules read it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Given {
    /// As the sheet writes it (`Score::value`): kept here, so that reading a mark never goes
    /// back to the sheet.
    pub value: Decimal,
    /// The value in millionths (`Points::millionths`): sums and comparisons of marks are
    /// integer operations.
    pub millionths: i64,
    /// Whether it has a reason (`Score::has_reason`), read once, in the sheet's order.
    pub has_reason: bool,
}

/// An application's row in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row(usize);

pub(crate) struct MemberMarks<'a> {
    pub id: &'a MemberId,
    /// `rows × width`, row by row.
    marks: Vec<Option<Given>>,
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
        debug_assert!(rows.is_sorted());
        let leaves = ws.call().leaf_criteria();
        // The columns in the order of their ids, which is the order of a sheet's marks within
        // one application: the sheet and this list are walked together.
        let mut by_id: Vec<(&str, usize)> = leaves
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        by_id.sort_unstable();
        let width = leaves.len();
        let voting: Vec<&Member> = ws.commission().voting_members().collect();
        let members = crate::parallel::map(parallel, &voting, |m| {
            let mut marks = vec![None; rows.len() * width];
            let mut declared = vec![false; rows.len()];
            let mut conflicts = vec![false; rows.len()];
            if let Some(sheet) = ws.sheet(&m.id) {
                // A workspace's sheets are sorted by application, then criterion (see
                // `ScoreSheet::normalize`), like the rows and `by_id`.
                let mut row = 0;
                for chunk in sheet.scores.chunk_by(|a, b| a.application == b.application) {
                    let application = chunk[0].application.as_str();
                    while row < rows.len() && rows[row].as_str() < application {
                        row += 1;
                    }
                    if rows.get(row).is_none_or(|r| r.as_str() != application) {
                        continue;
                    }
                    let line = &mut marks[row * width..(row + 1) * width];
                    let mut column = 0;
                    for score in chunk {
                        // The chunk and `by_id` are both in id order: when they agree, each
                        // mark costs one comparison.
                        let criterion = score.criterion.as_str();
                        while let Some(&(id, leaf)) = by_id.get(column) {
                            match id.cmp(criterion) {
                                Ordering::Less => column += 1,
                                Ordering::Equal => {
                                    line[leaf] = Some(Given {
                                        value: score.value(),
                                        millionths: score.value.millionths(),
                                        has_reason: score.has_reason(),
                                    });
                                    column += 1;
                                    break;
                                }
                                // Not a criterion the call scores.
                                Ordering::Greater => break,
                            }
                        }
                    }
                }
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
        self.marks.get(row.0 * self.width + leaf).copied().flatten()
    }
}
