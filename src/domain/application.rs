//! An application (candidatura): who applies, for which lot, with what budget.

use serde::{Deserialize, Serialize};

use super::id::{CategoryId, CriterionId, DocumentId, LotId, Protocol, SessionId};
use super::number::Money;
use super::time::{Date, Moment};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub protocol: Protocol,
    /// When the PEC or the platform received it.
    pub received_at: Moment,
    pub lot: LotId,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// The lead applicant (capofila).
    pub applicant: Party,
    /// Partners of a temporary association (ATS), if any.
    #[serde(default)]
    pub partners: Vec<Party>,
    pub budget: Vec<BudgetLine>,
    #[serde(default)]
    pub cofinancing: Vec<CofinancingLine>,
    /// The contribution asked of the Comune.
    pub requested: Money,
    #[serde(default)]
    pub documents: Vec<DocumentEntry>,
    /// Facts and figures declared for tabular and linear criteria.
    #[serde(default)]
    pub declared: Vec<Declared>,
    /// The commission's decision on admissibility; it prevails over the automatic checks.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Set when the application was registered by mistake and removed: its file stays, for the
    /// record, and the next verbale reports the removal; it is no longer part of the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Removal>,
}

/// Why and when an application registered by mistake was removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removal {
    /// Required: "registrata due volte", "PEC destinata a un altro avviso".
    pub reason: String,
    pub at: Moment,
    /// The latest session closed when it was removed, if any: the session after it reports the
    /// removal in its verbale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<SessionId>,
}

impl Application {
    /// C: the total cost, the sum of the budget lines.
    pub fn total_cost(&self) -> Money {
        self.budget.iter().map(|l| l.amount).sum()
    }

    /// K: the co-financing, cash and in kind.
    pub fn cofinancing_total(&self) -> Money {
        self.cofinancing.iter().map(|l| l.amount).sum()
    }

    /// K_n: the in-kind part of the co-financing.
    pub fn in_kind_total(&self) -> Money {
        self.cofinancing
            .iter()
            .filter(|l| l.kind == CofinancingKind::InKind)
            .map(|l| l.amount)
            .sum()
    }

    pub fn cash_total(&self) -> Money {
        self.cofinancing
            .iter()
            .filter(|l| l.kind == CofinancingKind::Cash)
            .map(|l| l.amount)
            .sum()
    }

    pub fn category_total(&self, category: &CategoryId) -> Money {
        self.budget
            .iter()
            .filter(|l| &l.category == category)
            .map(|l| l.amount)
            .sum()
    }

    pub fn document(&self, id: &DocumentId) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| &d.document == id)
    }

    pub fn declared(&self, criterion: &CriterionId) -> Option<&str> {
        self.declared
            .iter()
            .find(|d| &d.criterion == criterion)
            .map(|d| d.value.as_str())
    }
}

/// A legal entity or group taking part in an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
    /// Codice fiscale or partita IVA; its check digit is an admissibility check.
    pub tax_code: String,
    pub legal_form: LegalForm,
    #[serde(default)]
    pub pec: String,
    /// Legal representative: personal data, never in the public ranking.
    #[serde(default)]
    pub representative: String,
    #[serde(default)]
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LegalForm {
    /// Associazione di promozione sociale (APS).
    SocialPromotionAssociation,
    /// Organizzazione di volontariato (ODV).
    VolunteerOrganisation,
    SocialCooperative,
    SocialEnterprise,
    Foundation,
    /// Associazione (riconosciuta o no) not registered as APS or ODV.
    Association,
    /// Ente religioso civilmente riconosciuto.
    ReligiousBody,
    /// Società di capitali o di persone.
    Company,
    /// Università, ente di ricerca, altro ente pubblico.
    PublicBody,
    /// Gruppo informale di cittadini: admitted only where the call allows it.
    InformalGroup,
    /// Any other form, as stated.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub category: CategoryId,
    #[serde(default)]
    pub description: String,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CofinancingLine {
    /// Who provides it: "fondi propri", "Fondazione Cariplo", "campagna di crowdfunding".
    #[serde(default)]
    pub source: String,
    pub kind: CofinancingKind,
    pub amount: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CofinancingKind {
    /// Monetario.
    Cash,
    /// Valorizzazione in natura (volunteers' hours, spaces, equipment).
    InKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    pub document: DocumentId,
    pub status: DocumentStatus,
    /// The session open when the soccorso istruttorio was asked: its verbale reports the
    /// request. None in files written before it was kept (then the session of that date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_in: Option<SessionId>,
    /// The session open when the integration was recorded: its verbale reports it. None in
    /// files written before it was kept (then the first session from the day it came).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrated_in: Option<SessionId>,
}

impl DocumentEntry {
    pub fn new(document: DocumentId, status: DocumentStatus) -> DocumentEntry {
        DocumentEntry {
            document,
            status,
            requested_in: None,
            integrated_in: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentStatus {
    Present,
    Missing,
    /// The document does not concern this applicant (an ATS agreement for a single applicant).
    NotApplicable,
    /// Soccorso istruttorio: the commission asked for it on one date, to be given by another.
    IntegrationRequested {
        requested_on: Date,
        deadline: Date,
    },
    /// Given after a request.
    Integrated {
        requested_on: Date,
        deadline: Date,
        received_on: Date,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declared {
    pub criterion: CriterionId,
    /// A level id for tabular criteria, a decimal figure for declared measures.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub outcome: AdmissionOutcome,
    /// Required for an exclusion or a reserve; the minutes report it.
    #[serde(default)]
    pub reason: String,
    /// The session that took it.
    #[serde(default)]
    pub session: Option<SessionId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AdmissionOutcome {
    Admitted,
    /// Ammessa con riserva, while a soccorso istruttorio is open.
    AdmittedWithReserve,
    Excluded,
}
