//! A character Liberation Serif cannot draw is drawn in the embedded fallback (DejaVu Serif),
//! never printed as "?"; one that no embedded face draws refuses the document with an Italian
//! message naming the field. A verbale that needs no fallback embeds only Liberation Serif, and
//! every verbale is the same, byte for byte, from the same data.

mod minutes_common;

use commissione::minutes::{MinutesError, minutes_pdf, minutes_pdf_at};
use minutes_common::*;

/// The names of the fonts a PDF embeds (their /BaseFont).
fn fonts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Font"))
        .filter_map(|d| d.get(b"BaseFont").ok()?.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn armenian_and_logic_symbols_are_drawn_in_the_fallback_font() {
    let dir = example_a();
    // An applicant's name in Armenian, a title with an arrow: Liberation Serif has neither.
    edit(
        dir.path(),
        "candidature/P1.ron",
        "Associazione P1",
        "Associazione Արարատ",
    );
    edit(
        dir.path(),
        "candidature/P1.ron",
        "Proposta P1",
        "Proposta P1 ⇒ quartiere",
    );
    let ws = workspace(dir.path());
    // A draft is dated by its export: one fixed moment, so that the bytes can be compared.
    let drafted = commissione::domain::Moment::parse("2026-12-01T16:20:05+01:00").unwrap();
    let pdf = minutes_pdf_at(&ws, &sid("s1"), drafted).unwrap();
    let text = squeeze(&pages_text(&pdf).concat());
    assert!(text.contains("Associazione Արարատ"), "{text}");
    assert!(!text.contains("Associazione ??????"), "{text}");
    let names = fonts(&pdf);
    assert!(
        names.iter().any(|n| n.ends_with("+DejaVuSerif")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("+LiberationSerif")),
        "{names:?}"
    );
    // The same data, the same bytes.
    assert_eq!(minutes_pdf_at(&ws, &sid("s1"), drafted).unwrap(), pdf);
    // Still PDF/A-2a with the fallback faces: CIDSet, widths and ToUnicode for them too.
    minutes_common::pdfa::assert_pdfa("verbale con DejaVu Serif", &pdf);
    if tool("pdftotext") {
        let path = dir.path().join("v.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains("Արարատ"), "{shown}");
        assert!(shown.contains("⇒"), "{shown}");
    } else {
        eprintln!("pdftotext non è installato: la lettura con poppler è saltata");
    }
}

#[test]
fn a_verbale_without_such_characters_embeds_only_liberation_serif() {
    let dir = example_a();
    let ws = workspace(dir.path());
    for session in ["s1", "s2", "s3"] {
        let names = fonts(&minutes_pdf(&ws, &sid(session)).unwrap());
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            names.iter().all(|n| n.contains("+LiberationSerif")),
            "{names:?}"
        );
    }
}

#[test]
fn a_character_no_embedded_font_draws_refuses_the_verbale_naming_the_field() {
    let dir = example_a();
    edit(
        dir.path(),
        "candidature/P2.ron",
        "Associazione P2",
        "Associazione 🙂 P2",
    );
    let ws = workspace(dir.path());
    let error = minutes_pdf(&ws, &sid("s1")).unwrap_err();
    assert!(
        matches!(
            error,
            MinutesError::Undrawable {
                character: '🙂',
                ..
            }
        ),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.starts_with("il documento non è stato scritto: il campo «"),
        "{text}"
    );
    assert!(text.contains("candidatura P2"), "{text}");
    assert!(text.contains("«Associazione 🙂 P2»"), "{text}");
    assert!(text.contains("(U+1F642)"), "{text}");
    // From the command line: exit 1, the message, and no file.
    let out = dir.path().join("verbale.pdf");
    let (code, _, err) = run(&[
        "minutes".as_ref(),
        dir.path().as_os_str(),
        "--session".as_ref(),
        "s1".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nessuno dei caratteri tipografici incorporati"),
        "{err}"
    );
    assert!(!out.exists());
}
