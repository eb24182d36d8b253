//! The size the design sets as a benchmark: 2,000 applications in 5 lots, 7 members and 20
//! criteria (280,000 marks, each with its reason). Not a timed test: run it by hand,
//!
//!     cargo test --release --test minutes_big -- --ignored --nocapture
//!
//! or let it write the workspace for timing the command line:
//!
//!     COMMISSIONE_BIG_DIR=/tmp/big cargo test --test minutes_big -- --ignored
//!     time target/release/commissione minutes /tmp/big --session s2 -o /tmp/big.pdf

mod minutes_common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Instant;

use commissione::minutes::render_minutes;
use commissione::record::session_record;
use commissione::rules::evaluate;
use minutes_common::{sid, workspace};

const APPLICATIONS: usize = 2000;
const LOTS: usize = 5;
const MEMBERS: usize = 7;
const CRITERIA: usize = 20;

fn write_big(dir: &Path) {
    fs::create_dir_all(dir.join("candidature")).unwrap();
    fs::create_dir_all(dir.join("schede")).unwrap();
    fs::create_dir_all(dir.join("sedute")).unwrap();
    let mut lots = String::new();
    for l in 0..LOTS {
        let _ = write!(
            lots,
            "(id: \"lotto{l}\", name: \"Spazio di quartiere n. {l}\", budget: \"2000000.00\", reserved_share: \"0\", allocation: UntilExhausted(partial: true, skip_when_not_fitting: false)),"
        );
    }
    let mut criteria = String::new();
    for c in 0..CRITERIA {
        let scoring = if c % 2 == 0 {
            "Coefficient"
        } else {
            "Points(step: None)"
        };
        let _ = write!(
            criteria,
            "(id: \"C{c:02}\", title: \"Criterio {c} sulla qualità della proposta\", description: \"\", max: \"5\", min: None, rescale: {}, scoring: {scoring}),",
            c % 3 == 0
        );
    }
    fs::write(
        dir.join("avviso.ron"),
        format!(
            r#"(format: 1, call: (authority: "Comune di Milano", office: "Direzione Welfare", title: "Avviso di co-progettazione per gli spazi di quartiere", cup: "B41H20000080007", rup: "Dott. Mario Bianchi", published_on: "2026-01-10", deadline: "2026-03-05T12:00:00+01:00",
            lots: [{lots}],
            funding: (max_contribution_share: "0.90", min_cofinancing_share: "0.10"),
            criteria: [{criteria}], overall_min: None, decimals: 2, tie_breaks: [EarlierSubmission],
            judgement_scale: [(label: "ottimo", coefficient: "1.0"), (label: "buono", coefficient: "0.8"), (label: "discreto", coefficient: "0.6"), (label: "sufficiente", coefficient: "0.4")]))"#
        ),
    )
    .unwrap();
    let mut members = String::new();
    for m in 0..MEMBERS {
        let role = if m == 0 { "President" } else { "Commissioner" };
        let _ = write!(
            members,
            "(id: \"m{m}\", name: \"Componente numero {m}\", role: {role}, qualification: \"Funzionario\"),"
        );
    }
    fs::write(
        dir.join("commissione.ron"),
        format!(
            "(format: 1, commission: (appointed_by: \"Determinazione dirigenziale n. 99 del 06/03/2026\", members: [{members} (id: \"seg\", name: \"Segretario\", role: Secretary)]))"
        ),
    )
    .unwrap();
    for a in 0..APPLICATIONS {
        fs::write(
            dir.join(format!("candidature/A{a:04}.ron")),
            format!(
                r#"(format: 1, application: (protocol: "2026/{a:07}", received_at: "2026-03-0{}T{:02}:{:02}:00+01:00", lot: "lotto{}", title: "Proposta numero {a}",
                applicant: (name: "Associazione di promozione sociale numero {a}", tax_code: "12345679190", legal_form: SocialPromotionAssociation),
                budget: [(category: "personale", amount: "10000.00")], cofinancing: [(kind: Cash, amount: "1500.00")], requested: "8500.00"))"#,
                1 + a % 4,
                8 + a % 10,
                a % 60,
                a % LOTS
            ),
        )
        .unwrap();
    }
    for m in 0..MEMBERS {
        let mut scores = String::new();
        let mut declarations = String::new();
        for a in 0..APPLICATIONS {
            let _ = write!(declarations, "(application: \"2026/{a:07}\"),");
            for c in 0..CRITERIA {
                let value = if c % 2 == 0 {
                    ["1.0", "0.8", "0.6", "0.4"][(a + m + c) % 4]
                } else {
                    ["5", "4", "3", "2"][(a * 3 + m + c) % 4]
                };
                let _ = write!(
                    scores,
                    "(application: \"2026/{a:07}\", criterion: \"C{c:02}\", value: \"{value}\", reason: \"La proposta {a} risponde al criterio {c} in modo adeguato: obiettivi chiari, attività coerenti, risorse proporzionate.\"),"
                );
            }
        }
        fs::write(
            dir.join(format!("schede/m{m}.ron")),
            format!(
                "(format: 1, sheet: (member: \"m{m}\", declarations: [{declarations}], scores: [{scores}]))"
            ),
        )
        .unwrap();
    }
    fs::write(
        dir.join("sedute/s2.ron"),
        minutes_common::session_file("s2", 2, "ReservedScoring", "2026-04-20", "09:00").replace(
            "[\"m1\", \"m2\", \"m3\", \"seg\"]",
            "[\"m0\", \"m1\", \"m2\", \"m3\", \"m4\", \"m5\", \"m6\", \"seg\"]",
        ),
    )
    .unwrap();
}

