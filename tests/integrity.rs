//! A committee on separate laptops: sheets that travel, refusals, the journal, the lock.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use commissione::domain::{Declaration, MemberId, ScoreSheet};
use commissione::editor::{Actor, Command, Editor};
use commissione::workspace::{journal, load};
use common::{copy_dir, edit, fixture, run, snapshot};

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The example A call as the secretariat has it before any scoring: no sheets.
fn unscored(root: &Path) -> PathBuf {
    let dir = root.join("segreteria");
    copy_dir(Path::new("tests/fixtures/example-a"), &dir);
    fs::remove_dir_all(dir.join("schede")).expect("no sheets yet");
    dir
}

/// A member scores on their own copy, through the editor, what the fixture says they scored.
fn score_on_own_laptop(laptop: &Path, member: &str) {
    let original = load(Path::new("tests/fixtures/example-a"))
        .workspace
        .expect("fixture");
    let sheet: ScoreSheet = original
        .sheet(&MemberId::new(member).expect("id"))
        .cloned()
        .expect("a sheet");
    let mut editor =
        Editor::open(laptop, Actor::Member(MemberId::new(member).expect("id"))).expect("opens");
    for Declaration {
        application,
        conflict,
    } in sheet.declarations
    {
        editor
            .apply(Command::Declare {
                member: sheet.member.clone(),
                application,
                declaration: Some(conflict),
            })
            .expect("declared");
    }
    for s in sheet.scores {
        editor
            .apply(Command::Score {
                member: sheet.member.clone(),
                application: s.application,
                criterion: s.criterion,
                value: Some(s.value),
                reason: s.reason,
            })
            .expect("scored");
    }
}

