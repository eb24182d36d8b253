//! What differs between the systems the program runs on: where the user's documents are, whether
//! a process still runs, how a file replaces another, how a path typed or pasted is read, how a
//! file opens in its viewer, and (on Windows) the console of the command line.
//!
//! `unix.rs` and `windows.rs` hold the system calls; what can be decided without them (the
//! retries of a replacement, the reading of a typed path) is here and in `paths.rs`, plain
//! functions tested on every system.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub mod paths;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

/// Public for the checks that run under Wine (`tests/wine/checks.rs`).
#[cfg(windows)]
pub mod windows;
#[cfg(windows)]
use windows as imp;

#[cfg(windows)]
pub use windows::{attach_console, show_error};

/// The user's documents folder: on Windows the system's known folder (Documenti on an Italian
/// Windows, wherever the user or the Comune's domain moved it, OneDrive included); elsewhere
/// `$XDG_DOCUMENTS_DIR`, the one named in `~/.config/user-dirs.dirs` (`~/Documenti` on an Italian
/// desktop), or `Documents` under the home folder.
pub fn documents_dir() -> Option<PathBuf> {
    imp::documents_dir()
}

/// Whether a process with this id runs on this machine. An id that cannot be checked counts as
/// running: a lock is then taken over only when it is old.
pub fn process_alive(pid: u32) -> bool {
    imp::process_alive(pid)
}

/// Puts `tmp` in the place of `dest` in one step: a reader sees the old file or the new one,
/// never a part. On Windows a file held open by another program (an antivirus scanning it, a
/// viewer, Excel) cannot be replaced: the replacement is tried again for a few seconds, then
/// refused with an Italian sentence that says so. `tmp` is left where it is when it fails.
pub fn replace_file(tmp: &Path, dest: &Path) -> io::Result<()> {
    imp::replace_file(tmp, dest)
}

/// Waits, as [`replace_file`] does, while another program holds `path` open without letting it
/// be replaced, so that a save refused for that reason names the right file and leaves nothing
/// behind (not even the old version's `.bak` link). Elsewhere than on Windows a file is never busy.
pub fn wait_until_replaceable(path: &Path) -> io::Result<()> {
    imp::wait_until_replaceable(path)
}

/// Opens a file with the program the system associates with it (the PDF viewer for a verbale),
/// without waiting for it.
pub fn open_with_system(path: &Path) -> io::Result<()> {
    imp::open_with_system(path)
}

/// How long to wait before each new try of a replacement that found the file busy: about four
/// seconds in all, longer than an antivirus usually holds a new file.
pub const BUSY_RETRIES: [Duration; 9] = [
    Duration::from_millis(10),
    Duration::from_millis(20),
    Duration::from_millis(50),
    Duration::from_millis(120),
    Duration::from_millis(200),
    Duration::from_millis(400),
    Duration::from_millis(800),
    Duration::from_millis(1200),
    Duration::from_millis(1200),
];

/// Runs `attempt` until it succeeds, fails for another reason than `busy`, or has been tried
/// once more than there are `delays`, waiting with `sleep` between tries. The last busy failure
/// becomes [`busy_error`]. `attempt` gets the number of the try, from 1.
pub fn retry_while_busy<T>(
    mut attempt: impl FnMut(usize) -> io::Result<T>,
    busy: impl Fn(&io::Error) -> bool,
    delays: &[Duration],
    mut sleep: impl FnMut(Duration),
    dest: &Path,
) -> io::Result<T> {
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt(tries) {
            Ok(value) => return Ok(value),
            Err(e) if busy(&e) => match delays.get(tries - 1) {
                Some(delay) => sleep(*delay),
                None => return Err(busy_error(dest, &e, tries)),
            },
            Err(e) => return Err(e),
        }
    }
}

/// The refusal of a replacement that kept finding the file busy: what happened, why it usually
/// happens, what to do, and that nothing was lost. Its kind is the cause's; its text is
/// [`FileBusy`]'s, which `workspace::os_error::describe` keeps.
pub fn busy_error(dest: &Path, cause: &io::Error, tries: usize) -> io::Error {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dest.display().to_string());
    io::Error::new(cause.kind(), FileBusy { name, tries })
}

