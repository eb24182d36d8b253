//! The fields of the call and the commission as the secretariat types them: each is a draft
//! (see `crate::app::drafts`) keyed by what it belongs to (a lot's id, a criterion's id, a
//! member's id), so that adding, removing or moving the others does not move it. Saving a
//! draft reads the text and puts the changed call or commission through the editor; what does
//! not read waits, with the reason beside the field.

mod saved;

pub use saved::saved_text;

use crate::app::drafts::Commit;
use crate::app::typed;
use crate::domain::{
    Call, CategoryId, Commission, Criterion, CriterionId, DocumentId, LevelId, LotId, Measure,
    MemberId, Points, Scoring, TieBreak, Workspace,
};
use crate::editor::Command;
use crate::italian;

/// A field of the set-up of a call.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SetupField {
    Call(CallText),
    Lot(LotId, LotText),
    Funding(FundingText),
    /// A budget category's name.
    Category(CategoryId),
    /// The cap on a budget category, as a percentage.
    Cap(CategoryId),
    Criterion(CriterionId, CriterionText),
    Level(CriterionId, LevelId, LevelText),
    /// A judgement of the scale, by its place.
    Judgement(usize, JudgementText),
    /// A required document's title.
    Document(DocumentId),
    /// The act that appointed the commission.
    Appointment,
    Member(MemberId, MemberText),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CallText {
    Authority,
    Office,
    Title,
    Cup,
    Rup,
    Published,
    Deadline,
    OverallMin,
    Decimals,
    DiscordanceGap,
    MinScoring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LotText {
    Name,
    Description,
    Budget,
    Reserved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FundingText {
    MaxContribution,
    PerProject,
    MinCofinancing,
    InKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CriterionText {
    Id,
    Title,
    Description,
    Max,
    Min,
    Step,
    Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LevelText {
    Label,
    Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum JudgementText {
    Label,
    Coefficient,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MemberText {
    Title,
    Name,
    Qualification,
    ReplacementAct,
    ReplacementDate,
    SubstituteAct,
}

impl SetupField {
    fn is_commission(&self) -> bool {
        matches!(self, SetupField::Appointment | SetupField::Member(..))
    }
}

/// What saving the draft of `field` means against the workspace as it is now.
pub fn commit(field: &SetupField, text: &str, ws: &Workspace) -> Commit {
    if field.is_commission() {
        let mut commission = ws.commission().clone();
        return match apply_commission(field, text, &mut commission) {
            Err(why) => Commit::Wait(why),
            Ok(()) if &commission == ws.commission() => Commit::Nothing,
            Ok(()) => Commit::Command(Command::PutCommission(Box::new(commission))),
        };
    }
    let mut call = ws.call().clone();
    match apply_call(field, text, &mut call) {
        Err(why) => Commit::Wait(why),
        Ok(()) if &call == ws.call() => Commit::Nothing,
        Ok(()) => Commit::Command(Command::PutCall(Box::new(call))),
    }
}

/// The call and the commission with every setup draft applied, in order: what the checks
/// beside the fields look at, so that they follow the typing. A draft that does not read is
/// left out (its own field says why).
pub fn as_typed<'a>(
    ws: &Workspace,
    drafts: impl Iterator<Item = (&'a SetupField, &'a str)>,
) -> (Call, Commission) {
    let mut call = ws.call().clone();
    let mut commission = ws.commission().clone();
    for (field, text) in drafts {
        if field.is_commission() {
            let mut next = commission.clone();
            if apply_commission(field, text, &mut next).is_ok() {
                commission = next;
            }
        } else {
            let mut next = call.clone();
            if apply_call(field, text, &mut next).is_ok() {
                call = next;
            }
        }
    }
    (call, commission)
}

fn required(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        Err(crate::app::strings::FIELD_REQUIRED.into())
    } else {
        Ok(t.to_string())
    }
}

fn points(text: &str) -> Result<Points, String> {
    italian::parse_typed_points(text)
}

fn optional_points(text: &str) -> Result<Option<Points>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        points(text).map(Some)
    }
}

/// Applies the typed text of `field` to the call; the reason when it does not read. A field of
/// something no longer in the call (a lot removed meanwhile) changes nothing.
pub fn apply_call(field: &SetupField, text: &str, call: &mut Call) -> Result<(), String> {
    match field {
        SetupField::Call(t) => apply_general(*t, text, call),
        SetupField::Lot(id, t) => apply_lot(id, *t, text, call),
        SetupField::Funding(t) => apply_funding(*t, text, call),
        SetupField::Category(id) => {
            if let Some(c) = call.budget_categories.iter_mut().find(|c| &c.id == id) {
                c.name = required(text)?;
            }
            Ok(())
        }
        SetupField::Cap(id) => {
            if let Some(c) = call
                .funding
                .category_caps
                .iter_mut()
                .find(|c| &c.category == id)
            {
                c.max_share = typed::percent(text)?;
            }
            Ok(())
        }
        SetupField::Criterion(id, t) => apply_criterion(id, *t, text, call),
        SetupField::Level(id, level, t) => apply_level(id, level, *t, text, call),
        SetupField::Judgement(i, t) => {
            if let Some(j) = call.judgement_scale.get_mut(*i) {
                match t {
                    JudgementText::Label => j.label = required(text)?,
                    JudgementText::Coefficient => {
                        let p = points(text)?;
                        j.coefficient = crate::domain::Coefficient::new(p.value())
                            .ok_or_else(|| crate::app::strings::coefficient_range(text.trim()))?;
                    }
                }
            }
            Ok(())
        }
        SetupField::Document(id) => {
            if let Some(d) = call.required_documents.iter_mut().find(|d| &d.id == id) {
                d.title = required(text)?;
            }
            Ok(())
        }
        SetupField::Appointment | SetupField::Member(..) => Ok(()),
    }
}

fn apply_lot(id: &LotId, t: LotText, text: &str, call: &mut Call) -> Result<(), String> {
    let Some(lot) = call.lots.iter_mut().find(|l| &l.id == id) else {
        return Ok(());
    };
    match t {
        LotText::Name => lot.name = required(text)?,
        LotText::Description => lot.description = text.trim().to_string(),
        LotText::Budget => lot.budget = italian::parse_typed_amount(text)?,
        LotText::Reserved => {
            let share = typed::percent(text)?;
            if share.value() >= rust_decimal::Decimal::ONE {
                return Err(crate::app::strings::RESERVED_ALL.into());
            }
            lot.reserved_share = share;
        }
    }
    Ok(())
}

fn apply_funding(t: FundingText, text: &str, call: &mut Call) -> Result<(), String> {
    let f = &mut call.funding;
    match t {
        FundingText::MaxContribution => f.max_contribution_share = typed::optional_percent(text)?,
        FundingText::MinCofinancing => f.min_cofinancing_share = typed::optional_percent(text)?,
        FundingText::InKind => f.in_kind_max_share_of_cofinancing = typed::optional_percent(text)?,
        FundingText::PerProject => {
            f.max_contribution_per_project = if text.trim().is_empty() {
                None
            } else {
                Some(italian::parse_typed_amount(text)?)
            }
        }
    }
    Ok(())
}

/// A level of a criterion on levels: its label, or its points (not above the criterion's
/// maximum).
fn apply_level(
    id: &CriterionId,
    level: &LevelId,
    t: LevelText,
    text: &str,
    call: &mut Call,
) -> Result<(), String> {
    let Some(c) = criterion_mut(&mut call.criteria, id) else {
        return Ok(());
    };
    let Scoring::Levels(levels) = &mut c.scoring else {
        return Ok(());
    };
    let Some(l) = levels.iter_mut().find(|l| &l.id == level) else {
        return Ok(());
    };
    match t {
        LevelText::Label => l.label = required(text)?,
        LevelText::Points => {
            let p = points(text)?;
            if p > c.max {
                return Err(crate::app::strings::level_above_max(
                    &l.label,
                    &italian::number(p.value().normalize()),
                    &italian::number(c.max.value().normalize()),
                ));
            }
            l.points = p;
        }
    }
    Ok(())
}

fn apply_general(t: CallText, text: &str, call: &mut Call) -> Result<(), String> {
    match t {
        CallText::Authority => call.authority = required(text)?,
        CallText::Office => call.office = text.trim().to_string(),
        CallText::Title => call.title = required(text)?,
        CallText::Rup => call.rup = required(text)?,
        CallText::Cup => {
            let cup = text.trim().to_uppercase();
            if let Some(problem) = crate::domain::advice::cup_problem(&cup) {
                return Err(problem);
            }
            call.cup = (!cup.is_empty()).then_some(cup);
        }
        CallText::Published => call.published_on = typed::date(text)?,
        CallText::Deadline => call.deadline = typed::moment(text)?,
        CallText::OverallMin => call.overall_min = optional_points(text)?,
        CallText::Decimals => {
            let n = typed::count(text)?;
            if n > 6 {
                return Err(crate::app::strings::DECIMALS_RANGE.into());
            }
            call.decimals = n;
        }
        CallText::DiscordanceGap => call.discordance_gap = typed::percent(text)?,
        CallText::MinScoring => {
            call.min_scoring_members = if text.trim().is_empty() {
                None
            } else {
                Some(typed::count(text)?).filter(|n| *n > 0)
            }
        }
    }
    Ok(())
}

fn apply_criterion(
    id: &CriterionId,
    t: CriterionText,
    text: &str,
    call: &mut Call,
) -> Result<(), String> {
    if t == CriterionText::Id {
        let new = CriterionId::new(text.trim()).map_err(|e| e.to_string())?;
        if &new == id {
            return Ok(());
        }
        if call.criterion(&new).is_some() {
            return Err(crate::app::strings::criterion_id_taken(new.as_str()));
        }
        if let Some(c) = criterion_mut(&mut call.criteria, id) {
            c.id = new.clone();
        }
        for tb in &mut call.tie_breaks {
            if matches!(tb, TieBreak::Criterion(x) if x == id) {
                *tb = TieBreak::Criterion(new.clone());
            }
        }
        return Ok(());
    }
    let Some(c) = criterion_mut(&mut call.criteria, id) else {
        return Ok(());
    };
    match t {
        CriterionText::Id => {}
        CriterionText::Title => c.title = required(text)?,
        CriterionText::Description => c.description = text.trim().to_string(),
        CriterionText::Max => {
            if !c.is_leaf() {
                // A group's maximum is the sum of its sub-criteria's.
                return Ok(());
            }
            let max = points(text)?;
            let shown = |p: Points| italian::number(p.value().normalize());
            if let Some(m) = c.min
                && m > max
            {
                return Err(crate::app::strings::threshold_above_max(
                    &shown(m),
                    &shown(max),
                ));
            }
            if let Scoring::Levels(levels) = &c.scoring
                && let Some(l) = levels.iter().find(|l| l.points > max)
            {
                return Err(crate::app::strings::level_above_max(
                    &l.label,
                    &shown(l.points),
                    &shown(max),
                ));
            }
            c.max = max;
        }
        CriterionText::Min => {
            let min = optional_points(text)?;
            if let Some(m) = min
                && m > c.max
            {
                return Err(crate::app::strings::threshold_above_max(
                    &italian::number(m.value().normalize()),
                    &italian::number(c.max.value().normalize()),
                ));
            }
            c.min = min;
        }
        CriterionText::Step => {
            if let Scoring::Points { step } = &mut c.scoring {
                let s = optional_points(text)?;
                if s.is_some_and(|s| s.value().is_zero()) {
                    return Err(crate::app::strings::STEP_ZERO.into());
                }
                *step = s;
            }
        }
        CriterionText::Unit => {
            if let Scoring::Linear {
                measure: Measure::Declared { unit },
            } = &mut c.scoring
            {
                *unit = text.trim().to_string();
            }
        }
    }
    sum_groups(&mut call.criteria);
    Ok(())
}

/// The criterion with this id, anywhere in the tree.
pub fn criterion_mut<'a>(list: &'a mut [Criterion], id: &CriterionId) -> Option<&'a mut Criterion> {
    for c in list {
        if &c.id == id {
            return Some(c);
        }
        if let Scoring::Subcriteria(subs) = &mut c.scoring
            && let Some(found) = criterion_mut(subs, id)
        {
            return Some(found);
        }
    }
    None
}

