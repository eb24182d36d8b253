//! Paths as people type, paste and remember them: `C:\Users\Mario Rossi\Documenti\Bando è 2026`,
//! `"C:\…\Bando"` as Explorer's «Copia come percorso» gives it (with the quotes), a network share
//! `\\server\share\bando`, `~/Documenti/avviso`, a `file://` address dragged from a browser.
//!
//! The rules are written over text with the system as a parameter, so that the Windows rules are
//! tested on Linux too; [`typed`] and [`same_folder`] apply the ones of the system running.

use std::path::{Path, PathBuf};

/// The folder a path typed or pasted into the start screen means, on this system.
pub fn typed(text: &str) -> PathBuf {
    let home = home_dir();
    let home = home.as_deref().map(|h| h.to_string_lossy().into_owned());
    PathBuf::from(typed_text(text, home.as_deref(), cfg!(windows)))
}

/// Whether two remembered folders are the same one, on this system: on Windows the case of the
/// letters and the kind of slash do not matter (`C:\Bando` is `c:/bando\`).
pub fn same_folder(a: &Path, b: &Path) -> bool {
    a == b || same_folder_text(&a.to_string_lossy(), &b.to_string_lossy(), cfg!(windows))
}

fn home_dir() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// The text of the path a user typed: spaces around it and one pair of quotes around it are
/// not part of it; a `file://` address is decoded; `~` is the home folder. On Windows `/` is
/// written `\`, as Explorer shows it.
pub fn typed_text(text: &str, home: Option<&str>, windows: bool) -> String {
    let text = text.trim();
    let text = strip_quotes(text).trim();
    let text = match file_uri(text, windows) {
        Some(path) => path,
        None => text.to_string(),
    };
    let text = expand_home(&text, home, windows).unwrap_or(text);
    if windows && !text.starts_with(r"\\?\") {
        text.replace('/', "\\")
    } else {
        text
    }
}

fn strip_quotes(text: &str) -> &str {
    for quote in ['"', '\''] {
        if text.len() >= 2
            && let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote))
        {
            return inner;
        }
    }
    text
}

/// `file:///C:/Users/Mario%20Rossi` → `C:/Users/Mario Rossi`; `file://server/share/bando` →
/// `//server/share/bando` (a network share; `\\server\share\bando` on Windows);
/// `file:///home/anna` → `/home/anna`.
fn file_uri(text: &str, windows: bool) -> Option<String> {
    let rest = text
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("file://"))
        .map(|_| &text[7..])?;
    let decoded = percent_decode(rest)?;
    let path = match decoded.strip_prefix('/') {
        // file:///C:/x: the drive follows the third slash.
        Some(after) if windows && has_drive(after) => after.to_string(),
        Some(_) => decoded.clone(),
        // file://server/share: a host.
        None if decoded.to_ascii_lowercase().starts_with("localhost/") => {
            decoded["localhost".len()..].to_string()
        }
        None => format!("//{decoded}"),
    };
    Some(path)
}

fn has_drive(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'/' || bytes[2] == b'\\')
}

/// `%20` → space, `%C3%A8` → `è`; `None` if the escapes do not make UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `~`, `~/x` (and `~\x` on Windows) with the home folder in front.
fn expand_home(text: &str, home: Option<&str>, windows: bool) -> Option<String> {
    let home = home?;
    let rest = text.strip_prefix('~')?;
    let separator = if windows { '\\' } else { '/' };
    if rest.is_empty() {
        return Some(home.to_string());
    }
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix('\\').filter(|_| windows))?;
    let home = home.trim_end_matches(['/', '\\']);
    Some(format!("{home}{separator}{rest}"))
}

/// The comparison behind [`same_folder`]: a trailing separator does not count; on Windows
/// neither the case nor the kind of slash does.
pub fn same_folder_text(a: &str, b: &str, windows: bool) -> bool {
    folder_key(a, windows) == folder_key(b, windows)
}

