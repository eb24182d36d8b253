//! Writing tables for spreadsheets: CSV in the Italian dialect, XLSX and ODS with numbers as
//! numbers and amounts formatted as euro. The same data gives the same bytes: the workbooks'
//! dates (their properties and every zip entry) are the moment the caller gives, the closing of
//! the session that fixed the data or the moment of a draft's export, never the clock's.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{Cursor, Read, Write};

use rust_decimal::Decimal;

use super::canonical::canonical;
use crate::domain::{Moment, Money};

/// A cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Empty,
    Text(String),
    /// A number, shown with as many decimals as it has.
    Number(Decimal),
    /// An amount, shown as euro with two decimals.
    Euro(Money),
}

/// One sheet: a name, a header row, rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Out>>,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("impossibile preparare il file XLSX ({0})")]
    Xlsx(String),
    #[error("impossibile preparare il file ODS ({0})")]
    Ods(String),
}

/// A zip entry's time: the moment on Rome's clock (zip times have no zone), to the even
/// second as the format keeps them.
fn zip_time(moment: Moment) -> zip::DateTime {
    let c = moment.rome();
    zip::DateTime::from_date_and_time(
        c.year() as u16,
        c.month() as u8,
        c.day() as u8,
        c.hour() as u8,
        c.minute() as u8,
        c.second() as u8,
    )
    .unwrap_or_default()
}

/// The date the workbooks declare as their creation: fixed, for identical bytes (the same
/// 1 January 1980 the zip entries carry).
pub(super) const FIXED_YEAR: u16 = 1980;

/// A binary spreadsheet's cell holds an IEEE double: the exact decimal goes through its text,
/// which Rust parses to the nearest double. Any amount up to 9.999.999.999.999,99 has at most
/// 15 significant digits and reads back as itself (see `table::Value::Number`).
fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(f64::NAN)
}

/// A text cell as every export writes it. A spreadsheet reads a cell that begins with `=`, `+`,
/// `-` or `@` as a formula (a tab or a carriage return before them is skipped by some), so an
/// applicant named `=HYPERLINK(...)` would become a live link. Such a text is `quoted`: the CSV
/// writes it after an apostrophe, the spreadsheets' own mark of "this is text"; XLSX and ODS
/// write it, like every text, as a string cell (never a formula), XLSX with the quote prefix
/// Excel sets when a text is typed after an apostrophe, so that editing the cell keeps it text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextCell<'a> {
    pub text: &'a str,
    pub quoted: bool,
}

impl<'a> TextCell<'a> {
    pub fn new(text: &'a str) -> Self {
        TextCell {
            text,
            quoted: text.starts_with(['=', '+', '-', '@', '\t', '\r']),
        }
    }

    /// The cell's content in a CSV file.
    pub fn csv(self) -> Cow<'a, str> {
        match self.quoted {
            true => Cow::Owned(format!("'{}", self.text)),
            false => Cow::Borrowed(self.text),
        }
    }
}

/// CSV as Italian spreadsheets open it: `;` between fields, decimal comma, no thousands
/// separator, UTF-8 with BOM so that Excel reads the accents.
pub fn csv(grid: &Grid) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let plain = |d: Decimal| d.to_string().replace('.', ",");
    let _ = writer.write_record(
        grid.headers
            .iter()
            .map(|h| TextCell::new(h).csv().into_owned()),
    );
    for row in &grid.rows {
        let _ = writer.write_record(row.iter().map(|cell| match cell {
            Out::Empty => String::new(),
            Out::Text(t) => TextCell::new(t).csv().into_owned(),
            Out::Number(d) => plain(*d),
            Out::Euro(m) => plain(m.value()),
        }));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend(bytes);
    out
}

fn decimals_format(scale: u32) -> String {
    match scale {
        0 => "0".into(),
        n => format!("0.{}", "0".repeat(n as usize)),
    }
}

