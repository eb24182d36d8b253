//! Reading a workspace folder: every file, every error with its place, and the rest still opens.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files::{
    self, AccessFile, ApplicationFile, CallFile, CommissionFile, FORMAT, FileKind, SessionFile,
    SheetFile,
};
use super::locate::{locate, position_of_offset};
use super::messages;
use super::problem::{Position, Problem};
use super::ron_error;
use crate::domain::{
    Inconsistency, MemberId, Part, Parts, Protocol, SessionId, SetAside, Workspace,
};

use super::files::MAX_FILE_BYTES;

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

/// A file that parsed. Its text is not kept (a member's sheet of a large call is tens of
/// megabytes, the call's files together hundreds): the rare inconsistency found after parsing
/// reads it again to point at its line.
pub(super) struct Source {
    pub(super) file: PathBuf,
}

impl Source {
    /// The file's text as it was parsed, read again; empty if it can no longer be read.
    fn text(&self, dir: &Path) -> String {
        read_text(dir, &self.file).unwrap_or_default()
    }
}

pub fn load(dir: &Path) -> Loaded {
    let mut loaded = Loaded {
        dir: dir.to_path_buf(),
        workspace: None,
        problems: Vec::new(),
        sources: Sources::default(),
    };
    if let Err(problem) = a_folder(dir) {
        loaded.problems.push(problem);
        return loaded;
    }

    let mut problems = Vec::new();
    let call = read::<CallFile>(dir, Path::new(files::CALL), &mut problems);
    let commission = read::<CommissionFile>(dir, Path::new(files::COMMISSION), &mut problems);
    let (applications, application_sources): (Vec<_>, Vec<_>) =
        read_folder::<ApplicationFile>(dir, files::APPLICATIONS, &mut problems)
            .into_iter()
            .unzip();
    let mut sheets_read = read_folder::<SheetFile>(dir, files::SHEETS, &mut problems);
    let broken_logs = super::sheet_log::apply_logs(dir, &mut sheets_read, &mut problems);
    let (sheets, sheet_sources): (Vec<_>, Vec<_>) = sheets_read.into_iter().unzip();
    let (sessions, session_sources): (Vec<_>, Vec<_>) =
        read_folder::<SessionFile>(dir, files::SESSIONS, &mut problems)
            .into_iter()
            .unzip();
    let unreadable = unreadable_applications(dir, &problems, &applications, &sheets, &sessions);

    let mut sources = sources_of(
        (&applications, &application_sources),
        (&sheets, &sheet_sources),
        (&sessions, &session_sources),
    );

    // The register of access requests is optional: a call without requests has no file.
    let access = if dir.join(files::ACCESS).exists() {
        read::<AccessFile>(dir, Path::new(files::ACCESS), &mut problems)
    } else {
        None
    };
    let (access, access_source) = access.unzip();
    let (call, call_source) = call.unzip();
    let (commission, commission_source) = commission.unzip();
    let parts = Parts {
        call,
        commission,
        applications,
        sheets: sheets.into_iter().map(std::sync::Arc::new).collect(),
        sessions,
        access: access.unwrap_or_default(),
        unreadable,
    };
    let assembled = Workspace::assemble_keeping(parts);
    let workspace = assembled.workspace;
    sources.set_aside = assembled.set_aside;
    let source_of = |part: Part| match part {
        Part::Call => call_source.as_ref(),
        Part::Commission => commission_source.as_ref(),
        Part::Application(i) => application_sources.get(i),
        Part::Sheet(i) => sheet_sources.get(i),
        Part::Session(i) => session_sources.get(i),
        Part::Access => access_source.as_ref(),
    };
    place_inconsistencies(dir, assembled.problems, source_of, &mut problems);
    problems.sort();
    problems.dedup();

    keep_what_was_taken(
        dir,
        &mut sources,
        workspace.as_ref(),
        &problems,
        broken_logs,
    );
    loaded.workspace = workspace;
    loaded.problems = problems;
    loaded.sources = sources;
    loaded
}

/// Which file each application, sheet and session was read from.
fn sources_of(
    (applications, application_sources): (&[crate::domain::Application], &[Source]),
    (sheets, sheet_sources): (&[crate::domain::ScoreSheet], &[Source]),
    (sessions, session_sources): (&[crate::domain::Session], &[Source]),
) -> Sources {
    let mut sources = Sources::default();
    for (a, s) in applications.iter().zip(application_sources) {
        sources
            .applications
            .insert(a.protocol.clone(), s.file.clone());
    }
    for (sheet, s) in sheets.iter().zip(sheet_sources) {
        sources.sheets.insert(sheet.member.clone(), s.file.clone());
    }
    for (session, s) in sessions.iter().zip(session_sources) {
        sources.sessions.insert(session.id.clone(), s.file.clone());
    }
    sources
}

