//! The call (avviso): who issues it, its lots, its funding rules, its criteria.

use serde::{Deserialize, Serialize};

use super::application::LegalForm;
use super::id::{CategoryId, CriterionId, DocumentId, LevelId, LotId};
use super::number::{Coefficient, Money, Points, Share};
use super::time::{Date, Moment};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    /// "Comune di Sondrio".
    pub authority: String,
    /// "Settore Servizi Sociali e Politiche per la Famiglia".
    pub office: String,
    pub title: String,
    /// Codice Unico di Progetto, when the call is funded by a public investment programme.
    #[serde(default)]
    pub cup: Option<String>,
    /// Responsabile unico del procedimento.
    pub rup: String,
    pub published_on: Date,
    /// Termine di presentazione: a submission received after it is late.
    pub deadline: Moment,
    pub lots: Vec<Lot>,
    pub funding: FundingRules,
    /// Budget categories the applications may use; empty means any.
    #[serde(default)]
    pub budget_categories: Vec<BudgetCategory>,
    pub criteria: Vec<Criterion>,
    /// Soglia di sbarramento on the total before rescaling.
    #[serde(default)]
    pub overall_min: Option<Points>,
    /// Second riparametrazione, of the totals, after the per-criterion one.
    #[serde(default)]
    pub rescale_totals: bool,
    /// Among which applications of the lot the riparametrazione looks for the best: those past
    /// the thresholds (the usual wording, and the default) or every admitted one.
    #[serde(default, skip_serializing_if = "RescaleAmong::is_default")]
    pub rescale_among: RescaleAmong,
    /// Decimals each criterion's points are rounded to (half up).
    #[serde(default = "default_decimals")]
    pub decimals: u32,
    /// Ordered: the first that separates two applications decides.
    #[serde(default)]
    pub tie_breaks: Vec<TieBreak>,
    #[serde(default)]
    pub judgement_scale: Vec<Judgement>,
    #[serde(default)]
    pub required_documents: Vec<RequiredDocument>,
    /// Legal forms that may apply; empty means any. Informal groups need `informal_groups_allowed`.
    #[serde(default)]
    pub admitted_legal_forms: Vec<LegalForm>,
    #[serde(default)]
    pub informal_groups_allowed: bool,
    /// The fewest members who must be able to score an application (not in conflict).
    #[serde(default)]
    pub min_scoring_members: Option<u32>,
    /// Two members' judgements on one criterion further apart than this (as a share of the
    /// criterion's maximum) are shown as discordant.
    #[serde(default = "default_discordance_gap")]
    pub discordance_gap: Share,
    /// Independent judgement: a member sees the others' marks on an application only after
    /// giving their own on it. On unless the call turns it off (older calls have it on); written
    /// in the file only when off, so that the files of a call that keeps it stay as they were.
    #[serde(
        default = "default_independent_judgement",
        skip_serializing_if = "is_true"
    )]
    pub independent_judgement: bool,
    /// The commission gives one collegial mark per criterion of each application («punteggio
    /// collegiale»): the members' marks are reported, the collegial one counts in place of
    /// their mean, with the criterion's riparametrazione as for any mark. Off unless the call
    /// says so (older calls rank as before); written in the file only when on.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collegial_mark: bool,
}

fn default_independent_judgement() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

fn default_decimals() -> u32 {
    2
}

fn default_discordance_gap() -> Share {
    Share::new(rust_decimal::Decimal::new(4, 1)).unwrap_or(Share::ONE)
}

impl Call {
    pub fn lot(&self, id: &LotId) -> Option<&Lot> {
        self.lots.iter().find(|l| &l.id == id)
    }

