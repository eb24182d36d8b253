//! Graduatoria: per lot, the ranking with totals, outcomes and amounts granted, the funds left,
//! the ties awaiting a draw; bar charts of the totals split by criterion and of the funds used.

use egui::{Grid, RichText, ScrollArea, Ui};
use egui_plot::{Bar, BarChart, Plot};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::domain::{Lot, LotId};
use crate::italian;
use crate::rules::{ApplicationResult, Gap, LotResult, Outcome, ThresholdFailure, Tie};

use super::{Desk, View};
use crate::app::strings as s;
use crate::app::widgets::{self, Tone};

#[derive(Default)]
pub struct State {
    lot: Option<LotId>,
}

pub fn graduatoria_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let call = desk.ws.call();
    if call.lots.is_empty() {
        widgets::empty(ui, s::NO_LOTS);
        return;
    }
    if state.lot.as_ref().is_none_or(|l| call.lot(l).is_none()) {
        state.lot = call.lots.first().map(|l| l.id.clone());
    }
    ui.horizontal_wrapped(|ui| {
        ui.heading(s::VIEW_GRADUATORIA);
        if call.lots.len() > 1 {
            for lot in &call.lots {
                ui.selectable_value(&mut state.lot, Some(lot.id.clone()), &lot.name);
            }
        }
        if ui
            .button(s::PRESENT)
            .on_hover_text(s::PRESENT_HINT)
            .clicked()
        {
            desk.out.push(super::Action::Present(None));
        }
    });
    let Some(lot) = state.lot.as_ref().and_then(|l| call.lot(l)) else {
        return;
    };
    let Some(result) = desk.eval.lots.get(&lot.id) else {
        return;
    };
    ui.separator();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            summary_ui(ui, lot, result);
            ranking_ui(ui, lot, desk);
            others_ui(ui, lot, desk);
            charts_ui(ui, lot, result, desk);
            ui.add_space(16.0);
        });
}

fn summary_ui(ui: &mut Ui, lot: &Lot, r: &LotResult) {
    ui.label(RichText::new(&lot.name).heading());
    ui.horizontal_wrapped(|ui| {
        ui.label(s::funds(
            &italian::euro(r.ceiling),
            &italian::euro(r.granted),
            &italian::euro(r.remaining),
        ));
        ui.weak(italian::allocation(lot.allocation));
    });
    if r.provisional {
        widgets::note(ui, Tone::Warn, s::RANKING_PROVISIONAL);
    }
    if r.halted_by_tie {
        widgets::note(ui, Tone::Warn, s::RANKING_HALTED);
    }
}

fn ranking_ui(ui: &mut Ui, lot: &Lot, desk: &mut Desk) {
    let call = desk.ws.call();
    let criteria = &call.criteria;
    let Some(result) = desk.eval.lots.get(&lot.id) else {
        return;
    };
    widgets::section(ui, s::RANKING);
    if result.ranking.is_empty() {
        widgets::empty(ui, s::RANKING_EMPTY);
        return;
    }
    let mut goto = None;
    // Wide calls (many criteria) scroll sideways rather than squeeze the columns.
    ScrollArea::horizontal()
        .id_salt(("graduatoria_larga", lot.id.as_str()))
        .show(ui, |ui| {
            Grid::new(("graduatoria", lot.id.as_str()))
                .striped(true)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    ui.strong(s::COL_POSITION);
                    ui.strong(s::COL_PROTOCOL);
                    ui.strong(s::COL_APPLICANT);
                    for c in criteria {
                        ui.strong(c.id.as_str()).on_hover_text(&c.title);
                    }
                    ui.strong(s::TOTAL);
                    ui.strong(s::COL_REQUESTED);
                    ui.strong(s::COL_GRANTED);
                    ui.strong(s::COL_STATUS);
                    ui.end_row();
                    for place in &result.ranking {
                        let Some(app) = desk.eval.application(&place.protocol) else {
                            continue;
                        };
                        ui.label(place.rank.to_string());
                        if ui.link(place.protocol.as_str()).clicked() {
                            goto = Some(place.protocol.clone());
                        }
                        widgets::fixed_label(ui, 220.0, desk.applicant(&place.protocol));
                        let scores = app.scores.as_ref();
                        for c in criteria {
                            let p = scores.and_then(|sc| sc.points(&c.id));
                            ui.label(p.map(italian::number).unwrap_or_default());
                        }
                        ui.strong(
                            scores
                                .and_then(|sc| sc.total)
                                .map(italian::number)
                                .unwrap_or_default(),
                        );
                        ui.label(italian::amount(app.budget.requested));
                        ui.label(app.granted.map(italian::amount).unwrap_or_default());
                        ui.vertical(|ui| {
                            widgets::status_badge(ui, app, lot.allocation);
                            match &place.tie {
                                Tie::None => {}
                                Tie::Unresolved { with } => {
                                    ui.weak(s::tie_with(&join(with)));
                                }
                                Tie::SettledByDraw { session, with } => {
                                    let number = desk.ws.session(session).map(|s| s.number);
                                    ui.weak(s::tie_drawn(&join(with), number));
                                }
                            }
                        });
                        ui.end_row();
                    }
                });
        });
    if let Some(p) = goto {
        desk.goto(View::Candidature, Some(p));
    }
}

