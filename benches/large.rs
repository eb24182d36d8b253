//! The design's quality targets (DESIGN.md, "Quality targets") on the synthetic call of
//! 2,000 applications, 5 lots, 7 members and 20 criteria (`commissione sample large`):
//!
//!     cargo bench --bench large
//!
//! The call is generated into a temporary folder, or read from (and, when empty, written to)
//! `COMMISSIONE_BENCH_DIR`. Before divan times each operation, a first pass runs each once and
//! reports its peak heap, counted by the global allocator below: the bytes allocated at the
//! worst moment of the operation, on top of what was held before it (the loaded workspace, for
//! all but loading). The process's peak resident memory (VmHWM) is printed at the end.
//! Set `COMMISSIONE_BENCH_MEMORY=0` to skip that pass.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use commissione::app::{App, View, strings as s};
use commissione::domain::{Points, ScoreSheet, SessionId, Workspace};
use commissione::editor::{Actor, Command, Editor};
use commissione::import::{self, ApplicationFiles};
use commissione::minutes::minutes_pdf;
use commissione::rules::evaluate;
use commissione::samples::large::{Size, generate};
use commissione::workspace::{self, Sources, Store, write_new};
use divan::Bencher;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The system allocator, counting the bytes in use and the most ever in use.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
/// The most in use since the last `measure` started.
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The most ever in use.
static EVER: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
    EVER.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the system allocator's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

struct Fixture {
    dir: PathBuf,
    ws: Workspace,
    sources: Sources,
    /// Holds the generated call's folder until the process ends.
    _temp: Option<tempfile::TempDir>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let (dir, temp) = match std::env::var_os("COMMISSIONE_BENCH_DIR") {
            Some(dir) => (PathBuf::from(dir), None),
            None => {
                let temp = tempfile::tempdir().expect("a temporary folder");
                (temp.path().to_path_buf(), Some(temp))
            }
        };
        if !dir.join("avviso.ron").exists() {
            let t = Instant::now();
            let ws = generate(Size::default()).expect("the default size is valid");
            write_new(&dir, &ws).expect("the call is written");
            eprintln!("call generated in {}: {:.1?}", dir.display(), t.elapsed());
        }
        let loaded = workspace::load(&dir);
        assert!(loaded.problems.is_empty(), "{:?}", &loaded.problems[..1]);
        let ws = loaded.workspace.expect("the call loads");
        Fixture {
            dir,
            ws,
            sources: loaded.sources,
            _temp: temp,
        }
    })
}

fn scoring_session() -> SessionId {
    SessionId::new("s2").expect("a valid id")
}

/// The first member's sheet with its first mark set to `value`.
fn sheet_with(ws: &Workspace, value: &str) -> ScoreSheet {
    let mut sheet = ScoreSheet::clone(ws.sheets().values().next().expect("a sheet"));
    sheet.scores[0].value = Points::parse(value).expect("a valid value");
    sheet
}

/// A folder where saving may write: a copy of the first sheet's file, with the call's sources.
fn scratch(f: &Fixture) -> (tempfile::TempDir, Store, [ScoreSheet; 2]) {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let sheets = [sheet_with(&f.ws, "0"), sheet_with(&f.ws, "0.2")];
    let rel = f
        .sources
        .sheets
        .get(&sheets[0].member)
        .expect("the sheet's file")
        .clone();
    let target = temp.path().join(&rel);
    std::fs::create_dir_all(target.parent().expect("a folder")).expect("the folder is made");
    std::fs::copy(f.dir.join(&rel), &target).expect("the sheet is copied");
    let store = Store::new(temp.path(), f.sources.clone());
    (temp, store, sheets)
}

fn main() {
    let f = fixture();
    if std::env::var("COMMISSIONE_BENCH_MEMORY").as_deref() != Ok("0") {
        memory(f);
    }
    divan::main();
    KEPT.lock().map(|mut kept| kept.clear()).unwrap_or_default();
    if let Some(hwm) = peak_resident() {
        eprintln!("peak resident memory of this process (VmHWM): {hwm}");
    }
}

