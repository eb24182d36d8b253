//! Graduatoria: per lot, the ranking with totals, outcomes and amounts granted, the funds left,
//! the ties awaiting a draw; bar charts of the totals split by criterion and of the funds used.

mod eventi;

use egui::{Align, Layout, RichText, ScrollArea, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Plot};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::domain::{Criterion, Lot, LotId, Protocol};
use crate::italian;
use crate::rules::{ApplicationResult, Gap, LotResult, Outcome, ThresholdFailure, Tie};

use super::{Desk, View};
use crate::app::strings as s;
use crate::app::widgets::{self, Tone};

/// Criteria shown as columns of the table; with more, only the total (each application's page
/// has them all).
const CRITERIA_COLUMNS: usize = 8;
/// Places drawn in the charts: beyond these the bars would be hairlines.
const CHART_PLACES: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Table,
    Charts,
    /// Events after the ranking (see `eventi`).
    Events,
    /// Every lot in one table: applications, admitted, ranked, funded, funds.
    Lots,
}

#[derive(Default)]
pub struct State {
    lot: Option<LotId>,
    tab: Tab,
    events: eventi::State,
    /// The lot's applications in ranking order, for a generation of the workspace.
    rows: Option<(u64, LotId, Vec<Protocol>)>,
    /// The export row is open, with the path typed in it.
    export: Option<String>,
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
    toolbar_ui(ui, state, desk);
    left_out_ui(ui, desk);
    if let Some(path) = &mut state.export {
        export_ui(ui, path, desk);
    }
    if state.tab == Tab::Lots {
        ui.separator();
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| lots_ui(ui, desk));
        return;
    }
    if call.lots.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.label(s::LOT);
            for lot in &call.lots {
                ui.selectable_value(&mut state.lot, Some(lot.id.clone()), &lot.name);
            }
        });
    }
    let Some(lot) = state.lot.as_ref().and_then(|l| call.lot(l)) else {
        return;
    };
    let Some(result) = desk.eval.lots.get(&lot.id) else {
        return;
    };
    ui.separator();
    summary_ui(ui, lot, result);
    match state.tab {
        Tab::Table => {
            let fresh = state
                .rows
                .as_ref()
                .is_some_and(|(g, l, _)| *g == desk.generation && *l == lot.id);
            if !fresh {
                let rows = desk
                    .eval
                    .lot_applications(&lot.id)
                    .into_iter()
                    .map(|r| r.protocol.clone())
                    .collect();
                state.rows = Some((desk.generation, lot.id.clone(), rows));
            }
            if let Some((_, _, rows)) = &state.rows {
                table_ui(ui, lot, rows, desk);
            }
        }
        Tab::Charts => {
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| charts_ui(ui, lot, result, desk));
        }
        Tab::Events => eventi::eventi_ui(ui, &mut state.events, desk),
        Tab::Lots => {}
    }
}

/// The view's heading: its tabs, the presentation and the exports.
fn toolbar_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let call = desk.ws.call();
    ui.horizontal_wrapped(|ui| {
        ui.heading(s::VIEW_GRADUATORIA);
        ui.separator();
        ui.selectable_value(&mut state.tab, Tab::Table, s::TAB_RANKING);
        ui.selectable_value(&mut state.tab, Tab::Charts, s::TAB_CHARTS);
        ui.selectable_value(&mut state.tab, Tab::Events, s::TAB_EVENTS);
        if call.lots.len() > 1 {
            ui.selectable_value(&mut state.tab, Tab::Lots, s::TAB_ALL_LOTS);
        }
        ui.separator();
        if ui
            .button(s::PRESENT)
            .on_hover_text(s::PRESENT_HINT)
            .clicked()
        {
            desk.out.push(super::Action::Present(None));
        }
        exports_ui(ui, state, desk);
    });
}

