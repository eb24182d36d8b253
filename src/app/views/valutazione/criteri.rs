//! The criteria of one member's sheet for one application: the judgement scale as buttons (or a
//! field for points), the reason box, what each judgement is worth, and the running subtotal.

use egui::{RichText, Ui};

use crate::domain::{Criterion, CriterionId, Points, Score, Scoring};
use crate::editor::Command;
use crate::italian;
use crate::rules::sheet::{Subtotal, mark_worth, subtotal};

use super::{Focus, Sheet, State};
use crate::app::drafts::{Field, Stale};
use crate::app::strings as s;
use crate::app::views::{Action, Desk};
use crate::app::widgets::{self, DraftEdit, Tone};

pub(super) fn criteria_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, sheet: Sheet) {
    let call = desk.ws.call();
    let mut index = 0;
    let mut list: Vec<(usize, &Criterion)> = Vec::new();
    fn walk<'a>(cs: &'a [Criterion], depth: usize, out: &mut Vec<(usize, &'a Criterion)>) {
        for c in cs {
            out.push((depth, c));
            walk(c.subcriteria(), depth + 1, out);
        }
    }
    walk(&call.criteria, 0, &mut list);
    for (depth, c) in list {
        ui.add_space(4.0);
        let indent = depth as f32 * 16.0;
        match &c.scoring {
            Scoring::Subcriteria(_) => {
                ui.horizontal(|ui| {
                    ui.add_space(indent);
                    ui.label(RichText::new(format!("{} · {}", c.id, c.title)).strong());
                    ui.weak(s::max_points(&italian::number(c.max.value())));
                });
            }
            Scoring::Coefficient | Scoring::Points { .. } => {
                let i = index;
                index += 1;
                ui.horizontal_top(|ui| {
                    ui.add_space(indent);
                    ui.vertical(|ui| {
                        criterion_ui(ui, state, desk, sheet, c, i);
                    });
                });
            }
            Scoring::Linear { .. } | Scoring::Levels(_) => {
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(indent);
                    ui.label(RichText::new(format!("{} · {}", c.id, c.title)).strong());
                    let points = desk
                        .eval
                        .application(sheet.app)
                        .and_then(|r| r.scores.as_ref())
                        .and_then(|sc| sc.criteria.get(&c.id))
                        .and_then(|cs| cs.points_before_rescaling);
                    ui.weak(s::automatic(
                        &points.map_or_else(|| s::NOT_YET.to_string(), italian::number),
                        &italian::number(c.max.value()),
                    ));
                });
            }
        }
    }
}

fn criterion_ui(
    ui: &mut Ui,
    state: &mut State,
    desk: &mut Desk,
    sheet: Sheet,
    c: &Criterion,
    i: usize,
) {
    let active = state.active == i;
    let stroke = if active {
        egui::Stroke::new(2.0, ui.visuals().selection.stroke.color)
    } else {
        egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
    };
    let saved = desk.ws.score(sheet.member, sheet.app, &c.id).cloned();
    let mut focused = false;
    let frame = egui::Frame::group(ui.style())
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            heading_ui(ui, c);
            ui.add_enabled_ui(sheet.editable, |ui| match &c.scoring {
                Scoring::Coefficient => focused |= scale_ui(ui, desk, sheet, c, saved.as_ref()),
                Scoring::Points { step } => {
                    focused |= points_ui(ui, state, desk, sheet, c, *step, saved.as_ref(), i)
                }
                _ => {}
            });
            if let Some(sc) = &saved {
                worth_ui(ui, desk, sheet, c, sc);
            }
            focused |= reason_ui(ui, state, desk, sheet, c, saved.as_ref(), i);
        });
    if active && state.reveal {
        frame.response.scroll_to_me(None);
        state.reveal = false;
    }
    if focused {
        state.active = i;
    }
}

/// The criterion's title, maximum, threshold and description.
fn heading_ui(ui: &mut Ui, c: &Criterion) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} · {}", c.id, c.title)).strong());
        let mut facts = vec![s::max_points(&italian::number(c.max.value()))];
        if let Some(min) = c.min {
            facts.push(s::threshold(&italian::number(min.value())));
        }
        if c.rescale {
            facts.push(s::RESCALED.into());
        }
        ui.weak(facts.join(" · "));
    });
    if !c.description.is_empty() {
        ui.add(egui::Label::new(RichText::new(&c.description).weak()).wrap());
    }
}

/// The judgement scale as buttons; whether one has the focus.
fn scale_ui(
    ui: &mut Ui,
    desk: &mut Desk,
    sheet: Sheet,
    c: &Criterion,
    saved: Option<&Score>,
) -> bool {
    let mut focused = false;
    ui.horizontal_wrapped(|ui| {
        for (n, j) in desk.ws.call().judgement_scale.iter().enumerate() {
            let chosen = saved.is_some_and(|sc| sc.value.value() == j.coefficient.value());
            let key = if n < 9 {
                format!("{} ", n + 1)
            } else {
                String::new()
            };
            let label = format!(
                "{key}{} ({})",
                j.label,
                italian::number(j.coefficient.value())
            );
            let r = ui.selectable_label(chosen, label);
            focused |= r.has_focus();
            if r.clicked()
                && !chosen
                && let Some(value) = Points::new(j.coefficient.value())
            {
                score(desk, sheet, &c.id, value);
            }
        }
    });
    focused
}