/// Runs each operation once and prints the heap it needed.
fn memory(f: &Fixture) {
    fn measure<T>(name: &str, op: impl FnOnce() -> T) {
        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let t = Instant::now();
        let out = op();
        let elapsed = t.elapsed();
        let peak = PEAK.load(Ordering::Relaxed);
        drop(out);
        eprintln!(
            "{name:<28} {:>8.1?}   peak heap {:>6.1} MB above {:>6.1} MB held before",
            elapsed,
            mb(peak - before),
            mb(before)
        );
    }
    eprintln!("one run of each operation (peak heap by the counting allocator):");
    let ws = &f.ws;
    measure("load", || workspace::load(&f.dir));
    measure("evaluate", || evaluate(ws));
    measure("evaluate after one score", || {
        let mut ws = ws.clone();
        let sheet = sheet_with(&ws, "0.2");
        ws.put_sheet(sheet).expect("a valid sheet");
        evaluate(&ws)
    });
    let (_temp, mut store, sheets) = scratch(f);
    measure("save one sheet", || store.save_sheet(&sheets[1]));
    measure("verbale (evaluate, render)", || {
        minutes_pdf(ws, &scoring_session())
    });
    measure("window: open, first frames", || {
        let mut h = window(f);
        h.run();
        h
    });
    eprintln!(
        "peak heap of the process so far: {:.1} MB",
        mb(EVER.load(Ordering::Relaxed))
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The process's peak resident set, as Linux reports it.
fn peak_resident() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map(|v| v.trim().to_string())
}

/// Reading and checking every file of the call.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn load(bencher: Bencher) {
    let dir: &Path = &fixture().dir;
    bencher.bench(|| workspace::load(dir));
}

/// Every rule on every application: admissibility, co-financing, scores, ranking, allocation,
/// diagnostics.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn evaluate_all(bencher: Bencher) {
    let ws = &fixture().ws;
    bencher.bench(|| evaluate(ws));
}

/// What the window does after a member changes one mark: the sheet replaces the old one
/// (checked against the call) and everything is evaluated again.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn evaluate_after_one_score(bencher: Bencher) {
    let f = fixture();
    let mut ws = f.ws.clone();
    let sheets = [sheet_with(&ws, "0"), sheet_with(&ws, "0.2")];
    let mut turn = 0;
    bencher
        .with_inputs(|| {
            turn += 1;
            sheets[turn % 2].clone()
        })
        .bench_local_values(|sheet| {
            ws.put_sheet(sheet).expect("a valid sheet");
            evaluate(&ws)
        });
}

/// Writing one member's sheet (40,000 marks) atomically, its old version kept as `.bak`.
/// Two versions alternate, since writing the same bytes again does nothing.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn save_one_sheet(bencher: Bencher) {
    let (_temp, mut store, sheets) = scratch(fixture());
    let mut turn = 0;
    bencher.bench_local(|| {
        turn += 1;
        store
            .save_sheet(&sheets[turn % 2])
            .expect("the sheet is saved")
    });
}

/// A copy of the call's folder, where the editor may write.
fn copy_of(dir: &Path) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            let target = to.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                copy(&entry.path(), &target)?;
            } else {
                std::fs::copy(entry.path(), target)?;
            }
        }
        Ok(())
    }
    let temp = tempfile::tempdir().expect("a temporary folder");
    copy(dir, temp.path()).expect("the call is copied");
    temp
}

