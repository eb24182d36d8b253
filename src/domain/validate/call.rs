//! The call and the commission: lots, rules, criteria, members and roles.

use super::messages::{self, field};
use super::*;
use crate::domain::call::Level;

/// Reports every text of the call that holds a control character.
fn check_call_texts(call: &Call, report: &mut Report) {
    use text::Kind::{Line, Paragraphs};
    report.text("authority", &call.authority, Line, field::AUTHORITY);
    report.text("office", &call.office, Line, field::OFFICE);
    report.text("title", &call.title, Line, field::CALL_TITLE);
    if let Some(cup) = &call.cup {
        report.text("cup", cup, Line, field::CUP);
    }
    report.text("rup", &call.rup, Line, field::RUP);
    for lot in &call.lots {
        report.text("name", &lot.name, Line, field::LOT_NAME);
        report.text(
            "description",
            &lot.description,
            Paragraphs,
            field::LOT_DESCRIPTION,
        );
    }
    for c in call.all_criteria() {
        report.text("title", &c.title, Line, field::CRITERION_TITLE);
        report.text(
            "description",
            &c.description,
            Paragraphs,
            field::CRITERION_DESCRIPTION,
        );
        match &c.scoring {
            Scoring::Levels(levels) => {
                for level in levels {
                    report.text("label", &level.label, Line, field::LEVEL_NAME);
                }
            }
            Scoring::Linear {
                measure: Measure::Declared { unit },
            } => {
                report.text("unit", unit, Line, field::UNIT);
            }
            _ => {}
        }
    }
    for j in &call.judgement_scale {
        report.text("label", &j.label, Line, field::JUDGEMENT_NAME);
    }
    for d in &call.required_documents {
        report.text("title", &d.title, Line, field::DOCUMENT_TITLE);
    }
    for c in &call.budget_categories {
        report.text("name", &c.name, Line, field::CATEGORY_NAME);
    }
}

/// Returns true when the call cannot be used. One function per rule: the texts, the lots, the
/// criteria and the tie-breaks, the figures, the judgement scale, the documents and the budget
/// categories.
pub(super) fn check_call(call: &Call, report: &mut Report) -> bool {
    let before = report.out.len();
    check_call_texts(call, report);
    check_lots(call, report);
    check_criteria(call, report);
    check_figures(call, report);
    check_judgement_scale(call, report);
    check_documents(call, report);
    check_budget_categories(call, report);
    report.out.len() > before
}

/// At least one lot, each defined once.
fn check_lots(call: &Call, report: &mut Report) {
    if call.lots.is_empty() {
        report.add("lots", "", messages::NO_LOTS);
    }
    let mut lots = BTreeSet::new();
    for lot in &call.lots {
        if !lots.insert(&lot.id) {
            report.add("id", &lot.id, messages::lot_twice(&lot.id));
        }
    }
}

/// At least one criterion, each defined once and sound; the tie-breaks name criteria that
/// exist.
fn check_criteria(call: &Call, report: &mut Report) {
    if call.criteria.is_empty() {
        report.add("criteria", "", messages::NO_CRITERIA);
    }
    let mut ids = BTreeSet::new();
    for c in call.all_criteria() {
        if !ids.insert(&c.id) {
            report.add("id", &c.id, messages::criterion_twice(&c.id));
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
                messages::tie_break_missing(id, &list(ids.iter())),
            );
        }
    }
}

/// The decimals of the scores and the overall threshold.
fn check_figures(call: &Call, report: &mut Report) {
    if call.decimals > 6 {
        report.add("decimals", call.decimals, messages::DECIMALS);
    }
    if let Some(min) = call.overall_min
        && min.value() > call.max_total()
    {
        report.add(
            "overall_min",
            min,
            messages::overall_min_over_max(min, call.max_total()),
        );
    }
}

/// Every judgement named, no name and no coefficient twice.
fn check_judgement_scale(call: &Call, report: &mut Report) {
    // A label names one judgement: an import that reads «buono» must find one coefficient,
    // and a member who picks «Buono» must know which. Case and spaces do not tell two apart.
    let mut labels: BTreeMap<String, &str> = BTreeMap::new();
    for j in &call.judgement_scale {
        let key = j
            .label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if key.is_empty() {
            report.add(
                "label",
                j.coefficient,
                messages::judgement_unnamed(j.coefficient),
            );
        } else if let Some(first) = labels.insert(key, &j.label) {
            report.add(
                "label",
                &j.label,
                messages::judgement_named_twice(&j.label, first),
            );
        }
    }
    let mut coefficients = BTreeSet::new();
    for j in &call.judgement_scale {
        if !coefficients.insert(j.coefficient) {
            report.add(
                "coefficient",
                j.coefficient,
                messages::coefficient_twice(j.coefficient),
            );
        }
    }
}

