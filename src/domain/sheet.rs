//! A member's score sheet (scheda di valutazione): the only thing a commissioner's laptop writes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::id::{CriterionId, MemberId, Protocol, SessionId};
use super::number::Points;
use super::time::Moment;

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
    /// Conflict declarations the member withdrew, each with its reason: the verbale of the
    /// session reports them. Absent from files written before there were any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawals: Vec<Withdrawal>,
}

impl ScoreSheet {
    pub fn new(member: MemberId) -> ScoreSheet {
        ScoreSheet {
            member,
            revision: 0,
            declarations: Vec::new(),
            scores: Vec::new(),
            withdrawals: Vec::new(),
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

    /// `declaration` for a sheet in normal order (see `normalize`), as every sheet a
    /// `Workspace` holds is: a binary search instead of a scan, since the rules ask once per
    /// application and member.
    pub fn declaration_normalized(&self, application: &Protocol) -> Option<&Declaration> {
        self.declarations
            .binary_search_by(|d| d.application.cmp(application))
            .ok()
            .and_then(|i| self.declarations.get(i))
    }

    /// `score` for a sheet in normal order: a binary search instead of a scan, since the rules
    /// ask once per application, criterion and member.
    pub fn score_normalized(
        &self,
        application: &Protocol,
        criterion: &CriterionId,
    ) -> Option<&Score> {
        self.scores
            .binary_search_by(|s| (&s.application, &s.criterion).cmp(&(application, criterion)))
            .ok()
            .and_then(|i| self.scores.get(i))
    }

    /// Whether the sheet is in the order [`ScoreSheet::normalize`] puts it in.
    pub fn is_normalized(&self) -> bool {
        self.declarations
            .is_sorted_by(|a, b| a.application <= b.application)
            && self.scores.is_sorted_by(|a, b| {
                (&a.application, &a.criterion) <= (&b.application, &b.criterion)
            })
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

/// A conflict of interest the member declared and then withdrew: an act with legal effect (the
/// member may score the application again), so it keeps what was withdrawn, why and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    pub application: Protocol,
    /// The conflict as it was declared.
    pub conflict: Conflict,
    /// Why it is withdrawn: required.
    pub reason: String,
    pub at: Moment,
    /// The session open when it was withdrawn, whose verbale reports it; None when no session
    /// was open (then the next session's verbale reports it).
    #[serde(default)]
    pub session: Option<SessionId>,
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

    /// Whether the reason says something: not empty, not only blanks. The same as
    /// `!reason.trim().is_empty()`, read from the first character only.
    pub fn has_reason(&self) -> bool {
        self.reason.chars().any(|c| !c.is_whitespace())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normalized_sheet_is_searched_like_it_is_scanned() {
        let p = |s: &str| Protocol::new(s).unwrap();
        let c = |s: &str| CriterionId::new(s).unwrap();
        let mut sheet = ScoreSheet::new(MemberId::new("m1").unwrap());
        for app in ["P3", "P1", "P2"] {
            sheet.declarations.push(Declaration {
                application: p(app),
                conflict: None,
            });
            for crit in ["B", "A"] {
                sheet.scores.push(Score {
                    application: p(app),
                    criterion: c(crit),
                    value: Points::parse("1").unwrap(),
                    reason: format!("{app}{crit}"),
                });
            }
        }
        sheet.normalize();
        for app in ["P1", "P2", "P3", "P4"] {
            assert_eq!(
                sheet.declaration(&p(app)),
                sheet.declaration_normalized(&p(app))
            );
            for crit in ["A", "B", "C"] {
                assert_eq!(
                    sheet.score(&p(app), &c(crit)),
                    sheet.score_normalized(&p(app), &c(crit))
                );
            }
        }
    }
}
