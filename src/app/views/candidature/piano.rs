//! The budget editor of an application (piano finanziario): cost lines, co-financing lines and
//! the contribution requested. The co-financing checks run on the draft at every keystroke, so
//! the commission sees at once what a figure does ("mancano € 500,00 per raggiungere il 10%").

use egui::{RichText, Ui};

use crate::domain::{Application, BudgetCategory, CofinancingKind};
use crate::italian;
use crate::rules::Budget;

use crate::app::drafts::{BudgetDraft, CofinancingDraft, LineDraft};
use crate::app::strings as s;
use crate::app::views::{Action, Desk};
use crate::app::widgets::{self, Tone};

pub fn piano_ui(ui: &mut Ui, app: &Application, desk: &mut Desk) {
    widgets::section(ui, s::BUDGET);
    let editable = desk.can_edit_records();
    if let Some(other) = desk.drafts.budget().filter(|d| d.protocol != app.protocol) {
        widgets::note(
            ui,
            Tone::Warn,
            s::budget_other_draft(other.protocol.as_str()),
        );
    }
    let other_draft = desk
        .drafts
        .budget()
        .is_some_and(|d| d.protocol != app.protocol);
    let has_draft = desk
        .drafts
        .budget()
        .is_some_and(|d| d.protocol == app.protocol);
    let mut work = match desk.drafts.budget() {
        Some(d) if d.protocol == app.protocol => d.clone(),
        _ => BudgetDraft::of(app),
    };
    let enabled = editable && !other_draft;
    let changed = ui
        .add_enabled_ui(enabled, |ui| fields_ui(ui, &mut work, desk))
        .inner;
    if changed {
        let lot = desk.ws.call().lot(&app.lot);
        work.edited_at = desk.now;
        work.waiting = None;
        work.recheck(app, lot, desk.ws);
        desk.drafts.set_budget(Some(work.clone()));
    }
    let has_draft = has_draft || changed;

    let shown: &Application = match &work.parsed {
        Ok(parsed) => parsed,
        Err(_) => app,
    };
    totals_ui(ui, &Budget::of(shown), work.parsed.is_ok());
    // Each error is said at its field; here, that the plan waits for them.
    if let Err(errors) = &work.parsed {
        widgets::note(ui, Tone::Bad, s::budget_fields_wrong(errors.len()));
    }
    // A refusal by the editor; the reading errors are listed above already.
    if let (Some(why), Ok(_)) = (&work.waiting, &work.parsed) {
        widgets::note(ui, Tone::Warn, why.as_str());
    }

    ui.add_space(4.0);
    ui.label(RichText::new(s::COFINANCING_CHECKS).strong());
    if has_draft {
        widgets::keys_hint(ui, s::CHECKS_FOLLOW_TYPING);
        widgets::findings_ui(ui, &work.findings);
    } else if let Some(result) = desk.eval.application(&app.protocol) {
        let findings: Vec<_> = result
            .admission
            .findings
            .iter()
            .filter(|f| f.rule.is_cofinancing())
            .cloned()
            .collect();
        widgets::findings_ui(ui, &findings);
    }
    if has_draft && editable {
        ui.horizontal_wrapped(|ui| {
            widgets::note(ui, Tone::Warn, s::BUDGET_UNSAVED);
            if ui.button(s::SAVE_NOW).clicked() {
                desk.out.push(Action::SaveBudget);
            }
            if ui.button(s::DISCARD_CHANGES).clicked() {
                desk.out.push(Action::DiscardBudget);
            }
        });
    }
}

/// Widths of the editor's columns. Fixed, rather than a grid's: a text field in a grid keeps the
/// width of its first frame.
const CATEGORY: f32 = 230.0;
const DESCRIPTION: f32 = 330.0;
const AMOUNT: f32 = 130.0;

/// What happened to the fields this frame.
#[derive(Default)]
struct Edit {
    changed: bool,
    /// Enter or focus left a field: save the draft.
    finished: bool,
}

