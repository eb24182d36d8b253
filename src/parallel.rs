//! Independent parts of a job on the machine's cores: the files of a workspace as it loads,
//! and the parts of the evaluation (each member's marks, each application's admissibility,
//! each lot, the diagnostics). The results come back in the order of the parts, so what comes
//! out is the same, to the byte, on one core or on many.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many applications a call is evaluated on one thread: starting threads would
/// cost more than it saves, and a typical call (10–50 applications) takes well under a
/// millisecond anyway.
pub(crate) const FROM_APPLICATIONS: usize = 200;

/// `items.iter().map(f).collect()`, on up to as many threads as the machine has cores when
/// `parallel`; each thread takes the next item not yet taken.
pub(crate) fn map<T: Sync, R: Send>(
    parallel: bool,
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = if parallel {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(items.len())
    } else {
        1
    };
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for handle in others {
            match handle.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// How many items [`ahead`] may make before they are used: enough to keep the second thread
/// busy, few enough that what waits stays small (a page or two of a verbale each).
const AHEAD: usize = 16;

/// `for item in items { consume(item, make(item)) }`, with `make` working ahead on a second
/// thread, at most [`AHEAD`] items ahead, while `consume` works on this one. The verbale sets
/// the next applications' tables while it places this one's on the page. `consume` gets the
/// items in their order, so what comes out is the same as on one thread.
pub(crate) fn ahead<T: Sync, R: Send>(
    items: &[T],
    make: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(&T, R),
) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || items.len() < 2 {
        for item in items {
            consume(item, make(item));
        }
        return;
    }
    std::thread::scope(|scope| {
        let (made, taken) = std::sync::mpsc::sync_channel(AHEAD);
        let make = &make;
        let maker = scope.spawn(move || {
            for item in items {
                // The consumer has stopped (it panicked): nothing more is wanted.
                if made.send(make(item)).is_err() {
                    break;
                }
            }
        });
        for item in items {
            // No more results means the maker panicked: its panic is raised below.
            let Ok(result) = taken.recv() else { break };
            consume(item, result);
        }
        drop(taken);
        if let Err(panic) = maker.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let square = |x: &u64| x * x;
        let expected: Vec<u64> = items.iter().map(square).collect();
        assert_eq!(map(true, &items, square), expected);
        assert_eq!(map(false, &items, square), expected);
        assert!(map(true, &[] as &[u64], square).is_empty());
    }

    #[test]
    fn what_is_made_ahead_is_used_in_order() {
        let items: Vec<u64> = (0..1000).collect();
        let mut used = Vec::new();
        ahead(&items, |x| x * 3, |x, r| used.push((*x, r)));
        let expected: Vec<(u64, u64)> = items.iter().map(|x| (*x, x * 3)).collect();
        assert_eq!(used, expected);
        let mut none = Vec::new();
        ahead(&[] as &[u64], |x| *x, |_, r| none.push(r));
        assert!(none.is_empty());
    }

    #[test]
    fn a_panic_while_making_reaches_the_caller() {
        let items: Vec<u64> = (0..100).collect();
        let outcome = std::panic::catch_unwind(|| {
            ahead(
                &items,
                |x| {
                    assert!(*x != 50, "fifty");
                    *x
                },
                |_, _| {},
            )
        });
        assert!(outcome.is_err());
    }
}
