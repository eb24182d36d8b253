//! The presentation mode, for the projector in the session room: large type, one application at
//! a time, its admission, points and outcome. No personal data (no tax codes, no legal
//! representatives, no addresses) and no marks of members who abstain for a conflict.

use egui::{Align, FontId, Key, Layout, Modifiers, RichText, TextStyle, Ui};

use crate::domain::{LotId, Protocol};
use crate::italian;

use super::Desk;
use crate::app::strings as s;
use crate::app::widgets::{self, Tone};

#[derive(Default)]
pub struct State {
    pub index: usize,
}

/// One slide: an application, or a lot's whole ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slide {
    Application(Protocol),
    Ranking(LotId),
}

/// The slides in the order they are presented: lot by lot, its applications in ranking order,
/// then the lot's whole ranking.
pub fn slides(desk: &Desk) -> Vec<Slide> {
    desk.ws
        .call()
        .lots
        .iter()
        .flat_map(|lot| {
            desk.eval
                .lot_applications(&lot.id)
                .into_iter()
                .map(|r| Slide::Application(r.protocol.clone()))
                .chain(std::iter::once(Slide::Ranking(lot.id.clone())))
        })
        .collect()
}

/// Starts at `application`, or at the first one.
pub fn start(state: &mut State, desk: &Desk, application: Option<&Protocol>) {
    state.index = application
        .and_then(|p| {
            slides(desk)
                .iter()
                .position(|q| *q == Slide::Application(p.clone()))
        })
        .unwrap_or(0);
}

/// Draws the slide; false when the user asked to leave the presentation.
pub fn presentazione_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) -> bool {
    let list = slides(desk);
    let (back, forward, leave) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowLeft)
                || i.consume_key(Modifiers::NONE, Key::PageUp),
            i.consume_key(Modifiers::NONE, Key::ArrowRight)
                || i.consume_key(Modifiers::NONE, Key::PageDown)
                || i.consume_key(Modifiers::NONE, Key::Space),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if back {
        state.index = state.index.saturating_sub(1);
    }
    if forward && state.index + 1 < list.len() {
        state.index += 1;
    }
    state.index = state.index.min(list.len().saturating_sub(1));
    if leave {
        return false;
    }
    large_type(ui);
    let mut stay = true;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(state.index > 0, egui::Button::new(s::PREVIOUS))
            .clicked()
        {
            state.index -= 1;
        }
        ui.label(s::position(state.index + 1, list.len()));
        if ui
            .add_enabled(state.index + 1 < list.len(), egui::Button::new(s::NEXT))
            .clicked()
        {
            state.index += 1;
        }
        ui.separator();
        if ui.button(s::PRESENT_EXIT).clicked() {
            stay = false;
        }
        ui.separator();
        ui.add(egui::Label::new(RichText::new(&desk.ws.call().title).small().weak()).truncate());
    });
    ui.separator();
    match list.get(state.index) {
        Some(Slide::Application(p)) => slide_ui(ui, p, desk),
        Some(Slide::Ranking(lot)) => ranking_ui(ui, lot, desk),
        None => widgets::empty(ui, s::NO_APPLICATIONS),
    }
    ui.with_layout(Layout::bottom_up(Align::Min), |ui| {
        widgets::keys_hint(ui, s::PRESENT_KEYS);
    });
    stay
}

fn large_type(ui: &mut Ui) {
    let style = ui.style_mut();
    for (text_style, size) in [
        (TextStyle::Heading, 44.0),
        (TextStyle::Body, 26.0),
        (TextStyle::Button, 22.0),
        (TextStyle::Small, 18.0),
        (TextStyle::Monospace, 24.0),
    ] {
        let family = style
            .text_styles
            .get(&text_style)
            .map(|f| f.family.clone())
            .unwrap_or_default();
        style
            .text_styles
            .insert(text_style, FontId::new(size, family));
    }
    style.spacing.item_spacing.y = 10.0;
}

