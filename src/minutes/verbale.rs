//! The verbale of one session: heading, opening formula, who was there and what they declared,
//! what the session did (see `opening`, `scoring`, `final_session`), notes, closing and
//! signatures. Drawn only from the session's record.

use super::MinutesError;
use super::document::document_with;
use super::font::{Charset, Fonts};
use super::layout::{Align, Flow, Paragraph};
use super::pdf::Meta;
use super::table::{Column, Row, SetTable, Table};
use super::tags::Role as Structure;
use super::text::Span;
use super::{acts, final_session, opening, procedure, scoring};
use crate::domain::{MemberId, Moment, Protocol, Role, Seal, SessionKind};
use crate::italian;
use crate::record::{Business, CallRecord, LotInfo, MemberRecord, SessionRecord};

pub const TABLE_SIZE: f32 = 9.0;
pub const HEADING_SIZE: f32 = 12.0;
pub const SUBHEADING_SIZE: f32 = 11.0;

/// The names the minutes use for members and lots, looked up from the record.
pub struct Names<'r> {
    pub record: &'r SessionRecord,
}

impl Names<'_> {
    pub fn member(&self, id: &MemberId) -> String {
        self.record
            .commission
            .members
            .iter()
            .find(|m| &m.id == id)
            .map_or_else(|| id.to_string(), |m| m.name.clone())
    }

    pub fn lot(&self, id: &crate::domain::LotId) -> Option<&LotInfo> {
        lot_info(&self.record.call, id)
    }

    pub fn lot_name(&self, id: &crate::domain::LotId) -> String {
        self.lot(id)
            .map_or_else(|| id.to_string(), |l| l.name.clone())
    }
}

pub fn lot_info<'c>(call: &'c CallRecord, id: &crate::domain::LotId) -> Option<&'c LotInfo> {
    call.lots.iter().find(|l| &l.id == id)
}

/// An outcome for a narrow table column: "non idonea" breaks after "non" no more.
pub fn glued(text: &str) -> String {
    text.replace("non ", "non\u{a0}")
}

pub fn protocols(list: &[Protocol]) -> String {
    let items: Vec<String> = list.iter().map(ToString::to_string).collect();
    italian::list(&items)
}

/// The heading every document of the call opens with: authority, office, call, CUP.
pub fn call_heading(
    flow: &mut Flow,
    authority: &str,
    office: &str,
    title: &str,
    cup: Option<&str>,
) {
    flow.paragraph(
        Paragraph::new(vec![Span::bold(authority.to_uppercase())])
            .size(14.0)
            .align(Align::Center)
            .after(2.0),
    );
    if !office.trim().is_empty() {
        flow.paragraph(Paragraph::text(office).align(Align::Center).after(10.0));
    }
    flow.paragraph(
        Paragraph::new(vec![Span::bold(title)])
            .align(Align::Center)
            .after(2.0),
    );
    if let Some(cup) = cup.filter(|c| !c.trim().is_empty()) {
        flow.paragraph(
            Paragraph::text(format!("CUP {cup}"))
                .align(Align::Center)
                .after(2.0),
        );
    }
    flow.space(8.0);
}

pub fn heading(flow: &mut Flow, text: impl Into<String>) {
    flow.heading(text, HEADING_SIZE);
}

pub fn subheading(flow: &mut Flow, text: impl Into<String>) {
    flow.heading(text, SUBHEADING_SIZE);
}

pub fn para(flow: &mut Flow, text: impl Into<String>) {
    flow.paragraph(Paragraph::text(text));
}

/// A sentence that introduces a table, then the table: the sentence stays on the page where
/// the table starts.
pub fn lead(flow: &mut Flow, text: impl Into<String>, t: &Table) {
    lead_set(flow, text, super::table::prepare(flow.faces, t));
}

/// The same with a table already set.
pub fn lead_set(flow: &mut Flow, text: impl Into<String>, set: SetTable) {
    flow.paragraph(Paragraph::text(text).keep_with(set.opening_height()));
    super::table::draw(flow, set);
}

