//! Admissibility: the automatic checks propose, the commission's recorded decision prevails.

use super::cofinancing;
use super::finding::{Check, Figures, Finding, Rule};
use super::message::Message;
use crate::domain::tax_code::check_tax_code;
use crate::domain::{AdmissionOutcome, Application, Call, DocumentStatus, LegalForm, Lot, Party};
use crate::italian::legal_form;

/// The admissibility of one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admission {
    /// What counts: the recorded decision, or the proposal when none is recorded.
    pub outcome: AdmissionOutcome,
    /// Whether the commission recorded it; otherwise it is the checks' proposal.
    pub decided: bool,
    /// What the checks propose.
    pub proposed: AdmissionOutcome,
    /// The decision's reason, when recorded.
    pub reason: String,
    pub findings: Vec<Finding>,
}

impl Admission {
    pub fn admitted(&self) -> bool {
        self.outcome != AdmissionOutcome::Excluded
    }

    pub fn failures(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.check == Check::Fail)
    }
}

pub fn admission(app: &Application, call: &Call, lot: &Lot) -> Admission {
    let mut findings = vec![deadline(app, call), legal_forms(app, call), tax_codes(app)];
    findings.extend(documents(app, call));
    findings.extend(cofinancing::findings(app, call, lot));

    let proposed = if findings.iter().any(|f| f.check == Check::Fail) {
        AdmissionOutcome::Excluded
    } else if findings.iter().any(|f| f.check == Check::Pending) {
        AdmissionOutcome::AdmittedWithReserve
    } else {
        AdmissionOutcome::Admitted
    };
    match &app.decision {
        Some(decision) => Admission {
            outcome: decision.outcome,
            decided: true,
            proposed,
            reason: decision.reason.clone(),
            findings,
        },
        None => Admission {
            outcome: proposed,
            decided: false,
            proposed,
            reason: String::new(),
            findings,
        },
    }
}

fn finding(rule: Rule, check: Check, message: Message) -> Finding {
    Finding {
        rule,
        check,
        figures: Figures::default(),
        message,
    }
}

fn deadline(app: &Application, call: &Call) -> Finding {
    let on_time = app.received_at <= call.deadline;
    finding(
        Rule::Deadline,
        if on_time { Check::Pass } else { Check::Fail },
        Message::Deadline {
            received: app.received_at,
            deadline: call.deadline,
        },
    )
}

fn parties(app: &Application) -> impl Iterator<Item = &Party> {
    std::iter::once(&app.applicant).chain(&app.partners)
}

fn legal_forms(app: &Application, call: &Call) -> Finding {
    let refused: Vec<String> = parties(app)
        .filter(|p| {
            if p.legal_form == LegalForm::InformalGroup {
                !call.informal_groups_allowed
            } else {
                !call.admitted_legal_forms.is_empty()
                    && !call.admitted_legal_forms.contains(&p.legal_form)
            }
        })
        .map(|p| format!("«{}» ({})", p.name, legal_form(&p.legal_form)))
        .collect();
    let check = if refused.is_empty() {
        Check::Pass
    } else {
        Check::Fail
    };
    finding(Rule::LegalForm, check, Message::LegalForms { refused })
}

fn tax_codes(app: &Application) -> Finding {
    let wrong: Vec<String> = parties(app)
        .filter(|p| !(p.legal_form == LegalForm::InformalGroup && p.tax_code.trim().is_empty()))
        .filter_map(|p| {
            check_tax_code(&p.tax_code)
                .err()
                .map(|e| format!("«{}»: {e}", p.name))
        })
        .collect();
    let check = if wrong.is_empty() {
        Check::Pass
    } else {
        Check::Fail
    };
    finding(Rule::TaxCode, check, Message::TaxCodes { wrong })
}

fn documents(app: &Application, call: &Call) -> Vec<Finding> {
    call.required_documents
        .iter()
        .map(|doc| {
            // A document only an ATS must give does not concern a single applicant.
            let concerned = !doc.only_ats || !app.partners.is_empty();
            let status = match app.document(&doc.id).map(|e| e.status) {
                None | Some(DocumentStatus::Missing) if !concerned => {
                    Some(DocumentStatus::NotApplicable)
                }
                status => status,
            };
            let missing = if doc.mandatory {
                Check::Fail
            } else {
                Check::Notice
            };
            let check = match status {
                Some(DocumentStatus::Present | DocumentStatus::NotApplicable) => Check::Pass,
                None | Some(DocumentStatus::Missing) => missing,
                Some(DocumentStatus::IntegrationRequested { .. }) => Check::Pending,
                Some(DocumentStatus::Integrated {
                    deadline,
                    received_on,
                    ..
                }) if received_on <= deadline => Check::Pass,
                Some(DocumentStatus::Integrated { .. }) => missing,
            };
            finding(
                Rule::Document(doc.id.clone()),
                check,
                Message::Document {
                    title: doc.title.clone(),
                    mandatory: doc.mandatory,
                    status,
                },
            )
        })
        .collect()
}
