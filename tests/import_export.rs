//! The ranking and the score matrix for spreadsheets: XLSX and ODS read back with calamine to
//! the cent, amounts formatted as euro, the same bytes every time; and the misuses the
//! command line refuses.

mod common;

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader};
use commissione::domain::{LotId, Money};
use commissione::import::export;
use commissione::import::workbook::{self, Grid, Out};
use commissione::rules;
use commissione::workspace::load;
use common::{fixture, run};
use rust_decimal::Decimal;

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The first sheet of a workbook, cell by cell.
fn cells(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).expect("a workbook");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("a sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

/// A number cell as an exact decimal: its shortest text, as the import reads it.
fn decimal(cell: &Data) -> Option<Decimal> {
    match cell {
        Data::Float(f) => format!("{f}").parse().ok(),
        Data::Int(i) => Some(Decimal::from(*i)),
        _ => None,
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

/// `commissione ARGS` with the moment of export fixed (SOURCE_DATE_EPOCH): 01/12/2026 16:20:05.
fn run_at(args: &[&str]) -> i32 {
    std::process::Command::new(env!("CARGO_BIN_EXE_commissione"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1796138405")
        .status()
        .expect("runs")
        .code()
        .unwrap_or(-1)
}

#[test]
fn the_workbooks_are_dated_by_the_export_never_1980() {
    let (tmp, dir) = fixture("example-a");
    for format in ["xlsx", "ods"] {
        let out = tmp.path().join(format!("g.{format}"));
        assert_eq!(
            run_at(&["rank", s(&dir), "--format", format, "-o", s(&out)]),
            0
        );
        let bytes = std::fs::read(&out).expect("written");
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
        for i in 0..archive.len() {
            let entry = archive.by_index(i).expect("entry");
            let t = entry.last_modified().expect("a time");
            assert_eq!(
                (t.year(), t.month(), t.day(), t.hour(), t.minute()),
                (2026, 12, 1, 16, 20),
                "{format}: {}",
                entry.name()
            );
        }
        if format == "xlsx" {
            let core = zip_entry(&bytes, "docProps/core.xml");
            assert!(core.contains("2026-12-01T15:20:05Z"), "{core}");
            assert!(!core.contains("1980"), "{core}");
        } else {
            let meta = zip_entry(&bytes, "meta.xml");
            assert!(
                meta.contains("<meta:creation-date>2026-12-01T16:20:05</meta:creation-date>"),
                "{meta}"
            );
        }
    }
}

#[test]
fn the_ranking_in_xlsx_and_ods_reads_back_to_the_cent() {
    let (tmp, dir) = fixture("example-a");
    let ws = load(&dir).workspace.expect("loads");
    let evaluation = rules::evaluate(&ws);
    for format in ["xlsx", "ods"] {
        let out = tmp.path().join(format!("graduatoria.{format}"));
        assert_eq!(
            run_at(&["rank", s(&dir), "--format", format, "-o", s(&out)]),
            0
        );
        let bytes = std::fs::read(&out).expect("written");
        let rows = cells(&bytes);
        assert_eq!(rows[0][0], Data::String("lotto".into()));
        assert_eq!(rows[0][11], Data::String("contributo_assegnato".into()));
        let protocols: Vec<String> = rows[1..].iter().map(|r| r[2].to_string()).collect();
        assert_eq!(protocols, ["P2", "P1", "P3", "P4"], "{format}");
        for row in &rows[1..] {
            let result = evaluation
                .applications
                .values()
                .find(|r| row[2] == r.protocol.as_str())
                .expect("a result");
            let money = |m: Money| Some(m.value());
            assert_eq!(
                decimal(&row[7]),
                money(result.budget.total_cost),
                "{format}"
            );
            assert_eq!(
                decimal(&row[8]),
                money(result.budget.cofinancing),
                "{format}"
            );
            assert_eq!(
                decimal(&row[9]),
                Some(result.budget.share_percent),
                "{format}"
            );
            assert_eq!(
                decimal(&row[10]),
                money(result.budget.requested),
                "{format}"
            );
            assert_eq!(
                decimal(&row[11]),
                result.granted.map(Money::value),
                "{format}"
            );
            let total = result.scores.as_ref().and_then(|s| s.total);
            assert_eq!(decimal(&row[4]), total, "{format}");
        }
        assert_eq!(
            decimal(&rows[1][4]).map(|d| d.to_string()),
            Some("87.73".into())
        );
        assert_eq!(
            decimal(&rows[1][11]).map(|d| d.to_string()),
            Some("96000".into())
        );
        // Amounts are numbers shown as euro.
        if format == "xlsx" {
            let styles = zip_entry(&bytes, "xl/styles.xml");
            assert!(styles.contains("&quot;€&quot; #,##0.00"), "{styles}");
        } else {
            let content = zip_entry(&bytes, "content.xml");
            assert!(content.contains("<number:currency-symbol>€</number:currency-symbol>"));
            assert!(content.contains(
                "office:value-type=\"currency\" office:currency=\"EUR\" office:value=\"96000\""
            ));
        }
        // The same data at the same moment, the same bytes.
        let again = tmp.path().join(format!("again.{format}"));
        run_at(&["rank", s(&dir), "--format", format, "-o", s(&again)]);
        assert_eq!(std::fs::read(&again).expect("written"), bytes, "{format}");
    }
}

#[test]
fn the_score_matrix_in_every_format() {
    let (tmp, dir) = fixture("example-a");
    let (code, out, err) = run(&["rank", s(&dir), "--matrix", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}lotto;protocollo;soggetto;criterio;Anna Verdi (m1);Marco Neri (m2);Giulia Russo (m3);punti_prima_della_riparametrazione;punti;esito"
    );
    assert_eq!(
        lines[1],
        "coworking;P2;Associazione P2;A;0,6;0,6;astenuto;24,00;32,73;"
    );
    // The totale row carries the outcome, in the words of the ranking for the lot's mode.
    assert!(
        lines.contains(
            &"coworking;P2;Associazione P2;totale;;;;79,00;87,73;selezionata per la co-progettazione"
        ),
        "{out}"
    );
    assert!(
        lines.contains(&"coworking;P4;Associazione P4;totale;;;;;;esclusa"),
        "{out}"
    );
    for format in ["xlsx", "ods"] {
        let path = tmp.path().join(format!("matrice.{format}"));
        let (code, _, err) = run(&[
            "rank",
            s(&dir),
            "--matrix",
            "--format",
            format,
            "-o",
            s(&path),
        ]);
        assert_eq!(code, 0, "{err}");
        let rows = cells(&std::fs::read(&path).expect("written"));
        assert_eq!(rows[1][3], Data::String("A".into()));
        assert_eq!(
            decimal(&rows[1][4]).map(|d| d.to_string()),
            Some("0.6".into())
        );
        assert_eq!(rows[1][6], Data::String("astenuto".into()));
        assert_eq!(
            decimal(&rows[1][8]).map(|d| d.to_string()),
            Some("32.73".into())
        );
        let total = rows
            .iter()
            .find(|r| r[1] == "P1" && r[3] == "totale")
            .expect("P1 totale");
        assert_eq!(
            decimal(&total[8]).map(|d| d.to_string()),
            Some("78.81".into()),
            "{format}"
        );
    }
}

#[test]
fn amounts_at_the_edges_survive_the_spreadsheet_cell() {
    let amounts = [
        "0.01",
        "0.10",
        "0.30",
        "1234.56",
        "131760.00",
        "999999999.99",
        "9999999999999.99",
    ];
    let grid = Grid {
        sheet: "Importi".into(),
        headers: vec!["importo".into(), "punti".into()],
        rows: amounts
            .iter()
            .map(|a| {
                vec![
                    Out::Euro(Money::parse(a).expect("money")),
                    Out::Number(a.parse().expect("decimal")),
                ]
            })
            .collect(),
    };
    let moment = commissione::domain::Moment::parse("2026-12-01T16:20:05+01:00").expect("moment");
    for bytes in [
        workbook::xlsx(std::slice::from_ref(&grid), moment).expect("xlsx"),
        workbook::ods(std::slice::from_ref(&grid), moment).expect("ods"),
    ] {
        let rows = cells(&bytes);
        for (row, amount) in rows[1..].iter().zip(amounts) {
            let expected: Decimal = amount.parse().expect("decimal");
            assert_eq!(decimal(&row[0]), Some(expected));
            assert_eq!(decimal(&row[1]), Some(expected));
        }
    }
    assert_eq!(
        workbook::ods(std::slice::from_ref(&grid), moment).expect("ods"),
        workbook::ods(&[grid], moment).expect("ods")
    );
}

#[test]
fn the_csv_ranking_keeps_its_columns() {
    let (_tmp, dir) = fixture("example-a");
    let ws = load(&dir).workspace.expect("loads");
    let lots: Vec<LotId> = ws.call().lots.iter().map(|l| l.id.clone()).collect();
    let grid = export::ranking(&ws, &rules::evaluate(&ws), &lots);
    let (_, out, _) = run(&["rank", s(&dir), "--format", "csv"]);
    assert_eq!(out.as_bytes(), workbook::csv(&grid));
    assert!(out.contains("coworking;1;P2;Associazione P2;87,73;79,00;selezionata per la co-progettazione;120000,00;24000,00;20,0000;96000,00;96000,00"), "{out}");
}

#[test]
fn misuses_exit_with_2() {
    let (tmp, dir) = fixture("example-a");
    let missing = tmp.path().join("non-esiste.csv");
    let present = tmp.path().join("presente.csv");
    std::fs::write(&present, "protocollo\n").expect("write");
    for (args, says) in [
        (vec!["rank", s(&dir), "--format", "xlsx"], "-o FILE"),
        (vec!["rank", s(&dir), "--matrix"], "csv, xlsx e ods"),
        (vec!["import", s(&dir)], "--applications FILE"),
        (
            vec![
                "import",
                s(&dir),
                "--applications",
                s(&present),
                "--scores",
                s(&present),
            ],
            "non entrambi",
        ),
        (
            vec!["import", s(&dir), "--scores", s(&missing)],
            "non esiste",
        ),
        (vec!["import", s(&dir), "--scores"], "valore non valido"),
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn an_unreadable_file_or_a_missing_column_stops_the_import() {
    let (tmp, dir) = fixture("example-a");
    let broken = tmp.path().join("rotto.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 non sono un foglio di calcolo").expect("write");
    let (code, out, _) = run(&[
        "import",
        s(&dir),
        "--applications",
        s(&broken),
        "--only-good-rows",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("rotto.xlsx: non è un foglio di calcolo leggibile"),
        "{out}"
    );
    let no_amount = tmp.path().join("costi.csv");
    std::fs::write(&no_amount, "protocollo;categoria\nP1;personale\n").expect("write");
    let (code, out, _) = run(&[
        "import",
        s(&dir),
        "--budget",
        s(&no_amount),
        "--only-good-rows",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("costi.csv, riga 1: mancano le colonne importo (file di voci di costo: servono protocollo, categoria, importo)"), "{out}");
    assert!(
        out.contains("Non è stato scritto nulla: correggere il file e ripetere."),
        "{out}"
    );
    let all_bad = tmp.path().join("costi-sbagliati.csv");
    std::fs::write(&all_bad, "protocollo;categoria;importo\nP1;personale;-3\n").expect("write");
    let before = common::snapshot(&dir);
    let (code, out, _) = run(&[
        "import",
        s(&dir),
        "--budget",
        s(&all_bad),
        "--only-good-rows",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("Non è stato scritto nulla: nessuna riga senza errori porta dati nuovi."),
        "{out}"
    );
    common::assert_same(&before, &common::snapshot(&dir));
}