impl Edit {
    fn field(&mut self, r: &egui::Response) {
        self.changed |= r.changed();
        self.finished |= r.lost_focus();
    }
}

fn text_field(ui: &mut Ui, text: &mut String, width: f32, name: &str, edit: &mut Edit) {
    let r = ui
        .add_sized(
            [width, ui.spacing().interact_size.y],
            egui::TextEdit::singleline(text),
        )
        .accessible_name(name);
    edit.field(&r);
}

fn amount_field(ui: &mut Ui, text: &mut String, name: &str, edit: &mut Edit) -> egui::Response {
    let r = ui.add_sized(
        [AMOUNT, ui.spacing().interact_size.y],
        egui::TextEdit::singleline(text).align(egui::Align2::RIGHT_CENTER),
    );
    let r = r.accessible_name(name);
    edit.field(&r);
    // What is wrong with the figure is said at the figure, not only below the block.
    if let Err(e) = italian::parse_typed_amount(text) {
        widgets::note(ui, Tone::Bad, s::amount_here(&e));
    }
    r
}

fn header(ui: &mut Ui, columns: &[(&str, f32)]) {
    ui.horizontal(|ui| {
        for (title, width) in columns {
            widgets::fixed_label(ui, *width, RichText::new(*title).weak());
        }
    });
}

/// The editable lines; true when something changed.
fn fields_ui(ui: &mut Ui, work: &mut BudgetDraft, desk: &mut Desk) -> bool {
    let mut edit = Edit::default();
    lines_ui(
        ui,
        &mut work.lines,
        &desk.ws.call().budget_categories,
        &mut edit,
    );
    ui.add_space(4.0);
    cofinancing_ui(ui, &mut work.cofinancing, &mut edit);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(s::REQUESTED).strong());
        let width = CATEGORY + DESCRIPTION + ui.spacing().item_spacing.x;
        ui.add_space((width - label.rect.width() - ui.spacing().item_spacing.x).max(0.0));
        amount_field(ui, &mut work.requested, s::REQUESTED, &mut edit).labelled_by(label.id);
    });
    if edit.finished {
        desk.out.push(Action::SaveBudget);
    }
    edit.changed
}

/// The budget lines: category, description, amount; one removed, one added.
fn lines_ui(
    ui: &mut Ui,
    lines: &mut Vec<LineDraft>,
    categories: &[BudgetCategory],
    edit: &mut Edit,
) {
    ui.label(RichText::new(s::BUDGET_LINES).strong());
    header(
        ui,
        &[
            (s::BUDGET_CATEGORY, CATEGORY),
            (s::BUDGET_DESCRIPTION, DESCRIPTION),
            (s::AMOUNT, AMOUNT),
        ],
    );
    let mut remove = None;
    for (i, line) in lines.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            category_ui(ui, i, line, categories, edit);
            let name = s::line_field(s::BUDGET_DESCRIPTION, n);
            text_field(ui, &mut line.description, DESCRIPTION, &name, edit);
            amount_field(ui, &mut line.amount, &s::line_field(s::AMOUNT, n), edit);
            if ui
                .small_button(s::REMOVE)
                .on_hover_text(s::line_field(s::REMOVE_LINE, n))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        lines.remove(i);
        edit.changed = true;
        edit.finished = true;
    }
    if ui.button(s::ADD_BUDGET_LINE).clicked() {
        lines.push(LineDraft {
            category: categories
                .first()
                .map(|c| c.id.to_string())
                .unwrap_or_default(),
            description: String::new(),
            amount: "0,00".into(),
        });
        edit.changed = true;
    }
}

