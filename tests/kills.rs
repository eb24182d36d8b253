//! Kills at any moment: a child process runs one of the commands that write several files (an
//! import of applications, an import of scores, a member's sheet taken in, a session closed, a
//! rettifica; and marks given one by one, each a line appended to the sheet's log of changes) and kills itself with SIGKILL at its N-th step that writes (a write, a flush, a
//! rename, a removal; see `workspace::fault`), N drawn at random among the command's steps.
//! Counts, never timings: every step is hit on a loaded machine as on an idle one.
//!
//! After each kill: the call opens for writing (completing or rolling back what was left, and
//! saying so), loads without a problem, the journal holds and agrees with the files, no
//! temporary file is left, the command happened whole or not at all, and what the child had
//! reported done is there. `COMMISSIONE_KILLS` changes the number of kills (500),
//! `COMMISSIONE_KILL_SEED` replays a run (the seed is printed).
//!
//! And real signals: an import paused at a chosen step receives Ctrl+C (SIGINT) or SIGTERM
//! from this process, as a user's terminal or a shutting-down system sends them.

#![cfg(unix)]

mod common;
mod fault_ops;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command as Process, Stdio};

use commissione::workspace::fault::{self, Fault};
use commissione::workspace::{lock, tx};

const CHILD: &str = "COMMISSIONE_KILL_CHILD";
const TEST_NAME: &str = "child_runs_a_command";
/// Set: the child pauses at the step instead of dying there, until a signal arrives.
const PAUSE: &str = "COMMISSIONE_KILL_PAUSE";

