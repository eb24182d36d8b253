//! Score sheets that travel, in the window: three commissioners score on their own laptops
//! (three copies of the call), each exports their sheet from the window, the secretariat
//! imports the three, the ranking follows, the session is closed and its verbale reports each
//! member's marks and the abstention. A stale copy is refused with its sentence; two versions
//! of one revision are compared side by side and the secretariat keeps one.

use std::path::{Path, PathBuf};

use commissione::app::{App, strings as s};
use commissione::domain::{
    Conflict, ConflictKind, CriterionId, Date, MemberId, Points, Session, SessionId, SessionKind,
    TimeOfDay,
};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::Outcome;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;
use crate::support::*;

/// Example A as the secretariat prepares it before the scoring: no sheet yet, the scoring
/// session on the agenda.
fn before_scoring() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = common::fixture("example-a");
    std::fs::remove_dir_all(dir.join("schede")).unwrap();
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    editor
        .apply(Command::PutSession(Box::new(Session {
            id: SessionId::new("s1").unwrap(),
            number: 1,
            kind: SessionKind::ReservedScoring,
            date: Date::parse("2026-03-12").unwrap(),
            start: TimeOfDay::parse("09:30").unwrap(),
            end: Some(TimeOfDay::parse("13:00").unwrap()),
            place: "Sala Giunta".into(),
            present: ["m1", "m2", "m3", "seg"]
                .iter()
                .map(|m| MemberId::new(*m).unwrap())
                .collect(),
            notes: vec![],
            draws: vec![],
            amendments: vec![],
            collegial: Vec::new(),
            events: Vec::new(),
            seal: None,
        })))
        .unwrap();
    drop(editor);
    (tmp, dir)
}

/// A commissioner's marks on their own laptop: the declarations, then A, B (coefficients) and
/// C (points) on each admitted application, each with a reason naming who, what and where.
fn score_on_laptop(dir: &Path, who: &str, surname: &str, marks: &[(&str, &str, &str, &str)]) {
    let mut editor = Editor::open(dir, Actor::Member(member(who))).unwrap();
    for app in ["P1", "P2", "P3"] {
        let conflict = (who == "m3" && app == "P2").then(|| Conflict {
            kind: ConflictKind::Professional,
            note: "Collabora con il soggetto proponente".into(),
        });
        editor
            .apply(Command::Declare {
                member: member(who),
                application: protocol(app),
                declaration: Some(conflict),
            })
            .unwrap();
    }
    for (app, a, b, c) in marks {
        for (criterion, value) in [("A", a), ("B", b), ("C", c)] {
            editor
                .apply(Command::Score {
                    member: member(who),
                    application: protocol(app),
                    criterion: CriterionId::new(criterion).unwrap(),
                    value: Some(Points::parse(value).unwrap()),
                    reason: format!("{surname} {app} {criterion}"),
                })
                .unwrap();
        }
    }
}