fn slide_ui(ui: &mut Ui, protocol: &Protocol, desk: &Desk) {
    let (Some(app), Some(result)) = (
        desk.ws.application(protocol),
        desk.eval.application(protocol),
    ) else {
        return;
    };
    let call = desk.ws.call();
    let lot = call.lot(&app.lot);
    if call.lots.len() > 1
        && let Some(lot) = lot
    {
        ui.label(RichText::new(&lot.name).weak());
    }
    ui.add(
        egui::Label::new(RichText::new(format!("{} · {}", app.protocol, app.title)).heading())
            .wrap(),
    );
    // The proposing entity's name and form only: never its representative or tax codes.
    ui.label(format!(
        "{} ({})",
        app.applicant.name,
        italian::legal_form(&app.applicant.legal_form)
    ));
    if !app.partners.is_empty() {
        ui.label(RichText::new(s::partners_count(app.partners.len())).weak());
    }
    ui.add_space(8.0);
    let allocation = lot
        .map(|l| l.allocation)
        .unwrap_or(crate::domain::Allocation::SingleWinner);
    ui.horizontal_wrapped(|ui| {
        widgets::status_badge(ui, result, allocation);
        if let Some(rank) = result.rank() {
            ui.label(s::rank(rank));
        }
        if let Some(granted) = result.granted.filter(|g| !g.is_zero()) {
            ui.separator();
            ui.label(s::granted(&italian::euro(granted)));
        }
    });
    if !result.admission.admitted() {
        if !result.admission.reason.is_empty() {
            ui.add(egui::Label::new(s::decision_reason(&result.admission.reason)).wrap());
        }
        return;
    }
    let Some(scores) = &result.scores else {
        return;
    };
    // Independent judgement: before a member's own marks, neither the others' marks nor the
    // points they make.
    let sees = desk.sees_others_marks(protocol);
    let points = |p: Option<rust_decimal::Decimal>| match p {
        _ if !sees => s::MATRIX_HIDDEN.to_string(),
        Some(p) => italian::number(p),
        None => s::NOT_YET.to_string(),
    };
    ui.add_space(8.0);
    egui::Grid::new("presentazione_punteggi")
        .striped(true)
        .spacing([28.0, 8.0])
        .show(ui, |ui| {
            ui.strong(s::CRITERION);
            ui.strong(s::PRESENT_MARKS);
            ui.strong(s::POINTS);
            ui.end_row();
            for c in &call.criteria {
                let Some(cs) = scores.criteria.get(&c.id) else {
                    continue;
                };
                ui.label(format!("{} · {}", c.id, c.title));
                // Marks of the members who score it: those who abstain have none, and their
                // names are not shown.
                let marks: Vec<String> = cs
                    .marks
                    .iter()
                    .filter(|m| !desk.ws.abstains(&m.member, protocol))
                    .map(|m| italian::number(m.value))
                    .collect();
                if sees {
                    ui.label(marks.join(" · "));
                } else {
                    ui.weak(s::MARKS_AFTER_YOURS);
                }
                ui.strong(points(cs.points));
                ui.end_row();
            }
            ui.strong(s::TOTAL);
            ui.label("");
            ui.strong(points(scores.total));
            ui.end_row();
        });
    if !scores.complete() {
        widgets::note(ui, Tone::Warn, s::SCORES_INCOMPLETE);
    }
}

/// A lot's whole ranking on one slide: place, application, applicant, points, outcome, grant.
/// No personal data, as on the other slides.
fn ranking_ui(ui: &mut Ui, lot: &LotId, desk: &Desk) {
    let Some(l) = desk.ws.call().lot(lot) else {
        return;
    };
    ui.heading(s::ranking_of(&l.name));
    // A size smaller than a single application's slide: the whole lot fits the width.
    if let Some(body) = ui.style_mut().text_styles.get_mut(&TextStyle::Body) {
        body.size = 21.0;
    }
    let results = desk.eval.lot_applications(lot);
    let height = ui.available_height() - 48.0;
    egui::ScrollArea::vertical()
        .id_salt(("classifica", lot.as_str()))
        .max_height(height.max(120.0))
        .show(ui, |ui| {
            egui::Grid::new(("presentazione_classifica", lot.as_str()))
                .striped(true)
                .spacing([24.0, 8.0])
                .show(ui, |ui| {
                    for title in [
                        s::RANK_COLUMN,
                        s::APPLICATION_COLUMN,
                        s::POINTS,
                        s::OUTCOME,
                        s::GRANTED_COLUMN,
                    ] {
                        ui.strong(title);
                    }
                    ui.end_row();
                    for r in results {
                        let name = desk
                            .ws
                            .application(&r.protocol)
                            .map(|a| a.applicant.name.as_str())
                            .unwrap_or_default();
                        ui.label(r.rank().map_or_else(String::new, |n| format!("{n}ª")));
                        ui.label(format!("{} · {name}", r.protocol));
                        if r.scores.is_none() || desk.sees_others_marks(&r.protocol) {
                            ui.label(
                                r.scores
                                    .as_ref()
                                    .and_then(|sc| sc.total)
                                    .map_or_else(String::new, italian::number),
                            );
                        } else {
                            ui.weak(s::MATRIX_HIDDEN);
                        }
                        widgets::status_badge(ui, r, l.allocation);
                        ui.label(
                            r.granted
                                .filter(|g| !g.is_zero())
                                .map_or_else(String::new, italian::euro),
                        );
                        ui.end_row();
                    }
                });
        });
}