/// A line's category: typed when the call lists none, chosen from its list otherwise.
fn category_ui(
    ui: &mut Ui,
    i: usize,
    line: &mut LineDraft,
    categories: &[BudgetCategory],
    edit: &mut Edit,
) {
    let n = i + 1;
    if categories.is_empty() {
        let name = s::line_field(s::BUDGET_CATEGORY, n);
        text_field(ui, &mut line.category, CATEGORY, &name, edit);
        if line.category.trim().is_empty() {
            widgets::note(ui, Tone::Bad, s::CATEGORY_MISSING);
        }
        return;
    }
    let selected = categories
        .iter()
        .find(|c| c.id.as_str() == line.category)
        .map_or_else(|| line.category.clone(), |c| c.name.clone());
    let width = CATEGORY - ui.spacing().item_spacing.x;
    widgets::fixed(ui, width, |ui| {
        egui::ComboBox::from_id_salt(("categoria", i))
            .selected_text(selected.clone())
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                for c in categories {
                    if ui
                        .selectable_label(line.category == c.id.as_str(), &c.name)
                        .clicked()
                    {
                        line.category = c.id.to_string();
                        edit.changed = true;
                        edit.finished = true;
                    }
                }
            })
            .response
            .on_hover_text(&selected)
            .accessible_name(s::line_field(s::BUDGET_CATEGORY, n))
    });
}

/// The co-financing lines: source, cash or in kind, amount; one removed, one added.
fn cofinancing_ui(ui: &mut Ui, cofinancing: &mut Vec<CofinancingDraft>, edit: &mut Edit) {
    ui.label(RichText::new(s::COFINANCING_LINES).strong());
    header(
        ui,
        &[
            (s::COFINANCING_SOURCE, CATEGORY),
            (s::COFINANCING_KIND, DESCRIPTION),
            (s::AMOUNT, AMOUNT),
        ],
    );
    let mut remove = None;
    for (i, line) in cofinancing.iter_mut().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            let name = s::cofinancing_field(s::COFINANCING_SOURCE, n);
            text_field(ui, &mut line.source, CATEGORY, &name, edit);
            kind_ui(ui, &mut line.kind, edit);
            let name = s::cofinancing_field(s::AMOUNT, n);
            amount_field(ui, &mut line.amount, &name, edit);
            if ui
                .small_button(s::REMOVE)
                .on_hover_text(s::cofinancing_field(s::REMOVE_LINE, n))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        cofinancing.remove(i);
        edit.changed = true;
        edit.finished = true;
    }
    if ui.button(s::ADD_COFINANCING_LINE).clicked() {
        cofinancing.push(CofinancingDraft {
            source: String::new(),
            kind: CofinancingKind::Cash,
            amount: "0,00".into(),
        });
        edit.changed = true;
    }
}

/// Whether a co-financing line is in cash or in kind.
fn kind_ui(ui: &mut Ui, current: &mut CofinancingKind, edit: &mut Edit) {
    ui.allocate_ui_with_layout(
        egui::vec2(DESCRIPTION, ui.spacing().interact_size.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(DESCRIPTION);
            for (kind, label) in [
                (CofinancingKind::Cash, s::CASH),
                (CofinancingKind::InKind, s::IN_KIND),
            ] {
                if ui.selectable_label(*current == kind, label).clicked() && *current != kind {
                    *current = kind;
                    edit.changed = true;
                    edit.finished = true;
                }
            }
        },
    );
}

fn totals_ui(ui: &mut Ui, b: &Budget, reads: bool) {
    ui.add_space(4.0);
    if !reads {
        widgets::note(ui, Tone::Warn, s::TOTALS_OF_SAVED);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(s::total_cost(&italian::euro(b.total_cost)));
        ui.separator();
        ui.label(s::total_cofinancing(
            &italian::euro(b.cofinancing),
            &italian::euro(b.in_kind),
        ));
        ui.separator();
        ui.label(s::total_requested(&italian::euro(b.requested)));
        ui.separator();
        ui.label(s::cofinancing_share(&italian::percent(
            b.share_percent
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero),
        )));
    });
}
