//! What an opening public session reports: the applications received, the admissibility
//! decisions it took, the soccorso istruttorio.

use serde::{Deserialize, Serialize};

use super::failing_messages;
use crate::domain::{
    AdmissionOutcome, Application, Date, DocumentStatus, LegalForm, LotId, Moment, Protocol,
    SessionId, Workspace,
};
use crate::rules::Evaluation;

/// Seduta pubblica di apertura.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpeningRecord {
    /// Every application received, in order of arrival.
    pub received: Vec<ReceivedRecord>,
    /// The admissibility decisions this session took, by protocol.
    pub decisions: Vec<AdmissionRecord>,
    /// Soccorso istruttorio on the applications this session decided, or asked on its date.
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

pub(super) fn opening(
    ws: &Workspace,
    evaluation: &Evaluation,
    id: &SessionId,
    date: Date,
) -> OpeningRecord {
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

    let decided_here =
        |a: &Application| a.decision.as_ref().and_then(|d| d.session.as_ref()) == Some(id);
    let mut decisions = Vec::new();
    let mut soccorso = Vec::new();
    for app in ws.applications().values() {
        let here = decided_here(app);
        if here && let Some(decision) = &app.decision {
            decisions.push(AdmissionRecord {
                protocol: app.protocol.clone(),
                applicant: app.applicant.name.clone(),
                outcome: decision.outcome,
                reason: decision.reason.clone(),
                failed_checks: evaluation
                    .application(&app.protocol)
                    .map(failing_messages)
                    .unwrap_or_default(),
            });
        }
        for doc in &app.documents {
            let (requested_on, deadline, received_on) = match doc.status {
                DocumentStatus::IntegrationRequested {
                    requested_on,
                    deadline,
                } => (requested_on, deadline, None),
                DocumentStatus::Integrated {
                    requested_on,
                    deadline,
                    received_on,
                } => (requested_on, deadline, Some(received_on)),
                DocumentStatus::Present
                | DocumentStatus::Missing
                | DocumentStatus::NotApplicable => continue,
            };
            if !here && requested_on != date {
                continue;
            }
            let title = call
                .required_documents
                .iter()
                .find(|r| r.id == doc.document)
                .map_or_else(|| doc.document.to_string(), |r| r.title.clone());
            soccorso.push(SoccorsoRecord {
                protocol: app.protocol.clone(),
                document: title,
                requested_on,
                deadline,
                received_on,
            });
        }
    }
    OpeningRecord {
        received,
        decisions,
        soccorso,
    }
}
