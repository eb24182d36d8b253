//! A few seconds of what `tests/fuzz` does for minutes (see README, "Fuzzing"), in every CI run:
//! the workspace loader on a sample's files mutated at random (bytes flipped, cut, repeated,
//! spliced), and the spreadsheet import on arbitrary bytes. Neither may panic; the loader must
//! name a file for every problem, open the rest of the call when the broken file is not the
//! call's or the commission's, and write nothing.

mod common;

use std::path::{Path, PathBuf};

use commissione::import::{Books, applications, scores, table};
use commissione::workspace;
use proptest::prelude::*;

/// The Sondrio sample, written once; each case works on its own copy of one file.
fn sample() -> &'static (tempfile::TempDir, PathBuf) {
    static SAMPLE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| {
        let temp = tempfile::tempdir().expect("tmp");
        let dir = temp.path().join("sondrio");
        commissione::samples::write("sondrio-coworking", &dir).expect("the sample");
        (temp, dir)
    })
}

/// The sample's files, relative to its folder.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in ["", "candidature", "schede", "sedute"] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(".ron") {
                    out.push(Path::new(sub).join(name));
                }
            }
        }
    }
    out.sort();
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, byte: u8 },
    Cut { at: usize },
    Delete { at: usize, len: usize },
    Repeat { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        any::<usize>().prop_map(|at| Mutation::Cut { at }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..256).prop_map(|(at, len)| Mutation::Repeat { at, len }),
        (
            any::<usize>(),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 1..16),
                Just(b"\"".to_vec()),
                Just(b"(".to_vec()),
                Just(b"]".to_vec()),
                Just(b"\xff\xfe".to_vec()),
                Just(b"\0".to_vec()),
                Just(b"999999999999999999999999999999".to_vec()),
            ]
        )
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match m {
        Mutation::Flip { at, byte } => {
            if let Some(b) = bytes.get_mut(at % n) {
                *b = *byte;
            }
        }
        Mutation::Cut { at } => bytes.truncate(at % n),
        Mutation::Delete { at, len } => {
            let start = (at % n).min(bytes.len());
            let end = (start + len).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Repeat { at, len } => {
            let start = (at % n).min(bytes.len());
            let end = (start + len).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Mutation::Insert { at, bytes: new } => {
            let at = (at % n).min(bytes.len());
            bytes.splice(at..at, new.iter().copied());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_takes_mutated_files_without_panicking_or_writing(
        pick in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let (_keep, sample) = sample();
        let temp = tempfile::tempdir().expect("tmp");
        let dir = temp.path().join("call");
        common::copy_dir(sample, &dir);
        let all = files(&dir);
        let rel = &all[pick % all.len()];
        let mut bytes = std::fs::read(dir.join(rel)).expect("the file");
        for m in &mutations {
            apply(&mut bytes, m);
        }
        std::fs::write(dir.join(rel), &bytes).expect("written");
        let before = common::snapshot(&dir);

        let loaded = workspace::load(&dir);

        prop_assert_eq!(common::snapshot(&dir), before, "loading wrote in the folder");
        for p in &loaded.problems {
            prop_assert!(dir.join(&p.file).exists(), "{} names no file of the call", p);
            prop_assert!(!p.message.is_empty());
        }
        let essential = rel == Path::new("avviso.ron") || rel == Path::new("commissione.ron");
        if !essential {
            prop_assert!(loaded.workspace.is_some(), "{:?}", loaded.problems);
        }
    }

    #[test]
    fn the_import_takes_any_bytes_without_panicking(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..512),
            "[a-zA-Z0-9;,\t\"\n\r/ .€à-]{0,400}".prop_map(String::into_bytes),
        ],
    ) {
        let (_keep, sample) = sample();
        let ws = workspace::load(sample).workspace.expect("the sample loads");
        if let Ok(book) = table::from_bytes("prova.csv", &bytes) {
            let plan = scores::plan(&ws, &book);
            prop_assert!(plan.errors().all(|p| !p.message.is_empty()));
            let plan = applications::plan(&ws, Books { applications: Some(&book), budget: Some(&book), cofinancing: Some(&book) });
            prop_assert!(plan.errors().all(|p| !p.message.is_empty()));
        }
    }
}
