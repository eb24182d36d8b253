//! `commissione rank DIR`: the ranking of each lot, for people (table), spreadsheets (csv, xlsx,
//! ods) or programs (json); with `--matrix`, the score matrix for spreadsheets.

use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::{Exit, emit, load_clean};
use crate::domain::{LotId, Workspace};
use crate::import::{export, workbook};
use crate::italian;
use crate::rules::{self, ApplicationResult, Check, Evaluation, Tie};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
    Ods,
}

pub fn run(
    dir: &Path,
    lot: Option<&str>,
    format: Format,
    matrix: bool,
    output: Option<&Path>,
) -> Exit {
    if let Some(out) = output
        && let Err(exit) = super::refuse_call_file(dir, out)
    {
        return exit;
    }
    if matrix && matches!(format, Format::Table | Format::Json) {
        eprintln!(
            "errore: la matrice dei punteggi si esporta nei formati csv, xlsx e ods (--format)"
        );
        return Exit::Misuse;
    }
    if matches!(format, Format::Xlsx | Format::Ods) && output.is_none() {
        eprintln!("errore: i formati xlsx e ods si scrivono su un file: indicarlo con -o FILE");
        return Exit::Misuse;
    }
    let (ws, _) = match load_clean(dir) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let lots: Vec<LotId> = match lot {
        Some(id) => match ws.call().lots.iter().find(|l| l.id.as_str() == id) {
            Some(l) => vec![l.id.clone()],
            None => {
                eprintln!(
                    "errore: il lotto «{id}» non esiste (lotti: {})",
                    ws.call()
                        .lots
                        .iter()
                        .map(|l| l.id.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return Exit::Misuse;
            }
        },
        None => ws.call().lots.iter().map(|l| l.id.clone()).collect(),
    };
    // Said on the error stream, so that what goes to a file or a program stays the ranking.
    let sealed = crate::anchor::warnings(dir, &ws);
    if !sealed.is_empty() {
        eprintln!(
            "ATTENZIONE: la graduatoria usa dati fissati da sedute chiuse che sono stati cambiati senza rettifica, o i sigilli non corrispondono al registro:"
        );
        for warning in &sealed {
            eprintln!("  {warning}");
        }
    }
    let evaluation = rules::evaluate(&ws);
    // Dated like the ranking: the closing of the final session, or this export.
    let moment = crate::minutes::ranking_moment(&ws);
    let grid = || match matrix {
        true => export::matrix(&ws, &evaluation, &lots),
        false => export::ranking(&ws, &evaluation, &lots),
    };
    let bytes = match format {
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&json_report(&evaluation, &lots)).unwrap_or_default();
            text.push('\n');
            text.into_bytes()
        }
        Format::Table => table(&ws, &evaluation, &lots).into_bytes(),
        Format::Csv => workbook::csv(&grid()),
        Format::Xlsx | Format::Ods => {
            let written = match format {
                Format::Xlsx => workbook::xlsx(&[grid()], moment),
                _ => workbook::ods(&[grid()], moment),
            };
            match written {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!("errore: {e}");
                    return Exit::DataErrors;
                }
            }
        }
    };
    match emit(dir, output, &bytes) {
        Exit::Ok if !sealed.is_empty() => Exit::DataErrors,
        other => other,
    }
}

fn money(m: crate::domain::Money) -> Value {
    Value::String(m.to_string())
}

fn decimal(d: Decimal) -> Value {
    Value::String(d.to_string())
}

/// One object keyed by protocol number, with the keys of the worked examples.
pub fn json_report(evaluation: &Evaluation, lots: &[LotId]) -> Value {
    let mut all = Map::new();
    for r in evaluation
        .applications
        .values()
        .filter(|r| lots.contains(&r.lot))
    {
        all.insert(r.protocol.to_string(), json_application(r));
    }
    Value::Object(all)
}

