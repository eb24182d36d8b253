//! The verbale and the public ranking, read back from the PDF: what they say, how they are
//! paginated, and that the same data gives the same bytes.

mod minutes_common;

use commissione::minutes::{
    MinutesError, minutes_pdf, minutes_pdf_at, ranking_pdf, render_minutes, render_ranking_at,
    seal_in_pdf, stamp_in_pdf,
};
use commissione::record::session_record;
use commissione::rules::evaluate;
use commissione::seal::seal;
use minutes_common::*;

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

#[test]
fn the_scoring_verbale_of_example_a_has_every_coefficient_and_the_totals() {
    let dir = example_a();
    let ws = workspace(dir.path());
    let pdf = minutes_pdf(&ws, &sid("s2")).unwrap();
    let pages = pages_text(&pdf);
    let text = squeeze(&pages.concat());
    for expected in [
        "COMUNE DI ESEMPIO",
        "VERBALE N. 2",
        "L'anno duemilaventisei, il giorno ventuno del mese di novembre, alle ore dieci e trenta",
        "Determinazione dirigenziale n. 1 del 06/03/2026",
        "87,73",
        "78,81",
        "72,24",
        "29,33",
        "40,00",
        "media 0,7333",
        "Giulia Russo si astiene dalla valutazione di questa proposta",
        "Valutazione di m2 sul criterio B della proposta P3.",
        "€ 146.000,00",
        "Letto, confermato e sottoscritto.",
        "cause di incompatibilità rispetto a tutte le candidature",
        "Del che è verbale.",
        "Proposta: «Proposta P1».",
        "Il Segretario verbalizzante Paolo Bruni",
        "Alle ore tredici e cinque il Presidente dichiara chiusa la seduta.",
    ] {
        assert!(text.contains(expected), "missing «{expected}»");
    }
    // Each member's coefficient on each application and criterion, read from the sheets: the
    // member and the mark, then the reason (which names the criterion and the proposal).
    for member in ["m1", "m2", "m3"] {
        let sheet = ws
            .sheet(&commissione::domain::MemberId::new(member).unwrap())
            .unwrap();
        let name = &ws.commission().member(&sheet.member).unwrap().name;
        for score in &sheet.scores {
            let value = commissione::italian::number(score.value());
            let head = format!("{name}: {value}");
            let reason = squeeze(score.reason.trim());
            let found = text.match_indices(&head).any(|(at, _)| {
                let after = &text[at + head.len()..];
                after
                    .find(". ")
                    .is_some_and(|end| after[end + 2..].starts_with(&reason))
            });
            assert!(found, "missing «{head}» followed by «{reason}»");
        }
    }
}

#[test]
fn pages_are_counted_and_footed() {
    let dir = example_a();
    let ws = workspace(dir.path());
    let pdf = minutes_pdf(&ws, &sid("s2")).unwrap();
    let pages = pages_text(&pdf);
    let n = page_count(&pdf);
    assert_eq!(pages.len(), n);
    assert!(n >= 2);
    let evaluation = evaluate(&ws);
    let computed = seal(&session_record(&ws, &evaluation, &sid("s2")).unwrap());
    for (i, page) in pages.iter().enumerate() {
        let page = squeeze(page);
        assert!(
            page.contains(&format!("Pagina {} di {n}", i + 1)),
            "page {}",
            i + 1
        );
        assert!(page.contains(&computed), "seal on page {}", i + 1);
        assert!(page.contains("Comune di Esempio – Verbale n. 2 del 21/11/2026"));
    }
    assert_eq!(seal_in_pdf(&pdf).as_deref(), Some(computed.as_str()));
}

