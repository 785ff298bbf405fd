//! The page's side of a threads run's GIL: one lock over the threads (the pool's cooks), kept by the
//! page's thread, handed over by messages.
//!
//! This is CPython's rule since 3.2 (`Python/ceval_gil.h`): a thread that asks for a GIL another
//! holds waits for it; once it has waited a switch interval (5 ms) with no change of hands, the
//! holder is asked to drop it, and the GIL goes to the threads that asked, in the order they asked.
//! The page keeps that queue and the interval's timer; the threads keep their facts. A thread handed
//! the GIL while others wait is told to hand it over after one interval, which is when CPython's
//! waiter would ask: the hand-over then costs no drop request.
//!
//! The lock lives on the page because the page is the one place every worker can reach without
//! shared memory, which a page gets only when it is cross-origin isolated (most static hosts send
//! no such headers; where they do, the lock is `shared_gil`'s instead). A hand-over here costs two
//! messages (the release to the page, the grant
//! to the next thread), which the threads' facts measure: that is the hand-over latency the
//! prediction is given.
//!
//! This module owns the lock's state and the messages it sends; `dispatch` drives the run.

use std::collections::VecDeque;

use super::pool;

/// The GIL as the page keeps it.
pub(super) struct Lock {
    /// The switch interval, in milliseconds.
    switch_ms: f64,
    /// The thread (cook) that holds it, or has been handed it.
    holder: Option<usize>,
    /// The threads that asked for it, in order.
    waiters: VecDeque<usize>,
    /// When the first waiter's switch interval runs out, if someone waits: on the page's clock.
    deadline: Option<f64>,
    /// Whether the holder has been asked to drop it since it took it.
    asked: bool,
}

impl Lock {
    /// A free lock with CPython's switch interval.
    pub(super) fn new(switch_ms: f64) -> Lock {
        Lock {
            switch_ms,
            holder: None,
            waiters: VecDeque::new(),
            deadline: None,
            asked: false,
        }
    }

    /// Thread `cook` asks for the GIL at `now`.
    pub(super) fn want(&mut self, cook: usize, now: f64) {
        if self.holder.is_none() && self.waiters.is_empty() {
            self.give(cook);
            return;
        }
        self.waiters.push_back(cook);
        if self.deadline.is_none() && !self.asked {
            self.deadline = Some(now + self.switch_ms);
        }
    }

    /// Thread `cook` lets the GIL go at `now`; `again`: it asks for it again at once (a drop
    /// request honoured), behind the threads already waiting.
    pub(super) fn release(&mut self, cook: usize, again: bool, now: f64) {
        if self.holder != Some(cook) {
            return;
        }
        self.holder = None;
        match self.waiters.pop_front() {
            Some(next) => self.give(next),
            None => self.deadline = None,
        }
        if again {
            self.want(cook, now);
        }
    }

    /// When the lock next needs the page's attention without a message: a waiter's interval.
    pub(super) fn deadline(&self) -> Option<f64> {
        self.deadline
    }

    /// Time has reached `now`: a waiter whose switch interval ran out asks the holder to drop the
    /// GIL (once per hold; the holder answers when its current slice of work ends).
    pub(super) fn tick(&mut self, now: f64) {
        if self.deadline.is_some_and(|d| d <= now) {
            self.deadline = None;
            if let Some(holder) = self.holder {
                self.asked = true;
                pool::post(holder, &pool::message(&[("k", "drop".into())]));
            }
        }
    }

    /// Hands the GIL to `cook`. A thread still waiting starts its switch interval again
    /// now, so the new holder is told to hold it for one interval and hand it over then, which it
    /// does on its own clock: no drop request, and no pause in its work to listen for one. A
    /// holder nobody waits for holds it until it sleeps, ends, or hears a drop request.
    fn give(&mut self, cook: usize) {
        self.holder = Some(cook);
        self.deadline = None;
        self.asked = !self.waiters.is_empty();
        let take = if self.asked {
            pool::message(&[("k", "take".into()), ("for", self.switch_ms.into())])
        } else {
            pool::message(&[("k", "take".into())])
        };
        pool::post(cook, &take);
    }
}