fn json_application(r: &ApplicationResult) -> Value {
    let mut o = Map::new();
    o.insert("lot".into(), json!(r.lot.to_string()));
    o.insert("outcome".into(), json!(r.outcome.code()));
    o.insert(
        "admission".into(),
        json!({
            "outcome": italian::admission(r.admission.outcome, r.admission.decided),
            "decided": r.admission.decided,
            "reason": r.admission.reason,
        }),
    );
    o.insert("total_cost".into(), money(r.budget.total_cost));
    o.insert("cofinancing".into(), money(r.budget.cofinancing));
    o.insert("cofinancing_cash".into(), money(r.budget.cash));
    o.insert("cofinancing_in_kind".into(), money(r.budget.in_kind));
    o.insert("requested".into(), money(r.budget.requested));
    o.insert(
        "cofinancing_share_percent".into(),
        decimal(r.budget.share_percent),
    );
    let findings: Vec<Value> = r
        .admission
        .findings
        .iter()
        .map(|f| {
            let mut fo = Map::new();
            fo.insert("rule".into(), json!(f.rule.code()));
            fo.insert("ok".into(), json!(f.passed()));
            fo.insert(
                "check".into(),
                json!(match f.check {
                    Check::Pass => "pass",
                    Check::Notice => "notice",
                    Check::Pending => "pending",
                    Check::Fail => "fail",
                }),
            );
            if let Some(d) = f.figures.difference {
                fo.insert("difference".into(), decimal(d));
            }
            if let Some(m) = f.figures.shortfall {
                fo.insert("shortfall".into(), money(m));
            }
            if let Some(m) = f.figures.excess {
                fo.insert("excess".into(), money(m));
            }
            if let Some(m) = f.figures.cap {
                fo.insert("cap".into(), money(m));
            }
            fo.insert("message".into(), json!(f.message.to_string()));
            Value::Object(fo)
        })
        .collect();
    o.insert("findings".into(), Value::Array(findings));
    if let Some(s) = &r.scores {
        let points = |get: fn(&rules::CriterionScore) -> Option<Decimal>| -> Value {
            Value::Object(
                s.criteria
                    .iter()
                    .filter_map(|(id, c)| get(c).map(|p| (id.to_string(), decimal(p))))
                    .collect(),
            )
        };
        o.insert("points".into(), points(|c| c.points));
        o.insert(
            "points_before_rescaling".into(),
            points(|c| c.points_before_rescaling),
        );
        if let Some(t) = s.total {
            o.insert("total".into(), decimal(t));
        }
        if let Some(t) = s.total_before_rescaling {
            o.insert("total_before_rescaling".into(), decimal(t));
        }
        o.insert(
            "threshold_failures".into(),
            Value::Array(
                s.threshold_failures
                    .iter()
                    .map(|f| json!(f.code()))
                    .collect(),
            ),
        );
        let missing: Vec<Value> = s
            .gaps()
            .map(|(criterion, gap)| {
                let (kind, member) = match gap {
                    rules::Gap::NotScored { member } => ("not_scored", Some(member)),
                    rules::Gap::NoReason { member } => ("no_reason", Some(member)),
                    rules::Gap::NobodyCanScore => ("nobody_can_score", None),
                    rules::Gap::TooFewMembers { .. } => ("too_few_members", None),
                    rules::Gap::NotDeclared => ("not_declared", None),
                    rules::Gap::NoCollegialMark => ("no_collegial_mark", None),
                };
                json!({"criterion": criterion.to_string(), "gap": kind, "member": member.map(|m| m.to_string())})
            })
            .collect();
        if !missing.is_empty() {
            o.insert("missing".into(), Value::Array(missing));
        }
    }
    if let Some(rank) = r.rank() {
        o.insert("rank".into(), json!(rank));
    }
    if let Some(g) = r.granted {
        o.insert("granted".into(), money(g));
    }
    if let Some(place) = &r.place {
        match &place.tie {
            Tie::None => {}
            Tie::Unresolved { with } => {
                o.insert(
                    "tie_with".into(),
                    json!(with.iter().map(|p| p.to_string()).collect::<Vec<_>>()),
                );
            }
            Tie::SettledByDraw { session, with } => {
                o.insert(
                    "tie_with".into(),
                    json!(with.iter().map(|p| p.to_string()).collect::<Vec<_>>()),
                );
                o.insert("draw_session".into(), json!(session.to_string()));
            }
        }
    }
    Value::Object(o)
}

fn total_text(r: &ApplicationResult) -> String {
    r.scores
        .as_ref()
        .and_then(|s| s.total)
        .map(italian::number)
        .unwrap_or_else(|| "—".into())
}

fn table(ws: &Workspace, evaluation: &Evaluation, lots: &[LotId]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", ws.call().title);
    for lot_id in lots {
        let (Some(lot), Some(lr)) = (ws.call().lot(lot_id), evaluation.lots.get(lot_id)) else {
            continue;
        };
        let _ = writeln!(out, "\nLotto «{}» · {}", lot.id, lot.name);
        let _ = writeln!(
            out,
            "Risorse {} · assegnate {} · residue {}{}",
            italian::euro(lr.ceiling),
            italian::euro(lr.granted),
            italian::euro(lr.remaining),
            if lr.provisional {
                " · graduatoria provvisoria: valutazioni incomplete"
            } else {
                ""
            }
        );
        let rows = evaluation.lot_applications(lot_id);
        let name_width = rows
            .iter()
            .filter_map(|r| ws.application(&r.protocol))
            .map(|a| a.applicant.name.chars().count().min(40))
            .max()
            .unwrap_or(8)
            .max(8);
        let protocol_width = rows
            .iter()
            .map(|r| r.protocol.as_str().chars().count())
            .max()
            .unwrap_or(10)
            .max(10);
        let _ = writeln!(
            out,
            "{:>4}  {:<pw$}  {:<nw$}  {:>8}  {:>14}  {:>14}  Esito",
            "Pos.",
            "Protocollo",
            "Soggetto",
            "Totale",
            "Richiesto",
            "Assegnato",
            pw = protocol_width,
            nw = name_width
        );
        for r in rows {
            let name: String = ws
                .application(&r.protocol)
                .map(|a| a.applicant.name.chars().take(40).collect())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{:>4}  {:<pw$}  {:<nw$}  {:>8}  {:>14}  {:>14}  {}",
                r.rank().map(|n| n.to_string()).unwrap_or_default(),
                r.protocol,
                name,
                total_text(r),
                italian::amount(r.budget.requested),
                r.granted.map(italian::amount).unwrap_or_default(),
                r.outcome.label(lot.allocation),
                pw = protocol_width,
                nw = name_width
            );
        }
        let ties: Vec<String> = lr
            .ranking
            .iter()
            .filter(|p| matches!(p.tie, Tie::Unresolved { .. }))
            .map(|p| p.protocol.to_string())
            .collect();
        if !ties.is_empty() {
            let _ = writeln!(
                out,
                "Parità non risolta tra {}: serve un sorteggio in seduta pubblica.",
                ties.join(", ")
            );
        }
    }
    out
}
