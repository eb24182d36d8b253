//! What a check found: the rule, whether it passed, its figures and an Italian sentence.

use rust_decimal::Decimal;

use super::message::Message;
use crate::domain::{CategoryId, DocumentId, Money};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// Received by the deadline.
    Deadline,
    /// Legal form among those the call admits.
    LegalForm,
    /// Tax codes with their right check character.
    TaxCode,
    /// No other application of the lot from the same applicant (the same tax code): the
    /// same application registered twice, or two from one applicant, which the commission
    /// decides on.
    SameTaxCode,
    /// A required document, present or integrated in time.
    Document(DocumentId),
    /// The financial plan has budget lines.
    BudgetLines,
    /// Something is requested.
    Requested,
    /// R + K = C.
    Balance,
    /// K >= s_min × C.
    MinCofinancingShare,
    /// R <= s_max × C.
    MaxContributionShare,
    /// R <= the call's ceiling per project.
    ProjectCap,
    /// R <= lot budget × (1 − reserved share).
    LotCap,
    /// K_n <= share × K.
    InKindCap,
    /// A category within its share of the total or of the direct costs.
    CategoryCap(CategoryId),
}

impl Rule {
    /// The rule's id, as `rank --format json` writes it.
    pub fn code(&self) -> String {
        match self {
            Rule::Deadline => "deadline".into(),
            Rule::LegalForm => "legal_form".into(),
            Rule::TaxCode => "tax_code".into(),
            Rule::SameTaxCode => "same_tax_code".into(),
            Rule::BudgetLines => "budget_lines".into(),
            Rule::Requested => "requested".into(),
            Rule::Document(id) => format!("document:{id}"),
            Rule::Balance => "balance".into(),
            Rule::MinCofinancingShare => "min_cofinancing_share".into(),
            Rule::MaxContributionShare => "max_contribution_share".into(),
            Rule::ProjectCap => "project_cap".into(),
            Rule::LotCap => "lot_cap".into(),
            Rule::InKindCap => "in_kind_cap".into(),
            Rule::CategoryCap(id) => format!("category_cap:{id}"),
        }
    }

    pub fn is_cofinancing(&self) -> bool {
        matches!(
            self,
            Rule::BudgetLines
                | Rule::Requested
                | Rule::Balance
                | Rule::MinCofinancingShare
                | Rule::MaxContributionShare
                | Rule::ProjectCap
                | Rule::LotCap
                | Rule::InKindCap
                | Rule::CategoryCap(_)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    Pass,
    /// Worth a look, does not exclude (a non-mandatory document missing).
    Notice,
    /// Waiting for a soccorso istruttorio.
    Pending,
    Fail,
}

/// The figures behind a finding. Only those that mean something for the rule are set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// R + K − C, signed.
    pub difference: Option<Decimal>,
    /// What is missing to reach a minimum, rounded up to the cent.
    pub shortfall: Option<Money>,
    /// What passes a maximum, rounded up to the cent.
    pub excess: Option<Money>,
    /// The ceiling the rule applied, rounded down to the cent.
    pub cap: Option<Money>,
    /// The share observed, in per cent, rounded away from the limit (4 decimals).
    pub share_percent: Option<Decimal>,
    /// The limit, in per cent.
    pub limit_percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub check: Check,
    pub figures: Figures,
    /// What it says, written as an Italian sentence by its `Display`.
    pub message: Message,
}

impl Finding {
    pub fn passed(&self) -> bool {
        self.check != Check::Fail
    }
}
