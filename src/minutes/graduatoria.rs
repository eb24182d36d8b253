//! The public ranking, for Amministrazione trasparente: organisations, totals, outcomes and
//! amounts, nothing personal.

use super::MinutesError;
use super::document::document;
use super::font::Fonts;
use super::layout::{Align, Flow, Paragraph};
use super::pdf::Meta;
use super::table::{Column, Row, Table, table};
use super::tags::Role;
use super::text::Span;
use super::verbale::{TABLE_SIZE, call_heading, glued, heading, lead, para};
use crate::domain::Moment;
use crate::italian;
use crate::record::{PublicLot, RankingRecord};
use crate::rules::Outcome;

fn lot(flow: &mut Flow, l: &PublicLot, several: bool) {
    let info = &l.lot;
    heading(
        flow,
        if several {
            format!("Lotto «{}»", info.name)
        } else {
            "Graduatoria".to_string()
        },
    );
    para(
        flow,
        format!(
            "Risorse disponibili: {}. Modalità di assegnazione: {}.",
            italian::euro(info.ceiling),
            italian::allocation(info.allocation)
        ),
    );
    if l.ranked.is_empty() {
        para(flow, "Nessuna candidatura è in graduatoria.");
    } else {
        let mut t = Table::new(
            vec![
                Column::right("Posizione"),
                Column::left("Protocollo"),
                Column::left("Soggetto proponente"),
                Column::right("Punteggio"),
                Column::left("Esito"),
                Column::right("Importo assegnato"),
            ],
            TABLE_SIZE,
        );
        for r in &l.ranked {
            let mut outcome = glued(r.outcome.label(info.allocation));
            if r.drawn {
                outcome.push_str(" (posizione stabilita per sorteggio)");
            }
            if r.tied {
                outcome.push_str(" (a pari merito)");
            }
            if !r.admission_decided {
                outcome.push_str(" (ammissione non ancora deliberata)");
            }
            t.push(Row::new(vec![
                r.position.to_string(),
                r.protocol.to_string(),
                r.applicant.clone(),
                r.total.map_or_else(|| "—".to_string(), italian::number),
                outcome,
                match (r.granted, r.outcome) {
                    (Some(m), Outcome::Funded | Outcome::PartiallyFunded) => italian::euro(m),
                    _ => "—".to_string(),
                },
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
        table(flow, &t);
    }
    if l.halted_by_tie {
        para(
            flow,
            "L'assegnazione è sospesa fino al sorteggio tra le candidature a pari merito.",
        );
    }
    if l.provisional {
        para(
            flow,
            "Graduatoria provvisoria: la valutazione di alcune candidature non è completa.",
        );
    }
    if !l.others.is_empty() {
        let mut t = Table::new(
            vec![
                Column::left("Protocollo"),
                Column::left("Soggetto proponente"),
                Column::left("Esito"),
            ],
            TABLE_SIZE,
        );
        for o in &l.others {
            t.push(Row::new(vec![
                o.protocol.to_string(),
                o.applicant.clone(),
                glued(o.outcome.label(info.allocation)),
            ]));
        }
        lead(flow, "Candidature non in graduatoria:", &t);
    }
    pending(flow, l);
}

/// What the commission has not decided yet: said as pending, never as an outcome.
fn pending(flow: &mut Flow, l: &PublicLot) {
    if !l.pending.is_empty() {
        let mut t = Table::new(
            vec![
                Column::left("Protocollo"),
                Column::left("Soggetto proponente"),
                Column::left("In attesa di"),
            ],
            TABLE_SIZE,
        );
        for o in &l.pending {
            t.push(Row::new(vec![
                o.protocol.to_string(),
                o.applicant.clone(),
                waiting_for(o.outcome).to_string(),
            ]));
        }
        lead(
            flow,
            "Candidature sulle quali la commissione non si è ancora pronunciata (nessun esito è pubblicato):",
            &t,
        );
    }
    let undecided: Vec<String> = l
        .ranked
        .iter()
        .filter(|r| !r.admission_decided)
        .map(|r| r.protocol.to_string())
        .collect();
    if !undecided.is_empty() {
        para(
            flow,
            format!(
                "L'ammissione {} {} non è ancora stata deliberata dalla commissione: la posizione è indicata in attesa della decisione.",
                if undecided.len() == 1 {
                    "della candidatura"
                } else {
                    "delle candidature"
                },
                italian::list(&undecided)
            ),
        );
    }
}

fn waiting_for(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::ExclusionProposed => "decisione sull'ammissibilità",
        Outcome::Incomplete => "completamento della valutazione",
        Outcome::TieUnresolved | Outcome::PendingTie => "sorteggio",
        _ => "decisione della commissione",
    }
}

/// The line that says which version of the ranking this is, and what it replaces.
fn version_line(r: &RankingRecord) -> Option<String> {
    let v = r.version.as_ref()?;
    let mut text = format!(
        "Versione n. {} del {}, approvata con il verbale n. {}",
        v.number,
        italian::date(v.date),
        v.session_number
    );
    if let Some((number, date)) = v.replaces {
        text.push_str(&format!(
            ", che sostituisce la versione n. {number} del {}",
            italian::date(date)
        ));
    }
    if !v.because.is_empty() {
        text.push_str(&format!(" a seguito di: {}", italian::list(&v.because)));
    }
    text.push('.');
    Some(text)
}

/// The ranking into `output`, dated `issued`.
pub fn render<W: std::io::Write + Send + 'static>(
    fonts: &Fonts,
    r: &RankingRecord,
    seal: &str,
    issued: Moment,
    output: W,
) -> Result<W, MinutesError> {
    let date = r
        .version
        .as_ref()
        .map(|v| v.date)
        .or(r.approved_in.map(|(_, d)| d));
    let first = match (&r.version, date) {
        (Some(v), Some(d)) => format!(
            "{} – Graduatoria, versione n. {} del {}",
            r.authority,
            v.number,
            italian::date(d)
        ),
        (None, Some(d)) => format!("{} – Graduatoria del {}", r.authority, italian::date(d)),
        _ => format!("{} – Graduatoria provvisoria", r.authority),
    };
    let meta = Meta {
        title: format!("Graduatoria – {}", r.title),
        author: r.authority.clone(),
        subject: format!("Graduatoria: {}", r.title),
        keywords: format!("graduatoria; impronta SHA-256 {seal}"),
        date: issued,
        kind: "graduatoria",
        session: None,
        member: None,
        seal: seal.to_string(),
    };
    let left = [first, format!("Impronta SHA-256 dei dati: {seal}")];
    document(fonts, r, &left, &meta, output, |flow| {
        call_heading(flow, &r.authority, &r.office, &r.title, r.cup.as_deref());
        flow.paragraph(
            Paragraph::new(vec![Span::bold("GRADUATORIA")])
                .role(Role::H1)
                .size(14.0)
                .align(Align::Center)
                .after(2.0),
        );
        let status = match r.approved_in {
            Some((number, date)) => format!(
                "formata dalla commissione di valutazione nella seduta pubblica del {} (verbale n. {number})",
                italian::date(date)
            ),
            None => {
                "provvisoria: la commissione non l'ha ancora formata in seduta pubblica".to_string()
            }
        };
        flow.paragraph(
            Paragraph::text(italian::capitalized(&status))
                .align(Align::Center)
                .after(if r.version.is_some() { 2.0 } else { 12.0 }),
        );
        if let Some(line) = version_line(r) {
            flow.paragraph(Paragraph::text(line).align(Align::Center).after(12.0));
        }
        para(
            flow,
            "Esito della valutazione delle candidature, pubblicato ai sensi del decreto legislativo 14 marzo 2013, n. 33. Il documento non riporta dati personali: per ogni candidatura sono indicati il numero di protocollo, la denominazione del soggetto proponente, il punteggio complessivo e l'esito.",
        );
        let several = r.lots.len() > 1;
        for l in &r.lots {
            lot(flow, l, several);
        }
        flow.paragraph(
            Paragraph::text(format!(
                "Il Responsabile unico del procedimento: {}.",
                r.rup.trim()
            ))
            .before(12.0),
        );
    })
}
