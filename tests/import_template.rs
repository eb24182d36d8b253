//! The import template: its sheets have the exact columns the import reads, its drop-down lists
//! offer the call's lots, the legal forms and the kinds of co-financing, and once filled in it
//! imports the applications it describes.

mod common;

use std::io::Read;
use std::path::Path;

use calamine::Reader;
use commissione::domain::{CofinancingKind, LegalForm, Protocol};
use commissione::editor::{Actor, Editor};
use commissione::import::template::{
    self, APPLICATION_COLUMNS, APPLICATIONS_SHEET, BUDGET_COLUMNS, BUDGET_SHEET,
    COFINANCING_COLUMNS, COFINANCING_SHEET, INSTRUCTIONS_SHEET, TemplateFormat,
};
use commissione::import::{self, ApplicationFiles};

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("quartieri");
    commissione::samples::write("milano-quartieri-connessi", &dir).unwrap();
    (tmp, dir)
}

fn headers(range: &calamine::Range<calamine::Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn the_xlsx_template_has_the_exact_columns_and_drop_down_lists() {
    let (_tmp, dir) = sample();
    let ws = commissione::workspace::load(&dir).workspace.unwrap();
    let bytes = template::template(ws.call(), TemplateFormat::Xlsx).unwrap();
    // The same call gives the same bytes.
    assert_eq!(
        bytes,
        template::template(ws.call(), TemplateFormat::Xlsx).unwrap()
    );
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    for (sheet, columns) in [
        (APPLICATIONS_SHEET, &APPLICATION_COLUMNS[..]),
        (BUDGET_SHEET, &BUDGET_COLUMNS[..]),
        (COFINANCING_SHEET, &COFINANCING_COLUMNS[..]),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(headers(&range), columns, "{sheet}");
    }
    let instructions = book.worksheet_range(INSTRUCTIONS_SHEET).unwrap();
    let text: Vec<String> = instructions.rows().map(|r| r[0].to_string()).collect();
    assert!(
        text.iter().any(|l| l.contains("Date e ore, ora di Roma")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|l| l.contains("Spazio 1 – via Abbiati 4")),
        "{text:?}"
    );
    // The lists: every lot, the legal forms, the two kinds of co-financing.
    let lists = book.worksheet_range("elenchi").unwrap();
    let column = |c: usize| -> Vec<String> {
        lists
            .rows()
            .skip(1)
            .filter_map(|r| r.get(c).map(|x| x.to_string()))
            .filter(|x| !x.is_empty())
            .collect()
    };
    assert_eq!(
        column(0),
        ws.call()
            .lots
            .iter()
            .map(|l| l.name.clone())
            .collect::<Vec<_>>()
    );
    assert!(column(1).contains(&"associazione di promozione sociale".to_string()));
    assert_eq!(column(2), ["monetario", "in_natura"]);
    // Each data sheet carries its drop-down lists (data validation, as Excel writes it).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet1 = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet1)
        .unwrap();
    assert_eq!(sheet1.matches("<dataValidation ").count(), 4, "{sheet1}");
    assert!(sheet1.contains("'elenchi'!$A$2:$A$10"), "{sheet1}");
    let mut sheet3 = String::new();
    zip.by_name("xl/worksheets/sheet3.xml")
        .unwrap()
        .read_to_string(&mut sheet3)
        .unwrap();
    assert!(sheet3.contains("'elenchi'!$C$2:$C$3"), "{sheet3}");
}

/// Fills the ODS template's three sheets as a secretariat would, and saves it.
fn fill_ods(template: &[u8], lot: &str, path: &Path) {
    let mut book = spreadsheet_ods::read_ods_buf(template).unwrap();
    let find = |book: &spreadsheet_ods::WorkBook, name: &str| {
        (0..book.num_sheets())
            .find(|&i| book.sheet(i).name() == name)
            .unwrap()
    };
    let rows: [(&str, Vec<Vec<&str>>); 3] = [
        (
            APPLICATIONS_SHEET,
            vec![
                vec![
                    "2026/0100",
                    "06/05/2026 10:15",
                    "APS Cortile Aperto",
                    "00944850148",
                    "associazione di promozione sociale",
                    "cortile@pec.it",
                    "Anna Bruni",
                    "Via Abbiati 4, Milano",
                    lot,
                    "Portineria di comunità",
                    "",
                    "45.000,00",
                    "Fondazione Vicini",
                    "12345758382",
                    "fondazione",
                ],
                vec![
                    "2026/0101",
                    "07/05/2026 09:30:15",
                    "Cooperativa Sociale Il Ponte",
                    "12345679190",
                    "cooperativa sociale",
                    "",
                    "",
                    "",
                    lot,
                    "Il Ponte",
                    "",
                    "40.000,05",
                ],
            ],
        ),
        (
            BUDGET_SHEET,
            vec![
                vec!["2026/0100", "personale", "Coordinatrice", "50.000,00"],
                vec!["2026/0101", "personale", "", "44.444,50"],
            ],
        ),
        (
            COFINANCING_SHEET,
            vec![
                vec!["2026/0100", "fondi propri", "monetario", "3.000,00"],
                vec!["2026/0100", "volontari", "in_natura", "2.000,00"],
                vec!["2026/0101", "fondi propri", "monetario", "4.444,45"],
            ],
        ),
    ];
    for (sheet, lines) in rows {
        let i = find(&book, sheet);
        let s = book.sheet_mut(i);
        for (r, line) in lines.iter().enumerate() {
            for (c, value) in line.iter().enumerate() {
                if !value.is_empty() {
                    s.set_value(r as u32 + 1, c as u32, *value);
                }
            }
        }
    }
    let bytes = spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn the_ods_template_filled_in_imports_the_applications_it_describes() {
    let (tmp, dir) = sample();
    let ws = commissione::workspace::load(&dir).workspace.unwrap();
    let lot = ws.call().lots[0].clone();
    let bytes = template::template(ws.call(), TemplateFormat::Ods).unwrap();
    assert_eq!(
        bytes,
        template::template(ws.call(), TemplateFormat::Ods).unwrap()
    );
    let filled = tmp.path().join("compilato.ods");
    fill_ods(&bytes, &lot.name, &filled);

    let files = ApplicationFiles {
        applications: Some(filled.clone()),
        budget: Some(filled.clone()),
        cofinancing: Some(filled.clone()),
    };
    let plan = import::plan_applications(&ws, &files);
    assert!(!plan.has_errors(), "{:#?}", plan.problems);
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    import::apply(&plan, &mut editor, false).unwrap();
    let ws = editor.workspace();
    let a = ws
        .application(&Protocol::new("2026/0100").unwrap())
        .expect("imported");
    assert_eq!(a.lot, lot.id);
    assert_eq!(a.applicant.name, "APS Cortile Aperto");
    assert_eq!(
        a.applicant.legal_form,
        LegalForm::SocialPromotionAssociation
    );
    assert_eq!(a.partners.len(), 1);
    assert_eq!(a.partners[0].legal_form, LegalForm::Foundation);
    assert_eq!(a.requested.to_string(), "45000.00");
    assert_eq!(a.total_cost().to_string(), "50000.00");
    assert_eq!(a.in_kind_total().to_string(), "2000.00");
    assert_eq!(a.cofinancing[1].kind, CofinancingKind::InKind);
    assert_eq!(a.received_at.to_string(), "2026-05-06T10:15:00+02:00");
    let b = ws
        .application(&Protocol::new("2026/0101").unwrap())
        .expect("imported");
    assert_eq!(b.received_at.to_string(), "2026-05-07T09:30:15+02:00");
    assert_eq!(b.total_cost().to_string(), "44444.50");
    assert_eq!(b.applicant.legal_form, LegalForm::SocialCooperative);
    // Both pass the call's co-financing checks: the template's columns carried every figure.
    let e = editor.evaluation();
    for p in ["2026/0100", "2026/0101"] {
        let r = e.application(&Protocol::new(p).unwrap()).unwrap();
        assert!(
            r.admission
                .findings
                .iter()
                .filter(|f| f.rule.is_cofinancing())
                .all(|f| f.passed()),
            "{p}: {:#?}",
            r.admission.findings
        );
    }
}

#[test]
fn the_xlsx_template_filled_with_its_own_headers_imports() {
    // An XLSX cannot be edited here; a workbook written with the headers read from the
    // template stands for one filled in by hand.
    let (tmp, dir) = sample();
    let ws = commissione::workspace::load(&dir).workspace.unwrap();
    let bytes = template::template(ws.call(), TemplateFormat::Xlsx).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let lot = ws.call().lots[1].name.clone();
    let data: [(&str, Vec<&str>); 3] = [
        (
            APPLICATIONS_SHEET,
            vec![
                "2026/0200",
                "06/05/2026 11:00",
                "ODV Amici",
                "00944850148",
                "organizzazione di volontariato",
                "",
                "",
                "",
                &lot,
                "Spazio amico",
                "",
                "9.000,00",
            ],
        ),
        (
            BUDGET_SHEET,
            vec!["2026/0200", "personale", "", "10.000,00"],
        ),
        (
            COFINANCING_SHEET,
            vec!["2026/0200", "", "monetario", "1.000,00"],
        ),
    ];
    for (sheet, row) in data {
        let headers = headers(&book.worksheet_range(sheet).unwrap());
        let s = out.add_worksheet();
        s.set_name(sheet).unwrap();
        for (c, h) in headers.iter().enumerate() {
            s.write_string(0, c as u16, h).unwrap();
        }
        for (c, v) in row.iter().enumerate() {
            s.write_string(1, c as u16, *v).unwrap();
        }
    }
    let filled = tmp.path().join("compilato.xlsx");
    out.save(&filled).unwrap();
    let files = ApplicationFiles {
        applications: Some(filled.clone()),
        budget: Some(filled.clone()),
        cofinancing: Some(filled),
    };
    let plan = import::plan_applications(&ws, &files);
    assert!(!plan.has_errors(), "{:#?}", plan.problems);
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    import::apply(&plan, &mut editor, false).unwrap();
    let a = editor
        .workspace()
        .application(&Protocol::new("2026/0200").unwrap())
        .unwrap();
    assert_eq!(a.lot, ws.call().lots[1].id);
    assert_eq!(a.applicant.legal_form, LegalForm::VolunteerOrganisation);
    assert_eq!(a.total_cost().to_string(), "10000.00");
}
