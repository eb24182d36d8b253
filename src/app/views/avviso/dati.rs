//! The call's general data: who issues it, its title, CUP and RUP, when it was published and
//! when applications are due.

use egui::Ui;

use super::campi::{CallText, SetupField};
use super::field::{self, Typed};
use crate::app::strings as s;
use crate::app::views::Desk;
use crate::app::widgets;
use crate::domain::advice::Spot;

const WIDE: f32 = 640.0;

pub(super) fn dati_ui(ui: &mut Ui, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::CALL_GENERAL);
    let text = |t| SetupField::Call(t);
    field::row(ui, desk, text(CallText::Authority), s::CALL_AUTHORITY, WIDE);
    field::advice_ui(ui, typed, &Spot::Authority);
    field::row(ui, desk, text(CallText::Office), s::CALL_OFFICE, WIDE);
    field::text_row(ui, desk, text(CallText::Title), s::CALL_TITLE);
    field::advice_ui(ui, typed, &Spot::Title);
    field::row(ui, desk, text(CallText::Cup), s::CALL_CUP, 200.0);
    field::advice_ui(ui, typed, &Spot::Cup);
    widgets::keys_hint(ui, s::CUP_HINT);
    field::row(ui, desk, text(CallText::Rup), s::CALL_RUP, WIDE);
    field::advice_ui(ui, typed, &Spot::Rup);
    field::row(
        ui,
        desk,
        text(CallText::Published),
        s::CALL_PUBLISHED,
        140.0,
    );
    field::row(ui, desk, text(CallText::Deadline), s::CALL_DEADLINE, 200.0);
    field::advice_ui(ui, typed, &Spot::Deadline);
    widgets::keys_hint(ui, s::DEADLINE_HINT);
}
