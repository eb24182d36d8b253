//! Scores collected in a spreadsheet: one row per member, application and criterion, with the
//! value and the reason. Each row is checked as the window would check it (the member votes
//! and is not in conflict, the value is on the call's scale, the reason is there); the rows of
//! one member become one change to their score sheet.

use std::collections::BTreeMap;

use super::columns::{self, Kind, Record};
use super::messages;
use super::plan::{Action, Findings, ImportPlan, Payload, PlanItem, PlanKind, Severity};
use super::summary;
use super::table::{Book, Value};
use super::values::{self, fold};
use crate::domain::{
    Commission, Criterion, CriterionId, MemberId, Points, Protocol, Score, Scoring, Workspace,
};
use crate::italian;

/// Checks a file of scores against the workspace.
pub fn plan(ws: &Workspace, book: &Book) -> ImportPlan {
    let mut findings = Findings::default();
    let (layout, problems) = columns::locate(book, Kind::Scores);
    findings.file_problems(problems);
    let mut plan = ImportPlan {
        kind: PlanKind::Scores,
        files: layout
            .iter()
            .map(|l| summary(book, l, Kind::Scores))
            .collect(),
        items: Vec::new(),
        problems: Vec::new(),
        blocking: 0,
        sheets_before: Vec::new(),
    };
    if let (Some(layout), 0) = (&layout, findings.blocking) {
        let mut first: BTreeMap<(MemberId, Protocol, CriterionId), (u32, String)> = BTreeMap::new();
        for row in layout.rows(book) {
            let record = layout.record(row);
            let key = messages::row(row.number);
            let Some((member, protocol, criterion, score, clean)) =
                read_row(ws, book, &record, &key, &mut findings)
            else {
                plan.items.push(rejected(&record, key));
                continue;
            };
            let key = format!("{member} · {protocol} · {criterion}");
            // The row's problems so far were filed under "riga N": they belong to its key.
            if !clean {
                findings.spoiled.remove(&messages::row(row.number));
                findings.spoiled.insert(key.clone());
            }
            let id = (member.clone(), protocol.clone(), criterion.clone());
            if let Some((first_row, first_key)) = first.get(&id) {
                let message =
                    |other: u32| messages::score_also_at(&member, &protocol, &criterion, other);
                let mut first_place = record.place("criterio");
                first_place.row = Some(*first_row);
                findings.error(first_key, first_place, message(row.number));
                findings.error(&key, record.place("criterio"), message(*first_row));
                for item in plan.items.iter_mut().filter(|i| &i.key == first_key) {
                    item.action = Action::Rejected;
                    item.changes.clear();
                }
            } else {
                first.insert(id, (row.number, key.clone()));
            }
            let old = ws.score(&member, &protocol, &criterion);
            let (action, changes) = match old {
                _ if findings.is_spoiled(&key) => (Action::Rejected, Vec::new()),
                None => (Action::Create, Vec::new()),
                Some(old) if old.value == score.value && old.reason == score.reason => {
                    (Action::Unchanged, Vec::new())
                }
                Some(old) => (Action::Update, changes(old, &score)),
            };
            if !plan.sheets_before.iter().any(|(m, _)| m == &member) {
                plan.sheets_before
                    .push((member.clone(), ws.sheet(&member).cloned()));
            }
            plan.items.push(PlanItem {
                key,
                label: format!(
                    "{} · {}",
                    italian::number(score.value()),
                    short(&score.reason)
                ),
                rows: vec![record.row_ref()],
                action,
                changes,
                payload: Payload::Score { member, score },
            });
        }
    }
    plan.blocking = findings.blocking;
    plan.problems = findings.problems;
    plan.sort_problems();
    plan
}

fn rejected(record: &Record, key: String) -> PlanItem {
    PlanItem {
        key,
        label: String::new(),
        rows: vec![record.row_ref()],
        action: Action::Rejected,
        changes: Vec::new(),
        payload: Payload::None,
    }
}

type ReadRow = (MemberId, Protocol, CriterionId, Score, bool);

