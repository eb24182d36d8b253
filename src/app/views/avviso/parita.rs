//! The tie-breaks of the call, in order: the first that separates two applications decides;
//! what is still equal goes to a draw.

use egui::Ui;

use super::field::{self, Typed};
use crate::app::strings as s;
use crate::app::views::Desk;
use crate::app::widgets;
use crate::domain::advice::Spot;
use crate::domain::{Call, TieBreak};

pub(super) fn tie_breaks_ui(ui: &mut Ui, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::TIE_BREAKS);
    widgets::keys_hint(ui, s::TIE_BREAKS_HINT);
    let list = desk.ws.call().tie_breaks.clone();
    for (i, t) in list.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let text = tie_break_text(desk.ws.call(), t);
            ui.label(format!("{}. {text}", i + 1));
            let name = |what: &str| s::tie_break_field(what, i + 1);
            if field::small(ui, i > 0, s::SHIFT_UP, &name(s::SHIFT_UP)) {
                field::put_call(desk, |c| c.tie_breaks.swap(i, i - 1));
            }
            if field::small(ui, i + 1 < list.len(), s::SHIFT_DOWN, &name(s::SHIFT_DOWN)) {
                field::put_call(desk, |c| c.tie_breaks.swap(i, i + 1));
            }
            if field::small(ui, true, s::REMOVE, &name(s::REMOVE)) {
                field::put_call(desk, |c| {
                    c.tie_breaks.remove(i);
                });
            }
        });
    }
    field::advice_ui(ui, typed, &Spot::TieBreaks);
    let mut options: Vec<TieBreak> = desk
        .ws
        .call()
        .all_criteria()
        .iter()
        .map(|c| TieBreak::Criterion(c.id.clone()))
        .collect();
    options.push(TieBreak::EarlierSubmission);
    options.push(TieBreak::LowerRequested);
    options.retain(|o| !list.contains(o));
    let mut chosen = None;
    widgets::combo(ui, s::ADD_TIE_BREAK, s::CHOOSE, 360.0, |ui| {
        for o in &options {
            if ui
                .selectable_label(false, tie_break_text(desk.ws.call(), o))
                .clicked()
            {
                chosen = Some(o.clone());
            }
        }
    });
    if let Some(t) = chosen {
        field::put_call(desk, |c| c.tie_breaks.push(t));
    }
}

fn tie_break_text(call: &Call, t: &TieBreak) -> String {
    match t {
        TieBreak::Criterion(id) => s::tie_break_on(
            id.as_str(),
            &call
                .criterion(id)
                .map(|c| c.title.clone())
                .unwrap_or_default(),
        ),
        TieBreak::EarlierSubmission => s::TIE_BREAK_EARLIER.into(),
        TieBreak::LowerRequested => s::TIE_BREAK_LOWER_REQUESTED.into(),
    }
}
