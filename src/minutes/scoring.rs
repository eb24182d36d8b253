//! What a reserved scoring session reports: the criteria, every member's marks with their
//! reasons, the means and the points before and after riparametrazione, the totals, and the
//! co-financing table.

use rust_decimal::Decimal;

use super::font::Faces;
use super::layout::Flow;
use super::table::{Column, Row, SetTable, Table, draw, prepare};
use super::text::Span;
use super::verbale::{Names, TABLE_SIZE, glued, heading, lead, lead_set, para, subheading};
use crate::domain::Allocation;
use crate::italian;
use crate::record::{
    ApplicationScoring, CriterionInfo, CriterionResult, GapRecord, LotScoring, Method,
    ScoringRecord,
};

fn method_text(m: &Method) -> String {
    match m {
        Method::Coefficient => "giudizio discrezionale (coefficiente)".into(),
        Method::Points => "punteggio discrezionale".into(),
        Method::Linear { measure, .. } => format!("formula lineare: {measure}"),
        Method::Levels => "tabellare".into(),
        Method::Group => "somma dei sub-criteri".into(),
    }
}

fn dash() -> String {
    "—".to_string()
}

fn points(value: Option<Decimal>, dp: u32) -> String {
    value.map_or_else(dash, |v| italian::number_dp(v, dp))
}

fn criteria_table(flow: &mut Flow, s: &ScoringRecord) {
    let mut t = Table::new(
        vec![
            Column::left("Criterio"),
            Column::left("Descrizione"),
            Column::left("Metodo"),
            Column::right("Punti max"),
            Column::right("Minimo"),
            Column::center("Riparam."),
        ],
        TABLE_SIZE,
    );
    for c in &s.criteria {
        let id = format!("{}{}", "   ".repeat(c.depth as usize), c.id);
        t.push(Row::new(vec![
            id,
            c.title.clone(),
            method_text(&c.method),
            italian::number(c.max.normalize()),
            c.min.map_or_else(dash, |m| italian::number(m.normalize())),
            if c.rescale { "sì" } else { "no" }.to_string(),
        ]));
    }
    lead(
        flow,
        "La commissione procede all'esame delle proposte ammesse e alla loro valutazione secondo i criteri dell'avviso:",
        &t,
    );
}

fn method_paragraphs(flow: &mut Flow, s: &ScoringRecord) {
    if !s.judgement_scale.is_empty() {
        let scale: Vec<String> = s
            .judgement_scale
            .iter()
            .map(|j| format!("{} {}", j.label, italian::number(j.coefficient.value())))
            .collect();
        para(
            flow,
            format!(
                "Per i criteri a giudizio discrezionale ciascun componente attribuisce un coefficiente secondo la scala dell'avviso: {}.",
                scale.join("; ")
            ),
        );
    }
    let basis = if s.collegial_mark {
        "L'avviso prevede il punteggio collegiale: per ciascun criterio discrezionale la commissione, esaminate le valutazioni dei singoli componenti, che sono riportate, attribuisce collegialmente un giudizio, e il coefficiente del criterio è quello del giudizio collegiale (per i punteggi discrezionali, i punti collegiali divisi per il massimo); la media dei componenti è riportata e non concorre al calcolo"
    } else {
        "Il coefficiente del criterio è la media dei coefficienti attribuiti dai componenti (per i punteggi discrezionali, la media dei punti divisa per il massimo)"
    };
    let mut text = format!(
        "{basis}; i punti sono il prodotto del punteggio massimo per il coefficiente, arrotondati per eccesso dalla metà a {} decimali, e il totale è la somma dei punti arrotondati. Per i criteri con riparametrazione il coefficiente è diviso per il migliore tra le proposte idonee del lotto.",
        s.decimals
    );
    text.push_str(" Le soglie minime si applicano ai punti prima della riparametrazione");
    match s.overall_min {
        Some(min) => text.push_str(&format!(
            "; la soglia del punteggio complessivo è di {} punti.",
            italian::number(min.normalize())
        )),
        None => text.push('.'),
    }
    if s.rescale_totals {
        text.push_str(
            " L'avviso prevede inoltre la riparametrazione dei punteggi complessivi: al migliore è attribuito il punteggio massimo.",
        );
    }
    para(flow, text);
}

