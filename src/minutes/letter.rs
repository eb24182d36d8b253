//! The letter to an applicant with the outcome of its application, ready to be signed by the
//! responsible official and sent by PEC: drawn from its record alone.

use std::io::Write;

use rust_decimal::Decimal;

use super::MinutesError;
use super::document::document;
use super::font::Fonts;
use super::layout::{Align, Flow, Paragraph};
use super::pdf::Meta;
use super::table::{Column, Row, Table};
use super::tags::Role;
use super::text::Span;
use super::verbale::{TABLE_SIZE, call_heading, heading, lead, para, subheading};
use crate::documents::letter::LetterRecord;
use crate::domain::Moment;
use crate::italian;
use crate::record::Method;
use crate::rules::Outcome;

fn dash() -> String {
    "—".to_string()
}

fn addressee(flow: &mut Flow, r: &LetterRecord) {
    let a = &r.applicant;
    let indent = Flow::width() * 0.45;
    let line = |text: String| {
        Paragraph::text(text)
            .align(Align::Left)
            .indent(indent)
            .after(0.0)
    };
    flow.paragraph(
        Paragraph::new(vec![Span::bold(format!("Spett.le {}", a.name.trim()))])
            .align(Align::Left)
            .indent(indent)
            .after(0.0),
    );
    flow.paragraph(line(format!(
        "{}, codice fiscale {}",
        italian::capitalized(&italian::legal_form(&a.legal_form)),
        a.tax_code.trim()
    )));
    if !a.address.trim().is_empty() {
        flow.paragraph(line(a.address.trim().to_string()));
    }
    if !a.pec.trim().is_empty() {
        flow.paragraph(line(format!("PEC: {}", a.pec.trim())));
    }
    if !a.representative.trim().is_empty() {
        flow.paragraph(line(format!(
            "Alla cortese attenzione del legale rappresentante, {}",
            a.representative.trim()
        )));
    }
    flow.space(14.0);
}

fn points(value: Option<Decimal>, dp: u32) -> String {
    value.map_or_else(dash, |v| italian::number_dp(v, dp))
}

fn scores(flow: &mut Flow, r: &LetterRecord) {
    let Some(a) = &r.scoring else {
        return;
    };
    heading(flow, "Valutazione");
    let dp = r.decimals;
    let mut t = Table::new(
        vec![
            Column::left("Criterio"),
            Column::left("Descrizione"),
            Column::right("Punti max"),
            Column::right("Soglia minima"),
            Column::right("Punti prima della riparametrazione"),
            Column::right("Punti"),
        ],
        TABLE_SIZE,
    );
    for (c, res) in r.criteria.iter().zip(&a.criteria) {
        let mut row = Row::new(vec![
            format!("{}{}", "   ".repeat(c.depth as usize), c.id),
            c.title.clone(),
            italian::number(c.max.normalize()),
            c.min.map_or_else(dash, |m| italian::number(m.normalize())),
            points(res.points_before_rescaling, dp),
            points(res.points, dp),
        ]);
        if matches!(c.method, Method::Group) {
            row = row.emphasis();
        }
        t.push(row);
    }
    let max_total = crate::record::max_total(&r.criteria);
    t.push(
        Row::new(vec![
            "Totale".into(),
            String::new(),
            italian::number(max_total.normalize()),
            r.overall_min
                .map_or_else(dash, |m| italian::number(m.normalize())),
            points(a.total_before_rescaling, dp),
            points(a.total, dp),
        ])
        .emphasis(),
    );
    lead(
        flow,
        "La commissione ha attribuito alla proposta i punteggi seguenti; le soglie minime si applicano ai punti prima della riparametrazione:",
        &t,
    );
    // The motivazioni, criterion by criterion: the commission's collegial one where it gave
    // one, otherwise as the members wrote them.
    let collegial = |id: &crate::domain::CriterionId| {
        r.collegial
            .iter()
            .find(|k| &k.criterion == id)
            .map(|k| k.reason.as_str())
    };
    let with_reasons: Vec<_> = r
        .criteria
        .iter()
        .zip(&a.criteria)
        .filter(|(c, res)| {
            collegial(&c.id).is_some() || res.marks.iter().any(|m| !m.reason.trim().is_empty())
        })
        .collect();
    if !with_reasons.is_empty() {
        subheading(flow, "Motivazioni della commissione");
        flow.begin(Role::L);
        for (c, res) in with_reasons {
            let reasons: Vec<String> = match collegial(&c.id) {
                Some(reason) => {
                    let mark = res.collegial.as_ref().map(|k| match &k.judgement {
                        Some(label) => format!(
                            "giudizio collegiale {label} ({}), ",
                            italian::number(k.value)
                        ),
                        None => format!("giudizio collegiale {} punti, ", italian::number(k.value)),
                    });
                    vec![format!(
                        "{}motivazione collegiale: «{reason}»",
                        mark.unwrap_or_default()
                    )]
                }
                None => res
                    .marks
                    .iter()
                    .map(|m| m.reason.trim())
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("«{t}»"))
                    .collect(),
            };
            flow.item(
                Paragraph::new(vec![
                    Span::bold(format!("Criterio {} – {}: ", c.id, c.title.trim())),
                    Span::regular(reasons.join("; ")),
                ])
                .indent(12.0),
            );
        }
        flow.end();
    }
    if a.threshold_failures.is_empty() {
        if let Some(min) = r.overall_min
            && a.total_before_rescaling.is_some()
        {
            para(
                flow,
                format!(
                    "La proposta raggiunge le soglie minime previste dall'avviso, compresa quella del punteggio complessivo di {} punti.",
                    italian::number(min.normalize())
                ),
            );
        }
    } else {
        let failed: Vec<String> = a
            .threshold_failures
            .iter()
            .map(|f| {
                if f == "overall" {
                    "il punteggio complessivo minimo".to_string()
                } else {
                    format!("la soglia minima del criterio {f}")
                }
            })
            .collect();
        para(
            flow,
            format!(
                "La proposta non raggiunge {}: è pertanto non idonea.",
                italian::list(&failed)
            ),
        );
    }
}

