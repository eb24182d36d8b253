//! Crash safety: a child process saves in a loop through the editor (the one road every change
//! takes: check, atomic save, journal) and is killed with SIGKILL at a random moment, 200 times.
//! After each kill the call must load without a problem, the journal must hold together, and
//! no save the child reported as completed may be lost.
//!
//! The child is this same test binary, started again with `COMMISSIONE_CRASH_CHILD` set: then
//! `child_saving_in_a_loop` opens the call (taking over the lock the killed one left, as the
//! window does once the user confirms), and alternates two changes, a member's score and an
//! application's decision, each carrying the save's number in its reason. It prints
//! `salvato N` once `apply` has returned, that is after the rename.
//!
//! `COMMISSIONE_CRASH_KILLS` changes the number of kills, `COMMISSIONE_CRASH_SEED` replays the
//! moments of a failed run (the seed is printed).

#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use commissione::domain::{AdmissionOutcome, Decision, Points, Workspace};
use commissione::editor::{Actor, Command, Editor, ReadOnly, now};
use commissione::samples::large::{Size, generate};
use commissione::workspace::journal::Journal;
use commissione::workspace::{self, write_new};

const CHILD: &str = "COMMISSIONE_CRASH_CHILD";
const TEST_NAME: &str = "child_saving_in_a_loop";

fn call() -> Workspace {
    generate(Size {
        applications: 60,
        lots: 2,
        members: 3,
        criteria: 8,
        seed: 3,
    })
    .expect("a valid call")
}

