//! Importing the members' scores from a spreadsheet: the worked example's scores through an ODS
//! file give the worked example's ranking; a bad row of each kind is named precisely; the rows
//! of one member become one change to their sheet.

mod common;
mod import_support;

use std::path::Path;

use commissione::domain::{CriterionId, MemberId, Protocol, ScoreSheet, Workspace};
use commissione::editor::{Actor, Command, Editor};
use commissione::import::{self, Action};
use commissione::workspace::load;
use common::{assert_same, fixture, run, snapshot};
use import_support::*;

fn loaded(dir: &Path) -> Workspace {
    let loaded = load(dir);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.workspace.expect("a workspace")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

#[test]
fn the_worked_examples_scores_through_an_ods_file_give_its_ranking() {
    let (tmp, dir) = fixture("example-a");
    let original = loaded(&dir);
    let rows = scores_of(&original);
    // The sheets keep the declarations (m3 abstains on P2) and lose every score.
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    for sheet in original.sheets().values() {
        let mut empty = ScoreSheet::new(sheet.member.clone());
        empty.declarations = sheet.declarations.clone();
        editor.apply(Command::PutSheet(empty)).expect("emptied");
    }
    let journal = editor.journal().read().expect("journal").len();
    let file = write(tmp.path(), "punteggi.ods", &ods(&[("Punteggi", &rows)]));

    let plan = import::plan_scores(editor.workspace(), &file);
    assert!(!plan.has_errors(), "{:?}", plan.problems);
    assert_eq!(plan.count(Action::Create), rows.len() - 1);
    let applied = import::apply(&plan, &mut editor, false).expect("applies");
    // One change per member's sheet, not one per score.
    assert_eq!(applied.commands, 3);
    assert_eq!(editor.journal().read().expect("journal").len(), journal + 3);
    let total = |p: &str| {
        editor
            .evaluation()
            .application(&Protocol::new(p).expect("id"))
            .and_then(|r| r.scores.as_ref())
            .and_then(|s| s.total)
            .map(|t| t.to_string())
    };
    assert_eq!(total("P2").as_deref(), Some("87.73"));
    assert_eq!(total("P1").as_deref(), Some("78.81"));
    assert_eq!(total("P3").as_deref(), Some("72.24"));
    for (member, sheet) in original.sheets() {
        assert_eq!(
            editor.workspace().sheet(member).map(|s| &s.scores),
            Some(&sheet.scores)
        );
    }

    // The same file again: nothing to write.
    let before = snapshot(&dir);
    let again = import::plan_scores(editor.workspace(), &file);
    assert_eq!(again.count(Action::Unchanged), rows.len() - 1);
    let applied = import::apply(&again, &mut editor, false).expect("applies");
    assert_eq!(applied.commands, 0);
    assert_same(&before, &snapshot(&dir));
    assert_eq!(editor.journal().read().expect("journal").len(), journal + 3);
}

#[test]
fn a_bad_score_of_each_kind_is_named_precisely() {
    let (tmp, dir) = fixture("example-a");
    let reason = "Proposta rivista dopo il sopralluogo";
    let row = |m: &str, p: &str, c: &str, v: &str, r: &str| vec![t(m), t(p), t(c), t(v), t(r)];
    let rows = vec![
        [
            "Commissario",
            "Protocollo",
            "Criterio",
            "Valore",
            "Motivazione",
        ]
        .map(t)
        .to_vec(),
        row("m1", "P1", "A", "buono", reason), // 2: a judgement by its name
        row("Dott. Marco Neri", "P1", "b", "0,8", reason), // 3: a member by name, a criterion in lower case
        row("m2", "P3", "A", "0,7", reason),               // 4: not on the scale
        row("m1", "P3", "C", "25", reason),                // 5: above the maximum
        row("m2", "P4", "B", "0,6", ""),                   // 6: no reason
        row("m3", "P2", "A", "0,8", reason),               // 7: in conflict
        row("m1", "P1", "Z", "0,8", reason),               // 8: no such criterion
        row("m1", "P1", "D", "0,8", reason),               // 9: computed, not scored
        row("seg", "P1", "A", "0,8", reason),              // 10: the secretary
        row("rossi", "P1", "A", "0,8", reason),            // 11: not a member
        row("m1", "P9", "A", "0,8", reason),               // 12: no such application
        row("m2", "P3", "C", "12", reason),                // 13 and 14: twice
        row("m2", "P3", "C", "13", reason),
        row("m3", "P1", "C", "1.234,5", reason), // 15: 1234,5 points, above the maximum
    ];
    let file = write(
        tmp.path(),
        "punteggi.csv",
        &csv(&rows, Csv::ItalianExcel1252),
    );
    let before = snapshot(&dir);
    let (code, out, _) = run(&["import", s(&dir), "--scores", s(&file)]);
    assert_eq!(code, 1, "{out}");
    for expected in [
        "punteggi.csv, riga 4, colonna D (Valore): il coefficiente 0.7 non è nella scala di giudizio dell'avviso",
        "punteggi.csv, riga 5, colonna D (Valore): 25 punti superano il massimo del criterio «C» (20)",
        "punteggi.csv, riga 6, colonna E (Motivazione): manca la motivazione: è obbligatoria per ogni giudizio discrezionale",
        "punteggi.csv, riga 7, colonna A (Commissario): «m3» ha dichiarato un conflitto di interessi con la candidatura «P2» e non può valutarla",
        "punteggi.csv, riga 8, colonna C (Criterio): il criterio «Z» non esiste nell'avviso (criteri da valutare: A, B, C)",
        "punteggi.csv, riga 9, colonna C (Criterio): il criterio «D» non riceve punteggi dai commissari (si calcola dai dati della candidatura",
        "punteggi.csv, riga 10, colonna A (Commissario): «seg» è il segretario verbalizzante e non esprime punteggi",
        "punteggi.csv, riga 11, colonna A (Commissario): «rossi» non è un componente della commissione (componenti: m1 «Anna Verdi», m2 «Marco Neri», m3 «Giulia Russo»)",
        "punteggi.csv, riga 12, colonna B (Protocollo): la candidatura «P9» non esiste nell'avviso",
        "punteggi.csv, riga 13, colonna C (Criterio): il punteggio di «m2» sulla candidatura «P3», criterio «C», compare anche alla riga 14",
        "punteggi.csv, riga 14, colonna C (Criterio): il punteggio di «m2» sulla candidatura «P3», criterio «C», compare anche alla riga 13",
        "punteggi.csv, riga 15, colonna D (Valore): 1234.5 punti superano il massimo del criterio «C» (20)",
    ] {
        assert!(out.contains(expected), "missing «{expected}» in:\n{out}");
    }
    assert_same(&before, &snapshot(&dir));

    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    let journal = editor.journal().read().expect("journal").len();
    let plan = import::plan_scores(editor.workspace(), &file);
    let good: Vec<&str> = plan
        .items
        .iter()
        .filter(|i| i.action != Action::Rejected)
        .map(|i| i.key.as_str())
        .collect();
    assert_eq!(good, ["m1 · P1 · A", "m2 · P1 · B"]);
    let applied = import::apply(&plan, &mut editor, true).expect("the good rows");
    assert_eq!(applied.written, ["m1 · P1 · A", "m2 · P1 · B"]);
    assert_eq!(applied.skipped.len(), rows.len() - 3);
    assert_eq!(editor.journal().read().expect("journal").len(), journal + 2);
    let score = editor
        .workspace()
        .score(
            &MemberId::new("m2").expect("id"),
            &Protocol::new("P1").expect("id"),
            &CriterionId::new("B").expect("id"),
        )
        .expect("scored");
    assert_eq!(score.reason, reason);
    assert_eq!(score.value.to_string(), "0.8");
}