/// One row, every cell checked; `None` when the member, the application or the criterion
/// cannot be told. The last flag is false when the row has an error anyway.
fn read_row(
    ws: &Workspace,
    book: &Book,
    record: &Record,
    key: &str,
    findings: &mut Findings,
) -> Option<ReadRow> {
    let before = findings.problems.len();
    if let Some(c) = record.stray_cells() {
        findings.error(
            key,
            record.layout.place(Some(record.row.number), Some(c)),
            messages::STRAY_CELLS,
        );
    }
    if let Some(problem) = record.control_character() {
        findings.error(key, problem.place, problem.message);
    }
    let member = member(ws.commission(), record.value("commissario"))
        .map_err(|m| findings.error(key, record.place("commissario"), m))
        .ok();
    let protocol = values::required_text(record.value("protocollo"))
        .map_err(|e| e.to_string())
        .and_then(|t| Protocol::new(t).map_err(|e| e.to_string()))
        .and_then(|p| match ws.application(&p) {
            Some(_) => Ok(p),
            None => Err(messages::application_missing(&p)),
        })
        .map_err(|m| findings.error(key, record.place("protocollo"), m))
        .ok();
    let criterion = criterion(ws, record.value("criterio"))
        .map_err(|m| findings.error(key, record.place("criterio"), m))
        .ok();
    if let (Some(m), Some(p)) = (&member, &protocol)
        && ws.abstains(m, p)
    {
        findings.error(
            key,
            record.place("commissario"),
            messages::scores_in_conflict(m, p),
        );
    }
    let reason = match values::required_text(record.value("motivazione")) {
        Ok(text) => text,
        Err(_) => {
            findings.error(key, record.place("motivazione"), messages::REASON_MISSING);
            String::new()
        }
    };
    let (member, protocol, criterion) = (member?, protocol?, criterion?);
    let value = value(ws, criterion, record, book)
        .map_err(|m| findings.error(key, record.place("valore"), m))
        .ok();
    let score = Score {
        application: protocol.clone(),
        criterion: criterion.id.clone(),
        value: value.unwrap_or_default(),
        reason,
    };
    if value.is_some()
        && !ws.abstains(&member, &protocol)
        && let Err(message) = ws.check_score(&member, &score)
    {
        findings.error(key, record.place("valore"), message);
    }
    let clean = !findings.problems[before..]
        .iter()
        .any(|p| p.severity == Severity::Error);
    Some((member, protocol, criterion.id.clone(), score, clean))
}

/// A member by id, or by name with or without the title, surname first or last.
fn member(commission: &Commission, value: &Value) -> Result<MemberId, String> {
    let text = values::required_text(value).map_err(messages::member_value)?;
    let words = |s: &str| {
        const TITLES: [&str; 14] = [
            "dott", "dottssa", "ssa", "dr", "dssa", "prof", "sig", "ra", "sigra", "ing", "arch",
            "avv", "geom", "rag",
        ];
        let mut w: Vec<String> = fold(s)
            .split('_')
            .skip_while(|w| TITLES.contains(w))
            .map(str::to_string)
            .collect();
        w.sort();
        w
    };
    let typed = words(&text);
    let found: Vec<_> = match commission.members.iter().find(|m| m.id.as_str() == text) {
        Some(m) => vec![m],
        None => commission
            .members
            .iter()
            .filter(|m| fold(m.id.as_str()) == fold(&text) || words(&m.name) == typed)
            .collect(),
    };
    match found.as_slice() {
        [m] if !m.role.votes() => Err(messages::secretary_does_not_score(&text)),
        [m] => Ok(m.id.clone()),
        _ => Err(messages::not_a_member(
            &text,
            &commission
                .voting_members()
                .map(|m| format!("{} «{}»", m.id, m.name))
                .collect::<Vec<_>>()
                .join(", "),
        )),
    }
}

/// A criterion members score, by its id in any case.
fn criterion<'a>(ws: &'a Workspace, value: &Value) -> Result<&'a Criterion, String> {
    let text = values::required_text(value).map_err(messages::criterion_value)?;
    let call = ws.call();
    let found = call
        .all_criteria()
        .into_iter()
        .find(|c| c.id.as_str() == text)
        .or_else(|| {
            call.all_criteria()
                .into_iter()
                .find(|c| c.id.as_str().eq_ignore_ascii_case(&text))
        });
    let scored: Vec<String> = call
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .map(|c| c.id.to_string())
        .collect();
    match found {
        Some(c) if c.is_discretionary() => Ok(c),
        Some(c) => Err(messages::criterion_not_scored(
            &c.id,
            c.is_leaf(),
            &scored.join(", "),
        )),
        None => Err(messages::criterion_missing(&text, &scored.join(", "))),
    }
}

/// The value: for a judgement, a coefficient or its name on the call's scale ("buono"); for
/// points, a number. Whether it is on the scale, within the maximum and on the step is the
/// workspace's own check (`Workspace::check_score`).
fn value(
    ws: &Workspace,
    criterion: &Criterion,
    record: &Record,
    book: &Book,
) -> Result<Points, String> {
    let cell = record.value("valore");
    if let Scoring::Coefficient = criterion.scoring {
        let typed = fold(&values::text(cell));
        if let Some(j) = ws
            .call()
            .judgement_scale
            .iter()
            .find(|j| fold(&j.label) == typed)
        {
            return Ok(Points::new(j.coefficient.value()).unwrap_or_default());
        }
    }
    let max = if let Scoring::Coefficient = criterion.scoring {
        6
    } else {
        4
    };
    let number = values::decimal(cell, book.decimal_mark(), max).map_err(|e| e.to_string())?;
    Points::new(number.normalize()).ok_or_else(|| messages::not_a_score(values::text(cell)))
}

fn changes(old: &Score, new: &Score) -> Vec<String> {
    let mut out = Vec::new();
    if old.value != new.value {
        out.push(messages::value_changed(
            italian::number(old.value()),
            italian::number(new.value()),
        ));
    }
    if old.reason != new.reason {
        out.push(messages::reason_changed(
            short(&old.reason),
            short(&new.reason),
        ));
    }
    out
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}