fn purpose(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::OpeningPublic => {
            "per l'apertura delle candidature pervenute e la verifica della documentazione amministrativa ai fini dell'ammissibilità"
        }
        SessionKind::ReservedScoring => {
            "per la valutazione delle proposte ammesse secondo i criteri stabiliti dall'avviso"
        }
        SessionKind::Final => {
            "per la formazione della graduatoria e la proposta di assegnazione delle risorse"
        }
    }
}

fn seduta(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::ReservedScoring => "in seduta riservata",
        SessionKind::OpeningPublic | SessionKind::Final => "in seduta pubblica",
    }
}

fn role_of(m: &MemberRecord) -> String {
    if m.substitute.is_some() {
        return format!("{} supplente", italian::role(m.role));
    }
    italian::role(m.role).to_string()
}

fn opening_formula(flow: &mut Flow, r: &SessionRecord) {
    let s = &r.session;
    let place = if s.place.trim().is_empty() {
        String::new()
    } else {
        format!(", presso {}", s.place.trim())
    };
    para(
        flow,
        format!(
            "{}, {}{place}, si è riunita {} la commissione di valutazione nominata con {}, {}.",
            italian::date_in_words(s.date),
            italian::time_in_words(s.start),
            seduta(s.kind),
            r.commission.appointed_by.trim(),
            if r.events.is_some() {
                "per prendere atto degli eventi successivi alla graduatoria e aggiornare di conseguenza l'assegnazione delle risorse"
            } else {
                purpose(s.kind)
            }
        ),
    );
    para(
        flow,
        format!(
            "Responsabile unico del procedimento: {}.",
            r.call.rup.trim()
        ),
    );
}

fn presence(flow: &mut Flow, r: &SessionRecord) {
    // A member replaced no longer sits: the changes are said below the table.
    let members: Vec<&MemberRecord> = r
        .commission
        .members
        .iter()
        .filter(|m| m.replaced.is_none())
        .collect();
    let mut t = Table::new(
        vec![
            Column::left("Componente"),
            Column::left("Ruolo"),
            Column::left("Qualifica"),
            Column::left("Presenza"),
        ],
        TABLE_SIZE,
    );
    for m in &members {
        t.push(Row::new(vec![
            m.name.clone(),
            role_of(m),
            m.qualification.clone(),
            if m.present { "presente" } else { "assente" }.to_string(),
        ]));
    }
    lead(flow, "La commissione è così composta:", &t);
    super::changes::commission_changes(flow, r);
    let absent: Vec<String> = members
        .iter()
        .filter(|m| !m.present)
        .map(|m| format!("{} ({})", m.name, role_of(m).to_lowercase()))
        .collect();
    if absent.is_empty() {
        para(flow, "Sono presenti tutti i componenti della commissione.");
    } else {
        para(
            flow,
            format!(
                "{} {}.",
                if absent.len() == 1 {
                    "È assente"
                } else {
                    "Sono assenti"
                },
                italian::list(&absent)
            ),
        );
    }
    if let Some(secretary) = members
        .iter()
        .find(|m| m.role == Role::Secretary && m.present)
    {
        para(
            flow,
            format!(
                "Svolge le funzioni di segretario verbalizzante {}.",
                secretary.name
            ),
        );
    }
    para(
        flow,
        "Il Presidente, constatate le presenze, dichiara aperta la seduta.",
    );
}

fn declarations(flow: &mut Flow, r: &SessionRecord) {
    if r.declarations.is_empty() {
        return;
    }
    let names = Names { record: r };
    heading(flow, "Dichiarazioni sui conflitti di interesse");
    para(
        flow,
        "Presa visione dell'elenco dei soggetti proponenti, i componenti presenti rendono le seguenti dichiarazioni ai sensi dell'art. 6-bis della legge 7 agosto 1990, n. 241:",
    );
    flow.begin(Structure::L);
    for d in &r.declarations {
        let role = r
            .commission
            .members
            .iter()
            .find(|m| m.id == d.member)
            .map(|m| role_of(m).to_lowercase())
            .unwrap_or_default();
        flow.item(
            Paragraph::new(vec![
                Span::bold(names.member(&d.member)),
                Span::regular(format!(" ({role}) {}.", declaration_text(d))),
            ])
            .indent(12.0),
        );
    }
    flow.end();
}