#[test]
fn the_final_verbale_and_the_ranking_speak_in_euro() {
    let dir = example_a();
    let ws = workspace(dir.path());
    let text = squeeze(&pages_text(&minutes_pdf(&ws, &sid("s3")).unwrap()).concat());
    for expected in [
        "Risorse disponibili per il lotto: € 131.760,00",
        "€ 146.400,00",
        "selezionata per la co-progettazione",
        "€ 96.000,00",
        "87,73",
        "esclusa",
        "Seduta pubblica conclusiva del 28/11/2026",
    ] {
        assert!(text.contains(expected), "missing «{expected}»");
    }
    let ranking = squeeze(&pages_text(&ranking_pdf(&ws).unwrap()).concat());
    for expected in [
        "GRADUATORIA",
        "€ 131.760,00",
        "87,73",
        "78,81",
        "72,24",
        "Pagina 1 di 1",
    ] {
        assert!(ranking.contains(expected), "missing «{expected}»");
    }
}

#[test]
fn the_opening_verbale_lists_what_was_received_and_decided() {
    let dir = example_a();
    edit(
        dir.path(),
        "candidature/P4.ron",
        "session: None",
        "session: \"s1\"",
    );
    edit(
        dir.path(),
        "avviso.ron",
        "required_documents: []",
        "required_documents: [(id: \"domanda\", title: \"Domanda di partecipazione (Allegato A)\", mandatory: true)]",
    );
    for p in ["P1", "P2", "P4"] {
        edit(
            dir.path(),
            &format!("candidature/{p}.ron"),
            "documents: []",
            "documents: [(document: \"domanda\", status: Present)]",
        );
    }
    edit(
        dir.path(),
        "candidature/P3.ron",
        "documents: []",
        "documents: [(document: \"domanda\", status: IntegrationRequested(requested_on: \"2026-03-10\", deadline: \"2026-03-20\"))]",
    );
    let ws = workspace(dir.path());
    let text = squeeze(&pages_text(&minutes_pdf(&ws, &sid("s1")).unwrap()).concat());
    for expected in [
        "Candidature pervenute",
        "sono pervenute 4 candidature",
        "02/03/2026 10:15:00",
        "Associazione P1 (associazione di promozione sociale)",
        "Co-finanziamento inferiore al minimo del 10%.",
        "escluse 1",
        "Soccorso istruttorio",
        "Domanda di partecipazione (Allegato A)",
        "20/03/2026",
        "in seduta pubblica",
    ] {
        assert!(text.contains(expected), "missing «{expected}»");
    }
}

#[test]
fn two_exports_in_one_process_are_byte_identical() {
    let dir = example_a();
    let ws = workspace(dir.path());
    // A draft is dated by its export: the same moment gives the same bytes.
    let drafted = commissione::domain::Moment::parse("2026-12-01T16:20:05+01:00").unwrap();
    for s in ["s1", "s2", "s3"] {
        let a = minutes_pdf_at(&ws, &sid(s), drafted).unwrap();
        let b = minutes_pdf_at(&ws, &sid(s), drafted).unwrap();
        assert!(a == b, "{s}: two exports differ");
    }
    let record = commissione::record::ranking_record(&ws, &evaluate(&ws));
    assert!(
        render_ranking_at(&record, drafted).unwrap()
            == render_ranking_at(&record, drafted).unwrap()
    );
    // The identifier comes from the file's own hash, not from a random generator.
    let pdf = minutes_pdf(&ws, &sid("s2")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    let first = id[0].as_str().unwrap();
    assert_eq!(first.len(), 16);
    assert!(first.iter().any(|&b| b != 0));
}

#[test]
fn the_metadata_come_from_the_session() {
    let dir = example_a();
    let ws = workspace(dir.path());
    // An open session's verbale is a draft, dated when it is exported (a closed one by its
    // closing: tests/documents_pdfa.rs).
    let drafted = commissione::domain::Moment::parse("2026-11-21T13:05:00+01:00").unwrap();
    let pdf = minutes_pdf_at(&ws, &sid("s2"), drafted).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20261121130500+01'00'"
    );
    for key in [&b"Title"[..], b"Author", b"Subject", b"Keywords"] {
        assert!(info.has(key), "{}", String::from_utf8_lossy(key));
    }
    let stamp = stamp_in_pdf(&pdf).unwrap();
    assert_eq!(stamp.kind, "verbale");
    assert_eq!(stamp.session, Some(sid("s2")));
}

