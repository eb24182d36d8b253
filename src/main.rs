//! `commissione`: the window, or with a command the command line (README, Command line).
//!
//! On Windows the program is built for the Windows subsystem, so that a double click opens the
//! window without a console window behind it. Given a command in a terminal (cmd, PowerShell)
//! it joins that terminal's console, where its output and errors appear.
#![windows_subsystem = "windows"]

use std::process::ExitCode;

use commissione::cli::{self, Command};

fn main() -> ExitCode {
    #[cfg(windows)]
    windows::start();
    let cli = match cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(exit) => return exit.into(),
    };
    match cli.command {
        None => commissione::app::run(None).into(),
        Some(Command::Open { dir }) => commissione::app::run(Some(dir)).into(),
        Some(command) => cli::run(command).into(),
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