/// Lists of protocols longer than this are given as a count: a large call would print
/// every protocol number of the call for each member.
const LISTED: usize = 20;

/// "la candidatura P1", "le candidature P1 e P2", or "1.234 candidature"; after "rispetto"
/// (`to`): "alla candidatura P1", "alle candidature P1 e P2", "a 1.234 candidature".
fn some_protocols(list: &[Protocol], to: bool) -> String {
    let article = match (list.len() == 1, to) {
        (true, false) => "la candidatura",
        (true, true) => "alla candidatura",
        (false, false) => "le candidature",
        (false, true) => "alle candidature",
    };
    if list.len() > LISTED {
        format!(
            "{}{} candidature",
            if to { "a " } else { "" },
            italian::number(list.len().into())
        )
    } else {
        format!("{article} {}", protocols(list))
    }
}

/// A declared conflict as the documents name it: "2026/0006160 (rapporto professionale: …)".
pub(super) fn conflict_label(
    application: &crate::domain::Protocol,
    kind: crate::domain::ConflictKind,
    note: &str,
) -> String {
    let note = note.trim();
    if note.is_empty() {
        format!("{application} ({})", italian::conflict_kind(kind))
    } else {
        format!("{application} ({}: {note})", italian::conflict_kind(kind))
    }
}

/// One member's declarations in a sentence: the rule and its exceptions ("dichiara l'assenza
/// di conflitti di interesse rispetto a tutte le candidature, tranne 2026/0006160 (rapporto
/// professionale: …), per la quale si astiene"), never the whole list of the call.
fn declaration_text(d: &crate::record::MemberDeclarations) -> String {
    let conflicts: Vec<String> = d
        .conflicts
        .iter()
        .map(|c| conflict_label(&c.application, c.kind, &c.note))
        .collect();
    let abstains = |conflicts: &[String]| {
        format!(
            "{}, per {} si astiene",
            italian::list(conflicts),
            if conflicts.len() == 1 {
                "la quale"
            } else {
                "le quali"
            }
        )
    };
    let missing = |d: &crate::record::MemberDeclarations| {
        format!(
            "non ha ancora reso la dichiarazione per {}",
            some_protocols(&d.missing, false)
        )
    };
    let none = "dichiara l'assenza di conflitti di interesse e di cause di incompatibilità";
    if d.no_conflict.is_empty() {
        let mut parts = Vec::new();
        if !conflicts.is_empty() {
            parts.push(format!(
                "dichiara un conflitto di interesse rispetto {} {}",
                if conflicts.len() == 1 {
                    "alla candidatura"
                } else {
                    "alle candidature"
                },
                abstains(&conflicts)
            ));
        }
        if !d.missing.is_empty() {
            parts.push(missing(d));
        }
        return italian::list(&parts);
    }
    let exceptions = conflicts.len() + d.missing.len();
    if exceptions == 0 {
        return format!("{none} rispetto a tutte le candidature");
    }
    if d.no_conflict.len() >= exceptions {
        let mut text = format!("{none} rispetto a tutte le candidature, tranne ");
        if !conflicts.is_empty() {
            text.push_str(&abstains(&conflicts));
            if !d.missing.is_empty() {
                text.push_str(", e ");
            }
        }
        if !d.missing.is_empty() {
            text.push_str(&format!(
                "{}, per {} non ha ancora reso la dichiarazione",
                if d.missing.len() > LISTED {
                    format!("{} candidature", italian::number(d.missing.len().into()))
                } else {
                    protocols(&d.missing)
                },
                if d.missing.len() == 1 {
                    "la quale"
                } else {
                    "le quali"
                }
            ));
        }
        return text;
    }
    let mut parts = vec![format!(
        "{none} rispetto {}",
        some_protocols(&d.no_conflict, true)
    )];
    if !conflicts.is_empty() {
        parts.push(format!(
            "dichiara un conflitto di interesse rispetto {} {}",
            if conflicts.len() == 1 {
                "alla candidatura"
            } else {
                "alle candidature"
            },
            abstains(&conflicts)
        ));
    }
    if !d.missing.is_empty() {
        parts.push(missing(d));
    }
    italian::list(&parts)
}

