//! ODS read as a stream of its cells, never as the rectangle it declares. An ODS sheet says
//! "this row, 1,048,576 times" and "this cell, 16,384 times" (`table:number-rows-repeated`,
//! `table:number-columns-repeated`): a reader that expands them before looking allocates what
//! a few bytes of XML ask for. Here empty repetitions only move the position, and every cell
//! with a value goes through [`Collector`], which refuses a sheet spread over too many cells or
//! holding too much text before it is held. The XML is read as it is decompressed.

use std::io::{BufRead, BufReader, Cursor, Read};

use calamine::Data;
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::cells::Collector;
use super::table::{Row, Value};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// The last row and column a spreadsheet program has (LibreOffice, Excel).
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// The most bytes of XML read from the archive: a sheet compressed a thousand times over
/// (a "zip bomb") is refused rather than read for minutes.
const MAX_XML_BYTES: u64 = 1024 * 1024 * 1024;

/// One sheet read: its name, and its rows or why it cannot be read.
pub struct Sheet {
    pub name: String,
    pub rows: Result<Vec<Row>, String>,
}

/// Whether the bytes are an ODS spreadsheet: a zip archive whose `mimetype` says so.
pub fn is_ods(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = zip.by_name("mimetype") else {
        return false;
    };
    let mut text = String::new();
    entry.take(256).read_to_string(&mut text).is_ok() && text.trim() == MIMETYPE
}

/// The sheets of an ODS file, in order. An error about the whole file (not a zip, no
/// `content.xml`, XML that does not read) is the Italian reason.
pub fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let content = zip
        .by_name("content.xml")
        .map_err(|_| super::messages::NO_CONTENT.to_string())?;
    let mut reader = Reader::from_reader(BufReader::new(content.take(MAX_XML_BYTES)));
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = false;
    config.trim_text(false);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table" => {
                let name = attribute(&e, "table:name").unwrap_or_default();
                buf.clear();
                let rows = table(&mut reader);
                out.push(Sheet { name, rows });
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(super::messages::bad_xml(e)),
            Ok(_) => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    attribute(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// The rows of one `table:table`, up to its end.
fn table<R: BufRead>(reader: &mut Reader<R>) -> Result<Vec<Row>, String> {
    let mut collected = Collector::default();
    let mut row: u64 = 0;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table-row" => {
                let times = repeats(&e, "table:number-rows-repeated");
                buf.clear();
                let cells = cells(reader)?;
                if !cells.is_empty() {
                    if row + times > MAX_ROWS {
                        return Err(super::messages::too_many_rows(MAX_ROWS));
                    }
                    for r in row..row + times {
                        for (column, value) in &cells {
                            collected.push(r as u32, *column, value.clone())?;
                        }
                    }
                }
                row = row.saturating_add(times);
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table" => break,
            Ok(Event::Eof) => return Err(super::messages::TRUNCATED.into()),
            Err(e) => return Err(super::messages::bad_xml(e)),
            Ok(_) => {}
        }
        buf.clear();
    }
    Ok(collected.finish())
}

/// The cells with a value of one row, with their columns, up to the row's end.
fn cells<R: BufRead>(reader: &mut Reader<R>) -> Result<Vec<(u32, Value)>, String> {
    let mut out = Vec::new();
    let mut column: u64 = 0;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e))
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let times = repeats(&e, "table:number-columns-repeated");
                let value = cell(reader, &e)?;
                if !value.is_empty() {
                    if column + times > MAX_COLUMNS {
                        return Err(super::messages::too_many_columns(MAX_COLUMNS));
                    }
                    for c in column..column + times {
                        out.push((c as u32, value.clone()));
                    }
                }
                column = column.saturating_add(times);
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => break,
            Ok(Event::Eof) => return Err(super::messages::TRUNCATED.into()),
            Err(e) => return Err(super::messages::bad_xml(e)),
            Ok(_) => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// One cell's value, as calamine reads it (so that an ODS reads as it always did), its
