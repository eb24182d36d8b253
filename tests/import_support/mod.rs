//! Files the import tests write themselves: CSV in each dialect and encoding, XLSX with
//! rust_xlsxwriter, ODS with spreadsheet-ods; and the data of the worked examples as a form
//! platform would export it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use commissione::domain::tax_code::entity_check_digit;
use commissione::domain::{CofinancingKind, LegalForm, Workspace};
use commissione::italian;
use rust_decimal::Decimal;

/// A valid entity tax code from ten digits.
pub fn tax_code(first_ten: &str) -> String {
    format!(
        "{first_ten}{}",
        entity_check_digit(first_ten).expect("ten digits")
    )
}

/// A cell as a test writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number: text in the CSV dialect's own spelling, a number in a workbook.
    Number(Decimal),
    /// A date and time: "02/03/2026 10:15:00" in a CSV, a date cell in XLSX, text in ODS.
    When(i16, i8, i8, i8, i8, i8),
    Empty,
}

pub fn t(text: &str) -> Cell {
    Cell::Text(text.to_string())
}

pub fn n(text: &str) -> Cell {
    Cell::Number(text.parse().expect("a decimal"))
}

pub type Rows = Vec<Vec<Cell>>;

/// How a CSV is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Csv {
    /// Excel in Italy: `;`, decimal comma and thousands points, Windows-1252.
    ItalianExcel1252,
    /// `;`, decimal comma, UTF-8 with BOM ("CSV UTF-8" in Excel).
    ItalianUtf8Bom,
    /// A form platform: `,`, decimal point, UTF-8 without BOM.
    PlatformUtf8,
    /// `,`, decimal point, UTF-8 with BOM.
    PlatformUtf8Bom,
}

pub fn csv(rows: &Rows, how: Csv) -> Vec<u8> {
    let italian = matches!(how, Csv::ItalianExcel1252 | Csv::ItalianUtf8Bom);
    let sep = if italian { ';' } else { ',' };
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let raw = match c {
                    Cell::Text(t) => t.clone(),
                    Cell::Number(d) if italian => italian::number(*d),
                    Cell::Number(d) => d.to_string(),
                    Cell::When(y, mo, d, h, mi, s) => {
                        format!("{d:02}/{mo:02}/{y} {h:02}:{mi:02}:{s:02}")
                    }
                    Cell::Empty => String::new(),
                };
                if raw.contains(sep) || raw.contains('"') || raw.contains('\n') {
                    format!("\"{}\"", raw.replace('"', "\"\""))
                } else {
                    raw
                }
            })
            .collect();
        text.push_str(&cells.join(&sep.to_string()));
        text.push_str("\r\n");
    }
    match how {
        Csv::ItalianExcel1252 => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
            assert!(!unmappable, "the test text fits Windows-1252");
            bytes.into_owned()
        }
        Csv::ItalianUtf8Bom | Csv::PlatformUtf8Bom => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend(text.as_bytes());
            out
        }
        Csv::PlatformUtf8 => text.into_bytes(),
    }
}

fn f64_of(d: Decimal) -> f64 {
    d.to_string().parse().expect("a number")
}

/// An XLSX workbook with these sheets, written by rust_xlsxwriter.
pub fn xlsx(sheets: &[(&str, &Rows)]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("a sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).expect("write");
                    }
                    Cell::Number(d) => {
                        sheet.write_number(r, c, f64_of(*d)).expect("write");
                    }
                    Cell::When(y, mo, d, h, mi, s) => {
                        let when = ExcelDateTime::from_ymd(*y as u16, *mo as u8, *d as u8)
                            .and_then(|x| x.and_hms(*h as u16, *mi as u8, *s as u8))
                            .expect("a date");
                        sheet
                            .write_datetime_with_format(r, c, &when, &date)
                            .expect("write");
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    book.save_to_buffer().expect("an xlsx")
}

/// An ODS workbook with these sheets, written by spreadsheet-ods.
pub fn ods(sheets: &[(&str, &Rows)]) -> Vec<u8> {
    use spreadsheet_ods::{Sheet, Value, WorkBook};
    let mut book = WorkBook::new_empty();
    for (name, rows) in sheets {
        let mut sheet = Sheet::new(*name);
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u32);
                match cell {
                    Cell::Text(t) => sheet.set_value(r, c, t.as_str()),
                    Cell::Number(d) => sheet.set_value(r, c, Value::Number(f64_of(*d))),
                    Cell::When(y, mo, d, h, mi, s) => sheet.set_value(
                        r,
                        c,
                        format!("{d:02}/{mo:02}/{y} {h:02}:{mi:02}:{s:02}").as_str(),
                    ),
                    Cell::Empty => {}
                }
            }
        }
        book.push_sheet(sheet);
    }
    spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).expect("an ods")
}

