//! No export carries a live formula: a text that a spreadsheet would read as a formula (an
//! applicant named `=HYPERLINK(...)`) is written so that it shows as text, in CSV, XLSX and ODS,
//! in the ranking and in the score matrix. Checked in the files themselves, and by reading them
//! back with LibreOffice where it is installed.

mod common;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader};
use commissione::import::workbook::{self, Grid, Out, TextCell};
use common::{edit, fixture, run};

const LINK: &str = "=HYPERLINK(\"http://x.example\";\"Clicca\")";

/// Texts a spreadsheet would evaluate, with harmless ones that must stay as they are.
const DANGEROUS: [&str; 7] = [
    LINK,
    "=1+1",
    "+2+3",
    "-4+1",
    "@SUM(1;2)",
    "\t=1+1",
    "\r=1+1",
];
const HARMLESS: [&str; 4] = ["Associazione P1", "2026/0004512", "1+1", "a=b"];

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

fn grid() -> Grid {
    Grid {
        sheet: "Prova".into(),
        headers: vec!["testo".into(), "=2*3".into()],
        rows: DANGEROUS
            .iter()
            .chain(&HARMLESS)
            .map(|t| vec![Out::Text(t.to_string()), Out::Empty])
            .collect(),
    }
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("the entry")
        .read_to_string(&mut text)
        .expect("text");
    text
}

fn cells(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).expect("a workbook");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("a sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn the_cell_function_quotes_only_what_a_spreadsheet_would_evaluate() {
    for t in DANGEROUS {
        let cell = TextCell::new(t);
        assert!(cell.quoted, "{t:?}");
        assert_eq!(cell.csv(), format!("'{t}"));
    }
    for t in HARMLESS.iter().chain(&["", "'=1", " =1"]) {
        let cell = TextCell::new(t);
        assert!(!cell.quoted, "{t:?}");
        assert_eq!(cell.csv(), *t);
    }
}

#[test]
fn the_csv_writes_an_apostrophe_before_a_formula() {
    let text = String::from_utf8(workbook::csv(&grid())).expect("UTF-8");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a record").iter().map(String::from).collect())
        .collect();
    assert_eq!(rows[0], ["testo", "'=2*3"]);
    for (row, t) in rows[1..].iter().zip(DANGEROUS) {
        assert_eq!(row[0], format!("'{t}"));
    }
    for (row, t) in rows[1 + DANGEROUS.len()..].iter().zip(HARMLESS) {
        assert_eq!(row[0], t);
    }
}

#[test]
fn the_workbooks_hold_formula_texts_as_string_cells() {
    let xlsx = workbook::xlsx(&[grid()], moment()).expect("xlsx");
    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{sheet}");
    let styles = zip_entry(&xlsx, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
    let ods = workbook::ods(&[grid()], moment()).expect("ods");
    let content = zip_entry(&ods, "content.xml");
    assert!(!content.contains("table:formula"), "{content}");
    assert!(
        content.contains(
            "<text:p>=HYPERLINK(&quot;http://x.example&quot;;&quot;Clicca&quot;)</text:p>"
        ),
        "{content}"
    );
    for bytes in [xlsx, ods] {
        let rows = cells(&bytes);
        assert_eq!(rows[0][1], Data::String("=2*3".into()));
        for (row, t) in rows[1..].iter().zip(DANGEROUS.iter().chain(&HARMLESS)) {
            // calamine gives a formula cell's cached value, a string cell's text.
            // (An ODS reader takes a carriage return for a line feed.)
            assert!(
                [t.to_string(), t.replace('\r', "\n")].contains(&row[0].to_string()),
                "{row:?}"
            );
        }
    }
}

/// The ranking and the matrix of a call whose applicant is named like a formula, in every
/// format the command line writes.
fn exports(tmp: &Path, dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    for matrix in [false, true] {
        for format in ["csv", "xlsx", "ods"] {
            let name = format!(
                "{}.{format}",
                if matrix { "matrice" } else { "graduatoria" }
            );
            let path = tmp.join(&name);
            let mut args = vec!["rank", s(dir), "--format", format, "-o", s(&path)];
            if matrix {
                args.push("--matrix");
            }
            let (code, _, err) = run(&args);
            assert_eq!(code, 0, "{name}: {err}");
            out.push((name, path));
        }
    }
    out
}

fn formula_applicant() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture("example-a");
    edit(
        &dir.join("candidature/P1.ron"),
        "name: \"Associazione P1\"",
        "name: \"=HYPERLINK(\\\"http://x.example\\\";\\\"Clicca\\\")\"",
    );
    (tmp, dir)
}

