//! The committee's diagnostics: who still has to score what, and the matrix of every mark
//! (applications × criteria) with the discordant ones highlighted before the session closes.

use std::collections::BTreeMap;

use egui::{Grid, RichText, ScrollArea, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::{CriterionId, Member, Protocol};
use crate::italian;

use super::{Desk, View};
use crate::app::strings as s;
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

/// What the matrix derives from the evaluation, once per change rather than every frame.
#[derive(Default)]
pub struct Cache {
    generation: Option<u64>,
    apps: Vec<Protocol>,
    /// Where each discordant cell's details are in the diagnostics.
    discordant: BTreeMap<(Protocol, CriterionId), usize>,
}

impl Cache {
    fn refresh(&mut self, desk: &Desk) {
        if self.generation == Some(desk.generation) {
            return;
        }
        self.apps = desk
            .eval
            .applications
            .values()
            .filter(|r| r.admission.admitted())
            .map(|r| r.protocol.clone())
            .collect();
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

pub fn matrix_ui(ui: &mut Ui, cache: &mut Cache, desk: &mut Desk) {
    cache.refresh(desk);
    let call = desk.ws.call();
    let criteria: Vec<_> = call
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .collect();
    let apps = &cache.apps;
    let discordant = &cache.discordant;
    if apps.is_empty() || criteria.is_empty() {
        widgets::empty(ui, s::NO_ADMITTED);
        return;
    }
    let members: Vec<_> = desk.ws.commission().voting_members().collect();
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
    ui.separator();
    // One row per admitted application, drawn only when in sight.
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
    let mut goto = None;
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false])
        .column(Column::auto().at_least(100.0));
    for _ in &criteria {
        table = table.column(Column::auto().at_least(70.0));
    }
    table
        .column(Column::remainder())
        .header(row_height, |mut header| {
            header.col(|ui| {
                ui.strong(s::COL_PROTOCOL);
            });
            for c in &criteria {
                header.col(|ui| {
                    ui.strong(c.id.as_str()).on_hover_text(&c.title);
                });
            }
            header.col(|_| {});
        })
        .body(|body| {
            body.rows(row_height, apps.len(), |mut row| {
                let Some(app) = apps.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    if ui
                        .link(app.as_str())
                        .on_hover_text(desk.applicant(app))
                        .clicked()
                    {
                        goto = Some(app.clone());
                    }
                });
                for c in &criteria {
                    row.col(|ui| cell_ui(ui, desk, &members, discordant, app, &c.id));
                }
                row.col(|_| {});
            });
        });
    if let Some(p) = goto {
        desk.goto(View::Valutazione, Some(p));
    }
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
    let Some(i) = discordant
        .get(&(app.clone(), criterion.clone()))
        .filter(|_| sees)
    else {
        let r = ui.label(text);
        if !sees {
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
    widgets::badge(ui, &text, Tone::Bad).on_hover_text(detail);
}
