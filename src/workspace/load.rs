//! Reading a workspace folder: every file, every error with its place, and the rest still opens.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files::{
    self, ApplicationFile, CallFile, CommissionFile, FORMAT, FileKind, SessionFile, SheetFile,
};
use super::locate::{locate, position_of_offset};
use super::problem::Problem;
use super::ron_error;
use crate::domain::{
    Inconsistency, MemberId, Part, Parts, Protocol, SessionId, SetAside, Workspace,
};

/// A file larger than this is not a workspace file someone wrote.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What loading a folder gave.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dir: PathBuf,
    /// None when the call or the commission cannot be read or do not hold together.
    pub workspace: Option<Workspace>,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
    pub sources: Sources,
}

impl Loaded {
    pub fn is_clean(&self) -> bool {
        self.workspace.is_some() && self.problems.is_empty()
    }
}

/// Where each part of the workspace came from, and which files must not be written over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sources {
    pub applications: BTreeMap<Protocol, PathBuf>,
    pub sheets: BTreeMap<MemberId, PathBuf>,
    pub sessions: BTreeMap<SessionId, PathBuf>,
    /// Files with a problem, with the id they declare when it can be found: the program never
    /// writes over them, nor a second file for the same id, so nothing a person wrote is lost.
    pub quarantined: BTreeMap<PathBuf, Option<String>>,
    /// Entries that refer to applications left out; saving their sheet or session keeps them.
    pub set_aside: SetAside,
}

/// The text of a file that parsed, kept to point at lines of later inconsistencies.
struct Source {
    file: PathBuf,
    text: String,
}

pub fn load(dir: &Path) -> Loaded {
    let mut loaded = Loaded {
        dir: dir.to_path_buf(),
        workspace: None,
        problems: Vec::new(),
        sources: Sources::default(),
    };
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            loaded.problems.push(Problem::whole(
                dir,
                "non è una cartella: un avviso è una cartella di file .ron",
            ));
            return loaded;
        }
        Err(e) => {
            loaded.problems.push(Problem::whole(dir, io_message(&e)));
            return loaded;
        }
    }

    let mut problems = Vec::new();
    let call = read::<CallFile>(dir, Path::new(files::CALL), &mut problems);
    let commission = read::<CommissionFile>(dir, Path::new(files::COMMISSION), &mut problems);
    let (applications, application_sources): (Vec<_>, Vec<_>) =
        read_folder::<ApplicationFile>(dir, files::APPLICATIONS, &mut problems)
            .into_iter()
            .unzip();
    let unreadable = problems
        .iter()
        .filter(|p| p.file.starts_with(files::APPLICATIONS))
        .filter_map(|p| declared_id(dir, &p.file))
        .filter_map(|id| Protocol::new(id).ok())
        .collect();
    let (sheets, sheet_sources): (Vec<_>, Vec<_>) =
        read_folder::<SheetFile>(dir, files::SHEETS, &mut problems)
            .into_iter()
            .unzip();
    let (sessions, session_sources): (Vec<_>, Vec<_>) =
        read_folder::<SessionFile>(dir, files::SESSIONS, &mut problems)
            .into_iter()
            .unzip();

    let mut sources = Sources::default();
    for (a, s) in applications.iter().zip(&application_sources) {
        sources
            .applications
            .insert(a.protocol.clone(), s.file.clone());
    }
    for (sheet, s) in sheets.iter().zip(&sheet_sources) {
        sources.sheets.insert(sheet.member.clone(), s.file.clone());
    }
    for (session, s) in sessions.iter().zip(&session_sources) {
        sources.sessions.insert(session.id.clone(), s.file.clone());
    }

    let (call, call_source) = call.unzip();
    let (commission, commission_source) = commission.unzip();
    let parts = Parts {
        call,
        commission,
        applications,
        sheets,
        sessions,
        unreadable,
    };
    let assembled = Workspace::assemble_keeping(parts);
    let workspace = assembled.workspace;
    sources.set_aside = assembled.set_aside;
    for Inconsistency {
        part,
        field,
        value,
        message,
    } in assembled.problems
    {
        let source = match part {
            Part::Call => call_source.as_ref(),
            Part::Commission => commission_source.as_ref(),
            Part::Application(i) => application_sources.get(i),
            Part::Sheet(i) => sheet_sources.get(i),
            Part::Session(i) => session_sources.get(i),
        };
        if let Some(source) = source {
            problems.push(Problem::at(
                source.file.clone(),
                locate(&source.text, field, &value),
                message,
            ));
        }
    }
    problems.sort();
    problems.dedup();

    if let Some(ws) = &workspace {
        sources
            .applications
            .retain(|p, _| ws.application(p).is_some());
        sources.sheets.retain(|m, _| ws.sheet(m).is_some());
        sources.sessions.retain(|s, _| ws.session(s).is_some());
    }
    sources.quarantined = problems
        .iter()
        .map(|p| (p.file.clone(), declared_id(dir, &p.file)))
        .collect();
    loaded.workspace = workspace;
    loaded.problems = problems;
    loaded.sources = sources;
    loaded
}

