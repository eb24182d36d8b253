//! The pieces every part of the call's editor uses: a field whose typing is a draft and whose
//! text is checked as it is typed, the advice placed beside what it concerns, and the change of
//! the call or the commission sent as one command.

use egui::{Response, Ui};

use super::campi::{self, SetupField};
use crate::app::drafts::{Commit, Field};
use crate::app::views::Desk;
use crate::app::widgets::{self, DraftEdit, Tone};
use crate::domain::advice::{Advice, Spot};
use crate::domain::{Call, Commission};
use crate::editor::Command;

/// The call and the commission as typed (saved values with the drafts over them), and what
/// their checks say: computed once per frame.
pub struct Typed {
    pub call: Call,
    pub advice: Vec<Advice>,
}

impl Typed {
    pub fn of(desk: &Desk) -> Typed {
        let drafts = desk.drafts.setup_texts();
        let (call, commission) =
            campi::as_typed(desk.ws, drafts.iter().map(|(f, t)| (f, t.as_str())));
        let mut advice = crate::domain::advice::call_advice(&call);
        advice.extend(crate::domain::advice::commission_advice(&commission, &call));
        Typed { call, advice }
    }
}

/// A one-line field with its visible label in a form's row: `label` names it.
pub fn row(ui: &mut Ui, desk: &mut Desk, field: SetupField, label: &str, width: f32) -> Response {
    widgets::row(ui, label, |ui, id| {
        edit(ui, desk, field, label, width, 1, Some(id))
    })
}

/// A one-line field in a form's row, named `name` where the visible label repeats (the name
/// of each lot is labelled «Nome»; it is named «Nome del lotto 2»).
pub fn row_named(
    ui: &mut Ui,
    desk: &mut Desk,
    field: SetupField,
    label: &str,
    name: &str,
    width: f32,
) -> Response {
    widgets::row(ui, label, |ui, _| {
        edit(ui, desk, field, name, width, 1, None)
    })
}

/// A field of several lines in a form's row.
pub fn text_row(ui: &mut Ui, desk: &mut Desk, field: SetupField, label: &str) -> Response {
    widgets::row(ui, label, |ui, id| {
        edit(ui, desk, field, label, f32::INFINITY, 2, Some(id))
    })
}

/// A field of several lines in a form's row, named `name`.
pub fn text_row_named(
    ui: &mut Ui,
    desk: &mut Desk,
    field: SetupField,
    label: &str,
    name: &str,
) -> Response {
    widgets::row(ui, label, |ui, _| {
        edit(ui, desk, field, name, f32::INFINITY, 2, None)
    })
}

/// A field without a visible label (in a line of several): `name` names it.
pub fn inline(ui: &mut Ui, desk: &mut Desk, field: SetupField, name: &str, width: f32) -> Response {
    edit(ui, desk, field, name, width, 1, None)
}

fn edit(
    ui: &mut Ui,
    desk: &mut Desk,
    field: SetupField,
    name: &str,
    width: f32,
    rows: usize,
    label: Option<egui::Id>,
) -> Response {
    let saved = campi::saved_text(&field, desk.ws.call(), desk.ws.commission());
    let key = Field::Setup(field.clone());
    let edit = if rows > 1 {
        DraftEdit::text(key.clone(), &saved, name, rows)
    } else {
        DraftEdit::line(key.clone(), &saved, name).width(width)
    };
    let edit = match label {
        Some(id) => edit.labelled_by(id),
        None => edit,
    };
    let response = edit
        .enabled(desk.can_edit_records())
        .show(ui, desk.drafts, desk.now);
    // Checked as it is typed: what the text would save, before it is saved.
    if let Some(draft) = desk.drafts.get(&key)
        && draft.waiting.is_none()
        && let Commit::Wait(why) = campi::commit(&field, &draft.text, desk.ws)
    {
        widgets::note(ui, Tone::Bad, why);
    }
    response
}

/// The advice on `spot`, red when the call cannot work that way, amber when it is suspicious.
pub fn advice_ui(ui: &mut Ui, typed: &Typed, spot: &Spot) {
    for a in typed.advice.iter().filter(|a| &a.spot == spot) {
        let tone = if a.serious { Tone::Bad } else { Tone::Warn };
        widgets::note(ui, tone, a.text.as_str());
    }
}

/// Sends the saved call changed by `edit`: a structural change (a lot added, a criterion
/// moved), one command, undone by Ctrl+Z.
pub fn put_call(desk: &mut Desk, edit: impl FnOnce(&mut Call)) {
    let mut call = desk.ws.call().clone();
    edit(&mut call);
    if &call != desk.ws.call() {
        desk.send(Command::PutCall(Box::new(call)));
    }
}

/// Sends the saved commission changed by `edit`.
pub fn put_commission(desk: &mut Desk, edit: impl FnOnce(&mut Commission)) {
    let mut commission = desk.ws.commission().clone();
    edit(&mut commission);
    if &commission != desk.ws.commission() {
        desk.send(Command::PutCommission(Box::new(commission)));
    }
}

/// A small button named for what it does to what ("Sposta su il criterio B").
pub fn small(ui: &mut Ui, enabled: bool, text: &str, name: &str) -> bool {
    ui.add_enabled(enabled, egui::Button::new(text).small())
        .accessible_name(name)
        .clicked()
}