fn mark_value(c: &CriterionInfo, value: Decimal, judgement: Option<&str>) -> String {
    match (&c.method, judgement) {
        (Method::Coefficient, Some(label)) => {
            format!("{} ({label})", italian::number(value))
        }
        (Method::Points, _) => format!(
            "{} / {}",
            italian::number(value),
            italian::number(c.max.normalize())
        ),
        _ => italian::number(value),
    }
}

fn gap_text(names: &Names, gap: &GapRecord) -> (String, String) {
    match gap {
        GapRecord::NotScored(m) => (names.member(m), "valutazione non ancora espressa".into()),
        GapRecord::NoReason(m) => (
            names.member(m),
            "manca la motivazione: la valutazione non è considerata".into(),
        ),
        GapRecord::NobodyCanScore => (
            dash(),
            "nessun componente può valutare la proposta (tutti in conflitto di interessi)".into(),
        ),
        GapRecord::NotDeclared => (dash(), "dato non dichiarato nella candidatura".into()),
        GapRecord::TooFewMembers { scorers, required } => (
            dash(),
            format!(
                "servono almeno {required} componenti: possono valutarla in {scorers}, gli altri sono in conflitto di interessi (in attesa di un supplente)"
            ),
        ),
        GapRecord::TooLarge => (dash(), "valori troppo grandi per un calcolo esatto".into()),
        GapRecord::NoCollegialMark => (
            "Commissione".into(),
            "giudizio collegiale non ancora espresso".into(),
        ),
    }
}

