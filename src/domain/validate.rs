//! Checks that the parts of a workspace hold together. Every message is Italian and says what
//! is wrong and, where it helps, what would be right.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::application::{AdmissionOutcome, Application};
use super::call::{Call, Criterion, Measure, Scoring, TieBreak};
use super::commission::{Commission, Role};
use super::id::{CriterionId, MemberId, Protocol, SessionId};
use super::session::Session;
use super::sheet::ScoreSheet;
use super::workspace::{Assembled, Inconsistency, Part, Parts, SetAside, Workspace};

struct Report<'a> {
    part: Part,
    out: &'a mut Vec<Inconsistency>,
}

impl Report<'_> {
    fn add(&mut self, field: &'static str, value: impl ToString, message: impl Into<String>) {
        self.out.push(Inconsistency {
            part: self.part,
            field,
            value: value.to_string(),
            message: message.into(),
        });
    }
}

fn list<T: ToString>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    if items.is_empty() {
        "nessuno".into()
    } else {
        items.join(", ")
    }
}

pub(super) fn assemble(parts: Parts) -> Assembled {
    let mut out = Vec::new();
    let mut set_aside = SetAside::default();
    let (Some(call), Some(commission)) = (parts.call, parts.commission) else {
        return Assembled {
            workspace: None,
            problems: out,
            set_aside,
        };
    };
    let call_problems = check_call(
        &call,
        &mut Report {
            part: Part::Call,
            out: &mut out,
        },
    );
    let commission_problems = check_commission(
        &commission,
        &mut Report {
            part: Part::Commission,
            out: &mut out,
        },
    );
    if call_problems || commission_problems {
        return Assembled {
            workspace: None,
            problems: out,
            set_aside,
        };
    }

    // Applications: a protocol used twice is ambiguous, so neither copy is taken.
    let mut seen: BTreeMap<&Protocol, usize> = BTreeMap::new();
    for a in &parts.applications {
        *seen.entry(&a.protocol).or_default() += 1;
    }
    let mut applications = BTreeMap::new();
    for (i, app) in parts.applications.iter().enumerate() {
        let mut report = Report {
            part: Part::Application(i),
            out: &mut out,
        };
        if seen[&app.protocol] > 1 {
            report.add(
                "protocol",
                &app.protocol,
                format!(
                    "il protocollo «{}» compare in {} candidature: ogni candidatura ha il suo numero di protocollo",
                    app.protocol, seen[&app.protocol]
                ),
            );
            continue;
        }
        if check_application(app, &call, &mut report) {
            applications.insert(app.protocol.clone(), app.clone());
        }
    }

    // Applications that exist on disk but are not in the workspace: entries referring to them
    // are set aside, not reported, since the error is in the application's own file.
    let mut unavailable: BTreeSet<Protocol> = parts.unreadable.clone();
    unavailable.extend(
        parts
            .applications
            .iter()
            .map(|a| a.protocol.clone())
            .filter(|p| !applications.contains_key(p)),
    );

    let mut member_count: BTreeMap<&MemberId, usize> = BTreeMap::new();
    for s in &parts.sheets {
        *member_count.entry(&s.member).or_default() += 1;
    }
    let mut sheets = BTreeMap::new();
    for (i, sheet) in parts.sheets.iter().enumerate() {
        if member_count[&sheet.member] > 1 {
            Report {
                part: Part::Sheet(i),
                out: &mut out,
            }
            .add(
                "member",
                &sheet.member,
                format!(
                    "ci sono due schede di valutazione di «{}»: ne va tenuta una sola",
                    sheet.member
                ),
            );
            continue;
        }
        let mut sheet = sheet.clone();
        let (aside, kept): (Vec<_>, Vec<_>) = sheet
            .declarations
            .into_iter()
            .partition(|d| unavailable.contains(&d.application));
        sheet.declarations = kept;
        if !aside.is_empty() {
            set_aside.declarations.insert(sheet.member.clone(), aside);
        }
        let (aside, kept): (Vec<_>, Vec<_>) = sheet
            .scores
            .into_iter()
            .partition(|s| unavailable.contains(&s.application));
        sheet.scores = kept;
        if !aside.is_empty() {
            set_aside.scores.insert(sheet.member.clone(), aside);
        }
        let problems = check_sheet(&mut sheet, i, &call, &commission, &applications);
        let member_unknown = commission
            .member(&sheet.member)
            .is_none_or(|m| !m.role.votes());
        out.extend(problems);
        if !member_unknown {
            sheet.normalize();
            sheets.insert(sheet.member.clone(), sheet);
        }
    }

    let mut session_count: BTreeMap<&SessionId, usize> = BTreeMap::new();
    for s in &parts.sessions {
        *session_count.entry(&s.id).or_default() += 1;
    }
    let mut sessions = BTreeMap::new();
    for (i, session) in parts.sessions.iter().enumerate() {
        let mut report = Report {
            part: Part::Session(i),
            out: &mut out,
        };
        if session_count[&session.id] > 1 {
            report.add(
                "id",
                &session.id,
                format!("la seduta «{}» è definita più volte", session.id),
            );
            continue;
        }
        let mut session = session.clone();
        let (aside, kept): (Vec<_>, Vec<_>) = session
            .draws
            .into_iter()
            .partition(|d| d.order.iter().any(|p| unavailable.contains(p)));
        session.draws = kept;
        if !aside.is_empty() {
            set_aside.draws.insert(session.id.clone(), aside);
        }
        check_session(&mut session, &call, &commission, &applications, &mut report);
        sessions.insert(session.id.clone(), session);
    }

    // A decision may name the session that took it; a name that points nowhere is reported
    // and forgotten (the decision itself stands).
    let positions: BTreeMap<&Protocol, usize> = parts
        .applications
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.protocol, i))
        .collect();
    for app in applications.values_mut() {
        if let Some(decision) = &mut app.decision
            && let Some(id) = &decision.session
            && !sessions.contains_key(id)
        {
            Report {
                part: Part::Application(positions[&app.protocol]),
                out: &mut out,
            }
            .add(
                "session",
                id,
                format!(
                    "la decisione cita la seduta «{id}», che non esiste (sedute: {})",
                    list(sessions.keys())
                ),
            );
            decision.session = None;
        }
    }

    Assembled {
        workspace: Some(Workspace::from_checked(
            call,
            commission,
            applications,
            sheets,
            sessions,
        )),
        problems: out,
        set_aside,
    }
}

