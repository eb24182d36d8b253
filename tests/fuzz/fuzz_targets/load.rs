//! The workspace loader on any bytes in any of a call's files: never a panic; every problem
//! names a file of the call; the rest of the call still opens unless the broken file is the
//! call's or the commission's; loading writes nothing.
//!
//! The first byte picks the file the rest replaces, in a copy of the Sondrio sample.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const FILES: [&str; 5] = [
    "avviso.ron",
    "commissione.ron",
    "candidature/fuzz.ron",
    "schede/fuzz.ron",
    "sedute/fuzz.ron",
];

fn call() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let dir = temp.path().join("sondrio");
        commissione::samples::write("sondrio-coworking", &dir).expect("the sample");
        (temp, dir)
    })
    .1
}

fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    for sub in ["", "candidature", "schede", "sedute"] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            for e in entries.flatten() {
                let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                out.push((e.path(), len));
            }
        }
    }
    out.sort();
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let dir = call();
    let rel = FILES[pick as usize % FILES.len()];
    let path = dir.join(rel);
    let original = std::fs::read(&path).ok();
    std::fs::write(&path, content).expect("the fuzzed file is written");
    let before = listing(dir);

    let loaded = commissione::workspace::load(dir);

    assert_eq!(listing(dir), before, "loading wrote in the folder");
    for p in &loaded.problems {
        assert!(!p.message.is_empty());
        assert!(
            dir.join(&p.file).exists() || p.file == Path::new(rel),
            "a problem names a file that is not there: {p}"
        );
    }
    let essential = pick as usize % FILES.len() < 2;
    if !essential {
        assert!(loaded.workspace.is_some(), "{:?}", loaded.problems);
    }
    match original {
        Some(bytes) => std::fs::write(&path, bytes).expect("restored"),
        None => std::fs::remove_file(&path).expect("removed"),
    }
});