/// A copy of a fixture with its call and commission only: no applications, no sheets.
pub fn call_only(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = crate::common::fixture(fixture);
    for folder in ["candidature", "schede", "sedute"] {
        let _ = fs::remove_dir_all(dir.join(folder));
    }
    (tmp, dir)
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write a test file");
    path
}

fn when(ws: &Workspace, protocol: &str) -> Cell {
    let app = ws
        .applications()
        .values()
        .find(|a| a.protocol.as_str() == protocol)
        .expect("the application");
    let c = app.received_at.rome();
    Cell::When(
        c.year(),
        c.month(),
        c.day(),
        c.hour(),
        c.minute(),
        c.second(),
    )
}

fn form(form: &LegalForm) -> String {
    match form {
        LegalForm::SocialPromotionAssociation => "APS".into(),
        other => italian::legal_form(other),
    }
}

/// The applications, budget lines and co-financing of a workspace as a platform exports them.
pub fn export_of(ws: &Workspace) -> (Rows, Rows, Rows) {
    let mut apps = vec![
        [
            "Protocollo",
            "Ricevuta il",
            "Denominazione",
            "Codice fiscale",
            "Forma giuridica",
            "PEC",
            "Lotto",
            "Titolo",
            "Contributo richiesto (€)",
        ]
        .map(t)
        .to_vec(),
    ];
    let mut budget = vec![
        ["protocollo", "categoria", "descrizione", "importo"]
            .map(t)
            .to_vec(),
    ];
    let mut cofinancing = vec![["protocollo", "fonte", "tipo", "importo"].map(t).to_vec()];
    for a in ws.applications().values() {
        let p = a.protocol.to_string();
        apps.push(vec![
            t(&p),
            when(ws, &p),
            t(&a.applicant.name),
            t(&a.applicant.tax_code),
            t(&form(&a.applicant.legal_form)),
            t(&a.applicant.pec),
            t(a.lot.as_str()),
            t(&a.title),
            Cell::Number(a.requested.value()),
        ]);
        for l in &a.budget {
            budget.push(vec![
                t(&p),
                t(l.category.as_str()),
                t(&l.description),
                Cell::Number(l.amount.value()),
            ]);
        }
        for l in &a.cofinancing {
            let kind = match l.kind {
                CofinancingKind::Cash => "monetario",
                CofinancingKind::InKind => "in_natura",
            };
            cofinancing.push(vec![
                t(&p),
                t(&l.source),
                t(kind),
                Cell::Number(l.amount.value()),
            ]);
        }
    }
    (apps, budget, cofinancing)
}

/// Every member's scores of a workspace, one row each.
pub fn scores_of(ws: &Workspace) -> Rows {
    let mut rows = vec![
        [
            "commissario",
            "protocollo",
            "criterio",
            "valore",
            "motivazione",
        ]
        .map(t)
        .to_vec(),
    ];
    for sheet in ws.sheets().values() {
        for s in &sheet.scores {
            rows.push(vec![
                t(sheet.member.as_str()),
                t(s.application.as_str()),
                t(s.criterion.as_str()),
                Cell::Number(s.value()),
                t(&s.reason),
            ]);
        }
    }
    rows
}
