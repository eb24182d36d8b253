//! The workspace on disk: every kind of bad input is reported with file, line, column and an
//! Italian sentence, nothing is rewritten, and saving round-trips byte for byte.

mod common;

use std::fs;
use std::path::Path;

use commissione::workspace::{Problem, Store, files, load, to_text, write_new};
use common::{edit, fixture, snapshot};

fn problems_of(dir: &Path) -> Vec<Problem> {
    load(dir).problems
}

/// Loads the folder, expecting exactly one problem in `file` at `line`, whose message contains
/// every fragment.
fn one_problem(dir: &Path, file: &str, line: usize, fragments: &[&str]) -> Problem {
    let problems = problems_of(dir);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = problems[0].clone();
    assert_eq!(p.file, Path::new(file), "{p}");
    assert_eq!(p.position.map(|pos| pos.line), Some(line), "{p}");
    for f in fragments {
        assert!(p.message.contains(f), "«{f}» not in: {p}");
    }
    p
}

#[test]
fn a_clean_fixture_has_no_problems() {
    let (_tmp, dir) = fixture("example-a");
    let loaded = load(&dir);
    assert!(loaded.is_clean(), "{:#?}", loaded.problems);
    let ws = loaded.workspace.expect("loads");
    assert_eq!(ws.applications().len(), 4);
    assert_eq!(ws.sheets().len(), 3);
}

#[test]
fn a_missing_comma_is_a_syntax_error_at_its_line() {
    let (_tmp, dir) = fixture("example-a");
    edit(
        &dir.join("candidature/P1.ron"),
        "lot: \"coworking\",",
        "lot: \"coworking\"",
    );
    let p = one_problem(&dir, "candidature/P1.ron", 9, &["virgola"]);
    assert!(p.to_string().starts_with("candidature/P1.ron:9:"), "{p}");
}

#[test]
fn an_amount_with_a_comma_is_refused_with_a_hint() {
    let (_tmp, dir) = fixture("example-a");
    edit(&dir.join("candidature/P1.ron"), "\"90000.00\"", "\"12,5\"");
    one_problem(
        &dir,
        "candidature/P1.ron",
        24,
        &["«12,5»", "importo", "punto"],
    );
}

#[test]
fn negative_amounts_and_three_decimals_are_refused() {
    let (_tmp, dir) = fixture("example-a");
    edit(&dir.join("candidature/P1.ron"), "\"90000.00\"", "\"-3\"");
    one_problem(&dir, "candidature/P1.ron", 24, &["«-3»", "negativo"]);
    edit(&dir.join("candidature/P1.ron"), "\"-3\"", "\"1.234\"");
    one_problem(&dir, "candidature/P1.ron", 24, &["«1.234»", "due decimali"]);
}

#[test]
fn an_unknown_lot_names_the_lots_that_exist() {
    let (_tmp, dir) = fixture("example-a");
    edit(
        &dir.join("candidature/P3.ron"),
        "lot: \"coworking\"",
        "lot: \"cowork\"",
    );
    let p = one_problem(
        &dir,
        "candidature/P3.ron",
        8,
        &["«cowork»", "non esiste", "coworking"],
    );
    assert_eq!(p.position.map(|pos| pos.column), Some(14));
    // The application is left out; the rest of the workspace still opens.
    let ws = load(&dir).workspace.expect("the rest opens");
    assert_eq!(ws.applications().len(), 3);
}

#[test]
fn unknown_and_missing_fields_are_named() {
    let (_tmp, dir) = fixture("example-a");
    edit(
        &dir.join("candidature/P1.ron"),
        "summary: \"\",",
        "sumary: \"\",",
    );
    one_problem(
        &dir,
        "candidature/P1.ron",
        10,
        &["campo sconosciuto «sumary»", "candidatura"],
    );
    let (_tmp, dir) = fixture("example-a");
    edit(
        &dir.join("commissione.ron"),
        "        appointed_by: \"Determinazione dirigenziale n. 1 del 06/03/2026\",\n",
        "",
    );
    let problems = problems_of(&dir);
    assert!(
        problems
            .iter()
            .any(|p| p.file == Path::new("commissione.ron")
                && p.message
                    .contains("manca il campo obbligatorio «appointed_by»")),
        "{problems:#?}"
    );
    // Without a commission there is nothing to evaluate, but the error is still precise.
    assert!(load(&dir).workspace.is_none());
}