    /// Every criterion, groups and leaves, depth first.
    pub fn all_criteria(&self) -> Vec<&Criterion> {
        fn walk<'a>(list: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
            for c in list {
                out.push(c);
                if let Scoring::Subcriteria(subs) = &c.scoring {
                    walk(subs, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.criteria, &mut out);
        out
    }

    /// The criteria that are scored (no sub-criteria), in the call's order.
    pub fn leaf_criteria(&self) -> Vec<&Criterion> {
        self.all_criteria()
            .into_iter()
            .filter(|c| c.is_leaf())
            .collect()
    }

    pub fn criterion(&self, id: &CriterionId) -> Option<&Criterion> {
        self.all_criteria().into_iter().find(|c| &c.id == id)
    }

    /// The sum of the top-level criteria's maxima: the best total possible.
    pub fn max_total(&self) -> rust_decimal::Decimal {
        self.criteria.iter().map(|c| c.max.value()).sum()
    }

    pub fn judgement_for(&self, coefficient: Coefficient) -> Option<&Judgement> {
        self.judgement_scale
            .iter()
            .find(|j| j.coefficient == coefficient)
    }
}

/// Where the riparametrazione finds the best value of a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RescaleAmong {
    /// «alle sole offerte che hanno superato la soglia»: the applications past the thresholds.
    #[default]
    Eligible,
    /// Every admitted application of the lot, past the thresholds or not.
    Admitted,
}

impl RescaleAmong {
    pub fn is_default(&self) -> bool {
        *self == RescaleAmong::Eligible
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    pub id: LotId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The programme's total cost or the lot's funds.
    pub budget: Money,
    /// The Comune's own reserved share: the ceiling for contributions is budget × (1 − share).
    #[serde(default = "zero_share")]
    pub reserved_share: Share,
    pub allocation: Allocation,
}

fn zero_share() -> Share {
    Share::ZERO
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Allocation {
    /// One applicant is selected for the co-design.
    SingleWinner,
    /// Down the ranking until the funds are spent.
    UntilExhausted {
        /// The last one funded may get what is left.
        #[serde(default)]
        partial: bool,
        /// One that does not fit is passed over and the next ones are tried.
        #[serde(default)]
        skip_when_not_fitting: bool,
    },
    /// Every eligible application (non-competitive calls), as long as the funds last: when they
    /// do not suffice for all, down the ranking.
    AllAboveThreshold,
    /// Every eligible application (non-competitive calls): when the funds do not suffice for
    /// all, every grant is reduced in the same proportion (pro rata), each truncated to the cent.
    ProRata,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingRules {
    /// The contribution asked may be at most this share of the total cost.
    #[serde(default)]
    pub max_contribution_share: Option<Share>,
    /// The contribution asked may be at most this amount for one project (a micro-grant's
    /// ceiling), whatever the lot's funds.
    #[serde(default)]
    pub max_contribution_per_project: Option<Money>,
    /// The applicant's co-financing must be at least this share of the total cost.
    #[serde(default)]
    pub min_cofinancing_share: Option<Share>,
    /// In-kind co-financing may be at most this share of the co-financing.
    #[serde(default)]
    pub in_kind_max_share_of_cofinancing: Option<Share>,
    #[serde(default)]
    pub category_caps: Vec<CategoryCap>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetCategory {
    pub id: CategoryId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryCap {
    pub category: CategoryId,
    pub max_share: Share,
    #[serde(default = "default_cap_base")]
    pub of: CapBase,
}

fn default_cap_base() -> CapBase {
    CapBase::Total
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapBase {
    /// Of the total cost.
    Total,
    /// Of the other categories (spese generali at most 10% of the direct costs).
    DirectCosts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: CriterionId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub max: Points,
    /// Minimum points (before rescaling) below which the application is not eligible.
    #[serde(default)]
    pub min: Option<Points>,
    /// Riparametrazione: the best application of the lot gets the full points.
    #[serde(default)]
    pub rescale: bool,
    pub scoring: Scoring,
}

impl Criterion {
    pub fn is_leaf(&self) -> bool {
        !matches!(self.scoring, Scoring::Subcriteria(_))
    }

    /// Whether members give a judgement for it (and must write a reason).
    pub fn is_discretionary(&self) -> bool {
        matches!(self.scoring, Scoring::Coefficient | Scoring::Points { .. })
    }

    pub fn subcriteria(&self) -> &[Criterion] {
        match &self.scoring {
            Scoring::Subcriteria(subs) => subs,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Scoring {
    /// Each member picks a coefficient from the judgement scale; V = mean.
    Coefficient,
    /// Each member gives points from 0 to max, in steps of `step` when given; V = mean / max.
    Points {
        #[serde(default)]
        step: Option<Points>,
    },
    /// Computed from the application's own figures: V = x / x_max within the lot.
    Linear { measure: Measure },
    /// Fixed points for a declared fact (on/off or levels).
    Levels(Vec<Level>),
    /// The criterion is the sum of its sub-criteria.
    Subcriteria(Vec<Criterion>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    /// K / C.
    CofinancingShare,
    /// K / C minus the call's minimum co-financing share.
    CofinancingShareAboveMinimum,
    /// A figure the applicant declares (hours of service, number of partners...).
    Declared { unit: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: LevelId,
    pub label: String,
    pub points: Points,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieBreak {
    /// Higher points on this criterion.
    Criterion(CriterionId),
    /// Earlier submission.
    EarlierSubmission,
    /// Lower contribution requested.
    LowerRequested,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    /// "ottimo", "buono"...
    pub label: String,
    pub coefficient: Coefficient,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredDocument {
    pub id: DocumentId,
    pub title: String,
    /// A document that only some applicants must give (for example the ATS agreement) is not
    /// mandatory: its absence is reported but does not exclude.
    #[serde(default = "yes")]
    pub mandatory: bool,
    /// Required only of a temporary association (ATS: an application with partners), like the
    /// ATS agreement; an application of a single applicant is not concerned.
    #[serde(default, skip_serializing_if = "is_false")]
    pub only_ats: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn yes() -> bool {
    true
}
