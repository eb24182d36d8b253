//! Candidature: every application in one table (virtual scrolling, so a call of thousands of
//! applications draws only the rows in sight), sorted and filtered; a row opens its page.

mod candidatura;
mod piano;
pub mod registrazione;

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::{Allocation, Application, LotId, Protocol};
use crate::italian;
use crate::rules::{ApplicationResult, Outcome};

use super::{Desk, importa};
use crate::app::strings as s;
use crate::app::widgets;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum SortBy {
    #[default]
    Protocol,
    Applicant,
    Lot,
    Cost,
    Requested,
    Cofinancing,
    Share,
    Status,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Filter {
    lot: Option<LotId>,
    outcome: Option<Outcome>,
    text: String,
    sort: SortBy,
    descending: bool,
}

#[derive(Default)]
pub struct State {
    /// The application whose page is open.
    pub open: Option<Protocol>,
    filter: Filter,
    /// The rows for a filter at a generation of the workspace: sorted once, not every frame.
    rows: Option<(u64, Filter, Vec<Protocol>)>,
    /// The import from spreadsheets, while its page is open.
    pub import: Option<importa::State>,
    /// Registering an application by hand, and correcting or removing one.
    pub registrazione: registrazione::State,
}

pub fn candidature_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    if let Some(protocol) = state.open.clone() {
        if desk.ws.application(&protocol).is_some() {
            candidatura::candidatura_ui(ui, state, &protocol, desk);
            return;
        }
        state.open = None;
    }
    if registrazione::form_ui(ui, &mut state.registrazione, desk) {
        return;
    }
    if let Some(import) = &mut state.import {
        if !importa::importa_ui(ui, import, desk) {
            state.import = None;
        }
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.heading(s::VIEW_CANDIDATURE);
        if desk.can_edit_records() {
            ui.separator();
            if ui
                .button(s::IMPORT_APPLICATIONS)
                .on_hover_text(s::IMPORT_APPLICATIONS_HINT)
                .clicked()
            {
                state.import = Some(importa::State::new(crate::import::PlanKind::Applications));
            }
            if ui
                .button(s::REGISTER_APPLICATION)
                .on_hover_text(s::REGISTER_APPLICATION_HINT)
                .clicked()
            {
                state.registrazione.form = Some(registrazione::Form::new(desk.ws));
            }
        }
    });
    filter_ui(ui, &mut state.filter, desk);
    ui.separator();
    let rows = rows(state, desk).to_vec();
    if rows.is_empty() {
        widgets::empty(
            ui,
            if desk.ws.applications().is_empty() {
                s::NO_APPLICATIONS
            } else {
                s::NO_APPLICATIONS_MATCH
            },
        );
        return;
    }
    table_ui(ui, state, &rows, desk);
}

/// An application with its result and its lot's allocation (how its outcome reads), when the
/// workspace and the evaluation both have it.
fn looked_up<'d>(
    desk: &Desk<'d>,
    protocol: &Protocol,
) -> Option<(&'d Application, &'d ApplicationResult, Allocation)> {
    let app = desk.ws.application(protocol)?;
    let result = desk.eval.application(protocol)?;
    let allocation = desk
        .ws
        .call()
        .lot(&app.lot)
        .map_or(Allocation::SingleWinner, |l| l.allocation);
    Some((app, result, allocation))
}

