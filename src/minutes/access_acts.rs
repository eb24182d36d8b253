//! The acts of access to the records in a verbale (see `record::access_acts`): the commission
//! takes note of what the RUP received, notified, decided and released, request by request,
//! each release with the SHA-256 of the files it gave, so that the sealed verbale fixes them.

use super::layout::Flow;
use super::table::{Column, Row, Table};
use super::verbale::{TABLE_SIZE, heading, lead, para, subheading};
use crate::italian;
use crate::record::{AccessAct, AccessActs, SessionRecord};

pub fn render(flow: &mut Flow, r: &SessionRecord) {
    if r.access.is_empty() {
        return;
    }
    heading(flow, "Accesso agli atti");
    para(
        flow,
        "Il responsabile del procedimento comunica alla commissione, che ne prende atto, gli atti relativi alle istanze di accesso ai documenti della procedura (artt. 22 ss. L. 241/1990 e D.P.R. 184/2006) registrati nel registro degli accessi dopo il verbale precedente. I dati personali dei richiedenti che non sono concorrenti sono conservati nel registro e non sono riportati.",
    );
    for a in &r.access {
        request(flow, a);
    }
}

fn request(flow: &mut Flow, a: &AccessActs) {
    subheading(
        flow,
        format!(
            "Istanza n. {} del {}",
            a.request,
            italian::date(a.received_on)
        ),
    );
    let who = match (&a.requester, &a.application) {
        (Some(name), Some(p)) => format!("da {name}, concorrente con la candidatura {p}"),
        (None, Some(p)) => format!("dal soggetto proponente della candidatura {p}"),
        _ => "da un soggetto interessato".to_string(),
    };
    for act in &a.acts {
        match act {
            AccessAct::Received => para(
                flow,
                format!(
                    "L'istanza è pervenuta il {} {who}, con oggetto: «{}». Il procedimento si conclude entro trenta giorni, il {} (art. 25, c. 4, L. 241/1990).",
                    italian::date(a.received_on),
                    a.object.trim().trim_end_matches('.'),
                    italian::date(a.deadline)
                ),
            ),
            AccessAct::Notified {
                protocol,
                applicant,
                notified_on,
                deadline,
                opposed,
            } => {
                let name = applicant
                    .as_ref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                let answer = if *opposed {
                    "; la controinteressata ha presentato opposizione motivata, agli atti del procedimento"
                } else {
                    ""
                };
                para(
                    flow,
                    format!(
                        "Il {} l'istanza è notificata alla controinteressata candidatura {protocol}{name}, che può presentare motivata opposizione entro dieci giorni, fino al {} (art. 3 D.P.R. 184/2006){answer}.",
                        italian::date(*notified_on),
                        italian::date(*deadline)
                    ),
                );
            }
            AccessAct::Decided {
                outcome,
                on,
                reason,
            } => {
                let reason = reason.trim().trim_end_matches('.');
                para(
                    flow,
                    if reason.is_empty() {
                        format!(
                            "Il {} l'istanza è {}.",
                            italian::date(*on),
                            italian::access_outcome(*outcome)
                        )
                    } else {
                        format!(
                            "Il {} l'istanza è {}, con la motivazione: {reason}.",
                            italian::date(*on),
                            italian::access_outcome(*outcome)
                        )
                    },
                );
            }
            AccessAct::Released { at, folder, files } => {
                let mut t = Table::new(
                    vec![Column::left("Documento"), Column::left("Impronta SHA-256")],
                    TABLE_SIZE,
                );
                for f in files {
                    t.push(Row::new(vec![f.name.clone(), f.sha256.clone()]));
                }
                lead(
                    flow,
                    format!(
                        "Il {} sono rilasciati al richiedente gli atti seguenti (cartella {folder}), con i dati personali delle persone fisiche e le parti dichiarate segreto tecnico o commerciale omessi:",
                        italian::moment(*at)
                    ),
                    &t,
                );
            }
        }
    }
}