/// The documents written from the ranking. Those that show the others' marks or the points
/// made of them (the public ranking, the letters, the score matrix) wait, for a member under
/// independent judgement, for their own marks on every application; the transparency table
/// has the grants only, as the table of the ranking shows them.
fn exports_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let may = desk.sees_all_marks();
    let why_not = s::EXPORT_AFTER_YOURS;
    let ranking = egui::Button::new(s::EXPORT_RANKING);
    if widgets::button_if(ui, may, ranking, s::EXPORT_RANKING_HINT, why_not).clicked() {
        desk.out.push(super::Action::ExportRanking);
    }
    let letters = egui::Button::new(s::EXPORT_LETTERS);
    if widgets::button_if(ui, may, letters, s::EXPORT_LETTERS_HINT, why_not).clicked() {
        desk.out.push(super::Action::ExportLetters);
    }
    if ui
        .button(s::EXPORT_TRANSPARENCY)
        .on_hover_text(s::EXPORT_TRANSPARENCY_HINT)
        .clicked()
    {
        desk.out.push(super::Action::ExportTransparency);
    }
    if !may {
        state.export = None;
    }
    let spreadsheet = egui::Button::selectable(state.export.is_some(), s::EXPORT_SPREADSHEET);
    if widgets::button_if(ui, may, spreadsheet, s::EXPORT_SPREADSHEET_HINT, why_not).clicked() {
        state.export = match state.export {
            Some(_) => None,
            None => Some(desk.dir.join(s::SPREADSHEET_NAME).display().to_string()),
        };
    }
}

/// The summary of every lot, from the evaluation, with a row of totals.
fn lots_ui(ui: &mut Ui, desk: &Desk) {
    let call = desk.ws.call();
    ui.label(RichText::new(s::TAB_ALL_LOTS).heading());
    let numeric = |ui: &mut Ui, text: String| {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(text);
        });
    };
    egui::Grid::new("riepilogo_lotti")
        .num_columns(8)
        .spacing([18.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for title in [
                s::LOT,
                s::COL_APPLICATIONS,
                s::COL_ADMITTED,
                s::COL_RANKED,
                s::COL_FUNDED,
                s::COL_BUDGET,
                s::COL_ALLOCATED,
                s::COL_REMAINING,
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for lot in &call.lots {
                let Some(r) = desk.eval.lots.get(&lot.id) else {
                    continue;
                };
                let c = desk.eval.lot_counts(&lot.id);
                widgets::fixed(ui, 240.0, |ui| {
                    ui.add(egui::Label::new(&lot.name).truncate())
                        .on_hover_text(&lot.name);
                });
                for n in [c.applications, c.admitted, c.ranked, c.funded] {
                    numeric(ui, n.to_string());
                }
                for m in [r.ceiling, r.granted, r.remaining] {
                    numeric(ui, italian::euro(m));
                }
                ui.end_row();
            }
            // The totals, as the rules add them up.
            let total = desk.eval.lots_total();
            ui.strong(s::TOTAL);
            let c = total.counts;
            for n in [c.applications, c.admitted, c.ranked, c.funded] {
                numeric(ui, n.to_string());
            }
            for m in [total.ceiling, total.granted, total.remaining] {
                numeric(ui, italian::euro(m));
            }
            ui.end_row();
        });
    widgets::keys_hint(ui, s::LOTS_NOTE);
}

/// What the ranking cannot show because its files could not be read: said at the top, in the
/// heading's size, with each file and why; a session cannot be closed until they are fixed.
fn left_out_ui(ui: &mut Ui, desk: &Desk) {
    if desk.problems.is_empty() {
        return;
    }
    let mut applications: Vec<String> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for p in desk.problems {
        let file = p.file.to_string_lossy().replace('\\', "/");
        let list = if file.starts_with("candidature/") {
            &mut applications
        } else {
            &mut others
        };
        if !list.contains(&file) {
            list.push(file);
        }
    }
    let color = Tone::Bad.color(ui);
    let title = s::left_out_heading(applications.len(), others.len());
    ui.add(egui::Label::new(RichText::new(title).heading().color(color)).wrap());
    for p in desk.problems {
        widgets::note(ui, Tone::Bad, p.to_string());
    }
    widgets::keys_hint(ui, s::LEFT_OUT_HINT);
    ui.separator();
}

