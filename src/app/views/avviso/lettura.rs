//! The call as the commission applies it, read-only: for the members, and for a call open for
//! consultation.

use egui::{Grid, RichText, Ui};

use crate::domain::{Criterion, Measure, Scoring, TieBreak};
use crate::italian;

use crate::app::strings as s;
use crate::app::views::Desk;
use crate::app::widgets::{self, Tone};

pub(super) fn lettura_ui(ui: &mut Ui, desk: &Desk) {
    general_ui(ui, desk);
    lots_ui(ui, desk);
    funding_ui(ui, desk);
    criteria_ui(ui, desk);
    documents_ui(ui, desk);
    commission_ui(ui, desk);
}

fn general_ui(ui: &mut Ui, desk: &Desk) {
    let call = desk.ws.call();
    widgets::section(ui, s::CALL_GENERAL);
    let cup = call.cup.clone().unwrap_or_default();
    let fields = [
        (s::CALL_AUTHORITY, &call.authority),
        (s::CALL_OFFICE, &call.office),
        (s::CALL_TITLE, &call.title),
        (s::CALL_CUP, &cup),
        (s::CALL_RUP, &call.rup),
    ];
    for (label, value) in fields {
        if value.is_empty() {
            widgets::text_row(ui, label, s::NONE);
        } else {
            widgets::text_row(ui, label, value);
        }
    }
    widgets::text_row(ui, s::CALL_PUBLISHED, &italian::date(call.published_on));
    widgets::text_row(
        ui,
        s::CALL_DEADLINE,
        &italian::moment_precise(call.deadline),
    );
}

fn lots_ui(ui: &mut Ui, desk: &Desk) {
    let call = desk.ws.call();
    widgets::section(ui, s::CALL_LOTS);
    for lot in &call.lots {
        ui.add(
            egui::Label::new(RichText::new(format!("{} ({})", lot.name, lot.id)).strong()).wrap(),
        );
        let ceiling = desk.eval.lots.get(&lot.id).map(|l| l.ceiling);
        ui.add(
            egui::Label::new(s::lot_figures(
                &italian::euro(lot.budget),
                &italian::share_percent(lot.reserved_share.value()),
                &ceiling.map(italian::euro).unwrap_or_default(),
            ))
            .wrap(),
        );
        ui.add(egui::Label::new(s::lot_allocation(&italian::allocation(lot.allocation))).wrap());
        if !lot.description.is_empty() {
            ui.add(egui::Label::new(RichText::new(&lot.description).weak()).wrap());
        }
        ui.add_space(4.0);
    }
}

fn funding_ui(ui: &mut Ui, desk: &Desk) {
    let call = desk.ws.call();
    let f = &call.funding;
    widgets::section(ui, s::CALL_FUNDING);
    let mut rules = Vec::new();
    if let Some(share) = f.min_cofinancing_share {
        rules.push(s::rule_min_cofinancing(&italian::share_percent(
            share.value(),
        )));
    }
    if let Some(cap) = f.max_contribution_per_project {
        rules.push(s::rule_project_cap(&italian::euro(cap)));
    }
    if let Some(share) = f.max_contribution_share {
        rules.push(s::rule_max_contribution(&italian::share_percent(
            share.value(),
        )));
    }
    if let Some(share) = f.in_kind_max_share_of_cofinancing {
        rules.push(s::rule_in_kind(&italian::share_percent(share.value())));
    }
    for cap in &f.category_caps {
        let name = call
            .budget_categories
            .iter()
            .find(|c| c.id == cap.category)
            .map_or_else(|| cap.category.to_string(), |c| c.name.clone());
        rules.push(s::rule_category_cap(
            &name,
            &italian::share_percent(cap.max_share.value()),
            cap.of,
        ));
    }
    rules.push(s::RULE_BALANCE.to_string());
    rules.push(s::RULE_LOT_CAP.to_string());
    for r in rules {
        ui.horizontal_top(|ui| {
            ui.label("•");
            ui.add(egui::Label::new(r).wrap());
        });
    }
}

fn criteria_ui(ui: &mut Ui, desk: &Desk) {
    let call = desk.ws.call();
    widgets::section(ui, s::CALL_CRITERIA);
    for c in &call.criteria {
        criterion_ui(ui, c, 0);
    }
    ui.add_space(4.0);
    if let Some(min) = call.overall_min {
        ui.label(s::overall_min(&italian::number(min.value())));
    }
    ui.label(s::max_total(&italian::number(call.max_total())));
    if call.rescale_totals {
        ui.label(s::RESCALE_TOTALS);
    }
    if call.collegial_mark {
        ui.add(egui::Label::new(s::COLLEGIAL_MARK_RULE).wrap());
    }
    ui.label(s::decimals(call.decimals));
    if !call.tie_breaks.is_empty() {
        let list: Vec<String> = call
            .tie_breaks
            .iter()
            .map(|t| match t {
                TieBreak::Criterion(id) => s::tie_break_criterion(id.as_str()),
                TieBreak::EarlierSubmission => s::TIE_BREAK_EARLIER.into(),
                TieBreak::LowerRequested => s::TIE_BREAK_LOWER_REQUESTED.into(),
            })
            .collect();
        ui.add(egui::Label::new(s::tie_breaks(&list.join("; "))).wrap());
    }
    if !call.judgement_scale.is_empty() {
        widgets::section(ui, s::CALL_SCALE);
        ui.horizontal_wrapped(|ui| {
            for j in &call.judgement_scale {
                widgets::badge(
                    ui,
                    &s::judgement(&j.label, &italian::number(j.coefficient.value())),
                    Tone::Neutral,
                );
            }
        });
        ui.label(s::discordance_gap(&italian::share_percent(
            call.discordance_gap.value(),
        )));
    }
}