fn draws(flow: &mut Flow, r: &SessionRecord) {
    if r.draws.is_empty() {
        return;
    }
    let names = Names { record: r };
    heading(flow, "Sorteggio");
    for d in &r.draws {
        let method = if d.method.trim().is_empty() {
            String::new()
        } else {
            format!(" mediante {}", d.method.trim())
        };
        let order: Vec<String> = d
            .order
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}) {p}", i + 1))
            .collect();
        para(
            flow,
            format!(
                "Per il lotto «{}», essendo le candidature {} a pari merito anche dopo l'applicazione dei criteri di preferenza dell'avviso, la commissione procede in seduta pubblica al sorteggio{method}. L'ordine estratto è il seguente: {}.",
                names.lot_name(&d.lot),
                protocols(&d.order),
                order.join(", ")
            ),
        );
    }
}

/// Changes to what earlier minutes had fixed, each with the minutes it amends and its reason.
fn amendments(flow: &mut Flow, r: &SessionRecord) {
    if r.amendments.is_empty() {
        return;
    }
    heading(flow, "Rettifiche a verbali precedenti");
    for a in &r.amendments {
        para(
            flow,
            format!(
                "Con riferimento al verbale n. {} della seduta del {}, la commissione rettifica {}, con la seguente motivazione: {}.",
                a.closed_number,
                italian::date(a.closed_date),
                a.change,
                a.reason.trim().trim_end_matches('.')
            ),
        );
    }
}

fn notes(flow: &mut Flow, r: &SessionRecord) {
    let notes: Vec<&String> = r.notes.iter().filter(|n| !n.trim().is_empty()).collect();
    if notes.is_empty() {
        return;
    }
    heading(flow, "Lavori della seduta");
    for n in notes {
        para(flow, n.trim());
    }
}

fn closing(flow: &mut Flow, r: &SessionRecord) {
    flow.space(6.0);
    match r.session.end {
        Some(end) => para(
            flow,
            format!(
                "{} il Presidente dichiara chiusa la seduta.",
                italian::capitalized(&italian::time_in_words(end))
            ),
        ),
        None => para(flow, "Il Presidente dichiara chiusa la seduta."),
    }
    para(flow, "Del che è verbale.");
    flow.paragraph(
        Paragraph::new(vec![Span::bold("Letto, confermato e sottoscritto.")])
            .before(6.0)
            .after(14.0)
            .keep_next(),
    );
    let members: Vec<&MemberRecord> = r
        .commission
        .members
        .iter()
        .filter(|m| m.replaced.is_none())
        .collect();
    let present: Vec<&MemberRecord> = members.iter().copied().filter(|m| m.present).collect();
    let signers = if present.is_empty() { members } else { present };
    let order = [Role::President, Role::Commissioner, Role::Secretary];
    let lines: Vec<(String, String)> = order
        .iter()
        .flat_map(|role| signers.iter().filter(move |m| m.role == *role))
        .map(|m| {
            let title = match m.role {
                Role::President => "Il Presidente",
                Role::Commissioner => "Il Componente",
                Role::Secretary => "Il Segretario verbalizzante",
            };
            (title.to_string(), m.name.clone())
        })
        .collect();
    flow.signatures(&lines);
}

/// The footer's lines: which document, and its seal or, for an open session, the draft's
/// fingerprint.
fn footer_lines(r: &SessionRecord, computed: &str, stored: Option<&Seal>) -> Vec<String> {
    let first = format!(
        "{} – Verbale n. {} del {}",
        r.call.authority,
        r.session.number,
        italian::date(r.session.date)
    );
    let second = match stored {
        Some(seal) => format!(
            "Sigillo SHA-256 (seduta chiusa il {}): {}",
            italian::moment(seal.closed_at),
            seal.sha256
        ),
        None => format!("BOZZA – seduta non ancora chiusa. Impronta SHA-256 dei dati: {computed}"),
    };
    vec![first, second]
}