fn outcome(flow: &mut Flow, r: &LetterRecord) {
    heading(flow, "Esito");
    let total = r.scoring.as_ref().and_then(|a| a.total);
    if let Some(rank) = r.rank {
        para(
            flow,
            format!(
                "Nella graduatoria del lotto «{}» la proposta si colloca al {rank}° posto su {} proposte in graduatoria{}.",
                r.lot.name.trim(),
                r.ranked,
                total.map_or_else(String::new, |t| format!(
                    ", con un punteggio complessivo di {} punti",
                    italian::number_dp(t, r.decimals)
                ))
            ),
        );
    }
    let mut text = format!("Esito: {}", r.outcome.label(r.lot.allocation));
    if let (Outcome::Funded | Outcome::PartiallyFunded, Some(amount)) = (r.outcome, r.granted) {
        text.push_str(&format!(
            ", con l'assegnazione di un contributo di {} (risorse del lotto: {})",
            italian::euro(amount),
            italian::euro(r.lot.ceiling)
        ));
    }
    text.push('.');
    flow.paragraph(Paragraph::new(vec![Span::bold(text)]));
    heading(flow, "Fasi successive");
    let next = match r.outcome {
        Outcome::Funded | Outcome::PartiallyFunded => {
            "Il soggetto è invitato al tavolo di co-progettazione previsto dall'art. 55, comma 3, del decreto legislativo 3 luglio 2017, n. 117: l'Amministrazione comunicherà con successiva nota la data del primo incontro. Al termine della co-progettazione i rapporti saranno regolati da una convenzione, previa verifica dei requisiti dichiarati in sede di candidatura."
        }
        Outcome::EligibleNotFunded => {
            "La proposta resta in graduatoria: potrà essere chiamata alla co-progettazione in caso di rinuncia o di decadenza dei soggetti che la precedono, o di risorse ulteriori, nei limiti previsti dall'avviso."
        }
        Outcome::TieUnresolved | Outcome::PendingTie => {
            "L'assegnazione è sospesa fino al sorteggio tra le proposte a pari merito, che si terrà in seduta pubblica: la data sarà comunicata con successiva nota."
        }
        Outcome::Incomplete => {
            "La valutazione della proposta non è ancora completa: l'esito definitivo sarà comunicato con successiva nota."
        }
        Outcome::ExclusionProposed => {
            "Le verifiche propongono l'esclusione della candidatura, ma la commissione non l'ha ancora decisa: l'esito definitivo sarà comunicato con successiva nota."
        }
        Outcome::Renounced => {
            "Il soggetto ha rinunciato alla co-progettazione: la proposta resta in graduatoria senza assegnazione, e il contributo passa alle proposte che seguono."
        }
        Outcome::BelowThreshold | Outcome::Excluded => {
            "Per la proposta non sono previste fasi successive del procedimento."
        }
    };
    para(flow, next);
}

fn notes(flow: &mut Flow, r: &LetterRecord) {
    heading(flow, "Accesso agli atti");
    para(
        flow,
        format!(
            "Ai sensi degli articoli 22 e seguenti della legge 7 agosto 1990, n. 241, è possibile prendere visione ed estrarre copia dei verbali della commissione e degli atti del procedimento, presentando istanza motivata a {}{}. Il responsabile del procedimento è {}.",
            if r.call.office.trim().is_empty() {
                String::new()
            } else {
                format!("{} – ", r.call.office.trim())
            },
            r.call.authority.trim(),
            r.call.rup.trim()
        ),
    );
    heading(flow, "Ricorsi");
    para(
        flow,
        "Avverso il presente provvedimento è ammesso ricorso al Tribunale amministrativo regionale competente entro 60 giorni dal ricevimento della presente comunicazione (decreto legislativo 2 luglio 2010, n. 104), oppure, in alternativa, ricorso straordinario al Presidente della Repubblica entro 120 giorni (decreto del Presidente della Repubblica 24 novembre 1971, n. 1199).",
    );
}