fn filter_ui(ui: &mut Ui, filter: &mut Filter, desk: &Desk) {
    let call = desk.ws.call();
    ui.horizontal_wrapped(|ui| {
        if call.lots.len() > 1 {
            let selected = filter
                .lot
                .as_ref()
                .and_then(|id| call.lot(id))
                .map_or_else(|| s::ALL_LOTS.to_string(), |l| l.name.clone());
            widgets::combo(ui, s::LOT, selected, 200.0, |ui| {
                ui.selectable_value(&mut filter.lot, None, s::ALL_LOTS);
                for lot in &call.lots {
                    ui.selectable_value(&mut filter.lot, Some(lot.id.clone()), &lot.name);
                }
            });
        }
        // The words of the lot filtered, or of the first lot: a single-winner lot selects.
        let allocation = filter
            .lot
            .as_ref()
            .and_then(|id| call.lot(id))
            .or(call.lots.first())
            .map_or(Allocation::AllAboveThreshold, |l| l.allocation);
        let outcome = filter
            .outcome
            .map_or(s::ALL_OUTCOMES, |o| o.label(allocation));
        widgets::combo(ui, s::OUTCOME, outcome, 200.0, |ui| {
            ui.selectable_value(&mut filter.outcome, None, s::ALL_OUTCOMES);
            for o in Outcome::ALL {
                ui.selectable_value(&mut filter.outcome, Some(o), o.label(allocation));
            }
        });
        let label = ui.label(s::SEARCH);
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text(s::SEARCH_HINT)
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        if (filter.lot.is_some() || filter.outcome.is_some() || !filter.text.is_empty())
            && ui.button(s::CLEAR_FILTERS).clicked()
        {
            *filter = Filter {
                sort: filter.sort,
                descending: filter.descending,
                ..Filter::default()
            };
        }
    });
}

/// The protocols to show, filtered and sorted; recomputed only when the filter or the
/// workspace changed.
fn rows<'a>(state: &'a mut State, desk: &Desk) -> &'a [Protocol] {
    let fresh = state
        .rows
        .as_ref()
        .is_some_and(|(g, f, _)| *g == desk.generation && *f == state.filter);
    if !fresh {
        let f = &state.filter;
        let needle = f.text.trim().to_lowercase();
        let mut list: Vec<&Protocol> = desk
            .ws
            .applications()
            .values()
            .filter(|a| f.lot.as_ref().is_none_or(|l| &a.lot == l))
            .filter(|a| {
                f.outcome.is_none_or(|o| {
                    desk.eval.application(&a.protocol).map(|r| r.outcome) == Some(o)
                })
            })
            .filter(|a| {
                needle.is_empty()
                    || a.protocol.as_str().to_lowercase().contains(&needle)
                    || a.applicant.name.to_lowercase().contains(&needle)
                    || a.title.to_lowercase().contains(&needle)
            })
            .map(|a| &a.protocol)
            .collect();
        sort(&mut list, f.sort, desk);
        if f.descending {
            list.reverse();
        }
        state.rows = Some((
            desk.generation,
            f.clone(),
            list.into_iter().cloned().collect(),
        ));
    }
    state.rows.as_ref().map_or(&[], |(_, _, rows)| rows)
}

fn sort(list: &mut [&Protocol], by: SortBy, desk: &Desk) {
    let ws = desk.ws;
    let eval = desk.eval;
    match by {
        SortBy::Protocol => {}
        SortBy::Applicant => list.sort_by_cached_key(|p| {
            ws.application(p)
                .map(|a| a.applicant.name.to_lowercase())
                .unwrap_or_default()
        }),
        // In the call's order of the lots, as their names are shown.
        SortBy::Lot => list.sort_by_cached_key(|p| {
            ws.application(p)
                .and_then(|a| ws.call().lots.iter().position(|l| l.id == a.lot))
        }),
        SortBy::Cost => list.sort_by_key(|p| eval.application(p).map(|r| r.budget.total_cost)),
        SortBy::Requested => list.sort_by_key(|p| eval.application(p).map(|r| r.budget.requested)),
        SortBy::Cofinancing => {
            list.sort_by_key(|p| eval.application(p).map(|r| r.budget.cofinancing))
        }
        SortBy::Share => list.sort_by_key(|p| eval.application(p).map(|r| r.budget.share_percent)),
        SortBy::Status => list.sort_by_key(|p| eval.application(p).map(|r| r.outcome)),
    }
}

