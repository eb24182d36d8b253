//! The tables exported for spreadsheets: the ranking of each lot, and the score matrix (each
//! member's value on each criterion of each application, with the points the rules give).
//! [`workbook`](super::workbook) writes them as CSV, XLSX or ODS.

use rust_decimal::Decimal;

use super::workbook::{Grid, Out};
use crate::domain::{LotId, Workspace};
use crate::rules::Evaluation;

/// The ranking: one row per application, lot by lot, in ranking order. The columns are those
/// `commissione rank --format csv` has always written.
pub fn ranking(ws: &Workspace, evaluation: &Evaluation, lots: &[LotId]) -> Grid {
    let headers = [
        "lotto",
        "posizione",
        "protocollo",
        "soggetto",
        "totale",
        "totale_prima_riparametrazione",
        "esito",
        "costo_complessivo",
        "cofinanziamento",
        "quota_cofinanziamento_percento",
        "contributo_richiesto",
        "contributo_assegnato",
    ];
    let number = |d: Option<Decimal>| d.map_or(Out::Empty, Out::Number);
    let mut rows = Vec::new();
    for lot in lots {
        let Some(allocation) = ws.call().lot(lot).map(|l| l.allocation) else {
            continue;
        };
        for r in evaluation.lot_applications(lot) {
            let name = ws
                .application(&r.protocol)
                .map(|a| a.applicant.name.clone())
                .unwrap_or_default();
            let scores = r.scores.as_ref();
            let outcome = r.outcome.label(allocation);
            rows.push(vec![
                Out::Text(lot.to_string()),
                number(r.rank().map(Decimal::from)),
                Out::Text(r.protocol.to_string()),
                Out::Text(name),
                number(scores.and_then(|s| s.total)),
                number(scores.and_then(|s| s.total_before_rescaling)),
                Out::Text(outcome.to_string()),
                Out::Euro(r.budget.total_cost),
                Out::Euro(r.budget.cofinancing),
                Out::Number(r.budget.share_percent),
                Out::Euro(r.budget.requested),
                r.granted.map_or(Out::Empty, Out::Euro),
            ]);
        }
    }
    Grid {
        sheet: "Graduatoria".into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The score matrix: one row per application and scored criterion, one column per voting
/// member (their coefficient or points; "astenuto" for a member in conflict; empty while
/// missing), then the criterion's points before and after riparametrazione; a "totale" row
/// closes each application, with its outcome in the words of the ranking.
pub fn matrix(ws: &Workspace, evaluation: &Evaluation, lots: &[LotId]) -> Grid {
    let members: Vec<_> = ws.commission().voting_members().collect();
    let mut headers: Vec<String> = ["lotto", "protocollo", "soggetto", "criterio"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    headers.extend(members.iter().map(|m| format!("{} ({})", m.name, m.id)));
    headers.push("punti_prima_della_riparametrazione".into());
    headers.push("punti".into());
    headers.push("esito".into());
    let criteria = ws.call().leaf_criteria();
    let number = |d: Option<Decimal>| d.map_or(Out::Empty, Out::Number);
    let mut rows = Vec::new();
    for lot in lots {
        let Some(allocation) = ws.call().lot(lot).map(|l| l.allocation) else {
            continue;
        };
        for r in evaluation.lot_applications(lot) {
            let name = ws
                .application(&r.protocol)
                .map(|a| a.applicant.name.clone())
                .unwrap_or_default();
            let lead = |criterion: String| {
                vec![
                    Out::Text(lot.to_string()),
                    Out::Text(r.protocol.to_string()),
                    Out::Text(name.clone()),
                    Out::Text(criterion),
                ]
            };
            for c in &criteria {
                let mut row = lead(c.id.to_string());
                for m in &members {
                    row.push(if ws.abstains(&m.id, &r.protocol) {
                        Out::Text("astenuto".into())
                    } else if !c.is_discretionary() {
                        Out::Empty
                    } else {
                        number(ws.score(&m.id, &r.protocol, &c.id).map(|s| s.value()))
                    });
                }
                let points = r.scores.as_ref().and_then(|s| s.criteria.get(&c.id));
                row.push(number(points.and_then(|p| p.points_before_rescaling)));
                row.push(number(points.and_then(|p| p.points)));
                row.push(Out::Empty);
                rows.push(row);
            }
            let mut total = lead("totale".into());
            total.extend(members.iter().map(|_| Out::Empty));
            total.push(number(
                r.scores.as_ref().and_then(|s| s.total_before_rescaling),
            ));
            total.push(number(r.scores.as_ref().and_then(|s| s.total)));
            total.push(Out::Text(r.outcome.label(allocation).to_string()));
            rows.push(total);
        }
    }
    Grid {
        sheet: "Punteggi".into(),
        headers,
        rows,
    }
}