/// Returns true when the call cannot be used.
fn check_call(call: &Call, report: &mut Report) -> bool {
    let before = report.out.len();
    if call.lots.is_empty() {
        report.add("lots", "", "l'avviso non ha lotti: ne serve almeno uno");
    }
    let mut lots = BTreeSet::new();
    for lot in &call.lots {
        if !lots.insert(&lot.id) {
            report.add(
                "id",
                &lot.id,
                format!("il lotto «{}» è definito due volte", lot.id),
            );
        }
    }
    if call.criteria.is_empty() {
        report.add("criteria", "", "l'avviso non ha criteri di valutazione");
    }
    let mut ids = BTreeSet::new();
    for c in call.all_criteria() {
        if !ids.insert(&c.id) {
            report.add(
                "id",
                &c.id,
                format!("il criterio «{}» è definito due volte", c.id),
            );
        }
        check_criterion(c, call, report);
    }
    for tb in &call.tie_breaks {
        if let TieBreak::Criterion(id) = tb
            && call.criterion(id).is_none()
        {
            report.add(
                "Criterion",
                id,
                format!(
                    "il criterio di parità «{id}» non esiste (criteri: {})",
                    list(ids.iter())
                ),
            );
        }
    }
    if call.decimals > 6 {
        report.add(
            "decimals",
            call.decimals,
            "i decimali dei punteggi vanno da 0 a 6",
        );
    }
    if let Some(min) = call.overall_min
        && min.value() > call.max_total()
    {
        report.add(
            "overall_min",
            min,
            format!(
                "la soglia complessiva {min} supera il punteggio massimo {}",
                call.max_total()
            ),
        );
    }
    let mut coefficients = BTreeSet::new();
    for j in &call.judgement_scale {
        if !coefficients.insert(j.coefficient) {
            report.add(
                "coefficient",
                j.coefficient,
                format!(
                    "il coefficiente {} compare due volte nella scala di giudizio",
                    j.coefficient
                ),
            );
        }
    }
    let mut documents = BTreeSet::new();
    for d in &call.required_documents {
        if !documents.insert(&d.id) {
            report.add(
                "id",
                &d.id,
                format!("il documento «{}» è elencato due volte", d.id),
            );
        }
    }
    let categories: BTreeSet<_> = call.budget_categories.iter().map(|c| &c.id).collect();
    if categories.len() != call.budget_categories.len() {
        report.add(
            "budget_categories",
            "",
            "una categoria di spesa è elencata due volte",
        );
    }
    for cap in &call.funding.category_caps {
        if !categories.is_empty() && !categories.contains(&cap.category) {
            report.add(
                "category",
                &cap.category,
                format!(
                    "il limite riguarda la categoria «{}», che non è tra le categorie di spesa ({})",
                    cap.category,
                    list(categories.iter())
                ),
            );
        }
    }
    report.out.len() > before
}

