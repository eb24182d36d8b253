//! What the window remembers between runs (through eframe's storage): the last workspace, the
//! recent ones, the theme. The window's size is remembered by eframe itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The sample written on first start, so that a new user finds a call to try.
pub const FIRST_SAMPLE: &str = "sondrio-coworking";
const RECENT_MAX: usize = 8;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last: Option<PathBuf>,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub theme: Theme,
}

impl Settings {
    pub fn remember(&mut self, dir: &Path) {
        self.last = Some(dir.to_path_buf());
        self.recent.retain(|d| d != dir);
        self.recent.insert(0, dir.to_path_buf());
        self.recent.truncate(RECENT_MAX);
    }

    pub fn forget(&mut self, dir: &Path) {
        self.recent.retain(|d| d != dir);
        if self.last.as_deref() == Some(dir) {
            self.last = None;
        }
    }
}

/// The user's documents folder: $XDG_DOCUMENTS_DIR, the one named in ~/.config/user-dirs.dirs
/// (so an Italian desktop gives ~/Documenti), or Documents under the home folder.
pub fn documents_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_DOCUMENTS_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if cfg!(windows) {
        return std::env::var_os("USERPROFILE").map(|home| PathBuf::from(home).join("Documents"));
    }
    let home = PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?);
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".config"));
    if let Ok(text) = std::fs::read_to_string(config.join("user-dirs.dirs"))
        && let Some(dir) = user_dirs_documents(&text, &home)
    {
        return Some(dir);
    }
    ["Documenti", "Documents"]
        .iter()
        .map(|name| home.join(name))
        .find(|d| d.is_dir())
        .or_else(|| Some(home.join("Documents")))
}

/// The documents folder of an xdg user-dirs file: `XDG_DOCUMENTS_DIR="$HOME/Documenti"`.
fn user_dirs_documents(text: &str, home: &Path) -> Option<PathBuf> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("XDG_DOCUMENTS_DIR="))?;
    let value = line
        .trim_start_matches("XDG_DOCUMENTS_DIR=")
        .trim_matches('"');
    let dir = match value.strip_prefix("$HOME") {
        Some(rest) => home.join(rest.trim_start_matches('/')),
        None => PathBuf::from(value),
    };
    // "$HOME/" alone means the documents folder is disabled.
    (dir != home).then_some(dir)
}

/// Where the first-start sample is written: Documents/Commissione/sondrio-coworking.
pub fn sample_dir() -> Option<PathBuf> {
    documents_dir().map(|d| d.join("Commissione").join(FIRST_SAMPLE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_folder_of_an_italian_desktop() {
        let home = Path::new("/home/anna");
        let text = "# comment\nXDG_DESKTOP_DIR=\"$HOME/Scrivania\"\nXDG_DOCUMENTS_DIR=\"$HOME/Documenti\"\n";
        assert_eq!(
            user_dirs_documents(text, home),
            Some(PathBuf::from("/home/anna/Documenti"))
        );
        assert_eq!(
            user_dirs_documents("XDG_DOCUMENTS_DIR=\"$HOME/\"", home),
            None
        );
        assert_eq!(
            user_dirs_documents("XDG_DOCUMENTS_DIR=\"/srv/docs\"", home),
            Some(PathBuf::from("/srv/docs"))
        );
    }

    #[test]
    fn recent_workspaces_keep_the_latest_first_without_repeats() {
        let mut s = Settings::default();
        s.remember(Path::new("/a"));
        s.remember(Path::new("/b"));
        s.remember(Path::new("/a"));
        assert_eq!(s.recent, vec![PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(s.last, Some(PathBuf::from("/a")));
        s.forget(Path::new("/a"));
        assert_eq!(s.last, None);
    }
}