#[test]
fn references_to_members_and_criteria_that_do_not_exist() {
    let (_tmp, dir) = fixture("example-a");
    edit(
        &dir.join("schede/m2.ron"),
        "member: \"m2\"",
        "member: \"m9\"",
    );
    one_problem(
        &dir,
        "schede/m2.ron",
        6,
        &["«m9» non fa parte della commissione"],
    );
    let (_tmp, dir) = fixture("example-a");
    edit(
        &dir.join("schede/m1.ron"),
        "criterion: \"B\"",
        "criterion: \"Z\"",
    );
    let p = one_problem(
        &dir,
        "schede/m1.ron",
        16,
        &["il criterio «Z» non esiste", "A, B, C, D"],
    );
    // At the criterion's value, inside the line of the mark.
    assert_eq!(p.position.map(|pos| pos.column), Some(44));
}

#[test]
fn a_duplicate_protocol_is_reported_in_both_files() {
    let (_tmp, dir) = fixture("example-a");
    fs::copy(
        dir.join("candidature/P1.ron"),
        dir.join("candidature/P1-copia.ron"),
    )
    .expect("copy");
    let problems = problems_of(&dir);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems
            .iter()
            .all(|p| p.message.contains("«P1» compare in 2 candidature"))
    );
    // Neither copy is taken: which one is right is for a person to decide.
    let ws = load(&dir).workspace.expect("opens");
    assert!(ws.application(&"P1".parse_protocol()).is_none());
}

trait ParseProtocol {
    fn parse_protocol(&self) -> commissione::domain::Protocol;
}

impl ParseProtocol for &str {
    fn parse_protocol(&self) -> commissione::domain::Protocol {
        commissione::domain::Protocol::new(*self).expect("a valid protocol")
    }
}

#[test]
fn coefficients_out_of_the_scale_are_refused() {
    let (_tmp, dir) = fixture("example-a");
    let sheet = dir.join("schede/m1.ron");
    let text = fs::read_to_string(&sheet).expect("read");
    // m1's first coefficient on criterion A of P1 is 0.8: make it 1.5, then 0.7.
    let needle = "criterion: \"A\", value: \"0.8\"";
    assert!(text.contains(needle));
    fs::write(
        &sheet,
        text.replacen(needle, "criterion: \"A\", value: \"1.5\"", 1),
    )
    .expect("write");
    let problems = problems_of(&dir);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].message.contains("1.5") && problems[0].message.contains("scala di giudizio"),
        "{}",
        problems[0]
    );
    fs::write(
        &sheet,
        text.replacen(needle, "criterion: \"A\", value: \"0.7\"", 1),
    )
    .expect("write");
    let problems = problems_of(&dir);
    assert!(
        problems[0]
            .message
            .contains("0.7 non è nella scala di giudizio"),
        "{}",
        problems[0]
    );
}

#[test]
fn broken_bytes_empty_files_folders_and_newer_formats() {
    let (_tmp, dir) = fixture("example-a");
    fs::write(
        dir.join("candidature/P1.ron"),
        b"(\n    format: 1,\n  \xff\xfe oops",
    )
    .expect("write");
    fs::write(dir.join("candidature/P2.ron"), b"  \n").expect("write");
    fs::remove_file(dir.join("candidature/P3.ron")).expect("remove");
    fs::create_dir(dir.join("candidature/P3.ron")).expect("a folder named like a file");
    edit(&dir.join("candidature/P4.ron"), "format: 1", "format: 7");
    let problems = problems_of(&dir);
    let find = |file: &str| {
        problems
            .iter()
            .find(|p| p.file == Path::new(file))
            .unwrap_or_else(|| panic!("no problem for {file}: {problems:#?}"))
            .to_string()
    };
    assert!(
        find("candidature/P1.ron").starts_with("candidature/P1.ron:3:3: il file non è testo UTF-8")
    );
    assert!(find("candidature/P2.ron").contains("il file è vuoto"));
    assert!(find("candidature/P3.ron").contains("è una cartella"));
    assert!(
        find("candidature/P4.ron").contains("formato 7")
            && find("candidature/P4.ron").contains("più recente")
    );
}

