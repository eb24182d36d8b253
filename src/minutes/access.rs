//! The bundle of a granted access request, as PDF: the request with its deadlines, the
//! counter-interested parties and the decision; the requester's own marks and reasons; the
//! other applicants' marks and motivazioni as released; the parts withheld; the verbali that
//! come with it. Drawn only from its record.

use rust_decimal::Decimal;

use super::MinutesError;
use super::document::document;
use super::font::Fonts;
use super::layout::{Align, Flow, Paragraph};
use super::pdf::Meta;
use super::table::{Column, Row, Table};
use super::text::Span;
use super::verbale::{TABLE_SIZE, call_heading, heading, lead, para, subheading};
use crate::domain::TimeOfDay;
use crate::italian;
use crate::record::{AccessRecord, ApplicationMarks, MarkRecord};

fn member_names(r: &AccessRecord) -> impl Fn(&crate::domain::MemberId) -> String + '_ {
    move |m| {
        r.members
            .iter()
            .find(|(id, _)| id == m)
            .map_or_else(|| m.to_string(), |(_, name)| name.clone())
    }
}

fn value(m: &MarkRecord) -> String {
    match &m.judgement {
        Some(label) => format!("{label} ({})", italian::number(m.value.normalize())),
        None => italian::number(m.value.normalize()),
    }
}

fn points(v: Option<Decimal>) -> String {
    v.map_or_else(|| "—".into(), |v| italian::number(v.normalize()))
}

fn request(flow: &mut Flow, r: &AccessRecord) {
    let q = &r.request;
    heading(flow, "La richiesta");
    let mut lines = vec![
        format!(
            "Richiesta n. {}, pervenuta il {}.",
            q.id,
            italian::date(q.received_on)
        ),
        format!(
            "Richiedente: {}{}.",
            q.requester.trim(),
            q.application.as_ref().map_or_else(String::new, |p| format!(
                ", soggetto proponente della candidatura {p}"
            ))
        ),
        format!("Oggetto: {}.", q.object.trim().trim_end_matches('.')),
        format!(
            "Termine per la conclusione del procedimento (30 giorni, art. 25, c. 4, L. 241/1990): {}.",
            italian::date(q.deadline)
        ),
    ];
    if let Some((outcome, on, reason)) = &q.decision {
        let mut text = format!(
            "Decisione: richiesta {} il {}",
            italian::access_outcome(*outcome),
            italian::date(*on)
        );
        if !reason.trim().is_empty() {
            text.push_str(&format!(
                ", con la motivazione: {}",
                reason.trim().trim_end_matches('.')
            ));
        }
        text.push('.');
        lines.push(text);
    }
    for l in lines {
        para(flow, l);
    }
    if q.counterparts.is_empty() {
        para(flow, "Non risultano controinteressati da notificare.");
        return;
    }
    let mut t = Table::new(
        vec![
            Column::left("Controinteressata"),
            Column::left("Soggetto"),
            Column::left("Notificata il"),
            Column::left("Termine per opporsi"),
            Column::left("Opposizione"),
        ],
        TABLE_SIZE,
    );
    for c in &q.counterparts {
        t.push(Row::new(vec![
            c.protocol.to_string(),
            c.applicant.clone(),
            italian::date(c.notified_on),
            italian::date(c.deadline),
            if c.opposition.trim().is_empty() {
                "nessuna".into()
            } else {
                c.opposition.trim().to_string()
            },
        ]));
    }
    lead(
        flow,
        "La richiesta è stata notificata ai controinteressati, che hanno dieci giorni per presentare una motivata opposizione (art. 3 D.P.R. 184/2006):",
        &t,
    );
}

fn application(flow: &mut Flow, r: &AccessRecord, a: &ApplicationMarks) {
    let name = member_names(r);
    subheading(
        flow,
        format!("Candidatura {} – {}", a.protocol, a.applicant.trim()),
    );
    para(
        flow,
        format!(
            "Esito: {}{}; punteggio complessivo: {}.",
            a.outcome,
            a.rank
                .map_or_else(String::new, |n| format!(" (posizione {n})")),
            points(a.total)
        ),
    );
    let mut t = Table::new(
        vec![
            Column::left("Criterio"),
            Column::left("Componente"),
            Column::left("Valutazione"),
            Column::left("Motivazione"),
        ],
        TABLE_SIZE,
    );
    for c in &a.criteria {
        for m in &c.marks {
            t.push(Row::new(vec![
                c.criterion.to_string(),
                name(&m.member),
                value(m),
                m.reason.trim().to_string(),
            ]));
        }
        if let Some(k) = &c.collegial {
            let mut text = k.reason.trim().to_string();
            for d in &k.dissents {
                text.push_str(&format!("\nDissenso di {d}"));
            }
            t.push(
                Row::new(vec![
                    c.criterion.to_string(),
                    "Commissione (giudizio collegiale)".into(),
                    k.mark.clone().unwrap_or_else(|| "—".into()),
                    text,
                ])
                .emphasis(),
            );
        }
        t.push(Row::new(vec![
            c.criterion.to_string(),
            "Punti attribuiti".into(),
            format!(
                "{} su {}",
                points(c.points),
                italian::number(c.max.normalize())
            ),
            String::new(),
        ]));
    }
    if t.rows.is_empty() {
        para(flow, "Nessuna valutazione registrata.");
    } else {
        lead(flow, "Punteggi e motivazioni per criterio:", &t);
    }
}