/// Each required document listed once.
fn check_documents(call: &Call, report: &mut Report) {
    let mut documents = BTreeSet::new();
    for d in &call.required_documents {
        if !documents.insert(&d.id) {
            report.add("id", &d.id, messages::document_twice(&d.id));
        }
    }
}

/// Each budget category listed once, the caps on categories that exist.
fn check_budget_categories(call: &Call, report: &mut Report) {
    let categories: BTreeSet<_> = call.budget_categories.iter().map(|c| &c.id).collect();
    if categories.len() != call.budget_categories.len() {
        report.add("budget_categories", "", messages::CATEGORY_TWICE);
    }
    for cap in &call.funding.category_caps {
        if !categories.is_empty() && !categories.contains(&cap.category) {
            report.add(
                "category",
                &cap.category,
                messages::cap_category_missing(&cap.category, &list(categories.iter())),
            );
        }
    }
}

/// A criterion's threshold and the rule of its way of scoring.
pub(super) fn check_criterion(c: &Criterion, call: &Call, report: &mut Report) {
    if let Some(min) = c.min
        && min > c.max
    {
        report.add(
            "min",
            min,
            messages::criterion_min_over_max(&c.id, min, c.max),
        );
    }
    match &c.scoring {
        Scoring::Subcriteria(subs) => check_subcriteria(c, subs, report),
        Scoring::Coefficient => {
            if call.judgement_scale.is_empty() {
                report.add(
                    "Coefficient",
                    &c.id,
                    messages::coefficients_without_scale(&c.id),
                );
            }
        }
        Scoring::Points { step } => {
            if let Some(step) = step
                && step.value().is_zero()
            {
                report.add("step", step, messages::step_zero(&c.id));
            }
        }
        Scoring::Levels(levels) => check_levels(c, levels, report),
        Scoring::Linear { measure } => {
            if *measure == Measure::CofinancingShareAboveMinimum
                && call.funding.min_cofinancing_share.is_none()
            {
                report.add(
                    "CofinancingShareAboveMinimum",
                    &c.id,
                    messages::cofinancing_without_minimum(&c.id),
                );
            }
        }
    }
}

/// A criterion made of sub-criteria: some, their maxima adding up to its own, rescaled on the
/// sub-criteria only.
fn check_subcriteria(c: &Criterion, subs: &[Criterion], report: &mut Report) {
    if subs.is_empty() {
        report.add("Subcriteria", &c.id, messages::no_subcriteria(&c.id));
    }
    let sum: Decimal = subs.iter().map(|s| s.max.value()).sum();
    if sum != c.max.value() {
        report.add("max", c.max, messages::max_not_sum(&c.id, c.max, sum));
    }
    if c.rescale {
        report.add("rescale", "true", messages::rescale_on_group(&c.id));
    }
}

/// A criterion scored by levels: some, each once, none worth more than the criterion.
fn check_levels(c: &Criterion, levels: &[Level], report: &mut Report) {
    let mut ids = BTreeSet::new();
    if levels.is_empty() {
        report.add("Levels", &c.id, messages::no_levels(&c.id));
    }
    for level in levels {
        if !ids.insert(&level.id) {
            report.add("id", &level.id, messages::level_twice(&level.id, &c.id));
        }
        if level.points > c.max {
            report.add(
                "points",
                level.points,
                messages::level_over_max(&level.id, &c.id, c.max),
            );
        }
    }
}

/// Returns true when the commission cannot be used.
pub(super) fn check_commission(commission: &Commission, report: &mut Report) -> bool {
    let before = report.out.len();
    report.text(
        "appointed_by",
        &commission.appointed_by,
        text::Kind::Line,
        field::APPOINTED_BY,
    );
    for m in &commission.members {
        report.text("name", &m.name, text::Kind::Line, field::MEMBER_NAME);
        report.text(
            "qualification",
            &m.qualification,
            text::Kind::Line,
            field::QUALIFICATION,
        );
    }
    let mut ids = BTreeSet::new();
    for m in &commission.members {
        if !ids.insert(&m.id) {
            report.add("id", &m.id, messages::member_twice(&m.id));
        }
    }
    let presidents = commission
        .sitting()
        .filter(|m| m.role == Role::President)
        .count();
    // A commission not yet appointed has no members at all: a call being set up.
    if presidents != 1 && !commission.members.is_empty() {
        report.add("members", "", messages::presidents(presidents));
    }
    super::commission::check_changes(commission, report);
    report.out.len() > before
}