fn check_criterion(c: &Criterion, call: &Call, report: &mut Report) {
    if let Some(min) = c.min
        && min > c.max
    {
        report.add(
            "min",
            min,
            format!(
                "la soglia del criterio «{}» ({min}) supera il massimo ({})",
                c.id, c.max
            ),
        );
    }
    match &c.scoring {
        Scoring::Subcriteria(subs) => {
            if subs.is_empty() {
                report.add(
                    "Subcriteria",
                    &c.id,
                    format!("il criterio «{}» non ha sub-criteri", c.id),
                );
            }
            let sum: Decimal = subs.iter().map(|s| s.max.value()).sum();
            if sum != c.max.value() {
                report.add(
                    "max",
                    c.max,
                    format!(
                        "il massimo del criterio «{}» ({}) non è la somma dei massimi dei sub-criteri ({sum})",
                        c.id, c.max
                    ),
                );
            }
            if c.rescale {
                report.add(
                    "rescale",
                    "true",
                    format!("la riparametrazione si indica sui sub-criteri, non sul criterio «{}» che li raggruppa", c.id),
                );
            }
        }
        Scoring::Coefficient => {
            if call.judgement_scale.is_empty() {
                report.add(
                    "Coefficient",
                    &c.id,
                    format!("il criterio «{}» usa i coefficienti, ma l'avviso non ha una scala di giudizio", c.id),
                );
            }
        }
        Scoring::Points { step } => {
            if let Some(step) = step
                && step.value().is_zero()
            {
                report.add(
                    "step",
                    step,
                    format!(
                        "il passo dei punti del criterio «{}» non può essere zero",
                        c.id
                    ),
                );
            }
        }
        Scoring::Levels(levels) => {
            let mut ids = BTreeSet::new();
            if levels.is_empty() {
                report.add(
                    "Levels",
                    &c.id,
                    format!("il criterio «{}» non ha livelli", c.id),
                );
            }
            for level in levels {
                if !ids.insert(&level.id) {
                    report.add(
                        "id",
                        &level.id,
                        format!(
                            "il livello «{}» è ripetuto nel criterio «{}»",
                            level.id, c.id
                        ),
                    );
                }
                if level.points > c.max {
                    report.add(
                        "points",
                        level.points,
                        format!(
                            "il livello «{}» vale più del massimo del criterio «{}» ({})",
                            level.id, c.id, c.max
                        ),
                    );
                }
            }
        }
        Scoring::Linear { measure } => {
            if *measure == Measure::CofinancingShareAboveMinimum
                && call.funding.min_cofinancing_share.is_none()
            {
                report.add(
                    "CofinancingShareAboveMinimum",
                    &c.id,
                    format!("il criterio «{}» misura il co-finanziamento oltre il minimo, ma l'avviso non fissa un minimo", c.id),
                );
            }
        }
    }
}

/// Returns true when the commission cannot be used.
fn check_commission(commission: &Commission, report: &mut Report) -> bool {
    let before = report.out.len();
    let mut ids = BTreeSet::new();
    for m in &commission.members {
        if !ids.insert(&m.id) {
            report.add(
                "id",
                &m.id,
                format!("il componente «{}» è elencato due volte", m.id),
            );
        }
    }
    let presidents = commission
        .members
        .iter()
        .filter(|m| m.role == Role::President)
        .count();
    if presidents != 1 {
        report.add(
            "members",
            "",
            format!("la commissione deve avere un presidente, e uno solo (ne ha {presidents})"),
        );
    }
    report.out.len() > before
}

/// Checks one application to be added or replaced in a consistent workspace: against the call,
/// the sessions its decision or a draw names, and nothing else, since no other part depends on
/// an application's content. What `assemble` would find, without checking everything again.
pub(super) fn check_put_application(
    app: &Application,
    call: &Call,
    sessions: &BTreeMap<SessionId, Session>,
) -> Vec<Inconsistency> {
    let mut out = Vec::new();
    let mut report = Report {
        part: Part::Application(0),
        out: &mut out,
    };
    check_application(app, call, &mut report);
    if let Some(id) = app.decision.as_ref().and_then(|d| d.session.as_ref())
        && !sessions.contains_key(id)
    {
        report.add(
            "session",
            id,
            format!(
                "la decisione cita la seduta «{id}», che non esiste (sedute: {})",
                list(sessions.keys())
            ),
        );
    }
    for draw in sessions.values().flat_map(|s| &s.draws) {
        if draw.order.contains(&app.protocol) && draw.lot != app.lot {
            report.add(
                "lot",
                &app.lot,
                format!(
                    "la candidatura «{}» è in un sorteggio del lotto «{}» e non può passare al lotto «{}»",
                    app.protocol, draw.lot, app.lot
                ),
            );
        }
    }
    out
}

