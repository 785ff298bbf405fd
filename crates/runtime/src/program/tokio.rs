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
use kitchen_model::python::program::{Join, Program};

use super::executor::{Exec, next_ready};

/// What Tokio's rules keep beside the executor.
pub(super) struct TokioState {
    /// Whether each task is a future the top polls itself (a part of a join).
    polled: Vec<bool>,
    /// Of those, which were woken since the top last polled them (or never polled yet).
    pub(super) branch_woken: Vec<bool>,
    /// Whether the top was woken since its last poll.
    pub(super) main_woken: bool,
    /// Tasks that yielded, woken after the timers.
    pub(super) deferred: Vec<usize>,
    /// The join the top is suspended in, with its kind.
    pub(super) joining: Option<(Vec<usize>, Join)>,
    /// How many times the top has polled that join.
    polls: usize,
}

impl TokioState {
    /// The state before a run of `program`: the top is woken, to be polled first.
    pub(super) fn new(program: &Program) -> TokioState {
        let polled = program.polled();
        TokioState {
            branch_woken: vec![false; polled.len()],
            polled,
            main_woken: true,
            deferred: Vec::new(),
            joining: None,
            polls: 0,
        }
    }

    /// Whether `task` is a future the top polls itself.
    pub(super) fn polled(&self, task: usize) -> bool {
        self.polled.get(task).copied().unwrap_or(false)
    }

    /// Whether a wake of `task` waits for the top's next poll: the top's own, and that of a
    /// future the top polls.
    pub(super) fn woken_for_top(&mut self, task: usize, top: usize) -> bool {
        if task == top {
            self.main_woken = true;
            return true;
        }
        if self.polled(task) {
            self.branch_woken[task] = true;
            self.main_woken = true;
            return true;
        }
        false
    }
}

impl Exec {
    fn state(&self) -> Option<std::cell::RefMut<'_, TokioState>> {
        self.tokio.as_ref().map(|s| s.borrow_mut())
    }

    /// `yield_now`: by Tokio's rules the task is woken after the timers at the next park.
    pub(super) fn defer(&self, task: usize) {
        if let Some(mut state) = self.state() {
            state.deferred.push(task);
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
                .state()
                .map(|mut s| std::mem::take(&mut s.deferred))
                .unwrap_or_default();
            for task in deferred {
                self.wake(task);
            }
            let woken = self.state().is_some_and(|s| s.main_woken);
            if !woken && super::executor::ready_is_empty() {
                break;
            }
        }
        // Wakes during the turn asked for another; what is left waits for the next timer.
        self.turn_scheduled.set(false);
        self.next();
    }

    fn take_main_woken(&self) -> bool {
        self.state()
            .is_some_and(|mut s| std::mem::replace(&mut s.main_woken, false))
    }

    /// One poll of the top: of the join it is in, if it is in one (each woken future of it, and
    /// the top itself once all have ended), or of its own code.
    fn poll_top(self: &Rc<Self>) {
        let top = self.top();
        let joining = self.state().and_then(|s| s.joining.clone());
        let Some((members, join)) = joining else {
            self.poll(top);
            return;
        };
        let start = self.state().map_or(0, |mut state| {
            let start = if join == Join::Rotate {
                state.polls % members.len().max(1)
            } else {
                0
            };
            state.polls += 1;
            start
        });
        for k in 0..members.len() {
            let task = members[(start + k) % members.len()];
            let woken = self
                .state()
                .is_some_and(|mut s| std::mem::replace(&mut s.branch_woken[task], false));
            if woken {
                self.poll(task);
                if self.error.borrow().is_some() {
                    return;
                }
            }
        }
        let all_done = {
            let slots = self.slots.borrow();
            members.iter().all(|&t| slots.get(t).is_none_or(|s| s.done))
        };
        if all_done {
            if let Some(mut state) = self.state() {
                state.joining = None;
                state.polls = 0;
            }
            self.poll(top);
        }
    }
}
