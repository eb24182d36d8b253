//! `verify` is bound to the pages: a verbale matches only if it is the document sealed at
//! closing, byte for byte, or that document followed by updates that only sign it. The
//! forgeries of issue 13 are refused, naming the first page whose text differs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use commissione::domain::{SessionId, SessionKind};
use commissione::editor::{Actor, Command, Editor};
use common::{fixture, run, session};
use lopdf::content::{Content, Operation};
use lopdf::{Document, IncrementalDocument, Object, Stream, dictionary};

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Example A with its scoring session closed.
fn closed_scoring() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = fixture("example-a");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::ReservedScoring,
            "2026-03-10",
        ))))
        .expect("session added");
    editor
        .apply(Command::CloseSession(SessionId::new("s1").expect("id")))
        .expect("closed");
    (tmp, dir)
}

fn sealed_path(dir: &Path) -> PathBuf {
    dir.join("verbali/sigillati/verbale-01-s1.pdf")
}

/// `verify DIR FILE` on these bytes: exit code and what it printed.
fn verify(dir: &Path, pdf: &[u8]) -> (i32, String) {
    let file = dir.join("../da-verificare.pdf");
    fs::write(&file, pdf).expect("write the file to verify");
    let (code, out, err) = run(&["verify", p(dir), p(&file)]);
    (code, format!("{out}{err}"))
}

/// A one-page PDF saying anything, with the document information of `real` copied into it.
fn one_page_with_info_of(real: &[u8]) -> Vec<u8> {
    let real = Document::load_mem(real).expect("the real verbale");
    let info = real
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| real.get_dictionary(id))
        .expect("its information")
        .clone();
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 720.into()]),
            Operation::new("Tj", vec![Object::string_literal("Totale punti 45,80")]),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().expect("content"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", info_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saved");
    out
}

/// `pdf` followed by an incremental update that paints `text` on a white box on `page`, in a
/// font of its own: what a forger does to change a total under the signatures.
pub fn paint_over(pdf: &[u8], page: u32, text: &str) -> Vec<u8> {
    let prev = Document::load_mem(pdf).expect("the verbale");
    let page_id = prev.get_pages()[&page];
    // The fonts the page has, to keep them beside the forger's.
    let resolve = |o: &Object| match o {
        Object::Reference(id) => prev.get_object(*id).expect("resolves").clone(),
        other => other.clone(),
    };
    let resources = resolve(
        prev.get_dictionary(page_id)
            .expect("page")
            .get(b"Resources")
            .expect("resources"),
    );
    let mut fonts = resources
        .as_dict()
        .ok()
        .and_then(|r| r.get(b"Font").ok())
        .map(resolve)
        .and_then(|f| f.as_dict().ok().cloned())
        .unwrap_or_default();
    let mut update = IncrementalDocument::create_from(pdf.to_vec(), prev.clone());
    let font_id = update.new_document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    fonts.set("FX", font_id);
    let paint = format!("q 1 1 1 rg 400 300 80 16 re f Q BT /FX 11 Tf 405 304 Td ({text}) Tj ET");
    let paint_id = update
        .new_document
        .add_object(Stream::new(dictionary! {}, paint.into_bytes()));
    match update.get_or_create_resources(page_id).expect("resources") {
        Object::Dictionary(resources) => resources.set("Font", fonts),
        other => panic!("resources: {other:?}"),
    }
    let page_dict = update
        .new_document
        .get_object_mut(page_id)
        .and_then(Object::as_dict_mut)
        .expect("the page, copied into the update");
    let mut contents = match page_dict.get(b"Contents").expect("contents").clone() {
        Object::Array(items) => items,
        one => vec![one],
    };
    contents.push(paint_id.into());
    page_dict.set("Contents", contents);
    let mut out = Vec::new();
    update.save_to(&mut out).expect("saved");
    assert!(out.starts_with(pdf), "an incremental update");
    out
}

/// Ten bytes in the middle of the first content stream of `page` changed: same length, the
/// cross-reference still right.
fn ten_bytes_changed(pdf: &[u8], page: u32) -> Vec<u8> {
    let doc = Document::load_mem(pdf).expect("the verbale");
    let content_id = doc.get_page_contents(doc.get_pages()[&page])[0];
    let stream = doc
        .get_object(content_id)
        .and_then(Object::as_stream)
        .expect("a content stream");
    let at = pdf
        .windows(stream.content.len())
        .position(|w| w == stream.content.as_slice())
        .expect("its place in the file");
    let start = at + stream.content.len() / 2;
    let mut forged = pdf.to_vec();
    for b in &mut forged[start..start + 10] {
        *b ^= 0x5a;
    }
    assert_eq!(forged.len(), pdf.len());
    forged
}

