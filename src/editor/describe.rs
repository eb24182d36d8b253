//! What a change to the call or the commission changed, in a few Italian words for the journal
//! («avviso: lotti, criteri»), so that the register says more than «avviso».

use super::messages::part;
use crate::domain::{Call, Commission};

/// The parts of the call that differ, in the order of the Avviso view.
pub(super) fn call(old: &Call, new: &Call) -> String {
    let mut parts = Vec::new();
    if (&old.authority, &old.office, &old.title, &old.cup, &old.rup)
        != (&new.authority, &new.office, &new.title, &new.cup, &new.rup)
        || (old.published_on, old.deadline) != (new.published_on, new.deadline)
    {
        parts.push(part::GENERAL.to_string());
    }
    if old.lots != new.lots {
        let added: Vec<&str> = new
            .lots
            .iter()
            .filter(|l| old.lot(&l.id).is_none())
            .map(|l| l.id.as_str())
            .collect();
        let removed: Vec<&str> = old
            .lots
            .iter()
            .filter(|l| new.lot(&l.id).is_none())
            .map(|l| l.id.as_str())
            .collect();
        parts.push(match (added.as_slice(), removed.as_slice()) {
            ([], []) => part::LOTS.to_string(),
            (added, []) => part::lots_added(&added.join(", ")),
            ([], removed) => part::lots_removed(&removed.join(", ")),
            _ => part::LOTS.to_string(),
        });
    }
    if old.funding != new.funding || old.budget_categories != new.budget_categories {
        parts.push(part::FUNDING.into());
    }
    if old.criteria != new.criteria
        || (
            old.overall_min,
            old.rescale_totals,
            old.rescale_among,
            old.decimals,
            old.collegial_mark,
        ) != (
            new.overall_min,
            new.rescale_totals,
            new.rescale_among,
            new.decimals,
            new.collegial_mark,
        )
    {
        parts.push(part::CRITERIA.into());
    }
    if old.tie_breaks != new.tie_breaks {
        parts.push(part::TIE_BREAKS.into());
    }
    if old.judgement_scale != new.judgement_scale
        || old.discordance_gap != new.discordance_gap
        || old.independent_judgement != new.independent_judgement
    {
        parts.push(part::JUDGEMENT_SCALE.into());
    }
    if old.required_documents != new.required_documents {
        parts.push(part::DOCUMENTS.into());
    }
    if old.admitted_legal_forms != new.admitted_legal_forms
        || old.informal_groups_allowed != new.informal_groups_allowed
    {
        parts.push(part::LEGAL_FORMS.into());
    }
    if old.min_scoring_members != new.min_scoring_members {
        parts.push(part::MIN_SCORING.into());
    }
    if parts.is_empty() {
        part::CALL.into()
    } else {
        part::call(&parts.join(", "))
    }
}

/// Members added, removed, replaced or appointed as substitutes.
pub(super) fn commission(old: &Commission, new: &Commission) -> String {
    let mut parts = Vec::new();
    if old.appointed_by != new.appointed_by {
        parts.push(part::APPOINTED_BY.to_string());
    }
    for m in &new.members {
        match old.member(&m.id) {
            None if m.substitute.is_some() => parts.push(part::substitute_appointed(&m.id)),
            None => parts.push(part::member_added(&m.id)),
            Some(o) if o.replaced.is_none() && m.replaced.is_some() => {
                parts.push(part::member_replaced(&m.id))
            }
            Some(o) if o != m => parts.push(part::member_changed(&m.id)),
            Some(_) => {}
        }
    }
    for m in &old.members {
        if new.member(&m.id).is_none() {
            parts.push(part::member_removed(&m.id));
        }
    }
    if parts.is_empty() {
        part::COMMISSION.into()
    } else {
        part::commission(&parts.join(", "))
    }
}
