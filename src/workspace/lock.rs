//! The lock on a workspace: one writer at a time, across the window and every command that
//! writes. Others (a second window, a second laptop on a shared folder, a command run meanwhile)
//! still read; they are told who holds it and since when.
//!
//! Two files. `.commissione.blocco` carries the operating system's own lock (`flock` on Unix,
//! `LockFileEx` on Windows), taken atomically and released by the system when the holder's
//! process ends, however it ends: it is never removed, so that two programs can never hold two
//! different files. `commissione.lock` says who holds it (who, which computer, which process,
//! since when) and is refreshed by a heartbeat every [`HEARTBEAT`]; it is what a second program
//! shows. A holder on this computer whose system lock is free has gone (its process ended) and
//! is taken over at once; one on another computer (a shared folder whose system locks do not
//! reach this one) is taken over when its heartbeat is older than [`STALE_AFTER_SECONDS`].

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};

use crate::domain::Moment;

/// Who holds the lock, for people to read.
pub const FILE: &str = "commissione.lock";
/// The file the operating system's lock is taken on. Never removed.
pub const SYSTEM_FILE: &str = ".commissione.blocco";
/// A holder on another computer whose heartbeat is older than this is taken to be gone.
pub const STALE_AFTER_SECONDS: i64 = 180;
/// How often a holder says it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(30);

/// Who holds the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    pub format: u32,
    /// "segreteria" or a member's id, with the system user: "segreteria (mrossi)".
    pub who: String,
    pub host: String,
    pub pid: u32,
    pub since: Moment,
    pub refreshed: Moment,
}

impl Holder {
    fn new(who: &str, now: Moment) -> Holder {
        Holder {
            format: 1,
            who: format!("{who} ({})", user_name()),
            host: host_name(),
            pid: std::process::id(),
            since: now,
            refreshed: now,
        }
    }

    /// Whether the holder looks gone: on this computer, its process no longer runs; on
    /// another, it has not said it is alive for [`STALE_AFTER_SECONDS`].
    pub fn looks_stale(&self, now: Moment) -> bool {
        if self.host == host_name() {
            return !crate::platform::process_alive(self.pid);
        }
        self.quiet_for(now) > STALE_AFTER_SECONDS
    }

    /// Seconds since the last heartbeat.
    fn quiet_for(&self, now: Moment) -> i64 {
        now.timestamp().as_second() - self.refreshed.timestamp().as_second()
    }
}

fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| super::messages::UNKNOWN_USER.into())
}

fn host_name() -> String {
    std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok()
        .or_else(|| {
            fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| super::messages::UNKNOWN_HOST.into())
}

/// A lock this instance holds; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    holder: Arc<Mutex<Holder>>,
    /// Open while held: the operating system's lock lives on it.
    system: Option<File>,
    heartbeat: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
}

/// The outcome of trying to take the lock.
#[derive(Debug)]
pub enum Acquire {
    Held(Lock),
    /// Someone else holds it: open read-only, or take it over after confirmation.
    Busy(Holder),
}

fn to_text(holder: &Holder) -> io::Result<String> {
    ron::to_string(holder).map_err(io::Error::other)
}

/// What the operating system said of its lock.
enum System {
    Taken(File),
    /// Another process holds it.
    Busy,
    /// This file system has no such locks (some network shares): the holder file alone decides.
    Unsupported,
}

fn system_lock(dir: &Path) -> io::Result<System> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(SYSTEM_FILE))?;
    match FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(System::Taken(file)),
        Ok(false) => Ok(System::Busy),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(System::Busy),
        Err(e)
            if e.kind() == io::ErrorKind::Unsupported
                || cfg!(unix) && e.raw_os_error() == Some(libc_enolck()) =>
        {
            Ok(System::Unsupported)
        }
        Err(e) => Err(e),
    }
}

