//! Valutazione: one member's score sheet, one application at a time. Each criterion shows the
//! judgement scale as buttons (or a field for points), the reason box, and what the judgement
//! is worth; the running subtotal follows. Everything can be done from the keyboard (the keys
//! are listed under the sheet). Progress and the matrix of scores are in `matrice`.

pub mod collegiale;
pub mod confronto;
mod criteri;
mod matrice;
pub mod schede;

use std::rc::Rc;

use egui::{Key, Modifiers, ScrollArea, Ui};

use crate::domain::{Conflict, ConflictKind, Criterion, MemberId, Points, Protocol, Scoring};
use crate::editor::{Actor, Command};
use crate::italian;
use crate::rules::diagnostics::MemberProgress;

use super::{Desk, View, filtro};
use crate::app::strings as s;
use crate::app::widgets::{self, Tone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Sheet,
    Progress,
    Matrix,
    /// The sheets that travel: export, import.
    Sheets,
    /// The consensus step: the collegial judgement (see `collegiale`).
    Collegial,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Focus {
    Points,
    Reason,
}

/// Whose sheet, on which application, and whether it can be changed from here.
#[derive(Clone, Copy)]
pub(super) struct Sheet<'s> {
    pub member: &'s MemberId,
    pub app: &'s Protocol,
    pub editable: bool,
}

#[derive(Default)]
pub struct State {
    pub tab: Tab,
    /// The member whose sheet the secretariat is transcribing.
    pub member: Option<MemberId>,
    pub application: Option<Protocol>,
    /// The criterion the number keys score (index among the scored criteria).
    pub(super) active: usize,
    /// The outlined criterion moved by the keyboard: the page scrolls to show it.
    pub(super) reveal: bool,
    /// A field to focus at the next frame (the keyboard asked for it).
    pub(super) focus: Option<(usize, Focus)>,
    conflict_kind: Option<ConflictKind>,
    /// A conflict declaration being withdrawn: whose, on which application, and the reason
    /// being typed (required: the verbale reports it).
    withdrawing: Option<(MemberId, Protocol, String)>,
    matrix: matrice::Cache,
    pub sheets: schede::State,
    pub collegial: collegiale::State,
    /// Which of the member's applications the sheet walks through.
    pub(super) filter: filtro::Filter,
    /// The applications to score as filtered, for a generation of the workspace.
    listing: filtro::Listing<(u64, MemberId, filtro::Filter)>,
    picker: Picker,
}

/// The application picker's search, and its list as searched.
#[derive(Default)]
struct Picker {
    text: String,
    /// Just opened: scroll to the application shown and focus the search.
    opened: bool,
    listing: filtro::Listing<(u64, MemberId, filtro::Filter, String)>,
}

pub fn valutazione_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let who = member(state, desk);
    ui.horizontal_wrapped(|ui| {
        ui.heading(s::VIEW_VALUTAZIONE);
        ui.separator();
        for (tab, label) in [
            (Tab::Sheet, s::TAB_SHEET),
            (Tab::Progress, s::TAB_PROGRESS),
            (Tab::Matrix, s::TAB_MATRIX),
            (Tab::Sheets, s::TAB_SHEETS),
            (Tab::Collegial, s::TAB_COLLEGIAL),
        ] {
            ui.selectable_value(&mut state.tab, tab, label);
        }
        if let Some(m) = &who {
            ui.separator();
            if ui
                .button(s::EXPORT_SCORE_PDF)
                .on_hover_text(s::EXPORT_SCORE_PDF_HINT)
                .clicked()
            {
                desk.out.push(super::Action::ExportScorePdf(m.clone()));
            }
        }
    });
    ui.separator();
    match state.tab {
        Tab::Sheet => sheet_ui(ui, state, desk),
        Tab::Progress => matrice::progress_ui(ui, desk),
        Tab::Matrix => matrice::matrix_ui(ui, &mut state.matrix, desk),
        Tab::Sheets => schede::schede_ui(ui, &mut state.sheets, desk),
        Tab::Collegial => collegiale::collegiale_ui(ui, &mut state.collegial, desk),
    }
}

