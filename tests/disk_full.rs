//! A full disk: each command that writes several files (an import of applications, an import
//! of scores, a member's sheet taken in, a session closed, a rettifica) is run again and again,
//! its 1st, 2nd, … N-th step that writes failing with "no space left on device" in turn (see
//! `workspace::fault`). Each time the command fails saying "il disco è pieno", changes nothing
//! on disk (not a byte, not a revision number), and the call then opens, loads and agrees with
//! its journal. Then, where the machine allows it (root, or user namespaces), the same on a
//! real small tmpfs that fills up.

#![cfg(unix)]

mod common;
mod fault_ops;

use std::path::Path;

use commissione::workspace::fault::{self, Fault};
use common::{assert_same, snapshot};

/// The fault counter is one for the whole process: the tests that arm it take turns.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The snapshot without the holder file (it names the process that held the lock).
fn files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all = snapshot(dir);
    all.retain(|(p, _)| !p.ends_with("commissione.lock"));
    all
}

#[test]
fn a_full_disk_at_any_step_changes_nothing() {
    let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let temp = tempfile::tempdir().expect("tmp");
    let base = fault_ops::prepared(temp.path());
    let mut failures = 0;
    for (op, name) in fault_ops::OPS.iter().enumerate() {
        // The steps of the whole command, counted once.
        let dir = fault_ops::copy(&base, &temp.path().join("misura"));
        fault::arm(None);
        fault_ops::run(op, &dir, &mut |_| {}).expect("the command runs whole");
        let steps = fault::steps();
        fault::disarm();
        assert!(steps > 3, "{name}: {steps} steps");
        for at in 1..=steps {
            let dir = fault_ops::copy(&base, &temp.path().join("avviso"));
            let before = files(&dir);
            let mut done = Vec::new();
            fault::arm(Some((Fault::NoSpace, at)));
            let result = fault_ops::run(op, &dir, &mut |d| done.push(d));
            fault::disarm();
            let what = format!("{name}, disk full at step {at} of {steps}");
            assert!(result.is_err(), "{what}: it succeeded");
            failures += 1;
            let ws = fault_ops::sound(&dir, &what);
            let effect = fault_ops::effect(op, &dir, &ws);
            // A rettifica is two commands: the closing may have been written before.
            assert_eq!(effect, done.len(), "{what}");
            if done.is_empty() {
                assert_same(&before, &files(&dir));
            }
        }
    }
    println!("{failures} commands failed on a full disk, none changed anything");
}

/// The message the user reads.
#[test]
fn a_full_disk_is_said_in_italian() {
    let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let temp = tempfile::tempdir().expect("tmp");
    let base = fault_ops::prepared(temp.path());
    let dir = fault_ops::copy(&base, &temp.path().join("avviso"));
    let before = files(&dir);
    let mut editor =
        commissione::editor::Editor::open(&dir, commissione::editor::Actor::Secretariat)
            .expect("opens");
    fault::arm(Some((Fault::NoSpace, 2)));
    let error = editor
        .apply(commissione::editor::Command::CloseSession(
            commissione::domain::SessionId::new("s1").expect("id"),
        ))
        .expect_err("the disk is full");
    fault::disarm();
    let text = error.to_string();
    assert!(text.contains("il disco è pieno"), "{text}");
    assert!(text.contains("non è stato scritto nulla"), "{text}");
    assert!(!text.contains("os error"), "{text}");
    drop(editor);
    assert_same(&before, &files(&dir));
}

