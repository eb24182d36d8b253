//! The members' marks arranged for the rules: per member, per application, the slice of its
//! scores. Built once per evaluation in one pass over the sheets, so that reading a mark costs
//! a hash lookup and a short scan instead of a search through tens of thousands of scores.

use std::collections::{HashMap, HashSet};

use crate::domain::{CriterionId, MemberId, Score, Workspace};

pub(crate) struct Marks<'a> {
    members: Vec<MemberMarks<'a>>,
}

pub(crate) struct MemberMarks<'a> {
    pub id: &'a MemberId,
    by_application: HashMap<&'a str, &'a [Score]>,
    declared: HashSet<&'a str>,
    conflicts: HashSet<&'a str>,
}

impl<'a> Marks<'a> {
    /// The voting members in the commission's order, with their marks.
    pub fn new(ws: &'a Workspace) -> Marks<'a> {
        let members = ws
            .commission()
            .voting_members()
            .map(|m| {
                let mut by_application = HashMap::new();
                let mut declared = HashSet::new();
                let mut conflicts = HashSet::new();
                if let Some(sheet) = ws.sheet(&m.id) {
                    // A workspace's sheets are sorted by application, then criterion.
                    for chunk in sheet.scores.chunk_by(|a, b| a.application == b.application) {
                        by_application.insert(chunk[0].application.as_str(), chunk);
                    }
                    for d in &sheet.declarations {
                        declared.insert(d.application.as_str());
                        if d.conflict.is_some() {
                            conflicts.insert(d.application.as_str());
                        }
                    }
                }
                MemberMarks {
                    id: &m.id,
                    by_application,
                    declared,
                    conflicts,
                }
            })
            .collect();
        Marks { members }
    }

    pub fn members(&self) -> &[MemberMarks<'a>] {
        &self.members
    }
}

impl<'a> MemberMarks<'a> {
    pub fn abstains(&self, application: &str) -> bool {
        self.conflicts.contains(application)
    }

    pub fn declared(&self, application: &str) -> bool {
        self.declared.contains(application)
    }

    pub fn mark(&self, application: &str, criterion: &CriterionId) -> Option<&'a Score> {
        let scores: &'a [Score] = self.by_application.get(application)?;
        scores.iter().find(|s| &s.criterion == criterion)
    }
}
