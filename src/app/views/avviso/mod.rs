//! Avviso: the whole call, set up and edited by the secretariat until the first session closes
//! (afterwards each change is a rettifica, which the editor offers), and read by everyone else.
//! One part per tab: the data, the lots, the funding rules, the criteria, the judgement scale
//! and documents, the commission. Every field checks what is typed and says beside it what is
//! wrong or suspicious; every change is a command (undo, redo, journal).

pub mod campi;
mod commissione;
mod criteri_editor;
mod dati;
mod documenti;
mod field;
mod lettura;
mod lotti;
mod parita;
mod regole;

use egui::{ScrollArea, Ui};

use super::Desk;
use crate::app::strings as s;
use crate::app::widgets::{self, Tone};
use field::Typed;

/// The parts of the call, one per tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Dati,
    Lotti,
    Regole,
    Criteri,
    Documenti,
    Commissione,
}

impl Tab {
    const ALL: [Tab; 6] = [
        Tab::Dati,
        Tab::Lotti,
        Tab::Regole,
        Tab::Criteri,
        Tab::Documenti,
        Tab::Commissione,
    ];

    fn title(self) -> &'static str {
        match self {
            Tab::Dati => s::TAB_DATA,
            Tab::Lotti => s::TAB_LOTS,
            Tab::Regole => s::TAB_FUNDING,
            Tab::Criteri => s::TAB_CRITERIA,
            Tab::Documenti => s::TAB_DOCUMENTS,
            Tab::Commissione => s::TAB_COMMISSION,
        }
    }
}

#[derive(Default)]
pub struct State {
    pub tab: Tab,
    pub commissione: commissione::State,
    documenti: documenti::State,
    regole: regole::State,
}

pub fn avviso_ui(ui: &mut Ui, state: &mut State, desk: &mut Desk) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(&desk.ws.call().title);
    });
    if !desk.can_edit_records() {
        let why = if !desk.secretariat() {
            s::CALL_READ_ONLY_MEMBER
        } else {
            s::CALL_READ_ONLY
        };
        widgets::note(ui, Tone::Neutral, why);
        ui.separator();
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| lettura::lettura_ui(ui, desk));
        return;
    }
    if let Some(fixed) = fixed_by(desk) {
        widgets::note(ui, Tone::Warn, fixed);
    }
    ui.horizontal_wrapped(|ui| {
        for tab in Tab::ALL {
            if ui.selectable_label(state.tab == tab, tab.title()).clicked() {
                state.tab = tab;
            }
        }
    });
    ui.separator();
    let typed = Typed::of(desk);
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt(("avviso", state.tab as u8))
        .show(ui, |ui| {
            match state.tab {
                Tab::Dati => dati::dati_ui(ui, desk, &typed),
                Tab::Lotti => lotti::lotti_ui(ui, desk, &typed),
                Tab::Regole => regole::regole_ui(ui, &mut state.regole, desk, &typed),
                Tab::Criteri => criteri_editor::criteri_ui(ui, desk, &typed),
                Tab::Documenti => documenti::documenti_ui(ui, &mut state.documenti, desk, &typed),
                Tab::Commissione => {
                    commissione::commissione_ui(ui, &mut state.commissione, desk, &typed)
                }
            }
            ui.add_space(24.0);
        });
}

/// The closed session that fixed the call, if one did: changes are then rettifiche.
fn fixed_by(desk: &Desk) -> Option<String> {
    desk.ws
        .sessions_in_order()
        .into_iter()
        .find(|s| s.is_closed())
        .map(|s| s::call_fixed(s.number, &crate::italian::date(s.date)))
}
