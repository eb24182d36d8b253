//! The committee's diagnostics: who still has to score what, and the matrix of every mark
//! (applications × criteria) with the discordant ones highlighted before the session closes.

use std::collections::BTreeSet;

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::domain::{CriterionId, Protocol};
use crate::italian;

use super::{Desk, View};
use crate::app::strings as s;
use crate::app::widgets::{self, Tone};

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

pub fn matrix_ui(ui: &mut Ui, desk: &mut Desk) {
    let call = desk.ws.call();
    let criteria: Vec<_> = call
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .collect();
    let apps: Vec<&Protocol> = desk
        .eval
        .applications
        .values()
        .filter(|r| r.admission.admitted())
        .map(|r| &r.protocol)
        .collect();
    if apps.is_empty() || criteria.is_empty() {
        widgets::empty(ui, s::NO_ADMITTED);
        return;
    }
    let discordant: BTreeSet<(&Protocol, &CriterionId)> = desk
        .eval
        .diagnostics
        .discordances
        .iter()
        .map(|d| (&d.application, &d.criterion))
        .collect();
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
    let mut goto = None;
    ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("matrice")
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.strong(s::COL_PROTOCOL);
                    for c in &criteria {
                        ui.strong(c.id.as_str()).on_hover_text(&c.title);
                    }
                    ui.end_row();
                    for app in &apps {
                        if ui
                            .link(app.as_str())
                            .on_hover_text(desk.applicant(app))
                            .clicked()
                        {
                            goto = Some((*app).clone());
                        }
                        for c in &criteria {
                            let marks: Vec<String> = members
                                .iter()
                                .map(|m| {
                                    if desk.ws.abstains(&m.id, app) {
                                        s::MATRIX_ABSTAINED.to_string()
                                    } else {
                                        desk.ws.score(&m.id, app, &c.id).map_or_else(
                                            || s::MATRIX_EMPTY.to_string(),
                                            |sc| italian::number(sc.value()),
                                        )
                                    }
                                })
                                .collect();
                            let text = marks.join(" · ");
                            if discordant.contains(&(*app, &c.id)) {
                                let detail = desk
                                    .eval
                                    .diagnostics
                                    .discordances
                                    .iter()
                                    .find(|d| &d.application == *app && d.criterion == c.id)
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
                            } else {
                                ui.label(text);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(p) = goto {
        desk.goto(View::Valutazione, Some(p));
    }
}
