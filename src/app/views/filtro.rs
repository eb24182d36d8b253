//! The filters of a list of applications (Ammissibilità, Valutazione, the score matrix): lot,
//! outcome, what is still pending and a text searched in the protocol and the applicant's name.
//! A view keeps the filtered list in a [`Listing`], rebuilt only when the filter or the
//! evaluation changes, so that a frame on a call of thousands of applications filters nothing.

use std::rc::Rc;

use egui::Ui;

use crate::domain::{Allocation, LotId, Protocol};
use crate::rules::{ApplicationResult, Outcome};

use super::Desk;
use crate::app::strings as s;
use crate::app::widgets;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub lot: Option<LotId>,
    pub outcome: Option<Outcome>,
    /// Only what is still to do: undecided (Ammissibilità), not finished by the member
    /// (Valutazione).
    pub pending: bool,
    /// Searched in the protocol and the applicant's name, whatever the case.
    pub text: String,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        self.lot.is_some() || self.outcome.is_some() || self.pending || !self.text.is_empty()
    }

    /// Whether the list keeps `r`; `pending` says whether it is still to do for this list.
    pub fn keeps(&self, desk: &Desk, r: &ApplicationResult, pending: bool) -> bool {
        self.lot.as_ref().is_none_or(|l| &r.lot == l)
            && self.outcome.is_none_or(|o| r.outcome == o)
            && (!self.pending || pending)
            && text_matches(desk, &r.protocol, &needle(&self.text))
    }
}

/// The text searched, as compared: trimmed, in lower case.
pub fn needle(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Whether the protocol or the applicant's name holds `needle` (see [`needle`]).
pub fn text_matches(desk: &Desk, protocol: &Protocol, needle: &str) -> bool {
    needle.is_empty()
        || protocol.as_str().to_lowercase().contains(needle)
        || desk.applicant(protocol).to_lowercase().contains(needle)
}

/// A lot's name, or its id if the call no longer has it.
pub fn lot_name(desk: &Desk, lot: &LotId) -> String {
    desk.ws
        .call()
        .lot(lot)
        .map_or_else(|| lot.to_string(), |l| l.name.clone())
}

/// The row of filters; `pending` names the "still to do" box of this list, `outcomes` whether
/// the outcome can be chosen.
pub fn filter_ui(ui: &mut Ui, filter: &mut Filter, desk: &Desk, pending: &str, outcomes: bool) {
    let call = desk.ws.call();
    ui.horizontal_wrapped(|ui| {
        if call.lots.len() > 1 {
            let selected = filter
                .lot
                .as_ref()
                .map_or_else(|| s::ALL_LOTS.to_string(), |l| lot_name(desk, l));
            widgets::combo(ui, s::LOT, selected, 180.0, |ui| {
                ui.selectable_value(&mut filter.lot, None, s::ALL_LOTS);
                for lot in &call.lots {
                    ui.selectable_value(&mut filter.lot, Some(lot.id.clone()), &lot.name);
                }
            });
        }
        if outcomes {
            // The words of the lot filtered, or of the first lot: a single-winner lot selects.
            let allocation = filter
                .lot
                .as_ref()
                .and_then(|id| call.lot(id))
                .or(call.lots.first())
                .map_or(Allocation::AllAboveThreshold, |l| l.allocation);
            let outcome = filter
                .outcome
                .map_or(s::ALL_OUTCOMES, |o| o.label(allocation));
            widgets::combo(ui, s::OUTCOME, outcome, 180.0, |ui| {
                ui.selectable_value(&mut filter.outcome, None, s::ALL_OUTCOMES);
                for o in Outcome::ALL {
                    ui.selectable_value(&mut filter.outcome, Some(o), o.label(allocation));
                }
            });
        }
        ui.checkbox(&mut filter.pending, pending);
        let label = ui.label(s::SEARCH);
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text(s::SEARCH_APPLICANT_HINT)
                .desired_width(180.0),
        )
        .labelled_by(label.id);
        if filter.is_active() && ui.button(s::CLEAR_FILTERS).clicked() {
            *filter = Filter::default();
        }
    });
}

/// A filtered list of applications, kept until its key (the workspace's generation, the
/// filter, whose list) changes.
pub struct Listing<K> {
    key: Option<K>,
    rows: Rc<[Protocol]>,
}

impl<K> Default for Listing<K> {
    fn default() -> Self {
        Listing {
            key: None,
            rows: Rc::from(Vec::new()),
        }
    }
}

impl<K: PartialEq> Listing<K> {
    /// The list for `key`, built by `build` only when the key changed.
    pub fn get(&mut self, key: K, build: impl FnOnce() -> Vec<Protocol>) -> Rc<[Protocol]> {
        if self.key.as_ref() != Some(&key) {
            self.rows = Rc::from(build());
            self.key = Some(key);
        }
        self.rows.clone()
    }
}