fn join(list: &[crate::domain::Protocol]) -> String {
    list.iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Applications not in the ranking, and why.
fn others_ui(ui: &mut Ui, lot: &Lot, desk: &mut Desk) {
    let others: Vec<&ApplicationResult> = desk
        .eval
        .lot_applications(&lot.id)
        .into_iter()
        .filter(|r| r.place.is_none())
        .collect();
    if others.is_empty() {
        return;
    }
    widgets::section(ui, s::NOT_RANKED);
    let mut goto = None;
    for r in others {
        ui.horizontal_wrapped(|ui| {
            if ui.link(r.protocol.as_str()).clicked() {
                goto = Some(r.protocol.clone());
            }
            ui.label(desk.applicant(&r.protocol));
            widgets::status_badge(ui, r, lot.allocation);
        });
        let why = why_not_ranked(r, desk);
        if !why.is_empty() {
            ui.horizontal_top(|ui| {
                ui.add_space(16.0);
                ui.add(egui::Label::new(RichText::new(why).weak()).wrap());
            });
        }
        ui.add_space(4.0);
    }
    if let Some(p) = goto {
        desk.goto(View::Candidature, Some(p));
    }
}

fn why_not_ranked(r: &ApplicationResult, desk: &Desk) -> String {
    match r.outcome {
        Outcome::Excluded => {
            if r.admission.reason.is_empty() {
                r.admission
                    .failures()
                    .next()
                    .map(|f| f.message.clone())
                    .unwrap_or_default()
            } else {
                r.admission.reason.clone()
            }
        }
        Outcome::BelowThreshold => {
            let list: Vec<String> = r
                .scores
                .iter()
                .flat_map(|sc| &sc.threshold_failures)
                .map(|f| match f {
                    ThresholdFailure::Criterion(id) => s::below_criterion(id.as_str()),
                    ThresholdFailure::Overall => s::BELOW_OVERALL.into(),
                })
                .collect();
            list.join("; ")
        }
        Outcome::Incomplete => {
            let mut missing: Vec<String> = Vec::new();
            for (_, gap) in r.scores.iter().flat_map(|sc| sc.gaps()) {
                let text = match gap {
                    Gap::NotScored { member } => s::gap_not_scored(&desk.member_name(member)),
                    Gap::NoReason { member } => s::gap_no_reason(&desk.member_name(member)),
                    Gap::NobodyCanScore => s::GAP_NOBODY.into(),
                    Gap::NotDeclared => s::GAP_NOT_DECLARED.into(),
                    Gap::TooLarge => s::GAP_TOO_LARGE.into(),
                };
                if !missing.contains(&text) {
                    missing.push(text);
                }
            }
            missing.join("; ")
        }
        _ => String::new(),
    }
}

/// Decimals to plot coordinates: the charts are pictures of figures computed exactly elsewhere.
fn plot_value(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Colours of the criteria in the charts, told apart in both themes.
const PALETTE: [egui::Color32; 8] = [
    egui::Color32::from_rgb(0x42, 0x85, 0xf4),
    egui::Color32::from_rgb(0xf4, 0xa2, 0x42),
    egui::Color32::from_rgb(0x34, 0xa8, 0x53),
    egui::Color32::from_rgb(0xab, 0x47, 0xbc),
    egui::Color32::from_rgb(0xea, 0x43, 0x35),
    egui::Color32::from_rgb(0x00, 0xac, 0xc1),
    egui::Color32::from_rgb(0x9e, 0x9d, 0x24),
    egui::Color32::from_rgb(0x8d, 0x6e, 0x63),
];

fn colour(i: usize) -> egui::Color32 {
    PALETTE[i % PALETTE.len()]
}

/// A coloured square and a name: the charts' key, outside the plot so it never hides a bar.
fn key_ui(ui: &mut Ui, colour: egui::Color32, text: &str) {
    let size = ui.text_style_height(&egui::TextStyle::Body) * 0.8;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
    ui.label(text);
}

fn charts_ui(ui: &mut Ui, lot: &Lot, r: &LotResult, desk: &Desk) {
    if r.ranking.is_empty() {
        return;
    }
    widgets::section(ui, s::CHART_TOTALS);
    let criteria = &desk.ws.call().criteria;
    let mut charts: Vec<BarChart> = Vec::new();
    for (k, c) in criteria.iter().enumerate() {
        let bars: Vec<Bar> = r
            .ranking
            .iter()
            .enumerate()
            .map(|(i, place)| {
                let p = desk
                    .eval
                    .application(&place.protocol)
                    .and_then(|a| a.scores.as_ref())
                    .and_then(|sc| sc.points(&c.id))
                    .unwrap_or_default();
                Bar::new(i as f64 + 1.0, plot_value(p))
                    .name(format!("{} · {}", place.protocol, c.id))
                    .fill(colour(k))
                    .width(0.6)
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(format!("{} · {}", c.id, c.title), bars)
            .color(colour(k))
            .stack_on(&refs);
        charts.push(chart);
    }
    ui.horizontal_wrapped(|ui| {
        for (k, c) in criteria.iter().enumerate() {
            key_ui(ui, colour(k), &format!("{} · {}", c.id, c.title));
            ui.add_space(8.0);
        }
    });
    let labels: Vec<String> = r.ranking.iter().map(|p| p.protocol.to_string()).collect();
    let places = r.ranking.len() as f64;
    Plot::new(("totali", lot.id.as_str()))
        .height(240.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(0.4)
        .include_x(places + 0.6)
        .include_y(0.0)
        .include_y(plot_value(desk.ws.call().max_total()))
        .y_axis_label(s::CHART_POINTS)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round() as i64 - 1;
            if (mark.value - mark.value.round()).abs() > 1e-6 || i < 0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        })
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });

    widgets::section(ui, s::CHART_FUNDS);
    ui.label(s::funds(
        &italian::euro(r.ceiling),
        &italian::euro(r.granted),
        &italian::euro(r.remaining),
    ));
    let mut parts: Vec<(String, Decimal, egui::Color32)> = Vec::new();
    for (i, place) in r.ranking.iter().enumerate() {
        let granted = desk
            .eval
            .application(&place.protocol)
            .and_then(|a| a.granted)
            .unwrap_or_default();
        if !granted.is_zero() {
            parts.push((
                s::chart_granted(place.protocol.as_str(), &italian::euro(granted)),
                granted.value(),
                colour(i),
            ));
        }
    }
    parts.push((
        s::chart_remaining(&italian::euro(r.remaining)),
        r.remaining.value(),
        egui::Color32::GRAY,
    ));
    ui.horizontal_wrapped(|ui| {
        for (name, _, c) in &parts {
            key_ui(ui, *c, name);
            ui.add_space(8.0);
        }
    });
    let mut stacked: Vec<BarChart> = Vec::new();
    for (name, value, c) in parts {
        let refs: Vec<&BarChart> = stacked.iter().collect();
        let bar = Bar::new(0.0, plot_value(value))
            .name(&name)
            .fill(c)
            .width(0.6);
        stacked.push(
            BarChart::new(name, vec![bar])
                .horizontal()
                .color(c)
                .stack_on(&refs),
        );
    }
    Plot::new(("risorse", lot.id.as_str()))
        .height(90.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_y(false)
        .include_x(0.0)
        .include_x(plot_value(r.ceiling.value()))
        .y_axis_formatter(|_, _| String::new())
        .x_axis_label(s::CHART_EURO)
        .show(ui, |plot| {
            for chart in stacked {
                plot.bar_chart(chart);
            }
        });
}