/// Returns true when the application can be taken into the workspace.
fn check_application(app: &Application, call: &Call, report: &mut Report) -> bool {
    let before = report.out.len();
    if call.lot(&app.lot).is_none() {
        report.add(
            "lot",
            &app.lot,
            format!(
                "il lotto «{}» non esiste nell'avviso (lotti: {})",
                app.lot,
                list(call.lots.iter().map(|l| &l.id))
            ),
        );
    }
    if !call.budget_categories.is_empty() {
        for line in &app.budget {
            if !call.budget_categories.iter().any(|c| c.id == line.category) {
                report.add(
                    "category",
                    &line.category,
                    format!(
                        "la categoria di spesa «{}» non è tra quelle dell'avviso ({})",
                        line.category,
                        list(call.budget_categories.iter().map(|c| &c.id))
                    ),
                );
            }
        }
    }
    for entry in &app.documents {
        if !call
            .required_documents
            .iter()
            .any(|d| d.id == entry.document)
        {
            report.add(
                "document",
                &entry.document,
                format!(
                    "il documento «{}» non è tra quelli richiesti dall'avviso ({})",
                    entry.document,
                    list(call.required_documents.iter().map(|d| &d.id))
                ),
            );
        }
    }
    let mut declared = BTreeSet::new();
    for d in &app.declared {
        if !declared.insert(&d.criterion) {
            report.add(
                "criterion",
                &d.criterion,
                format!(
                    "il dato per il criterio «{}» è dichiarato due volte",
                    d.criterion
                ),
            );
        }
        match call.criterion(&d.criterion).map(|c| &c.scoring) {
            Some(Scoring::Levels(levels)) => {
                if !levels.iter().any(|l| l.id.as_str() == d.value) {
                    report.add(
                        "value",
                        &d.value,
                        format!(
                            "«{}» non è un livello del criterio «{}» (livelli: {})",
                            d.value,
                            d.criterion,
                            list(levels.iter().map(|l| &l.id))
                        ),
                    );
                }
            }
            Some(Scoring::Linear {
                measure: Measure::Declared { .. },
            }) => {
                if super::number::Points::parse(&d.value).is_err() {
                    report.add(
                        "value",
                        &d.value,
                        format!("il dato dichiarato per il criterio «{}» deve essere un numero non negativo, come \"120\" o \"12.5\"", d.criterion),
                    );
                }
            }
            Some(_) => report.add(
                "criterion",
                &d.criterion,
                format!(
                    "il criterio «{}» non si valuta su dati dichiarati",
                    d.criterion
                ),
            ),
            None => report.add(
                "criterion",
                &d.criterion,
                format!("il criterio «{}» non esiste nell'avviso", d.criterion),
            ),
        }
    }
    if let Some(decision) = &app.decision
        && decision.outcome != AdmissionOutcome::Admitted
        && decision.reason.trim().is_empty()
    {
        report.add(
            "reason",
            "",
            "un'esclusione o un'ammissione con riserva richiede la motivazione",
        );
    }
    report.out.len() == before
}