/// The verbale into `output`. Its date is the closing of the session, or `drafted` for a
/// draft.
pub fn render<W: std::io::Write + Send + 'static>(
    fonts: &Fonts,
    charset: &Charset,
    r: &SessionRecord,
    computed: &str,
    stored: Option<&Seal>,
    drafted: Moment,
    output: W,
) -> Result<W, MinutesError> {
    let seal = stored.map_or(computed, |s| s.sha256.as_str()).to_string();
    let meta = Meta {
        title: format!(
            "Verbale n. {} – {} del {}",
            r.session.number,
            italian::session_kind(r.session.kind),
            italian::date(r.session.date)
        ),
        author: format!("{} – Commissione di valutazione", r.call.authority),
        subject: r.call.title.clone(),
        keywords: format!(
            "verbale; seduta {}; sigillo SHA-256 {seal}{}",
            r.session.id,
            if stored.is_none() { "; bozza" } else { "" }
        ),
        date: stored.map_or(drafted, |s| s.closed_at),
        kind: "verbale",
        session: Some(r.session.id.to_string()),
        member: None,
        seal,
    };
    document_with(
        fonts,
        charset,
        &footer_lines(r, computed, stored),
        &meta,
        output,
        |flow| body(flow, r, stored.is_none(), None),
    )
}

/// The verbale's pages: the heading, then what the session did, then closing and signatures.
pub(super) fn body(flow: &mut Flow, r: &SessionRecord, draft: bool, notice: Option<&str>) {
    call_heading(
        flow,
        &r.call.authority,
        &r.call.office,
        &r.call.title,
        r.call.cup.as_deref(),
    );
    flow.paragraph(
        Paragraph::new(vec![Span::bold(format!("VERBALE N. {}", r.session.number))])
            .role(Structure::H1)
            .size(14.0)
            .align(Align::Center)
            .after(2.0),
    );
    flow.paragraph(
        Paragraph::text(format!(
            "{} del {}",
            italian::capitalized(italian::session_kind(r.session.kind)),
            italian::date(r.session.date)
        ))
        .align(Align::Center)
        .after(4.0),
    );
    if let Some(notice) = notice {
        flow.paragraph(
            Paragraph::new(vec![Span::bold(notice)])
                .size(9.0)
                .align(Align::Center)
                .after(4.0),
        );
    }
    if draft {
        flow.paragraph(
            Paragraph::new(vec![Span::bold(
                "Bozza: la seduta non è ancora chiusa e il verbale non è sigillato.",
            )])
            .size(9.0)
            .align(Align::Center)
            .after(4.0),
        );
    }
    flow.space(10.0);
    opening_formula(flow, r);
    presence(flow, r);
    declarations(flow, r);
    let names = Names { record: r };
    acts::withdrawals(flow, &names, r);
    // A draw settles an order that the ranking below then shows.
    draws(flow, r);
    // The acts of the session (decisions, soccorso, integrations) come before what it
    // then scores or ranks: an application admitted here is scored below.
    match &r.business {
        Business::Opening(o) => {
            opening::render(flow, &names, o);
            acts::render(flow, r);
        }
        Business::Scoring(s) => {
            acts::render(flow, r);
            scoring::render(flow, &names, s);
        }
        Business::Final(f) => {
            acts::render(flow, r);
            // The events after the ranking come before the ranking they change.
            procedure::render(flow, &names, r);
            final_session::render(flow, &names, f);
            acts::pending(flow, &names, r);
        }
    }
    if !matches!(r.business, Business::Final(_)) {
        procedure::render(flow, &names, r);
    }
    super::changes::removed(flow, r);
    super::access_acts::render(flow, r);
    amendments(flow, r);
    notes(flow, r);
    closing(flow, r);
}
