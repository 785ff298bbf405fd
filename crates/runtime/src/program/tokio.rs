//! Tokio's current-thread runtime's rules of order, on the browser's thread: the executor's turn
//! for a program read from Rust ([`Rules::Tokio`]).
//!
//! The rules are the model's (`python::asyncio::tokio`, whose module doc gives them and how they
//! were measured): the top is polled first whenever it was woken, and it polls the futures it
//! joins itself (`futures::join!` in the order written, `tokio::join!` one further on at each
//! poll); then the run queue runs to its end; then the timers that are due wake their tasks, in
//! the order they are due, and the tasks that yielded are woken after them. `block_on` returns the
//! moment its future is ready. A turn goes round those three until nothing is woken, then waits
//! behind one browser timeout for the next timer, as asyncio's turns do.
//!
//! [`Rules::Tokio`]: kitchen_model::python::program::Rules::Tokio

use std::rc::Rc;

use kitchen_model::EventKind;
use kitchen_model::turns::Turns;

use super::executor::{Exec, next_ready};

impl Exec {
    fn turns(&self) -> Option<std::cell::RefMut<'_, Turns>> {
        self.tokio.as_ref().map(|s| s.borrow_mut())
    }

    /// `yield_now`: by Tokio's rules the task is woken after the timers at the next park.
    pub(super) fn defer(&self, task: usize) {
        if let Some(mut turns) = self.turns() {
            turns.defer(task);
        }
        super::executor::ensure_turn();
    }

    /// One turn by Tokio's rules: the top, the run queue, the park, until nothing is woken.
    pub(super) fn turn_tokio(self: &Rc<Self>) {
        self.turn_scheduled.set(false);
        self.timeout.borrow_mut().take();
        loop {
            while self.take_main_woken() {
                self.poll_top();
                if self.error.borrow().is_some() {
                    self.finish_run();
                    return;
                }
                if self.stopping.replace(false) {
                    self.stop();
                }
            }
            while let Some(ready) = next_ready() {
                self.callback(ready);
                if self.error.borrow().is_some() {
                    self.finish_run();
                    return;
                }
            }
            // The park: the timers due wake their tasks, then the tasks that yielded.
            let now = self.elapsed();
            loop {
                let due = self.timers.borrow_mut().pop_due(now);
                let Some(task) = due else {
                    break;
                };
                if let Some(slot) = self.slots.borrow_mut().get_mut(task) {
                    slot.fired = true;
                }
                self.record_on(task, |task| EventKind::TimerFired { task });
                self.wake(task);
            }
            let deferred = self
                .turns()
                .map(|mut t| t.take_deferred())
                .unwrap_or_default();
            for task in deferred {
                self.wake(task);
            }
            let woken = self.turns().is_some_and(|t| t.main_woken());
            if !woken && super::executor::ready_is_empty() {
                break;
            }
        }
        // Wakes during the turn asked for another; what is left waits for the next timer.
        self.turn_scheduled.set(false);
        self.next();
    }

    fn take_main_woken(&self) -> bool {
        self.turns().is_some_and(|mut t| t.take_main_woken())
    }

    /// One poll of the top: of the join it is in, if it is in one (each woken future of it, and
    /// the top itself once all have ended), or of its own code.
    fn poll_top(self: &Rc<Self>) {
        let top = self.top();
        let join_poll = self.turns().and_then(|mut t| t.join_poll());
        let Some((woken, members)) = join_poll else {
            self.poll(top);
            return;
        };
        for task in woken {
            self.poll(task);
            if self.error.borrow().is_some() {
                return;
            }
        }
        let all_done = {
            let slots = self.slots.borrow();
            members.iter().all(|&t| slots.get(t).is_none_or(|s| s.done))
        };
        if all_done {
            if let Some(mut turns) = self.turns() {
                turns.join_ended();
            }
            self.poll(top);
        }
    }
}
