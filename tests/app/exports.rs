//! Issue 14 in the window: no export of the window writes over a file of the call (the
//! spreadsheet, a member's sheet, also through a symbolic link, nor into `verbali/sigillati/`), and what the operating
//! system refuses (a folder that is a file, a file that does not exist) is said in Italian.

use std::path::Path;

use commissione::app::{App, strings as s};
use commissione::editor::Actor;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;
use crate::support::*;

fn retype(h: &mut Harness<App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Exports the ranking to `path` typed in the field, and waits for the error said.
fn export_ranking_to(h: &mut Harness<App>, path: &Path) -> String {
    let said = h.state().errors().len();
    // The field stays open after a refusal, to try another name.
    if h.query_by_label(s::SAVE_PATH).is_none() {
        click(h, s::VIEW_GRADUATORIA);
        click(h, s::EXPORT_SPREADSHEET);
    }
    retype(h, s::SAVE_PATH, &path.display().to_string());
    // Stepped, not run to rest: the export's thread wakes the window when it is done.
    h.get_by_label(s::SAVE_HERE).click();
    h.step();
    wait_for(h, |h| h.state().errors().len() > said);
    let errors = h.state().errors();
    assert_eq!(errors.len(), said + 1, "{errors:?}");
    errors[said].clone()
}

#[test]
fn no_export_of_the_window_writes_over_a_file_of_the_call() {
    let (tmp, dir) = common::fixture("example-a");
    let before = common::snapshot(&dir);
    // An innocent name outside the call, that leads to its avviso.
    let link = tmp.path().join("graduatoria.xlsx");
    std::os::unix::fs::symlink(dir.join("avviso.ron"), &link).unwrap();

    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    let said = export_ranking_to(&mut h, &link);
    assert!(said.contains("non lo sovrascrive"), "{said}");
    assert!(said.contains("un file dei dati"), "{said}");
    // Inside the call's folders too, where no export belongs.
    let said = export_ranking_to(&mut h, &dir.join("schede").join("graduatoria.ods"));
    assert!(said.contains("non lo sovrascrive"), "{said}");
    // Nor among the verbali sealed when their sessions closed.
    let said = export_ranking_to(
        &mut h,
        &dir.join("verbali")
            .join("sigillati")
            .join("graduatoria.xlsx"),
    );
    assert!(said.contains("non lo sovrascrive"), "{said}");
    assert!(said.contains("verbale sigillato"), "{said}");
    drop(h);

    // A member exporting their sheet over their own sheet in the call.
    let mut h = harness(&dir, Actor::Member(member("m1")));
    h.run();
    click(&mut h, s::TAB_SHEETS);
    click(&mut h, s::EXPORT_MY_SHEET);
    retype(
        &mut h,
        s::SAVE_PATH,
        &dir.join("schede/m1.ron").display().to_string(),
    );
    h.get_by_label(s::SAVE_HERE).click();
    h.step();
    wait_for(&mut h, |h| !h.state().errors().is_empty());
    let said = h.state().errors()[0].clone();
    assert!(said.contains("non lo sovrascrive"), "{said}");
    drop(h);

    // Not a byte of the call changed; the link still leads to the untouched avviso.
    assert_eq!(common::snapshot(&dir), before);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn what_the_system_refuses_is_said_in_italian() {
    let (tmp, dir) = common::fixture("example-a");
    let note = tmp.path().join("nota.txt");
    std::fs::write(&note, "una nota").unwrap();
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    // A folder that is a file.
    let said = export_ranking_to(&mut h, &note.join("graduatoria.xlsx"));
    assert!(
        said.contains("una parte del percorso non è una cartella"),
        "{said}"
    );
    assert!(!said.contains("os error"), "{said}");
    assert!(!said.contains("Not a directory"), "{said}");

    // A sheet to take in that does not exist.
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    let missing = tmp.path().join("chiavetta").join("scheda-m1.ron");
    retype(&mut h, s::SHEET_PATH, &missing.display().to_string());
    click(&mut h, s::IMPORT_HERE);
    let errors = h.state().errors();
    let said = errors.last().expect("an error is said");
    assert!(said.contains("il file non esiste"), "{said}");
    assert!(!said.contains("os error"), "{said}");
    assert!(!said.contains("No such file"), "{said}");
}
