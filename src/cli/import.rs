//! `commissione import DIR --applications FILE [--budget FILE] [--cofinancing FILE]` and
//! `commissione import DIR --scores FILE`: the plan first, then (unless `--dry-run`) the
//! changes through the editor.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Exit, emit, load_clean};
use crate::editor::{Actor, Editor};
use crate::import::{self, Action, ApplicationFiles, ImportPlan, PlanKind, RowRef};

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub files: ApplicationFiles,
    pub scores: Option<PathBuf>,
    pub dry_run: bool,
    pub only_good_rows: bool,
}

pub fn run(dir: &Path, request: Request) -> Exit {
    let files = &request.files;
    let application_files = [&files.applications, &files.budget, &files.cofinancing];
    let any_application_file = application_files.iter().any(|f| f.is_some());
    if request.scores.is_some() == any_application_file {
        eprintln!(
            "errore: indicare --applications FILE (con --budget FILE e --cofinancing FILE se servono) oppure --scores FILE, non entrambi\n(commissione import --help mostra le opzioni)"
        );
        return Exit::Misuse;
    }
    for path in application_files
        .into_iter()
        .flatten()
        .chain(&request.scores)
    {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => {
                eprintln!(
                    "errore: {}: non è un file ordinario (una cartella, una pipe o un dispositivo): non viene letto",
                    path.display()
                );
                return Exit::Misuse;
            }
            Err(e) => {
                eprintln!("errore: {}", crate::workspace::os_error::at(path, &e));
                return Exit::Misuse;
            }
        }
    }
    let plan_for = |ws: &crate::domain::Workspace| match &request.scores {
        Some(path) => import::plan_scores(ws, path),
        None => import::plan_applications(ws, files),
    };

    if request.dry_run {
        let (ws, _) = match load_clean(dir) {
            Ok(loaded) => loaded,
            Err(exit) => return exit,
        };
        let plan = plan_for(&ws);
        let mut out = report(&plan);
        let _ = writeln!(out, "\nProva (--dry-run): non è stato scritto nulla.");
        return finish(&out, &plan);
    }

    crate::workspace::tx::catch_interruptions();
    let mut editor = match Editor::open(dir, Actor::Secretariat) {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("errore: {e}");
            return Exit::DataErrors;
        }
    };
    super::say_recovered(&editor);
    // As every command that changes the call: not over files with errors.
    if !editor.problems().is_empty() {
        for p in editor.problems() {
            eprintln!("{p}");
        }
        eprintln!(
            "{} in {}: correggerli prima di importare (commissione check {} li elenca).",
            crate::italian::count(editor.problems().len(), "errore", "errori"),
            dir.display(),
            dir.display()
        );
        return Exit::DataErrors;
    }
    if let Some(read_only) = editor.read_only() {
        eprintln!(
            "errore: l'avviso {} non si può modificare: {}",
            dir.display(),
            read_only.reason()
        );
        return Exit::DataErrors;
    }
    let plan = plan_for(editor.workspace());
    let mut out = report(&plan);
    if plan.has_errors() && !request.only_good_rows || plan.blocking > 0 {
        let what = match plan.kind {
            PlanKind::Applications => "le candidature",
            PlanKind::Scores => "i punteggi",
        };
        let hint = if plan.blocking > 0 {
            "correggere il file e ripetere".to_string()
        } else {
            format!(
                "correggere le righe indicate e ripetere, oppure aggiungere --only-good-rows per importare solo {what} senza errori"
            )
        };
        let _ = writeln!(out, "\nNon è stato scritto nulla: {hint}.");
        return finish(&out, &plan);
    }
    match import::apply(&plan, &mut editor, request.only_good_rows) {
        Ok(applied) => {
            if applied.written.is_empty() && plan.has_errors() {
                let _ = writeln!(
                    out,
                    "\nNon è stato scritto nulla: nessuna riga senza errori porta dati nuovi."
                );
            } else if applied.written.is_empty() {
                let _ = writeln!(
                    out,
                    "\nNulla da importare: l'avviso contiene già questi dati (nessun file riscritto, nessuna voce nel registro)."
                );
            } else {
                // The plan above lists each one; here a reminder is enough.
                let mut names: Vec<String> = applied.written.iter().take(20).cloned().collect();
                if applied.written.len() > 20 {
                    names.push(format!("e altri {}", applied.written.len() - 20));
                }
                let changes = match applied.commands {
                    1 => "1 modifica scritta e registrata".to_string(),
                    n => format!("{n} modifiche scritte e registrate"),
                };
                let _ = writeln!(
                    out,
                    "\nImportati: {} ({}); {changes} nel registro.",
                    applied.written.len(),
                    names.join(", "),
                );
            }
            if !applied.skipped.is_empty() {
                let _ = writeln!(
                    out,
                    "Non importati per errori: {}.",
                    applied.skipped.join(", ")
                );
            }
            finish(&out, &plan)
        }
        Err(e) => {
            let _ = emit(Path::new(""), None, out.as_bytes());
            eprintln!("errore: {e}");
            if matches!(&e, import::ApplyError::Edit { source, .. } if source.interrupted()) {
                return Exit::Interrupted;
            }
            Exit::DataErrors
        }
    }
}

