//! A member's score sheet against the call, the commission and the applications: one function
//! per rule.

use super::messages;
use super::*;
use crate::domain::Score;

/// Checks a sheet against the call; entries that do not hold are removed from it and reported.
pub(in crate::domain) fn check_sheet(
    sheet: &mut ScoreSheet,
    index: usize,
    call: &Call,
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
) -> Vec<Inconsistency> {
    let blank = ScoreSheet::new(sheet.member.clone());
    let mut shared = Arc::new(std::mem::replace(sheet, blank));
    let out = check_shared_sheet(&mut shared, index, call, commission, applications);
    // Held here alone: unwrapped, not copied.
    *sheet = Arc::unwrap_or_clone(shared);
    out
}

/// [`check_sheet`] for a sheet another copy of the workspace may share: it is copied only if
/// something in it must change (out of order, an entry dropped). A change to a session or to
/// the call checks every sheet again, and on a 10,000-application call copying them all took
/// 210 MB; a sheet that holds stays shared.
pub(in crate::domain) fn check_shared_sheet(
    sheet: &mut Arc<ScoreSheet>,
    index: usize,
    call: &Call,
    commission: &Commission,
    applications: &BTreeMap<Protocol, Application>,
) -> Vec<Inconsistency> {
    let mut out = Vec::new();
    let mut report = Report {
        part: Part::Sheet(index),
        out: &mut out,
    };
    if !member_votes(sheet, commission, &mut report) {
        return out;
    }
    // Sorted first, so that a repeated entry sits next to its twin: no set of keys is needed
    // to find it, which matters for sheets of tens of thousands of scores.
    if !sheet.is_normalized() {
        Arc::make_mut(sheet).normalize();
    }
    if let Some(keep) = kept_declarations(sheet, applications, &mut report) {
        retain_marked(&mut Arc::make_mut(sheet).declarations, &keep);
    }
    let panel = commission
        .member(&sheet.member)
        .and_then(|m| m.substitute.as_ref())
        .map(|s| s.applications.as_slice());
    let mut walk = Walk::new(call, applications, sheet);
    let mut previous: Option<(Protocol, CriterionId)> = None;
    let keep: Vec<bool> = sheet
        .scores
        .iter()
        .map(|s| {
            let kept = check_score(
                s,
                &mut walk,
                &sheet.member,
                panel,
                previous.as_ref(),
                &mut report,
            );
            if kept {
                previous = Some((s.application.clone(), s.criterion.clone()));
            }
            kept
        })
        .collect();
    if keep.contains(&false) {
        retain_marked(&mut Arc::make_mut(sheet).scores, &keep);
    }
    out
}

/// Keeps the items whose mark in `keep` (one per item, in order) is true.
fn retain_marked<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut marks = keep.iter();
    items.retain(|_| marks.next().copied().unwrap_or(true));
}

/// The sheet's member sits on the commission and votes.
fn member_votes(sheet: &ScoreSheet, commission: &Commission, report: &mut Report) -> bool {
    match commission.member(&sheet.member) {
        None => {
            report.add(
                "member",
                &sheet.member,
                messages::not_in_commission(
                    &sheet.member,
                    &list(commission.members.iter().map(|m| &m.id)),
                ),
            );
            false
        }
        Some(m) if !m.role.votes() => {
            report.add(
                "member",
                &sheet.member,
                messages::secretary_does_not_score(&sheet.member),
            );
            false
        }
        Some(_) => true,
    }
}

/// Each declaration names an application that exists, once; a conflict's note is checked and
/// the conflict kept whatever its note. None when every declaration holds; otherwise which do.
fn kept_declarations(
    sheet: &ScoreSheet,
    applications: &BTreeMap<Protocol, Application>,
    report: &mut Report,
) -> Option<Vec<bool>> {
    let mut previous: Option<&Protocol> = None;
    let keep: Vec<bool> = sheet
        .declarations
        .iter()
        .map(|d| {
            if !applications.contains_key(&d.application) {
                report.add(
                    "application",
                    &d.application,
                    messages::application_missing(&d.application),
                );
                return false;
            }
            if previous == Some(&d.application) {
                report.add(
                    "application",
                    &d.application,
                    messages::declaration_repeated(&d.application),
                );
                return false;
            }
            // Reported, and the declaration kept: a conflict must never be lost to its note.
            if let Some(conflict) = &d.conflict {
                report.text(
                    "note",
                    &conflict.note,
                    text::Kind::Paragraphs,
                    messages::CONFLICT_NOTE,
                );
            }
            previous = Some(&d.application);
            true
        })
        .collect();
    keep.contains(&false).then_some(keep)
}

/// The walk along a sorted sheet. The sheet is sorted by application, then criterion: each
/// application is looked up once for its run of scores, and the criteria are walked alongside,
/// so that a sheet of 40,000 scores costs a few comparisons per score rather than a search in
/// two maps.
struct Walk<'a> {
    call: &'a Call,
    applications: &'a BTreeMap<Protocol, Application>,
    criteria: Vec<&'a Criterion>,
    in_conflict: BTreeSet<Protocol>,
    /// The application of the current run, whether it exists, whether the member is in conflict.
    current: Option<(Protocol, Option<&'a Application>, bool)>,
    cursor: usize,
}