/// The field for a criterion scored in points; whether it has the focus.
#[allow(clippy::too_many_arguments)]
fn points_ui(
    ui: &mut Ui,
    state: &mut State,
    desk: &mut Desk,
    sheet: Sheet,
    c: &Criterion,
    step: Option<Points>,
    saved: Option<&Score>,
    i: usize,
) -> bool {
    ui.horizontal_wrapped(|ui| {
        let field = Field::Points {
            member: sheet.member.clone(),
            application: sheet.app.clone(),
            criterion: c.id.clone(),
        };
        let text = saved
            .map(|sc| italian::number(sc.value()))
            .unwrap_or_default();
        let name = s::points_field(c.id.as_str());
        ui.label(s::points_range(
            &italian::number(c.max.value()),
            step.map(|p| italian::number(p.value())).as_deref(),
        ));
        let r = DraftEdit::line(field, &text, &name)
            .width(80.0)
            .show(ui, desk.drafts, desk.now);
        let focused = r.has_focus();
        if state.focus == Some((i, Focus::Points)) {
            r.request_focus();
            state.focus = None;
        }
        focused
    })
    .inner
}

/// What the member's mark is worth, and the button that clears it.
fn worth_ui(ui: &mut Ui, desk: &mut Desk, sheet: Sheet, c: &Criterion, sc: &Score) {
    let Sheet {
        member,
        app,
        editable,
    } = sheet;
    ui.horizontal_wrapped(|ui| {
        ui.label(s::worth(&italian::number(mark_worth(c, sc.value()))));
        if editable && ui.small_button(s::CLEAR_SCORE).clicked() {
            // The reason typed goes with the judgement, unless it is refused.
            desk.out.push(Action::ApplyDropping {
                command: Command::Score {
                    member: member.clone(),
                    application: app.clone(),
                    criterion: c.id.clone(),
                    value: None,
                    reason: String::new(),
                },
                stale: Stale::Field(Field::Reason {
                    member: member.clone(),
                    application: app.clone(),
                    criterion: c.id.clone(),
                }),
            });
        }
    });
}

/// The reason's box, and a note when a mark has none; whether the box has the focus.
fn reason_ui(
    ui: &mut Ui,
    state: &mut State,
    desk: &mut Desk,
    sheet: Sheet,
    c: &Criterion,
    saved: Option<&Score>,
    i: usize,
) -> bool {
    let field = Field::Reason {
        member: sheet.member.clone(),
        application: sheet.app.clone(),
        criterion: c.id.clone(),
    };
    let saved_reason = saved.map(|sc| sc.reason.clone()).unwrap_or_default();
    let name = s::reason_field(c.id.as_str());
    ui.label(s::REASON);
    let r = DraftEdit::text(field.clone(), &saved_reason, &name, 2)
        .enabled(sheet.editable)
        .hint(s::REASON_HINT)
        .show(ui, desk.drafts, desk.now);
    let focused = r.has_focus();
    if state.focus == Some((i, Focus::Reason)) {
        r.request_focus();
        state.focus = None;
    }
    if saved.is_some() && saved_reason.trim().is_empty() && desk.drafts.get(&field).is_none() {
        widgets::note(ui, Tone::Warn, s::REASON_MISSING);
    }
    focused
}

/// Asks for a judgement. The reason being typed stays a draft of its own: it goes with the
/// judgement if the judgement is taken, and stays in its box if it is refused.
pub(super) fn score(desk: &mut Desk, sheet: Sheet, criterion: &CriterionId, value: Points) {
    let Sheet { member, app, .. } = sheet;
    desk.out.push(Action::Mark {
        member: member.clone(),
        application: app.clone(),
        criterion: criterion.clone(),
        value,
    });
}

pub(super) fn subtotal_ui(ui: &mut Ui, desk: &Desk, sheet: Sheet) {
    let Sheet { member, app, .. } = sheet;
    let call = desk.ws.call();
    let Subtotal {
        points: total,
        missing,
    } = subtotal(desk.ws, desk.eval, member, app);
    ui.add_space(4.0);
    ui.label(
        RichText::new(s::subtotal(
            &desk.member_name(member),
            &italian::number_dp(total, call.decimals),
            &italian::number(call.max_total()),
        ))
        .heading(),
    );
    if missing > 0 {
        widgets::note(ui, Tone::Warn, s::subtotal_missing(missing));
    }
    widgets::keys_hint(
        ui,
        if call.collegial_mark {
            s::SUBTOTAL_NOTE_COLLEGIAL
        } else {
            s::SUBTOTAL_NOTE
        },
    );
}
