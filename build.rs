//! Embeds the sample calls of `sample-data/` in the binary, so that `commissione sample NAME DIR`
//! and the first start of the app work without the source tree.

use std::env;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "ron")
            && let Ok(rel) = path.strip_prefix(base)
        {
            out.push(rel.to_path_buf());
        }
    }
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let samples = root.join("sample-data");
    println!("cargo:rerun-if-changed=sample-data");
    let mut code = String::from("pub const SAMPLES: &[(&str, &[(&str, &str)])] = &[\n");
    let mut names: Vec<PathBuf> = fs::read_dir(&samples)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for dir in names {
        println!("cargo:rerun-if-changed={}", dir.display());
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files = Vec::new();
        files_under(&dir, &dir, &mut files);
        code.push_str(&format!("    ({name:?}, &[\n"));
        for rel in files {
            let rel_text = rel.to_string_lossy().replace('\\', "/");
            let abs = dir.join(&rel);
            println!("cargo:rerun-if-changed={}", abs.display());
            code.push_str(&format!(
                "        ({rel_text:?}, include_str!({:?})),\n",
                abs.display().to_string()
            ));
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("samples.rs");
    let mut file = fs::File::create(out).expect("OUT_DIR is writable");
    file.write_all(code.as_bytes())
        .expect("OUT_DIR is writable");
}