/// A file another program kept open for every try of a replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBusy {
    /// The file's name, without its folder.
    pub name: String,
    pub tries: usize,
}

impl FileBusy {
    /// The sentence without the file's name, for messages that name the file before it.
    pub fn reason(&self) -> String {
        format!(
            "è aperto in un altro programma o protetto da scrittura (tentativi: {}; di solito un \
             antivirus che lo sta controllando, un visualizzatore o un foglio di calcolo): \
             chiudere quel programma e riprovare",
            self.tries
        )
    }
}

impl std::fmt::Display for FileBusy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "«{}» {}. Il file non è stato modificato e la versione precedente è intatta",
            self.name,
            self.reason()
        )
    }
}

impl std::error::Error for FileBusy {}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy() -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, "in uso")
    }

    fn is_busy(e: &io::Error) -> bool {
        e.kind() == io::ErrorKind::PermissionDenied
    }

    #[test]
    fn a_file_busy_for_a_while_is_replaced_after_waiting() {
        let mut slept = Vec::new();
        let result = retry_while_busy(
            |n| if n < 4 { Err(busy()) } else { Ok(n) },
            is_busy,
            &BUSY_RETRIES,
            |d| slept.push(d),
            Path::new("avviso.ron"),
        );
        assert_eq!(result.expect("the fourth try succeeds"), 4);
        assert_eq!(slept, BUSY_RETRIES[..3].to_vec());
    }

    #[test]
    fn a_file_busy_for_good_is_refused_in_italian_after_every_wait() {
        let mut slept = Vec::new();
        let mut tries = 0;
        let err = retry_while_busy(
            |_| -> io::Result<()> {
                tries += 1;
                Err(busy())
            },
            is_busy,
            &BUSY_RETRIES,
            |d| slept.push(d),
            Path::new("candidature/2026-0004512.ron"),
        )
        .expect_err("always busy");
        assert_eq!(tries, BUSY_RETRIES.len() + 1);
        assert_eq!(slept, BUSY_RETRIES.to_vec());
        assert!(slept.iter().sum::<Duration>() >= Duration::from_secs(4));
        let text = err.to_string();
        assert!(
            text.starts_with("«2026-0004512.ron» è aperto in un altro programma"),
            "{text}"
        );
        assert!(text.contains("tentativi: 10"), "{text}");
        assert!(text.contains("antivirus"), "{text}");
        assert!(text.contains("Il file non è stato modificato"), "{text}");
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
    }

    #[test]
    fn another_failure_is_not_retried() {
        let mut slept = 0;
        let err = retry_while_busy(
            |_| -> io::Result<()> { Err(io::Error::new(io::ErrorKind::NotFound, "manca")) },
            is_busy,
            &BUSY_RETRIES,
            |_| slept += 1,
            Path::new("x.ron"),
        )
        .expect_err("not found");
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(slept, 0);
    }

    #[test]
    fn our_own_process_is_alive_and_a_finished_one_is_not() {
        assert!(process_alive(std::process::id()));
        let mut child = std::process::Command::new(std::env::current_exe().expect("exe"))
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let pid = child.id();
        child.wait().expect("wait");
        assert!(!process_alive(pid), "pid {pid} has exited and was reaped");
        assert!(!process_alive(0));
        assert!(!process_alive(u32::MAX));
    }

    #[test]
    fn replace_file_puts_the_new_file_in_place_of_the_old() {
        let dir = tempfile::tempdir().expect("tmp");
        let dest = dir.path().join("avviso.ron");
        let tmp = dir.path().join(".avviso.ron.tmp");
        std::fs::write(&dest, "vecchio\n").expect("write");
        std::fs::write(&tmp, "nuovo\n").expect("write");
        replace_file(&tmp, &dest).expect("replaced");
        assert_eq!(std::fs::read(&dest).expect("read"), b"nuovo\n");
        assert!(!tmp.exists());
        // Into a place where nothing was.
        std::fs::write(&tmp, "primo\n").expect("write");
        let fresh = dir.path().join("commissione.ron");
        replace_file(&tmp, &fresh).expect("replaced");
        assert_eq!(std::fs::read(&fresh).expect("read"), b"primo\n");
    }
}
