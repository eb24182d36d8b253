//! The criteria tree: criteria added, removed, moved and nested; each with its title,
//! description, maximum, threshold and method (judgement scale, points and their step, a
//! linear measure, levels); the riparametrazione, the overall threshold, the decimals and the
//! tie-breaks in order.

use egui::{RichText, Ui};

use super::campi::{self, CallText, CriterionText, LevelText, SetupField};
use super::field::{self, Typed};
use crate::app::strings as s;
use crate::app::typed;
use crate::app::views::Desk;
use crate::app::widgets;
use crate::domain::advice::{CriterionPart, Spot};
use crate::domain::{
    Call, Criterion, CriterionId, Level, LevelId, Measure, Points, RescaleAmong, Scoring, TieBreak,
};
use crate::italian;

pub(super) fn criteri_ui(ui: &mut Ui, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::CALL_CRITERIA);
    widgets::keys_hint(ui, s::CRITERIA_HINT);
    ui.label(
        RichText::new(s::max_total(&italian::number(
            typed.call.max_total().normalize(),
        )))
        .strong(),
    );
    field::advice_ui(ui, typed, &Spot::Criteria);
    let criteria = desk.ws.call().criteria.clone();
    list_ui(ui, desk, typed, &criteria, 0);
    ui.add_space(6.0);
    if ui.button(s::ADD_CRITERION).clicked() {
        field::put_call(desk, add_criterion);
    }

    widgets::section(ui, s::SCORING_RULES);
    field::row(
        ui,
        desk,
        SetupField::Call(CallText::OverallMin),
        s::OVERALL_MIN,
        80.0,
    );
    field::advice_ui(ui, typed, &Spot::OverallMin);
    field::row(
        ui,
        desk,
        SetupField::Call(CallText::Decimals),
        s::DECIMALS,
        60.0,
    );
    let call = desk.ws.call();
    let mut among_all = call.rescale_among == RescaleAmong::Admitted;
    let mut totals = call.rescale_totals;
    ui.label(RichText::new(s::RESCALE_AMONG).strong());
    let mut changed = false;
    changed |= ui
        .radio_value(&mut among_all, false, s::RESCALE_AMONG_ELIGIBLE)
        .changed();
    changed |= ui
        .radio_value(&mut among_all, true, s::RESCALE_AMONG_ADMITTED)
        .changed();
    changed |= ui.checkbox(&mut totals, s::RESCALE_TOTALS_CHOICE).changed();
    let mut collegial = call.collegial_mark;
    changed |= ui
        .checkbox(&mut collegial, s::COLLEGIAL_MARK_CHOICE)
        .on_hover_text(s::COLLEGIAL_MARK_CHOICE_HINT)
        .changed();
    if changed {
        field::put_call(desk, |c| {
            c.rescale_among = if among_all {
                RescaleAmong::Admitted
            } else {
                RescaleAmong::Eligible
            };
            c.rescale_totals = totals;
            c.collegial_mark = collegial;
        });
    }
    super::parita::tie_breaks_ui(ui, desk, typed);
}