fn verbali(flow: &mut Flow, r: &AccessRecord) {
    heading(flow, "Verbali");
    if r.verbali.is_empty() {
        para(flow, "Non vi sono ancora verbali di sedute chiuse.");
        return;
    }
    let mut t = Table::new(
        vec![
            Column::left("Verbale"),
            Column::left("Seduta"),
            Column::left("File"),
            Column::left("Copia"),
        ],
        TABLE_SIZE,
    );
    for v in &r.verbali {
        t.push(Row::new(vec![
            format!("n. {} del {}", v.number, italian::date(v.date)),
            italian::session_kind(v.kind).to_string(),
            v.file.clone(),
            if v.redacted {
                format!("con omissis; sigillo dell'originale {}", v.seal)
            } else {
                format!("integrale, sigillata {}", v.seal)
            },
        ]));
    }
    lead(
        flow,
        "Si rilasciano, in allegato, i verbali delle sedute della commissione:",
        &t,
    );
}

fn withheld(flow: &mut Flow, r: &AccessRecord) {
    heading(flow, "Parti sottratte all'accesso");
    para(
        flow,
        "Sono oscurati i dati personali delle persone fisiche (legali rappresentanti, dati di soggetti che sono persone fisiche), sostituiti dalla dicitura «[omissis]». I nomi dei componenti della commissione, che agiscono come pubblici ufficiali, non sono oscurati.",
    );
    if r.withheld.is_empty() {
        para(
            flow,
            "Nessun concorrente ha dichiarato parti della propria candidatura segreto tecnico o commerciale.",
        );
        return;
    }
    let mut t = Table::new(
        vec![
            Column::left("Candidatura"),
            Column::left("Parte dichiarata segreta"),
            Column::left("Criteri"),
            Column::left("Ragioni dichiarate"),
        ],
        TABLE_SIZE,
    );
    for w in &r.withheld {
        let criteria: Vec<String> = w.criteria.iter().map(ToString::to_string).collect();
        t.push(Row::new(vec![
            format!("{} – {}", w.protocol, w.applicant),
            w.part.clone(),
            criteria.join(", "),
            w.reason.clone(),
        ]));
    }
    lead(
        flow,
        "Ai sensi dell'art. 24 L. 241/1990 le motivazioni che rivelerebbero le parti seguenti, dichiarate segreto tecnico o commerciale, sono sottratte all'accesso; i punteggi restano visibili:",
        &t,
    );
}

pub fn render(fonts: &Fonts, r: &AccessRecord, fingerprint: &str) -> Result<Vec<u8>, MinutesError> {
    let meta = Meta {
        title: format!("Accesso agli atti – richiesta n. {}", r.request.id),
        author: r.authority.clone(),
        subject: r.title.clone(),
        keywords: format!("accesso agli atti; impronta SHA-256 {fingerprint}"),
        date: TimeOfDay::new(12, 0)
            .and_then(|t| r.released_on.at(t))
            .ok_or_else(|| MinutesError::Pdf("data di rilascio non valida".into()))?,
        kind: "accesso",
        session: None,
        member: None,
        seal: fingerprint.to_string(),
    };
    let left = [
        format!(
            "{} – Accesso agli atti, richiesta n. {}, rilascio del {}",
            r.authority,
            r.request.id,
            italian::date(r.released_on)
        ),
        format!("Impronta SHA-256 dei dati: {fingerprint}"),
    ];
    document(fonts, r, &left, &meta, Vec::new(), |flow| {
        call_heading(flow, &r.authority, &r.office, &r.title, r.cup.as_deref());
        flow.paragraph(
            Paragraph::new(vec![Span::bold("ACCESSO AGLI ATTI")])
                .size(14.0)
                .align(Align::Center)
                .after(2.0),
        );
        flow.paragraph(
            Paragraph::text(format!(
                "Legge 7 agosto 1990, n. 241, artt. 22 ss. – richiesta n. {}",
                r.request.id
            ))
            .align(Align::Center)
            .after(12.0),
        );
        request(flow, r);
        if let Some(own) = &r.own {
            heading(flow, "La candidatura del richiedente");
            application(flow, r, own);
        }
        heading(flow, "Le altre candidature");
        if r.others.is_empty() {
            para(flow, "Non vi sono altre candidature valutate.");
        }
        for a in &r.others {
            application(flow, r, a);
        }
        verbali(flow, r);
        withheld(flow, r);
        flow.paragraph(
            Paragraph::text(format!(
                "Il Responsabile unico del procedimento: {}.",
                r.rup.trim()
            ))
            .before(12.0),
        );
    })
}