/// The member whose sheet is shown: the commissioner using the program, or the one the
/// secretariat picked.
fn member(state: &mut State, desk: &Desk) -> Option<MemberId> {
    if let Actor::Member(me) = desk.actor {
        return Some(me.clone());
    }
    let voting: Vec<&MemberId> = desk
        .ws
        .commission()
        .voting_members()
        .map(|m| &m.id)
        .collect();
    if state.member.as_ref().is_none_or(|m| !voting.contains(&m)) {
        state.member = voting.first().map(|m| (*m).clone());
    }
    state.member.clone()
}

/// The applications a member scores, as the filters leave them: the admitted ones on their
/// panel (a substitute only those appointed for), in protocol order; derived once per change,
/// filter and member (shared, so that a frame does not copy thousands of protocols).
fn applications(state: &mut State, desk: &Desk, member: &MemberId) -> Rc<[Protocol]> {
    let filter = &state.filter;
    state
        .listing
        .get((desk.generation, member.clone(), filter.clone()), || {
            let on_panel = desk.ws.commission().member(member);
            let progress = progress(desk, member);
            desk.eval
                .applications
                .values()
                .filter(|r| r.admission.admitted())
                .filter(|r| on_panel.is_none_or(|m| m.sits_on(&r.protocol)))
                .filter(|r| filter.keeps(desk, r, unfinished(progress, &r.protocol)))
                .map(|r| r.protocol.clone())
                .collect()
        })
}

/// What the rules say of the member's progress.
fn progress<'e>(desk: &Desk<'e>, member: &MemberId) -> Option<&'e MemberProgress> {
    desk.eval
        .diagnostics
        .progress
        .iter()
        .find(|p| &p.member == member)
}

/// Whether the member still has to finish `app` (as the rules count it).
fn unfinished(progress: Option<&MemberProgress>, app: &Protocol) -> bool {
    progress.is_some_and(|p| p.is_unfinished(app))
}

fn sheet_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let Some(member) = member(state, desk) else {
        widgets::empty(ui, s::NO_VOTING_MEMBERS);
        return;
    };
    member_ui(ui, state, desk, &member);
    filtro::filter_ui(ui, &mut state.filter, desk, s::ONLY_UNFINISHED, true);
    let apps = applications(state, desk, &member);
    if apps.is_empty() {
        let empty = if state.filter.is_active() {
            s::NO_APPLICATIONS_MATCH
        } else {
            s::NO_ADMITTED
        };
        widgets::empty(ui, empty);
        return;
    }
    if state.application.as_ref().is_none_or(|p| !apps.contains(p)) {
        // Start where there is work to do.
        let progress = progress(desk, &member);
        state.application = apps
            .iter()
            .find(|p| unfinished(progress, p))
            .or(apps.first())
            .cloned();
        state.active = 0;
    }
    let Some(app) = state.application.clone() else {
        return;
    };
    let at = apps.iter().position(|p| *p == app).unwrap_or(0);
    let sheet = Sheet {
        member: &member,
        app: &app,
        editable: desk.can_edit_sheet(&member),
    };

    keys(ui, state, desk, sheet, &apps, at);
    nav_ui(ui, state, desk, &member, &apps, at);
    ui.separator();

    let Some(application) = desk.ws.application(&app) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{} · {}", app, application.title));
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(&application.applicant.name);
        if desk.ws.call().lots.len() > 1 {
            ui.weak(format!(
                "{} {}",
                s::LOT,
                filtro::lot_name(desk, &application.lot)
            ));
        }
        if ui.link(s::OPEN_APPLICATION).clicked() {
            desk.goto(View::Candidature, Some(app.clone()));
        }
    });
    declaration_ui(ui, state, desk, sheet);
    if desk.ws.abstains(&member, &app) {
        return;
    }
    if let Some(closed) = crate::coverage::scores_fixed_by(desk.ws, &app, &member) {
        widgets::note(
            ui,
            Tone::Info,
            s::scores_fixed(closed.number, &italian::date(closed.date)),
        );
    }
    // The running subtotal stays in sight below the criteria, however far they scroll.
    egui::Panel::bottom(("subtotale", member.as_str(), app.as_str()))
        .resizable(false)
        .show(ui, |ui| criteri::subtotal_ui(ui, desk, sheet));
    ScrollArea::vertical()
        .id_salt(("scheda", member.as_str(), app.as_str()))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            criteri::criteria_ui(ui, state, desk, sheet);
            ui.add_space(8.0);
            widgets::keys_hint(ui, s::SCORING_KEYS);
            ui.add_space(16.0);
        });
}

