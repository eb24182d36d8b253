//! What an opening public session reports: the applications received, in order of arrival.

use serde::{Deserialize, Serialize};

use crate::domain::{
    AdmissionOutcome, Application, Date, LegalForm, LotId, Moment, Protocol, Workspace,
};

/// Seduta pubblica di apertura.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpeningRecord {
    /// Every application received, in order of arrival.
    pub received: Vec<ReceivedRecord>,
    /// In records kept before the acts of every session had their own part (`ActsRecord`):
    /// the decisions the session took. Empty since, and still written, so that a kept record
    /// reads back to the same bytes.
    #[serde(default)]
    pub decisions: Vec<AdmissionRecord>,
    /// In records kept before `ActsRecord`: the soccorso istruttorio. Empty since.
    #[serde(default)]
    pub soccorso: Vec<SoccorsoRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedRecord {
    pub protocol: Protocol,
    pub received_at: Moment,
    pub applicant: String,
    pub legal_form: LegalForm,
    pub lot: LotId,
    pub title: String,
    pub on_time: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdmissionRecord {
    pub protocol: Protocol,
    pub applicant: String,
    pub outcome: AdmissionOutcome,
    /// The commission's reason.
    pub reason: String,
    /// What the automatic checks found failing, in Italian.
    pub failed_checks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SoccorsoRecord {
    pub protocol: Protocol,
    pub document: String,
    pub requested_on: Date,
    pub deadline: Date,
    pub received_on: Option<Date>,
}

pub(super) fn opening(ws: &Workspace) -> OpeningRecord {
    let call = ws.call();
    let mut arrivals: Vec<&Application> = ws.applications().values().collect();
    arrivals.sort_by(|a, b| (a.received_at, &a.protocol).cmp(&(b.received_at, &b.protocol)));
    let received = arrivals
        .iter()
        .map(|a| ReceivedRecord {
            protocol: a.protocol.clone(),
            received_at: a.received_at,
            applicant: a.applicant.name.clone(),
            legal_form: a.applicant.legal_form.clone(),
            lot: a.lot.clone(),
            title: a.title.clone(),
            on_time: a.received_at <= call.deadline,
        })
        .collect();
    // Decisions and soccorso are acts of any session: see `acts`.
    OpeningRecord {
        received,
        decisions: Vec::new(),
        soccorso: Vec::new(),
    }
}