#[test]
fn a_missing_folder_or_call_is_said_plainly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let problems = problems_of(&tmp.path().join("nowhere"));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("non esiste"));
    let problems = problems_of(tmp.path());
    assert!(
        problems
            .iter()
            .any(|p| p.file == Path::new(files::CALL) && p.message.contains("non esiste"))
    );
}

#[test]
fn loading_writes_nothing() {
    let (_tmp, dir) = fixture("example-a");
    edit(&dir.join("candidature/P1.ron"), "\"90000.00\"", "\"12,5\"");
    let before = snapshot(&dir);
    let loaded = load(&dir);
    assert!(!loaded.problems.is_empty());
    common::assert_same(&before, &snapshot(&dir));
}

#[test]
fn the_store_refuses_to_write_over_a_file_with_errors() {
    let (_tmp, dir) = fixture("example-a");
    edit(
        &dir.join("schede/m1.ron"),
        "member: \"m1\"",
        "member: \"m1\" member: \"m1\"",
    );
    let loaded = load(&dir);
    let before = snapshot(&dir);
    let ws = loaded.workspace.expect("opens without m1's sheet");
    let mut store = Store::new(&dir, loaded.sources.clone());
    // m1's sheet did not load; writing a new one would replace what a person wrote.
    let sheet =
        commissione::domain::ScoreSheet::new(commissione::domain::MemberId::new("m1").expect("id"));
    let error = store.save_sheet(&sheet).expect_err("refused");
    assert!(
        error.to_string().contains("schede/m1.ron")
            && error.to_string().contains("non viene sovrascritto")
    );
    store
        .save_all(&ws)
        .expect("the other files are unchanged, so nothing is written");
    common::assert_same(&before, &snapshot(&dir));
}

#[test]
fn every_file_round_trips_byte_for_byte() {
    for name in ["example-a", "example-b", "example-b-lottery"] {
        let (_tmp, dir) = fixture(name);
        let ws = load(&dir).workspace.expect("loads");
        let out = tempfile::tempdir().expect("tmp");
        write_new(out.path(), &ws).expect("writes");
        let original: Vec<_> = snapshot(&dir)
            .into_iter()
            .map(|(p, b)| (p.strip_prefix(&dir).map(Path::to_path_buf).unwrap_or(p), b))
            .collect();
        let written: Vec<_> = snapshot(out.path())
            .into_iter()
            .map(|(p, b)| {
                (
                    p.strip_prefix(out.path())
                        .map(Path::to_path_buf)
                        .unwrap_or(p),
                    b,
                )
            })
            .collect();
        common::assert_same(&original, &written);
    }
    // And the text form itself.
    let (_tmp, dir) = fixture("example-a");
    let ws = load(&dir).workspace.expect("loads");
    let text = to_text::<files::CallFile>(ws.call().clone()).expect("serializes");
    assert_eq!(
        text.as_bytes(),
        fs::read(dir.join(files::CALL)).expect("read")
    );
    assert!(!text.contains('\r'));
}