/// Prints the report; exit 1 when the data had errors, even if the good rows were imported.
fn finish(out: &str, plan: &ImportPlan) -> Exit {
    let status = emit(Path::new(""), None, out.as_bytes());
    if plan.has_errors() {
        Exit::DataErrors
    } else {
        status
    }
}

/// The plan in Italian: the files, what each item would do, the problems.
pub fn report(plan: &ImportPlan) -> String {
    let mut out = String::new();
    for f in &plan.files {
        let _ = writeln!(
            out,
            "{}: {}{} ({}), {} righe",
            f.kind.title(),
            f.file,
            f.sheet
                .as_ref()
                .map(|s| format!(", foglio «{s}»"))
                .unwrap_or_default(),
            f.format,
            f.rows
        );
    }
    let (noun, create, update, same) = match plan.kind {
        PlanKind::Applications => ("Candidature", "nuove", "modificate", "invariate"),
        PlanKind::Scores => ("Punteggi", "nuovi", "modificati", "invariati"),
    };
    if plan.blocking == 0 {
        let _ = writeln!(
            out,
            "\n{noun}: {} {create}, {} {update}, {} {same}, {} con errori",
            plan.count(Action::Create),
            plan.count(Action::Update),
            plan.count(Action::Unchanged),
            plan.count(Action::Rejected)
        );
    }
    for item in plan.items.iter().filter(|i| i.action != Action::Unchanged) {
        let label = if item.label.is_empty() {
            String::new()
        } else {
            format!("  {}", item.label)
        };
        let _ = writeln!(
            out,
            "  {:<10}  {}{label}  ({})",
            item.action.label(plan.kind),
            item.key,
            rows(&item.rows)
        );
        for change in &item.changes {
            let _ = writeln!(out, "      {change}");
        }
    }
    let errors: Vec<_> = plan.errors().collect();
    if !errors.is_empty() {
        let _ = writeln!(out, "\nErrori ({}):", errors.len());
        for p in errors {
            let _ = writeln!(out, "  {p}");
        }
    }
    let notices: Vec<_> = plan.notices().collect();
    if !notices.is_empty() {
        let _ = writeln!(out, "\nAvvisi ({}):", notices.len());
        for p in notices {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

/// "domande.csv riga 2; costi.csv righe 2, 3".
fn rows(list: &[RowRef]) -> String {
    let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
    for r in list {
        let file = match &r.sheet {
            Some(s) => format!("{} «{s}»", r.file),
            None => r.file.clone(),
        };
        match groups.iter_mut().find(|(f, _)| *f == file) {
            Some((_, rows)) => rows.push(r.row),
            None => groups.push((file, vec![r.row])),
        }
    }
    groups
        .iter()
        .map(|(file, rows)| {
            let numbers: Vec<String> = rows.iter().map(u32::to_string).collect();
            let word = if rows.len() == 1 { "riga" } else { "righe" };
            format!("{file} {word} {}", numbers.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