/// The members' marks: a row per criterion (a TR with two cells however many members mark
/// it), its lines one per member: the member and the mark in bold, then the reason. On a
/// 10,000-application call the marks are 1.4 million; a row and four cells for each made
/// the verbale 7.9 million PDF objects, close to the 8,388,607 that PDF/A allows.
fn individual_table(names: &Names, s: &ScoringRecord, a: &ApplicationScoring) -> Table {
    let mut t = Table::new(
        vec![
            Column::left("Criterio"),
            Column::left("Componente, valutazione e motivazione"),
        ],
        TABLE_SIZE,
    );
    for (c, r) in s.criteria.iter().zip(&a.criteria) {
        if !matches!(c.method, Method::Coefficient | Method::Points) {
            continue;
        }
        let mut lines: Vec<Vec<Span>> = Vec::new();
        for m in &r.marks {
            lines.push(vec![
                Span::bold(format!(
                    "{}: {}.",
                    names.member(&m.member),
                    mark_value(c, m.value, m.judgement.as_deref())
                )),
                Span::regular(format!(" {}", m.reason.trim())),
            ]);
        }
        if let Some(k) = &r.collegial {
            lines.push(vec![
                Span::bold(format!(
                    "Commissione (giudizio collegiale): {}.",
                    mark_value(c, k.value, k.judgement.as_deref())
                )),
                Span::regular(
                    " Conta per i punti del criterio; la motivazione è nel giudizio collegiale.",
                ),
            ]);
        }
        for g in &r.gaps {
            if matches!(g, GapRecord::NoReason(_)) {
                continue;
            }
            let (who, what) = gap_text(names, g);
            lines.push(if who == dash() {
                vec![Span::regular(format!("{}.", capitalised(&what)))]
            } else {
                vec![
                    Span::bold(format!("{who}:")),
                    Span::regular(format!(" {what}.")),
                ]
            });
        }
        for (i, line) in lines.into_iter().enumerate() {
            let row = Row::spans(vec![vec![Span::regular(c.id.to_string())], line]);
            t.push(if i == 0 { row } else { row.joined() });
        }
    }
    t
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The mean, measure or level that a criterion's points come from, as the table shows it.
fn basis(c: &CriterionInfo, r: &CriterionResult) -> String {
    if let Some(k) = &r.collegial {
        let mean = r
            .mean
            .map(|m| format!(" (media dei componenti {})", italian::number(m)))
            .unwrap_or_default();
        return match (&c.method, r.coefficient) {
            (Method::Points, Some(v)) => format!(
                "collegiale {} punti; coeff. {}{mean}",
                italian::number(k.value),
                italian::number(v)
            ),
            _ => format!("collegiale {}{mean}", italian::number(k.value)),
        };
    }
    match &c.method {
        Method::Coefficient => r
            .mean
            .map_or_else(dash, |m| format!("media {}", italian::number(m))),
        Method::Points => match (r.mean, r.coefficient) {
            (Some(m), Some(v)) => format!(
                "media {} punti; coeff. {}",
                italian::number(m),
                italian::number(v)
            ),
            _ => dash(),
        },
        Method::Linear { percent, .. } => {
            let x = r.measure.map(|x| {
                if *percent {
                    italian::percent_shown(
                        x * Decimal::ONE_HUNDRED,
                        rust_decimal::RoundingStrategy::ToZero,
                    )
                } else {
                    italian::number(x)
                }
            });
            match (x, r.coefficient) {
                (Some(x), Some(v)) => format!("{x}; coeff. {}", italian::number(v)),
                (Some(x), None) => x,
                _ => dash(),
            }
        }
        Method::Levels => r.level.clone().unwrap_or_else(dash),
        Method::Group => String::new(),
    }
}

/// The points of each criterion, before and after riparametrazione, and the total.
fn points_table(s: &ScoringRecord, a: &ApplicationScoring) -> Table {
    let dp = s.decimals;
    let mut t = Table::new(
        vec![
            Column::left("Criterio"),
            Column::right("Max"),
            Column::left("Media o dato"),
            Column::right("Punti prima della riparametrazione"),
            Column::right("Punti"),
        ],
        TABLE_SIZE,
    );
    for (c, r) in s.criteria.iter().zip(&a.criteria) {
        let id = format!("{}{}", "   ".repeat(c.depth as usize), c.id);
        let mut row = Row::spans(vec![
            vec![Span::regular(id)],
            vec![Span::regular(italian::number(c.max.normalize()))],
            vec![Span::regular(basis(c, r))],
            vec![Span::regular(points(r.points_before_rescaling, dp))],
            vec![Span::regular(points(r.points, dp))],
        ]);
        if matches!(c.method, Method::Group) {
            row = row.emphasis();
        }
        t.push(row);
    }
    let max_total = crate::record::max_total(&s.criteria);
    t.push(
        Row::new(vec![
            "Totale".into(),
            italian::number(max_total.normalize()),
            String::new(),
            points(a.total_before_rescaling, dp),
            points(a.total, dp),
        ])
        .emphasis(),
    );
    t
}

/// An application's two tables, set (measured and cut into lines) apart from the flow: the
/// next applications' are set on another thread while this one's are placed on the page.
struct Tables {
    /// None when the call has no discretionary criterion.
    individual: Option<SetTable>,
    points: SetTable,
}

impl Tables {
    fn set(faces: Faces, names: &Names, s: &ScoringRecord, a: &ApplicationScoring) -> Tables {
        let individual = individual_table(names, s, a);
        Tables {
            individual: (!individual.rows.is_empty()).then(|| prepare(faces, &individual)),
            points: prepare(faces, &points_table(s, a)),
        }
    }
}

fn threshold_text(s: &ScoringRecord, failures: &[String]) -> String {
    let items: Vec<String> = failures
        .iter()
        .map(|f| {
            if f == "overall" {
                match s.overall_min {
                    Some(min) => format!(
                        "il punteggio complessivo minimo di {} punti",
                        italian::number(min.normalize())
                    ),
                    None => "il punteggio complessivo minimo".to_string(),
                }
            } else {
                let min = s
                    .criteria
                    .iter()
                    .find(|c| c.id.as_str() == f)
                    .and_then(|c| c.min);
                match min {
                    Some(min) => format!(
                        "il minimo di {} punti del criterio {f}",
                        italian::number(min.normalize())
                    ),
                    None => format!("il minimo del criterio {f}"),
                }
            }
        })
        .collect();
    italian::list(&items)
}

fn application(
    flow: &mut Flow,
    names: &Names,
    s: &ScoringRecord,
    a: &ApplicationScoring,
    allocation: Allocation,
    tables: Tables,
) {
    subheading(
        flow,
        format!("Candidatura {} – {}", a.protocol, a.applicant.trim()),
    );
    if !a.title.trim().is_empty() {
        para(flow, format!("Proposta: «{}».", a.title.trim()));
    }
    if !a.abstained.is_empty() {
        let who: Vec<String> = a.abstained.iter().map(|m| names.member(m)).collect();
        para(
            flow,
            format!(
                "{} {} dalla valutazione di questa proposta per il conflitto di interessi dichiarato.",
                italian::list(&who),
                if who.len() == 1 {
                    "si astiene"
                } else {
                    "si astengono"
                }
            ),
        );
    }
    if let Some(individual) = tables.individual {
        lead_set(flow, "Valutazioni dei singoli componenti:", individual);
    }
    draw(flow, tables.points);
    let mut esito = format!("Esito: {}", a.outcome.label(allocation));
    if !a.threshold_failures.is_empty() {
        esito.push_str(&format!(
            ": non raggiunge {}",
            threshold_text(s, &a.threshold_failures)
        ));
    }
    esito.push('.');
    para(flow, esito);
}

fn summary(flow: &mut Flow, s: &ScoringRecord, lot: &LotScoring, allocation: Allocation) {
    let dp = s.decimals;
    let mut t = Table::new(
        vec![
            Column::left("Protocollo"),
            Column::left("Soggetto proponente"),
            Column::right("Totale prima della riparametrazione"),
            Column::right("Totale"),
            Column::left("Esito"),
        ],
        TABLE_SIZE,
    );
    for a in &lot.applications {
        t.push(Row::new(vec![
            a.protocol.to_string(),
            a.applicant.clone(),
            points(a.total_before_rescaling, dp),
            points(a.total, dp),
            glued(a.outcome.label(allocation)),
        ]));
    }
    lead(flow, "Riepilogo dei punteggi delle proposte ammesse:", &t);
}

fn cofinancing(flow: &mut Flow, lot: &LotScoring) {
    if lot.cofinancing.is_empty() {
        return;
    }
    let mut t = Table::new(
        vec![
            Column::left("Protocollo"),
            Column::right("Costo complessivo (C)"),
            Column::right("Co-finanz. monetario"),
            Column::right("Co-finanz. in natura"),
            Column::right("Contributo richiesto (R)"),
            Column::right("Quota K/C"),
            Column::left("Esito"),
        ],
        TABLE_SIZE,
    );
    for c in &lot.cofinancing {
        t.push(Row::new(vec![
            c.protocol.to_string(),
            italian::euro(c.total_cost),
            italian::euro(c.cash),
            italian::euro(c.in_kind),
            italian::euro(c.requested),
            // Compared with the minimum share: never rounded up to it, as the checks say it.
            italian::percent_shown(c.share_percent, rust_decimal::RoundingStrategy::ToZero),
            if c.failures.is_empty() {
                "conforme"
            } else {
                "non\u{a0}conforme"
            }
            .to_string(),
        ]));
    }
    lead(
        flow,
        "Piano finanziario e co-finanziamento delle candidature (K = co-finanziamento monetario e in natura):",
        &t,
    );
    for c in lot.cofinancing.iter().filter(|c| !c.failures.is_empty()) {
        para(flow, format!("{}: {}", c.protocol, c.failures.join(" ")));
    }
}

pub fn render(flow: &mut Flow, names: &Names, s: &ScoringRecord) {
    heading(flow, "Criteri di valutazione");
    criteria_table(flow, s);
    method_paragraphs(flow, s);
    let several = s.lots.len() > 1;
    for lot in &s.lots {
        let title = if several {
            format!("Valutazione – lotto «{}»", names.lot_name(&lot.lot))
        } else {
            "Valutazione delle proposte".to_string()
        };
        heading(flow, title);
        if lot.applications.is_empty() {
            para(
                flow,
                "Nessuna proposta ammessa alla valutazione in questo lotto.",
            );
        }
        // The outcomes in the words of the ranking, for the lot's allocation mode.
        let allocation = names
            .lot(&lot.lot)
            .map_or(Allocation::AllAboveThreshold, |l| l.allocation);
        let faces = flow.faces;
        crate::parallel::ahead(
            &lot.applications,
            |a| Tables::set(faces, names, s, a),
            |a, tables| application(flow, names, s, a, allocation, tables),
        );
        if !lot.applications.is_empty() {
            summary(flow, s, lot, allocation);
        }
        heading(
            flow,
            if several {
                format!("Co-finanziamento – lotto «{}»", names.lot_name(&lot.lot))
            } else {
                "Co-finanziamento".to_string()
            },
        );
        cofinancing(flow, lot);
    }
}