/// Where to save the spreadsheet: the system's dialog, or a typed path where there is none.
fn export_ui(ui: &mut Ui, path: &mut String, desk: &mut Desk) {
    ui.horizontal_wrapped(|ui| {
        if ui.button(s::SAVE_AS).clicked() {
            desk.out.push(super::Action::ExportSpreadsheet(None));
        }
        let label = ui.label(s::SAVE_PATH);
        let r = ui
            .add(egui::TextEdit::singleline(path).desired_width(420.0))
            .labelled_by(label.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(s::SAVE_HERE).clicked() || enter) && !path.trim().is_empty() {
            let path = std::path::PathBuf::from(path.trim());
            desk.out.push(super::Action::ExportSpreadsheet(Some(path)));
        }
    });
    widgets::keys_hint(ui, s::EXPORT_SPREADSHEET_HINT);
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
    // Ties awaiting a draw, in words, whatever the table shows.
    for place in &r.ranking {
        if let Tie::Unresolved { with } = &place.tie
            && with.iter().all(|p| *p > place.protocol)
        {
            let mut group = vec![place.protocol.as_str()];
            group.extend(with.iter().map(|p| p.as_str()));
            widgets::note(
                ui,
                Tone::Warn,
                s::tie_pending(place.rank, &group.join(", ")),
            );
        }
    }
    ui.add_space(4.0);
}

/// Every application of the lot: the ranked ones by place, then the others with the reason they
/// are not ranked. Only the rows in sight are drawn.
fn table_ui(ui: &mut Ui, lot: &Lot, rows: &[Protocol], desk: &mut Desk) {
    let call = desk.ws.call();
    let criteria: Vec<_> = if call.criteria.len() <= CRITERIA_COLUMNS {
        call.criteria.iter().collect()
    } else {
        Vec::new()
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
    let mut goto = None;
    let numeric = |ui: &mut Ui, text: String| {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(text);
        });
    };
    // A call with many criteria scrolls sideways rather than squeeze the columns. (The amount
    // requested is on each application's page: the ranking shows what is granted.)
    ScrollArea::horizontal().show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(Sense::click())
            .cell_layout(Layout::left_to_right(Align::Center))
            .auto_shrink([false, false])
            .column(Column::exact(30.0))
            .column(Column::auto().at_least(90.0))
            .column(Column::exact(160.0).clip(true));
        // Right-aligned figures fill their cell: an auto width would grow every frame.
        for _ in &criteria {
            table = table.column(Column::exact(46.0));
        }
        // The notes take what is left of a 1366-pixel screen, cut with "…" and whole on hover.
        table
            .column(Column::exact(60.0))
            .column(Column::exact(96.0).clip(true))
            .column(Column::auto().at_least(150.0))
            .column(Column::remainder().at_least(80.0).clip(true))
            .header(row_height, |mut header| {
                header.col(|ui| {
                    ui.strong(s::COL_POSITION);
                });
                header.col(|ui| {
                    ui.strong(s::COL_PROTOCOL);
                });
                header.col(|ui| {
                    ui.strong(s::COL_APPLICANT);
                });
                for c in &criteria {
                    header.col(|ui| {
                        ui.strong(c.id.as_str()).on_hover_text(&c.title);
                    });
                }
                for title in [s::TOTAL, s::COL_GRANTED, s::COL_STATUS, s::COL_NOTE] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let Some(r) = rows.get(row.index()).and_then(|p| desk.eval.application(p))
                    else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(r.rank().map(|n| n.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        if ui.link(r.protocol.as_str()).clicked() {
                            goto = Some(r.protocol.clone());
                        }
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(desk.applicant(&r.protocol)).truncate());
                    });
                    points_cells(&mut row, r, &criteria, desk);
                    row.col(|ui| numeric(ui, r.granted.map(italian::amount).unwrap_or_default()));
                    let note = note(r, desk);
                    row.col(|ui| {
                        let badge = widgets::status_badge(ui, r, lot.allocation);
                        if !note.is_empty() {
                            badge.on_hover_text(&note);
                        }
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(RichText::new(&note).weak()).truncate())
                            .on_hover_text(&note);
                    });
                    if row.response().clicked() {
                        goto = Some(r.protocol.clone());
                    }
                });
            });
    });
    if let Some(p) = goto {
        desk.goto(View::Candidature, Some(p));
    }
}

