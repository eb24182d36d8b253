//! Allocation of a lot's funds down its ranking, in the lot's mode. A tie whose order would
//! change who gets what halts the allocation there: everything below waits for the draw.

use std::collections::BTreeMap;

use super::ranking::{Place, Tie};
use crate::domain::{Allocation, Money, Protocol};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Funded(Money),
    PartiallyFunded(Money),
    NotFunded,
    /// In a tie that decides the funding, awaiting a draw.
    TieUnresolved,
    /// Below such a tie.
    PendingTie,
}

impl Grant {
    pub fn amount(self) -> Money {
        match self {
            Grant::Funded(m) | Grant::PartiallyFunded(m) => m,
            _ => Money::ZERO,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    remaining: Money,
    /// No one further down can be funded (single winner chosen, or a non-fitting one stopped it).
    stopped: bool,
}

/// What each ranked application gets, and whether a tie halted the allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocated {
    pub grants: BTreeMap<Protocol, Grant>,
    pub remaining: Money,
    pub halted_by_tie: bool,
}

/// Ties larger than this are not explored order by order: they are taken to decide.
const LARGEST_TIE_EXPLORED: usize = 6;

pub fn allocate(
    mode: Allocation,
    ceiling: Money,
    places: &[Place],
    requested: &BTreeMap<Protocol, Money>,
) -> Allocated {
    if mode == Allocation::ProRata {
        return pro_rata(ceiling, places, requested);
    }
    let mut grants = BTreeMap::new();
    let mut state = State {
        remaining: ceiling,
        stopped: false,
    };
    let mut halted = false;
    let mut i = 0;
    while i < places.len() {
        let mut j = i + 1;
        if matches!(places[i].tie, Tie::Unresolved { .. }) {
            while j < places.len() && places[j].rank == places[i].rank {
                j += 1;
            }
        }
        let group: Vec<&Protocol> = places[i..j].iter().map(|p| &p.protocol).collect();
        if halted {
            for p in group {
                grants.insert(p.clone(), Grant::PendingTie);
            }
        } else if group.len() == 1 {
            let (grant, next) = step(mode, state, requested_of(requested, group[0]));
            grants.insert(group[0].clone(), grant);
            state = next;
        } else {
            match order_free(mode, state, &group, requested) {
                Some((outcome, next)) => {
                    grants.extend(outcome);
                    state = next;
                }
                None => {
                    for p in group {
                        grants.insert(p.clone(), Grant::TieUnresolved);
                    }
                    halted = true;
                }
            }
        }
        i = j;
    }
    Allocated {
        grants,
        remaining: state.remaining,
        halted_by_tie: halted,
    }
}

/// Every eligible application in full when the funds suffice; otherwise each gets its request
/// × funds / total requested, truncated to the cent. The order of the ranking does not matter,
/// so no tie halts it. Computed on whole cents: exact.
fn pro_rata(ceiling: Money, places: &[Place], requested: &BTreeMap<Protocol, Money>) -> Allocated {
    use rust_decimal::prelude::ToPrimitive;
    let cents = |m: Money| -> i128 {
        (m.value() * rust_decimal::Decimal::ONE_HUNDRED)
            .trunc()
            .to_i128()
            .unwrap_or(0)
    };
    let asked: Vec<(&Protocol, Money)> = places
        .iter()
        .map(|p| (&p.protocol, requested_of(requested, &p.protocol)))
        .collect();
    let total: i128 = asked.iter().map(|(_, m)| cents(*m)).sum();
    let funds = cents(ceiling);
    let mut grants = BTreeMap::new();
    let mut given: i128 = 0;
    for (p, m) in asked {
        let want = cents(m);
        let grant = if total <= funds {
            Grant::Funded(m)
        } else {
            let share = want * funds / total;
            given += share;
            let amount = Money::from_decimal(rust_decimal::Decimal::from_i128_with_scale(share, 2))
                .unwrap_or(Money::ZERO);
            if share >= want {
                Grant::Funded(m)
            } else {
                Grant::PartiallyFunded(amount)
            }
        };
        grants.insert(p.clone(), grant);
    }
    let spent = if total <= funds { total } else { given };
    let remaining = Money::from_decimal(rust_decimal::Decimal::from_i128_with_scale(
        funds - spent,
        2,
    ))
    .unwrap_or(Money::ZERO);
    Allocated {
        grants,
        remaining,
        halted_by_tie: false,
    }
}

fn requested_of(requested: &BTreeMap<Protocol, Money>, p: &Protocol) -> Money {
    requested.get(p).copied().unwrap_or(Money::ZERO)
}

/// One application's grant in the lot's mode.
fn step(mode: Allocation, state: State, asked: Money) -> (Grant, State) {
    if state.stopped {
        return (Grant::NotFunded, state);
    }
    let (partial, skip, single) = match mode {
        Allocation::SingleWinner => (true, false, true),
        Allocation::UntilExhausted {
            partial,
            skip_when_not_fitting,
        } => (partial, skip_when_not_fitting, false),
        Allocation::AllAboveThreshold | Allocation::ProRata => (false, false, false),
    };
    if let Some(left) = state.remaining.checked_sub(asked) {
        let next = State {
            remaining: left,
            stopped: single,
        };
        return (Grant::Funded(asked), next);
    }
    if partial && !state.remaining.is_zero() {
        let next = State {
            remaining: Money::ZERO,
            stopped: true,
        };
        return (Grant::PartiallyFunded(state.remaining), next);
    }
    let next = State {
        remaining: state.remaining,
        stopped: !skip,
    };
    (Grant::NotFunded, next)
}

/// The outcome of a tied group if it is the same in every order, or None if the order decides.
fn order_free(
    mode: Allocation,
    state: State,
    group: &[&Protocol],
    requested: &BTreeMap<Protocol, Money>,
) -> Option<(BTreeMap<Protocol, Grant>, State)> {
    if group.len() > LARGEST_TIE_EXPLORED {
        return None;
    }
    let mut first: Option<(BTreeMap<Protocol, Grant>, State)> = None;
    let mut order: Vec<usize> = (0..group.len()).collect();
    loop {
        let mut s = state;
        let mut outcome = BTreeMap::new();
        for &k in &order {
            let (grant, next) = step(mode, s, requested_of(requested, group[k]));
            outcome.insert(group[k].clone(), grant);
            s = next;
        }
        match &first {
            None => first = Some((outcome, s)),
            Some(f) if *f != (outcome, s) => return None,
            Some(_) => {}
        }
        if !next_permutation(&mut order) {
            return first;
        }
    }
}

fn next_permutation(v: &mut [usize]) -> bool {
    let Some(i) = (1..v.len()).rev().find(|&i| v[i - 1] < v[i]) else {
        return false;
    };
    let j = (i..v.len()).rev().find(|&j| v[j] > v[i - 1]).unwrap_or(i);
    v.swap(i - 1, j);
    v[i..].reverse();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn p(s: &str) -> Protocol {
        Protocol::new(s).unwrap()
    }

    fn places(list: &[(&str, u32, bool)]) -> Vec<Place> {
        list.iter()
            .map(|(id, rank, tied)| Place {
                rank: *rank,
                protocol: p(id),
                tie: if *tied {
                    Tie::Unresolved { with: vec![] }
                } else {
                    Tie::None
                },
            })
            .collect()
    }

    #[test]
    fn a_tie_that_fits_entirely_does_not_need_a_draw() {
        let req = BTreeMap::from([(p("A"), m("10")), (p("B"), m("10")), (p("C"), m("50"))]);
        let mode = Allocation::UntilExhausted {
            partial: false,
            skip_when_not_fitting: false,
        };
        let out = allocate(
            mode,
            m("30"),
            &places(&[("A", 1, true), ("B", 1, true), ("C", 3, false)]),
            &req,
        );
        assert_eq!(out.grants[&p("A")], Grant::Funded(m("10")));
        assert_eq!(out.grants[&p("B")], Grant::Funded(m("10")));
        assert_eq!(out.grants[&p("C")], Grant::NotFunded);
        assert!(!out.halted_by_tie);
    }

    #[test]
    fn a_tie_for_the_single_winner_halts() {
        let req = BTreeMap::from([(p("A"), m("10")), (p("B"), m("10")), (p("C"), m("5"))]);
        let out = allocate(
            Allocation::SingleWinner,
            m("30"),
            &places(&[("A", 1, true), ("B", 1, true), ("C", 3, false)]),
            &req,
        );
        assert_eq!(out.grants[&p("A")], Grant::TieUnresolved);
        assert_eq!(out.grants[&p("C")], Grant::PendingTie);
        assert!(out.halted_by_tie);
    }

    #[test]
    fn pro_rata_reduces_every_grant_in_proportion_to_the_cent() {
        let req = BTreeMap::from([(p("A"), m("100")), (p("B"), m("200")), (p("C"), m("50"))]);
        let ranked = places(&[("A", 1, true), ("B", 1, true), ("C", 3, false)]);
        // 100 of 350 asked: each gets 100/350 of what it asked, truncated to the cent.
        let out = allocate(Allocation::ProRata, m("100"), &ranked, &req);
        assert_eq!(out.grants[&p("A")], Grant::PartiallyFunded(m("28.57")));
        assert_eq!(out.grants[&p("B")], Grant::PartiallyFunded(m("57.14")));
        assert_eq!(out.grants[&p("C")], Grant::PartiallyFunded(m("14.28")));
        assert_eq!(out.remaining, m("0.01"));
        assert!(!out.halted_by_tie);
        // Funds enough for all: everyone in full.
        let out = allocate(Allocation::ProRata, m("400"), &ranked, &req);
        assert_eq!(out.grants[&p("B")], Grant::Funded(m("200")));
        assert_eq!(out.remaining, m("50"));
    }

    #[test]
    fn permutations_cover_every_order() {
        let mut v = vec![0, 1, 2];
        let mut n = 1;
        while next_permutation(&mut v) {
            n += 1;
        }
        assert_eq!(n, 6);
    }
}
