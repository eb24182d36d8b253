//! The verbali and the public ranking as PDF/A-2a: every requirement of ISO 19005-2 listed in
//! `minutes_common::pdfa` checked on the files, poppler's own reading of the tags and the
//! metadata, the dates the documents carry, and the layout rules (a heading never alone at the
//! foot of a page, the signatures never without the closing formula).

mod minutes_common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use commissione::domain::Moment;
use commissione::minutes::{minutes_pdf_at, ranking_pdf, stamp_in_pdf};
use minutes_common::pdfa::{assert_pdfa, page_texts, tagged_lines};
use minutes_common::*;

fn moment(text: &str) -> Moment {
    Moment::parse(text).unwrap()
}

fn info_text(pdf: &[u8], key: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(id).unwrap();
    String::from_utf8_lossy(info.get(key).unwrap().as_str().unwrap()).into_owned()
}

fn pdfinfo(path: &Path, args: &[&str]) -> Option<String> {
    if !tool("pdfinfo") {
        eprintln!("pdfinfo non installato: controllo saltato");
        return None;
    }
    let out = Command::new("pdfinfo")
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_verbali_and_the_ranking_are_pdfa_2a() {
    let dir = many(6, 30);
    let ws = workspace(dir.path());
    let out = tempfile::tempdir().unwrap();
    let drafted = moment("2026-12-01T16:20:05+01:00");
    let mut files = Vec::new();
    for s in ["s1", "s2", "s3"] {
        let pdf = minutes_pdf_at(&ws, &sid(s), drafted).unwrap();
        assert_pdfa(s, &pdf);
        let path = out.path().join(format!("{s}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        files.push(path);
    }
    let ranking = ranking_pdf(&ws).unwrap();
    assert_pdfa("graduatoria", &ranking);
    let path = out.path().join("graduatoria.pdf");
    std::fs::write(&path, &ranking).unwrap();
    files.push(path);
    for f in &files {
        let Some(info) = pdfinfo(f, &[]) else { return };
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("Metadata Stream: yes"), "{info}");
        assert!(info.contains("PDF version:     1.7"), "{info}");
    }
    // Poppler reads the structure: headings, tables with header cells, lists, the text.
    let tree = pdfinfo(&files[1], &["-struct-text"]).unwrap();
    for expected in [
        "Document",
        "H1 (block)",
        "\"VERBALE N. 2\"",
        "H2 (block)",
        "\"Criteri di valutazione\"",
        "H3 (block)",
        "Table (block)",
        "TH:",
        "/Scope /Column",
        "\"Criterio\"",
        "TD",
        "L (block)",
        "LI",
        "LBody",
    ] {
        assert!(
            tree.contains(expected),
            "«{expected}» not in the structure:\n{tree}"
        );
    }
    // Lines of a paragraph are read with a space between them.
    assert!(tree.contains("si è riunita in seduta riservata"), "{tree}");
    // The footer and the repeated headers are artifacts: not in the structure.
    assert!(!tree.contains("Pagina 1 di"), "the footer is tagged");
}

#[test]
fn a_draft_is_dated_by_its_export_and_the_same_moment_gives_the_same_bytes() {
    let dir = example_a();
    let ws = workspace(dir.path());
    let drafted = moment("2026-12-01T16:20:05+01:00");
    let a = minutes_pdf_at(&ws, &sid("s2"), drafted).unwrap();
    let b = minutes_pdf_at(&ws, &sid("s2"), drafted).unwrap();
    assert!(a == b, "two drafts of one moment differ");
    assert_eq!(info_text(&a, b"CreationDate"), "D:20261201162005+01'00'");
    assert_eq!(info_text(&a, b"ModDate"), "D:20261201162005+01'00'");
    let stamp = stamp_in_pdf(&a).unwrap();
    assert_eq!(stamp.issued, Some(drafted));
    // From the command line: the moment of export, or SOURCE_DATE_EPOCH for scripts.
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("v.pdf");
    let status = Command::new(binary())
        .args([
            OsStr::new("minutes"),
            dir.path().as_os_str(),
            OsStr::new("--session"),
            OsStr::new("s2"),
            OsStr::new("-o"),
        ])
        .arg(&file)
        .env("SOURCE_DATE_EPOCH", "1796138405")
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = std::fs::read(&file).unwrap();
    assert_eq!(info_text(&pdf, b"CreationDate"), "D:20261201162005+01'00'");
    assert!(
        pdf == a,
        "the command line's draft differs from the library's"
    );
    let status = Command::new(binary())
        .args([
            OsStr::new("minutes"),
            dir.path().as_os_str(),
            OsStr::new("--session"),
            OsStr::new("s2"),
            OsStr::new("-o"),
        ])
        .arg(&file)
        .env_remove("SOURCE_DATE_EPOCH")
        .status()
        .unwrap();
    assert!(status.success());
    let date = info_text(&std::fs::read(&file).unwrap(), b"CreationDate");
    let year: i32 = date[2..6].parse().unwrap();
    assert!(year >= 2025, "a draft exported now says {date}");
}

#[test]
fn a_closed_verbale_and_the_ranking_are_dated_by_the_closing() {
    let dir = example_a();
    // Before any final session closes, the ranking is dated now, never 1970.
    let ws = workspace(dir.path());
    let ranking = ranking_pdf(&ws).unwrap();
    assert!(!info_text(&ranking, b"CreationDate").starts_with("D:1970"));
    let year: i32 = info_text(&ranking, b"CreationDate")[2..6].parse().unwrap();
    assert!(year >= 2025);
    for s in ["s1", "s2", "s3"] {
        // The final session closes over applications nobody decided on only when told so.
        let (code, _, err) = run(&[
            OsStr::new("close"),
            dir.path().as_os_str(),
            OsStr::new("--session"),
            OsStr::new(s),
            OsStr::new("--conferma-pendenti"),
        ]);
        assert_eq!(code, 0, "{err}");
    }
    let ws = workspace(dir.path());
    let closed_at = ws
        .session(&sid("s2"))
        .unwrap()
        .seal
        .as_ref()
        .unwrap()
        .closed_at;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("s2.pdf");
    let (code, _, err) = run(&[
        OsStr::new("minutes"),
        dir.path().as_os_str(),
        OsStr::new("--session"),
        OsStr::new("s2"),
        OsStr::new("-o"),
        file.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    let pdf = std::fs::read(&file).unwrap();
    assert_pdfa("verbale chiuso", &pdf);
    assert_eq!(stamp_in_pdf(&pdf).unwrap().issued, Some(closed_at));
    // The PDF/A drawn once at closing and kept is what `minutes` issues, byte for byte, with
    // the metadata of the final version beside it.
    let sealed = std::fs::read(dir.path().join("verbali/sigillati/verbale-02-s2.pdf")).unwrap();
    assert!(sealed == pdf, "the issued verbale is not the sealed one");
    let metadata = std::fs::read_to_string(out.path().join("s2.metadati.json")).unwrap();
    assert!(
        metadata.contains(&commissione::seal::sha256_hex(&pdf)),
        "{metadata}"
    );
    assert!(
        metadata.contains("\"VersioneDelDocumento\": \"1\""),
        "{metadata}"
    );
    // The kept file is no export's destination, nor its metadata.
    for target in [
        "verbali/sigillati/verbale-02-s2.pdf",
        "verbali/sigillati/verbale-01-s1.pdf",
    ] {
        let (code, _, err) = run(&[
            OsStr::new("minutes"),
            dir.path().as_os_str(),
            OsStr::new("--session"),
            OsStr::new("s1"),
            OsStr::new("-o"),
            dir.path().join(target).as_os_str(),
        ]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("verbale sigillato"), "{err}");
    }
    assert!(
        std::fs::read(dir.path().join("verbali/sigillati/verbale-02-s2.pdf")).unwrap() == sealed
    );
    let (code, out_text, err) = run(&[
        OsStr::new("verify"),
        dir.path().as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!(code, 0, "{out_text}{err}");
    let final_closed = ws
        .session(&sid("s3"))
        .unwrap()
        .seal
        .as_ref()
        .unwrap()
        .closed_at;
    let ranking = ranking_pdf(&ws).unwrap();
    assert_eq!(stamp_in_pdf(&ranking).unwrap().issued, Some(final_closed));
    assert_pdfa("graduatoria approvata", &ranking);
}

/// Every heading is followed on its page by at least two lines of what comes after it (for a
/// table, its header and first row); the signatures stand on the last page with the closing
/// formula.
fn assert_layout(what: &str, pdf: &[u8]) {
    let pages = tagged_lines(pdf);
    for (n, lines) in pages.iter().enumerate() {
        for (i, (role, _, mcid)) in lines.iter().enumerate() {
            if !matches!(role.as_str(), "H1" | "H2" | "H3") {
                continue;
            }
            // The heading's own further lines, then what follows it that is not a heading.
            let after: std::collections::BTreeSet<i64> = lines[i + 1..]
                .iter()
                .filter(|(r, _, m)| m != mcid && !matches!(r.as_str(), "H1" | "H2" | "H3"))
                .map(|(_, y, _)| *y)
                .collect();
            let last_page = n + 1 == pages.len();
            assert!(
                after.len() >= 2 || (last_page && i + 1 == lines.len()),
                "{what}: a heading at the foot of page {} has {} lines after it",
                n + 1,
                after.len()
            );
        }
    }
    let text = page_texts(pdf);
    let last = squeeze(text.last().unwrap());
    assert!(
        last.contains("Letto, confermato e sottoscritto."),
        "{what}: the signatures are on a page without the closing formula:\n{last}"
    );
}

#[test]
fn headings_keep_their_lines_and_signatures_their_closing_formula() {
    let out = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for sample in [
        "sondrio-coworking",
        "milano-quartieri-connessi",
        "milano-hub-innovazione",
    ] {
        let dir = out.path().join(sample);
        let (code, _, err) = run(&[OsStr::new("sample"), OsStr::new(sample), dir.as_os_str()]);
        assert_eq!(code, 0, "{err}");
        let ws = workspace(&dir);
        for s in ws.sessions_in_order() {
            let pdf = minutes_pdf_at(&ws, &s.id, moment("2026-12-01T16:20:05+01:00")).unwrap();
            assert_layout(&format!("{sample} {}", s.id), &pdf);
            assert_pdfa(&format!("{sample} {}", s.id), &pdf);
            checked += 1;
        }
    }
    let dir = out.path().join("large");
    let (code, _, err) = run(&[
        OsStr::new("sample"),
        OsStr::new("large"),
        dir.as_os_str(),
        OsStr::new("--applications"),
        OsStr::new("200"),
    ]);
    assert_eq!(code, 0, "{err}");
    let ws = workspace(&dir);
    for s in ws.sessions_in_order() {
        let pdf = minutes_pdf_at(&ws, &s.id, moment("2026-12-01T16:20:05+01:00")).unwrap();
        assert_layout(&format!("large {}", s.id), &pdf);
        // Each member's declarations in one sentence, its exceptions only: the opening
        // pages hold them all, and the body starts on them.
        let pages = page_texts(&pdf);
        let opening = squeeze(&pages[..pages.len().min(2)].concat());
        assert!(
            opening.contains("rispetto a tutte le candidature"),
            "{opening}"
        );
        if opening.contains("tranne") {
            assert!(opening.contains("si astiene"), "{opening}");
        }
        checked += 1;
    }
    assert!(checked >= 7);
}