/// The files of what the call holds, and the files set aside (`quarantined`): those with
/// problems, and the sheets whose log of changes does not read (`broken_logs`), which are left
/// out with it and neither written.
fn keep_what_was_taken(
    dir: &Path,
    sources: &mut Sources,
    workspace: Option<&Workspace>,
    problems: &[Problem],
    broken_logs: Vec<PathBuf>,
) {
    if let Some(ws) = workspace {
        sources
            .applications
            // An application removed as registered by mistake keeps its file.
            .retain(|p, _| ws.application(p).is_some() || ws.removed().contains_key(p));
        sources.sheets.retain(|m, _| ws.sheet(m).is_some());
        sources.sessions.retain(|s, _| ws.session(s).is_some());
    }
    sources.quarantined = problems
        .iter()
        .map(|p| (p.file.clone(), declared_id(dir, &p.file)))
        .collect();
    for sheet in broken_logs {
        let declared = declared_id(dir, &sheet);
        sources.quarantined.insert(sheet, declared);
    }
}

/// `dir` is a folder that exists, or the problem that says what it is.
fn a_folder(dir: &Path) -> Result<(), Problem> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Problem::whole(dir, messages::load::NOT_A_CALL_FOLDER)),
        Err(e) => Err(Problem::whole(dir, io_message(&e))),
    }
}

/// Applications whose file could not be read: what refers to them is set aside, not reported
/// as pointing nowhere. A file is known by the protocol it declares and, when that cannot be
/// read (empty, binary, a folder, the protocol itself wrong), by its name, which the program
/// derives from the protocol (see `files::file_name_for`).
fn unreadable_applications(
    dir: &Path,
    problems: &[Problem],
    applications: &[crate::domain::Application],
    sheets: &[crate::domain::ScoreSheet],
    sessions: &[crate::domain::Session],
) -> BTreeSet<Protocol> {
    let mut unreadable: BTreeSet<Protocol> = BTreeSet::new();
    let mut broken_names: BTreeSet<String> = BTreeSet::new();
    for p in problems
        .iter()
        .filter(|p| p.file.starts_with(files::APPLICATIONS))
    {
        if let Some(protocol) = declared_id(dir, &p.file).and_then(|id| Protocol::new(id).ok()) {
            unreadable.insert(protocol);
        }
        if let Some(name) = p.file.file_name() {
            broken_names.insert(name.to_string_lossy().into_owned());
        }
    }
    if broken_names.is_empty() {
        return unreadable;
    }
    let read: BTreeSet<&Protocol> = applications.iter().map(|a| &a.protocol).collect();
    let referred = sheets
        .iter()
        .flat_map(|s| {
            s.declarations
                .iter()
                .map(|d| &d.application)
                .chain(s.scores.iter().map(|s| &s.application))
        })
        .chain(
            sessions
                .iter()
                .flat_map(|s| &s.draws)
                .flat_map(|d| &d.order),
        );
    for protocol in referred {
        if !read.contains(protocol)
            && broken_names.contains(&files::file_name_for(protocol.as_str()))
        {
            unreadable.insert(protocol.clone());
        }
    }
    unreadable
}

/// The inconsistencies found as the call was assembled, each put at its line and column in the
/// file it came from (`source_of` its part).
fn place_inconsistencies<'a>(
    dir: &Path,
    found: Vec<Inconsistency>,
    source_of: impl Fn(Part) -> Option<&'a Source>,
    problems: &mut Vec<Problem>,
) {
    let mut texts: BTreeMap<PathBuf, String> = BTreeMap::new();
    for Inconsistency {
        part,
        field,
        value,
        message,
    } in found
    {
        if let Some(source) = source_of(part) {
            // Each file read again once, however many inconsistencies it has.
            let text = texts
                .entry(source.file.clone())
                .or_insert_with(|| source.text(dir));
            problems.push(Problem::at(
                source.file.clone(),
                locate(text, field, &value),
                message,
            ));
        }
    }
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
    let bytes = super::files::read_regular(&dir.join(file), MAX_FILE_BYTES).ok()?;
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
        io::ErrorKind::NotFound => messages::load::MISSING.into(),
        _ => super::os_error::describe(e),
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
    // Parsing dominates loading (a member's sheet of a large call is ten megabytes): the files
    // are read on all cores, and their results kept in name order.
    let parallel = names.len() >= PARALLEL_FROM_FILES;
    let mut out = Vec::with_capacity(names.len());
    for result in crate::parallel::map(parallel, &names, |rel| read_one::<K>(dir, rel)) {
        match result {
            Ok(read) => out.push(read),
            Err(problem) => problems.push(problem),
        }
    }
    out
}

