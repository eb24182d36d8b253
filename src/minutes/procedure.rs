//! The procedure around the scores in a verbale: the collegial judgements the session formed,
//! each beside the members' marks and reasons, with the dissents; and the events after the
//! ranking it recorded, with the act and reason of each and the allocation before and after
//! them, side by side, and who takes the place of whom (scorrimento).

use super::layout::Flow;
use super::table::{Column, Row, Table};
use super::verbale::{Names, TABLE_SIZE, glued, heading, lead, para, subheading};
use crate::domain::{Allocation, EventKind};
use crate::italian;
use crate::record::{
    AllocationChange, CollegialRecord, EventsRecord, SessionRecord, StandingRecord,
};
use crate::rules::Outcome;

pub fn render(flow: &mut Flow, names: &Names, r: &SessionRecord) {
    if !r.collegial.is_empty() {
        collegial(flow, names, &r.collegial);
    }
    if let Some(events) = &r.events {
        self::events(flow, names, events);
    }
}

/// A mark as the tables write it: the judgement with its coefficient, or the points.
fn mark(value: rust_decimal::Decimal, judgement: Option<&str>) -> String {
    match judgement {
        Some(label) => format!("{label} ({})", italian::number(value.normalize())),
        None => italian::number(value.normalize()),
    }
}

fn collegial(flow: &mut Flow, names: &Names, list: &[CollegialRecord]) {
    heading(flow, "Giudizio collegiale");
    para(
        flow,
        "Esaminate le valutazioni dei singoli componenti, la commissione discute collegialmente ciascun criterio e formula i giudizi che seguono, riportati accanto ai punteggi e alle motivazioni individuali.",
    );
    let mut current = None;
    for c in list {
        if current != Some(&c.protocol) {
            subheading(
                flow,
                format!("Candidatura {} – {}", c.protocol, c.applicant.trim()),
            );
            current = Some(&c.protocol);
        }
        let mut t = Table::new(
            vec![
                Column::left("Componente"),
                Column::left("Valutazione"),
                Column::left("Motivazione"),
            ],
            TABLE_SIZE,
        );
        for m in &c.marks {
            t.push(Row::new(vec![
                names.member(&m.member),
                mark(m.value, m.judgement.as_deref()),
                m.reason.trim().to_string(),
            ]));
        }
        for m in &c.abstained {
            t.push(Row::new(vec![
                names.member(m),
                "—".into(),
                "si astiene per conflitto di interessi".into(),
            ]));
        }
        let title = if c.criterion_title.trim().is_empty() {
            format!("Criterio {}", c.criterion)
        } else {
            format!("Criterio {} – {}", c.criterion, c.criterion_title.trim())
        };
        if t.rows.is_empty() {
            para(flow, format!("{title}: nessuna valutazione individuale."));
        } else {
            lead(flow, format!("{title}. Valutazioni individuali:"), &t);
        }
        if let Some(k) = &c.mark {
            para(
                flow,
                format!(
                    "Giudizio collegiale: {}, che determina i punti del criterio.",
                    match &k.judgement {
                        Some(_) => mark(k.value, k.judgement.as_deref()),
                        None => format!("{} punti", italian::number(k.value.normalize())),
                    }
                ),
            );
        }
        let mut text = format!("Motivazione collegiale: {}", c.reason.trim());
        if !text.ends_with('.') {
            text.push('.');
        }
        if let Some((number, date)) = c.replaces {
            text.push_str(&format!(
                " Il giudizio sostituisce quello riportato nel verbale n. {number} del {}.",
                italian::date(date)
            ));
        }
        para(flow, text);
        if c.dissents.is_empty() {
            para(
                flow,
                "Il giudizio è condiviso da tutti i componenti che valutano la proposta.",
            );
        }
        for d in &c.dissents {
            para(
                flow,
                format!(
                    "{} dissente dal giudizio collegiale: {}.",
                    names.member(&d.member),
                    d.note.trim().trim_end_matches('.')
                ),
            );
        }
    }
}

fn event_sentence(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Renunciation => "rinuncia al posto in graduatoria",
        EventKind::ExcludedAfterVerification => {
            "è esclusa a seguito della verifica dei requisiti dichiarati"
        }
        EventKind::ReadmittedAfterSoccorso => "è riammessa a seguito di soccorso istruttorio",
        EventKind::ReadmittedAfterAppeal => "è riammessa a seguito di ricorso",
    }
}