#[test]
fn long_reasons_and_sixty_applications_continue_with_the_header_repeated() {
    let dir = many(60, 180);
    let ws = workspace(dir.path());
    assert_eq!(ws.applications().len(), 60);

    // The opening session's table of the applications received.
    let pdf = minutes_pdf(&ws, &sid("s1")).unwrap();
    let pages = pages_text(&pdf);
    let with_rows: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("Cooperativa sociale «Il Ponte»"))
        .collect();
    assert!(with_rows.len() >= 3, "{} pages", with_rows.len());
    for page in &with_rows {
        assert!(squeeze(page).contains("N. Protocollo Pervenuta il Soggetto proponente"));
    }
    for i in 5..=60 {
        assert!(
            squeeze(&pages.concat()).contains(&format!("«Il Ponte» n. {i}")),
            "application {i}"
        );
    }

    // The scoring session: reasons of 180 words each make rows that break across pages.
    let pdf = minutes_pdf(&ws, &sid("s2")).unwrap();
    let pages = pages_text(&pdf);
    let n = pages.len();
    assert_eq!(n, page_count(&pdf));
    assert!(n > 60, "{n} pages");
    let mut continued = 0;
    for (i, page) in pages.iter().enumerate() {
        let page = squeeze(page);
        assert!(page.contains(&format!("Pagina {} di {n}", i + 1)));
        if page.contains("coerente con gli obiettivi") {
            assert!(
                page.contains("Criterio Componente, valutazione e motivazione"),
                "page {} continues a table without its header",
                i + 1
            );
            continued += 1;
        }
    }
    assert!(continued > 30);
}

#[test]
fn a_closed_session_prints_its_seal_and_refuses_changed_data() {
    let dir = example_a();
    let ws = workspace(dir.path());
    let computed = seal(&session_record(&ws, &evaluate(&ws), &sid("s2")).unwrap());
    edit(
        dir.path(),
        "sedute/s2.ron",
        "seal: None",
        &format!("seal: (sha256: \"{computed}\", closed_at: \"2026-11-21T13:05:00+01:00\")"),
    );
    let ws = workspace(dir.path());
    let pdf = minutes_pdf(&ws, &sid("s2")).unwrap();
    let text = squeeze(&pages_text(&pdf).concat());
    assert!(text.contains(&format!(
        "Sigillo SHA-256 (seduta chiusa il 21/11/2026 alle 13:05): {computed}"
    )));
    assert!(!text.contains("BOZZA"));

    edit(
        dir.path(),
        "schede/m2.ron",
        "value: \"0.6\"",
        "value: \"0.8\"",
    );
    let ws = workspace(dir.path());
    match minutes_pdf(&ws, &sid("s2")) {
        Err(MinutesError::SealMismatch { stored, .. }) => assert_eq!(stored, computed),
        other => panic!("expected a seal mismatch, got {:?}", other.map(|b| b.len())),
    }
    let stored = ws.session(&sid("s2")).unwrap().seal.clone();
    let record = session_record(&ws, &evaluate(&ws), &sid("s2")).unwrap();
    assert!(render_minutes(&record, stored.as_ref()).is_err());
}

