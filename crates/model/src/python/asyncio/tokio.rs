//! Tokio's current-thread runtime's rules of order, which a program read from Rust runs by
//! ([`Rules::Tokio`](crate::python::program::Rules::Tokio)): the model's loop (`Sim`) steps the
//! same tasks, only handed the thread in Tokio's order.
//!
//! This file owns that order and nothing else. Tokio's `block_on` loop (its current-thread
//! scheduler, `tokio/src/runtime/scheduler/current_thread`) polls the future it runs first
//! whenever that future was woken; that future polls the futures it joins itself, inside its own
//! poll (`futures::join!` in the order written, `tokio::join!` one further on at each poll); then
//! the scheduler runs the tasks in its run queue, first in, first out, until none is left; then it
//! parks, which fires the timers that are due (waking their tasks in the order they are due), and
//! wakes the tasks that called `yield_now` after those. `block_on` returns the moment its future
//! is ready, so tasks still queued then never run. Each rule was measured on Tokio 1.x with its
//! paused clock (the corpus in `rust/corpus`, run by `rust/tokio.rs`): for example, a task spawned
//! before a `join!` runs after the join's futures, and the top woken by a timer due at the same
//! instant as a spawned task's runs first, though the task's timer was armed first. (The run queue
//! is drained here to its end, where Tokio checks on the top after 61 tasks: no program the page
//! reads keeps 61 tasks ready at once.)

use super::Sim;
use crate::trace::{EventKind, Start};
use crate::turns::Turns;

impl Sim<'_, '_> {
    /// The loop by Tokio's rules, until nothing is woken, queued or armed.
    pub(super) fn go_tokio(&mut self) {
        let top = self.top();
        self.emit_on(top, |task| EventKind::TaskStart {
            task,
            how: Start::Scheduled,
        });
        while self.error.is_none() {
            // The top first, as often as it is woken (its joins' futures inside its poll).
            while self.take_main_woken() {
                self.poll_top(top);
                if self.error.is_some() {
                    return;
                }
                if self.stopping {
                    self.stopping = false;
                    if let Some(turns) = &mut self.tokio {
                        turns.stopped();
                    }
                    self.stop();
                }
            }
            // Then the run queue, to its end.
            while let Some(callback) = self.ready.pop_front() {
                self.callback(callback);
                if self.error.is_some() {
                    return;
                }
            }
            // Then the park: the clock moves on to the next timer if nothing else is to run, the
            // timers due wake their tasks, and then the tasks that yielded are woken.
            let idle = self
                .tokio
                .as_ref()
                .is_none_or(|t| !t.main_woken() && !t.any_deferred());
            if idle && self.ready.is_empty() {
                match self.timers.next_due() {
                    Some(due) => self.now = self.now.max(due),
                    None => break,
                }
            }
            while let Some(then) = self.timers.pop_due(self.now) {
                self.callback(then);
            }
            let deferred = self.tokio.as_mut().map(Turns::take_deferred);
            for task in deferred.unwrap_or_default() {
                self.wake(task);
            }
        }
    }

    fn take_main_woken(&mut self) -> bool {
        self.tokio.as_mut().is_some_and(Turns::take_main_woken)
    }

    /// One poll of the top: of the join it is in, if it is in one (each woken future of it, and
    /// the top itself once all have ended), or of its own code.
    fn poll_top(&mut self, top: usize) {
        let Some((woken, members)) = self.tokio.as_mut().and_then(Turns::join_poll) else {
            self.step(top);
            return;
        };
        for task in woken {
            if !self.tasks[task].started {
                continue;
            }
            self.step(task);
            if self.error.is_some() {
                return;
            }
        }
        if members.iter().all(|&t| self.tasks[t].done) {
            if let Some(turns) = &mut self.tokio {
                turns.join_ended();
            }
            self.step(top);
        }
    }
}