/// What the window does when a member gives one mark, end to end: the command checked against
/// the call, one line appended to the member's sheet log and flushed, the journal written, the
/// mark's lot evaluated again (`rules::reevaluate_marks`). Two values alternate.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn give_one_mark(bencher: Bencher) {
    let f = fixture();
    let temp = copy_of(&f.dir);
    let sheet = f.ws.sheets().values().next().expect("a sheet");
    let first = sheet.scores[0].clone();
    let member = sheet.member.clone();
    let mut editor =
        Editor::open(temp.path(), Actor::Member(member.clone())).expect("the call opens");
    let values = [Points::parse("0").expect("a value"), first.value];
    let mut turn = 0;
    bencher.bench_local(|| {
        turn += 1;
        editor
            .apply(Command::Score {
                member: member.clone(),
                application: first.application.clone(),
                criterion: first.criterion.clone(),
                value: Some(values[turn % 2]),
                reason: first.reason.clone(),
            })
            .expect("the mark is given")
    });
}

/// The verbale of the scoring session (each member's marks and reasons on every criterion of
/// every application: about 12,000 pages), from the loaded workspace: evaluation, record, PDF.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn verbale(bencher: Bencher) {
    let ws = &fixture().ws;
    bencher.bench(|| minutes_pdf(ws, &scoring_session()).expect("the verbale is written"));
}

/// The window as the secretariat opens it on the call, on a laptop's screen: the same
/// `App::ui` the real window draws, in egui_kittest's harness (no graphics adapter; what is
/// timed is the frame's CPU work: the views, egui's layout and its list of shapes).
fn window(f: &Fixture) -> Harness<'static, App> {
    let mut app = App::open(&f.dir, Actor::Secretariat).expect("the call opens");
    app.set_open_documents(false);
    Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// One frame of the applications table (the secretariat's first view: 2,000 rows, of which
/// those on screen are laid out).
#[divan::bench(sample_count = 50, sample_size = 1)]
fn frame_applications_table(bencher: Bencher) {
    let mut h = window(fixture());
    h.state_mut().set_view(View::Candidature);
    h.run();
    bencher.bench_local(|| h.step());
}

/// One frame of the score matrix (applications × criteria, every member's marks).
#[divan::bench(sample_count = 50, sample_size = 1)]
fn frame_score_matrix(bencher: Bencher) {
    let mut h = window(fixture());
    h.state_mut().set_view(View::Valutazione);
    h.run();
    h.get_by_label(s::TAB_MATRIX).click();
    h.run();
    bencher.bench_local(|| h.step());
}

/// A CSV of `rows` new applications for the call in `dir` (its first lot), as a form exports it.
fn applications_csv(dir: &Path, rows: usize) -> PathBuf {
    let lot = workspace::load(dir)
        .workspace
        .expect("the call loads")
        .call()
        .lots[0]
        .id
        .clone();
    let mut csv = String::from(
        "protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;lotto;titolo;contributo_richiesto\n",
    );
    // Each row its own applicant, as in a real call: a valid tax code per row (one code on
    // every row would make each application name all the others as the same applicant).
    for i in 0..rows {
        let first = format!("{:010}", 3_000_000_000u64 + i as u64 * 13);
        let check = commissione::domain::tax_code::entity_check_digit(&first).unwrap_or('0');
        csv.push_str(&format!(
            "B{i:06};02/03/2026 10:15;APS Prova {i};{first}{check};APS;{lot};Progetto di prova {i};1.000,00\n"
        ));
    }
    let path = std::env::temp_dir().join(format!(
        "commissione-bench-{rows}-{}.csv",
        std::process::id()
    ));
    std::fs::write(&path, csv).expect("the CSV is written");
    path
}

/// A copy of the call, flushed to the disk before the clock starts: otherwise the import's own
/// flush (`syncfs`) would also write out the megabytes the copy just wrote.
fn flushed_copy_of(dir: &Path) -> tempfile::TempDir {
    let temp = copy_of(dir);
    let _ = std::process::Command::new("sync").status();
    temp
}

