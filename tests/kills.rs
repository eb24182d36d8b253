//! Kills at any moment: a child process runs one of the commands that write several files (an
//! import of applications, an import of scores, a member's sheet taken in, a session closed, a
//! rettifica) and kills itself with SIGKILL at its N-th step that writes (a write, a flush, a
//! rename, a removal; see `workspace::fault`), N drawn at random among the command's steps.
//! Counts, never timings: every step is hit on a loaded machine as on an idle one.
//!
//! After each kill: the call opens for writing (completing or rolling back what was left, and
//! saying so), loads without a problem, the journal holds and agrees with the files, no
//! temporary file is left, the command happened whole or not at all, and what the child had
//! reported done is there. `COMMISSIONE_KILLS` changes the number of kills (500),
//! `COMMISSIONE_KILL_SEED` replays a run (the seed is printed).

#![cfg(unix)]

mod common;
mod fault_ops;

use std::io::Write;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use commissione::workspace::fault::{self, Fault};

const CHILD: &str = "COMMISSIONE_KILL_CHILD";
const TEST_NAME: &str = "child_runs_a_command";

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
    fault::arm((at > 0).then_some((Fault::Kill, at)));
    let mut out = std::io::stdout();
    let result = fault_ops::run(op, Path::new(&dir), &mut |step| {
        writeln!(out, "fatto {step}").expect("stdout");
        out.flush().expect("stdout");
    });
    writeln!(out, "passi {}", fault::steps()).expect("stdout");
    result.expect("the command succeeds when not killed");
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
