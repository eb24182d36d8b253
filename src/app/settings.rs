//! What the window remembers between runs (through eframe's storage): the last workspace, the
//! recent ones, the theme. The window's size is remembered by eframe itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::platform::paths::same_folder;

/// The sample written on first start, so that a new user finds a call to try.
pub const FIRST_SAMPLE: &str = "sondrio-coworking";
const RECENT_MAX: usize = 8;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    System,
    /// The default: the window is shown on projectors in lit rooms, where a dark theme's grey
    /// on black cannot be read.
    #[default]
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
        self.recent.retain(|d| !same_folder(d, dir));
        self.recent.insert(0, dir.to_path_buf());
        self.recent.truncate(RECENT_MAX);
    }

    pub fn forget(&mut self, dir: &Path) {
        self.recent.retain(|d| !same_folder(d, dir));
        if self
            .last
            .as_deref()
            .is_some_and(|last| same_folder(last, dir))
        {
            self.last = None;
        }
    }
}

/// Where the first-start sample is written: Documents/Commissione/sondrio-coworking.
pub fn sample_dir() -> Option<PathBuf> {
    crate::platform::documents_dir().map(|d| d.join("Commissione").join(FIRST_SAMPLE))
}

#[cfg(test)]
mod tests {
    use super::*;

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
