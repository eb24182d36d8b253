//! A member's score sheet against the call, the commission and the applications.

use super::*;

/// Checks a sheet against the call; entries that do not hold are removed from it and reported.
pub(in crate::domain) fn check_sheet(
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
    let panel = commission
        .member(&sheet.member)
        .and_then(|m| m.substitute.as_ref())
        .map(|s| &s.applications);

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
        // Reported, and the declaration kept: a conflict must never be lost to its note.
        if let Some(conflict) = &d.conflict {
            report.text(
                "note",
                &conflict.note,
                text::Kind::Paragraphs,
                "la nota del conflitto di interessi",
            );
        }
        previous = Some(d.application.clone());
        true
    });

    let in_conflict: BTreeSet<Protocol> = sheet
        .declarations
        .iter()
        .filter(|d| d.conflict.is_some())
        .map(|d| d.application.clone())
        .collect();
    let mut criteria: Vec<&Criterion> = call.all_criteria();
    criteria.sort_by(|a, b| a.id.cmp(&b.id));
    // The sheet is sorted by application, then criterion: each application is looked up once
    // for its run of scores, and the criteria are walked alongside, so that a sheet of 40,000
    // scores costs a few comparisons per score rather than a search in two maps.
    let mut current: Option<(Protocol, Option<&Application>, bool)> = None;
    let mut cursor = 0;
    let mut previous: Option<(Protocol, CriterionId)> = None;
    sheet.scores.retain(|s| {
        let (found, conflict) = match &current {
            Some((p, found, conflict)) if p == &s.application => (*found, *conflict),
            _ => {
                let found = applications.get(&s.application);
                let conflict = in_conflict.contains(&s.application);
                current = Some((s.application.clone(), found, conflict));
                cursor = 0;
                (found, conflict)
            }
        };
        let Some(app) = found else {
            report.add("application", &s.application, format!("la candidatura «{}» non esiste", s.application));
            return false;
        };
        while criteria.get(cursor).is_some_and(|c| c.id < s.criterion) {
            cursor += 1;
        }
        let Some(criterion) = criteria.get(cursor).copied().filter(|c| c.id == s.criterion) else {
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
        if conflict {
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
        if let Some(panel) = panel
            && !panel.contains(&s.application)
        {
            report.add(
                "application",
                &s.application,
                format!(
                    "«{}» è supplente solo per le candidature {}: non valuta la candidatura «{}»",
                    sheet.member,
                    list(panel.iter()),
                    app.protocol
                ),
            );
            return false;
        }
        if previous.as_ref().is_some_and(|(a, c)| c == &s.criterion && a == &s.application) {
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
        if !report.text("reason", &s.reason, text::Kind::Paragraphs, "la motivazione") {
            return false;
        }
        previous = Some((s.application.clone(), s.criterion.clone()));
        true
    });
    out
}