/// A criterion as a block: its title, then its maximum, threshold and method in one line.
fn criterion_ui(ui: &mut Ui, c: &Criterion, depth: usize) {
    ui.horizontal_top(|ui| {
        ui.add_space(depth as f32 * 20.0);
        ui.vertical(|ui| {
            ui.add(
                egui::Label::new(RichText::new(format!("{} · {}", c.id, c.title)).strong()).wrap(),
            );
            if !c.description.is_empty() {
                ui.add(egui::Label::new(RichText::new(&c.description).weak()).wrap());
            }
            let mut facts = vec![s::max_points(&italian::number(c.max.value()))];
            if let Some(min) = c.min {
                facts.push(s::threshold(&italian::number(min.value())));
            }
            if c.rescale {
                facts.push(s::RESCALED.into());
            }
            facts.push(method(c));
            ui.add(egui::Label::new(facts.join(" · ")).wrap());
        });
    });
    ui.add_space(2.0);
    for sub in c.subcriteria() {
        criterion_ui(ui, sub, depth + 1);
    }
}

/// How a criterion is scored, in a few words.
pub fn method(c: &Criterion) -> String {
    match &c.scoring {
        Scoring::Coefficient => s::METHOD_COEFFICIENT.into(),
        Scoring::Points { step } => {
            s::method_points(step.map(|p| italian::number(p.value())).as_deref())
        }
        Scoring::Linear { measure } => s::method_linear(match measure {
            Measure::CofinancingShare => s::MEASURE_COFINANCING.to_string(),
            Measure::CofinancingShareAboveMinimum => s::MEASURE_COFINANCING_ABOVE.to_string(),
            Measure::Declared { unit } => s::measure_declared(unit),
        }),
        Scoring::Levels(levels) => s::method_levels(
            &levels
                .iter()
                .map(|l| format!("{} {}", l.label, italian::number(l.points.value())))
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        Scoring::Subcriteria(_) => s::METHOD_SUBCRITERIA.into(),
    }
}

fn documents_ui(ui: &mut Ui, desk: &Desk) {
    let call = desk.ws.call();
    widgets::section(ui, s::CALL_DOCUMENTS);
    if call.required_documents.is_empty() {
        ui.weak(s::NO_REQUIRED_DOCUMENTS);
    }
    for d in &call.required_documents {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            ui.label(&d.title);
            if !d.mandatory {
                ui.weak(s::DOCUMENT_OPTIONAL);
            }
        });
    }
    widgets::section(ui, s::CALL_LEGAL_FORMS);
    if call.admitted_legal_forms.is_empty() {
        ui.label(s::ANY_LEGAL_FORM);
    } else {
        let forms: Vec<String> = call
            .admitted_legal_forms
            .iter()
            .map(italian::legal_form)
            .collect();
        ui.add(egui::Label::new(forms.join(", ")).wrap());
    }
    ui.label(if call.informal_groups_allowed {
        s::INFORMAL_ALLOWED
    } else {
        s::INFORMAL_NOT_ALLOWED
    });
}

fn commission_ui(ui: &mut Ui, desk: &Desk) {
    let commission = desk.ws.commission();
    widgets::section(ui, s::CALL_COMMISSION);
    ui.label(RichText::new(&commission.appointed_by).italics());
    Grid::new("avviso_commissione")
        .num_columns(3)
        .spacing([16.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for m in commission.sitting() {
                ui.label(&m.name);
                if m.substitute.is_some() {
                    ui.label(s::SUBSTITUTE_ROLE);
                } else {
                    ui.label(italian::role(m.role));
                }
                ui.add(egui::Label::new(&m.qualification).wrap());
                ui.end_row();
            }
        });
    for m in &commission.members {
        if let Some(r) = &m.replaced {
            let by = commission
                .member(&r.by)
                .map_or_else(|| r.by.to_string(), |b| b.name.clone());
            ui.add(
                egui::Label::new(s::was_replaced(&m.name, &by, &italian::date(r.on), &r.act))
                    .wrap(),
            );
        }
        if let Some(sub) = &m.substitute {
            let list: Vec<String> = sub.applications.iter().map(|p| p.to_string()).collect();
            ui.add(egui::Label::new(s::substitute_for(&m.name, &list.join(", "))).wrap());
        }
    }
    ui.add_space(16.0);
}