fn table_ui(ui: &mut Ui, state: &mut State, rows: &[Protocol], desk: &mut Desk) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
    let columns = columns(desk);
    let mut open = None;
    // Not resizable: the widths follow the content, so the status badges always fit.
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .sense(Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center))
        .auto_shrink([false, false]);
    for (by, _, _) in &columns {
        table = table.column(column(*by));
    }
    table
        .header(row_height, |mut header| {
            for (by, title, _) in &columns {
                header.col(|ui| sort_header_ui(ui, &mut state.filter, *by, title));
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(protocol) = rows.get(row.index()) else {
                    return;
                };
                let Some(found) = looked_up(desk, protocol) else {
                    return;
                };
                for (by, _, numeric) in &columns {
                    row.col(|ui| {
                        if cell_ui(ui, *by, *numeric, desk, found) {
                            open = Some(protocol.clone());
                        }
                    });
                }
                if row.response().clicked() {
                    open = Some(protocol.clone());
                }
            });
        });
    if let Some(p) = open {
        state.open = Some(p);
    }
}

/// The table's columns: what each sorts by, its title, whether it holds a figure. The lot
/// only where the call has several.
fn columns(desk: &Desk) -> Vec<(SortBy, &'static str, bool)> {
    let multi_lot = desk.ws.call().lots.len() > 1;
    [
        (SortBy::Protocol, s::COL_PROTOCOL, false),
        (SortBy::Applicant, s::COL_APPLICANT, false),
        (SortBy::Lot, s::LOT, false),
        (SortBy::Cost, s::COL_COST, true),
        (SortBy::Requested, s::COL_REQUESTED, true),
        (SortBy::Cofinancing, s::COL_COFINANCING, true),
        (SortBy::Share, s::COL_SHARE, true),
        (SortBy::Status, s::COL_STATUS, false),
    ]
    .into_iter()
    .filter(|(by, _, _)| multi_lot || *by != SortBy::Lot)
    .collect()
}

fn column(by: SortBy) -> Column {
    match by {
        SortBy::Protocol => Column::auto().at_least(90.0),
        SortBy::Applicant => Column::remainder().at_least(140.0).clip(true),
        SortBy::Lot => Column::auto().at_least(60.0).at_most(160.0).clip(true),
        SortBy::Status => Column::auto().at_least(150.0),
        // Right-aligned figures fill their cell: an auto width would grow every frame.
        SortBy::Share => Column::exact(70.0),
        _ => Column::exact(110.0).clip(true),
    }
}

/// A column's title: a click sorts by it, a second click the other way.
fn sort_header_ui(ui: &mut Ui, filter: &mut Filter, by: SortBy, title: &str) {
    let r = ui
        .add(egui::Button::new(RichText::new(title).strong()).frame(false))
        .on_hover_text(s::SORT_HINT);
    if filter.sort == by {
        widgets::sort_arrow(ui, filter.descending);
    }
    if r.clicked() {
        if filter.sort == by {
            filter.descending = !filter.descending;
        } else {
            filter.sort = by;
            filter.descending = false;
        }
    }
}

/// One cell of an application's row; true when its protocol was clicked.
fn cell_ui(
    ui: &mut Ui,
    by: SortBy,
    numeric: bool,
    desk: &Desk,
    (app, result, allocation): (&Application, &ApplicationResult, Allocation),
) -> bool {
    let b = &result.budget;
    let text = match by {
        SortBy::Protocol => return ui.link(app.protocol.as_str()).clicked(),
        SortBy::Applicant => app.applicant.name.clone(),
        SortBy::Lot => super::filtro::lot_name(desk, &app.lot),
        SortBy::Cost => italian::amount(b.total_cost),
        SortBy::Requested => italian::amount(b.requested),
        SortBy::Cofinancing => italian::amount(b.cofinancing),
        SortBy::Share => italian::percent(
            b.share_percent
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero),
        ),
        SortBy::Status => {
            widgets::status_badge(ui, result, allocation);
            return false;
        }
    };
    if numeric {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(text);
        });
    } else {
        ui.add(egui::Label::new(text).truncate());
    }
    false
}
