//! Co-financing: the applicant's budget against the call's funding rules, exact to the cent.
//!
//! C = sum of budget lines, K = co-financing (K_n in kind), R = contribution requested.
//! Every comparison is made on exact decimals; amounts missing or exceeding are rounded up to the
//! cent, ceilings down, and a share is shown rounded away from its limit, so that a failing
//! figure never reads as a passing one.

use rust_decimal::{Decimal, RoundingStrategy};

use super::finding::{Check, Figures, Finding, Rule};
use super::ratio::Ratio;
use crate::domain::{Application, Call, CapBase, Lot, Money, Share};
use crate::italian::{euro, euro_signed, share_percent};

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
    let ratio = Ratio::from_decimal(part)
        .checked_mul(Ratio::from_int(100))
        .and_then(|r| r.checked_div(Ratio::from_decimal(whole)));
    let rounded = ratio.and_then(|r| match side {
        Side::Below => r.floor(4),
        Side::Above => r.ceil(4),
    });
    // Amounts are bounded (see Money), so this cannot overflow; zero is never reached.
    rounded.unwrap_or(Decimal::ZERO)
}

/// The percentage as a sentence shows it: two decimals, rounded away from the limit.
fn percent_text(value: Decimal, side: Side) -> String {
    let strategy = match side {
        Side::Below => RoundingStrategy::ToNegativeInfinity,
        Side::Above => RoundingStrategy::ToPositiveInfinity,
    };
    let v = value.round_dp_with_strategy(2, strategy);
    crate::italian::percent(if v.fract().is_zero() { v.trunc() } else { v })
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
        check: if difference.is_zero() { Check::Pass } else { Check::Fail },
        figures: Figures {
            difference: Some(difference.round_dp(2)),
            ..Figures::default()
        },
        message: if difference.is_zero() {
            format!(
                "Il piano finanziario quadra: contributo richiesto {} + co-finanziamento {} = costo complessivo {}.",
                euro(b.requested),
                euro(b.cofinancing),
                euro(b.total_cost)
            )
        } else {
            format!(
                "Il piano finanziario non quadra: contributo richiesto {} + co-finanziamento {} = {}, ma il costo complessivo è {} (differenza {}).",
                euro(b.requested),
                euro(b.cofinancing),
                euro(b.requested + b.cofinancing),
                euro(b.total_cost),
                euro_signed(difference)
            )
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
            message: if ok {
                format!(
                    "Il co-finanziamento ({}) è il {} del costo complessivo: almeno il {} richiesto.",
                    euro(b.cofinancing),
                    percent_text(shown, Side::Below),
                    share_percent(min.value())
                )
            } else {
                format!(
                    "Il co-finanziamento ({}) è il {} del costo complessivo, sotto il minimo del {}: mancano {} per raggiungere il {}.",
                    euro(b.cofinancing),
                    percent_text(shown, Side::Below),
                    share_percent(min.value()),
                    euro(shortfall),
                    share_percent(min.value())
                )
            },
        });
    }

    if let Some(max) = rules.max_contribution_share {
        out.push(at_most(
            Rule::MaxContributionShare,
            b.requested,
            max,
            c,
            |shown, excess, ok| {
                if ok {
                    format!(
                        "Il contributo richiesto ({}) è il {} del costo complessivo: entro il massimo del {}.",
                        euro(b.requested),
                        shown,
                        share_percent(max.value())
                    )
                } else {
                    format!(
                        "Il contributo richiesto ({}) è il {} del costo complessivo, oltre il massimo del {}: eccede di {}.",
                        euro(b.requested),
                        shown,
                        share_percent(max.value()),
                        euro(excess)
                    )
                }
            },
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
            message: if ok {
                format!(
                    "Il contributo richiesto ({}) rientra nel massimo per progetto di {}.",
                    euro(b.requested),
                    euro(ceiling)
                )
            } else {
                format!(
                    "Il contributo richiesto ({}) supera il massimo per progetto di {}: eccede di {}.",
                    euro(b.requested),
                    euro(ceiling),
                    euro(excess)
                )
            },
        });
    }

    let cap = lot_ceiling(lot);
    let ok = b.requested <= cap;
    let excess = b.requested.saturating_sub(cap);
    let reserve = if lot.reserved_share.value().is_zero() {
        String::new()
    } else {
        format!(
            " ({} meno la quota del {} riservata al Comune)",
            euro(lot.budget),
            share_percent(lot.reserved_share.value())
        )
    };
    out.push(Finding {
        rule: Rule::LotCap,
        check: if ok { Check::Pass } else { Check::Fail },
        figures: Figures {
            cap: Some(cap),
            excess: Some(excess),
            ..Figures::default()
        },
        message: if ok {
            format!(
                "Il contributo richiesto ({}) rientra nel tetto del lotto di {}{reserve}.",
                euro(b.requested),
                euro(cap)
            )
        } else {
            format!(
                "Il contributo richiesto ({}) supera il tetto del lotto di {}{reserve}: eccede di {}.",
                euro(b.requested),
                euro(cap),
                euro(excess)
            )
        },
    });

    if let Some(share) = rules.in_kind_max_share_of_cofinancing {
        out.push(at_most(Rule::InKindCap, b.in_kind, share, k, |shown, excess, ok| {
            if ok {
                format!(
                    "Il co-finanziamento in natura ({}) è il {} del co-finanziamento: entro il massimo del {}.",
                    euro(b.in_kind),
                    shown,
                    share_percent(share.value())
                )
            } else {
                format!(
                    "Il co-finanziamento in natura ({}) è il {} del co-finanziamento, oltre il massimo del {}: eccede di {}.",
                    euro(b.in_kind),
                    shown,
                    share_percent(share.value()),
                    euro(excess)
                )
            }
        }));
    }

    for cap in &rules.category_caps {
        let amount = app.category_total(&cap.category);
        let (base, base_name) = match cap.of {
            CapBase::Total => (c, "del costo complessivo"),
            CapBase::DirectCosts => (c - amount.value(), "dei costi diretti (le altre voci)"),
        };
        let name = call
            .budget_categories
            .iter()
            .find(|bc| bc.id == cap.category)
            .map_or_else(|| cap.category.to_string(), |bc| bc.name.clone());
        out.push(at_most(
            Rule::CategoryCap(cap.category.clone()),
            amount,
            cap.max_share,
            base,
            |shown, excess, ok| {
                if ok {
                    format!(
                        "La voce «{name}» ({}) è il {shown} {base_name}: entro il massimo del {}.",
                        euro(amount),
                        share_percent(cap.max_share.value())
                    )
                } else {
                    format!(
                        "La voce «{name}» ({}) è il {shown} {base_name}, oltre il massimo del {}: eccede di {}.",
                        euro(amount),
                        share_percent(cap.max_share.value()),
                        euro(excess)
                    )
                }
            },
        ));
    }
    out
}

/// A check of the form `amount <= share × base`.
fn at_most(
    rule: Rule,
    amount: Money,
    share: Share,
    base: Decimal,
    message: impl Fn(&str, Money, bool) -> String,
) -> Finding {
    let limit = share.value() * base;
    let ok = amount.value() <= limit;
    let excess = if ok {
        Money::ZERO
    } else {
        up(amount.value() - limit)
    };
    let shown = percent(amount.value(), base, Side::Above);
    let shown_text = percent_text(shown, Side::Above);
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
        message: message(&shown_text, excess, ok),
    }
}
