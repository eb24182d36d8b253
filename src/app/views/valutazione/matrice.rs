//! The committee's diagnostics: who still has to score what, and the matrix of every mark
//! (applications × criteria) with the discordant ones highlighted before the session closes.

use std::collections::BTreeMap;

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::domain::{Criterion, CriterionId, LotId, Member, Protocol};
use crate::italian;

use crate::app::strings as s;
use crate::app::views::{Desk, View, filtro};
use crate::app::widgets::{self, Tone};
use crate::editor::Actor;

pub fn progress_ui(ui: &mut Ui, desk: &mut Desk) {
    let d = &desk.eval.diagnostics;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            widgets::section(ui, s::PROGRESS_TITLE);
            if d.progress.is_empty() {
                widgets::empty(ui, s::NO_VOTING_MEMBERS);
            }
            Grid::new("avanzamento")
                .num_columns(3)
                .spacing([16.0, 8.0])
                .striped(true)
                .show(ui, |ui| {
                    for p in &d.progress {
                        ui.label(RichText::new(desk.member_name(&p.member)).strong());
                        // A fraction for the bar only: counts, not scores.
                        let fraction = if p.applications_to_score == 0 {
                            1.0
                        } else {
                            p.applications_done as f32 / p.applications_to_score as f32
                        };
                        ui.add(egui::ProgressBar::new(fraction).desired_width(200.0).text(
                            s::progress_short(p.applications_done, p.applications_to_score),
                        ));
                        ui.vertical(|ui| {
                            ui.label(s::marks_done(p.marks_done, p.marks_to_give));
                            if p.missing_reasons > 0 {
                                widgets::note(
                                    ui,
                                    Tone::Warn,
                                    s::missing_reasons(p.missing_reasons),
                                );
                            }
                            if p.undeclared > 0 {
                                widgets::note(ui, Tone::Warn, s::undeclared(p.undeclared));
                            }
                            if p.abstentions > 0 {
                                ui.weak(s::abstentions(p.abstentions));
                            }
                        });
                        ui.end_row();
                    }
                });
            for t in &d.thin_panels {
                widgets::note(
                    ui,
                    Tone::Bad,
                    s::thin_panel(t.application.as_str(), t.scorers, t.required),
                );
            }
            if !d.severity.is_empty() {
                widgets::section(ui, s::SEVERITY_TITLE);
                widgets::keys_hint(ui, s::SEVERITY_NOTE);
                for sv in &d.severity {
                    ui.label(s::severity(
                        &desk.member_name(&sv.member),
                        &italian::number(sv.mean_gap * rust_decimal::Decimal::ONE_HUNDRED),
                        sv.marks_compared,
                    ));
                }
            }
        });
}

/// What the matrix derives from the evaluation, once per change rather than every frame, and
/// what the user chose: the lot, the criterion, how far the criteria are scrolled.
#[derive(Default)]
pub struct Cache {
    generation: Option<u64>,
    /// Where each discordant cell's details are in the diagnostics.
    discordant: BTreeMap<(Protocol, CriterionId), usize>,
    lot: Option<LotId>,
    criterion: Option<CriterionId>,
    apps: filtro::Listing<(u64, Option<LotId>)>,
    /// The criteria's sideways scroll, as the header's scroll area last reported it.
    offset: f32,
    /// The rows were under the pointer at the last frame: a sideways wheel there scrolls the
    /// criteria.
    rows_hovered: bool,
}

impl Cache {
    fn refresh(&mut self, desk: &Desk) {
        if self.generation == Some(desk.generation) {
            return;
        }
        self.discordant = desk
            .eval
            .diagnostics
            .discordances
            .iter()
            .enumerate()
            .map(|(i, d)| ((d.application.clone(), d.criterion.clone()), i))
            .collect();
        self.generation = Some(desk.generation);
    }
}

/// Widths of the frozen columns: protocol, applicant.
const PROTOCOL_WIDTH: f32 = 110.0;
const APPLICANT_WIDTH: f32 = 210.0;