/// The folders the imports wrote, removed only when every bench has run: removing 2,000 files
/// just before the next run makes the file system (ext4) look past each just-freed inode while
/// creating the next run's files, which no import in a real call meets.
static KEPT: std::sync::Mutex<Vec<tempfile::TempDir>> = std::sync::Mutex::new(Vec::new());

fn keep(temp: tempfile::TempDir) {
    if let Ok(mut kept) = KEPT.lock() {
        kept.push(temp);
    }
}

/// The Sondrio sample, written once into a temporary folder.
fn sondrio() -> &'static Path {
    static SONDRIO: OnceLock<tempfile::TempDir> = OnceLock::new();
    SONDRIO
        .get_or_init(|| {
            let temp = tempfile::tempdir().expect("a temporary folder");
            commissione::samples::write("sondrio-coworking", temp.path())
                .expect("the sample is written");
            temp
        })
        .path()
}

/// Importing 2,000 new applications, as `commissione import DIR --applications FILE` does once
/// the call is open: the file read and every row checked against the call (the plan), the
/// 2,000 files and their journal entries written as one transaction, everything evaluated
/// again. Into the Sondrio sample (4 applications) and into the large call (2,000). Each run
/// on a fresh copy of the call, opened before the clock starts.
#[divan::bench(args = ["sondrio", "large"], sample_count = 5, sample_size = 1)]
fn import_2000_applications(bencher: Bencher, into: &str) {
    let dir: &Path = match into {
        "sondrio" => sondrio(),
        _ => &fixture().dir,
    };
    let csv = applications_csv(dir, 2_000);
    let files = ApplicationFiles {
        applications: Some(csv.clone()),
        ..ApplicationFiles::default()
    };
    bencher
        .with_inputs(|| {
            let temp = flushed_copy_of(dir);
            let editor = Editor::open(temp.path(), Actor::Secretariat).expect("the call opens");
            (temp, editor)
        })
        .bench_local_values(|(temp, mut editor)| {
            let plan = import::plan_applications(editor.workspace(), &files);
            assert_eq!(plan.items.len(), 2_000);
            import::apply(&plan, &mut editor, false).expect("imported");
            keep(temp);
            editor
        });
    let _ = std::fs::remove_file(csv);
}

/// The plan of an import (what `--dry-run` does after loading the call): reading the file and
/// checking every row, for 10,000 and 100,000 rows into the Sondrio sample: linear in the rows.
#[divan::bench(args = [10_000, 100_000], sample_count = 3, sample_size = 1)]
fn import_plan_rows(bencher: Bencher, rows: usize) {
    let dir = sondrio();
    let csv = applications_csv(dir, rows);
    let files = ApplicationFiles {
        applications: Some(csv.clone()),
        ..ApplicationFiles::default()
    };
    let ws = workspace::load(dir).workspace.expect("the call loads");
    bencher.bench_local(|| {
        let plan = import::plan_applications(&ws, &files);
        assert_eq!(plan.items.len(), rows);
        plan
    });
    let _ = std::fs::remove_file(csv);
}

/// A whole import (plan, transaction, evaluation) of 10,000 and 100,000 new applications into
/// a fresh copy of the Sondrio sample: linear in the rows.
#[divan::bench(args = [10_000, 100_000], sample_count = 2, sample_size = 1)]
fn import_rows(bencher: Bencher, rows: usize) {
    let dir = sondrio();
    let csv = applications_csv(dir, rows);
    let files = ApplicationFiles {
        applications: Some(csv.clone()),
        ..ApplicationFiles::default()
    };
    bencher
        .with_inputs(|| {
            let temp = flushed_copy_of(dir);
            let editor = Editor::open(temp.path(), Actor::Secretariat).expect("the call opens");
            (temp, editor)
        })
        .bench_local_values(|(temp, mut editor)| {
            let plan = import::plan_applications(editor.workspace(), &files);
            import::apply(&plan, &mut editor, false).expect("imported");
            keep(temp);
            editor
        });
    let _ = std::fs::remove_file(csv);
}
