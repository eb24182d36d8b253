//! Importing from spreadsheets in the window: the preview lists every item and every problem
//! (file, row, column, sentence) before anything is written; with an error the whole import is
//! refused, and only the good rows can be imported on purpose.

use commissione::app::{App, strings as s};
use commissione::editor::Actor;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common;
use crate::support::*;

const APPLICATIONS: &str = "\
protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;pec;lotto;titolo;contributo_richiesto
2026/0004512;02/03/2026 10:15;Società Cooperativa Sociale Il Ponte;00944850148;Coop. sociale;ponte@pec.it;coworking;Un ponte per la Piastra;€ 79.000,00
2026/0004530;04/03/2026 09:30;APS Rete Ventuno;00000000030;APS;;coworking;Rete;78.500,00
";

fn typed(h: &mut Harness<App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

fn has(h: &Harness<App>, protocol: &str) -> bool {
    h.state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .application(&commissione::domain::Protocol::new(protocol).unwrap())
        .is_some()
}

#[test]
fn the_preview_lists_a_bad_row_and_only_the_good_rows_are_imported() {
    let (tmp, dir) = common::fixture("example-a");
    let file = tmp.path().join("domande.csv");
    std::fs::write(&file, APPLICATIONS).unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::IMPORT_APPLICATIONS);
    h.get_by_label(s::IMPORT_TITLE_APPLICATIONS);
    typed(
        &mut h,
        s::IMPORT_FILE_APPLICATIONS,
        &file.display().to_string(),
    );
    let before = common::snapshot(&dir);
    click(&mut h, s::IMPORT_PREVIEW);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());

    // What would be done, row by row, and the problem in its place.
    h.get_by_label(&s::plan_counts(false, 1, 0, 0, 1));
    h.get_by_label("nuova");
    h.get_by_label("con errori");
    h.get_by_label("2026/0004512");
    h.get_by_label("Società Cooperativa Sociale Il Ponte · Un ponte per la Piastra");
    h.get_by_label(&s::rows_of("domande.csv", &["2".into()]));
    let sentence =
        "il codice fiscale «00000000030» ha il carattere di controllo errato: «0» invece di «4»";
    // In the item's row, and whole in the table of problems.
    assert_eq!(h.get_all_by_label(sentence).count(), 2);
    h.get_by_label(&s::column_named("D", "codice_fiscale"));
    h.get_by_label(&s::problems_count(1, 0));
    // Nothing is written by the preview, and not everything can be imported.
    common::assert_same(&before, &common::snapshot(&dir));
    assert!(h.get_by_label(s::IMPORT_ALL).accesskit_node().is_disabled());
    h.get_by_label(s::IMPORT_ALL_DISABLED);
    h.get_by_label(&s::would_import("2026/0004512"));
    h.get_by_label(&s::would_skip("2026/0004530"));

    click(&mut h, s::IMPORT_GOOD_ROWS);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(has(&h, "2026/0004512"));
    assert!(!has(&h, "2026/0004530"));
    h.get_by_label(&s::imported(1, "2026/0004512"));
    h.get_by_label(&s::skipped("2026/0004530"));
    let journal = h.state().work().unwrap().editor().journal().read().unwrap();
    assert!(
        journal
            .last()
            .is_some_and(|e| e.change == "candidatura 2026/0004512 registrata"),
        "{:?}",
        journal.last()
    );

    // The same file again: the good row is now unchanged, nothing new to write.
    click(&mut h, s::IMPORT_PREVIEW);
    h.get_by_label(&s::plan_counts(false, 0, 0, 1, 1));
    h.get_by_label("invariata");
    // "Non importare" closes the page, writing nothing.
    h.get_by_label(s::IMPORT_CANCEL).click();
    h.run();
    h.get_by_label(s::IMPORT_APPLICATIONS);
}

#[test]
fn a_clean_file_of_scores_is_previewed_then_imported_whole() {
    let (tmp, dir) = example_with_pending_scores();
    let file = tmp.path().join("punteggi.csv");
    std::fs::write(
        &file,
        "commissario;protocollo;criterio;valore;motivazione\n\
         m2;P3;A;buono;Proposta solida\n\
         Marco Neri;P3;B;discreto;Rete adeguata\n\
         m2;P3;C;12;Esperienza nel settore\n",
    )
    .unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    click(&mut h, s::IMPORT_SCORES);
    h.get_by_label(s::IMPORT_TITLE_SCORES);
    typed(&mut h, s::IMPORT_FILE_SCORES, &file.display().to_string());
    click(&mut h, s::IMPORT_PREVIEW);
    h.get_by_label(&s::plan_counts(true, 3, 0, 0, 0));
    assert_eq!(h.get_all_by_label("nuovo").count(), 3);
    assert_eq!(outcome(&h, "P3"), commissione::rules::Outcome::Incomplete);
    click(&mut h, s::IMPORT_ALL);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert_eq!(
        outcome(&h, "P3"),
        commissione::rules::Outcome::EligibleNotFunded
    );
    h.get_by_label_contains("Importati 3");
}