/// The child: runs the command, armed to die at the given step, and says what it completed.
#[test]
fn child_runs_a_command() {
    let Some(dir) = std::env::var_os(CHILD) else {
        return;
    };
    let number = |name: &str| -> u64 {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let (op, at) = (
        number("COMMISSIONE_KILL_OP") as usize,
        number("COMMISSIONE_KILL_AT"),
    );
    let paused = std::env::var_os(PAUSE).is_some();
    let fault = if paused { Fault::Pause } else { Fault::Kill };
    fault::arm((at > 0).then_some((fault, at)));
    let mut out = std::io::stdout();
    let result = fault_ops::run(op, Path::new(&dir), &mut |step| {
        writeln!(out, "fatto {step}").expect("stdout");
        out.flush().expect("stdout");
    });
    writeln!(out, "passi {}", fault::steps()).expect("stdout");
    if paused {
        // Ended by a signal: the command may have been undone, and says how it ended.
        writeln!(out, "esito {result:?}").expect("stdout");
    } else {
        result.expect("the command succeeds when not killed");
    }
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// Runs the child on `dir`; returns the steps it completed, the steps it counted, and whether
/// it was killed.
fn child(exe: &Path, dir: &Path, op: usize, at: u64) -> (Vec<usize>, u64, bool) {
    let output = Process::new(exe)
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir)
        .env("COMMISSIONE_KILL_OP", op.to_string())
        .env("COMMISSIONE_KILL_AT", at.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let done = stdout
        .lines()
        .filter_map(|l| l.split("fatto ").nth(1))
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let steps = stdout
        .lines()
        .filter_map(|l| l.split("passi ").nth(1))
        .find_map(|n| n.trim().parse().ok())
        .unwrap_or(0);
    #[cfg(unix)]
    let killed = std::os::unix::process::ExitStatusExt::signal(&output.status) == Some(9);
    if !killed {
        assert!(
            output.status.success(),
            "op {op}, step {at}: the child failed: {}{}",
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    (done, steps, killed)
}

#[test]
fn every_command_survives_being_killed_at_any_step() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let kills: usize = std::env::var("COMMISSIONE_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(500);
    let seed = std::env::var("COMMISSIONE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    println!("COMMISSIONE_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let temp = common::fast_tempdir();
    let base = fault_ops::prepared(temp.path());
    let exe = std::env::current_exe().expect("the test binary");

    // How many steps each command takes, run once whole.
    let steps: Vec<u64> = (0..fault_ops::OPS.len())
        .map(|op| {
            let dir = fault_ops::copy(&base, &temp.path().join("misura"));
            let (done, steps, killed) = child(&exe, &dir, op, 0);
            assert!(!killed && !done.is_empty(), "op {op} runs whole");
            fault_ops::sound(&dir, &format!("op {op} whole"));
            assert!(steps > 3, "op {op}: {steps} steps");
            steps
        })
        .collect();
    println!("steps per command: {steps:?}");

    let mut landed = 0;
    let mut per_op = vec![0; fault_ops::OPS.len()];
    let mut round = 0;
    while landed < kills {
        round += 1;
        assert!(round < kills * 3, "too few kills landed: {landed}");
        let op = round % fault_ops::OPS.len();
        let at = 1 + rng.below(steps[op]);
        let dir = fault_ops::copy(&base, &temp.path().join("avviso"));
        let (done, _, killed) = child(&exe, &dir, op, at);
        let what = format!(
            "{} killed at step {at} of {}",
            fault_ops::OPS[op],
            steps[op]
        );
        if killed {
            landed += 1;
            per_op[op] += 1;
        }
        let ws = fault_ops::sound(&dir, &what);
        let effect = fault_ops::effect(op, &dir, &ws);
        // What the child reported done is there (the last step reported, counted from 1).
        let reported = done.iter().max().map_or(0, |d| d + 1);
        assert!(
            effect >= reported,
            "{what}: reported {reported}, on disk {effect}"
        );
        if !killed {
            assert!(effect >= 1, "{what}: completed, yet not on disk");
        }
    }
    println!("{landed} kills landed ({per_op:?} per command) in {round} runs");
    assert!(
        per_op
            .iter()
            .all(|&n| n >= kills / fault_ops::OPS.len() / 2)
    );
}

/// Runs the child paused at step `at` of command `op`, sends it `signal` from outside once it
/// says it is there, and returns its standard output and error once it has ended.
fn signalled(exe: &Path, dir: &Path, op: usize, at: u64, signal: i32) -> (String, String) {
    let mut process = Process::new(exe)
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir)
        .env(PAUSE, "1")
        .env("COMMISSIONE_KILL_OP", op.to_string())
        .env("COMMISSIONE_KILL_AT", at.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the child runs");
    let mut stderr = BufReader::new(process.stderr.take().expect("stderr"));
    let mut said = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).expect("stderr") == 0 {
            panic!("op {op}: the child ended before step {at}: {said}");
        }
        said.push_str(&line);
        if line.contains("in pausa al passo") {
            break;
        }
    }
    // SAFETY: a signal to the child this test started, which is waiting for it.
    assert_eq!(unsafe { libc::kill(process.id() as i32, signal) }, 0);
    stderr.read_to_string(&mut said).expect("stderr");
    let output = process.wait_with_output().expect("the child ends");
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&output.status),
        None,
        "op {op}, step {at}: the signal ended the program instead of the command: {said}"
    );
    assert!(output.status.success(), "op {op}, step {at}: {said}");
    (String::from_utf8_lossy(&output.stdout).into_owned(), said)
}

#[test]
fn ctrl_c_or_sigterm_during_an_import_undoes_it_or_lets_it_finish_and_releases_the_lock() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let temp = common::fast_tempdir();
    let base = fault_ops::prepared(temp.path());
    let exe = std::env::current_exe().expect("the test binary");
    // The two imports: of applications, of scores.
    for op in [0, 1] {
        let dir = fault_ops::copy(&base, &temp.path().join("misura"));
        let (_, steps, _) = child(&exe, &dir, op, 0);
        let (mut undone, mut finished) = (0, 0);
        for (i, at) in [1, 2, steps / 2, steps - 1, steps].into_iter().enumerate() {
            let signal = if i % 2 == 0 {
                libc::SIGTERM
            } else {
                libc::SIGINT
            };
            let what = format!(
                "{}, signal {signal} at step {at} of {steps}",
                fault_ops::OPS[op]
            );
            let dir = fault_ops::copy(&base, &temp.path().join("avviso"));
            let before = common::snapshot(&dir);
            let (out, said) = signalled(&exe, &dir, op, at, signal);
            // Whatever it became, it let go of the lock and left nothing half done.
            assert!(
                !dir.join(lock::FILE).exists(),
                "{what}: the lock is left: {said}"
            );
            assert!(
                !dir.join(tx::INTENT).exists(),
                "{what}: an operation is left: {said}"
            );
            if out.contains("esito Ok") {
                finished += 1;
                assert!(out.contains("Importati"), "{what}: {out}");
            } else {
                undone += 1;
                assert!(out.contains("esito Err(\"Interrupted\")"), "{what}: {out}");
                assert!(
                    said.contains("interrott"),
                    "{what}: not said in Italian: {said}"
                );
                // Not a byte changed, not a temporary file left.
                assert!(common::snapshot(&dir) == before, "{what}: files changed");
            }
            let ws = fault_ops::sound(&dir, &what);
            assert_eq!(
                fault_ops::effect(op, &dir, &ws),
                usize::from(out.contains("esito Ok")),
                "{what}"
            );
        }
        // Signalled at its first step the import is undone; at its last (after the commit) it
        // has finished.
        assert!(
            undone >= 1 && finished >= 1,
            "{}: {undone} undone, {finished} finished",
            fault_ops::OPS[op]
        );
    }
}