#[test]
fn the_sealed_verbale_matches_and_is_the_one_issued() {
    let (_tmp, dir) = closed_scoring();
    let sealed = fs::read(sealed_path(&dir)).expect("the sealed verbale is kept");
    let ws = commissione::workspace::load(&dir).workspace.expect("loads");
    let seal = ws
        .session(&SessionId::new("s1").expect("id"))
        .and_then(|s| s.seal.clone())
        .expect("sealed");
    assert_eq!(
        seal.pdf.as_deref(),
        Some(commissione::seal::sha256_hex(&sealed).as_str())
    );
    let (code, out) = verify(&dir, &sealed);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("coincide byte per byte con il verbale sigillato alla chiusura"),
        "{out}"
    );
    assert!(out.contains("Firme digitali nel file: nessuna."), "{out}");
    // The verbale issued for the closed session is the sealed one.
    let issued = dir.join("../emesso.pdf");
    let (code, _, err) = run(&["minutes", p(&dir), "--session", "s1", "-o", p(&issued)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(&issued).expect("issued"), sealed);
}

#[test]
fn a_one_page_pdf_with_the_information_of_the_verbale_is_refused() {
    let (_tmp, dir) = closed_scoring();
    let sealed = fs::read(sealed_path(&dir)).expect("sealed");
    let forged = one_page_with_info_of(&sealed);
    assert_eq!(
        commissione::minutes::stamp_in_pdf(&forged),
        commissione::minutes::stamp_in_pdf(&sealed),
        "the forgery carries the same seal in its information"
    );
    let (code, out) = verify(&dir, &forged);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("NON corrisponde"), "{out}");
    assert!(out.contains("pagina 1"), "{out}");
    assert!(out.contains("Totale punti 45,80"), "{out}");
}

#[test]
fn an_update_that_paints_over_a_total_is_refused() {
    let (_tmp, dir) = closed_scoring();
    let sealed = fs::read(sealed_path(&dir)).expect("sealed");
    let forged = paint_over(&sealed, 2, "45,80");
    let (code, out) = verify(&dir, &forged);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("NON corrisponde"), "{out}");
    assert!(out.contains("AGGIUNTE NON DI FIRMA"), "{out}");
    assert!(
        out.contains("il contenuto della pagina 2") || out.contains("la pagina 2"),
        "{out}"
    );
    assert!(
        out.contains("Prima pagina il cui testo è diverso con le aggiunte: pagina 2."),
        "{out}"
    );
    assert!(out.contains("45,80"), "{out}");
}

#[test]
fn ten_bytes_changed_in_a_content_stream_are_refused() {
    let (_tmp, dir) = closed_scoring();
    let sealed = fs::read(sealed_path(&dir)).expect("sealed");
    let forged = ten_bytes_changed(&sealed, 2);
    let (code, out) = verify(&dir, &forged);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("NON corrisponde"), "{out}");
    assert!(
        out.contains("Prima pagina il cui testo è diverso: pagina 2."),
        "{out}"
    );
}

