//! Travelling sheets: the member inside must be the member whose sheet the file is named for
//! and who exported it; revisions cannot overflow.

mod common;

use std::fs;
use std::path::Path;

use commissione::domain::{CriterionId, MemberId, Points, Protocol};
use commissione::editor::{Actor, Command, EditError, Editor};
use commissione::workspace::{load, travel};
use common::{fixture, run, snapshot};

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn id(m: &str) -> MemberId {
    MemberId::new(m).expect("id")
}

/// m1's sheet as it would come back from their laptop: one revision newer.
fn newer_sheet_of(dir: &Path, member: &str, exported_by: Option<&str>) -> String {
    let ws = load(dir).workspace.expect("loads");
    let mut sheet = ws.sheet(&id(member)).cloned().expect("the sheet");
    sheet.revision += 1;
    sheet.scores[0].reason = "Rivista sul portatile.".into();
    travel::export(&ws, &sheet, exported_by.map(id).as_ref()).expect("exports")
}

#[test]
fn the_presidents_sheet_under_another_members_name_is_refused() {
    let (tmp, dir) = fixture("example-a");
    let file = tmp.path().join("scheda-m2.ron");
    fs::write(&file, newer_sheet_of(&dir, "m1", Some("m1"))).expect("written");
    let before = snapshot(&dir);
    let (code, out, err) = run(&["sheet", "import", p(&dir), p(&file)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("il file «scheda-m2.ron» dovrebbe contenere la scheda di «m2», ma contiene quella di «m1»"),
        "{err}"
    );
    common::assert_same(&before, &snapshot(&dir));
    // Said explicitly, the member whose sheet is imported must be the one inside.
    let plain = tmp.path().join("chiavetta.ron");
    fs::write(&plain, newer_sheet_of(&dir, "m1", Some("m1"))).expect("written");
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&plain), "--member", "m3"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("dovrebbe contenere la scheda di «m3»"),
        "{err}"
    );
    common::assert_same(&before, &snapshot(&dir));
    // The right name, or the right member, goes in.
    let (code, out, err) = run(&["sheet", "import", p(&dir), p(&plain), "--member", "m1"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_sheet_exported_by_another_member_is_refused() {
    let (tmp, dir) = fixture("example-a");
    let file = tmp.path().join("scheda-m1.ron");
    fs::write(&file, newer_sheet_of(&dir, "m1", Some("m2"))).expect("written");
    let before = snapshot(&dir);
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&file)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("la scheda di «m1» è stata esportata da «m2»"),
        "{err}"
    );
    common::assert_same(&before, &snapshot(&dir));
    // Who exported it is covered by the file's hash: changing it is an edit after export.
    let text = fs::read_to_string(&file).expect("read");
    fs::write(
        &file,
        text.replace("exported_by: \"m2\"", "exported_by: \"m1\""),
    )
    .expect("edited");
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&file)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("modificata dopo l'esportazione"), "{err}");
}

#[test]
fn the_last_revision_is_refused_and_never_overflows() {
    let (tmp, dir) = fixture("example-a");
    let ws = load(&dir).workspace.expect("loads");
    let mut sheet = ws.sheet(&id("m1")).cloned().expect("m1");
    sheet.revision = u32::MAX;
    let file = tmp.path().join("scheda-m1.ron");
    fs::write(
        &file,
        travel::export(&ws, &sheet, Some(&id("m1"))).expect("exports"),
    )
    .expect("written");
    let before = snapshot(&dir);
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&file)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("ha la revisione 4294967295, il massimo possibile"),
        "{err}"
    );
    common::assert_same(&before, &snapshot(&dir));

    // A sheet written with the last revision by hand: the next change is refused in Italian,
    // without overflowing.
    let sheet_file = dir.join("schede/m1.ron");
    let text = fs::read_to_string(&sheet_file).expect("read");
    let at = text.find("revision: ").expect("a revision");
    let end = at + text[at..].find(',').expect("its end");
    fs::write(
        &sheet_file,
        format!("{}revision: {}{}", &text[..at], u32::MAX, &text[end..]),
    )
    .expect("written by hand");
    let mut editor = Editor::open(&dir, Actor::Member(id("m1"))).expect("opens");
    let error = editor
        .apply(Command::Score {
            member: id("m1"),
            application: Protocol::new("P1").expect("id"),
            criterion: CriterionId::new("A").expect("id"),
            value: Some(Points::parse("1.0").expect("points")),
            reason: "Ancora.".into(),
        })
        .expect_err("refused");
    assert!(
        matches!(&error, EditError::Invalid(m) if m[0].contains("revisione massima")),
        "{error:?}"
    );
}