impl<'a> Walk<'a> {
    fn new(
        call: &'a Call,
        applications: &'a BTreeMap<Protocol, Application>,
        sheet: &ScoreSheet,
    ) -> Walk<'a> {
        let mut criteria: Vec<&Criterion> = call.all_criteria();
        criteria.sort_by(|a, b| a.id.cmp(&b.id));
        Walk {
            call,
            applications,
            criteria,
            in_conflict: sheet
                .declarations
                .iter()
                .filter(|d| d.conflict.is_some())
                .map(|d| d.application.clone())
                .collect(),
            current: None,
            cursor: 0,
        }
    }

    /// The score's application, and whether the member declared a conflict on it.
    fn application(&mut self, s: &Score) -> (Option<&'a Application>, bool) {
        match &self.current {
            Some((p, found, conflict)) if p == &s.application => (*found, *conflict),
            _ => {
                let found = self.applications.get(&s.application);
                let conflict = self.in_conflict.contains(&s.application);
                self.current = Some((s.application.clone(), found, conflict));
                self.cursor = 0;
                (found, conflict)
            }
        }
    }

    fn criterion(&mut self, id: &CriterionId) -> Option<&'a Criterion> {
        while self.criteria.get(self.cursor).is_some_and(|c| &c.id < id) {
            self.cursor += 1;
        }
        self.criteria
            .get(self.cursor)
            .copied()
            .filter(|c| &c.id == id)
    }
}

/// One score: its application and criterion exist, the member may score it, it is not
/// repeated, its value is allowed and its reason is plain text.
fn check_score(
    s: &Score,
    walk: &mut Walk,
    member: &MemberId,
    panel: Option<&[Protocol]>,
    previous: Option<&(Protocol, CriterionId)>,
    report: &mut Report,
) -> bool {
    let (found, conflict) = walk.application(s);
    let Some(app) = found else {
        report.add(
            "application",
            &s.application,
            messages::application_missing(&s.application),
        );
        return false;
    };
    let Some(criterion) = walk.criterion(&s.criterion) else {
        report.add(
            "criterion",
            &s.criterion,
            messages::criterion_missing(
                &s.criterion,
                &list(walk.call.leaf_criteria().iter().map(|c| &c.id)),
            ),
        );
        return false;
    };
    if !may_score(s, app, conflict, member, panel, report) {
        return false;
    }
    if previous.is_some_and(|(a, c)| c == &s.criterion && a == &s.application) {
        report.add(
            "criterion",
            &s.criterion,
            messages::score_repeated(&s.application, &s.criterion),
        );
        return false;
    }
    value_allowed(s, criterion, walk.call, report)
        && report.text(
            "reason",
            &s.reason,
            text::Kind::Paragraphs,
            messages::REASON,
        )
}

/// The member is not in conflict on the application, and a substitute scores only the
/// applications they stand in for.
fn may_score(
    s: &Score,
    app: &Application,
    conflict: bool,
    member: &MemberId,
    panel: Option<&[Protocol]>,
    report: &mut Report,
) -> bool {
    if conflict {
        report.add(
            "application",
            &s.application,
            messages::scores_in_conflict(member, &app.protocol),
        );
        return false;
    }
    if let Some(panel) = panel
        && !panel.contains(&s.application)
    {
        report.add(
            "application",
            &s.application,
            messages::substitute_only_for(member, &list(panel.iter()), &app.protocol),
        );
        return false;
    }
    true
}

/// A coefficient of the call's judgement scale, points within the maximum and on the step, and
/// nothing for a criterion worked out from the application's figures.
fn value_allowed(s: &Score, criterion: &Criterion, call: &Call, report: &mut Report) -> bool {
    let problem = match &criterion.scoring {
        Scoring::Coefficient
            if !call
                .judgement_scale
                .iter()
                .any(|j| j.coefficient.value() == s.value()) =>
        {
            Some((
                "value",
                s.value.to_string(),
                messages::coefficient_not_in_scale(
                    s.value,
                    &list(
                        call.judgement_scale
                            .iter()
                            .map(|j| format!("{} {}", j.coefficient, j.label)),
                    ),
                ),
            ))
        }
        Scoring::Coefficient => None,
        Scoring::Points { .. } if s.value > criterion.max => Some((
            "value",
            s.value.to_string(),
            messages::points_over_max(s.value, &criterion.id, criterion.max),
        )),
        Scoring::Points { step: Some(step) }
            if !step.value().is_zero() && !(s.value() % step.value()).is_zero() =>
        {
            Some((
                "value",
                s.value.to_string(),
                messages::points_off_step(&criterion.id, step, s.value),
            ))
        }
        Scoring::Points { .. } => None,
        _ => Some((
            "criterion",
            s.criterion.to_string(),
            messages::criterion_not_scored(&criterion.id),
        )),
    };
    match problem {
        Some((field, value, message)) => {
            report.add(field, value, message);
            false
        }
        None => true,
    }
}
