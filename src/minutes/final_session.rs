//! What a final session reports: each lot's ranking with totals, outcomes and amounts granted,
//! the ties and the draws that settled them, and the applications left out of the ranking.

use rust_decimal::Decimal;

use super::layout::Flow;
use super::table::{Column, Row, Table};
use super::verbale::{Names, TABLE_SIZE, glued, heading, lead, para, protocols};
use crate::domain::{Allocation, Money};
use crate::italian;
use crate::record::{FinalRecord, LotRanking, TieRecord};
use crate::rules::Outcome;

fn total(value: Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_string(), italian::number)
}

fn granted(value: Option<Money>, outcome: Outcome) -> String {
    match (value, outcome) {
        (Some(m), Outcome::Funded | Outcome::PartiallyFunded) => italian::euro(m),
        _ => "—".to_string(),
    }
}

fn tie_note(tie: &TieRecord) -> String {
    match tie {
        TieRecord::None => String::new(),
        TieRecord::SettledByDraw {
            with,
            session_number,
            ..
        } => match session_number {
            Some(n) => format!(
                "\npari merito con {}: ordine stabilito dal sorteggio (verbale n. {n})",
                protocols(with)
            ),
            None => format!(
                "\npari merito con {}: ordine stabilito dal sorteggio",
                protocols(with)
            ),
        },
        TieRecord::Unresolved { with } => {
            format!(
                "\npari merito con {}: in attesa di sorteggio",
                protocols(with)
            )
        }
    }
}

fn lot(flow: &mut Flow, names: &Names, l: &LotRanking, several: bool) {
    let info = names.lot(&l.lot);
    let allocation = info.map_or(Allocation::SingleWinner, |i| i.allocation);
    heading(
        flow,
        if several {
            format!("Graduatoria – lotto «{}»", names.lot_name(&l.lot))
        } else {
            "Graduatoria".to_string()
        },
    );
    if let Some(info) = info {
        let reserved = if info.ceiling == info.budget {
            String::new()
        } else {
            format!(
                " (su un valore complessivo di {}, al netto della quota riservata al Comune)",
                italian::euro(info.budget)
            )
        };
        para(
            flow,
            format!(
                "Risorse disponibili per il lotto: {}{reserved}. Modalità di assegnazione: {}.",
                italian::euro(info.ceiling),
                italian::allocation(info.allocation)
            ),
        );
    }
    if l.ranked.is_empty() {
        para(flow, "Nessuna proposta è idonea a entrare in graduatoria.");
    } else {
        let mut t = Table::new(
            vec![
                Column::right("Pos."),
                Column::left("Protocollo"),
                Column::left("Soggetto proponente"),
                Column::right("Punteggio"),
                Column::left("Esito"),
                Column::right("Importo assegnato"),
            ],
            TABLE_SIZE,
        );
        for r in &l.ranked {
            t.push(Row::new(vec![
                r.rank.to_string(),
                r.protocol.to_string(),
                r.applicant.clone(),
                total(r.total),
                format!("{}{}", glued(r.outcome.label(allocation)), tie_note(&r.tie)),
                granted(r.granted, r.outcome),
            ]));
        }
        t.push(
            Row::new(vec![
                String::new(),
                String::new(),
                "Totale assegnato".into(),
                String::new(),
                String::new(),
                italian::euro(l.granted),
            ])
            .emphasis(),
        );
        lead(
            flow,
            "La commissione, sulla base dei punteggi attribuiti nelle sedute di valutazione, forma la seguente graduatoria:",
            &t,
        );
        para(
            flow,
            format!(
                "Risorse assegnate: {}; risorse residue: {}.",
                italian::euro(l.granted),
                italian::euro(l.remaining)
            ),
        );
    }
    if l.halted_by_tie {
        para(
            flow,
            "Poiché l'ordine tra candidature a pari merito decide l'assegnazione, questa resta sospesa fino al sorteggio da tenersi in seduta pubblica.",
        );
    }
    if l.provisional {
        para(
            flow,
            "La graduatoria è provvisoria: la valutazione di alcune proposte non è ancora completa.",
        );
    }
    if !l.others.is_empty() {
        let mut t = Table::new(
            vec![
                Column::left("Protocollo"),
                Column::left("Soggetto proponente"),
                Column::left("Esito"),
                Column::left("Motivo"),
            ],
            TABLE_SIZE,
        );
        for o in &l.others {
            let why = match o.outcome {
                Outcome::Excluded => o.reasons.join(" "),
                Outcome::ExclusionProposed => format!(
                    "in attesa di decisione della commissione sull'ammissibilità; le verifiche rilevano: {}",
                    o.reasons.join(" ")
                ),
                Outcome::BelowThreshold => {
                    let items: Vec<String> = o
                        .threshold_failures
                        .iter()
                        .map(|f| {
                            if f == "overall" {
                                "punteggio complessivo".to_string()
                            } else {
                                format!("criterio {f}")
                            }
                        })
                        .collect();
                    let mut text =
                        format!("soglia minima non raggiunta: {}", italian::list(&items));
                    if let Some(t) = o.total_before_rescaling {
                        text.push_str(&format!(
                            " (punteggio prima della riparametrazione {})",
                            italian::number(t)
                        ));
                    }
                    text
                }
                Outcome::Incomplete => "valutazione non ancora completa".to_string(),
                _ => String::new(),
            };
            t.push(Row::new(vec![
                o.protocol.to_string(),
                o.applicant.clone(),
                glued(o.outcome.label(allocation)),
                why,
            ]));
        }
        lead(flow, "Non entrano in graduatoria:", &t);
    }
}

pub fn render(flow: &mut Flow, names: &Names, f: &FinalRecord) {
    let several = f.lots.len() > 1;
    for l in &f.lots {
        lot(flow, names, l, several);
    }
}
