//! What an opening public session reports: the applications received, the admissibility
//! decisions it took, the soccorso istruttorio.

use super::layout::Flow;
use super::table::{Column, Row, Table};
use super::verbale::{Names, TABLE_SIZE, heading, lead, para};
use crate::domain::AdmissionOutcome;
use crate::italian;
use crate::record::OpeningRecord;

pub fn render(flow: &mut Flow, names: &Names, o: &OpeningRecord) {
    heading(flow, "Candidature pervenute");
    let late = o.received.iter().filter(|r| !r.on_time).count();
    let count = o.received.len();
    let mut text = format!(
        "La commissione prende atto che entro il termine di presentazione, fissato al {}, {}",
        italian::moment_precise(names.record.call.deadline),
        match count - late {
            0 => "non è pervenuta alcuna candidatura".to_string(),
            1 => "è pervenuta una candidatura".to_string(),
            n => format!("sono pervenute {n} candidature"),
        }
    );
    match late {
        0 => text.push('.'),
        1 => text.push_str("; una candidatura è pervenuta oltre il termine."),
        n => text.push_str(&format!(
            "; {n} candidature sono pervenute oltre il termine."
        )),
    }
    para(flow, text);
    if count > 0 {
        let several_lots = names.record.call.lots.len() > 1;
        let mut columns = vec![
            Column::right("N."),
            Column::left("Protocollo"),
            Column::left("Pervenuta il"),
            Column::left("Soggetto proponente"),
        ];
        if several_lots {
            columns.push(Column::left("Lotto"));
        }
        columns.push(Column::left("Termine"));
        let mut t = Table::new(columns, TABLE_SIZE);
        for (i, r) in o.received.iter().enumerate() {
            let mut cells = vec![
                (i + 1).to_string(),
                r.protocol.to_string(),
                italian::moment_precise(r.received_at),
                format!(
                    "{} ({})\n«{}»",
                    r.applicant,
                    italian::legal_form(&r.legal_form),
                    r.title
                ),
            ];
            if several_lots {
                cells.push(names.lot_name(&r.lot));
            }
            cells.push(
                if r.on_time {
                    "nei termini"
                } else {
                    "oltre il termine"
                }
                .to_string(),
            );
            t.push(Row::new(cells));
        }
        lead(
            flow,
            "Le candidature, nell'ordine di arrivo registrato al protocollo, sono le seguenti:",
            &t,
        );
    }

    heading(flow, "Ammissibilità");
    if o.decisions.is_empty() {
        para(
            flow,
            "In questa seduta la commissione non assume decisioni sull'ammissibilità delle candidature.",
        );
    } else {
        let mut t = Table::new(
            vec![
                Column::left("Protocollo"),
                Column::left("Soggetto proponente"),
                Column::left("Esito"),
                Column::left("Motivazione"),
            ],
            TABLE_SIZE,
        );
        for d in &o.decisions {
            let mut reason = d.reason.trim().to_string();
            if !d.failed_checks.is_empty() {
                if !reason.is_empty() {
                    reason.push('\n');
                }
                reason.push_str("Rilievi delle verifiche: ");
                reason.push_str(&d.failed_checks.join(" "));
            }
            t.push(Row::new(vec![
                d.protocol.to_string(),
                d.applicant.clone(),
                italian::admission(d.outcome, true).to_string(),
                reason,
            ]));
        }
        lead(
            flow,
            "La commissione, esaminata la documentazione amministrativa e gli esiti delle verifiche sui requisiti e sul piano finanziario, decide quanto segue:",
            &t,
        );
        let count = |outcome| o.decisions.iter().filter(|d| d.outcome == outcome).count();
        para(
            flow,
            format!(
                "Risultano pertanto: ammesse {}, ammesse con riserva {}, escluse {}.",
                count(AdmissionOutcome::Admitted),
                count(AdmissionOutcome::AdmittedWithReserve),
                count(AdmissionOutcome::Excluded)
            ),
        );
    }

    if !o.soccorso.is_empty() {
        heading(flow, "Soccorso istruttorio");
        let mut t = Table::new(
            vec![
                Column::left("Protocollo"),
                Column::left("Documento"),
                Column::left("Richiesto il"),
                Column::left("Termine"),
                Column::left("Integrato il"),
            ],
            TABLE_SIZE,
        );
        for s in &o.soccorso {
            t.push(Row::new(vec![
                s.protocol.to_string(),
                s.document.clone(),
                italian::date(s.requested_on),
                italian::date(s.deadline),
                s.received_on.map_or_else(|| "—".to_string(), italian::date),
            ]));
        }
        lead(
            flow,
            "Per le carenze documentali sanabili la commissione richiede le integrazioni seguenti, da trasmettere entro il termine indicato a pena di esclusione:",
            &t,
        );
    }
}