#[test]
fn the_kept_pdf_decides_not_the_rendering_of_the_day() {
    // An upgrade that draws the verbale differently is simulated the other way round: the kept
    // verbale is one an earlier version drew (the same pages, other bytes).
    let (_tmp, dir) = closed_scoring();
    let path = sealed_path(&dir);
    let today = fs::read(&path).expect("sealed");
    let mut doc = Document::load_mem(&today).expect("loads");
    doc.version = "1.6".into();
    let mut earlier = Vec::new();
    doc.save_to(&mut earlier).expect("saved");
    assert_ne!(earlier, today);
    fs::write(&path, &earlier).expect("kept as an earlier version drew it");
    common::edit(
        &dir.join("sedute/s1.ron"),
        &format!("pdf: \"{}\"", commissione::seal::sha256_hex(&today)),
        &format!("pdf: \"{}\"", commissione::seal::sha256_hex(&earlier)),
    );
    let (code, out) = verify(&dir, &earlier);
    assert_eq!(code, 0, "{out}");
    // What this version draws today is not the sealed document.
    let (code, out) = verify(&dir, &today);
    assert_eq!(code, 1, "{out}");
    // And the verbale issued is still the kept one.
    let issued = dir.join("../emesso.pdf");
    assert_eq!(
        run(&["minutes", p(&dir), "--session", "s1", "-o", p(&issued)]).0,
        0
    );
    assert_eq!(fs::read(&issued).expect("issued"), earlier);
    // Its kept copy lost, the sealed verbale is still found at the start of a signed copy.
    fs::remove_file(&path).expect("lost");
    let (code, out, _) = run(&["verify", p(&dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("MANCA O È STATO MODIFICATO"), "{out}");
    let (code, out) = verify(&dir, &earlier);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_draft_and_the_public_ranking_are_bound_to_their_regenerated_bytes() {
    let (_tmp, dir) = fixture("example-a");
    let draft = dir.join("../bozza.pdf");
    let mut editor = Editor::open(&dir, Actor::Secretariat).expect("opens");
    editor
        .apply(Command::PutSession(Box::new(session(
            "s1",
            1,
            SessionKind::ReservedScoring,
            "2026-03-10",
        ))))
        .expect("session added");
    drop(editor);
    assert_eq!(
        run(&["minutes", p(&dir), "--session", "s1", "-o", p(&draft)]).0,
        0
    );
    let bytes = fs::read(&draft).expect("draft");
    assert_eq!(verify(&dir, &bytes).0, 0);
    let (code, out) = verify(&dir, &paint_over(&bytes, 1, "45,80"));
    assert_eq!(code, 1, "{out}");

    let ranking = dir.join("../graduatoria.pdf");
    assert_eq!(run(&["graduatoria", p(&dir), "-o", p(&ranking)]).0, 0);
    let bytes = fs::read(&ranking).expect("ranking");
    let (code, out) = verify(&dir, &bytes);
    assert_eq!(code, 0, "{out}");
    let (code, out) = verify(&dir, &ten_bytes_changed(&bytes, 1));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("pagina 1"), "{out}");
    let (code, out) = verify(&dir, &one_page_with_info_of(&bytes));
    assert_eq!(code, 1, "{out}");
}

/// A session closed by the version before the seal anchored the journal: a seal that is the
/// record's hash, no journal head, no sealed PDF kept.
fn closed_by_an_older_version() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = closed_scoring();
    let file = dir.join("sedute/s1.ron");
    let text = fs::read_to_string(&file).expect("session");
    let ws = commissione::workspace::load(&dir).workspace.expect("loads");
    let seal = ws
        .session(&SessionId::new("s1").expect("id"))
        .and_then(|s| s.seal.clone())
        .expect("sealed");
    let mut old = String::new();
    let mut skipping = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if skipping {
            skipping = !trimmed.starts_with("),");
            continue;
        }
        if trimmed.starts_with("journal: (") {
            skipping = true;
            continue;
        }
        if trimmed.starts_with("record: ") || trimmed.starts_with("pdf: ") {
            continue;
        }
        old.push_str(line);
        old.push('\n');
    }
    let old = old.replace(&seal.sha256, seal.record.as_deref().expect("record"));
    fs::write(&file, old).expect("older session file");
    fs::remove_dir_all(dir.join("verbali/sigillati")).expect("no sealed PDF then");
    // The journal of that version recorded the closing with that seal.
    let journal = dir.join("registro.ron");
    let text = fs::read_to_string(&journal).expect("journal");
    fs::remove_file(&journal).expect("rewritten below");
    let j = commissione::workspace::journal::Journal::of(&dir);
    for line in text.lines().filter(|l| l.starts_with('(')) {
        let e: commissione::workspace::journal::Entry = ron::from_str(line).expect("an entry");
        let change = e
            .change
            .replace(&seal.sha256, seal.record.as_deref().expect("record"));
        j.append(e.at, &e.who, &e.file, &change, &e.before, "")
            .expect("append");
    }
    (tmp, dir)
}

#[test]
fn a_session_closed_by_an_older_version_still_verifies_with_a_note() {
    let (_tmp, dir) = closed_by_an_older_version();
    let (code, out, _) = run(&["verify", p(&dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("versione precedente del programma"), "{out}");
    let issued = dir.join("../vecchio.pdf");
    let (code, _, err) = run(&["minutes", p(&dir), "--session", "s1", "-o", p(&issued)]);
    assert_eq!(code, 0, "{err}");
    let bytes = fs::read(&issued).expect("issued");
    let (code, out) = verify(&dir, &bytes);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("versione precedente del programma"), "{out}");
    // Drawn by an older rendering: other bytes, the same text on every page.
    let mut doc = Document::load_mem(&bytes).expect("loads");
    doc.version = "1.6".into();
    let mut older = Vec::new();
    doc.save_to(&mut older).expect("saved");
    let (code, out) = verify(&dir, &older);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("il legame con le pagine è solo nel testo"),
        "{out}"
    );
    // The forgeries are refused all the same.
    assert_eq!(verify(&dir, &paint_over(&bytes, 2, "45,80")).0, 1);
    assert_eq!(verify(&dir, &ten_bytes_changed(&bytes, 2)).0, 1);
    assert_eq!(verify(&dir, &one_page_with_info_of(&bytes)).0, 1);
}

