//! A spreadsheet's cells read one at a time, never as the rectangle its declared dimensions
//! span: a file of 1.7 KB whose two cells are A1 and XFD1048576 would otherwise ask for
//! 17 billion cells (calamine's `worksheet_range` makes that rectangle, and the program
//! aborts). Rows keep only the cells up to their last one, and the whole is bounded.

use std::collections::BTreeMap;

use super::table::{Row, Value};

/// The most cells a sheet may spread over, counted row by row up to each row's last cell.
pub const MAX_CELLS: usize = 8_000_000;

/// The most bytes of text a sheet's cells may hold together, as read (a cell repeated many
/// times counts each time): the size of the largest file an import reads.
pub const MAX_TEXT_BYTES: usize = super::table::MAX_INPUT_BYTES as usize;

/// Rows from cells given in any order, as `((row, column), value)` from 0; empty values and
/// empty rows are left out. Refused (with the Italian reason) beyond [`MAX_CELLS`] or
/// [`MAX_TEXT_BYTES`].
pub fn rows(
    cells: impl Iterator<Item = Result<((u32, u32), Value), String>>,
) -> Result<Vec<Row>, String> {
    let mut collected = Collector::default();
    for cell in cells {
        let ((row, column), value) = cell?;
        collected.push(row, column, value)?;
    }
    Ok(collected.finish())
}

/// Cells gathered one at a time, bounded as they come.
#[derive(Default)]
pub struct Collector {
    sparse: BTreeMap<u32, Vec<(u32, Value)>>,
    widths: BTreeMap<u32, usize>,
    spread: usize,
    bytes: usize,
}

impl Collector {
    pub fn push(&mut self, row: u32, column: u32, value: Value) -> Result<(), String> {
        if value.is_empty() {
            return Ok(());
        }
        let width = self.widths.entry(row).or_insert(0);
        let needed = column as usize + 1;
        if needed > *width {
            self.spread += needed - *width;
            *width = needed;
        }
        if self.spread > MAX_CELLS {
            return Err(super::messages::too_many_cells(
                MAX_CELLS,
                row as u64 + 1,
                super::table::column_letter(column as usize),
            ));
        }
        self.bytes += match &value {
            Value::Text(t) | Value::Number(t) | Value::Error(t) => t.len(),
            _ => 0,
        };
        if self.bytes > MAX_TEXT_BYTES {
            return Err(super::messages::too_much_text(
                MAX_TEXT_BYTES / (1024 * 1024),
                row as u64 + 1,
            ));
        }
        self.sparse.entry(row).or_default().push((column, value));
        Ok(())
    }

    pub fn finish(self) -> Vec<Row> {
        let widths = self.widths;
        self.sparse
            .into_iter()
            .map(|(row, cells)| {
                let width = widths.get(&row).copied().unwrap_or(0);
                let mut values = vec![Value::Empty; width];
                for (column, value) in cells {
                    values[column as usize] = value;
                }
                Row {
                    number: row + 1,
                    cells: values,
                }
            })
            .collect()
    }
}

/// The rows of an XLSX or XLSB sheet, read cell by cell; None for the other formats.
pub(super) fn streamed<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> Option<Result<Vec<Row>, String>> {
    use calamine::Data;
    let convert = |pos: (u32, u32), data: Data| Ok((pos, super::table::value(&data)));
    match book {
        calamine::Sheets::Xlsx(xlsx) => Some(match xlsx.worksheet_cells_reader(name) {
            Err(e) => Err(e.to_string()),
            Ok(mut reader) => rows(std::iter::from_fn(|| match reader.next_cell() {
                Ok(Some(cell)) => Some(convert(
                    cell.get_position(),
                    Data::from(cell.get_value().clone()),
                )),
                Ok(None) => None,
                Err(e) => Some(Err(e.to_string())),
            })),
        }),
        calamine::Sheets::Xlsb(xlsb) => Some(match xlsb.worksheet_cells_reader(name) {
            Err(e) => Err(e.to_string()),
            Ok(mut reader) => rows(std::iter::from_fn(|| match reader.next_cell() {
                Ok(Some(cell)) => Some(convert(
                    cell.get_position(),
                    Data::from(cell.get_value().clone()),
                )),
                Ok(None) => None,
                Err(e) => Some(Err(e.to_string())),
            })),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_cells_cost_only_themselves_and_a_sheet_too_spread_is_refused() {
        let cells = vec![
            Ok(((0, 0), Value::Text("a".into()))),
            Ok(((1_048_575, 3), Value::Text("lontana".into()))),
            Ok(((5, 1), Value::Empty)),
        ];
        let rows = rows(cells.into_iter()).expect("two rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].number, 1_048_576);
        assert_eq!(rows[1].cells.len(), 4);
        let wide = (0..600u32).map(|r| Ok(((r, 16_383), Value::Text("x".into()))));
        let error = super::rows(wide).expect_err("too spread");
        assert!(error.contains("oltre"), "{error}");
    }
}
