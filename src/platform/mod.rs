//! What differs between operating systems, in one place: whether a process still runs, and
//! replacing a file by another. The Windows side (a file held open by another program cannot be
//! replaced at once) is filled in by `platform::windows`; elsewhere these are the plain calls.

use std::io;
use std::path::Path;

/// Whether a process with this id runs on this machine. Where it cannot be told cheaply, it is
/// taken to run (only the lock's heartbeat then says it is gone).
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: kill with signal 0 only checks that the process exists; it sends nothing.
        let status = unsafe { libc::kill(pid, 0) };
        // EPERM: it exists, but belongs to another user.
        status == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Renames `tmp` over `dest`, replacing it in one step.
pub fn replace_file(tmp: &Path, dest: &Path) -> io::Result<()> {
    std::fs::rename(tmp, dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn this_process_is_alive_and_a_finished_one_is_not() {
        assert!(process_alive(std::process::id()));
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("true runs");
        let pid = child.id();
        child.wait().expect("it ends");
        assert!(!process_alive(pid));
    }
}