fn member_ui(ui: &mut Ui, state: &mut State, desk: &Desk, member: &MemberId) {
    ui.horizontal_wrapped(|ui| {
        match desk.actor {
            Actor::Member(_) => {
                ui.label(s::sheet_of(&desk.member_name(member)));
            }
            Actor::Secretariat => {
                widgets::combo(ui, s::SHEET_OF, desk.member_name(member), 240.0, |ui| {
                    for m in desk.ws.commission().voting_members() {
                        ui.selectable_value(&mut state.member, Some(m.id.clone()), &m.name);
                    }
                });
                widgets::keys_hint(ui, s::SECRETARIAT_TRANSCRIBES);
            }
        }
        if let Some(p) = desk
            .eval
            .diagnostics
            .progress
            .iter()
            .find(|p| &p.member == member)
        {
            ui.separator();
            ui.label(s::progress_short(
                p.applications_done,
                p.applications_to_score,
            ));
        }
    });
}

fn keys(
    ui: &mut Ui,
    state: &mut State,
    desk: &mut Desk,
    sheet: Sheet,
    apps: &[Protocol],
    at: usize,
) {
    let Sheet {
        member,
        app,
        editable,
    } = sheet;
    if ui.ctx().text_edit_focused() {
        return;
    }
    let nothing_focused = ui.memory(|m| m.focused()).is_none();
    let numbers = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    let (up, down, prev, next, enter, number) = ui.input_mut(|i| {
        let arrows = nothing_focused;
        (
            arrows && i.consume_key(Modifiers::NONE, Key::ArrowUp),
            arrows && i.consume_key(Modifiers::NONE, Key::ArrowDown),
            (arrows && i.consume_key(Modifiers::NONE, Key::ArrowLeft))
                || i.consume_key(Modifiers::NONE, Key::PageUp),
            (arrows && i.consume_key(Modifiers::NONE, Key::ArrowRight))
                || i.consume_key(Modifiers::NONE, Key::PageDown),
            nothing_focused && i.consume_key(Modifiers::NONE, Key::Enter),
            numbers
                .iter()
                .position(|k| i.consume_key(Modifiers::NONE, *k)),
        )
    });
    let leaves = scored_criteria(desk);
    if up {
        state.active = state.active.saturating_sub(1);
    }
    if down && state.active + 1 < leaves.len() {
        state.active += 1;
    }
    state.reveal |= up || down;
    if prev && at > 0 {
        state.application = apps.get(at - 1).cloned();
        state.active = 0;
    }
    if next && at + 1 < apps.len() {
        state.application = apps.get(at + 1).cloned();
        state.active = 0;
    }
    let Some(c) = leaves.get(state.active) else {
        return;
    };
    if enter && editable {
        let target = match c.scoring {
            Scoring::Points { .. } if desk.ws.score(member, app, &c.id).is_none() => Focus::Points,
            _ => Focus::Reason,
        };
        state.focus = Some((state.active, target));
    }
    if let Some(n) = number
        && editable
        && !desk.ws.abstains(member, app)
        && matches!(c.scoring, Scoring::Coefficient)
        && let Some(j) = desk.ws.call().judgement_scale.get(n)
        && let Some(value) = Points::new(j.coefficient.value())
    {
        criteri::score(desk, sheet, &c.id, value);
    }
}

/// The criteria members judge, in the call's order (sub-criteria included).
fn scored_criteria<'a>(desk: &Desk<'a>) -> Vec<&'a Criterion> {
    desk.ws
        .call()
        .leaf_criteria()
        .into_iter()
        .filter(|c| c.is_discretionary())
        .collect()
}

