//! The seal anchors the journal: a seal removed by hand, a journal shortened, deleted or
//! rewritten before a closing, an item dropped from what a session fixed are caught by
//! `verify DIR` and `registro DIR`; `check` and `rank` say loudly when data a closed session
//! fixed changed without a rettifica.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use commissione::domain::{CriterionId, MemberId, Points, Protocol, SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use commissione::workspace::journal::{Entry, Journal};
use common::{fixture, run, session};

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn score(member: &str, app: &str, criterion: &str, value: &str) -> Command {
    Command::Score {
        member: MemberId::new(member).expect("id"),
        application: Protocol::new(app).expect("id"),
        criterion: CriterionId::new(criterion).expect("id"),
        value: Some(Points::parse(value).expect("points")),
        reason: "Rivalutazione.".into(),
    }
}

/// Example A: a session added, a score given, the session closed: the journal has five
/// entries, the last three the closing's files, the very last one carrying the seal.
fn closed_with_journal() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::ReservedScoring,
            "2026-03-10",
        ))))
        .expect("session added");
    editor.apply(score("m1", "P1", "A", "0.8")).expect("scored");
    editor
        .apply(Command::CloseSession(SessionId::new("s1").expect("id")))
        .expect("closed");
    (tmp, dir)
}

fn entries(dir: &Path) -> Vec<Entry> {
    Journal::of(dir).read().expect("an intact journal")
}

/// Both commands find the problem: exit 1, and the sentence.
fn caught(dir: &Path, words: &str) {
    let (code, out, err) = run(&["verify", p(dir)]);
    assert_eq!(code, 1, "verify: {out}{err}");
    assert!(out.contains(words), "verify: {out}");
    let (code, out, err) = run(&["registro", p(dir)]);
    assert_eq!(code, 1, "registro: {out}{err}");
    assert!(out.contains(words), "registro: {out}");
}