#[test]
fn three_laptops_score_apart_and_the_secretariat_ranks_closes_and_reports() {
    let tmp = tempfile::tempdir().expect("tmp");
    let office = unscored(tmp.path());
    let mut files = Vec::new();
    for member in ["m1", "m2", "m3"] {
        let laptop = tmp.path().join(format!("laptop-{member}"));
        copy_dir(&office, &laptop);
        score_on_own_laptop(&laptop, member);
        let usb = tmp.path().join(format!("scheda-{member}.ron"));
        let (code, out, err) = run(&[
            "sheet",
            "export",
            p(&laptop),
            "--member",
            member,
            "-o",
            p(&usb),
        ]);
        assert_eq!(code, 0, "{out}{err}");
        files.push(usb);
    }
    // Before the sheets arrive nothing can be ranked: every application awaits its scores.
    let (_, out, _) = run(&["rank", p(&office), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["P1"]["outcome"], "incomplete");
    for usb in &files {
        let (code, out, err) = run(&["sheet", "import", p(&office), p(usb)]);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("importata"), "{out}");
    }
    let (code, out, _) = run(&["rank", p(&office), "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["P2"]["total"], "87.73");
    assert_eq!(json["P1"]["total"], "78.81");
    assert_eq!(json["P3"]["total"], "72.24");
    assert_eq!(json["P2"]["outcome"], "funded");
    // Every import is in the journal, and the journal holds.
    let (code, out, _) = run(&["registro", p(&office)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("scheda di valutazione di m3") && out.contains("Registro integro: 3 voci"),
        "{out}"
    );
    // Importing the same sheet again changes nothing.
    let before = snapshot(&office);
    let (code, out, _) = run(&["sheet", "import", p(&office), p(&files[0])]);
    assert_eq!(code, 0);
    assert!(out.contains("già presente"), "{out}");
    common::assert_same(&before, &snapshot(&office));

    // The secretariat records the scoring session, closes it and exports its verbale.
    fs::create_dir_all(office.join("sedute")).expect("sedute");
    fs::write(office.join("sedute/s1.ron"), SCORING_SESSION).expect("session written");
    let (code, out, err) = run(&["close", p(&office), "--session", "s1"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("chiusa"), "{out}");
    let pdf = tmp.path().join("verbale-1.pdf");
    let (code, out, err) = run(&["minutes", p(&office), "--session", "s1", "-o", p(&pdf)]);
    assert_eq!(code, 0, "{out}{err}");
    let text = pdf_extract::extract_text(&pdf).expect("the verbale reads back");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("VERBALE N. 1"), "{flat}");
    // Each member's own coefficients come before the collective result, and the member in
    // conflict abstains on P2.
    assert!(
        flat.contains("Giulia Russo si astiene dalla valutazione di questa proposta"),
        "{flat}"
    );
    assert!(
        flat.contains("Valutazione di m2 sul criterio B della proposta P1."),
        "{flat}"
    );
    let (code, out, _) = run(&["verify", p(&office), p(&pdf)]);
    assert_eq!(code, 0, "{out}");
    // A late sheet from m2's laptop can no longer change what the session fixed.
    let laptop = tmp.path().join("laptop-m2");
    let mut editor =
        Editor::open(&laptop, Actor::Member(MemberId::new("m2").expect("id"))).expect("opens");
    editor
        .apply(Command::Score {
            member: MemberId::new("m2").expect("id"),
            application: commissione::domain::Protocol::new("P1").expect("id"),
            criterion: commissione::domain::CriterionId::new("B").expect("id"),
            value: Some(commissione::domain::Points::parse("1.0").expect("points")),
            reason: "Ripensamento dopo la seduta.".into(),
        })
        .expect("m2's own copy is not closed");
    drop(editor);
    let late = tmp.path().join("scheda-m2-tardiva.ron");
    let (code, _, _) = run(&[
        "sheet",
        "export",
        p(&laptop),
        "--member",
        "m2",
        "-o",
        p(&late),
    ]);
    assert_eq!(code, 0);
    let before = snapshot(&office);
    let (code, out, err) = run(&["sheet", "import", p(&office), p(&late)]);
    assert_ne!(code, 0, "{out}");
    assert!(
        err.contains("il verbale n. 1 (seduta del 10/03/2026, chiusa) ha fissato i punteggi di m2 sulla candidatura P1"),
        "{err}"
    );
    common::assert_same(&before, &snapshot(&office));
}

/// The reserved scoring session, as the secretariat writes it (or the window does).
const SCORING_SESSION: &str = r#"#![enable(implicit_some)]
(
    format: 1,
    session: (
        id: "s1",
        number: 1,
        kind: ReservedScoring,
        date: "2026-03-10",
        start: "10:00",
        end: "12:30",
        place: "Sala Giunta",
        present: ["m1", "m2", "m3", "seg"],
        notes: [],
        draws: [],
        amendments: [],
        seal: None,
    ),
)
"#;

#[test]
fn an_older_copy_of_a_sheet_is_refused() {
    let (_tmp, dir) = fixture("example-a");
    let tmp = tempfile::tempdir().expect("tmp");
    let old = tmp.path().join("old.ron");
    let (code, _, _) = run(&["sheet", "export", p(&dir), "--member", "m2", "-o", p(&old)]);
    assert_eq!(code, 0);
    // m2 changes a score afterwards: the workspace now holds a newer revision.
    {
        let mut editor =
            Editor::open(&dir, Actor::Member(MemberId::new("m2").expect("id"))).expect("opens");
        editor
            .apply(Command::Score {
                member: MemberId::new("m2").expect("id"),
                application: commissione::domain::Protocol::new("P1").expect("id"),
                criterion: commissione::domain::CriterionId::new("B").expect("id"),
                value: Some(commissione::domain::Points::parse("1.0").expect("points")),
                reason: "Rivista dopo il confronto.".into(),
            })
            .expect("scored");
    }
    let before = snapshot(&dir);
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&old)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("revisione 0, più vecchia della revisione 1"),
        "{err}"
    );
    common::assert_same(&before, &snapshot(&dir));
}

#[test]
fn a_sheet_of_another_call_or_edited_on_the_way_is_refused() {
    let (_tmp, dir) = fixture("example-a");
    let tmp = tempfile::tempdir().expect("tmp");
    let foreign = tmp.path().join("foreign.ron");
    let (code, _, _) = run(&[
        "sheet",
        "export",
        "tests/fixtures/example-b",
        "--member",
        "m1",
        "-o",
        p(&foreign),
    ]);
    assert_eq!(code, 0);
    let before = snapshot(&dir);
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&foreign)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("appartiene a un altro avviso") && err.contains("Esempio B"),
        "{err}"
    );

    let own = tmp.path().join("own.ron");
    let (code, _, _) = run(&["sheet", "export", p(&dir), "--member", "m1", "-o", p(&own)]);
    assert_eq!(code, 0);
    edit(&own, "revision: 0", "revision: 5");
    edit(&own, "value: \"0.6\"", "value: \"1.0\"");
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&own)]);
    assert_eq!(code, 1);
    assert!(err.contains("modificata dopo l'esportazione"), "{err}");
    common::assert_same(&before, &snapshot(&dir));
}

