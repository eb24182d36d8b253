//! The evaluation commission and its members.

use serde::{Deserialize, Serialize};

use super::id::{MemberId, Protocol};
use super::time::Date;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commission {
    /// The act that appointed it: "Determinazione dirigenziale n. 412 del 10/03/2026".
    pub appointed_by: String,
    pub members: Vec<Member>,
}

impl Commission {
    pub fn member(&self, id: &MemberId) -> Option<&Member> {
        self.members.iter().find(|m| &m.id == id)
    }

    /// The members who score: the president and the commissioners (substitutes included), not
    /// the secretary nor a member who was replaced.
    pub fn voting_members(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(|m| m.role.votes() && m.replaced.is_none())
    }

    /// The members sitting now: everyone but those replaced.
    pub fn sitting(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.replaced.is_none())
    }

    pub fn president(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.role == Role::President)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: MemberId,
    /// "Dott.ssa Laura Bianchi".
    pub name: String,
    pub role: Role,
    /// Office or qualification: "Dirigente del Settore Servizi Sociali".
    #[serde(default)]
    pub qualification: String,
    /// Set when the member left the commission: who took the place, by which act, from when.
    /// The member stays listed, for the sessions they sat in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<Replacement>,
    /// Set for a substitute (supplente): appointed to score only some applications, those the
    /// call's minimum of scoring members could not otherwise reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute: Option<Substitution>,
}

impl Member {
    /// Whether the member is on the panel of `application`: a substitute only on those they
    /// were appointed for, a replaced member on none.
    pub fn sits_on(&self, application: &Protocol) -> bool {
        self.replaced.is_none()
            && self
                .substitute
                .as_ref()
                .is_none_or(|s| s.applications.contains(application))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// The member who took the place.
    pub by: MemberId,
    /// "Determinazione dirigenziale n. 455 del 24/03/2026".
    pub act: String,
    /// From when.
    pub on: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substitution {
    /// The act that appointed the substitute.
    pub act: String,
    /// The applications the substitute scores.
    pub applications: Vec<Protocol>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    President,
    Commissioner,
    /// Segretario verbalizzante: writes the minutes, does not vote.
    Secretary,
}

impl Role {
    pub fn votes(self) -> bool {
        matches!(self, Role::President | Role::Commissioner)
    }
}