/// Checks a sheet against the call; entries that do not hold are removed from it and reported.
pub(super) fn check_sheet(
    sheet: &mut ScoreSheet,
    index: usize,
    call: &Call,
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
) -> Vec<Inconsistency> {
    let mut out = Vec::new();
    let mut report = Report {
        part: Part::Sheet(index),
        out: &mut out,
    };
    match commission.member(&sheet.member) {
        None => {
            report.add(
                "member",
                &sheet.member,
                format!(
                    "«{}» non fa parte della commissione (componenti: {})",
                    sheet.member,
                    list(commission.members.iter().map(|m| &m.id))
                ),
            );
            return out;
        }
        Some(m) if !m.role.votes() => {
            report.add(
                "member",
                &sheet.member,
                format!(
                    "«{}» è il segretario verbalizzante e non esprime punteggi",
                    sheet.member
                ),
            );
            return out;
        }
        Some(_) => {}
    }

    // Sorted first, so that a repeated entry sits next to its twin: no set of keys is needed
    // to find it, which matters for sheets of tens of thousands of scores.
    sheet.normalize();
    let mut previous: Option<Protocol> = None;
    sheet.declarations.retain(|d| {
        if !applications.contains_key(&d.application) {
            report.add(
                "application",
                &d.application,
                format!("la candidatura «{}» non esiste", d.application),
            );
            return false;
        }
        if previous.as_ref() == Some(&d.application) {
            report.add(
                "application",
                &d.application,
                format!(
                    "la dichiarazione sulla candidatura «{}» è ripetuta",
                    d.application
                ),
            );
            return false;
        }
        previous = Some(d.application.clone());
        true
    });

    let mut previous: Option<(Protocol, CriterionId)> = None;
    let in_conflict: BTreeSet<Protocol> = sheet
        .declarations
        .iter()
        .filter(|d| d.conflict.is_some())
        .map(|d| d.application.clone())
        .collect();
    let criteria: BTreeMap<&CriterionId, &Criterion> = call
        .all_criteria()
        .into_iter()
        .map(|c| (&c.id, c))
        .collect();
    sheet.scores.retain(|s| {
        let Some(app) = applications.get(&s.application) else {
            report.add("application", &s.application, format!("la candidatura «{}» non esiste", s.application));
            return false;
        };
        let Some(criterion) = criteria.get(&s.criterion).copied() else {
            report.add(
                "criterion",
                &s.criterion,
                format!(
                    "il criterio «{}» non esiste (criteri: {})",
                    s.criterion,
                    list(call.leaf_criteria().iter().map(|c| &c.id))
                ),
            );
            return false;
        };
        if in_conflict.contains(&s.application) {
            report.add(
                "application",
                &s.application,
                format!(
                    "«{}» ha dichiarato un conflitto di interessi con la candidatura «{}» e non può valutarla",
                    sheet.member, app.protocol
                ),
            );
            return false;
        }
        if previous.as_ref().is_some_and(|(a, c)| a == &s.application && c == &s.criterion) {
            report.add(
                "criterion",
                &s.criterion,
                format!("il punteggio di «{}» sul criterio «{}» è ripetuto", s.application, s.criterion),
            );
            return false;
        }
        match &criterion.scoring {
            Scoring::Coefficient => {
                if !call.judgement_scale.iter().any(|j| j.coefficient.value() == s.value()) {
                    report.add(
                        "value",
                        s.value,
                        format!(
                            "il coefficiente {} non è nella scala di giudizio dell'avviso (ammessi: {})",
                            s.value,
                            list(call.judgement_scale.iter().map(|j| format!("{} {}", j.coefficient, j.label)))
                        ),
                    );
                    return false;
                }
            }
            Scoring::Points { step } => {
                if s.value > criterion.max {
                    report.add(
                        "value",
                        s.value,
                        format!("{} punti superano il massimo del criterio «{}» ({})", s.value, criterion.id, criterion.max),
                    );
                    return false;
                }
                if let Some(step) = step
                    && !step.value().is_zero()
                    && !(s.value() % step.value()).is_zero()
                {
                    report.add(
                        "value",
                        s.value,
                        format!("il criterio «{}» si valuta a passi di {} punti: {} non è ammesso", criterion.id, step, s.value),
                    );
                    return false;
                }
            }
            _ => {
                report.add(
                    "criterion",
                    &s.criterion,
                    format!(
                        "il criterio «{}» non riceve punteggi dai commissari (si calcola dai dati della candidatura)",
                        criterion.id
                    ),
                );
                return false;
            }
        }
        previous = Some((s.application.clone(), s.criterion.clone()));
        true
    });
    out
}

fn check_session(
    session: &mut Session,
    call: &Call,
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
    report: &mut Report,
) {
    session.present.retain(|m| {
        let known = commission.member(m).is_some();
        if !known {
            report.add(
                "present",
                m,
                format!(
                    "«{m}» non fa parte della commissione (componenti: {})",
                    list(commission.members.iter().map(|m| &m.id))
                ),
            );
        }
        known
    });
    session.draws.retain(|draw| {
        if call.lot(&draw.lot).is_none() {
            report.add("lot", &draw.lot, format!("il sorteggio riguarda il lotto «{}», che non esiste", draw.lot));
            return false;
        }
        let mut seen = BTreeSet::new();
        for p in &draw.order {
            match applications.get(p) {
                None => {
                    report.add("order", p, format!("il sorteggio cita la candidatura «{p}», che non esiste"));
                    return false;
                }
                Some(a) if a.lot != draw.lot => {
                    report.add(
                        "order",
                        p,
                        format!("la candidatura «{p}» è del lotto «{}», non del lotto «{}» del sorteggio", a.lot, draw.lot),
                    );
                    return false;
                }
                Some(_) => {}
            }
            if !seen.insert(p) {
                report.add("order", p, format!("la candidatura «{p}» compare due volte nel sorteggio"));
                return false;
            }
        }
        true
    });
}
