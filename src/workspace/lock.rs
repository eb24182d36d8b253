//! The lock on a workspace: one instance writes, others (a second window, a second laptop on a
//! shared folder) open it read-only and say who holds it and since when.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::Moment;

pub const FILE: &str = "commissione.lock";
/// A lock not refreshed for this long is taken to be left by an instance that crashed.
const STALE_AFTER_MINUTES: i64 = 30;

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

    /// Whether the holder looks gone: its process no longer runs on this machine, or it has
    /// not refreshed the lock for a long time.
    pub fn looks_stale(&self, now: Moment) -> bool {
        let quiet = now.timestamp().as_second() - self.refreshed.timestamp().as_second();
        if quiet > STALE_AFTER_MINUTES * 60 {
            return true;
        }
        self.host == host_name() && !crate::platform::process_alive(self.pid)
    }
}

fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "utente sconosciuto".into())
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
        .unwrap_or_else(|| "computer sconosciuto".into())
}

/// A lock this instance holds; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    holder: Holder,
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

impl Lock {
    pub fn acquire(dir: &Path, who: &str, now: Moment) -> io::Result<Acquire> {
        let path = dir.join(FILE);
        let holder = Holder::new(who, now);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                f.write_all(to_text(&holder)?.as_bytes())?;
                f.sync_all()?;
                Ok(Acquire::Held(Lock { path, holder }))
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read_holder(&path) {
                Some(other) => Ok(Acquire::Busy(other)),
                // An unreadable lock (a crash while writing it) holds nobody.
                None => Lock::take_over(dir, who, now).map(Acquire::Held),
            },
            Err(e) => Err(e),
        }
    }

    /// Takes the lock whoever holds it: only after the user confirmed the holder is gone.
    pub fn take_over(dir: &Path, who: &str, now: Moment) -> io::Result<Lock> {
        let path = dir.join(FILE);
        let holder = Holder::new(who, now);
        super::write_atomic(&path, to_text(&holder)?.as_bytes())?;
        let _ = fs::remove_file(dir.join(format!("{FILE}.bak")));
        Ok(Lock { path, holder })
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Tells others this instance is still alive.
    pub fn refresh(&mut self, now: Moment) -> io::Result<()> {
        self.holder.refreshed = now;
        super::write_atomic(&self.path, to_text(&self.holder)?.as_bytes())?;
        let _ = fs::remove_file(self.path.with_extension("lock.bak"));
        Ok(())
    }

    /// Whether the lock on disk is still this one (it may have been taken over).
    pub fn still_ours(&self) -> bool {
        read_holder(&self.path)
            .is_some_and(|h| h.pid == self.holder.pid && h.since == self.holder.since)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if self.still_ours() {
            let _ = fs::remove_file(&self.path);
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
        // Our own process is alive and the lock is fresh: not stale.
        assert!(!holder.looks_stale(now()));
        drop(first);
        assert!(!dir.path().join(FILE).exists());
        assert!(matches!(
            Lock::acquire(dir.path(), "m1", now()).expect("io"),
            Acquire::Held(_)
        ));
    }

    #[test]
    fn an_old_lock_looks_stale_and_can_be_taken_over() {
        let dir = tempfile::tempdir().expect("tmp");
        let Acquire::Held(first) = Lock::acquire(dir.path(), "segreteria", now()).expect("io")
        else {
            panic!("taken");
        };
        let later = Moment::parse("2026-03-10T12:00").expect("valid");
        assert!(first.holder().looks_stale(later));
        let second = Lock::take_over(dir.path(), "m2", later).expect("taken over");
        // The first instance no longer owns it and must not remove it when it closes.
        assert!(!first.still_ours());
        drop(first);
        assert!(dir.path().join(FILE).exists());
        assert!(second.still_ours());
    }
}