#[test]
#[ignore = "a benchmark: minutes of 2,000 applications × 7 members × 20 criteria"]
fn a_verbale_of_two_thousand_applications() {
    let kept = std::env::var_os("COMMISSIONE_BIG_DIR");
    let temp = tempfile::tempdir().unwrap();
    let dir = kept.as_deref().map_or(temp.path(), Path::new);
    write_big(dir);
    let t = Instant::now();
    let ws = workspace(dir);
    eprintln!("load: {:?}", t.elapsed());
    let t = Instant::now();
    let evaluation = evaluate(&ws);
    eprintln!("evaluate: {:?}", t.elapsed());
    let t = Instant::now();
    let record = session_record(&ws, &evaluation, &sid("s2")).unwrap();
    eprintln!("record: {:?}", t.elapsed());
    let t = Instant::now();
    let pdf = render_minutes(&record, None).unwrap();
    eprintln!(
        "verbale: {:?}, {} bytes, {} pages",
        t.elapsed(),
        pdf.len(),
        lopdf::Document::load_mem(&pdf).unwrap().get_pages().len()
    );
}

/// Peak resident memory and wall time of one run of the command line, as `/usr/bin/time -v`
/// reports them.
fn measured(args: &[&std::ffi::OsStr]) -> (String, String) {
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_commissione"))
        .args(args)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        // Said, not asserted: the figures are what this prints.
        eprintln!(
            "{args:?} failed: {}",
            report.lines().next().unwrap_or_default()
        );
    }
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let kb: u64 = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap_or(0);
    (
        format!("{} MB", kb / 1000),
        field("Elapsed (wall clock) time (h:mm:ss or m:ss):"),
    )
}

/// The figures of README's Performance table for the command line on a large call: the peak
/// memory and time of `check`, of `minutes` on the scoring session as a draft, of `close`, and
/// of `minutes` on the session once closed. Not timed, nothing asserted but success: it prints
/// them. The call is made first, e.g. with 10,000 applications (353 MB of files):
///
///     commissione sample large /tmp/big10k --applications 10000
///     COMMISSIONE_MEMORY_DIR=/tmp/big10k cargo test --release --test minutes_big -- --ignored --nocapture memory
///
/// It closes the session `s2` of that folder (use a copy); needs `/usr/bin/time`.
#[test]
#[ignore = "a benchmark: peak memory of the command line on a call made beforehand"]
fn memory_of_the_command_line() {
    let Some(dir) = std::env::var_os("COMMISSIONE_MEMORY_DIR") else {
        eprintln!("COMMISSIONE_MEMORY_DIR not set: nothing measured");
        return;
    };
    let dir = Path::new(&dir);
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("v.pdf");
    let (d, p) = (dir.as_os_str(), pdf.as_os_str());
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let steps: [(&str, Vec<&std::ffi::OsStr>); 4] = [
        ("check", vec![os("check"), d]),
        (
            "minutes s2 (draft)",
            vec![os("minutes"), d, os("--session"), os("s2"), os("-o"), p],
        ),
        (
            "close s2",
            vec![
                os("close"),
                d,
                os("--session"),
                os("s2"),
                os("--conferma-pendenti"),
            ],
        ),
        (
            "minutes s2 (closed)",
            vec![os("minutes"), d, os("--session"), os("s2"), os("-o"), p],
        ),
    ];
    for (what, args) in steps {
        let (memory, time) = measured(&args);
        eprintln!("{what}: {memory}, {time}");
        if what.ends_with("(draft)") {
            objects(&pdf);
        }
    }
}

/// Prints the size of a PDF and its number of objects: the Size of the cross-reference stream,
/// which `startxref` at the end points at.
fn objects(pdf: &Path) {
    let pdf = fs::read(pdf).unwrap();
    let tail = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(64)..]).into_owned();
    let at: usize = tail
        .rsplit_once("startxref")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let dict = String::from_utf8_lossy(&pdf[at..(at + 512).min(pdf.len())]).into_owned();
    let size = dict
        .split_once("/Size ")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap_or("?")
        .to_string();
    eprintln!("verbale: {} bytes, {size} objects", pdf.len());
}