/// The id a file that could not be parsed declares (`protocol`, `member` or `id`), found by a
/// plain search of its text: enough to set aside what refers to it, and to never write a second
/// file for the same application, member or session.
fn declared_id(dir: &Path, file: &Path) -> Option<String> {
    let field = if file.starts_with(files::APPLICATIONS) {
        "protocol"
    } else if file.starts_with(files::SHEETS) {
        "member"
    } else if file.starts_with(files::SESSIONS) {
        "id"
    } else {
        return None;
    };
    let bytes = fs::read(dir.join(file)).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut rest: &str = &text;
    while let Some((_, after)) = rest.split_once(field) {
        rest = after;
        let Some(value) = after.trim_start().strip_prefix(':').map(str::trim_start) else {
            continue;
        };
        if let Some(quoted) = value.strip_prefix('"') {
            return quoted.split_once('"').map(|(id, _)| id.to_string());
        }
    }
    None
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "non esiste".into(),
        io::ErrorKind::PermissionDenied => "permesso negato: il file non si può leggere".into(),
        _ => format!("impossibile leggere ({e})"),
    }
}

/// Every `.ron` file of a sub-folder, in name order. A missing folder is an empty one.
fn read_folder<K: FileKind>(
    dir: &Path,
    folder: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(K::Content, Source)> {
    let entries = match fs::read_dir(dir.join(folder)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(Problem::whole(folder, io_message(&e)));
            return Vec::new();
        }
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| {
            let n = n.to_string_lossy();
            n.ends_with(".ron") && !n.starts_with('.')
        })
        .map(|n| Path::new(folder).join(n))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|rel| read::<K>(dir, &rel, problems))
        .collect()
}

fn read<K: FileKind>(
    dir: &Path,
    rel: &Path,
    problems: &mut Vec<Problem>,
) -> Option<(K::Content, Source)> {
    match read_text(dir, rel).and_then(|text| parse::<K>(rel, &text).map(|c| (c, text))) {
        Ok((content, text)) => Some((
            content,
            Source {
                file: rel.to_path_buf(),
                text,
            },
        )),
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

fn read_text(dir: &Path, rel: &Path) -> Result<String, Problem> {
    let path = dir.join(rel);
    let meta = fs::metadata(&path).map_err(|e| Problem::whole(rel, io_message(&e)))?;
    if meta.is_dir() {
        return Err(Problem::whole(
            rel,
            "è una cartella, ma qui ci vuole un file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::whole(
            rel,
            format!(
                "il file è troppo grande ({} byte): non è un file di Commissione",
                meta.len()
            ),
        ));
    }
    let bytes = fs::read(&path).map_err(|e| Problem::whole(rel, io_message(&e)))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            return Err(Problem::at(
                rel,
                position_of_offset(&prefix, prefix.len()),
                "il file non è testo UTF-8: salvarlo con la codifica UTF-8",
            ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::whole(rel, "il file è vuoto"));
    }
    Ok(text)
}

pub(super) fn parse<K: FileKind>(rel: &Path, text: &str) -> Result<K::Content, Problem> {
    // Optional values may be written bare (`min: "20"`) as well as `Some("20")`.
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    let spanned = |e: ron::error::SpannedError| {
        Problem::at(rel, ron_error::position(&e), ron_error::message(&e.code))
    };
    // One parse: the version is checked after it, or, when the parse fails, read from the text,
    // so that a file of a newer version is refused as such rather than as malformed.
    let file: K = match options.from_str(text) {
        Ok(file) => file,
        Err(e) => {
            return Err(match declared_format(text) {
                Some(n) if n > FORMAT => newer_format(rel, text, n),
                _ => spanned(e),
            });
        }
    };
    match file.format() {
        0 => Err(Problem::at(
            rel,
            locate(text, "format", "0"),
            "la versione del formato non può essere 0",
        )),
        n if n > FORMAT => Err(newer_format(rel, text, n)),
        _ => Ok(file.into_content()),
    }
}

fn newer_format(rel: &Path, text: &str, n: u32) -> Problem {
    Problem::at(
        rel,
        locate(text, "format", &n.to_string()),
        format!(
            "il file è nel formato {n}, scritto da una versione più recente di Commissione; questa versione legge il formato {FORMAT}"
        ),
    )
}

/// The number after the first `format:` of the text, if any.
fn declared_format(text: &str) -> Option<u32> {
    let after = text
        .split_once("format")?
        .1
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}
