//! A verbale can be signed PAdES with a standard tool, and the signature validates; the signed
//! copy still verifies against the workspace. Skipped when pyHanko or openssl is missing
//! (pip install pyhanko).

mod minutes_common;

use std::ffi::OsStr;
use std::process::Command;

use commissione::minutes::{minutes_pdf, seal_in_pdf};
use minutes_common::{example_a, run, sid, workspace};

fn has_pyhanko() -> bool {
    Command::new("python3")
        .args(["-c", "import pyhanko.sign, pyhanko_certvalidator"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_signed_verbale_validates_and_still_verifies() {
    let openssl = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pyhanko() || !openssl {
        eprintln!("pyHanko o openssl non installati: firma PAdES non provata");
        return;
    }
    let dir = example_a();
    let ws = workspace(dir.path());
    let out = tempfile::tempdir().unwrap();
    let p = |name: &str| out.path().join(name);
    let pdf = minutes_pdf(&ws, &sid("s2")).unwrap();
    std::fs::write(p("verbale.pdf"), &pdf).unwrap();

    let cert = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
        ])
        .args(["-subj", "/CN=Presidente di prova/O=Comune di Esempio/C=IT"])
        .args([
            "-addext",
            "keyUsage=critical,digitalSignature,nonRepudiation",
        ])
        .arg("-keyout")
        .arg(p("key.pem"))
        .arg("-out")
        .arg(p("cert.pem"))
        .output()
        .unwrap();
    assert!(
        cert.status.success(),
        "{}",
        String::from_utf8_lossy(&cert.stderr)
    );

    let sign = Command::new("python3")
        .arg("tests/minutes_pades/sign.py")
        .args([
            p("verbale.pdf"),
            p("firmato.pdf"),
            p("key.pem"),
            p("cert.pem"),
        ])
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&sign.stdout),
        String::from_utf8_lossy(&sign.stderr)
    );
    assert!(sign.status.success(), "{report}");
    assert!(report.contains("/ETSI.CAdES.detached"), "{report}");

    let signed = std::fs::read(p("firmato.pdf")).unwrap();
    assert!(
        signed.starts_with(&pdf),
        "a signature is an incremental update"
    );
    assert_eq!(seal_in_pdf(&signed), seal_in_pdf(&pdf));
    let (code, stdout, _) = run(&[
        OsStr::new("verify"),
        dir.path().as_os_str(),
        p("firmato.pdf").as_os_str(),
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("seguito da aggiunte che contengono solo firme digitali"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1. firmata da Presidente di prova"),
        "{stdout}"
    );

    // A second signer (the secretary) signs the signed copy: both signatures validate, and
    // the verbale, a PDF/A with its tags, still verifies.
    let sign = Command::new("python3")
        .arg("tests/minutes_pades/sign.py")
        .args([
            p("firmato.pdf"),
            p("firmato2.pdf"),
            p("key.pem"),
            p("cert.pem"),
        ])
        .arg("FirmaSegretario")
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&sign.stdout),
        String::from_utf8_lossy(&sign.stderr)
    );
    assert!(sign.status.success(), "{report}");
    assert!(report.contains("firme: 2"), "{report}");
    let twice = std::fs::read(p("firmato2.pdf")).unwrap();
    assert!(twice.starts_with(&signed));
    let (code, stdout, _) = run(&[
        OsStr::new("verify"),
        dir.path().as_os_str(),
        p("firmato2.pdf").as_os_str(),
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("seguito da aggiunte che contengono solo firme digitali"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2. firmata da Presidente di prova") && stdout.contains("FirmaSegretario"),
        "{stdout}"
    );
}
