//! `commissione`: the window, or with a command the command line (README, Command line).
//!
//! On Windows the program is built for the Windows subsystem, so that a double click opens the
//! window without a console window behind it. Given a command in a terminal (cmd, PowerShell)
//! it joins that terminal's console, where its output and errors appear.
#![windows_subsystem = "windows"]

use std::process::ExitCode;

use commissione::cli::{self, Command};

/// mimalloc rather than the system's allocator: a verbale of a large call makes and frees
/// millions of small strings on three threads, and glibc's allocator took a third of the time,
/// much of it waiting on its lock while one thread freed what another had made. Its build
/// defaults are set in `.cargo/config.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    allocator::settle();
    #[cfg(windows)]
    windows::start();
    let cli = match cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(exit) => return exit.into(),
    };
    match cli.command {
        None => commissione::app::run(None).into(),
        Some(Command::Open { dir }) => commissione::app::run(Some(dir)).into(),
        Some(command) => {
            quiet_on_closed_pipe();
            cli::run(command).into()
        }
    }
}

/// A command whose output is cut short (`commissione registro DIR | head`) stops quietly, as
/// command-line tools do, rather than panicking at the next line it prints. What it had
/// written to the call by then is whole: every change is a transaction a stop cannot split.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(windows)]
mod windows {
    use commissione::platform;

    /// Joins the terminal's console when there are arguments (a command, or `open DIR` typed in
    /// a terminal); a double click gives none. A window without a console says an internal
    /// error in a message box: otherwise the program would vanish without a word.
    pub fn start() {
        let first = std::env::args_os().nth(1);
        let console = first.is_some() && platform::attach_console();
        let window = first.is_none() || first.as_deref() == Some(std::ffi::OsStr::new("open"));
        if window && !console {
            show_panics();
        }
    }

    fn show_panics() {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            report(info);
            // The window's own thread: a background task's failure is reported by the window.
            if std::thread::current().name() == Some("main") {
                platform::show_error(
                    "Commissione",
                    &format!(
                        "Il programma si è interrotto per un errore interno ({info}).\n\nLe \
                         modifiche salvate finora sono nei file dell'avviso. Riaprire il \
                         programma; se l'errore si ripete, segnalarlo con questo messaggio."
                    ),
                );
            }
        }));
    }
}

mod allocator {
    use std::ffi::c_int;

    /// `mi_option_purge_delay` of mimalloc 2 (`mi_option_e` in its mimalloc.h), which the crate
    /// does not name.
    const PURGE_DELAY: c_int = 15;

    /// Memory freed goes back to the system at once rather than 10 ms later: a large call's
    /// verbale frees its files' text while it builds the evaluation, where it peaks (10,000
    /// applications: 535 MB resident without this, 488 MB with it).
    pub fn settle() {
        // SAFETY: mimalloc allows its options to be set at any time; this one is a number
        // read whenever it is about to purge.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    }
}
