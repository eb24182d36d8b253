//! `commissione check DIR`: every error in the files, then each application's admissibility.

use std::fmt::Write as _;
use std::path::Path;

use super::{Exit, emit};
use crate::italian;
use crate::rules::{self, Check};
use crate::workspace;

pub fn run(dir: &Path, all: bool) -> Exit {
    let loaded = workspace::load(dir);
    let mut out = String::new();
    if let Some(ws) = &loaded.workspace {
        let call = ws.call();
        let _ = writeln!(out, "Avviso: {}", call.title);
        let _ = writeln!(
            out,
            "{} · {}{}",
            call.authority,
            call.office,
            call.cup
                .as_ref()
                .map(|c| format!(" · CUP {c}"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "Lotti: {} · candidature: {} · schede di valutazione: {} · sedute: {}",
            call.lots.len(),
            ws.applications().len(),
            ws.sheets().len(),
            ws.sessions().len()
        );
    }
    if loaded.problems.is_empty() {
        let _ = writeln!(out, "File: nessun errore.");
    } else {
        let _ = writeln!(out, "File: {} errori.", loaded.problems.len());
        for p in &loaded.problems {
            let _ = writeln!(out, "  {p}");
        }
        if !loaded.sources.quarantined.is_empty() {
            let _ = writeln!(
                out,
                "I file con errori non vengono modificati dal programma finché non sono corretti."
            );
        }
    }

    let sealed = loaded
        .workspace
        .as_ref()
        .map(|ws| crate::anchor::warnings(dir, ws))
        .unwrap_or_default();
    if !sealed.is_empty() {
        let _ = writeln!(
            out,
            "\nATTENZIONE: dati fissati da sedute chiuse cambiati senza rettifica, o sigilli che non corrispondono al registro ({}):",
            sealed.len()
        );
        for warning in &sealed {
            let _ = writeln!(out, "  {warning}");
        }
    }

    if let Some(ws) = &loaded.workspace {
        let evaluation = rules::evaluate(ws);
        let _ = writeln!(out, "\nAmmissibilità:");
        for lot in &ws.call().lots {
            for app in ws.applications().values().filter(|a| a.lot == lot.id) {
                let Some(result) = evaluation.application(&app.protocol) else {
                    continue;
                };
                let a = &result.admission;
                let _ = writeln!(
                    out,
                    "\n{} · {} · lotto «{}»: {}",
                    app.protocol,
                    app.applicant.name,
                    lot.id,
                    italian::admission(a.outcome, a.decided)
                );
                if a.decided && !a.reason.is_empty() {
                    let _ = writeln!(out, "    motivazione: {}", a.reason);
                }
                if a.decided && a.outcome != a.proposed {
                    let _ = writeln!(
                        out,
                        "    (i controlli automatici proponevano: {})",
                        italian::admission(a.proposed, false)
                    );
                }
                let mut passed = 0;
                for f in &a.findings {
                    let tag = match f.check {
                        Check::Fail => "non superato",
                        Check::Pending => "in attesa",
                        Check::Notice => "nota",
                        Check::Pass if all => "superato",
                        Check::Pass => {
                            passed += 1;
                            continue;
                        }
                    };
                    let _ = writeln!(out, "    {tag} [{}]: {}", f.rule.code(), f.message);
                }
                if passed > 0 {
                    let _ = writeln!(out, "    {passed} controlli superati (--all per vederli)");
                }
            }
        }
    }
    let status = emit(Path::new(""), None, out.as_bytes());
    if !loaded.problems.is_empty() || loaded.workspace.is_none() || !sealed.is_empty() {
        Exit::DataErrors
    } else {
        status
    }
}