/// Every group's maximum made the sum of its sub-criteria's, from the inside out.
pub fn sum_groups(list: &mut [Criterion]) {
    for c in list {
        if let Scoring::Subcriteria(subs) = &mut c.scoring {
            sum_groups(subs);
            let sum: rust_decimal::Decimal = subs.iter().map(|s| s.max.value()).sum();
            if let Some(p) = Points::new(sum) {
                c.max = p;
            }
        }
    }
}

fn apply_commission(
    field: &SetupField,
    text: &str,
    commission: &mut Commission,
) -> Result<(), String> {
    match field {
        SetupField::Appointment => commission.appointed_by = text.trim().to_string(),
        SetupField::Member(id, t) => {
            let Some(m) = commission.members.iter_mut().find(|m| &m.id == id) else {
                return Ok(());
            };
            let (title, name) = typed::split_title(&m.name);
            match t {
                MemberText::Title => m.name = typed::join_title(text, &name),
                MemberText::Name => m.name = typed::join_title(&title, &required(text)?),
                MemberText::Qualification => m.qualification = text.trim().to_string(),
                MemberText::ReplacementAct => {
                    if let Some(r) = &mut m.replaced {
                        r.act = required(text)?;
                    }
                }
                MemberText::ReplacementDate => {
                    if let Some(r) = &mut m.replaced {
                        r.on = typed::date(text)?;
                    }
                }
                MemberText::SubstituteAct => {
                    if let Some(s) = &mut m.substitute {
                        s.act = text.trim().to_string();
                    }
                }
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests;
