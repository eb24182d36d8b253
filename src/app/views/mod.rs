//! The views reached from the side panel, one file each. A view reads the workspace and its
//! evaluation, keeps its own small state (filters, selection), and asks for changes by pushing
//! [`Action`]s: the window applies them through the editor after the frame.

pub mod ammissibilita;
pub mod avviso;
pub mod candidature;
pub mod filtro;
pub mod graduatoria;
pub mod importa;
pub mod presentazione;
pub mod sedute;
pub mod valutazione;

use std::path::PathBuf;

use crate::domain::{
    AdmissionOutcome, CriterionId, MemberId, Points, Protocol, ScoreSheet, SessionId, Workspace,
};
use crate::editor::{Actor, Command};
use crate::import::{ImportPlan, PlanKind};
use crate::rules::Evaluation;

use super::drafts::{Drafts, Stale};
use super::strings as s;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Avviso,
    Candidature,
    Ammissibilita,
    Valutazione,
    Graduatoria,
    Sedute,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Avviso,
        View::Candidature,
        View::Ammissibilita,
        View::Valutazione,
        View::Graduatoria,
        View::Sedute,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Avviso => s::VIEW_AVVISO,
            View::Candidature => s::VIEW_CANDIDATURE,
            View::Ammissibilita => s::VIEW_AMMISSIBILITA,
            View::Valutazione => s::VIEW_VALUTAZIONE,
            View::Graduatoria => s::VIEW_GRADUATORIA,
            View::Sedute => s::VIEW_SEDUTE,
        }
    }

    /// The name used by `COMMISSIONE_VISTA` (see README): the title in lower case, unaccented.
    pub fn from_name(name: &str) -> Option<View> {
        let name = name.trim().to_lowercase();
        View::ALL.into_iter().find(|v| {
            let title = v.title().to_lowercase().replace('à', "a");
            title == name
        })
    }
}

/// What a view asks of the window.
#[derive(Debug, Clone)]
pub enum Action {
    Apply(Command),
    /// A member's judgement on a criterion. Its reason is another request: the draft being
    /// typed goes with the judgement when the judgement is taken, and stays typed when not.
    Mark {
        member: MemberId,
        application: Protocol,
        criterion: CriterionId,
        value: Points,
    },
    /// A change after which some drafts are stale: they go once it is saved, and stay when it
    /// is refused, so that nothing typed is lost to a refusal.
    ApplyDropping {
        command: Command,
        stale: Stale,
    },
    /// An admissibility outcome chosen for an application: its reason is drafted (carrying
    /// over what was typed for another outcome), and recorded at once when `record`.
    ChooseOutcome {
        application: Protocol,
        outcome: AdmissionOutcome,
        reason: String,
        record: bool,
    },
    /// Save the budget being edited (*Salva ora*, Enter, leaving the page).
    SaveBudget,
    /// Drop the budget being edited (*Annulla le modifiche*).
    DiscardBudget,
    /// Go to a view, opening an application there when one is given.
    Goto(View, Option<Protocol>),
    ExportMinutes(SessionId),
    /// The public ranking as PDF.
    ExportRanking,
    /// A letter to each applicant with its outcome, in `verbali/comunicazioni/`.
    ExportLetters,
    /// The table of grants for Amministrazione trasparente, CSV and ODS.
    ExportTransparency,
    /// A member's score sheet as PDF, to sign.
    ExportScorePdf(MemberId),
    /// Export the ranking and the score matrix to this spreadsheet, or ask where (None).
    ExportSpreadsheet(Option<PathBuf>),
    /// Start the presentation mode, at an application if one is given.
    Present(Option<Protocol>),
    /// Write a member's score sheet to this file, or ask where (None).
    ExportSheet {
        member: MemberId,
        path: Option<PathBuf>,
    },
    /// Take in a member's exported sheet from this file, or ask which (None).
    ImportSheet(Option<PathBuf>),
    /// Of two versions of a sheet, keep the one from the file: through the editor.
    KeepIncomingSheet(Box<ScoreSheet>),
    /// Ask for a file for the import of applications or scores.
    PickImportFile(importa::Slot),
    /// Write a previewed import: everything, or only the items without errors.
    Import {
        plan: Box<ImportPlan>,
        only_good_rows: bool,
    },
    /// Tell the user something that needs no change (a choice that keeps things as they are).
    Notice(String),
    /// Write the bundle of a granted access request and journal its release.
    ReleaseAccess(crate::domain::AccessId),
    // What the window's frame asks (the bar, the keyboard, the dialogs), done in the same place.
    /// Undo the last change (*Annulla*, Ctrl+Z).
    Undo,
    /// Make again the change last undone (*Ripeti*, Ctrl+Shift+Z).
    Redo,
    /// Save what is being typed now (*Salva ora*, Ctrl+S).
    SaveAll,
    /// Leave the call for the start screen; `force` once the user agreed to lose what cannot
    /// be saved; `new_call` goes on to the page of a new call.
    Leave {
        force: bool,
        new_call: bool,
    },
    /// Ask whether to take the lock from an instance that looks gone.
    AskTakeOver(String),
    /// Take the lock (the user confirmed).
    TakeOver,
    /// Read the call's files again (*Aggiorna*, in a window open only to read).
    Refresh,
    /// Make the change refused as a rettifica, with this reason (the rettifica dialog).
    Amend(String),
    /// Open a folder in the system's file manager.
    OpenFolder(PathBuf),
    /// Start or end the presentation (F5).
    TogglePresentation,
    /// Full screen or not (F11).
    ToggleFullscreen,
    /// Close the window (the user agreed to lose what cannot be saved).
    Close,
    /// Save the template to fill in for an import of applications to this file, or ask where.
    SaveImportTemplate(Option<PathBuf>),
}

