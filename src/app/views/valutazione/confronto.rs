//! Two versions of one member's sheet with the same revision and different content (the sheet
//! was changed on two copies of the call): side by side, application by criterion, the
//! differences highlighted, with the revision and date of each. The secretariat chooses which
//! to keep; keeping the incoming one is a change through the editor like any other.

use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::{Declaration, Moment, Score, ScoreSheet};
use crate::italian;
use crate::workspace::travel::{self, Comparison};

use crate::app::strings as s;
use crate::app::views::{Action, Desk};
use crate::app::widgets::{self, Tone};

/// The two versions found by an import, and how they compare.
pub struct Versions {
    /// The file the incoming version came from, as the user named it.
    file: String,
    held: ScoreSheet,
    incoming: ScoreSheet,
    /// When each was last saved, if known (the files' times).
    held_saved: Option<Moment>,
    incoming_saved: Option<Moment>,
    comparison: Comparison,
    only_different: bool,
}

impl Versions {
    pub fn new(
        file: String,
        held: ScoreSheet,
        incoming: ScoreSheet,
        held_saved: Option<Moment>,
        incoming_saved: Option<Moment>,
    ) -> Versions {
        let comparison = travel::compare(&held, &incoming);
        Versions {
            file,
            held,
            incoming,
            held_saved,
            incoming_saved,
            comparison,
            only_different: true,
        }
    }
}

/// One line of the table: a score or a declaration, as each version has it.
struct Line {
    application: String,
    criterion: String,
    held: String,
    incoming: String,
    differs: bool,
}

fn score_text(score: Option<&Score>) -> String {
    match score {
        Some(sc) if sc.reason.trim().is_empty() => italian::number(sc.value()),
        Some(sc) => s::score_with_reason(&italian::number(sc.value()), sc.reason.trim()),
        None => s::NOT_SCORED.to_string(),
    }
}

fn declaration_text(declaration: Option<&Declaration>) -> String {
    match declaration {
        None => s::NOT_SCORED.to_string(),
        Some(Declaration { conflict: None, .. }) => s::NO_CONFLICT.to_string(),
        Some(Declaration {
            conflict: Some(c), ..
        }) => s::conflict_declared(italian::conflict_kind(c.kind), c.note.trim()),
    }
}

fn lines(v: &Versions) -> Vec<Line> {
    let declarations = v.comparison.declarations.iter().map(|d| Line {
        application: d.application.to_string(),
        criterion: s::DECLARATION.to_string(),
        held: declaration_text(d.held.as_ref()),
        incoming: declaration_text(d.incoming.as_ref()),
        differs: d.differs(),
    });
    let scores = v.comparison.scores.iter().map(|c| Line {
        application: c.application.to_string(),
        criterion: c.criterion.to_string(),
        held: score_text(c.held.as_ref()),
        incoming: score_text(c.incoming.as_ref()),
        differs: c.differs(),
    });
    let mut all: Vec<Line> = declarations.chain(scores).collect();
    // Each application's declaration first, then its criteria in order.
    all.sort_by(|a, b| {
        (&a.application, a.criterion != s::DECLARATION, &a.criterion).cmp(&(
            &b.application,
            b.criterion != s::DECLARATION,
            &b.criterion,
        ))
    });
    if v.only_different {
        all.retain(|l| l.differs);
    }
    all
}

/// Returns false once a version is chosen (or the comparison is left).
pub fn versions_ui(ui: &mut Ui, v: &mut Versions, desk: &mut Desk) -> bool {
    let name = desk.member_name(&v.held.member);
    let date = |m: Option<Moment>| m.map_or_else(|| s::DATE_UNKNOWN.to_string(), italian::moment);
    ui.heading(s::VERSIONS_TITLE);
    ui.add(egui::Label::new(s::versions_intro(&name, v.held.revision, &v.file)).wrap());
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(s::VERSIONS_HELD).strong());
        ui.label(s::version_of(v.held.revision, &date(v.held_saved)));
        ui.separator();
        ui.label(RichText::new(s::VERSIONS_INCOMING).strong());
        ui.label(s::version_of(v.incoming.revision, &date(v.incoming_saved)));
    });
    widgets::note(ui, Tone::Warn, s::differences(v.comparison.differences()));
    let mut keep = None;
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut v.only_different, s::VERSIONS_ONLY_DIFFERENT);
        ui.separator();
        if desk.can_edit_records() {
            if ui.button(s::KEEP_HELD).clicked() {
                keep = Some(false);
            }
            if ui
                .button(s::KEEP_INCOMING)
                .on_hover_text(s::KEEP_INCOMING_HINT)
                .clicked()
            {
                keep = Some(true);
            }
        }
    });
    match keep {
        Some(true) => {
            desk.out
                .push(Action::KeepIncomingSheet(Box::new(v.incoming.clone())));
            return false;
        }
        Some(false) => {
            desk.out.push(Action::Notice(s::kept_held(&name)));
            return false;
        }
        None => {}
    }
    ui.separator();
    table_ui(ui, &lines(v));
    true
}

/// The lines side by side; a reason is read whole, so rows are as tall as their longer text.
fn table_ui(ui: &mut Ui, lines: &[Line]) {
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    TableBuilder::new(ui)
        .id_salt("confronto_schede")
        .striped(true)
        .cell_layout(Layout::left_to_right(Align::Min))
        .auto_shrink([false, false])
        .column(Column::auto().at_least(110.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::initial(460.0).at_least(160.0))
        .column(Column::remainder().at_least(160.0))
        .header(line + 10.0, |mut header| {
            for title in [
                s::COL_APPLICATION,
                s::COL_CRITERION,
                s::COL_HELD,
                s::COL_INCOMING,
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            let widths = body.widths().to_vec();
            let width = |i: usize| widths.get(i).copied().unwrap_or(300.0).max(80.0);
            let heights: Vec<f32> = body.ui_mut().fonts_mut(|f| {
                lines
                    .iter()
                    .map(|l| {
                        let mut tallest = line;
                        for (text, i) in [(&l.held, 2), (&l.incoming, 3)] {
                            let galley = f.layout(text.clone(), font.clone(), color, width(i));
                            tallest = tallest.max(galley.size().y);
                        }
                        tallest + 8.0
                    })
                    .collect()
            });
            body.heterogeneous_rows(heights.into_iter(), |mut row| {
                let Some(l) = lines.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(&l.application);
                });
                row.col(|ui| {
                    ui.label(&l.criterion);
                });
                for text in [&l.held, &l.incoming] {
                    row.col(|ui| {
                        if l.differs {
                            let rect = ui.max_rect().expand(2.0);
                            ui.painter()
                                .rect_filled(rect, 0.0, Tone::Warn.background(ui));
                        }
                        let text = RichText::new(text.as_str());
                        let text = if l.differs { text.strong() } else { text };
                        ui.add(egui::Label::new(text).wrap());
                    });
                }
            });
        });
}
