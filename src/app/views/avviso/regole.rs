//! The funding rules: the shares of the contribution and of the co-financing, the in-kind cap,
//! the ceiling per project, the budget categories and their caps (of the total or of the
//! direct costs).

use egui::{RichText, Ui};

use super::campi::{FundingText, SetupField};
use super::field::{self, Typed};
use crate::app::strings as s;
use crate::app::typed;
use crate::app::views::Desk;
use crate::app::widgets;
use crate::domain::advice::Spot;
use crate::domain::{BudgetCategory, CapBase, CategoryCap, CategoryId, Share};

#[derive(Default)]
pub(super) struct State {
    /// The name of the category being added.
    new_category: String,
}

pub(super) fn regole_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, typed: &Typed) {
    widgets::section(ui, s::CALL_FUNDING);
    widgets::keys_hint(ui, s::FUNDING_HINT);
    let f = SetupField::Funding;
    field::row(
        ui,
        desk,
        f(FundingText::MaxContribution),
        s::FUNDING_MAX_CONTRIBUTION,
        80.0,
    );
    field::row(
        ui,
        desk,
        f(FundingText::MinCofinancing),
        s::FUNDING_MIN_COFINANCING,
        80.0,
    );
    field::row(ui, desk, f(FundingText::InKind), s::FUNDING_IN_KIND, 80.0);
    field::row(
        ui,
        desk,
        f(FundingText::PerProject),
        s::FUNDING_PER_PROJECT,
        160.0,
    );
    field::advice_ui(ui, typed, &Spot::Funding);
    ui.horizontal_top(|ui| {
        ui.label("•");
        ui.add(egui::Label::new(s::RULE_BALANCE).wrap());
    });
    ui.horizontal_top(|ui| {
        ui.label("•");
        ui.add(egui::Label::new(s::RULE_LOT_CAP).wrap());
    });

    widgets::section(ui, s::CATEGORIES);
    widgets::keys_hint(ui, s::CATEGORIES_HINT);
    let categories = desk.ws.call().budget_categories.clone();
    for (i, c) in categories.iter().enumerate() {
        category_ui(ui, desk, c, i, categories.len());
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(s::NEW_CATEGORY);
        let r = ui
            .add(egui::TextEdit::singleline(&mut state.new_category).desired_width(320.0))
            .labelled_by(label.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let name = state.new_category.trim().to_string();
        if (ui
            .add_enabled(!name.is_empty(), egui::Button::new(s::ADD_CATEGORY))
            .clicked()
            || enter)
            && !name.is_empty()
        {
            field::put_call(desk, |call| {
                let id = typed::unique(&typed::slug(&name, false).replace('-', "_"), |x| {
                    call.budget_categories.iter().any(|c| c.id.as_str() == x)
                });
                if let Ok(id) = CategoryId::new(id) {
                    call.budget_categories.push(BudgetCategory { id, name });
                }
            });
            state.new_category.clear();
        }
    });
}

fn category_ui(ui: &mut Ui, desk: &mut Desk, c: &BudgetCategory, i: usize, count: usize) {
    let cap = desk
        .ws
        .call()
        .funding
        .category_caps
        .iter()
        .find(|x| x.category == c.id)
        .cloned();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(c.id.as_str()).weak());
        field::inline(
            ui,
            desk,
            SetupField::Category(c.id.clone()),
            &s::category_field(s::CATEGORY_NAME, c.id.as_str()),
            320.0,
        );
        let mut capped = cap.is_some();
        if ui
            .checkbox(&mut capped, s::CATEGORY_CAPPED)
            .accessible_name(s::category_field(s::CATEGORY_CAPPED, c.id.as_str()))
            .changed()
        {
            let id = c.id.clone();
            field::put_call(desk, |call| {
                call.funding.category_caps.retain(|x| x.category != id);
                if capped {
                    call.funding.category_caps.push(CategoryCap {
                        category: id,
                        max_share: Share::new(rust_decimal::Decimal::new(10, 2))
                            .unwrap_or(Share::ONE),
                        of: CapBase::Total,
                    });
                }
            });
        }
        if let Some(cap) = &cap {
            field::inline(
                ui,
                desk,
                SetupField::Cap(c.id.clone()),
                &s::category_field(s::CATEGORY_CAP, c.id.as_str()),
                60.0,
            );
            ui.label("%");
            for (base, text) in [
                (CapBase::Total, s::CAP_OF_TOTAL),
                (CapBase::DirectCosts, s::CAP_OF_DIRECT),
            ] {
                if ui.radio(cap.of == base, text).clicked() && cap.of != base {
                    let id = c.id.clone();
                    field::put_call(desk, |call| {
                        if let Some(x) = call
                            .funding
                            .category_caps
                            .iter_mut()
                            .find(|x| x.category == id)
                        {
                            x.of = base;
                        }
                    });
                }
            }
        }
        let name = |what: &str| s::category_field(what, c.id.as_str());
        if field::small(ui, i > 0, s::SHIFT_UP, &name(s::SHIFT_UP)) {
            field::put_call(desk, |call| call.budget_categories.swap(i, i - 1));
        }
        if field::small(ui, i + 1 < count, s::SHIFT_DOWN, &name(s::SHIFT_DOWN)) {
            field::put_call(desk, |call| call.budget_categories.swap(i, i + 1));
        }
        let used = desk
            .ws
            .applications()
            .values()
            .any(|a| a.budget.iter().any(|l| l.category == c.id));
        if field::small(ui, !used, s::REMOVE, &name(s::REMOVE)) {
            let id = c.id.clone();
            field::put_call(desk, |call| {
                call.budget_categories.retain(|x| x.id != id);
                call.funding.category_caps.retain(|x| x.category != id);
            });
        }
    });
}