/// An XLSX workbook, one worksheet per grid, created at `moment`.
pub fn xlsx(grids: &[Grid], moment: Moment) -> Result<Vec<u8>, WriteError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| WriteError::Xlsx(e.to_string());
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(moment.timestamp().as_second()).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("Commissione"),
    );
    let bold = Format::new().set_bold();
    let quoted_bold = Format::new().set_bold().set_quote_prefix();
    let quoted = Format::new().set_quote_prefix();
    let euro = Format::new().set_num_format("\"€\" #,##0.00");
    for grid in grids {
        let sheet = book.add_worksheet();
        sheet.set_name(&grid.sheet).map_err(err)?;
        for (c, header) in grid.headers.iter().enumerate() {
            let format = match TextCell::new(header).quoted {
                true => &quoted_bold,
                false => &bold,
            };
            sheet
                .write_string_with_format(0, c as u16, header, format)
                .map_err(err)?;
        }
        for (r, row) in grid.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Out::Empty => {}
                    Out::Text(t) => {
                        match TextCell::new(t).quoted {
                            true => sheet.write_string_with_format(r, c, t, &quoted),
                            false => sheet.write_string(r, c, t),
                        }
                        .map_err(err)?;
                    }
                    Out::Number(d) => {
                        let format = Format::new().set_num_format(decimals_format(d.scale()));
                        sheet
                            .write_number_with_format(r, c, to_f64(*d), &format)
                            .map_err(err)?;
                    }
                    Out::Euro(m) => {
                        sheet
                            .write_number_with_format(r, c, to_f64(m.value()), &euro)
                            .map_err(err)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        sheet.autofit();
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    restamp(&bytes, moment, false).map_err(|e| WriteError::Xlsx(e.to_string()))
}

/// An ODS workbook, one sheet per grid, created at `moment`.
pub fn ods(grids: &[Grid], moment: Moment) -> Result<Vec<u8>, WriteError> {
    use spreadsheet_ods::{
        CellStyle, Sheet, Value, ValueFormatCurrency, ValueFormatNumber, WorkBook,
    };
    let err = |e: spreadsheet_ods::OdsError| WriteError::Ods(e.to_string());
    let mut book = WorkBook::new_empty();
    let mut currency = ValueFormatCurrency::new_named("euro");
    currency.part_currency().symbol("€").build();
    currency.part_text(" ").build();
    currency
        .part_number()
        .min_integer_digits(1)
        .decimal_places(2)
        .min_decimal_places(2)
        .grouping()
        .build();
    let currency = book.add_currency_format(currency);
    let euro = book.add_cellstyle(CellStyle::new("euro", &currency));
    let mut bold = CellStyle::new_empty();
    bold.set_name("intestazione");
    bold.set_font_bold();
    let bold = book.add_cellstyle(bold);
    // One number style per count of decimals used, so that 78,80 keeps its zero.
    let scales: BTreeSet<u32> = grids
        .iter()
        .flat_map(|g| g.rows.iter().flatten())
        .filter_map(|c| match c {
            Out::Number(d) => Some(d.scale()),
            _ => None,
        })
        .collect();
    let mut number_styles = Vec::new();
    for scale in scales {
        let mut format = ValueFormatNumber::new_named(format!("decimali{scale}"));
        format
            .part_number()
            .min_integer_digits(1)
            .decimal_places(scale.min(20) as u8)
            .min_decimal_places(scale.min(20) as u8)
            .build();
        let format = book.add_number_format(format);
        let style = book.add_cellstyle(CellStyle::new(format!("numero{scale}"), &format));
        number_styles.push((scale, style));
    }
    for grid in grids {
        let mut sheet = Sheet::new(&grid.sheet);
        // A string cell (office:value-type="string") is text whatever it begins with.
        for (c, header) in grid.headers.iter().enumerate() {
            sheet.set_styled_value(0, c as u32, TextCell::new(header).text, &bold);
        }
        for (r, row) in grid.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u32;
                match cell {
                    Out::Empty => {}
                    Out::Text(t) => sheet.set_value(r, c, TextCell::new(t).text),
                    Out::Number(d) => {
                        let value = Value::Number(to_f64(*d));
                        match number_styles.iter().find(|(s, _)| *s == d.scale()) {
                            Some((_, style)) => sheet.set_styled_value(r, c, value, style),
                            None => sheet.set_value(r, c, value),
                        }
                    }
                    Out::Euro(m) => sheet.set_styled_value(
                        r,
                        c,
                        Value::Currency(to_f64(m.value()), "EUR".into()),
                        &euro,
                    ),
                }
            }
        }
        book.push_sheet(sheet);
    }
    let bytes = spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).map_err(err)?;
    restamp(&bytes, moment, true).map_err(|e| WriteError::Ods(e.to_string()))
}

/// For the import template (`template`): the entries stamped with the fixed time of the zip
/// format (1 January 1980), the ODS parts put in one order, meta.xml left as written.
pub(super) fn normalize_ods(bytes: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    restamp_with(bytes, None, true)
}

/// Every zip entry stamped with `moment` (the writers stamp them with the clock or with 1980),
/// in the same order. For ODS (`ods`), "mimetype" stays first and stored as ODF requires,
/// the creation date goes into meta.xml, and each XML part is put in one order, since
/// spreadsheet-ods writes namespaces, styles and manifest entries in the order of its hash
/// maps (see `canonical`).
fn restamp(bytes: &[u8], moment: Moment, ods: bool) -> zip::result::ZipResult<Vec<u8>> {
    restamp_with(bytes, Some(moment), ods)
}

/// The same, the fixed time of the zip format when there is no moment.
fn restamp_with(
    bytes: &[u8],
    moment: Option<Moment>,
    ods: bool,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let time = moment.map_or_else(zip::DateTime::default, zip_time);
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name().to_string();
        if ods && name.ends_with(".xml") {
            let mut xml = String::new();
            archive.by_index(i)?.read_to_string(&mut xml)?;
            if name == "meta.xml"
                && let Some(moment) = moment
            {
                xml = with_dates(&xml, moment);
            }
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .last_modified_time(time);
            out.start_file(name, options)?;
            out.write_all(canonical(&xml).as_bytes())?;
        } else {
            out.raw_copy_file_touch(archive.by_index_raw(i)?, time, None)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

/// meta.xml with the document's creation and modification date (Rome's time, as office
/// suites write them).
fn with_dates(xml: &str, moment: Moment) -> String {
    let c = moment.rome();
    let date = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        c.year(),
        c.month(),
        c.day(),
        c.hour(),
        c.minute(),
        c.second()
    );
    let dates = format!("<meta:creation-date>{date}</meta:creation-date><dc:date>{date}</dc:date>");
    let xml = if xml.contains("xmlns:dc=") {
        xml.to_string()
    } else {
        xml.replacen(
            "<office:document-meta ",
            "<office:document-meta xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ",
            1,
        )
    };
    xml.replacen("<office:meta>", &format!("<office:meta>{dates}"), 1)
}
