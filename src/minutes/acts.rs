//! The acts a session recorded, in any kind of session: the admissibility decisions with their
//! count and what is still undecided, the soccorso istruttorio asked, the documents integrated
//! (late ones said to be late), the conflict declarations withdrawn; and, for a final session,
//! what it closed over still pending.

use super::layout::Flow;
use super::table::{Column, Row, Table};
use super::verbale::{Names, TABLE_SIZE, heading, lead, para, protocols};
use crate::domain::{AdmissionOutcome, Protocol, SessionKind};
use crate::italian;
use crate::record::{AdmissionRecord, GapRecord, SessionRecord, SoccorsoRecord, UndecidedRecord};

/// The decisions of the session (a record kept before `acts` existed has them in its opening
/// part), then the soccorso istruttorio and the integrations.
pub fn render(flow: &mut Flow, r: &SessionRecord) {
    let legacy = match &r.business {
        crate::record::Business::Opening(o) => Some(o),
        _ => None,
    };
    let decisions: Vec<&AdmissionRecord> = legacy
        .into_iter()
        .flat_map(|o| &o.decisions)
        .chain(&r.acts.decisions)
        .collect();
    let opening = r.session.kind == SessionKind::OpeningPublic;
    if opening || !decisions.is_empty() {
        admissibility(flow, r, &decisions, opening);
    }
    let requests: Vec<&SoccorsoRecord> = legacy
        .into_iter()
        .flat_map(|o| &o.soccorso)
        .chain(&r.acts.soccorso)
        .collect();
    soccorso(flow, &requests);
    integrations(flow, r);
}

fn admissibility(
    flow: &mut Flow,
    r: &SessionRecord,
    decisions: &[&AdmissionRecord],
    opening: bool,
) {
    heading(flow, "Ammissibilità");
    if decisions.is_empty() {
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
        for d in decisions {
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
            if opening {
                "La commissione, esaminata la documentazione amministrativa e gli esiti delle verifiche sui requisiti e sul piano finanziario, decide quanto segue:"
            } else {
                "Nel corso della seduta la commissione assume le seguenti decisioni sull'ammissibilità:"
            },
            &t,
        );
        let count = |outcome| decisions.iter().filter(|d| d.outcome == outcome).count();
        para(
            flow,
            format!(
                "Con le decisioni di questa seduta risultano: ammesse {}, ammesse con riserva {}, escluse {}.",
                count(AdmissionOutcome::Admitted),
                count(AdmissionOutcome::AdmittedWithReserve),
                count(AdmissionOutcome::Excluded)
            ),
        );
    }
    if let Some(text) = undecided_sentence(&r.pending.undecided) {
        para(flow, text);
    }
}

/// What is still undecided, by what the checks propose: never counted among the decisions.
fn undecided_sentence(undecided: &[UndecidedRecord]) -> Option<String> {
    if undecided.is_empty() {
        return None;
    }
    let group = |wanted: &dyn Fn(AdmissionOutcome) -> bool| -> Vec<Protocol> {
        undecided
            .iter()
            .filter(|u| wanted(u.proposed))
            .map(|u| u.protocol.clone())
            .collect()
    };
    let excluded = group(&|o| o == AdmissionOutcome::Excluded);
    let admitted = group(&|o| o != AdmissionOutcome::Excluded);
    let mut parts = Vec::new();
    if !excluded.is_empty() {
        parts.push(format!(
            "per {} le verifiche automatiche propongono l'esclusione",
            applications(&excluded)
        ));
    }
    if !admitted.is_empty() {
        parts.push(format!(
            "per {} le verifiche automatiche non rilevano cause di esclusione",
            applications(&admitted)
        ));
    }
    Some(format!(
        "{} in attesa della decisione della commissione sull'ammissibilità, che non si è ancora pronunciata: {}.",
        match undecided.len() {
            1 => "Resta una candidatura".to_string(),
            n => format!("Restano {n} candidature"),
        },
        italian::list(&parts)
    ))
}

fn applications(list: &[Protocol]) -> String {
    if list.len() == 1 {
        format!("la candidatura {}", list[0])
    } else {
        format!("le candidature {}", protocols(list))
    }
}

fn soccorso(flow: &mut Flow, requests: &[&SoccorsoRecord]) {
    if requests.is_empty() {
        return;
    }
    heading(flow, "Soccorso istruttorio");
    // Records kept before integrations were reported on their own carry the date here.
    let with_received = requests.iter().any(|s| s.received_on.is_some());
    let mut columns = vec![
        Column::left("Protocollo"),
        Column::left("Documento"),
        Column::left("Richiesto il"),
        Column::left("Termine"),
    ];
    if with_received {
        columns.push(Column::left("Integrato il"));
    }
    let mut t = Table::new(columns, TABLE_SIZE);
    for s in requests {
        let mut cells = vec![
            s.protocol.to_string(),
            s.document.clone(),
            italian::date(s.requested_on),
            italian::date(s.deadline),
        ];
        if with_received {
            cells.push(s.received_on.map_or_else(|| "—".to_string(), italian::date));
        }
        t.push(Row::new(cells));
    }
    lead(
        flow,
        "Per le carenze documentali sanabili la commissione richiede le integrazioni seguenti, da trasmettere entro il termine indicato a pena di esclusione:",
        &t,
    );
}

