//! Small pieces the views share: status badges, draft text fields, findings, notes.

use egui::{Color32, CornerRadius, Key, Response, RichText, TextEdit, Ui};

use crate::domain::{AdmissionOutcome, Allocation, DocumentStatus};
use crate::italian;
use crate::rules::{Admission, ApplicationResult, Check, Finding, Outcome};

use super::drafts::{Drafts, Field};
use super::strings as s;

/// The colour family of a badge or a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Info,
    Neutral,
}

impl Tone {
    pub fn color(self, ui: &Ui) -> Color32 {
        let dark = ui.visuals().dark_mode;
        match (self, dark) {
            (Tone::Good, false) => Color32::from_rgb(0x1b, 0x6e, 0x20),
            (Tone::Good, true) => Color32::from_rgb(0x81, 0xc7, 0x84),
            (Tone::Warn, false) => Color32::from_rgb(0x8a, 0x5a, 0x00),
            (Tone::Warn, true) => Color32::from_rgb(0xff, 0xc1, 0x07),
            (Tone::Bad, false) => Color32::from_rgb(0xb0, 0x1c, 0x1c),
            (Tone::Bad, true) => Color32::from_rgb(0xff, 0x8a, 0x80),
            (Tone::Info, false) => Color32::from_rgb(0x0d, 0x47, 0xa1),
            (Tone::Info, true) => Color32::from_rgb(0x90, 0xca, 0xf9),
            (Tone::Neutral, _) => ui.visuals().weak_text_color(),
        }
    }

    /// A soft background for highlighted cells.
    pub fn background(self, ui: &Ui) -> Color32 {
        self.color(ui).gamma_multiply(0.18)
    }
}

/// A rounded label with a coloured outline: the status of an application.
pub fn badge(ui: &mut Ui, text: &str, tone: Tone) -> Response {
    let color = tone.color(ui);
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, color))
        .fill(tone.background(ui))
        .corner_radius(CornerRadius::same(8))
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            // A badge never wraps: in a table cell it would break into a column of syllables.
            ui.add(egui::Label::new(RichText::new(text).color(color)).extend())
        })
        .inner
}

pub fn outcome_tone(outcome: Outcome) -> Tone {
    match outcome {
        Outcome::Funded | Outcome::PartiallyFunded => Tone::Good,
        Outcome::EligibleNotFunded | Outcome::Renounced => Tone::Info,
        Outcome::TieUnresolved | Outcome::PendingTie | Outcome::Incomplete => Tone::Warn,
        Outcome::BelowThreshold | Outcome::ExclusionProposed | Outcome::Excluded => Tone::Bad,
    }
}

/// What the status badge says of an application: its outcome, with "(proposta)" for an
/// exclusion the commission has not decided.
pub fn status_text(result: &ApplicationResult, allocation: Allocation) -> &'static str {
    result.outcome.label(allocation)
}

pub fn status_badge(ui: &mut Ui, result: &ApplicationResult, allocation: Allocation) -> Response {
    badge(
        ui,
        status_text(result, allocation),
        outcome_tone(result.outcome),
    )
}

pub fn admission_tone(admission: &Admission) -> Tone {
    match admission.outcome {
        AdmissionOutcome::Admitted => Tone::Good,
        AdmissionOutcome::AdmittedWithReserve => Tone::Warn,
        AdmissionOutcome::Excluded => Tone::Bad,
    }
}

pub fn admission_badge(ui: &mut Ui, admission: &Admission) -> Response {
    badge(
        ui,
        italian::admission(admission.outcome, admission.decided),
        admission_tone(admission),
    )
}

/// A small mark drawn with lines rather than a font glyph: the bundled font has no symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Tick,
    Cross,
    Clock,
    Dot,
}

pub fn mark(ui: &mut Ui, mark: Mark, tone: Tone) -> Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let color = tone.color(ui);
    let stroke = egui::Stroke::new((size / 8.0).max(1.5), color);
    let c = rect.center();
    let r = size * 0.36;
    let painter = ui.painter();
    match mark {
        Mark::Tick => {
            painter.line(
                vec![
                    c + egui::vec2(-r, 0.0),
                    c + egui::vec2(-r * 0.3, r * 0.7),
                    c + egui::vec2(r, -r * 0.7),
                ],
                stroke,
            );
        }
        Mark::Cross => {
            painter.line_segment([c + egui::vec2(-r, -r), c + egui::vec2(r, r)], stroke);
            painter.line_segment([c + egui::vec2(-r, r), c + egui::vec2(r, -r)], stroke);
        }
        Mark::Clock => {
            painter.circle_stroke(c, r, stroke);
            painter.line(
                vec![
                    c + egui::vec2(0.0, -r * 0.6),
                    c,
                    c + egui::vec2(r * 0.5, 0.0),
                ],
                stroke,
            );
        }
        Mark::Dot => {
            painter.circle_filled(c, r * 0.5, color);
        }
    }
    response
}