/// Below this many files in a folder, they are read one after the other.
const PARALLEL_FROM_FILES: usize = 2;

fn read<K: FileKind>(
    dir: &Path,
    rel: &Path,
    problems: &mut Vec<Problem>,
) -> Option<(K::Content, Source)> {
    read_one::<K>(dir, rel)
        .map_err(|problem| problems.push(problem))
        .ok()
}

fn read_one<K: FileKind>(dir: &Path, rel: &Path) -> Result<(K::Content, Source), Problem> {
    let text = read_text(dir, rel)?;
    let content = parse::<K>(rel, &text)?;
    drop(text);
    Ok((
        content,
        Source {
            file: rel.to_path_buf(),
        },
    ))
}

fn read_text(dir: &Path, rel: &Path) -> Result<String, Problem> {
    let path = dir.join(rel);
    let meta = fs::metadata(&path).map_err(|e| Problem::whole(rel, io_message(&e)))?;
    if meta.is_dir() {
        return Err(Problem::whole(rel, messages::load::A_FOLDER_NOT_A_FILE));
    }
    if meta.is_file() && meta.len() > MAX_FILE_BYTES {
        return Err(Problem::whole(rel, messages::load::too_large(meta.len())));
    }
    let bytes = super::files::read_regular(&path, MAX_FILE_BYTES)
        .map_err(|e| Problem::whole(rel, io_message(&e)))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            return Err(Problem::at(
                rel,
                position_of_offset(&prefix, prefix.len()),
                messages::load::NOT_UTF8,
            ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::at(
            rel,
            Position { line: 1, column: 1 },
            messages::load::EMPTY,
        ));
    }
    // Zero bytes are what a file cut short by a power loss or a failing disk is often padded
    // with; no editor writes them in text. Said plainly, rather than as a syntax error.
    if let Some(at) = text.find('\0') {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Err(Problem::at(
            rel,
            position_of_offset(&text, at),
            messages::load::null_bytes(&name),
        ));
    }
    Ok(text)
}

pub(super) fn parse<K: FileKind>(rel: &Path, text: &str) -> Result<K::Content, Problem> {
    // Optional values may be written bare (`min: "20"`) as well as `Some("20")`.
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    let spanned = |e: ron::error::SpannedError| {
        let at = ron_error::position(&e);
        match unclosed_string(text, at) {
            Some(start) => Problem::at(
                rel,
                start,
                messages::load::unclosed_text(at.line, at.column, ron_error::message(&e.code)),
            ),
            None => {
                // An amount written `34.000,00` is read as 34: say what was written instead.
                let message = ron_error::message(&e.code);
                let message = crate::domain::number::explain_unquoted_amount(
                    &message, text, at.line, at.column,
                )
                .unwrap_or(message);
                Problem::at(rel, at, message)
            }
        }
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
            messages::load::FORMAT_ZERO,
        )),
        n if n > FORMAT => Err(newer_format(rel, text, n)),
        _ => Ok(file.into_content()),
    }
}

fn newer_format(rel: &Path, text: &str, n: u32) -> Problem {
    Problem::at(
        rel,
        locate(text, "format", &n.to_string()),
        messages::load::newer_format(n, FORMAT),
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

/// Where a quoted text starts that an error at `at` most likely comes from: one that spans a
/// line end and closes just before the error (or never closes). The program never writes a raw
/// line end inside a quoted text, so such a text is almost always a closing quote forgotten,
/// which the parser only notices lines later.
fn unclosed_string(text: &str, at: Position) -> Option<Position> {
    let error = offset_of(text, at);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut last: Option<(usize, usize)> = None;
    while i < error.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() {
                    // The file ends inside this text.
                    return text[start..]
                        .contains('\n')
                        .then(|| position_of_offset(text, start));
                }
                if i >= error {
                    // The error is about this text's value, which is closed.
                    return None;
                }
                last = Some((start, i));
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    let (start, end) = last?;
    let between = text.get(end + 1..error)?;
    (between.trim().is_empty() && text[start..end].contains('\n'))
        .then(|| position_of_offset(text, start))
}

/// The byte offset of a line and column (in characters), clamped to the text.
fn offset_of(text: &str, at: Position) -> usize {
    let mut line_start = 0;
    for _ in 1..at.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    text[line_start..]
        .char_indices()
        .nth(at.column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}
