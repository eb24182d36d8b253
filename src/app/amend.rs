//! Amendments (rettifiche). A change to something a closed session fixed is refused: the window
//! says why and, to the secretariat, when an open session follows the closed ones, offers to
//! make the same change as an amendment recorded in that session. A small dialog asks the
//! reason (required: the minutes report it) and sends the change wrapped as
//! [`Command::Amend`].

use egui::{RichText, Ui};

use crate::domain::{SessionId, Workspace};
use crate::editor::{Actor, Command, EditError};

use super::App;
use super::strings as s;
use super::views::Action;
use super::widgets::{self, Tone};
use super::work::{Refused, Typed};

/// A refused change that can be made as an amendment.
pub struct Offer {
    /// The refusal, as the window shows it.
    message: String,
    command: Command,
    /// The draft whose saving was refused, dropped once the amendment is made.
    draft: Option<Typed>,
    /// What the change does, in words, for the dialog.
    what: Option<String>,
    /// The open session that would record it, and its number.
    session: SessionId,
    number: u32,
    /// The dialog, while it is open.
    dialog: Option<Dialog>,
}

#[derive(Default)]
struct Dialog {
    reason: String,
    /// Confirmed with a blank reason.
    blank: bool,
    /// The reason field has had the keyboard once.
    focused: bool,
}

/// What a change does, in words, for the dialog that makes it an amendment.
fn describe(command: &Command, ws: &Workspace) -> Option<String> {
    let name = |m: &crate::domain::MemberId| {
        ws.commission()
            .member(m)
            .map_or_else(|| m.to_string(), |m| m.name.clone())
    };
    Some(match command {
        Command::Score {
            member,
            application,
            criterion,
            value: Some(value),
            reason,
        } => s::amend_score(
            &name(member),
            application.as_str(),
            criterion.as_str(),
            &crate::italian::number(value.value()),
            reason.trim(),
        ),
        Command::Score {
            member,
            application,
            criterion,
            value: None,
            ..
        } => s::amend_score_removed(&name(member), application.as_str(), criterion.as_str()),
        Command::Declare {
            member,
            application,
            ..
        }
        | Command::WithdrawConflict {
            member,
            application,
            ..
        } => s::amend_declaration(&name(member), application.as_str()),
        Command::Decide { application, .. } => s::amend_decision(application.as_str()),
        Command::Document {
            application,
            document,
            ..
        } => s::amend_document(document.as_str(), application.as_str()),
        Command::PutApplication(app) => s::amend_application(app.protocol.as_str()),
        Command::RemoveApplication(protocol) => s::amend_application(protocol.as_str()),
        Command::PutSheet(sheet) => s::amend_sheet(&name(&sheet.member)),
        Command::PutCall(_) => s::AMEND_CALL.into(),
        Command::PutCommission(_) => s::AMEND_COMMISSION.into(),
        Command::Unregister { application, .. } => s::amend_unregister(application.as_str()),
        _ => return None,
    })
}

/// The open session that follows every closed one: where an amendment is recorded.
fn amending_session(ws: &Workspace) -> Option<(SessionId, u32)> {
    let sessions = ws.sessions_in_order();
    let after = sessions.iter().rposition(|s| s.is_closed())? + 1;
    sessions
        .get(after..)?
        .iter()
        .rev()
        .find(|s| !s.is_closed())
        .map(|s| (s.id.clone(), s.number))
}

/// Whether a refused change is one an amendment can make: not a change to a closed session
/// itself, which nothing reopens.
fn amendable(command: &Command) -> bool {
    !matches!(
        command,
        Command::PutSession(_)
            | Command::RemoveSession(_)
            | Command::CloseSession(_)
            | Command::Amend { .. }
    )
}

impl App {
    /// Reports changes the editor refused.
    pub(super) fn report(&mut self, refused: Vec<Refused>) {
        for r in refused {
            self.refused(r);
        }
    }

    /// Reports a refused change in the window; one refused because a closed session fixed what
    /// it changes comes with the offer of an amendment, where the secretariat can make one.
    pub(super) fn refused(&mut self, refused: Refused) {
        let message = refused.error.to_string();
        self.messages.error(message.clone());
        let Some(work) = &self.work else { return };
        let editor = work.editor();
        if !matches!(refused.error, EditError::Sealed(_))
            || *editor.actor() != Actor::Secretariat
            || editor.read_only().is_some()
            || !amendable(&refused.command)
        {
            return;
        }
        match amending_session(editor.workspace()) {
            Some((session, number)) => {
                self.amend = Some(Offer {
                    message,
                    what: describe(&refused.command, editor.workspace()),
                    command: refused.command,
                    draft: refused.draft,
                    session,
                    number,
                    dialog: None,
                });
            }
            None => self.messages.hint(s::AMEND_NEEDS_SESSION),
        }
    }

    /// The offer, under the messages of the top bar.
    pub(super) fn amend_offer_ui(ui: &mut Ui, offer: &mut Option<Offer>) {
        let Some(o) = offer else { return };
        if o.dialog.is_some() {
            return;
        }
        let mut dismiss = false;
        ui.horizontal_wrapped(|ui| {
            if ui.button(s::amend_in(o.number)).clicked() {
                o.dialog = Some(Dialog::default());
            }
            if ui.small_button(s::AMEND_DISMISS).clicked() {
                dismiss = true;
            }
        });
        if dismiss {
            *offer = None;
        }
    }

    /// The dialog that asks the amendment's reason, then makes it.
    pub(super) fn amend_dialog_ui(&mut self, ctx: &egui::Context, out: &mut Vec<Action>) {
        let Some(offer) = &mut self.amend else { return };
        let Some(dialog) = &mut offer.dialog else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("rettifica")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(s::amend_title(offer.number));
            widgets::note(ui, Tone::Bad, offer.message.as_str());
            if let Some(what) = &offer.what {
                ui.add(egui::Label::new(RichText::new(what).strong()).wrap());
            }
            ui.add(egui::Label::new(s::amend_explain(offer.number)).wrap());
            ui.add_space(6.0);
            let label = ui.label(RichText::new(s::AMEND_REASON).strong());
            let field = ui
                .add(
                    egui::TextEdit::multiline(&mut dialog.reason)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .hint_text(s::AMEND_REASON_HINT),
                )
                .labelled_by(label.id);
            if !dialog.focused {
                field.request_focus();
                dialog.focused = true;
            }
            if dialog.blank {
                widgets::note(ui, Tone::Warn, s::AMEND_REASON_REQUIRED);
            }
            answer = widgets::confirm_row(ui, s::AMEND_CONFIRM, true);
        });
        match answer {
            Some(true) if dialog.reason.trim().is_empty() => dialog.blank = true,
            Some(true) => out.push(Action::Amend(dialog.reason.trim().to_string())),
            Some(false) => offer.dialog = None,
            None => {}
        }
    }

    /// Makes the change offered as a rettifica, with `reason`.
    pub(super) fn amend(&mut self, reason: String) {
        let Some(offer) = self.amend.take() else {
            return;
        };
        let Some(work) = &mut self.work else { return };
        let command = Command::Amend {
            session: offer.session,
            reason,
            change: Box::new(offer.command),
        };
        match work.try_apply(command) {
            Ok(()) => {
                if let Some(draft) = &offer.draft {
                    work.discard_draft(draft);
                }
                self.messages.dismiss(&offer.message);
                self.messages.notice(s::amended(offer.number));
            }
            Err(refused) => self.messages.error(refused.error.to_string()),
        }
    }
}
