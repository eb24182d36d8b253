//! Admissibility: the automatic checks propose, the commission's recorded decision prevails.

use std::sync::Arc;

use super::cofinancing;
use super::finding::{Check, Figures, Finding, Rule};
use super::message::Message;
use crate::domain::tax_code::check_tax_code;
use crate::domain::{
    AdmissionOutcome, Application, Call, DocumentStatus, LegalForm, Lot, Party, Protocol,
};
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

/// The checks of one application; `same_applicant` are the applications of its lot whose
/// applicant has the same tax code (see [`tax_code_key`]), this one among them or not.
pub fn admission(
    app: &Application,
    call: &Call,
    lot: &Lot,
    same_applicant: &Arc<[Protocol]>,
) -> Admission {
    let mut findings = vec![
        deadline(app, call),
        legal_forms(app, call),
        tax_codes(app),
        same_tax_code(app, same_applicant),
    ];
    findings.extend(documents(app, call));
    findings.push(budget_lines(app));
    findings.push(requested(app));
    findings.extend(cofinancing::findings(app, call, lot));
    // Kept with the evaluation: 110,000 findings at 10,000 applications.
    findings.shrink_to_fit();

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

/// The checks of one application among all the call's applications (`all` may include it):
/// for an edit checked on its own, where the evaluation's grouping by tax code is not at hand.
pub fn admission_among<'a>(
    app: &Application,
    call: &Call,
    lot: &Lot,
    all: impl IntoIterator<Item = &'a Application>,
) -> Admission {
    let key = tax_code_key(&app.applicant.tax_code);
    let same: Arc<[Protocol]> = all
        .into_iter()
        .filter(|o| o.protocol != app.protocol && o.lot == app.lot)
        .filter(|o| key.is_some() && tax_code_key(&o.applicant.tax_code) == key)
        .map(|o| o.protocol.clone())
        .collect();
    admission(app, call, lot, &same)
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

/// A tax code as two spellings of it compare: without spaces, in capitals, a VAT number
/// without its "IT". None when there is none to compare (an informal group's).
pub fn tax_code_key(code: &str) -> Option<String> {
    let key: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let key = match key.strip_prefix("IT") {
        Some(vat) if vat.len() == 11 && vat.bytes().all(|b| b.is_ascii_digit()) => vat.to_string(),
        _ => key,
    };
    (!key.is_empty()).then_some(key)
}

fn same_tax_code(app: &Application, group: &Arc<[Protocol]>) -> Finding {
    finding(
        Rule::SameTaxCode,
        if group.iter().all(|p| *p == app.protocol) {
            Check::Pass
        } else {
            Check::Fail
        },
        Message::SameTaxCode {
            tax_code: app.applicant.tax_code.trim().to_string(),
            own: app.protocol.clone(),
            group: Arc::clone(group),
        },
    )
}

fn budget_lines(app: &Application) -> Finding {
    finding(
        Rule::BudgetLines,
        if app.budget.is_empty() {
            Check::Fail
        } else {
            Check::Pass
        },
        Message::BudgetLines {
            lines: app.budget.len(),
        },
    )
}

fn requested(app: &Application) -> Finding {
    finding(
        Rule::Requested,
        if app.requested.is_zero() {
            Check::Fail
        } else {
            Check::Pass
        },
        Message::Requested {
            requested: app.requested,
        },
    )
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