/// The number of the last save found on disk: (score, decision).
fn saves_on_disk(ws: &Workspace) -> (u64, u64) {
    let number = |reason: &str| {
        reason
            .strip_prefix("salvataggio ")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let sheet = ws.sheets().values().next().expect("a sheet");
    let score = sheet
        .scores
        .iter()
        .find(|s| s.application == sheet.scores[0].application && s.criterion.as_str() == "C01")
        .map_or(0, |s| number(&s.reason));
    let app = ws.applications().values().next().expect("an application");
    let decision = app.decision.as_ref().map_or(0, |d| number(&d.reason));
    (score, decision)
}

/// The child: saves until it is killed.
#[test]
fn child_saving_in_a_loop() {
    let Some(dir) = std::env::var_os(CHILD) else {
        return;
    };
    let dir = Path::new(&dir);
    let mut editor = Editor::open(dir, Actor::Secretariat).expect("the call opens");
    if let Some(ReadOnly::Busy(holder)) = editor.read_only()
        && holder.looks_stale(now())
    {
        editor
            .take_over()
            .expect("the lock of the killed child is taken over");
    }
    assert!(
        editor.read_only().is_none(),
        "read-only: {:?}",
        editor.read_only()
    );
    let (score, decision) = saves_on_disk(editor.workspace());
    let mut n = score.max(decision);
    let sheet = editor
        .workspace()
        .sheets()
        .values()
        .next()
        .expect("a sheet");
    let member = sheet.member.clone();
    let application = sheet.scores[0].application.clone();
    let criterion = sheet
        .scores
        .iter()
        .find(|s| s.application == application && s.criterion.as_str() == "C01")
        .expect("a mark on C01")
        .criterion
        .clone();
    let decided = editor
        .workspace()
        .applications()
        .keys()
        .next()
        .expect("an application")
        .clone();
    let mut out = std::io::stdout();
    writeln!(out, "pronto").expect("stdout");
    out.flush().expect("stdout");
    loop {
        n += 1;
        let command = if n % 2 == 1 {
            Command::Score {
                member: member.clone(),
                application: application.clone(),
                criterion: criterion.clone(),
                value: Points::parse(if n % 4 == 1 { "0.4" } else { "0.6" }).ok(),
                reason: format!("salvataggio {n}"),
            }
        } else {
            Command::Decide {
                application: decided.clone(),
                decision: Some(Decision {
                    outcome: AdmissionOutcome::AdmittedWithReserve,
                    reason: format!("salvataggio {n}"),
                    session: None,
                }),
            }
        };
        editor.apply(command).expect("the change is saved");
        writeln!(out, "salvato {n}").expect("stdout");
        out.flush().expect("stdout");
    }
}

/// xorshift64*: the kill moments, reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

#[test]
fn saving_survives_being_killed_at_any_moment() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let kills: usize = std::env::var("COMMISSIONE_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(200);
    let seed = std::env::var("COMMISSIONE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    println!("COMMISSIONE_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let temp = tempfile::tempdir().expect("tmp");
    let dir = temp.path();
    write_new(dir, &call()).expect("the call is written");
    let exe = std::env::current_exe().expect("the test binary");

    let mut reported = 0u64;
    let mut mid_run = 0;
    let mut per_save = Duration::from_millis(10);
    let started = Instant::now();
    for kill in 0..kills {
        let mut child = Process::new(&exe)
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the child starts");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send((Instant::now(), line)).is_err() {
                    break;
                }
            }
        });
        let ready = Instant::now();
        loop {
            // The test harness writes «test child_saving_in_a_loop ... » with no line end
            // before the child's own first line.
            let left = Duration::from_secs(60).saturating_sub(ready.elapsed());
            match rx.recv_timeout(left) {
                Ok((_, line)) if line.ends_with("pronto") => break,
                Ok(_) => {}
                Err(_) => {
                    let _ = child.kill();
                    let output = child.wait_with_output().expect("the child ends");
                    panic!(
                        "kill {kill}: the child did not get ready in {:?}: {}",
                        ready.elapsed(),
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            }
        }
        // From the first instruction of a save to a few saves in: each phase of writing,
        // flushing, renaming and journaling gets its share of kills, on a fast machine as on a
        // slow one, since the range follows the time a save has taken so far.
        let range = (per_save.as_micros() as u64 * 4).max(1_000);
        thread::sleep(Duration::from_micros(rng.below(range)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("the child ends");
        reader.join().expect("the reader ends");
        let before = reported;
        let mut last_at = None;
        for (at, line) in rx.try_iter() {
            if let Some(n) = line.strip_prefix("salvato ") {
                reported = n.parse().expect("a number");
                if let Some(last) = last_at {
                    // A running mean of the time between two completed saves.
                    per_save = (per_save * 7 + (at - last)) / 8;
                }
                last_at = Some(at);
            }
        }
        if reported > before {
            mid_run += 1;
        }
        assert!(
            status.code().is_none(),
            "kill {kill}: the child ended by itself ({status}): {}",
            child
                .stderr
                .take()
                .map(|mut e| {
                    let mut s = String::new();
                    let _ = std::io::Read::read_to_string(&mut e, &mut s);
                    s
                })
                .unwrap_or_default()
        );

        let loaded = workspace::load(dir);
        assert!(
            loaded.problems.is_empty(),
            "kill {kill}: {:#?}",
            loaded.problems
        );
        let ws = loaded.workspace.expect("the call loads");
        let (score, decision) = saves_on_disk(&ws);
        // The last completed save of each kind, and at most the one in flight after it.
        let last_odd = if reported % 2 == 1 {
            reported
        } else {
            reported.saturating_sub(1)
        };
        let last_even = reported - reported % 2;
        assert!(
            score >= last_odd && score <= reported + 1,
            "kill {kill}: the score holds save {score}, the child had completed {reported}"
        );
        assert!(
            decision >= last_even && decision <= reported + 1,
            "kill {kill}: the decision holds save {decision}, the child had completed {reported}"
        );
        reported = score.max(decision);
        let (_, broken) = Journal::of(dir).verify();
        assert!(broken.is_none(), "kill {kill}: the journal: {broken:?}");
    }
    println!(
        "{kills} kills in {:.1?}: {reported} saves, {mid_run} kills after a save completed",
        started.elapsed()
    );
    assert!(
        mid_run * 3 > kills,
        "too few kills landed among saves: {mid_run} of {kills}"
    );
}