fn libc_enolck() -> i32 {
    #[cfg(unix)]
    {
        libc::ENOLCK
    }
    #[cfg(not(unix))]
    {
        -1
    }
}

impl Lock {
    /// Takes the lock if it is free, or if its holder is gone (see the module's text).
    pub fn acquire(dir: &Path, who: &str, now: Moment) -> io::Result<Acquire> {
        let path = dir.join(FILE);
        let system = match system_lock(dir)? {
            System::Busy => return Ok(Acquire::Busy(busy_holder(&path, now))),
            System::Taken(file) => Some(file),
            System::Unsupported => None,
        };
        if let Some(other) = read_holder(&path) {
            let gone = if other.host == host_name() {
                // With the system's lock free, a holder on this computer has ended.
                system.is_some() || !crate::platform::process_alive(other.pid)
            } else {
                other.quiet_for(now) > STALE_AFTER_SECONDS
            };
            if !gone {
                return Ok(Acquire::Busy(other));
            }
        }
        Lock::hold(path, who, now, system).map(Acquire::Held)
    }

    fn hold(path: PathBuf, who: &str, now: Moment, system: Option<File>) -> io::Result<Lock> {
        let holder = Holder::new(who, now);
        write_holder(&path, &holder)?;
        let holder = Arc::new(Mutex::new(holder));
        let heartbeat = heartbeat(path.clone(), Arc::clone(&holder));
        Ok(Lock {
            path,
            holder,
            system,
            heartbeat: Some(heartbeat),
        })
    }

    /// Takes the lock whoever the holder file names, after the user confirmed its holder is
    /// gone. Refused while the operating system says a program still holds it.
    pub fn take_over(dir: &Path, who: &str, now: Moment) -> io::Result<Lock> {
        let path = dir.join(FILE);
        let system = match system_lock(dir)? {
            System::Busy => {
                let holder = busy_holder(&path, now);
                return Err(io::Error::other(super::messages::still_open(
                    &holder.who,
                    &holder.host,
                )));
            }
            System::Taken(file) => Some(file),
            System::Unsupported => None,
        };
        Lock::hold(path, who, now, system)
    }