/// An application's points per criterion and its total. Independent judgement: a member who
/// has not yet marked it sees a «?» in their place.
fn points_cells(
    row: &mut egui_extras::TableRow,
    r: &ApplicationResult,
    criteria: &[&Criterion],
    desk: &Desk,
) {
    let sees = r.scores.is_none() || desk.sees_others_marks(&r.protocol);
    let scores = r.scores.as_ref().filter(|_| sees);
    let figure = |ui: &mut Ui, text: String, strong: bool| {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if !sees {
                ui.weak(s::MATRIX_HIDDEN)
                    .on_hover_text(s::MARKS_AFTER_YOURS);
            } else if strong {
                ui.strong(text);
            } else {
                ui.label(text);
            }
        });
    };
    for c in criteria {
        row.col(|ui| {
            let p = scores.and_then(|sc| sc.points(&c.id));
            figure(ui, p.map(italian::number).unwrap_or_default(), false);
        });
    }
    row.col(|ui| {
        let total = scores.and_then(|sc| sc.total).map(italian::number);
        figure(ui, total.unwrap_or_default(), true);
    });
}

/// What the last column says: the tie, or why the application is not ranked.
fn note(r: &ApplicationResult, desk: &Desk) -> String {
    match &r.place {
        Some(place) => match &place.tie {
            Tie::None => String::new(),
            Tie::Unresolved { with } => s::tie_with(&join(with)),
            Tie::SettledByDraw { session, with } => {
                let number = desk.ws.session(session).map(|s| s.number);
                s::tie_drawn(&join(with), number)
            }
        },
        None => why_not_ranked(r, desk),
    }
}

fn join(list: &[Protocol]) -> String {
    list.iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn why_not_ranked(r: &ApplicationResult, desk: &Desk) -> String {
    match r.outcome {
        Outcome::ExclusionProposed => {
            let failing: Vec<String> = r
                .admission
                .failures()
                .map(|f| f.message.to_string())
                .collect();
            s::exclusion_proposed(&failing.join(" "))
        }
        Outcome::Excluded => {
            if r.admission.reason.is_empty() {
                r.admission
                    .failures()
                    .next()
                    .map(|f| f.message.to_string())
                    .unwrap_or_default()
            } else {
                r.admission.reason.clone()
            }
        }
        Outcome::BelowThreshold if !desk.sees_others_marks(&r.protocol) => {
            s::MARKS_AFTER_YOURS.to_string()
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
                    Gap::TooFewMembers { required, .. } => s::gap_too_few(*required),
                    Gap::NotDeclared => s::GAP_NOT_DECLARED.into(),
                    Gap::NoCollegialMark => s::GAP_NO_COLLEGIAL_MARK.into(),
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
    if r.ranking.len() > CHART_PLACES {
        ui.weak(s::chart_first(CHART_PLACES));
    }
    let places = &r.ranking[..r.ranking.len().min(CHART_PLACES)];
    let criteria = &desk.ws.call().criteria;
    let mut charts: Vec<BarChart> = Vec::new();
    for (k, c) in criteria.iter().enumerate() {
        let bars: Vec<Bar> = places
            .iter()
            .enumerate()
            .map(|(i, place)| {
                let p = desk
                    .eval
                    .application(&place.protocol)
                    .filter(|_| desk.sees_others_marks(&place.protocol))
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
    let labels: Vec<String> = places.iter().map(|p| p.protocol.to_string()).collect();
    let count = places.len() as f64;
    Plot::new(("totali", lot.id.as_str()))
        .height(240.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(0.4)
        .include_x(count + 0.6)
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

    funds_chart_ui(ui, lot, r, places, desk);
}

/// The lot's funds: what each of the first places is granted, the others' share, what is left.
fn funds_chart_ui(
    ui: &mut Ui,
    lot: &Lot,
    r: &LotResult,
    places: &[crate::rules::Place],
    desk: &Desk,
) {
    widgets::section(ui, s::CHART_FUNDS);
    let mut parts: Vec<(String, Decimal, egui::Color32)> = Vec::new();
    for (i, place) in places.iter().enumerate() {
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
    let rest: crate::domain::Money = r.ranking[places.len()..]
        .iter()
        .filter_map(|p| desk.eval.application(&p.protocol).and_then(|a| a.granted))
        .sum();
    if !rest.is_zero() {
        parts.push((
            s::chart_granted_others(&italian::euro(rest)),
            rest.value(),
            egui::Color32::DARK_GRAY,
        ));
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
        // Tick marks are whole euros: the plot's coordinates, written the Italian way.
        .x_axis_formatter(|mark, _| italian::number(Decimal::from(mark.value.round() as i64)))
        .x_axis_label(s::CHART_EURO)
        .show(ui, |plot| {
            for chart in stacked {
                plot.bar_chart(chart);
            }
        });
}
