//! Reading a CSV, XLSX or ODS file into rows of cells, each with the row number and column the
//! user sees in their spreadsheet, so that every problem can be pointed at.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use jiff::civil;

use super::dialect::{self, Dialect};
use super::values::DecimalMark;

/// A cell's content, before any column gives it a meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A spreadsheet's number, as the shortest decimal text that gives back the same binary
    /// value ("1234.56", never "1234.5599999999999"): Rust prints floats that way, and a
    /// decimal with at most 15 significant digits always comes back as itself. This is the
    /// only road from a float to a number here; see `values::decimal`.
    Number(String),
    /// A spreadsheet's date or date and time, on the civil clock (spreadsheets carry no zone).
    DateTime(civil::DateTime),
    Bool(bool),
    /// "#DIV/0!" and the like.
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row: its number as the spreadsheet shows it (1 is the first), and its cells from
/// column A.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Value>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Value {
        self.cells.get(column).unwrap_or(&Value::Empty)
    }
}

/// One sheet; a CSV file has one, without a name. Empty rows are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv(Dialect),
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    pub fn describe(&self) -> String {
        match self {
            Format::Csv(d) => d.to_string(),
            Format::Xlsx => "foglio di calcolo XLSX".into(),
            Format::Xls => "foglio di calcolo XLS".into(),
            Format::Ods => "foglio di calcolo ODS".into(),
        }
    }
}

/// A file read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// The file's name, as messages cite it.
    pub file: String,
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

impl Book {
    /// How the text in this file's cells writes decimals: a CSV says it by its dialect; text
    /// typed in a spreadsheet's cell has no convention, so only unambiguous numbers pass.
    pub fn decimal_mark(&self) -> DecimalMark {
        match self.format {
            Format::Csv(d) => d.decimal,
            _ => DecimalMark::Point,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("{file}: non si può leggere il file ({message})")]
    Io { file: String, message: String },
    #[error("{file}: non è un foglio di calcolo leggibile ({message})")]
    Spreadsheet { file: String, message: String },
    #[error("{file}, riga {line}: il CSV non è leggibile ({message})")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}, riga {row}, colonna {}: {message}", column_letter(*column))]
    Encoding {
        file: String,
        row: u32,
        /// From 0 (column A).
        column: usize,
        message: String,
    },
}

/// The largest file an import reads (a form's export of 100,000 rows is about 20 MB).
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file: XLSX, XLS and ODS are recognised by their content (a form platform's
/// "export.csv" is sometimes a workbook), anything else is read as CSV.
pub fn read(path: &Path) -> Result<Book, TableError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = crate::workspace::files::read_regular(path, MAX_INPUT_BYTES).map_err(|e| {
        TableError::Io {
            file: file.clone(),
            message: crate::workspace::os_error::describe(&e),
        }
    })?;
    from_bytes(&file, &bytes)
}

/// As [`read`], for bytes already in memory (a file dropped on the window, a test).
pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Book, TableError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0";
    if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        workbook(file, bytes)
    } else {
        csv(file, bytes)
    }
}

fn workbook(file: &str, bytes: &[u8]) -> Result<Book, TableError> {
    let error = |message: String| TableError::Spreadsheet {
        file: file.to_string(),
        message,
    };
    // ODS is read as a stream of its cells (see `ods`): calamine would expand its repeated
    // rows and columns first.
    if super::ods::is_ods(bytes) {
        let mut sheets = Vec::new();
        for sheet in super::ods::sheets(bytes).map_err(error)? {
            let name = sheet.name;
            sheets.push(Sheet {
                rows: sheet
                    .rows
                    .map_err(|e| error(super::messages::in_sheet(&name, e)))?,
                name: Some(name),
            });
        }
        return Ok(Book {
            file: file.to_string(),
            format: Format::Ods,
            sheets,
        });
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| error(e.to_string()))?;
    let format = match book {
        calamine::Sheets::Xlsx(_) | calamine::Sheets::Xlsb(_) => Format::Xlsx,
        calamine::Sheets::Xls(_) => Format::Xls,
        calamine::Sheets::Ods(_) => Format::Ods,
    };
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        // XLSX and XLSB are read cell by cell: their declared dimensions never size anything.
        if let Some(rows) = super::cells::streamed(&mut book, &name) {
            sheets.push(Sheet {
                name: Some(name.clone()),
                rows: rows.map_err(|e| error(super::messages::in_sheet(&name, e)))?,
            });
            continue;
        }
        let range = book
            .worksheet_range(&name)
            .map_err(|e| error(super::messages::in_sheet(&name, e)))?;
        let Some((first_row, first_col)) = range.start() else {
            sheets.push(Sheet {
                name: Some(name),
                rows: Vec::new(),
            });
            continue;
        };
        let mut rows = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            let mut values = vec![Value::Empty; first_col as usize];
            values.extend(cells.iter().map(value));
            if values.iter().all(Value::is_empty) {
                continue;
            }
            rows.push(Row {
                number: first_row + i as u32 + 1,
                cells: values,
            });
        }
        sheets.push(Sheet {
            name: Some(name),
            rows,
        });
    }
    Ok(Book {
        file: file.to_string(),
        format,
        sheets,
    })
}

