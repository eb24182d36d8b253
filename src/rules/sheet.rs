//! One member's sheet on one application, as the score sheet shows it while the member works:
//! what each of the member's marks is worth, the member's running subtotal, and whether the
//! others' marks may be shown yet (independent judgement). The window reads these; it does not
//! work them out itself.

use rust_decimal::Decimal;

use super::Evaluation;
use crate::domain::{Criterion, MemberId, Protocol, Scoring, Workspace};

/// What one member's mark on a criterion is worth before riparametrazione: the coefficient
/// times the criterion's maximum, or the points themselves.
pub fn mark_worth(criterion: &Criterion, value: Decimal) -> Decimal {
    match criterion.scoring {
        Scoring::Coefficient => value * criterion.max.value(),
        _ => value,
    }
}

/// A member's running subtotal on an application: their own marks as they are worth, plus the
/// points of the criteria worked out from the application's declared figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subtotal {
    pub points: Decimal,
    /// Leaf criteria without a mark of this member (or, for automatic criteria, without points
    /// yet).
    pub missing: usize,
}

pub fn subtotal(
    ws: &Workspace,
    eval: &Evaluation,
    member: &MemberId,
    application: &Protocol,
) -> Subtotal {
    let scores = eval
        .application(application)
        .and_then(|r| r.scores.as_ref());
    let mut total = Subtotal {
        points: Decimal::ZERO,
        missing: 0,
    };
    for c in ws.call().leaf_criteria() {
        let points = if c.is_discretionary() {
            ws.score(member, application, &c.id)
                .map(|sc| mark_worth(c, sc.value()))
        } else {
            scores
                .and_then(|sc| sc.criteria.get(&c.id))
                .and_then(|cs| cs.points_before_rescaling)
        };
        match points {
            Some(p) => total.points += p,
            None => total.missing += 1,
        }
    }
    total
}

/// Independent judgement (the call's option, on by default): whether the others' marks on
/// `application`, and the points made of them, may be shown to `member` — only once the member
/// has given their own mark on every discretionary criterion of it, or abstains from it. `None`
/// is the secretariat or consultation, who see them all along.
pub fn sees_others_marks(
    ws: &Workspace,
    member: Option<&MemberId>,
    application: &Protocol,
) -> bool {
    let Some(me) = member else {
        return true;
    };
    let call = ws.call();
    !call.independent_judgement
        || ws.abstains(me, application)
        || call
            .leaf_criteria()
            .iter()
            .filter(|c| c.is_discretionary())
            .all(|c| ws.score(me, application, &c.id).is_some())
}
