//! The corpus of bad inputs (`tests/corpus/`): files as people break them by hand, by editor
//! and by accident. Each case is a folder under `cases/` whose files replace or join those of
//! the clean call in `base/` (a folder in a case stands where `base/` has a file);
//! `index.txt` says, per case, where loading must point (file:line:column, or the file alone
//! when the problem is the file itself) and a fragment of the Italian sentence it must say.
//!
//! For every case: loading never panics, never writes (the folder is the same before and after,
//! byte for byte and time for time), names the expected place with the expected words, speaks
//! no English, and still opens the rest of the call when the broken file is not the call's or
//! the commission's.
//!
//! `COMMISSIONE_CORPUS_SHOW=1 cargo test --test corpus -- --nocapture` prints what each case
//! gives, to write the index of a new case.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use commissione::workspace::{self, Loaded, Problem};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[derive(Debug)]
struct Expected {
    case: String,
    file: String,
    /// Line and column; None for a problem of the whole file.
    position: Option<(usize, usize)>,
    fragment: String,
}

fn index() -> Vec<Expected> {
    let text = fs::read_to_string(corpus().join("index.txt")).expect("tests/corpus/index.txt");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, line)| {
            let parts: Vec<&str> = line.split(" | ").map(str::trim).collect();
            let [case, place, fragment] = parts[..] else {
                panic!("index.txt:{}: expected «case | place | fragment»", i + 1);
            };
            let mut pieces = place.split(':');
            let file = pieces.next().unwrap_or_default().to_string();
            let numbers: Vec<usize> = pieces
                .map(|n| {
                    n.parse()
                        .unwrap_or_else(|_| panic!("index.txt:{}: bad position", i + 1))
                })
                .collect();
            let position = match numbers[..] {
                [] => None,
                [line, column] => Some((line, column)),
                _ => panic!("index.txt:{}: a position is line:column", i + 1),
            };
            Expected {
                case: case.to_string(),
                file,
                position,
                fragment: fragment.to_string(),
            }
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    for entry in fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            if target.is_file() {
                // The case puts a folder where the call has a file.
                fs::remove_file(&target).expect("remove");
            }
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The call of `base/` with the case's files laid over it.
fn prepare(case: &str) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("tmp");
    copy_tree(&corpus().join("base"), temp.path());
    copy_tree(&corpus().join("cases").join(case), temp.path());
    temp
}

#[derive(Debug, PartialEq)]
enum Entry {
    Folder,
    File(Vec<u8>, Option<SystemTime>),
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        for entry in fs::read_dir(dir).expect("readable") {
            let entry = entry.expect("entry");
            let path = entry.path();
            let rel = path.strip_prefix(root).expect("inside").to_path_buf();
            let meta = entry.metadata().expect("metadata");
            if meta.is_dir() {
                out.insert(rel, Entry::Folder);
                walk(root, &path, out);
            } else {
                let bytes = fs::read(&path).expect("readable");
                out.insert(rel, Entry::File(bytes, meta.modified().ok()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn cases() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus().join("cases"))
        .expect("tests/corpus/cases")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Words of serde's and RON's own English messages, which must never reach the user.
const ENGLISH: [&str; 8] = [
    "expected",
    "invalid type",
    "invalid value",
    "unknown variant",
    "unknown field",
    "missing field",
    "duplicate field",
    "found",
];

fn load(case: &str) -> (tempfile::TempDir, Result<Loaded, String>, bool) {
    let temp = prepare(case);
    let before = snapshot(temp.path());
    let loaded =
        panic::catch_unwind(AssertUnwindSafe(|| workspace::load(temp.path()))).map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        });
    let unchanged = snapshot(temp.path()) == before;
    (temp, loaded, unchanged)
}

fn shown(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            let text = p.to_string();
            let mut short: String = text.chars().take(300).collect();
            if short.len() < text.len() {
                short.push('…');
            }
            format!("    {short}\n")
        })
        .collect()
}

#[test]
fn the_corpus_has_sixty_cases_or_more_each_in_the_index() {
    let cases = cases();
    let index = index();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    for case in &cases {
        assert!(
            index.iter().any(|e| &e.case == case),
            "case {case} is not in tests/corpus/index.txt"
        );
    }
    for e in &index {
        assert!(
            cases.contains(&e.case),
            "index.txt names {}, which has no folder",
            e.case
        );
    }
}

#[test]
fn the_base_call_is_clean() {
    let loaded = workspace::load(&corpus().join("base"));
    assert!(loaded.is_clean(), "{}", shown(&loaded.problems));
}

#[test]
fn every_bad_input_is_reported_in_italian_at_its_place_and_nothing_is_written() {
    let show = std::env::var_os("COMMISSIONE_CORPUS_SHOW").is_some();
    let index = index();
    let mut failures = Vec::new();
    // A panic inside the loader is caught and reported as a failure of its case; the default
    // hook would print each one as if the test had died there.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    for case in cases() {
        let (_temp, loaded, unchanged) = load(&case);
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(message) => {
                failures.push(format!("{case}: the loader panicked: {message}"));
                continue;
            }
        };
        if show {
            println!("{case}\n{}", shown(&loaded.problems));
        }
        if !unchanged {
            failures.push(format!("{case}: loading changed the folder"));
        }
        for p in &loaded.problems {
            let words: String = p
                .message
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect();
            let words = format!(
                " {} ",
                words.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            if let Some(word) = ENGLISH.iter().find(|w| words.contains(&format!(" {w} "))) {
                failures.push(format!("{case}: «{word}» in {p}"));
            }
        }
        let expected: Vec<&Expected> = index.iter().filter(|e| e.case == case).collect();
        if loaded.problems.len() != expected.len() {
            failures.push(format!(
                "{case}: {} problems expected, {} found:\n{}",
                expected.len(),
                loaded.problems.len(),
                shown(&loaded.problems)
            ));
        }
        for e in expected {
            let hit = loaded.problems.iter().any(|p| {
                p.file == Path::new(&e.file)
                    && p.position.map(|at| (at.line, at.column)) == e.position
                    && p.message.contains(&e.fragment)
            });
            if !hit {
                failures.push(format!(
                    "{case}: expected {}{} «{}»; got\n{}",
                    e.file,
                    e.position
                        .map(|(l, c)| format!(":{l}:{c}"))
                        .unwrap_or_default(),
                    e.fragment,
                    shown(&loaded.problems)
                ));
            }
            let essential = e.file == "avviso.ron" || e.file == "commissione.ron";
            if !essential && loaded.workspace.is_none() {
                failures.push(format!(
                    "{case}: a broken {} kept the whole call from opening",
                    e.file
                ));
            }
        }
    }
    panic::set_hook(hook);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