#[test]
fn a_sheet_scoring_where_its_member_declared_a_conflict_is_refused() {
    let (_tmp, dir) = fixture("example-a");
    let tmp = tempfile::tempdir().expect("tmp");
    // m3 declared a conflict on P2; a sheet that also scores P2 must not enter.
    let ws = load(&dir).workspace.expect("loads");
    let mut sheet = ws
        .sheet(&MemberId::new("m3").expect("id"))
        .cloned()
        .expect("m3");
    let mut extra = sheet.scores[0].clone();
    extra.application = commissione::domain::Protocol::new("P2").expect("id");
    sheet.scores.push(extra);
    sheet.revision = 9;
    let text = commissione::workspace::travel::export(&ws, &sheet, None).expect("exports");
    let file = tmp.path().join("m3.ron");
    fs::write(&file, text).expect("write");
    let before = snapshot(&dir);
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&file)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("conflitto di interessi con la candidatura «P2»"),
        "{err}"
    );
    common::assert_same(&before, &snapshot(&dir));
}

#[test]
fn two_versions_of_one_sheet_need_a_choice() {
    let tmp = tempfile::tempdir().expect("tmp");
    let office = unscored(tmp.path());
    let laptop = tmp.path().join("laptop");
    copy_dir(&office, &laptop);
    score_on_own_laptop(&laptop, "m1");
    score_on_own_laptop(&office, "m1");
    // Same scores typed twice: same revision, but the secretariat typed one reason differently.
    {
        let mut editor = Editor::open(&office, Actor::Secretariat).expect("opens");
        let mut sheet = editor
            .workspace()
            .sheet(&MemberId::new("m1").expect("id"))
            .cloned()
            .expect("m1");
        sheet.scores[0].reason = "Trascritta dalla segreteria.".into();
        sheet.revision -= 1;
        editor.apply(Command::PutSheet(sheet)).expect("put");
    }
    let usb = tmp.path().join("m1.ron");
    assert_eq!(
        run(&[
            "sheet",
            "export",
            p(&laptop),
            "--member",
            "m1",
            "-o",
            p(&usb)
        ])
        .0,
        0
    );
    // Align the revisions to make the two versions truly concurrent.
    let held = load(&office)
        .workspace
        .expect("loads")
        .sheet(&MemberId::new("m1").expect("id"))
        .map(|s| s.revision)
        .expect("m1");
    let ws = load(&laptop).workspace.expect("loads");
    let mut sheet = ws
        .sheet(&MemberId::new("m1").expect("id"))
        .cloned()
        .expect("m1");
    sheet.revision = held;
    fs::write(
        &usb,
        commissione::workspace::travel::export(&ws, &sheet, None).expect("exports"),
    )
    .expect("write");
    let (code, _, err) = run(&["sheet", "import", p(&office), p(&usb)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("stessa revisione") && err.contains("--prefer"),
        "{err}"
    );
    let (code, out, _) = run(&[
        "sheet",
        "import",
        p(&office),
        p(&usb),
        "--prefer",
        "incoming",
    ]);
    assert_eq!(code, 0, "{out}");
    let reason = load(&office)
        .workspace
        .expect("loads")
        .sheet(&MemberId::new("m1").expect("id"))
        .map(|s| s.scores[0].reason.clone());
    assert_ne!(reason.as_deref(), Some("Trascritta dalla segreteria."));
}

#[test]
fn a_tampered_journal_line_is_named() {
    let (_tmp, dir) = fixture("example-a");
    {
        let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
        for title in ["Uno", "Due", "Tre"] {
            let mut app = editor
                .workspace()
                .application(&commissione::domain::Protocol::new("P1").expect("id"))
                .cloned()
                .expect("P1");
            app.title = title.into();
            editor
                .apply(Command::PutApplication(Box::new(app)))
                .expect("edited");
        }
    }
    let (code, out, _) = run(&["registro", p(&dir)]);
    assert_eq!(code, 0);
    assert!(out.contains("Registro integro: 3 voci"), "{out}");
    let path = dir.join(journal::FILE);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("Due", "Cinque", 1)).expect("tamper");
    let (code, out, _) = run(&["registro", p(&dir)]);
    assert_eq!(code, 1);
    assert!(
        out.contains("REGISTRO NON INTEGRO: registro.ron:3: la voce n. 2 è stata modificata"),
        "{out}"
    );
    assert!(out.contains("Le 1 voci precedenti sono integre"), "{out}");
}

#[test]
fn an_import_while_another_instance_holds_the_workspace_is_refused() {
    let (_tmp, dir) = fixture("example-a");
    let tmp = tempfile::tempdir().expect("tmp");
    let usb = tmp.path().join("m1.ron");
    assert_eq!(
        run(&["sheet", "export", p(&dir), "--member", "m1", "-o", p(&usb)]).0,
        0
    );
    let _window = Editor::open(&dir, Actor::Secretariat).expect("the window holds it");
    let (code, _, err) = run(&["sheet", "import", p(&dir), p(&usb)]);
    assert_eq!(code, 1);
    assert!(err.contains("è aperto da segreteria"), "{err}");
}