fn list_ui(ui: &mut Ui, desk: &mut Desk, typed: &Typed, list: &[Criterion], depth: usize) {
    for (i, c) in list.iter().enumerate() {
        ui.add_space(4.0);
        ui.horizontal_top(|ui| {
            ui.add_space(depth as f32 * 24.0);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                // The frame's content takes the horizontal layout of the indent around it.
                ui.vertical(|ui| {
                    ui.set_width(ui.available_width());
                    criterion_ui(ui, desk, typed, c, i, list.len(), depth);
                });
            });
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn criterion_ui(
    ui: &mut Ui,
    desk: &mut Desk,
    typed: &Typed,
    c: &Criterion,
    i: usize,
    count: usize,
    depth: usize,
) {
    let id = c.id.as_str();
    let f = |t| SetupField::Criterion(c.id.clone(), t);
    let name = |what: &str| s::criterion_field(what, id);
    ui.horizontal_wrapped(|ui| {
        ui.label(s::CRITERION_ID);
        field::inline(ui, desk, f(CriterionText::Id), &name(s::CRITERION_ID), 50.0);
        ui.label(s::CRITERION_TITLE);
        field::inline(
            ui,
            desk,
            f(CriterionText::Title),
            &name(s::CRITERION_TITLE),
            460.0,
        );
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(s::CRITERION_MAX);
        if c.is_leaf() {
            field::inline(
                ui,
                desk,
                f(CriterionText::Max),
                &name(s::CRITERION_MAX),
                60.0,
            );
        } else {
            let shown = typed.call.criterion(&c.id).map_or(c.max, |t| t.max);
            ui.label(RichText::new(italian::number(shown.value().normalize())).strong());
            ui.weak(s::GROUP_MAX);
        }
        ui.label(s::CRITERION_MIN);
        field::inline(
            ui,
            desk,
            f(CriterionText::Min),
            &name(s::CRITERION_MIN),
            60.0,
        );
        if c.is_leaf() {
            let mut rescale = c.rescale;
            if ui
                .checkbox(&mut rescale, s::CRITERION_RESCALE)
                .accessible_name(name(s::CRITERION_RESCALE))
                .changed()
            {
                edit_criterion(desk, &c.id, |c| c.rescale = rescale);
            }
        }
    });
    for part in [CriterionPart::Max, CriterionPart::Min] {
        field::advice_ui(ui, typed, &Spot::Criterion(c.id.clone(), part));
    }
    field::text_row_named(
        ui,
        desk,
        f(CriterionText::Description),
        s::CRITERION_DESCRIPTION,
        &name(s::CRITERION_DESCRIPTION),
    );
    if c.is_leaf() {
        method_ui(ui, desk, c);
    }
    field::advice_ui(
        ui,
        typed,
        &Spot::Criterion(c.id.clone(), CriterionPart::Method),
    );
    ui.horizontal_wrapped(|ui| {
        if field::small(ui, i > 0, s::SHIFT_UP, &name(s::SHIFT_UP)) {
            move_criterion(desk, &c.id, -1);
        }
        if field::small(ui, i + 1 < count, s::SHIFT_DOWN, &name(s::SHIFT_DOWN)) {
            move_criterion(desk, &c.id, 1);
        }
        if depth < 2 && field::small(ui, true, s::ADD_SUBCRITERION, &name(s::ADD_SUBCRITERION)) {
            let id = c.id.clone();
            field::put_call(desk, |call| add_subcriterion(call, &id));
        }
        let scored = desk
            .ws
            .sheets()
            .values()
            .any(|sh| sh.scores.iter().any(|sc| sc.criterion == c.id));
        if field::small(ui, !scored, s::REMOVE_CRITERION, &name(s::REMOVE_CRITERION)) {
            let id = c.id.clone();
            field::put_call(desk, |call| remove_criterion(call, &id));
        }
        if scored {
            ui.weak(s::CRITERION_SCORED);
        }
    });
    if let Scoring::Subcriteria(subs) = &c.scoring {
        list_ui(ui, desk, typed, subs, depth + 1);
    }
}

/// The methods a leaf criterion may have, as the drop-down lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Coefficient,
    Points,
    Cofinancing,
    CofinancingAbove,
    Declared,
    Levels,
}

impl Method {
    const ALL: [Method; 6] = [
        Method::Coefficient,
        Method::Points,
        Method::Cofinancing,
        Method::CofinancingAbove,
        Method::Declared,
        Method::Levels,
    ];

    fn of(scoring: &Scoring) -> Option<Method> {
        Some(match scoring {
            Scoring::Coefficient => Method::Coefficient,
            Scoring::Points { .. } => Method::Points,
            Scoring::Linear {
                measure: Measure::CofinancingShare,
            } => Method::Cofinancing,
            Scoring::Linear {
                measure: Measure::CofinancingShareAboveMinimum,
            } => Method::CofinancingAbove,
            Scoring::Linear {
                measure: Measure::Declared { .. },
            } => Method::Declared,
            Scoring::Levels(_) => Method::Levels,
            Scoring::Subcriteria(_) => return None,
        })
    }

    fn title(self) -> &'static str {
        match self {
            Method::Coefficient => s::METHOD_CHOICE_COEFFICIENT,
            Method::Points => s::METHOD_CHOICE_POINTS,
            Method::Cofinancing => s::METHOD_CHOICE_COFINANCING,
            Method::CofinancingAbove => s::METHOD_CHOICE_COFINANCING_ABOVE,
            Method::Declared => s::METHOD_CHOICE_DECLARED,
            Method::Levels => s::METHOD_CHOICE_LEVELS,
        }
    }

    fn scoring(self, max: Points) -> Scoring {
        match self {
            Method::Coefficient => Scoring::Coefficient,
            Method::Points => Scoring::Points { step: None },
            Method::Cofinancing => Scoring::Linear {
                measure: Measure::CofinancingShare,
            },
            Method::CofinancingAbove => Scoring::Linear {
                measure: Measure::CofinancingShareAboveMinimum,
            },
            Method::Declared => Scoring::Linear {
                measure: Measure::Declared {
                    unit: String::new(),
                },
            },
            Method::Levels => Scoring::Levels(
                [("si", s::LEVEL_YES, max), ("no", s::LEVEL_NO, Points::ZERO)]
                    .into_iter()
                    .filter_map(|(id, label, points)| {
                        Some(Level {
                            id: LevelId::new(id).ok()?,
                            label: label.into(),
                            points,
                        })
                    })
                    .collect(),
            ),
        }
    }
}

