//! One member's score sheet on paper, to sign: the declarations, each application's marks
//! with their motivazioni, the date and the signature line. Drawn from its record alone.

use std::io::Write;

use super::MinutesError;
use super::document::document;
use super::font::Fonts;
use super::layout::{Align, Flow, Paragraph};
use super::pdf::Meta;
use super::table::{Column, Row, Table};
use super::tags::Role;
use super::text::Span;
use super::verbale::{TABLE_SIZE, call_heading, heading, lead, para, subheading};
use crate::documents::sheet::SheetRecord;
use crate::domain::Moment;
use crate::italian;

fn declarations(flow: &mut Flow, r: &SheetRecord) {
    heading(flow, "Dichiarazioni sui conflitti di interesse");
    let mut text = if r.conflicts.is_empty() {
        "Il sottoscritto dichiara, ai sensi dell'art. 6-bis della legge 7 agosto 1990, n. 241, l'assenza di conflitti di interesse e di cause di incompatibilità rispetto a tutte le candidature".to_string()
    } else {
        let items: Vec<String> = r
            .conflicts
            .iter()
            .map(|c| super::verbale::conflict_label(&c.application, c.kind, &c.note))
            .collect();
        format!(
            "Il sottoscritto dichiara, ai sensi dell'art. 6-bis della legge 7 agosto 1990, n. 241, l'assenza di conflitti di interesse e di cause di incompatibilità rispetto a tutte le candidature, tranne {}, per {} si astiene",
            italian::list(&items),
            if items.len() == 1 {
                "la quale"
            } else {
                "le quali"
            }
        )
    };
    if !r.undeclared.is_empty() {
        text.push_str(&format!(
            "; non ha ancora reso la dichiarazione per {} candidature",
            r.undeclared.len()
        ));
    }
    text.push('.');
    para(flow, text);
}

fn application(flow: &mut Flow, r: &SheetRecord, a: &crate::documents::sheet::SheetApplication) {
    subheading(
        flow,
        format!("Candidatura {} – {}", a.protocol, a.applicant.trim()),
    );
    if a.abstained {
        para(
            flow,
            "Il sottoscritto si astiene dalla valutazione di questa proposta per il conflitto di interessi dichiarato.",
        );
        return;
    }
    if a.marks.is_empty() {
        para(flow, "Nessuna valutazione espressa su questa proposta.");
        return;
    }
    let mut t = Table::new(
        vec![
            Column::left("Criterio"),
            Column::left("Valutazione"),
            Column::left("Motivazione"),
        ],
        TABLE_SIZE,
    );
    for m in &a.marks {
        let max = r
            .criteria
            .iter()
            .find(|c| c.id.as_str() == m.criterion)
            .map(|c| c.max.normalize());
        let value = match (&m.judgement, max) {
            (Some(label), _) => format!("{} ({label})", italian::number(m.value)),
            (None, Some(max)) => format!("{} / {}", italian::number(m.value), italian::number(max)),
            (None, None) => italian::number(m.value),
        };
        t.push(Row::new(vec![
            m.criterion.clone(),
            value,
            m.reason.trim().to_string(),
        ]));
    }
    lead(flow, format!("Proposta: «{}».", a.title.trim()), &t);
}

/// The sheet into `output`, dated `dated`.
pub fn render<W: Write + Send + 'static>(
    fonts: &Fonts,
    r: &SheetRecord,
    seal: &str,
    dated: Moment,
    output: W,
) -> Result<W, MinutesError> {
    let meta = Meta {
        title: format!("Scheda di valutazione individuale – {}", r.name),
        author: r.name.clone(),
        subject: r.call.title.clone(),
        keywords: format!(
            "scheda di valutazione; componente {}; impronta SHA-256 {seal}{}",
            r.member,
            if r.closed { "" } else { "; bozza" }
        ),
        date: dated,
        kind: "scheda",
        session: None,
        member: Some(r.member.to_string()),
        seal: seal.to_string(),
    };
    let left = [
        format!("{} – Scheda di valutazione di {}", r.call.authority, r.name),
        if r.closed {
            format!("Impronta SHA-256 dei dati: {seal}")
        } else {
            format!("BOZZA (seduta non ancora chiusa). Impronta SHA-256: {seal}")
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
        flow.paragraph(
            Paragraph::new(vec![Span::bold("SCHEDA DI VALUTAZIONE INDIVIDUALE")])
                .role(Role::H1)
                .size(14.0)
                .align(Align::Center)
                .after(8.0),
        );
        para(
            flow,
            format!(
                "Componente: {} ({}{}), della commissione di valutazione nominata con {}.",
                r.name,
                italian::role(r.role).to_lowercase(),
                if r.qualification.trim().is_empty() {
                    String::new()
                } else {
                    format!(", {}", r.qualification.trim())
                },
                r.appointed_by.trim()
            ),
        );
        if let Some((number, date)) = r.session {
            para(
                flow,
                format!(
                    "Valutazioni espresse nella seduta riservata del {} (verbale n. {number}){}.",
                    italian::date(date),
                    if r.closed { "" } else { ", non ancora chiusa" }
                ),
            );
        }
        declarations(flow, r);
        heading(flow, "Valutazioni");
        for a in &r.applications {
            application(flow, r, a);
        }
        flow.paragraph(
            Paragraph::text(
                "Il sottoscritto dichiara che le valutazioni e le motivazioni sopra riportate sono quelle da lui espresse e ne conferma il contenuto.",
            )
            .before(10.0)
            .keep_next(),
        );
        flow.paragraph(
            Paragraph::text(format!("Data: {}", italian::date(dated.date())))
                .after(10.0)
                .keep_next(),
        );
        flow.signatures(&[(
            match r.role {
                crate::domain::Role::President => "Il Presidente".to_string(),
                crate::domain::Role::Secretary => "Il Segretario".to_string(),
                crate::domain::Role::Commissioner => "Il Componente".to_string(),
            },
            r.name.clone(),
        )]);
    })
}