/// Replaces the text of the field labelled `label`.
fn retype(h: &mut Harness<App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// A commissioner exports their sheet from the window of their laptop to `file`.
fn export_from_laptop(dir: &Path, who: &str, file: &Path) {
    let mut h = harness(dir, Actor::Member(member(who)));
    h.run();
    click(&mut h, s::TAB_SHEETS);
    click(&mut h, s::EXPORT_MY_SHEET);
    retype(&mut h, s::SAVE_PATH, &file.display().to_string());
    click(&mut h, s::SAVE_HERE);
    wait_for(&mut h, |h| {
        h.query_by_label_contains("esportata in").is_some()
    });
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(file.is_file());
}

/// The secretariat takes in a sheet by its path.
fn import_sheet(h: &mut Harness<App>, file: &Path) {
    retype(h, s::SHEET_PATH, &file.display().to_string());
    click(h, s::IMPORT_HERE);
}

fn laptop(base: &Path, name: &str) -> PathBuf {
    let dir = base.parent().unwrap().join(name);
    common::copy_dir(base, &dir);
    dir
}

#[test]
fn three_laptops_three_sheets_one_ranking_and_the_verbale() {
    let (tmp, office) = before_scoring();
    let usb = tmp.path().join("chiavetta");
    std::fs::create_dir_all(&usb).unwrap();
    let sheets = [
        (
            "m1",
            "Verdi",
            [
                ("P1", "0.8", "0.6", "14"),
                ("P2", "1.0", "1.0", "18"),
                ("P3", "0.6", "0.6", "12"),
            ]
            .as_slice(),
        ),
        (
            "m2",
            "Neri",
            [
                ("P1", "0.8", "0.8", "15"),
                ("P2", "1.0", "0.8", "17"),
                ("P3", "0.6", "0.4", "11"),
            ]
            .as_slice(),
        ),
        (
            "m3",
            "Russo",
            // In conflict with P2: no marks there.
            [("P1", "0.6", "0.6", "13"), ("P3", "0.4", "0.6", "12")].as_slice(),
        ),
    ];
    for (who, surname, marks) in sheets {
        let dir = laptop(&office, &format!("portatile-{who}"));
        score_on_laptop(&dir, who, surname, marks);
        export_from_laptop(&dir, who, &usb.join(format!("scheda-{who}.ron")));
    }
    // Nothing travelled by itself: the office's copy has no sheet yet.
    assert!(!office.join("schede").exists());

    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    assert_eq!(outcome(&h, "P2"), Outcome::Incomplete);
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    for (who, name) in [
        ("m1", "Anna Verdi"),
        ("m2", "Marco Neri"),
        ("m3", "Giulia Russo"),
    ] {
        import_sheet(&mut h, &usb.join(format!("scheda-{who}.ron")));
        assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
        h.get_by_label_contains(&format!("Scheda di {name} importata"));
    }
    let work = h.state().work().unwrap();
    let ws = work.editor().workspace();
    let value = |who: &str, app: &str, c: &str| {
        ws.score(&member(who), &protocol(app), &CriterionId::new(c).unwrap())
            .map(|s| s.value.to_string())
    };
    assert_eq!(value("m2", "P1", "B").as_deref(), Some("0.8"));
    assert_eq!(value("m3", "P3", "C").as_deref(), Some("12"));
    assert!(ws.abstains(&member("m3"), &protocol("P2")));
    // Journaled like any change made in the window.
    let journal = work.editor().journal().read().unwrap();
    assert_eq!(
        journal
            .iter()
            .filter(|e| e.change.starts_with("scheda di valutazione di"))
            .count(),
        3
    );

    // The ranking is complete: P2 is selected.
    assert_eq!(outcome(&h, "P2"), Outcome::Funded);
    assert_eq!(outcome(&h, "P1"), Outcome::EligibleNotFunded);
    click(&mut h, s::VIEW_GRADUATORIA);
    h.get_by_label("selezionata per la co-progettazione");
    assert!(h.query_by_label("valutazione incompleta").is_none());

    // The session is closed and its verbale exported.
    click(&mut h, s::VIEW_SEDUTE);
    click(&mut h, s::CLOSE_SESSION);
    click(&mut h, s::CLOSE_SESSION_CONFIRM);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    h.state_mut().set_open_documents(false);
    h.get_by_label(s::EXPORT_MINUTES).click();
    h.step();
    let pdf = office.join("verbali").join("verbale-01-s1.pdf");
    let written = s::export_done(&pdf.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    let text = pdf_extract::extract_text(&pdf).expect("the verbale reads back");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Each member's own marks, with their reasons...
    // (a row per criterion, a line per member: «member: mark.» and the reason).
    for row in [
        "A Anna Verdi: 0,8 (buono). Verdi P1 A",
        "Marco Neri: 0,8 (buono). Neri P1 B",
        "Giulia Russo: 13 / 20. Russo P1 C",
        "Marco Neri: 17 / 20. Neri P2 C",
    ] {
        assert!(flat.contains(row), "{row} not in: {flat}");
    }
    // ...and Giulia Russo's abstention on P2, with no mark of hers there.
    assert!(
        flat.contains(
            "Giulia Russo si astiene dalla valutazione di questa proposta per il conflitto di interessi dichiarato"
        ),
        "{flat}"
    );
    assert!(!flat.contains("Russo P2"), "{flat}");
    let seal = h
        .state()
        .work()
        .unwrap()
        .editor()
        .workspace()
        .session(&SessionId::new("s1").unwrap())
        .and_then(|s| s.seal.clone())
        .expect("sealed");
    let bytes = std::fs::read(&pdf).unwrap();
    assert_eq!(
        commissione::minutes::seal_in_pdf(&bytes).as_deref(),
        Some(seal.sha256.as_str())
    );
}

/// The office with Marco Neri's sheet imported from his laptop, and the laptop kept.
fn imported_once() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let (tmp, office) = before_scoring();
    let mine = laptop(&office, "portatile-m2");
    score_on_laptop(
        &mine,
        "m2",
        "Neri",
        &[
            ("P1", "0.8", "0.8", "15"),
            ("P2", "1.0", "0.8", "17"),
            ("P3", "0.6", "0.4", "11"),
        ],
    );
    let first = tmp.path().join("scheda-m2-prima.ron");
    export_from_laptop(&mine, "m2", &first);
    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    import_sheet(&mut h, &first);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    drop(h);
    (tmp, office, mine, first)
}

fn change_on(dir: &Path, actor: Actor, app: &str, criterion: &str, value: &str, reason: &str) {
    let mut editor = Editor::open(dir, actor).unwrap();
    editor
        .apply(Command::Score {
            member: member("m2"),
            application: protocol(app),
            criterion: CriterionId::new(criterion).unwrap(),
            value: Some(Points::parse(value).unwrap()),
            reason: reason.into(),
        })
        .unwrap();
}

#[test]
fn an_older_copy_of_a_sheet_is_refused_with_its_sentence_and_writes_nothing() {
    let (tmp, office, mine, first) = imported_once();
    // Marco Neri changes a mark on his laptop and brings the newer sheet, which is imported.
    change_on(
        &mine,
        Actor::Member(member("m2")),
        "P3",
        "B",
        "0.6",
        "Neri P3 B, rivisto",
    );
    let second = tmp.path().join("scheda-m2-dopo.ron");
    export_from_laptop(&mine, "m2", &second);
    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    import_sheet(&mut h, &second);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let held = |h: &Harness<App>| {
        h.state()
            .work()
            .unwrap()
            .editor()
            .workspace()
            .sheet(&member("m2"))
            .cloned()
            .unwrap()
    };
    let newer = held(&h);
    assert_eq!(
        newer
            .score(&protocol("P3"), &CriterionId::new("B").unwrap())
            .map(|s| s.reason.as_str()),
        Some("Neri P3 B, rivisto")
    );

    // The first file, older, is refused; nothing is written.
    let before = common::snapshot(&office);
    import_sheet(&mut h, &first);
    let older =
        commissione::workspace::travel::read_unchecked(&std::fs::read_to_string(&first).unwrap())
            .unwrap();
    let refusal = commissione::workspace::travel::Refusal::Stale {
        member: "m2".into(),
        incoming: older.revision,
        held: newer.revision,
    };
    assert_eq!(
        h.state().errors(),
        vec![s::sheet_refused(
            "scheda-m2-prima.ron",
            &refusal.to_string()
        )]
    );
    h.get_by_label(&s::sheet_refused(
        "scheda-m2-prima.ron",
        &refusal.to_string(),
    ));
    assert_eq!(held(&h), newer);
    common::assert_same(&before, &common::snapshot(&office));
}

#[test]
fn two_versions_of_one_revision_are_compared_and_the_secretariat_keeps_one() {
    let (tmp, office, mine, _) = imported_once();
    // The same revision changed on both copies: the secretariat transcribed a correction, the
    // commissioner revised another mark.
    change_on(
        &office,
        Actor::Secretariat,
        "P1",
        "A",
        "1.0",
        "Neri P1 A, trascritto",
    );
    change_on(
        &mine,
        Actor::Member(member("m2")),
        "P3",
        "C",
        "9",
        "Neri P3 C, rivisto",
    );
    let file = tmp.path().join("scheda-m2-rivista.ron");
    export_from_laptop(&mine, "m2", &file);

    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    let before = common::snapshot(&office);
    import_sheet(&mut h, &file);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    common::assert_same(&before, &common::snapshot(&office));
    // Side by side: the two marks that differ, highlighted, each version's revision.
    h.get_by_label(s::VERSIONS_TITLE);
    h.get_by_label_contains("nessuna delle due è semplicemente più recente");
    h.get_by_label(&s::differences(2));
    h.get_by_label("1,0 — Neri P1 A, trascritto");
    h.get_by_label("0,8 — Neri P1 A");
    h.get_by_label("11 — Neri P3 C");
    h.get_by_label("9 — Neri P3 C, rivisto");
    // Only the differences until asked for all.
    assert!(h.query_by_label("15 — Neri P1 C").is_none());
    click(&mut h, s::VERSIONS_ONLY_DIFFERENT);
    assert_eq!(h.get_all_by_label("15 — Neri P1 C").count(), 2);

    // Keeping the incoming one goes through the editor: saved, journaled, undoable.
    click(&mut h, s::KEEP_INCOMING);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let mark = |h: &Harness<App>, app: &str, c: &str| {
        h.state()
            .work()
            .unwrap()
            .editor()
            .workspace()
            .score(&member("m2"), &protocol(app), &CriterionId::new(c).unwrap())
            .map(|s| (s.value.to_string(), s.reason.clone()))
    };
    assert_eq!(
        mark(&h, "P3", "C"),
        Some(("9".into(), "Neri P3 C, rivisto".into()))
    );
    assert_eq!(
        mark(&h, "P1", "A"),
        Some(("0.8".into(), "Neri P1 A".into()))
    );
    assert!(h.query_by_label(s::VERSIONS_TITLE).is_none());
    h.get_by_label_contains("Tenuta la scheda di Marco Neri del file");
    let journal = h.state().work().unwrap().editor().journal().read().unwrap();
    assert!(
        journal
            .last()
            .is_some_and(|e| e.change == "scheda di valutazione di m2")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        mark(&h, "P1", "A"),
        Some(("1.0".into(), "Neri P1 A, trascritto".into()))
    );
}

#[test]
fn a_sheet_of_another_call_is_refused_with_its_sentence_and_writes_nothing() {
    let (tmp, office) = before_scoring();
    let (_other_tmp, sondrio) = sondrio();
    let ws = commissione::workspace::load(&sondrio).workspace.unwrap();
    let text =
        commissione::workspace::travel::export(&ws, ws.sheet(&member("tognini")).unwrap(), None)
            .unwrap();
    let file = tmp.path().join("scheda-tognini.ron");
    std::fs::write(&file, text).unwrap();
    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    let before = common::snapshot(&office);
    import_sheet(&mut h, &file);
    let refusal = commissione::workspace::travel::Refusal::ForeignCall {
        title: ws.call().title.clone(),
    };
    let expected = s::sheet_refused("scheda-tognini.ron", &refusal.to_string());
    assert_eq!(h.state().errors(), vec![expected.clone()]);
    h.get_by_label(&expected);
    common::assert_same(&before, &common::snapshot(&office));
}

#[test]
fn a_sheet_delivered_under_another_members_name_is_refused_and_writes_nothing() {
    let (_tmp, office) = before_scoring();
    let m1 = laptop(&office, "portatile-m1");
    score_on_laptop(
        &m1,
        "m1",
        "Rossi",
        &[("P1", "0.8", "0.6", "15"), ("P3", "0.6", "0.8", "12")],
    );
    // Exported from the window by its member, then saved under another member's name.
    let file = office.parent().unwrap().join("scheda-m2.ron");
    export_from_laptop(&m1, "m1", &file);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("exported_by: \"m1\""), "{text}");
    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    let before = common::snapshot(&office);
    import_sheet(&mut h, &file);
    let refusal = commissione::workspace::travel::Refusal::OtherMember {
        file: "scheda-m2.ron".into(),
        named: "m2".into(),
        inside: "m1".into(),
    };
    let expected = s::sheet_refused("scheda-m2.ron", &refusal.to_string());
    assert_eq!(h.state().errors(), vec![expected.clone()]);
    h.get_by_label(&expected);
    common::assert_same(&before, &common::snapshot(&office));
}