fn method_ui(ui: &mut Ui, desk: &mut Desk, c: &Criterion) {
    let id = c.id.as_str();
    let name = |what: &str| s::criterion_field(what, id);
    let current = Method::of(&c.scoring);
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(s::CRITERION_METHOD);
        egui::ComboBox::from_id_salt(("metodo", id))
            .selected_text(current.map_or("", Method::title))
            .width(420.0)
            .show_ui(ui, |ui| {
                for m in Method::ALL {
                    if ui.selectable_label(current == Some(m), m.title()).clicked()
                        && current != Some(m)
                    {
                        chosen = Some(m);
                    }
                }
            })
            .response
            .accessible_name(name(s::CRITERION_METHOD));
        match &c.scoring {
            Scoring::Points { .. } => {
                ui.label(s::POINTS_STEP);
                field::inline(
                    ui,
                    desk,
                    SetupField::Criterion(c.id.clone(), CriterionText::Step),
                    &name(s::POINTS_STEP_NAME),
                    60.0,
                );
            }
            Scoring::Linear {
                measure: Measure::Declared { .. },
            } => {
                ui.label(s::DECLARED_UNIT);
                field::inline(
                    ui,
                    desk,
                    SetupField::Criterion(c.id.clone(), CriterionText::Unit),
                    &name(s::DECLARED_UNIT_NAME),
                    200.0,
                );
            }
            _ => {}
        }
    });
    if let Some(m) = chosen {
        let max = c.max;
        edit_criterion(desk, &c.id, |c| {
            c.scoring = m.scoring(max);
            if m != Method::Coefficient && m != Method::Points {
                // Riparametrazione is for judgements; a measure is already relative.
                c.rescale = c.rescale && matches!(m, Method::Levels);
            }
        });
    }
    widgets::keys_hint(ui, method_hint(&c.scoring));
    if let Scoring::Levels(levels) = &c.scoring {
        levels_ui(ui, desk, c, levels);
    }
}

fn method_hint(scoring: &Scoring) -> &'static str {
    match scoring {
        Scoring::Coefficient => s::METHOD_HINT_COEFFICIENT,
        Scoring::Points { .. } => s::METHOD_HINT_POINTS,
        Scoring::Linear { .. } => s::METHOD_HINT_LINEAR,
        Scoring::Levels(_) => s::METHOD_HINT_LEVELS,
        Scoring::Subcriteria(_) => "",
    }
}

fn levels_ui(ui: &mut Ui, desk: &mut Desk, c: &Criterion, levels: &[Level]) {
    for l in levels {
        ui.horizontal_wrapped(|ui| {
            ui.add_space(16.0);
            let name = |what: &str| s::level_field(what, l.id.as_str(), c.id.as_str());
            ui.label(s::LEVEL_LABEL);
            field::inline(
                ui,
                desk,
                SetupField::Level(c.id.clone(), l.id.clone(), LevelText::Label),
                &name(s::LEVEL_LABEL),
                380.0,
            );
            ui.label(s::LEVEL_POINTS);
            field::inline(
                ui,
                desk,
                SetupField::Level(c.id.clone(), l.id.clone(), LevelText::Points),
                &name(s::LEVEL_POINTS),
                60.0,
            );
            if field::small(ui, levels.len() > 1, s::REMOVE, &name(s::REMOVE)) {
                let level = l.id.clone();
                edit_criterion(desk, &c.id, |c| {
                    if let Scoring::Levels(ls) = &mut c.scoring {
                        ls.retain(|x| x.id != level);
                    }
                });
            }
        });
    }
    ui.horizontal(|ui| {
        ui.add_space(16.0);
        if field::small(
            ui,
            true,
            s::ADD_LEVEL,
            &s::criterion_field(s::ADD_LEVEL, c.id.as_str()),
        ) {
            edit_criterion(desk, &c.id, |c| {
                if let Scoring::Levels(ls) = &mut c.scoring {
                    let id = typed::unique(&format!("livello-{}", ls.len() + 1), |x| {
                        ls.iter().any(|l| l.id.as_str() == x)
                    });
                    if let Ok(id) = LevelId::new(id) {
                        ls.push(Level {
                            id,
                            label: s::NEW_LEVEL.into(),
                            points: Points::ZERO,
                        });
                    }
                }
            });
        }
    });
}

