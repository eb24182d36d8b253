//! Importing applications from the files a secretariat really has: a form platform's XLSX, Excel's
//! Italian CSV in Windows-1252, UTF-8 CSV with and without BOM; a bad row of each kind named
//! precisely; re-imports that change nothing; updates that are journaled.

mod common;
mod import_support;

use std::fs;
use std::path::Path;

use commissione::domain::{CofinancingKind, LegalForm, Protocol, Workspace};
use commissione::editor::{Actor, Editor};
use commissione::import::{self, Action, ApplicationFiles, ApplyError, Severity};
use commissione::workspace::load;
use common::{assert_same, fixture, run, snapshot};
use import_support::*;

fn loaded(dir: &Path) -> Workspace {
    let loaded = load(dir);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.workspace.expect("a workspace")
}

fn files(applications: &Path, budget: &Path, cofinancing: &Path) -> ApplicationFiles {
    ApplicationFiles {
        applications: Some(applications.to_path_buf()),
        budget: Some(budget.to_path_buf()),
        cofinancing: Some(cofinancing.to_path_buf()),
    }
}

/// The applications without the commission's decisions, which no import carries (example A's
/// fixture records the one on P4).
fn undecided(
    ws: &Workspace,
) -> std::collections::BTreeMap<commissione::domain::Protocol, commissione::domain::Application> {
    let mut apps = ws.applications().clone();
    for app in apps.values_mut() {
        app.decision = None;
    }
    apps
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

#[test]
fn from_a_form_platforms_xlsx_to_a_ranking_in_two_commands() {
    let (_src_tmp, src) = fixture("example-a");
    let original = loaded(&src);
    let (mut apps, budget, cofinancing) = export_of(&original);
    // What platforms add: a column nobody asked for.
    apps[0].push(t("Consenso al trattamento dei dati"));
    for row in apps.iter_mut().skip(1) {
        row.push(t("Sì"));
    }
    let (tmp, dir) = call_only("example-a");
    let book = write(
        tmp.path(),
        "risposte.xlsx",
        &xlsx(&[
            ("Candidature", &apps),
            ("Costi", &budget),
            ("Cofinanziamento", &cofinancing),
        ]),
    );

    let (code, out, err) = run(&[
        "import",
        s(&dir),
        "--applications",
        s(&book),
        "--budget",
        s(&book),
        "--cofinancing",
        s(&book),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Candidature: 4 nuove"), "{out}");
    assert!(
        out.contains("risposte.xlsx, foglio «Candidature», riga 1, colonna J (Consenso al trattamento dei dati): colonna «Consenso al trattamento dei dati» non riconosciuta: ignorata"),
        "{out}"
    );
    // The applications are the worked example's, to the second and to the cent.
    assert_eq!(loaded(&dir).applications(), &undecided(&original));

    common::copy_dir(&src.join("schede"), &dir.join("schede"));
    let (code, out, err) = run(&["rank", s(&dir), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let ranked: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(ranked["P2"]["total"], "87.73");
    assert_eq!(ranked["P1"]["total"], "78.81");
    assert_eq!(ranked["P3"]["total"], "72.24");
    // No decision came with the import: the checks only propose P4's exclusion.
    assert_eq!(ranked["P4"]["outcome"], "exclusion_proposed");
}

#[test]
fn excel_italian_csv_in_windows_1252_with_decimal_comma() {
    let (tmp, dir) = call_only("example-a");
    let code = tax_code("0094485014");
    let apps = vec![
        [
            "Protocollo",
            "Ricevuta il",
            "Denominazione",
            "Codice fiscale",
            "Forma giuridica",
            "Lotto",
            "Titolo",
            "Contributo richiesto",
            "Rappresentante legale",
        ]
        .map(t)
        .to_vec(),
        vec![
            t("2026/0004512"),
            t("02/03/2026 10:15"),
            t("Società Cooperativa Sociale Il Ponte"),
            t(&code),
            t("Coop. sociale"),
            t("Coworking"),
            t("Un ponte per la Piastra"),
            t("€ 79.000,00"),
            t("Niccolò Àlvarez"),
        ],
    ];
    let budget = vec![
        ["protocollo", "categoria", "descrizione", "importo"]
            .map(t)
            .to_vec(),
        vec![
            t("2026/0004512"),
            t("personale"),
            t("Coordinatore e animatori"),
            t("90.000,00"),
        ],
        // "1.234" in the Italian dialect: the point groups thousands.
        vec![
            t("2026/0004512"),
            t("Spese generali"),
            t("Utenze"),
            t("1.234"),
        ],
        vec![
            t("2026/0004512"),
            t("allestimento"),
            t("Arredi"),
            t("4.766 €"),
        ],
    ];
    let cofinancing = vec![
        ["protocollo", "fonte", "tipo", "importo"].map(t).to_vec(),
        vec![
            t("2026/0004512"),
            t("fondi propri"),
            t("monetario"),
            t("14.000"),
        ],
        vec![
            t("2026/0004512"),
            t("ore di volontariato"),
            t("in natura"),
            t("3.000,00"),
        ],
    ];
    let a = write(
        tmp.path(),
        "domande.csv",
        &csv(&apps, Csv::ItalianExcel1252),
    );
    let b = write(
        tmp.path(),
        "costi.csv",
        &csv(&budget, Csv::ItalianExcel1252),
    );
    let c = write(
        tmp.path(),
        "cofinanziamento.csv",
        &csv(&cofinancing, Csv::ItalianExcel1252),
    );
    let bytes = fs::read(&a).expect("read");
    assert!(
        bytes.contains(&0xE0) && bytes.contains(&0x80),
        "à and € are one byte each"
    );

    let before = snapshot(&dir);
    let (code_dry, out, _) = run(&[
        "import",
        s(&dir),
        "--applications",
        s(&a),
        "--budget",
        s(&b),
        "--cofinancing",
        s(&c),
        "--dry-run",
    ]);
    assert_eq!(code_dry, 0, "{out}");
    assert!(
        out.contains("CSV Windows-1252, separatore «;», virgola decimale"),
        "{out}"
    );
    assert!(
        out.contains("Prova (--dry-run): non è stato scritto nulla."),
        "{out}"
    );
    assert_same(&before, &snapshot(&dir));

    let (code_run, out, err) = run(&[
        "import",
        s(&dir),
        "--applications",
        s(&a),
        "--budget",
        s(&b),
        "--cofinancing",
        s(&c),
    ]);
    assert_eq!(code_run, 0, "{out}{err}");
    let ws = loaded(&dir);
    let app = ws
        .application(&Protocol::new("2026/0004512").expect("id"))
        .expect("imported");
    assert_eq!(app.applicant.name, "Società Cooperativa Sociale Il Ponte");
    assert_eq!(app.applicant.tax_code, code);
    assert_eq!(app.applicant.legal_form, LegalForm::SocialCooperative);
    assert_eq!(app.applicant.representative, "Niccolò Àlvarez");
    assert_eq!(app.lot.as_str(), "coworking");
    assert_eq!(app.received_at.to_string(), "2026-03-02T10:15:00+01:00");
    assert_eq!(app.requested.to_string(), "79000.00");
    let amounts: Vec<String> = app.budget.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, ["90000.00", "1234.00", "4766.00"]);
    // "Spese generali" is the category the call's cap names.
    assert_eq!(app.budget[1].category.as_str(), "spese_generali");
    assert_eq!(app.total_cost().to_string(), "96000.00");
    assert_eq!(app.cofinancing[1].kind, CofinancingKind::InKind);
    assert_eq!(app.cofinancing_total().to_string(), "17000.00");
    let entries = commissione::workspace::journal::Journal::of(&dir)
        .read()
        .expect("journal");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].change, "candidatura 2026/0004512 registrata");
    assert_eq!(entries[0].who, "segreteria");
}

#[test]
fn utf8_csv_with_and_without_bom_comma_separated_with_decimal_point() {
    let (_src_tmp, src) = fixture("example-a");
    let original = loaded(&src);
    let (apps, budget, cofinancing) = export_of(&original);
    for how in [Csv::PlatformUtf8, Csv::PlatformUtf8Bom] {
        let (tmp, dir) = call_only("example-a");
        let a = write(tmp.path(), "a.csv", &csv(&apps, how));
        let b = write(tmp.path(), "b.csv", &csv(&budget, how));
        let c = write(tmp.path(), "c.csv", &csv(&cofinancing, how));
        let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
        let plan = import::plan_applications(editor.workspace(), &files(&a, &b, &c));
        assert!(!plan.has_errors(), "{how:?}: {:?}", plan.problems);
        assert!(
            plan.files[0].format.starts_with(match how {
                Csv::PlatformUtf8 => "CSV UTF-8, separatore «,», punto decimale",
                _ => "CSV UTF-8 con BOM, separatore «,», punto decimale",
            }),
            "{:?}",
            plan.files[0]
        );
        assert_eq!(plan.count(Action::Create), 4);
        let applied = import::apply(&plan, &mut editor, false).expect("applies");
        assert_eq!(applied.written, ["P1", "P2", "P3", "P4"]);
        drop(editor);
        assert_eq!(
            loaded(&dir).applications(),
            &undecided(&original),
            "{how:?}"
        );
    }
}

/// A row with every cell right, for protocol `p`.
fn good(p: &str, code: &str) -> Vec<Cell> {
    vec![
        t(p),
        t("02/03/2026 10:15"),
        t(&format!("Associazione {p}")),
        t(code),
        t("APS"),
        t("coworking"),
        t(&format!("Proposta {p}")),
        t("10.000,00"),
    ]
}

#[test]
fn a_bad_row_of_each_kind_is_named_precisely_and_nothing_is_written() {
    let (tmp, dir) = fixture("example-a");
    let header = [
        "protocollo",
        "ricevuta_il",
        "denominazione",
        "codice_fiscale",
        "forma_giuridica",
        "lotto",
        "titolo",
        "contributo_richiesto",
    ]
    .map(t)
    .to_vec();
    let mut rows = vec![
        header,
        good("N1", &tax_code("0000000001")),
        good("N2", &tax_code("0000000002")),
    ];
    let mut bad = |p: &str, column: usize, cell: &str| {
        let mut row = good(p, &tax_code("0000000003"));
        row[column] = t(cell);
        rows.push(row);
    };
    bad("B1", 5, "lotto9"); // row 4: unknown lot
    bad("B2", 3, "00000000030"); // row 5: wrong check digit
    bad("B3", 7, "1.234,567"); // row 6: three decimals
    bad("B4", 7, "-500"); // row 7: negative
    bad("B5", 7, "diecimila"); // row 8: text
    bad("B6", 1, "02/03/2026"); // row 9: no time
    bad("D1", 2, "Prima"); // row 10 and 11: the same protocol twice
    bad("D1", 2, "Seconda");
    bad("P1", 3, &tax_code("0000000009")); // row 12: P1 is someone else's in the call
    let mut stray = good("S1", &tax_code("0000000004"));
    stray.push(t("Roma")); // row 13: a value past the last header
    rows.push(stray);
    let cofinancing = vec![
        ["protocollo", "fonte", "tipo", "importo"].map(t).to_vec(),
        vec![
            t("N1"),
            t("fondi propri"),
            t("in denaro contante"),
            t("1.000,00"),
        ], // row 2
        vec![t("N2"), t("fondi propri"), t("monetario"), t("1.000,00")],
    ];
    let a = write(tmp.path(), "domande.csv", &csv(&rows, Csv::ItalianUtf8Bom));
    let c = write(
        tmp.path(),
        "cof.csv",
        &csv(&cofinancing, Csv::ItalianUtf8Bom),
    );
    let before = snapshot(&dir);

    let (code, out, _) = run(&[
        "import",
        s(&dir),
        "--applications",
        s(&a),
        "--cofinancing",
        s(&c),
    ]);
    assert_eq!(code, 1, "{out}");
    for expected in [
        "domande.csv, riga 4, colonna F (lotto): il lotto «lotto9» non esiste nell'avviso (lotti: coworking «Lotto coworking»)",
        "domande.csv, riga 5, colonna D (codice_fiscale): il codice fiscale «00000000030» ha il carattere di controllo errato",
        "domande.csv, riga 6, colonna H (contributo_richiesto): «1.234,567» ha più di due decimali",
        "domande.csv, riga 7, colonna H (contributo_richiesto): «-500» è negativo",
        "domande.csv, riga 8, colonna H (contributo_richiesto): «diecimila» non è un numero",
        "domande.csv, riga 9, colonna B (ricevuta_il): «02/03/2026» non indica l'ora di ricezione",
        "domande.csv, riga 10, colonna A (protocollo): il protocollo «D1» compare anche alla riga 11",
        "domande.csv, riga 11, colonna A (protocollo): il protocollo «D1» compare già alla riga 10",
        "domande.csv, riga 12, colonna D (codice_fiscale): il protocollo «P1» è già registrato nell'avviso per «Associazione P1» (codice fiscale 12345679190)",
        "domande.csv, riga 13, colonna I: la riga ha un valore oltre l'ultima colonna dell'intestazione",
        "cof.csv, riga 2, colonna C (tipo): «in denaro contante» non è un tipo di co-finanziamento",
    ] {
        assert!(out.contains(expected), "missing «{expected}» in:\n{out}");
    }
    assert!(out.contains("Non è stato scritto nulla"), "{out}");
    assert_same(&before, &snapshot(&dir));

    // The user chooses to import the good rows: they are written, the others listed.
    let (code, out, _) = run(&[
        "import",
        s(&dir),
        "--applications",
        s(&a),
        "--cofinancing",
        s(&c),
        "--only-good-rows",
    ]);
    assert_eq!(code, 1, "the data still had errors: {out}");
    assert!(out.contains("Importati: 1 (N2)"), "{out}");
    assert!(
        out.contains("Non importati per errori: N1, B1, B2, B3, B4, B5, B6, D1, P1, S1."),
        "{out}"
    );
    let ws = loaded(&dir);
    assert!(ws.application(&Protocol::new("N2").expect("id")).is_some());
    assert!(ws.application(&Protocol::new("N1").expect("id")).is_none());
    assert_eq!(
        ws.application(&Protocol::new("P1").expect("id"))
            .map(|a| a.applicant.tax_code.as_str()),
        Some("12345679190")
    );
}

#[test]
fn an_amount_with_two_readings_is_refused_in_a_file_with_the_decimal_point() {
    let (tmp, dir) = call_only("example-a");
    let mut row = good("X1", &tax_code("0000000001"));
    row[7] = t("1.234");
    let rows = vec![
        [
            "protocollo",
            "ricevuta_il",
            "denominazione",
            "codice_fiscale",
            "forma_giuridica",
            "lotto",
            "titolo",
            "contributo_richiesto",
        ]
        .map(t)
        .to_vec(),
        row,
    ];
    let a = write(tmp.path(), "a.csv", &csv(&rows, Csv::PlatformUtf8));
    let ws = loaded(&dir);
    let plan = import::plan_applications(
        &ws,
        &ApplicationFiles {
            applications: Some(a),
            ..Default::default()
        },
    );
    let errors: Vec<String> = plan.errors().map(|p| p.to_string()).collect();
    assert_eq!(
        errors,
        [
            "a.csv, riga 2, colonna H (contributo_richiesto): «1.234» è ambiguo: può valere 1234 (con il separatore delle migliaia) oppure 1,234 (con tre decimali); in questo file il separatore decimale non è la virgola, quindi va scritto senza separatori delle migliaia: 1234"
        ]
    );
    assert_eq!(plan.items[0].action, Action::Rejected);
    assert_eq!(plan.problems_of(&plan.items[0]).count(), 1);
}

#[test]
fn reimporting_changes_nothing_and_an_update_is_journaled() {
    let (_src_tmp, src) = fixture("example-a");
    let (mut apps, budget, cofinancing) = export_of(&loaded(&src));
    let (tmp, dir) = call_only("example-a");
    let book = |apps: &Rows| {
        write(
            tmp.path(),
            "r.ods",
            &ods(&[
                ("Candidature", apps),
                ("Costi", &budget),
                ("Cofinanziamento", &cofinancing),
            ]),
        )
    };
    let path = book(&apps);
    let all = files(&path, &path, &path);
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let plan = import::plan_applications(editor.workspace(), &all);
    assert!(!plan.has_errors(), "{:?}", plan.problems);
    import::apply(&plan, &mut editor, false).expect("applies");
    let journal = editor.journal().read().expect("journal").len();
    assert_eq!(journal, 4);
    let before = snapshot(&dir);

    let again = import::plan_applications(editor.workspace(), &all);
    assert_eq!(again.count(Action::Unchanged), 4, "{:?}", again.items);
    assert!(!again.writes(false));
    let applied = import::apply(&again, &mut editor, false).expect("applies");
    assert!(applied.written.is_empty());
    assert_eq!(applied.unchanged, 4);
    assert_same(&before, &snapshot(&dir));
    assert_eq!(editor.journal().read().expect("journal").len(), journal);

    // A newer version of P3: a different amount requested.
    let row = apps.iter_mut().find(|r| r[0] == t("P3")).expect("P3");
    row[8] = n("131000.00");
    let path = book(&apps);
    let newer = import::plan_applications(editor.workspace(), &files(&path, &path, &path));
    let p3 = newer.items.iter().find(|i| i.key == "P3").expect("P3");
    assert_eq!(p3.action, Action::Update);
    assert_eq!(
        p3.changes,
        ["contributo richiesto: € 131.760,00 → € 131.000,00"]
    );
    import::apply(&newer, &mut editor, false).expect("applies");
    let entries = editor.journal().read().expect("journal");
    assert_eq!(entries.len(), journal + 1);
    let last = entries.last().expect("an entry");
    assert_eq!(last.change, "candidatura P3 modificata");
    assert_eq!(last.file, "candidature/P3.ron");
    assert!(
        last.before.contains("131760.00") && last.after.contains("131000.00"),
        "{last:?}"
    );
}

#[test]
fn a_plan_made_before_a_change_is_not_applied() {
    let (_src_tmp, src) = fixture("example-a");
    let (mut apps, budget, cofinancing) = export_of(&loaded(&src));
    let (tmp, dir) = fixture("example-a");
    apps[1][8] = n("1000.00");
    let a = write(tmp.path(), "a.csv", &csv(&apps, Csv::ItalianUtf8Bom));
    let b = write(tmp.path(), "b.csv", &csv(&budget, Csv::ItalianUtf8Bom));
    let c = write(tmp.path(), "c.csv", &csv(&cofinancing, Csv::ItalianUtf8Bom));
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let plan = import::plan_applications(editor.workspace(), &files(&a, &b, &c));
    assert_eq!(plan.count(Action::Update), 1, "{:?}", plan.items);
    // Meanwhile, in the window, someone changes the same application.
    let mut changed = editor
        .workspace()
        .applications()
        .values()
        .next()
        .cloned()
        .expect("P1");
    changed.title = "Titolo corretto".into();
    editor
        .apply(commissione::editor::Command::PutApplication(Box::new(
            changed,
        )))
        .expect("edit");
    let before = snapshot(&dir);
    assert!(matches!(
        import::apply(&plan, &mut editor, false),
        Err(ApplyError::Stale(_))
    ));
    assert_same(&before, &snapshot(&dir));
}

#[test]
fn partners_unknown_legal_forms_and_lost_leading_zeros() {
    let (tmp, dir) = call_only("example-a");
    let lead = tax_code("0012345678");
    let partner = tax_code("0198765432");
    let rows = vec![
        [
            "protocollo",
            "ricevuta_il",
            "denominazione",
            "codice_fiscale",
            "forma_giuridica",
            "lotto",
            "titolo",
            "contributo_richiesto",
            "partner_1_denominazione",
            "partner_1_codice_fiscale",
            "partner_1_forma_giuridica",
            "partner_2_denominazione",
            "partner_2_codice_fiscale",
            "partner_2_forma_giuridica",
        ]
        .map(t)
        .to_vec(),
        vec![
            t("ATS1"),
            Cell::When(2026, 3, 4, 9, 30, 0),
            t("Capofila ODV"),
            // Excel took the code for a number: its leading zeros are gone.
            Cell::Number(lead.parse().expect("digits")),
            t("Organizzazione di volontariato"),
            t("coworking"),
            t("Rete"),
            n("5000"),
            t("Comitato di quartiere"),
            t(&partner),
            t("Comitato"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
    ];
    let a = write(tmp.path(), "ats.xlsx", &xlsx(&[("Foglio1", &rows)]));
    let ws = loaded(&dir);
    let plan = import::plan_applications(
        &ws,
        &ApplicationFiles {
            applications: Some(a),
            ..Default::default()
        },
    );
    assert!(!plan.has_errors(), "{:?}", plan.problems);
    let notices: Vec<String> = plan.notices().map(|p| p.to_string()).collect();
    assert!(
        notices.iter().any(|n| n
            .starts_with("ats.xlsx, riga 2, colonna D (codice_fiscale): la cella era un numero")
            && n.contains(&lead)),
        "{notices:?}"
    );
    assert!(notices.iter().any(|n| n.starts_with("ats.xlsx, riga 2, colonna K (partner_1_forma_giuridica): la forma giuridica «Comitato» non è tra quelle note")), "{notices:?}");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    import::apply(&plan, &mut editor, false).expect("applies");
    let app = editor
        .workspace()
        .application(&Protocol::new("ATS1").expect("id"))
        .expect("imported")
        .clone();
    assert_eq!(app.applicant.tax_code, lead);
    assert_eq!(app.applicant.legal_form, LegalForm::VolunteerOrganisation);
    assert_eq!(app.received_at.to_string(), "2026-03-04T09:30:00+01:00");
    assert_eq!(app.partners.len(), 1);
    assert_eq!(
        app.partners[0].legal_form,
        LegalForm::Other("Comitato".into())
    );
    assert!(plan.problems.iter().all(|p| p.severity == Severity::Notice));
}