fn nav_ui(
    ui: &mut Ui,
    state: &mut State,
    desk: &Desk,
    member: &MemberId,
    apps: &[Protocol],
    at: usize,
) {
    let progress = progress(desk, member);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(at > 0, egui::Button::new(s::PREVIOUS))
            .clicked()
        {
            state.application = apps.get(at - 1).cloned();
            state.active = 0;
        }
        let current = apps
            .get(at)
            .map(|p| picker_label(desk, member, progress, p))
            .unwrap_or_default();
        let button = widgets::fixed(ui, 380.0, |ui| {
            ui.add(egui::Button::new(&current).truncate())
                .on_hover_text(&current)
                .accessible_name(s::APPLICATION_PICK)
        });
        if button.clicked() {
            state.picker.text.clear();
            state.picker.opened = true;
        }
        let popup = egui::Popup::default_response_id(&button);
        egui::Popup::from_toggle_button_response(&button)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .width(460.0)
            .show(|ui| {
                if picker_ui(ui, state, desk, member, apps, at) {
                    egui::Popup::close_id(ui.ctx(), popup);
                }
            });
        if ui
            .add_enabled(at + 1 < apps.len(), egui::Button::new(s::NEXT))
            .clicked()
        {
            state.application = apps.get(at + 1).cloned();
            state.active = 0;
        }
        ui.label(s::position(at + 1, apps.len()));
        // The next one this member has not finished, after the one shown, in the list's order.
        let next = apps[at + 1..]
            .iter()
            .chain(&apps[..at])
            .find(|p| unfinished(progress, p));
        let r = ui
            .add_enabled(next.is_some(), egui::Button::new(s::NEXT_TO_SCORE))
            .on_hover_text(s::NEXT_TO_SCORE_HINT)
            .on_disabled_hover_text(s::NOTHING_LEFT_TO_SCORE);
        if r.clicked() {
            state.application = next.cloned();
            state.active = 0;
        }
    });
}

/// An application in the picker: protocol, applicant and where the member is with it.
fn picker_label(
    desk: &Desk,
    member: &MemberId,
    progress: Option<&MemberProgress>,
    p: &Protocol,
) -> String {
    let mark = if desk.ws.abstains(member, p) {
        s::MARK_ABSTAINED
    } else if unfinished(progress, p) {
        s::MARK_TODO
    } else {
        s::MARK_DONE
    };
    format!("{} · {} ({mark})", p, desk.applicant(p))
}

/// The picker's list, searched, scrolled to the application shown when it opens; true when
/// an application was chosen (the popup then closes).
fn picker_ui(
    ui: &mut Ui,
    state: &mut State,
    desk: &Desk,
    member: &MemberId,
    apps: &[Protocol],
    at: usize,
) -> bool {
    let progress = progress(desk, member);
    let label = ui.label(s::PICKER_SEARCH);
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut state.picker.text)
                .hint_text(s::SEARCH_APPLICANT_HINT)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let opened = std::mem::take(&mut state.picker.opened);
    if opened {
        search.request_focus();
    }
    let needle = filtro::needle(&state.picker.text);
    let key = (
        desk.generation,
        member.clone(),
        state.filter.clone(),
        needle.clone(),
    );
    let list = state.picker.listing.get(key, || {
        apps.iter()
            .filter(|p| filtro::text_matches(desk, p, &needle))
            .cloned()
            .collect()
    });
    if list.is_empty() {
        ui.weak(s::PICKER_NO_MATCH);
        return false;
    }
    let row_height = ui.spacing().interact_size.y;
    let mut area = ScrollArea::vertical()
        .id_salt("valutazione_scelta")
        .max_height(360.0)
        .auto_shrink([false, true]);
    if opened && let Some(shown) = apps.get(at) {
        // The one shown in the middle of the list, not at its top edge.
        let index = list.iter().position(|p| p == shown).unwrap_or(0);
        let step = row_height + ui.spacing().item_spacing.y;
        area = area.vertical_scroll_offset((index as f32 * step - 160.0).max(0.0));
    }
    let mut chosen = None;
    area.show_rows(ui, row_height, list.len(), |ui, range| {
        for p in &list[range] {
            let text = picker_label(desk, member, progress, p);
            let selected = state.application.as_ref() == Some(p);
            if ui
                .add(egui::Button::selectable(selected, &text).truncate())
                .on_hover_text(&text)
                .clicked()
            {
                chosen = Some(p.clone());
            }
        }
    });
    let Some(p) = chosen else {
        return false;
    };
    state.application = Some(p);
    state.active = 0;
    true
}

