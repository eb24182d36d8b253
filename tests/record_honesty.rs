//! The record says what happened, all of it and in one vocabulary (issue 13, points 2–5 and 7):
//! no session closes over files that could not be read; an exclusion nobody decided is only
//! proposed, in every output; every act a session recorded is in its verbale; a final session
//! closes over pending applications only when told so, and says so; acts with legal effect carry
//! their reasons. Read back from the PDF, the spreadsheets and the command line.

mod common;
mod minutes_common;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use commissione::domain::{
    AdmissionOutcome, Date, Decision, DocumentId, DocumentStatus, MemberId, Protocol, SessionId,
    SessionKind, Workspace,
};
use commissione::editor::{Actor, Command, Editor};
use commissione::minutes::{kept_minutes_pdf, minutes_pdf, ranking_pdf};
use commissione::rules::{Outcome, evaluate};
use common::{assert_same, edit, run, snapshot};
use minutes_common::{pages_text, squeeze};

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

fn p(text: &str) -> Protocol {
    Protocol::new(text).unwrap()
}

fn sid(text: &str) -> SessionId {
    SessionId::new(text).unwrap()
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// A fresh copy of the Sondrio sample: 2026/0006254 and 2026/0006519 fail their checks and the
/// commission has not decided on them; 2026/0006511 and 2026/0006524 it excluded in session s1.
fn sondrio() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sondrio");
    commissione::samples::write("sondrio-coworking", &dir).unwrap();
    (tmp, dir)
}

fn workspace(dir: &Path) -> Workspace {
    let loaded = commissione::workspace::load(dir);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.workspace.unwrap()
}

/// The verbale of a session as the data stand, its text with the spaces squeezed.
fn verbale(dir: &Path, session: &str) -> String {
    let pdf = minutes_pdf(&workspace(dir), &sid(session)).unwrap();
    squeeze(&pages_text(&pdf).concat())
}

/// Adds the final session s3 (open, with its end time) to the Sondrio sample.
fn with_final_session(editor: &mut Editor) {
    let mut s3 = editor.workspace().session(&sid("s2")).unwrap().clone();
    s3.id = sid("s3");
    s3.number = 3;
    s3.kind = SessionKind::Final;
    s3.date = date("2026-03-26");
    s3.notes = vec![];
    editor.apply(Command::PutSession(Box::new(s3))).unwrap();
}