fn has_pyhanko_and_openssl() -> bool {
    let ok = |program: &str, args: &[&str]| {
        std::process::Command::new(program)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    ok(
        "python3",
        &["-c", "import pyhanko.sign, pyhanko_certvalidator"],
    ) && ok("openssl", &["version"])
}

fn openssl(args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A test certification authority and two signers' certificates it issued, in `dir`.
fn test_ca(dir: &Path) {
    let f = |name: &str| dir.join(name).to_string_lossy().into_owned();
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=Autorità di prova/O=Comune di Esempio/C=IT",
        "-utf8",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        &f("ca.key"),
        "-out",
        &f("ca.pem"),
    ]);
    fs::write(
        dir.join("ext.cnf"),
        "keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n",
    )
    .expect("extensions");
    for (who, cn) in [
        ("presidente", "Maria Rossi"),
        ("commissario", "Luca Bianchi"),
    ] {
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-utf8",
            "-subj",
            &format!("/CN={cn}/O=Comune di Esempio/C=IT"),
            "-keyout",
            &f(&format!("{who}.key")),
            "-out",
            &f(&format!("{who}.csr")),
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            &f(&format!("{who}.csr")),
            "-CA",
            &f("ca.pem"),
            "-CAkey",
            &f("ca.key"),
            "-CAcreateserial",
            "-days",
            "30",
            "-extfile",
            &f("ext.cnf"),
            "-out",
            &f(&format!("{who}.pem")),
        ]);
    }
}

/// Signs `from` into `to` with pyHanko (PAdES), as `who`, in the field `field`.
fn sign(dir: &Path, from: &str, to: &str, who: &str, field: &str) {
    let f = |name: &str| dir.join(name);
    let out = std::process::Command::new("python3")
        .arg("tests/minutes_pades/sign.py")
        .args([
            f(from),
            f(to),
            f(&format!("{who}.key")),
            f(&format!("{who}.pem")),
        ])
        .arg(field)
        .arg(f("ca.pem"))
        .output()
        .expect("pyHanko runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_verbale_signed_twice_with_pyhanko_verifies_and_lists_both_signers() {
    if !has_pyhanko_and_openssl() {
        eprintln!(
            "NOTA: pyHanko o openssl non installati (pip install pyhanko): la doppia firma PAdES non è stata provata"
        );
        return;
    }
    let (tmp, dir) = closed_scoring();
    let keys = tmp.path().join("firme");
    fs::create_dir_all(&keys).expect("folder");
    test_ca(&keys);
    fs::copy(sealed_path(&dir), keys.join("verbale.pdf")).expect("copy");
    sign(
        &keys,
        "verbale.pdf",
        "una.pdf",
        "presidente",
        "FirmaPresidente",
    );
    sign(
        &keys,
        "una.pdf",
        "due.pdf",
        "commissario",
        "FirmaCommissario",
    );
    let signed = fs::read(keys.join("due.pdf")).expect("signed");
    let (code, out) = verify(&dir, &signed);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("seguito da aggiunte che contengono solo firme digitali"),
        "{out}"
    );
    assert!(out.contains("Firme digitali nel file: 2."), "{out}");
    assert!(
        out.contains("non si giudica se i certificati siano affidabili"),
        "{out}"
    );
    assert!(
        out.contains("1. firmata da Maria Rossi") && out.contains("(campo «FirmaPresidente»): copre tutto il documento (non le aggiunte successive alla firma); l'impronta firmata corrisponde ai byte coperti"),
        "{out}"
    );
    assert!(
        out.contains("2. firmata da Luca Bianchi") && out.contains("(campo «FirmaCommissario»): copre tutto il documento e l'intero file; l'impronta firmata corrisponde ai byte coperti"),
        "{out}"
    );
    // After two signatures, an update that paints over a total is refused.
    let (code, out) = verify(&dir, &paint_over(&signed, 2, "45,80"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("AGGIUNTE NON DI FIRMA"), "{out}");
    assert!(out.contains("aggiunta n. 3"), "{out}");
    assert!(out.contains("Firme digitali nel file: 2."), "{out}");
}
