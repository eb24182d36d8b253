//! The lots: each a separately funded part of the call, ranked on its own. Added, removed and
//! moved; name, description, funds, the share reserved to the Comune, and how the funds are
//! allocated down the ranking.

use egui::{RichText, Ui};

use super::campi::{LotText, SetupField};
use super::field::{self, Typed};
use crate::app::strings as s;
use crate::app::typed;
use crate::app::views::Desk;
use crate::app::widgets::{self, Tone};
use crate::domain::advice::{LotPart, Spot};
use crate::domain::{Allocation, Call, Lot, LotId, Money, Share};
use crate::italian;

pub(super) fn lotti_ui(ui: &mut Ui, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::CALL_LOTS);
    widgets::keys_hint(ui, s::LOTS_HINT);
    let lots: Vec<Lot> = desk.ws.call().lots.clone();
    let count = lots.len();
    for (i, lot) in lots.iter().enumerate() {
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            lot_ui(ui, desk, typed, lot, i, count);
        });
    }
    ui.add_space(6.0);
    if ui.button(s::ADD_LOT).clicked() {
        field::put_call(desk, add_lot);
    }
}

fn add_lot(call: &mut Call) {
    let n = call.lots.len() + 1;
    let id = typed::unique(&format!("lotto-{n}"), |x| {
        call.lots.iter().any(|l| l.id.as_str() == x)
    });
    let allocation = call
        .lots
        .last()
        .map_or(Allocation::SingleWinner, |l| l.allocation);
    if let Ok(id) = LotId::new(id) {
        call.lots.push(Lot {
            id,
            name: format!("Lotto {n}"),
            description: String::new(),
            budget: Money::ZERO,
            reserved_share: Share::ZERO,
            allocation,
        });
    }
}

fn lot_ui(ui: &mut Ui, desk: &mut Desk, typed: &Typed, lot: &Lot, i: usize, count: usize) {
    let n = i + 1;
    let shown = typed.call.lot(&lot.id).unwrap_or(lot);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(s::lot_heading(n, &shown.name)).strong());
        ui.weak(s::lot_id(lot.id.as_str()));
    });
    let f = |t| SetupField::Lot(lot.id.clone(), t);
    field::row_named(
        ui,
        desk,
        f(LotText::Name),
        s::LOT_NAME,
        &s::lot_field(s::LOT_NAME, n),
        520.0,
    );
    field::text_row_named(
        ui,
        desk,
        f(LotText::Description),
        s::LOT_DESCRIPTION,
        &s::lot_field(s::LOT_DESCRIPTION, n),
    );
    field::row_named(
        ui,
        desk,
        f(LotText::Budget),
        s::LOT_BUDGET,
        &s::lot_field(s::LOT_BUDGET, n),
        160.0,
    );
    field::advice_ui(ui, typed, &Spot::Lot(lot.id.clone(), LotPart::Budget));
    field::row_named(
        ui,
        desk,
        f(LotText::Reserved),
        s::LOT_RESERVED,
        &s::lot_field(s::LOT_RESERVED, n),
        80.0,
    );
    field::advice_ui(ui, typed, &Spot::Lot(lot.id.clone(), LotPart::Reserved));
    widgets::text_row(
        ui,
        s::LOT_CEILING,
        &italian::euro(crate::rules::cofinancing::lot_ceiling(shown)),
    );
    allocation_ui(ui, desk, lot, n);
    ui.horizontal_wrapped(|ui| {
        let name = |what: &str| s::lot_field(what, n);
        if field::small(ui, i > 0, s::SHIFT_UP, &name(s::SHIFT_UP)) {
            field::put_call(desk, |c| c.lots.swap(i, i - 1));
        }
        if field::small(ui, i + 1 < count, s::SHIFT_DOWN, &name(s::SHIFT_DOWN)) {
            field::put_call(desk, |c| c.lots.swap(i, i + 1));
        }
        let used = desk
            .ws
            .applications()
            .values()
            .filter(|a| a.lot == lot.id)
            .count();
        if field::small(
            ui,
            used == 0 && count > 1,
            s::REMOVE_LOT,
            &name(s::REMOVE_LOT),
        ) {
            let id = lot.id.clone();
            field::put_call(desk, |c| c.lots.retain(|l| l.id != id));
        }
        if used > 0 {
            widgets::note(ui, Tone::Neutral, s::lot_in_use(used));
        }
    });
}

fn allocation_ui(ui: &mut Ui, desk: &mut Desk, lot: &Lot, n: usize) {
    let modes = [
        (Allocation::SingleWinner, s::ALLOCATION_SINGLE),
        (
            Allocation::UntilExhausted {
                partial: false,
                skip_when_not_fitting: false,
            },
            s::ALLOCATION_DOWN,
        ),
        (Allocation::AllAboveThreshold, s::ALLOCATION_ALL),
        (Allocation::ProRata, s::ALLOCATION_PRO_RATA),
    ];
    let same =
        |a: Allocation, b: Allocation| std::mem::discriminant(&a) == std::mem::discriminant(&b);
    let current = modes
        .iter()
        .find(|(m, _)| same(*m, lot.allocation))
        .map_or("", |(_, l)| *l);
    let mut chosen = None;
    widgets::row(ui, s::LOT_ALLOCATION, |ui, _| {
        egui::ComboBox::from_id_salt(("assegnazione", lot.id.as_str()))
            .selected_text(current)
            .width(480.0)
            .show_ui(ui, |ui| {
                for (mode, text) in modes {
                    if ui
                        .selectable_label(same(mode, lot.allocation), text)
                        .clicked()
                        && !same(mode, lot.allocation)
                    {
                        chosen = Some(mode);
                    }
                }
            })
            .response
            .accessible_name(s::lot_field(s::LOT_ALLOCATION, n));
        if let Allocation::UntilExhausted {
            mut partial,
            mut skip_when_not_fitting,
        } = lot.allocation
        {
            let a = ui
                .checkbox(&mut partial, s::ALLOCATION_PARTIAL)
                .accessible_name(s::lot_field(s::ALLOCATION_PARTIAL, n))
                .changed();
            let b = ui
                .checkbox(&mut skip_when_not_fitting, s::ALLOCATION_SKIP)
                .accessible_name(s::lot_field(s::ALLOCATION_SKIP, n))
                .changed();
            if a || b {
                chosen = Some(Allocation::UntilExhausted {
                    partial,
                    skip_when_not_fitting,
                });
            }
        }
    });
    if let Some(mode) = chosen {
        let id = lot.id.clone();
        field::put_call(desk, |c| {
            if let Some(l) = c.lots.iter_mut().find(|l| l.id == id) {
                l.allocation = mode;
            }
        });
    }
}
