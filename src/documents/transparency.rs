//! The table of grants for Amministrazione trasparente (artt. 26 and 27 of D.Lgs. 14 marzo
//! 2013, n. 33): for each grant, the beneficiary and its tax code when it is an entity, the
//! amount, the legal basis, the office and the responsible official, the way the beneficiary
//! was chosen. Nothing of natural persons: no legal representatives, no personal tax codes.

use crate::documents::letter::Sources;
use crate::domain::Workspace;
use crate::import::workbook::{Grid, Out};
use crate::italian;
use crate::rules::Outcome;

/// A tax code that names an entity: eleven digits (codice fiscale numerico or partita IVA).
/// A personal one (sixteen characters) is personal data and is not published.
pub fn entity_code(code: &str) -> Option<String> {
    let code = code.trim().trim_start_matches("IT");
    (code.len() == 11 && code.bytes().all(|b| b.is_ascii_digit())).then(|| code.to_string())
}

pub const HEADERS: [&str; 9] = [
    "beneficiario",
    "codice_fiscale",
    "importo",
    "norma_o_titolo_a_base_dell_attribuzione",
    "ufficio",
    "responsabile_del_procedimento",
    "modalita_di_individuazione_del_beneficiario",
    "oggetto",
    "atto_di_approvazione",
];

/// One row per grant, lot by lot in ranking order.
pub fn grants(ws: &Workspace, sources: &Sources) -> Grid {
    let call = &sources.call;
    let act = match sources.approved_in {
        Some((number, date)) => format!(
            "Verbale n. {number} della commissione di valutazione, seduta del {}{}",
            italian::date(date),
            if sources.approved {
                ""
            } else {
                " (non ancora chiusa)"
            }
        ),
        None => "Graduatoria non ancora approvata".to_string(),
    };
    let mut rows = Vec::new();
    for lot in &sources.final_record.lots {
        let info = call.lots.iter().find(|l| l.id == lot.lot);
        for r in &lot.ranked {
            let (Outcome::Funded | Outcome::PartiallyFunded, Some(amount)) = (r.outcome, r.granted)
            else {
                continue;
            };
            let code = ws
                .application(&r.protocol)
                .and_then(|a| entity_code(&a.applicant.tax_code))
                .unwrap_or_default();
            let title = ws
                .application(&r.protocol)
                .map(|a| a.title.clone())
                .unwrap_or_default();
            rows.push(vec![
                Out::Text(r.applicant.clone()),
                Out::Text(code),
                Out::Euro(amount),
                Out::Text(format!(
                    "Art. 55 del D.Lgs. 3 luglio 2017, n. 117; art. 12 della L. 7 agosto 1990, n. 241; {}",
                    call.title.trim()
                )),
                Out::Text(format!("{} – {}", call.authority.trim(), call.office.trim())),
                Out::Text(call.rup.trim().to_string()),
                Out::Text(format!(
                    "Avviso pubblico di manifestazione di interesse per la co-progettazione; graduatoria del lotto «{}» ({}ª posizione), {}",
                    info.map_or_else(|| lot.lot.to_string(), |l| l.name.clone()),
                    r.rank,
                    italian::allocation(info.map_or(crate::domain::Allocation::SingleWinner, |l| l.allocation))
                )),
                Out::Text(format!("Candidatura prot. {}: «{}»", r.protocol, title.trim())),
                Out::Text(act.clone()),
            ]);
        }
    }
    Grid {
        sheet: "Trasparenza".into(),
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}
