//! Workspaces for the minutes' tests: copies of the worked examples with sessions added, and
//! larger calls made from them.

#![allow(dead_code)]

pub mod pdfa;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use commissione::domain::{SessionId, Workspace};
use commissione::workspace::load;
use tempfile::TempDir;

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn session_file(id: &str, number: u32, kind: &str, date: &str, start: &str) -> String {
    format!(
        r#"(
    format: 1,
    session: (
        id: "{id}",
        number: {number},
        kind: {kind},
        date: "{date}",
        start: "{start}",
        end: "13:05",
        place: "Sala Giunta, Palazzo Pretorio",
        present: ["m1", "m2", "m3", "seg"],
        notes: ["La commissione verifica l'integrità dei plichi telematici: è tutto regolare."],
        draws: [],
        seal: None,
    ),
)
"#
    )
}

/// Example A with an opening session (s1), a scoring session (s2, on 21/11/2026 at 10:30)
/// and a final session (s3).
pub fn example_a() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/example-a"), dir.path());
    let sedute = dir.path().join("sedute");
    fs::create_dir_all(&sedute).unwrap();
    let sessions = [
        ("s1", 1, "OpeningPublic", "2026-03-10", "09:30"),
        ("s2", 2, "ReservedScoring", "2026-11-21", "10:30"),
        ("s3", 3, "Final", "2026-11-28", "09:00"),
    ];
    for (id, n, kind, date, start) in sessions {
        fs::write(
            sedute.join(format!("{id}.ron")),
            session_file(id, n, kind, date, start),
        )
        .unwrap();
    }
    dir
}

pub fn workspace(dir: &Path) -> Workspace {
    let loaded = load(dir);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.workspace.expect("the workspace loads")
}

pub fn sid(id: &str) -> SessionId {
    SessionId::new(id).unwrap()
}

/// Replaces text in a file of the workspace.
pub fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no «{from}»");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Example A with `count` applications in all: copies of P1 under new protocol numbers,
/// scored like P1 by every member, and every reason lengthened to `reason_words` words.
pub fn many(count: usize, reason_words: usize) -> TempDir {
    let dir = example_a();
    let p = dir.path();
    let template = fs::read_to_string(p.join("candidature/P1.ron")).unwrap();
    let mut extra_scores: Vec<String> = Vec::new();
    let mut extra_declarations: Vec<String> = Vec::new();
    for i in 5..=count {
        let protocol = format!("2026/{i:07}");
        // Each copy its own applicant: one applicant's second application in a lot is a
        // finding the commission decides on (see `Rule::SameTaxCode`).
        let first = format!("{:010}", 3_000_000_000u64 + i as u64 * 13);
        let check = commissione::domain::tax_code::entity_check_digit(&first).unwrap();
        let text = template
            .replace("\"P1\"", &format!("\"{protocol}\""))
            .replace("\"12345679190\"", &format!("\"{first}{check}\""))
            .replace(
                "Associazione P1",
                &format!("Cooperativa sociale «Il Ponte» n. {i}"),
            )
            .replace(
                "10:15:00",
                &format!("{:02}:{:02}:00", 8 + i / 60 % 10, i % 60),
            );
        fs::write(p.join(format!("candidature/N{i:04}.ron")), text).unwrap();
        extra_declarations.push(format!("(application: \"{protocol}\", conflict: None),"));
        for (c, v) in [("A", "0.8"), ("B", "0.6"), ("C", "12")] {
            extra_scores.push(format!(
                "(application: \"{protocol}\", criterion: \"{c}\", value: \"{v}\", reason: \"Motivazione sul criterio {c}.\"),"
            ));
        }
    }
    for m in ["m1", "m2", "m3"] {
        let path = p.join(format!("schede/{m}.ron"));
        let mut text = fs::read_to_string(&path).unwrap();
        text = text.replacen(
            "declarations: [",
            &format!("declarations: [\n{}", extra_declarations.join("\n")),
            1,
        );
        text = text.replacen(
            "scores: [",
            &format!("scores: [\n{}", extra_scores.join("\n")),
            1,
        );
        if reason_words > 0 {
            let long: String = (0..reason_words)
                .map(|k| match k % 7 {
                    0 => "la proposta",
                    1 => "è",
                    2 => "coerente",
                    3 => "con gli obiettivi",
                    4 => "dell'avviso",
                    5 => "e con i bisogni del quartiere;",
                    _ => "inoltre",
                })
                .collect::<Vec<_>>()
                .join(" ");
            text = text.replace("reason: \"", &format!("reason: \"{long} "));
        }
        fs::write(&path, text).unwrap();
    }
    dir
}

/// The text of each page, as pdf-extract reads it.
pub fn pages_text(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("the PDF reads back")
}

/// pdf-extract sets words apart by their positions; for matching, spaces do not matter.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_commissione"))
}

pub fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::new(binary()).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `run` with the moment of export fixed, as scripts fix it for reproducible drafts.
pub fn run_at(args: &[&std::ffi::OsStr], epoch: &str) -> (i32, String, String) {
    let out = Command::new(binary())
        .args(args)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn tool(name: &str) -> bool {
    Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}
