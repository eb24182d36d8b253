//! The ranking of a lot: eligible applications by total, then by the call's ordered tie-breaks.
//! A group still equal is a tie; only a draw recorded in a session settles it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::scoring::Scores;
use crate::domain::{Application, LotId, Protocol, SessionId, TieBreak, Workspace};

/// Applications that share a place in the ranking, or a single application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1 for the first; applications in an unresolved tie share it.
    pub rank: u32,
    pub protocol: Protocol,
    pub tie: Tie,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tie {
    /// Alone in its place.
    None,
    /// Was equal to others; a draw of this session put it in its place.
    SettledByDraw {
        session: SessionId,
        with: Vec<Protocol>,
    },
    /// Equal to `with` after every tie-break, awaiting a draw.
    Unresolved { with: Vec<Protocol> },
}

/// Orders the eligible applications of a lot. Unresolved ties are consecutive and share a rank.
pub fn rank_lot(ws: &Workspace, lot: &LotId, eligible: &[(&Application, &Scores)]) -> Vec<Place> {
    let call = ws.call();
    let key = |a: &Application, s: &Scores| -> Vec<Key> {
        let mut key = vec![Key::High(s.total.unwrap_or(Decimal::ZERO))];
        for tb in &call.tie_breaks {
            key.push(match tb {
                TieBreak::Criterion(id) => Key::High(s.points(id).unwrap_or(Decimal::ZERO)),
                TieBreak::EarlierSubmission => Key::Low(a.received_at.timestamp().as_nanosecond()),
                TieBreak::LowerRequested => Key::Low(a.requested.value().mantissa()),
            });
        }
        key
    };
    let mut list: Vec<(Vec<Key>, &Application)> =
        eligible.iter().map(|(a, s)| (key(a, s), *a)).collect();
    // The protocol only makes the order of a still-tied group stable; it never separates them.
    list.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| x.1.protocol.cmp(&y.1.protocol)));

    let mut places = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let mut j = i + 1;
        while j < list.len() && list[j].0 == list[i].0 {
            j += 1;
        }
        let group: Vec<&Protocol> = list[i..j].iter().map(|(_, a)| &a.protocol).collect();
        let first_rank = places.len() as u32 + 1;
        if group.len() == 1 {
            places.push(Place {
                rank: first_rank,
                protocol: group[0].clone(),
                tie: Tie::None,
            });
        } else if let Some((session, order)) = draw_for(ws, lot, &group) {
            for (k, p) in order.iter().enumerate() {
                places.push(Place {
                    rank: first_rank + k as u32,
                    protocol: p.clone(),
                    tie: Tie::SettledByDraw {
                        session: session.clone(),
                        with: group
                            .iter()
                            .filter(|q| **q != p)
                            .map(|q| (*q).clone())
                            .collect(),
                    },
                });
            }
        } else {
            for p in &group {
                places.push(Place {
                    rank: first_rank,
                    protocol: (*p).clone(),
                    tie: Tie::Unresolved {
                        with: group
                            .iter()
                            .filter(|q| *q != p)
                            .map(|q| (*q).clone())
                            .collect(),
                    },
                });
            }
        }
        i = j;
    }
    places
}

/// A sort key part: higher first, or lower first.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    High(Decimal),
    Low(i128),
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::High(a), Key::High(b)) => b.cmp(a),
            (Key::Low(a), Key::Low(b)) => a.cmp(b),
            // Keys are built in the same shape for every application.
            (Key::High(_), Key::Low(_)) => Ordering::Less,
            (Key::Low(_), Key::High(_)) => Ordering::Greater,
        }
    }
}

/// The latest draw of this lot that orders the whole group, in the session order.
fn draw_for(
    ws: &Workspace,
    lot: &LotId,
    group: &[&Protocol],
) -> Option<(SessionId, Vec<Protocol>)> {
    let mut found = None;
    for session in ws.sessions_in_order() {
        for draw in session.draws.iter().filter(|d| &d.lot == lot) {
            if group.iter().all(|p| draw.order.contains(p)) {
                let position: BTreeMap<&Protocol, usize> =
                    draw.order.iter().enumerate().map(|(i, p)| (p, i)).collect();
                let mut order: Vec<Protocol> = group.iter().map(|p| (*p).clone()).collect();
                order.sort_by_key(|p| position.get(p).copied().unwrap_or(usize::MAX));
                found = Some((session.id.clone(), order));
            }
        }
    }
    found
}