/// The letter into `output`, dated `dated` (the closing of the final session, or the moment
/// of export of a draft).
pub fn render<W: Write + Send + 'static>(
    fonts: &Fonts,
    r: &LetterRecord,
    seal: &str,
    dated: Moment,
    output: W,
) -> Result<W, MinutesError> {
    let title = format!(
        "Comunicazione di esito – candidatura prot. {} – {}",
        r.protocol,
        r.applicant.name.trim()
    );
    let meta = Meta {
        title: title.clone(),
        author: r.call.authority.clone(),
        subject: r.call.title.clone(),
        keywords: format!(
            "comunicazione di esito; candidatura {}; impronta SHA-256 {seal}{}",
            r.protocol,
            if r.approved { "" } else { "; bozza" }
        ),
        date: dated,
        kind: "comunicazione",
        session: None,
        member: None,
        seal: seal.to_string(),
    };
    let left = [
        format!(
            "{} – Comunicazione di esito, candidatura prot. {}",
            r.call.authority, r.protocol
        ),
        if r.approved {
            format!("Impronta SHA-256 dei dati: {seal}")
        } else {
            format!("BOZZA (graduatoria non ancora approvata). Impronta SHA-256: {seal}")
        },
    ];
    document(fonts, r, &left, &meta, output, |flow| {
        call_heading(
            flow,
            &r.call.authority,
            &r.call.office,
            &r.call.title,
            r.call.cup.as_deref(),
        );
        addressee(flow, r);
        flow.paragraph(
            Paragraph::new(vec![Span::bold(
                "Comunicazione dell'esito della valutazione",
            )])
            .role(Role::H1)
            .size(13.0)
            .align(Align::Left)
            .after(6.0),
        );
        flow.paragraph(Paragraph::new(vec![
            Span::bold("Oggetto: "),
            Span::regular(format!(
                "candidatura prot. n. {} pervenuta il {} («{}»), lotto «{}».",
                r.protocol,
                italian::moment(r.received_at),
                r.title.trim(),
                r.lot.name.trim()
            )),
        ]));
        let approved = match (r.approved_in, r.approved) {
            (Some((number, date)), true) => format!(
                ", la cui graduatoria è stata approvata nella seduta pubblica del {} (verbale n. {number})",
                italian::date(date)
            ),
            _ => String::new(),
        };
        para(
            flow,
            format!(
                "Con riferimento alla candidatura in oggetto, presentata in risposta all'avviso indicato, si comunica l'esito del procedimento di valutazione svolto dalla commissione{approved}."
            ),
        );
        if !r.approved {
            flow.paragraph(
                Paragraph::new(vec![Span::bold(
                    "Bozza: la graduatoria non è ancora stata approvata in una seduta chiusa; l'esito può cambiare.",
                )])
                .size(9.0),
            );
        }
        heading(flow, "Ammissibilità");
        if r.outcome.is_exclusion() {
            let reasons = if r.exclusion.is_empty() {
                "per le ragioni indicate nel verbale della seduta".to_string()
            } else {
                format!("per i seguenti motivi: {}", r.exclusion.join(" "))
            };
            para(
                flow,
                if r.outcome == Outcome::Excluded {
                    format!("La candidatura è stata esclusa dalla procedura {reasons}")
                } else {
                    format!(
                        "Le verifiche sui requisiti propongono l'esclusione della candidatura {reasons}; la commissione non l'ha ancora decisa."
                    )
                },
            );
        } else {
            para(
                flow,
                "La candidatura è stata ammessa alla valutazione delle proposte.",
            );
        }
        scores(flow, r);
        outcome(flow, r);
        notes(flow, r);
        para(flow, "Distinti saluti.");
        flow.paragraph(
            Paragraph::text("Il Responsabile unico del procedimento")
                .align(Align::Right)
                .before(12.0)
                .after(0.0)
                .keep_next(),
        );
        flow.paragraph(
            Paragraph::new(vec![Span::bold(r.call.rup.trim())])
                .align(Align::Right)
                .after(2.0)
                .keep_next(),
        );
        // A draft is nobody's act: it must not claim a signature it will never carry.
        flow.paragraph(
            Paragraph::text(if r.approved {
                "Documento informatico firmato digitalmente ai sensi del decreto legislativo 7 marzo 2005, n. 82."
            } else {
                "Bozza non firmata, senza valore di comunicazione: la comunicazione sarà firmata digitalmente dopo l'approvazione della graduatoria."
            })
            .size(8.0)
            .align(Align::Right),
        );
    })
}