    pub fn holder(&self) -> Holder {
        self.holder
            .lock()
            .map(|h| h.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Tells others this instance is still alive (the heartbeat does it on its own too).
    pub fn refresh(&mut self, now: Moment) -> io::Result<()> {
        let holder = {
            let mut h = self.holder.lock().unwrap_or_else(|p| p.into_inner());
            h.refreshed = now;
            h.clone()
        };
        write_holder(&self.path, &holder)
    }

    /// Whether the lock on disk is still this one (it may have been taken over from another
    /// computer after a long silence).
    pub fn still_ours(&self) -> bool {
        let mine = self.holder();
        read_holder(&self.path)
            .is_some_and(|h| h.pid == mine.pid && h.since == mine.since && h.host == mine.host)
    }
}

/// Who holds a lock the system says is held. The holder file may be missing for an instant
/// (a holder just starting or ending): then the sentence still says it is in use.
fn busy_holder(path: &Path, now: Moment) -> Holder {
    read_holder(path).unwrap_or_else(|| Holder {
        format: 1,
        who: super::messages::ANOTHER_PROGRAM.into(),
        host: super::messages::SOME_COMPUTER.into(),
        pid: 0,
        since: now,
        refreshed: now,
    })
}

/// Writes the holder file whole: a temporary file renamed over it.
fn write_holder(path: &Path, holder: &Holder) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
    {
        let mut f = File::create(&temp)?;
        f.write_all(to_text(holder)?.as_bytes())?;
        f.sync_all()?;
    }
    crate::platform::replace_file(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// The thread that refreshes the holder file, until the lock is dropped.
fn heartbeat(path: PathBuf, holder: Arc<Mutex<Holder>>) -> (Arc<AtomicBool>, JoinHandle<()>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let handle = std::thread::spawn(move || {
        loop {
            std::thread::park_timeout(HEARTBEAT);
            if flag.load(Ordering::SeqCst) {
                return;
            }
            let mine = holder.lock().map(|h| h.clone()).ok();
            let Some(mut mine) = mine else { return };
            // Taken over meanwhile: say nothing more.
            if !read_holder(&path).is_some_and(|h| h.pid == mine.pid && h.since == mine.since) {
                return;
            }
            mine.refreshed = crate::editor::now();
            if let Ok(mut h) = holder.lock() {
                h.refreshed = mine.refreshed;
            }
            let _ = write_holder(&path, &mine);
        }
    });
    (stop, handle)
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some((stop, handle)) = self.heartbeat.take() {
            stop.store(true, Ordering::SeqCst);
            handle.thread().unpark();
            let _ = handle.join();
        }
        if self.still_ours() {
            let _ = fs::remove_file(&self.path);
        }
        if let Some(file) = self.system.take() {
            let _ = FileExt::unlock(&file);
        }
    }
}

pub fn read_holder(path: &Path) -> Option<Holder> {
    fs::read_to_string(path)
        .ok()
        .and_then(|t| ron::from_str(&t).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Moment {
        Moment::parse("2026-03-10T10:30").expect("valid")
    }

    #[test]
    fn a_second_instance_finds_the_lock_busy() {
        let dir = tempfile::tempdir().expect("tmp");
        let Acquire::Held(first) = Lock::acquire(dir.path(), "segreteria", now()).expect("io")
        else {
            panic!("the first takes it");
        };
        let Acquire::Busy(holder) = Lock::acquire(dir.path(), "m1", now()).expect("io") else {
            panic!("the second finds it busy");
        };
        assert!(holder.who.starts_with("segreteria"));
        assert_eq!(holder.since, now());
        // Our own process is alive: not stale, and not to be taken over.
        assert!(!holder.looks_stale(now()));
        assert!(Lock::take_over(dir.path(), "m1", now()).is_err());
        drop(first);
        assert!(!dir.path().join(FILE).exists());
        assert!(matches!(
            Lock::acquire(dir.path(), "m1", now()).expect("io"),
            Acquire::Held(_)
        ));
    }

    #[test]
    fn a_lock_left_by_a_process_gone_on_this_computer_is_taken_at_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut child = std::process::Command::new(if cfg!(windows) { "cmd" } else { "true" })
            .spawn()
            .expect("a process runs");
        let pid = child.id();
        child.wait().expect("it ends");
        let left = Holder {
            pid,
            ..Holder::new("segreteria", now())
        };
        fs::write(dir.path().join(FILE), to_text(&left).expect("text")).expect("left behind");
        // Even hours later by the clock's reckoning it is not the heartbeat that decides here.
        let Acquire::Held(lock) = Lock::acquire(dir.path(), "m2", now()).expect("io") else {
            panic!("taken over at once");
        };
        assert!(lock.still_ours());
        assert!(lock.holder().who.starts_with("m2"));
    }

    #[test]
    fn a_holder_on_another_computer_waits_for_its_heartbeat_to_go_quiet() {
        let dir = tempfile::tempdir().expect("tmp");
        let other = Holder {
            host: "un-altro-portatile".into(),
            pid: 1,
            ..Holder::new("segreteria", now())
        };
        fs::write(dir.path().join(FILE), to_text(&other).expect("text")).expect("written");
        let soon = Moment::parse("2026-03-10T10:31").expect("valid");
        assert!(matches!(
            Lock::acquire(dir.path(), "m2", soon).expect("io"),
            Acquire::Busy(h) if h.host == "un-altro-portatile"
        ));
        let later = Moment::parse("2026-03-10T10:40").expect("valid");
        assert!(other.looks_stale(later));
        assert!(matches!(
            Lock::acquire(dir.path(), "m2", later).expect("io"),
            Acquire::Held(_)
        ));
    }
}
