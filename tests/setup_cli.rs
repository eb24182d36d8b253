//! A new call from the command line: `commissione new` (blank or from a model) gives a call that
//! `check` passes and that ranks once scored; `import --template` writes the workbook to fill in.

mod common;

use std::path::Path;

use commissione::domain::*;
use commissione::editor::{Actor, Command, Editor};
use common::build::{mid, tax_code};
use common::run;

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn new_writes_a_blank_call_that_check_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    let (code, out, err) = run(&["new", path(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Nuovo avviso (avviso vuoto) creato"), "{out}");
    for sub in [
        "avviso.ron",
        "commissione.ron",
        "candidature",
        "schede",
        "sedute",
        "verbali",
    ] {
        assert!(dir.join(sub).exists(), "{sub}");
    }
    let (code, out, err) = run(&["check", path(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("File: nessun errore."), "{out}");
    // What is still to do is said, without failing the check of a call being set up.
    assert!(out.contains("Impostazione dell'avviso ("), "{out}");
    assert!(
        out.contains("da verificare [ente]: manca l'ente che pubblica l'avviso"),
        "{out}"
    );
    assert!(
        out.contains("da verificare [commissione]: la commissione non è ancora nominata"),
        "{out}"
    );
    let ws = commissione::workspace::load(&dir).workspace.unwrap();
    assert_eq!(ws.call().lots.len(), 1);
    assert_eq!(ws.call().criteria.len(), 1);
    assert!(ws.commission().members.is_empty());
    // Written as every change is: one transaction under the lock, the journal's first entries.
    assert!(!dir.join("commissione.lock").exists());
    assert!(!dir.join("transazione.ron").exists());
    let (code, out, err) = run(&["registro", path(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("segreteria · avviso.ron · avviso creato dal modello «vuoto»"),
        "{out}"
    );
    assert!(
        out.contains("segreteria · commissione.ron · commissione da nominare"),
        "{out}"
    );
    assert!(out.contains("Registro integro: 2 voci"), "{out}");
}

/// A folder that holds only the lock's files (left by a program that opened it, or by a
/// creation that failed) is empty for a new call.
#[test]
fn new_takes_a_folder_holding_only_the_lock_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join(".commissione.blocco"), "").unwrap();
    let (code, out, err) = run(&["new", path(&dir), "--template", "microprogetti"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(dir.join("avviso.ron").is_file());
}

/// A call set up by editing its files: `check` says beside which part what the window would
/// say beside the field (here: maxima that do not add up to 100).
#[test]
fn check_says_what_is_wrong_in_a_call_edited_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("avviso");
    let (code, out, err) = run(&["new", path(&dir), "--template", "spazi"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(": 3 lotti, 5 criteri."), "{out}");
    let loaded = commissione::workspace::load(&dir).workspace.unwrap();
    let mut call = loaded.call().clone();
    // Criterion A from 40 to 45 points: the maxima add up to 105.
    assert_eq!(call.criteria[0].id.as_str(), "A");
    call.criteria[0].max = Points::parse("45").unwrap();
    call.authority = "Comune di Lecco".into();
    let text =
        commissione::workspace::to_text::<commissione::workspace::files::CallFile>(call).unwrap();
    std::fs::write(dir.join("avviso.ron"), text).unwrap();
    let (code, out, err) = run(&["check", path(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Comune di Lecco"), "{out}");
    assert!(!out.contains("[ente]"), "{out}");
    let expected =
        "da verificare [criteri]: i punteggi massimi dei criteri sommano a 105, non a 100";
    assert!(out.contains(expected), "{expected}\n{out}");
}

#[test]
fn new_refuses_a_folder_that_is_not_empty_and_an_unknown_model() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("appunti.txt"), "da non perdere").unwrap();
    let (code, _, err) = run(&["new", path(tmp.path())]);
    assert_eq!(code, 1);
    assert!(err.contains("non è vuota"), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("appunti.txt")).unwrap(),
        "da non perdere"
    );
    assert!(!tmp.path().join("avviso.ron").exists());

    let (code, _, err) = run(&["new", path(&tmp.path().join("x")), "--template", "bando"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("non esiste un modello «bando»: quelli disponibili sono coprogettazione, spazi, microprogetti, vuoto"),
        "{err}"
    );
}

/// A commission of three and a secretary, an application per lot (two in the first) that
/// passes every check of the call, and every member's marks: what a template call needs to
/// rank.
fn fill_and_score(dir: &Path) {
    let mut editor = Editor::open(dir, Actor::Secretariat).expect("open");
    let member = |id: &str, name: &str, role: Role| Member {
        id: mid(id),
        name: name.into(),
        role,
        qualification: "Funzionario".into(),
        replaced: None,
        substitute: None,
    };
    editor
        .apply(Command::PutCommission(Box::new(Commission {
            appointed_by: "Determinazione dirigenziale n. 1 del 01/04/2026".into(),
            members: vec![
                member("rossi", "Dott.ssa Maria Rossi", Role::President),
                member("bianchi", "Dott. Luca Bianchi", Role::Commissioner),
                member("verdi", "Sig.ra Anna Verdi", Role::Commissioner),
                member("neri", "Sig. Paolo Neri", Role::Secretary),
            ],
        })))
        .expect("the commission");
    let call = editor.workspace().call().clone();
    let category = call
        .budget_categories
        .first()
        .map_or_else(|| CategoryId::new("attivita").unwrap(), |c| c.id.clone());
    // Contribution and co-financing within every model's shares and ceilings.
    let max = call
        .funding
        .max_contribution_share
        .map_or(rust_decimal::Decimal::ONE, |s| s.value());
    let mut n = 0;
    let mut protocols = Vec::new();
    for (l, lot) in call.lots.iter().enumerate() {
        for _ in 0..if l == 0 { 2 } else { 1 } {
            n += 1;
            let cost = rust_decimal::Decimal::from(40_000);
            let requested = (cost * max).round_dp(2);
            let protocol = Protocol::new(format!("2026/{n:04}")).unwrap();
            let app = Application {
                protocol: protocol.clone(),
                received_at: call.deadline,
                lot: lot.id.clone(),
                title: format!("Proposta {n}"),
                summary: String::new(),
                applicant: Party {
                    name: format!("APS Numero {n}"),
                    tax_code: tax_code(n),
                    legal_form: LegalForm::SocialPromotionAssociation,
                    pec: String::new(),
                    representative: String::new(),
                    address: String::new(),
                },
                partners: vec![],
                budget: vec![BudgetLine {
                    category: category.clone(),
                    description: String::new(),
                    amount: Money::from_decimal(cost).unwrap(),
                }],
                cofinancing: vec![CofinancingLine {
                    source: "fondi propri".into(),
                    kind: CofinancingKind::Cash,
                    amount: Money::from_decimal(cost - requested).unwrap(),
                }],
                requested: Money::from_decimal(requested).unwrap(),
                documents: call
                    .required_documents
                    .iter()
                    .filter(|d| !d.only_ats)
                    .map(|d| DocumentEntry::new(d.id.clone(), DocumentStatus::Present))
                    .collect(),
                declared: call
                    .leaf_criteria()
                    .iter()
                    .filter_map(|c| match &c.scoring {
                        Scoring::Levels(levels) => Some(Declared {
                            criterion: c.id.clone(),
                            value: levels[n as usize % levels.len()].id.to_string(),
                        }),
                        Scoring::Linear {
                            measure: Measure::Declared { .. },
                        } => Some(Declared {
                            criterion: c.id.clone(),
                            value: (5 + n).to_string(),
                        }),
                        _ => None,
                    })
                    .collect(),
                decision: None,
                removed: None,
            };
            editor
                .apply(Command::PutApplication(Box::new(app)))
                .expect("an application");
            protocols.push(protocol);
        }
    }
    for m in ["rossi", "bianchi", "verdi"] {
        for (i, p) in protocols.iter().enumerate() {
            for c in call.leaf_criteria() {
                let value = match &c.scoring {
                    Scoring::Coefficient => {
                        if i % 2 == 0 {
                            "1.0"
                        } else {
                            "0.8"
                        }
                    }
                    Scoring::Points { .. } => {
                        if i % 2 == 0 {
                            "12"
                        } else {
                            "10"
                        }
                    }
                    _ => continue,
                };
                editor
                    .apply(Command::Score {
                        member: mid(m),
                        application: p.clone(),
                        criterion: c.id.clone(),
                        value: Some(Points::parse(value).unwrap()),
                        reason: "Motivazione".into(),
                    })
                    .expect("a score");
            }
        }
    }
}

#[test]
fn a_call_from_each_model_passes_check_and_ranks_once_scored() {
    for name in ["coprogettazione", "spazi", "microprogetti"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        let (code, out, err) = run(&["new", path(&dir), "--template", name]);
        assert_eq!(code, 0, "{name}: {out}{err}");
        let (code, out, err) = run(&["check", path(&dir)]);
        assert_eq!(code, 0, "{name}: {out}{err}");
        assert!(out.contains("File: nessun errore."), "{name}: {out}");

        fill_and_score(&dir);
        let (code, out, err) = run(&["check", path(&dir)]);
        assert_eq!(code, 0, "{name}: {out}{err}");
        assert!(!out.contains("esclusa"), "{name}: {out}");
        let (code, out, err) = run(&["rank", path(&dir), "--format", "json"]);
        assert_eq!(code, 0, "{name}: {err}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let apps = report.as_object().unwrap();
        assert!(apps.len() >= 2, "{name}: {out}");
        for (p, a) in apps {
            assert!(
                a["rank"].as_u64().is_some(),
                "{name}: {p} is not ranked: {}",
                serde_json::to_string_pretty(a).unwrap()
            );
        }
        // The first of the first lot has the best marks: funded or selected.
        assert!(
            ["funded", "partially_funded"]
                .contains(&apps["2026/0001"]["outcome"].as_str().unwrap()),
            "{name}: {}",
            apps["2026/0001"]
        );
    }
}

#[test]
fn import_template_writes_the_workbook_to_fill_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("spazi");
    assert_eq!(run(&["new", path(&dir), "--template", "spazi"]).0, 0);
    for ext in ["xlsx", "ods"] {
        let file = tmp.path().join(format!("modello.{ext}"));
        let (code, out, err) = run(&["import", path(&dir), "--template", path(&file)]);
        assert_eq!(code, 0, "{out}{err}");
        assert!(
            out.contains("Modello per l'importazione scritto in"),
            "{out}"
        );
        assert!(file.is_file());
    }
    let (code, _, err) = run(&[
        "import",
        path(&dir),
        "--template",
        path(&tmp.path().join("m.txt")),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains(".xlsx oppure .ods"), "{err}");
}