#[test]
fn no_session_closes_over_an_unreadable_application_and_its_amount_is_spelled_right() {
    let (_tmp, dir) = sondrio();
    // An amount written the Italian way: the parser reads 34, the file says 34.000,00.
    edit(
        &dir.join("candidature/2026-0006391.ron"),
        "amount: \"62000.00\"",
        "amount: 34.000,00",
    );
    let (code, out, _) = run(&["check", s(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("candidature/2026-0006391.ron:24:25: l'importo 34.000,00 va scritto tra virgolette, con il punto decimale e senza separatori delle migliaia: \"34000.00\""),
        "{out}"
    );
    assert!(!out.contains("(\"34\")"), "{out}");

    let before = snapshot(&dir);
    let (code, out, err) = run(&["close", s(&dir), "--session", "s1"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("la seduta non si può chiudere"), "{err}");
    assert!(err.contains("candidature/2026-0006391.ron"), "{err}");
    assert_same(&before, &snapshot(&dir));

    // The library refuses too: the window goes through the same editor.
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    let refused = editor.apply(Command::CloseSession(sid("s2"))).unwrap_err();
    assert!(
        refused.to_string().contains("candidature/2026-0006391.ron"),
        "{refused}"
    );
    assert!(
        editor
            .workspace()
            .session(&sid("s2"))
            .unwrap()
            .seal
            .is_none()
    );
}

#[test]
fn an_exclusion_nobody_decided_is_only_proposed_in_every_format() {
    let (tmp, dir) = sondrio();
    let ev = evaluate(&workspace(&dir));
    let outcome = |id: &str| ev.application(&p(id)).unwrap().outcome;
    assert_eq!(outcome("2026/0006254"), Outcome::ExclusionProposed);
    assert_eq!(outcome("2026/0006519"), Outcome::ExclusionProposed);
    assert_eq!(outcome("2026/0006511"), Outcome::Excluded);
    assert_eq!(outcome("2026/0006524"), Outcome::Excluded);

    let (code, table, _) = run(&["rank", s(&dir)]);
    assert_eq!(code, 0);
    let line = |text: &str, id: &str| -> String {
        text.lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("no line for {id}:\n{text}"))
            .to_string()
    };
    assert!(line(&table, "2026/0006254").ends_with("esclusa (proposta)"));
    assert!(line(&table, "2026/0006511").ends_with("esclusa"));
    assert!(!line(&table, "2026/0006511").ends_with("(proposta)"));

    let (_, csv, _) = run(&["rank", s(&dir), "--format", "csv"]);
    assert!(
        line(&csv, "2026/0006254").contains(";esclusa (proposta);"),
        "{csv}"
    );
    assert!(line(&csv, "2026/0006511").contains(";esclusa;"), "{csv}");

    let (_, json, _) = run(&["rank", s(&dir), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["2026/0006254"]["outcome"], "exclusion_proposed");
    assert_eq!(json["2026/0006511"]["outcome"], "excluded");

    for format in ["xlsx", "ods"] {
        let out = tmp.path().join(format!("graduatoria.{format}"));
        let (code, _, err) = run(&["rank", s(&dir), "--format", format, "-o", s(&out)]);
        assert_eq!(code, 0, "{err}");
        let bytes = std::fs::read(&out).unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        let esito = |id: &str| {
            range
                .rows()
                .find(|r| r[2] == Data::String(id.into()))
                .map(|r| r[6].clone())
        };
        assert_eq!(
            esito("2026/0006254"),
            Some(Data::String("esclusa (proposta)".into())),
            "{format}"
        );
        assert_eq!(
            esito("2026/0006511"),
            Some(Data::String("esclusa".into())),
            "{format}"
        );
    }

    let (_, matrix, _) = run(&["rank", s(&dir), "--matrix", "--format", "csv"]);
    let total = matrix
        .lines()
        .find(|l| l.contains("2026/0006254") && l.contains(";totale;"))
        .unwrap();
    assert!(total.ends_with(";esclusa (proposta)"), "{total}");
}

#[test]
fn the_opening_verbale_counts_decisions_only_and_says_what_is_still_undecided() {
    let (_tmp, dir) = sondrio();
    let text = verbale(&dir, "s1");
    assert!(
        text.contains("risultano: ammesse 3, ammesse con riserva 1, escluse 2."),
        "{text}"
    );
    assert!(
        text.contains("Restano 2 candidature in attesa della decisione della commissione sull'ammissibilità, che non si è ancora pronunciata: per le candidature 2026/0006254 e 2026/0006519 le verifiche automatiche propongono l'esclusione."),
        "{text}"
    );
}

#[test]
fn the_scoring_verbale_reports_its_decisions_and_integrations_in_the_rankings_words() {
    let (_tmp, dir) = sondrio();
    let text = verbale(&dir, "s2");
    // The decision recorded in s2 (2026/0006160 admitted after its integration).
    assert!(
        text.contains(
            "Nel corso della seduta la commissione assume le seguenti decisioni sull'ammissibilità:"
        ),
        "{text}"
    );
    assert!(
        text.contains("Ammessa a seguito dell'integrazione del documento d'identità"),
        "{text}"
    );
    // The integration that came on 16/03, before s2: within its deadline.
    assert!(text.contains("Integrazioni documentali"), "{text}");
    assert!(
        text.contains("Documento d'identità del legale rappresentante 12/03/2026 17/03/2026 16/03/2026 nei termini"),
        "{text}"
    );
    // A single-winner lot selects: the scoring verbale says it as the ranking does.
    assert!(
        text.contains("Esito: selezionata per la co-progettazione."),
        "{text}"
    );
    assert!(!text.contains("Esito: finanziata"), "{text}");
    assert!(text.contains("Esito: idonea non selezionata."), "{text}");
}

#[test]
fn acts_recorded_in_a_scoring_session_are_in_its_verbale_with_their_reasons() {
    let (_tmp, dir) = sondrio();
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    let pedranzini = MemberId::new("pedranzini").unwrap();

    // Admitting an application whose checks fail needs a reason.
    let admit = |reason: &str| Command::Decide {
        application: p("2026/0006519"),
        decision: Some(Decision {
            outcome: AdmissionOutcome::Admitted,
            reason: reason.into(),
            session: Some(sid("s2")),
        }),
    };
    let refused = editor.apply(admit("  ")).unwrap_err().to_string();
    assert!(
        refused.contains("per ammetterla serve la motivazione"),
        "{refused}"
    );
    assert!(refused.contains("9,23%"), "{refused}");
    editor
        .apply(admit(
            "Ammessa: il RUP ha accertato un errore materiale nel piano finanziario, rettificato dal proponente.",
        ))
        .unwrap();

    // A conflict of interest is withdrawn only with its reason, never by a bare declaration.
    let bare = editor.apply(Command::Declare {
        member: pedranzini.clone(),
        application: p("2026/0006160"),
        declaration: None,
    });
    assert!(bare.unwrap_err().to_string().contains("motivazione"));
    let bare = editor.apply(Command::Declare {
        member: pedranzini.clone(),
        application: p("2026/0006160"),
        declaration: Some(None),
    });
    assert!(bare.is_err());
    let withdraw = |reason: &str| Command::WithdrawConflict {
        member: pedranzini.clone(),
        application: p("2026/0006160"),
        reason: reason.into(),
    };
    assert!(editor.apply(withdraw("")).is_err());
    editor
        .apply(withdraw(
            "La collaborazione con Retica si è conclusa nel 2024, non nel 2025 come dichiarato per errore.",
        ))
        .unwrap();
    let sheet = editor.workspace().sheet(&pedranzini).unwrap();
    assert!(!sheet.abstains(&p("2026/0006160")));
    assert_eq!(sheet.withdrawals.len(), 1);
    assert_eq!(sheet.withdrawals[0].session, Some(sid("s2")));

    // A soccorso istruttorio asked during the scoring session, on a day that is not its date,
    // and an integration after its deadline, recorded with its own date.
    let statuto = DocumentId::new("statuto").unwrap();
    editor
        .apply(Command::Document {
            application: p("2026/0006254"),
            document: statuto.clone(),
            status: Some(DocumentStatus::IntegrationRequested {
                requested_on: date("2026-03-20"),
                deadline: date("2026-03-30"),
            }),
        })
        .unwrap();
    editor
        .apply(Command::Document {
            application: p("2026/0006498"),
            document: DocumentId::new("dsan").unwrap(),
            status: Some(DocumentStatus::Integrated {
                requested_on: date("2026-03-12"),
                deadline: date("2026-03-23"),
                received_on: date("2026-03-25"),
            }),
        })
        .unwrap();
    drop(editor);

    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(
        journal.contains("ritiro della dichiarazione di conflitto di interessi di pedranzini sulla candidatura 2026/0006160"),
        "the journal has the withdrawal"
    );

    let text = verbale(&dir, "s2");
    for expected in [
        "Dichiarazioni di conflitto di interessi ritirate",
        "Arch. Marco Pedranzini ritira la dichiarazione di conflitto di interessi resa sulla candidatura 2026/0006160 (rapporto professionale",
        "con la seguente motivazione: La collaborazione con Retica si è conclusa nel 2024",
        "Ammessa: il RUP ha accertato un errore materiale",
        "Soccorso istruttorio",
        "2026/0006254 Atto costitutivo e statuto vigente 20/03/2026 30/03/2026",
        "25/03/2026 oltre il termine",
        "è pervenuta il 25/03/2026, oltre il termine del 23/03/2026 assegnato con il soccorso istruttorio: non sana la carenza.",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in {text}");
    }
    // The opening session's verbale does not report what s2 did.
    let opening = verbale(&dir, "s1");
    assert!(
        !opening.contains("2026/0006254 Atto costitutivo"),
        "{opening}"
    );
    assert!(!opening.contains("ritira la dichiarazione"), "{opening}");
}

#[test]
fn a_final_session_closes_over_pending_applications_only_when_told_and_says_which() {
    let (_tmp, dir) = sondrio();
    let mut editor = Editor::open(&dir, Actor::Secretariat).unwrap();
    with_final_session(&mut editor);
    // A decision taken in the final session is in its verbale.
    editor
        .apply(Command::Decide {
            application: p("2026/0006519"),
            decision: Some(Decision {
                outcome: AdmissionOutcome::Excluded,
                reason: "Esclusa: co-finanziamento inferiore al minimo del 10%.".into(),
                session: Some(sid("s3")),
            }),
        })
        .unwrap();
    drop(editor);

    let before = snapshot(&dir);
    let (code, out, err) = run(&["close", s(&dir), "--session", "s3"]);
    assert_eq!(code, 1, "{out}{err}");
    for named in [
        "2026/0006254 (Fondazione Valtellina Futura ETS): manca la decisione sull'ammissibilità (le verifiche propongono l'esclusione)",
        "2026/0006452 (Alpi Solidali Cooperativa Sociale Onlus): valutazione incompleta (manca il giudizio di Dott.ssa Silvia Tognini)",
        "2026/0006498",
        "--conferma-pendenti",
    ] {
        assert!(err.contains(named), "missing «{named}» in {err}");
    }
    assert!(!err.contains("2026/0006519"), "{err}");
    assert_same(&before, &snapshot(&dir));

    let (code, out, err) = run(&["close", s(&dir), "--session", "s3", "--conferma-pendenti"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Chiusura confermata con candidature in sospeso"),
        "{out}"
    );
    let pdf = dir.join("s3.pdf");
    let (code, _, err) = run(&["minutes", s(&dir), "--session", "s3", "-o", s(&pdf)]);
    assert_eq!(code, 0, "{err}");
    let text = squeeze(&pages_text(&std::fs::read(&pdf).unwrap()).concat());
    for expected in [
        "Candidature in sospeso",
        "La seduta si chiude con le seguenti candidature ancora in sospeso",
        "2026/0006254 Fondazione Valtellina Futura ETS manca la decisione sull'ammissibilità; le verifiche propongono l'esclusione",
        "valutazione incompleta: manca il giudizio di Dott.ssa Silvia Tognini",
        "Esclusa: co-finanziamento inferiore al minimo del 10%.",
        // The ranking's others: an exclusion not decided is said as such.
        "esclusa (proposta) in attesa di decisione della commissione sull'ammissibilità",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in {text}");
    }
}

#[test]
fn the_public_ranking_publishes_only_what_the_commission_decided() {
    let (_tmp, dir) = sondrio();
    let pdf = ranking_pdf(&workspace(&dir)).unwrap();
    let text = squeeze(&pages_text(&pdf).concat());
    let others = text
        .split("Candidature non in graduatoria:")
        .nth(1)
        .expect("the table of the others");
    let (decided, pending) = others
        .split_once("Candidature sulle quali la commissione non si è ancora pronunciata")
        .expect("the pending ones, apart");
    assert!(decided.contains("2026/0006511"), "{decided}");
    assert!(decided.contains("2026/0006524"), "{decided}");
    assert!(!decided.contains("2026/0006254"), "{decided}");
    assert!(!decided.contains("2026/0006519"), "{decided}");
    assert!(!decided.contains("proposta"), "{decided}");
    assert!(
        pending
            .contains("2026/0006254 Fondazione Valtellina Futura ETS decisione sull'ammissibilità"),
        "{pending}"
    );
    assert!(
        pending.contains(
            "2026/0006452 Alpi Solidali Cooperativa Sociale Onlus completamento della valutazione"
        ),
        "{pending}"
    );
    assert!(!pending.contains("esclusa"), "{pending}");
}

#[test]
fn a_verbale_kept_before_acts_had_their_own_part_still_reads() {
    // A record as an earlier version kept it: the opening's decisions and soccorso inside its
    // business, no `acts`, no `pending`. Its bytes must read back to themselves (the seal).
    let (_tmp, dir) = sondrio();
    let ws = workspace(&dir);
    let mut record = commissione::record::session_record(&ws, &evaluate(&ws), &sid("s1")).unwrap();
    let acts = std::mem::take(&mut record.acts);
    record.pending = Default::default();
    let commissione::record::Business::Opening(opening) = &mut record.business else {
        panic!("s1 opens the applications");
    };
    opening.decisions = acts.decisions;
    opening.soccorso = acts.soccorso;
    let bytes = serde_json::to_vec(&record).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!text.contains("\"acts\"") && !text.contains("\"pending\""));
    let seal = commissione::domain::Seal {
        sha256: commissione::seal::sha256_hex(&bytes),
        closed_at: commissione::domain::Moment::parse("2026-03-12T12:15:00+01:00").unwrap(),
        // A seal of that earlier version: the record's hash alone.
        record: None,
        journal: None,
        pdf: None,
        covers: vec![],
    };
    let pdf = kept_minutes_pdf(&bytes, &seal).unwrap();
    let text = squeeze(&pages_text(&pdf).concat());
    assert!(text.contains("escluse 2"), "{text}");
    assert!(
        text.contains("Esclusa: la candidatura è pervenuta via PEC"),
        "{text}"
    );
    assert!(
        text.contains("2026/0006498 Dichiarazione sostitutiva"),
        "{text}"
    );
}
