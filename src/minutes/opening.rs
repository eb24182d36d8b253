//! What an opening public session reports: the applications received, in order of arrival.
//! (Its admissibility decisions and soccorso istruttorio are acts, as in any session: `acts`.)

use super::layout::Flow;
use super::table::{Column, Row, Table};
use super::verbale::{Names, TABLE_SIZE, heading, lead, para};
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
}
