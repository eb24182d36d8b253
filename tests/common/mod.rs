//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// Copies a folder tree (a fixture) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("read the fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A temporary folder in memory where the machine has one (`/dev/shm`), for the tests that
/// write thousands of times: a kill or a second process behaves the same there, and flushing
/// to disk costs nothing.
pub fn fast_tempdir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("a temporary folder")
}

/// A fresh copy of `tests/fixtures/NAME` in a temporary folder.
pub fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join(name);
    copy_dir(&Path::new("tests/fixtures").join(name), &dir);
    (tmp, dir)
}

/// Every file under `dir` with its bytes, to prove nothing was written. The empty file the
/// operating system's lock is taken on (`.commissione.blocco`), which the first program that
/// writes creates and none removes, is not counted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .expect("read")
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            if e.file_name() == commissione::workspace::lock::SYSTEM_FILE {
                continue;
            }
            if e.path().is_dir() {
                walk(&e.path(), out);
            } else {
                out.push((e.path(), fs::read(e.path()).expect("read a file")));
            }
        }
    }
    walk(dir, &mut out);
    out
}

/// Replaces the first occurrence of `from` with `to` in a file, failing if it is not there.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read the file to edit");
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).expect("write the edit");
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_commissione")
}

/// Runs the binary; returns exit code, stdout and stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(binary())
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Fails naming the files that differ between two snapshots (never printing their bytes).
pub fn assert_same(before: &[(PathBuf, Vec<u8>)], after: &[(PathBuf, Vec<u8>)]) {
    let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(before), names(after), "the set of files changed");
    let changed: Vec<&PathBuf> = before
        .iter()
        .zip(after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| &a.0)
        .collect();
    assert!(changed.is_empty(), "files changed: {changed:?}");
}

pub mod build;

/// A session of example A's commission (m1, m2, m3 and the secretary seg, all present), 10:00
/// to 12:30 in the Sala Giunta, open.
pub fn session(
    id: &str,
    number: u32,
    kind: commissione::domain::SessionKind,
    date: &str,
) -> commissione::domain::Session {
    use commissione::domain::{Date, MemberId, Session, SessionId, TimeOfDay};
    Session {
        id: SessionId::new(id).expect("id"),
        number,
        kind,
        date: Date::parse(date).expect("date"),
        start: TimeOfDay::parse("10:00").expect("time"),
        end: Some(TimeOfDay::parse("12:30").expect("time")),
        place: "Sala Giunta".into(),
        present: ["m1", "m2", "m3", "seg"]
            .iter()
            .map(|m| MemberId::new(*m).expect("id"))
            .collect(),
        notes: vec![],
        draws: vec![],
        amendments: vec![],
        collegial: Vec::new(),
        events: Vec::new(),
        seal: None,
    }
}