#[test]
fn the_public_ranking_has_no_personal_data() {
    let dir = example_a();
    edit(
        dir.path(),
        "candidature/P2.ron",
        "representative: \"\"",
        "representative: \"Giovanni Pini\"",
    );
    edit(
        dir.path(),
        "candidature/P2.ron",
        "pec: \"\"",
        "pec: \"p2@pec.example.it\"",
    );
    let ws = workspace(dir.path());
    let text = squeeze(&pages_text(&ranking_pdf(&ws).unwrap()).concat());
    assert!(text.contains("Associazione P2"));
    for personal in [
        "Giovanni Pini",
        "p2@pec.example.it",
        "12345679190",
        "Anna Verdi",
        "Marco Neri",
        "Valutazione di m1",
        "0,8",
    ] {
        assert!(
            !text.contains(personal),
            "«{personal}» in the public ranking"
        );
    }
}

#[test]
fn qpdf_finds_nothing_wrong() {
    if !tool("qpdf") {
        eprintln!("qpdf non installato: controllo saltato");
        return;
    }
    let dir = many(12, 40);
    let ws = workspace(dir.path());
    let out = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for s in ["s1", "s2", "s3"] {
        let path = out.path().join(format!("{s}.pdf"));
        std::fs::write(&path, minutes_pdf(&ws, &sid(s)).unwrap()).unwrap();
        files.push(path);
    }
    let path = out.path().join("graduatoria.pdf");
    std::fs::write(&path, ranking_pdf(&ws).unwrap()).unwrap();
    files.push(path);
    for f in files {
        let check = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&f)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && report.contains("No syntax or stream encoding errors"),
            "{}: {report}{}",
            f.display(),
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

#[test]
fn the_record_that_takes_the_reasons_over_is_the_record_that_copies_them() {
    let dir = many(12, 30);
    for session in ["s1", "s2", "s3"] {
        let ws = workspace(dir.path());
        let copied = session_record(&ws, &evaluate(&ws), &sid(session)).unwrap();
        // A workspace loaded on its own, so that its sheets are not shared and the reasons
        // really move.
        let own = workspace(dir.path());
        let taken = commissione::record::session_record_taking(own, &sid(session))
            .expect("the reasons read back")
            .unwrap();
        assert_eq!(taken, copied, "session {session}");
        assert_eq!(seal(&taken), seal(&copied));
    }
    let ws = workspace(dir.path());
    let record = session_record(&ws, &evaluate(&ws), &sid("s2")).unwrap();
    let reasons = match &record.business {
        commissione::record::Business::Scoring(s) => s
            .lots
            .iter()
            .flat_map(|l| &l.applications)
            .flat_map(|a| &a.criteria)
            .flat_map(|c| &c.marks)
            .filter(|m| m.reason.split_whitespace().count() >= 30)
            .count(),
        _ => 0,
    };
    assert!(
        reasons > 12,
        "the scoring record has its long reasons: {reasons}"
    );
}

#[test]
fn the_record_that_takes_the_marks_over_is_the_same_over_interleaved_lots() {
    // Five lots whose protocols alternate, some applications excluded, a member abstaining
    // here and there: the marks are taken in the order of the protocols, not lot by lot.
    use commissione::samples::large::{Size, generate};
    let size = Size {
        applications: 90,
        lots: 5,
        members: 4,
        criteria: 6,
        seed: 7,
    };
    let ws = generate(size).unwrap();
    let copied = session_record(&ws, &evaluate(&ws), &sid("s2")).unwrap();
    let lots = match &copied.business {
        commissione::record::Business::Scoring(s) => s.lots.clone(),
        _ => panic!("s2 is a scoring session"),
    };
    assert!(lots.iter().filter(|l| !l.applications.is_empty()).count() >= 2);
    assert!(
        lots.iter()
            .flat_map(|l| &l.applications)
            .flat_map(|a| &a.criteria)
            .flat_map(|c| &c.marks)
            .all(|m| !m.reason.is_empty())
    );
    let own = generate(size).unwrap();
    let taken = commissione::record::session_record_taking(own, &sid("s2"))
        .expect("the reasons read back")
        .unwrap();
    assert_eq!(taken, copied);
    assert_eq!(seal(&taken), seal(&copied));
}

#[test]
fn marks_taken_leave_their_sheets_empty_unless_the_sheets_are_shared() {
    let dir = example_a();
    let (m, p, c) = (
        commissione::domain::MemberId::new("m1").unwrap(),
        commissione::domain::Protocol::new("P1").unwrap(),
        commissione::domain::CriterionId::new("A").unwrap(),
    );
    let mut ws = workspace(dir.path());
    let reason = ws.score(&m, &p, &c).unwrap().reason.clone();
    assert!(!reason.trim().is_empty());
    let shared = ws.clone();
    let taken = ws.take_scores();
    let mine = |taken: &[(
        commissione::domain::MemberId,
        Vec<commissione::domain::Score>,
    )]| {
        taken
            .iter()
            .find(|(member, _)| member == &m)
            .and_then(|(_, scores)| {
                scores
                    .iter()
                    .find(|s| s.application == p && s.criterion == c)
            })
            .map(|s| s.reason.clone())
    };
    assert_eq!(mine(&taken), Some(reason.clone()));
    // The clone held the same sheets: they are copied from, not emptied.
    assert_eq!(shared.score(&m, &p, &c).unwrap().reason, reason);
    drop(shared);
    let again = ws.take_scores();
    assert_eq!(mine(&again), Some(reason));
    assert!(ws.score(&m, &p, &c).is_none());
    assert!(ws.take_scores().iter().all(|(_, scores)| scores.is_empty()));
}

/// The tables of a tagged PDF: for each, the number of header cells of its first row and the
/// number of rows after it.
fn tables(pdf: &[u8]) -> Vec<(usize, usize)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let kids = |d: &lopdf::Dictionary, kind: &[u8]| -> Vec<lopdf::Dictionary> {
        let list = match d.get(b"K") {
            Ok(lopdf::Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        list.iter()
            .filter_map(|k| match k {
                lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
                lopdf::Object::Dictionary(d) => Some(d.clone()),
                _ => None,
            })
            .filter(|k| k.get(b"S").and_then(|s| s.as_name()).ok() == Some(kind))
            .collect()
    };
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(&b"Table"[..]))
        .map(|t| {
            let rows = kids(t, b"TR");
            let headers = rows.first().map_or(0, |r| kids(r, b"TH").len());
            (headers, rows.len().saturating_sub(1))
        })
        .collect()
}

#[test]
fn the_members_marks_are_a_row_per_criterion_not_a_row_per_mark() {
    use commissione::record::{Business, Method};
    let dir = many(12, 5);
    let ws = workspace(dir.path());
    let record = session_record(&ws, &evaluate(&ws), &sid("s2")).unwrap();
    let Business::Scoring(scoring) = &record.business else {
        panic!("a scoring session");
    };
    let (mut groups, mut marks) = (0, 0);
    for a in scoring.lots.iter().flat_map(|l| &l.applications) {
        for (c, r) in scoring.criteria.iter().zip(&a.criteria) {
            if matches!(c.method, Method::Coefficient | Method::Points) && !r.marks.is_empty() {
                groups += 1;
                marks += r.marks.len();
            }
        }
    }
    assert!(
        marks >= 2 * groups && groups >= 20,
        "{groups} groups, {marks} marks"
    );
    let pdf = minutes_pdf(&ws, &sid("s2")).unwrap();
    let text = squeeze(&pages_text(&pdf).concat());
    assert!(text.contains("Criterio Componente, valutazione e motivazione"));
    // A row and four cells per mark brought a 10,000-application verbale (1.4 million marks)
    // within 5% of the objects PDF/A allows: the members' marks (the only tables of two
    // columns here) are a row of two cells per criterion of an application, whatever the
    // number of members.
    let rows: usize = tables(&pdf)
        .iter()
        .filter(|(headers, _)| *headers == 2)
        .map(|(_, rows)| rows)
        .sum();
    assert_eq!(rows, groups, "{marks} marks");
}
