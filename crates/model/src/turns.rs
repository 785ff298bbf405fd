//! Whose turn it is by Tokio's current-thread rules, for a program read from Rust
//! ([`Rules::Tokio`]): kept by the model's loop (`python::asyncio::tokio`) and by the runtime's
//! executor (`runtime::program::tokio`), which step the same tasks by the same rules.
//!
//! This file owns the bookkeeping of those rules and nothing else: the top (the future
//! `block_on` runs) is polled first whenever it was woken, and it polls the futures it joins
//! itself, inside its own poll, in the order written (`futures::join!`) or one further on at each
//! poll (`tokio::join!`); a task that yielded is woken after the timers at the next park. Who
//! steps a task, and when the clock moves, is each loop's own. The rules and how they were
//! measured are in `python::asyncio::tokio`'s module doc.
//!
//! [`Rules::Tokio`]: crate::python::program::Rules::Tokio

use crate::python::program::{Join, Program};

/// What Tokio's rules keep beside a loop.
#[derive(Debug)]
pub struct Turns {
    /// Whether each task is a future the top polls itself (a part of a join).
    polled: Vec<bool>,
    /// Of those, which were woken since the top last polled them (or never polled yet).
    branch_woken: Vec<bool>,
    /// Whether the top was woken since its last poll.
    main_woken: bool,
    /// Tasks that yielded, woken after the timers at the next park.
    deferred: Vec<usize>,
    /// The join the top is suspended in, with its kind.
    joining: Option<(Vec<usize>, Join)>,
    /// How many times the top has polled that join.
    polls: usize,
}

impl Turns {
    /// The turns before a run of `program`: the top is woken, to be polled first.
    pub fn new(program: &Program) -> Turns {
        let polled = program.polled();
        Turns {
            branch_woken: vec![false; polled.len()],
            polled,
            main_woken: true,
            deferred: Vec::new(),
            joining: None,
            polls: 0,
        }
    }

    /// Whether a wake of `task` waits for the top's next poll (the top's own wake, and that of a
    /// future the top polls), which it then notes.
    pub fn woken_for_top(&mut self, task: usize, top: usize) -> bool {
        if task == top {
            self.main_woken = true;
            return true;
        }
        if self.polled.get(task).copied().unwrap_or(false) {
            self.branch_woken[task] = true;
            self.main_woken = true;
            return true;
        }
        false
    }

    /// Whether a task the top starts is one it polls itself, which is then ready for its poll
    /// (else the loop queues it).
    pub fn started_by_top(&mut self, task: usize) -> bool {
        let polled = self.polled.get(task).copied().unwrap_or(false);
        if polled {
            self.branch_woken[task] = true;
        }
        polled
    }

    /// The top awaits a join it polls itself: it polls the join's futures at once, in this same
    /// poll of its own.
    pub fn join(&mut self, members: &[usize], join: Join) {
        self.joining = Some((members.to_vec(), join));
        self.main_woken = true;
    }

    /// Whether the top was woken since its last poll; the wake is taken.
    pub fn take_main_woken(&mut self) -> bool {
        std::mem::replace(&mut self.main_woken, false)
    }

    /// Whether the top was woken and waits for its poll.
    pub fn main_woken(&self) -> bool {
        self.main_woken
    }

    /// A task yielded: it is woken after the timers at the next park.
    pub fn defer(&mut self, task: usize) {
        self.deferred.push(task);
    }

    /// Whether a task that yielded waits for the park.
    pub fn any_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// The loop stopped (`block_on` returned): no yielded task is woken again.
    pub fn stopped(&mut self) {
        self.deferred.clear();
    }

    /// The tasks that yielded, to wake at the park.
    pub fn take_deferred(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.deferred)
    }

    /// The top's poll of the join it is in, if it is in one: the join's futures woken since its
    /// last poll, in the order it polls them (their wakes taken), and all of the join's futures.
    pub fn join_poll(&mut self) -> Option<(Vec<usize>, Vec<usize>)> {
        let (members, join) = self.joining.clone()?;
        let start = if join == Join::Rotate {
            self.polls % members.len().max(1)
        } else {
            0
        };
        self.polls += 1;
        let woken = (0..members.len())
            .map(|k| members[(start + k) % members.len()])
            .filter(|&t| std::mem::replace(&mut self.branch_woken[t], false))
            .collect();
        Some((woken, members))
    }

    /// The join's futures have all ended: the top goes on past it.
    pub fn join_ended(&mut self) {
        self.joining = None;
        self.polls = 0;
    }
}
