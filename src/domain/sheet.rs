//! A member's score sheet (scheda di valutazione): the only thing a commissioner's laptop writes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::id::{CriterionId, MemberId, Protocol};
use super::number::Points;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSheet {
    pub member: MemberId,
    /// Grows by one at every save: an older copy of the sheet is recognised as such.
    #[serde(default)]
    pub revision: u32,
    /// Per application: no conflict, or a conflict of interest (the member then abstains).
    #[serde(default)]
    pub declarations: Vec<Declaration>,
    #[serde(default)]
    pub scores: Vec<Score>,
}

impl ScoreSheet {
    pub fn new(member: MemberId) -> ScoreSheet {
        ScoreSheet {
            member,
            revision: 0,
            declarations: Vec::new(),
            scores: Vec::new(),
        }
    }

    pub fn declaration(&self, application: &Protocol) -> Option<&Declaration> {
        self.declarations
            .iter()
            .find(|d| &d.application == application)
    }

    /// Whether the member declared a conflict with this application.
    pub fn abstains(&self, application: &Protocol) -> bool {
        self.declaration(application)
            .is_some_and(|d| d.conflict.is_some())
    }

    pub fn score(&self, application: &Protocol, criterion: &CriterionId) -> Option<&Score> {
        self.scores
            .iter()
            .find(|s| &s.application == application && &s.criterion == criterion)
    }

    /// Keeps the sheet in one order, whatever order the edits came in: the file diffs cleanly.
    pub fn normalize(&mut self) {
        self.declarations
            .sort_by(|a, b| a.application.cmp(&b.application));
        self.scores
            .sort_by(|a, b| (&a.application, &a.criterion).cmp(&(&b.application, &b.criterion)));
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    pub application: Protocol,
    /// None: the member declares no conflict of interest.
    #[serde(default)]
    pub conflict: Option<Conflict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub kind: ConflictKind,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictKind {
    /// Parentela o affinità.
    Kinship,
    /// Rapporto professionale o di collaborazione.
    Professional,
    Other,
}

/// One member's score on one criterion of one application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub application: Protocol,
    pub criterion: CriterionId,
    /// A coefficient of the judgement scale, or points, as the criterion's method says.
    /// Never negative; whether it fits the criterion is checked when the workspace is assembled.
    pub value: Points,
    /// Motivazione: required for every discretionary score.
    #[serde(default)]
    pub reason: String,
}

impl Score {
    pub fn value(&self) -> Decimal {
        self.value.value()
    }
}
