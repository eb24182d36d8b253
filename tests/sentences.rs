//! The user-visible sentences of the workspace's checks, the editor, the workspace and the
//! import live in one place per layer, their `messages.rs` (issue 18): no other file of those
//! layers writes an Italian sentence of its own. An error type's `#[error(…)]` attributes are
//! that type's one place and stay beside it; the names of the fault-injection steps
//! (`fault::step("…")`) and the comment that heads a file are not messages.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, and the files in them that hold no sentence by rule: the messages themselves,
/// the import's template (its text is the template's own) and
/// the import's types that say their values in `Display` or a label (`columns::Kind`,
/// `dialect`, `plan::Place`, `table::Format`).
const LAYERS: [&str; 4] = [
    "src/domain/validate",
    "src/editor",
    "src/workspace",
    "src/import",
];
const EXCEPT: [&str; 6] = [
    "messages.rs",
    "src/import/template.rs",
    "src/import/columns.rs",
    "src/import/dialect.rs",
    "src/import/plan.rs",
    "src/import/table.rs",
];

/// Words that make a literal an Italian sentence rather than a key, a column's name or a
/// format.
const ITALIAN: [&str; 18] = [
    "il", "la", "le", "lo", "di", "del", "della", "non", "è", "un", "una", "che", "per", "da",
    "dal", "nel", "sono", "si",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a layer's folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of `source` before its tests, without those of comments, of
/// `#[error(…)]` attributes and of `step(…)` calls; each with its line.
fn literals(source: &str) -> Vec<(usize, String)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Depth of parentheses inside an `#[error(` attribute, when in one.
    let mut attribute: Option<usize> = None;
    while i < bytes.len() {
        let Some(rest) = code.get(i..) else {
            // Inside a character of several bytes: nothing to see there.
            i += 1;
            continue;
        };
        match bytes[i] {
            b'\n' => line += 1,
            b'/' if rest.starts_with("//") => {
                i += rest.find('\n').unwrap_or(rest.len());
                continue;
            }
            b'#' if rest.starts_with("#[error(") => {
                attribute = Some(0);
                i += "#[error".len();
                continue;
            }
            b'(' => attribute = attribute.map(|d| d + 1),
            b')' => {
                attribute = match attribute {
                    Some(1) | Some(0) => None,
                    Some(d) => Some(d - 1),
                    None => None,
                }
            }
            b'\'' if rest.starts_with("'\"'") => {
                i += 3;
                continue;
            }
            b'"' => {
                let mut j = i + 1;
                while bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let text = &code[i + 1..j];
                let in_step = code[..i].trim_end().ends_with("step(");
                if attribute.is_none() && !in_step && !text.starts_with("// Commissione:") {
                    out.push((line, text.to_string()));
                }
                line += text.matches('\n').count();
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn italian(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    text.contains(' ') && words.len() > 1 && words.iter().any(|w| ITALIAN.contains(w))
}

#[test]
fn each_layer_says_its_sentences_in_its_messages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for layer in LAYERS {
        files(&root.join(layer), &mut all);
    }
    all.sort();
    let mut loose = Vec::new();
    for path in &all {
        let name = path
            .strip_prefix(root)
            .expect("inside the crate")
            .to_string_lossy()
            .replace('\\', "/");
        if EXCEPT.iter().any(|e| name.ends_with(e)) {
            continue;
        }
        let source = fs::read_to_string(path).expect("a source file");
        for (line, text) in literals(&source) {
            if italian(&text) {
                loose.push(format!("{name}:{line}: \"{text}\""));
            }
        }
    }
    assert!(
        loose.is_empty(),
        "sentences outside their layer's messages.rs:\n{}",
        loose.join("\n")
    );
}

#[test]
fn the_scanner_finds_a_sentence_and_leaves_the_rest() {
    let source = r#"
        // "un commento non conta"
        #[error("{file}: il file non conta (è nell'attributo)")]
        fn f() {
            fault::step("scrittura del registro");
            let key = "protocollo";
            let s = format!("la seduta {id} non esiste");
        }
        #[cfg(test)]
        mod tests { const T: &str = "un test non conta"; }
    "#;
    let found: Vec<String> = literals(source)
        .into_iter()
        .filter(|(_, t)| italian(t))
        .map(|(line, t)| format!("{line}: {t}"))
        .collect();
    assert_eq!(found, vec!["7: la seduta {id} non esiste".to_string()]);
}
