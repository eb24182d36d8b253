//! `commissione check DIR`: every error in the files, then each application's admissibility.

use std::fmt::Write as _;
use std::path::Path;

use super::{Exit, emit};
use crate::domain::advice::{self, Spot};
use crate::italian;
use crate::rules::{self, Check};
use crate::workspace;

pub fn run(dir: &Path, all: bool) -> Exit {
    let mut loaded = workspace::load(dir);
    let mut out = String::new();
    if let Some(ws) = &loaded.workspace {
        let call = ws.call();
        let _ = writeln!(out, "Avviso: {}", call.title);
        let heading: Vec<String> = [call.authority.trim(), call.office.trim()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .chain(call.cup.as_ref().map(|c| format!("CUP {c}")))
            .collect();
        if !heading.is_empty() {
            let _ = writeln!(out, "{}", heading.join(" · "));
        }
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
        let errors = crate::italian::count(loaded.problems.len(), "errore", "errori");
        let _ = writeln!(out, "File: {errors}.");
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

    if let Some(ws) = &loaded.workspace {
        setup_advice(&mut out, ws);
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

    // The seals were checked above: the marks are read no more.
    if let Some(ws) = &mut loaded.workspace {
        let evaluation = rules::evaluate_releasing(ws);
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

/// What the window says beside the fields of the Avviso view, for a call set up by editing its
/// files: what is wrong (the call cannot be used so) or suspicious. It does not fail the check:
/// a call being set up is incomplete for a while.
fn setup_advice(out: &mut String, ws: &crate::domain::Workspace) {
    let mut advice = advice::call_advice(ws.call());
    advice.extend(advice::commission_advice(ws.commission(), ws.call()));
    if advice.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nImpostazione dell'avviso ({}):", advice.len());
    for a in &advice {
        let tag = if a.serious {
            "da correggere"
        } else {
            "da verificare"
        };
        let _ = writeln!(out, "  {tag} [{}]: {}", place(&a.spot, ws), a.text);
    }
}

/// Where a piece of advice belongs, as the Avviso view names it.
fn place(spot: &Spot, ws: &crate::domain::Workspace) -> String {
    match spot {
        Spot::Authority => "ente".into(),
        Spot::Title => "titolo".into(),
        Spot::Cup => "CUP".into(),
        Spot::Rup => "RUP".into(),
        Spot::Deadline => "termine di presentazione".into(),
        Spot::Lot(id, _) => format!("lotto «{id}»"),
        Spot::Funding => "regole di finanziamento".into(),
        Spot::Criteria => "criteri".into(),
        Spot::Criterion(id, _) => format!("criterio {id}"),
        Spot::OverallMin => "soglia complessiva".into(),
        Spot::TieBreaks => "criteri di parità".into(),
        Spot::Scale => "scala di giudizio".into(),
        Spot::Documents => "documenti richiesti".into(),
        Spot::Commission => "commissione".into(),
        Spot::Member(id) => ws.commission().member(id).map_or_else(
            || format!("componente {id}"),
            |m| format!("componente {}", m.name),
        ),
    }
}
