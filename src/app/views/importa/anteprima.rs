//! The preview of an import: the files as they were read, what each item would do (created,
//! changed, left as it is, or refused for its errors), then every problem with its file, row,
//! column and Italian sentence. Two tables, each drawing only the rows in sight.

use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::import::{Action as Do, ImportPlan, PlanItem, PlanKind, Problem, RowRef, Severity};

use crate::app::strings as s;
use crate::app::widgets::{self, Tone};

pub fn plan_ui(ui: &mut Ui, plan: &ImportPlan) {
    for f in &plan.files {
        let file = match &f.sheet {
            Some(sheet) => s::file_in_sheet(&f.file, sheet),
            None => f.file.clone(),
        };
        ui.label(s::file_read(f.kind.title(), &file, &f.format, f.rows));
    }
    if plan.blocking == 0 {
        ui.label(
            RichText::new(s::plan_counts(
                plan.kind == PlanKind::Scores,
                plan.count(Do::Create),
                plan.count(Do::Update),
                plan.count(Do::Unchanged),
                plan.count(Do::Rejected),
            ))
            .strong(),
        );
    }
    let errors = plan.errors().count();
    let notices = plan.notices().count();
    let height = ui.available_height();
    if !plan.items.is_empty() {
        let share = if plan.problems.is_empty() { 1.0 } else { 0.55 };
        items_ui(ui, plan, (height * share - 40.0).max(120.0));
    }
    if !plan.problems.is_empty() {
        widgets::section(ui, s::PROBLEMS_TITLE);
        ui.label(s::problems_count(errors, notices));
        problems_ui(ui, &plan.problems);
    }
}

fn action_tone(action: Do) -> Tone {
    match action {
        Do::Create => Tone::Good,
        Do::Update => Tone::Info,
        Do::Unchanged => Tone::Neutral,
        Do::Rejected => Tone::Bad,
    }
}

/// One row per item; what changes and what is wrong on one line (the problems table below has
/// each problem whole).
fn items_ui(ui: &mut Ui, plan: &ImportPlan, max_height: f32) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
    TableBuilder::new(ui)
        .id_salt("anteprima_elementi")
        .striped(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .max_scroll_height(max_height)
        .auto_shrink([false, true])
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(110.0))
        .column(Column::initial(260.0).at_least(120.0).clip(true))
        .column(Column::auto().at_least(90.0))
        .column(Column::remainder().clip(true))
        .header(row_height, |mut header| {
            for title in [
                s::COL_ACTION,
                s::COL_ITEM,
                s::COL_DESCRIPTION,
                s::COL_ROWS,
                s::COL_CHANGES,
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, plan.items.len(), |mut row| {
                let Some(item) = plan.items.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    widgets::badge(ui, item.action.label(plan.kind), action_tone(item.action));
                });
                row.col(|ui| {
                    ui.label(&item.key);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&item.label).truncate());
                });
                row.col(|ui| {
                    ui.label(rows(&item.rows));
                });
                row.col(|ui| detail_ui(ui, plan, item));
            });
        });
}

/// What an item changes, or the first of its errors.
fn detail_ui(ui: &mut Ui, plan: &ImportPlan, item: &PlanItem) {
    let problems: Vec<&Problem> = plan
        .problems_of(item)
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if let Some(first) = problems.first() {
        let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        ui.add(
            egui::Label::new(RichText::new(&first.message).color(Tone::Bad.color(ui))).truncate(),
        )
        .on_hover_text(all.join("\n"));
    } else if !item.changes.is_empty() {
        let changes: Vec<String> = item.changes.iter().map(|c| s::change(c)).collect();
        ui.add(egui::Label::new(changes.join(" · ")).truncate())
            .on_hover_text(changes.join("\n"));
    }
}

/// "domande.csv riga 2; costi.csv righe 2, 3".
fn rows(list: &[RowRef]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for r in list {
        let file = match &r.sheet {
            Some(sheet) => s::file_in_sheet(&r.file, sheet),
            None => r.file.clone(),
        };
        match groups.iter_mut().find(|(f, _)| *f == file) {
            Some((_, rows)) => rows.push(r.row.to_string()),
            None => groups.push((file, vec![r.row.to_string()])),
        }
    }
    groups
        .iter()
        .map(|(file, rows)| s::rows_of(file, rows))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One row per problem, its sentence whole: the rows are as tall as their sentence.
fn problems_ui(ui: &mut Ui, problems: &[Problem]) {
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    TableBuilder::new(ui)
        .id_salt("anteprima_problemi")
        .striped(true)
        .cell_layout(Layout::left_to_right(Align::Min))
        .auto_shrink([false, false])
        .column(Column::auto().at_least(60.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::remainder())
        .header(line + 10.0, |mut header| {
            for title in [
                s::COL_KIND,
                s::COL_FILE,
                s::COL_ROW,
                s::COL_COLUMN,
                s::COL_PROBLEM,
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            let width = body.widths().last().copied().unwrap_or(400.0).max(100.0);
            let heights: Vec<f32> = body.ui_mut().fonts_mut(|f| {
                problems
                    .iter()
                    .map(|p| {
                        let galley = f.layout(p.message.clone(), font.clone(), color, width);
                        galley.size().y.max(line) + 8.0
                    })
                    .collect()
            });
            body.heterogeneous_rows(heights.into_iter(), |mut row| {
                let Some(p) = problems.get(row.index()) else {
                    return;
                };
                let tone = match p.severity {
                    Severity::Error => Tone::Bad,
                    Severity::Notice => Tone::Info,
                };
                row.col(|ui| {
                    ui.label(RichText::new(severity(p.severity)).color(tone.color(ui)));
                });
                row.col(|ui| {
                    ui.label(match &p.place.sheet {
                        Some(sheet) => s::file_in_sheet(&p.place.file, sheet),
                        None => p.place.file.clone(),
                    });
                });
                row.col(|ui| {
                    ui.label(p.place.row.map(|r| r.to_string()).unwrap_or_default());
                });
                row.col(|ui| {
                    ui.label(
                        p.place
                            .column
                            .as_ref()
                            .map(|c| s::column_named(&c.letter(), c.header.trim()))
                            .unwrap_or_default(),
                    );
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&p.message).wrap());
                });
            });
        });
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => s::ERROR,
        Severity::Notice => s::NOTICE,
    }
}