#[test]
fn saving_keeps_the_previous_version() {
    let (_tmp, dir) = fixture("example-a");
    let loaded = load(&dir);
    let mut ws = loaded.workspace.expect("loads");
    let mut store = Store::new(&dir, loaded.sources);
    let old = fs::read(dir.join("candidature/P1.ron")).expect("read");
    ws.change(|parts| {
        if let Some(app) = parts
            .applications
            .iter_mut()
            .find(|a| a.protocol.as_str() == "P1")
        {
            app.title = "Titolo corretto".into();
        }
    })
    .expect("a valid change");
    let p1 = ws.application(&"P1".parse_protocol()).expect("P1").clone();
    store.save_application(&p1).expect("saves");
    assert_eq!(
        fs::read(dir.join("candidature/P1.ron.bak")).expect("the previous version"),
        old
    );
    assert!(
        fs::read_to_string(dir.join("candidature/P1.ron"))
            .expect("read")
            .contains("Titolo corretto")
    );
    // No temporary file is left behind.
    let leftovers: Vec<_> = fs::read_dir(dir.join("candidature"))
        .expect("read")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_broken_application_does_not_lock_the_sheets_that_score_it() {
    let (_tmp, dir) = fixture("example-a");
    edit(&dir.join("candidature/P1.ron"), "\"90000.00\"", "\"12,5\"");
    let loaded = load(&dir);
    // One error, in the file that has it: the sheets citing P1 are not blamed.
    assert_eq!(loaded.problems.len(), 1, "{:#?}", loaded.problems);
    let ws = loaded.workspace.expect("opens");
    let member = commissione::domain::MemberId::new("m1").expect("id");
    let sheet = ws.sheet(&member).expect("m1's sheet is loaded").clone();
    assert!(sheet.scores.iter().all(|s| s.application.as_str() != "P1"));
    // Saving m1's sheet keeps its scores on P1, which come back once P1.ron is mended.
    let mut store = Store::new(&dir, loaded.sources.clone());
    let mut sheet = sheet;
    sheet.revision += 1;
    store.save_sheet(&sheet).expect("the sheet can be saved");
    edit(&dir.join("candidature/P1.ron"), "\"12,5\"", "\"90000.00\"");
    let ws = load(&dir).workspace.expect("opens");
    let sheet = ws.sheet(&member).expect("m1");
    assert_eq!(sheet.revision, 1);
    assert_eq!(
        sheet
            .scores
            .iter()
            .filter(|s| s.application.as_str() == "P1")
            .count(),
        3
    );
}

#[cfg(unix)]
#[test]
fn saved_files_stay_readable_by_the_others_on_a_shared_folder() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let new = tmp.path().join("nuovo.ron");
    commissione::workspace::write_atomic(&new, b"(format: 1)\n").expect("written");
    let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&new), 0o644, "a new file is as any other, not private");
    fs::set_permissions(&new, fs::Permissions::from_mode(0o640)).expect("chmod");
    commissione::workspace::write_atomic(&new, b"(format: 1, x: 2)\n").expect("rewritten");
    assert_eq!(mode(&new), 0o640, "a rewritten file keeps its permissions");
}

#[test]
fn a_mark_with_a_six_decimal_coefficient_reads_back() {
    use commissione::domain::{Coefficient, Judgement};
    use common::build::*;
    let mut c = call();
    c.judgement_scale.push(Judgement {
        label: "un terzo".into(),
        coefficient: Coefficient::parse("0.333333").expect("a coefficient"),
    });
    let mut ws = Build::new(c, &["m1", "m2"])
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .workspace();
    // As the window records a judgement picked from the scale.
    let mut sheet = commissione::domain::ScoreSheet::new(mid("m1"));
    sheet.scores.push(commissione::domain::Score {
        application: pid("P1"),
        criterion: cid("A"),
        value: commissione::domain::Points::new("0.333333".parse().expect("a decimal"))
            .expect("points"),
        reason: "Motivazione".into(),
    });
    ws.put_sheet(sheet).expect("a valid sheet");
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_new(dir.path(), &ws).expect("written");
    let loaded = load(dir.path());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let back = loaded.workspace.expect("loads");
    let mark = back
        .score(&mid("m1"), &pid("P1"), &cid("A"))
        .expect("the mark");
    assert_eq!(mark.value.to_string(), "0.333333");
}
