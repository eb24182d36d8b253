//! Linux, macOS and the other Unix systems.

use std::io;
use std::path::{Path, PathBuf};

pub fn documents_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_DOCUMENTS_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
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

/// `kill(pid, 0)` sends nothing and says whether the process exists: it fails with ESRCH when
/// there is none, with EPERM when it exists but belongs to another user.
pub fn process_alive(pid: u32) -> bool {
    // 0 and ids beyond i32 would address process groups, not a process.
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks the process; no memory is passed.
    if unsafe { libc::kill(pid, 0) } == 0 {
        return true;
    }
    io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// `rename` replaces atomically, even a file another program has open.
pub fn replace_file(tmp: &Path, dest: &Path) -> io::Result<()> {
    std::fs::rename(tmp, dest)
}

pub fn wait_until_replaceable(_path: &Path) -> io::Result<()> {
    Ok(())
}

pub fn open_with_system(path: &Path) -> io::Result<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(program).arg(path).spawn()?;
    // Reaped on a thread, so that no finished viewer launcher lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
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
}