/// What a view has at hand while it draws: the data to read, the drafts being typed, and the
/// outbox for the changes it asks for.
pub struct Desk<'a> {
    /// The call's folder.
    pub dir: &'a std::path::Path,
    pub ws: &'a Workspace,
    pub eval: &'a Evaluation,
    /// The files that could not be read or do not hold together, as loading found them.
    pub problems: &'a [crate::workspace::Problem],
    pub actor: &'a Actor,
    /// False when the workspace is open read-only.
    pub writable: bool,
    /// Whether the others' marks on every scored application can be shown here (see
    /// [`Work::sees_all_marks`](crate::app::Work::sees_all_marks)).
    pub all_marks: bool,
    /// Grows at every change (see `Work::generation`).
    pub generation: u64,
    /// `ui.input().time`, for the drafts' pause.
    pub now: f64,
    pub drafts: &'a mut Drafts,
    pub out: &'a mut Vec<Action>,
}

impl Desk<'_> {
    pub fn send(&mut self, command: Command) {
        self.out.push(Action::Apply(command));
    }

    pub fn goto(&mut self, view: View, application: Option<Protocol>) {
        self.out.push(Action::Goto(view, application));
    }

    pub fn secretariat(&self) -> bool {
        *self.actor == Actor::Secretariat
    }

    /// Whether the secretariat's data (call, applications, sessions) can be changed from here.
    pub fn can_edit_records(&self) -> bool {
        self.writable && self.secretariat()
    }

    /// Whether `member`'s score sheet can be changed from here.
    pub fn can_edit_sheet(&self, member: &MemberId) -> bool {
        self.writable
            && match self.actor {
                Actor::Secretariat => true,
                Actor::Member(me) => me == member,
            }
    }

    /// Whether the others' marks on `application` can be shown here. Independent judgement (the
    /// call's option, on by default): a member sees them only once they gave their own mark on
    /// every criterion of it (or abstain from it); the secretariat and consultation always.
    pub fn sees_others_marks(&self, application: &Protocol) -> bool {
        let member = match self.actor {
            Actor::Member(me) => Some(me),
            Actor::Secretariat => None,
        };
        crate::rules::sheet::sees_others_marks(self.ws, member, application)
    }

    /// Whether the others' marks on every scored application can be shown here: what an
    /// export of a document with them (the score matrix, the ranking, the letters, a verbale)
    /// needs under independent judgement.
    pub fn sees_all_marks(&self) -> bool {
        self.all_marks
    }

    /// A member's name as the commission lists it, or the id.
    pub fn member_name(&self, member: &MemberId) -> String {
        self.ws
            .commission()
            .member(member)
            .map_or_else(|| member.to_string(), |m| m.name.clone())
    }

    pub fn applicant(&self, protocol: &Protocol) -> String {
        self.ws
            .application(protocol)
            .map(|a| a.applicant.name.clone())
            .unwrap_or_default()
    }
}

/// Each view's own state, kept while the window is open.
#[derive(Default)]
pub struct Views {
    pub avviso: avviso::State,
    pub candidature: candidature::State,
    pub ammissibilita: ammissibilita::State,
    pub valutazione: valutazione::State,
    pub graduatoria: graduatoria::State,
    pub sedute: sedute::State,
    pub presentazione: presentazione::State,
}

impl Views {
    pub fn ui(&mut self, view: View, ui: &mut egui::Ui, desk: &mut Desk) {
        // Each view, and each application in it, has its own scroll position: a page opens at
        // the top, not where another page was left.
        let page = self.page(view);
        ui.push_id(page, |ui| self.view_ui(view, ui, desk));
    }

    /// What a view shows now, as far as its scroll goes: the view, its tab, the application
    /// open in place of its list. (An application shown beside a list, in Ammissibilità and
    /// Valutazione, has its own scroll there.)
    fn page(&self, view: View) -> (View, Option<Protocol>, u8) {
        match view {
            View::Candidature => (view, self.candidature.open.clone(), 0),
            View::Valutazione => (view, None, self.valutazione.tab as u8),
            _ => (view, None, 0),
        }
    }

    fn view_ui(&mut self, view: View, ui: &mut egui::Ui, desk: &mut Desk) {
        match view {
            View::Avviso => avviso::avviso_ui(ui, &mut self.avviso, desk),
            View::Candidature => candidature::candidature_ui(ui, &mut self.candidature, desk),
            View::Ammissibilita => {
                ammissibilita::ammissibilita_ui(ui, &mut self.ammissibilita, desk)
            }
            View::Valutazione => valutazione::valutazione_ui(ui, &mut self.valutazione, desk),
            View::Graduatoria => graduatoria::graduatoria_ui(ui, &mut self.graduatoria, desk),
            View::Sedute => sedute::sedute_ui(ui, &mut self.sedute, desk),
        }
    }

    /// The import page of applications or scores, if it is open.
    pub fn import_mut(&mut self, kind: PlanKind) -> Option<&mut importa::State> {
        match kind {
            PlanKind::Applications => self.candidature.import.as_mut(),
            PlanKind::Scores => self.valutazione.sheets.import.as_mut(),
        }
    }

    /// Opens `application` in `view` (a row clicked in another view).
    pub fn select(&mut self, view: View, application: Protocol) {
        match view {
            View::Candidature => self.candidature.open = Some(application),
            View::Ammissibilita => self.ammissibilita.selected = Some(application),
            View::Valutazione => {
                // Opened from elsewhere: shown whatever the sheet's filters.
                self.valutazione.filter = filtro::Filter::default();
                self.valutazione.application = Some(application);
                self.valutazione.tab = valutazione::Tab::Sheet;
            }
            _ => {}
        }
    }
}
