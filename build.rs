//! Embeds the sample calls of `sample-data/` in the binary, so that `commissione sample NAME DIR`
//! and the first start of the app work without the source tree; for Windows, gives
//! `commissione.exe` its icon, version information and manifest.

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
    windows_resources(&root);
}

/// What Windows declares about the program: it runs as the user who started it (no request for
/// administrator rights), it is made for Windows 10 and 11, and it reads paths longer than 260
/// characters.
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
    </application>
  </compatibility>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <longPathAware xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">true</longPathAware>
    </windowsSettings>
  </application>
</assembly>"#;

/// The icon Explorer shows (`assets/icon/icon.ico`, drawn from `icon.svg`), the version
/// information of the file's properties (in Italian) and the manifest, compiled by windres
/// (mingw-w64's when cross-compiling) and linked into `commissione.exe` only.
fn windows_resources(root: &Path) {
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let icon = root.join("assets").join("icon").join("icon.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon(&icon.to_string_lossy())
        // Italian (Italy).
        .set_language(0x0410)
        .set("ProductName", "Commissione")
        .set("FileDescription", "Commissione")
        .set("InternalName", "commissione")
        .set("OriginalFilename", "commissione.exe")
        .set("LegalCopyright", "Licenza EUPL-1.2")
        .set("Comments", env!("CARGO_PKG_DESCRIPTION"))
        .set_manifest(MANIFEST);
    resource.compile_for("commissione").expect(
        "the Windows resources compile (windres: gcc-mingw-w64-x86-64 or binutils-mingw-w64)",
    );
}