fn edit_criterion(desk: &mut Desk, id: &CriterionId, edit: impl FnOnce(&mut Criterion)) {
    field::put_call(desk, |call| {
        if let Some(c) = campi::criterion_mut(&mut call.criteria, id) {
            edit(c);
        }
        campi::sum_groups(&mut call.criteria);
    });
}

/// The list holding the criterion `id`, and its place there.
fn siblings_mut<'a>(
    list: &'a mut Vec<Criterion>,
    id: &CriterionId,
) -> Option<(&'a mut Vec<Criterion>, usize)> {
    if let Some(i) = list.iter().position(|c| &c.id == id) {
        return Some((list, i));
    }
    for c in list.iter_mut() {
        if let Scoring::Subcriteria(subs) = &mut c.scoring
            && let Some(found) = siblings_mut(subs, id)
        {
            return Some(found);
        }
    }
    None
}

fn move_criterion(desk: &mut Desk, id: &CriterionId, by: isize) {
    field::put_call(desk, |call| {
        if let Some((list, i)) = siblings_mut(&mut call.criteria, id) {
            let j = i as isize + by;
            if j >= 0 && (j as usize) < list.len() {
                list.swap(i, j as usize);
            }
        }
    });
}

fn taken(call: &Call, id: &str) -> bool {
    call.all_criteria().iter().any(|c| c.id.as_str() == id)
}

/// A new top-level criterion with the first free letter.
fn add_criterion(call: &mut Call) {
    let id = (b'A'..=b'Z')
        .map(|b| (b as char).to_string())
        .find(|x| !taken(call, x))
        .unwrap_or_else(|| typed::unique("K", |x| taken(call, x)));
    if let (Ok(id), Some(max)) = (
        CriterionId::new(id),
        Points::new(rust_decimal::Decimal::TEN),
    ) {
        call.criteria.push(Criterion {
            id,
            title: s::NEW_CRITERION.into(),
            description: String::new(),
            max,
            min: None,
            rescale: false,
            scoring: Scoring::Coefficient,
        });
    }
}

/// Nests a sub-criterion under `id`: a leaf becomes a group whose first sub-criterion is what
/// it was; a group gets one more, worth nothing until its maximum is typed.
fn add_subcriterion(call: &mut Call, id: &CriterionId) {
    let Some(c) = call.criterion(id) else {
        return;
    };
    let first = c.is_leaf();
    let count = c.subcriteria().len();
    let Some(new_id) = (count + 1..)
        .map(|k| format!("{id}.{k}"))
        .find(|x| !taken(call, x))
        .and_then(|x| CriterionId::new(x).ok())
    else {
        return;
    };
    let Some(c) = campi::criterion_mut(&mut call.criteria, id) else {
        return;
    };
    if first {
        let sub = Criterion {
            id: new_id,
            title: c.title.clone(),
            description: String::new(),
            max: c.max,
            min: None,
            rescale: c.rescale,
            scoring: std::mem::replace(&mut c.scoring, Scoring::Subcriteria(Vec::new())),
        };
        c.rescale = false;
        c.scoring = Scoring::Subcriteria(vec![sub]);
    } else if let Scoring::Subcriteria(subs) = &mut c.scoring {
        subs.push(Criterion {
            id: new_id,
            title: s::NEW_CRITERION.into(),
            description: String::new(),
            max: Points::ZERO,
            min: None,
            rescale: false,
            scoring: Scoring::Coefficient,
        });
    }
    campi::sum_groups(&mut call.criteria);
}

/// Removes a criterion and the tie-breaks that name it; a group left without sub-criteria
/// becomes a criterion judged on the scale, with the maximum it had.
fn remove_criterion(call: &mut Call, id: &CriterionId) {
    fn walk(list: &mut Vec<Criterion>, id: &CriterionId) {
        list.retain(|c| &c.id != id);
        for c in list.iter_mut() {
            if let Scoring::Subcriteria(subs) = &mut c.scoring {
                walk(subs, id);
                if subs.is_empty() {
                    c.scoring = Scoring::Coefficient;
                }
            }
        }
    }
    let removed: Vec<CriterionId> = call
        .criterion(id)
        .map(|c| {
            let mut ids = vec![c.id.clone()];
            fn subs(c: &Criterion, out: &mut Vec<CriterionId>) {
                for s in c.subcriteria() {
                    out.push(s.id.clone());
                    subs(s, out);
                }
            }
            subs(c, &mut ids);
            ids
        })
        .unwrap_or_default();
    walk(&mut call.criteria, id);
    campi::sum_groups(&mut call.criteria);
    call.tie_breaks
        .retain(|t| !matches!(t, TieBreak::Criterion(x) if removed.contains(x)));
}
