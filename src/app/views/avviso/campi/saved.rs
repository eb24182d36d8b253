//! The text a field of the set-up shows when there is no draft: what is saved, written as the
//! secretariat would type it (Italian amounts, dates, percentages).

use crate::app::typed;
use crate::domain::{Call, Commission, CriterionId, LevelId, Measure, MemberId, Scoring};
use crate::italian;

use super::{
    CallText, CriterionText, FundingText, JudgementText, LevelText, LotText, MemberText, SetupField,
};

/// The text a field shows when there is no draft.
pub fn saved_text(field: &SetupField, call: &Call, commission: &Commission) -> String {
    match field {
        SetupField::Call(t) => call_text(call, *t),
        SetupField::Lot(id, t) => call
            .lot(id)
            .map(|lot| match t {
                LotText::Name => lot.name.clone(),
                LotText::Description => lot.description.clone(),
                LotText::Budget => italian::amount(lot.budget),
                LotText::Reserved => typed::percent_text(lot.reserved_share),
            })
            .unwrap_or_default(),
        SetupField::Funding(t) => funding_text(call, *t),
        SetupField::Category(id) => call
            .budget_categories
            .iter()
            .find(|c| &c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        SetupField::Cap(id) => call
            .funding
            .category_caps
            .iter()
            .find(|c| &c.category == id)
            .map(|c| typed::percent_text(c.max_share))
            .unwrap_or_default(),
        SetupField::Criterion(id, t) => criterion_text(call, id, *t),
        SetupField::Level(id, level, t) => level_text(call, id, level, *t),
        SetupField::Judgement(i, t) => call
            .judgement_scale
            .get(*i)
            .map(|j| match t {
                JudgementText::Label => j.label.clone(),
                JudgementText::Coefficient => italian::number(j.coefficient.value()),
            })
            .unwrap_or_default(),
        SetupField::Document(id) => call
            .required_documents
            .iter()
            .find(|d| &d.id == id)
            .map(|d| d.title.clone())
            .unwrap_or_default(),
        SetupField::Appointment => commission.appointed_by.clone(),
        SetupField::Member(id, t) => member_text(commission, id, *t),
    }
}

/// The call's general data and scoring rules.
fn call_text(call: &Call, t: CallText) -> String {
    match t {
        CallText::Authority => call.authority.clone(),
        CallText::Office => call.office.clone(),
        CallText::Title => call.title.clone(),
        CallText::Cup => call.cup.clone().unwrap_or_default(),
        CallText::Rup => call.rup.clone(),
        CallText::Published => italian::date(call.published_on),
        CallText::Deadline => typed::moment_text(call.deadline),
        CallText::OverallMin => call
            .overall_min
            .map(|p| italian::number(p.value().normalize()))
            .unwrap_or_default(),
        CallText::Decimals => call.decimals.to_string(),
        CallText::DiscordanceGap => typed::percent_text(call.discordance_gap),
        CallText::MinScoring => call
            .min_scoring_members
            .map(|n| n.to_string())
            .unwrap_or_default(),
    }
}

/// The funding rules: shares as percentages, amounts in euro.
fn funding_text(call: &Call, t: FundingText) -> String {
    let f = &call.funding;
    match t {
        FundingText::MaxContribution => f.max_contribution_share.map(typed::percent_text),
        FundingText::PerProject => f.max_contribution_per_project.map(italian::amount),
        FundingText::MinCofinancing => f.min_cofinancing_share.map(typed::percent_text),
        FundingText::InKind => f.in_kind_max_share_of_cofinancing.map(typed::percent_text),
    }
    .unwrap_or_default()
}

fn criterion_text(call: &Call, id: &CriterionId, t: CriterionText) -> String {
    let Some(c) = call.criterion(id) else {
        return String::new();
    };
    match t {
        CriterionText::Id => c.id.to_string(),
        CriterionText::Title => c.title.clone(),
        CriterionText::Description => c.description.clone(),
        CriterionText::Max => italian::number(c.max.value().normalize()),
        CriterionText::Min => c
            .min
            .map(|m| italian::number(m.value().normalize()))
            .unwrap_or_default(),
        CriterionText::Step => match &c.scoring {
            Scoring::Points { step: Some(s) } => italian::number(s.value().normalize()),
            _ => String::new(),
        },
        CriterionText::Unit => match &c.scoring {
            Scoring::Linear {
                measure: Measure::Declared { unit },
            } => unit.clone(),
            _ => String::new(),
        },
    }
}

fn level_text(call: &Call, id: &CriterionId, level: &LevelId, t: LevelText) -> String {
    call.criterion(id)
        .and_then(|c| match &c.scoring {
            Scoring::Levels(levels) => levels.iter().find(|l| &l.id == level),
            _ => None,
        })
        .map(|l| match t {
            LevelText::Label => l.label.clone(),
            LevelText::Points => italian::number(l.points.value().normalize()),
        })
        .unwrap_or_default()
}

/// A member's title and name (typed apart), qualification, replacement and appointment.
fn member_text(commission: &Commission, id: &MemberId, t: MemberText) -> String {
    let Some(m) = commission.member(id) else {
        return String::new();
    };
    match t {
        MemberText::Title => typed::split_title(&m.name).0,
        MemberText::Name => typed::split_title(&m.name).1,
        MemberText::Qualification => m.qualification.clone(),
        MemberText::ReplacementAct => m
            .replaced
            .as_ref()
            .map(|r| r.act.clone())
            .unwrap_or_default(),
        MemberText::ReplacementDate => m
            .replaced
            .as_ref()
            .map(|r| italian::date(r.on))
            .unwrap_or_default(),
        MemberText::SubstituteAct => m
            .substitute
            .as_ref()
            .map(|s| s.act.clone())
            .unwrap_or_default(),
    }
}