/// The triangle beside a sorted column's title: up when ascending.
pub fn sort_arrow(ui: &mut Ui, descending: bool) {
    let size = ui.text_style_height(&egui::TextStyle::Body) * 0.6;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let (top, bottom) = (rect.top(), rect.bottom());
    let points = if descending {
        vec![
            rect.left_top(),
            rect.right_top(),
            egui::pos2(rect.center().x, bottom),
        ]
    } else {
        vec![
            rect.left_bottom(),
            rect.right_bottom(),
            egui::pos2(rect.center().x, top),
        ]
    };
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

/// A finding as a line: a mark for its check, and the rules' own sentence with its figures.
pub fn finding_ui(ui: &mut Ui, finding: &Finding) {
    let (icon, tone) = match finding.check {
        Check::Pass => (Mark::Tick, Tone::Good),
        Check::Notice => (Mark::Dot, Tone::Info),
        Check::Pending => (Mark::Clock, Tone::Warn),
        Check::Fail => (Mark::Cross, Tone::Bad),
    };
    ui.horizontal_top(|ui| {
        mark(ui, icon, tone);
        let text = RichText::new(finding.message.to_string());
        let text = if finding.check == Check::Fail {
            text.color(tone.color(ui))
        } else {
            text
        };
        ui.add(egui::Label::new(text).wrap());
    });
}

/// Failures first, then the rest.
pub fn findings_ui(ui: &mut Ui, findings: &[Finding]) {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.check));
    for f in sorted {
        finding_ui(ui, f);
    }
}

/// A coloured sentence: a warning, an error, a hint.
pub fn note(ui: &mut Ui, tone: Tone, text: impl Into<String>) -> Response {
    let color = tone.color(ui);
    ui.add(egui::Label::new(RichText::new(text.into()).color(color)).wrap())
}

/// A line of help (keys, what a section is for), in the weak colour.
pub fn keys_hint(ui: &mut Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).weak()).wrap());
}

/// Width of the labels of [`row`]s: the longest ("Responsabile del procedimento") fits.
const ROW_LABEL_WIDTH: f32 = 230.0;

/// A form's row: the label in a fixed column, then the value, which wraps in the space left.
/// `add` gets the label's id, to name the field it adds.
pub fn row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, egui::Id) -> R) -> R {
    ui.horizontal_top(|ui| {
        let label = ui
            .allocate_ui_with_layout(
                egui::vec2(ROW_LABEL_WIDTH, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(ROW_LABEL_WIDTH);
                    ui.strong(label)
                },
            )
            .inner;
        ui.vertical(|ui| add(ui, label.id)).inner
    })
    .inner
}

/// A [`row`] with a text that wraps.
pub fn text_row(ui: &mut Ui, label: &str, value: &str) {
    row(ui, label, |ui, _| {
        ui.add(egui::Label::new(value).wrap());
    });
}

pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).heading().strong());
    ui.add_space(2.0);
}

/// A text field whose typing is a draft: it shows the draft if there is one, the saved value
/// otherwise; Enter or leaving the field saves it (see [`super::drafts`]).
pub struct DraftEdit<'a> {
    field: Field,
    saved: &'a str,
    name: &'a str,
    rows: usize,
    width: f32,
    enabled: bool,
    hint: &'a str,
    label: Option<egui::Id>,
}

impl<'a> DraftEdit<'a> {
    pub fn line(field: Field, saved: &'a str, name: &'a str) -> Self {
        DraftEdit {
            field,
            saved,
            name,
            rows: 1,
            width: 260.0,
            enabled: true,
            hint: "",
            label: None,
        }
    }

    /// Several lines: Enter saves, Shift+Enter starts a new line.
    pub fn text(field: Field, saved: &'a str, name: &'a str, rows: usize) -> Self {
        DraftEdit {
            rows: rows.max(2),
            width: f32::INFINITY,
            ..DraftEdit::line(field, saved, name)
        }
    }

    pub fn width(mut self, width: f32) -> Self {
        self.width = width;
        self
    }

    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// Names the field by the visible label beside it (instead of by `name`).
    pub fn labelled_by(mut self, label: egui::Id) -> Self {
        self.label = Some(label);
        self
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = hint;
        self
    }

    pub fn show(self, ui: &mut Ui, drafts: &mut Drafts, now: f64) -> Response {
        let draft = drafts.get(&self.field);
        let waiting = draft.and_then(|d| d.waiting.clone());
        let mut text = draft.map_or_else(|| self.saved.to_string(), |d| d.text.clone());
        let multiline = self.rows > 1;
        let edit = if multiline {
            TextEdit::multiline(&mut text)
                .desired_rows(self.rows)
                .return_key(egui::KeyboardShortcut::new(
                    egui::Modifiers::SHIFT,
                    Key::Enter,
                ))
        } else {
            TextEdit::singleline(&mut text)
        };
        let width = self.width.min(ui.available_width());
        let edit = edit.desired_width(width).hint_text(self.hint);
        let response = ui.add_enabled(self.enabled, edit);
        let response = match self.label {
            Some(label) => response.labelled_by(label),
            None => response.accessible_name(self.name),
        };
        if response.changed() {
            drafts.edit(self.field.clone(), text, now);
        }
        if multiline
            && response.has_focus()
            && ui.input(|i| i.key_pressed(Key::Enter) && !i.modifiers.shift)
        {
            // Enter ends the reason like a single line; Shift+Enter went to the text.
            response.surrender_focus();
            drafts.finish(self.field.clone());
        }
        if response.lost_focus() {
            drafts.finish(self.field.clone());
        }
        if let Some(why) = waiting {
            note(ui, Tone::Warn, why);
        }
        response
    }
}