/// Withdrawing a conflict of interest: an act with legal effect (the member may then score),
/// so it asks for confirmation and the reason the verbale reports.
fn withdraw_dialog_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    let Some((member, app, reason)) = state.withdrawing.as_mut() else {
        return;
    };
    let name = desk.member_name(member);
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("ritira_conflitto")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading(s::WITHDRAW_CONFLICT_TITLE);
        ui.add(egui::Label::new(s::withdraw_conflict_explain(&name, app.as_str())).wrap());
        ui.add_space(4.0);
        let label = ui.label(s::WITHDRAW_CONFLICT_REASON);
        ui.add(
            egui::TextEdit::multiline(reason)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text(s::WITHDRAW_CONFLICT_HINT),
        )
        .labelled_by(label.id);
        let given = !reason.trim().is_empty();
        if !given {
            widgets::note(ui, Tone::Warn, s::WITHDRAW_CONFLICT_NEEDS_REASON);
        }
        answer = widgets::confirm_row(ui, s::WITHDRAW_CONFLICT_CONFIRM, given);
    });
    match answer {
        Some(true) => {
            if let Some((member, application, reason)) = state.withdrawing.take() {
                desk.send(Command::WithdrawConflict {
                    member,
                    application,
                    reason: reason.trim().to_string(),
                });
            }
        }
        Some(false) => state.withdrawing = None,
        None => {}
    }
}

fn declaration_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk, sheet: Sheet) {
    let Sheet {
        member,
        app,
        editable,
    } = sheet;
    let declaration = desk
        .ws
        .sheet(member)
        .and_then(|sh| sh.declaration(app))
        .cloned();
    ui.horizontal_wrapped(|ui| {
        ui.label(s::CONFLICT);
        match &declaration {
            None => widgets::badge(ui, s::NOT_DECLARED, Tone::Warn),
            Some(d) => match &d.conflict {
                None => widgets::badge(ui, s::NO_CONFLICT, Tone::Good),
                Some(c) => {
                    widgets::badge(ui, &s::conflict(italian::conflict_kind(c.kind)), Tone::Bad)
                }
            },
        };
        if !editable {
            return;
        }
        let declared_none = declaration.as_ref().is_some_and(|d| d.conflict.is_none());
        let in_conflict = declaration.as_ref().is_some_and(|d| d.conflict.is_some());
        // A conflict is first withdrawn, with its reason; then no conflict can be declared.
        if !declared_none && !in_conflict && ui.button(s::DECLARE_NO_CONFLICT).clicked() {
            desk.send(Command::Declare {
                member: member.clone(),
                application: app.clone(),
                declaration: Some(None),
            });
        }
        if !in_conflict {
            let kind = state
                .conflict_kind
                .get_or_insert(ConflictKind::Professional);
            egui::ComboBox::from_id_salt("tipo_conflitto")
                .selected_text(italian::conflict_kind(*kind))
                .show_ui(ui, |ui| {
                    for k in [
                        ConflictKind::Kinship,
                        ConflictKind::Professional,
                        ConflictKind::Other,
                    ] {
                        ui.selectable_value(kind, k, italian::conflict_kind(k));
                    }
                })
                .response
                .accessible_name(s::CONFLICT_KIND);
            let kind = *kind;
            if ui
                .button(s::DECLARE_CONFLICT)
                .on_hover_text(s::DECLARE_CONFLICT_HINT)
                .clicked()
            {
                desk.send(Command::Declare {
                    member: member.clone(),
                    application: app.clone(),
                    declaration: Some(Some(Conflict {
                        kind,
                        note: String::new(),
                    })),
                });
            }
        }
        if in_conflict && ui.button(s::WITHDRAW_CONFLICT).clicked() {
            state.withdrawing = Some((member.clone(), app.clone(), String::new()));
        } else if declared_none && ui.button(s::WITHDRAW_DECLARATION).clicked() {
            desk.send(Command::Declare {
                member: member.clone(),
                application: app.clone(),
                declaration: None,
            });
        }
    });
    withdraw_dialog_ui(ui, state, desk);
    if declaration.as_ref().is_some_and(|d| d.conflict.is_some()) {
        let text = match desk.actor {
            Actor::Member(_) => s::YOU_ABSTAIN.to_string(),
            Actor::Secretariat => s::member_abstains(&desk.member_name(member)),
        };
        widgets::note(ui, Tone::Warn, text);
    }
}