/// Every member's marks on every criterion of the admitted applications: protocol and
/// applicant stay put while the criteria scroll sideways; only the rows and the criteria in
/// sight are drawn.
pub fn matrix_ui(ui: &mut Ui, cache: &mut Cache, desk: &mut Desk) {
    cache.refresh(desk);
    let call = desk.ws.call();
    let all: Vec<&Criterion> = call
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .collect();
    if cache
        .criterion
        .as_ref()
        .is_some_and(|id| !all.iter().any(|c| &c.id == id))
    {
        cache.criterion = None;
    }
    let lot = cache.lot.clone();
    let apps = cache.apps.get((desk.generation, lot.clone()), || {
        desk.eval
            .applications
            .values()
            .filter(|r| r.admission.admitted())
            .filter(|r| lot.as_ref().is_none_or(|l| &r.lot == l))
            .map(|r| r.protocol.clone())
            .collect()
    });
    if all.is_empty()
        || desk
            .eval
            .applications
            .values()
            .all(|r| !r.admission.admitted())
    {
        widgets::empty(ui, s::NO_ADMITTED);
        return;
    }
    let members: Vec<_> = desk.ws.commission().voting_members().collect();
    legend_ui(ui, desk, &members);
    filters_ui(ui, cache, desk, &all);
    let criteria: Vec<&Criterion> = all
        .into_iter()
        .filter(|c| cache.criterion.as_ref().is_none_or(|id| &c.id == id))
        .collect();
    ui.separator();
    if apps.is_empty() {
        widgets::empty(ui, s::NO_APPLICATIONS_MATCH);
        return;
    }
    // Wide enough for every member's mark, "0,75 · " each.
    let size = Cells {
        column: (members.len().max(1) as f32 * 34.0 + 12.0).max(90.0),
        row_height: ui.text_style_height(&egui::TextStyle::Body) + 10.0,
    };
    header_ui(ui, cache, &criteria, size);
    if let Some(p) = rows_ui(ui, cache, desk, &members, &criteria, &apps, size) {
        desk.goto(View::Valutazione, Some(p));
    }
}

/// The size of the matrix's cells.
#[derive(Clone, Copy)]
struct Cells {
    column: f32,
    row_height: f32,
}

/// The header: frozen titles, then the criteria in a scroll area whose offset the rows follow
/// (a sideways wheel over the rows moves it too).
fn header_ui(ui: &mut Ui, cache: &mut Cache, criteria: &[&Criterion], size: Cells) {
    let sideways = if cache.rows_hovered {
        ui.input(|i| i.smooth_scroll_delta.x)
    } else {
        0.0
    };
    ui.horizontal(|ui| {
        widgets::fixed(ui, PROTOCOL_WIDTH, |ui| ui.strong(s::COL_PROTOCOL));
        widgets::fixed(ui, APPLICANT_WIDTH, |ui| ui.strong(s::COL_APPLICANT));
        let mut area = ScrollArea::horizontal()
            .id_salt("matrice_criteri")
            .auto_shrink([false, true])
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible);
        if sideways != 0.0 {
            area = area.horizontal_scroll_offset((cache.offset - sideways).max(0.0));
        }
        let out = area.show(ui, |ui| {
            ui.horizontal(|ui| {
                for c in criteria {
                    widgets::fixed(ui, size.column, |ui| {
                        ui.strong(c.id.as_str()).on_hover_text(&c.title);
                    });
                }
            });
        });
        cache.offset = out.state.clamped_offset().x;
    });
}

/// The rows in sight: protocol and applicant frozen, the criteria where the header's scroll
/// puts them. The application whose protocol was clicked, if one was.
fn rows_ui(
    ui: &mut Ui,
    cache: &mut Cache,
    desk: &Desk,
    members: &[&Member],
    criteria: &[&Criterion],
    apps: &[Protocol],
    size: Cells,
) -> Option<Protocol> {
    let mut goto = None;
    let out = ScrollArea::vertical()
        .id_salt("matrice_righe")
        .auto_shrink([false, false])
        .show_rows(ui, size.row_height, apps.len(), |ui, range| {
            for app in &apps[range] {
                ui.horizontal(|ui| {
                    ui.set_height(size.row_height);
                    widgets::fixed(ui, PROTOCOL_WIDTH, |ui| {
                        if ui.link(app.as_str()).clicked() {
                            goto = Some(app.clone());
                        }
                    });
                    let applicant = desk.applicant(app);
                    widgets::fixed(ui, APPLICANT_WIDTH, |ui| {
                        ui.add(egui::Label::new(&applicant).truncate())
                            .on_hover_text(&applicant);
                    });
                    cells_ui(ui, cache, desk, members, criteria, app, size);
                });
            }
        });
    cache.rows_hovered = ui.rect_contains_pointer(out.inner_rect);
    goto
}