#[test]
fn an_applicant_named_like_a_formula_is_exported_as_text() {
    let (tmp, dir) = formula_applicant();
    for (name, path) in exports(tmp.path(), &dir) {
        let bytes = std::fs::read(&path).expect("written");
        if name.ends_with(".csv") {
            let text = String::from_utf8(bytes).expect("UTF-8");
            assert!(
                text.contains(";\"'=HYPERLINK(\"\"http://x.example\"\";\"\"Clicca\"\")\";"),
                "{name}: {text}"
            );
        } else {
            let rows = cells(&bytes);
            assert!(
                rows.iter()
                    .flatten()
                    .any(|c| *c == Data::String(LINK.into())),
                "{name}"
            );
            let xml = if name.ends_with(".xlsx") {
                zip_entry(&bytes, "xl/worksheets/sheet1.xml")
            } else {
                zip_entry(&bytes, "content.xml")
            };
            assert!(
                !xml.contains("<f>") && !xml.contains("table:formula"),
                "{name}"
            );
        }
    }
}

/// LibreOffice with a profile of its own (others may be running), or None where it is missing.
fn libreoffice(profile: &Path) -> Option<Command> {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("LibreOffice (soffice) non è installato: la rilettura con LibreOffice è saltata");
        return None;
    }
    let mut command = Command::new("soffice");
    command.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ));
    command.arg("--headless");
    Some(command)
}

/// Opens `files` with LibreOffice (one start for all) and saves each as flat ODS in `out`,
/// reading a CSV as Italian Excel writes it (`;`, `"`, UTF-8); returns each saved file's text:
/// what LibreOffice holds, formulas as `table:formula`, texts as `text:p`.
fn reread(profile: &Path, files: &[&Path], out: &Path) -> Option<Vec<String>> {
    let mut command = libreoffice(profile)?;
    if files
        .iter()
        .all(|f| f.extension().is_some_and(|e| e == "csv"))
    {
        command.arg("--infilter=CSV:59,34,76,1");
    }
    command.args(["--convert-to", "fods", "--outdir", s(out)]);
    command.args(files.iter().map(|f| s(f)));
    let status = command.output().expect("soffice runs");
    assert!(status.status.success(), "{status:?}");
    Some(
        files
            .iter()
            .map(|f| {
                let stem = f.file_stem().expect("a name").to_str().expect("UTF-8");
                std::fs::read_to_string(out.join(format!("{stem}.fods"))).expect("converted")
            })
            .collect(),
    )
}

#[test]
fn libreoffice_reads_every_export_back_as_text() {
    let (tmp, dir) = formula_applicant();
    let profile = tmp.path().join("profilo-libreoffice");
    let exports = exports(tmp.path(), &dir);
    let (csv, books): (Vec<_>, Vec<_>) = exports.iter().partition(|(n, _)| n.ends_with(".csv"));
    for (group, shown) in [
        (
            csv,
            "<text:p>&apos;=HYPERLINK(&quot;http://x.example&quot;;&quot;Clicca&quot;)</text:p>",
        ),
        (
            books,
            "<text:p>=HYPERLINK(&quot;http://x.example&quot;;&quot;Clicca&quot;)</text:p>",
        ),
    ] {
        let files: Vec<&Path> = group.iter().map(|(_, p)| p.as_path()).collect();
        let Some(flat) = reread(&profile, &files, &tmp.path().join("letti")) else {
            return;
        };
        for ((name, _), flat) in group.iter().zip(flat) {
            assert!(flat.contains("<text:p>P1</text:p>"), "{name}: {flat}");
            assert!(!flat.contains("table:formula"), "{name}: {flat}");
            assert!(flat.contains(shown), "{name}: {flat}");
        }
    }
}

/// Before the change a CSV carried the raw formula, which LibreOffice evaluated: the check
/// above sees that difference.
#[test]
fn libreoffice_does_evaluate_a_raw_formula_in_a_csv() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let path = tmp.path().join("grezzo.csv");
    std::fs::write(&path, format!("a;b\n\"{}\";x\n", LINK.replace('"', "\"\""))).expect("write");
    let profile = tmp.path().join("profilo-libreoffice");
    let Some(flat) = reread(&profile, &[&path], &tmp.path().join("letto")) else {
        return;
    };
    assert!(flat[0].contains("table:formula"), "{}", flat[0]);
}

/// The moment the workbooks are dated by (their properties and zip entries).
fn moment() -> commissione::domain::Moment {
    commissione::domain::Moment::parse("2026-12-01T16:20:05+01:00").expect("moment")
}