fn events(flow: &mut Flow, names: &Names, e: &EventsRecord) {
    heading(flow, "Eventi successivi alla graduatoria");
    for ev in &e.events {
        para(
            flow,
            format!(
                "La candidatura {} ({}) {}. Atto: {}. Motivazione: {}.",
                ev.protocol,
                ev.applicant.trim(),
                event_sentence(ev.kind),
                ev.act.trim().trim_end_matches('.'),
                ev.reason.trim().trim_end_matches('.')
            ),
        );
    }
    for lot in &e.lots {
        allocation_change(flow, names, lot, e.lots.len() > 1);
    }
}

fn standing(s: &StandingRecord, allocation: Allocation) -> (String, String, String) {
    (
        s.rank.map_or_else(|| "—".to_string(), |r| r.to_string()),
        glued(s.outcome.label(allocation)),
        s.granted.map_or_else(|| "—".to_string(), italian::euro),
    )
}

fn allocation_change(flow: &mut Flow, names: &Names, lot: &AllocationChange, several: bool) {
    let allocation = names
        .lot(&lot.lot)
        .map_or(Allocation::SingleWinner, |l| l.allocation);
    if several {
        subheading(flow, format!("Lotto «{}»", names.lot_name(&lot.lot)));
    }
    let mut t = Table::new(
        vec![
            Column::left("Protocollo"),
            Column::left("Soggetto proponente"),
            Column::right("Pos. prima"),
            Column::left("Esito prima"),
            Column::right("Importo prima"),
            Column::right("Pos. ora"),
            Column::left("Esito ora"),
            Column::right("Importo ora"),
        ],
        TABLE_SIZE,
    );
    for row in &lot.rows {
        let (rb, ob, gb) = standing(&row.before, allocation);
        let (ra, oa, ga) = standing(&row.after, allocation);
        let changed = row.before != row.after;
        let mut r = Row::new(vec![
            row.protocol.to_string(),
            row.applicant.clone(),
            rb,
            ob,
            gb,
            ra,
            oa,
            ga,
        ]);
        if changed {
            r = r.emphasis();
        }
        t.push(r);
    }
    t.push(
        Row::new(vec![
            String::new(),
            "Totale assegnato".into(),
            String::new(),
            String::new(),
            italian::euro(lot.granted_before),
            String::new(),
            String::new(),
            italian::euro(lot.granted_after),
        ])
        .emphasis(),
    );
    lead(
        flow,
        "La commissione ricalcola l'assegnazione delle risorse sulla base degli eventi registrati; l'assegnazione precedente e quella nuova sono poste a confronto (in evidenza le righe che cambiano):",
        &t,
    );
    let funded =
        |s: &StandingRecord| matches!(s.outcome, Outcome::Funded | Outcome::PartiallyFunded);
    let left: Vec<&str> = lot
        .rows
        .iter()
        .filter(|r| funded(&r.before) && !funded(&r.after))
        .map(|r| r.protocol.as_str())
        .collect();
    let entered: Vec<&str> = lot
        .rows
        .iter()
        .filter(|r| !funded(&r.before) && funded(&r.after))
        .map(|r| r.protocol.as_str())
        .collect();
    let verb = match allocation {
        Allocation::SingleWinner => "è selezionata per la co-progettazione",
        _ => "è ammessa al finanziamento",
    };
    match (left.is_empty(), entered.is_empty()) {
        (true, true) => para(
            flow,
            "Gli eventi non modificano l'assegnazione delle risorse.",
        ),
        (_, false) => {
            let subentra: Vec<String> = entered
                .iter()
                .map(|p| format!("la candidatura {p}"))
                .collect();
            let instead = if left.is_empty() {
                String::new()
            } else {
                format!(
                    " in luogo {}",
                    if left.len() == 1 {
                        format!("della candidatura {}", left[0])
                    } else {
                        format!("delle candidature {}", left.join(", "))
                    }
                )
            };
            para(
                flow,
                format!(
                    "Si procede pertanto allo scorrimento della graduatoria: {} {verb}{instead}.",
                    italian::list(&subentra)
                ),
            );
        }
        (false, true) => para(
            flow,
            format!(
                "Le risorse assegnate {} tornano disponibili; nessuna candidatura idonea subentra.",
                if left.len() == 1 {
                    format!("alla candidatura {}", left[0])
                } else {
                    format!("alle candidature {}", left.join(", "))
                }
            ),
        ),
    }
}
