//! The parts of a verbale about the commission's changes and the applications removed: who
//! replaced whom, by which act and from when; which substitute was appointed for which
//! applications; which applications, registered by mistake, were removed and why.

use super::layout::Flow;
use super::table::{Column, Row, Table};
use super::verbale::{TABLE_SIZE, heading, lead, para, protocols};
use crate::italian;
use crate::record::SessionRecord;

/// After the presence: replacements and substitutes.
pub fn commission_changes(flow: &mut Flow, r: &SessionRecord) {
    for m in &r.commission.members {
        if let Some(x) = &m.replaced {
            para(
                flow,
                format!(
                    "Con {}, a decorrere dal {}, {} è sostituito nella commissione da {}.",
                    x.act.trim(),
                    italian::date(x.on),
                    m.name,
                    x.by_name
                ),
            );
        }
    }
    for m in &r.commission.members {
        if let Some(s) = &m.substitute {
            let act = if s.act.trim().is_empty() {
                String::new()
            } else {
                format!("con {}, ", s.act.trim())
            };
            let what = match s.applications.len() {
                0 => "non ancora per alcuna candidatura".to_string(),
                1 => format!(
                    "per la valutazione della candidatura {}",
                    protocols(&s.applications)
                ),
                _ => format!(
                    "per la valutazione delle candidature {}",
                    protocols(&s.applications)
                ),
            };
            para(
                flow,
                format!(
                    "{}{} è nominato componente supplente {what}, che il numero minimo di componenti richiesto dall'avviso non potrebbe altrimenti valutare per i conflitti di interesse dichiarati.",
                    italian::capitalized(&act),
                    m.name
                ),
            );
        }
    }
}

/// Applications registered by mistake and removed since the previous verbale.
pub fn removed(flow: &mut Flow, r: &SessionRecord) {
    if r.removed.is_empty() {
        return;
    }
    heading(flow, "Candidature rimosse perché registrate per errore");
    let mut t = Table::new(
        vec![
            Column::left("Protocollo"),
            Column::left("Ricevuta il"),
            Column::left("Soggetto"),
            Column::left("Rimossa il"),
            Column::left("Motivazione"),
        ],
        TABLE_SIZE,
    );
    for x in &r.removed {
        t.push(Row::new(vec![
            x.protocol.to_string(),
            italian::moment(x.received_at),
            x.applicant.clone(),
            italian::moment(x.removed_at),
            x.reason.clone(),
        ]));
    }
    lead(
        flow,
        "La segreteria dà atto che le seguenti registrazioni, effettuate per errore, sono state rimosse dall'elenco delle candidature; i relativi file restano agli atti:",
        &t,
    );
}