fn integrations(flow: &mut Flow, r: &SessionRecord) {
    let list = &r.acts.integrations;
    if list.is_empty() {
        return;
    }
    heading(flow, "Integrazioni documentali");
    let mut t = Table::new(
        vec![
            Column::left("Protocollo"),
            Column::left("Documento"),
            Column::left("Richiesto il"),
            Column::left("Termine"),
            Column::left("Pervenuto il"),
            Column::left("Esito"),
        ],
        TABLE_SIZE,
    );
    for i in list {
        t.push(Row::new(vec![
            i.protocol.to_string(),
            i.document.clone(),
            italian::date(i.requested_on),
            italian::date(i.deadline),
            italian::date(i.received_on),
            if i.late {
                "oltre il termine".to_string()
            } else {
                "nei termini".to_string()
            },
        ]));
    }
    lead(
        flow,
        "La commissione prende atto delle integrazioni documentali pervenute a seguito del soccorso istruttorio:",
        &t,
    );
    for i in list.iter().filter(|i| i.late) {
        para(
            flow,
            format!(
                "L'integrazione del documento «{}» della candidatura {} è pervenuta il {}, oltre il termine del {} assegnato con il soccorso istruttorio: non sana la carenza.",
                i.document,
                i.protocol,
                italian::date(i.received_on),
                italian::date(i.deadline)
            ),
        );
    }
}

/// The conflict declarations withdrawn in the session, each with its reason.
pub fn withdrawals(flow: &mut Flow, names: &Names, r: &SessionRecord) {
    if r.acts.withdrawals.is_empty() {
        return;
    }
    heading(flow, "Dichiarazioni di conflitto di interessi ritirate");
    for w in &r.acts.withdrawals {
        let note = if w.note.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", w.note.trim())
        };
        para(
            flow,
            format!(
                "{} ritira la dichiarazione di conflitto di interessi resa sulla candidatura {} ({}{note}), con la seguente motivazione: {}.",
                names.member(&w.member),
                w.application,
                italian::conflict_kind(w.kind),
                w.reason.trim().trim_end_matches('.')
            ),
        );
    }
}

/// What a final session closed over still pending: stated, so that the ranking is read for
/// what it is.
pub fn pending(flow: &mut Flow, names: &Names, r: &SessionRecord) {
    heading(flow, "Candidature in sospeso");
    let p = &r.pending;
    if p.is_empty() {
        para(
            flow,
            "Alla chiusura della seduta tutte le candidature hanno una decisione sull'ammissibilità e le candidature ammesse sono state valutate da tutti i componenti tenuti a farlo.",
        );
        return;
    }
    let mut t = Table::new(
        vec![
            Column::left("Protocollo"),
            Column::left("Soggetto proponente"),
            Column::left("In sospeso"),
        ],
        TABLE_SIZE,
    );
    for u in &p.undecided {
        let proposal = match u.proposed {
            AdmissionOutcome::Excluded => {
                format!(
                    "; le verifiche propongono l'esclusione: {}",
                    u.failed_checks.join(" ")
                )
            }
            _ => "; le verifiche non rilevano cause di esclusione".to_string(),
        };
        t.push(Row::new(vec![
            u.protocol.to_string(),
            u.applicant.clone(),
            format!("manca la decisione sull'ammissibilità{proposal}"),
        ]));
    }
    for i in &p.incomplete {
        let missing: Vec<String> = i.missing.iter().map(|g| gap(names, g)).collect();
        t.push(Row::new(vec![
            i.protocol.to_string(),
            i.applicant.clone(),
            format!("valutazione incompleta: {}", italian::list(&missing)),
        ]));
    }
    lead(
        flow,
        "La seduta si chiude con le seguenti candidature ancora in sospeso, su conferma espressa della commissione; per esse la graduatoria non è definitiva:",
        &t,
    );
}

fn gap(names: &Names, g: &GapRecord) -> String {
    match g {
        GapRecord::NotScored(m) => format!("manca il giudizio di {}", names.member(m)),
        GapRecord::NoReason(m) => format!("manca una motivazione di {}", names.member(m)),
        GapRecord::NobodyCanScore => "nessun componente può valutarla".into(),
        GapRecord::TooFewMembers { required, .. } => {
            format!("servono almeno {required} componenti: in attesa di un supplente")
        }
        GapRecord::NotDeclared => "manca un dato dichiarato dalla candidatura".into(),
        GapRecord::TooLarge => "valori troppo grandi per un calcolo esatto".into(),
        GapRecord::NoCollegialMark => "manca il giudizio collegiale della commissione".into(),
    }
}
