//! Faults on purpose, for the tests that prove a command survives them: every step that writes
//! the call's folder (a write, a flush to disk, a rename, a removal) passes through [`step`],
//! which counts it. A test arms a fault at the N-th step: the process kills itself there
//! (as a power cut or `kill -9` would stop it), or the step fails as a full disk fails. Driven
//! by counts, never by time, so that every step is hit on a fast machine as on a loaded one.
//! Unarmed (always, outside those tests) a step costs one atomic load.

use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// What happens at the armed step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The process ends at once, with SIGKILL: nothing after it runs, no destructor, no flush.
    Kill,
    /// The step fails with "no space left on device".
    NoSpace,
    /// The process says `in pausa al passo «…»` on its standard error and waits there until
    /// Ctrl+C or SIGTERM arrives (see `tx::catch_interruptions`), then goes on: so that a test
    /// sends a real signal at a step it chose, without guessing when.
    Pause,
}

static COUNTING: AtomicBool = AtomicBool::new(false);
static STEPS: AtomicU64 = AtomicU64::new(0);
static ARMED: Mutex<Option<(Fault, u64)>> = Mutex::new(None);

/// Starts counting steps from zero, with `fault` at step `at` (from 1), or none.
pub fn arm(fault: Option<(Fault, u64)>) {
    STEPS.store(0, Ordering::SeqCst);
    if let Ok(mut armed) = ARMED.lock() {
        *armed = fault;
    }
    COUNTING.store(true, Ordering::SeqCst);
}

/// Stops counting and disarms.
pub fn disarm() {
    COUNTING.store(false, Ordering::SeqCst);
    if let Ok(mut armed) = ARMED.lock() {
        *armed = None;
    }
}

/// The steps counted since [`arm`].
pub fn steps() -> u64 {
    STEPS.load(Ordering::SeqCst)
}

/// One step that writes to the call's folder: `what` names it for a test's report.
pub(crate) fn step(what: &'static str) -> io::Result<()> {
    if !COUNTING.load(Ordering::Relaxed) {
        return Ok(());
    }
    let n = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
    let armed = ARMED.lock().ok().and_then(|a| *a);
    match armed {
        Some((Fault::Kill, at)) if at == n => kill_self(what),
        Some((Fault::NoSpace, at)) if at == n => Err(no_space()),
        Some((Fault::Pause, at)) if at == n => {
            pause(what);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn no_space() -> io::Error {
    #[cfg(unix)]
    {
        io::Error::from_raw_os_error(libc::ENOSPC)
    }
    #[cfg(not(unix))]
    {
        io::Error::from(io::ErrorKind::StorageFull)
    }
}

fn pause(what: &str) {
    use std::io::Write;
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", super::messages::paused_at(what));
    let _ = err.flush();
    drop(err);
    // Polled, not timed: the signal sets the flag whenever it arrives. A test that never sends
    // it is not left waiting for ever.
    for _ in 0..60_000 {
        if super::tx::interrupted() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn kill_self(what: &str) -> ! {
    eprintln!("{}", super::messages::killed_at(what));
    #[cfg(unix)]
    {
        // SAFETY: sends SIGKILL to this very process; nothing is touched.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
    }
    std::process::abort()
}