fn folder_key(text: &str, windows: bool) -> String {
    if windows {
        let text = text.replace('/', "\\").to_lowercase();
        let trimmed = text.trim_end_matches('\\');
        // C:\ keeps its separator: C: alone is the current folder of drive C.
        if trimmed.len() == 2 && has_drive(trimmed) {
            format!("{trimmed}\\")
        } else {
            trimmed.to_string()
        }
    } else {
        let trimmed = text.trim_end_matches('/');
        if trimmed.is_empty() && !text.is_empty() {
            "/".to_string()
        } else {
            trimmed.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME_W: Option<&str> = Some(r"C:\Users\Mario Rossi");
    const HOME_U: Option<&str> = Some("/home/anna");

    #[test]
    fn a_windows_path_with_a_drive_spaces_and_accents_is_kept_as_typed() {
        let path = r"C:\Users\Mario Rossi\Documenti\Bando è 2026";
        assert_eq!(typed_text(path, HOME_W, true), path);
        assert_eq!(typed_text(&format!("  {path}  "), HOME_W, true), path);
    }

    #[test]
    fn explorer_copy_as_path_gives_quotes_that_are_not_part_of_it() {
        assert_eq!(
            typed_text(
                r#""C:\Users\Mario Rossi\Documenti\Bando è 2026""#,
                HOME_W,
                true
            ),
            r"C:\Users\Mario Rossi\Documenti\Bando è 2026"
        );
        assert_eq!(
            typed_text("'/home/anna/Bando è 2026'", HOME_U, false),
            "/home/anna/Bando è 2026"
        );
        // A lone quote is a character of the name.
        assert_eq!(typed_text("\"", HOME_U, false), "\"");
    }

    #[test]
    fn a_network_share_stays_a_network_share() {
        assert_eq!(
            typed_text(r"\\server\share\bando", HOME_W, true),
            r"\\server\share\bando"
        );
        assert_eq!(
            typed_text(r#""\\server\share\Bando è 2026""#, HOME_W, true),
            r"\\server\share\Bando è 2026"
        );
        // Forward slashes, as some programs write them, become Windows' own.
        assert_eq!(
            typed_text("//server/share/bando", HOME_W, true),
            r"\\server\share\bando"
        );
        assert_eq!(
            typed_text("C:/Users/Mario Rossi/Documenti", HOME_W, true),
            r"C:\Users\Mario Rossi\Documenti"
        );
        // A verbatim path is left alone: there `/` is not a separator.
        assert_eq!(
            typed_text(r"\\?\UNC\server\share\bando", HOME_W, true),
            r"\\?\UNC\server\share\bando"
        );
    }

    #[test]
    fn backslashes_are_characters_of_a_name_on_linux() {
        assert_eq!(typed_text(r"a\b", HOME_U, false), r"a\b");
    }

    #[test]
    fn the_home_folder_on_both_systems() {
        assert_eq!(
            typed_text("~/Documenti/avviso", HOME_U, false),
            "/home/anna/Documenti/avviso"
        );
        assert_eq!(typed_text("~", HOME_U, false), "/home/anna");
        assert_eq!(
            typed_text(r"~\Documenti\Bando è 2026", HOME_W, true),
            r"C:\Users\Mario Rossi\Documenti\Bando è 2026"
        );
        assert_eq!(
            typed_text("~/Documenti", HOME_W, true),
            r"C:\Users\Mario Rossi\Documenti"
        );
        // ~anna is another user's home: not expanded. Without a home nothing is.
        assert_eq!(typed_text("~anna/x", HOME_U, false), "~anna/x");
        assert_eq!(typed_text("~/x", None, false), "~/x");
        // ~\ is a name on Linux.
        assert_eq!(typed_text(r"~\x", HOME_U, false), r"~\x");
    }

    #[test]
    fn a_file_address_is_decoded() {
        assert_eq!(
            typed_text(
                "file:///C:/Users/Mario%20Rossi/Documenti/Bando%20%C3%A8%202026",
                HOME_W,
                true
            ),
            r"C:\Users\Mario Rossi\Documenti\Bando è 2026"
        );
        assert_eq!(
            typed_text("file://server/share/bando", HOME_W, true),
            r"\\server\share\bando"
        );
        assert_eq!(
            typed_text("file:///home/anna/Bando%20%C3%A8%202026", HOME_U, false),
            "/home/anna/Bando è 2026"
        );
        assert_eq!(
            typed_text("FILE://localhost/home/anna", HOME_U, false),
            "/home/anna"
        );
        // Not UTF-8 once decoded: taken as written.
        assert_eq!(typed_text("file:///a%FF", HOME_U, false), "file:///a%FF");
    }

    #[test]
    fn the_same_folder_written_two_ways_on_windows() {
        assert!(same_folder_text(
            r"C:\Users\Mario Rossi\Documenti\Bando è 2026",
            r"c:/users/mario rossi/documenti/BANDO È 2026\",
            true
        ));
        assert!(same_folder_text(
            r"\\SERVER\share\bando",
            r"\\server\share\bando\",
            true
        ));
        assert!(same_folder_text(r"C:\", "c:", true));
        assert!(!same_folder_text(r"C:\Bando", r"D:\Bando", true));
        assert!(!same_folder_text(
            r"\\server\share\bando",
            r"\\server\share\bando2",
            true
        ));
    }

    #[test]
    fn on_linux_case_matters_and_only_a_trailing_slash_does_not() {
        assert!(same_folder_text(
            "/home/anna/Bando",
            "/home/anna/Bando/",
            false
        ));
        assert!(!same_folder_text(
            "/home/anna/Bando",
            "/home/anna/bando",
            false
        ));
        assert!(same_folder_text("/", "//", false));
    }

    #[test]
    fn the_running_system_s_rules() {
        assert!(same_folder(Path::new("/a/b"), Path::new("/a/b/")));
        if cfg!(windows) {
            assert!(same_folder(Path::new(r"C:\A"), Path::new("c:/a")));
        } else {
            assert!(!same_folder(Path::new("/A"), Path::new("/a")));
            assert_eq!(
                typed(" '/tmp/Bando è 2026' "),
                PathBuf::from("/tmp/Bando è 2026")
            );
        }
    }
}
