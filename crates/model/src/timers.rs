//! Timers in the order an event loop fires them: the earliest due first, ties in the order armed.
//!
//! This file owns that order and nothing else: the prediction's browser loop (`predict::sim`), the
//! model of asyncio (`python::asyncio`) and the runtime's asyncio executor each keep their timers
//! here. A plain heap of deadlines would break ties arbitrarily; a sequence number, given as each
//! timer is armed, keeps them in arming order, as both the browser and asyncio (whose clock is read
//! anew for each timer, so no two are due at once) do.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Armed timers, each with what it stands for.
#[derive(Debug)]
pub struct Timers<T> {
    heap: BinaryHeap<Timer<T>>,
    armed: u64,
}

#[derive(Debug)]
struct Timer<T> {
    due: f64,
    seq: u64,
    item: T,
}

impl<T> PartialEq for Timer<T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<T> Eq for Timer<T> {}

impl<T> Ord for Timer<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: `BinaryHeap` is a max-heap and the earliest timer must come out first.
        other
            .due
            .total_cmp(&self.due)
            .then(other.seq.cmp(&self.seq))
    }
}

impl<T> PartialOrd for Timer<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Default for Timers<T> {
    fn default() -> Self {
        Timers {
            heap: BinaryHeap::new(),
            armed: 0,
        }
    }
}

impl<T> Timers<T> {
    /// Arms a timer due at `due` for `item`.
    pub fn arm(&mut self, due: f64, item: T) {
        self.armed += 1;
        self.heap.push(Timer {
            due,
            seq: self.armed,
            item,
        });
    }

    /// When the earliest timer is due, if any is armed.
    pub fn next_due(&self) -> Option<f64> {
        self.heap.peek().map(|t| t.due)
    }

    /// Takes the earliest timer, if it is due at `now` or before.
    pub fn pop_due(&mut self, now: f64) -> Option<T> {
        if self.next_due()? <= now {
            self.heap.pop().map(|t| t.item)
        } else {
            None
        }
    }

    /// Takes the earliest timer, and when it is due.
    pub fn pop(&mut self) -> Option<(f64, T)> {
        self.heap.pop().map(|t| (t.due, t.item))
    }

    /// Disarms every timer.
    pub fn clear(&mut self) {
        self.heap.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::Timers;

    #[test]
    fn the_earliest_comes_first_and_ties_in_the_order_armed() {
        let mut timers = Timers::default();
        for (due, name) in [(5.0, "b"), (1.0, "a"), (5.0, "c"), (3.0, "x")] {
            timers.arm(due, name);
        }
        assert_eq!(timers.pop_due(0.5), None);
        assert_eq!(timers.pop_due(1.0), Some("a"));
        assert_eq!(timers.next_due(), Some(3.0));
        let rest: Vec<_> = std::iter::from_fn(|| timers.pop()).collect();
        assert_eq!(rest, [(3.0, "x"), (5.0, "b"), (5.0, "c")]);
    }
}
