//! The evaluation commission and its members.

use serde::{Deserialize, Serialize};

use super::id::MemberId;

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

    /// The members who score: the president and the commissioners, not the secretary.
    pub fn voting_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.role.votes())
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
