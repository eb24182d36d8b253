//! Co-financing: the applicant's budget against the call's funding rules, exact to the cent.
//!
//! C = sum of budget lines, K = co-financing (K_n in kind), R = contribution requested.
//! Every comparison is made on exact decimals; amounts missing or exceeding are rounded up to the
//! cent, ceilings down, and a share is shown rounded away from its limit, so that a failing
//! figure never reads as a passing one.

use rust_decimal::{Decimal, RoundingStrategy};

use super::finding::{Check, Figures, Finding, Rule};
use super::message::{Limited, Message};
use super::ratio::Ratio;
use crate::domain::{Application, Call, CapBase, Lot, Money, Share};

/// The application's figures, as the tables and the minutes show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// C.
    pub total_cost: Money,
    /// K.
    pub cofinancing: Money,
    pub cash: Money,
    /// K_n.
    pub in_kind: Money,
    /// R.
    pub requested: Money,
    /// K / C in per cent, truncated to four decimals (zero when C is zero).
    pub share_percent: Decimal,
}

impl Budget {
    pub fn of(app: &Application) -> Budget {
        let total_cost = app.total_cost();
        let cofinancing = app.cofinancing_total();
        Budget {
            total_cost,
            cofinancing,
            cash: app.cash_total(),
            in_kind: app.in_kind_total(),
            requested: app.requested,
            share_percent: percent(cofinancing.value(), total_cost.value(), Side::Below),
        }
    }
}

/// Which side of a limit a share is checked from: it is rounded away from the limit.
#[derive(Clone, Copy)]
enum Side {
    /// A minimum: shown rounded down.
    Below,
    /// A maximum: shown rounded up.
    Above,
}

/// part / whole in per cent with four decimals, rounded away from the limit's side.
fn percent(part: Decimal, whole: Decimal, side: Side) -> Decimal {
    if whole.is_zero() {
        return Decimal::ZERO;
    }
    let ratio = (&Ratio::from_decimal(part) * &Ratio::from_int(100))
        .checked_div(&Ratio::from_decimal(whole))
        .unwrap_or(Ratio::ZERO);
    let rounded = match side {
        Side::Below => ratio.floor(4),
        Side::Above => ratio.ceil(4),
    };
    // Amounts are bounded (see Money), so this cannot overflow; zero is never reached.
    rounded.unwrap_or(Decimal::ZERO)
}

fn up(value: Decimal) -> Money {
    Money::from_decimal_rounded(
        value.max(Decimal::ZERO),
        RoundingStrategy::ToPositiveInfinity,
    )
    .unwrap_or(Money::ZERO)
}

fn down(value: Decimal) -> Money {
    Money::from_decimal_rounded(
        value.max(Decimal::ZERO),
        RoundingStrategy::ToNegativeInfinity,
    )
    .unwrap_or(Money::ZERO)
}

/// The lot's ceiling for contributions: budget × (1 − reserved share), rounded down to the cent.
pub fn lot_ceiling(lot: &Lot) -> Money {
    down(lot.budget.value() * (Decimal::ONE - lot.reserved_share.value()))
}

/// The co-financing findings of one application, in the order the call's rules are listed.
pub fn findings(app: &Application, call: &Call, lot: &Lot) -> Vec<Finding> {
    let b = Budget::of(app);
    let (c, k, r) = (
        b.total_cost.value(),
        b.cofinancing.value(),
        b.requested.value(),
    );
    let rules = &call.funding;
    let mut out = Vec::new();

    let difference = r + k - c;
    out.push(Finding {
        rule: Rule::Balance,
        check: if difference.is_zero() {
            Check::Pass
        } else {
            Check::Fail
        },
        figures: Figures {
            difference: Some(difference.round_dp(2)),
            ..Figures::default()
        },
        message: Message::Balance {
            requested: b.requested,
            cofinancing: b.cofinancing,
            total_cost: b.total_cost,
            difference,
        },
    });

    if let Some(min) = rules.min_cofinancing_share {
        let needed = min.value() * c;
        let ok = k >= needed;
        let shortfall = if ok { Money::ZERO } else { up(needed - k) };
        let shown = percent(k, c, Side::Below);
        out.push(Finding {
            rule: Rule::MinCofinancingShare,
            check: if ok { Check::Pass } else { Check::Fail },
            figures: Figures {
                shortfall: Some(shortfall),
                share_percent: Some(shown),
                limit_percent: Some(min.value() * Decimal::ONE_HUNDRED),
                ..Figures::default()
            },
            message: Message::MinCofinancingShare {
                cofinancing: b.cofinancing,
                shown,
                min: min.value(),
                shortfall: (!ok).then_some(shortfall),
            },
        });
    }

    if let Some(max) = rules.max_contribution_share {
        out.push(at_most(
            Rule::MaxContributionShare,
            Limited::Contribution,
            b.requested,
            max,
            c,
        ));
    }

    if let Some(ceiling) = rules.max_contribution_per_project {
        let ok = b.requested <= ceiling;
        let excess = b.requested.saturating_sub(ceiling);
        out.push(Finding {
            rule: Rule::ProjectCap,
            check: if ok { Check::Pass } else { Check::Fail },
            figures: Figures {
                cap: Some(ceiling),
                excess: Some(excess),
                ..Figures::default()
            },
            message: Message::ProjectCap {
                requested: b.requested,
                ceiling,
                excess: (!ok).then_some(excess),
            },
        });
    }

    let cap = lot_ceiling(lot);
    let ok = b.requested <= cap;
    let excess = b.requested.saturating_sub(cap);
    out.push(Finding {
        rule: Rule::LotCap,
        check: if ok { Check::Pass } else { Check::Fail },
        figures: Figures {
            cap: Some(cap),
            excess: Some(excess),
            ..Figures::default()
        },
        message: Message::LotCap {
            requested: b.requested,
            cap,
            budget: lot.budget,
            reserved: lot.reserved_share.value(),
            excess: (!ok).then_some(excess),
        },
    });

    if let Some(share) = rules.in_kind_max_share_of_cofinancing {
        out.push(at_most(
            Rule::InKindCap,
            Limited::InKind,
            b.in_kind,
            share,
            k,
        ));
    }

    for cap in &rules.category_caps {
        let amount = app.category_total(&cap.category);
        let base = match cap.of {
            CapBase::Total => c,
            CapBase::DirectCosts => c - amount.value(),
        };
        let name = call
            .budget_categories
            .iter()
            .find(|bc| bc.id == cap.category)
            .map_or_else(|| cap.category.to_string(), |bc| bc.name.clone());
        out.push(at_most(
            Rule::CategoryCap(cap.category.clone()),
            Limited::Category { name, of: cap.of },
            amount,
            cap.max_share,
            base,
        ));
    }
    out
}

/// A check of the form `amount <= share × base`.
fn at_most(rule: Rule, what: Limited, amount: Money, share: Share, base: Decimal) -> Finding {
    let limit = share.value() * base;
    let ok = amount.value() <= limit;
    let excess = if ok {
        Money::ZERO
    } else {
        up(amount.value() - limit)
    };
    let shown = percent(amount.value(), base, Side::Above);
    Finding {
        rule,
        check: if ok { Check::Pass } else { Check::Fail },
        figures: Figures {
            excess: Some(excess),
            cap: Some(down(limit)),
            share_percent: Some(shown),
            limit_percent: Some(share.value() * Decimal::ONE_HUNDRED),
            ..Figures::default()
        },
        message: Message::AtMost {
            what,
            amount,
            shown,
            max: share.value(),
            excess: (!ok).then_some(excess),
        },
    }
}