/// One row's cells, each where the criteria's scroll puts it; only those in sight are drawn.
fn cells_ui(
    ui: &mut Ui,
    cache: &Cache,
    desk: &Desk,
    members: &[&Member],
    criteria: &[&Criterion],
    app: &Protocol,
    size: Cells,
) {
    let step = size.column + ui.spacing().item_spacing.x;
    let left = ui.cursor().min.x;
    let top = ui.min_rect().top();
    let strip = egui::Rect::from_min_max(
        egui::pos2(left, top),
        egui::pos2(ui.max_rect().right(), top + size.row_height),
    );
    let clip = strip.intersect(ui.clip_rect());
    for (k, c) in criteria.iter().enumerate() {
        let x = left + k as f32 * step - cache.offset;
        if x + size.column < clip.left() || x > clip.right() {
            continue;
        }
        let rect =
            egui::Rect::from_min_size(egui::pos2(x, top), egui::vec2(size.column, size.row_height));
        let mut cell = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
        );
        cell.set_clip_rect(clip);
        cell_ui(&mut cell, desk, members, &cache.discordant, app, &c.id);
    }
    ui.allocate_space(egui::vec2(strip.width(), size.row_height));
}

fn legend_ui(ui: &mut Ui, desk: &Desk, members: &[&Member]) {
    let call = desk.ws.call();
    ui.horizontal_wrapped(|ui| {
        ui.label(s::matrix_legend(
            &members
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(" · "),
        ));
        widgets::badge(ui, s::DISCORDANT, Tone::Bad);
        ui.weak(s::discordant_note(&italian::share_percent(
            call.discordance_gap.value(),
        )));
    });
    ui.label(s::discordances_count(
        desk.eval.diagnostics.discordances.len(),
    ));
}

/// The lot and the criterion shown.
fn filters_ui(ui: &mut Ui, cache: &mut Cache, desk: &Desk, criteria: &[&Criterion]) {
    let call = desk.ws.call();
    ui.horizontal_wrapped(|ui| {
        if call.lots.len() > 1 {
            let selected = cache
                .lot
                .as_ref()
                .map_or_else(|| s::ALL_LOTS.to_string(), |l| filtro::lot_name(desk, l));
            widgets::combo(ui, s::LOT, selected, 180.0, |ui| {
                ui.selectable_value(&mut cache.lot, None, s::ALL_LOTS);
                for lot in &call.lots {
                    ui.selectable_value(&mut cache.lot, Some(lot.id.clone()), &lot.name);
                }
            });
        }
        let selected = cache
            .criterion
            .as_ref()
            .and_then(|id| criteria.iter().find(|c| &c.id == id))
            .map_or_else(
                || s::ALL_CRITERIA.to_string(),
                |c| s::criterion_choice(c.id.as_str(), &c.title),
            );
        widgets::combo(ui, s::CRITERION, selected, 260.0, |ui| {
            ui.selectable_value(&mut cache.criterion, None, s::ALL_CRITERIA);
            for c in criteria {
                ui.selectable_value(
                    &mut cache.criterion,
                    Some(c.id.clone()),
                    s::criterion_choice(c.id.as_str(), &c.title),
                );
            }
        });
        widgets::keys_hint(ui, s::MATRIX_SIDEWAYS);
    });
}

/// The marks of every member on one criterion of one application, highlighted when discordant.
fn cell_ui(
    ui: &mut Ui,
    desk: &Desk,
    members: &[&Member],
    discordant: &BTreeMap<(Protocol, CriterionId), usize>,
    app: &Protocol,
    criterion: &CriterionId,
) {
    let sees = desk.sees_others_marks(app);
    let marks: Vec<String> = members
        .iter()
        .map(|m| {
            if !sees && *desk.actor != Actor::Member(m.id.clone()) {
                // Independent judgement: not before the member's own.
                s::MATRIX_HIDDEN.to_string()
            } else if desk.ws.abstains(&m.id, app) {
                s::MATRIX_ABSTAINED.to_string()
            } else {
                desk.ws.score(&m.id, app, criterion).map_or_else(
                    || s::MATRIX_EMPTY.to_string(),
                    |sc| italian::number(sc.value()),
                )
            }
        })
        .collect();
    let text = marks.join(" · ");
    // Whose each mark is, when the pointer is on the cell.
    let names = |ui: &mut Ui| {
        for (m, mark) in members.iter().zip(&marks) {
            ui.label(format!("{}: {mark}", m.name));
        }
    };
    let Some(i) = discordant
        .get(&(app.clone(), criterion.clone()))
        .filter(|_| sees)
    else {
        let r = ui.add(egui::Label::new(text).truncate());
        if sees {
            r.on_hover_ui(names);
        } else {
            r.on_hover_text(s::MARKS_AFTER_YOURS);
        }
        return;
    };
    let detail = desk
        .eval
        .diagnostics
        .discordances
        .get(*i)
        .map(|d| {
            s::discordance_detail(
                &desk.member_name(&d.lowest.0),
                &italian::number(d.lowest.1),
                &desk.member_name(&d.highest.0),
                &italian::number(d.highest.1),
            )
        })
        .unwrap_or_default();
    widgets::badge(ui, &text, Tone::Bad).on_hover_ui(|ui| {
        ui.label(detail);
        names(ui);
    });
}