/// A drop-down with its label before it (egui puts a combo box's own label after it, which
/// reads backwards in a form).
pub fn combo<R>(
    ui: &mut Ui,
    label: &str,
    selected: impl Into<egui::WidgetText>,
    width: f32,
    add: impl FnOnce(&mut Ui) -> R,
) -> Response {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(selected)
        .width(width)
        .truncate()
        .show_ui(ui, add)
        .response
        .labelled_by(label.id)
}

/// Lays out `add` in exactly `width`: what does not fit is cut (labels and drop-downs that
/// truncate), so that a long name cannot push the columns of a row.
pub fn fixed<R>(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        egui::vec2(width, ui.spacing().interact_size.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            add(ui)
        },
    )
    .inner
}

/// A label cut with "…" to a fixed width.
pub fn fixed_label(ui: &mut Ui, width: f32, text: impl Into<egui::WidgetText>) -> Response {
    fixed(ui, width, |ui| ui.add(egui::Label::new(text).truncate()))
}

/// A sentence shown when a view has nothing to show.
pub fn empty(ui: &mut Ui, text: &str) {
    ui.add_space(12.0);
    ui.label(RichText::new(text).weak());
}

/// A labelled text field (its label names it for screen readers and tests).
pub fn field(ui: &mut Ui, label: &str, text: &mut String, rows: usize, hint: &str) {
    let l = ui.label(label);
    let edit = if rows > 1 {
        egui::TextEdit::multiline(text).desired_rows(rows)
    } else {
        egui::TextEdit::singleline(text)
    };
    ui.add(edit.desired_width(f32::INFINITY).hint_text(hint))
        .labelled_by(l.id);
}

/// The foot of a confirmation: `yes` (pressed only when `ready`) and *Indietro*. Some(true)
/// for yes, Some(false) for back, None while neither is pressed.
pub fn confirm_row(ui: &mut Ui, yes: &str, ready: bool) -> Option<bool> {
    let mut answer = None;
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new(yes)).clicked() {
            answer = Some(true);
        }
        if ui.button(s::GO_BACK).clicked() {
            answer = Some(false);
        }
    });
    answer
}

/// A button that may not be pressed here: disabled when not `allowed`, and then the pointer on
/// it says why.
pub fn button_if(
    ui: &mut Ui,
    allowed: bool,
    button: impl egui::Widget,
    hint: &str,
    why_not: &str,
) -> Response {
    ui.add_enabled(allowed, button)
        .on_hover_text(hint)
        .on_disabled_hover_text(why_not)
}

/// Opens and closes the confirmation of a risky action: a button, then "Sì / No".
pub fn confirm_button(ui: &mut Ui, id: egui::Id, label: &str, question: &str) -> bool {
    let open = ui.data(|d| d.get_temp::<bool>(id).unwrap_or(false));
    if !open {
        if ui.button(label).clicked() {
            ui.data_mut(|d| d.insert_temp(id, true));
        }
        return false;
    }
    let mut confirmed = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(question);
        if ui.button(s::YES).clicked() {
            confirmed = true;
            ui.data_mut(|d| d.insert_temp(id, false));
        }
        if ui.button(s::NO).clicked() {
            ui.data_mut(|d| d.insert_temp(id, false));
        }
    });
    confirmed
}

/// A document's status in words, with its dates.
pub fn document_status(status: Option<DocumentStatus>) -> (String, Tone) {
    match status {
        Some(DocumentStatus::Present) => (s::DOC_PRESENT.into(), Tone::Good),
        Some(DocumentStatus::NotApplicable) => (s::DOC_NOT_APPLICABLE.into(), Tone::Neutral),
        None | Some(DocumentStatus::Missing) => (s::DOC_MISSING.into(), Tone::Bad),
        Some(DocumentStatus::IntegrationRequested {
            requested_on,
            deadline,
        }) => (
            s::doc_requested(&italian::date(requested_on), &italian::date(deadline)),
            Tone::Warn,
        ),
        Some(DocumentStatus::Integrated {
            received_on,
            deadline,
            ..
        }) => (
            s::doc_integrated(&italian::date(received_on), received_on <= deadline),
            if received_on <= deadline {
                Tone::Good
            } else {
                Tone::Bad
            },
        ),
    }
}