/// element read to its end.
fn cell<R: BufRead>(reader: &mut Reader<R>, e: &BytesStart<'_>) -> Result<Value, String> {
    let end = e.name().as_ref().to_string();
    let mut data = Data::Empty;
    let mut set = false;
    let mut is_string = false;
    let mut is_error = false;
    for a in e.attributes().with_checks(false).filter_map(Result::ok) {
        let key = a.key.as_ref();
        let value = || {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        };
        match key {
            "office:value" if !set => {
                data = match value().trim().parse::<f64>() {
                    Ok(f) => Data::Float(f),
                    Err(_) => Data::Error(calamine::CellErrorType::Value),
                };
                set = true;
            }
            "office:string-value" if !set => {
                data = Data::String(value());
                set = true;
            }
            "office:date-value" if !set => {
                data = Data::DateTimeIso(value());
                set = true;
            }
            "office:time-value" if !set => {
                data = Data::DurationIso(value());
                set = true;
            }
            "office:boolean-value" if !set => {
                let v = value();
                data = Data::Bool(v == "true" || v == "TRUE");
                set = true;
            }
            "office:value-type" if !set => is_string = value() == "string",
            "calcext:value-type" => is_error = value() == "error",
            _ => {}
        }
    }
    let text = content(reader, &end)?;
    if (!set && is_string) || (is_error && matches!(&data, Data::String(s) if s.is_empty())) {
        data = Data::String(text);
    }
    Ok(super::table::value(&data))
}

/// The text of a cell's paragraphs (a line end between two), read to the cell's end.
fn content<R: BufRead>(reader: &mut Reader<R>, end: &str) -> Result<String, String> {
    let mut text = String::new();
    let mut paragraphs = 0;
    let mut annotation: u32 = 0;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::End(e)) if e.name().as_ref() == end => break,
            Ok(Event::Start(e)) => match e.name().as_ref() {
                "office:annotation" => annotation += 1,
                _ if annotation > 0 => {}
                "text:p" => {
                    if paragraphs > 0 {
                        text.push('\n');
                    }
                    paragraphs += 1;
                }
                "text:s" => {
                    let n = repeats(&e, "text:c").min(MAX_COLUMNS);
                    text.extend(std::iter::repeat_n(' ', n as usize));
                }
                "text:tab" => text.push('\t'),
                "text:line-break" => text.push('\n'),
                _ => {}
            },
            Ok(Event::End(e)) if e.name().as_ref() == "office:annotation" => {
                annotation = annotation.saturating_sub(1)
            }
            Ok(Event::Text(t)) if annotation == 0 => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if annotation == 0 => {
                if let Some(s) = quick_xml::escape::resolve_xml_entity(r.as_ref()) {
                    text.push_str(s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                }
            }
            Ok(Event::Eof) => return Err(super::messages::TRUNCATED.into()),
            Err(e) => return Err(super::messages::bad_xml(e)),
            Ok(_) => {}
        }
        buf.clear();
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// An ODS archive with `body` as its spreadsheet's XML.
    pub(crate) fn ods_with(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).expect("zip");
        zip.write_all(MIMETYPE.as_bytes()).expect("zip");
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("content.xml", deflated).expect("zip");
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
        )
        .expect("zip");
        zip.finish().expect("zip").into_inner()
    }

    #[test]
    fn cells_repeated_far_cost_only_what_they_hold() {
        // Empty rows and cells repeated to the last row and column move the position only.
        let body = r#"<table:table table:name="Foglio1"><table:table-row><table:table-cell office:value-type="string"><text:p>a &amp; b</text:p><text:p>c<text:s text:c="2"/>d</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="12.5"/></table:table-row></table:table>"#;
        let bytes = ods_with(body);
        assert!(is_ods(&bytes));
        let sheets = sheets(&bytes).expect("reads");
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].name, "Foglio1");
        let rows = sheets[0].rows.as_ref().expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, vec![Value::Text("a & b\nc  d".into())]);
        assert_eq!(rows[1].number, 1_048_576);
        assert_eq!(rows[1].cells.len(), 4);
        assert_eq!(rows[1].cells[3], Value::Number("12.5".into()));
    }

    #[test]
    fn a_value_repeated_over_the_whole_sheet_is_refused_before_it_is_held() {
        let body = r#"<table:table table:name="F"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string" office:string-value="x"/></table:table-row></table:table>"#;
        let sheets = sheets(&ods_with(body)).expect("the file reads");
        let error = sheets[0].rows.as_ref().expect_err("too spread");
        assert!(error.contains("oltre"), "{error}");
    }
}