pub(super) fn value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(i.to_string()),
        Data::Float(f) if f.is_finite() => Value::Number(format!("{f}")),
        Data::Float(f) => Value::Error(f.to_string()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _millis) = dt.to_ymd_hms_milli();
            civil::DateTime::new(y as i16, mo as i8, d as i8, h as i8, mi as i8, s as i8, 0)
                .map(Value::DateTime)
                .unwrap_or_else(|_| Value::Error(super::messages::bad_date(dt.as_f64())))
        }
        Data::DateTime(dt) => Value::Error(super::messages::duration(dt.as_f64())),
        Data::DateTimeIso(iso) => iso
            .parse::<civil::DateTime>()
            .or_else(|_| {
                iso.parse::<civil::Date>()
                    .map(|d| d.to_datetime(civil::Time::midnight()))
            })
            .map(Value::DateTime)
            .unwrap_or_else(|_| Value::Text(iso.clone())),
        Data::DurationIso(iso) => Value::Text(iso.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

fn csv(file: &str, bytes: &[u8]) -> Result<Book, TableError> {
    let (text, encoding) = dialect::decode(bytes).map_err(|bad| {
        // The separator of a file that cannot be read is found as for one that can: it is
        // ASCII, the same in every encoding.
        let (separator, _) = dialect::separator(&String::from_utf8_lossy(bytes));
        let (row, column) = dialect::position(bytes, bad.offset, separator);
        TableError::Encoding {
            file: file.to_string(),
            row: u32::try_from(row).unwrap_or(u32::MAX),
            column,
            message: bad.to_string(),
        }
    })?;
    let (separator, skip) = dialect::separator(&text);
    let body = match skip {
        0 => text.as_str(),
        _ => text.split_once('\n').map_or("", |(_, rest)| rest),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    // Lines counted from the records' byte offsets: the reader's own line count skips blank
    // lines, and the user needs the line their editor shows.
    let (mut line, mut counted) = (1 + skip as u64, 0usize);
    let mut line_at = |byte: usize| {
        // A record's position is where the reader started, before the blank lines it skipped.
        let mut byte = byte.min(body.len());
        while matches!(body.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > counted {
            line += body.as_bytes()[counted..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted = byte;
        }
        line
    };
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Csv {
            file: file.to_string(),
            line: e.position().map_or(0, |p| p.line()) + skip as u64,
            message: e.to_string(),
        })?;
        let cells: Vec<Value> = record
            .iter()
            .map(|f| {
                if f.is_empty() {
                    Value::Empty
                } else {
                    Value::Text(f.to_string())
                }
            })
            .collect();
        if cells.iter().all(Value::is_empty) {
            continue;
        }
        let number = line_at(record.position().map_or(0, |p| p.byte() as usize));
        rows.push(Row {
            number: u32::try_from(number).unwrap_or(u32::MAX),
            cells,
        });
    }
    Ok(Book {
        file: file.to_string(),
        format: Format::Csv(Dialect::new(encoding, separator)),
        sheets: vec![Sheet { name: None, rows }],
    })
}

/// "A", "Z", "AA": a column as spreadsheets name it, from 0.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let book = from_bytes(
            "a.csv",
            b"sep=;\nprotocollo;titolo\n\n1;\"due\nrighe\"\n2;tre\n",
        )
        .unwrap();
        let rows = &book.sheets[0].rows;
        assert_eq!(rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 4, 6]);
        assert_eq!(rows[1].cell(1), &Value::Text("due\nrighe".into()));
        assert_eq!(rows[2].cell(5), &Value::Empty);
    }
}
