use std::process::ExitCode;

use commissione::cli::{self, Command};

fn main() -> ExitCode {
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