/// A real full disk: a 1 MB tmpfs in a mount namespace of its own (root, or an unprivileged
/// user namespace), where the call is copied and an import that cannot fit is run.
#[test]
fn on_a_small_tmpfs_an_import_that_does_not_fit_changes_nothing() {
    // Preparing the call writes through the counted steps: never while another test counts.
    let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let unprivileged = std::process::Command::new("unshare")
        .args(["--mount", "--map-root-user", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    let privileged = !unprivileged
        && std::process::Command::new("unshare")
            .args(["--mount", "true"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !unprivileged && !privileged {
        println!("SALTATO: questa macchina non consente di montare un tmpfs di prova (unshare)");
        return;
    }
    let temp = tempfile::tempdir().expect("tmp");
    let base = fault_ops::prepared(temp.path());
    // 3,000 applications of about 1 KB each: more than the tmpfs holds.
    let mut csv = String::from(
        "protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;lotto;titolo;contributo_richiesto;sintesi\n",
    );
    let filler = "x".repeat(900);
    for i in 0..3000 {
        csv.push_str(&format!(
            "T{i};02/03/2026 10:15;APS {i};12345679190;APS;coworking;Titolo {i};79.000,00;{filler}\n"
        ));
    }
    std::fs::write(temp.path().join("grande.csv"), csv).expect("written");
    let script = r#"
set -e
mount -t tmpfs -o size=1m tmpfs "$MNT"
cp -r "$BASE" "$MNT/avviso"
cd "$MNT"
before=$(find avviso -type f ! -name commissione.lock -exec sha256sum {} + | sort)
set +e
"$CLI" import avviso --applications "$CSV" > out.txt 2> err.txt
code=$?
set -e
after=$(find avviso -type f ! -name commissione.lock -exec sha256sum {} + | sort)
echo "codice $code"
tail -3 err.txt
if [ "$before" = "$after" ]; then echo "INVARIATO"; else echo "CAMBIATO"; fi
"$CLI" check avviso > /dev/null && echo "CHECK OK"
"$CLI" registro avviso > /dev/null && echo "REGISTRO OK"
"#;
    let mnt = temp.path().join("mnt");
    std::fs::create_dir_all(&mnt).expect("mount point");
    let mut command = std::process::Command::new("unshare");
    command.arg("--mount");
    if unprivileged {
        command.arg("--map-root-user");
    }
    let output = command
        .args(["bash", "-c", script])
        .env("MNT", &mnt)
        .env("BASE", &base)
        .env("CSV", temp.path().join("grande.csv"))
        .env("CLI", env!("CARGO_BIN_EXE_commissione"))
        .output()
        .expect("unshare runs");
    let said = String::from_utf8_lossy(&output.stdout);
    if !said.contains("codice") {
        println!(
            "SALTATO: il tmpfs di prova non si è potuto montare: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        return;
    }
    assert!(said.contains("codice 1"), "{said}");
    assert!(said.contains("il disco è pieno"), "{said}");
    assert!(said.contains("INVARIATO"), "{said}");
    assert!(said.contains("CHECK OK"), "{said}");
    assert!(said.contains("REGISTRO OK"), "{said}");
}

/// A new call on a full disk: whichever step fails, the creation says so, leaves its folder
/// with nothing but the lock's file, and the call is then created there.
#[test]
fn a_new_call_on_a_full_disk_leaves_its_folder_empty() {
    use commissione::domain::Date;
    use commissione::templates::{self, Template};
    let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let temp = tempfile::tempdir().expect("tmp");
    let today = Date::parse("2026-03-02").expect("date");
    fault::arm(None);
    templates::create(&temp.path().join("misura"), Template::Spazi, today).expect("created");
    let steps = fault::steps();
    fault::disarm();
    assert!(steps > 3, "{steps} steps");
    for at in 1..=steps {
        let dir = temp.path().join(format!("avviso-{at}"));
        fault::arm(Some((Fault::NoSpace, at)));
        let result = templates::create(&dir, Template::Spazi, today);
        fault::disarm();
        let what = format!("disk full at step {at} of {steps}");
        let error = result.expect_err(&what).to_string();
        assert!(error.contains("il disco è pieno"), "{what}: {error}");
        let left: Vec<String> = std::fs::read_dir(&dir)
            .expect("the folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".commissione.blocco")
            .collect();
        assert!(left.is_empty(), "{what}: {left:?}");
        templates::create(&dir, Template::Spazi, today).expect("created once there is room");
        assert!(
            commissione::workspace::load(&dir).workspace.is_some(),
            "{what}"
        );
    }
}