#[test]
fn the_seal_records_the_journal_head_and_the_closing_entry_carries_it() {
    let (_tmp, dir) = closed_with_journal();
    let ws = commissione::workspace::load(&dir).workspace.expect("loads");
    let seal = ws
        .session(&SessionId::new("s1").expect("id"))
        .and_then(|s| s.seal.clone())
        .expect("sealed");
    let journal = entries(&dir);
    // The session, the score, then the closing as one transaction: the kept record, the
    // sealed verbale and the session file, the last entry carrying the seal.
    assert_eq!(journal.len(), 5);
    let head = seal.journal.clone().expect("the head at closing");
    assert_eq!(
        (head.seq, head.hash.as_str()),
        (2, journal[1].hash.as_str())
    );
    assert!(journal[4].change.contains(&seal.sha256), "{:?}", journal[4]);
    assert!(commissione::seal::seal_is_consistent(&seal));
    let (code, out, _) = run(&["verify", p(&dir)]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run(&["registro", p(&dir)]);
    assert_eq!(code, 0, "{out}");
    // The closing's after is its seal, a fingerprint per item fixed: cut short, unless asked
    // whole.
    let after = &journal[4].after;
    assert!(after.chars().count() > 400, "{after}");
    assert!(!out.contains(after.as_str()), "{out}");
    assert!(
        out.contains("caratteri: per intero con --completo, o in registro.ron]"),
        "{out}"
    );
    let (code, whole, _) = run(&["registro", p(&dir), "--completo"]);
    assert_eq!(code, 0, "{whole}");
    assert!(whole.contains(&format!("    dopo:  {after}\n")), "{whole}");
}

#[test]
fn a_seal_removed_by_hand_is_caught() {
    let (_tmp, dir) = closed_with_journal();
    let loaded = commissione::workspace::load(&dir);
    let mut s1 = loaded
        .workspace
        .as_ref()
        .and_then(|ws| ws.session(&SessionId::new("s1").expect("id")).cloned())
        .expect("s1");
    s1.seal = None;
    // Written as a hand would: not through the editor, not journaled.
    commissione::workspace::Store::new(&dir, loaded.sources)
        .save_session(&s1)
        .expect("written");
    // Now the editor lets a fixed score change, as nothing says it is fixed.
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    editor
        .apply(score("m2", "P1", "A", "0.2"))
        .expect("accepted");
    drop(editor);
    caught(
        &dir,
        "il suo file non ha più il sigillo: è stato tolto a mano",
    );
    let (code, out, _) = run(&["check", p(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("tolto a mano"), "{out}");
}

#[test]
fn a_journal_cut_short_or_deleted_is_caught() {
    let (_tmp, dir) = closed_with_journal();
    let path = dir.join("registro.ron");
    let text = fs::read_to_string(&path).expect("journal");

    // The last line removed: the closing is gone from the journal.
    let last = text.trim_end().rfind('\n').expect("lines") + 1;
    fs::write(&path, &text[..last]).expect("cut");
    caught(&dir, "registro non riporta la chiusura della seduta «s1»");

    // Only its final newline removed: the closing entry reads as an interrupted append.
    fs::write(&path, text.trim_end()).expect("cut");
    caught(&dir, "registro non riporta la chiusura della seduta «s1»");

    // Only the first entry kept: the journal is shorter than when the session closed.
    let first = text
        .lines()
        .take_while(|l| !l.contains("seq:2,"))
        .map(|l| l.len() + 1)
        .sum::<usize>();
    fs::write(&path, &text[..first]).expect("cut");
    caught(&dir, "registro contava 2 voci, ora ne conta 1");

    // The whole journal deleted.
    fs::remove_file(&path).expect("deleted");
    caught(&dir, "cancellato o svuotato");
}

#[test]
fn a_journal_rewritten_with_its_hashes_recomputed_is_caught() {
    let (_tmp, dir) = closed_with_journal();
    let old = entries(&dir);
    fs::remove_file(dir.join("registro.ron")).expect("rewritten below");
    // Every entry again, the second one changed, the chain recomputed: it holds on its own.
    let journal = Journal::of(&dir);
    for e in &old {
        let change = if e.seq == 2 {
            "punteggio di m1 su P1, criterio A: 1,0".to_string()
        } else {
            e.change.clone()
        };
        journal
            .append(e.at, &e.who, &e.file, &change, &e.before, &e.after)
            .expect("append");
    }
    assert_eq!(entries(&dir).len(), 5, "the rewritten chain holds");
    caught(&dir, "registro è stato riscritto: la voce n. 2");
}

#[test]
fn an_item_dropped_from_what_the_session_fixed_is_caught() {
    let (_tmp, dir) = closed_with_journal();
    let file = dir.join("sedute/s1.ron");
    let text = fs::read_to_string(&file).expect("session");
    let start = text
        .find("item: \"valutazione:P1:m2\"")
        .expect("the cover of m2's scores on P1");
    let open = text[..start].rfind('(').expect("its opening");
    let close = start + text[start..].find("),").expect("its end") + 2;
    let line_start = text[..open].rfind('\n').expect("a line") + 1;
    let line_end = close + text[close..].find('\n').expect("a line");
    let dropped = format!("{}{}", &text[..line_start], &text[line_end + 1..]);
    fs::write(&file, dropped).expect("one item dropped");
    // Then that score is changed by hand: nothing listed would notice.
    common::edit(
        &dir.join("schede/m2.ron"),
        "value: \"0.6\"",
        "value: \"1.0\"",
    );
    let (code, out, _) = run(&["verify", p(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("non corrisponde alle sue parti"), "{out}");
}

#[test]
fn check_and_rank_say_loudly_when_fixed_data_changed_without_a_rettifica() {
    let (_tmp, dir) = closed_with_journal();
    let (code, out, _) = run(&["check", p(&dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("ATTENZIONE"), "{out}");
    common::edit(
        &dir.join("schede/m2.ron"),
        "value: \"0.6\"",
        "value: \"1.0\"",
    );
    let (code, out, _) = run(&["check", p(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("ATTENZIONE"), "{out}");
    assert!(
        out.contains("MODIFICATO DOPO LA CHIUSURA DELLA SEDUTA «s1» (verbale n. 1) SENZA RETTIFICA: i punteggi di m2 sulla candidatura P1"),
        "{out}"
    );
    let (code, out, err) = run(&["rank", p(&dir)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("ATTENZIONE"), "{err}");
    assert!(
        err.contains("i punteggi di m2 sulla candidatura P1"),
        "{err}"
    );
    assert!(
        !out.contains("ATTENZIONE"),
        "the ranking itself stays clean: {out}"
    );
}
